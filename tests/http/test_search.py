"""Search on the exhibition (/projects?q=): Russian word forms through the
Snowball stems, case and ё/е, each filter and the pager with the query
kept, ranking (title before summary, the newest first among equals), what
an empty result says, hostile input, and the index kept current: a project
renamed, or whose organization is renamed, is found by its new name (the
trigger of schema/018 marks it stale, the mailer daemon re-stems it, the
triggers of 024 copy it into the Mroonga index with its filter values)."""
import random
import re
import subprocess
import time
import urllib.parse

import pytest

from conftest import BUILD, DIR, URL, sql

SCHOOL = "/projects/1"      # «Школа „Знаток безопасности“», demo.sql


def ids(html):
    """The project ids of a result page, in page order."""
    return [int(i) for i in re.findall(r'<h2><a href="/projects/(\d+)">', html)]


def found(html):
    m = re.search(r'id="found">[^<]*: (\d+)</p>', html)
    assert m, "page has no count"
    return int(m.group(1))


def word():
    """A made-up Russian word no demo project has."""
    return "".join(random.choice("бвгджзклмнпрстфхч") + random.choice("аоиуэы")
                   for _ in range(4)) + "ка"


def expected(where, expr):
    """The ids the search should show, ranked as the page ranks them: the
    words against the index (schema/024), the filters on the projects'
    own columns (not the index's filter tokens the page uses)."""
    m = f"MATCH(s.title_text, s.body_text) AGAINST ('{expr}' IN BOOLEAN MODE)"
    t = f"MATCH(s.title_text) AGAINST ('{expr.replace('+', '')}' IN BOOLEAN MODE)"
    return [int(r[0]) for r in sql(
        f"SELECT p.id FROM project_search s JOIN projects p ON p.id = s.project_id "
        f"WHERE p.listed = 1 AND {m} {where} ORDER BY {t} DESC, {m} DESC, p.id DESC")]


def search_until(s, q, pred, timeout=15, **filters):
    """The page for q once pred(page) holds (the daemon re-stems every second
    and a page may be kept 5 s); the last page otherwise."""
    end = time.monotonic() + timeout
    while True:
        html = s.get(f"{URL}/projects", params={"q": q, **filters}).text
        if pred(html) or time.monotonic() > end:
            return html
        time.sleep(0.3)


@pytest.mark.parametrize("q", ["школа", "школы", "школе", "школами", "школьников",
                               "ШКОЛА", "Школы"])
def test_word_forms_and_case_find_the_school(s, q):
    r = s.get(f"{URL}/projects", params={"q": q})
    assert r.status_code == 200
    assert 1 in ids(r.text) or found(r.text) > 20
    assert found(r.text) == len(expected("", "+школ*")) or q == "школьников"


def test_a_word_form_finds_the_same_projects_as_another(s):
    a = s.get(f"{URL}/projects", params={"q": "безопасности"}).text
    b = s.get(f"{URL}/projects", params={"q": "безопасность"}).text
    assert ids(a) == ids(b) and 1 in ids(a)


def test_yo_and_ye_are_one_letter(s):
    yo = s.get(f"{URL}/projects", params={"q": "приёмных"}).text
    ye = s.get(f"{URL}/projects", params={"q": "ПРИЕМНЫХ"}).text
    assert 35 in ids(yo) and ids(yo) == ids(ye)


def test_every_word_is_required(s):
    both = s.get(f"{URL}/projects", params={"q": "школа безопасности"}).text
    assert 1 in ids(both)
    assert found(both) == len(expected("", "+школ* +безопасн*")) < len(expected("", "+школ*"))


def test_the_header_box_and_the_page_box_show_the_query(s):
    r = s.get(f"{URL}/projects", params={"q": "школы"})
    assert re.search(r'id="site-q"[^>]*value="школы"', r.text)
    assert re.search(r'<input type="search" name="q"[^>]*value="школы"', r.text)
    assert "Найдено по запросу «школы»" in r.text


@pytest.mark.parametrize("param,column", [("municipality", "municipality_id"),
                                          ("direction", "direction_id"),
                                          ("competition", "competition_id"),
                                          ("status", "exhibit")])
def test_each_filter_narrows_the_search(s, param, column):
    value = sql(f"SELECT {column} FROM projects WHERE id = 1")[0][0]
    r = s.get(f"{URL}/projects", params={"q": "школа", param: value})
    want = expected(f"AND {column} = '{value}'", "+школ*")
    assert ids(r.text) == want[:20] and found(r.text) == len(want) and 1 in want
    assert len(want) < len(expected("", "+школ*"))


def test_all_filters_with_the_query(s):
    m, d, c, e = sql("SELECT municipality_id, direction_id, competition_id, exhibit "
                     "FROM projects WHERE id = 1")[0]
    r = s.get(f"{URL}/projects", params={"q": "знаток", "municipality": m, "direction": d,
                                         "competition": c, "status": e})
    assert ids(r.text) == [1]


def test_pages_keep_the_query_and_together_show_every_result(s):
    want = expected("", "+школ*")
    assert len(want) > 20, "the demo has more than a page of schools"
    first = s.get(f"{URL}/projects", params={"q": "школы"}).text
    link = "/projects?q=" + urllib.parse.quote_plus("школы") + "&amp;page=2"
    assert link in first or link.replace("+", "%20") in first
    pages = [first]
    while 'rel="next"' in pages[-1] and len(pages) < 100:    # other tests may add schools
        pages.append(s.get(f"{URL}/projects", params={"q": "школы", "page": len(pages) + 1}).text)
    assert [i for p in pages for i in ids(p)] == want
    assert 'aria-current="page">2<' in pages[1]
    # a page past the end is the last page
    far = s.get(f"{URL}/projects", params={"q": "школы", "page": 999}).text
    assert ids(far) == ids(pages[-1])


def test_title_matches_rank_first_and_the_newest_first_among_equals(s):
    got = ids(s.get(f"{URL}/projects", params={"q": "школа"}).text)
    in_title = {int(r[0]) for r in sql(
        "SELECT id FROM projects WHERE listed = 1 AND LOWER(title) LIKE '%школ%'")}
    k = len([i for i in got if i in in_title])
    assert k >= 5 and set(got[:k]) <= in_title, "every title match before the others"
    m = "MATCH(title_text, body_text) AGAINST ('+школ*' IN BOOLEAN MODE)"
    t = "MATCH(title_text) AGAINST ('школ*' IN BOOLEAN MODE)"
    scores = sql(f"SELECT project_id, {t}, {m} FROM project_search WHERE {m}")
    score = {int(i): (float(a), float(b)) for i, a, b in scores}
    for a, b in zip(got, got[1:]):
        assert score[a] > score[b] or (score[a] == score[b] and a > b)


def test_nothing_found_says_what_to_try(s):
    r = s.get(f"{URL}/projects", params={"q": word()})
    assert r.status_code == 200 and ids(r.text) == []
    assert "проектов не нашлось" in r.text
    assert "опечатки" in r.text and "меньше слов" in r.text
    assert 'href="/projects"' in r.text
    assert "искать без фильтров" not in r.text


def test_nothing_found_with_a_filter_offers_the_search_without_it(s):
    muni = sql("SELECT municipality_id FROM projects WHERE id = 1")[0][0]
    other = sql(f"SELECT id FROM municipalities WHERE id <> {muni} AND id NOT IN "
                "(SELECT municipality_id FROM projects WHERE listed = 1 AND "
                "search_text LIKE '%знаток%') LIMIT 1")[0][0]
    r = s.get(f"{URL}/projects", params={"q": "знаток", "municipality": other})
    assert ids(r.text) == [] and "с выбранными фильтрами" in r.text
    assert 'href="/projects?q=%D0%B7%D0%BD%D0%B0%D1%82%D0%BE%D0%BA">искать без фильтров' in r.text


@pytest.mark.parametrize("q", ["!!!", "«»—…", "   ", "- + * ( ) ~ < > @ \"", "в на и"])
def test_a_query_without_words_shows_every_project_with_a_word_about_it(s, q):
    r = s.get(f"{URL}/projects", params={"q": q})
    assert r.status_code == 200
    if q.strip():
        assert "В запросе нет слов для поиска" in r.text
    assert found(r.text) == int(sql("SELECT COUNT(*) FROM projects WHERE listed = 1")[0][0])


def test_a_long_query_is_cut_and_said_so(s):
    r = s.get(f"{URL}/projects", params={"q": "школа " + "ж" * 500})
    assert r.status_code == 200
    assert "Запрос длиннее 200 знаков" in r.text
    value = re.search(r'id="site-q"[^>]*value="([^"]*)"', r.text).group(1)
    assert len(value) == 200


@pytest.mark.parametrize("raw", ["q=%00", "q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0%00%3Cb%3E",
                                 "q=%FF%FE%D0", "q=%01%02%1B%7F", "q=%E2%80%AE%D1%88",
                                 "q=a&q=b", "q[]=x", "q=" + "%D1%8F" * 20000])
def test_bad_bytes_never_break_the_page(s, raw):
    r = s.get(f"{URL}/projects?{raw}")
    assert r.status_code in (200, 414) and "Traceback" not in r.text
    if r.status_code == 200:
        assert "\x00" not in r.text and "\x1b" not in r.text


def test_hostile_text_comes_back_escaped(s):
    q = '<script>alert(1)</script> "школа" \'x\' onmouseover=1'
    r = s.get(f"{URL}/projects", params={"q": q})
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert '"школа"' not in r.text and "&quot;школа&quot;" in r.text
    assert "'x'" not in r.text


def test_only_listed_projects_are_found(s):
    w = word()
    draft = sql("SELECT id FROM projects WHERE listed = 0 ORDER BY id LIMIT 1")[0][0]
    old = sql(f"SELECT title FROM projects WHERE id = {draft}")[0][0]
    try:
        sql(f"UPDATE projects SET title = 'Черновик {w}' WHERE id = {draft}")
        sql("UPDATE projects SET search_stale = 1 WHERE id = 1")   # a mark to wait for
        end = time.monotonic() + 15
        while sql(f"SELECT search_stale FROM projects WHERE id IN (1, {draft})") != [["0"], ["0"]] \
                and time.monotonic() < end:
            time.sleep(0.2)
        assert w.lower()[:4] in sql(f"SELECT search_text FROM projects WHERE id = {draft}")[0][0]
        assert ids(s.get(f"{URL}/projects", params={"q": w}).text) == []
    finally:
        sql(f"UPDATE projects SET title = '{old}' WHERE id = {draft}")


def reindex():
    """What the mailer daemon does every second, now: the stale projects into the index."""
    subprocess.run([f"{BUILD}/mailer", "--reindex"], check=True, capture_output=True, timeout=120,
                   env={"GF_CONFIG": f"{DIR}/grantfair.hdf"})


def test_a_moved_or_withdrawn_project_follows_in_the_filters(s):
    """The index's filter tokens (schema/024, 026) follow the project's columns once the
    re-indexer has run (the daemon: within a second or two)."""
    m, e = sql("SELECT municipality_id, exhibit FROM projects WHERE id = 1")[0]
    other = sql(f"SELECT id FROM municipalities WHERE id <> {m} ORDER BY id LIMIT 1")[0][0]
    try:
        sql(f"UPDATE projects SET municipality_id = {other} WHERE id = 1")
        reindex()
        moved = search_until(s, "знаток", lambda h: ids(h) == [1], municipality=other)
        assert ids(moved) == [1]
        left = s.get(f"{URL}/projects", params={"q": "знаток безопасности", "municipality": m})
        assert ids(left.text) == [] and "с выбранными фильтрами" in left.text
        sql("UPDATE projects SET exhibit = 'none' WHERE id = 1")
        reindex()
        # the count may be kept a few seconds (Listing.TotalTTL)
        gone = search_until(s, "знаток", lambda h: found_or_zero(h) == 0, municipality=other)
        assert ids(gone) == [] and found_or_zero(gone) == 0
    finally:
        sql(f"UPDATE projects SET municipality_id = {m}, exhibit = '{e}' WHERE id = 1")
    reindex()
    back = search_until(s, "знаток", lambda h: ids(h) == [1])
    assert ids(back) == [1]


def test_a_filter_id_is_not_a_prefix_of_another(s):
    """Competition 4's filter must not find competition 40's projects: the index's filter
    tokens are closed by "_" (schema/027); Groonga read "+школ* +_c4" as a prefix of _c40."""
    comp, org = sql("SELECT competition_id, org_id FROM projects WHERE id = 1")[0]
    other = int(comp) * 10 + 7
    while sql(f"SELECT COUNT(*) FROM competitions WHERE id = {other}") != [["0"]]:
        other = other * 10 + 7
    sql(f"CREATE TEMPORARY TABLE c AS SELECT * FROM competitions WHERE id = {comp};"
        f" UPDATE c SET id = {other}, title = 'Конкурс для проверки фильтра';"
        f" INSERT INTO competitions SELECT * FROM c")
    try:
        sql(f"INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, title,"
            f" summary, status, exhibit, created_at, updated_at) VALUES ({other}, {org}, 1, 5,"
            f" 'Школа юного спасателя', 'текст', 'winner', 'winner', NOW(), NOW())")
        pid = int(sql("SELECT MAX(id) FROM projects")[0][0])
        reindex()
        # the filter is offered once the programs' competitions list is read again (30 s)
        mine = search_until(s, "школа", lambda h: ids(h) == [pid], timeout=45, competition=other)
        assert ids(mine) == [pid]
        theirs = s.get(f"{URL}/projects", params={"q": "школа", "competition": comp}).text
        assert pid not in ids(theirs) and 1 in ids(theirs)
    finally:
        sql(f"DELETE FROM projects WHERE competition_id = {other}")
        sql(f"DELETE FROM competitions WHERE id = {other}")


def test_a_change_rolled_back_never_reaches_the_index():
    """Mroonga is not transactional: the index is written only from committed rows
    (schema/026), so a move undone by a rollback leaves the project where it was."""
    m = sql("SELECT municipality_id FROM projects WHERE id = 1")[0][0]
    other = sql(f"SELECT id FROM municipalities WHERE id <> {m} ORDER BY id LIMIT 1")[0][0]
    sql(f"START TRANSACTION; UPDATE projects SET municipality_id = {other}, exhibit = 'none'"
        f" WHERE id = 1; ROLLBACK")
    reindex()
    row = sql("SELECT body_text FROM project_search WHERE project_id = 1")
    assert row and f" _m{m}_ " in row[0][0] + " " and f" _m{other}_ " not in row[0][0] + " "
    assert sql("SELECT search_stale FROM projects WHERE id = 1") == [["0"]]


def found_or_zero(html):
    m = re.search(r'id="found">[^<]*: (\d+)</p>', html)
    return int(m.group(1)) if m else 0


def test_a_renamed_project_is_found_by_its_new_name_and_not_its_old(s):
    pid, old = sql("SELECT id, title FROM projects WHERE listed = 1 AND id <> 1 "
                   "ORDER BY id DESC LIMIT 1")[0]
    w = word()
    gone = old.split()[0]
    try:
        sql(f"UPDATE projects SET title = 'Мастерская {w}' WHERE id = {pid}")
        html = search_until(s, w, lambda h: int(pid) in ids(h))
        assert ids(html) == [int(pid)]
        # word forms of the new name too
        assert int(pid) in ids(s.get(f"{URL}/projects", params={"q": "мастерские " + w}).text)
    finally:
        sql(f"UPDATE projects SET title = '{old}' WHERE id = {pid}")
    html = search_until(s, w, lambda h: ids(h) == [])
    assert ids(html) == [], f"{gone}: the old text is searched again"


def test_a_renamed_organization_is_found_in_its_projects(s):
    org, name = sql("SELECT o.id, o.short_name FROM organizations o JOIN projects p "
                    "ON p.org_id = o.id AND p.listed = 1 GROUP BY o.id ORDER BY o.id LIMIT 1")[0]
    listed = sorted(int(r[0]) for r in sql(
        f"SELECT id FROM projects WHERE org_id = {org} AND listed = 1"))
    w = word()
    try:
        sql(f"UPDATE organizations SET short_name = 'АНО «{w}»' WHERE id = {org}")
        html = search_until(s, w, lambda h: sorted(ids(h)) == listed)
        assert sorted(ids(html)) == listed
    finally:
        sql(f"UPDATE organizations SET short_name = '{name.replace(chr(39), chr(39) * 2)}' "
            f"WHERE id = {org}")
