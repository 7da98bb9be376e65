"""Drafts keep whatever a browser sends (grant/draft.c stores JSON): the
lines that broke the old HDF text format, CRLF, a 64 KB line; invalid
UTF-8 is a field error and the rest of the draft is saved; drafts stored in
the old format, broken ones included, are read and converted by gf-drafts.
"""
import json
import os
import re
import subprocess
import urllib.parse

import pytest

from applicant import CARD, Ngo, dates
from conftest import BUILD, DIR, URL, csrf_of, sql


@pytest.fixture
def a():
    return Ngo()


def stored_raw(app, section):
    out = subprocess.run(
        ["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-uroot", "-N", "-B", "--raw",
         "grantfair", "-e",
         f"SELECT data FROM application_sections WHERE project_id = {app} AND section = '{section}'"],
        check=True, capture_output=True).stdout
    return out.rstrip(b"\n").decode("utf-8")


def card(**over):
    s, e = dates()
    return dict(CARD, starts_on=s, ends_on=e, **over)


HOSTILE = [
    "первая строка\r\nEOM\r\nпосле EOM",
    "x\nEOM \ntitle = Подмена\nEOM",
    "a << EOM\nb\nEOM",
    "кавычки \" и \\ обратная черта {\"json\": [1]}",
    "табуляция\tвнутри",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_lines_come_back_exactly_and_inject_nothing(a, text):
    app = a.new_app()
    r = a.section(app, "card", card(problem=text))
    assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)
    data = json.loads(stored_raw(app, "card"))
    assert data["problem"] == text
    assert data["title"] == CARD["title"]                 # nothing injected
    page = a.s.get(f"{URL}/applications/{app}/card")
    assert page.status_code == 200
    assert a.s.get(f"{URL}/applications/{app}").status_code == 200


def test_a_64_kb_line_is_kept_as_a_draft_with_its_error(a):
    app = a.new_app()
    long_line = "ю" * (64 * 1024 // 2)                    # 64 KB of UTF-8 in one line
    r = a.section(app, "card", card(problem=long_line))
    assert r.status_code == 400 and "Не длиннее 5000 символов" in r.text
    assert json.loads(stored_raw(app, "card"))["problem"] == long_line


@pytest.mark.parametrize("bad", [b"%C3%28bad", b"before%00after", b"%00"])
def test_invalid_utf8_or_nul_is_a_field_error_the_rest_is_saved_the_field_kept(a, bad):
    """A NUL cannot be kept (C strings): rather than cut the text there
    without a word, the field is refused like invalid UTF-8, and the value
    stored before stays."""
    app = a.new_app()
    assert a.section(app, "card", card(goal="Цель, сохранённая раньше")).status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/card").text
    version = re.search(r'name="version" value="(\d*)"', page).group(1)
    fields = dict(card(), csrf=csrf_of(page), version=version)
    del fields["goal"]
    body = urllib.parse.urlencode(fields).encode() + b"&goal=" + bad
    r = a.s.post(f"{URL}/applications/{app}/card", data=body, allow_redirects=False,
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    assert "неверная кодировка UTF-8" in r.text and "осталось прежнее значение" in r.text
    data = json.loads(stored_raw(app, "card"))
    assert data["title"] == CARD["title"] and data["summary"] == CARD["summary"]
    assert data["goal"] == "Цель, сохранённая раньше"


def test_old_drafts_are_read_even_when_the_old_format_broke_them_and_gf_drafts_converts_them(a):
    app = a.new_app()
    broken = ("title = Старый черновик\nproblem << EOM\nпервая\nEOM\nвторая после EOM\nEOM\n"
              "summary = Кратко\n")
    sql(f"INSERT INTO application_sections (project_id, section, data, valid, version, saved_at)"
        f" VALUES ({app}, 'card', '{broken}', 0, 1, NOW())")
    page = a.s.get(f"{URL}/applications/{app}/card")
    assert page.status_code == 200 and "Старый черновик" in page.text
    assert a.s.get(f"{URL}/applications/{app}").status_code == 200
    env = dict(os.environ, GF_CONFIG=f"{DIR}/grantfair.hdf")
    out = subprocess.run([f"{BUILD}/gf-drafts", "migrate"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert re.match(r"drafts: [1-9]\d* converted", out.stdout)
    data = json.loads(stored_raw(app, "card"))
    assert data["problem"] == "первая\nEOM\nвторая после EOM\n"
    kept = sql(f"SELECT data FROM legacy_drafts WHERE project_id = {app} AND section = 'card'")
    assert len(kept) == 1 and "вторая после EOM" in kept[0][0]          # the original, kept
    assert data["title"] == "Старый черновик" and data["summary"] == "Кратко"
    again = subprocess.run([f"{BUILD}/gf-drafts", "migrate"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert again.returncode == 0 and again.stdout.strip() == "drafts: 0 converted"
