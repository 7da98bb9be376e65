"""Publishing a competition's results (/staff/competitions/<id>/publish):
refused before the commission's decision and outside stage commission with
nothing changed; publishing sets winner / not winner, the granted amount,
the exhibition, stage results and published_at; every member of each
applicant organization gets one outcome mail with the per-criterion scores
and the experts' comments, never an expert's name or email; the exhibition
shows the winner; audit entries; a second publish is a 409 that changes and
mails nothing; only staff publish.

The scores, the commission's marks and its decision are made by SQL (their
own pages are tested on their own): `Commission` builds them on a fresh
competition of tests/review.py. test_results.py uses it too."""
import re
import time
import uuid

import pytest
import requests

from conftest import URL, csrf_of, login, make_user, sql, wait_for_mail
from review import Review

STAFF = "staff@demo.grantfair.local"
NB = "\u00a0"       # rub() groups digits with no-break spaces


def session(email, password="grantfair-demo"):
    s = requests.Session()
    assert login(s, email, password).status_code == 303
    return s


class Commission:
    """A competition in stage commission: `apps` admitted applications each
    scored by two experts (submitted assignments with per-criterion scores
    and comments), projects scored with the mean, the first `winners` of
    them marked winners with `granted` kopecks each (or granted[n] for the
    n-th), and, when `decided`, the commission's decision recorded."""

    def __init__(self, apps=2, winners=1, granted=50_000_000, decided=True, **review):
        self.rv = Review(apps=apps, experts=2, **review)
        self.tag = uuid.uuid4().hex[:8]
        self.comp = self.rv.comp
        self.granted = granted
        amount = (lambda n: granted[n]) if isinstance(granted, list) else (lambda n: granted)
        self.protocol = f"П-{self.tag}"
        crits = self.rv.criteria()
        self.comments = {}          # project id -> [texts only its applicant may read]
        self.scores = {}            # project id -> mean total, "87.50"
        for n, (ngo, app) in enumerate(self.rv.apps):
            totals, texts = [], []
            for j, expert in enumerate(self.rv.experts):
                sql(f"""INSERT INTO assignments (competition_id, project_id, expert_id, origin, state,
                          assigned_at, declared_at, submitted_at, overall_comment, total)
                        VALUES ({self.comp}, {app}, {expert[2]}, 'auto', 'submitted', NOW(), NOW(),
                          NOW() + INTERVAL {j} SECOND, 'Итог {self.tag} {app} эксперта {j}', 0)""")
                aid = sql(f"SELECT id FROM assignments WHERE project_id = {app}"
                          f" AND expert_id = {expert[2]}")[0][0]
                got = best = 0.0
                for k, (cid, mx, w) in enumerate(crits):
                    score = max(0, mx - n - j - k % 3)
                    text = f"Критерий {k} {self.tag} {app}/{j}"
                    sql(f"INSERT INTO scores (assignment_id, criterion_id, score, comment)"
                        f" VALUES ({aid}, {cid}, {score}, '{text}')")
                    got, best = got + score * w, best + mx * w
                    texts.append(text)
                total = round(100 * got / best, 2)
                sql(f"UPDATE assignments SET total = {total} WHERE id = {aid}")
                totals.append(total)
                texts.append(f"Итог {self.tag} {app} эксперта {j}")
            mean = f"{sum(totals) / len(totals):.2f}"
            self.scores[app] = mean
            self.comments[app] = texts
            sql(f"UPDATE projects SET status = 'scored', score = {mean} WHERE id = {app}")
            sql(f"""INSERT INTO commission_marks (project_id, competition_id, winner, granted_kopecks,
                      updated_at, updated_by)
                    VALUES ({app}, {self.comp}, {int(n < winners)},
                      {amount(n) if n < winners else 'NULL'}, NOW(), 1)""")
        self.winners = [app for n, (_, app) in enumerate(self.rv.apps) if n < winners]
        self.others = [app for n, (_, app) in enumerate(self.rv.apps) if n >= winners]
        sql(f"UPDATE competitions SET stage = 'commission' WHERE id = {self.comp}")
        if decided:
            self.decide()

    def decide(self):
        sql(f"""INSERT INTO commission_decisions (competition_id, decided_on, protocol_number, members,
                  recorded_at, recorded_by)
                VALUES ({self.comp}, '2026-11-20', '{self.protocol}', 'Иванов И. И.', NOW(), 1)""")

    def url(self):
        return f"{URL}/staff/competitions/{self.comp}/publish"

    def publish(self, s):
        page = s.get(self.url())
        assert page.status_code == 200
        return s.post(self.url(), data={"csrf": csrf_of(page.text)}, allow_redirects=False)

    def state(self):
        """Everything publishing changes, to compare before and after."""
        return (sql(f"SELECT stage, published_at FROM competitions WHERE id = {self.comp}"),
                sql(f"SELECT id, status, granted_kopecks, exhibit FROM projects"
                    f" WHERE competition_id = {self.comp} ORDER BY id"),
                sql(f"SELECT COUNT(*) FROM audit_log WHERE object_type = 'competition'"
                    f" AND object_id = {self.comp}"),
                outbox_count(self))


def outbox_count(c, *more):
    """Outcome mails queued for the applicants (and the addresses more)."""
    emails = "', '".join([ngo.email for ngo, _ in c.rv.apps] + list(more))
    return sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr IN ('{emails}')"
               f" AND subject LIKE 'Итоги конкурса%'")[0][0]


def number_of(app):
    return sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]


@pytest.fixture
def staff():
    return session(STAFF)


def test_refused_before_the_decision_with_nothing_changed(staff):
    c = Commission(decided=False)
    before = c.state()
    page = staff.get(c.url())
    assert page.status_code == 200
    assert "Решение комиссии ещё не записано" in page.text
    assert "Опубликовать итоги</button>" not in page.text
    assert "Сначала секретарь комиссии записывает решение комиссии" in page.text
    r = c.publish(staff)
    assert r.status_code == 409
    assert "Сначала секретарь комиссии записывает решение комиссии" in r.text
    assert c.state() == before
    # recorded: the button appears, with what publishing will do
    c.decide()
    page = staff.get(c.url()).text
    assert "Опубликовать итоги</button>" in page
    assert c.protocol in page and "20.11.2026" in page
    assert re.search(r"Станут победителями \(заявок\): <strong>1</strong>", page)
    assert re.search(r"Не прошли отбор: <strong>1</strong>", page)
    assert f"500{NB}000{NB}₽" in page
    assert f'href="/commission/{c.comp}/protocol"' in page


def test_refused_outside_stage_commission_with_nothing_changed(staff):
    c = Commission()
    sql(f"UPDATE competitions SET stage = 'review' WHERE id = {c.comp}")
    before = c.state()
    assert "Опубликовать итоги</button>" not in staff.get(c.url()).text
    r = c.publish(staff)
    assert r.status_code == 409 and "на этапе «Работа комиссии»" in r.text
    assert c.state() == before


def test_refused_while_an_admitted_application_is_unscored(staff):
    c = Commission()
    app = c.others[0]
    sql(f"UPDATE projects SET status = 'admitted', score = NULL WHERE id = {app}")
    before = c.state()
    page = staff.get(c.url()).text
    assert "Не все заявки оценены" in page and number_of(app) in page
    r = c.publish(staff)
    assert r.status_code == 409 and number_of(app) in r.text
    assert c.state() == before


def test_publish_sets_outcomes_stage_and_exhibition(staff):
    c = Commission()
    win, lose = c.winners[0], c.others[0]
    sql(f"UPDATE projects SET consent_publish = 1, exhibit = 'applicant'"
        f" WHERE competition_id = {c.comp}")
    r = c.publish(staff)
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == f"/staff/competitions/{c.comp}/publish?published=1&mailed=2"
    assert sql(f"SELECT status, granted_kopecks, exhibit FROM projects WHERE id = {win}") == \
        [["winner", str(c.granted), "winner"]]
    assert sql(f"SELECT status, granted_kopecks, exhibit FROM projects WHERE id = {lose}") == \
        [["not_winner", "NULL", "applicant"]]
    assert sql(f"SELECT stage, published_at IS NOT NULL, published_at > NOW() - INTERVAL 1 MINUTE"
               f" FROM competitions WHERE id = {c.comp}") == [["results", "1", "1"]]
    page = staff.get(URL + r.headers["Location"]).text
    assert "Итоги опубликованы. Писем с итогами заявителям: 2." in page
    assert "опубликовал(а): Кузнецова Мария Андреевна" in page
    assert f'href="/results/{c.comp}"' in page
    assert "Опубликовать итоги</button>" not in page
    # the exhibition as a visitor sees it: the winner's page and the listing
    # (anonymous pages may come from a worker's cache for Cache.PublicTTL s)
    anon = requests.Session()
    proj = anon.get(f"{URL}/projects/{win}")
    deadline = time.time() + 8
    while "Победитель" not in proj.text and time.time() < deadline:
        time.sleep(0.5)
        proj = anon.get(f"{URL}/projects/{win}")
    assert "Победитель" in proj.text and f"500{NB}000{NB}₽" in proj.text
    listing = anon.get(f"{URL}/projects?competition={c.comp}&status=winner")
    while f"/projects/{win}" not in listing.text and time.time() < deadline:
        time.sleep(0.5)
        listing = anon.get(f"{URL}/projects?competition={c.comp}&status=winner")
    item = listing.text.split(f'href="/projects/{win}"')[1].split("</li>")[0]
    assert "Победитель" in item and f"Грант: 500{NB}000{NB}₽" in item
    assert f'href="/projects/{lose}"' not in listing.text


def test_every_applicant_gets_one_outcome_mail_without_expert_names(staff):
    c = Commission()
    # a second member of the winner's organization gets their own mail
    ngo0, win = c.rv.apps[0]
    colleague = f"colleague-{c.tag}@example.ru"
    make_user(colleague, name="Коллега Тестовый")
    sql(f"INSERT INTO org_members (org_id, user_id) SELECT p.org_id, u.id FROM projects p, users u"
        f" WHERE p.id = {win} AND u.email = '{colleague}'")
    r = c.publish(staff)
    assert r.status_code == 303 and r.headers["Location"].endswith("mailed=3")
    experts = [(name, email) for email, _, uid in c.rv.experts
               for (name,) in sql(f"SELECT name FROM users WHERE id = {uid}")]
    for to, app, won in [(ngo0.email, win, True), (colleague, win, True),
                         (c.rv.apps[1][0].email, c.rv.apps[1][1], False)]:
        number = number_of(app)
        m = wait_for_mail(lambda m, to=to, number=number: m["To"] == to and number in str(m["subject"])
                          and str(m["subject"]).startswith("Итоги конкурса"))
        subject, body = str(m["subject"]), m.get_content()
        assert ("победитель" in subject) == won and ("не прошла отбор" in subject) == (not won)
        assert (f"Размер гранта: 500{NB}000{NB}₽" in body) == won
        assert f"Итоговый балл заявки: {c.scores[app].replace('.', ',')} из 100" in body
        assert "Эксперт 1 — итог" in body and "Эксперт 2 — итог" in body
        for text in c.comments[app]:
            assert text in body, text
        # the other application's comments are not in this mail
        other = c.rv.apps[1][1] if app == win else win
        assert not any(t in body for t in c.comments[other])
        for name, email in experts:
            assert name not in body and email not in body and name not in subject
        assert f"/results/{c.comp}" in body
    # one mail per member and application
    assert outbox_count(c, colleague) == "3"


def test_audit_entries_of_the_publication(staff):
    c = Commission()
    assert c.publish(staff).status_code == 303
    win, lose = c.winners[0], c.others[0]
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'project'"
               f" AND object_id = {win} ORDER BY id DESC LIMIT 1") == [["win", "scored", "winner"]]
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'project'"
               f" AND object_id = {lose} ORDER BY id DESC LIMIT 1") == \
        [["not_win", "scored", "not_winner"]]
    rows = sql(f"SELECT a.action, a.from_state, a.to_state, u.email FROM audit_log a"
               f" JOIN users u ON u.id = a.user_id WHERE a.object_type = 'competition'"
               f" AND a.object_id = {c.comp}")
    assert rows == [["publish", "commission", "results", STAFF]]


def test_second_publish_is_409_and_changes_or_mails_nothing(staff):
    c = Commission()
    page = staff.get(c.url()).text       # two tabs open on the same page
    assert c.publish(staff).status_code == 303
    after = c.state()
    assert after[3] == "2"
    r = staff.post(c.url(), data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert r.status_code == 409 and "уже опубликованы" in r.text
    assert c.state() == after
    # nothing twice: one audit entry, one mail each
    assert sql(f"SELECT COUNT(*) FROM audit_log WHERE object_type = 'project' AND action = 'win'"
               f" AND object_id = {c.winners[0]}") == [["1"]]


@pytest.mark.parametrize("who", ["expert", "secretary", "applicant"])
def test_others_may_not_publish(who):
    c = Commission()
    s = {"expert": lambda: c.rv.session(c.rv.experts[0]),
         "secretary": lambda: session("secretary@demo.grantfair.local"),
         "applicant": lambda: c.rv.apps[0][0].s}[who]()
    before = c.state()
    assert s.get(c.url()).status_code == 403
    # with a valid token of their own (from a page they may open)
    token = csrf_of(s.get(f"{URL}/account").text)
    assert s.post(c.url(), data={"csrf": token}, allow_redirects=False).status_code == 403
    assert c.state() == before


def test_administrator_reads_but_may_not_publish():
    c = Commission()
    # the demo administrator is also staff: a pure administrator
    email = f"admin-{c.tag}@example.org"
    admin = session(email, make_user(email, "admin"))
    page = admin.get(c.url())
    assert page.status_code == 200 and c.protocol in page.text
    assert "Опубликовать итоги</button>" not in page.text
    before = c.state()
    r = admin.post(c.url(), data={"csrf": csrf_of(page.text)}, allow_redirects=False)
    assert r.status_code == 403
    assert c.state() == before


def test_unknown_competition_is_404(staff):
    assert staff.get(f"{URL}/staff/competitions/99999999/publish").status_code == 404
