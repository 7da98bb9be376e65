"""The public competitions and resource centres in headless Chromium: a person
finds their district's centre, requests a consultation, sees its number, and
the centre's mail arrives; axe-core and a 360 px screen on each page."""
import re
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import URL, sql, wait_for_mail
from test_journeys import AXE, d, wait_url   # noqa: F401  (d: the module's Chromium)


def test_person_requests_a_consultation_from_their_districts_centre(d):
    sql("DELETE FROM rate_events WHERE bucket LIKE 'centres:%'")
    d.get(f"{URL}/centres")
    Select(d.find_element(By.ID, "municipality")).select_by_visible_text("Ейский район")
    d.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait_url(d, lambda u: "municipality=16" in u)
    assert [h.text for h in d.find_elements(By.CSS_SELECTOR, "main h2")] == ["Ейский район"]
    d.find_element(By.LINK_TEXT, "Ейский ресурсный центр некоммерческих организаций").click()
    wait_url(d, lambda u: re.search(r"/centres/\d+$", u))
    question = f"Как подготовить бюджет проекта для конкурса? {uuid.uuid4().hex[:8]}"
    d.find_element(By.ID, "name").send_keys("Анна Ейская")
    d.find_element(By.ID, "organization").send_keys("АНО «Приазовье»")
    d.find_element(By.ID, "email").send_keys("anna.eysk@example.ru")
    d.find_element(By.ID, "question").send_keys(question)
    d.find_element(By.ID, "consent").click()
    label = d.find_element(By.CSS_SELECTOR, "label[for=captcha]").text
    a, b = re.search(r"(\d) \+ (\d)", label).groups()
    d.find_element(By.ID, "captcha").send_keys(str(int(a) + int(b)))
    d.find_element(By.CSS_SELECTOR, "#request button[type=submit]").click()
    number = d.find_element(By.CSS_SELECTOR, "#sent .request-number").text
    assert re.fullmatch(r"К-\d{4}-\d{5,}", number)
    assert "Запрос на консультацию отправлен" in d.find_element(By.ID, "sent").text
    msg = wait_for_mail(lambda m: m["To"] == "rc-eysk@example.ru" and number in str(m["subject"]))
    text = msg.get_content()
    assert question in text and "Анна Ейская" in text and "anna.eysk@example.ru" in text


def test_a_refused_request_keeps_the_text_and_says_why(d):
    d.get(f"{URL}/centres/1")
    d.find_element(By.ID, "name").send_keys("Без контактов")
    d.find_element(By.ID, "question").send_keys("Вопрос без адреса и телефона для ответа.")
    d.find_element(By.CSS_SELECTOR, "#request button[type=submit]").click()
    err = d.find_element(By.ID, "err-email").text
    assert "Укажите адрес электронной почты или телефон" in err
    assert d.find_element(By.ID, "question").get_attribute("value") == \
        "Вопрос без адреса и телефона для ответа."


PAGES = ["/competitions", "/centres", "/centres?municipality=5", "/centres/1"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_pass_axe_accessibility_checks(d, path):
    d.get(f"{URL}{path}")
    d.execute_script(open(AXE).read())
    result = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")
    assert result == [], result


def test_form_with_errors_passes_axe(d):
    d.get(f"{URL}/centres/1")
    d.find_element(By.CSS_SELECTOR, "#request button[type=submit]").click()
    assert d.find_element(By.ID, "err-name")
    d.execute_script(open(AXE).read())
    result = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")
    assert result == [], result


@pytest.mark.parametrize("path", PAGES)
def test_pages_fit_a_360_px_screen(d, path):
    d.set_window_size(360, 800)
    try:
        d.get(f"{URL}{path}")
        width = d.execute_script("return window.innerWidth")
        assert width <= 360
        assert d.execute_script("return document.documentElement.scrollWidth") <= width
    finally:
        d.set_window_size(1280, 900)
