"""Events in Chromium: a visitor finds an event on /events, registers on its
page (no JavaScript needed), the confirmation mail arrives with a calendar
file that parses as RFC 5545; a full event refuses the next person. The
pages pass axe and fit a 360 px screen."""
import re
import uuid

import pytest
from selenium.webdriver.common.by import By

from conftest import URL, sql, wait_for_mail
from test_journeys import AXE, d, wait_url  # noqa: F401  (the shared browser fixture)


def axe_violations(d):
    d.execute_script(open(AXE).read())
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")


def event_with_seats(seats, title):
    sql("INSERT INTO events (title, kind, starts_at, ends_at, place, online_url, contact, seats,"
        " registration_open, description, followup, created_at, updated_at) VALUES"
        f" ('{title}', 'seminar', NOW() + INTERVAL 3 DAY, NOW() + INTERVAL 3 DAY + INTERVAL 2 HOUR,"
        " 'г. Краснодар, ул. Красная, д. 1', 'https://meet.example/seminar', 'org@example.ru',"
        f" {seats}, 1, 'Семинар о бюджете проекта.', '', NOW(), NOW())")
    return int(sql("SELECT MAX(id) FROM events")[0][0])


def solve_captcha(d):
    q = d.find_element(By.CSS_SELECTOR, "label[for=captcha]").text
    a, b = re.search(r"(\d) \+ (\d)", q).groups()
    return str(int(a) + int(b))


def register(d, eid, name, email):
    d.get(f"{URL}/events/{eid}")
    d.find_element(By.ID, "name").send_keys(name)
    d.find_element(By.ID, "organization").send_keys("АНО «Кубанские инициативы»")
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "consent").click()
    d.find_element(By.ID, "captcha").send_keys(solve_captcha(d))
    d.find_element(By.CSS_SELECTOR, "#register form button[type=submit]").click()


def parse_ics(text):
    """A small RFC 5545 reader: unfolds lines, returns the VEVENT's
    properties (name → value) and checks the calendar's structure."""
    assert text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    assert all(len(x.encode()) <= 75 for x in raw)
    lines = []
    for x in raw:
        if x.startswith((" ", "\t")):
            lines[-1] += x[1:]
        else:
            lines.append(x)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    start, end = lines.index("BEGIN:VEVENT"), lines.index("END:VEVENT")
    props = {}
    for x in lines[start + 1:end]:
        name, value = x.split(":", 1)
        props[name.split(";")[0]] = value
    for need in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert need in props, need
    for t in ("DTSTAMP", "DTSTART", "DTEND"):
        assert re.fullmatch(r"\d{8}T\d{6}Z", props[t]), props[t]
    assert props["DTSTART"] < props["DTEND"]
    return props


def test_visitor_registers_gets_the_calendar_file_and_a_full_event_refuses(d):
    sql("DELETE FROM rate_events")
    d.delete_all_cookies()
    title = "Семинар о бюджете " + uuid.uuid4().hex[:6]
    eid = event_with_seats(1, title)
    d.get(f"{URL}/events")
    d.find_element(By.LINK_TEXT, title).click()
    wait_url(d, lambda u: u.endswith(f"/events/{eid}"))
    assert axe_violations(d) == []
    email = f"guest-{uuid.uuid4().hex[:8]}@example.ru"
    register(d, eid, "Ольга Гостева", email)
    wait_url(d, lambda u: "registered=1" in u)
    assert "Вы зарегистрированы." in d.page_source
    assert axe_violations(d) == []
    msg = wait_for_mail(lambda m: m["To"] == email)
    att = next(msg.iter_attachments())
    assert att.get_filename() == f"event-{eid}.ics"
    props = parse_ics(att.get_content())
    assert props["SUMMARY"] == title
    assert props["UID"].startswith(f"event-{eid}@")
    assert "г. Краснодар\\, ул. Красная\\, д. 1" == props["LOCATION"]
    assert "meet.example/seminar" in props["DESCRIPTION"]
    # the only seat is taken: the page says so and shows no form
    d.delete_all_cookies()
    d.get(f"{URL}/events/{eid}")
    assert "Мест больше нет" in d.page_source
    assert not d.find_elements(By.ID, "captcha")
    assert axe_violations(d) == []
    assert sql(f"SELECT registered FROM events WHERE id = {eid}") == [["1"]]


def test_a_form_read_before_the_last_seat_went_is_refused(d):
    sql("DELETE FROM rate_events")
    d.delete_all_cookies()
    eid = event_with_seats(1, "Последнее место " + uuid.uuid4().hex[:6])
    d.get(f"{URL}/events/{eid}")
    answer = solve_captcha(d)
    # someone else takes the seat while this visitor is typing
    sql("INSERT INTO event_registrations (event_id, name, organization, email, email_key, cancel_hash,"
        f" created_at) VALUES ({eid}, 'Другой', '', 'other@example.ru', 'other@example.ru',"
        " SHA2(UUID(), 256), NOW())")
    sql(f"UPDATE events SET registered = 1 WHERE id = {eid}")
    d.find_element(By.ID, "name").send_keys("Поздний Гость")
    d.find_element(By.ID, "email").send_keys(f"late-{uuid.uuid4().hex[:6]}@example.ru")
    d.find_element(By.ID, "consent").click()
    d.find_element(By.ID, "captcha").send_keys(answer)
    d.find_element(By.CSS_SELECTOR, "#register form button[type=submit]").click()
    assert "Мест больше нет" in d.page_source
    assert not d.find_elements(By.ID, "captcha")
    assert sql(f"SELECT COUNT(*) FROM event_registrations WHERE event_id = {eid}") == [["1"]]


@pytest.mark.parametrize("path", ["/events", "/events/1", "/events/2", "/events/3"])
def test_event_pages_pass_axe_and_fit_360_px(d, path):
    d.delete_all_cookies()
    d.get(f"{URL}{path}")
    assert axe_violations(d) == []
    d.set_window_size(360, 800)
    try:
        d.get(f"{URL}{path}")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 360
    finally:
        d.set_window_size(1280, 900)
