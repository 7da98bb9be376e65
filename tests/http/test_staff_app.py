"""The staff's view of one application and its compliance check
(/staff/applications/<id>): the frozen application, receipts, history,
internal notes, the checklist's automatic rules, the decision (admit,
return for corrections, reject) with its mail, concurrent decisions, and
the applicant's side of a return: editing, resubmission with a new receipt,
and the due date after which nothing more can be resubmitted."""
import datetime
import re
import threading
import uuid

import pytest
import requests

from applicant import CARD, INTAKE, TEAM, Ngo
from conftest import URL, csrf_of, login, make_user, sql, wait_for_mail

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

# the checklist of the test competition: (text, rule, param)
CHECKLIST = [
    ("Приложен устав организации", "charter", 0),
    ("Организация зарегистрирована не менее 12 месяцев", "org_age", 12),
    ("Запрашиваемая сумма в пределах конкурса", "amount", 0),
    ("Софинансирование не ниже установленного", "cofin", 0),
    ("Статьи бюджета из перечня конкурса", "budget_categories", 0),
    ("Приложены письма поддержки", "none", 0),
]


@pytest.fixture(scope="module")
def comp():
    """A competition of its own (a copy of the open demo one) with a checklist;
    returns (id, {rule: checklist item id})."""
    title = f"Проверка-тест {uuid.uuid4().hex[:8]}"
    sql("INSERT INTO competitions (title, description, stage, fund_kopecks, min_grant_kopecks, "
        "max_grant_kopecks, cofin_min_pct, opens_at, closes_at, impl_start, impl_end, created_at) "
        f"SELECT '{title}', 'Проверка', 'intake', fund_kopecks, min_grant_kopecks, max_grant_kopecks, "
        "cofin_min_pct, opens_at, closes_at, impl_start, impl_end, NOW() "
        f"FROM competitions WHERE id = {INTAKE}")
    cid = sql(f"SELECT id FROM competitions WHERE title = '{title}'")[0][0]
    # the charter is the checklist's business here, not a condition of submitting
    sql(f"UPDATE competitions SET required_docs = '' WHERE id = {cid}")
    sql(f"INSERT INTO competition_directions SELECT {cid}, direction_id FROM competition_directions "
        f"WHERE competition_id = {INTAKE}")
    sql(f"INSERT INTO budget_categories (competition_id, code, name) SELECT {cid}, code, name "
        f"FROM budget_categories WHERE competition_id = {INTAKE}")
    items = {}
    for n, (text, rule, param) in enumerate(CHECKLIST):
        sql(f"INSERT INTO competition_checklist (competition_id, sort, text, rule, param) "
            f"VALUES ({cid}, {n}, '{text}', '{rule}', {param})")
        items[rule] = sql(f"SELECT id FROM competition_checklist WHERE competition_id = {cid} "
                          f"AND rule = '{rule}'")[0][0]
    return cid, items


def staff_session(email="staff@demo.grantfair.local", password="grantfair-demo"):
    s = requests.Session()
    assert login(s, email, password).status_code == 303
    return s


@pytest.fixture
def staff():
    return staff_session()


def upload(ngo, app, name="Устав.pdf", kind="Устав", content=PDF):
    page = ngo.s.get(f"{URL}/applications/{app}/files").text
    return ngo.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                      data={"csrf": csrf_of(page), "kind": kind},
                      files={"file": (name, content, "application/pdf")})


def submitted(comp, charter=True, registered="2015-04-21"):
    """A new organization's complete application, submitted: (ngo, app id)."""
    ngo = Ngo()
    org = sql(f"SELECT org_id FROM org_members m JOIN users u ON u.id = m.user_id "
              f"WHERE u.email = '{ngo.email}'")[0][0]
    reg = f"'{registered}'" if registered else "NULL"
    sql(f"UPDATE organizations SET registered_on = {reg} WHERE id = {org}")
    app = ngo.new_app(comp[0])
    ngo.fill(app, charter=False)
    if charter:
        assert upload(ngo, app).status_code == 303
    assert ngo.submit(app).status_code == 303
    return ngo, app


def page_of(s, app, query=""):
    r = s.get(f"{URL}/staff/applications/{app}{query}")
    assert r.status_code == 200, r.status_code
    return r.text


def finding(page, item):
    """What the automatic rule of checklist item `item` says on the page."""
    m = re.search(rf'<li id="item-{item}">.*?</li>', page, re.S)
    assert m, f"item {item} is not on the page"
    f = re.search(r'finding-(\w+)">.*?<strong>(.*?)</strong>', m.group(0), re.S)
    return (f.group(1), f.group(2)) if f else (None, "")


def decide(s, app, decision, page=None, **fields):
    page = page or page_of(s, app)
    data = {"csrf": csrf_of(page), "decision": decision,
            "status": re.search(r'name="status" value="([^"]*)"', page).group(1),
            "version": re.search(r'name="version" value="([^"]*)"', page).group(1)}
    data.update(fields)
    return s.post(f"{URL}/staff/applications/{app}/decision", data=data, allow_redirects=False)


def due_tomorrow():
    """Tomorrow's date in Moscow (UTC+3)."""
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=3, days=1)).date().isoformat()


def number_of(app):
    return sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]


# ---- the page -------------------------------------------------------------


def test_staff_see_the_frozen_application_not_what_changed_since(comp, staff):
    ngo, app = submitted(comp)
    sha = sql(f"SELECT receipt_sha256 FROM projects WHERE id = {app}")[0][0]
    # the columns of the project change (an import, a later stage): the frozen view does not
    sql(f"UPDATE projects SET title = 'Совсем другое', summary = 'Подменённое' WHERE id = {app}")
    page = page_of(staff, app)
    assert "<h1>Школа юных экологов</h1>" in page
    assert "Совсем другое" not in page and "Подменённое" not in page
    assert "Занятия для школьников о природе Кубани." in page        # the frozen card
    assert "Иванова Ольга Петровна" in page and "Оплата труда педагога" in page
    assert f'id="frozen-sha">{sha}<' in page
    assert "АНО «Заявитель»" in page and ngo.email in page            # organization, members
    # attachments, and staff may download them
    fid = re.search(r'href="/files/(\d+)">Устав.pdf', page).group(1)
    assert staff.get(f"{URL}/files/{fid}").content == PDF
    # the one receipt, and the history
    assert page.count(sha) >= 2
    assert "подана (Черновик → Подана)" in page


def test_a_draft_or_a_missing_application_is_not_found(comp, staff):
    ngo = Ngo()
    app = ngo.new_app(comp[0])
    assert staff.get(f"{URL}/staff/applications/{app}").status_code == 404
    assert staff.get(f"{URL}/staff/applications/999999999").status_code == 404
    page = page_of(staff, submitted(comp)[1])
    r = staff.post(f"{URL}/staff/applications/{app}/notes", data={"csrf": csrf_of(page), "note": "x"})
    assert r.status_code == 404
    assert sql(f"SELECT COUNT(*) FROM staff_notes WHERE project_id = {app}") == [["0"]]


def test_applicants_experts_and_visitors_get_no_staff_page(comp):
    ngo, app = submitted(comp)
    assert ngo.s.get(f"{URL}/staff/applications/{app}", allow_redirects=False).status_code == 403
    email = f"expert-{uuid.uuid4().hex[:8]}@example.org"
    expert = requests.Session()
    login(expert, email, make_user(email, "expert"))
    assert expert.get(f"{URL}/staff/applications/{app}", allow_redirects=False).status_code == 403
    r = requests.get(f"{URL}/staff/applications/{app}", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")


def test_automatic_rules_show_what_they_found(comp, staff):
    items = comp[1]
    _, good = submitted(comp, charter=True, registered="2015-04-21")
    page = page_of(staff, good)
    for rule in ("charter", "org_age", "amount", "cofin", "budget_categories"):
        assert finding(page, items[rule])[0] == "ok", (rule, finding(page, items[rule]))
    assert finding(page, items["charter"])[1] == "выполнено: приложен файл «Устав.pdf»"
    assert finding(page, items["amount"])[1].startswith("выполнено: запрошено 275\xa0001\xa0₽")
    assert finding(page, items["none"]) == (None, "")                 # checked by people only
    # no charter, no registration date
    _, bad = submitted(comp, charter=False, registered=None)
    page = page_of(staff, bad)
    assert finding(page, items["charter"]) == ("fail", "не выполнено: среди вложений нет документа вида «Устав»")
    state, text = finding(page, items["org_age"])
    assert state == "unknown" and text.startswith("нет данных")
    # the date entered in the profile since: the rule uses it, the submitted content stays as it was
    sql(f"UPDATE organizations o JOIN projects p ON p.org_id = o.id SET o.registered_on = '2010-01-15' "
        f"WHERE p.id = {bad}")
    page = page_of(staff, bad)
    assert finding(page, items["org_age"])[0] == "ok"
    assert "15.01.2010" in finding(page, items["org_age"])[1]
    submitted_part = page.split('id="content-h"')[1].split('id="org-h"')[0]
    assert "15.01.2010" not in submitted_part and 'id="org-registered">15.01.2010<' in page
    # registered a month ago: too young
    month_ago = (datetime.date.today() - datetime.timedelta(days=31)).isoformat()
    _, young = submitted(comp, registered=month_ago)
    state, text = finding(page_of(staff, young), items["org_age"])
    assert state == "fail" and "нужно не меньше 12" in text
    # a budget that breaks the competition's rules after the fact (its settings changed)
    sql(f"UPDATE projects SET frozen = REPLACE(frozen, '\"cat\":\"7\"', '\"cat\":\"42\"') WHERE id = {young}")
    state, text = finding(page_of(staff, young), items["budget_categories"])
    assert state == "fail" and "строка 2" in text


# ---- notes ----------------------------------------------------------------


def test_notes_are_for_staff_only(comp, staff):
    ngo, app = submitted(comp)
    secret = f"Внутренняя заметка {uuid.uuid4().hex}"
    page = page_of(staff, app)
    r = staff.post(f"{URL}/staff/applications/{app}/notes", data={"csrf": csrf_of(page), "note": secret},
                   allow_redirects=False)
    assert r.status_code == 303
    page = page_of(staff, app)
    assert secret in page and "Кузнецова Мария Андреевна" in page
    # an empty or too long note is refused with the reason, nothing stored
    r = staff.post(f"{URL}/staff/applications/{app}/notes", data={"csrf": csrf_of(page), "note": "  "})
    assert r.status_code == 400 and "Заполните это поле." in r.text
    r = staff.post(f"{URL}/staff/applications/{app}/notes", data={"csrf": csrf_of(page), "note": "я" * 5001})
    assert r.status_code == 400 and "Не длиннее 5000 символов" in r.text and "я" * 5001 in r.text
    assert sql(f"SELECT COUNT(*) FROM staff_notes WHERE project_id = {app}") == [["1"]]
    # never on any page the applicant sees, whatever happens to the application
    decide(staff, app, "return", comment="Приложите письма.", due_date=due_tomorrow(),
           items=comp[1]["none"])
    for path in (f"/applications/{app}", "/my", f"/applications/{app}/card", f"/applications/{app}/team",
                 f"/applications/{app}/files", "/cabinet/applicant"):
        r = ngo.s.get(URL + path)
        assert r.status_code == 200, path
        assert secret not in r.text, path
    assert secret not in sql(f"SELECT GROUP_CONCAT(COALESCE(reason, '')) FROM audit_log "
                             f"WHERE object_type = 'project' AND object_id = {app}")[0][0]


# ---- decisions ------------------------------------------------------------


def test_admit_mails_every_member_and_joins_the_exhibition(comp, staff):
    ngo, app = submitted(comp)
    colleague = f"colleague-{uuid.uuid4().hex[:8]}@example.ru"
    make_user(colleague, name="Коллега Заявителя")
    sql(f"INSERT INTO org_members (org_id, user_id) SELECT p.org_id, u.id FROM projects p, users u "
        f"WHERE p.id = {app} AND u.email = '{colleague}'")
    r = decide(staff, app, "admit")
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/applications/{app}?decided=1&mailed=2"
    assert sql(f"SELECT status, exhibit, return_due IS NULL FROM projects WHERE id = {app}") == \
        [["admitted", "applicant", "1"]]
    assert sql(f"SELECT decision, items FROM compliance_decisions WHERE project_id = {app}") == [["admit", ""]]
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'project' "
               f"AND object_id = {app} ORDER BY id DESC LIMIT 1") == [["admit", "submitted", "admitted"]]
    number = number_of(app)
    for to in (ngo.email, colleague):
        m = wait_for_mail(lambda m, to=to: m["To"] == to and number in str(m["subject"])
                          and "допущена к экспертизе" in str(m["subject"]))
        assert f"/applications/{app}" in m.get_content()
    page = page_of(staff, app, "?decided=1&mailed=2")
    assert "Писем представителям организации: 2." in page and "Допущена к экспертизе" in page
    assert "письмо не отправлено" in page_of(staff, app, "?decided=1&mailed=0")
    assert 'action="/staff/applications/%d/decision"' % app not in page    # decided: no form
    assert "Допущена к экспертизе" in ngo.s.get(f"{URL}/my").text


def test_reject_needs_items_and_a_comment_and_tells_why(comp, staff):
    ngo, app = submitted(comp, charter=False)
    item = comp[1]["charter"]
    r = decide(staff, app, "reject")
    assert r.status_code == 400
    assert "Отметьте требования, которые заявка не выполняет." in r.text and "Заполните это поле." in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["submitted"]]
    assert sql(f"SELECT COUNT(*) FROM compliance_decisions WHERE project_id = {app}") == [["0"]]
    # several items (checkboxes of one name), stored in the checklist's order
    r = decide(staff, app, "reject", comment="Устав не приложен, хотя это обязательно.",
               items=[comp[1]["none"], item])
    assert r.status_code == 303
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["rejected"]]
    assert sql(f"SELECT decision, items FROM compliance_decisions WHERE project_id = {app}") == \
        [["reject", f"{item},{comp[1]['none']}"]]
    m = wait_for_mail(lambda m: m["To"] == ngo.email and "отклонена" in str(m["subject"]))
    body = m.get_content()
    assert "Устав не приложен, хотя это обязательно." in body
    assert body.index("Приложен устав организации") < body.index("Приложены письма поддержки")
    page = ngo.s.get(f"{URL}/applications/{app}").text
    assert "Заявка отклонена" in page and "Приложен устав организации" in page
    assert ngo.submit(app).status_code == 409                          # nothing to resubmit


@pytest.mark.parametrize("fields,message", [
    ({"decision": "maybe"}, "Выберите решение"),
    ({"decision": "return", "comment": "Исправьте."}, "Укажите срок"),
    ({"decision": "return", "comment": "Исправьте.", "due_date": "2020-01-01"}, "должен быть в будущем"),
    ({"decision": "return", "comment": "Исправьте.", "due_date": "31.02.2099"}, "дд.мм.гггг"),
    ({"decision": "return", "comment": "Исправьте.", "due_time": "25:00"}, "дд.мм.гггг"),
    ({"decision": "return", "comment": "Исправьте.", "due_date": "2099-01-01"}, "не дальше чем через год"),
    ({"decision": "return", "comment": "", "due_date": "tomorrow"}, "Заполните это поле."),
    ({"decision": "admit", "tick": True}, "допустить нельзя"),
    ({"decision": "reject", "comment": "x" * 5001, "tick": True}, "Не длиннее 5000 символов"),
    ({"decision": "reject", "comment": "Нет.", "items": "999999999"}, "нет в перечне требований"),
])
def test_a_bad_decision_is_refused_with_its_reason_and_nothing_changes(comp, staff, fields, message):
    _, app = submitted(comp)
    fields = dict(fields)
    if fields.get("due_date") == "tomorrow" or ("due_date" not in fields and "due_time" in fields):
        fields["due_date"] = due_tomorrow()
    if fields.pop("tick", False) or fields["decision"] == "return":
        fields["items"] = comp[1]["none"]
    ticked = fields.get("items") == comp[1]["none"]
    decision = fields.pop("decision")
    r = decide(staff, app, decision, **fields)
    assert r.status_code == 400 and message in r.text, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    if "comment" in fields:
        assert fields["comment"][:100] in r.text                       # what was typed stays
    if ticked:
        assert re.search(rf'name="items" value="{comp[1]["none"]}" checked', r.text)
    assert sql(f"SELECT status, return_due IS NULL FROM projects WHERE id = {app}") == [["submitted", "1"]]
    assert sql(f"SELECT COUNT(*) FROM compliance_decisions WHERE project_id = {app}") == [["0"]]


def test_concurrent_decisions_one_wins_the_other_is_refused_and_nothing_is_lost(comp):
    _, app = submitted(comp)
    email = f"staff2-{uuid.uuid4().hex[:8]}@example.org"
    second = staff_session(email, make_user(email, "staff", name="Второй Сотрудник"))
    first = staff_session()
    pages = [page_of(first, app), page_of(second, app)]       # both see the application submitted
    item = comp[1]["none"]
    posts = [("reject", {"comment": "Отклоняю: " + uuid.uuid4().hex, "items": item}),
             ("return", {"comment": "Вернуть: " + uuid.uuid4().hex, "items": item,
                         "due_date": due_tomorrow()})]
    results = [None, None]
    start = threading.Barrier(2)

    def run(i, s):
        start.wait()
        results[i] = decide(s, app, posts[i][0], page=pages[i], **posts[i][1])

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results)
    assert codes == [303, 409], codes
    win = 0 if results[0].status_code == 303 else 1
    lose = 1 - win
    assert "Решение уже принято другим сотрудником" in results[lose].text
    # the loser's form comes back with what they typed: nothing typed is lost
    assert posts[lose][1]["comment"] in results[lose].text
    # exactly the winner's decision is stored, once
    status = {"reject": "rejected", "return": "returned"}[posts[win][0]]
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [[status]]
    assert sql(f"SELECT decision, comment FROM compliance_decisions WHERE project_id = {app}") == \
        [[posts[win][0], posts[win][1]["comment"]]]
    reasons = sql(f"SELECT COALESCE(reason, '') FROM audit_log WHERE object_type = 'project' "
                  f"AND object_id = {app}")
    assert [posts[lose][1]["comment"]] not in reasons
    # a form shown before the decision stays refused later too
    r = decide(first, app, "admit", page=pages[0])
    assert r.status_code == 409
    assert sql(f"SELECT COUNT(*) FROM compliance_decisions WHERE project_id = {app}") == [["1"]]


def test_a_decision_on_a_version_that_changed_meanwhile_is_refused(comp, staff):
    ngo, app = submitted(comp)
    item = {"items": comp[1]["none"]}
    seen = page_of(staff, app)
    # the applicant withdraws it (intake is still open) while staff read it
    page = ngo.s.get(f"{URL}/applications/{app}").text
    assert ngo.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(page)},
                      allow_redirects=False).status_code == 303
    r = decide(staff, app, "reject", page=seen, comment="Поздно.", **item)
    assert r.status_code == 409 and "заявитель отозвал заявку" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["draft"]]
    # submitted again, returned by a colleague and resubmitted: an old form is refused
    assert ngo.submit(app).status_code == 303
    seen = page_of(staff, app)
    assert decide(staff, app, "return", comment="Исправьте.", due_date=due_tomorrow(), **item).status_code == 303
    assert ngo.submit(app).status_code == 303
    r = decide(staff, app, "admit", page=seen)
    assert r.status_code == 409 and "заявку подали заново" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["submitted"]]
    assert sql(f"SELECT decision FROM compliance_decisions WHERE project_id = {app}") == [["return"]]


# ---- return, corrections, resubmission ------------------------------------


def test_return_edit_and_resubmit_with_a_new_receipt(comp, staff):
    ngo, app = submitted(comp, charter=False)
    number = number_of(app)
    old_sha = sql(f"SELECT receipt_sha256 FROM projects WHERE id = {app}")[0][0]
    item = comp[1]["charter"]
    due = due_tomorrow()
    r = decide(staff, app, "return", comment="Приложите устав и уточните роль руководителя.",
               due_date=due, due_time="18:00", items=item)
    assert r.status_code == 303
    assert sql(f"SELECT status, DATE_FORMAT(return_due + INTERVAL 3 HOUR, '%Y-%m-%d %H:%i') "
               f"FROM projects WHERE id = {app}") == [["returned", f"{due} 18:00"]]
    ru_due = datetime.date.fromisoformat(due).strftime("%d.%m.%Y") + " 18:00"
    m = wait_for_mail(lambda m: m["To"] == ngo.email and "на доработку" in str(m["subject"]))
    body = m.get_content()
    assert ru_due in str(m["subject"]) and ru_due in body
    assert "Приложен устав организации" in body and "уточните роль руководителя" in body
    # the applicant sees what to correct and may edit again
    page = ngo.s.get(f"{URL}/applications/{app}").text
    assert "Заявка возвращена на доработку" in page and ru_due in page
    assert "Приложен устав организации" in page and "уточните роль руководителя" in page
    assert "Подать заявку повторно" in page
    assert ngo.section(app, "team", dict(TEAM, **{"m.0.role": "Руководитель и методист"})).status_code == 303
    assert upload(ngo, app).status_code == 303
    # resubmitted: same number, new time and hash, the old receipt kept
    r = ngo.submit(app)
    assert r.status_code == 303 and r.headers["Location"] == f"/applications/{app}?submitted=1"
    rows = sql(f"SELECT number, sha256, SHA2(frozen, 256) = CONVERT(sha256 USING utf8mb4) FROM receipts "
               f"WHERE project_id = {app} ORDER BY id")
    assert len(rows) == 2 and rows[0][:2] == [number, old_sha] and rows[1][0] == number
    assert rows[1][1] != old_sha and rows[0][2] == rows[1][2] == "1"
    assert sql(f"SELECT status, receipt_sha256, return_due IS NULL FROM projects WHERE id = {app}") == \
        [["submitted", rows[1][1], "1"]]
    page = ngo.s.get(f"{URL}/applications/{app}?submitted=1").text
    assert f'id="receipt-sha">{rows[1][1]}<' in page and old_sha in page   # both receipts listed
    assert "Руководитель и методист" in page
    # mails: the new receipt to the applicant, the alert to staff
    m = wait_for_mail(lambda m: m["To"] == ngo.email and "подана повторно" in str(m["subject"]))
    assert rows[1][1] in m.get_content()
    m = wait_for_mail(lambda m: m["To"] == "staff@grantfair.local" and number in str(m["subject"])
                      and "повторно" in str(m["subject"]))
    assert f"/staff/applications/{app}" in m.get_content()
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'project' "
               f"AND object_id = {app} ORDER BY id DESC LIMIT 1") == [["resubmit", "returned", "submitted"]]
    # staff see the new version, and the old one on request; the decision form is back
    page = page_of(staff, app)
    assert "Руководитель и методист" in page and f'action="/staff/applications/{app}/decision"' in page
    assert finding(page, item)[0] == "ok"
    first = sql(f"SELECT id FROM receipts WHERE project_id = {app} ORDER BY id LIMIT 1")[0][0]
    old = page_of(staff, app, f"?receipt={first}")
    assert "Руководитель проекта" in old and "Руководитель и методист" not in old
    assert staff.get(f"{URL}/staff/applications/{app}?receipt=999999999").status_code == 404


def test_files_of_a_submission_stay_while_new_ones_may_go(comp, staff):
    ngo, app = submitted(comp)
    old = sql(f"SELECT id FROM attachments WHERE project_id = {app}")[0][0]
    assert decide(staff, app, "return", comment="Добавьте письма.", due_date=due_tomorrow(),
                  items=comp[1]["none"]).status_code == 303
    letter = PDF + b"% letter\n"
    assert upload(ngo, app, name="Письмо.pdf", kind="Письмо поддержки", content=letter).status_code == 303
    new = sql(f"SELECT MAX(id) FROM attachments WHERE project_id = {app}")[0][0]

    def delete(att):
        page = ngo.s.get(f"{URL}/applications/{app}/files").text
        return ngo.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                          data={"csrf": csrf_of(page), "action": "delete", "att": att})

    assert delete(old).status_code == 409                  # the receipt refers to it
    assert delete(new).status_code == 303
    assert sql(f"SELECT id FROM attachments WHERE project_id = {app}") == [[old]]


def test_after_the_due_date_a_returned_application_is_closed(comp, staff):
    ngo, app = submitted(comp)
    r = decide(staff, app, "return", comment="Исправьте бюджет.", due_date=due_tomorrow(),
               items=comp[1]["none"])
    assert r.status_code == 303
    form = ngo.s.get(f"{URL}/applications/{app}").text             # loaded before the due date
    assert "Подать заявку повторно" in form
    team = ngo.s.get(f"{URL}/applications/{app}/team").text
    version = re.search(r'name="version" value="(\d*)"', team).group(1)
    sql(f"UPDATE projects SET return_due = NOW() - INTERVAL 1 SECOND WHERE id = {app}")
    r = ngo.s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf_of(form)})
    assert r.status_code == 409 and "Срок доработки истёк" in r.text
    r = ngo.s.post(f"{URL}/applications/{app}/team", data=dict(TEAM, csrf=csrf_of(team), version=version))
    assert r.status_code == 409
    assert upload(ngo, app).status_code == 409
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["returned"]]
    assert sql(f"SELECT COUNT(*) FROM receipts WHERE project_id = {app}") == [["1"]]
    page = ngo.s.get(f"{URL}/applications/{app}").text
    assert "Срок доработки истёк" in page and "Подать заявку повторно" not in page
    page = page_of(staff, app)
    assert 'id="overdue"' in page and "подать её повторно уже нельзя" in page


def test_an_overdue_returned_application_may_only_be_rejected(comp, staff):
    ngo, app = submitted(comp)
    assert decide(staff, app, "return", comment="Исправьте бюджет.", due_date=due_tomorrow(),
                  items=comp[1]["none"]).status_code == 303
    page = page_of(staff, app)                                  # in time: no decision form
    assert 'action="/staff/applications/%s/decision"' % app not in page
    sql(f"UPDATE projects SET return_due = NOW() - INTERVAL 1 SECOND WHERE id = {app}")
    page = page_of(staff, app)
    assert "можно только отклонить" in page and 'value="admit"' not in page
    r = decide(staff, app, "admit", page=page)
    assert r.status_code == 400 and "можно только отклонить" in r.text
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["returned"]]
    r = decide(staff, app, "reject", page=page, comment="Исправления не поданы в срок.",
               items=comp[1]["none"])
    assert r.status_code == 303
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["rejected"]]
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'project' "
               f"AND object_id = {app} ORDER BY id DESC LIMIT 1") == [["reject", "returned", "rejected"]]
    wait_for_mail(lambda m: m["To"] == ngo.email and "отклонена" in str(m["Subject"]).lower())


def test_a_returned_application_in_time_cannot_be_rejected_by_a_forged_form(comp, staff):
    ngo, app = submitted(comp)
    page = page_of(staff, app)
    assert decide(staff, app, "return", page=page, comment="Исправьте бюджет.",
                  due_date=due_tomorrow(), items=comp[1]["none"]).status_code == 303
    forged = page.replace('name="status" value="submitted"', 'name="status" value="returned"')
    r = decide(staff, app, "reject", page=forged, comment="Раньше срока.", items=comp[1]["none"])
    assert r.status_code == 409
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["returned"]]


def test_another_organization_sees_nothing_of_a_returned_application(comp, staff):
    ngo, app = submitted(comp)
    decide(staff, app, "return", comment="Секретный комментарий для заявителя.", due_date=due_tomorrow(),
           items=comp[1]["none"])
    other = Ngo()
    for path in ("", "/card", "/team", "/files"):
        r = other.s.get(f"{URL}/applications/{app}{path}")
        assert r.status_code == 404, path
        assert "Секретный комментарий" not in r.text
    page = other.s.get(f"{URL}/org").text
    r = other.s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf_of(page)})
    assert r.status_code == 404
    assert sql(f"SELECT status FROM projects WHERE id = {app}") == [["returned"]]


# ---- the registration date in the profile ---------------------------------


@pytest.mark.parametrize("value,message", [
    ("2015-02-30", "Такой даты нет в календаре"),
    ("31.04.2015", "Такой даты нет в календаре"),
    ("30 февраля 2015", "Дата в формате дд.мм.гггг"),
    ((datetime.date.today() + datetime.timedelta(days=2)).isoformat(), "не может быть в будущем"),
])
def test_registration_date_is_a_real_past_date(value, message):
    ngo = Ngo()
    page = ngo.s.get(f"{URL}/org").text
    assert "Дата государственной регистрации (из записи ОГРН)" in page
    fields = dict(re.findall(r'<input id="[^"]+" name="([^"]+)" type="(?:text|tel|email|url|date)"'
                             r' maxlength="\d+"(?: required)? value="([^"]*)"', page))
    fields["municipality"] = "5"
    r = ngo.s.post(f"{URL}/org", data=dict(fields, csrf=csrf_of(page), registered_on=value))
    assert r.status_code == 400 and message in r.text
    org = f"(SELECT org_id FROM org_members m JOIN users u ON u.id = m.user_id WHERE u.email = '{ngo.email}')"
    assert sql(f"SELECT registered_on IS NULL FROM organizations WHERE id = {org}") == [["1"]]
    r = ngo.s.post(f"{URL}/org", data=dict(fields, csrf=csrf_of(page), registered_on="2015-04-21"),
                   allow_redirects=False)
    assert r.status_code == 303
    assert sql(f"SELECT registered_on FROM organizations WHERE id = {org}") == [["2015-04-21"]]
    assert 'value="2015-04-21"' in ngo.s.get(f"{URL}/org").text


def test_the_form_starts_with_the_unmet_automatic_findings_ticked(comp, staff):
    ngo, app = submitted(comp, charter=False)
    page = page_of(staff, app)
    charter, none = comp[1]["charter"], comp[1]["none"]
    assert re.search(rf'id="items-{charter}" name="items" value="{charter}" checked', page)
    assert not re.search(rf'id="items-{none}" name="items" value="{none}" checked', page)
