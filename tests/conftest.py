"""Shared helpers for the HTTP and browser tests.

The suite runs against a real stack started by tests/run.sh (conf/stack.sh):
GF_URL is its base URL, GF_DIR its run directory (MariaDB socket, Maildir,
logs), GF_ROOT the checkout and GF_BUILD the programs' build directory.
"""
import email
import email.header
import email.policy
import glob
import os
import re
import subprocess
import time

import pytest
import requests

URL = os.environ.get("GF_URL", "http://127.0.0.1:18080")
DIR = os.environ.get("GF_DIR", "/tmp/gf-test")
ROOT = os.environ.get("GF_ROOT", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("GF_BUILD", os.path.join(ROOT, "build"))
DEMO_PASSWORD = "grantfair-demo"


def sql(query):
    """Runs SQL as root on the stack's MariaDB; returns rows as lists of str."""
    out = subprocess.run(
        ["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-uroot", "-N", "-B",
         "grantfair", "-e", query], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def stack(*args):
    subprocess.run([f"{ROOT}/conf/stack.sh", *args], check=True, capture_output=True)


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


def captcha_of(html):
    """Solves the page's «a + b =» question; returns (token, answer)."""
    tok = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    a, b = re.search(r"Решите пример: (\d) \+ (\d) =", html).groups()
    return tok, str(int(a) + int(b))


def mail_files():
    return sorted(glob.glob(f"{DIR}/mail/new/*"), key=os.path.getmtime)


def read_mail(path):
    with open(path, "rb") as f:
        return email.message_from_binary_file(f, policy=email.policy.default)


def wait_for_mail(pred, timeout=10, skip=()):
    """Waits until a caught message satisfies pred(msg); returns it. skip:
    files of mail_files() taken earlier (an address that gets mail often)."""
    end = time.time() + timeout
    while time.time() < end:
        for p in mail_files():
            if p in skip:
                continue
            m = read_mail(p)
            if pred(m):
                return m
        time.sleep(0.2)
    raise AssertionError("no such mail arrived")


def make_user(email_addr, roles="applicant", password="test-password-123", name="Тест Тестов"):
    env = dict(os.environ, GF_CONFIG=f"{DIR}/grantfair.hdf")
    subprocess.run([f"{BUILD}/gf-user", "add", email_addr, name, roles],
                   input=password + "\n", text=True, env=env, check=True, capture_output=True)
    return password


def login(session, email_addr, password):
    page = session.get(f"{URL}/login").text
    return session.post(f"{URL}/login", data={"csrf": csrf_of(page), "email": email_addr,
                                              "password": password}, allow_redirects=False)


@pytest.fixture
def s():
    """A fresh browser-like session (own cookies)."""
    with requests.Session() as sess:
        yield sess


@pytest.fixture
def clean_limits():
    """Rate limits count per IP and every test comes from 127.0.0.1."""
    sql("DELETE FROM rate_events")
    yield
    sql("DELETE FROM rate_events")


def random_inn_ogrn():
    """A fresh checksum-valid ИНН (10 digits) and ОГРН (13 digits) pair."""
    import random
    base = "23" + "".join(random.choice("0123456789") for _ in range(7))
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    inn = base + str(sum(int(c) * k for c, k in zip(base, w)) % 11 % 10)
    o = "1" + "".join(random.choice("0123456789") for _ in range(11))
    return inn, o + str(int(o) % 11 % 10)


def run_cgi(prog, path, method="GET", data=None, cookies=None, conf="", ip="192.0.2.9"):
    """Runs build/<prog> once as plain CGI against the stack's database, with
    extra configuration lines `conf` (e.g. "Site.URL = https://…"). Returns
    (head, body, rusage): the response's header text and body (str), and the
    process's own resource use (ru_maxrss in KiB: its peak memory)."""
    import urllib.parse
    body = urllib.parse.urlencode(data or {}).encode()
    cfg = f"{DIR}/tmp/cgi-{os.getpid()}-{time.monotonic_ns()}.hdf"
    os.makedirs(os.path.dirname(cfg), exist_ok=True)
    with open(cfg, "w") as f:
        f.write(f'#include "{DIR}/grantfair.hdf"\n{conf}\n')
    env = {"GF_CONFIG": cfg, "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method,
           "REQUEST_URI": path, "SCRIPT_NAME": path.split("?")[0],
           "QUERY_STRING": path.split("?", 1)[1] if "?" in path else "",
           "REMOTE_ADDR": ip, "SERVER_PROTOCOL": "HTTP/1.1",
           "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "application/x-www-form-urlencoded",
           "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    try:
        p = subprocess.Popen([f"{BUILD}/{prog}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env=env, cwd=ROOT)
        p.stdin.write(body)
        p.stdin.close()
        out = p.stdout.read()
        p.stdout.close()
        _, status, usage = os.wait4(p.pid, 0)   # this process's rusage, not all children's
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        os.unlink(cfg)
    head, _, page = out.decode().partition("\r\n\r\n")
    return head, page, usage
