"""What an applicant types into the application form, in Chromium: a long
pasted text is kept whole (the browser never cuts it), a counter shows its
length against the limit and the server refuses it with both numbers; a
date typed as text that is not a date stays in its field; a row is deleted
by ticking its box; a submitted application reads as text."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from applicant import CARD, TEAM, Ngo, dates
from conftest import URL
from test_journeys import d  # noqa: F401  (the shared browser fixture)


def as_ngo(d, ngo, path):
    d.delete_all_cookies()
    d.get(f"{URL}/")
    for c in ngo.s.cookies:
        d.add_cookie({"name": c.name, "value": c.value, "path": "/"})
    d.get(f"{URL}{path}")


def save(d):
    d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda drv: "saved=1" in drv.current_url or
                               drv.find_elements(By.CSS_SELECTOR, ".form-error"))


def test_a_long_text_is_kept_whole_counted_and_refused_with_its_length(d):
    ngo = Ngo()
    app = ngo.new_app()
    s, e = dates()
    assert ngo.section(app, "card", dict(CARD, starts_on=s, ends_on=e)).status_code == 303
    as_ngo(d, ngo, f"/applications/{app}/card")
    text = ("Очень длинное описание проекта. " * 40).strip()            # 1279 characters
    box = d.find_element(By.ID, "summary")
    box.clear()
    box.send_keys(text)
    assert len(box.get_attribute("value")) == len(text)              # nothing cut while typing
    counter = d.find_element(By.ID, "count-summary")
    assert counter.text.replace("\u00a0", " ").startswith("1 279 / 1 000")
    assert "over" in counter.get_attribute("class")
    save(d)
    assert d.find_element(By.ID, "summary").get_attribute("value") == text
    err = d.find_element(By.ID, "err-summary").text
    assert err == "Не длиннее 1000 символов (сейчас 1279)."
    d.find_element(By.ID, "summary").clear()
    d.find_element(By.ID, "summary").send_keys("Коротко.")
    assert d.find_element(By.ID, "count-summary").text.replace("\u00a0", " ") == "8 / 1 000"
    assert "over" not in d.find_element(By.ID, "count-summary").get_attribute("class")


def test_a_date_that_is_not_one_stays_in_its_field_as_typed(d):
    """A browser without a date picker (or a paste) sends 31.02.2027; the
    page must show it back, not a blank date field."""
    ngo = Ngo()
    app = ngo.new_app()
    s, e = dates()
    assert ngo.section(app, "card", dict(CARD, starts_on="31.02.2027", ends_on=e)).status_code == 400
    as_ngo(d, ngo, f"/applications/{app}/card")
    assert d.find_element(By.ID, "starts_on").get_attribute("value") == "31.02.2027"
    assert "Такой даты нет в календаре" in d.find_element(By.ID, "err-starts_on").text
    ends = d.find_element(By.ID, "ends_on")
    assert ends.get_attribute("type") == "date" and ends.get_attribute("value") == e


def test_a_row_is_deleted_by_ticking_its_box(d):
    ngo = Ngo()
    app = ngo.new_app()
    team = dict(TEAM, **{"m.1.name": "Петров Пётр Петрович", "m.1.role": "Бухгалтер"})
    assert ngo.section(app, "team", team).status_code == 303
    as_ngo(d, ngo, f"/applications/{app}/team")
    box = d.find_element(By.NAME, "m.1.del")
    d.find_element(By.CSS_SELECTOR, f'label[for="{box.get_attribute("id")}"]').click()
    row = box.find_element(By.XPATH, "ancestor::div[contains(concat(' ', @class, ' '), ' row ')][1]")
    assert "deleting" in row.get_attribute("class")                 # shown struck out before saving
    save(d)
    assert "Раздел сохранён." in d.page_source
    names = [el.get_attribute("value") for el in d.find_elements(By.CSS_SELECTOR, 'input[name$=".name"]')]
    assert names[0] == TEAM["m.0.name"] and "Петров Пётр Петрович" not in names


def test_a_submitted_application_reads_as_text(d):
    ngo = Ngo()
    app = ngo.new_app()
    ngo.fill(app)
    assert ngo.submit(app).status_code == 303
    as_ngo(d, ngo, f"/applications/{app}/card")
    main = d.find_element(By.TAG_NAME, "main")
    assert not main.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), textarea, select")
    assert CARD["summary"] in main.text
    assert re.search(r"Заявка подана.*отзовите", d.find_element(By.CSS_SELECTOR, ".notice.readonly").text,
                     re.S)


AXE_RUN = ("const done = arguments[arguments.length - 1];"
           "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
           ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' +"
           " v.nodes.map(n => n.target.join(' ')).join(', '))));")


def test_section_pages_pass_axe_and_fit_a_phone_both_editable_and_as_text(d):
    from test_journeys import AXE
    ngo = Ngo()
    draft = ngo.new_app()
    ngo.fill(draft)
    ngo.section(draft, "budget", {"b.0.cat": "1", "b.0.name": "Педагог", "b.0.price": "сто",
                                  "b.0.qty": "1"})                       # errors and a line left out
    other = Ngo()                                  # one application per organization
    sent = other.new_app()
    other.fill(sent)
    assert other.submit(sent).status_code == 303
    for who, app in ((ngo, draft), (other, sent)):
        for section in ("card", "team", "plan", "budget", "consent"):
            as_ngo(d, who, f"/applications/{app}/{section}")
            d.execute_script(open(AXE).read())
            assert d.execute_async_script(AXE_RUN) == [], (app, section)
            d.set_window_size(390, 800)
            try:
                d.get(f"{URL}/applications/{app}/{section}")
                assert d.execute_script("return document.documentElement.scrollWidth") <= 390, (app, section)
            finally:
                d.set_window_size(1280, 900)
