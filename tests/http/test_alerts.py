"""Staff alerts: each staff user's choice per kind in /account (сразу / в
ежедневной сводке / не получать), respected when an alert is raised; the
mailer's daily digest (once, never twice) and its scheduled alerts
(overdue corrections, intakes closing soon), each sent once."""
import os
import re
import subprocess
import uuid

import pytest
import requests

from conftest import (BUILD, DIR, URL, captcha_of, csrf_of, login, mail_files, make_user, read_mail,
                      sql, stack, wait_for_mail)

KINDS = ["submission", "resubmission", "overdue", "moderation", "deadline", "divergence", "declined"]
DEFAULTS = {"submission": "daily", "resubmission": "now", "overdue": "now",
            "moderation": "daily", "deadline": "now", "divergence": "now", "declined": "now"}


@pytest.fixture
def quiet_mailer():
    """The stack's mailer daemon is stopped meanwhile, so that only the
    test's own runs send digests and scheduled alerts (the web programs
    still deliver their mail right after each response)."""
    stack("stop-program", DIR, "mailer")
    yield
    stack("mailer-start", DIR)


def mailer(*args, conf=None):
    env = dict(os.environ, GF_CONFIG=conf or f"{DIR}/grantfair.hdf")
    subprocess.run([f"{BUILD}/mailer", *args], env=env, check=True, capture_output=True,
                   timeout=60, cwd=DIR)


def staff_user(session=None):
    email = f"alerts-{uuid.uuid4().hex[:10]}@example.ru"
    pw = make_user(email, "staff")
    s = session or requests.Session()
    assert login(s, email, pw).status_code == 303
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    return email, uid, s


def choose(s, **modes):
    """Posts the /account alert form: every kind its default unless given."""
    page = s.get(f"{URL}/account").text
    data = {"csrf": csrf_of(page)}
    for k in KINDS:
        data[f"alert_{k}"] = modes.get(k, DEFAULTS[k])
    return s.post(f"{URL}/account/alerts", data=data, allow_redirects=False)


def mails_to(addr, subject_part):
    return [m for m in map(read_mail, mail_files())
            if m["To"] == addr and subject_part in str(m["subject"])]


def send_idea(body):
    s = requests.Session()
    page = s.get(f"{URL}/ideas").text
    tok, answer = captcha_of(page)
    r = s.post(f"{URL}/ideas", allow_redirects=False, data={
        "csrf": csrf_of(page), "captcha_token": tok, "captcha": answer, "name": "Анна Тестова",
        "email": f"citizen-{uuid.uuid4().hex[:6]}@example.ru", "body": body, "consent": "1"})
    assert r.status_code == 303
    return sql(f"SELECT id FROM ideas WHERE body = '{body}'")[0][0]


# ---- the choice in /account ----------------------------------------------

def test_staff_see_every_kind_with_its_default_checked():
    _, _, s = staff_user()
    page = s.get(f"{URL}/account").text
    assert 'id="alerts"' in page and 'action="/account/alerts"' in page
    for kind, mode in DEFAULTS.items():
        assert re.search(rf'name="alert_{kind}" value="{mode}" checked', page), kind
    for title in ("Подана новая заявка", "Срок доработки заявки истёк",
                  "Новая идея или комментарий на модерацию", "Приближается срок этапа конкурса"):
        assert title in page
    for label in ("сразу", "в ежедневной сводке", "не получать"):
        assert label in page


def test_other_users_have_no_alert_form():
    email = f"alerts-appl-{uuid.uuid4().hex[:8]}@example.ru"
    s = requests.Session()
    login(s, email, make_user(email, "applicant"))
    page = s.get(f"{URL}/account").text
    assert "/account/alerts" not in page
    r = s.post(f"{URL}/account/alerts", data={"csrf": csrf_of(page), "alert_moderation": "now"})
    assert r.status_code == 403


def test_choice_is_saved_shown_and_audited():
    _, uid, s = staff_user()
    r = choose(s, moderation="now", submission="off")
    assert r.status_code == 303 and r.headers["Location"] == "/account?done=alerts#alerts"
    page = s.get(f"{URL}/account?done=alerts").text
    assert "Настройки оповещений сохранены." in page
    assert re.search(r'name="alert_moderation" value="now" checked', page)
    assert re.search(r'name="alert_submission" value="off" checked', page)
    rows = dict(sql(f"SELECT kind, mode FROM user_alerts WHERE user_id = {uid}"))
    assert rows == dict(DEFAULTS, moderation="now", submission="off")
    audit = sql(f"SELECT action, from_state, to_state, reason, user_id FROM audit_log "
                f"WHERE object_type = 'user' AND object_id = {uid} ORDER BY id")
    assert sorted(audit) == sorted([["settings", "daily", "now", "alert:moderation", uid],
                                    ["settings", "daily", "off", "alert:submission", uid]])
    # saving the same again changes nothing and audits nothing
    assert choose(s, moderation="now", submission="off").status_code == 303
    assert len(sql(f"SELECT id FROM audit_log WHERE object_type = 'user' AND object_id = {uid}")) == 2


def test_a_bad_choice_is_refused_and_nothing_saved():
    _, uid, s = staff_user()
    page = s.get(f"{URL}/account").text
    data = {"csrf": csrf_of(page), **{f"alert_{k}": DEFAULTS[k] for k in KINDS}}
    data["alert_deadline"] = "hourly"
    del data["alert_overdue"]
    r = s.post(f"{URL}/account/alerts", data=data)
    assert r.status_code == 400
    assert "Настройки оповещений не сохранены" in r.text
    assert r.text.count("Выберите один из трёх вариантов.") == 2
    assert sql(f"SELECT COUNT(*) FROM user_alerts WHERE user_id = {uid}")[0][0] == "0"


def test_alert_form_requires_csrf():
    _, uid, s = staff_user()
    r = s.post(f"{URL}/account/alerts", data={f"alert_{k}": "off" for k in KINDS})
    assert r.status_code == 403
    assert sql(f"SELECT COUNT(*) FROM user_alerts WHERE user_id = {uid}")[0][0] == "0"


# ---- the choice respected ------------------------------------------------

def test_now_daily_and_off_are_respected_and_the_digest_goes_once(quiet_mailer, clean_limits):
    now_email, _, now_s = staff_user()
    daily_email, daily_id, daily_s = staff_user()
    off_email, off_id, off_s = staff_user()
    assert choose(now_s, moderation="now").status_code == 303
    assert choose(daily_s, moderation="daily").status_code == 303
    assert choose(off_s, moderation="off").status_code == 303

    idea = send_idea(f"Проверка оповещений {uuid.uuid4().hex}: предлагаю школу для НКО.")
    msg = wait_for_mail(lambda m: m["To"] == now_email and f"№ {idea} " in str(m["subject"]))
    assert f"/staff/ideas/{idea}" in msg.get_content()
    line = sql(f"SELECT text FROM alert_digest WHERE user_id = {daily_id} AND sent_at IS NULL")
    assert len(line) == 1 and f"Идея № {idea} от Анна Тестова" in line[0][0]
    assert sql(f"SELECT COUNT(*) FROM alert_digest WHERE user_id = {off_id}")[0][0] == "0"

    mailer("--digest")
    digest = mails_to(daily_email, "Сводка оповещений")
    assert len(digest) == 1
    text = digest[0].get_content()
    assert "Новая идея или комментарий на модерацию" in text
    assert f"Идея № {idea} от Анна Тестова" in text and "/account#alerts" in text
    assert sql(f"SELECT COUNT(*) FROM alert_digest WHERE user_id = {daily_id} "
               "AND sent_at IS NULL")[0][0] == "0"
    mailer("--digest")                                    # nothing new: no second digest
    assert len(mails_to(daily_email, "Сводка оповещений")) == 1
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{daily_email}'")[0][0] == "1"
    # neither the daily nor the off user got the alert itself
    assert not mails_to(daily_email, "Новое предложение")
    assert not [m for m in map(read_mail, mail_files()) if m["To"] == off_email]


def test_a_blocked_staff_user_gets_no_alert(clean_limits):
    email, uid, s = staff_user()
    assert choose(s, moderation="now").status_code == 303
    sql(f"UPDATE users SET disabled = 1 WHERE id = {uid}")
    idea = send_idea(f"Заблокированному не пишем {uuid.uuid4().hex}, а остальным да.")
    wait_for_mail(lambda m: m["To"] == "staff@grantfair.local" and f"№ {idea} " in str(m["subject"]))
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{email}'")[0][0] == "0"


def test_digest_goes_out_once_a_day_from_its_hour(quiet_mailer):
    email, uid, _ = staff_user()
    saved = sql("SELECT last_day FROM mailer_jobs WHERE name = 'digest'")[0][0]
    conf = f"{DIR}/alerts-test.hdf"

    def run_at_hour(hour):
        with open(conf, "w") as f:
            f.write(f'#include "{DIR}/grantfair.hdf"\nDigest.Hour = {hour}\n')
        mailer(conf=conf)

    try:
        sql("UPDATE mailer_jobs SET last_day = '2000-01-01' WHERE name = 'digest'")
        sql(f"INSERT INTO alert_digest (user_id, kind, text, created_at) "
            f"VALUES ({uid}, 'submission', 'Первая строка сводки', NOW())")
        run_at_hour(24)                                   # the hour has not come
        assert not mails_to(email, "Сводка оповещений")
        run_at_hour(0)                                    # it has: today's digest
        assert len(mails_to(email, "Сводка оповещений")) == 1
        assert "Первая строка сводки" in mails_to(email, "Сводка")[0].get_content()
        sql(f"INSERT INTO alert_digest (user_id, kind, text, created_at) "
            f"VALUES ({uid}, 'submission', 'Вторая строка сводки', NOW())")
        run_at_hour(0)                                    # today's has gone: tomorrow
        assert len(mails_to(email, "Сводка оповещений")) == 1
        assert sql(f"SELECT COUNT(*) FROM alert_digest WHERE user_id = {uid} "
                   "AND sent_at IS NULL")[0][0] == "1"
    finally:
        sql(f"UPDATE mailer_jobs SET last_day = '{saved}' WHERE name = 'digest'")
        sql(f"DELETE FROM alert_digest WHERE user_id = {uid}")


# ---- alerts the clock raises ---------------------------------------------

def outbox_count(subject):
    return int(sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = 'staff@grantfair.local' "
                   f"AND subject = '{subject}'")[0][0])


def returned_project(due_sql):
    number = f"T-{uuid.uuid4().hex[:10]}"
    sql("INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, number, title,"
        " summary, status, org_name, created_at, updated_at, return_due) VALUES"
        f" (1, 1, 1, 1, '{number}', 'Проект на доработке', 'Кратко', 'returned',"
        f" 'АНОО ДПО «Центр ППК ТДК»', NOW(), NOW(), {due_sql})")
    return number, sql(f"SELECT id FROM projects WHERE number = '{number}'")[0][0]


def test_overdue_correction_is_alerted_once_per_due_date(quiet_mailer):
    email, _, s = staff_user()
    daily_email, daily_id, daily_s = staff_user()
    assert choose(daily_s, overdue="daily").status_code == 303
    late, late_id = returned_project("NOW() - INTERVAL 1 HOUR")
    early, _ = returned_project("NOW() + INTERVAL 3 DAY")
    try:
        mailer("--alerts")
        subject = f"Истёк срок доработки заявки {late}"
        assert outbox_count(subject) == 1
        assert outbox_count(f"Истёк срок доработки заявки {early}") == 0
        msg = wait_for_mail(lambda m: m["To"] == email and str(m["subject"]) == subject)
        assert "Проект на доработке" in msg.get_content()
        assert f"/applications/{late_id}" in msg.get_content()
        line = sql(f"SELECT text FROM alert_digest WHERE user_id = {daily_id} AND kind = 'overdue'")
        assert len(line) == 1 and late in line[0][0]
        mailer("--alerts")                                # not twice
        assert outbox_count(subject) == 1
        assert len(mails_to(email, subject)) == 1
        # returned again with a new date, which passes too: a new alert
        sql(f"UPDATE projects SET return_due = NOW() - INTERVAL 1 MINUTE WHERE id = {late_id}")
        mailer("--alerts")
        assert outbox_count(subject) == 2
    finally:
        sql(f"DELETE FROM projects WHERE number IN ('{late}', '{early}')")


def test_intake_closing_soon_is_alerted_once(quiet_mailer):
    email, _, _ = staff_user()
    title = f"Тестовый конкурс {uuid.uuid4().hex[:8]}"
    far = title + " (далеко)"
    for t, hours in ((title, 20), (far, 100)):
        sql("INSERT INTO competitions (title, description, stage, opens_at, closes_at, created_at)"
            f" VALUES ('{t}', 'Описание', 'intake', NOW() - INTERVAL 1 DAY,"
            f" NOW() + INTERVAL {hours} HOUR, NOW())")
    try:
        mailer("--alerts")
        subject = f"Приём заявок закрывается через 19 часов: {title}"
        alerts = [m for m in mails_to(email, "Приём заявок закрывается") if title in str(m["subject"])]
        assert len(alerts) == 1
        assert str(alerts[0]["subject"]) in (subject, subject.replace("19 часов", "20 часов"))
        assert "Подано заявок: 0" in alerts[0].get_content()
        assert not [m for m in alerts if far in str(m["subject"])]
        mailer("--alerts")
        assert len([m for m in mails_to(email, "Приём заявок закрывается")
                    if title in str(m["subject"])]) == 1
        # the deadline moved and comes close again: alerted again
        sql(f"UPDATE competitions SET closes_at = NOW() + INTERVAL 30 HOUR WHERE title = '{title}'")
        mailer("--alerts")
        assert len([m for m in mails_to(email, "Приём заявок закрывается")
                    if str(m["subject"]).endswith(": " + title)]) == 2
    finally:
        sql(f"DELETE FROM competitions WHERE title IN ('{title}', '{far}')")
