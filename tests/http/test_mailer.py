"""The mailer: a 5xx answer marks the message failed at once; an outage
keeps it pending with growing backoff; nothing is sent twice."""
import os
import socket
import subprocess

import pytest
from aiosmtpd.controller import Controller

from conftest import BUILD, DIR, sql, stack


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dead_port():
    """A port bound but not listening: connections are refused for as long as
    the test runs, and no other process (another stack's SMTP catcher) can
    take it meanwhile."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def run_mailer(smtp_url):
    conf = f"{DIR}/mailer-test.hdf"
    with open(conf, "w") as f:
        f.write(f'#include "{DIR}/grantfair.hdf"\nMail.SMTP.URL = {smtp_url}\n')
    subprocess.run([f"{BUILD}/mailer"], env=dict(os.environ, GF_CONFIG=conf), check=True,
                   capture_output=True, timeout=60, cwd=DIR)


def queue(to):
    sql("INSERT INTO outbox (to_addr, subject, body, created_at, next_attempt_at) VALUES "
        f"('{to}', 'Проверка', 'Текст', NOW(), NOW())")
    return sql("SELECT MAX(id) FROM outbox")[0][0]


@pytest.fixture
def quiet_outbox():
    """Only the test's mailer runs (the stack's daemon is stopped meanwhile),
    and every other pending message is held back."""
    stack("stop-program", DIR, "mailer")
    sql("UPDATE outbox SET next_attempt_at = next_attempt_at + INTERVAL 1 DAY WHERE status = 'pending'")
    yield
    sql("UPDATE outbox SET next_attempt_at = NOW() WHERE status = 'pending' AND to_addr NOT LIKE '%.invalid'")
    stack("mailer-start", DIR)


class Rejecting:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 Mailbox does not exist"


def test_permanent_failure_is_marked_and_not_retried(quiet_outbox):
    port = free_port()
    c = Controller(Rejecting(), hostname="127.0.0.1", port=port)
    c.start()
    try:
        oid = queue("nobody@example.invalid")
        run_mailer(f"smtp://127.0.0.1:{port}")
        status, attempts, err = sql(f"SELECT status, attempts, last_error FROM outbox WHERE id = {oid}")[0]
        assert status == "failed" and attempts == "1" and "550" in err
        run_mailer(f"smtp://127.0.0.1:{port}")
        assert sql(f"SELECT attempts FROM outbox WHERE id = {oid}")[0][0] == "1"
    finally:
        c.stop()


def test_temporary_failure_backs_off(quiet_outbox, dead_port):
    oid = queue("later@example.invalid")
    run_mailer(f"smtp://127.0.0.1:{dead_port}")            # nobody listens there
    status, attempts, wait = sql("SELECT status, attempts, TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at) "
                                 f"FROM outbox WHERE id = {oid}")[0]
    assert status == "pending" and attempts == "1" and 50 <= int(wait) <= 60
    sql(f"UPDATE outbox SET next_attempt_at = NOW() WHERE id = {oid}")
    run_mailer(f"smtp://127.0.0.1:{dead_port}")
    status, attempts, wait = sql("SELECT status, attempts, TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at) "
                                 f"FROM outbox WHERE id = {oid}")[0]
    assert status == "pending" and attempts == "2" and 110 <= int(wait) <= 120
    sql(f"UPDATE outbox SET status = 'failed' WHERE id = {oid}")
