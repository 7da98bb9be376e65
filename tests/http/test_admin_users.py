"""The administrator's users (/admin/users): search with the roles in
Russian, roles granted and taken (audited), the last administrator kept,
blocking that ends sessions and refuses login, unblocking, the
confirmation mail again, and invitations whose link sets the password."""
import re
import subprocess
import threading
import time
import uuid

import pytest
import requests

from conftest import DIR, URL, csrf_of, login, mail_files, make_user, read_mail, sql, wait_for_mail


def new_user(roles="applicant", name="Тест Тестов"):
    email = f"users-{uuid.uuid4().hex[:10]}@example.ru"
    pw = make_user(email, roles, name=name)
    return email, pw, sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]


def signed_in(email, pw):
    s = requests.Session()
    assert login(s, email, pw).status_code == 303
    return s


@pytest.fixture
def admin():
    """A fresh administrator, signed in: (session, id)."""
    email, pw, uid = new_user("admin", name="Админ Тестовый")
    s = signed_in(email, pw)
    yield s, uid
    s.close()


@pytest.fixture
def sole_admins(admin):
    """While the test runs, the test's administrator (and those it makes)
    are the only active ones: every other one is blocked, then unblocked."""
    others = [r[0] for r in sql("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id "
                                f"WHERE r.role = 'admin' AND u.disabled = 0 AND u.id <> {admin[1]}")]
    if others:
        sql(f"UPDATE users SET disabled = 1 WHERE id IN ({','.join(others)})")
    yield
    if others:
        sql(f"UPDATE users SET disabled = 0 WHERE id IN ({','.join(others)})")


def act(s, uid, **data):
    page = s.get(f"{URL}/admin/users/{uid}").text
    data.setdefault("csrf", csrf_of(page))
    if data.get("action") == "roles":
        data.setdefault("had", re.search(r'name="had" value="([^"]*)"', page).group(1))
    return s.post(f"{URL}/admin/users/{uid}", data=data, allow_redirects=False)


def roles_of(uid):
    return sorted(r[0] for r in sql(f"SELECT role FROM user_roles WHERE user_id = {uid}"))


def audit_of(uid):
    return sql(f"SELECT action, from_state, to_state, reason, user_id FROM audit_log "
               f"WHERE object_type = 'user' AND object_id = {uid} ORDER BY id")


# ---- the list ------------------------------------------------------------

def test_search_by_email_or_name_with_roles_in_russian(admin):
    s, _ = admin
    tag = uuid.uuid4().hex[:8]
    email, _, uid = new_user("expert,staff", name=f"Искомая Персона {tag}")
    page = s.get(f"{URL}/admin/users", params={"q": tag.upper()}).text   # any case
    assert "Найдено: 1" in page
    row = page[page.index(f'href="/admin/users/{uid}"'):]
    row = row[:row.index("</li>")]
    assert email in row and f"Искомая Персона {tag}" in row
    assert "Эксперт, Сотрудник" in row and "активен" in row
    assert "Найдено: 1" in s.get(f"{URL}/admin/users", params={"q": email}).text
    by_role = s.get(f"{URL}/admin/users", params={"q": tag, "role": "admin"}).text
    assert "Никого не нашлось" in by_role
    assert "Найдено: 1" in s.get(f"{URL}/admin/users", params={"q": tag, "role": "expert"}).text


def test_search_wildcards_are_plain_characters(admin):
    s, _ = admin
    for q in ("%", "_", "\\"):
        page = s.get(f"{URL}/admin/users", params={"q": q}).text
        assert "Никого не нашлось" in page, q


def test_list_shows_blocked_and_unconfirmed(admin):
    s, _ = admin
    tag = uuid.uuid4().hex[:8]
    _, _, blocked = new_user(name=f"Блок {tag}")
    _, _, unconfirmed = new_user(name=f"Неподтв {tag}")
    sql(f"UPDATE users SET disabled = 1 WHERE id = {blocked}")
    sql(f"UPDATE users SET confirmed_at = NULL WHERE id = {unconfirmed}")
    page = s.get(f"{URL}/admin/users", params={"q": tag}).text
    assert "<strong>заблокирован</strong>" in page and "адрес не подтверждён" in page


def test_a_search_that_is_not_text_is_refused_next_to_the_field(admin):
    s, _ = admin
    r = s.get(f"{URL}/admin/users", params={"q": "x" * 101})
    assert r.status_code == 200 and "Не длиннее 100 символов" in r.text


def test_only_admins_manage_users():
    email, pw, uid = new_user("staff")
    s = signed_in(email, pw)
    assert s.get(f"{URL}/admin/users").status_code == 403
    assert s.get(f"{URL}/admin/users/{uid}").status_code == 403
    assert s.get(f"{URL}/admin/users/invite").status_code == 403


def test_unknown_user_is_404(admin):
    s, _ = admin
    assert s.get(f"{URL}/admin/users/999999999").status_code == 404


# ---- roles ---------------------------------------------------------------

def test_grant_and_revoke_roles_take_effect_and_are_audited(admin):
    s, admin_id = admin
    email, pw, uid = new_user("applicant")
    user = signed_in(email, pw)
    assert user.get(f"{URL}/cabinet/expert").status_code == 403
    r = act(s, uid, action="roles", role_applicant="1", role_expert="1")
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{uid}?done=roles"
    assert roles_of(uid) == ["applicant", "expert"]
    assert user.get(f"{URL}/cabinet/expert").status_code == 200     # at once, same session
    r = act(s, uid, action="roles", role_expert="1")
    assert roles_of(uid) == ["expert"]
    assert user.get(f"{URL}/cabinet/applicant").status_code == 403
    assert audit_of(uid) == [["role_grant", "NULL", "expert", "NULL", admin_id],
                             ["role_revoke", "NULL", "applicant", "NULL", admin_id]]
    page = s.get(f"{URL}/admin/users/{uid}").text
    assert "назначена роль «Эксперт»" in page and "снята роль «Представитель НКО»" in page
    assert re.search(r'name="role_expert" value="1" checked', page)
    # the same again: nothing changes, nothing audited
    r = act(s, uid, action="roles", role_expert="1")
    assert r.headers["Location"] == f"/admin/users/{uid}?done=same" and len(audit_of(uid)) == 2


def test_roles_changed_meanwhile_are_not_overwritten(admin):
    s, _ = admin
    _, _, uid = new_user("applicant")
    page = s.get(f"{URL}/admin/users/{uid}").text
    sql(f"INSERT INTO user_roles (user_id, role) VALUES ({uid}, 'staff')")   # another admin
    r = s.post(f"{URL}/admin/users/{uid}", data={"csrf": csrf_of(page), "action": "roles",
                                                 "had": "applicant", "role_expert": "1"})
    assert r.status_code == 409 and "уже изменил другой" in r.text
    assert roles_of(uid) == ["applicant", "staff"]


def test_the_last_administrator_keeps_the_role(admin, sole_admins):
    s, admin_id = admin
    r = act(s, admin_id, action="roles", role_staff="1")
    assert r.status_code == 409 and "последний администратор" in r.text
    assert roles_of(admin_id) == ["admin"]
    r = act(s, admin_id, action="block")
    assert r.status_code == 409 and "Свою учётную запись заблокировать нельзя." in r.text
    assert "Это ваша учётная запись: заблокировать её нельзя." in \
        s.get(f"{URL}/admin/users/{admin_id}").text
    # with a second administrator, one may give the role up
    email, pw, other = new_user("admin")
    r = act(s, admin_id, action="roles", role_staff="1")
    assert r.status_code == 303 and r.headers["Location"] == "/cabinet"
    assert roles_of(admin_id) == ["staff"]
    assert s.get(f"{URL}/admin/users").status_code == 403


def test_two_administrators_cannot_remove_each_other_at_once(admin, sole_admins):
    """A blocks B while B takes A's role: the second to get the lock finds
    itself about to leave no administrator and is refused."""
    s, a_id = admin
    _, _, b_id = new_user("admin")
    page = s.get(f"{URL}/admin/users/{b_id}").text
    # B's change, holding the administrators' lock as admin_users does
    held = subprocess.Popen(["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-uroot",
                             "-N", "-B", "-n", "grantfair"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    held.stdin.write("BEGIN; SELECT u.id FROM user_roles r JOIN users u ON u.id = r.user_id"
                     " WHERE r.role = 'admin' AND u.disabled = 0 ORDER BY u.id FOR UPDATE;\n"
                     f"DELETE FROM user_roles WHERE user_id = {a_id} AND role = 'admin';\n"
                     "SELECT 'locked';\n")
    held.stdin.flush()
    while True:                                   # until B holds the lock
        line = held.stdout.readline()
        assert line, "the SQL session ended"
        if line.strip() == "locked":
            break
    result = {}

    def block_b():
        result["r"] = s.post(f"{URL}/admin/users/{b_id}", allow_redirects=False,
                             data={"csrf": csrf_of(page), "action": "block"})

    t = threading.Thread(target=block_b)
    try:
        t.start()
        end = time.time() + 10
        while time.time() < end:       # A's request waits for the lock
            if sql("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'")[0][0] != "0":
                break
            time.sleep(0.05)
        else:
            pytest.fail("the request did not wait for the administrators' lock")
        held.stdin.write("COMMIT;\n")
        held.stdin.close()
        held.wait(timeout=10)
        t.join(timeout=10)
    finally:
        if held.poll() is None:
            held.kill()
    r = result["r"]
    assert r.status_code == 409 and "последний администратор" in r.text
    assert sql(f"SELECT disabled FROM users WHERE id = {b_id}")[0][0] == "0"


# ---- blocking ------------------------------------------------------------

def test_block_ends_sessions_and_refuses_login_unblock_lets_in(admin):
    s, admin_id = admin
    email, pw, uid = new_user("applicant")
    user = signed_in(email, pw)
    other = signed_in(email, pw)
    r = act(s, uid, action="block", reason="Рассылка спама")
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{uid}?done=blocked"
    assert sql(f"SELECT disabled FROM users WHERE id = {uid}")[0][0] == "1"
    assert sql(f"SELECT COUNT(*) FROM sessions WHERE user_id = {uid}")[0][0] == "0"
    for sess in (user, other):
        r = sess.get(f"{URL}/cabinet", allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    assert login(requests.Session(), email, pw).status_code == 401
    page = s.get(f"{URL}/admin/users/{uid}").text
    assert "<strong>заблокирован</strong>" in page and "Разблокировать" in page
    assert "заблокирован (Рассылка спама)" in page
    assert act(s, uid, action="block").status_code == 409            # already
    r = act(s, uid, action="unblock")
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{uid}?done=unblocked"
    assert login(requests.Session(), email, pw).status_code == 303
    assert audit_of(uid) == [["block", "active", "blocked", "Рассылка спама", admin_id],
                             ["unblock", "blocked", "active", "NULL", admin_id]]


def test_block_and_roles_require_csrf(admin):
    s, _ = admin
    _, _, uid = new_user()
    s.get(f"{URL}/admin/users/{uid}")
    assert s.post(f"{URL}/admin/users/{uid}", data={"action": "block"}).status_code == 403
    assert sql(f"SELECT disabled FROM users WHERE id = {uid}")[0][0] == "0"


def test_unknown_action_is_a_bad_request(admin):
    s, _ = admin
    _, _, uid = new_user()
    assert act(s, uid, action="delete").status_code == 400


# ---- confirmation mail ---------------------------------------------------

def test_resend_confirmation_mail_and_confirm(admin):
    s, admin_id = admin
    email, pw, uid = new_user("applicant", name="Неподтверждённый Пользователь")
    sql(f"UPDATE users SET confirmed_at = NULL WHERE id = {uid}")
    page = s.get(f"{URL}/admin/users/{uid}").text
    assert "Отправить письмо для подтверждения ещё раз" in page
    r = act(s, uid, action="resend")
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{uid}?done=resent"
    msg = wait_for_mail(lambda m: m["To"] == email)
    assert str(msg["subject"]) == "Подтвердите адрес электронной почты"
    assert "Неподтверждённый Пользователь" in msg.get_content()
    link = re.search(r"(/register/confirm\?token=[\w-]+)", msg.get_content()).group(1)
    u = requests.Session()
    page = u.get(f"{URL}{link}").text
    r = u.post(f"{URL}/register/confirm", data={"csrf": csrf_of(page), "token": link.split("=")[1],
                                                "password": pw}, allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT confirmed_at IS NOT NULL FROM users WHERE id = {uid}")[0][0] == "1"
    assert login(requests.Session(), email, pw).status_code == 303
    assert ["confirm_resend", "NULL", "NULL", "NULL", admin_id] in audit_of(uid)
    r = act(s, uid, action="resend")                               # confirmed: not needed
    assert r.status_code == 409 and "уже подтверждён" in r.text


# ---- invitations ---------------------------------------------------------

def invite(s, **data):
    page = s.get(f"{URL}/admin/users/invite").text
    data.setdefault("csrf", csrf_of(page))
    return s.post(f"{URL}/admin/users/invite", data=data, allow_redirects=False)


def invitation_link(email):
    msg = wait_for_mail(lambda m: m["To"] == email and "Приглашение" in str(m["subject"]))
    return msg, re.search(r"(/account/welcome\?token=[\w-]+)", msg.get_content()).group(1)


def test_invitation_link_sets_name_and_password_and_signs_in(admin):
    s, admin_id = admin
    email = f"invited-{uuid.uuid4().hex[:8]}@example.ru"
    r = invite(s, email=email, name="Приглашённый Эксперт", role="expert")
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{uid}?done=invited"
    assert roles_of(uid) == ["expert"]
    page = s.get(f"{URL}{r.headers['Location']}").text
    assert "Приглашение отправлено" in page and "приглашён, пароль ещё не задан" in page
    msg, link = invitation_link(email)
    assert "Здравствуйте, Приглашённый Эксперт!" in msg.get_content()
    assert "Ваша роль: Эксперт" in msg.get_content() and "Админ Тестовый" in msg.get_content()
    # no password yet: nobody gets in
    assert login(requests.Session(), email, "").status_code in (400, 401)
    u = requests.Session()
    page = u.get(f"{URL}{link}").text
    assert email in page and 'value="Приглашённый Эксперт"' in page
    token = link.split("=")[1]
    r = u.post(f"{URL}/account/welcome", data={"csrf": csrf_of(page), "token": token,
                                               "name": "Эксперт Настоящий",
                                               "password": "short", "password2": "short"})
    assert r.status_code == 400 and "не короче 12 символов" in r.text
    pw = "пароль-эксперта-2026"
    r = u.post(f"{URL}/account/welcome", allow_redirects=False,
               data={"csrf": csrf_of(page), "token": token, "name": "Эксперт Настоящий",
                     "password": pw, "password2": pw})
    assert r.status_code == 303 and r.headers["Location"] == "/cabinet"
    assert u.get(f"{URL}/cabinet/expert").status_code == 200        # signed in, with the role
    assert sql(f"SELECT name, confirmed_at IS NOT NULL FROM users WHERE id = {uid}") == \
        [["Эксперт Настоящий", "1"]]
    assert login(requests.Session(), email, pw).status_code == 303
    assert audit_of(uid) == [["invite", "NULL", "expert", "NULL", admin_id],
                             ["role_grant", "NULL", "expert", "приглашение", admin_id],
                             ["welcome", "NULL", "NULL", "NULL", uid]]
    # the link works once
    r = requests.Session().get(f"{URL}{link}")
    assert "Ссылка недействительна" in r.text


def test_invitation_to_an_existing_account_adds_the_role(admin):
    s, admin_id = admin
    email, pw, uid = new_user("applicant", name="Уже Зарегистрирован")
    r = invite(s, email=email, name="Другое Имя", role="secretary")
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/users/{uid}?done=role_added"
    assert roles_of(uid) == ["applicant", "secretary"]
    assert sql(f"SELECT name FROM users WHERE id = {uid}")[0][0] == "Уже Зарегистрирован"
    msg = wait_for_mail(lambda m: m["To"] == email)
    assert str(msg["subject"]) == "Вам назначена роль: Секретарь комиссии"
    assert ["role_grant", "NULL", "secretary", "приглашение", admin_id] in audit_of(uid)
    assert login(requests.Session(), email, pw).status_code == 303   # password unchanged
    r = invite(s, email=email, name="Другое Имя", role="secretary")
    assert r.status_code == 400 and "уже есть роль «Секретарь комиссии»" in r.text


def test_invitation_again_and_resend_give_a_fresh_link(admin):
    s, _ = admin
    email = f"invited-{uuid.uuid4().hex[:8]}@example.ru"
    assert invite(s, email=email, name="Медленный Сотрудник", role="staff").status_code == 303
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    assert act(s, uid, action="resend").status_code == 303
    assert invite(s, email=email, name="Медленный Сотрудник", role="expert").status_code == 303
    assert roles_of(uid) == ["expert", "staff"]
    end = time.time() + 10
    while time.time() < end:
        links = [m for m in map(read_mail, mail_files()) if m["To"] == email]
        if len(links) == 3:
            break
        time.sleep(0.2)
    assert len(links) == 3 and all("/account/welcome?token=" in m.get_content() for m in links)


def test_blocked_account_is_not_invited_and_its_link_does_not_work(admin):
    s, _ = admin
    email = f"invited-{uuid.uuid4().hex[:8]}@example.ru"
    assert invite(s, email=email, name="Будет Заблокирован", role="staff").status_code == 303
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    _, link = invitation_link(email)
    assert act(s, uid, action="block").status_code == 303
    r = invite(s, email=email, name="Будет Заблокирован", role="expert")
    assert r.status_code == 400 and "заблокирована" in r.text
    u = requests.Session()
    page = u.get(f"{URL}{link}").text
    assert "Ссылка недействительна" in page


@pytest.mark.parametrize("data,field,message", [
    ({"email": "", "name": "Имя", "role": "staff"}, "email", "Укажите адрес электронной почты."),
    ({"email": "not-an-email", "name": "Имя", "role": "staff"}, "email", "указан неверно"),
    ({"email": "ok@example.ru", "name": "", "role": "staff"}, "name", "Заполните это поле."),
    ({"email": "ok@example.ru", "name": "Имя\nBcc: x@y.ru", "role": "staff"}, "name",
     "Одна строка, без переносов."),
    ({"email": "ok@example.ru", "name": "Имя"}, "role", "Выберите роль"),
    ({"email": "ok@example.ru", "name": "Имя", "role": "admin"}, "role", "Выберите роль"),
], ids=["no-email", "bad-email", "no-name", "two-lines", "no-role", "admin-role"])
def test_bad_invitation_is_refused_next_to_the_field(admin, data, field, message):
    s, _ = admin
    before = sql("SELECT COUNT(*) FROM users")[0][0]
    r = invite(s, **data)
    assert r.status_code == 400 and message in r.text
    assert f'aria-describedby="err-{field}"' in r.text or f'id="err-{field}"' in r.text
    assert sql("SELECT COUNT(*) FROM users")[0][0] == before


# ---- limits on mail to typed addresses -----------------------------------

def outbox_to(address):
    return int(sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{address}'")[0][0])


def test_an_invitation_keys_the_address_in_one_spelling(admin):
    s, _ = admin
    email = f"invited-{uuid.uuid4().hex[:8]}@example.ru"
    r = invite(s, email=f"  {email.replace('invited', 'Invited').upper()} ", name="Регистр Разный",
               role="expert")
    assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM users WHERE BINARY email = '{email}'")[0][0] == "1"
    assert invitation_link(email)
    # the same person in another spelling is the same account
    r = invite(s, email=email.upper(), name="Регистр Разный", role="staff")
    assert r.status_code == 303 and "done=role_added" in r.headers["Location"]


def test_invitations_and_resends_are_limited_per_administrator_per_day(admin):
    s, admin_id = admin
    bucket = f"invite:admin:{admin_id}"
    sql(f"INSERT INTO rate_events (bucket, at) SELECT '{bucket}', NOW() FROM "
        "(SELECT 1 FROM information_schema.columns LIMIT 100) x")
    try:
        email = f"invited-{uuid.uuid4().hex[:8]}@example.ru"
        r = invite(s, email=email, name="Лишний Приглашённый", role="expert")
        assert r.status_code == 429
        assert "За последние сутки вы отправили столько писем" in r.text
        assert sql(f"SELECT COUNT(*) FROM users WHERE email = '{email}'")[0][0] == "0"
        assert outbox_to(email) == 0
        other, _, uid = new_user("applicant", name="Ждёт Письма")
        sql(f"UPDATE users SET confirmed_at = NULL WHERE id = {uid}")
        r = act(s, uid, action="resend")
        assert r.status_code == 429 and "За последние сутки вы отправили столько писем" in r.text
        assert outbox_to(other) == 0
    finally:
        sql(f"DELETE FROM rate_events WHERE bucket = '{bucket}'")


def test_mail_to_one_address_is_limited_per_day(admin):
    s, _ = admin
    email = f"invited-{uuid.uuid4().hex[:8]}@example.ru"
    assert invite(s, email=email, name="Много Писем", role="staff").status_code == 303
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    assert act(s, uid, action="resend").status_code == 303
    assert act(s, uid, action="resend").status_code == 303
    r = act(s, uid, action="resend")
    assert r.status_code == 429 and "На этот адрес за последние сутки уже отправлено" in r.text
    assert outbox_to(email) == 3
