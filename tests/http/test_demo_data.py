"""The demo data (schema/demo/) obeys the rules the programs enforce and
reads like a real region's competitions: requests within each competition's
limits and co-financing share, grants within the requests and the fund, no
title told twice, valid ИНН/ОГРН/КПП, criteria with positive weights on a
100-point scale, every application started and submitted inside its intake,
people acting between 08:00 and 21:00 Moscow time and never in the future,
statuses the state machine (grant/status.c) reaches and a history that walks
it, stages that fit their dates, budgets that add up to the request, and the
review's totals, scores and divergences as grant/review.c counts them.

The data is loaded into a database of its own on the test stack's MariaDB
by `conf/stack.sh demo-db` — exactly as the stack loads it — because the
other tests change the live one. The database clock is UTC; Moscow is
UTC+3 all year. The weights are also checked where people read them, on the
live stack's pages."""
import hashlib
import json
import os
import re
import subprocess
import uuid

import pytest
import requests

from conftest import BUILD, DEMO_PASSWORD, DIR, ROOT, URL, login, sql, stack

# the statuses each stage allows, by the stage guards of grant/competition.c:
# review starts once every submission is decided and no correction is
# running, the commission once every admitted application is scored, the
# results with the commission's decision (draft: never submitted; returned:
# past the intake only once its due date has passed)
STAGE_STATUSES = {
    "announced": set(),
    "intake": {"draft", "submitted", "returned", "admitted", "rejected"},
    "review": {"draft", "returned", "admitted", "scored", "rejected"},
    "commission": {"draft", "returned", "scored", "rejected"},
    "results": {"draft", "returned", "rejected", "winner", "not_winner"},
    "reporting": {"draft", "returned", "rejected", "winner", "not_winner"},
    "closed": {"draft", "returned", "rejected", "winner", "not_winner"},
}


@pytest.fixture(scope="module")
def db():
    """The demo data alone, in a fresh database; dropped afterwards."""
    name = f"gfdemo_{uuid.uuid4().hex[:10]}"
    try:
        stack("demo-db", DIR, name)
        yield name
    finally:
        sql(f"DROP DATABASE IF EXISTS {name}")
        if os.path.exists(f"{DIR}/tmp/{name}.hdf"):
            os.unlink(f"{DIR}/tmp/{name}.hdf")


def q(db, query):
    """Rows of a query on the demo database, values as the database holds
    them (the client's batch mode escapes backslash, tab and newline)."""
    unescape = {"n": "\n", "t": "\t", "0": "\0", "\\": "\\"}
    return [[re.sub(r"\\(.)", lambda m: unescape.get(m.group(1), m.group(0)), v) for v in row]
            for row in sql(f"USE {db}; {query}")]


def transitions():
    """gr_transitions of grant/status.c as (from, to, action)."""
    with open(f"{ROOT}/cgi-bin/grant/status.c", encoding="utf-8") as f:
        table = f.read().split("gr_transitions[] = {")[1].split("};")[0]
    return set(re.findall(r'\{"(\w+)", "(\w+)", "(\w+)"\}', table))


def reachable():
    seen, todo = {"draft"}, ["draft"]
    while todo:
        s = todo.pop()
        for a, b, _ in transitions():
            if a == s and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def kopecks(text):
    """A money field as people type it ("30 000", "5000,50") in kopecks."""
    t = text.replace("\u00a0", "").replace(" ", "")
    m = re.fullmatch(r"(\d+)(?:[,.](\d{1,2}))?", t)
    assert m, f"not an amount: {text!r}"
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))


def inn_ok(s):
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return bool(re.fullmatch(r"\d{10}", s)) and sum(int(c) * k for c, k in zip(s, w)) % 11 % 10 == int(s[9])


def ogrn_ok(s):
    return bool(re.fullmatch(r"[15]\d{12}", s)) and int(s[:12]) % 11 % 10 == int(s[12])


# ---- money ------------------------------------------------------------------

def test_requests_are_within_their_competitions_limits(db):
    out = q(db, "SELECT p.id, p.requested_kopecks, c.min_grant_kopecks, c.max_grant_kopecks"
                " FROM projects p JOIN competitions c ON c.id = p.competition_id"
                " WHERE p.status <> 'draft' AND (p.requested_kopecks < c.min_grant_kopecks"
                "  OR p.requested_kopecks > c.max_grant_kopecks)")
    assert out == [], "requested outside [min, max]: " + repr(out[:10])
    assert q(db, "SELECT COUNT(*) FROM competitions WHERE min_grant_kopecks <= 0"
                 " OR max_grant_kopecks < min_grant_kopecks OR fund_kopecks < max_grant_kopecks") == [["0"]]


def test_co_financing_is_at_least_the_competitions_share(db):
    out = q(db, "SELECT p.id, p.cofin_kopecks, p.requested_kopecks, c.cofin_min_pct FROM projects p"
                " JOIN competitions c ON c.id = p.competition_id WHERE p.status <> 'draft'"
                " AND p.cofin_kopecks * 100 < c.cofin_min_pct * (p.requested_kopecks + p.cofin_kopecks)")
    assert out == [], repr(out[:10])


def test_grants_go_to_winners_within_the_request_the_limits_and_the_fund(db):
    assert q(db, "SELECT id, status FROM projects WHERE (granted_kopecks IS NOT NULL) <> (status = 'winner')") == []
    out = q(db, "SELECT p.id FROM projects p JOIN competitions c ON c.id = p.competition_id"
                " WHERE p.granted_kopecks > p.requested_kopecks OR p.granted_kopecks < c.min_grant_kopecks")
    assert out == [], repr(out)
    out = q(db, "SELECT c.id, SUM(p.granted_kopecks), c.fund_kopecks FROM competitions c"
                " JOIN projects p ON p.competition_id = c.id GROUP BY c.id, c.fund_kopecks"
                " HAVING SUM(p.granted_kopecks) > c.fund_kopecks")
    assert out == [], repr(out)
    # a published competition's winners and amounts are the commission's marks
    out = q(db, "SELECT p.id FROM projects p JOIN competitions c ON c.id = p.competition_id"
                " LEFT JOIN commission_marks m ON m.project_id = p.id WHERE c.published_at IS NOT NULL"
                " AND p.status IN ('winner', 'not_winner') AND (m.project_id IS NULL"
                "  OR m.winner <> (p.status = 'winner') OR NOT (m.granted_kopecks <=> p.granted_kopecks))")
    assert out == [], repr(out)


# ---- names and numbers --------------------------------------------------------

def test_no_title_or_text_is_told_twice(db):
    for col in ("title", "summary", "problem", "goal", "results"):
        out = q(db, f"SELECT {col}, COUNT(*) FROM projects WHERE status <> 'draft'"
                    f" GROUP BY {col} HAVING COUNT(*) > 1")
        assert out == [], f"projects.{col} repeated: {out[:5]}"
    for col in ("full_name", "short_name", "inn", "ogrn", "head_name", "email", "phone", "description"):
        out = q(db, f"SELECT {col}, COUNT(*) FROM organizations GROUP BY {col} HAVING COUNT(*) > 1")
        assert out == [], f"organizations.{col} repeated: {out[:5]}"
    assert q(db, "SELECT title FROM news GROUP BY title HAVING COUNT(*) > 1") == []


def test_every_application_has_its_one_number(db):
    """Drafts too carry the registry number (GF-<competition>-<id>, 017),
    the one the applicant sees everywhere."""
    rows = q(db, "SELECT id, competition_id, number FROM projects")
    bad = [r for r in rows if r[2] != f"GF-{r[1]}-{int(r[0]):05d}"]
    assert not bad, bad[:5]


def test_organizations_have_valid_numbers_and_a_real_address(db):
    for oid, inn, ogrn, kpp, addr, muni in q(db, "SELECT o.id, o.inn, o.ogrn, o.kpp, o.address, m.name"
                                                 " FROM organizations o JOIN municipalities m"
                                                 " ON m.id = o.municipality_id"):
        assert inn_ok(inn) and ogrn_ok(ogrn), (oid, inn, ogrn)
        assert re.fullmatch(r"\d{4}01001", kpp) and kpp[:4] == inn[:4], (oid, inn, kpp)
        assert re.match(r"35[0-4]\d{3}, Краснодарский край, ", addr), (oid, addr)
    for (inn,) in q(db, "SELECT inn FROM expert_orgs"):
        assert inn_ok(inn), inn
    # registered before it joined the platform, which was before its first application
    out = q(db, "SELECT o.id FROM organizations o WHERE o.registered_on IS NULL"
                " OR o.registered_on >= DATE(o.created_at) OR o.created_at > (SELECT MIN(p.created_at)"
                "  FROM projects p WHERE p.org_id = o.id)")
    assert out == [], repr(out)


def test_an_organization_applies_once_per_competition(db):
    out = q(db, "SELECT p.competition_id, p.org_id, COUNT(*) FROM projects p JOIN competitions c"
                " ON c.id = p.competition_id WHERE p.status <> 'withdrawn'"
                " GROUP BY p.competition_id, p.org_id, c.apps_per_org HAVING COUNT(*) > c.apps_per_org")
    assert out == [], repr(out)


# ---- criteria ---------------------------------------------------------------

def test_criteria_weigh_more_than_zero_and_make_a_hundred_point_scale(db):
    assert q(db, "SELECT competition_id, name, weight FROM criteria WHERE weight <= 0") == []
    out = q(db, "SELECT c.id, COALESCE(SUM(cr.weight), 0), COUNT(cr.id) FROM competitions c"
                " LEFT JOIN criteria cr ON cr.competition_id = c.id GROUP BY c.id"
                " HAVING COUNT(cr.id) = 0 OR SUM(cr.weight) <> 10")
    assert out == [], "each competition's weights sum to 10 (10 points × 10 = 100): " + repr(out)


# ---- dates and times ----------------------------------------------------------

def test_applications_are_started_and_submitted_inside_their_intake(db):
    out = q(db, "SELECT p.id, p.created_at, p.submitted_at, c.opens_at, c.closes_at FROM projects p"
                " JOIN competitions c ON c.id = p.competition_id WHERE p.created_at < c.opens_at"
                " OR p.created_at > c.closes_at OR p.submitted_at < p.created_at"
                " OR p.submitted_at >= c.closes_at")
    assert out == [], repr(out[:10])
    # a receipt: the first one inside the intake, a later one (after a return) before its due date
    out = q(db, "SELECT r.id, r.project_id FROM receipts r JOIN projects p ON p.id = r.project_id"
                " JOIN competitions c ON c.id = p.competition_id"
                " WHERE r.submitted_at < c.opens_at OR (r.submitted_at >= c.closes_at AND NOT EXISTS"
                "  (SELECT 1 FROM compliance_decisions d WHERE d.project_id = r.project_id"
                "   AND d.decision = 'return' AND d.created_at < r.submitted_at AND r.submitted_at < d.due_at))")
    assert out == [], repr(out)


# (table, key, column): what people did, and when
ACTIONS = [
    ("competitions", "id", "created_at"), ("competitions", "id", "published_at"),
    ("organizations", "id", "created_at"), ("users", "id", "created_at"), ("users", "id", "confirmed_at"),
    ("projects", "id", "created_at"), ("projects", "id", "submitted_at"), ("projects", "id", "updated_at"),
    ("receipts", "id", "submitted_at"), ("application_sections", "project_id", "saved_at"),
    ("compliance_decisions", "id", "created_at"), ("staff_notes", "id", "created_at"),
    ("audit_log", "id", "at"), ("news", "id", "published_at"), ("news", "id", "created_at"),
    ("expert_profiles", "user_id", "updated_at"), ("competition_experts", "user_id", "added_at"),
    ("assignments", "id", "assigned_at"), ("assignments", "id", "declared_at"),
    ("assignments", "id", "declined_at"), ("assignments", "id", "saved_at"),
    ("assignments", "id", "submitted_at"), ("assignments", "id", "notified_at"),
    ("commission_marks", "project_id", "updated_at"), ("commission_decisions", "competition_id", "recorded_at"),
]


@pytest.mark.parametrize("table,key,col", ACTIONS, ids=[f"{t}.{c}" for t, _, c in ACTIONS])
def test_people_act_in_working_hours_moscow_time_and_not_in_the_future(db, table, key, col):
    msk = f"({col} + INTERVAL 3 HOUR)"
    out = q(db, f"SELECT {key}, {msk} FROM {table} WHERE {col} IS NOT NULL"
                f" AND (TIME({msk}) < '08:00:00' OR TIME({msk}) > '21:00:00' OR {col} > NOW())")
    assert out == [], f"{table}.{col} (MSK) outside 08:00–21:00 or in the future: {out[:10]}"
    assert q(db, f"SELECT COUNT(*) FROM {table} WHERE {col} IS NOT NULL") != [["0"]], "nothing to check"


def test_the_operators_dates_are_set_in_working_hours(db):
    for col in ("opens_at", "closes_at", "review_due"):
        out = q(db, f"SELECT id, {col} + INTERVAL 3 HOUR FROM competitions WHERE {col} IS NOT NULL"
                    f" AND TIME({col} + INTERVAL 3 HOUR) NOT BETWEEN '08:00:00' AND '21:00:00'")
        assert out == [], f"competitions.{col} (MSK): {out}"


def test_stages_fit_their_dates(db):
    bad = []
    for cid, stage, opens, closes, published, decided, review_due, start, end, now in q(db, """
            SELECT c.id, c.stage, c.opens_at, c.closes_at, COALESCE(c.published_at, ''),
                   (SELECT COUNT(*) FROM commission_decisions d WHERE d.competition_id = c.id),
                   COALESCE(c.review_due, ''), c.impl_start, c.impl_end, NOW()
            FROM competitions c"""):
        checks = {
            "opens before it closes": opens < closes,
            "announced: intake not open yet": stage != "announced" or opens > now,
            "intake: opened": stage != "intake" or opens <= now,
            "after intake: closed": stage in ("announced", "intake") or closes < now,
            "review: experts' deadline after the intake": stage != "review" or review_due > closes,
            "results: published, decided": stage not in ("results", "reporting", "closed")
                                            or ("" < published <= now and decided == "1"),
            "not published before the results": stage in ("results", "reporting", "closed") or not published,
            "implemented after the intake": start > closes[:10] and end > start,
            "implemented once the results are out": (start >= published[:10] if published
                                                     else start > now[:10]),
            "closed: implemented": stage != "closed" or end < now[:10],
        }
        bad += [(cid, stage, what) for what, ok in checks.items() if not ok]
    assert bad == []
    assert q(db, "SELECT id FROM competitions WHERE created_at > opens_at") == []


# ---- the state machine ----------------------------------------------------------

def test_statuses_are_reachable_and_fit_the_competitions_stage(db):
    reach = reachable()
    for pid, status, stage, overdue, exhibit, consent, blind in q(
            db, "SELECT p.id, p.status, c.stage, COALESCE(p.return_due < NOW(), 0), p.exhibit,"
                " p.consent_publish, c.blind_review FROM projects p JOIN competitions c"
                " ON c.id = p.competition_id"):
        assert status in reach, f"project {pid}: {status} is not reachable from draft"
        assert status in STAGE_STATUSES[stage], f"project {pid}: {status} at the stage {stage}"
        assert status != "returned" or stage == "intake" or overdue == "1", pid
        # the exhibition as staff_app.c and publish.c keep it: admitted with the
        # consent to publish, unless the review is blind until the results;
        # «Реализован» only once the competition is closed
        shown = consent == "1" and status in ("admitted", "scored", "winner", "not_winner") and \
            (blind == "0" or status in ("winner", "not_winner"))
        want = "none" if not shown else "applicant" if status != "winner" else \
            "completed" if stage == "closed" else "winner"
        assert exhibit == want, f"project {pid}: exhibit {exhibit}, want {want}"


def test_each_application_has_a_history_that_walks_the_state_machine(db):
    table = transitions()
    actions = {a for _, _, a in table}
    hist = {}
    for pid, action, frm, to in q(db, "SELECT object_id, action, from_state, to_state FROM audit_log"
                                      " WHERE object_type = 'project' ORDER BY id"):
        if action in actions:
            hist.setdefault(pid, []).append((frm, to, action))
    for pid, status, receipts, decisions in q(db, """
            SELECT p.id, p.status, (SELECT COUNT(*) FROM receipts r WHERE r.project_id = p.id),
                   (SELECT COUNT(*) FROM compliance_decisions d WHERE d.project_id = p.id)
            FROM projects p"""):
        state = "draft"
        for step in hist.get(pid, []):
            assert step in table and step[0] == state, f"project {pid}: {step} after {state}"
            state = step[1]
        assert state == status, f"project {pid}: history ends at {state}, status is {status}"
        steps = [a for _, _, a in hist.get(pid, [])]
        assert int(receipts) == steps.count("submit") + steps.count("resubmit"), pid
        assert int(decisions) == sum(steps.count(a) for a in ("admit", "return", "reject")), pid


def test_the_audit_chain_of_the_demo_is_intact(db):
    r = subprocess.run([f"{BUILD}/gf-audit", "verify"], capture_output=True, text=True,
                       env=dict(os.environ, GF_CONFIG=f"{DIR}/tmp/{db}.hdf"))
    assert r.returncode == 0 and "chain intact" in r.stdout, r.stdout + r.stderr


# ---- the applications as submitted -------------------------------------------

def test_budgets_add_up_to_the_request_and_the_card_fits_the_competition(db):
    cats = {}
    for cid, code in q(db, "SELECT competition_id, code FROM budget_categories"):
        cats.setdefault(cid, set()).add(code)
    dirs = {}
    for cid, d in q(db, "SELECT competition_id, direction_id FROM competition_directions"):
        dirs.setdefault(cid, set()).add(d)
    rows = q(db, """SELECT p.id, p.competition_id, p.title, p.direction_id, p.municipality_id,
                           p.requested_kopecks, p.cofin_kopecks, p.starts_on, p.ends_on, p.frozen,
                           p.receipt_sha256, c.impl_start, c.impl_end, c.max_months,
                           (SELECT r.sha256 FROM receipts r WHERE r.project_id = p.id ORDER BY r.id DESC LIMIT 1)
                    FROM projects p JOIN competitions c ON c.id = p.competition_id
                    WHERE p.status <> 'draft'""")
    assert rows
    for (pid, cid, title, direction, muni, req, cofin, starts, ends, frozen, sha, lo, hi, months,
         receipt) in rows:
        assert frozen != "NULL", f"project {pid} has no frozen application"
        assert sha == receipt == hashlib.sha256(frozen.encode()).hexdigest(), pid
        app = json.loads(frozen)
        card, budget = app["Sections"]["card"], app["Sections"]["budget"]
        assert (card["title"], card["direction"], card["municipality"]) == (title, direction, muni), pid
        assert direction in dirs[cid], f"project {pid}: direction {direction} not in competition {cid}"
        assert (card["starts_on"], card["ends_on"]) == (starts, ends) and lo <= starts <= ends <= hi, pid
        y1, m1, d1 = map(int, starts.split("-"))
        y2, m2, d2 = map(int, ends.split("-"))
        assert (y2 - y1) * 12 + (m2 - m1) + (d2 >= d1) <= int(months), pid
        tasks = [t for t in card["tasks"].split("\n") if t.strip()]
        events = list(app["Sections"]["plan"]["e"].values())
        assert {int(e["task"]) for e in events} == set(range(1, len(tasks) + 1)), pid
        assert all(starts <= e["starts_on"] <= e["ends_on"] <= ends for e in events), pid
        assert card["ind"] and app["Sections"]["team"]["m"], pid
        total = co = 0
        for line in budget["b"].values():
            line_total = kopecks(line["price"]) * int(line["qty"])
            line_cofin = kopecks(line["cofin"]) if line["cofin"] else 0
            assert line["cat"] in cats[cid], f"project {pid}: category {line['cat']}"
            assert int(line["total_k"]) == line_total, (pid, line)
            assert int(line["requested_k"]) == line_total - line_cofin, (pid, line)
            assert 0 <= line_cofin <= line_total, (pid, line)
            total += line_total
            co += line_cofin
        t = budget["Totals"]
        assert (int(t["total"]), int(t["cofin"]), int(t["requested"])) == (total, co, total - co), pid
        assert (int(req), int(cofin)) == (total - co, co), f"project {pid}: budget {total - co}/{co}"


def full_months(a, b):
    """Whole months from date a to date b, as grant/compliance.c counts them."""
    (ay, am, ad), (by, bm, bd) = (map(int, a.split("-")), map(int, b.split("-")))
    return (by - ay) * 12 + (bm - am) - (bd < ad)


def test_admitted_applications_pass_the_checklists_automatic_rules(db):
    rows = q(db, """SELECT p.id, p.frozen, o.registered_on, DATE(c.closes_at + INTERVAL 3 HOUR),
                           (SELECT param FROM competition_checklist k WHERE k.competition_id = c.id
                            AND k.rule = 'org_age')
                    FROM projects p JOIN organizations o ON o.id = p.org_id
                    JOIN competitions c ON c.id = p.competition_id
                    WHERE p.status IN ('admitted', 'scored', 'winner', 'not_winner')""")
    assert rows
    for pid, frozen, registered, closes, months in rows:
        files = json.loads(frozen)["Sections"].get("files", {}).get("a", {}).values()
        assert any(f["kind"] == "Устав" for f in files), f"project {pid} admitted without a charter"
        assert full_months(registered, closes) >= int(months), f"project {pid}: organization too young"


def test_attached_files_are_stored_and_frozen_as_they_are(db):
    rows = q(db, "SELECT a.project_id, a.id, a.kind, a.orig_name, a.mime, a.size, a.sha256, a.stored_name,"
                 " p.frozen FROM attachments a JOIN projects p ON p.id = a.project_id")
    assert rows
    for pid, aid, kind, name, mime, size, sha, stored, frozen in rows:
        with open(f"{DIR}/files/{stored[:2]}/{stored}", "rb") as f:
            data = f.read()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (int(size), sha), stored
        files = list(json.loads(frozen)["Sections"]["files"]["a"].values())
        assert {"id": aid, "kind": kind, "orig_name": name, "mime": mime, "size": size,
                "sha256": sha} in files, pid


# ---- the review -------------------------------------------------------------

def test_totals_scores_and_divergences_are_counted_as_review_c_does(db):
    crit = {}
    for cid, crid, mx, w in q(db, "SELECT competition_id, id, max_score, weight FROM criteria"):
        crit.setdefault(cid, {})[crid] = (int(mx), float(w))
    scores = {}
    for aid, crid, score in q(db, "SELECT assignment_id, criterion_id, score FROM scores"):
        scores.setdefault(aid, {})[crid] = int(score)
    apps = {}
    for aid, pid, cid, origin, state, total in q(db, "SELECT id, project_id, competition_id, origin, state,"
                                                     " COALESCE(total, '') FROM assignments ORDER BY id"):
        apps.setdefault(pid, []).append((aid, origin, state, total))
        if state == "submitted":
            cs = crit[cid]
            got = sum(scores[aid][c] * w for c, (_, w) in cs.items() if w > 0)
            best = sum(m * w for m, w in cs.values() if w > 0)
            assert set(scores[aid]) == set(cs), f"assignment {aid}: not every criterion scored"
            assert float(total) == round(100 * got / best + 1e-9, 2), f"assignment {aid}: {total}"
    for pid, status, score, per, diverge in q(db, "SELECT p.id, p.status, COALESCE(p.score, ''),"
                                                  " c.experts_per_app, c.divergence FROM projects p"
                                                  " JOIN competitions c ON c.id = p.competition_id"
                                                  " WHERE p.status IN ('admitted', 'scored', 'winner',"
                                                  " 'not_winner')"):
        mine = apps.get(pid, [])
        done = [float(t) for _, _, s, t in mine if s == "submitted"]
        pending = [a for a, _, s, _ in mine if s == "assigned"]
        first = [float(t) for _, o, s, t in mine if s == "submitted" and o != "divergence"]
        diverged = len(first) >= 2 and round(max(first) - min(first), 2) > int(diverge)
        extra = [a for a, o, _, _ in mine if o == "divergence"]
        assert diverged == bool(extra), f"project {pid}: totals {first}, extra expert {extra}"
        ready = not pending and len(done) >= int(per) + (1 if diverged else 0)
        if status == "admitted":
            assert not ready and score == "", f"project {pid} would be scored"
        else:
            assert ready and float(score) == round(sum(done) / len(done) + 1e-9, 2), (pid, done, score)
    # never an expert with a conflict of interest, always one of the competition's pool
    assert q(db, "SELECT a.id FROM assignments a JOIN projects p ON p.id = a.project_id"
                 " JOIN organizations o ON o.id = p.org_id JOIN expert_orgs e ON e.user_id = a.expert_id"
                 " AND e.inn = o.inn WHERE a.state <> 'declined'") == []
    assert q(db, "SELECT a.id FROM assignments a LEFT JOIN competition_experts ce ON ce.competition_id ="
                 " a.competition_id AND ce.user_id = a.expert_id WHERE ce.user_id IS NULL") == []
    # in order: assigned, declared, saved, submitted; before the experts' deadline
    assert q(db, "SELECT a.id FROM assignments a JOIN competitions c ON c.id = a.competition_id"
                 " WHERE a.declared_at < a.assigned_at OR a.saved_at < a.declared_at"
                 " OR a.submitted_at < a.saved_at OR a.submitted_at > c.review_due"
                 " OR a.assigned_at < c.closes_at") == []
    assert q(db, "SELECT id FROM competitions WHERE stage IN ('review', 'commission', 'results',"
                 " 'reporting', 'closed') AND (review_due IS NULL OR review_due <= closes_at)") == []


# ---- weights where people read them (the live stack) ----------------------------

WEIGHT = re.compile(r"^\d+(,\d*[1-9])?$")   # 2, 0,5, 1,25: a comma and no trailing zeros


def test_weights_print_with_a_decimal_comma_on_the_competition_page():
    page = requests.get(f"{URL}/competitions/1").text
    table = page.split("<h2>Критерии оценки</h2>")[1].split("</table>")[0]
    weights = re.findall(r"<tr><td>[^<]+</td><td>0–\d+</td><td>([^<]*)</td></tr>", table)
    assert len(weights) == 10 and all(WEIGHT.match(w) for w in weights), weights
    assert any("," in w for w in weights)


def test_weights_print_with_a_decimal_comma_for_staff_and_experts():
    staff = requests.Session()
    assert login(staff, "staff@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    page = staff.get(f"{URL}/staff/competitions/1/criteria").text
    total = re.search(r"сумма весов: <strong>([^<]+)</strong>", page).group(1)
    assert WEIGHT.match(total), total
    expert = requests.Session()
    assert login(expert, "expert@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    # the scoring form (302: declared, a draft saved) and a submitted score's table (301)
    page = expert.get(f"{URL}/expert/applications/302").text
    weights = re.findall(r"\(вес ([^)]+)\)</legend>", page)
    table = expert.get(f"{URL}/expert/applications/301").text.split('<table id="scores">')[1]
    weights += re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>\d+ из \d+</td>", table.split("</table>")[0])
    assert len(weights) == 20 and all(WEIGHT.match(w) for w in weights), weights
    assert any("," in w for w in weights)
