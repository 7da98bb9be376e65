"""Declared access, enforced: walks cgi-bin/MANIFEST and, for every web
program, compares what the program declares (`build/<name> --describe`)
with the manifest's URL patterns, then checks each route over real HTTP as
anonymous, applicant, expert, staff, secretary and admin, with GET and POST:

- a method the route does not take: 405 (with Allow), for everyone;
- a route that is not public, anonymous: 303 to /login?next=<path>;
- a signed-in user without the route's role: 403;
- a POST without the form's CSRF token, or with a wrong one: 403;
- a GET by someone allowed: none of the above (the page itself may still
  say 404 for an object that is not theirs).
"""
import os
import subprocess
import urllib.parse

import pytest
import requests

from conftest import BUILD, ROOT, URL, login, make_user

ROLES = ["applicant", "expert", "staff", "secretary", "admin"]
IDENTITIES = ["anonymous"] + ROLES


def manifest():
    progs = {}
    with open(os.path.join(ROOT, "cgi-bin", "MANIFEST"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, patterns, what = (part.strip() for part in line.split("|"))
            assert what, f"{name}: the manifest line says what it is"
            progs[name] = patterns.split()
    return progs


def describe(name):
    out = subprocess.run([os.path.join(BUILD, name), "--describe"], capture_output=True,
                         text=True, check=True, timeout=10).stdout
    routes, csrf = [], None
    for line in out.splitlines():
        kind, rest = line.split(" ", 1)
        if kind == "route":
            pattern, methods, roles = rest.split(" ")
            routes.append((pattern, set(methods.split(",")), roles))
        elif kind == "csrf":
            csrf = rest
    return routes, csrf


WEB = {name: patterns for name, patterns in manifest().items() if patterns != ["-"]}

# Who may use what, as the product means it: a declaration that drifts from
# this fails here, so a change of access is always a visible decision.
SECTION = "GET,POST applicant,staff,admin"
SPEC = {
    "/": "GET public", "/projects": "GET public", "/projects/#": "GET public",
    "/competitions/#": "GET public", "/news": "GET public", "/news/#": "GET public",
    "/ideas": "GET,POST public", "/login": "GET,POST public", "/logout": "GET,POST public",
    "/register": "GET,POST public", "/register/confirm": "GET,POST public",
    "/register/resend": "GET,POST public",
    "/reset": "GET,POST public", "/reset/new": "GET,POST public",
    "/account": "GET,POST users", "/account/email": "GET,POST users",
    "/org": "GET,POST applicant", "/org/join": "GET,POST applicant", "/org/logo/#": "GET public",
    "/cabinet": "GET users", "/cabinet/applicant": "GET applicant", "/cabinet/expert": "GET expert",
    "/cabinet/staff": "GET staff", "/cabinet/secretary": "GET secretary",
    "/cabinet/admin": "GET admin", "/my": "GET applicant",
    "/applications/new": "GET,POST applicant", "/applications/#": "GET applicant,staff,admin",
    "/applications/#/submit": "POST applicant", "/applications/#/withdraw": "GET,POST applicant",
    "/applications/#/card": SECTION, "/applications/#/team": SECTION,
    "/applications/#/plan": SECTION, "/applications/#/budget": SECTION,
    "/applications/#/consent": SECTION, "/applications/#/files": SECTION,
    "/files/#": "GET applicant,staff,admin",
    "/documents/#": "GET public",
    "/staff/competitions": "GET staff", "/staff/competitions/new": "GET,POST staff",
    "/staff/competitions/#": "GET,POST staff", "/staff/competitions/#/criteria": "GET,POST staff",
    "/staff/competitions/#/checklist": "GET,POST staff",
    "/staff/competitions/#/documents": "GET,POST staff",
    "/staff/competitions/#/budget": "GET,POST staff", "/staff/competitions/#/stage": "POST staff",
    "/staff/competitions/#/preview": "GET staff",
    "/staff/applications": "GET staff,admin", "/staff/applications.csv": "GET staff,admin",
    "/staff/applications.xlsx": "GET staff,admin",
    "/staff/audit": "GET staff,admin",
    "/staff/applications/#": "GET staff,admin", "/staff/applications/#/notes": "POST staff",
    "/staff/applications/#/decision": "POST staff",
    "/account/alerts": "POST staff", "/account/welcome": "GET,POST public",
    "/staff/ideas": "GET staff", "/staff/ideas/#": "GET,POST staff", "/staff/ideas.csv": "GET staff",
    "/projects/#/comment": "GET,POST public", "/staff/comments": "GET,POST staff",
    "/admin/users": "GET admin", "/admin/users/#": "GET,POST admin",
    "/admin/users/invite": "GET,POST admin",
    "/staff/competitions/#/review": "GET staff,admin",
    "/staff/competitions/#/review/auto": "POST staff",
    "/staff/competitions/#/review/pool": "POST staff",
    "/staff/competitions/#/review/assign": "POST staff",
    "/staff/competitions/#/review/due": "POST staff", "/staff/experts": "GET staff,admin",
    "/expert": "GET expert", "/expert/profile": "GET,POST expert",
    "/expert/applications/#": "GET expert", "/expert/applications/#/declare": "POST expert",
    "/expert/applications/#/scores": "POST expert", "/expert/files/#": "GET expert",
    "/commission": "GET staff,secretary,admin", "/commission/#": "GET staff,secretary,admin",
    "/commission/#/marks": "POST secretary", "/commission/#/decision": "POST secretary",
    "/commission/#/protocol": "GET staff,secretary,admin",
    "/commission/#/protocol.pdf": "GET staff,secretary,admin",
    # publish: administrators read the page; its POST handler lets only staff publish
    "/staff/competitions/#/publish": "GET,POST staff,admin",
    "/results": "GET public", "/results/data": "GET public", "/results/#": "GET public",
    "/results/#.csv": "GET public", "/results/#.json": "GET public",
    "/events": "GET public", "/events/#.ics": "GET public", "/events/#": "GET,POST public",
    "/events/cancel": "GET,POST public",
    "/staff/events": "GET staff", "/staff/events/new": "GET,POST staff",
    "/staff/events/#": "GET,POST staff", "/staff/events/#/registrations.csv": "GET staff",
    "/news/#/image": "GET public", "/news.atom": "GET public",
    "/staff/news": "GET staff", "/staff/news/new": "GET,POST staff", "/staff/news/#": "GET,POST staff",
    "/staff/news/#/unpublish": "GET,POST staff", "/staff/news/#/delete": "GET,POST staff",
    "/staff/news/upload/#": "GET staff",
    "/help": "GET public", "/help/*": "GET public",
    "/sitemap.xml": "GET public", "/sitemap/#.xml": "GET public", "/robots.txt": "GET public",
    "/competitions": "GET public", "/centres": "GET public", "/centres/#": "GET,POST public",
    "/staff/centres": "GET staff", "/staff/centres/new": "GET,POST staff",
    "/staff/centres/#": "GET,POST staff", "/staff/centres/#/requests": "GET,POST staff",
    "/stats": "GET public",
    "/projects/#/media": "GET,POST applicant,staff", "/media/#": "GET public",
    "/media/#/thumb": "GET public",
}


def test_every_route_has_the_access_the_product_means():
    declared = {}
    for name in WEB:
        for pattern, methods, roles in describe(name)[0]:
            order = [m for m in ("GET", "POST") if m in methods]
            declared[pattern] = f"{','.join(order)} {roles}"
    assert declared == SPEC


def test_manifest_lists_every_program_once_and_each_is_built():
    names = list(manifest())
    assert len(names) == len(set(names))
    for name in names:
        assert os.access(os.path.join(BUILD, name), os.X_OK), f"{name} is not built"
    # every program source in cgi-bin/ is in the manifest
    sources = {f[:-2] for f in os.listdir(os.path.join(ROOT, "cgi-bin")) if f.endswith(".c")}
    assert sources == set(names)


@pytest.mark.parametrize("name", sorted(WEB))
def test_program_declares_the_manifest_routes(name):
    routes, csrf = describe(name)
    declared = [r[0] for r in routes]
    assert sorted(declared) == sorted(p for p in WEB[name] if p != "/*")
    assert csrf == "checked", f"{name} exempts POSTs from CSRF: {csrf}"
    for pattern, methods, roles in routes:
        assert methods <= {"GET", "POST"} and methods
        assert roles == "public" or roles == "users" or set(roles.split(",")) <= set(ROLES)


@pytest.fixture(scope="module")
def sessions():
    """One signed-in session per role, each user holding exactly that role."""
    out = {"anonymous": None}
    for role in ROLES:
        email = f"access-{role}-{os.getpid()}@example.org"
        pw = make_user(email, role)
        s = requests.Session()
        r = login(s, email, pw)
        assert r.status_code == 303, f"login as {role}"
        out[role] = s
    yield out
    for s in out.values():
        if s:
            s.close()


def concrete(pattern):
    return pattern.replace("#", "1")


def allowed(roles, who):
    if roles == "public":
        return True
    if who == "anonymous":
        return False
    return roles == "users" or who in roles.split(",")


@pytest.mark.parametrize("who", IDENTITIES)
@pytest.mark.parametrize("name", sorted(WEB))
def test_access_is_what_the_program_declares(name, who, sessions):
    routes, _ = describe(name)
    s = sessions[who] or requests.Session()
    for pattern, methods, roles in routes:
        path = concrete(pattern)
        for method in ("GET", "POST"):
            r = s.request(method, URL + path, data={"csrf": "wrong"} if method == "POST" else None,
                          allow_redirects=False, timeout=10)
            where = f"{who} {method} {path} (declared {','.join(sorted(methods))} for {roles})"
            if method not in methods:
                assert r.status_code == 405, where
                allow = r.headers.get("Allow", "")
                assert all(m in allow for m in methods), where
                continue
            if roles != "public" and who == "anonymous":
                assert r.status_code == 303, where
                loc = r.headers["Location"]
                assert loc == "/login?next=" + urllib.parse.quote(path, safe=""), where
                continue
            if not allowed(roles, who):
                assert r.status_code == 403, where
                continue
            if method == "POST":
                # allowed, but the token is wrong: refused before the handler
                assert r.status_code == 403, where
                r = s.post(URL + path, data={}, allow_redirects=False, timeout=10)
                assert r.status_code == 403, where + " without a token"
                continue
            assert r.status_code not in (403, 405), where
            assert not r.headers.get("Location", "").startswith("/login"), where
