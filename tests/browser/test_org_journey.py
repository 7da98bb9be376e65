"""An NGO's representative keeps the organization profile up to date in
Chromium: a site typed without https://, then a change with one mistake —
what is right is saved and the page says so, the mistake waits next to
its field with what was typed."""
import os
import uuid

from selenium.webdriver.common.by import By

from conftest import URL, make_user, random_inn_ogrn, sql
from test_journeys import AXE, d, wait_url  # noqa: F401  (the shared browser fixture)
from test_apply_journey import fill


def axe_violations(d):
    d.execute_script(open(AXE).read())
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")


def test_a_profile_with_one_mistake_saves_the_rest_and_says_so(d):
    assert os.path.exists(AXE)
    email = f"org-journey-{uuid.uuid4().hex[:8]}@example.ru"
    password = make_user(email)
    d.delete_all_cookies()
    d.get(f"{URL}/login")
    fill(d, {"email": email, "password": password})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "/login" not in u)

    d.get(f"{URL}/org")
    inn, ogrn = random_inn_ogrn()
    fill(d, {"full_name": "Автономная некоммерческая организация «Профиль»",
             "short_name": "АНО «Профиль»", "legal_form": "Автономная некоммерческая организация",
             "inn": inn, "ogrn": ogrn, "kpp": "231001001", "address": "г. Краснодар, ул. Северная, 5",
             "municipality": "5", "head_name": "Профилева Анна", "head_position": "Директор",
             "phone": "+7 861 200 00 01", "email": "info@profile-ngo.ru",
             "website": "profile-ngo.ru"})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "saved=1" in u)
    assert d.find_element(By.ID, "website").get_attribute("value") == "https://profile-ngo.ru"

    fill(d, {"short_name": "АНО «Профиль плюс»", "kpp": "23100100"})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    alert = d.find_element(By.CSS_SELECTOR, "p.form-error[role=alert]").text
    assert alert.startswith("Сохранено всё, кроме полей, отмеченных ниже")
    assert "КПП — 9 знаков" in d.find_element(By.ID, "err-kpp").text
    assert d.find_element(By.ID, "kpp").get_attribute("value") == "23100100"
    assert sql(f"SELECT short_name, kpp FROM organizations WHERE inn = '{inn}'") == \
        [["АНО «Профиль плюс»", "231001001"]]
    assert axe_violations(d) == []

    fill(d, {"kpp": "231001002"})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "saved=1" in u)
    assert "Профиль сохранён." in d.page_source
    assert sql(f"SELECT kpp FROM organizations WHERE inn = '{inn}'") == [["231001002"]]
