"""Journeys people take, in headless Chromium (Debian chromium + chromedriver)."""
import os
import re
import uuid

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DEMO_PASSWORD, ROOT, URL, captcha_of, csrf_of, sql, wait_for_mail

AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")


def wait_url(d, pred):
    """Waits for the navigation a click started; returns the new URL."""
    WebDriverWait(d, 10).until(lambda drv: pred(drv.current_url))
    return d.current_url


@pytest.fixture(scope="module")
def d(tmp_path_factory):
    o = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic", "--window-size=1280,900",
              f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"]:
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    drv.implicitly_wait(3)
    yield drv
    drv.quit()


def test_visitor_browses_the_exhibition_by_municipality(d):
    d.get(f"{URL}/")
    d.find_element(By.LINK_TEXT, "Выставка проектов").click()
    assert d.find_element(By.TAG_NAME, "h1").text == "Выставка проектов"
    Select(d.find_element(By.NAME, "municipality")).select_by_visible_text("Краснодар")
    d.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait_url(d, lambda u: "municipality=5" in u)
    n = int(sql("SELECT COUNT(*) FROM projects WHERE listed = 1 AND municipality_id = 5")[0][0])
    assert d.find_element(By.ID, "found").text == f"Найдено проектов: {n}"
    first = d.find_element(By.CSS_SELECTOR, ".item h2 a")
    title = first.text
    first.click()
    wait_url(d, lambda u: re.search(r"/projects/\d+$", u))
    assert d.find_element(By.TAG_NAME, "h1").text == title
    assert "Краснодар" in d.find_element(By.CSS_SELECTOR, ".card-data").text


def test_citizen_sends_an_idea_and_staff_get_the_alert(d):
    sql("DELETE FROM rate_events")
    d.get(f"{URL}/ideas")
    d.find_element(By.ID, "name").send_keys("Мария Браузерова")
    d.find_element(By.ID, "email").send_keys("maria@example.ru")
    Select(d.find_element(By.ID, "municipality")).select_by_visible_text("Сочи")
    text = "Проводить выставку проектов НКО дважды в год, в том числе онлайн."
    d.find_element(By.ID, "body").send_keys(text)
    d.find_element(By.ID, "consent").click()
    # first a wrong answer: the error shows next to the field and the text stays
    d.find_element(By.ID, "captcha").send_keys("99")
    d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    assert "Ответ на пример неверный." in d.find_element(By.ID, "err-captcha").text
    assert d.find_element(By.ID, "body").get_attribute("value") == text
    label = d.find_element(By.CSS_SELECTOR, "label[for=captcha]").text
    a, b = re.search(r"(\d) \+ (\d)", label).groups()
    d.find_element(By.ID, "captcha").send_keys(str(int(a) + int(b)))
    d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    assert "Спасибо! Ваше предложение отправлено." in d.find_element(By.CSS_SELECTOR, ".notice").text
    msg = wait_for_mail(lambda m: "Мария Браузерова" in str(m["subject"]))
    assert text in msg.get_content()


def send_idea(name, body):
    """A citizen sends an idea over plain HTTP (the form itself is tested above)."""
    with requests.Session() as s:
        page = s.get(f"{URL}/ideas").text
        tok, answer = captcha_of(page)
        r = s.post(f"{URL}/ideas", allow_redirects=False, data={
            "csrf": csrf_of(page), "captcha_token": tok, "captcha": answer, "name": name,
            "email": "ideas@example.ru", "municipality": "7", "body": body, "consent": "1"})
        assert r.status_code == 303, r.text


def test_staff_member_logs_in_sees_ideas_and_logs_out(d):
    sql("DELETE FROM rate_events")
    body = f"Идея для кабинета сотрудника {uuid.uuid4().hex[:8]}"
    send_idea("Мария Кабинетова", body)
    d.delete_all_cookies()
    d.get(f"{URL}/cabinet/staff")
    wait_url(d, lambda u: "/login" in u)        # sent to log in first
    d.find_element(By.ID, "email").send_keys("staff@demo.grantfair.local")
    d.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: u.endswith("/cabinet/staff"))   # back where they wanted to go
    assert "Кузнецова Мария Андреевна" in d.find_element(By.CLASS_NAME, "who").text
    assert "Мария Кабинетова" in d.page_source and body in d.page_source
    d.find_element(By.CSS_SELECTOR, "header form.inline button").click()
    assert d.find_element(By.LINK_TEXT, "Войти")


@pytest.mark.parametrize("path", ["/", "/projects", "/projects/1", "/ideas", "/login",
                                  "/register", "/news", "/competitions/1", "/nope", "/results",
                                  "/results/3", "/results/data"])
def test_pages_pass_axe_accessibility_checks(d, path):
    d.get(f"{URL}{path}")
    d.execute_script(open(AXE).read())
    result = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")
    assert result == [], result


@pytest.mark.parametrize("path", ["/", "/projects", "/projects/1", "/ideas", "/results",
                                  "/results/3", "/results/data"])
def test_pages_fit_a_phone_screen(d, path):
    d.set_window_size(375, 800)
    try:
        d.get(f"{URL}{path}")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 375
    finally:
        d.set_window_size(1280, 900)
