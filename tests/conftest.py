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


def wait_for_mail(pred, timeout=10):
    """Waits until a caught message satisfies pred(msg); returns it."""
    end = time.time() + timeout
    while time.time() < end:
        for p in mail_files():
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
