"""Events for staff (/staff/events): the list, a new event and its edits in
Moscow time with their checks and audit entries, the people registered and
their CSV (as the database has them, formulas defused); nobody but staff."""
import csv
import io
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, URL, csrf_of, login, sql


@pytest.fixture(scope="module")
def staff():
    s = requests.Session()
    assert login(s, "staff@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    yield s
    s.close()


def new_form(s, **override):
    page = s.get(f"{URL}/staff/events/new").text
    data = {"csrf": csrf_of(page), "title": "Вебинар " + uuid.uuid4().hex[:8], "kind": "webinar",
            "starts_at": "2031-03-10T10:00", "ends_at": "10.03.2031 12:30", "place": "",
            "online_url": "meet.example/abc", "contact": "+7 (861) 000-00-00", "seats": "40",
            "registration_open": "1", "description": "Вебинар **о отчётах**.", "followup": ""}
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def create(s, **override):
    data = new_form(s, **override)
    r = s.post(f"{URL}/staff/events/new", data=data, allow_redirects=False)
    assert r.status_code == 303, r.text[-2000:]
    eid = int(r.headers["Location"].split("/")[-1].split("?")[0])
    return eid, data


def test_cabinet_links_the_events(staff):
    assert 'href="/staff/events"' in staff.get(f"{URL}/cabinet/staff").text


def test_non_staff_are_refused():
    anon = requests.get(f"{URL}/staff/events", allow_redirects=False)
    assert anon.status_code == 303 and "/login" in anon.headers["Location"]
    for who in ("ngo@demo.grantfair.local", "expert@demo.grantfair.local",
                "secretary@demo.grantfair.local"):
        with requests.Session() as s:
            assert login(s, who, DEMO_PASSWORD).status_code == 303
            assert s.get(f"{URL}/staff/events").status_code == 403
            assert s.get(f"{URL}/staff/events/3/registrations.csv").status_code == 403


def test_create_stores_moscow_time_as_utc_and_audits(staff):
    eid, data = create(staff)
    row = sql(f"SELECT title, kind, starts_at, ends_at, online_url, seats, registration_open"
              f" FROM events WHERE id = {eid}")[0]
    assert row == [data["title"], "webinar", "2031-03-10 07:00:00", "2031-03-10 09:30:00",
                   "https://meet.example/abc", "40", "1"]
    assert sql(f"SELECT action FROM audit_log WHERE object_type = 'event' AND object_id = {eid}") \
        == [["create"]]
    page = staff.get(f"{URL}/staff/events/{eid}").text
    assert 'value="2031-03-10T10:00"' in page and "Сохранено" not in page
    assert data["title"] in staff.get(f"{URL}/staff/events").text
    # the public page shows it, the online link stays hidden
    public = requests.get(f"{URL}/events/{eid}").text
    assert "10.03.2031, 10:00</time>–<time>" in public and "meet.example/abc" not in public   # one day: the date once


def test_bad_input_is_refused_next_to_its_field_and_kept(staff):
    before = sql("SELECT COUNT(*) FROM events")[0][0]
    r = staff.post(f"{URL}/staff/events/new", data=new_form(
        staff, title="", kind="party", starts_at="31.02.2031 10:00", ends_at="вчера",
        online_url="", place="", seats="много", description="", contact="К" * 301))
    assert r.status_code == 400
    for msg in ("Выберите вид мероприятия из списка.", "Укажите дату и время начала",
                "Укажите дату и время окончания", "Укажите адрес или ссылку на онлайн-трансляцию.",
                "Укажите число мест от 1 до 100 000", "Проверьте поля, отмеченные ниже."):
        assert msg in r.text, msg
    assert 'value="много"' in r.text
    r = staff.post(f"{URL}/staff/events/new", data=new_form(
        staff, starts_at="2031-03-10T10:00", ends_at="2031-03-10T09:00"))
    assert r.status_code == 400 and "Окончание должно быть позже начала." in r.text
    r = staff.post(f"{URL}/staff/events/new", data=new_form(staff, description="Д" * 20001))
    assert r.status_code == 400
    assert sql("SELECT COUNT(*) FROM events")[0][0] == before


def test_edit_saves_audits_and_keeps_seats_above_registrations(staff):
    eid, data = create(staff, seats="5")
    sql("INSERT INTO event_registrations (event_id, name, organization, email, email_key, cancel_hash,"
        f" created_at) VALUES ({eid}, 'А', '', 'a@example.ru', 'a@example.ru', SHA2(UUID(), 256), NOW()),"
        f" ({eid}, 'Б', '', 'b@example.ru', 'b@example.ru', SHA2(UUID(), 256), NOW()),"
        f" ({eid}, 'В', '', 'c@example.ru', 'c@example.ru', SHA2(UUID(), 256), NOW())")
    sql(f"UPDATE events SET registered = 3 WHERE id = {eid}")
    page = staff.get(f"{URL}/staff/events/{eid}").text
    edit = dict(data, csrf=csrf_of(page), seats="2")
    r = staff.post(f"{URL}/staff/events/{eid}", data=edit)
    assert r.status_code == 400
    assert "Мест не может быть меньше, чем уже зарегистрировано (3)." in r.text
    edit.update(seats="", title="Новое название " + uuid.uuid4().hex[:6], registration_open=None,
                followup="## Итоги\n\nЗаписи вебинара.")
    r = staff.post(f"{URL}/staff/events/{eid}", data=edit, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/events/{eid}?saved=1"
    assert sql(f"SELECT title, seats, registration_open FROM events WHERE id = {eid}")[0] \
        == [edit["title"], "0", "0"]
    assert sql(f"SELECT action FROM audit_log WHERE object_type = 'event' AND object_id = {eid}"
               " ORDER BY id") == [["create"], ["update"]]
    assert "Сохранено." in staff.get(f"{URL}/staff/events/{eid}?saved=1").text
    assert staff.get(f"{URL}/staff/events/999999").status_code == 404


def test_registrations_csv_matches_the_database_and_defuses_formulas(staff):
    eid, _ = create(staff)
    sql("INSERT INTO event_registrations (event_id, name, organization, email, email_key, cancel_hash,"
        f" created_at) VALUES ({eid}, '=HYPERLINK(\"http://evil\")', '+7;\"ООО\"', 'x@example.ru',"
        f" 'x@example.ru', SHA2(UUID(), 256), NOW()), ({eid}, 'Мария', '@SUM(A1)', 'm@example.ru',"
        " 'm@example.ru', SHA2(UUID(), 256), NOW())")
    r = staff.get(f"{URL}/staff/events/{eid}/registrations.csv")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == ["№", "Дата регистрации (МСК)", "Имя", "Организация", "Эл. почта"]
    db = sql(f"SELECT id, name, organization, email FROM event_registrations WHERE event_id = {eid}"
             " ORDER BY id")
    assert [[t[0], t[2], t[3], t[4]] for t in table[1:]] == [
        [db[0][0], "'" + db[0][1], "'" + db[0][2], db[0][3]],
        [db[1][0], db[1][1], "'" + db[1][2], db[1][3]]]
    page = staff.get(f"{URL}/staff/events/{eid}").text
    assert "Зарегистрировались: 2" in page and "m@example.ru" in page


def test_hostile_text_is_escaped_on_staff_pages(staff):
    evil = '<script>alert("e")</script>\'"'
    eid, _ = create(staff, title=evil, place=evil, contact=evil)
    sql("INSERT INTO event_registrations (event_id, name, organization, email, email_key, cancel_hash,"
        f" created_at) VALUES ({eid}, '<script>x</script>', '<b>o</b>', 'e@example.ru', 'e@example.ru',"
        " SHA2(UUID(), 256), NOW())")
    for path in (f"/staff/events/{eid}", "/staff/events"):
        page = staff.get(f"{URL}{path}").text
        assert "<script>alert" not in page and "<script>x" not in page and "<b>o</b>" not in page
        assert "&lt;script&gt;" in page
