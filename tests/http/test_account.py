"""Password reset, change of password and email, sessions and log-out everywhere."""
import re
import uuid

import requests

from conftest import URL, csrf_of, login, make_user, sql, wait_for_mail

NEW = "Новый-пароль-для-теста"


def user():
    email = f"acc-{uuid.uuid4().hex[:10]}@example.ru"
    return email, make_user(email)


def test_password_reset_by_mail_ends_all_sessions(clean_limits):
    email, pw = user()
    old = requests.Session()
    login(old, email, pw)
    s = requests.Session()
    page = s.get(f"{URL}/reset").text
    r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": email}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/reset?sent=1"
    link = re.search(r"(/reset/new\?token=[\w-]+)", wait_for_mail(
        lambda m: m["To"] == email and "Смена пароля" in str(m["subject"])).get_content()).group(1)
    page = s.get(f"{URL}{link}").text
    token = link.split("=")[1]
    r = s.post(f"{URL}/reset/new", data={"csrf": csrf_of(page), "token": token,
                                         "password": "short", "password2": "short"})
    assert r.status_code == 400 and "не короче 12 символов" in r.text
    r = s.post(f"{URL}/reset/new", allow_redirects=False,
               data={"csrf": csrf_of(page), "token": token, "password": NEW, "password2": NEW})
    assert r.status_code == 303 and r.headers["Location"] == "/login?reset=1"
    assert old.get(f"{URL}/cabinet", allow_redirects=False).status_code == 303   # logged out
    assert login(requests.Session(), email, pw).status_code == 401
    assert login(requests.Session(), email, NEW).status_code == 303
    r = s.post(f"{URL}/reset/new", data={"csrf": csrf_of(page), "token": token,
                                         "password": NEW + "2", "password2": NEW + "2"})
    assert r.status_code == 400 and "Ссылка недействительна" in r.text   # works once


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(clean_limits):
    s = requests.Session()
    page = s.get(f"{URL}/reset").text
    before = sql("SELECT COUNT(*) FROM outbox")[0][0]
    r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": "nobody-x@example.ru"},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/reset?sent=1"
    assert sql("SELECT COUNT(*) FROM outbox")[0][0] == before


def test_change_password_keeps_this_session_and_ends_others():
    email, pw = user()
    a, b = requests.Session(), requests.Session()
    login(a, email, pw)
    login(b, email, pw)
    page = a.get(f"{URL}/account").text
    assert page.count("<tr><td>") == 2                      # two active sessions listed
    r = a.post(f"{URL}/account", data={"csrf": csrf_of(page), "action": "password",
                                       "current_password": "wrong", "new_password": NEW,
                                       "new_password2": NEW})
    assert r.status_code == 400 and "Текущий пароль указан неверно." in r.text
    r = a.post(f"{URL}/account", allow_redirects=False,
               data={"csrf": csrf_of(page), "action": "password", "current_password": pw,
                     "new_password": NEW, "new_password2": NEW})
    assert r.status_code == 303
    assert a.get(f"{URL}/account", allow_redirects=False).status_code == 200
    assert b.get(f"{URL}/account", allow_redirects=False).status_code == 303


def test_log_out_on_every_other_device():
    email, pw = user()
    a, b = requests.Session(), requests.Session()
    login(a, email, pw)
    login(b, email, pw)
    page = a.get(f"{URL}/account").text
    r = a.post(f"{URL}/account", data={"csrf": csrf_of(page), "action": "logout_others"},
               allow_redirects=False)
    assert r.status_code == 303
    assert a.get(f"{URL}/account", allow_redirects=False).status_code == 200
    assert b.get(f"{URL}/account", allow_redirects=False).status_code == 303


def test_change_email_is_confirmed_on_the_new_address():
    email, pw = user()
    new = f"new-{uuid.uuid4().hex[:8]}@example.ru"
    s = requests.Session()
    login(s, email, pw)
    page = s.get(f"{URL}/account").text
    r = s.post(f"{URL}/account", data={"csrf": csrf_of(page), "action": "email",
                                       "new_email": "staff@demo.grantfair.local", "email_password": pw})
    assert r.status_code == 400 and "уже занят" in r.text
    r = s.post(f"{URL}/account", allow_redirects=False,
               data={"csrf": csrf_of(page), "action": "email", "new_email": new, "email_password": pw})
    assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM users WHERE email = '{email}'")[0][0] == "1"   # not yet
    link = re.search(r"(/account/email\?token=[\w-]+)",
                     wait_for_mail(lambda m: m["To"] == new).get_content()).group(1)
    # someone else logged in cannot use the link
    other_email, other_pw = user()
    o = requests.Session()
    login(o, other_email, other_pw)
    assert "Ссылка недействительна" in o.get(f"{URL}{link}").text
    page = s.get(f"{URL}{link}").text
    r = s.post(f"{URL}/account/email", data={"csrf": csrf_of(page), "token": link.split("=")[1]},
               allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM users WHERE email = '{new}'")[0][0] == "1"
    assert login(requests.Session(), new, pw).status_code == 303


def test_account_forms_require_csrf():
    email, pw = user()
    s = requests.Session()
    login(s, email, pw)
    for action in ("password", "email", "logout_others"):
        assert s.post(f"{URL}/account", data={"action": action}).status_code == 403
