"""Comments in headless Chromium: a citizen comments on a project (the
captcha solved, a wrong answer first), staff approve it in /staff/comments,
it shows under the project; the pages pass axe and fit a 360 px screen."""
import re
import uuid

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD, URL, sql
from test_journeys import AXE, d, wait_url  # noqa: F401  (d: the browser fixture)

PID = sql("SELECT id FROM projects WHERE listed = 1 ORDER BY id LIMIT 1")[0][0]


def axe(drv):
    drv.execute_script(open(AXE).read())
    return drv.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', '))));")


def fits_360(drv):
    return drv.execute_script("return document.documentElement.scrollWidth "
                              "<= document.documentElement.clientWidth")


def answer(drv):
    label = drv.find_element(By.CSS_SELECTOR, "label[for=c-captcha]").text
    a, b = re.search(r"(\d) \+ (\d)", label).groups()
    return str(int(a) + int(b))


@pytest.fixture
def cleanup():
    before = int(sql("SELECT COALESCE(MAX(id), 0) FROM comments")[0][0])
    sql("DELETE FROM rate_events")
    yield
    sql(f"DELETE FROM comments WHERE id > {before}")


def test_citizen_comments_staff_approve_and_it_shows(d, cleanup):
    text = f"Спасибо за проект! Когда будет следующий набор? {uuid.uuid4().hex[:8]}"
    d.delete_all_cookies()
    d.get(f"{URL}/projects/{PID}")
    assert axe(d) == []
    d.find_element(By.ID, "c-name").send_keys("Полина Браузерова")
    d.find_element(By.ID, "c-email").send_keys("polina@example.ru")
    d.find_element(By.ID, "c-body").send_keys(text)
    # forms.js counts the characters as the server does
    assert d.find_element(By.ID, "count-c-body").text == f"{len(text)} / 2 000"
    d.find_element(By.ID, "c-consent").click()
    # a wrong answer first: the message next to the field, the text kept, a new question
    d.find_element(By.ID, "c-captcha").send_keys("99")
    d.find_element(By.CSS_SELECTOR, "#comment-form button[type=submit]").click()
    wait_url(d, lambda u: u.endswith(f"/projects/{PID}/comment"))
    assert "Ответ на пример неверный." in d.find_element(By.ID, "err-captcha").text
    assert d.find_element(By.ID, "c-body").get_attribute("value") == text
    assert axe(d) == []
    d.find_element(By.ID, "c-captcha").send_keys(answer(d))
    d.find_element(By.CSS_SELECTOR, "#comment-form button[type=submit]").click()
    wait_url(d, lambda u: f"/projects/{PID}?comment=sent" in u)
    assert d.find_element(By.CSS_SELECTOR, "#comments .notice").text == \
        "Спасибо! Ваш комментарий появится после проверки."
    assert text not in d.find_element(By.ID, "comments").text
    assert axe(d) == []

    # staff find it from their cabinet and approve it
    d.delete_all_cookies()
    d.get(f"{URL}/login")
    d.find_element(By.ID, "email").send_keys("staff@demo.grantfair.local")
    d.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "/cabinet" in u)
    d.get(f"{URL}/cabinet/staff")
    d.find_element(By.PARTIAL_LINK_TEXT, "Комментарии на модерации").click()
    wait_url(d, lambda u: u.endswith("/staff/comments"))
    cid = sql("SELECT MAX(id) FROM comments")[0][0]
    item = d.find_element(By.ID, f"comment-{cid}")
    assert text in item.text and "polina@example.ru" in item.text
    assert axe(d) == []
    item.find_element(By.CSS_SELECTOR, f"button[name=approve][value='{cid}']").click()
    wait_url(d, lambda u: "done=approve" in u)
    assert "Одобрено комментариев: 1." in d.find_element(By.CSS_SELECTOR, ".notice").text

    # anyone now reads it under the project, with name and date, never the address
    d.delete_all_cookies()
    d.get(f"{URL}/projects/{PID}")
    section = d.find_element(By.ID, "comments").text
    assert text in section
    assert re.search(r"Полина Браузерова, \d\d\.\d\d\.\d{4}", section)
    assert "polina@example.ru" not in d.page_source


@pytest.mark.parametrize("path", [f"/projects/{PID}", f"/projects/{PID}/comment",
                                  "/staff/comments"])
def test_comment_pages_fit_a_360px_screen(d, path):
    d.delete_all_cookies()
    if path.startswith("/staff"):
        d.get(f"{URL}/login")
        d.find_element(By.ID, "email").send_keys("staff@demo.grantfair.local")
        d.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form.form button").click()
        wait_url(d, lambda u: "/cabinet" in u)
    d.set_window_size(360, 800)
    try:
        d.get(f"{URL}{path}")
        assert d.execute_script("return window.innerWidth") <= 360
        assert fits_360(d), path
    finally:
        d.set_window_size(1280, 900)
