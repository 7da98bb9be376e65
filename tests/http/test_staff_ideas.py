"""Ideas for staff (/staff/ideas): the list with the author's email,
filters, one idea with its replies, a reply mailed to the author through
the outbox, «Прочитано» / «Спам» / «Не спам» with a refusal when a colleague
changed it first, the CSV export; and the citizen's copy of their idea
with its number."""
import csv
import io
import re
import uuid

import pytest
import requests

from conftest import (DEMO_PASSWORD, URL, captcha_of, csrf_of, login, mail_files, make_user, read_mail,
                      sql, wait_for_mail)


@pytest.fixture(scope="module")
def staff():
    s = requests.Session()
    assert login(s, "staff@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    yield s
    s.close()


def add_idea(name="Ирина Тестова", email=None, muni="NULL", status="new", body=None):
    """An idea stored as the public form stores it; returns (id, body, email)."""
    email = email or f"author-{uuid.uuid4().hex[:8]}@example.ru"
    body = body or f"Предложение {uuid.uuid4().hex}: больше консультаций для НКО."
    sql("INSERT INTO ideas (name, email, municipality_id, body, status, created_at, ip) VALUES "
        f"('{name}', '{email}', {muni}, '{body}', '{status}', NOW(), '127.0.0.1')")
    return sql(f"SELECT id FROM ideas WHERE body = '{body}'")[0][0], body, email


def page_of(s, iid):
    r = s.get(f"{URL}/staff/ideas/{iid}")
    assert r.status_code == 200
    return r.text


def post(s, iid, **data):
    page = page_of(s, iid)
    data.setdefault("csrf", csrf_of(page))
    return s.post(f"{URL}/staff/ideas/{iid}", data=data, allow_redirects=False)


def status_of(iid):
    return sql(f"SELECT status FROM ideas WHERE id = {iid}")[0][0]


def audit_of(iid):
    return sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'idea' "
               f"AND object_id = {iid} ORDER BY id")


# ---- the list ------------------------------------------------------------

def test_list_shows_author_email_municipality_text_and_status(staff):
    iid, body, email = add_idea(name="Олег Списков", muni=5)
    muni = sql("SELECT name FROM municipalities WHERE id = 5")[0][0]
    page = staff.get(f"{URL}/staff/ideas").text
    item = page[page.index(f'href="/staff/ideas/{iid}"'):]
    item = item[:item.index("</li>")]
    assert "Олег Списков" in item and f'href="mailto:{email}"' in item
    assert muni in item and body in item and "Новое" in item


def test_newest_first_and_paged(staff):
    first, _, _ = add_idea()
    second, _, _ = add_idea()
    page = staff.get(f"{URL}/staff/ideas").text
    assert page.index(f"/staff/ideas/{second}\"") < page.index(f"/staff/ideas/{first}\"")
    total = int(sql("SELECT COUNT(*) FROM ideas")[0][0])
    assert f"Найдено: {total}" in page
    if total > 20:
        assert 'href="/staff/ideas?page=2"' in page
        assert f"/staff/ideas/{second}\"" not in staff.get(f"{URL}/staff/ideas?page=2").text


def test_long_text_is_cut_in_the_list_and_whole_on_its_page(staff):
    body = "Длинное предложение. " * 40 + uuid.uuid4().hex
    iid, _, _ = add_idea(body=body)
    page = staff.get(f"{URL}/staff/ideas").text
    assert body[:300] in page and body not in page and "читать полностью" in page
    assert body in page_of(staff, iid)


def test_filters_by_status_and_municipality(staff):
    a, _, _ = add_idea(muni=7, status="new")
    b, _, _ = add_idea(muni=7, status="spam")
    c, _, _ = add_idea(muni=8, status="new")

    def ids(query):
        text = staff.get(f"{URL}/staff/ideas?{query}").text
        return {x for x in (a, b, c) if f'href="/staff/ideas/{x}"' in text}

    assert ids("status=spam&municipality=7") == {b}
    assert ids("status=new&municipality=7") == {a}
    assert ids("municipality=8") == {c}
    spam = staff.get(f"{URL}/staff/ideas?status=spam").text
    assert f'href="/staff/ideas/{b}"' in spam and f'href="/staff/ideas/{a}"' not in spam
    assert '<option value="spam" selected>' in spam
    # a filter value that is not ours is ignored, not an error
    assert ids("status=<script>&municipality=99999") >= {a, b, c}
    assert "<script>" not in staff.get(f"{URL}/staff/ideas?status=<script>").text


def test_hostile_text_is_escaped(staff):
    iid, _, _ = add_idea(name="<script>alert(1)</script>", body="<img src=x onerror=alert(1)> идея")
    for page in (staff.get(f"{URL}/staff/ideas").text, page_of(staff, iid)):
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)" in page


def test_unknown_idea_is_404(staff):
    assert staff.get(f"{URL}/staff/ideas/999999999").status_code == 404
    r = staff.post(f"{URL}/staff/ideas/999999999", data={
        "csrf": csrf_of(staff.get(f"{URL}/staff/ideas").text), "action": "read", "seen": "new"})
    assert r.status_code == 404


def test_only_staff_see_ideas():
    email = f"ideas-expert-{uuid.uuid4().hex[:8]}@example.ru"
    s = requests.Session()
    login(s, email, make_user(email, "expert"))
    assert s.get(f"{URL}/staff/ideas").status_code == 403
    assert s.get(f"{URL}/staff/ideas.csv").status_code == 403
    anon = requests.get(f"{URL}/staff/ideas/1", allow_redirects=False)
    assert anon.status_code == 303 and anon.headers["Location"].startswith("/login?next=")


# ---- decisions -----------------------------------------------------------

def test_read_spam_and_back_are_audited(staff):
    iid, _, _ = add_idea()
    page = page_of(staff, iid)
    assert ">Прочитано</button>" in page and ">Спам</button>" in page and "Не спам" not in page
    r = post(staff, iid, action="read", seen="new")
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/ideas/{iid}?done=read"
    assert status_of(iid) == "read"
    page = staff.get(f"{URL}{r.headers['Location']}").text
    assert "отмечено как прочитанное" in page and ">Прочитано</button>" not in page
    assert post(staff, iid, action="spam", seen="read").status_code == 303
    assert status_of(iid) == "spam"
    page = page_of(staff, iid)
    assert ">Не спам</button>" in page and "Ответить автору" not in page
    assert post(staff, iid, action="unspam", seen="spam").status_code == 303
    assert status_of(iid) == "read"
    assert audit_of(iid) == [["status", "new", "read"], ["status", "read", "spam"],
                             ["status", "spam", "read"]]


def test_a_decision_on_a_stale_page_is_refused(staff):
    iid, _, _ = add_idea()
    page = page_of(staff, iid)                  # shows "new"
    sql(f"UPDATE ideas SET status = 'spam' WHERE id = {iid}")   # a colleague was quicker
    r = staff.post(f"{URL}/staff/ideas/{iid}", data={"csrf": csrf_of(page), "action": "read",
                                                     "seen": "new"})
    assert r.status_code == 409
    assert "уже изменил другой сотрудник: теперь «Спам»" in r.text
    assert status_of(iid) == "spam" and audit_of(iid) == []
    # a decision that does not apply to the status is refused the same way
    r = staff.post(f"{URL}/staff/ideas/{iid}", data={"csrf": csrf_of(page), "action": "spam",
                                                     "seen": "spam"})
    assert r.status_code == 409 and status_of(iid) == "spam"


def test_unknown_action_is_a_bad_request(staff):
    iid, _, _ = add_idea()
    assert post(staff, iid, action="delete", seen="new").status_code == 400
    assert status_of(iid) == "new"


def test_decisions_require_csrf(staff):
    iid, _, _ = add_idea()
    r = staff.post(f"{URL}/staff/ideas/{iid}", data={"action": "spam", "seen": "new"})
    assert r.status_code == 403 and status_of(iid) == "new"


# ---- replies -------------------------------------------------------------

def test_reply_is_mailed_to_the_author_stored_and_answers_the_idea(staff):
    iid, body, email = add_idea(name="Пётр Ответов")
    text = f"Спасибо! Мы включим ваше предложение в план на 2027 год. {uuid.uuid4().hex}"
    r = post(staff, iid, action="reply", replies="0", body=text)
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/ideas/{iid}?done=reply"
    msg = wait_for_mail(lambda m: m["To"] == email)
    assert str(msg["subject"]) == f"Ответ на ваше предложение (№ {iid})"
    content = msg.get_content()
    assert "Здравствуйте, Пётр Ответов!" in content
    assert text in content and body in content and "Кузнецова Мария Андреевна" in content
    assert status_of(iid) == "answered"
    assert sql(f"SELECT body FROM idea_replies WHERE idea_id = {iid}") == [[text]]
    assert audit_of(iid) == [["reply", "new", "answered"]]
    page = staff.get(f"{URL}{r.headers['Location']}").text
    assert "Ответ отправлен автору" in page and text in page
    assert "Отвечено" in page
    # a second reply is allowed; the status stays answered
    assert post(staff, iid, action="reply", replies="1", body="И ещё одно уточнение.").status_code == 303
    assert sql(f"SELECT COUNT(*) FROM idea_replies WHERE idea_id = {iid}")[0][0] == "2"
    assert status_of(iid) == "answered"
    list_page = staff.get(f"{URL}/staff/ideas?status=answered").text
    assert f'href="/staff/ideas/{iid}"' in list_page and "ответов: 2" in list_page


@pytest.mark.parametrize("body,message", [
    ("", "Заполните это поле."),
    ("ок", "Слишком коротко для ответа."),
    ("я" * 5001, "Не длиннее 5000 символов (сейчас 5001)."),
], ids=["empty", "short", "long"])
def test_bad_reply_is_refused_next_to_the_field(staff, body, message):
    iid, _, email = add_idea()
    r = post(staff, iid, action="reply", replies="0", body=body)
    assert r.status_code == 400 and message in r.text and 'aria-invalid="true"' in r.text
    assert status_of(iid) == "new"
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{email}'")[0][0] == "0"


def test_reply_written_while_a_colleague_answered_is_held_back(staff):
    iid, _, email = add_idea()
    page = page_of(staff, iid)
    sql(f"INSERT INTO idea_replies (idea_id, user_id, body, created_at) VALUES ({iid}, "
        "(SELECT id FROM users WHERE email = 'admin@demo.grantfair.local'), 'Ответ коллеги', NOW())")
    mine = "Мой ответ, написанный параллельно."
    r = staff.post(f"{URL}/staff/ideas/{iid}", data={"csrf": csrf_of(page), "action": "reply",
                                                     "replies": "0", "body": mine})
    assert r.status_code == 409 and "другой сотрудник уже ответил" in r.text
    assert "Ответ коллеги" in r.text and f">{mine}</textarea>" in r.text    # the text stays
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{email}'")[0][0] == "0"
    # having read it, the reply goes
    assert post(staff, iid, action="reply", replies="1", body=mine).status_code == 303


def test_spam_is_not_answered(staff):
    iid, _, email = add_idea(status="spam")
    r = post(staff, iid, action="reply", replies="0", body="Ответ на спам не уходит.")
    assert r.status_code == 409 and "отмечено как «Спам»" in r.text
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{email}'")[0][0] == "0"


# ---- CSV -----------------------------------------------------------------

def test_csv_export_for_excel(staff):
    a, _, email_a = add_idea(name="=HYPERLINK(\"http://evil\")", muni=9, status="answered",
                             body=f"Текст; с точкой с запятой и \"кавычками\" {uuid.uuid4().hex}")
    b, _, _ = add_idea(name="Обычный Автор", muni=10, status="new")
    r = staff.get(f"{URL}/staff/ideas.csv?municipality=9")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "ideas.csv" in r.headers.get("Content-Disposition", "")
    raw = r.content
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["Номер", "Дата (МСК)", "Имя", "Эл. почта", "Муниципальное образование",
                       "Статус", "Ответов", "Текст"]
    mine = [row for row in rows[1:] if row[0] == a]
    assert len(mine) == 1
    row = mine[0]
    muni = sql("SELECT name FROM municipalities WHERE id = 9")[0][0]
    assert row[2] == "'=HYPERLINK(\"http://evil\")"          # a formula becomes text
    assert row[3] == email_a and row[4] == muni and row[5] == "Отвечено"
    assert row[7].startswith("Текст; с точкой с запятой и \"кавычками\"")
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", row[1])
    assert all(r[0] != b for r in rows[1:])                   # the filter applies
    assert all(r[4] == muni for r in rows[1:])


# ---- the citizen's copy --------------------------------------------------

def send(s, email, body):
    page = s.get(f"{URL}/ideas").text
    tok, answer = captcha_of(page)
    return s.post(f"{URL}/ideas", allow_redirects=False, data={
        "csrf": csrf_of(page), "captcha_token": tok, "captcha": answer, "name": "Гражданин Копиев",
        "email": email, "municipality": "3", "body": body, "consent": "1"})


def test_the_sender_gets_a_copy_with_the_number(clean_limits):
    email = f"copy-{uuid.uuid4().hex[:8]}@example.ru"
    body = f"Прошу открыть коворкинг для НКО. {uuid.uuid4().hex}"
    assert send(requests.Session(), email, body).status_code == 303
    iid = sql(f"SELECT id FROM ideas WHERE body = '{body}'")[0][0]
    msg = wait_for_mail(lambda m: m["To"] == email)
    assert str(msg["subject"]) == f"Ваше предложение получено (№ {iid})"
    content = msg.get_content()
    assert f"под номером {iid}" in content
    assert body not in content          # nothing typed travels to a typed address
    assert "этот адрес электронной почты указали в форме «Идеи и предложения»" in content


def test_one_address_gets_a_limited_number_of_copies(clean_limits):
    email = f"victim-{uuid.uuid4().hex[:8]}@example.ru"
    s = requests.Session()
    for i in range(4):
        assert send(s, email.upper() if i % 2 else email,
                    f"Идея номер {i} на один адрес {uuid.uuid4().hex}").status_code == 303
    # all four ideas are stored and alerted; only three copies went out
    assert sql(f"SELECT COUNT(*) FROM ideas WHERE LOWER(email) = '{email}'")[0][0] == "4"
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE LOWER(to_addr) = '{email}'")[0][0] == "3"
