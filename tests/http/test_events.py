"""Events: the public list and calendar file (events), one event's page with
its registration form (event): captcha, honeypot, CSRF, limits, one
registration per address, the seat limit under parallel requests, the
confirmation mail with its .ics, the one-time cancellation link, the
reminder the day before (sent once), escaping, the follow-up."""
import concurrent.futures
import re
import subprocess
import uuid

import pytest
import requests

from conftest import (BUILD, DIR, URL, captcha_of, csrf_of, mail_files, read_mail, sql,
                      wait_for_mail)


def make_event(title=None, seats=0, days=5, open_=1, place="г. Краснодар, ул. Красная, д. 1",
               url="", followup="", hours=None):
    """A fresh event starting in `days` days (or `hours` hours) for 2 hours; its id."""
    title = title or "Семинар " + uuid.uuid4().hex[:8]
    start = f"NOW() + INTERVAL {hours} HOUR" if hours is not None else f"NOW() + INTERVAL {days} DAY"
    esc = lambda s: s.replace("\\", "\\\\").replace("'", "\\'")
    sql("INSERT INTO events (title, kind, starts_at, ends_at, place, online_url, contact, seats,"
        " registration_open, description, followup, created_at, updated_at) VALUES"
        f" ('{esc(title)}', 'seminar', {start}, {start} + INTERVAL 2 HOUR, '{esc(place)}',"
        f" '{esc(url)}', 'org@example.ru', {seats}, {open_}, 'Описание **семинара**.',"
        f" '{esc(followup)}', NOW(), NOW())")
    return int(sql("SELECT MAX(id) FROM events")[0][0])


GOOD = {"name": "Анна Участникова", "organization": "АНО «Ромашка»", "consent": "1"}


def form(s, eid, **override):
    page = s.get(f"{URL}/events/{eid}").text
    tok, answer = captcha_of(page)
    data = dict(GOOD, email=f"a-{uuid.uuid4().hex[:10]}@example.ru", csrf=csrf_of(page),
                captcha_token=tok, captcha=answer)
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def registered(eid):
    return int(sql(f"SELECT registered FROM events WHERE id = {eid}")[0][0])


def rows(eid):
    return int(sql(f"SELECT COUNT(*) FROM event_registrations WHERE event_id = {eid}")[0][0])


def test_list_shows_upcoming_soonest_first_and_past_newest_first(s):
    late = make_event(title="Позднее событие " + uuid.uuid4().hex[:6], days=30)
    soon = make_event(title="Раннее событие " + uuid.uuid4().hex[:6], days=2, seats=10)
    page = s.get(f"{URL}/events").text
    upcoming, past = page.split('id="past"')
    assert upcoming.index(f'/events/{soon}"') < upcoming.index(f'/events/{late}"')
    assert "Осталось мест: <strong>10</strong> из 10." in upcoming
    # the seed's meeting is past, with its follow-up linked
    assert "Встреча руководителей некоммерческих организаций региона" in past
    assert "/events/1#followup" in past
    assert "(МСК)" in upcoming


def test_list_is_cached_but_the_form_page_never_is(s):
    eid = make_event()
    a, b = s.get(f"{URL}/events/{eid}").text, requests.get(f"{URL}/events/{eid}").text
    assert captcha_of(a)[0] != captcha_of(b)[0]          # every visitor a fresh question
    r = requests.get(f"{URL}/events")
    assert r.status_code == 200


def test_past_event_shows_its_follow_up_rendered_safely(s):
    page = s.get(f"{URL}/events/1").text
    assert "Итоги и материалы" in page and 'id="followup"' in page
    assert "Игорь Чагаев подчеркнул важность активной работы ресурсных центров" in page
    assert "<blockquote>" in page                       # Markdown rendered
    assert 'name="captcha"' not in page                  # no registration after the event
    eid = make_event(days=-3, followup="Итог <script>alert(1)</script> [x](javascript:alert(2))")
    sql(f"UPDATE events SET ends_at = NOW() - INTERVAL 1 DAY WHERE id = {eid}")
    page = s.get(f"{URL}/events/{eid}").text
    assert "<script>alert(1)" not in page and "javascript:alert" not in page


def test_registration_stores_counts_and_mails_a_calendar_file(s, clean_limits):
    eid = make_event(seats=5, url="https://meet.example/room-1")
    data = form(s, eid)
    r = s.post(f"{URL}/events/{eid}", data=data, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/events/{eid}?registered=1"
    assert "Вы зарегистрированы." in s.get(f"{URL}/events/{eid}?registered=1").text
    assert registered(eid) == 1 and rows(eid) == 1
    row = sql(f"SELECT name, organization, email FROM event_registrations WHERE event_id = {eid}")[0]
    assert row == [GOOD["name"], GOOD["organization"], data["email"]]
    msg = wait_for_mail(lambda m: m["To"] == data["email"])
    assert str(msg["subject"]).startswith("Регистрация на мероприятие «Семинар")
    assert msg.get_content_type() == "multipart/mixed"
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert "https://meet.example/room-1" in body          # the link, to registered people only
    assert "/events/cancel?token=" in body
    assert GOOD["name"] not in body                       # nothing typed goes back out
    att = next(msg.iter_attachments())
    assert att.get_filename() == f"event-{eid}.ics"
    assert att.get_content_type() == "text/calendar"
    ics = att.get_content()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    for line in ics.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = ics.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert f"UID:event-{eid}@127.0.0.1:{URL.rsplit(':', 1)[1]}" in lines
    assert any(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", x) for x in lines)
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", x) for x in lines)
    assert "meet.example/room-1" in unfolded


def test_public_ics_download_has_no_online_link(s):
    eid = make_event(place="", url="https://meet.example/secret-room")
    r = s.get(f"{URL}/events/{eid}.ics")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in r.text and "secret-room" not in r.text
    assert "LOCATION:Онлайн" in r.text
    assert "secret-room" not in s.get(f"{URL}/events/{eid}").text
    assert s.get(f"{URL}/events/999999.ics").status_code == 404
    assert s.get(f"{URL}/events/999999").status_code == 404


def test_missing_or_wrong_csrf_is_refused(s, clean_limits):
    eid = make_event()
    data = form(s, eid)
    del data["csrf"]
    assert s.post(f"{URL}/events/{eid}", data=data).status_code == 403
    data = form(s, eid, csrf="x" * 40)
    assert s.post(f"{URL}/events/{eid}", data=data).status_code == 403
    assert rows(eid) == 0


def test_wrong_and_reused_captcha_are_refused_and_the_text_stays(s, clean_limits):
    eid = make_event()
    data = form(s, eid)
    data["captcha"] = str(int(data["captcha"]) + 1)
    r = s.post(f"{URL}/events/{eid}", data=data)
    assert r.status_code == 400
    assert "Ответ на пример неверный. Решите новый пример." in r.text
    assert f'value="{data["email"]}"' in r.text
    data = form(s, eid)
    assert s.post(f"{URL}/events/{eid}", data=data, allow_redirects=False).status_code == 303
    data["email"] = "other-" + data["email"]
    r = s.post(f"{URL}/events/{eid}", data=data)
    assert r.status_code == 400
    assert "Этот пример уже решён" in r.text
    assert rows(eid) == 1


def test_required_fields_consent_and_sizes(s, clean_limits):
    eid = make_event()
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid, name="", email="не-адрес", consent=None))
    assert r.status_code == 400
    assert "Адрес электронной почты указан неверно" in r.text
    assert "Без согласия на обработку персональных данных" in r.text
    assert 'id="err-name"' in r.text
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid, name="Я" * 101, organization="О" * 301))
    assert r.status_code == 400
    assert r.text.count("field-error") >= 2
    assert rows(eid) == 0


def test_one_registration_per_address(s, clean_limits):
    eid = make_event()
    data = form(s, eid, email="Same.Person@Example.ru")
    assert s.post(f"{URL}/events/{eid}", data=data, allow_redirects=False).status_code == 303
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid, email="  same.person@example.RU "))
    assert r.status_code == 409
    assert "С этим адресом электронной почты на мероприятие уже зарегистрировались." in r.text
    assert rows(eid) == 1 and registered(eid) == 1


def test_honeypot_stores_nothing(s, clean_limits):
    eid = make_event()
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid, website="http://spam.example"),
               allow_redirects=False)
    assert r.status_code == 303
    assert rows(eid) == 0


def test_closed_registration_refuses(s, clean_limits):
    eid = make_event()
    data = form(s, eid)
    sql(f"UPDATE events SET registration_open = 0 WHERE id = {eid}")
    r = s.post(f"{URL}/events/{eid}", data=data)
    assert r.status_code == 409 and "Регистрация на это мероприятие закрыта." in r.text
    assert 'name="captcha"' not in s.get(f"{URL}/events/{eid}").text
    assert rows(eid) == 0


def test_seat_limit_holds_under_eight_parallel_requests(clean_limits):
    eid = make_event(seats=3)
    sessions = [requests.Session() for _ in range(8)]
    forms = [form(x, eid) for x in sessions]

    def post(i):
        return sessions[i].post(f"{URL}/events/{eid}", data=forms[i], allow_redirects=False)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, range(8)))
    codes = sorted(a.status_code for a in answers)
    assert codes == [303] * 3 + [409] * 5, codes
    assert all("Мест больше нет" in a.text for a in answers if a.status_code == 409)
    assert rows(eid) == 3 and registered(eid) == 3
    s = sessions[0]
    page = s.get(f"{URL}/events/{eid}").text
    assert "Мест больше нет" in page and 'name="captcha"' not in page
    for x in sessions:
        x.close()


def test_limit_per_address_and_higher_limit_per_network(s, clean_limits):
    addr = f"busy-{uuid.uuid4().hex[:8]}@example.ru"
    for _ in range(5):
        eid = make_event()
        assert s.post(f"{URL}/events/{eid}", data=form(s, eid, email=addr),
                      allow_redirects=False).status_code == 303
    eid = make_event()
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid, email=addr))
    assert r.status_code == 429
    assert f"С адреса электронной почты {addr} недавно отправлено слишком много регистраций" in r.text
    # the network's ceiling: fill it for this client's address
    for _ in range(50):
        sql("INSERT INTO rate_events (bucket, at) VALUES ('events:ip:127.0.0.1', NOW())")
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid))
    assert r.status_code == 429 and "Из вашей сети (с вашего IP-адреса)" in r.text


def test_hostile_text_comes_back_escaped(s, clean_limits):
    eid = make_event(title='Семинар <script>alert("t")</script> \' "кавычки"')
    evil = '<script>alert("x")</script>\'"'
    r = s.post(f"{URL}/events/{eid}", data=form(s, eid, name=evil, organization=evil,
                                                  email="bad<script>@example.ru", captcha="0"))
    assert r.status_code == 400
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in r.text
    # the list is cached for a few seconds: a query string of its own reads it fresh
    for path in (f"/events/{eid}", f"/events?fresh={uuid.uuid4().hex}"):
        page = s.get(f"{URL}{path}").text
        assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_cancellation_link_works_once(s, clean_limits):
    eid = make_event(seats=1)
    data = form(s, eid)
    assert s.post(f"{URL}/events/{eid}", data=data, allow_redirects=False).status_code == 303
    msg = wait_for_mail(lambda m: m["To"] == data["email"])
    link = re.search(r"(/events/cancel\?token=[A-Za-z0-9_-]+)",
                     msg.get_body(preferencelist=("plain",)).get_content()).group(1)
    page = s.get(f"{URL}{link}")
    assert page.status_code == 200 and "Отменить регистрацию" in page.text
    assert rows(eid) == 1                                  # a GET changes nothing
    token = link.split("=", 1)[1]
    r = s.post(f"{URL}/events/cancel", data={"csrf": csrf_of(page.text), "token": token})
    assert r.status_code == 200 and "Регистрация отменена." in r.text
    assert rows(eid) == 0 and registered(eid) == 0
    r = s.post(f"{URL}/events/cancel", data={"csrf": csrf_of(page.text), "token": token})
    assert r.status_code == 400 and "Ссылка недействительна" in r.text
    assert s.get(f"{URL}/events/cancel?token=nonsense").status_code == 400


def run_mailer_alerts():
    subprocess.run([f"{BUILD}/mailer", "--alerts"], check=True, capture_output=True, timeout=60,
                   env={"GF_CONFIG": f"{DIR}/grantfair.hdf"})


def test_reminder_the_day_before_is_sent_once(s, clean_limits):
    eid = make_event(hours=20, url="https://meet.example/tomorrow")
    later = make_event(days=5)
    data = form(s, eid)
    assert s.post(f"{URL}/events/{eid}", data=data, allow_redirects=False).status_code == 303
    other = form(s, later)
    assert s.post(f"{URL}/events/{later}", data=other, allow_redirects=False).status_code == 303
    wait_for_mail(lambda m: m["To"] == data["email"])      # the confirmation
    run_mailer_alerts()
    run_mailer_alerts()
    msg = wait_for_mail(lambda m: m["To"] == data["email"] and "Напоминание" in str(m["subject"]))
    body = msg.get_content()
    assert "https://meet.example/tomorrow" in body and "(МСК)" in body
    reminders = [p for p in mail_files() if read_mail(p)["To"] == data["email"]
                 and "Напоминание" in str(read_mail(p)["subject"])]
    assert len(reminders) == 1
    assert sql(f"SELECT reminded_at IS NOT NULL FROM event_registrations WHERE event_id = {eid}") == [["1"]]
    # an event five days ahead is not reminded yet
    assert sql(f"SELECT reminded_at IS NULL FROM event_registrations WHERE event_id = {later}") == [["1"]]
