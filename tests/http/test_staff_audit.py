"""The audit log: every entry chained by SHA-256 over the one before it
(grant/audit.c), `gf-audit verify` finding the first broken entry, `gf-audit
seal` for entries older than the chain, the application's account only
appending, and /staff/audit with its filters and pages."""
import concurrent.futures
import datetime
import hashlib
import html
import os
import re
import subprocess
import uuid

import pytest
import requests

from applicant import Ngo
from conftest import BUILD, DIR, URL, csrf_of, login, make_user, sql

GENESIS = "0" * 64
MSK = datetime.timezone(datetime.timedelta(hours=3))


# ---- the chain, computed here from the form grant/audit.c documents --------

def netstring(v):
    if v is None:
        return b"-,"
    b = v.encode() if isinstance(v, str) else v
    return str(len(b)).encode() + b":" + b + b","


def chain_hash(prev_id, prev_hash, e):
    fields = ["grantfair-audit-1", prev_id, prev_hash, e["at"], e["user_id"], e["object_type"],
              e["object_id"], e["action"], e["from_state"], e["to_state"], e["reason"], e["ip"]]
    return hashlib.sha256(b"".join(netstring(f) for f in fields)).hexdigest()


COLS = ["id", "at", "user_id", "object_type", "object_id", "action", "from_state", "to_state",
        "reason", "ip", "prev_hash", "hash"]


def entries(where="1", db="grantfair"):
    """audit_log rows as dicts, exact: text as bytes through HEX, NULL as None."""
    q = ("SELECT id, at, IFNULL(user_id, 'NULL'), HEX(object_type), object_id, HEX(action),"
         " IFNULL(HEX(from_state), 'NULL'), IFNULL(HEX(to_state), 'NULL'),"
         " IFNULL(HEX(reason), 'NULL'), HEX(ip), IFNULL(prev_hash, 'NULL'), IFNULL(hash, 'NULL')"
         f" FROM {db}.audit_log WHERE {where} ORDER BY id")
    out = []
    for row in sql(q):
        e = {}
        for name, v in zip(COLS, row):
            if v == "NULL":
                e[name] = None
            elif name in ("object_type", "action", "from_state", "to_state", "reason", "ip"):
                e[name] = bytes.fromhex(v)
            else:
                e[name] = v
        out.append(e)
    return out


def gf_audit(cmd, config=None):
    env = dict(os.environ, GF_CONFIG=config or f"{DIR}/grantfair.hdf")
    return subprocess.run([f"{BUILD}/gf-audit", cmd], env=env, capture_output=True, text=True,
                          timeout=120)


def secrets():
    return dict(line.split(" = ", 1) for line in open(f"{DIR}/secrets.hdf").read().splitlines())


def as_app_account(q):
    """Runs SQL as the programs' account (DB.Write.* of the stack's config)."""
    return subprocess.run(["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-ugf_app",
                           f"-p{secrets()['DB.Write.Password']}", "grantfair", "-e", q],
                          capture_output=True, text=True)


@pytest.fixture
def staff():
    email = f"audit-staff-{uuid.uuid4().hex[:8]}@example.org"
    s = requests.Session()
    assert login(s, email, make_user(email, "staff")).status_code == 303
    yield s
    s.close()


def withdraw(a, app):
    page = a.s.get(f"{URL}/applications/{app}").text
    r = a.s.post(f"{URL}/applications/{app}/withdraw", data={"csrf": csrf_of(page)},
                 allow_redirects=False)
    assert r.status_code == 303


def user_id(email):
    return sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]


PROFILE = ["full_name", "short_name", "legal_form", "inn", "ogrn", "kpp", "address", "head_name",
           "head_position", "phone", "email", "website"]


def update_org(a, description):
    """Saves the organization profile again (an "update" entry)."""
    form = a.s.get(f"{URL}/org").text
    data = {k: html.unescape(v) for k, v in re.findall(r'name="([a-z_]+)"[^>]*value="([^"]*)"', form)
            if k in PROFILE}
    data.update(csrf=csrf_of(form), municipality="5", description=description)
    return a.s.post(f"{URL}/org", data=data, allow_redirects=False).status_code


# ---- entries for real actions, chained ------------------------------------

def test_real_actions_append_chained_entries():
    a = Ngo()
    app = a.new_app()
    a.fill(app)
    assert a.submit(app).status_code == 303
    withdraw(a, app)
    mine = entries(f"object_type = 'project' AND object_id = {app}")
    assert [(e["action"], e["from_state"], e["to_state"]) for e in mine] == [
        (b"create", None, b"draft"), (b"submit", b"draft", b"submitted"),
        (b"withdraw", b"submitted", b"draft")]
    uid = user_id(a.email)
    assert all(e["user_id"] == uid and e["ip"] == b"127.0.0.1" for e in mine)
    org = entries(f"object_type = 'organization' AND user_id = {uid}")
    assert [e["action"] for e in org] == [b"create"]
    # each entry: its hash from its fields and the entry before it in id order
    for e in org + mine:
        before = sql(f"SELECT id, hash FROM audit_log WHERE id < {e['id']} ORDER BY id DESC LIMIT 1")
        prev_id, prev_hash = before[0] if before else ("0", GENESIS)
        assert e["prev_hash"] == prev_hash
        assert e["hash"] == chain_hash(prev_id, prev_hash, e)
    # time never goes back along the chain
    ats = [e["at"] for e in mine]
    assert ats == sorted(ats)


def test_verify_passes_and_names_the_one_altered_entry():
    a = Ngo()
    app = a.new_app()
    r = gf_audit("verify")
    n = int(sql("SELECT COUNT(*) FROM audit_log")[0][0])
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == f"audit: {n} entries, chain intact\n"
    target = sql(f"SELECT id FROM audit_log WHERE object_type = 'project' AND object_id = {app}")[0][0]
    try:
        sql(f"UPDATE audit_log SET reason = 'переписано задним числом' WHERE id = {target}")
        r = gf_audit("verify")
        assert r.returncode == 1
        assert f"audit: entry {target} is broken: its fields give the hash" in r.stdout
        assert "altered" in r.stdout
    finally:
        sql(f"UPDATE audit_log SET reason = NULL WHERE id = {target}")
    r = gf_audit("verify")
    assert r.returncode == 0 and "chain intact" in r.stdout


def test_the_app_account_may_only_append():
    grants = "\n".join(r[0] for r in sql("SHOW GRANTS FOR 'gf_app'@'localhost'"))
    assert re.search(r"GRANT SELECT, INSERT ON `grantfair`.`audit_log` TO", grants)
    assert re.search(r"GRANT [A-Z, ]*UPDATE[A-Z, ]* ON `grantfair`.`audit_head` TO", grants)
    before = sql("SELECT COUNT(*), MAX(id), SUM(CRC32(CONCAT_WS('|', id, action, hash))) FROM audit_log")
    r = as_app_account("UPDATE audit_log SET reason = 'x' ORDER BY id DESC LIMIT 1")
    assert r.returncode != 0 and "denied" in r.stderr
    r = as_app_account("DELETE FROM audit_log ORDER BY id DESC LIMIT 1")
    assert r.returncode != 0 and "denied" in r.stderr
    r = as_app_account("TRUNCATE TABLE audit_log")
    assert r.returncode != 0 and "denied" in r.stderr
    assert sql("SELECT COUNT(*), MAX(id), SUM(CRC32(CONCAT_WS('|', id, action, hash))) "
               "FROM audit_log WHERE id <= " + before[0][1]) == before


def test_concurrent_appends_stay_one_chain():
    ngos = [Ngo() for _ in range(10)]
    first = int(sql("SELECT IFNULL(MAX(id), 0) FROM audit_log")[0][0])

    def new_app(a):
        return a.new_app()

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        jobs = [pool.submit(new_app, a) for a in ngos] + [pool.submit(update_org, a, "Обновлено") for a in ngos]
        results = [j.result() for j in jobs]
    assert all(isinstance(x, int) and x > 0 for x in results[:10])
    assert results[10:] == [303] * 10
    new = entries(f"id > {first}")
    uids = {user_id(a.email) for a in ngos}
    ours = [e for e in new if e["user_id"] in uids]
    assert sorted(e["action"] for e in ours) == [b"create"] * 10 + [b"update"] * 10
    # one chain: each entry chained to the one just before it, times in order
    prev = sql(f"SELECT id, hash FROM audit_log WHERE id <= {first} ORDER BY id DESC LIMIT 1")
    prev_id, prev_hash = prev[0] if prev else ("0", GENESIS)
    for e in new:
        assert e["prev_hash"] == prev_hash and e["hash"] == chain_hash(prev_id, prev_hash, e)
        prev_id, prev_hash = e["id"], e["hash"]
    assert [e["at"] for e in new] == sorted(e["at"] for e in new)
    r = gf_audit("verify")
    assert r.returncode == 0, r.stdout


# ---- a database of its own: seal, and every kind of break -----------------

@pytest.fixture
def scratch():
    """An empty audit log in a database of its own (the live chain is not
    touched) and a configuration pointing at it."""
    db = f"gfaudit_{uuid.uuid4().hex[:10]}"
    sql(f"CREATE DATABASE {db}; CREATE TABLE {db}.audit_log LIKE grantfair.audit_log;"
        f" CREATE TABLE {db}.audit_head LIKE grantfair.audit_head;"
        f" INSERT INTO {db}.audit_head VALUES (1, 0, REPEAT('0', 64));"
        f" GRANT SELECT ON {db}.* TO 'gf_read'@'localhost'")
    conf = f"{DIR}/tmp/{db}.hdf"
    with open(conf, "w") as f:
        f.write(f'#include "{DIR}/grantfair.hdf"\nDB.Name = {db}\n')
    yield db, conf
    os.unlink(conf)
    sql(f"DROP DATABASE {db}")


OLD = [  # entries written before the chain existed (hash NULL)
    "('2025-03-01 09:00:00', 5, 'project', 17, 'create', NULL, 'draft', NULL, '10.0.0.7')",
    "('2025-03-02 10:30:00', 5, 'project', 17, 'submit', 'draft', 'submitted', '', '10.0.0.7')",
    "('2025-03-03 11:45:01', NULL, 'competition', 2, 'extend', 'intake', 'intake',"
    " 'Продление: «сбой почты»\r\nвторая строка', '')",
    "('2025-03-04 12:00:00', 9, 'project', 17, 'return', 'submitted', 'returned',"
    " 'Нет устава', '10.0.0.9')",
]


def add_old(db, rows=OLD):
    sql(f"INSERT INTO {db}.audit_log (at, user_id, object_type, object_id, action, from_state,"
        " to_state, reason, ip) VALUES " + ", ".join(rows))


def test_seal_chains_entries_older_than_the_chain_once(scratch):
    db, conf = scratch
    r = gf_audit("seal", conf)
    assert r.returncode == 0 and r.stdout == "audit: nothing to seal\n"
    assert gf_audit("verify", conf).stdout == "audit: 0 entries, chain intact\n"
    add_old(db)
    r = gf_audit("verify", conf)
    assert r.returncode == 1 and "entry 1 is broken: it has no hash" in r.stdout
    r = gf_audit("seal", conf)
    assert r.returncode == 0 and r.stdout == "audit: 4 entries sealed\n", r.stdout + r.stderr
    rows = entries("1", db)
    prev_id, prev_hash = "0", GENESIS
    for e in rows:   # the same chain as gr_audit makes, computed here
        assert e["prev_hash"] == prev_hash and e["hash"] == chain_hash(prev_id, prev_hash, e)
        prev_id, prev_hash = e["id"], e["hash"]
    assert sql(f"SELECT last_id, hash FROM {db}.audit_head") == [[prev_id, prev_hash]]
    assert gf_audit("verify", conf).stdout == "audit: 4 entries, chain intact\n"
    before = entries("1", db)
    r = gf_audit("seal", conf)
    assert r.returncode == 0 and r.stdout == "audit: nothing to seal\n"
    assert entries("1", db) == before


def test_seal_leaves_entries_written_around_the_chain(scratch):
    db, conf = scratch
    add_old(db, OLD[:2])
    assert gf_audit("seal", conf).returncode == 0
    add_old(db, OLD[2:3])      # no hash, after the chain began: not an old entry
    r = gf_audit("seal", conf)
    assert r.returncode == 0 and r.stdout == "audit: nothing to seal\n"
    r = gf_audit("verify", conf)
    assert r.returncode == 1 and r.stdout.startswith("audit: entry 3 is broken: it has no hash")
    # an old entry the chain began without (the programs wrote before the seal
    # ran) is reported, not sealed
    sql(f"DELETE FROM {db}.audit_log; UPDATE {db}.audit_head SET last_id = 0, hash = REPEAT('0', 64)")
    add_old(db, OLD[:1])
    old_id = entries("1", db)[0]["id"]
    new = {"at": "2025-03-05 00:00:00", "user_id": "5", "object_type": "project", "object_id": "17",
           "action": "submit", "from_state": "draft", "to_state": "submitted", "reason": "",
           "ip": "10.0.0.7"}
    h = chain_hash("0", GENESIS, new)
    sql(f"INSERT INTO {db}.audit_log (at, user_id, object_type, object_id, action, from_state,"
        f" to_state, reason, ip, prev_hash, hash) VALUES ('2025-03-05 00:00:00', 5, 'project', 17,"
        f" 'submit', 'draft', 'submitted', '', '10.0.0.7', REPEAT('0', 64), '{h}');"
        f" UPDATE {db}.audit_head SET last_id = LAST_INSERT_ID(), hash = '{h}'")
    assert gf_audit("verify", conf).stdout.startswith(f"audit: entry {old_id} is broken: it has no hash")
    r = gf_audit("seal", conf)
    assert r.returncode == 0 and "1 entries before the chain's first entry" in r.stdout
    assert entries(f"id = {old_id}", db)[0]["hash"] is None
    # a head put back to the start with entries chained: refused
    sql(f"UPDATE {db}.audit_head SET last_id = 0, hash = REPEAT('0', 64)")
    r = gf_audit("seal", conf)
    assert r.returncode == 1 and "not sealing" in r.stdout


@pytest.mark.parametrize("damage,broken,what", [
    ("UPDATE {db}.audit_log SET reason = 'Есть устав' WHERE id = 4", 4, "altered"),
    ("UPDATE {db}.audit_log SET at = '2025-03-02 10:30:01' WHERE id = 2", 2, "altered"),
    ("UPDATE {db}.audit_log SET user_id = NULL WHERE id = 1", 1, "altered"),
    ("UPDATE {db}.audit_log SET reason = NULL WHERE id = 2", 2, "altered"),      # '' → NULL
    ("UPDATE {db}.audit_log SET object_id = 18 WHERE id = 1", 1, "altered"),
    ("DELETE FROM {db}.audit_log WHERE id = 2", 3, "removed"),
    ("UPDATE {db}.audit_log SET id = 10 WHERE id = 2", 3, "removed"),           # moved to the end
    ("UPDATE {db}.audit_log SET id = 6 WHERE id = 5; UPDATE {db}.audit_log SET id = 5 WHERE id = 4",
     6, "was changed"),                                                          # renumbered
    ("UPDATE {db}.audit_log SET id = 7 WHERE id = 5", "end", "removed"),        # the last renumbered
    ("UPDATE {db}.audit_log SET hash = REPEAT('a', 64) WHERE id = 4", 4, "altered"),
    ("UPDATE {db}.audit_log SET hash = NULL, prev_hash = NULL WHERE id = 3", 3, "no hash"),
    ("DELETE FROM {db}.audit_log WHERE id = 5", "end", "removed"),
    ("UPDATE {db}.audit_head SET last_id = 3", "end", "head"),
])
def test_verify_finds_the_first_broken_entry(scratch, damage, broken, what):
    db, conf = scratch
    add_old(db)
    add_old(db, [OLD[0].replace("2025-03-01 09:00:00", "2025-03-05 09:00:00")])   # entry 5,
    # so that a change at 4 shows in 5 too
    assert gf_audit("seal", conf).returncode == 0
    assert gf_audit("verify", conf).returncode == 0
    sql(damage.format(db=db))
    r = gf_audit("verify", conf)
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    if broken == "end":
        assert first.startswith("audit: the chain's end is broken: audit_head names entry")
    else:
        assert first.startswith(f"audit: entry {broken} is broken:"), r.stdout
    assert what in first


def test_verify_finds_an_entry_appended_with_a_fitting_hash_but_backdated(scratch):
    """What the programs' account could do with its INSERT on audit_log and
    UPDATE on audit_head: append an entry whose hash fits, dated in the past."""
    db, conf = scratch
    add_old(db)
    assert gf_audit("seal", conf).returncode == 0
    last = entries("1", db)[-1]
    forged = {"at": "2025-01-15 10:00:00", "user_id": "5", "object_type": b"project",
              "object_id": "17", "action": b"admit", "from_state": b"submitted",
              "to_state": b"admitted", "reason": b"", "ip": b"10.0.0.7"}
    h = chain_hash(last["id"], last["hash"], forged)
    sql(f"INSERT INTO {db}.audit_log (at, user_id, object_type, object_id, action, from_state,"
        f" to_state, reason, ip, prev_hash, hash) VALUES ('2025-01-15 10:00:00', 5, 'project', 17,"
        f" 'admit', 'submitted', 'admitted', '', '10.0.0.7', '{last['hash']}', '{h}');"
        f" UPDATE {db}.audit_head SET last_id = LAST_INSERT_ID(), hash = '{h}'")
    r = gf_audit("verify", conf)
    assert r.returncode == 1 and "entry 5 is broken" in r.stdout and "backdated" in r.stdout
    r = as_app_account("DELETE FROM audit_head")
    assert r.returncode != 0 and "denied" in r.stderr
    r = as_app_account("INSERT INTO audit_head VALUES (2, 0, REPEAT('0', 64))")
    assert r.returncode != 0 and "denied" in r.stderr


# ---- /staff/audit ---------------------------------------------------------

def page(s, query=""):
    return s.get(f"{URL}/staff/audit" + (f"?{query}" if query else ""))


def shown(html):
    return [int(x) for x in re.findall(r'<tr id="entry-(\d+)">', html)]


def test_the_log_lists_real_actions_newest_first_in_russian(staff):
    a = Ngo()
    app = a.new_app()
    a.fill(app)
    a.submit(app)
    withdraw(a, app)
    r = page(staff, f"type=project&object={app}")
    assert r.status_code == 200
    ids = [int(e["id"]) for e in entries(f"object_type = 'project' AND object_id = {app}")]
    assert shown(r.text) == ids[::-1]
    rows = r.text.split('<tr id="entry-')[1:]
    assert "Отзыв заявки" in rows[0] and "Подана → Черновик" in rows[0]
    assert "Подача заявки" in rows[1] and "Черновик → Подана" in rows[1]
    assert "Создание" in rows[2]
    assert f'href="/staff/applications/{app}"' in rows[0]
    assert a.email in rows[0] and "Заявитель Тестовый" in rows[0]
    at = datetime.datetime.fromisoformat(entries(f"id = {ids[-1]}")[0]["at"])
    msk = at.replace(tzinfo=datetime.timezone.utc).astimezone(MSK)
    assert msk.strftime("%d.%m.%Y %H:%M") in rows[0]


def test_filters_by_user_action_type_and_period(staff):
    a = Ngo()
    app = a.new_app()
    mine = entries(f"user_id = {user_id(a.email)}")
    assert [e["action"] for e in mine] == [b"create", b"create"]   # the organization, the draft
    r = page(staff, f"user={a.email}")
    assert shown(r.text) == [int(mine[1]["id"]), int(mine[0]["id"])]
    r = page(staff, f"user={a.email.upper()}&type=organization")
    assert shown(r.text) == [int(mine[0]["id"])] and "Организация" in r.text
    r = page(staff, f"user={a.email}&action=create&type=project")
    assert shown(r.text) == [int(mine[1]["id"])]
    r = page(staff, f"user={a.email}&action=submit")
    assert shown(r.text) == [] and "Записей по выбранным условиям нет" in r.text
    # action alone, and type alone: ours are among the newest
    assert int(mine[1]["id"]) in shown(page(staff, "action=create").text)
    assert int(mine[0]["id"]) in shown(page(staff, "type=organization").text)
    assert int(mine[1]["id"]) in shown(page(staff, f"type=project&object={app}").text)
    # the period is Moscow dates, the last one included
    day = datetime.datetime.fromisoformat(mine[1]["at"]).replace(
        tzinfo=datetime.timezone.utc).astimezone(MSK).date()
    one = datetime.timedelta(days=1)
    q = f"user={a.email}&from={day}&to={day}"
    assert shown(page(staff, q).text) == [int(mine[1]["id"]), int(mine[0]["id"])]
    assert int(mine[1]["id"]) in shown(page(staff, f"from={day}").text)
    assert shown(page(staff, f"user={a.email}&from={day + one}").text) == []
    assert shown(page(staff, f"user={a.email}&to={day - one}").text) == []
    # the form shows the filters back
    r = page(staff, f"user={a.email}&action=create&type=project&from={day}")
    assert f'value="{a.email}"' in r.text and '<option value="create" selected>' in r.text
    assert '<option value="project" selected>' in r.text and f'value="{day}"' in r.text


@pytest.mark.parametrize("query,field,message", [
    ("object=abc&type=project", "object", "Номер объекта — целое число больше нуля"),
    ("object=-5&type=project", "object", "Номер объекта — целое число больше нуля"),
    ("object=42", "type", "Выберите тип объекта"),
    ("from=2026-02-30", "from", "Дата в формате дд.мм.гггг"),
    ("to=31.04.2027", "to", "Дата в формате дд.мм.гггг"),
    ("from=2026-03-10&to=2026-03-09", "to", "Конец периода раньше его начала"),
    ("user=nobody-here@example.org", "user", "Пользователя с такой электронной почтой нет"),
    ("action=" + "x" * 41, "action", ""),
    ("type=a%0Ab", "type", ""),
])
def test_bad_filters_are_named_next_to_their_field(staff, query, field, message):
    r = page(staff, query)
    assert r.status_code == 400
    err = re.search(rf'<p class="field-error" id="err-{field}"[^>]*>([^<]+)</p>', r.text)
    assert err and message in err.group(1)
    assert f'aria-describedby="err-{field}"' in r.text and shown(r.text) == []


def test_hostile_filter_values_come_back_escaped(staff):
    r = page(staff, "action=%3Cscript%3Ex%3C/script%3E&type=%22%3E%3Cb%3E")
    assert r.status_code == 200
    assert "<script>x" not in r.text and "&lt;script&gt;x&lt;/script&gt;" in r.text
    assert '"><b>' not in r.text and shown(r.text) == []
    for q in ["before=abc", "before=-1", "before=99999999999999999999", "object=&type=", "page=2"]:
        assert page(staff, q).status_code == 200


def test_pages_go_on_below_the_last_entry_shown(staff):
    a = Ngo()
    for i in range(55):   # 55 updates of the profile, and its creation: 56 entries
        assert update_org(a, f"Версия {i}") == 303
    ids = [int(e["id"]) for e in entries(f"user_id = {user_id(a.email)}")][::-1]
    assert len(ids) == 56
    r = page(staff, f"user={a.email}")
    assert shown(r.text) == ids[:50] and "← К новым записям" not in r.text
    older = re.search(r'<a href="([^"]+)" rel="next">Более ранние записи', r.text).group(1)
    older = older.replace("&amp;", "&")
    assert older == f"/staff/audit?user={a.email.replace('@', '%40')}&before={ids[49]}"
    r2 = staff.get(URL + older)
    assert shown(r2.text) == ids[50:] and 'rel="next"' not in r2.text
    newest = re.search(r'<a href="([^"]+)">← К новым записям', r2.text).group(1)
    assert newest.replace("&amp;", "&") == f"/staff/audit?user={a.email.replace('@', '%40')}"
