"""/centres and /centres/<id>: the directory of NGO resource centres by
municipality, and the consultation request form — validation, captcha,
honeypot, CSRF, limits, the number, the centre's mail and the copy."""
import re
import uuid

import pytest
import requests

from conftest import URL, captcha_of, csrf_of, mail_files, read_mail, sql, wait_for_mail
from test_db_grants import as_reader

GOOD = {"name": "Ольга Тестова", "organization": "АНО «Берег»", "email": "olga@example.ru",
        "phone": "", "question": "Как заполнить раздел «Бюджет» в заявке на конкурс?",
        "consent": "1"}


@pytest.fixture(scope="module")
def centre():
    """A shown centre with an e-mail of its own, in Успенский район (42)."""
    tag = uuid.uuid4().hex[:8]
    sql("INSERT INTO resource_centres (municipality_id, name, address, phone, email, hours,"
        f" services, active) VALUES (42, 'Центр {tag}', 'с. Успенское, ул. Калинина, 76',"
        f" '+7 (86140) 5-55-00', 'rc-{tag}@example.ru', 'пн–пт 9:00–17:00', 'Консультации', 1)")
    cid = sql(f"SELECT id FROM resource_centres WHERE name = 'Центр {tag}'")[0][0]
    yield {"id": cid, "email": f"rc-{tag}@example.ru", "name": f"Центр {tag}"}
    sql(f"UPDATE resource_centres SET active = 0 WHERE id = {cid}")


def form(s, cid, **override):
    page = s.get(f"{URL}/centres/{cid}").text
    tok, answer = captcha_of(page)
    data = dict(GOOD, csrf=csrf_of(page), captcha_token=tok, captcha=answer)
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def count(cid):
    return int(sql(f"SELECT COUNT(*) FROM consultation_requests WHERE centre_id = {cid}")[0][0])


def fresh(path):
    return requests.get(f"{URL}{path}{'&' if '?' in path else '?'}probe={uuid.uuid4().hex}")


# ---- the directory -----------------------------------------------------------

def test_directory_groups_centres_by_municipality_with_their_contacts():
    page = fresh("/centres").text
    groups = re.findall(r'<h2 id="muni-(\d+)">([^<]+)</h2>', page)
    assert len(groups) >= 10                                  # the demo's municipalities
    assert [g[1] for g in groups][:2] == ["Анапа", "Армавир"]  # in the list's order
    krasnodar = page.split('<h2 id="muni-5">')[1].split("</section>")[0]
    assert "Ресурсный центр НКО Кубани" in krasnodar
    for text in ("г. Краснодар, ул. Красная, 1", 'href="tel:+7 (861) 200-00-01"',
                 'href="mailto:rc@ngo.example"', "пн–пт 9:00–18:00", "бухгалтерское"):
        assert text in krasnodar, text
    assert 'href="/centres/1#request"' in krasnodar


def test_filter_by_municipality_and_hidden_centres_left_out():
    page = fresh("/centres?municipality=6").text
    assert re.findall(r'<h2 id="muni-(\d+)">', page) == ["6"]
    assert '<option value="6" selected>Новороссийск</option>' in page
    # a municipality without a centre, or nonsense: everything
    for q in ("44", "abc", "-1"):
        assert len(re.findall(r'<h2 id="muni-', fresh(f"/centres?municipality={q}").text)) >= 10
    hidden = sql("SELECT id FROM resource_centres WHERE name = 'Кореновский ресурсный центр НКО'")[0][0]
    assert "Кореновский ресурсный центр" not in fresh("/centres").text
    assert requests.get(f"{URL}/centres/{hidden}").status_code == 404


def test_a_centre_without_email_offers_no_form(s):
    tag = uuid.uuid4().hex[:8]
    sql("INSERT INTO resource_centres (municipality_id, name, address, phone, email)"
        f" VALUES (42, 'Без почты {tag}', 'с. Успенское', '+7 (86140) 5-00-00', '')")
    cid = sql(f"SELECT id FROM resource_centres WHERE name = 'Без почты {tag}'")[0][0]
    try:
        card = fresh("/centres?municipality=42").text.split(f'id="centre-{cid}"')[1].split("</li>")[0]
        assert "Записаться на консультацию" not in card
        page = s.get(f"{URL}/centres/{cid}").text
        assert "<form method=\"post\"" not in page and "не принимает запросы через сайт" in page
        r = s.post(f"{URL}/centres/{cid}", data=dict(GOOD, csrf=csrf_of(
            s.get(f"{URL}/centres/1").text)))
        assert r.status_code == 404
        assert count(cid) == 0
    finally:
        sql(f"DELETE FROM resource_centres WHERE id = {cid}")


def test_unknown_centre_is_404():
    assert requests.get(f"{URL}/centres/999999").status_code == 404


# ---- the form ----------------------------------------------------------------

def test_form_has_required_fields_honeypot_and_a_fresh_captcha_each_time(s, centre):
    page = s.get(f"{URL}/centres/{centre['id']}").text
    for name in ("name", "question", "consent", "captcha"):
        assert re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*required', page), name
    for name in ("organization", "email", "phone"):
        assert re.search(rf'<input[^>]*name="{name}"', page), name
    assert 'name="website"' in page and "Решите пример:" in page
    # never from the public cache: every visitor gets their own question
    tokens = {captcha_of(requests.get(f"{URL}/centres/{centre['id']}").text)[0] for _ in range(4)}
    assert len(tokens) == 4


def test_request_is_stored_numbered_and_mailed_to_the_centre(s, centre, clean_limits):
    before = count(centre["id"])
    q = "Как заполнить бюджет? № " + uuid.uuid4().hex
    r = s.post(f"{URL}/centres/{centre['id']}", data=form(s, centre["id"], question=q,
                                                           phone="+7 918 555-12-34"))
    assert r.status_code == 200
    m = re.search(r'<span class="request-number">(К-\d{4}-\d{5,})</span>', r.text)
    assert m, r.text[-2000:]
    number = m.group(1)
    assert count(centre["id"]) == before + 1
    row = sql("SELECT number, name, organization, email, phone, question, status"
              f" FROM consultation_requests WHERE centre_id = {centre['id']} ORDER BY id DESC LIMIT 1")[0]
    assert row == [number, "Ольга Тестова", "АНО «Берег»", "olga@example.ru",
                   "+7 918 555-12-34", q, "new"]
    assert "Копия с номером запроса придёт" in r.text
    msg = wait_for_mail(lambda m: m["To"] == centre["email"] and number in str(m["subject"]))
    assert str(msg["subject"]) == f"Запрос на консультацию {number}"
    text = msg.get_content()
    for part in (q, "Ольга Тестова", "АНО «Берег»", "olga@example.ru", "+7 918 555-12-34",
                 centre["name"]):
        assert part in text, part
    copy = wait_for_mail(lambda m: m["To"] == "olga@example.ru" and number in str(m["subject"]))
    assert q not in copy.get_content() and "Ольга" not in copy.get_content()
    assert centre["name"] in copy.get_content()


def test_phone_alone_is_enough_and_gets_no_copy(s, centre, clean_limits):
    before = count(centre["id"])
    r = s.post(f"{URL}/centres/{centre['id']}",
               data=form(s, centre["id"], email="", phone="8 (918) 000-11-22"))
    assert r.status_code == 200 and "request-number" in r.text
    assert "Копия с номером" not in r.text
    assert count(centre["id"]) == before + 1


@pytest.mark.parametrize("field,value,message", [
    ("name", "", "Заполните это поле."),
    ("name", "x" * 101, "Не длиннее 100 символов (сейчас 101)."),
    ("name", "Ольга\nBcc: x@y.ru", "Одна строка, без переносов."),
    ("organization", "о" * 301, "Не длиннее 300 символов (сейчас 301)."),
    ("email", "", "Укажите адрес электронной почты или телефон"),
    ("email", "not-an-email", "Адрес электронной почты указан неверно"),
    ("phone", "12-34", "Телефон указан неверно"),
    ("phone", "+7 918 abc", "Телефон указан неверно"),
    ("question", "", "Заполните это поле."),
    ("question", "коротко", "Слишком коротко"),
    ("question", "я" * 3001, "Не длиннее 3000 символов (сейчас 3001)."),
    ("consent", None, "Без согласия на обработку персональных данных"),
    ("captcha", "100", "Ответ на пример неверный."),
    ("captcha", "", "Ответ на пример неверный."),
    ("captcha_token", "1.1.1.deadbeef", "Ответ на пример неверный."),
])
def test_invalid_input_is_refused_next_to_the_field_and_text_kept(s, centre, clean_limits,
                                                                 field, value, message):
    before = count(centre["id"])
    over = {field: value}
    if field == "email" and value == "":
        over["phone"] = ""
    r = s.post(f"{URL}/centres/{centre['id']}", data=form(s, centre["id"], **over))
    assert r.status_code == 400
    assert message in r.text
    assert 'aria-invalid="true"' in r.text
    assert count(centre["id"]) == before
    if field != "question":
        assert "Как заполнить раздел «Бюджет»" in r.text        # what was typed stays
    assert "Решите пример:" in r.text                              # and a new question


def test_a_solved_captcha_works_once(s, centre, clean_limits):
    before = count(centre["id"])
    data = form(s, centre["id"])
    assert s.post(f"{URL}/centres/{centre['id']}", data=data).status_code == 200
    again = dict(data, question="Повтор того же решённого примера — не пройдёт.")
    r = s.post(f"{URL}/centres/{centre['id']}", data=again)
    assert r.status_code == 400 and "Этот пример уже решён" in r.text
    assert "Повтор того же решённого примера — не пройдёт." in r.text
    assert count(centre["id"]) == before + 1


def test_csrf_token_is_required(s, centre, clean_limits):
    before = count(centre["id"])
    data = form(s, centre["id"])
    assert s.post(f"{URL}/centres/{centre['id']}", data=dict(data, csrf="forged")).status_code == 403
    del data["csrf"]
    assert s.post(f"{URL}/centres/{centre['id']}", data=data).status_code == 403
    assert count(centre["id"]) == before


def test_honeypot_pretends_success_and_stores_nothing(s, centre, clean_limits):
    before = count(centre["id"])
    r = s.post(f"{URL}/centres/{centre['id']}",
               data=form(s, centre["id"], website="http://spam.example"))
    assert r.status_code == 200 and "Запрос на консультацию отправлен." in r.text
    assert "request-number" not in r.text
    assert count(centre["id"]) == before


def test_oversize_body_gets_413(s, centre):
    assert s.post(f"{URL}/centres/{centre['id']}", data={"question": "x" * 300_000}).status_code == 413


# ---- limits ------------------------------------------------------------------

def test_limit_per_email_address_in_any_spelling(s, centre, clean_limits):
    for i in range(5):
        r = s.post(f"{URL}/centres/{centre['id']}",
                   data=form(s, centre["id"], question=f"Вопрос номер {i} для проверки лимита"))
        assert r.status_code == 200, i
    before = count(centre["id"])
    r = s.post(f"{URL}/centres/{centre['id']}",
               data=form(s, centre["id"], email=" OLGA@Example.RU ", question="Шестой вопрос за час"))
    assert r.status_code == 429
    assert "С адреса электронной почты OLGA@Example.RU недавно отправлено слишком много запросов" in r.text
    assert 'id="err-email"' in r.text and "Шестой вопрос за час" in r.text
    assert count(centre["id"]) == before


def test_limit_per_phone_however_it_is_spaced(s, centre, clean_limits):
    for i in range(5):
        r = s.post(f"{URL}/centres/{centre['id']}", data=form(
            s, centre["id"], email="", phone="+7 918 111-22-33", question=f"Вопрос по телефону {i}"))
        assert r.status_code == 200, i
    r = s.post(f"{URL}/centres/{centre['id']}", data=form(
        s, centre["id"], email="", phone="+7(918)1112233", question="Шестой вопрос по телефону"))
    assert r.status_code == 429
    assert "С этого номера недавно отправлено слишком много запросов" in r.text
    assert 'id="err-phone"' in r.text


def test_people_sharing_an_ip_address_have_a_far_higher_ceiling(s, centre, clean_limits):
    for i in range(7):
        r = s.post(f"{URL}/centres/{centre['id']}", data=form(
            s, centre["id"], email=f"person{i}@example.ru", question=f"Вопрос человека {i} из офиса"))
        assert r.status_code == 200, i
    sql("INSERT INTO rate_events (bucket, at) SELECT 'centres:ip:127.0.0.1', UTC_TIMESTAMP() FROM "
        "(SELECT 1 FROM information_schema.columns LIMIT 50) x")
    before = count(centre["id"])
    r = s.post(f"{URL}/centres/{centre['id']}", data=form(
        s, centre["id"], email="new-person@example.ru", question="Вопрос после потолка сети"))
    assert r.status_code == 429
    assert "Из вашей сети (с вашего IP-адреса) недавно отправлено слишком много запросов" in r.text
    assert count(centre["id"]) == before


def test_the_copy_is_limited_per_address_but_the_request_still_arrives(s, centre, clean_limits):
    addr = f"copy-{uuid.uuid4().hex[:8]}@example.ru"
    for i in range(4):
        r = s.post(f"{URL}/centres/{centre['id']}",
                   data=form(s, centre["id"], email=addr, question=f"Вопрос для копии {i}"))
        assert r.status_code == 200
        assert ("Копия с номером" in r.text) == (i < 3), i
    n = int(sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{addr}'")[0][0])
    assert n == 3
    assert int(sql(f"SELECT COUNT(*) FROM consultation_requests WHERE email = '{addr}'")[0][0]) == 4


# ---- escaping and privacy ----------------------------------------------------

def test_hostile_text_is_escaped_on_the_page_and_plain_in_the_mail(s, centre, clean_limits):
    hostile = "<script>alert(1)</script> \"кавычки\" 'и' & <b>"
    # refused (bad e-mail): everything typed comes back escaped
    r = s.post(f"{URL}/centres/{centre['id']}", data=form(
        s, centre["id"], name=hostile, organization=hostile, question=hostile + " вопрос", email="bad"))
    assert r.status_code == 400
    assert "<script>alert(1)" not in r.text and "<b>" not in r.text.split("<main")[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;кавычки&quot; &#39;и&#39; &amp; &lt;b&gt;" in r.text
    # accepted: the centre's mail is plain text, the subject carries only the number
    r = s.post(f"{URL}/centres/{centre['id']}", data=form(
        s, centre["id"], name=hostile, organization=hostile, question=hostile + " вопрос"))
    assert r.status_code == 200 and "<script>alert(1)" not in r.text
    number = re.search(r'class="request-number">([^<]+)<', r.text).group(1)
    msg = wait_for_mail(lambda m: m["To"] == centre["email"] and number in str(m["subject"]))
    assert msg.get_content_type() == "text/plain"
    assert str(msg["subject"]) == f"Запрос на консультацию {number}"
    assert hostile + " вопрос" in msg.get_content()


def test_the_read_account_cannot_read_requests():
    r = as_reader("SELECT email FROM consultation_requests LIMIT 1")
    assert r.returncode != 0 and "denied" in r.stderr
    assert as_reader("SELECT name, email, hours FROM resource_centres LIMIT 1").returncode == 0
