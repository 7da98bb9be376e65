"""The web server's access log keeps no query strings: one-time tokens travel
in the links of our mails (/register/confirm?token=…, /reset/new?token=…),
and a log line must not be a way to use them. Nor may the Referer a page
sends with its stylesheet carry them into the log."""
import os
import subprocess
import time
import uuid

import requests

from conftest import BUILD, DIR, URL

LOG = f"{DIR}/log/nginx-access.log"


def logged_line(agent):
    """The access log line of the request made with this User-Agent: nginx
    buffers the log, `-s reopen` writes the buffer out."""
    subprocess.run(["nginx", "-c", f"{DIR}/nginx.conf", "-s", "reopen"], check=True,
                   capture_output=True)
    end = time.time() + 10
    while time.time() < end:
        if os.path.exists(LOG):
            with open(LOG, encoding="utf-8", errors="replace") as f:
                lines = [line for line in f if agent in line]
            if lines:
                return lines[-1]
        time.sleep(0.1)
    raise AssertionError(f"no access log line for {agent}")


def test_a_token_in_the_query_string_is_not_logged():
    token = "XYZ" + uuid.uuid4().hex
    agent = "gf-log-test-" + uuid.uuid4().hex
    r = requests.get(f"{URL}/register/confirm?token={token}", headers={"User-Agent": agent})
    assert r.status_code in (200, 400)
    line = logged_line(agent)
    assert "/register/confirm" in line
    assert token not in line and "?" not in line.split('"')[1]


def test_a_token_in_the_referer_is_not_logged():
    token = "XYZ" + uuid.uuid4().hex
    agent = "gf-log-test-" + uuid.uuid4().hex
    r = requests.get(f"{URL}/static/site.css", headers={
        "User-Agent": agent, "Referer": f"{URL}/reset/new?token={token}"})
    assert r.status_code == 200
    line = logged_line(agent)
    assert "/reset/new" in line                  # where the visitor came from, without the query
    assert token not in line


def test_the_apache_example_logs_paths_without_the_query():
    conf = open(f"{BUILD}/conf/apache/grantfair.conf", encoding="utf-8").read()
    fmt = next(line for line in conf.splitlines() if line.strip().startswith("LogFormat"))
    assert "%U" in fmt and "%r" not in fmt and "%q" not in fmt and "Referer}i" not in fmt
    assert any(line.strip().startswith("CustomLog") and "grantfair" in line
               for line in conf.splitlines())
