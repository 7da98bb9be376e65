"""Login, logout, sessions, throttling and the role pages."""
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, URL, csrf_of, login, make_user, sql


def test_login_page_and_successful_login(s):
    r = login(s, "staff@demo.grantfair.local", DEMO_PASSWORD)
    assert r.status_code == 303 and r.headers["Location"] == "/cabinet"
    cookie = [c for c in r.headers.get("Set-Cookie", "").split(", ") if c.startswith("gf_sid=")]
    assert cookie and "HttpOnly" in cookie[0] and "SameSite=Lax" in cookie[0]
    page = s.get(f"{URL}/cabinet").text
    assert "Вы вошли как <strong>Кузнецова Мария Андреевна</strong>" in page
    # the token is stored only as a hash
    token = s.cookies["gf_sid"]
    assert sql(f"SELECT COUNT(*) FROM sessions WHERE token_hash = '{token}'")[0][0] == "0"


def test_wrong_password_and_unknown_email_look_the_same(s):
    page = s.get(f"{URL}/login").text
    a = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": "staff@demo.grantfair.local",
                                     "password": "wrong-password"})
    b = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": "nobody@example.org",
                                     "password": "wrong-password"})
    assert a.status_code == b.status_code == 401
    assert "Неверный адрес электронной почты или пароль." in a.text
    assert "Неверный адрес электронной почты или пароль." in b.text
    assert 'value="nobody@example.org"' in b.text        # the email stays in the field
    assert "wrong-password" not in b.text                  # the password does not


def test_login_requires_csrf(s):
    s.get(f"{URL}/login")
    r = s.post(f"{URL}/login", data={"email": "staff@demo.grantfair.local",
                                     "password": DEMO_PASSWORD}, allow_redirects=False)
    assert r.status_code == 403
    assert "gf_sid" not in s.cookies


def test_login_validation_messages(s):
    page = s.get(f"{URL}/login").text
    r = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": "", "password": ""})
    assert r.status_code == 400
    assert "Укажите адрес электронной почты" in r.text and "Введите пароль." in r.text


def test_failed_logins_are_throttled_per_account(s, clean_limits):
    who = f"throttle-{uuid.uuid4().hex[:8]}@example.org"
    make_user(who, password="right-password-1")
    page = s.get(f"{URL}/login").text
    for _ in range(5):
        r = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": who,
                                         "password": "wrong-password"})
        assert r.status_code == 401
    r = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": who,
                                     "password": "right-password-1"}, allow_redirects=False)
    assert r.status_code == 429
    assert "Слишком много неудачных попыток входа" in r.text
    # another account from the same address is not locked out
    ok = login(requests.Session(), "expert@demo.grantfair.local", DEMO_PASSWORD)
    assert ok.status_code == 303


def test_next_parameter_is_followed_only_on_this_site(s):
    for nxt, expect in [("/cabinet/staff", "/cabinet/staff"), ("//evil.example", "/cabinet"),
                        ("https://evil.example/", "/cabinet"), ("/\\evil.example", "/cabinet")]:
        sess = requests.Session()
        page = sess.get(f"{URL}/login", params={"next": nxt}).text
        r = sess.post(f"{URL}/login", data={"csrf": csrf_of(page), "next": nxt,
                                            "email": "staff@demo.grantfair.local",
                                            "password": DEMO_PASSWORD}, allow_redirects=False)
        assert r.headers["Location"] == expect, nxt


def test_logout_requires_post_with_csrf_and_ends_the_session(s):
    login(s, "staff@demo.grantfair.local", DEMO_PASSWORD)
    token = s.cookies["gf_sid"]
    assert s.post(f"{URL}/logout", data={"csrf": "forged"}).status_code == 403
    assert "Вы вошли как" in s.get(f"{URL}/cabinet").text
    page = s.get(f"{URL}/logout").text
    r = s.post(f"{URL}/logout", data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/"
    # even with the old cookie the session is gone
    old = requests.Session()
    old.cookies.set("gf_sid", token)
    assert old.get(f"{URL}/cabinet", allow_redirects=False).status_code == 303


def test_cabinet_requires_login(s):
    r = s.get(f"{URL}/cabinet/staff", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login?next=%2Fcabinet%2Fstaff"


@pytest.mark.parametrize("who,role,text", [
    ("ngo", "applicant", "АНОО ДПО «Центр ППК ТДК»"),
    ("expert", "expert", "Кабинет эксперта"),
    ("staff", "staff", "Новых идей и предложений"),
    ("secretary", "secretary", "Кабинет секретаря комиссии"),
    ("admin", "admin", "admin@demo.grantfair.local"),
])
def test_each_role_has_its_page_and_others_are_refused(s, who, role, text):
    login(s, f"{who}@demo.grantfair.local", DEMO_PASSWORD)
    r = s.get(f"{URL}/cabinet/{role}")
    assert r.status_code == 200 and text in r.text
    assert "Вы вошли как" in r.text
    other = "admin" if role != "admin" else "expert"
    assert s.get(f"{URL}/cabinet/{other}").status_code == 403


def test_forged_and_expired_session_cookies_are_anonymous(s):
    s.cookies.set("gf_sid", "A" * 43)
    assert s.get(f"{URL}/cabinet", allow_redirects=False).status_code == 303
    s2 = requests.Session()
    login(s2, "expert@demo.grantfair.local", DEMO_PASSWORD)
    sql("UPDATE sessions SET expires_at = NOW() - INTERVAL 1 SECOND "
        "WHERE user_id = (SELECT id FROM users WHERE email = 'expert@demo.grantfair.local')")
    assert s2.get(f"{URL}/cabinet", allow_redirects=False).status_code == 303


def test_passwords_are_stored_with_argon2id():
    h = sql("SELECT password_hash FROM users WHERE email = 'staff@demo.grantfair.local'")[0][0]
    assert h.startswith("$argon2id$")
