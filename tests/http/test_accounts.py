"""Login, logout, sessions, throttling and the role pages."""
import os
import re
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, ROOT, URL, csrf_of, login, make_user, run_cgi, sql


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
    assert "Неверный адрес электронной почты или пароль" in a.text
    assert "Неверный адрес электронной почты или пароль" in b.text
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
    assert "Слишком много неудачных попыток ввода пароля" in r.text
    # another account from the same address is not locked out
    ok = login(requests.Session(), "expert@demo.grantfair.local", DEMO_PASSWORD)
    assert ok.status_code == 303


def test_the_throttle_counts_an_address_however_it_is_spelled(s, clean_limits):
    who = f"lockme-{uuid.uuid4().hex[:8]}@example.org"
    make_user(who, password="right-password-1")
    page = s.get(f"{URL}/login").text
    for spelling in (who, who.upper(), who.capitalize(), " " + who.upper() + " ", who):
        r = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": spelling,
                                         "password": "wrong-password"})
        assert r.status_code == 401, spelling
    # five failures of one account, whatever the case: every spelling is locked
    for spelling in (who, who.upper(), "LockMe" + who[6:]):
        r = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": spelling,
                                         "password": "right-password-1"}, allow_redirects=False)
        assert r.status_code == 429, spelling


def test_migration_015_brings_stored_addresses_to_their_one_form(s, clean_limits):
    typed = f"Old-{uuid.uuid4().hex[:8]}@Example.ORG"
    make_user(typed, password="right-password-1")          # as an older version kept it
    sql(f"UPDATE users SET email = '{typed}' WHERE email = '{typed}'")
    with open(os.path.join(ROOT, "schema", "015_accounts.sql"), encoding="utf-8") as f:
        sql(f.read())
    assert sql(f"SELECT BINARY email FROM users WHERE email = '{typed}'") == [[typed.lower()]]
    for _ in range(5):
        login(requests.Session(), typed, "wrong-password")
    assert login(s, typed.lower(), "right-password-1").status_code == 429


def test_the_account_is_found_however_the_address_is_spelled(s):
    who = f"case-{uuid.uuid4().hex[:8]}@example.org"
    make_user(who, password="right-password-1")
    assert login(s, who.upper(), "right-password-1").status_code == 303


def test_next_parameter_is_followed_only_on_this_site(s):
    for nxt, expect in [("/cabinet/staff", "/cabinet/staff"), ("//evil.example", "/cabinet"),
                        ("https://evil.example/", "/cabinet"), ("/\\evil.example", "/cabinet")]:
        sess = requests.Session()
        page = sess.get(f"{URL}/login", params={"next": nxt}).text
        r = sess.post(f"{URL}/login", data={"csrf": csrf_of(page), "next": nxt,
                                            "email": "staff@demo.grantfair.local",
                                            "password": DEMO_PASSWORD}, allow_redirects=False)
        assert r.headers["Location"] == expect, nxt


# A browser drops TAB, CR and LF anywhere in a URL and spaces and controls at
# its ends, and reads a backslash as a slash: "/\t/evil.example" is
# "//evil.example", another host. Every one of these must end on this site.
@pytest.mark.parametrize("nxt", [
    "/\t/evil.example/x", "/\r/evil.example/x", "/\n/evil.example/x", "/\r\nSet-Cookie: a=b",
    "\t//evil.example/x", " //evil.example/x", "/ /evil.example", "/\x7f/evil.example",
    "\\evil.example/x", "\\\\evil.example/x", "/\\evil.example/x", "//evil.example/x",
    "///evil.example/x", "https:evil.example", "javascript:alert(1)", "\x0b//evil.example",
])
def test_next_with_control_characters_or_another_host_goes_to_the_cabinet(nxt):
    sess = requests.Session()
    page = sess.get(f"{URL}/login", params={"next": nxt}).text
    assert 'name="next" value="/cabinet"' in page, repr(nxt)     # the form does not carry it
    r = sess.post(f"{URL}/login", data={"csrf": csrf_of(page), "next": nxt,
                                        "email": "staff@demo.grantfair.local",
                                        "password": DEMO_PASSWORD}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/cabinet", repr(nxt)


def test_next_arrives_percent_encoded_only_once(s):
    # "%09" in the link is a TAB once decoded (refused); "%2509" is the text
    # "%09" in a path of this site, and stays so
    r = s.get(f"{URL}/login?next=/%09/evil.example")
    assert 'name="next" value="/cabinet"' in r.text
    r = s.get(f"{URL}/login?next=/%2509/evil.example")
    assert 'name="next" value="/%09/evil.example"' in r.text


def test_next_with_cyrillic_returns_there_as_an_ascii_location(s):
    # a page asked for with a Russian query (the login link carries it
    # percent-encoded, the form decoded): the Location header is ASCII, the
    # bytes of the path percent-encoded (RFC 3986), on this site
    nxt = "/projects?q=Кубань"
    page = s.get(f"{URL}/login", params={"next": nxt}).text
    r = s.post(f"{URL}/login", data={"csrf": csrf_of(page), "next": nxt,
                                     "email": "staff@demo.grantfair.local",
                                     "password": DEMO_PASSWORD}, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/projects?q=%D0%9A%D1%83%D0%B1%D0%B0%D0%BD%D1%8C"


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


def test_an_unconfirmed_account_is_offered_the_confirmation_again(s, clean_limits):
    who = f"unconf-{uuid.uuid4().hex[:8]}@example.org"
    make_user(who, password="right-password-1")
    sql(f"UPDATE users SET confirmed_at = NULL, consent_at = NOW() WHERE email = '{who}'")
    r = login(s, who.upper(), "right-password-1")
    assert r.status_code == 401 and "ещё не подтверждён" in r.text
    # a button that POSTs the address (typed as it was) to the re-send
    form = re.search(r'<form method="post" action="/register/resend"[^>]*>(.*?)</form>', r.text, re.S)
    assert form, "no re-send button"
    assert 'name="email" value="%s"' % who.upper() in form.group(1)
    assert "Отправить письмо ещё раз" in form.group(1)
    r = s.post(f"{URL}/register/resend", data={"csrf": csrf_of(r.text), "email": who.upper()},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/register/resend?sent=1"
    assert sql("SELECT COUNT(*) FROM email_tokens t JOIN users u ON u.id = t.user_id "
               f"WHERE u.email = '{who}' AND t.purpose = 'confirm' AND t.used_at IS NULL")[0][0] == "1"


# ---- cookies under https (run as plain CGI with an https Site.URL) -------------

HTTPS = "Site.URL = https://grantfair.example"


def cookies_of(head):
    return [line.split(": ", 1)[1] for line in head.split("\r\n") if line.startswith("Set-Cookie: ")]


def test_under_https_the_cookies_carry_the_host_prefix():
    head, _, _ = run_cgi("login", "/login", conf=HTTPS)
    [csrf] = cookies_of(head)
    # __Host-: only this host, over TLS, for the whole site, can set it, so a
    # sibling domain cannot plant a CSRF token of its own (login CSRF)
    assert re.fullmatch(r"__Host-gf_csrf=[\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure", csrf), csrf
    token = csrf.split(";")[0].split("=", 1)[1]
    head, _, _ = run_cgi("login", "/login", "POST", conf=HTTPS,
                         cookies={"__Host-gf_csrf": token},
                         data={"csrf": token, "email": "staff@demo.grantfair.local",
                               "password": DEMO_PASSWORD})
    assert "Status: 303" in head
    [sid] = cookies_of(head)
    assert re.fullmatch(r"__Host-gf_sid=[\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure", sid), sid


def test_under_https_a_csrf_cookie_without_the_prefix_is_not_trusted():
    token = "T" * 43
    head, _, _ = run_cgi("login", "/login", "POST", conf=HTTPS, cookies={"gf_csrf": token},
                         data={"csrf": token, "email": "staff@demo.grantfair.local",
                               "password": DEMO_PASSWORD})
    assert "Status: 403" in head and "gf_sid" not in head
    # over http (the local stack) the same pair is the double-submit token
    head, _, _ = run_cgi("login", "/login", "POST", cookies={"gf_csrf": token},
                         data={"csrf": token, "email": "staff@demo.grantfair.local",
                               "password": DEMO_PASSWORD})
    assert "Status: 303" in head and "Set-Cookie: gf_sid=" in head


def test_the_admin_tool_keeps_an_address_in_its_one_form():
    """gf-user add stores the address as registration does (lower case), so
    one person never has two spellings as two keys."""
    tag = uuid.uuid4().hex[:8]
    make_user(f"  Tool-{tag}@Example.RU", roles="applicant")
    assert sql(f"SELECT email FROM users WHERE email LIKE 'tool-{tag}@%'") == \
        [[f"tool-{tag}@example.ru"]]


def test_an_unconfirmed_address_answers_as_a_wrong_password_does(s, clean_limits):
    """Registering an address and signing in with the password just chosen
    must not tell whether the address already had an account: an address
    not yet confirmed (right password) and a confirmed one (wrong password)
    get the same status and page text."""
    who = f"unconf-{uuid.uuid4().hex[:8]}@example.org"
    make_user(who, password="right-password-1")
    sql(f"UPDATE users SET confirmed_at = NULL, consent_at = NOW() WHERE email = '{who}'")
    known = f"known-{uuid.uuid4().hex[:8]}@example.org"
    make_user(known, password="other-password-1")
    pending = login(requests.Session(), who, "right-password-1")
    taken = login(requests.Session(), known, "right-password-1")

    def said(r):
        return re.search(r'<p class="form-error" role="alert">(.*?)</p>', r.text).group(1)
    assert pending.status_code == taken.status_code == 401
    assert said(pending) == said(taken)


TOKEN = "L" * 43     # a double-submit CSRF pair for a program run as CGI


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out(clean_limits):
    """Five wrong passwords from one address lock that address out of the
    account; the owner signing in from another still gets in."""
    who = f"owner-{uuid.uuid4().hex[:8]}@example.org"
    make_user(who, password="right-password-1")
    for _ in range(5):
        head, _, _ = run_cgi("login", "/login", "POST", ip="198.51.100.7", cookies={"gf_csrf": TOKEN},
                             data={"csrf": TOKEN, "email": who, "password": "wrong-password-x"})
        assert head.startswith("Status: 401"), head
    head, _, _ = run_cgi("login", "/login", "POST", ip="198.51.100.7", cookies={"gf_csrf": TOKEN},
                         data={"csrf": TOKEN, "email": who, "password": "right-password-1"})
    assert head.startswith("Status: 429"), head
    head, _, _ = run_cgi("login", "/login", "POST", ip="203.0.113.50", cookies={"gf_csrf": TOKEN},
                         data={"csrf": TOKEN, "email": who, "password": "right-password-1"})
    assert head.startswith("Status: 303"), head
