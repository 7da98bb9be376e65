"""Browser journeys of the statistics page and the project pages' photos
and handouts: the charts and tables at 360 px with axe-core's WCAG 2.1 AA
rules; an organization's member adds a captioned photo and a PDF handout
from «Мои заявки», and the public project page shows the thumbnail and
the handout."""
import os
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_PASSWORD, DIR, ROOT, URL, sql
from test_journeys import AXE, d, wait_url  # noqa: F401  (the shared browser fixture)

OWN = 301    # ngo@demo's listed project without media


def axe_violations(d):
    d.execute_script(open(AXE).read())
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")


def fits_360(d, path):
    d.set_window_size(360, 800)
    try:
        d.get(f"{URL}{path}")
        return d.execute_script("return document.documentElement.scrollWidth") <= 360
    finally:
        d.set_window_size(1280, 900)


def test_statistics_charts_and_tables_filtered_by_competition(d):
    d.delete_all_cookies()
    d.get(f"{URL}/")
    d.find_element(By.CSS_SELECTOR, 'a[href="/stats"]').click()
    wait_url(d, lambda u: u.endswith("/stats"))
    assert d.find_element(By.TAG_NAME, "h1").text == "Статистика конкурсов"
    charts = d.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    assert len(charts) == 6 and all(c.size["width"] > 0 for c in charts)
    assert axe_violations(d) == []
    Select(d.find_element(By.NAME, "competition")).select_by_value("4")
    d.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait_url(d, lambda u: "competition=4" in u)
    rows = d.find_elements(By.CSS_SELECTOR, "#table-year tbody tr")
    year = sql("SELECT YEAR(opens_at + INTERVAL 3 HOUR) FROM competitions WHERE id = 4")[0][0]
    assert [r.find_element(By.TAG_NAME, "th").text for r in rows] == [year]
    apps = sql("SELECT COUNT(*) FROM projects WHERE competition_id = 4"
               " AND status NOT IN ('draft', 'withdrawn')")[0][0]
    assert rows[0].find_elements(By.TAG_NAME, "td")[0].text == apps
    assert axe_violations(d) == []
    assert fits_360(d, "/stats")
    assert fits_360(d, "/stats?competition=4")


def test_a_member_adds_a_photo_and_a_handout_and_the_public_sees_them(d):
    try:
        d.delete_all_cookies()
        d.get(f"{URL}/login")
        d.find_element(By.NAME, "email").send_keys("ngo@demo.grantfair.local")
        d.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form.form button").click()
        wait_url(d, lambda u: "/login" not in u)
        d.get(f"{URL}/my")
        d.find_element(By.CSS_SELECTOR, f'a[href="/projects/{OWN}/media"]').click()
        wait_url(d, lambda u: u.endswith(f"/projects/{OWN}/media"))
        assert axe_violations(d) == []
        caption = f"Мастер-класс для волонтёров {uuid.uuid4().hex[:4]}"
        # a photo without its caption is refused, and nothing is lost
        d.find_element(By.ID, "kind-photo").click()
        d.find_element(By.ID, "file").send_keys(os.path.join(os.path.realpath(ROOT), "schema/demo/photo-2.jpg"))
        d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
        assert "Подпишите фотографию" in d.find_element(By.ID, "err-title").text
        assert axe_violations(d) == []
        d.find_element(By.ID, "file").send_keys(os.path.join(os.path.realpath(ROOT), "schema/demo/photo-2.jpg"))
        d.find_element(By.ID, "title").send_keys(caption)
        d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
        thumb = d.find_element(By.CSS_SELECTOR, f'img.media-thumb[alt="{caption}"]')
        assert d.execute_script("return arguments[0].naturalWidth", thumb) == 400
        d.find_element(By.ID, "kind-handout").click()
        d.find_element(By.ID, "file").send_keys(os.path.join(os.path.realpath(ROOT), "schema/demo/charter.pdf"))
        d.find_element(By.ID, "title").send_keys("Программа мастер-класса")
        d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
        d.find_element(By.LINK_TEXT, "Программа мастер-класса")

        d.delete_all_cookies()         # as a visitor; past the page cache
        d.get(f"{URL}/projects/{OWN}?v={uuid.uuid4().hex}")
        img = d.find_element(By.CSS_SELECTOR, f'.gallery img[alt="{caption}"]')
        assert d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) == 400
        assert d.find_element(By.CSS_SELECTOR, ".gallery figcaption").text == caption
        link = d.find_element(By.LINK_TEXT, "Программа мастер-класса")
        assert link.get_attribute("href").startswith(f"{URL}/media/")
        assert d.find_element(By.CSS_SELECTOR, 'meta[property="og:image"]').get_attribute("content") \
            .startswith(f"{URL}/media/")
        assert axe_violations(d) == []
        assert fits_360(d, f"/projects/{OWN}?v={uuid.uuid4().hex}")
        assert fits_360(d, "/projects/1")
    finally:
        for stored, thumb in sql(f"SELECT stored_name, IFNULL(thumb_name, '') FROM project_media"
                                 f" WHERE project_id = {OWN}"):
            for name in (stored, thumb):
                if name and os.path.exists(f"{DIR}/files/{name[:2]}/{name}"):
                    os.unlink(f"{DIR}/files/{name[:2]}/{name}")
        sql(f"DELETE FROM project_media WHERE project_id = {OWN}")
