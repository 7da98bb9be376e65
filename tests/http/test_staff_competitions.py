"""The competition editor for staff (/staff/competitions…) and the public
competition page: a draft is created and edited (every field checked, with
a Russian error beside it and nothing stored), criteria (the Presidential
Grants Fund's ready set), checklist, documents by content, budget
categories, stage transitions with their guards, an intake extension mailed
to the organizations with drafts, the audit trail; the Markdown description
is rendered without any of the HTML or javascript: links put into it; a
draft is staff-only everywhere."""
import datetime
import html
import io
import re
import uuid
import zipfile

import pytest
import requests

from applicant import Ngo
from conftest import DEMO_PASSWORD, URL, csrf_of, login, make_user, sql, wait_for_mail

MSK = datetime.timezone(datetime.timedelta(hours=3))

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def docx():
    """A minimal real DOCX (an OOXML package with a document part)."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels"'
                   ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
                   'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="'
                   'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id='
                   '"rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="'
                   'http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
                   '<w:t>Форма заявки</w:t></w:r></w:p></w:body></w:document>')
    return b.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + \
      b"PE\x00\x00L\x01\x03\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n"


@pytest.fixture
def staff():
    s = requests.Session()
    r = login(s, "staff@demo.grantfair.local", DEMO_PASSWORD)
    assert r.status_code == 303
    yield s
    s.close()


def page_of(s, path):
    r = s.get(URL + path)
    assert r.status_code == 200, (path, r.status_code)
    return r.text


def post(s, path, data, files=None, page=None):
    token = csrf_of(page_of(s, page or path))
    return s.post(URL + path, data=dict(data, csrf=token), files=files, allow_redirects=False)


def errors(text):
    """field -> its error message on the page."""
    return {f: html.unescape(m) for f, m in
            re.findall(r'<p class="field-error" id="err-([\w.-]+)" role="alert">([^<]*)</p>', text)}


def create(s, title=None):
    title = title or f"Тестовый конкурс {uuid.uuid4().hex[:8]}"
    r = post(s, "/staff/competitions/new", {"title": title})
    assert r.status_code == 303, r.text
    m = re.fullmatch(r"/staff/competitions/(\d+)\?created=1", r.headers["Location"])
    assert m, r.headers["Location"]
    return int(m.group(1))


def msk(dt):
    return dt.astimezone(MSK).strftime("%Y-%m-%dT%H:%M")


def settings(**over):
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    opens, closes = now + datetime.timedelta(days=1), now + datetime.timedelta(days=30)
    start = (closes.astimezone(MSK) + datetime.timedelta(days=10)).date()
    d = {"title": "Гранты для НКО — тест", "description": "Конкурс **для НКО** края.\n\n- пункт",
         "dir.3": "1", "dir.5": "1", "fund": "12 000 000", "min_grant": "200 000",
         "max_grant": "1 500 000,50", "cofin": "12,5", "opens_at": msk(opens), "closes_at": msk(closes),
         "impl_start": start.isoformat(), "impl_end": (start + datetime.timedelta(days=300)).isoformat(),
         "apps_per_org": "1", "title_max": "300", "summary_max": "1000", "problem_max": "5000",
         "max_months": "18", "experts_per_app": "2", "divergence": "30", "blind_review": "1"}
    d.update(over)
    return {k: v for k, v in d.items() if v is not None}


def save(s, cid, **over):
    return post(s, f"/staff/competitions/{cid}", settings(**over))


def stored(cid):
    return sql("SELECT title, description, stage, fund_kopecks, min_grant_kopecks, max_grant_kopecks,"
               " cofin_min_pct, opens_at, closes_at, impl_start, impl_end, apps_per_org, title_max,"
               " summary_max, problem_max, max_months, experts_per_app, divergence, blind_review,"
               f" (SELECT GROUP_CONCAT(direction_id ORDER BY direction_id) FROM competition_directions"
               f" WHERE competition_id = {cid}) FROM competitions WHERE id = {cid}")[0]


def audit(cid):
    return sql("SELECT action, COALESCE(from_state, ''), COALESCE(to_state, ''), COALESCE(reason, '')"
               f" FROM audit_log WHERE object_type = 'competition' AND object_id = {cid} ORDER BY id")


def move(s, cid, to):
    return post(s, f"/staff/competitions/{cid}/stage", {"to": to}, page=f"/staff/competitions/{cid}")


def upload(s, cid, title, name, content, ctype):
    return post(s, f"/staff/competitions/{cid}/documents", {"title": title},
                files={"file": (name, content, ctype)})


def ready(s, cid, **over):
    """A competition with valid settings, a document and the ready criteria."""
    assert save(s, cid, **over).status_code == 303
    assert upload(s, cid, "Положение о конкурсе", "polozhenie.pdf", PDF, "application/pdf").status_code == 303
    assert post(s, f"/staff/competitions/{cid}/criteria", {"action": "preset_small"}).status_code == 303


# ---- creating and the settings form -------------------------------------

def test_new_draft_is_listed_and_its_settings_are_saved(staff):
    cid = create(staff, "Конкурс «Новый» — проверка")
    assert audit(cid)[0] == ["create", "", "draft", "Конкурс «Новый» — проверка"]
    listing = page_of(staff, "/staff/competitions")
    row = re.search(rf'<a href="/staff/competitions/{cid}">([^<]+)</a></td>\s*<td>([^<]+)</td>', listing)
    assert html.unescape(row.group(1)) == "Конкурс «Новый» — проверка" and row.group(2) == "Черновик"
    # the national operator's nine budget categories come with it
    assert sql(f"SELECT COUNT(*) FROM budget_categories WHERE competition_id = {cid}") == [["9"]]

    form = settings()
    r = save(staff, cid)
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/competitions/{cid}?saved=1"
    row = stored(cid)
    opens = datetime.datetime.strptime(form["opens_at"], "%Y-%m-%dT%H:%M").replace(tzinfo=MSK)
    assert row[0] == "Гранты для НКО — тест" and row[2] == "draft"
    assert row[3:7] == ["1200000000", "20000000", "150000050", "12.50"]
    # Moscow time in the form, UTC in the database
    assert row[7] == opens.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:00")
    assert row[9] == form["impl_start"] and row[18] == "1" and row[19] == "3,5"
    # the form shows what is stored, in the same formats
    page = page_of(staff, f"/staff/competitions/{cid}")
    for field in ("fund", "max_grant", "cofin", "opens_at", "closes_at", "impl_start"):
        assert f'name="{field}" type=' in page
        assert re.search(rf'name="{field}"[^>]*value="{re.escape(form[field])}"', page), field
    assert 'name="dir.3" value="1" checked' in page and 'name="dir.1" value="1">' in page
    last = audit(cid)[-1]
    assert last[0] == "settings" and "фонд" in last[3] and "направления" in last[3]


BAD = [
    ("title", "", "Заполните это поле."),
    ("title", "Я" * 301, "Не длиннее 300 символов"),
    ("title", "строка\x01", "недопустимые символы"),
    ("description", "", "Заполните это поле."),
    ("fund", "", "Укажите фонд конкурса"),
    ("fund", "много", "Сумма в рублях"),
    ("fund", "0", "больше нуля"),
    ("min_grant", "2 000 000", "Минимальный грант не может быть больше максимального"),
    ("max_grant", "20 000 000", "не может быть больше фонда"),
    ("max_grant", "-5", "Сумма в рублях"),
    ("cofin", "101", "Доля софинансирования"),
    ("cofin", "десять", "Доля софинансирования"),
    ("opens_at", "2027-02-30T10:00", "Дата и время по Москве"),
    ("closes_at", "завтра", "Дата и время по Москве"),
    ("impl_start", "30.02.2027", "Дата, например"),
    ("impl_end", "2020-01-01", "не раньше её начала"),
    ("apps_per_org", "0", "Целое число от 1 до 10"),
    ("title_max", "301", "Целое число от 10 до 300"),
    ("summary_max", "1e3", "Целое число от 100 до 5000"),
    ("problem_max", "99999999999", "Целое число от 100 до 15000"),
    ("max_months", "", "Целое число от 1 до 36"),
    ("experts_per_app", "11", "Целое число от 1 до 10"),
    ("divergence", "0", "Целое число от 1 до 100"),
    ("blind_review", "да", "Отметьте флажок"),
]


@pytest.mark.parametrize("field,value,message", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_bad_input_is_refused_beside_the_field_and_nothing_is_stored(staff, field, value, message):
    cid = create(staff)
    assert save(staff, cid).status_code == 303
    before, trail = stored(cid), len(audit(cid))
    r = save(staff, cid, **{field: value})
    assert r.status_code == 400
    assert message in errors(r.text).get(field, ""), errors(r.text)
    assert "Ничего не сохранено" in r.text
    assert stored(cid) == before and len(audit(cid)) == trail
    # what was typed comes back in the form
    if field in ("title", "fund", "cofin") and "\x01" not in value:
        assert f'value="{html.escape(value)}"' in r.text


def test_window_and_order_rules(staff):
    cid = create(staff)
    base = settings()
    r = save(staff, cid, closes_at=base["opens_at"])
    assert "должен закончиться позже" in errors(r.text)["closes_at"]
    r = save(staff, cid, impl_start=base["opens_at"][:10])
    assert "не раньше окончания приёма" in errors(r.text)["impl_start"]
    r = save(staff, cid, **{"dir.3": None, "dir.5": None})
    assert "хотя бы одно направление" in errors(r.text)["directions"]
    r = save(staff, cid, **{"dir.99999": "1", "dir.3": None, "dir.5": None})
    assert r.status_code == 400 and "directions" in errors(r.text)
    assert stored(cid)[19] == "NULL"      # no directions stored


# ---- criteria -------------------------------------------------------------

def criteria(cid):
    return sql("SELECT id, name, max_score, weight FROM criteria"
               f" WHERE competition_id = {cid} ORDER BY sort, id")


def test_ready_criteria_of_the_presidential_grants_fund(staff):
    cid = create(staff)
    page = page_of(staff, f"/staff/competitions/{cid}/criteria")
    assert "Загрузить критерии Фонда президентских грантов" in page
    r = post(staff, f"/staff/competitions/{cid}/criteria", {"action": "preset_small"})
    assert r.status_code == 303
    rows = criteria(cid)
    assert len(rows) == 10 and rows[0][1] == "Актуальность и социальная значимость проекта"
    assert [row[3] for row in rows] == ["2.00", "2.00", "0.50", "2.00", "1.00", "0.00", "0.50",
                                        "0.50", "1.00", "0.50"]
    assert all(row[2] == "10" for row in rows)
    r = post(staff, f"/staff/competitions/{cid}/criteria", {"action": "preset_large"})
    rows = criteria(cid)
    assert len(rows) == 10      # replaced, not added
    assert sum(float(row[3]) for row in rows) == 10.0 and rows[3][3] == "1.50"
    page = page_of(staff, f"/staff/competitions/{cid}/criteria")
    assert "сумма весов: <strong>10</strong>" in page
    assert re.search(r'name="weight" type="text" maxlength="6" value="1,5"', page)   # as people write it
    assert any("Фонда президентских грантов (1–5 млн ₽)" in a[3] for a in audit(cid))


def test_criteria_add_edit_reorder_remove(staff):
    cid = create(staff)
    path = f"/staff/competitions/{cid}/criteria"
    r = post(staff, path, {"action": "add", "name": "", "max_score": "0", "weight": "11"})
    assert r.status_code == 400
    e = errors(r.text)
    assert e["name"] == "Заполните это поле." and "от 1 до 100" in e["max_score"] and "от 0 до 10" in e["weight"]
    assert criteria(cid) == []
    for name in ("Первый", "Второй", "Третий"):
        assert post(staff, path, {"action": "add", "name": name, "description": "описание",
                                  "max_score": "10", "weight": "0,5"}).status_code == 303
    rows = criteria(cid)
    assert [r_[1] for r_ in rows] == ["Первый", "Второй", "Третий"] and rows[0][3] == "0.50"
    third = rows[2][0]
    assert post(staff, path, {"action": "up", "crit": third}).status_code == 303
    assert [r_[1] for r_ in criteria(cid)] == ["Первый", "Третий", "Второй"]
    r = post(staff, path, {"action": "save", "crit": third, "name": "Третий, исправлен",
                           "description": "", "max_score": "5", "weight": "1.25"})
    assert r.status_code == 303
    assert criteria(cid)[1][1:] == ["Третий, исправлен", "5", "1.25"]
    # a bad edit keeps the stored row and shows the error in that row
    r = post(staff, path, {"action": "save", "crit": third, "name": "x", "max_score": "5", "weight": "-1"})
    assert r.status_code == 400 and "weight" in errors(r.text)
    assert criteria(cid)[1][3] == "1.25"
    assert post(staff, path, {"action": "delete", "crit": rows[0][0]}).status_code == 303
    assert [r_[1] for r_ in criteria(cid)] == ["Третий, исправлен", "Второй"]
    # a criterion of another competition is not this one's
    other = sql("SELECT id FROM criteria WHERE competition_id = 1 LIMIT 1")[0][0]
    assert post(staff, path, {"action": "delete", "crit": other}).status_code == 404
    assert post(staff, path, {"action": "save", "crit": other, "name": "Взлом", "max_score": "1",
                              "weight": "1"}).status_code == 404
    assert sql(f"SELECT COUNT(*) FROM criteria WHERE id = {other} AND name <> 'Взлом'") == [["1"]]
    actions = [a[3] for a in audit(cid) if a[0] == "settings"]
    assert any("добавлен «Второй»" in a for a in actions) and any("удалён" in a for a in actions)


# ---- checklist --------------------------------------------------------------

def test_checklist_items_with_automatic_rules(staff):
    cid = create(staff)
    path = f"/staff/competitions/{cid}/checklist"
    r = post(staff, path, {"action": "add", "text": "Организация зарегистрирована давно", "rule": "org_age",
                           "param": ""})
    assert r.status_code == 400 and "от 1 до 600" in errors(r.text)["param"]
    r = post(staff, path, {"action": "add", "text": "Что-то", "rule": "astrology"})
    assert r.status_code == 400 and "Выберите правило" in errors(r.text)["rule"]
    assert sql(f"SELECT COUNT(*) FROM competition_checklist WHERE competition_id = {cid}") == [["0"]]
    for text, rule, param in [("Приложен устав", "charter", ""),
                              ("Организация зарегистрирована не менее 12 месяцев", "org_age", "12"),
                              ("Заявка оформлена аккуратно", "none", "")]:
        assert post(staff, path, {"action": "add", "text": text, "rule": rule,
                                  "param": param}).status_code == 303
    rows = sql("SELECT id, text, rule, param FROM competition_checklist"
               f" WHERE competition_id = {cid} ORDER BY sort, id")
    assert [r_[2:] for r_ in rows] == [["charter", "0"], ["org_age", "12"], ["none", "0"]]
    assert post(staff, path, {"action": "save", "item": rows[2][0], "text": "Сумма в пределах",
                              "rule": "amount", "param": ""}).status_code == 303
    assert post(staff, path, {"action": "down", "item": rows[0][0]}).status_code == 303
    rows = sql("SELECT text, rule FROM competition_checklist"
               f" WHERE competition_id = {cid} ORDER BY sort, id")
    assert rows == [["Организация зарегистрирована не менее 12 месяцев", "org_age"],
                    ["Приложен устав", "charter"], ["Сумма в пределах", "amount"]]
    page = page_of(staff, path)
    assert '<option value="amount" selected>' in page


# ---- documents --------------------------------------------------------------

def documents(cid):
    return sql(f"SELECT id, title, orig_name, mime FROM competition_documents WHERE competition_id = {cid} ORDER BY id")


def test_documents_pdf_and_docx_by_content(staff, s):
    cid = create(staff)
    r = upload(staff, cid, "Положение о конкурсе", "Положение.pdf", PDF, "application/pdf")
    assert r.status_code == 303
    r = upload(staff, cid, "Форма заявки", "forma.docx", docx(), "application/octet-stream")
    assert r.status_code == 303
    for name, content in [("setup.pdf", EXE), ("page.pdf", HTML), ("empty.pdf", b"")]:
        r = upload(staff, cid, "Не документ", name, content, "application/pdf")
        assert r.status_code == 400, name
        assert errors(r.text)["file"] in ("Выберите файл.",
                                          "Можно загрузить только PDF или DOCX (тип определяется по "
                                          "содержимому файла, а не по имени).")
    r = upload(staff, cid, "", "x.pdf", PDF, "application/pdf")
    assert r.status_code == 400 and errors(r.text)["title"] == "Заполните это поле."
    docs = documents(cid)
    assert [d[1:] for d in docs] == [
        ["Положение о конкурсе", "Положение.pdf", "application/pdf"],
        ["Форма заявки", "forma.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]]
    # staff download a draft's document; nobody else sees it
    got = staff.get(f"{URL}/documents/{docs[0][0]}")
    assert got.status_code == 200 and got.content == PDF
    assert s.get(f"{URL}/documents/{docs[0][0]}").status_code == 404
    # removed while a draft
    r = post(staff, f"/staff/competitions/{cid}/documents", {"action": "delete", "doc": docs[1][0]})
    assert r.status_code == 303 and len(documents(cid)) == 1
    assert any("удалён «Форма заявки»" in a[3] for a in audit(cid))


# ---- stages, guards, the extension ------------------------------------------

def test_stage_guards_intake_extension_mail_and_audit(staff):
    cid = create(staff)
    now = datetime.datetime.now(datetime.timezone.utc)
    assert save(staff, cid, opens_at=msk(now - datetime.timedelta(days=1))).status_code == 303
    # only the next stage
    r = move(staff, cid, "intake")
    assert r.status_code == 409 and "только на следующий этап" in r.text
    assert move(staff, cid, "announced").status_code == 303
    # a second, concurrent "announce" is refused clearly
    r = move(staff, cid, "announced")
    assert r.status_code == 409 and "только на следующий этап" in r.text
    # no intake without documents and criteria
    r = move(staff, cid, "intake")
    assert r.status_code == 409 and "без документов конкурса" in r.text
    assert upload(staff, cid, "Положение", "p.pdf", PDF, "application/pdf").status_code == 303
    r = move(staff, cid, "intake")
    assert r.status_code == 409 and "без критериев оценки" in r.text
    assert post(staff, f"/staff/competitions/{cid}/criteria", {"action": "preset_small"}).status_code == 303
    assert sql(f"SELECT stage FROM competitions WHERE id = {cid}") == [["announced"]]
    assert move(staff, cid, "intake").status_code == 303
    # no review while intake is open
    r = move(staff, cid, "review")
    assert r.status_code == 409 and "только после окончания приёма" in r.text
    # in intake the window is not in the settings form: it stays
    closes = sql(f"SELECT closes_at FROM competitions WHERE id = {cid}")[0][0]
    assert save(staff, cid, closes_at=msk(now + datetime.timedelta(days=90)),
                title="Новое название").status_code == 303
    assert sql(f"SELECT closes_at, title FROM competitions WHERE id = {cid}") == [[closes, "Новое название"]]

    # an organization with a draft hears of the extension
    ngo = Ngo()
    app = ngo.new_app(str(cid))
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["draft"]]
    path = f"/staff/competitions/{cid}/stage"
    r = post(staff, path, {"action": "extend", "new_closes_at": "", "reason": ""},
             page=f"/staff/competitions/{cid}")
    assert r.status_code == 400
    e = errors(r.text)
    assert "Дата и время по Москве" in e["new_closes_at"] and e["reason"] == "Заполните это поле."
    r = post(staff, path, {"action": "extend", "new_closes_at": msk(now + datetime.timedelta(days=5)),
                           "reason": "Раньше срока"}, page=f"/staff/competitions/{cid}")
    assert r.status_code == 400 and "позже нынешнего" in errors(r.text)["new_closes_at"]
    assert sql(f"SELECT closes_at FROM competitions WHERE id = {cid}")[0][0] == closes
    new = datetime.datetime.strptime(closes, "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=datetime.timezone.utc) + datetime.timedelta(days=7)
    r = post(staff, path, {"action": "extend", "new_closes_at": msk(new),
                           "reason": "Просьбы НКО: праздничные дни"}, page=f"/staff/competitions/{cid}")
    assert r.status_code == 303, errors(r.text)
    assert r.headers["Location"] == f"/staff/competitions/{cid}?extended=1"
    assert sql(f"SELECT closes_at FROM competitions WHERE id = {cid}")[0][0] == new.strftime("%Y-%m-%d %H:%M:%S")
    mail = wait_for_mail(lambda m: m["To"] == ngo.email and "Приём заявок продлён" in str(m["subject"]))
    body = mail.get_content()
    assert "Просьбы НКО: праздничные дни" in body and new.astimezone(MSK).strftime("%d.%m.%Y %H:%M") in body
    ext = [a for a in audit(cid) if a[0] == "extend"]
    assert ext == [["extend", datetime.datetime.strptime(closes, "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=datetime.timezone.utc).astimezone(MSK).strftime("%d.%m.%Y %H:%M"),
        new.astimezone(MSK).strftime("%d.%m.%Y %H:%M"), "Просьбы НКО: праздничные дни"]]

    # intake over (as if the time had passed): review may start
    sql(f"UPDATE competitions SET closes_at = NOW() - INTERVAL 1 MINUTE WHERE id = {cid}")
    assert move(staff, cid, "review").status_code == 303
    stages = [a[1:3] for a in audit(cid) if a[0] == "stage"]
    assert stages == [["draft", "announced"], ["announced", "intake"], ["intake", "review"]]
    # from review on, the settings and criteria stay as they are
    r = save(staff, cid, title="Поздно")
    assert r.status_code == 409 and "настройки не меняются" in r.text
    r = post(staff, f"/staff/competitions/{cid}/criteria", {"action": "preset_large"})
    assert r.status_code == 409
    assert sql(f"SELECT title FROM competitions WHERE id = {cid}") == [["Новое название"]]
    # and the extension is only for an intake
    r = post(staff, path, {"action": "extend", "new_closes_at": msk(new + datetime.timedelta(days=30)),
                           "reason": "Ещё"}, page=f"/staff/competitions/{cid}")
    assert r.status_code == 409


def test_intake_needs_budget_categories(staff):
    cid = create(staff)
    ready(staff, cid)
    for row in sql(f"SELECT id FROM budget_categories WHERE competition_id = {cid}"):
        assert post(staff, f"/staff/competitions/{cid}/budget",
                    {"action": "delete", "cat": row[0]}).status_code == 303
    assert move(staff, cid, "announced").status_code == 303
    r = move(staff, cid, "intake")
    assert r.status_code == 409 and "без статей бюджета" in r.text
    r = post(staff, f"/staff/competitions/{cid}/budget", {"action": "add", "code": "1", "name": ""})
    assert r.status_code == 400 and errors(r.text)["name"] == "Заполните это поле."
    assert post(staff, f"/staff/competitions/{cid}/budget",
                {"action": "add", "code": "1", "name": "Оплата труда"}).status_code == 303
    r = post(staff, f"/staff/competitions/{cid}/budget", {"action": "add", "code": "1", "name": "Ещё раз"})
    assert r.status_code == 400 and "уже есть" in errors(r.text)["code"]
    assert move(staff, cid, "intake").status_code == 303
    # in intake the categories stay: applications use them
    r = post(staff, f"/staff/competitions/{cid}/budget", {"action": "add", "code": "2", "name": "Поздно"})
    assert r.status_code == 409
    assert sql(f"SELECT COUNT(*) FROM budget_categories WHERE competition_id = {cid}") == [["1"]]


# ---- the public page ----------------------------------------------------------

XSS = ("Описание с **жирным** текстом и [ссылкой](https://example.org/).\n\n"
       "<script>alert('xss')</script>\n\n"
       "[нажми](javascript:alert(1)) и [ещё](JaVaScRiPt:alert(2)) и ![img](javascript:alert(3))\n\n"
       "Текст <img src=x onerror=alert(4)> и <a href=\"javascript:alert(5)\">ссылка</a>\n\n"
       "<div onclick=\"alert(6)\">блок</div>\n")


def test_markdown_description_is_rendered_and_neutralized(staff, s):
    cid = create(staff)
    ready(staff, cid, description=XSS)
    assert move(staff, cid, "announced").status_code == 303
    page = s.get(f"{URL}/competitions/{cid}").text
    body = page[page.index('<div class="text markdown">'):page.index('<dl class="card-data">')]
    assert "<strong>жирным</strong>" in body and '<a href="https://example.org/">ссылкой</a>' in body
    low = body.lower()
    assert "<script" not in low and "javascript:" not in low and "onerror" not in low
    assert "onclick" not in low and 'src="x"' not in low and "<div" not in low[1:]
    assert "raw HTML omitted" in body
    # the text itself is still there, as text
    assert "нажми" in body and "Текст" in body


def test_draft_is_not_found_but_by_staff(staff, s):
    cid = create(staff)
    ready(staff, cid)
    doc = documents(cid)[0][0]
    ngo = Ngo()
    for who in (s, ngo.s):
        assert who.get(f"{URL}/competitions/{cid}").status_code == 404
        assert who.get(f"{URL}/documents/{doc}").status_code == 404
    assert ngo.s.get(f"{URL}/applications/new?competition={cid}").status_code == 404
    # anonymous visitors are sent to sign in before anything is looked up
    r = s.get(f"{URL}/applications/new?competition={cid}", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")
    title = sql(f"SELECT title FROM competitions WHERE id = {cid}")[0][0]
    assert title not in r.text and title not in ngo.s.get(f"{URL}/applications/new?competition={cid}").text
    r = post(ngo.s, f"/applications/new?competition={cid}", {"competition": str(cid)},
             page="/applications/new?competition=1")
    assert r.status_code == 404
    assert sql(f"SELECT COUNT(*) FROM projects WHERE competition_id = {cid}") == [["0"]]
    page = page_of(staff, f"/competitions/{cid}")
    assert "Черновик." in page and f'href="/staff/competitions/{cid}"' in page
    preview = page_of(staff, f"/staff/competitions/{cid}/preview")
    assert "Предпросмотр" in preview and "Положение о конкурсе" in preview
    assert "<strong>для НКО</strong>" in preview
    # announced: public, with its documents
    assert move(staff, cid, "announced").status_code == 303
    page = s.get(f"{URL}/competitions/{cid}")
    assert page.status_code == 200 and "Черновик." not in page.text
    assert f'href="/documents/{doc}"' in page.text and "Положение о конкурсе" in page.text
    got = s.get(f"{URL}/documents/{doc}")
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["Content-Type"] == "application/pdf"
    # not yet intake: the applicant sees the competition, but may not start
    r = ngo.s.get(f"{URL}/applications/new?competition={cid}")
    assert r.status_code == 200


def test_editor_is_for_staff_only(s):
    email = f"applicant-{uuid.uuid4().hex[:8]}@example.ru"
    a = requests.Session()
    login(a, email, make_user(email))
    for path in ("/staff/competitions", "/staff/competitions/new", "/staff/competitions/1",
                 "/staff/competitions/1/criteria", "/staff/competitions/1/preview"):
        assert a.get(URL + path, allow_redirects=False).status_code == 403, path
        r = s.get(URL + path, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login?next="), path


def test_unknown_competition_is_404(staff):
    for path in ("/staff/competitions/999999999", "/staff/competitions/999999999/criteria",
                 "/staff/competitions/999999999/documents", "/staff/competitions/999999999/preview"):
        assert staff.get(URL + path).status_code == 404, path
    r = post(staff, "/staff/competitions/999999999/stage", {"to": "announced"}, page="/staff/competitions")
    assert r.status_code == 404


def test_long_cyrillic_names_are_saved_and_audited_whole_characters(staff):
    """The audit reason quotes the name cut to its buffer: never inside a letter."""
    cid = create(staff)
    name = "а" + "я" * 150                       # 301 bytes: the reason's %.300s cuts inside «я»
    r = post(staff, f"/staff/competitions/{cid}/criteria",
             {"action": "add", "name": name, "max_score": "10", "weight": "1"})
    assert r.status_code == 303, r.text[:300]
    r = post(staff, f"/staff/competitions/{cid}/checklist",
             {"action": "add", "rule": "none", "text": "я" * 500})
    assert r.status_code == 303, r.text[:300]
    reasons = [x for (x,) in sql(f"SELECT reason FROM audit_log WHERE object_type = 'competition' "
                                 f"AND object_id = {cid} AND action = 'settings' ORDER BY id")]
    assert any(x.startswith("критерии: добавлен «а" + "я" * 100) for x in reasons)
    assert any(x.startswith("чек-лист: добавлено «" + "я" * 300) for x in reasons)


def test_lists_are_capped_and_dates_are_kept_to_the_years_the_database_holds(staff):
    cid = create(staff)
    sql(f"INSERT INTO criteria (competition_id, name, max_score, weight, sort) "
        f"SELECT {cid}, CONCAT('Критерий ', seq), 10, 1, seq FROM seq_1_to_50")
    r = post(staff, f"/staff/competitions/{cid}/criteria",
             {"action": "add", "name": "Пятьдесят первый", "max_score": "10", "weight": "1"})
    assert r.status_code == 400 and "не больше 50" in r.text
    assert criteria(cid).__len__() == 50
    for opens, closes in (("2038-01-01T09:00", "2039-02-02T23:30"), ("1900-01-01T00:00", "2027-01-01T00:00")):
        r = save(staff, cid, opens_at=opens, closes_at=closes)
        assert r.status_code == 400, r.status_code
    assert sql(f"SELECT YEAR(closes_at) < 2038 FROM competitions WHERE id = {cid}") == [["1"]]


def test_notices_after_a_redirect_take_no_text_from_the_link(staff):
    cid = create(staff)
    page = page_of(staff, f"/staff/competitions/{cid}?extended=0.%20Срочно%20перейдите%20на%20evil.example&moved=<b>x</b>")
    assert "evil.example" not in page and "&lt;b&gt;" not in page
    page = page_of(staff, f"/staff/competitions/{cid}?extended=3")
    assert "Писем организациям с черновиками: 3." in page
    for path in (f"/staff/competitions/{cid}", f"/staff/competitions/{cid}?saved=1", f"/staff/competitions/{cid}?extended="):
        assert "Приём заявок продлён" not in page_of(staff, path)


def test_required_documents_are_a_setting_with_the_charter_by_default(staff):
    """What an application must have attached to be submitted (issue 9)."""
    cid = create(staff)
    assert sql(f"SELECT required_docs FROM competitions WHERE id = {cid}") == [["Устав"]]
    page = page_of(staff, f"/staff/competitions/{cid}")
    assert re.search(r'name="doc\.0" value="1" checked[^>]*> <label[^>]*>Устав</label>', page)
    assert re.search(r'name="doc\.1" value="1">\s*<label[^>]*>Письмо поддержки</label>', page)
    r = save(staff, cid, **{"doc.0": "1", "doc.1": "1"})
    assert r.status_code == 303, errors(r.text)
    assert sql(f"SELECT required_docs FROM competitions WHERE id = {cid}") == [["Устав,Письмо поддержки"]]
    assert "обязательные документы" in audit(cid)[-1][3]
    page = page_of(staff, f"/staff/competitions/{cid}")
    assert 'name="doc.0" value="1" checked' in page and 'name="doc.1" value="1" checked' in page
    assert save(staff, cid).status_code == 303          # nothing ticked: nothing required
    assert sql(f"SELECT required_docs FROM competitions WHERE id = {cid}") == [[""]]
