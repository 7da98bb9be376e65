"""A competition at the review stage with admitted applications and a pool of
experts, shared by the HTTP and browser tests of the experts, the staff's
assignment page, the commission and the published results.

    rv = Review(apps=2, experts=3)           # fresh competition, stage review
    rv.comp                                  # its id
    rv.apps                                  # [(Ngo, project id), ...] admitted
    rv.experts                               # [(email, password, user id), ...]
    rv.session(rv.experts[0])                # a logged-in requests.Session

Each application is filed for real (the Ngo helper fills and submits it
while the competition's intake is open: frozen content and receipts as in
production); then the intake is closed, the applications admitted and the
competition moved to review by SQL, as staff would have done on their pages.
"""
import re
import uuid

import requests

from applicant import Ngo
from conftest import DEMO_PASSWORD, URL, csrf_of, login, make_user, sql

PASSWORD = "expert-password-123"


def user_id(email_addr):
    return int(sql(f"SELECT id FROM users WHERE email = '{email_addr}'")[0][0])


class Review:
    def __init__(self, apps=2, experts=3, per=2, divergence=30, blind=0,
                 fund=100_000_000, min_grant=100_000, max_grant=60_000_000,
                 title=None, org_names=None, admit_by_staff=False):
        """Amounts in kopecks. org_names: short names of the applicants'
        organizations (distinct ones make leaks easy to search for).
        admit_by_staff: staff admit each application on their page (the
        production path, with what it does to the exhibition) instead of
        by SQL."""
        tag = uuid.uuid4().hex[:8]
        self.title = title or f"Конкурс экспертизы {tag}"
        sql(f"""INSERT INTO competitions (title, description, stage, fund_kopecks, min_grant_kopecks,
                  max_grant_kopecks, cofin_min_pct, opens_at, closes_at, impl_start, impl_end,
                  experts_per_app, divergence, blind_review, created_at)
                SELECT '{self.title}', description, 'intake', {fund}, {min_grant}, {max_grant},
                  cofin_min_pct, opens_at, closes_at, impl_start, impl_end, {per}, {divergence},
                  {blind}, NOW() FROM competitions WHERE id = 1""")
        self.comp = int(sql(f"SELECT id FROM competitions WHERE title = '{self.title}'")[0][0])
        c = self.comp
        sql(f"""INSERT INTO competition_directions (competition_id, direction_id)
                  SELECT {c}, direction_id FROM competition_directions WHERE competition_id = 1;
                INSERT INTO criteria (competition_id, name, description, max_score, weight, sort)
                  SELECT {c}, name, description, max_score, weight, sort FROM criteria
                  WHERE competition_id = 1;
                INSERT INTO budget_categories (competition_id, code, name)
                  SELECT {c}, code, name FROM budget_categories WHERE competition_id = 1""")
        self.apps = []
        for i in range(apps):
            ngo = Ngo()
            if org_names:
                sql(f"""UPDATE organizations o JOIN org_members m ON m.org_id = o.id
                        JOIN users u ON u.id = m.user_id SET o.short_name = '{org_names[i]}',
                        o.full_name = 'Автономная некоммерческая организация «{org_names[i]}»'
                        WHERE u.email = '{ngo.email}'""")
            app = ngo.new_app(comp=str(c))
            ngo.fill(app)
            r = ngo.submit(app)
            assert r.status_code == 303, r.text
            self.apps.append((ngo, app))
        if admit_by_staff:
            staff = self.session("staff@demo.grantfair.local")
            for _, app in self.apps:
                page = staff.get(f"{URL}/staff/applications/{app}").text
                r = staff.post(f"{URL}/staff/applications/{app}/decision", allow_redirects=False, data={
                    "csrf": csrf_of(page), "decision": "admit",
                    "status": re.search(r'name="status" value="([^"]*)"', page).group(1),
                    "version": re.search(r'name="version" value="([^"]*)"', page).group(1)})
                assert r.status_code == 303, r.text
        sql(f"""UPDATE competitions SET stage = 'review', closes_at = NOW() - INTERVAL 1 DAY,
                  review_due = NOW() + INTERVAL 10 DAY WHERE id = {c};
                UPDATE projects SET status = 'admitted',
                  exhibit = IF(consent_publish = 1 AND {blind} = 0, 'applicant', exhibit)
                  WHERE competition_id = {c} AND status = 'submitted'""")
        self.experts = []
        for i in range(experts):
            e = f"expert-{tag}-{i}@example.ru"
            make_user(e, roles="expert", password=PASSWORD, name=f"Эксперт Тестовый {i + 1}")
            uid = user_id(e)
            sql(f"INSERT INTO competition_experts (competition_id, user_id, added_at)"
                f" VALUES ({c}, {uid}, NOW())")
            self.experts.append((e, PASSWORD, uid))

    def session(self, who):
        """A logged-in session: an (email, password, id) of self.experts, or
        a demo account's email (password grantfair-demo)."""
        email_addr, password = (who, DEMO_PASSWORD) if isinstance(who, str) else who[:2]
        s = requests.Session()
        r = login(s, email_addr, password)
        assert r.status_code == 303, r.text
        return s

    def assign(self, app, expert):
        """Assigns by SQL (the pages' own assignment is tested on its own)."""
        sql(f"""INSERT INTO assignments (competition_id, project_id, expert_id, origin, assigned_at)
                VALUES ({self.comp}, {app}, {expert[2]}, 'manual', NOW())""")

    def criteria(self):
        """[(id, max_score, weight)] of the competition, in order."""
        return [(int(i), int(m), float(w)) for i, m, w in
                sql(f"SELECT id, max_score, weight FROM criteria WHERE competition_id = {self.comp}"
                    f" ORDER BY sort, id")]
