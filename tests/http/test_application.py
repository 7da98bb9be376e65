"""The application: sections saved as drafts, validation, concurrent edits,
access between organizations, submit with a receipt, deadline, withdraw."""
import datetime
import glob
import hashlib
import html
import re
import subprocess
import threading
import time
import urllib.parse
import uuid

import pytest
import requests

from applicant import BUDGET, CARD, CONSENT, INTAKE, TEAM, Ngo, dates, plan
from conftest import DIR, URL, csrf_of, login, make_user, sql, stack, wait_for_mail

@pytest.fixture
def a():
    return Ngo()


@pytest.fixture
def b():
    return Ngo()


def test_start_requires_an_organization_profile():
    s = requests.Session()
    email = f"noorg-{uuid.uuid4().hex[:8]}@example.ru"
    login(s, email, make_user(email))
    page = s.get(f"{URL}/applications/new?competition={INTAKE}").text
    assert "Сначала заполните" in page and 'href="/org"' in page


def test_competition_page_offers_to_apply_while_intake_is_open(s):
    page = s.get(f"{URL}/competitions/{INTAKE}").text
    assert f'href="/applications/new?competition={INTAKE}"' in page and "Подать заявку" in page
    closed = sql("SELECT id FROM competitions WHERE stage = 'closed' LIMIT 1")[0][0]
    assert "Подать заявку" not in s.get(f"{URL}/competitions/{closed}").text
    assert s.get(f"{URL}/competitions/abc").status_code == 404


def test_full_application_submitted_with_receipt_and_mails(a):
    app = a.new_app()
    a.fill(app)
    view = a.s.get(f"{URL}/applications/{app}").text
    assert "осталось заполнить" not in view and "Подать заявку" in view
    r = a.submit(app)
    assert r.status_code == 303 and r.headers["Location"] == f"/applications/{app}?submitted=1"
    page = a.s.get(f"{URL}/applications/{app}?submitted=1").text
    number = re.search(r'id="receipt-number">([^<]+)<', page).group(1)
    sha = re.search(r'id="receipt-sha">([0-9a-f]{64})<', page).group(1)
    assert number == f"GF-{INTAKE}-{app:05d}"
    frozen, stored_sha, status, title, req = sql(
        f"SELECT frozen, receipt_sha256, status, title, requested_kopecks FROM projects WHERE id = {app}")[0]
    assert status == "submitted" and title == "Школа юных экологов"
    # requested = 30 000 × 10 − 35 000 + 5 000,50 × 2
    assert req == str((3000000 * 10 - 3500000) + 500050 * 2)
    assert stored_sha == sha
    assert "АНО «Заявитель»" in frozen and "Оплата труда педагога" in frozen
    mail = wait_for_mail(lambda m: m["To"] == a.email and number in str(m["subject"]))
    assert sha in mail.get_content() and number in mail.get_content()
    wait_for_mail(lambda m: m["To"] == "staff@grantfair.local" and number in str(m["subject"]))
    # frozen: the sections can no longer be changed
    r = a.section(app, "card", dict(CARD, title="Другое название"))
    assert r.status_code == 409
    assert sql(f"SELECT title FROM projects WHERE id = {app}")[0][0] == "Школа юных экологов"
    # history on "My applications"
    my = a.s.get(f"{URL}/my").text
    assert number in my and "Подана" in my and "Черновик → " in my


def test_receipt_hash_is_the_sha256_of_the_frozen_content(a):
    app = a.new_app()
    a.fill(app)
    a.submit(app)
    frozen_len = int(sql(f"SELECT LENGTH(frozen) FROM projects WHERE id = {app}")[0][0])
    assert frozen_len > 500
    ok = sql("SELECT SHA2(frozen, 256) = CONVERT(receipt_sha256 USING utf8mb4) "
             f"FROM projects WHERE id = {app}")[0][0]
    assert ok == "1"


def test_incomplete_application_lists_what_is_missing(a):
    app = a.new_app()
    a.section(app, "team", TEAM)
    page = a.s.get(f"{URL}/applications/{app}").text
    for title in ("Карточка проекта", "Календарный план", "Бюджет", "Согласия"):
        assert title in page.split("осталось заполнить")[1].split("</ul>")[0]
    assert f'href="/applications/{app}/card"' in page
    r = a.submit(app)
    assert r.status_code == 400 and "Заявка не подана" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "draft"


def test_what_is_missing_names_each_field_as_its_page_does(a):
    app = a.new_app()
    bad = dict(CARD, goal="", **{"ind.0.unit": ""})
    a.section(app, "card", bad)
    a.section(app, "budget", {"b.0.cat": "1", "b.0.name": "Бумага", "b.0.price": "сто", "b.0.qty": "1"})
    listed = a.s.get(f"{URL}/applications/{app}").text.split("осталось заполнить")[1].split("</ul>")[0]
    assert "Карточка проекта</a> — Цель проекта: Заполните это поле." in listed
    assert "Количественные результаты, строка 1: Единица: Заполните это поле." in listed
    assert "Бюджет</a> — Статьи расходов, строка 1: Цена единицы: Стоимость единицы" in listed


def test_invalid_section_is_saved_as_draft_with_errors_next_to_fields(a):
    app = a.new_app()
    bad = dict(CARD, title="x" * 301, starts_on="2020-01-01", ends_on="не дата",
               **{"ind.0.target": "много"})
    r = a.section(app, "card", bad)
    assert r.status_code == 400
    assert "Черновик сохранён, но в разделе есть ошибки" in r.text
    assert "Не длиннее 300 символов" in r.text
    assert "Дата в формате дд.мм.гггг" in r.text
    assert "Целевое значение — целое число больше нуля" in r.text
    # nothing typed is lost: the draft holds it, also after reloading
    page = a.s.get(f"{URL}/applications/{app}/card").text
    assert "x" * 301 in page and "Дети мало знают о родном крае." in page
    assert 'value="много"' in page
    assert sql(f"SELECT valid FROM application_sections WHERE project_id = {app} AND section = 'card'")[0][0] == "0"


@pytest.mark.parametrize("field,value,message", [
    ("starts_on", "2001-01-01", "Проект начинается не раньше"),
    ("direction", "999", "Выберите направление из списка конкурса."),
    ("municipality", "0", "Выберите муниципальное образование из списка."),
    ("problem", "я" * 5001, "Не длиннее 5000 символов"),
    ("ind.0.unit", "", "Заполните это поле."),
    ("tasks", "\n".join(f"Задача {i}" for i in range(11)), "Не больше 10 задач"),
])
def test_card_rules(a, field, value, message):
    app = a.new_app()
    s, e = dates()
    data = dict(CARD, starts_on=s, ends_on=e)
    data[field] = value
    r = a.section(app, "card", data)
    assert r.status_code == 400 and message in r.text


def test_plan_events_must_be_inside_project_dates_and_cover_tasks(a):
    app = a.new_app()
    s, e = dates()
    a.section(app, "card", dict(CARD, starts_on=s, ends_on=e))
    p = plan()
    p["e.1.ends_on"] = (datetime.date.fromisoformat(e) + datetime.timedelta(days=5)).isoformat()
    r = a.section(app, "plan", p)
    assert r.status_code == 400 and "Мероприятие — в сроки проекта" in r.text
    p = plan()
    p["e.1.task"] = "1"
    r = a.section(app, "plan", p)
    assert r.status_code == 400 and "Для задачи 2 нет ни одного мероприятия." in r.text
    p = plan()
    p["e.0.task"] = "3"
    r = a.section(app, "plan", p)
    assert r.status_code == 400 and "Выберите задачу проекта." in r.text


def test_budget_totals_are_computed_and_checked_against_limits(a):
    app = a.new_app()
    r = a.section(app, "budget", BUDGET)
    assert r.status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/budget").text
    assert "Запрашиваемая сумма гранта" in page
    assert "275\xa0001\xa0₽" in page                       # 300 000 − 35 000 + 10 001
    r = a.section(app, "budget", {"b.0.cat": "1", "b.0.name": "Всё", "b.0.price": "10000000",
                                  "b.0.qty": "1", "b.0.cofin": "1000000"})
    assert r.status_code == 400 and "Запрашиваемая сумма должна быть от" in r.text
    r = a.section(app, "budget", {"b.0.cat": "1", "b.0.name": "Всё", "b.0.price": "500000",
                                  "b.0.qty": "1", "b.0.cofin": "0"})
    assert r.status_code == 400 and "Софинансирование 0\u00a0% — нужно не менее 10\u00a0%" in r.text
    r = a.section(app, "budget", {"b.0.cat": "42", "b.0.name": "Что-то", "b.0.price": "-5",
                                  "b.0.qty": "0", "b.0.cofin": "abc"})
    assert r.status_code == 400
    for msg in ("Выберите статью бюджета.", "Стоимость единицы в рублях", "Количество — целое число",
                "Софинансирование в рублях"):
        assert msg in r.text


def test_two_tabs_cannot_silently_overwrite_each_other(a):
    app = a.new_app()
    assert a.section(app, "team", TEAM).status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/team").text
    v = re.search(r'name="version" value="(\d+)"', page).group(1)
    first = a.s.post(f"{URL}/applications/{app}/team", allow_redirects=False,
                     data=dict(TEAM, csrf=csrf_of(page), version=v, **{"m.0.role": "Вкладка 1"}))
    assert first.status_code == 303
    second = a.s.post(f"{URL}/applications/{app}/team",
                      data=dict(TEAM, csrf=csrf_of(page), version=v, **{"m.0.role": "Вкладка 2"}))
    assert second.status_code == 409
    assert "уже сохранили в другой вкладке" in second.text
    assert 'value="Вкладка 2"' in second.text                  # the user's text is kept
    assert "Вкладка 1" in a.s.get(f"{URL}/applications/{app}/team").text


def test_another_organization_can_read_or_change_nothing(a, b):
    app = a.new_app()
    a.fill(app)
    for path in ["", "/card", "/team", "/plan", "/budget", "/consent"]:
        r = b.s.get(f"{URL}/applications/{app}{path}")
        assert r.status_code == 404, path
        assert "Школа юных экологов" not in r.text
    page = b.s.get(f"{URL}/org").text
    r = b.s.post(f"{URL}/applications/{app}/card", data=dict(CARD, csrf=csrf_of(page), version="1"))
    assert r.status_code == 404
    r = b.s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf_of(page)})
    assert r.status_code == 404
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "draft"
    assert "Школа юных экологов" not in b.s.get(f"{URL}/my").text


def test_anonymous_visitors_are_sent_to_log_in(s):
    r = s.get(f"{URL}/applications/1/card", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")


def test_csrf_is_required_for_sections_and_submit(a):
    app = a.new_app()
    r = a.s.post(f"{URL}/applications/{app}/team", data=dict(TEAM, version="0"))
    assert r.status_code == 403
    r = a.s.post(f"{URL}/applications/{app}/submit", data={})
    assert r.status_code == 403


def test_one_application_per_competition(a):
    a.new_app()
    page = a.s.get(f"{URL}/applications/new?competition={INTAKE}").text
    assert "уже подала заявку" in page


def test_withdraw_before_the_deadline_and_submit_again(a):
    app = a.new_app()
    a.fill(app)
    a.submit(app)
    page = a.s.get(f"{URL}/applications/{app}").text
    r = a.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(page)},
                 allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT status, receipt_sha256 IS NULL FROM projects WHERE id = {app}") == [["draft", "1"]]
    assert a.section(app, "team", dict(TEAM, **{"m.0.role": "Исправлено"})).status_code == 303
    assert a.submit(app).status_code == 303
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "submitted"


def test_deadline_is_decided_by_the_server_clock_to_the_second(a):
    comp = sql("SELECT id FROM competitions WHERE title = 'Дедлайн-тест'")
    if not comp:
        sql("INSERT INTO competitions (title, description, stage, fund_kopecks, min_grant_kopecks, "
            "max_grant_kopecks, cofin_min_pct, opens_at, closes_at, impl_start, impl_end, created_at) "
            "SELECT 'Дедлайн-тест', 'Проверка', 'intake', fund_kopecks, min_grant_kopecks, "
            "max_grant_kopecks, cofin_min_pct, opens_at, closes_at, impl_start, impl_end, NOW() "
            f"FROM competitions WHERE id = {INTAKE}")
        comp = sql("SELECT id FROM competitions WHERE title = 'Дедлайн-тест'")
        cid = comp[0][0]
        sql(f"INSERT INTO competition_directions SELECT {cid}, direction_id FROM competition_directions WHERE competition_id = {INTAKE}")
        sql(f"INSERT INTO budget_categories (competition_id, code, name) SELECT {cid}, code, name FROM budget_categories WHERE competition_id = {INTAKE}")
    cid = comp[0][0]
    sql(f"UPDATE competitions SET closes_at = NOW() + INTERVAL 1 DAY WHERE id = {cid}")
    app = a.new_app(cid)
    a.fill(app)
    page = a.s.get(f"{URL}/applications/{app}").text
    # the competition closes two seconds from now; the form was loaded before
    sql(f"UPDATE competitions SET closes_at = NOW() + INTERVAL 2 SECOND WHERE id = {cid}")
    # wait until the database clock (the one the programs ask) has passed it
    end = time.time() + 10
    while sql(f"SELECT closes_at <= NOW() FROM competitions WHERE id = {cid}")[0][0] != "1":
        assert time.time() < end, "the deadline never passed on the database clock"
        time.sleep(0.1)
    r = a.s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf_of(page)})
    assert r.status_code == 409 and "Приём заявок завершён" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "draft"
    r = a.section(app, "team", TEAM)
    assert r.status_code in (409,)
    assert "Приём заявок завершён" in r.text


PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def upload(ngo, app, name, content, ctype, kind="Устав"):
    page = ngo.s.get(f"{URL}/applications/{app}/files").text
    return ngo.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                      data={"csrf": csrf_of(page), "kind": kind},
                      files={"file": (name, content, ctype)})


def test_attachments_by_content_type_with_owner_only_downloads(a, b):
    app = a.new_app()
    r = upload(a, app, "Устав организации.pdf", PDF, "application/pdf")
    assert r.status_code == 303
    r = upload(a, app, "logo.png", PNG, "image/png", kind="Иное")
    assert r.status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/files").text
    assert "Устав организации.pdf" in page and "logo.png" in page
    fid = re.search(r'href="/files/(\d+)">Устав организации.pdf', page).group(1)
    got = a.s.get(f"{URL}/files/{fid}")
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["Content-Disposition"].startswith("attachment;")
    # the name as the browser saves it: a space is %20 (a "+" would be a plus)
    name = got.headers["Content-Disposition"].split("filename*=UTF-8''")[1]
    assert urllib.parse.unquote(name) == "Устав организации.pdf" and "+" not in name
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    stored = sql(f"SELECT stored_name, sha256 FROM attachments WHERE id = {fid}")[0]
    assert stored[1] == hashlib.sha256(PDF).hexdigest()
    assert "Устав" not in stored[0]                           # a random name on disk
    # another organization, or nobody, cannot have it
    assert b.s.get(f"{URL}/files/{fid}").status_code == 404
    assert b.s.get(f"{URL}/applications/{app}/files").status_code == 404
    assert requests.get(f"{URL}/files/{fid}", allow_redirects=False).status_code == 303
    staff = requests.Session()
    login(staff, "staff@demo.grantfair.local", "grantfair-demo")
    assert staff.get(f"{URL}/files/{fid}").content == PDF
    # and it is part of the frozen application
    a.fill(app)
    a.submit(app)
    assert stored[1] in sql(f"SELECT frozen FROM projects WHERE id = {app}")[0][0]


@pytest.mark.parametrize("name,content,ctype", [
    ("charter.pdf", b"This is plain text pretending to be a PDF.\n" * 10, "application/pdf"),
    ("photo.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ("doc.jpg", b"PK\x03\x04" + b"\x00" * 100, "image/jpeg"),
])
def test_spoofed_uploads_are_refused(a, name, content, ctype):
    app = a.new_app()
    r = upload(a, app, name, content, ctype)
    assert r.status_code == 400
    assert "Можно приложить только PDF, JPEG или PNG" in r.text
    assert sql(f"SELECT COUNT(*) FROM attachments WHERE project_id = {app}")[0][0] == "0"


def test_upload_size_limits(a):
    app = a.new_app()
    big = PDF + b"0" * (10 * 1024 * 1024)            # just over 10 MB, under the body limit
    r = upload(a, app, "big.pdf", big, "application/pdf")
    assert r.status_code == 413 and "Файл слишком большой" in r.text
    huge = PDF + b"0" * (12 * 1024 * 1024)           # over the request limit: refused whole
    r = upload(a, app, "huge.pdf", huge, "application/pdf")
    assert r.status_code == 413
    nine = PDF + b"0" * (9 * 1024 * 1024)
    for i in range(3):
        assert upload(a, app, f"part{i}.pdf", nine, "application/pdf").status_code == 303
    r = upload(a, app, "part4.pdf", nine, "application/pdf")
    assert r.status_code == 413 and "не больше 30\u00a0МБ" in r.text
    assert sql(f"SELECT COUNT(*) FROM attachments WHERE project_id = {app}")[0][0] == "3"


def test_attachment_can_be_deleted_by_its_owner_only(a, b):
    app = a.new_app()
    upload(a, app, "letter.pdf", PDF, "application/pdf", kind="Письмо поддержки")
    fid = sql(f"SELECT id FROM attachments WHERE project_id = {app}")[0][0]
    page = b.s.get(f"{URL}/org").text
    r = b.s.post(f"{URL}/applications/{app}/files", data={"csrf": csrf_of(page), "action": "delete",
                                                          "att": fid})
    assert r.status_code == 404
    page = a.s.get(f"{URL}/applications/{app}/files").text
    r = a.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                 data={"csrf": csrf_of(page), "action": "delete", "att": fid})
    assert r.status_code == 303
    assert sql(f"SELECT COUNT(*) FROM attachments WHERE project_id = {app}")[0][0] == "0"


def test_staff_can_read_a_draft_but_never_change_it(a):
    app = a.new_app()
    a.fill(app)
    staff = requests.Session()
    login(staff, "staff@demo.grantfair.local", "grantfair-demo")
    page = staff.get(f"{URL}/applications/{app}/team")
    assert page.status_code == 200 and "Иванова Ольга Петровна" in page.text
    r = staff.post(f"{URL}/applications/{app}/team",
                   data=dict(TEAM, csrf=csrf_of(page.text), version="1", **{"m.0.role": "Взлом"}))
    assert r.status_code == 403
    r = staff.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 403          # submitting is declared for applicants only
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "draft"
    assert "Взлом" not in a.s.get(f"{URL}/applications/{app}/team").text


# ---- limits under concurrency (issue 9, item 2) ----------------------------

def org_of(ngo):
    return sql(f"SELECT m.org_id FROM org_members m JOIN users u ON u.id = m.user_id "
               f"WHERE u.email = '{ngo.email}'")[0][0]


def clone(s):
    """Another connection signed in as the same person (one per thread)."""
    c = requests.Session()
    c.cookies.update(s.cookies)
    return c


def at_once(n, fn):
    """Runs fn(i) for i in 0..n-1 in n threads released together; returns
    the results in order."""
    gate, out = threading.Barrier(n), [None] * n

    def run(i):
        gate.wait()
        out[i] = fn(i)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_simultaneous_starts_make_only_as_many_drafts_as_the_competition_allows():
    # the competition takes one application per organization; the race
    # needs its timing, so three organizations press eight times each
    assert sql(f"SELECT apps_per_org FROM competitions WHERE id = {INTAKE}")[0][0] == "1"
    for _ in range(3):
        a = Ngo()
        csrf = csrf_of(a.s.get(f"{URL}/applications/new?competition={INTAKE}").text)
        sessions = [clone(a.s) for _ in range(8)]
        rs = at_once(8, lambda i: sessions[i].post(
            f"{URL}/applications/new?competition={INTAKE}", allow_redirects=False,
            data={"csrf": csrf, "competition": INTAKE}))
        drafts = sql(f"SELECT COUNT(*) FROM projects WHERE org_id = {org_of(a)} "
                     f"AND competition_id = {INTAKE}")[0][0]
        assert drafts == "1"
        assert [r.status_code for r in rs].count(303) == 1
        for r in rs:
            assert r.status_code == 303 or (r.status_code == 409 and "уже подала заявку" in r.text)


def test_two_drafts_submitted_at_once_only_one_goes_through(a):
    first = a.new_app()
    # a second draft, as the start race used to leave behind
    sql("INSERT INTO projects (competition_id, org_id, municipality_id, title, summary, status,"
        " created_at, updated_at) SELECT competition_id, org_id, municipality_id, '', '', 'draft',"
        f" NOW(), NOW() FROM projects WHERE id = {first}")
    second = int(sql(f"SELECT MAX(id) FROM projects WHERE org_id = {org_of(a)}")[0][0])
    apps = (first, second)
    for app in apps:
        a.fill(app)
    csrf = csrf_of(a.s.get(f"{URL}/applications/{first}").text)
    sessions = [clone(a.s), clone(a.s)]
    rs = at_once(2, lambda i: sessions[i].post(f"{URL}/applications/{apps[i]}/submit",
                                               data={"csrf": csrf}, allow_redirects=False))
    statuses = sql(f"SELECT status FROM projects WHERE id IN ({first}, {second})")
    assert sorted(row[0] for row in statuses) == ["draft", "submitted"]
    refused = [r for r in rs if r.status_code != 303]
    assert len(refused) == 1 and refused[0].status_code == 409
    assert "уже подала на этот конкурс" in refused[0].text


def test_simultaneous_uploads_stop_at_the_file_count_limit(a):
    app = a.new_app()
    for i in range(19):                     # Limits.MaxAppFileCount = 20
        assert a.attach(app, kind="Иное", name=f"f{i}.pdf").status_code == 303
    on_disk = len(glob.glob(f"{DIR}/files/*/*"))
    csrf = csrf_of(a.s.get(f"{URL}/applications/{app}/files").text)
    sessions = [clone(a.s) for _ in range(8)]
    rs = at_once(8, lambda i: sessions[i].post(
        f"{URL}/applications/{app}/files", allow_redirects=False, data={"csrf": csrf, "kind": "Иное"},
        files={"file": (f"g{i}.pdf", PDF, "application/pdf")}))
    assert sql(f"SELECT COUNT(*) FROM attachments WHERE project_id = {app}")[0][0] == "20"
    assert sorted(r.status_code for r in rs) == [303] + [413] * 7
    assert "не больше" in [r for r in rs if r.status_code == 413][0].text
    # a refused file leaves nothing behind on disk
    assert len(glob.glob(f"{DIR}/files/*/*")) == on_disk + 1


# ---- upload names (issue 9, item 13) ----------------------------------------

def test_upload_names_lose_bidi_controls(a):
    app = a.new_app()
    # «Устав<U+202E>fdp.exe» shows as «Уставexe.pdf»: the override must go
    name = "\u2067Устав\u202efdp.exe\u202c\u200e \u200f\u061c\u202a\u2066\u2069.pdf"
    assert a.attach(app, name=name).status_code == 303
    stored = sql(f"SELECT orig_name FROM attachments WHERE project_id = {app}")[0][0]
    assert stored == "Уставfdp.exe .pdf"
    page = a.s.get(f"{URL}/applications/{app}/files").text
    assert "Уставfdp.exe .pdf" in page and "\u202e" not in page


# ---- withdrawing (issue 9, the NGO's findings) -------------------------------

def msk_text(ts):
    """A Unix time as the pages write it in Moscow time: 28.11.2026 23:30."""
    zone = datetime.timezone(datetime.timedelta(hours=3))
    return datetime.datetime.fromtimestamp(int(ts), zone).strftime("%d.%m.%Y %H:%M")


def test_withdrawing_asks_first_then_says_so_and_mails_the_members(a):
    colleague = f"colleague-{uuid.uuid4().hex[:8]}@example.ru"
    make_user(colleague, name="Коллега Тестовая")
    sql(f"INSERT INTO org_members (org_id, user_id) SELECT {org_of(a)}, id FROM users "
        f"WHERE email = '{colleague}'")
    app = a.new_app()
    a.fill(app)
    assert a.submit(app).status_code == 303
    number = sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]
    deadline = msk_text(sql(f"SELECT UNIX_TIMESTAMP(closes_at) FROM competitions WHERE id = {INTAKE}")[0][0])
    # the receipt offers withdrawal as a link to a page that asks: no one-click POST
    page = a.s.get(f"{URL}/applications/{app}").text
    assert f'href="/applications/{app}/withdraw"' in page
    assert f'action="/applications/{app}/withdraw"' not in page
    ask = a.s.get(f"{URL}/applications/{app}/withdraw")
    assert ask.status_code == 200
    assert "перестанет быть поданной" in ask.text and deadline in ask.text
    assert f'action="/applications/{app}/withdraw"' in ask.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "submitted"   # asking changes nothing
    r = a.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(ask.text)},
                 allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/applications/{app}?withdrawn=1"
    after = a.s.get(f"{URL}/applications/{app}?withdrawn=1").text
    notice = re.search(r'<div class="notice" role="status">(.*?)</div>', after, re.S).group(1)
    assert "Заявка отозвана" in notice and deadline in notice
    assert sql(f"SELECT status, number FROM projects WHERE id = {app}") == [["draft", number]]
    for who in (a.email, colleague):
        mail = wait_for_mail(lambda m: m["To"] == who and number in str(m["subject"])
                             and "отозвана" in str(m["subject"]))
        assert deadline in mail.get_content() and f"/applications/{app}" in mail.get_content()
    # a draft has nothing to withdraw: the page says so, and so does a POST
    again = a.s.get(f"{URL}/applications/{app}/withdraw")
    assert again.status_code == 409 and "не подана" in again.text
    r = a.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(ask.text)})
    assert r.status_code == 409
    # once staff have admitted it, it is no longer the applicant's to withdraw
    assert a.submit(app).status_code == 303
    # two receipts now, told apart: which one stands
    table = re.search(r'(?s)<table id="receipts">.*?</table>', a.s.get(f"{URL}/applications/{app}").text).group(0)
    rows = re.findall(r"(?s)<tr><td>(\d)-я</td>.*?</tr>", table)
    assert rows == ["1", "2"]
    assert table.index("заменена следующей подачей") < table.index("<strong>действует</strong>")
    sql(f"UPDATE projects SET status = 'admitted' WHERE id = {app}")
    r = a.s.get(f"{URL}/applications/{app}/withdraw")
    assert r.status_code == 409 and "статус этой заявки — «Допущена к экспертизе»" in r.text


# ---- how the application names itself (issue 9, the NGO's findings) ---------

def test_a_submitted_application_says_its_status_inside_a_sentence(a):
    app = a.new_app()
    a.fill(app)
    a.submit(app)
    page = a.s.get(f"{URL}/applications/{app}/files").text
    assert "она Подана" not in page
    assert "Заявку сейчас изменить нельзя: её статус — «Подана»." in page
    # a section read as text says it once, in its own longer notice
    page = a.s.get(f"{URL}/applications/{app}/team").text
    assert "она Подана" not in page and "Заявку сейчас изменить нельзя" not in page
    assert "Заявка подана, поэтому разделы показаны только для чтения" in page


def test_a_draft_has_its_registry_number_everywhere_the_applicant_looks(a):
    app = a.new_app()
    number = f"GF-{INTAKE}-{app:05d}"
    assert sql(f"SELECT number FROM projects WHERE id = {app}")[0][0] == number
    for path in ("/my", f"/applications/{app}", f"/applications/{app}/team",
                 f"/applications/{app}/files", "/cabinet/applicant",
                 f"/applications/new?competition={INTAKE}"):
        page = a.s.get(f"{URL}{path}").text
        assert number in page, path
        assert f"№ {app}" not in page, path
    a.fill(app)
    assert a.submit(app).status_code == 303
    assert sql(f"SELECT number FROM projects WHERE id = {app}")[0][0] == number


# ---- required documents, the attachments tab (issue 9, the NGO's findings) --

def tab_mark(page, name):
    """What the section tab `name` carries: "✓", "!" or ""."""
    tab = re.search(rf'<a href="/applications/\d+/{name}"[^>]*>(.*?)</a>', page).group(1)
    return "✓" if "✓" in tab else "!" if 'class="warn"' in tab else ""


def test_the_charter_is_required_by_default_and_named_when_missing(a):
    assert sql(f"SELECT required_docs FROM competitions WHERE id = {INTAKE}")[0][0] == "Устав"
    app = a.new_app()
    a.fill(app, charter=False)
    view = a.s.get(f"{URL}/applications/{app}").text
    missing = view.split("осталось заполнить")[1].split("</ul>")[0]
    assert f'href="/applications/{app}/files">Вложения</a>' in missing and "«Устав»" in missing
    r = a.submit(app)
    assert r.status_code == 400 and "«Устав»" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "draft"
    # a letter is not the charter: the tab says something is missing
    assert a.attach(app, kind="Письмо поддержки", name="letter.pdf").status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/files").text
    assert tab_mark(page, "files") == "!"
    assert "Обязательные документы" in page and "«Устав»" in page
    assert a.attach(app).status_code == 303
    for path in ("/files", "", "/card"):
        assert tab_mark(a.s.get(f"{URL}/applications/{app}{path}").text, "files") == "✓", path
    assert a.submit(app).status_code == 303


def test_a_competition_requiring_nothing_takes_an_application_without_files(a):
    comp = sql("SELECT id FROM competitions WHERE title = 'Без документов — тест'")
    if not comp:
        sql("INSERT INTO competitions (title, description, stage, fund_kopecks, min_grant_kopecks, "
            "max_grant_kopecks, cofin_min_pct, opens_at, closes_at, impl_start, impl_end, created_at) "
            "SELECT 'Без документов — тест', 'Проверка', 'intake', fund_kopecks, min_grant_kopecks, "
            "max_grant_kopecks, cofin_min_pct, opens_at, closes_at, impl_start, impl_end, NOW() "
            f"FROM competitions WHERE id = {INTAKE}")
        comp = sql("SELECT id FROM competitions WHERE title = 'Без документов — тест'")
        cid = comp[0][0]
        sql(f"INSERT INTO competition_directions SELECT {cid}, direction_id FROM competition_directions WHERE competition_id = {INTAKE}")
        sql(f"INSERT INTO budget_categories (competition_id, code, name) SELECT {cid}, code, name FROM budget_categories WHERE competition_id = {INTAKE}")
    cid = comp[0][0]
    sql(f"UPDATE competitions SET required_docs = '' WHERE id = {cid}")
    app = a.new_app(cid)
    a.fill(app, charter=False)
    assert tab_mark(a.s.get(f"{URL}/applications/{app}").text, "files") == ""
    assert a.submit(app).status_code == 303


def test_the_attachments_page_shows_no_sha256_but_the_receipt_keeps_it(a):
    app = a.new_app()
    a.fill(app)
    sha = hashlib.sha256(PDF).hexdigest()
    page = a.s.get(f"{URL}/applications/{app}/files").text
    assert "SHA-256" not in page and sha not in page
    assert a.submit(app).status_code == 303
    receipt = a.s.get(f"{URL}/applications/{app}").text
    assert sha in receipt and "SHA-256" in receipt


def test_a_lock_held_too_long_gets_the_try_again_page_and_changes_nothing(a):
    """Another request holding the organization's row past the lock wait
    (1205; a deadlock, 1213, is answered the same way) is the «try again»
    page (503), not an error id; nothing is submitted, and pressing the
    button again works."""
    app = a.new_app()
    a.fill(app)
    csrf = csrf_of(a.s.get(f"{URL}/applications/{app}").text)
    sql("SET GLOBAL innodb_lock_wait_timeout = 1")
    try:
        stack("restart-program", DIR, "application")     # new connections take the setting
        holder = subprocess.Popen(
            ["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-uroot", "grantfair", "-e",
             f"BEGIN; SELECT id FROM organizations WHERE id = {org_of(a)} FOR UPDATE; "
             f"DO SLEEP(4); COMMIT"])
        time.sleep(0.7)
        r = a.s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf}, allow_redirects=False)
        holder.wait()
    finally:
        sql("SET GLOBAL innodb_lock_wait_timeout = 50")
        stack("restart-program", DIR, "application")
    assert r.status_code == 503, r.status_code
    assert "Сервис временно недоступен" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["draft"]]
    assert a.submit(app).status_code == 303
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["submitted"]]


def test_the_application_page_says_what_staff_will_check_at_admission(a):
    """The competition's checklist is shown before submission, so an NGO
    that did everything the site asked is not returned for a rule it was
    never told; the tax certificate it may name is among the documents."""
    app = a.new_app()
    items = [row[0] for row in sql(f"SELECT text FROM competition_checklist WHERE competition_id = "
                                   f"{INTAKE} ORDER BY sort, id")]
    assert items                      # the demo competition has its checklist
    page = a.s.get(f"{URL}/applications/{app}").text
    listed = html.unescape(re.search(r'(?s)<ul id="checklist">(.*?)</ul>', page).group(1))
    assert all(i in listed for i in items)
    files = a.s.get(f"{URL}/applications/{app}/files").text
    assert "Справка ФНС об отсутствии задолженности" in files


def test_an_application_is_withdrawn_only_a_few_times_a_day(a):
    """Each withdrawal and new submission stores a receipt with the whole
    content and mails the members and staff: Limits.WithdrawPerDay (5)."""
    app = a.new_app()
    a.fill(app)
    for _ in range(5):
        assert a.submit(app).status_code == 303
        page = a.s.get(f"{URL}/applications/{app}/withdraw").text
        r = a.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(page)},
                     allow_redirects=False)
        assert r.status_code == 303
    assert a.submit(app).status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/withdraw").text
    r = a.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(page)},
                 allow_redirects=False)
    assert r.status_code == 429 and "отозвать её снова можно будет завтра" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["submitted"]]
