"""The commission (/commission, /commission/<id>): the ranking by the
experts' scores (ties: the earlier submission), each expert's scores and
comments, the secretary's marks (winners and granted amounts within the
grant limits, the request and the fund), the decision (date, protocol
number, members present) after which the marks are frozen, the protocol as
a printable page and as a PDF (pdftotext reads it back), and who may do
what. Every test builds its own competition with tests/review.py and scores
it by SQL, as the experts' pages would have."""
import datetime
import os
import re
import subprocess
import tempfile
import uuid

import pytest
import requests

from conftest import URL, csrf_of, login, make_user, sql
from review import Review

SECRETARY = "secretary@demo.grantfair.local"
STAFF = "staff@demo.grantfair.local"
NBSP = "\u00a0"


def score(rv, app, totals):
    """The application scored by len(totals) experts of the pool: their
    assignments submitted with a score and a comment per criterion and an
    overall comment; the application scored with their mean. Returns the
    texts of the comments."""
    comments = []
    for k, total in enumerate(totals):
        exp = rv.experts[k]
        rv.assign(app, exp)
        aid = sql(f"SELECT id FROM assignments WHERE project_id = {app}"
                  f" AND expert_id = {exp[2]}")[0][0]
        overall = f"Общий вывод эксперта {k + 1} по заявке {app}: {uuid.uuid4().hex[:6]}"
        sql(f"""UPDATE assignments SET state = 'submitted', declared_at = NOW(),
                submitted_at = NOW(), total = {total}, overall_comment = '{overall}'
                WHERE id = {aid}""")
        comments.append(overall)
        for cid, top, _ in rv.criteria():
            text = f"Критерий {cid}: замечание {aid}-{cid}"
            sql(f"INSERT INTO scores (assignment_id, criterion_id, score, comment)"
                f" VALUES ({aid}, {cid}, {round(top * total / 100)}, '{text}')")
            comments.append(text)
    sql(f"UPDATE projects SET status = 'scored', score = {sum(totals) / len(totals):.2f}"
        f" WHERE id = {app}")
    return comments


def commission(scores, **kw):
    """A competition at the commission stage whose applications got these
    mean scores (one expert each, for speed); returns the Review."""
    rv = Review(apps=len(scores), experts=1, per=1, **kw)
    tag = uuid.uuid4().hex[:6]
    for i, ((_, app), s) in enumerate(zip(rv.apps, scores)):
        sql(f"UPDATE projects SET title = 'Проект «Зелёный двор» {tag}-{i}' WHERE id = {app}")
        score(rv, app, [s])
    sql(f"UPDATE competitions SET stage = 'commission' WHERE id = {rv.comp}")
    return rv


def session(email_addr, password="grantfair-demo"):
    s = requests.Session()
    assert login(s, email_addr, password).status_code == 303
    return s


def requested(app):
    return int(sql(f"SELECT requested_kopecks FROM projects WHERE id = {app}")[0][0])


def marks_of(comp):
    return sql(f"SELECT project_id, winner, COALESCE(granted_kopecks, 'NULL') FROM commission_marks"
               f" WHERE competition_id = {comp} ORDER BY project_id")


def post_marks(s, comp, marks):
    """marks: {app id: (winner, amount text)}."""
    page = s.get(f"{URL}/commission/{comp}")
    assert page.status_code == 200
    data = {"csrf": csrf_of(page.text)}
    for app, (winner, amount) in marks.items():
        if winner:
            data[f"winner.{app}"] = "1"
        data[f"granted.{app}"] = amount
    return s.post(f"{URL}/commission/{comp}/marks", data=data, allow_redirects=False)


def post_decision(s, comp, date=None, number="7-К", members="Иванов И. И.\nПетрова А. С."):
    page = s.get(f"{URL}/commission/{comp}")
    data = {"csrf": csrf_of(page.text), "decided_on": date or datetime.date.today().isoformat(),
            "protocol_number": number, "members": members,
            "marks_version": re.search(r'name="marks_version" value="([0-9a-f]*)"', page.text).group(1)}
    return s.post(f"{URL}/commission/{comp}/decision", data=data, allow_redirects=False)


def rub(kopecks):
    return f"{kopecks // 100:,}".replace(",", NBSP)


def ranking_ids(html):
    return [int(i) for i in re.findall(r'<tr id="row-(\d+)"', html)]


# ---- the ranking ----------------------------------------------------------

def test_ranking_by_score_then_earlier_submission():
    rv = commission([70, 91.5, 70, 55])
    a, b, c, d = (app for _, app in rv.apps)
    # a and c tie: c was submitted earlier, so it ranks first
    sql(f"UPDATE projects SET submitted_at = NOW() - INTERVAL 2 DAY WHERE id = {c}")
    sql(f"UPDATE projects SET submitted_at = NOW() - INTERVAL 1 DAY WHERE id = {a}")
    s = session(SECRETARY)
    r = s.get(f"{URL}/commission/{rv.comp}")
    assert r.status_code == 200
    assert ranking_ids(r.text) == [b, c, a, d]
    assert "91,50" in r.text
    # the same with the submissions the other way round
    sql(f"UPDATE projects SET submitted_at = NOW() - INTERVAL 3 DAY WHERE id = {a}")
    assert ranking_ids(s.get(f"{URL}/commission/{rv.comp}").text) == [b, a, c, d]
    # the list of competitions links it, with its counts
    lst = s.get(f"{URL}/commission").text
    row = re.search(rf'<tr id="comp-{rv.comp}">(.*?)</tr>', lst, re.S).group(1)
    assert rv.title in row and f"/commission/{rv.comp}" in row


def test_every_experts_scores_and_comments_are_on_the_page():
    rv = Review(apps=1, experts=2, per=2)
    app = rv.apps[0][1]
    comments = score(rv, app, [80, 64])
    sql(f"UPDATE competitions SET stage = 'commission' WHERE id = {rv.comp}")
    html = session(STAFF).get(f"{URL}/commission/{rv.comp}").text
    for text in comments:
        assert text in html
    assert "Эксперт Тестовый 1" in html and "Эксперт Тестовый 2" in html
    assert "72,00" in html          # the mean


def test_review_stage_lists_unscored_apart_and_shows_no_marks_form():
    rv = Review(apps=2, experts=1, per=1)
    scored, pending = rv.apps[0][1], rv.apps[1][1]
    score(rv, scored, [77])
    html = session(SECRETARY).get(f"{URL}/commission/{rv.comp}").text
    assert ranking_ids(html) == [scored]
    assert f'id="pending-{pending}"' in html
    assert f"/commission/{rv.comp}/marks" not in html


def test_competition_in_intake_is_404_and_protocol_before_decision_is_404():
    s = session(SECRETARY)
    comp = sql("SELECT id FROM competitions WHERE stage = 'intake' ORDER BY id LIMIT 1")[0][0]
    assert s.get(f"{URL}/commission/{comp}").status_code == 404
    assert s.get(f"{URL}/commission/{comp}/protocol").status_code == 404
    assert s.get(f"{URL}/commission/999999999").status_code == 404
    rv = commission([60])
    assert s.get(f"{URL}/commission/{rv.comp}/protocol").status_code == 404
    assert s.get(f"{URL}/commission/{rv.comp}/protocol.pdf").status_code == 404
    csrf = csrf_of(s.get(f"{URL}/commission").text)
    for what in ("marks", "decision"):
        r = s.post(f"{URL}/commission/{comp}/{what}", data={"csrf": csrf}, allow_redirects=False)
        assert r.status_code == 404, what


# ---- the marks ------------------------------------------------------------

def test_amounts_out_of_bounds_are_refused_next_to_the_row():
    rv = commission([80, 70], fund=100_000_000)
    a, b = (app for _, app in rv.apps)
    # limits narrowed after the intake (the applications were filed within the wider ones)
    sql(f"UPDATE competitions SET min_grant_kopecks = 5000000, max_grant_kopecks = 20000000"
        f" WHERE id = {rv.comp}")
    s = session(SECRETARY)
    before = marks_of(rv.comp)
    req_b = requested(b)
    cases = [
        ({a: (True, "10 000"), b: (False, "")}, a, "меньше минимального"),       # 10 000 < 50 000
        ({a: (True, "300 000"), b: (False, "")}, a, "больше максимального"),     # > 200 000
        ({a: (True, "сто тысяч"), b: (False, "")}, a, "число рублей"),
        ({a: (False, "1e5"), b: (False, "")}, a, "число рублей"),                # not money, not even a winner
        ({a: (True, ""), b: (False, "")}, a, "Укажите сумму"),
        ({a: (True, "0"), b: (False, "")}, a, "Укажите сумму"),
    ]
    for marks, bad, words in cases:
        r = post_marks(s, rv.comp, marks)
        assert r.status_code == 400, marks
        err = re.search(rf'id="err-granted-{bad}"[^>]*>([^<]*)<', r.text)
        assert err and words in err.group(1), (marks, r.text[-2000:])
        assert marks_of(rv.comp) == before
    # above the amount requested: the competition's limits allow it
    sql(f"UPDATE competitions SET max_grant_kopecks = {req_b * 2} WHERE id = {rv.comp}")
    over = (req_b + 100) // 100
    r = post_marks(s, rv.comp, {a: (False, ""), b: (True, str(over))})
    assert r.status_code == 400
    assert "больше запрошенной" in re.search(rf'id="err-granted-{b}"[^>]*>([^<]*)<', r.text).group(1)
    assert marks_of(rv.comp) == before
    # what was typed comes back
    assert f'value="{over}"' in r.text


def test_winners_over_the_fund_are_refused_with_the_difference():
    rv = commission([80, 70], min_grant=100_000, max_grant=60_000_000, fund=30_000_000)
    a, b = (app for _, app in rv.apps)
    s = session(SECRETARY)
    amount = min(requested(a), requested(b), 20_000_000) // 100      # roubles, two of them > fund
    total = 2 * amount * 100
    assert total > 30_000_000
    r = post_marks(s, rv.comp, {a: (True, str(amount)), b: (True, str(amount))})
    assert r.status_code == 400
    msg = re.search(r'id="form-error"[^>]*>([^<]*)<', r.text).group(1)
    assert f"Сумма грантов {rub(total)}" in msg and "превышает фонд конкурса" in msg
    assert f"{rub(30_000_000)}" in msg and f"на {rub(total - 30_000_000)}" in msg
    assert marks_of(rv.comp) == []


def test_valid_marks_are_stored_and_audited():
    rv = commission([80, 70, 60])
    a, b, c = (app for _, app in rv.apps)
    s = session(SECRETARY)
    granted_a = requested(a) - 1_000_00
    r = post_marks(s, rv.comp, {a: (True, f"{granted_a // 100:,}".replace(",", " ")),
                                b: (True, f"{requested(b) // 100},{requested(b) % 100:02d}"),
                                c: (False, "1 000")})
    assert r.status_code == 303, r.text[-1500:]
    assert marks_of(rv.comp) == sorted([[str(a), "1", str(granted_a)],
                                        [str(b), "1", str(requested(b))],
                                        [str(c), "0", "NULL"]])
    audit = sql(f"SELECT action, reason FROM audit_log WHERE object_type = 'competition'"
                f" AND object_id = {rv.comp} ORDER BY id")
    assert audit[-1][0] == "marks"
    assert audit[-1][1].startswith("победителей: 2, сумма: ")
    # the page shows them back in the form, the totals too
    html = s.get(f"{URL}/commission/{rv.comp}").text
    assert re.search(rf'name="winner.{a}" value="1" checked', html)
    assert not re.search(rf'name="winner.{c}" value="1" checked', html)
    assert rub(granted_a + requested(b)) in re.search(r'id="total-granted">([^<]*)<', html).group(1)
    # marked again: one row per application (an upsert), b no longer a winner
    r = post_marks(s, rv.comp, {a: (True, str(granted_a // 100)), b: (False, ""), c: (False, "")})
    assert r.status_code == 303
    assert marks_of(rv.comp) == sorted([[str(a), "1", str(granted_a // 100 * 100)],
                                        [str(b), "0", "NULL"], [str(c), "0", "NULL"]])


# ---- the decision ---------------------------------------------------------

def test_decision_is_validated():
    rv = commission([80])
    a = rv.apps[0][1]
    s = session(SECRETARY)
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    cases = [
        ({"date": future}, "decided_on", "в будущем"),
        ({"date": "31.02.2025"}, "decided_on", "дд.мм.гггг"),
        ({"number": ""}, "protocol_number", "Заполните"),
        ({"number": "x" * 51}, "protocol_number", "Не длиннее 50"),
        ({"members": ""}, "members", "Заполните"),
        ({"members": " \n \n"}, "members", ""),
        ({"members": "\n".join(f"Член {i}" for i in range(51))}, "members", "Не больше 50"),
        ({"members": "Я" * 201}, "members", "200 символов"),
    ]
    for kw, field, words in cases:
        r = post_decision(s, rv.comp, **kw)
        assert r.status_code == 400, kw
        err = re.search(rf'id="err-{field}"[^>]*>([^<]*)<', r.text)
        assert err and words in err.group(1), kw
    # no winner marked
    r = post_decision(s, rv.comp)
    assert r.status_code == 400
    assert "отметьте победителей" in re.search(r'id="form-error"[^>]*>([^<]*)<', r.text).group(1)
    assert sql(f"SELECT COUNT(*) FROM commission_decisions WHERE competition_id = {rv.comp}") == [["0"]]
    # a winner whose stored mark no longer holds (the fund shrank meanwhile)
    assert post_marks(s, rv.comp, {a: (True, "5 000")}).status_code == 303
    sql(f"UPDATE competitions SET fund_kopecks = 100000 WHERE id = {rv.comp}")
    r = post_decision(s, rv.comp)
    assert r.status_code == 400 and "превышает фонд конкурса" in r.text
    assert sql(f"SELECT COUNT(*) FROM commission_decisions WHERE competition_id = {rv.comp}") == [["0"]]


def decided(scores=(85, 60), number=None):
    """A competition with its first application marked the winner and the
    decision recorded: (rv, winner app, granted kopecks, protocol number)."""
    rv = commission(list(scores))
    a = rv.apps[0][1]
    s = session(SECRETARY)
    granted = (requested(a) // 100 - 1000) * 100
    others = {app: (False, "") for _, app in rv.apps[1:]}
    assert post_marks(s, rv.comp, {a: (True, str(granted // 100)), **others}).status_code == 303
    number = number or f"К-{uuid.uuid4().hex[:5]}"
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    r = post_decision(s, rv.comp, date=yesterday, number=number,
                      members="Председатель Сидоров П. П.\r\n\r\n  Член комиссии Орлова Е. В.  \n")
    assert r.status_code == 303, r.text[-1500:]
    return rv, a, granted, number


def test_decision_is_stored_audited_and_freezes_the_marks():
    rv, a, granted, number = decided()
    row = sql(f"SELECT protocol_number, members FROM commission_decisions"
              f" WHERE competition_id = {rv.comp}")
    assert row == [[number, "Председатель Сидоров П. П.\\nЧлен комиссии Орлова Е. В."]]
    audit = sql(f"SELECT action, to_state, reason FROM audit_log WHERE object_type = 'competition'"
                f" AND object_id = {rv.comp} ORDER BY id")
    assert audit[-1][:2] == ["decision", "recorded"]
    assert audit[-1][2].startswith(f"протокол № {number}, заседание ")
    s = session(SECRETARY)
    html = s.get(f"{URL}/commission/{rv.comp}").text
    assert f"/commission/{rv.comp}/marks" not in html and f"/commission/{rv.comp}/decision" not in html
    before = marks_of(rv.comp)
    # the form as it was before the decision, posted now: refused
    csrf = csrf_of(html)
    r = s.post(f"{URL}/commission/{rv.comp}/marks", allow_redirects=False,
               data={"csrf": csrf, f"winner.{a}": "1", f"granted.{a}": "1 000"})
    assert r.status_code == 409
    assert marks_of(rv.comp) == before
    r = s.post(f"{URL}/commission/{rv.comp}/decision", allow_redirects=False,
               data={"csrf": csrf, "decided_on": "2026-01-01", "protocol_number": "другой",
                     "members": "Кто-то"})
    assert r.status_code == 409
    assert sql(f"SELECT protocol_number FROM commission_decisions"
               f" WHERE competition_id = {rv.comp}") == [[number]]
    # staff see the link to publish
    staff_html = session(STAFF).get(f"{URL}/commission/{rv.comp}").text
    assert f'href="/staff/competitions/{rv.comp}/publish"' in staff_html
    assert f'href="/staff/competitions/{rv.comp}/publish"' not in html


# ---- the protocol ---------------------------------------------------------

def test_protocol_page_has_number_date_members_winners_and_amounts():
    rv, a, granted, number = decided()
    title = sql(f"SELECT title FROM projects WHERE id = {a}")[0][0]
    html = session(STAFF).get(f"{URL}/commission/{rv.comp}/protocol").text
    assert f"Протокол заседания конкурсной комиссии № {number}" in html
    assert rv.title in html
    date = sql(f"SELECT DATE_FORMAT(decided_on, '%d.%m.%Y') FROM commission_decisions"
               f" WHERE competition_id = {rv.comp}")[0][0]
    assert f'id="decided-on">{date}<' in html
    assert "<li>Председатель Сидоров П. П.</li>" in html and "<li>Член комиссии Орлова Е. В.</li>" in html
    winners = re.search(r'id="protocol-winners">(.*?)</table>', html, re.S).group(1)
    assert title in winners and rub(granted) in winners
    loser = sql(f"SELECT title FROM projects WHERE id = {rv.apps[1][1]}")[0][0]
    assert loser not in winners and loser in html        # ranked, not a winner
    assert rub(granted) in re.search(r'id="protocol-total">([^<]*)<', html).group(1)


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                             check=True).stdout.decode("utf-8")
    return out.replace(NBSP, " ")


def test_protocol_pdf_renders_the_cyrillic_text():
    rv, a, granted, number = decided()
    title = sql(f"SELECT title FROM projects WHERE id = {a}")[0][0]
    r = session(SECRETARY).get(f"{URL}/commission/{rv.comp}/protocol.pdf")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/pdf")
    assert f"protocol-{rv.comp}.pdf" in r.headers.get("Content-Disposition", "")
    assert r.content.startswith(b"%PDF")
    text = pdf_text(r.content)
    flat = " ".join(text.split())
    assert rv.title in flat
    assert f"№ {number}" in flat
    assert " ".join(title.split()) in flat
    assert rub(granted).replace(NBSP, " ") + " ₽" in flat
    assert "Председатель Сидоров П. П." in flat and re.search(r"\b1\s*/\s*1\b", flat)


def test_long_ranking_pdf_goes_on_over_pages_with_the_header_repeated():
    rv, a, granted, number = decided()
    # forty more ranked applications, copies of the loser (as if scored)
    loser = rv.apps[1][1]
    for i in range(40):
        sql(f"""INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, number,
                  title, summary, status, requested_kopecks, score, created_at, submitted_at,
                  updated_at)
                SELECT competition_id, org_id, direction_id, municipality_id,
                  CONCAT('T-', '{uuid.uuid4().hex[:10]}'), CONCAT('Копия проекта номер {i} ', title),
                  summary, 'scored', requested_kopecks, 50 - {i} / 10, NOW(), NOW(), NOW()
                FROM projects WHERE id = {loser}""")
    r = session(STAFF).get(f"{URL}/commission/{rv.comp}/protocol.pdf")
    assert r.status_code == 200
    pages = pdf_text(r.content).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for n, page in enumerate(pages, 1):
        assert re.search(rf"\b{n}\s*/\s*{len(pages)}\s*$", page.rstrip()), n
    # the ranking goes on to the next page under its header row again
    text = "\n".join(pages)
    for i in range(40):
        assert re.search(rf"Копия проекта номер {i}\b", text), i
    first_rows = [p for p in pages if "Копия" in p]
    assert len(first_rows) >= 2
    for p in first_rows:
        assert re.search(r"Место\s+Номер\s+Проект\s+Организация\s+Балл\s+Запрошено", p), p[:300]


# ---- who may do what ------------------------------------------------------

def test_who_may_read_and_who_may_change():
    rv, a, granted, number = decided()
    fresh = commission([70])
    tag = uuid.uuid4().hex[:8]
    admin = f"admin-{tag}@example.ru"
    make_user(admin, roles="admin", password="admin-password-123")
    expert, applicant = rv.experts[0], rv.apps[0][0]
    readers = {"staff": session(STAFF), "admin": session(admin, "admin-password-123"),
               "secretary": session(SECRETARY)}
    for who, s in readers.items():
        for path in ("/commission", f"/commission/{rv.comp}", f"/commission/{rv.comp}/protocol",
                     f"/commission/{rv.comp}/protocol.pdf"):
            assert s.get(f"{URL}{path}").status_code == 200, (who, path)
    # staff and admin read but never change; the secretary's form is not theirs
    for who in ("staff", "admin"):
        s = readers[who]
        html = s.get(f"{URL}/commission/{fresh.comp}").text
        assert f"/commission/{fresh.comp}/marks" not in html
        csrf = csrf_of(html)
        fa = fresh.apps[0][1]
        for path, data in ((f"/commission/{fresh.comp}/marks", {f"winner.{fa}": "1", f"granted.{fa}": "1000"}),
                           (f"/commission/{fresh.comp}/decision", {"decided_on": "2026-01-01",
                                                                    "protocol_number": "1",
                                                                    "members": "A"})):
            r = s.post(f"{URL}{path}", data={"csrf": csrf, **data}, allow_redirects=False)
            assert r.status_code == 403, (who, path)
    assert marks_of(fresh.comp) == []
    # the expert and the applicant: nothing of it
    outsiders = {"expert": session(expert[0], expert[1]), "applicant": applicant.s}
    for who, s in outsiders.items():
        for path in ("/commission", f"/commission/{rv.comp}", f"/commission/{rv.comp}/protocol",
                     f"/commission/{rv.comp}/protocol.pdf"):
            assert s.get(f"{URL}{path}").status_code == 403, (who, path)


def test_a_protocol_number_of_fifty_characters_is_recorded_whole():
    number = "П-" + "7" * 48
    rv, a, granted, got = decided(number=number)
    assert got == number
    assert sql(f"SELECT protocol_number FROM commission_decisions WHERE competition_id = {rv.comp}") \
        == [[number]]
    assert number in session(SECRETARY).get(f"{URL}/commission/{rv.comp}/protocol").text


def test_the_protocol_keeps_its_winners_once_they_implement_their_projects():
    rv, a, granted, number = decided()
    s = session(SECRETARY)
    before = s.get(f"{URL}/commission/{rv.comp}/protocol").text
    assert rub(granted) in before
    # published, then the winner moves on to implementation and the
    # competition to reporting: the signed protocol must read the same
    sql(f"UPDATE projects SET status = 'in_progress' WHERE id = {a};"
        f" UPDATE projects SET status = 'not_winner' WHERE competition_id = {rv.comp} AND id <> {a};"
        f" UPDATE competitions SET stage = 'reporting', published_at = NOW() WHERE id = {rv.comp}")
    after = s.get(f"{URL}/commission/{rv.comp}/protocol")
    assert after.status_code == 200
    assert rub(granted) in after.text and number in after.text
    assert ranking_ids(s.get(f"{URL}/commission/{rv.comp}").text) == [app for _, app in rv.apps]


def test_the_decision_form_says_what_the_saved_marks_are():
    rv = commission([80, 70])
    a, b = (app for _, app in rv.apps)
    s = session(SECRETARY)
    assert post_marks(s, rv.comp, {a: (True, str(requested(a) // 100)), b: (False, "")}).status_code == 303
    page = s.get(f"{URL}/commission/{rv.comp}").text
    summary = re.search(r'<p id="decide-summary">(.*?)</p>', page, re.S).group(1)
    assert "<strong>1</strong>" in summary and rub(requested(a)) in summary


def test_an_expert_who_is_also_secretary_does_not_see_the_others_scores_before_their_own():
    rv = commission([80])
    (_, app), = rv.apps
    both = f"both-{uuid.uuid4().hex[:8]}@example.ru"
    make_user(both, roles="expert,secretary", password="both-password-123", name="Эксперт и секретарь")
    uid = int(sql(f"SELECT id FROM users WHERE email = '{both}'")[0][0])
    sql(f"INSERT INTO assignments (competition_id, project_id, expert_id, origin, assigned_at)"
        f" VALUES ({rv.comp}, {app}, {uid}, 'manual', NOW())")
    s = session(both, "both-password-123")
    other = sql(f"SELECT overall_comment FROM assignments WHERE project_id = {app}"
                f" AND state = 'submitted'")[0][0]
    assert other not in s.get(f"{URL}/commission/{rv.comp}").text
    sql(f"UPDATE assignments SET state = 'submitted', total = 70 WHERE project_id = {app}"
        f" AND expert_id = {uid}")
    assert other in s.get(f"{URL}/commission/{rv.comp}").text



def test_a_decision_is_not_recorded_over_marks_changed_since_the_page_was_opened():
    rv = commission([80, 70])
    a, b = (app for _, app in rv.apps)
    one, two = session(SECRETARY), session(SECRETARY)
    assert post_marks(one, rv.comp, {a: (True, str(requested(a) // 100)), b: (False, "")}).status_code == 303
    seen = one.get(f"{URL}/commission/{rv.comp}").text         # one winner, as the form shows
    assert post_marks(two, rv.comp, {a: (True, str(requested(a) // 100)),
                                     b: (True, str(requested(b) // 100))}).status_code == 303
    r = one.post(f"{URL}/commission/{rv.comp}/decision", allow_redirects=False, data={
        "csrf": csrf_of(seen), "decided_on": datetime.date.today().isoformat(), "protocol_number": "5",
        "members": "Иванов И. И.",
        "marks_version": re.search(r'name="marks_version" value="([0-9a-f]*)"', seen).group(1)})
    assert r.status_code == 409 and "отметки победителей изменились" in r.text
    assert sql(f"SELECT COUNT(*) FROM commission_decisions WHERE competition_id = {rv.comp}") == [["0"]]
    # the page it shows again has both winners and a fresh form: recording works
    assert post_decision(one, rv.comp, number="5").status_code == 303
