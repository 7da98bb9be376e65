"""Registration with email confirmation (one-time, expiring links)."""
import re
import uuid

import pytest
import requests

from conftest import URL, csrf_of, login, sql, wait_for_mail

PASSWORD = "Кубань-гранты-2026"


def register(s, **over):
    page = s.get(f"{URL}/register").text
    data = {"csrf": csrf_of(page), "email": f"ngo-{uuid.uuid4().hex[:10]}@example.ru",
            "password": PASSWORD, "password2": PASSWORD, "name": "Анна Регистрова",
            "phone": "+7 (861) 200-00-00", "consent": "1"}
    data.update(over)
    data = {k: v for k, v in data.items() if v is not None}
    return data, s.post(f"{URL}/register", data=data, allow_redirects=False)


def confirm_link(email):
    msg = wait_for_mail(lambda m: m["To"] == email)
    assert str(msg["subject"]) == "Подтвердите адрес электронной почты"
    return re.search(r"(/register/confirm\?token=[\w-]+)", msg.get_content()).group(1)


def test_register_confirm_and_log_in(s):
    data, r = register(s)
    assert r.status_code == 303 and r.headers["Location"] == "/register?sent=1"
    assert "Мы отправили письмо" in s.get(f"{URL}/register?sent=1").text
    # not confirmed yet: login refused with a clear message
    other = requests.Session()
    r = login(other, data["email"], PASSWORD)
    assert r.status_code == 403 and "ещё не подтверждён" in r.text
    link = confirm_link(data["email"])
    page = s.get(f"{URL}{link}")
    assert "Подтвердить адрес" in page.text          # GET alone confirms nothing
    assert sql(f"SELECT confirmed_at IS NULL FROM users WHERE email = '{data['email']}'")[0][0] == "1"
    token = link.split("=", 1)[1]
    r = s.post(f"{URL}/register/confirm", data={"csrf": csrf_of(page.text), "token": token},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/org?welcome=1"
    assert "Адрес подтверждён" in s.get(f"{URL}/org?welcome=1").text   # and logged in
    # the link works once
    again = s.get(f"{URL}{link}")
    assert "Ссылка недействительна" in again.text
    r = s.post(f"{URL}/register/confirm", data={"csrf": csrf_of(page.text), "token": token})
    assert r.status_code in (400, 403)
    assert login(requests.Session(), data["email"], PASSWORD).status_code == 303
    roles = sql(f"SELECT role FROM user_roles r JOIN users u ON u.id = r.user_id "
                f"WHERE u.email = '{data['email']}'")
    assert roles == [["applicant"]]


def test_expired_link_is_refused(s):
    data, _ = register(s)
    link = confirm_link(data["email"])
    sql("UPDATE email_tokens SET expires_at = NOW() - INTERVAL 1 SECOND WHERE purpose = 'confirm' "
        f"AND user_id = (SELECT id FROM users WHERE email = '{data['email']}')")
    page = s.get(f"{URL}{link}").text
    assert "Ссылка недействительна" in page
    csrf = csrf_of(s.get(f"{URL}/register").text)
    r = s.post(f"{URL}/register/confirm", data={"csrf": csrf, "token": link.split("=")[1]})
    assert r.status_code == 400 and "Ссылка недействительна" in r.text


@pytest.mark.parametrize("over,field,message", [
    ({"email": "not-an-email"}, "email", "Адрес электронной почты указан неверно"),
    ({"email": "staff@demo.grantfair.local"}, "email", "Этот адрес уже зарегистрирован"),
    ({"password": "short", "password2": "short"}, "password", "не короче 12 символов"),
    ({"password": "qwerty123456", "password2": "qwerty123456"}, "password", "самых распространённых"),
    ({"password2": "другой пароль 123"}, "password2", "Пароли не совпадают."),
    ({"name": ""}, "name", "Заполните это поле."),
    ({"phone": "звоните утром"}, "phone", "Телефон: цифры"),
    ({"consent": None}, "consent", "Без согласия на обработку персональных данных"),
])
def test_invalid_registration_is_refused_next_to_the_field(s, over, field, message):
    before = sql("SELECT COUNT(*) FROM users")[0][0]
    data, r = register(s, **over)
    assert r.status_code == 400
    assert message in r.text
    assert f'id="err-{field}"' in r.text
    assert sql("SELECT COUNT(*) FROM users")[0][0] == before
    if field != "name":
        assert 'value="Анна Регистрова"' in r.text       # typed values stay
    assert PASSWORD not in r.text                         # passwords are not echoed


def test_registration_requires_csrf(s):
    s.get(f"{URL}/register")
    r = s.post(f"{URL}/register", data={"email": "x@example.ru", "password": PASSWORD,
                                        "password2": PASSWORD, "name": "X", "consent": "1"})
    assert r.status_code == 403


def test_consent_text_is_shown(s):
    page = s.get(f"{URL}/register").text
    assert "152-ФЗ" in page and "О персональных данных" in page


def test_registrations_per_address_are_limited(clean_limits):
    for i in range(10):
        _, r = register(requests.Session())
        assert r.status_code == 303, i
    _, r = register(requests.Session())
    assert r.status_code == 429 and "слишком много регистраций" in r.text
