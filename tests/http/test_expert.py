"""The expert's pages (/expert, /expert/profile, /expert/applications/<id>,
/expert/files/<id>): only what is assigned to the expert is there; the
declaration of no conflict of interest comes before the content and the
scoring; scores are validated, saved as a draft, submitted once with the
100-point total; declining alerts staff; diverging totals call a third
expert, after whom the application is scored; a blind review leaks nothing
of the organization on any page, header or mail the expert gets; the
reminder before the review deadline goes once."""
import os
import re
import subprocess
import urllib.parse
import uuid

import pytest
import requests

from applicant import TEAM, Ngo
from conftest import BUILD, DIR, URL, csrf_of, random_inn_ogrn, sql, stack
from review import Review

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
STAFF_BOX = "staff@grantfair.local"


# ---- helpers -----------------------------------------------------------------

@pytest.fixture
def with_files(monkeypatch):
    """Applications filed with an attachment (a distinctive file name) and an
    organization whose address, head and contacts are distinctive too, so
    that a leak of any of them can be searched for. Yields the list of
    {file, address, head, phone, email} per application filed."""
    filed = []
    fill = Ngo.fill

    def fill_with_file(ngo, app):
        tag = uuid.uuid4().hex[:6]
        secret = {"file": f"Устав-Тайный-{tag}.pdf", "address": f"ул. Потайная, {tag}",
                  "head": f"Засекреченный Руководитель {tag}", "phone": f"+7 999 {tag}",
                  "email": f"secret-{tag}@example.ru"}
        sql(f"""UPDATE organizations o JOIN org_members m ON m.org_id = o.id
                JOIN users u ON u.id = m.user_id SET o.address = '{secret["address"]}',
                o.head_name = '{secret["head"]}', o.phone = '{secret["phone"]}',
                o.email = '{secret["email"]}' WHERE u.email = '{ngo.email}'""")
        fill(ngo, app, charter=False)           # the file below is the charter
        page = ngo.s.get(f"{URL}/applications/{app}/files").text
        r = ngo.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                       data={"csrf": csrf_of(page), "kind": "Устав"},
                       files={"file": (secret["file"], PDF, "application/pdf")})
        assert r.status_code == 303, r.text
        filed.append(secret)

    monkeypatch.setattr(Ngo, "fill", fill_with_file)
    return filed


@pytest.fixture
def quiet_mailer():
    """The stack's mailer daemon stopped meanwhile: only the test's own runs
    raise the scheduled alerts and reminders."""
    stack("stop-program", DIR, "mailer")
    yield
    stack("mailer-start", DIR)


def mailer(*args):
    """Runs the mailer once (as cron would), e.g. mailer("--alerts")."""
    subprocess.run([f"{BUILD}/mailer", *args], env=dict(os.environ, GF_CONFIG=f"{DIR}/grantfair.hdf"),
                   check=True, capture_output=True, timeout=60, cwd=DIR)


def app_url(app):
    return f"{URL}/expert/applications/{app}"


def attachment(app):
    return int(sql(f"SELECT id FROM attachments WHERE project_id = {app} ORDER BY id LIMIT 1")[0][0])


def declare(s, app):
    page = s.get(app_url(app)).text
    return s.post(f"{app_url(app)}/declare", allow_redirects=False,
                  data={"csrf": csrf_of(page), "action": "declare", "confirm": "1"})


def decline(s, app, reason):
    page = s.get(app_url(app)).text
    return s.post(f"{app_url(app)}/declare", allow_redirects=False,
                  data={"csrf": csrf_of(page), "action": "decline", "reason": reason})


def post_scores(s, app, action, scores, overall="", comments=None, csrf=None):
    """scores: {criterion id: value (str)}; comments: {criterion id: text}
    (default: a comment for every score given)."""
    if csrf is None:
        csrf = csrf_of(s.get(app_url(app)).text)
    data = {"csrf": csrf, "action": action, "overall": overall}
    for cid, v in scores.items():
        data[f"score_{cid}"] = v
    for cid, text in (comments if comments is not None else
                      {cid: f"Обоснование по критерию {cid}" for cid in scores}).items():
        data[f"comment_{cid}"] = text
    return s.post(f"{app_url(app)}/scores", data=data, allow_redirects=False)


def scored(rv):
    """[(id, max, weight)] of the criteria with a weight above 0."""
    return [c for c in rv.criteria() if c[2] > 0]


def total_by_hand(rv, values):
    """The 100-point total as gr_score_total counts it: 100 × Σ s·w / Σ max·w."""
    crit = scored(rv)
    got = sum(values[cid] * w for cid, _, w in crit)
    best = sum(m * w for _, m, w in crit)
    return round(100 * got / best, 2)


def submit_all(rv, s, app, value):
    """Submits value (int, or a function of the criterion's max) on every
    scored criterion; returns the total by hand."""
    values = {cid: (value(m) if callable(value) else value) for cid, m, _ in scored(rv)}
    r = post_scores(s, app, "submit", {c: str(v) for c, v in values.items()},
                    overall="Итоговое обоснование")
    assert r.status_code == 303, errors(r.text)
    return total_by_hand(rv, values)


def assignment(app, expert):
    rows = sql(f"SELECT state, declared_at IS NOT NULL, total, submitted_at, overall_comment,"
               f" saved_at, decline_reason FROM assignments WHERE project_id = {app}"
               f" AND expert_id = {expert[2]}")
    return rows[0] if rows else None


def stored_scores(app, expert):
    return sql(f"SELECT s.criterion_id, s.score, s.comment FROM scores s JOIN assignments a"
               f" ON a.id = s.assignment_id WHERE a.project_id = {app} AND a.expert_id = {expert[2]}"
               f" ORDER BY s.criterion_id")


def errors(html):
    return re.findall(r'(?:field-error|form-error)[^>]*>([^<]+)', html)


def outbox(to, subject_part):
    return sql(f"SELECT subject, body FROM outbox WHERE to_addr = '{to}'"
               f" AND subject LIKE '%{subject_part}%' ORDER BY id")


# ---- only what is assigned ---------------------------------------------------

def test_an_expert_sees_only_the_applications_assigned_to_them(with_files):
    rv = Review(apps=3, experts=2)
    (_, mine), (_, theirs), (_, nobodys) = rv.apps
    me, other = rv.experts
    rv.assign(mine, me)
    rv.assign(theirs, other)
    s = rv.session(me)
    listing = s.get(f"{URL}/expert")
    assert listing.status_code == 200
    assert f"/expert/applications/{mine}" in listing.text
    assert f"/expert/applications/{theirs}" not in listing.text
    assert rv.title in listing.text and "новая" in listing.text
    assert declare(s, mine).status_code == 303
    assert s.get(f"{URL}/expert/files/{attachment(mine)}").status_code == 200
    page = s.get(app_url(mine)).text
    csrf = csrf_of(page)
    for app in (theirs, nobodys):
        assert s.get(app_url(app)).status_code == 404
        r = s.post(f"{app_url(app)}/declare", data={"csrf": csrf, "action": "declare", "confirm": "1"},
                   allow_redirects=False)
        assert r.status_code == 404
        r = post_scores(s, app, "save", {scored(rv)[0][0]: "5"}, csrf=csrf)
        assert r.status_code == 404
        assert s.get(f"{URL}/expert/files/{attachment(app)}").status_code == 404
    assert assignment(theirs, other)[1] == "0"            # untouched
    assert s.get(f"{URL}/expert/applications/999999999").status_code == 404
    # removed by staff: gone from the list and the pages
    sql(f"UPDATE assignments SET state = 'removed' WHERE project_id = {mine} AND expert_id = {me[2]}")
    assert f"/expert/applications/{mine}" not in s.get(f"{URL}/expert").text
    assert s.get(app_url(mine)).status_code == 404
    assert s.get(f"{URL}/expert/files/{attachment(mine)}").status_code == 404


# ---- the declaration ---------------------------------------------------------

def test_the_declaration_comes_before_the_content_and_the_scoring(with_files):
    rv = Review(apps=1, experts=1)
    (ngo, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    page = s.get(app_url(app)).text
    assert "Подтверждаю отсутствие конфликта интересов" in page
    assert "Заявить о конфликте интересов" in page
    assert "Занятия для школьников о природе Кубани." not in page     # the card's summary
    assert 'name="score_' not in page
    assert s.get(f"{URL}/expert/files/{attachment(app)}").status_code == 404
    crit = scored(rv)[0][0]
    r = post_scores(s, app, "save", {crit: "5"}, csrf=csrf_of(page))
    assert r.status_code == 409 and "подтвердите отсутствие конфликта" in r.text
    assert stored_scores(app, me) == []
    # the checkbox is required
    r = s.post(f"{app_url(app)}/declare", data={"csrf": csrf_of(page), "action": "declare"},
               allow_redirects=False)
    assert r.status_code == 400 and "Отметьте, что конфликта интересов нет." in r.text
    assert assignment(app, me)[1] == "0"
    assert declare(s, app).status_code == 303
    assert assignment(app, me)[1] == "1"
    page = s.get(app_url(app)).text
    assert "Занятия для школьников о природе Кубани." in page
    assert f'name="score_{crit}"' in page
    assert "Подтверждаю отсутствие" not in page
    assert sql(f"SELECT COUNT(*) FROM audit_log WHERE object_type = 'project' AND object_id = {app}"
               f" AND action = 'declare' AND user_id = {me[2]}")[0][0] == "1"
    # declaring twice changes nothing
    r = s.post(f"{app_url(app)}/declare", data={"csrf": csrf_of(page), "action": "declare",
                                                "confirm": "1"}, allow_redirects=False)
    assert r.status_code == 409
    # a weight-0 criterion is shown, not scored
    sql(f"UPDATE criteria SET weight = 0 WHERE id = {rv.criteria()[-1][0]}")
    assert "Критерий не оценивается (вес 0)." in s.get(app_url(app)).text
    assert f'name="score_{rv.criteria()[-1][0]}"' not in s.get(app_url(app)).text


# ---- validation, draft, submission -------------------------------------------

def test_bad_scores_are_refused_with_messages_and_nothing_is_stored(with_files):
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    assert declare(s, app).status_code == 303
    (a, amax, _), (b, _, _), (c, _, _) = scored(rv)[:3]
    cases = [
        ("save", {a: str(amax + 1)}, {}, "", f"score_{a}", f"Оценка — целое число от 0 до {amax}."),
        ("save", {a: "пять"}, {}, "", f"score_{a}", f"Оценка — целое число от 0 до {amax}."),
        ("save", {a: "-1"}, {}, "", f"score_{a}", f"Оценка — целое число от 0 до {amax}."),
        ("save", {a: " 5 5"}, {}, "", f"score_{a}", f"Оценка — целое число от 0 до {amax}."),
        ("save", {a: "5"}, {a: "я" * 2001}, "", f"comment_{a}", "Не длиннее 2000 символов"),
        ("save", {a: "5"}, {a: "ok"}, "ж" * 5001, "overall", "Не длиннее 5000 символов"),
        ("save", {a: "5"}, {a: "bad\x01byte"}, "", f"comment_{a}", None),
        ("submit", {a: "5"}, {a: "ok"}, "Итог", f"score_{b}", "Поставьте оценку по этому критерию."),
        ("submit", {x: "5" for x, _, _ in scored(rv)}, {}, "Итог", f"comment_{c}", "Заполните это поле."),
        ("submit", {x: "5" for x, _, _ in scored(rv)}, None, "", "overall", "Заполните это поле."),
    ]
    for action, scores, comments, overall, field, message in cases:
        r = post_scores(s, app, action, scores, overall=overall, comments=comments)
        where = (action, field)
        assert r.status_code == 400, where
        assert f'id="err-{field}"' in r.text, (where, errors(r.text))
        if message:
            assert any(message in e for e in errors(r.text)), (where, errors(r.text))
        assert "Ничего не сохранено" in r.text, where
        assert stored_scores(app, me) == [], where
        state, _, total, submitted, overall_db, saved, _ = assignment(app, me)
        assert (state, total, submitted, overall_db, saved) == ("assigned", "NULL", "NULL", "NULL", "NULL"), where
    # what was typed comes back in the form
    r = post_scores(s, app, "save", {a: "пять", b: "3"}, comments={b: "Мой комментарий"})
    assert 'value="3" selected' in r.text and "Мой комментарий" in r.text


def test_a_draft_keeps_its_values_and_a_submission_is_final(with_files):
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    assert declare(s, app).status_code == 303
    crit = scored(rv)
    first = crit[0][0]
    r = post_scores(s, app, "save", {first: "7"}, overall="Черновик обоснования",
                    comments={first: "Сильная сторона"})
    assert r.status_code == 303 and "saved=1" in r.headers["Location"]
    assert stored_scores(app, me)[0] == [str(first), "7", "Сильная сторона"]
    page = s.get(URL + r.headers["Location"]).text
    assert "Черновик оценки сохранён" in page
    assert re.search(rf'name="score_{first}".*?<option value="7" selected>', page, re.S)
    assert "Сильная сторона" in page and "Черновик обоснования" in page
    assert "новая" not in s.get(f"{URL}/expert").text
    assert "черновик оценки сохранён" in s.get(f"{URL}/expert").text
    # every criterion: scores 0..max spread, so that the weights matter
    values = {cid: (i * 3) % (m + 1) for i, (cid, m, _) in enumerate(crit)}
    expected = total_by_hand(rv, values)
    r = post_scores(s, app, "save", {c: str(v) for c, v in values.items()}, overall="Обоснование")
    assert r.status_code == 303
    assert f"{expected:.2f}" in s.get(app_url(app)).text        # the total before submitting
    r = post_scores(s, app, "submit", {c: str(v) for c, v in values.items()}, overall="Обоснование")
    assert r.status_code == 303, errors(r.text)
    state, _, total, submitted, overall, _, _ = assignment(app, me)
    assert state == "submitted" and submitted != "NULL" and overall == "Обоснование"
    assert float(total) == pytest.approx(expected, abs=0.005)
    audit = sql(f"SELECT to_state FROM audit_log WHERE object_type = 'project' AND object_id = {app}"
                f" AND action = 'score' AND user_id = {me[2]}")
    assert audit == [[total]]
    page = s.get(app_url(app)).text
    assert f"Итоговый балл: <strong>{total.replace('.', ',')}</strong>" in page
    assert 'name="score_' not in page and "Сохранить черновик" not in page
    # nothing changes any more: a second submission, a save
    before = (assignment(app, me), stored_scores(app, me))
    csrf = csrf_of(page)
    for action in ("submit", "save"):
        r = post_scores(s, app, action, {c: "0" for c in values}, overall="Другое", csrf=csrf)
        assert r.status_code == 409, action
        assert "Оценка уже отправлена: изменить её нельзя." in r.text
        assert (assignment(app, me), stored_scores(app, me)) == before
    r = decline(s, app, "Поздно")
    assert r.status_code == 409 and assignment(app, me)[0] == "submitted"


# ---- declining -------------------------------------------------------------------

def test_declining_alerts_staff_and_the_page_is_read_only(with_files):
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    number = sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]
    r = decline(s, app, "")
    assert r.status_code == 400 and assignment(app, me)[0] == "assigned"
    assert "reason" in r.text and errors(r.text)
    r = decline(s, app, "р" * 2001)
    assert r.status_code == 400 and assignment(app, me)[0] == "assigned"
    reason = f"Я член правления этой организации {uuid.uuid4().hex[:6]}"
    r = decline(s, app, reason)
    assert r.status_code == 303
    state, _, _, _, _, _, why = assignment(app, me)
    assert (state, why) == ("declined", reason)
    assert sql(f"SELECT declined_at IS NOT NULL FROM assignments WHERE project_id = {app}")[0][0] == "1"
    mails = outbox(STAFF_BOX, f"Отказ эксперта от заявки {number}")
    assert len(mails) == 1 and reason in mails[0][1]
    assert sql(f"SELECT reason FROM audit_log WHERE object_type = 'project' AND object_id = {app}"
               f" AND action = 'decline'") == [[reason]]
    page = s.get(app_url(app)).text
    assert "Вы отказались от этой заявки" in page and reason in page
    assert f'action="/expert/applications/{app}/' not in page          # no form left
    assert "отказ: конфликт интересов" in s.get(f"{URL}/expert").text
    assert s.get(f"{URL}/expert/files/{attachment(app)}").status_code == 404
    csrf = csrf_of(page)
    r = s.post(f"{app_url(app)}/declare", data={"csrf": csrf, "action": "declare", "confirm": "1"},
               allow_redirects=False)
    assert r.status_code == 409
    r = post_scores(s, app, "save", {scored(rv)[0][0]: "5"}, csrf=csrf)
    assert r.status_code == 409 and stored_scores(app, me) == []


def test_declining_after_the_declaration_is_possible_until_submitted(with_files):
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    assert declare(s, app).status_code == 303
    assert "Обнаружили конфликт интересов?" in s.get(app_url(app)).text
    assert decline(s, app, "Узнал руководителя проекта").status_code == 303
    assert assignment(app, me)[0] == "declined"


def test_nothing_changes_outside_the_review_stage(with_files):
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    assert declare(s, app).status_code == 303
    csrf = csrf_of(s.get(app_url(app)).text)
    sql(f"UPDATE competitions SET stage = 'commission' WHERE id = {rv.comp}")
    page = s.get(app_url(app)).text
    assert "оценки не принимаются" in page and "Отправить оценку" not in page
    r = post_scores(s, app, "save", {scored(rv)[0][0]: "5"}, csrf=csrf)
    assert r.status_code == 409 and stored_scores(app, me) == []
    assert decline(s, app, "Причина").status_code == 409


# ---- divergence and the application's score --------------------------------------

def test_diverging_totals_call_a_third_expert_and_then_the_application_is_scored(with_files):
    rv = Review(apps=1, experts=3, per=2, divergence=30)
    (_, app), = rv.apps
    first, second, third = rv.experts
    rv.assign(app, first)
    rv.assign(app, second)
    number = sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]
    totals = []
    for expert, value in ((first, lambda m: m), (second, lambda m: 0)):
        s = rv.session(expert)
        assert declare(s, app).status_code == 303
        totals.append(submit_all(rv, s, app, value))
    assert totals == [100.0, 0.0]
    extra = sql(f"SELECT expert_id, origin, state FROM assignments WHERE project_id = {app}"
                f" AND expert_id NOT IN ({first[2]}, {second[2]})")
    assert extra == [[str(third[2]), "divergence", "assigned"]]
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "admitted"
    assert len(outbox(STAFF_BOX, f"Оценки экспертов расходятся: заявка {number}")) == 1
    s = rv.session(third)
    assert f"/expert/applications/{app}" in s.get(f"{URL}/expert").text
    assert declare(s, app).status_code == 303
    totals.append(submit_all(rv, s, app, lambda m: m // 2))
    status, score = sql(f"SELECT status, score FROM projects WHERE id = {app}")[0]
    assert status == "scored"
    assert float(score) == pytest.approx(round(sum(totals) / 3, 2), abs=0.006)
    # no fourth expert: the divergence had its extra score
    assert sql(f"SELECT COUNT(*) FROM assignments WHERE project_id = {app}")[0][0] == "3"



def test_long_names_break_neither_assignment_nor_a_diverging_submit():
    """Full Russian names run past the audit's 40-character state columns:
    the name goes to the reason, the state names the expert by number."""
    rv = Review(apps=1, experts=3, per=2, divergence=30)
    (_, app), = rv.apps
    long_name = "Константинопольская-Преображенская Александра-Елизавета Владимировна " * 2
    for _, _, uid in rv.experts:
        sql(f"UPDATE users SET name = '{long_name.strip()} {uid}' WHERE id = {uid}")
    first, second, third = rv.experts
    rv.assign(app, first)
    rv.assign(app, second)
    for expert, value in ((first, lambda m: m), (second, lambda m: 0)):
        s = rv.session(expert)
        assert declare(s, app).status_code == 303
        submit_all(rv, s, app, value)
    to, reason = sql(f"SELECT to_state, reason FROM audit_log WHERE object_type = 'project'"
                     f" AND object_id = {app} AND action = 'assign' ORDER BY id DESC LIMIT 1")[0]
    assert to == f"эксперт № {third[2]}"
    assert reason == f"{long_name.strip()} {third[2]} — расхождение оценок"
    # the staff's alert links to the review page on the site
    number = sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]
    (_, body), = outbox(STAFF_BOX, f"Оценки экспертов расходятся: заявка {number}")
    assert re.search(rf"https?://[^/\s]+/staff/competitions/{rv.comp}/review", body), body



def test_the_extra_expert_is_called_automatically_once_then_staff_choose():
    rv = Review(apps=1, experts=4, per=2, divergence=30)
    (_, app), = rv.apps
    first, second = rv.experts[:2]
    rv.assign(app, first)
    rv.assign(app, second)
    for expert, value in ((first, lambda m: m), (second, lambda m: 0)):
        s = rv.session(expert)
        assert declare(s, app).status_code == 303
        submit_all(rv, s, app, value)
    (extra,), = sql(f"SELECT expert_id FROM assignments WHERE project_id = {app} AND origin = 'divergence'")
    staff = rv.session("staff@demo.grantfair.local")
    page = staff.get(f"{URL}/staff/competitions/{rv.comp}/review").text
    r = staff.post(f"{URL}/staff/competitions/{rv.comp}/review/assign", allow_redirects=False,
                   data={"csrf": csrf_of(page), "action": "remove", "project": app, "expert": extra})
    assert r.status_code == 303
    # no second automatic pick: the application waits for staff's choice
    assert sql(f"SELECT COUNT(*) FROM assignments WHERE project_id = {app}"
               f" AND state IN ('assigned', 'submitted')")[0][0] == "2"
    # added back and removed again: still no automatic pick; told again when added
    extra_email = sql(f"SELECT email FROM users WHERE id = {extra}")[0][0]
    told = len(outbox(extra_email, "Заявки на экспертизу"))
    for action in ("add", "remove"):
        page = staff.get(f"{URL}/staff/competitions/{rv.comp}/review").text
        r = staff.post(f"{URL}/staff/competitions/{rv.comp}/review/assign", allow_redirects=False,
                       data={"csrf": csrf_of(page), "action": action, "project": app, "expert": extra})
        assert r.status_code == 303, action
        if action == "add":
            assert len(outbox(extra_email, "Заявки на экспертизу")) == told + 1
    assert sql(f"SELECT COUNT(*) FROM assignments WHERE project_id = {app}"
               f" AND state IN ('assigned', 'submitted')")[0][0] == "2"
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "admitted"
    chosen = [e for e in rv.experts[2:] if str(e[2]) != extra][0]
    page = staff.get(f"{URL}/staff/competitions/{rv.comp}/review").text
    r = staff.post(f"{URL}/staff/competitions/{rv.comp}/review/assign", allow_redirects=False,
                   data={"csrf": csrf_of(page), "action": "add", "project": app, "expert": chosen[2]})
    assert r.status_code == 303
    s = rv.session(chosen)
    assert declare(s, app).status_code == 303
    submit_all(rv, s, app, lambda m: m // 2)
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "scored"

def test_two_diverging_submits_at_once_call_exactly_one_more_expert():
    import threading
    rv = Review(apps=1, experts=4, per=2, divergence=30)
    (_, app), = rv.apps
    first, second = rv.experts[:2]
    rv.assign(app, first)
    rv.assign(app, second)
    sessions = []
    for expert in (first, second):
        s = rv.session(expert)
        assert declare(s, app).status_code == 303
        sessions.append(s)
    values = [lambda m: m, lambda m: 0]
    results = [None, None]

    def go(i):
        v = {cid: values[i](m) for cid, m, _ in scored(rv)}
        results[i] = post_scores(sessions[i], app, "submit", {c: str(x) for c, x in v.items()},
                                 overall="Итоговое обоснование").status_code
    threads = [threading.Thread(target=go, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [303, 303]
    assert sql(f"SELECT origin, COUNT(*) FROM assignments WHERE project_id = {app}"
               f" GROUP BY origin ORDER BY origin") == [["manual", "2"], ["divergence", "1"]]

def test_the_applicant_never_learns_who_the_experts_are_nor_the_scores_before_publication():
    rv = Review(apps=1, experts=2, per=2)
    (ngo, app), = rv.apps
    for expert in rv.experts:
        rv.assign(app, expert)
    for expert in rv.experts:
        s = rv.session(expert)
        assert declare(s, app).status_code == 303
        submit_all(rv, s, app, lambda m: m)
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "scored"
    # the review is in the audit trail (staff see it) ...
    assert sql(f"SELECT COUNT(*) FROM audit_log WHERE object_type = 'project' AND object_id = {app}"
               f" AND action IN ('assign', 'declare', 'score', 'scored')")[0][0] != "0"
    # ... but the applicant's pages show none of it
    for path in ("/my", f"/applications/{app}"):
        page = ngo.s.get(f"{URL}{path}").text
        for email_addr, _, uid in rv.experts:
            name = sql(f"SELECT name FROM users WHERE id = {uid}")[0][0]
            assert name not in page and email_addr not in page, path
        assert "100.00" not in page and "Назначение эксперта" not in page, path


# ---- blind review ----------------------------------------------------------------

def secrets_of(app, secret):
    """Everything that names the organization of app, as stored."""
    org = sql(f"SELECT o.short_name, o.full_name, o.inn, o.ogrn, o.kpp FROM projects p"
              f" JOIN organizations o ON o.id = p.org_id WHERE p.id = {app}")[0]
    names = [v for k, v in TEAM.items() if k.endswith(".name")]
    return [*org, secret["address"], secret["head"], secret["phone"], secret["email"],
            secret["file"], urllib.parse.quote(secret["file"]), *names]


def assert_clean(r, forbidden, where):
    text = r.text if "text/html" in r.headers.get("Content-Type", "") else r.content.decode("latin-1")
    headers = "\n".join(f"{k}: {v}" for k, v in r.headers.items())
    for word in forbidden:
        assert word not in text, (where, word)
        assert word not in headers, (where, word)
        assert urllib.parse.unquote(word) not in urllib.parse.unquote(headers), (where, word)


def test_a_blind_review_keeps_the_applications_off_the_exhibition_until_the_results():
    """The exhibition names the organization: an expert could open
    /projects/<the same id>. Admitted by staff (the production path), the
    applications of a blind competition stay off it; staff turning a review
    blind during intake take the admitted ones off too."""
    tag = uuid.uuid4().hex[:6]
    name = f"Незримая Сова {tag}"
    rv = Review(apps=1, experts=1, blind=1, org_names=[name], admit_by_staff=True)
    (_, app), = rv.apps
    assert sql(f"SELECT status, exhibit FROM projects WHERE id = {app}") == [["admitted", "none"]]
    s = rv.session(rv.experts[0])
    assert s.get(f"{URL}/projects/{app}").status_code == 404
    listing = s.get(f"{URL}/projects?competition={rv.comp}").text
    assert name not in listing and f'href="/projects/{app}"' not in listing
    # a search by the organization's name finds nothing (the page repeats the query itself)
    found = s.get(f"{URL}/projects", params={"q": name}).text
    assert f'href="/projects/{app}"' not in found
    assert f"По запросу «{name}» проектов не нашлось" in found
    # the same, open review: on the exhibition at admission
    open_rv = Review(apps=1, experts=1, blind=0, admit_by_staff=True)
    (_, open_app), = open_rv.apps
    assert sql(f"SELECT exhibit FROM projects WHERE id = {open_app}") == [["applicant"]]


def test_a_blind_review_leaks_nothing_of_the_organization(with_files, quiet_mailer):
    tag = uuid.uuid4().hex[:6]
    rv = Review(apps=1, experts=1, blind=1, org_names=[f"Сияющий Единорог {tag}"])
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    forbidden = secrets_of(app, with_files[0])
    assert f"Сияющий Единорог {tag}" in forbidden
    s = rv.session(me)
    seen = []

    def get(path):
        r = s.get(URL + path, allow_redirects=False)
        seen.append(r)
        assert_clean(r, forbidden, path)
        return r

    assert get("/expert").status_code == 200
    assert get("/expert/profile").status_code == 200
    page = get(f"/expert/applications/{app}")
    assert "Слепая экспертиза" in page.text
    assert declare(s, app).status_code == 303
    page = get(f"/expert/applications/{app}")
    assert "Участник 1" in page.text and "Занятия для школьников" in page.text
    assert "Слепая экспертиза: сведения об организации скрыты." in page.text
    att = attachment(app)
    assert f'href="/expert/files/{att}"' in page.text and f"Вложение-{att}.pdf" in page.text
    r = get(f"/expert/files/{att}")
    assert r.status_code == 200 and r.content == PDF
    assert urllib.parse.quote(f"Вложение-{att}.pdf") in r.headers["Content-Disposition"]
    crit = scored(rv)
    for resp in (post_scores(s, app, "save", {crit[0][0]: "99"}),                    # 400
                 post_scores(s, app, "save", {crit[0][0]: "3"}, overall="Черновик")):  # 303
        assert_clean(resp, forbidden, "scores POST")
    get(f"/expert/applications/{app}?saved=1")
    submit_all(rv, s, app, 4)
    get(f"/expert/applications/{app}?submitted=1")
    assert_clean(post_scores(s, app, "submit", {crit[0][0]: "3"}, overall="x"), forbidden, "409")
    assert all(r.status_code == 200 for r in seen)
    # the reminder mail of a blind competition names nothing either
    rv2 = Review(apps=1, experts=1, blind=1, org_names=[f"Тайный Орден {tag}"])
    (_, app2), = rv2.apps
    rv2.assign(app2, rv2.experts[0])
    sql(f"UPDATE competitions SET review_due = NOW() + INTERVAL 1 DAY WHERE id = {rv2.comp}")
    mailer("--alerts")
    mails = outbox(rv2.experts[0][0], "Напоминание")
    assert len(mails) == 1
    for word in secrets_of(app2, with_files[1]):
        assert word not in mails[0][0] + mails[0][1], word


def test_a_review_that_is_not_blind_shows_the_organization(with_files):
    tag = uuid.uuid4().hex[:6]
    rv = Review(apps=1, experts=1, blind=0, org_names=[f"Открытый Фонд {tag}"])
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    inn = sql(f"SELECT o.inn FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = {app}")[0][0]
    page = s.get(app_url(app)).text
    assert f"Открытый Фонд {tag}" in page and inn in page
    assert "Слепая экспертиза" not in page
    assert declare(s, app).status_code == 303
    page = s.get(app_url(app)).text
    assert TEAM["m.0.name"] in page and with_files[0]["head"] in page
    assert with_files[0]["file"] in page
    r = s.get(f"{URL}/expert/files/{attachment(app)}")
    assert urllib.parse.quote(with_files[0]["file"]) in r.headers["Content-Disposition"]


# ---- reminders -------------------------------------------------------------------

def test_the_reminder_goes_once_per_expert_and_competition(quiet_mailer):
    rv = Review(apps=2, experts=2)
    (_, a1), (_, a2) = rv.apps
    me, done = rv.experts
    rv.assign(a1, me)
    rv.assign(a2, me)
    rv.assign(a1, done)
    sql(f"UPDATE assignments SET state = 'submitted', submitted_at = NOW(), total = 50"
        f" WHERE project_id = {a1} AND expert_id = {done[2]}")
    mailer("--alerts")                          # the deadline is 10 days away: too early
    assert outbox(me[0], "Напоминание") == []
    sql(f"UPDATE competitions SET review_due = NOW() + INTERVAL 1 DAY WHERE id = {rv.comp}")
    mailer("--alerts")
    mails = outbox(me[0], "Напоминание")
    assert len(mails) == 1
    subject, body = mails[0]
    assert rv.title in body and "ещё ждут вашей оценки: 2" in body and "/expert" in body
    assert "(МСК)" in subject
    assert outbox(done[0], "Напоминание") == []             # nothing left to score
    assert sql(f"SELECT COUNT(*) FROM assignments WHERE competition_id = {rv.comp}"
               f" AND expert_id = {me[2]} AND reminded_at IS NOT NULL")[0][0] == "2"
    mailer("--alerts")
    assert len(outbox(me[0], "Напоминание")) == 1


# ---- the profile -----------------------------------------------------------------

def profile_post(s, data):
    page = s.get(f"{URL}/expert/profile").text
    return s.post(f"{URL}/expert/profile", data=dict(data, csrf=csrf_of(page)), allow_redirects=False)


def test_the_profile_saves_directions_and_organizations_in_one_go():
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    me, = rv.experts
    rv.assign(app, me)
    s = rv.session(me)
    page = s.get(f"{URL}/expert/profile").text
    assert rv.title in page                                   # their competitions, with counts
    assert re.search(rf"{re.escape(rv.title)}</td><td>[^<]*</td><td>[^<]*</td><td>1</td><td>0</td>", page)
    inn, _ = random_inn_ogrn()
    dirs = [d for (d,) in sql("SELECT id FROM directions ORDER BY sort LIMIT 2")]
    good = {"about": "Кандидат наук, 10 лет в НКО", "dir": dirs,
            "o.0.inn": inn, "o.0.name": "АНО «Прошлое место»", "o.0.relation": "член правления, 2019–2023"}
    # a wrong ИНН, a missing name, an unknown direction: nothing stored
    for bad, field in ((dict(good, **{"o.0.inn": "1234567890"}), "o-0-inn"),
                       (dict(good, **{"o.0.name": ""}), "o-0-name"),
                       (dict(good, dir=["999999"]), "dir"),
                       (dict(good, about="а" * 3001), "about"),
                       (dict(good, **{"o.0.relation": "x" * 201}), "o-0-relation")):
        r = profile_post(s, bad)
        assert r.status_code == 400, field
        assert f'id="err-{field}"' in r.text, (field, errors(r.text))
        assert sql(f"SELECT COUNT(*) FROM expert_orgs WHERE user_id = {me[2]}")[0][0] == "0"
        assert sql(f"SELECT COUNT(*) FROM expert_profiles WHERE user_id = {me[2]}")[0][0] == "0"
    many = dict(good)
    for i in range(21):
        many[f"o.{i}.inn"], many[f"o.{i}.name"] = inn, f"Организация {i}"
    r = profile_post(s, many)
    assert r.status_code == 400 and "не больше 20" in r.text
    r = profile_post(s, good)
    assert r.status_code == 303
    assert sql(f"SELECT about FROM expert_profiles WHERE user_id = {me[2]}") == [[good["about"]]]
    assert sorted(d for (d,) in sql(f"SELECT direction_id FROM expert_directions WHERE user_id = {me[2]}")) == sorted(dirs)
    assert sql(f"SELECT inn, name, relation FROM expert_orgs WHERE user_id = {me[2]}") == \
        [[inn, "АНО «Прошлое место»", "член правления, 2019–2023"]]
    assert sql(f"SELECT reason FROM audit_log WHERE object_type = 'user' AND object_id = {me[2]}"
               f" AND action = 'update'") == [["профиль эксперта"]]
    page = s.get(f"{URL}/expert/profile").text
    assert 'value="АНО «Прошлое место»"' in page and 'value="член правления, 2019–2023"' in page
    assert f'id="dir-{dirs[0]}" name="dir" value="{dirs[0]}" checked' in page
    # a row removed, one added; the directions replaced
    inn2, _ = random_inn_ogrn()
    r = profile_post(s, {"about": "", "dir": dirs[1], "o.0.inn": inn, "o.0.name": "x", "o.0.del": "1",
                         "o.1.inn": inn2, "o.1.name": "Новая", "o.1.relation": ""})
    assert r.status_code == 303
    assert sql(f"SELECT inn, name FROM expert_orgs WHERE user_id = {me[2]}") == [[inn2, "Новая"]]
    assert [d for (d,) in sql(f"SELECT direction_id FROM expert_directions WHERE user_id = {me[2]}")] == [dirs[1]]


def test_signed_in_pages_are_not_kept_by_the_browser():
    rv = Review(apps=1, experts=1)
    (_, app), = rv.apps
    rv.assign(app, rv.experts[0])
    s = rv.session(rv.experts[0])
    for url in (f"{URL}/expert", app_url(app)):
        assert s.get(url).headers["Cache-Control"] == "private, no-store", url
    assert requests.get(f"{URL}/results").headers["Cache-Control"] == "private, no-cache"
