"""What the request loop guards before and while ClearSilver reads a body
(cgi-bin/lib/request.c, body.c): the number of fields, NUL bytes wherever
they can reach a field (body, query string, multipart, names), the CSRF
token only from the body, and Content-Type parameters."""
import json
import re
import subprocess
import urllib.parse

import pytest
import requests

from applicant import CARD, Ngo, dates
from conftest import DIR, URL, csrf_of

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def a():
    return Ngo()


def stored(app):
    out = subprocess.run(
        ["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-uroot", "-N", "-B", "--raw",
         "grantfair", "-e", f"SELECT data FROM application_sections WHERE project_id = {app} AND section = 'card'"],
        check=True, capture_output=True).stdout.decode()
    return json.loads(out) if out.strip() else None


def card_form(a, app, **over):
    page = a.s.get(f"{URL}/applications/{app}/card").text
    s, e = dates()
    version = re.search(r'name="version" value="(\d*)"', page).group(1)
    return dict(CARD, starts_on=s, ends_on=e, csrf=csrf_of(page), version=version, **over)


def test_thousands_of_fields_of_one_name_are_refused_and_the_program_still_answers(s):
    body = "&".join("a=1" for _ in range(60000))
    r = requests.post(f"{URL}/login", data=body, headers=FORM, timeout=30)
    assert r.status_code == 400
    assert requests.get(f"{URL}/login", timeout=5).status_code == 200


def test_too_many_distinct_fields_are_refused(s):
    body = "&".join(f"f{i}=1" for i in range(5000))
    assert requests.post(f"{URL}/ideas", data=body, headers=FORM, timeout=30).status_code == 400


def test_an_anonymous_post_to_a_page_that_needs_login_is_sent_to_login_unread(s):
    r = requests.post(f"{URL}/my", data="&".join("a=1" for _ in range(60000)), headers=FORM,
                      allow_redirects=False, timeout=30)
    assert r.status_code == 405          # /my takes no POST: refused before the body
    r = requests.post(f"{URL}/applications/new", data="x=1", headers=FORM, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")


def test_a_nul_in_the_query_string_reaches_no_field_cut_short(a):
    app = a.new_app()
    fields = card_form(a, app)
    del fields["title"]
    r = a.s.post(f"{URL}/applications/{app}/card?title=qs%00tail", data=fields, allow_redirects=False)
    assert r.status_code == 400 and "не сохранён" in r.text
    assert "title" not in (stored(app) or {})


def test_many_fields_with_a_nul_refuse_the_request_and_store_nothing(a):
    app = a.new_app()
    fields = card_form(a, app)
    body = urllib.parse.urlencode(fields) + "".join(f"&z{i}=%00" for i in range(40)) + "&title=abc%00def"
    r = a.s.post(f"{URL}/applications/{app}/card", data=body, headers=FORM, allow_redirects=False)
    assert r.status_code == 400
    assert stored(app) is None


def test_a_nul_in_a_field_name_refuses_the_request(a):
    app = a.new_app()
    body = urllib.parse.urlencode(card_form(a, app)) + "&title%00junk=x"
    r = a.s.post(f"{URL}/applications/{app}/card", data=body, headers=FORM, allow_redirects=False)
    assert r.status_code == 400
    assert stored(app) is None


def test_a_nul_in_a_multipart_text_part_is_refused_like_bad_text(a):
    app = a.new_app()
    fields = card_form(a, app)
    fields["title"] = "mp\x00nul"
    files = {k: (None, v) for k, v in fields.items()}
    r = a.s.post(f"{URL}/applications/{app}/card", files=files, allow_redirects=False)
    assert r.status_code == 400 and "не сохранён" in r.text
    data = stored(app)
    assert data is not None and "title" not in data and data["summary"] == CARD["summary"]


def test_a_charset_parameter_still_parses_and_still_finds_a_nul(a):
    app = a.new_app()
    fields = card_form(a, app)
    del fields["goal"]
    body = urllib.parse.urlencode(fields) + "&goal=x%00y"
    r = a.s.post(f"{URL}/applications/{app}/card", data=body, allow_redirects=False,
                 headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert r.status_code == 400 and "не сохранён" in r.text
    assert stored(app)["title"] == CARD["title"]


def test_the_csrf_token_is_taken_from_the_body_only(a):
    app = a.new_app()
    fields = card_form(a, app)
    token = fields.pop("csrf")
    r = a.s.post(f"{URL}/applications/{app}/card?csrf={token}", data=fields, allow_redirects=False)
    assert r.status_code == 403
    assert stored(app) is None
    r = a.s.post(f"{URL}/applications/{app}/card?csrf={token}", data=dict(fields, csrf=token),
                 allow_redirects=False)
    assert r.status_code == 403          # a token in the URL is refused even beside a good one
    r = a.s.post(f"{URL}/applications/{app}/card?%63srf={token}", data=fields, allow_redirects=False)
    assert r.status_code == 403          # also when its name is percent-encoded


def test_a_multipart_body_is_held_to_the_size_of_a_form_where_no_file_is_taken(a):
    """Only a route that takes files (GF_FILES) reads a body up to
    Limits.MaxUpload; a section sent as multipart is held to
    Limits.MaxBody (256 KB) like any form, and nothing is stored."""
    app = a.new_app()
    fields = card_form(a, app)
    fields["problem"] = "Б" * 200_000          # 400 KB of text
    files = {k: (None, v) for k, v in fields.items()}
    r = a.s.post(f"{URL}/applications/{app}/card", files=files, allow_redirects=False)
    assert r.status_code == 413
    assert stored(app) is None
    # the attachments route still takes a file of a few hundred KB
    page = a.s.get(f"{URL}/applications/{app}/files").text
    r = a.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                 data={"csrf": csrf_of(page), "kind": "Устав"},
                 files={"file": ("Устав.pdf", b"%PDF-1.4\n" + b"0" * 400_000 + b"\n%%EOF\n",
                                 "application/pdf")})
    assert r.status_code == 303


def test_a_choice_field_is_never_stored_long_or_as_junk(a):
    """A choice (a tick, a list's id, a date, an amount) is checked by its
    section but also kept short: junk in «publish» is refused, not stored
    as a valid consent."""
    app = a.new_app()
    page = a.s.get(f"{URL}/applications/{app}/consent").text
    version = re.search(r'name="version" value="(\d*)"', page).group(1)
    r = a.s.post(f"{URL}/applications/{app}/consent", allow_redirects=False,
                 data={"csrf": csrf_of(page), "version": version, "pd": "1", "publish": "Ж" * 5000})
    assert r.status_code == 400
    assert "Отметьте согласие или оставьте поле пустым" in r.text or "символ" in r.text
    row = subprocess.run(
        ["mariadb", "--no-defaults", "-S", f"{DIR}/run/mysql.sock", "-uroot", "-N", "-B", "grantfair",
         "-e", f"SELECT valid, LENGTH(data) FROM application_sections WHERE project_id = {app}"
               " AND section = 'consent'"], check=True, capture_output=True, text=True).stdout.split()
    assert not row or (row[0] == "0")
