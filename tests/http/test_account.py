"""Password reset, change of password and email, sessions and log-out everywhere."""
import os
import re
import time
import uuid

import pytest
import requests

from conftest import ROOT, URL, csrf_of, login, mail_files, make_user, run_cgi, sql, wait_for_mail

NEW = "Новый-пароль-для-теста"
ARGON2_KIB = 65536      # crypto_pwhash_MEMLIMIT_INTERACTIVE: what one hash holds at its peak


def conf_int(name):
    with open(os.path.join(ROOT, "conf", "grantfair.hdf"), encoding="utf-8") as f:
        return int(re.search(rf"^{re.escape(name)} = (\d+)$", f.read(), re.M).group(1))


def reset_link(s, email):
    """Asks for a reset link for email (as typed) and returns the mailed path."""
    page = s.get(f"{URL}/reset").text
    seen = set(mail_files())
    r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": email}, allow_redirects=False)
    assert r.status_code == 303, r.text
    msg = wait_for_mail(lambda m: m["To"] == email.strip().lower() and "Смена пароля" in str(m["subject"]),
                        skip=seen)
    return re.search(r"(/reset/new\?token=[\w-]+)", msg.get_content()).group(1)


def set_new_password(s, link, pw=NEW):
    page = s.get(f"{URL}/reset").text         # the link's own page has no form once it is dead
    return s.post(f"{URL}/reset/new", allow_redirects=False,
                  data={"csrf": csrf_of(page), "token": link.split("=", 1)[1], "password": pw,
                        "password2": pw})


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
                                       "new_email": "not-an-address", "email_password": pw})
    assert r.status_code == 400 and "указан неверно" in r.text
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


# ---- /reset/new: the token first, hashing after (issue 9, item 3) ---------------

FORGED = "F" * 43          # an anonymous CSRF cookie and its form echo


def reset_new_as_cgi(token, pw=NEW, ip="192.0.2.31"):
    return run_cgi("reset", "/reset/new", "POST", cookies={"gf_csrf": FORGED}, ip=ip,
                   data={"csrf": FORGED, "token": token, "password": pw, "password2": pw})


def test_a_bad_reset_token_costs_no_password_hashing(clean_limits):
    # argon2id holds 64 MiB at its peak: a run that hashed shows it in its
    # peak memory, a run that did not stays far below
    for token in ("x" * 43, "", "short", "Ж" * 20):
        head, page, usage = reset_new_as_cgi(token)
        assert "Status: 400" in head and "Ссылка недействительна" in page, token
        assert usage.ru_maxrss < ARGON2_KIB, (token, usage.ru_maxrss)
    # the measure sees a hash: a valid link does hash the new password
    email, _ = user()
    link = reset_link(requests.Session(), email)
    head, _, usage = reset_new_as_cgi(link.split("=", 1)[1])
    assert "Status: 303" in head and usage.ru_maxrss >= ARGON2_KIB


def test_setting_a_new_password_is_limited_per_network(clean_limits):
    ceiling = conf_int("Reset.NewIPMax")
    assert ceiling >= 50
    sql("INSERT INTO rate_events (bucket, at) SELECT 'reset-new:ip:192.0.2.32', NOW() "
        f"FROM seq_1_to_{ceiling - 1}")
    head, page, _ = reset_new_as_cgi("x" * 43, ip="192.0.2.32")
    assert "Status: 400" in head
    head, page, _ = reset_new_as_cgi("x" * 43, ip="192.0.2.32")
    assert "Status: 429" in head and "из вашей сети" in page
    head, page, _ = reset_new_as_cgi("x" * 43, ip="192.0.2.33")        # another network
    assert "Status: 400" in head


def test_an_invitation_link_is_checked_before_hashing(clean_limits):
    head, page, usage = run_cgi("account", "/account/welcome", "POST", cookies={"gf_csrf": FORGED},
                                data={"csrf": FORGED, "token": "x" * 43, "name": "Кто-то",
                                      "password": NEW, "password2": NEW})
    assert "Status: 400" in head and "недействительн" in page
    assert usage.ru_maxrss < ARGON2_KIB, usage.ru_maxrss


# ---- /reset: limits per address, a ceiling per network, one spelling ----------

def test_reset_finds_the_account_however_the_address_is_spelled(clean_limits):
    email, pw = user()
    link = reset_link(requests.Session(), "  " + email.upper())
    assert set_new_password(requests.Session(), link).status_code == 303
    assert login(requests.Session(), email, NEW).status_code == 303


def test_reset_links_are_limited_per_address(clean_limits):
    email, _ = user()
    s = requests.Session()
    page = s.get(f"{URL}/reset").text
    for i in range(conf_int("Reset.EmailMax")):
        r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": email if i % 2 else email.upper()},
                   allow_redirects=False)
        assert r.status_code == 303, i
    r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": email})
    assert r.status_code == 429 and "На этот адрес уже отправлено" in r.text
    # an unknown address is counted the same way (no hint which one exists)
    nobody = f"nobody-{uuid.uuid4().hex[:8]}@example.ru"
    for i in range(conf_int("Reset.EmailMax")):
        r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": nobody}, allow_redirects=False)
        assert r.status_code == 303, i
    r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": nobody})
    assert r.status_code == 429 and "На этот адрес уже отправлено" in r.text


def test_many_people_behind_one_address_can_reset(clean_limits):
    # a carrier's NAT: the 11th person asking from one IP gets their link
    s = requests.Session()
    page = s.get(f"{URL}/reset").text
    for i in range(11):
        r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": f"p{i}-{uuid.uuid4().hex[:6]}@example.ru"},
                   allow_redirects=False)
        assert r.status_code == 303, i


def test_reset_requests_per_network_have_a_ceiling(clean_limits):
    ceiling = conf_int("Reset.IPMax")
    assert ceiling >= 50
    sql(f"INSERT INTO rate_events (bucket, at) SELECT 'reset:ip:127.0.0.1', NOW() FROM seq_1_to_{ceiling}")
    s = requests.Session()
    page = s.get(f"{URL}/reset").text
    r = s.post(f"{URL}/reset", data={"csrf": csrf_of(page), "email": "someone@example.ru"})
    assert r.status_code == 429
    assert "из вашей сети" in r.text and "с вашего адреса" not in r.text


# ---- /account: the current password (issue 9, item 8) ---------------------------

def test_the_current_password_is_throttled(clean_limits):
    email, pw = user()
    s = requests.Session()
    login(s, email, pw)
    page = s.get(f"{URL}/account").text
    for i in range(5):
        action = ("password", "email")[i % 2]
        r = s.post(f"{URL}/account", data={"csrf": csrf_of(page), "action": action,
                                           "current_password": "wrong", "email_password": "wrong",
                                           "new_password": NEW, "new_password2": NEW,
                                           "new_email": f"x-{i}@example.ru"})
        assert r.status_code == 400 and "Текущий пароль указан неверно." in r.text, i
    # the right password now waits too: no sixth guess
    r = s.post(f"{URL}/account", data={"csrf": csrf_of(page), "action": "password",
                                       "current_password": pw, "new_password": NEW,
                                       "new_password2": NEW})
    assert r.status_code == 429 and "Слишком много неудачных попыток ввода пароля" in r.text
    assert login(requests.Session(), email, NEW).status_code != 303     # unchanged


def test_a_wrong_password_tells_nothing_about_the_new_address(clean_limits):
    email, pw = user()
    s = requests.Session()
    login(s, email, pw)
    page = s.get(f"{URL}/account").text
    answers = []
    for other in ("staff@demo.grantfair.local", f"free-{uuid.uuid4().hex[:8]}@example.ru"):
        r = s.post(f"{URL}/account", data={"csrf": csrf_of(page), "action": "email",
                                           "new_email": other, "email_password": "wrong"})
        answers.append((r.status_code, re.sub(re.escape(other), "ADDR", r.text)))
        assert "Текущий пароль указан неверно." in r.text and "занят" not in r.text
    assert answers[0] == answers[1]


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_mail(clean_limits):
    email, pw = user()
    s = requests.Session()
    login(s, email, pw)
    page = s.get(f"{URL}/account").text
    taken = "secretary@demo.grantfair.local"
    seen = set(mail_files())
    r = s.post(f"{URL}/account", allow_redirects=False, data={
        "csrf": csrf_of(page), "action": "email", "new_email": taken.upper(), "email_password": pw})
    assert r.status_code == 303 and r.headers["Location"] == "/account?done=email_sent"
    msg = wait_for_mail(lambda m: m["To"] == taken, skip=seen)
    body = msg.get_content()
    assert "уже принадлежит учётной записи" in body and "ничего не изменилось" in body
    assert "token=" not in body
    assert sql(f"SELECT COUNT(*) FROM email_tokens WHERE purpose = 'email' AND email = '{taken}' "
               "AND used_at IS NULL")[0][0] == "0"


def test_the_own_address_as_the_new_one_is_no_change_and_mails_nobody(clean_limits):
    email, pw = user()
    s = requests.Session()
    login(s, email, pw)
    page = s.get(f"{URL}/account").text
    seen = set(mail_files())
    r = s.post(f"{URL}/account", allow_redirects=False, data={
        "csrf": csrf_of(page), "action": "email", "new_email": " " + email.upper(),
        "email_password": pw})
    assert r.status_code == 400
    assert "Это ваш текущий адрес" in r.text
    time.sleep(1.5)
    assert not [f for f in set(mail_files()) - seen if email in open(f, errors="replace").read()]


# ---- old links die (issue 9, item 9) ----------------------------------------------

def email_link(s, pw, new):
    page = s.get(f"{URL}/account").text
    r = s.post(f"{URL}/account", allow_redirects=False, data={
        "csrf": csrf_of(page), "action": "email", "new_email": new, "email_password": pw})
    assert r.status_code == 303
    return re.search(r"(/account/email\?token=[\w-]+)",
                     wait_for_mail(lambda m: m["To"] == new).get_content()).group(1)


def test_a_reset_spends_every_other_outstanding_link(clean_limits):
    email, pw = user()
    s = requests.Session()
    login(s, email, pw)
    change = email_link(s, pw, f"new-{uuid.uuid4().hex[:8]}@example.ru")
    first, second = reset_link(requests.Session(), email), reset_link(requests.Session(), email)
    assert set_new_password(requests.Session(), second).status_code == 303
    assert set_new_password(requests.Session(), first, NEW + "-2").status_code == 400
    assert "Ссылка недействительна" in requests.Session().get(f"{URL}{first}").text
    s2 = requests.Session()
    login(s2, email, NEW)
    assert "Ссылка недействительна" in s2.get(f"{URL}{change}").text


def test_a_password_change_spends_outstanding_links(clean_limits):
    email, pw = user()
    link = reset_link(requests.Session(), email)
    s = requests.Session()
    login(s, email, pw)
    change = email_link(s, pw, f"new-{uuid.uuid4().hex[:8]}@example.ru")
    page = s.get(f"{URL}/account").text
    r = s.post(f"{URL}/account", allow_redirects=False, data={
        "csrf": csrf_of(page), "action": "password", "current_password": pw,
        "new_password": NEW, "new_password2": NEW})
    assert r.status_code == 303
    assert set_new_password(requests.Session(), link, NEW + "-2").status_code == 400
    assert "Ссылка недействительна" in s.get(f"{URL}{change}").text
    assert login(requests.Session(), email, NEW).status_code == 303


def test_an_email_change_spends_old_links_tells_the_old_address_and_ends_other_sessions(clean_limits):
    email, pw = user()
    new = f"new-{uuid.uuid4().hex[:8]}@example.ru"
    link = reset_link(requests.Session(), email)           # mailed to the old address
    s, other = requests.Session(), requests.Session()
    login(s, email, pw)
    login(other, email, pw)
    change = email_link(s, pw, new)
    page = s.get(f"{URL}{change}").text
    r = s.post(f"{URL}/account/email", data={"csrf": csrf_of(page), "token": change.split("=", 1)[1]},
               allow_redirects=False)
    assert r.status_code == 303
    assert set_new_password(requests.Session(), link, NEW).status_code == 400
    assert s.get(f"{URL}/account", allow_redirects=False).status_code == 200
    assert other.get(f"{URL}/account", allow_redirects=False).status_code == 303
    msg = wait_for_mail(lambda m: m["To"] == email and "изменён" in str(m["subject"]))
    body = msg.get_content()
    assert new in body and "token=" not in body and "/reset" not in body
