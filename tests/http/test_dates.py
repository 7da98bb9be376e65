"""Dates as people here read and write them: pages show дд.мм.гггг
(YYYY-MM-DD stays where machines read it: <input type=date> values, CSV,
JSON); every date field takes 2027-02-01, 01.02.2027 and 1.2.2027 alike and
stores the one form; a date that is refused stays in its field as typed,
with the message next to it."""
import datetime
import html as H
import json
import re

from applicant import CARD, Ngo, dates, plan
from conftest import URL, csrf_of, sql
from test_commission import SECRETARY, commission, post_decision, post_marks, session
from test_drafts import stored_raw
from test_staff_app import comp, decide, due_tomorrow, staff, submitted  # noqa: F401 (fixtures)
from test_staff_competitions import create, save, stored

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible(page):
    """The text a person reads: no tags, attribute values or scripts."""
    page = re.sub(r"(?s)<script.*?</script>", "", page)
    return H.unescape(re.sub(r"<[^>]+>", " ", page))


def ru(iso):
    return datetime.date.fromisoformat(iso).strftime("%d.%m.%Y")


def loose(iso):
    """2027-02-01 as some people type it: 1.2.2027."""
    d = datetime.date.fromisoformat(iso)
    return f"{d.day}.{d.month}.{d.year}"


def field_input(page, name):
    m = re.search(rf'<input[^>]* name="{re.escape(name)}"[^>]*>', page)
    assert m, f"no input {name}"
    return m.group(0)


def test_pages_people_read_show_dates_as_dd_mm_yyyy():
    a = Ngo()
    app = a.new_app()
    a.fill(app)
    sql(f"UPDATE organizations SET registered_on = '2015-04-21' WHERE id ="
        f" (SELECT org_id FROM projects WHERE id = {app})")
    start, end = dates()
    assert a.submit(app).status_code == 303
    plan_page = visible(a.s.get(f"{URL}/applications/{app}/plan").text)
    assert f"с {ru(start)} по {ru(end)}" in plan_page
    whole = visible(a.s.get(f"{URL}/applications/{app}").text)
    assert f"{ru(start)} — {ru(end)}" in whole and "21.04.2015" in whole
    staff_page = visible(staff_session_get(f"/staff/applications/{app}"))
    assert f"{ru(start)} — {ru(end)}" in staff_page and "21.04.2015" in staff_page
    for path, text in [("plan", plan_page), ("whole", whole), ("staff", staff_page)]:
        assert not ISO.findall(text), (path, ISO.findall(text))


def staff_session_get(path):
    from test_staff_app import staff_session
    return staff_session().get(f"{URL}{path}").text


def test_section_dates_typed_either_way_are_stored_as_dates():
    a = Ngo()
    app = a.new_app()
    start, end = dates()
    r = a.section(app, "card", dict(CARD, starts_on=ru(start), ends_on=loose(end)))
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    data = json.loads(stored_raw(app, "card"))
    assert (data["starts_on"], data["ends_on"]) == (start, end)
    page = a.s.get(f"{URL}/applications/{app}/card").text
    assert f'type="date"' in field_input(page, "starts_on") and f'value="{start}"' in field_input(page, "starts_on")
    p = plan()
    p["e.0.starts_on"], p["e.1.ends_on"] = ru(p["e.0.starts_on"]), loose(p["e.1.ends_on"])
    r = a.section(app, "plan", p)
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    events = json.loads(stored_raw(app, "plan"))["e"]
    assert events["0"]["starts_on"] == plan()["e.0.starts_on"]
    assert events["1"]["ends_on"] == plan()["e.1.ends_on"]


def test_a_refused_date_stays_in_its_field_as_typed_with_the_message():
    """<input type=date> cannot show 31.02.2027: the browser would blank
    it. A value that is not a date comes back in a text field."""
    a = Ngo()
    app = a.new_app()
    start, end = dates()
    r = a.section(app, "card", dict(CARD, starts_on="31.02.2027", ends_on=end))
    assert r.status_code == 400
    field = field_input(r.text, "starts_on")
    assert 'type="text"' in field and 'value="31.02.2027"' in field
    assert 'type="date"' in field_input(r.text, "ends_on")
    assert "Такой даты нет в календаре" in r.text           # written right, but no such day
    page = a.s.get(f"{URL}/applications/{app}/card").text          # and so after reloading
    assert 'value="31.02.2027"' in field_input(page, "starts_on")
    p = plan()
    p["e.0.ends_on"] = "32.1.2027"
    r = a.section(app, "plan", p)
    assert r.status_code == 400
    field = field_input(r.text, "e.0.ends_on")
    assert 'type="text"' in field and 'value="32.1.2027"' in field


def test_organization_registration_date_either_way():
    a = Ngo()
    page = a.s.get(f"{URL}/org").text
    fields = dict(re.findall(r'<input id="[^"]+" name="([^"]+)" type="(?:text|tel|email|url|date)"'
                             r'[^>]* value="([^"]*)"', page))
    fields["municipality"] = "5"
    r = a.s.post(f"{URL}/org", data=dict(fields, csrf=csrf_of(page), registered_on="21.04.2015"),
                 allow_redirects=False)
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    org = f"(SELECT org_id FROM org_members m JOIN users u ON u.id = m.user_id WHERE u.email = '{a.email}')"
    assert sql(f"SELECT registered_on FROM organizations WHERE id = {org}") == [["2015-04-21"]]
    r = a.s.post(f"{URL}/org", data=dict(fields, csrf=csrf_of(page), registered_on="31.04.2015"))
    assert r.status_code == 400 and "дд.мм.гггг" in r.text


def test_competition_implementation_dates_either_way(staff):
    cid = create(staff)
    start = datetime.date.today() + datetime.timedelta(days=60)
    end = start + datetime.timedelta(days=300)
    r = save(staff, cid, impl_start=ru(start.isoformat()), impl_end=loose(end.isoformat()))
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    row = sql(f"SELECT impl_start, impl_end FROM competitions WHERE id = {cid}")[0]
    assert row == [start.isoformat(), end.isoformat()]
    before = stored(cid)
    r = save(staff, cid, impl_start="31.02.2027")
    assert r.status_code == 400 and "01.05.2027" in r.text and stored(cid) == before


def test_registry_and_audit_filters_take_dates_either_way(staff):
    r = staff.get(f"{URL}/staff/applications", params={"from": "1.1.2020", "to": "31.12.2030"})
    assert r.status_code == 200 and 'id="err-from"' not in r.text and 'id="err-to"' not in r.text
    assert 'value="2020-01-01"' in r.text and 'value="2030-12-31"' in r.text
    r = staff.get(f"{URL}/staff/applications", params={"from": "31.02.2020"})
    assert 'id="err-from"' in r.text and "дд.мм.гггг" in r.text
    r = staff.get(f"{URL}/staff/audit", params={"from": "01.03.2026", "to": "1.4.2026"})
    assert r.status_code == 200 and 'id="err-from"' not in r.text and 'id="err-to"' not in r.text
    assert 'value="2026-03-01"' in r.text and 'value="2026-04-01"' in r.text
    r = staff.get(f"{URL}/staff/audit", params={"from": "02.03.2026", "to": "1.3.2026"})
    assert r.status_code == 400 and "Конец периода раньше его начала" in r.text


def test_return_due_date_either_way(comp, staff):  # noqa: F811 (fixtures)
    _, app = submitted(comp)
    due = datetime.date.fromisoformat(due_tomorrow())
    r = decide(staff, app, "return", comment="Исправьте.", due_date=due.strftime("%d.%m.%Y"),
               due_time="18:00", items=comp[1]["none"])
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    assert sql(f"SELECT DATE_FORMAT(CONVERT_TZ(return_due, '+00:00', '+03:00'), '%Y-%m-%d %H:%i')"
               f" FROM projects WHERE id = {app}") == [[f"{due.isoformat()} 18:00"]]


def test_commission_decision_date_either_way():
    rv = commission([80])
    a = rv.apps[0][1]
    s = session(SECRETARY)
    assert post_marks(s, rv.comp, {a: (True, "5 000")}).status_code == 303
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    r = post_decision(s, rv.comp, date=f"{yesterday.day}.{yesterday.month}.{yesterday.year}")
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    assert sql(f"SELECT decided_on FROM commission_decisions WHERE competition_id = {rv.comp}") == \
        [[yesterday.isoformat()]]
    reason = sql(f"SELECT reason FROM audit_log WHERE object_type = 'competition'"
                 f" AND object_id = {rv.comp} AND action = 'decision'")[0][0]
    assert f"заседание {yesterday.strftime('%d.%m.%Y')}," in reason          # /staff/audit reads it
