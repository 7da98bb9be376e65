"""The public ideas form: validation, captcha, honeypot, CSRF, rate limit, mail."""
import re
import uuid

import pytest

from conftest import URL, captcha_of, csrf_of, mail_files, read_mail, sql, wait_for_mail


def msg_path(msg):
    return next(p for p in mail_files() if read_mail(p)["Message-ID"] == msg["Message-ID"])

GOOD = {"name": "Пётр Тестов", "email": "petr@example.ru", "municipality": "5",
        "body": "Предлагаю проводить консультации для НКО по видеосвязи.", "consent": "1"}


def form(s, **override):
    page = s.get(f"{URL}/ideas").text
    tok, answer = captcha_of(page)
    data = dict(GOOD, csrf=csrf_of(page), captcha_token=tok, captcha=answer)
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def count_ideas():
    return int(sql("SELECT COUNT(*) FROM ideas")[0][0])


def test_form_marks_required_fields(s):
    page = s.get(f"{URL}/ideas").text
    for name in ("name", "email", "body", "consent", "captcha"):
        assert re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*required', page), name
    assert re.search(r'name="website"', page)          # the honeypot is there
    assert "Решите пример:" in page


def test_valid_idea_is_stored_thanked_and_mailed_to_staff(s, clean_limits):
    before = count_ideas()
    body = "Предлагаю открыть ресурсный центр НКО в Кущёвском районе. № " + str(before)
    r = s.post(f"{URL}/ideas", data=form(s, body=body), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/ideas?sent=1"
    thanks = s.get(f"{URL}/ideas?sent=1")
    assert "Спасибо! Ваше предложение отправлено." in thanks.text
    assert count_ideas() == before + 1
    row = sql("SELECT id, name, email, municipality_id, body FROM ideas ORDER BY id DESC LIMIT 1")[0]
    assert row[1:] == ["Пётр Тестов", "petr@example.ru", "5", body]
    # the shared staff mailbox's copy (staff users who chose alerts at once
    # get theirs too, in whatever order the mailer delivers)
    msg = wait_for_mail(lambda m: f"№ {row[0]} " in str(m["subject"])
                        and m["To"] == "staff@grantfair.local")
    assert str(msg["subject"]) == f"Новое предложение № {row[0]} от Пётр Тестов"
    raw = open(msg_path(msg), "rb").read()
    assert b"\nSubject: =?UTF-8?B?" in raw          # the raw header is RFC 2047 encoded
    assert body in msg.get_content()
    assert msg["Message-ID"].startswith("<outbox-")
    assert msg["Date"]


def test_the_senders_copy_carries_nothing_typed_into_the_form(s, clean_limits):
    """Anyone may type any address: the department's mail to it says that
    a proposal was received, with its number, and carries neither the name
    nor the text typed (no phishing through the department's mail)."""
    body = "Ваш счёт заблокирован, перейдите по ссылке https://phish.example/login " + uuid.uuid4().hex
    r = s.post(f"{URL}/ideas", data=form(s, body=body, name="Служба безопасности банка"),
               allow_redirects=False)
    assert r.status_code == 303
    idea = sql("SELECT id FROM ideas ORDER BY id DESC LIMIT 1")[0][0]
    msg = wait_for_mail(lambda m: m["To"] == "petr@example.ru" and f"№ {idea})" in str(m["subject"]))
    text = msg.get_content()
    assert f"номером {idea}" in text
    assert "phish.example" not in text and "Служба безопасности" not in text
    assert "Служба" not in str(msg["subject"])

def test_urlencoded_body_with_charset_parameter_is_parsed(s, clean_limits):
    before = count_ideas()
    data = form(s)
    r = s.post(f"{URL}/ideas", data=data, allow_redirects=False,
               headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert r.status_code == 303
    assert count_ideas() == before + 1


@pytest.mark.parametrize("field,value,message", [
    ("name", "", "Заполните это поле."),
    ("name", "x" * 101, "Не длиннее 100 символов (сейчас 101)."),
    ("name", "Пётр\nBcc: x@y.ru", "Одна строка, без переносов."),
    ("email", "", "Укажите адрес электронной почты."),
    ("email", "not-an-email", "Адрес электронной почты указан неверно"),
    ("municipality", "999", "Выберите муниципальное образование из списка."),
    ("municipality", "abc", "Выберите муниципальное образование из списка."),
    ("body", "", "Заполните это поле."),
    ("body", "коротко", "Слишком коротко"),
    ("body", "я" * 5001, "Не длиннее 5000 символов (сейчас 5001)."),
    ("consent", None, "Без согласия на обработку персональных данных"),
    ("captcha", "100", "Ответ на пример неверный."),
    ("captcha", "", "Ответ на пример неверный."),
    ("captcha_token", "1.1.1.deadbeef", "Ответ на пример неверный."),
])
def test_invalid_input_is_refused_next_to_the_field_and_text_kept(s, clean_limits, field, value,
                                                                 message):
    before = count_ideas()
    data = form(s, **{field: value})
    r = s.post(f"{URL}/ideas", data=data)
    assert r.status_code == 400
    assert message in r.text
    assert count_ideas() == before
    assert 'aria-invalid="true"' in r.text
    if field != "body":
        assert GOOD["body"] in r.text         # what was typed is still there
    assert "Решите пример:" in r.text         # and a fresh question is asked


def test_captcha_token_cannot_be_tampered(s, clean_limits):
    data = form(s)
    tok = data["captcha_token"]
    for i in (0, len(tok) // 2, len(tok) - 1):
        forged = tok[:i] + ("A" if tok[i] != "A" else "B") + tok[i + 1:]
        r = s.post(f"{URL}/ideas", data=dict(data, captcha_token=forged))
        assert r.status_code == 400 and "Ответ на пример неверный." in r.text, i
    assert s.post(f"{URL}/ideas", data=data, allow_redirects=False).status_code == 303


def test_captcha_token_does_not_carry_the_question(s):
    page = s.get(f"{URL}/ideas").text
    tok = re.search(r'name="captcha_token" value="([^"]+)"', page).group(1)
    a, b = re.search(r"Решите пример: (\d) \+ (\d) =", page).groups()
    assert not tok.startswith(f"{a}.{b}.") and "." not in tok      # opaque, not "a.b.time.mac"
    other = re.search(r'name="captcha_token" value="([^"]+)"', s.get(f"{URL}/ideas").text).group(1)
    assert other != tok


def test_a_solved_captcha_works_once(s, clean_limits):
    before = count_ideas()
    data = form(s, body="Первая отправка с решённым примером, которую повторят.")
    assert s.post(f"{URL}/ideas", data=data, allow_redirects=False).status_code == 303
    assert count_ideas() == before + 1
    again = dict(data, body="Повтор того же решённого примера — не должен пройти.")
    r = s.post(f"{URL}/ideas", data=again, allow_redirects=False)
    assert r.status_code == 400
    assert "Этот пример уже решён" in r.text and 'id="err-captcha"' in r.text
    assert "Повтор того же решённого примера — не должен пройти." in r.text   # the text stays
    tok, answer = captcha_of(r.text)                                           # a fresh question
    assert tok != data["captcha_token"]
    assert count_ideas() == before + 1
    r = s.post(f"{URL}/ideas", data=dict(again, captcha_token=tok, captcha=answer),
               allow_redirects=False)
    assert r.status_code == 303 and count_ideas() == before + 2


def test_a_wrong_answer_spends_the_question(s, clean_limits):
    data = form(s)
    wrong = str(int(data["captcha"]) % 18 + 1)
    assert s.post(f"{URL}/ideas", data=dict(data, captcha=wrong)).status_code == 400
    r = s.post(f"{URL}/ideas", data=data)          # the right answer, after a wrong one
    assert r.status_code == 400 and "Этот пример уже решён" in r.text


def test_hostile_text_is_stored_as_is_and_escaped_when_shown(s, clean_limits):
    data = form(s, name="<script>alert(1)</script>", body="<b>жирный</b> и <script>x</script>")
    r = s.post(f"{URL}/ideas", data=dict(data, email="bad"))
    assert r.status_code == 400
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text


def test_csrf_token_is_required(s, clean_limits):
    before = count_ideas()
    data = form(s)
    assert s.post(f"{URL}/ideas", data=dict(data, csrf="forged")).status_code == 403
    del data["csrf"]
    r = s.post(f"{URL}/ideas", data=data)
    assert r.status_code == 403 and "Доступ запрещён" in r.text
    assert count_ideas() == before


def test_token_from_another_visitor_is_refused(s, clean_limits):
    import requests
    other = requests.Session()
    data = form(other)                       # token bound to the other visitor's cookie
    s.get(f"{URL}/ideas")
    assert s.post(f"{URL}/ideas", data=data).status_code == 403


def test_honeypot_pretends_success_and_stores_nothing(s, clean_limits):
    before = count_ideas()
    r = s.post(f"{URL}/ideas", data=form(s, website="http://spam.example"), allow_redirects=False)
    assert r.status_code == 303
    assert count_ideas() == before


def test_rate_limit_per_email_address(s, clean_limits):
    for i in range(5):
        r = s.post(f"{URL}/ideas", data=form(s, body=f"Идея номер {i} для проверки лимита"),
                   allow_redirects=False)
        assert r.status_code == 303, i
    before = count_ideas()
    # the same address in another spelling is the same address
    r = s.post(f"{URL}/ideas", data=form(s, email=" PETR@Example.RU ", body="Шестая идея подряд за час"))
    assert r.status_code == 429
    assert ("С адреса электронной почты PETR@Example.RU недавно отправлено слишком много "
            "обращений") in r.text
    assert 'id="err-email"' in r.text
    assert "Шестая идея подряд за час" in r.text
    assert count_ideas() == before


def test_people_sharing_an_ip_address_are_not_blocked_by_each_other(s, clean_limits):
    """One office or mobile carrier: many people behind 127.0.0.1 here."""
    before = count_ideas()
    for i in range(8):
        r = s.post(f"{URL}/ideas", allow_redirects=False,
                   data=form(s, email=f"person{i}@example.ru", body=f"Идея человека {i} из одного офиса"))
        assert r.status_code == 303, i
    assert count_ideas() == before + 8


def test_an_ip_address_has_a_much_higher_ceiling(s, clean_limits):
    sql("INSERT INTO rate_events (bucket, at) SELECT 'ideas:ip:127.0.0.1', NOW() FROM "
        "(SELECT 1 FROM information_schema.columns LIMIT 50) x")
    before = count_ideas()
    r = s.post(f"{URL}/ideas", data=form(s, email="new-person@example.ru", body="Идея после потолка"))
    assert r.status_code == 429
    assert "Из вашей сети (с вашего IP-адреса)" in r.text and "слишком много обращений" in r.text
    assert "Идея после потолка" in r.text
    assert count_ideas() == before


def test_oversize_body_gets_413(s):
    r = s.post(f"{URL}/ideas", data={"body": "x" * 300_000})
    assert r.status_code == 413
    assert "Слишком большой запрос" in r.text
    big = s.post(f"{URL}/ideas", files={"f": ("a.bin", b"x" * (11 << 20))})
    assert big.status_code == 413
