"""The night of the deadline: N NGOs, each with a complete draft, attach a
file and submit at the same moment. Prints how many were acknowledged, the
latency, and checks every acknowledged application in the database (status
and receipt hash, the hash being the SHA-256 of the frozen content).
With KILL_DB=1 MariaDB is killed (SIGKILL) in the middle of the burst and
started again; clients retry a "try again" answer as a person would.

Environment: GF_URL, GF_DIR, GF_ROOT, GF_BUILD (as for the tests), N.
"""
import concurrent.futures
import hashlib
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from applicant import BUDGET, CARD, CONSENT, TEAM, dates, plan  # noqa: E402
from conftest import DIR, ROOT, URL, random_inn_ogrn, sql  # noqa: E402

N = int(os.environ.get("N", "200"))
KILL = os.environ.get("KILL_DB") == "1"
PDF = b"%PDF-1.4\n" + b"%" + os.urandom(64 * 1024).hex().encode() + b"\n%%EOF\n"


def b64token():
    return secrets.token_urlsafe(32)[:43]


def prepare(i):
    """One NGO: account, organization, session, a complete draft."""
    email = f"rush-{i}-{secrets.token_hex(4)}@example.ru"
    inn, ogrn = random_inn_ogrn()
    token, csrf = b64token(), b64token()
    sql(f"INSERT INTO users (email, password_hash, name, created_at, confirmed_at) VALUES "
        f"('{email}', 'x', 'НКО {i}', NOW(), NOW())")
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    sql(f"INSERT INTO user_roles VALUES ({uid}, 'applicant')")
    sql(f"INSERT INTO organizations (full_name, short_name, legal_form, inn, ogrn, kpp, address, "
        f"municipality_id, created_at) VALUES ('НКО № {i}', 'НКО № {i}', 'АНО', '{inn}', '{ogrn}', "
        f"'231001001', 'Краснодар', {1 + i % 44}, NOW())")
    oid = sql(f"SELECT id FROM organizations WHERE inn = '{inn}'")[0][0]
    sql(f"INSERT INTO org_members VALUES ({oid}, {uid})")
    sql(f"INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, ip) VALUES "
        f"('{hashlib.sha256(token.encode()).hexdigest()}', {uid}, '{csrf}', NOW(), "
        f"NOW() + INTERVAL 1 DAY, '127.0.0.1')")
    s = requests.Session()
    s.cookies.set("gf_sid", token)
    r = s.post(f"{URL}/applications/new?competition=1", data={"csrf": csrf, "competition": "1"},
               allow_redirects=False)
    app = int(re.search(r"/applications/(\d+)/", r.headers["Location"]).group(1))
    st, en = dates()
    for name, data in [("card", dict(CARD, starts_on=st, ends_on=en)), ("team", TEAM),
                       ("plan", plan()), ("budget", BUDGET), ("consent", CONSENT)]:
        r = s.post(f"{URL}/applications/{app}/{name}", data=dict(data, csrf=csrf, version="0"),
                   allow_redirects=False)
        assert r.status_code == 303, (name, r.status_code)
    return {"s": s, "csrf": csrf, "app": app}


def with_retry(fn, attempts=60):
    """A person presses the button again when told to try again."""
    for _ in range(attempts):
        try:
            r = fn()
            if r.status_code not in (502, 503, 504):
                return r
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return None


done = {"n": 0}
done_lock = threading.Lock()


def rush(ngo, start):
    s, csrf, app = ngo["s"], ngo["csrf"], ngo["app"]
    start.wait()
    t0 = time.monotonic()
    up = with_retry(lambda: s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                                   data={"csrf": csrf, "kind": "Устав"},
                                   files={"file": ("устав.pdf", PDF, "application/pdf")}, timeout=60))
    r = with_retry(lambda: s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf},
                                  allow_redirects=False, timeout=60))
    ms = (time.monotonic() - t0) * 1000
    with done_lock:
        done["n"] += 1
    if not (up is not None and up.status_code == 303 and r is not None and r.status_code == 303
            and "submitted=1" in r.headers.get("Location", "")):
        return None
    page = with_retry(lambda: s.get(f"{URL}/applications/{app}", timeout=60))
    sha = re.search(r'id="receipt-sha">([0-9a-f]{64})<', page.text).group(1)
    return {"app": app, "sha": sha, "ms": ms}


def fsync_ms(samples=20):
    """What one write + fsync of a small file costs on the stack's disk."""
    path, times = f"{DIR}/tmp/fsync-probe", []
    for _ in range(samples):
        with open(path, "wb") as f:
            f.write(os.urandom(4096))
            t0 = time.monotonic()
            f.flush()
            os.fsync(f.fileno())
            times.append((time.monotonic() - t0) * 1000)
    os.remove(path)
    return statistics.median(times)


def cpu_seconds():
    """CPU time used so far by each part of the stack, and by this client:
    {component: seconds}, from /proc (the programs' pid files in run/)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}

    def proc(pid):
        try:
            f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(f[11]) + int(f[12])) / tick
        except (OSError, IndexError, ValueError):
            return 0.0

    for name in os.listdir(f"{DIR}/run"):
        if not name.endswith(".pid"):
            continue
        comp = name[:-4]
        comp = {"mysqld": "mariadb", "app_files": "programs", "application": "programs"}.get(
            comp, comp if comp in ("nginx", "mailer", "smtp") else "programs")
        for pid in open(f"{DIR}/run/{name}").read().split():
            out[comp] = out.get(comp, 0.0) + proc(pid)
            # nginx's workers are its master's children
            if comp == "nginx":
                for child in open(f"/proc/{pid}/task/{pid}/children").read().split():
                    out[comp] += proc(child)
    t = os.times()
    out["client"] = t.user + t.system
    return out


def nginx_times(apps):
    """rt (nginx: the whole request) and uht (until the program's header:
    waiting for a free worker + the program's work) per request of the
    burst, from the access log (flushed by a reopen)."""
    subprocess.run(["kill", "-USR1", open(f"{DIR}/run/nginx.pid").read().strip()])
    time.sleep(1.5)
    want = {str(a) for a in apps}
    out = {"files": [], "submit": []}
    pat = re.compile(r'"POST /applications/(\d+)/(files|submit) [^"]*" (\d+) .* rt=([\d.]+) '
                     r'uct=\S+ uht=([\d.]+)')
    for line in open(f"{DIR}/log/nginx-access.log", encoding="utf-8", errors="replace"):
        m = pat.search(line)
        if m and m.group(1) in want and m.group(3) == "303":
            out[m.group(2)].append((float(m.group(4)) * 1000, float(m.group(5)) * 1000))
    return out


def pct(xs, q):
    xs = sorted(xs) or [0]
    return xs[min(len(xs) - 1, int(len(xs) * q))]


def main():
    print(f"deadline: preparing {N} NGOs with complete drafts…", flush=True)
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        ngos = list(ex.map(prepare, range(N)))
        alone = list(ex.map(prepare, range(N, N + 10)))
    # the same work one NGO at a time: what a request costs with no queue
    serial = {"files": [], "submit": []}
    for ngo in alone:
        s, csrf, app = ngo["s"], ngo["csrf"], ngo["app"]
        t0 = time.monotonic()
        s.post(f"{URL}/applications/{app}/files", allow_redirects=False, data={"csrf": csrf, "kind": "Устав"},
               files={"file": ("устав.pdf", PDF, "application/pdf")}, timeout=60)
        t1 = time.monotonic()
        s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf}, allow_redirects=False, timeout=60)
        t2 = time.monotonic()
        serial["files"].append((t1 - t0) * 1000)
        serial["submit"].append((t2 - t1) * 1000)
        time.sleep(0.3)     # let the worker finish what it does after the response
    start = threading.Event()
    killer = None
    if KILL:
        def kill_and_restart():
            start.wait()
            while done["n"] < N // 4:      # a quarter through the burst
                time.sleep(0.005)
            pid = open(f"{DIR}/run/mysqld.pid").read().strip()
            print(f"deadline: killing MariaDB (pid {pid}) in the middle of the burst", flush=True)
            subprocess.run(["kill", "-9", pid])
            time.sleep(3)
            os.remove(f"{DIR}/run/mysqld.pid")
            subprocess.run([f"{ROOT}/conf/stack.sh", "db-start", DIR], check=True)
            print("deadline: MariaDB is back", flush=True)
        killer = threading.Thread(target=kill_and_restart)
    with concurrent.futures.ThreadPoolExecutor(N) as ex:
        futures = [ex.submit(rush, n, start) for n in ngos]
        if killer:
            killer.start()
        t_burst = time.monotonic()
        cpu0 = cpu_seconds()
        start.set()
        results = [f.result() for f in futures]
        burst_s = time.monotonic() - t_burst
        cpu1 = cpu_seconds()
    if killer:
        killer.join()
    acked = [r for r in results if r]
    lost = 0
    for r in acked:
        row = sql(f"SELECT status, receipt_sha256, SHA2(frozen, 256) = CONVERT(receipt_sha256 "
                  f"USING utf8mb4) FROM projects WHERE id = {r['app']}")
        if not row or row[0][0] != "submitted" or row[0][1] != r["sha"] or row[0][2] != "1":
            lost += 1
            print(f"deadline: LOST application {r['app']}: {row}", flush=True)
    ms = sorted(r["ms"] for r in acked) or [0]
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"deadline: {len(acked)} of {N} submissions acknowledged"
          f"{' (MariaDB was killed and restarted during the burst)' if KILL else ''}")
    print(f"deadline: acknowledged={len(acked)} lost={lost} "
          f"p50_ms={statistics.median(ms):.0f} p99_ms={p99:.0f}")
    # where the time goes (every figure from this run)
    workers = int(os.environ.get("GF_WORKERS", "4"))
    ng = nginx_times([r["app"] for r in acked])
    for kind in ("files", "submit"):
        rt = [a for a, _ in ng[kind]]
        uht = [b for _, b in ng[kind]]
        alone_ms = statistics.median(serial[kind])
        print(f"deadline: {kind}: alone_ms={alone_ms:.0f} in the burst: nginx_p50_ms="
              f"{pct(rt, .5):.0f} nginx_p99_ms={pct(rt, .99):.0f} "
              f"queue_p99_ms={max(0, pct(uht, .99) - alone_ms):.0f} (waiting for one of "
              f"{workers} workers)")
    client = [r["ms"] for r in acked]
    busy = burst_s * 1000 * workers / max(1, len(acked))
    print(f"deadline: worker_ms_per_ngo={busy:.0f} (burst {burst_s:.1f} s × {workers} workers / "
          f"{len(acked)}; alone one NGO takes {statistics.median(serial['files']) + statistics.median(serial['submit']):.0f} ms "
          f"of the two programs)")
    both = pct([a for a, _ in ng["files"]], .99) + pct([a for a, _ in ng["submit"]], .99)
    print(f"deadline: client_p99_ms={pct(client, .99):.0f} nginx_files+submit_p99_ms={both:.0f} — "
          f"the rest is the client ({N} Python threads on the same cores) and retries")
    # a component restarted during the burst (KILL_DB) counts from zero
    used = {k: cpu1.get(k, 0) - cpu0.get(k, 0) if cpu1.get(k, 0) >= cpu0.get(k, 0) else cpu1[k]
            for k in cpu1}
    print(f"deadline: cpu_s during the burst ({burst_s:.1f} s × {os.cpu_count()} cores = "
          f"{burst_s * os.cpu_count():.1f} s): " +
          " ".join(f"{k}={v:.2f}" for k, v in sorted(used.items(), key=lambda kv: -kv[1]) if v >= 0.01))
    print(f"deadline: fsync_ms={fsync_ms():.1f} (one write + fsync on this disk; an upload fsyncs its "
          f"file, every commit its redo log)")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
