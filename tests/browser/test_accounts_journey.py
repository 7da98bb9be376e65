"""Accounts in Chromium: someone who registered but never confirmed signs
in, asks for the confirmation again, opens the new link and confirms with
their password; the pages on the way pass axe."""
import re
import uuid

from selenium.webdriver.common.by import By

from conftest import URL, sql, wait_for_mail
from test_journeys import AXE, d, wait_url  # noqa: F401  (the shared browser fixture)

PASSWORD = "Кубань-гранты-2026"


def axe_violations(d):
    d.execute_script(open(AXE).read())
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")


def type_into(d, values):
    for name, value in values.items():
        el = d.find_element(By.NAME, name)
        el.clear()
        el.send_keys(value)


def test_unconfirmed_sign_in_sends_the_link_again_and_the_password_confirms(d):
    sql("DELETE FROM rate_events")
    d.delete_all_cookies()
    email = f"again-{uuid.uuid4().hex[:8]}@example.ru"
    d.get(f"{URL}/register")
    type_into(d, {"email": email, "password": PASSWORD, "password2": PASSWORD,
                  "name": "Ирина Повторова"})
    d.find_element(By.ID, "consent").click()
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "sent=1" in u)
    first = wait_for_mail(lambda m: m["To"] == email).get_content()

    # the mail is lost; signing in says why and offers it again
    d.get(f"{URL}/login")
    type_into(d, {"email": email, "password": PASSWORD})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    assert "ещё не подтверждён" in d.find_element(By.CSS_SELECTOR, ".form-error").text
    assert axe_violations(d) == []
    d.find_element(By.XPATH, "//button[normalize-space()='Отправить письмо ещё раз']").click()
    wait_url(d, lambda u: u.endswith("/register/resend?sent=1"))
    assert "новую ссылку" in d.find_element(By.CSS_SELECTOR, ".notice").text

    again = wait_for_mail(lambda m: m["To"] == email and m.get_content() != first)
    link = re.search(r"(http\S+/register/confirm\?token=[\w-]+)", again.get_content()).group(1)
    d.get(link)
    assert axe_violations(d) == []
    type_into(d, {"password": "не тот пароль 123"})
    d.find_element(By.CSS_SELECTOR, "main form button").click()
    assert "Пароль не подходит" in d.find_element(By.ID, "err-password").text
    type_into(d, {"password": PASSWORD})
    d.find_element(By.CSS_SELECTOR, "main form button").click()
    wait_url(d, lambda u: "/org" in u)
    assert "Адрес подтверждён" in d.page_source
