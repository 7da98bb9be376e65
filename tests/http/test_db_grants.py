"""Least privilege: the read-only database account (gf_read, used by the
programs declared GF_DB_READ and by `gf-audit verify`) reads what those
programs read and nothing else — never a password hash, a session's
address, a one-time token, a mail in the outbox or a citizen's address."""
import glob
import os
import re
import subprocess

import pytest
import requests

from conftest import BUILD, DEMO_PASSWORD, DIR, ROOT, URL, login, sql


def as_reader(query):
    """Runs query as gf_read; the CompletedProcess (returncode, stdout, stderr)."""
    secrets = open(f"{DIR}/secrets.hdf").read()
    pw = re.search(r"^DB\.Read\.Password = (.*)$", secrets, re.M).group(1)
    return subprocess.run(["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-ugf_read",
                           f"-p{pw}", "-N", "-B", "grantfair", "-e", query],
                          capture_output=True, text=True)


@pytest.mark.parametrize("query", [
    "SELECT password_hash FROM users LIMIT 1",
    "SELECT * FROM users LIMIT 1",
    "SELECT phone FROM users LIMIT 1",
    "SELECT ip FROM sessions LIMIT 1",
    "SELECT * FROM email_tokens LIMIT 1",
    "SELECT body FROM outbox LIMIT 1",
    "SELECT to_addr FROM outbox LIMIT 1",
    "SELECT email FROM ideas LIMIT 1",
    "SELECT ip FROM comments LIMIT 1",
    "SELECT * FROM rate_events LIMIT 1",
    "SELECT * FROM legacy_drafts LIMIT 1",
    "SELECT * FROM application_sections LIMIT 1",
    "SELECT online_url FROM events LIMIT 1",           # told to registered people only
    "SELECT email FROM event_registrations LIMIT 1",
    "SELECT email FROM consultation_requests LIMIT 1",
    "SELECT email FROM comments LIMIT 1",
])
def test_the_read_account_cannot_read_secrets(query):
    r = as_reader(query)
    assert r.returncode != 0 and "denied" in r.stderr, (query, r.stdout)


def test_the_read_account_reads_what_sessions_and_public_pages_need():
    for query in ("SELECT id, email, name, disabled FROM users LIMIT 1",
                  "SELECT token_hash, user_id, csrf, expires_at FROM sessions LIMIT 1",
                  "SELECT user_id, role FROM user_roles LIMIT 1",
                  "SELECT COUNT(*) FROM outbox WHERE status = 'failed'",
                  "SELECT id, title FROM projects LIMIT 1",
                  "SELECT id, hash FROM audit_log LIMIT 1"):
        r = as_reader(query)
        assert r.returncode == 0, (query, r.stderr)


def read_programs():
    """The programs declared GF_DB_READ and the tables their SQL names."""
    out = {}
    for path in glob.glob(f"{ROOT}/cgi-bin/*.c"):
        text = open(path, encoding="utf-8").read()
        if ".db = GF_DB_READ" in text or "GF_DB_READ)" in text or ": GF_DB_READ" in text:
            out[os.path.basename(path)[:-2]] = set(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)\b", text))
    return out


def test_every_table_a_read_program_names_is_granted_to_the_read_account():
    granted = {t for (t,) in sql("SELECT table_name FROM information_schema.table_privileges "
                                 "WHERE grantee = \"'gf_read'@'localhost'\" AND table_schema = 'grantfair' "
                                 "UNION SELECT table_name FROM information_schema.column_privileges "
                                 "WHERE grantee = \"'gf_read'@'localhost'\" AND table_schema = 'grantfair'")}
    tables = {t for (t,) in sql("SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = 'grantfair'")}
    if sql("SELECT COUNT(*) FROM information_schema.schema_privileges WHERE grantee = "
           "\"'gf_read'@'localhost'\" AND table_schema = 'grantfair'")[0][0] != "0":
        granted = tables                       # the whole database (what the test above refuses)
    programs = read_programs()
    assert {"home", "projects", "cabinet", "staff_audit", "gf-audit"} <= set(programs)
    for name, names in programs.items():
        missing = (names & tables) - granted
        assert not missing, f"{name} reads {missing}: grant them in schema/migrate.sh"


def signed_in(email):
    s = requests.Session()
    assert login(s, email, DEMO_PASSWORD).status_code == 303
    return s


def denied_lines():
    n = 0
    for p in glob.glob(f"{DIR}/log/*.log"):
        with open(p, encoding="utf-8", errors="replace") as f:
            n += sum("command denied" in line for line in f)
    return n


def test_every_read_program_still_works():
    before = denied_lines()
    anon = requests.Session()
    comp = sql("SELECT id FROM competitions WHERE stage = 'intake' LIMIT 1")[0][0]
    res = sql("SELECT id FROM competitions WHERE published_at IS NOT NULL LIMIT 1")[0][0]
    proj = sql("SELECT id FROM projects WHERE listed = 1 LIMIT 1")[0][0]
    news = sql("SELECT id FROM news WHERE published_at <= UTC_TIMESTAMP() LIMIT 1")[0][0]
    pages = [(anon, p) for p in ("/", "/projects", "/projects?municipality=5", f"/projects/{proj}",
                                 f"/competitions/{comp}", "/news", f"/news/{news}", "/results",
                                 "/results/data", f"/results/{res}", f"/results/{res}.csv",
                                 f"/results/{res}.json")]
    for email, paths in (("ngo@demo.grantfair.local", ["/my", "/cabinet", "/cabinet/applicant"]),
                         ("expert@demo.grantfair.local", ["/cabinet/expert"]),
                         ("secretary@demo.grantfair.local", ["/cabinet/secretary"]),
                         ("staff@demo.grantfair.local", ["/cabinet/staff", "/staff/applications",
                                                         "/staff/applications.csv",
                                                         "/staff/applications.xlsx",
                                                         "/staff/audit"]),
                         ("admin@demo.grantfair.local", ["/cabinet/admin", "/staff/audit?user=staff@demo.grantfair.local"])):
        s = signed_in(email)
        pages += [(s, p) for p in paths]
    for s, path in pages:
        r = s.get(f"{URL}{path}", allow_redirects=False)
        assert r.status_code == 200, (path, r.status_code)
    env = dict(os.environ, GF_CONFIG=f"{DIR}/grantfair.hdf")
    v = subprocess.run([f"{BUILD}/gf-audit", "verify"], env=env, capture_output=True, text=True)
    assert v.returncode == 0 and "chain intact" in v.stdout + v.stderr, v.stderr
    assert denied_lines() == before


def test_migrating_another_database_leaves_this_ones_grants():
    """migrate.sh grants gf_read from nothing on its own database only: a
    second database on the server (another site, the demo check's copy)
    migrated afterwards takes nothing from this one."""
    name = "gfgrants_other"
    sql(f"DROP DATABASE IF EXISTS {name}")
    sql(f"CREATE DATABASE {name}")
    try:
        subprocess.run([f"{ROOT}/schema/migrate.sh", f"{DIR}/run/mysql.sock", name], check=True,
                       capture_output=True)
        r = as_reader("SELECT id, title FROM projects LIMIT 1")
        assert r.returncode == 0, r.stderr
        assert requests.get(f"{URL}/projects").status_code == 200
    finally:
        sql(f"DROP DATABASE IF EXISTS {name}")
        # the other database's grants go with it (DROP DATABASE keeps them)
        sql(f"DELETE FROM mysql.tables_priv WHERE Db = '{name}'; "
            f"DELETE FROM mysql.columns_priv WHERE Db = '{name}'; FLUSH PRIVILEGES")
