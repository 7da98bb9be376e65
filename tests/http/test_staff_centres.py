"""/staff/centres: staff list, add and edit resource centres (checked next to
each field, audited), hide one, and mark its consultation requests answered;
no one else may."""
import re
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, URL, csrf_of, login, make_user, sql

CARD = {"municipality": "42", "name": "Успенский ресурсный центр НКО",
        "address": "с. Успенское, ул. Калинина, 76", "phone": "+7 (86140) 5-55-00",
        "email": "rc-usp@example.ru", "hours": "пн–пт 9:00–17:00",
        "services": "Консультации по грантам", "website": "usp-nko.example.ru", "active": "1"}


@pytest.fixture(scope="module")
def staff():
    s = requests.Session()
    assert login(s, "staff@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    yield s
    s.close()


def post(s, path, data):
    page = s.get(f"{URL}{path}").text
    return s.post(f"{URL}{path}", data=dict(data, csrf=csrf_of(page)), allow_redirects=False)


def create(staff, **over):
    name = f"{CARD['name']} {uuid.uuid4().hex[:6]}"
    data = {k: v for k, v in dict(CARD, name=name, **over).items() if v is not None}
    r = post(staff, "/staff/centres/new", data)
    assert r.status_code == 303, r.text[-1500:]
    m = re.fullmatch(r"/staff/centres/(\d+)\?saved=1", r.headers["Location"])
    return m.group(1), name


def audit(cid):
    return sql("SELECT action, from_state, to_state, reason FROM audit_log"
               f" WHERE object_type = 'centre' AND object_id = {cid} ORDER BY id")


def test_list_shows_every_centre_with_its_requests(staff):
    page = staff.get(f"{URL}/staff/centres").text
    assert "Ресурсный центр НКО Кубани" in page
    assert "Кореновский ресурсный центр НКО" in page               # hidden ones too
    row = page.split('id="centre-1"')[1].split("</tr>")[0]
    total, new = map(int, re.search(r"всего (\d+), новых (\d+)", row).groups())
    assert (total, new) == tuple(int(x) for x in sql(
        "SELECT COUNT(*), SUM(status = 'new') FROM consultation_requests WHERE centre_id = 1")[0])
    assert 'href="/staff/centres/new"' in page
    cab = staff.get(f"{URL}/cabinet/staff").text
    assert 'href="/staff/centres"' in cab


def test_staff_add_a_centre_and_it_is_public_and_audited(staff):
    cid, name = create(staff)
    row = sql("SELECT municipality_id, address, phone, email, hours, services, website, active"
              f" FROM resource_centres WHERE id = {cid}")[0]
    assert row == ["42", CARD["address"], CARD["phone"], CARD["email"], CARD["hours"],
                   CARD["services"], "https://usp-nko.example.ru", "1"]
    assert audit(cid) == [["create", "NULL", "shown", name]]
    page = staff.get(f"{URL}/staff/centres/{cid}?saved=1").text
    assert "Сохранено." in page and f'value="{CARD["address"]}"' in page
    pub = requests.get(f"{URL}/centres?municipality=42&probe={uuid.uuid4().hex}").text
    assert name in pub


def test_staff_edit_and_hide_a_centre(staff):
    cid, name = create(staff)
    unticked = {k: v for k, v in CARD.items() if k != "active"}     # «Показывать» unticked
    r = post(staff, f"/staff/centres/{cid}", dict(unticked, name=name, hours="вт–сб 10:00–18:00"))
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/centres/{cid}?saved=1"
    assert sql(f"SELECT hours, active FROM resource_centres WHERE id = {cid}")[0] == [
        "вт–сб 10:00–18:00", "0"]
    assert audit(cid)[-1] == ["update", "shown", "hidden", name]
    assert requests.get(f"{URL}/centres/{cid}").status_code == 404


@pytest.mark.parametrize("field,value,message", [
    ("municipality", "", "Выберите муниципальное образование из списка."),
    ("municipality", "999", "Выберите муниципальное образование из списка."),
    ("name", "", "Заполните это поле."),
    ("name", "н" * 301, "Не длиннее 300 символов (сейчас 301)."),
    ("address", "", "Заполните это поле."),
    ("phone", "12", "Телефон указан неверно"),
    ("email", "rc@", "Адрес электронной почты указан неверно"),
    ("hours", "пн\nвт", "Одна строка, без переносов."),
    ("services", "у" * 2001, "Не длиннее 2000 символов (сейчас 2001)."),
    ("website", "javascript:alert(1)", "Адрес сайта указан неверно"),
])
def test_invalid_card_is_refused_next_to_the_field_and_nothing_saved(staff, field, value, message):
    before = sql("SELECT COUNT(*) FROM resource_centres")[0][0]
    name = f"Неверный {uuid.uuid4().hex[:6]}"
    r = post(staff, "/staff/centres/new", dict(CARD, name=name if field != "name" else value,
                                               **({} if field == "name" else {field: value})))
    assert r.status_code == 400
    assert message in r.text and f'id="err-{field}"' in r.text
    assert sql("SELECT COUNT(*) FROM resource_centres")[0][0] == before
    if field != "address":
        assert CARD["address"] in r.text                        # the typed values stay


def test_hostile_text_is_escaped_in_staff_pages(staff):
    hostile = "<script>alert(1)</script> \"q\""
    cid, _ = create(staff, hours=hostile, services=hostile)
    page = staff.get(f"{URL}/staff/centres/{cid}").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;" in page
    pub = requests.get(f"{URL}/centres/{cid}").text
    assert "<script>alert(1)" not in pub and "&lt;script&gt;" in pub


def test_requests_newest_first_and_marked_answered_then_back(staff):
    cid, _ = create(staff)
    for i, who in enumerate(["Первый <b>", "Второй"]):
        sql("INSERT INTO consultation_requests (centre_id, number, name, email, question,"
            f" created_at) VALUES ({cid}, 'К-2026-T{i}{cid}', '{who}', 'x{i}@example.ru',"
            f" 'Вопрос {i}', UTC_TIMESTAMP() + INTERVAL {i} SECOND)")
    page = staff.get(f"{URL}/staff/centres/{cid}/requests").text
    assert page.index("Второй") < page.index("Первый")           # newest first
    assert "Первый &lt;b&gt;" in page and "x0@example.ru" in page
    rid = sql(f"SELECT id FROM consultation_requests WHERE centre_id = {cid} AND name = 'Второй'")[0][0]
    r = post(staff, f"/staff/centres/{cid}/requests", {"request": rid, "was": "new", "status": "answered"})
    assert r.status_code == 303
    row = sql(f"SELECT status, answered_at IS NOT NULL, answered_by IS NOT NULL"
              f" FROM consultation_requests WHERE id = {rid}")[0]
    assert row == ["answered", "1", "1"]
    assert sql("SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'consultation'"
               f" AND object_id = {rid}") == [["answer", "new", "answered"]]
    page = staff.get(f"{URL}/staff/centres/{cid}/requests").text
    assert "Отмечен отвеченным" in page
    # a second click from a page that still showed it new: refused, nothing changes
    r = post(staff, f"/staff/centres/{cid}/requests", {"request": rid, "was": "new", "status": "answered"})
    assert r.status_code == 409 and "уже изменил другой сотрудник" in r.text
    r = post(staff, f"/staff/centres/{cid}/requests", {"request": rid, "was": "answered", "status": "new"})
    assert r.status_code == 303
    assert sql(f"SELECT status, answered_at FROM consultation_requests WHERE id = {rid}")[0] == ["new", "NULL"]
    # a request of another centre is not this centre's
    other = sql("SELECT id FROM consultation_requests WHERE centre_id = 1 LIMIT 1")[0][0]
    r = post(staff, f"/staff/centres/{cid}/requests", {"request": other, "was": "new", "status": "answered"})
    assert r.status_code == 404


def test_unknown_centre_is_404_for_staff(staff):
    assert staff.get(f"{URL}/staff/centres/999999").status_code == 404
    assert staff.get(f"{URL}/staff/centres/999999/requests").status_code == 404


@pytest.mark.parametrize("role", ["applicant", "expert", "secretary", "admin"])
def test_non_staff_are_refused(role):
    email = f"centres-{role}-{uuid.uuid4().hex[:6]}@example.org"
    pw = make_user(email, role)
    s = requests.Session()
    assert login(s, email, pw).status_code == 303
    for path in ("/staff/centres", "/staff/centres/new", "/staff/centres/1",
                 "/staff/centres/1/requests"):
        assert s.get(f"{URL}{path}", allow_redirects=False).status_code == 403, path
    csrf = csrf_of(s.get(f"{URL}/account").text)
    before = sql("SELECT COUNT(*) FROM resource_centres")[0][0]
    r = s.post(f"{URL}/staff/centres/new", data=dict(CARD, csrf=csrf), allow_redirects=False)
    assert r.status_code == 403
    assert sql("SELECT COUNT(*) FROM resource_centres")[0][0] == before


def test_anonymous_is_sent_to_login():
    r = requests.get(f"{URL}/staff/centres/1", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")
