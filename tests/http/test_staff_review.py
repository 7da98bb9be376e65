"""Staff give a competition's admitted applications to experts
(/staff/competitions/<id>/review and its POSTs, /staff/experts): automatic
assignment with balanced load and matching directions, conflicts of interest
never assigned (automatically or by hand), manual add, remove and re-add,
declined assignments to replace, the stage guard, another competition's
application, the review deadline, the pool, audit entries, who may see and
change what."""
import datetime
import re
import uuid

import pytest
import requests

from conftest import URL, csrf_of, login, make_user, sql
from review import Review, user_id

STAFF = "staff@demo.grantfair.local"


def session(email_addr, password="grantfair-demo"):
    s = requests.Session()
    assert login(s, email_addr, password).status_code == 303
    return s


@pytest.fixture
def staff():
    return session(STAFF)


def page(s, comp, query=""):
    r = s.get(f"{URL}/staff/competitions/{comp}/review{query}")
    assert r.status_code == 200, r.status_code
    return r.text


def post(s, comp, what, **data):
    data["csrf"] = csrf_of(page(s, comp))
    return s.post(f"{URL}/staff/competitions/{comp}/review/{what}", data=data,
                  allow_redirects=False)


def active(app):
    """{expert id: origin} of an application's active assignments."""
    return {int(e): o for e, o in sql(f"SELECT expert_id, origin FROM assignments WHERE project_id"
                                      f" = {app} AND state IN ('assigned', 'submitted')")}


def rows(app):
    return sql(f"SELECT id, expert_id, state, origin, COALESCE(assigned_by, 0) FROM assignments"
               f" WHERE project_id = {app} ORDER BY id")


def audits(object_type, object_id, action):
    return sql(f"SELECT COALESCE(from_state, ''), COALESCE(to_state, ''), COALESCE(reason, '')"
               f" FROM audit_log WHERE object_type = '{object_type}' AND object_id = {object_id}"
               f" AND action = '{action}' ORDER BY id")


def number_of(app):
    return sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]


def inn_of(app):
    return sql(f"SELECT o.inn FROM projects p JOIN organizations o ON o.id = p.org_id"
               f" WHERE p.id = {app}")[0][0]


def text_of(html, element_id):
    m = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    assert m, f"no #{element_id} on the page"
    return re.sub(r"\s+", " ", m.group(1)).strip()


def declare_org(expert, inn, name="АНО «Прежнее место работы»"):
    sql(f"INSERT INTO expert_orgs (user_id, inn, name, relation) VALUES ({expert[2]}, '{inn}',"
        f" '{name}', 'член правления')")


# ---- automatic assignment ---------------------------------------------------

def test_auto_gives_each_admitted_application_its_experts_with_balanced_load(staff):
    rv = Review(apps=4, experts=4, per=2)
    r = post(staff, rv.comp, "auto")
    assert r.status_code == 303
    assert r.headers["Location"].startswith(f"/staff/competitions/{rv.comp}/review?auto=8")
    for _, app in rv.apps:
        got = active(app)
        assert len(got) == 2 and set(got.values()) == {"auto"}
        # each assignment is an entry of the audit chain
        assert len(audits("project", app, "assign")) == 2
    load = {e[2]: int(sql(f"SELECT COUNT(*) FROM assignments WHERE expert_id = {e[2]}")[0][0])
            for e in rv.experts}
    assert sorted(load.values()) == [2, 2, 2, 2]
    # each expert is told once, of both their applications
    for email_addr, _, _ in rv.experts:
        told = sql(f"SELECT body FROM outbox WHERE to_addr = '{email_addr}'"
                   f" AND subject LIKE 'Заявки на экспертизу:%'")
        assert len(told) == 1 and f"«{rv.title}»: 2." in told[0][0], told
    html = page(staff, rv.comp, "?auto=8")
    assert "Назначено автоматически: 8" in html
    assert text_of(html, "lacking") == "нет"
    # run again: nothing is lacking, nothing more is assigned
    r = post(staff, rv.comp, "auto")
    assert "auto=0" in r.headers["Location"]
    assert sum(len(active(app)) for _, app in rv.apps) == 8
    assert sql(f"SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Заявки на экспертизу: {rv.title}'")\
        == [["4"]]


def test_auto_prefers_experts_of_the_applications_direction(staff):
    rv = Review(apps=2, experts=4, per=2)
    (_, a), (_, b) = rv.apps
    d1 = int(sql(f"SELECT direction_id FROM projects WHERE id = {a}")[0][0])
    d2 = int(sql(f"SELECT direction_id FROM competition_directions WHERE competition_id = {rv.comp}"
                 f" AND direction_id <> {d1} ORDER BY direction_id LIMIT 1")[0][0])
    sql(f"UPDATE projects SET direction_id = {d2} WHERE id = {b}")
    # the lowest ids know b's direction, the highest a's: least load and
    # lowest id alone would give a the first two
    e = [x[2] for x in rv.experts]
    sql(f"INSERT INTO expert_directions (user_id, direction_id) VALUES ({e[0]}, {d2}),"
        f" ({e[1]}, {d2}), ({e[2]}, {d1}), ({e[3]}, {d1})")
    assert post(staff, rv.comp, "auto").status_code == 303
    assert set(active(a)) == {e[2], e[3]}
    assert set(active(b)) == {e[0], e[1]}


def test_an_expert_of_the_applicants_organization_is_never_assigned(staff):
    rv = Review(apps=1, experts=2, per=2)
    (_, app), = rv.apps
    bad, good = rv.experts
    declare_org(bad, inn_of(app))
    # automatically: the only expert left is still not taken
    r = post(staff, rv.comp, "auto")
    assert "auto=1" in r.headers["Location"]
    assert set(active(app)) == {good[2]}
    html = page(staff, rv.comp, "?auto=1")
    assert "Не хватило экспертов для заявок: " + number_of(app) in html
    # by hand: refused with the reason, nothing stored
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=bad[2])
    assert r.status_code == 409
    assert "конфликт интересов" in r.text and inn_of(app) in r.text
    assert not sql(f"SELECT id FROM assignments WHERE project_id = {app} AND expert_id = {bad[2]}")


def test_a_member_of_the_applicants_organization_is_refused(staff):
    rv = Review(apps=1, experts=1, per=1)
    (ngo, app), = rv.apps
    member, = rv.experts
    org = sql(f"SELECT org_id FROM projects WHERE id = {app}")[0][0]
    sql(f"INSERT INTO org_members (org_id, user_id) VALUES ({org}, {member[2]})")
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=member[2])
    assert r.status_code == 409 and "конфликт интересов" in r.text
    assert post(staff, rv.comp, "auto").headers["Location"].find("auto=0") > 0
    assert rows(app) == []


# ---- by hand ---------------------------------------------------------------

def test_add_remove_and_add_back_reuses_the_row(staff):
    rv = Review(apps=1, experts=3, per=2)
    (_, app), = rv.apps
    e = rv.experts[0]
    staff_id = user_id(STAFF)
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=e[2])
    assert r.status_code == 303 and f"#app-{app}" in r.headers["Location"]
    (row_id, expert, state, origin, by), = rows(app)
    assert (int(expert), state, origin, int(by)) == (e[2], "assigned", "manual", staff_id)
    assert audits("project", app, "assign")[-1][1:] == [f"эксперт № {e[2]}",
                                                        "Эксперт Тестовый 1 — вручную"]
    # the expert declares and starts a draft, then staff take the application back
    sql(f"UPDATE assignments SET declared_at = NOW(), saved_at = NOW(), overall_comment = 'черновик'"
        f" WHERE id = {row_id}")
    crit = sql(f"SELECT id FROM criteria WHERE competition_id = {rv.comp} LIMIT 1")[0][0]
    sql(f"INSERT INTO scores (assignment_id, criterion_id, score, comment) VALUES ({row_id}, {crit}, 5, 'x')")
    # twice: refused
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=e[2])
    assert r.status_code == 409 and "уже назначен" in r.text
    r = post(staff, rv.comp, "assign", action="remove", project=app, expert=e[2])
    assert r.status_code == 303
    assert [x[2] for x in rows(app)] == ["removed"]
    assert audits("project", app, "unassign")[-1][0] == f"эксперт № {e[2]}"
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=e[2])
    assert r.status_code == 303
    assert [(x[0], x[2]) for x in rows(app)] == [(row_id, "assigned")]
    # added back, they start afresh: the declaration again, no draft
    assert sql(f"SELECT declared_at IS NULL, saved_at IS NULL, overall_comment IS NULL,"
               f" (SELECT COUNT(*) FROM scores WHERE assignment_id = {row_id})"
               f" FROM assignments WHERE id = {row_id}") == [["1", "1", "1", "0"]]
    # a submitted score stays: its expert cannot be removed
    sql(f"UPDATE assignments SET state = 'submitted', total = 80, submitted_at = NOW()"
        f" WHERE id = {row_id}")
    r = post(staff, rv.comp, "assign", action="remove", project=app, expert=e[2])
    assert r.status_code == 409 and "отправил оценку" in r.text
    assert rows(app)[0][2] == "submitted"


def test_declined_assignment_shows_as_needing_a_replacement(staff):
    rv = Review(apps=1, experts=3, per=2)
    (_, app), = rv.apps
    e0, e1, e2 = rv.experts
    rv.assign(app, e0)
    rv.assign(app, e1)
    assert text_of(page(staff, rv.comp), "replace") == "нет"
    sql(f"UPDATE assignments SET state = 'declined', declined_at = NOW(), decline_reason ="
        f" 'Консультировал организацию' WHERE project_id = {app} AND expert_id = {e0[2]}")
    html = page(staff, rv.comp)
    assert text_of(html, "replace") == number_of(app)
    assert text_of(html, "lacking") == number_of(app)
    assert "Консультировал организацию" in html
    # the one who declined is not taken back; another one is
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=e0[2])
    assert r.status_code == 409
    r = post(staff, rv.comp, "assign", action="add", project=app, expert=e2[2])
    assert r.status_code == 303
    assert set(active(app)) == {e1[2], e2[2]}
    assert text_of(page(staff, rv.comp), "replace") == "нет"


def test_assignments_change_only_in_stage_review(staff):
    rv = Review(apps=1, experts=2, per=2)
    (_, app), = rv.apps
    sql(f"UPDATE competitions SET stage = 'commission' WHERE id = {rv.comp}")
    html = page(staff, rv.comp)
    csrf = csrf_of(html)
    assert f'action="/staff/competitions/{rv.comp}/review/assign"' not in html
    for what, data in (("assign", {"action": "add", "project": app, "expert": rv.experts[0][2]}),
                       ("auto", {})):
        r = staff.post(f"{URL}/staff/competitions/{rv.comp}/review/{what}",
                       data=dict(data, csrf=csrf), allow_redirects=False)
        assert r.status_code == 409, what
        assert "только на этапе экспертизы" in r.text
    assert rows(app) == []
    assert not audits("project", app, "assign")


def test_an_application_of_another_competition_is_not_found(staff):
    rv = Review(apps=1, experts=1, per=1)
    other = sql(f"SELECT id FROM projects WHERE competition_id <> {rv.comp} AND status <> 'draft'"
                f" ORDER BY id LIMIT 1")[0][0]
    for action in ("add", "remove"):
        r = post(staff, rv.comp, "assign", action=action, project=other, expert=rv.experts[0][2])
        assert r.status_code == 404
    assert rows(other) == [] or all(int(x[1]) != rv.experts[0][2] for x in rows(other))


def test_bad_assignment_input_is_refused(staff):
    rv = Review(apps=1, experts=1, per=1)
    (_, app), = rv.apps
    outsider = f"outside-{uuid.uuid4().hex[:8]}@example.ru"
    make_user(outsider, roles="expert")
    for expert in ("", "abc", str(user_id(outsider))):
        r = post(staff, rv.comp, "assign", action="add", project=app, expert=expert)
        assert r.status_code == 400, expert
        assert "из пула" in r.text
    r = post(staff, rv.comp, "assign", action="steal", project=app, expert=rv.experts[0][2])
    assert r.status_code == 400
    assert rows(app) == []


# ---- the deadline ----------------------------------------------------------

@pytest.mark.parametrize("value,message", [
    ("", "Укажите срок экспертизы"),
    ("завтра", "Дата и время по Москве"),
    ("2027-02-30T10:00", "Дата и время по Москве"),
    ("2020-01-01T10:00", "уже прошёл"),
])
def test_deadline_form_refuses_what_is_not_a_future_moscow_time(staff, value, message):
    rv = Review(apps=0, experts=0)
    before = sql(f"SELECT review_due FROM competitions WHERE id = {rv.comp}")
    r = post(staff, rv.comp, "due", review_due=value)
    assert r.status_code == 400
    assert message in r.text and 'id="err-review_due"' in r.text
    assert sql(f"SELECT review_due FROM competitions WHERE id = {rv.comp}") == before


def test_deadline_is_stored_in_utc_and_audited(staff):
    rv = Review(apps=0, experts=0)
    # more than a year ahead: a typo in the year
    far = (datetime.date.today() + datetime.timedelta(days=400)).isoformat() + "T18:00"
    r = post(staff, rv.comp, "due", review_due=far)
    assert r.status_code == 400 and "не позже чем через год" in r.text
    day = datetime.date.today() + datetime.timedelta(days=20)
    r = post(staff, rv.comp, "due", review_due=f"{day.isoformat()}T18:00")
    assert r.status_code == 303
    assert sql(f"SELECT review_due FROM competitions WHERE id = {rv.comp}")[0][0] == \
        f"{day.isoformat()} 15:00:00"
    html = page(staff, rv.comp)
    assert text_of(html, "due-now") == f"{day.strftime('%d.%m.%Y')} 18:00 (МСК)"
    assert f'value="{day.isoformat()}T18:00"' in html
    assert f"{day.strftime('%d.%m.%Y')} 18:00" in audits("competition", rv.comp, "update")[-1][2]


# ---- the pool ----------------------------------------------------------------

def test_pool_add_and_remove(staff):
    rv = Review(apps=1, experts=1, per=1)
    (_, app), = rv.apps
    busy, = rv.experts
    new = f"pool-{uuid.uuid4().hex[:8]}@example.ru"
    make_user(new, roles="expert", name="Новый Эксперт Пула")
    nid = user_id(new)
    in_pool = f"SELECT user_id FROM competition_experts WHERE competition_id = {rv.comp} ORDER BY user_id"
    html = page(staff, rv.comp)
    assert f'<option value="{nid}">' in html            # a candidate
    r = post(staff, rv.comp, "pool", action="add", expert=nid)
    assert r.status_code == 303
    assert [int(x[0]) for x in sql(in_pool)] == sorted([busy[2], nid])
    assert "добавлен Новый Эксперт Пула" in audits("competition", rv.comp, "update")[-1][2]
    # twice, or someone who is not an expert: refused
    assert post(staff, rv.comp, "pool", action="add", expert=nid).status_code == 400
    applicant = user_id("ngo@demo.grantfair.local")
    assert post(staff, rv.comp, "pool", action="add", expert=applicant).status_code == 400
    r = post(staff, rv.comp, "pool", action="remove", expert=nid)
    assert r.status_code == 303
    assert "убран Новый Эксперт Пула" in audits("competition", rv.comp, "update")[-1][2]
    # an expert with an assignment here stays
    rv.assign(app, busy)
    r = post(staff, rv.comp, "pool", action="remove", expert=busy[2])
    assert r.status_code == 409 and "есть назначения" in r.text
    assert [int(x[0]) for x in sql(in_pool)] == [busy[2]]


def test_pool_is_fixed_after_review(staff):
    rv = Review(apps=0, experts=1)
    sql(f"UPDATE competitions SET stage = 'commission' WHERE id = {rv.comp}")
    html = page(staff, rv.comp)
    assert f'action="/staff/competitions/{rv.comp}/review/pool"' not in html
    r = staff.post(f"{URL}/staff/competitions/{rv.comp}/review/pool", allow_redirects=False,
                   data={"csrf": csrf_of(html), "action": "remove", "expert": rv.experts[0][2]})
    assert r.status_code == 409
    assert len(sql(f"SELECT 1 FROM competition_experts WHERE competition_id = {rv.comp}")) == 1


# ---- the page and who sees it ------------------------------------------------

def test_page_shows_pool_directions_organizations_and_progress(staff):
    rv = Review(apps=2, experts=2, per=1)
    (_, a), (_, b) = rv.apps
    e0, e1 = rv.experts
    declare_org(e0, "7707083893", "Фонд «Старое место»")
    sql(f"INSERT INTO expert_directions (user_id, direction_id) SELECT {e0[2]}, direction_id"
        f" FROM projects WHERE id = {a}")
    rv.assign(a, e0)
    sql(f"UPDATE assignments SET state = 'submitted', total = 71.5 WHERE project_id = {a}")
    sql(f"UPDATE projects SET status = 'scored', score = 71.5 WHERE id = {a}")
    html = page(staff, rv.comp)
    assert text_of(html, "count-admitted") == "1" and text_of(html, "count-scored") == "1"
    assert text_of(html, "lacking") == number_of(b)
    assert "7707083893 — Фонд «Старое место»" in html
    row = re.search(rf'<tr id="expert-{e0[2]}">.*?</tr>', html, re.S).group(0)
    assert '<td class="load-submitted">1</td>' in row
    assert "71,50" in html


def test_admin_reads_the_page_without_forms():
    rv = Review(apps=1, experts=1, per=1)
    admin = f"admin-{uuid.uuid4().hex[:8]}@example.ru"
    s = session(admin, make_user(admin, roles="admin"))
    r = s.get(f"{URL}/staff/competitions/{rv.comp}/review")
    assert r.status_code == 200
    assert rv.experts[0][0] in r.text
    assert f'action="/staff/competitions/{rv.comp}/review' not in r.text
    assert "<select" not in r.text
    r = s.post(f"{URL}/staff/competitions/{rv.comp}/review/auto", data={"csrf": csrf_of(r.text)},
               allow_redirects=False)
    assert r.status_code == 403
    assert s.get(f"{URL}/staff/experts").status_code == 200


@pytest.mark.parametrize("who", ["expert@demo.grantfair.local", "secretary@demo.grantfair.local",
                                 "ngo@demo.grantfair.local"])
def test_other_roles_are_forbidden(who):
    s = session(who)
    comp = sql("SELECT MIN(id) FROM competitions")[0][0]
    for path in (f"/staff/competitions/{comp}/review", "/staff/experts"):
        assert s.get(URL + path, allow_redirects=False).status_code == 403


def test_unknown_competition_is_not_found(staff):
    assert staff.get(f"{URL}/staff/competitions/999999/review").status_code == 404


# ---- every expert ------------------------------------------------------------

def test_experts_page_lists_experts_and_filters_by_direction(staff):
    rv = Review(apps=0, experts=2)
    e0, e1 = rv.experts
    d = int(sql(f"SELECT MIN(direction_id) FROM competition_directions WHERE competition_id = {rv.comp}")[0][0])
    sql(f"INSERT INTO expert_directions (user_id, direction_id) VALUES ({e0[2]}, {d})")
    declare_org(e1, "7707083893", "Фонд «Прошлое»")
    html = staff.get(f"{URL}/staff/experts").text
    for e in (e0, e1):
        row = re.search(rf'<tr id="expert-{e[2]}">.*?</tr>', html, re.S).group(0)
        assert e[0] in row and rv.title in row
    assert "7707083893 — Фонд «Прошлое»" in html
    filtered = staff.get(f"{URL}/staff/experts?direction={d}").text
    assert f'id="expert-{e0[2]}"' in filtered and f'id="expert-{e1[2]}"' not in filtered
    # an unknown direction filters nothing
    assert f'id="expert-{e1[2]}"' in staff.get(f"{URL}/staff/experts?direction=99999").text


def test_the_add_list_offers_only_experts_who_can_still_take_the_application(staff):
    rv = Review(apps=1, experts=4, per=2)
    (_, app), = rv.apps
    assigned, declined, conflicted, free = rv.experts
    rv.assign(app, assigned)
    rv.assign(app, declined)
    sql(f"UPDATE assignments SET state = 'declined' WHERE project_id = {app} AND expert_id = {declined[2]}")
    declare_org(conflicted, inn_of(app))
    html = page(staff, rv.comp)
    select = re.search(rf'<select id="add-{app}" name="expert">(.*?)</select>', html, re.S).group(1)
    options = dict(re.findall(r'<option value="(\d*)"([^>]*)>', select))
    assert set(options) == {"", str(conflicted[2]), str(free[2])}
    assert "disabled" in options[str(conflicted[2])] and "disabled" not in options[str(free[2])]
    assert "конфликт интересов" in select
