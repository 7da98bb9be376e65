"""Comments on projects: the form under each project page (project.c) and
its POST (comment.c) — validation, captcha, honeypot, CSRF, limits per
address and per network, escaping, the staff's alert, the e-mail never
public, unlisted projects 404, approved comments shown with date and name."""
import re
import uuid

import pytest

from conftest import URL, captcha_of, csrf_of, mail_files, read_mail, sql, wait_for_mail

THANKS = "Спасибо! Ваш комментарий появится после проверки."


def listed_project():
    return sql("SELECT id FROM projects WHERE listed = 1 ORDER BY id LIMIT 1")[0][0]


def unlisted_project():
    return sql("SELECT id FROM projects WHERE listed = 0 ORDER BY id LIMIT 1")[0][0]


PID = listed_project()
GOOD = {"name": "Анна Петрова", "email": "anna@example.ru",
        "body": "Отличный проект, у нас в школе его очень ждут.", "consent": "1"}


def form(s, pid=PID, **override):
    page = s.get(f"{URL}/projects/{pid}").text
    tok, answer = captcha_of(page)
    data = dict(GOOD, csrf=csrf_of(page), captcha_token=tok, captcha=answer)
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def post(s, data, pid=PID, **kw):
    return s.post(f"{URL}/projects/{pid}/comment", data=data, allow_redirects=False, **kw)


def count(where="TRUE"):
    return int(sql(f"SELECT COUNT(*) FROM comments WHERE {where}")[0][0])


def last_comment():
    return sql("SELECT id, project_id, author_name, email, body, status, ip FROM comments "
               "ORDER BY id DESC LIMIT 1")[0]


@pytest.fixture
def cleanup():
    """Comments made by a test go (the approved count follows by trigger)."""
    before = int(sql("SELECT COALESCE(MAX(id), 0) FROM comments")[0][0])
    yield
    sql(f"DELETE FROM comments WHERE id > {before}")


def test_the_form_is_under_the_project_and_each_visitor_gets_a_fresh_question(s):
    import requests
    page = s.get(f"{URL}/projects/{PID}").text
    section = page[page.index('id="comments"'):]
    assert 'action="/projects/%s/comment"' % PID in section
    for name in ("name", "email", "body", "consent", "captcha"):
        assert re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*required', section), name
    assert 'name="website"' in section                 # the honeypot
    assert 'data-max="2000"' in section and "/static/forms.js" in section   # the counter
    assert "152-ФЗ" in section
    # never the same token twice, for the same visitor or another, anonymous
    # (a copy of the page from the public cache would repeat it)
    tokens = {captcha_of(s.get(f"{URL}/projects/{PID}").text)[0] for _ in range(4)}
    with requests.Session() as other:
        tokens |= {captcha_of(other.get(f"{URL}/projects/{PID}").text)[0] for _ in range(4)}
    assert len(tokens) == 8
    assert csrf_of(page)


def test_a_comment_is_kept_for_moderation_and_the_visitor_thanked(s, clean_limits, cleanup):
    body = "Спасибо за автогородок! Проверка " + uuid.uuid4().hex
    before = count()
    r = post(s, form(s, body=body))
    assert r.status_code == 303
    assert r.headers["Location"] == f"/projects/{PID}?comment=sent#comments"
    page = s.get(URL + r.headers["Location"]).text
    assert THANKS in page
    assert body not in page                           # not shown before it is approved
    assert count() == before + 1
    cid, pid, name, email, text, status, ip = last_comment()
    assert (pid, name, email, text, status) == (PID, "Анна Петрова", "anna@example.ru", body,
                                                "pending")
    assert ip == "127.0.0.1"
    # anyone else reading the page sees neither the text nor the thanks
    import requests
    with requests.Session() as other:
        public = other.get(f"{URL}/projects/{PID}").text
    assert body not in public and THANKS not in public


def test_staff_are_alerted_with_the_comment_and_a_link_to_the_queue(s, clean_limits, cleanup):
    body = "Когда следующий набор? " + uuid.uuid4().hex
    assert post(s, form(s, body=body)).status_code == 303
    cid = last_comment()[0]
    title = sql(f"SELECT title FROM projects WHERE id = {PID}")[0][0]
    msg = wait_for_mail(lambda m: f"комментарий № {cid} " in str(m["subject"])
                        and m["To"] == "staff@grantfair.local")
    assert str(msg["subject"]) == f"Новый комментарий № {cid} к проекту «{title}»"
    text = msg.get_content()
    assert body in text and "Анна Петрова <anna@example.ru>" in text
    assert f"/staff/comments?project={PID}" in text and f"/projects/{PID}" in text


@pytest.mark.parametrize("field,value,message", [
    ("name", "", "Заполните это поле."),
    ("name", "x" * 101, "Не длиннее 100 символов (сейчас 101)."),
    ("name", "Анна\nBcc: x@y.ru", "Одна строка, без переносов."),
    ("email", "", "Укажите адрес электронной почты."),
    ("email", "not-an-email", "Адрес электронной почты указан неверно"),
    ("body", "", "Заполните это поле."),
    ("body", "я" * 2001, "Не длиннее 2000 символов (сейчас 2001)."),
    ("body", "a\x01b", "недопустимые символы"),
    ("consent", None, "Без согласия на обработку персональных данных"),
    ("captcha", "100", "Ответ на пример неверный."),
    ("captcha", "", "Ответ на пример неверный."),
    ("captcha_token", "1.1.1.deadbeef", "Ответ на пример неверный."),
])
def test_bad_input_is_refused_next_to_the_field_with_the_text_kept(s, clean_limits, field, value,
                                                                   message):
    before = count()
    r = post(s, form(s, **{field: value}))
    assert r.status_code == 400
    assert message in r.text
    assert 'aria-invalid="true"' in r.text
    assert "Комментарий не отправлен" in r.text
    if field != "body":
        assert GOOD["body"] in r.text                 # what was typed is still there
    if field != "name":
        assert 'value="Анна Петрова"' in r.text
    assert "Решите пример:" in r.text                 # and a fresh question is asked
    assert count() == before


def test_the_form_page_shows_the_form_on_its_own(s):
    r = s.get(f"{URL}/projects/{PID}/comment")
    assert r.status_code == 200
    assert "Комментарий к проекту «" in r.text and "Решите пример:" in r.text
    assert f'href="/projects/{PID}#comments"' in r.text


def test_a_solved_question_answers_once(s, clean_limits, cleanup):
    data = form(s, body="Первый комментарий с решённым примером.")
    assert post(s, data).status_code == 303
    before = count()
    again = dict(data, body="Повтор того же решённого примера — не пройдёт.")
    r = post(s, again)
    assert r.status_code == 400
    assert "Этот пример уже решён" in r.text and 'id="err-captcha"' in r.text
    assert "Повтор того же решённого примера — не пройдёт." in r.text
    tok, answer = captcha_of(r.text)
    assert tok != data["captcha_token"]
    assert count() == before
    assert post(s, dict(again, captcha_token=tok, captcha=answer)).status_code == 303
    assert count() == before + 1


def test_a_wrong_answer_spends_the_question(s, clean_limits):
    data = form(s)
    wrong = str(int(data["captcha"]) % 18 + 1)
    assert post(s, dict(data, captcha=wrong)).status_code == 400
    r = post(s, data)
    assert r.status_code == 400 and "Этот пример уже решён" in r.text


def test_csrf_token_is_required(s, clean_limits):
    before = count()
    data = form(s)
    assert post(s, dict(data, csrf="forged")).status_code == 403
    del data["csrf"]
    r = post(s, data)
    assert r.status_code == 403 and "Доступ запрещён" in r.text
    assert count() == before


def test_honeypot_pretends_success_and_stores_nothing(s, clean_limits):
    before = count()
    r = post(s, form(s, website="http://spam.example"))
    assert r.status_code == 303 and r.headers["Location"].endswith("?comment=sent#comments")
    assert count() == before


def test_oversize_request_gets_413(s):
    r = s.post(f"{URL}/projects/{PID}/comment", data={"body": "x" * 300_000})
    assert r.status_code == 413 and "Слишком большой запрос" in r.text


def test_limit_per_email_address(s, clean_limits, cleanup):
    for i in range(5):
        assert post(s, form(s, body=f"Комментарий номер {i} для проверки лимита")).status_code == 303, i
    before = count()
    r = post(s, form(s, email=" ANNA@Example.RU ", body="Шестой комментарий за час"))
    assert r.status_code == 429
    assert "С адреса электронной почты ANNA@Example.RU недавно отправлено слишком много " \
           "комментариев" in r.text
    assert 'id="err-email"' in r.text and "Шестой комментарий за час" in r.text
    assert count() == before
    # another address from the same network still gets through
    assert post(s, form(s, email="boris@example.ru", body="Другой человек из той же сети")).status_code == 303


def test_people_sharing_an_address_get_through_until_the_ceiling(s, clean_limits, cleanup):
    """An office or a mobile carrier: everyone behind 127.0.0.1 here. The
    ceiling is 50 an hour: 48 counted, two more people get through, the
    next is refused with the network's message."""
    sql("INSERT INTO rate_events (bucket, at) SELECT 'comments:ip:127.0.0.1', NOW() FROM "
        "(SELECT 1 FROM information_schema.columns LIMIT 48) x")
    before = count()
    for i in range(2):
        r = post(s, form(s, email=f"person{i}@example.ru", body=f"Комментарий человека {i}"))
        assert r.status_code == 303, i
    r = post(s, form(s, email="third@example.ru", body="Комментарий после потолка"))
    assert r.status_code == 429
    assert "Из вашей сети (с вашего IP-адреса) недавно отправлено слишком много комментариев" in r.text
    assert "Комментарий после потолка" in r.text
    assert count() == before + 2


HOSTILE_NAME = "<script>alert('n')</script> О'Брайен \"Жук\""
HOSTILE_BODY = "<script>alert(\"b\")</script> <img src=x onerror=alert(1)> «кавычки» 'и' \"ещё\""


def test_hostile_text_is_stored_as_typed_and_escaped_everywhere_shown(s, clean_limits, cleanup):
    # refused for another reason: the form shows it back escaped
    r = post(s, form(s, name=HOSTILE_NAME, body=HOSTILE_BODY, email="bad"))
    assert r.status_code == 400
    assert "<script>" not in r.text.replace('<script src="/static/', "")
    assert "&lt;script&gt;alert(&#39;n&#39;)&lt;/script&gt; О&#39;Брайен &quot;Жук&quot;" in r.text
    # accepted: stored exactly as typed, then (approved) shown escaped
    assert post(s, form(s, name=HOSTILE_NAME, body=HOSTILE_BODY)).status_code == 303
    cid, _, name, _, body, _, _ = last_comment()
    assert (name, body) == (HOSTILE_NAME, HOSTILE_BODY)
    sql(f"UPDATE comments SET status = 'approved' WHERE id = {cid}")
    page = s.get(f"{URL}/projects/{PID}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;n&#39;)&lt;/script&gt; О&#39;Брайен &quot;Жук&quot;" in page
    assert "&lt;img src=x onerror=alert(1)&gt; «кавычки» &#39;и&#39; &quot;ещё&quot;" in page


def test_the_alert_mail_is_plain_text_with_the_name_kept_out_of_its_headers(s, clean_limits, cleanup):
    """A text/plain mail shows markup as text (nothing to run), and a name
    cannot add a header: it is one line, and the subject is RFC 2047."""
    assert post(s, form(s, name=HOSTILE_NAME, body=HOSTILE_BODY)).status_code == 303
    cid = last_comment()[0]
    msg = wait_for_mail(lambda m: f"комментарий № {cid} " in str(m["subject"])
                        and m["To"] == "staff@grantfair.local")
    assert msg.get_content_type() == "text/plain" and not msg.is_multipart()
    text = msg.get_content()
    assert HOSTILE_BODY in text and HOSTILE_NAME in text
    path = next(p for p in mail_files() if read_mail(p)["Message-ID"] == msg["Message-ID"])
    head = open(path, "rb").read().split(b"\r\n\r\n")[0]
    assert b"<script>" not in head and b"\nSubject: =?UTF-8?B?" in head.replace(b"\r\n", b"\n")


def test_the_authors_email_is_never_on_a_public_page(s, clean_limits, cleanup):
    addr = f"secret-{uuid.uuid4().hex[:8]}@example.ru"
    assert post(s, form(s, email=addr, body="Комментарий с адресом, который не публикуют.")).status_code == 303
    cid = last_comment()[0]
    sql(f"UPDATE comments SET status = 'approved' WHERE id = {cid}")
    import requests
    with requests.Session() as other:
        for path in (f"/projects/{PID}", f"/projects/{PID}/comment", "/projects"):
            text = other.get(URL + path).text
            assert addr not in text and addr.split("@")[0] not in text, path
        assert "Комментарий с адресом, который не публикуют." in other.get(f"{URL}/projects/{PID}").text


def test_unlisted_and_missing_projects_take_no_comments(s, clean_limits):
    hidden = unlisted_project()
    data = form(s)                                   # a valid token and answer from a listed one
    before = count()
    assert s.get(f"{URL}/projects/{hidden}/comment").status_code == 404
    assert post(s, data, pid=hidden).status_code == 404
    assert s.get(f"{URL}/projects/99999999/comment").status_code == 404
    assert post(s, form(s), pid=99999999).status_code == 404
    assert s.get(f"{URL}/projects/{hidden}").status_code == 404
    assert count() == before


def test_approved_comments_show_oldest_first_with_date_and_name_a_page_at_a_time(s, cleanup):
    pid = sql("SELECT id FROM projects WHERE listed = 1 AND comments_approved = 0 "
              "ORDER BY id DESC LIMIT 1")[0][0]
    # 55 approved: 50 a page; one pending and one rejected never show
    sql("INSERT INTO comments (project_id, author_name, email, body, status, created_at) "
        f"SELECT {pid}, CONCAT('Автор ', n), 'a@example.ru', CONCAT('Текст номер ', n, '.'), 'approved', "
        "'2026-03-01 21:30:00' + INTERVAL n DAY FROM (SELECT seq AS n FROM seq_1_to_55) x")
    sql("INSERT INTO comments (project_id, author_name, email, body, status, created_at) VALUES "
        f"({pid}, 'Ждёт', 'p@example.ru', 'Ещё не проверен.', 'pending', NOW()),"
        f"({pid}, 'Спамер', 's@example.ru', 'Отклонённый текст.', 'rejected', NOW())")
    page = s.get(f"{URL}/projects/{pid}").text
    assert "Комментарии (55)" in page
    names = re.findall(r'<span class="author">([^<]*)</span>, (\d\d\.\d\d\.\d{4})</p>', page)
    assert len(names) == 50
    assert names[0] == ("Автор 1", "03.03.2026")     # 21:30 UTC is the next day in Moscow
    assert names[49][0] == "Автор 50"
    assert "Ещё не проверен." not in page and "Отклонённый текст." not in page
    assert f'href="/projects/{pid}?page=2"' in page
    second = s.get(f"{URL}/projects/{pid}?page=2").text
    names = re.findall(r'<span class="author">([^<]*)</span>', second)
    assert names == [f"Автор {n}" for n in range(51, 56)]
    assert "Решите пример:" in second                 # the form is on every page


def test_staff_on_the_daily_digest_get_a_line_for_the_comment(s, clean_limits, cleanup):
    """The "moderation" alert (ideas and comments) comes daily unless a staff
    member chose otherwise on /account/alerts."""
    staff = sql("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'staff' "
                "LEFT JOIN user_alerts a ON a.user_id = u.id AND a.kind = 'moderation' "
                "WHERE u.disabled = 0 AND COALESCE(a.mode, 'daily') = 'daily' ORDER BY u.id LIMIT 1")
    assert staff, "the demo has a staff member on the daily digest"
    assert post(s, form(s, name="Дайджест Тестов")).status_code == 303
    cid = last_comment()[0]
    lines = sql(f"SELECT text FROM alert_digest WHERE user_id = {staff[0][0]} AND kind = 'moderation' "
                "ORDER BY id DESC LIMIT 1")
    assert lines and lines[0][0].startswith(f"Комментарий № {cid} к проекту «")
    assert "от Дайджест Тестов" in lines[0][0] and f"/staff/comments?project={PID}" in lines[0][0]
