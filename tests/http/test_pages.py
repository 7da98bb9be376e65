"""Home, exhibition listing and project pages, with the demo data."""
import html
import re
import time

import pytest

from conftest import URL, sql

XSS = "<script>alert(1)</script>"


def test_home_shows_open_competitions_news_and_projects(s):
    r = s.get(f"{URL}/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Гранты губернатора Кубани — 2026, второй поток" in r.text
    assert "Приём заявок до" in r.text and "(МСК)" in r.text
    assert "Встреча руководителей некоммерческих организаций" in r.text
    assert r.text.count('href="/projects/') >= 6
    # a closed competition is not offered for applications
    assert "Гранты губернатора Кубани — 2025" not in r.text.split("Новости")[0]


def test_listing_first_page_has_twenty_projects_and_a_pager(s):
    r = s.get(f"{URL}/projects")
    assert r.status_code == 200
    total = int(sql("SELECT COUNT(*) FROM projects WHERE exhibit <> 'none'")[0][0])
    assert f"Найдено проектов: {total}" in r.text
    assert len(re.findall(r'<li class="item">', r.text)) == 20
    assert 'rel="next"' in r.text and 'href="/projects?page=2"' in r.text


def test_listing_filters_by_municipality(s):
    muni = sql("SELECT municipality_id FROM projects WHERE listed = 1 "
               "GROUP BY municipality_id ORDER BY COUNT(*) DESC LIMIT 1")[0][0]
    n = sql(f"SELECT COUNT(*) FROM projects WHERE listed = 1 AND municipality_id = {muni}")[0][0]
    expected = sql(f"SELECT title FROM projects WHERE listed = 1 AND municipality_id = {muni} "
                   "ORDER BY id DESC LIMIT 20")
    r = s.get(f"{URL}/projects", params={"municipality": muni})
    assert f"Найдено проектов: {n}" in r.text
    for (title,) in expected:
        assert html.escape(title) in r.text
    assert f'<option value="{muni}" selected>' in r.text


@pytest.mark.parametrize("status,badge", [("winner", "Победитель"), ("completed", "Реализован"),
                                          ("applicant", "Участник конкурса")])
def test_listing_filters_by_status(s, status, badge):
    n = int(sql(f"SELECT COUNT(*) FROM projects WHERE exhibit = '{status}'")[0][0])
    r = s.get(f"{URL}/projects", params={"status": status})
    assert f"Найдено проектов: {n}" in r.text
    badges = re.findall(r'<span class="badge badge-(\w+)">', r.text)
    assert badges and set(badges) == {status}


def test_listing_filters_combine_direction_and_competition(s):
    n = int(sql("SELECT COUNT(*) FROM projects WHERE listed = 1 AND direction_id = 9 "
                "AND competition_id = 2")[0][0])
    r = s.get(f"{URL}/projects?direction=9&competition=2")
    assert f"Найдено проектов: {n}" in r.text
    assert n > 0


def test_listing_deep_page_and_page_past_the_end(s):
    total = int(sql("SELECT COUNT(*) FROM projects WHERE listed = 1")[0][0])
    last = (total + 19) // 20
    r = s.get(f"{URL}/projects?page={last}")
    assert len(re.findall(r'<li class="item">', r.text)) == total - 20 * (last - 1)
    oldest = sql("SELECT title FROM projects WHERE listed = 1 ORDER BY id LIMIT 1")[0][0]
    assert html.escape(oldest) in r.text
    beyond = s.get(f"{URL}/projects?page=99999")
    assert beyond.status_code == 200 and beyond.text.count('<li class="item">') == r.text.count('<li class="item">')


@pytest.mark.parametrize("query", ["municipality=abc", "municipality=999", "direction=-1",
                                   "competition=1e3", "status=draft", "page=abc", "page=-5",
                                   "page=0", "municipality=" + XSS, "status=" + XSS,
                                   "page=99999999999999999999999"])
def test_invalid_filter_values_are_ignored(s, query):
    r = s.get(f"{URL}/projects?{query}")
    assert r.status_code == 200
    total = sql("SELECT COUNT(*) FROM projects WHERE listed = 1")[0][0]
    assert f"Найдено проектов: {total}" in r.text
    assert "<script>alert" not in r.text


def test_hostile_parameters_are_escaped_everywhere(s):
    for path in ["/", "/projects", "/projects/1", "/ideas", "/login", "/nope"]:
        r = s.get(f"{URL}{path}", params={"x": XSS, "next": XSS, "sent": XSS, "name": XSS,
                                          "email": XSS, "body": XSS})
        assert "<script>alert(1)" not in r.text, path


def test_project_page_shows_the_card(s):
    pid, title, org, muni, summary = sql(
        "SELECT p.id, p.title, o.short_name, m.name, p.summary FROM projects p "
        "JOIN organizations o ON o.id = p.org_id JOIN municipalities m ON m.id = p.municipality_id "
        "WHERE p.title LIKE 'Школа%Знаток безопасности%'")[0]
    r = s.get(f"{URL}/projects/{pid}")
    assert r.status_code == 200
    for text in (title, org, muni, summary):
        assert html.escape(text) in r.text
    assert "Размер гранта" in r.text and "₽" in r.text


def test_project_page_shows_approved_comments_only_and_their_kept_count(s):
    pid = sql("SELECT id FROM projects WHERE listed = 1 AND comments_approved = 0 "
              "ORDER BY id LIMIT 1")[0][0]

    def add(author, status):
        sql("INSERT INTO comments (project_id, author_name, email, body, status, created_at) "
            f"VALUES ({pid}, '{author}', 'c@example.org', 'Текст <b>{author}</b>', '{status}', NOW())")
        return sql("SELECT MAX(id) FROM comments")[0][0]

    def page():   # a query never asked before: not in the page cache
        return s.get(f"{URL}/projects/{pid}", params={"probe": time.time()}).text

    def kept():
        return int(sql(f"SELECT comments_approved FROM projects WHERE id = {pid}")[0][0])

    try:
        assert "Комментариев пока нет" in page()
        first = add("Иван", "approved")
        pending = add("Пётр", "pending")
        add("Спам", "rejected")
        text = page()
        assert kept() == 1 and "Комментарии (1)" in text
        assert "Иван" in text and "Текст &lt;b&gt;Иван&lt;/b&gt;" in text
        assert "Пётр" not in text and "Спам" not in text
        sql(f"UPDATE comments SET status = 'approved' WHERE id = {pending}")   # moderated
        assert kept() == 2 and "Пётр" in page()
        sql(f"UPDATE comments SET status = 'rejected' WHERE id = {first}")
        text = page()
        assert kept() == 1 and "Иван" not in text and "Комментарии (1)" in text
        sql(f"DELETE FROM comments WHERE id = {pending}")
        assert kept() == 0 and "Комментариев пока нет" in page()
    finally:
        sql(f"DELETE FROM comments WHERE project_id = {pid}")
    assert kept() == 0


def test_listing_shows_the_organizations_current_name(s):
    pid, org, name = sql("SELECT p.id, o.id, o.short_name FROM projects p "
                         "JOIN organizations o ON o.id = p.org_id WHERE p.listed = 1 "
                         "ORDER BY p.id DESC LIMIT 1")[0]

    def listing():
        return s.get(f"{URL}/projects", params={"probe": time.time()}).text

    try:
        sql(f"UPDATE organizations SET short_name = 'АНО «Переименованная»' WHERE id = {org}")
        text = listing()
        assert "АНО «Переименованная»" in text and f"/projects/{pid}" in text
        assert sql(f"SELECT org_name FROM projects WHERE id = {pid}")[0][0] == "АНО «Переименованная»"
        comp = sql("SELECT id FROM competitions LIMIT 1")[0][0]
        sql("INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, title, "
            f"summary, status, exhibit, created_at, updated_at) VALUES ({comp}, {org}, 1, 5, "
            "'Новый проект переименованной', 'текст', 'submitted', 'applicant', NOW(), NOW())")
        text = listing()
        first = text.index("Новый проект переименованной")
        assert "АНО «Переименованная»" in text[first:first + 2000]
    finally:
        sql("DELETE FROM projects WHERE title = 'Новый проект переименованной'")
        sql(f"UPDATE organizations SET short_name = '{name}' WHERE id = {org}")
    assert sql(f"SELECT org_name FROM projects WHERE id = {pid}")[0][0] == name


def test_unpublished_project_is_not_found(s):
    comp = sql("SELECT id FROM competitions LIMIT 1")[0][0]
    sql("INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, title, "
        f"summary, status, exhibit, created_at, updated_at) VALUES ({comp}, 2, 1, 5, "
        "'Черновик для теста', 'текст', 'draft', 'none', NOW(), NOW())")
    pid = sql("SELECT MAX(id) FROM projects")[0][0]
    assert s.get(f"{URL}/projects/{pid}").status_code == 404
    r = s.get(f"{URL}/projects")
    assert "Черновик для теста" not in r.text


@pytest.mark.parametrize("path", ["/projects/abc", "/projects/99999999999999999999",
                                  "/projects/0", "/projects/-1", "/projects/1x", "/projects/01",
                                  "/projects/999999", "/projects/1/extra", "/nope",
                                  "/cabinet/nope", "/%3Cscript%3E"])
def test_malformed_or_unknown_ids_give_the_russian_404(s, path):
    r = s.get(f"{URL}{path}")
    assert r.status_code == 404
    assert "Страница не найдена" in r.text
    assert "<script>" not in r.text


def test_security_headers_on_every_page(s):
    for path in ["/", "/projects", "/projects/1", "/ideas", "/login", "/nope"]:
        h = s.get(f"{URL}{path}").headers
        csp = h["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["X-Frame-Options"] == "DENY"
        assert h["Referrer-Policy"]
    static = s.get(f"{URL}/static/site.css")
    assert static.status_code == 200 and static.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_timing_footer_and_one_doctype(s):
    r = s.get(f"{URL}/projects")
    assert not re.search(r"<!-- [0-9.]+:\d+ -->", r.text)
    assert r.text.lstrip().startswith("<!DOCTYPE html>")


def test_anonymous_public_pages_are_cached_briefly_and_sessions_bypass_the_cache(s):
    import time
    from conftest import DEMO_PASSWORD, login
    url = f"{URL}/projects?status=completed&cache-probe={time.time()}"
    first = s.get(url).text
    sql("UPDATE projects SET title = CONCAT(title, ' (изм.)') WHERE exhibit = 'completed' "
        "ORDER BY id DESC LIMIT 1")
    try:
        # within the TTL the worker that rendered it answers from its cache (which
        # worker takes a request is up to the kernel, so look for it among several)
        assert any(s.get(url).text == first for _ in range(12))
        login(s, "staff@demo.grantfair.local", DEMO_PASSWORD)
        fresh = s.get(url).text                   # a logged-in visitor never gets a cached page
        assert "(изм.)" in fresh and "Кузнецова Мария Андреевна" not in first
    finally:
        sql("UPDATE projects SET title = REPLACE(title, ' (изм.)', '') WHERE title LIKE '% (изм.)'")


def test_exhibition_counts_follow_every_change_of_a_project():
    def stats(c, d, m, e):
        rows = sql(f"SELECT n FROM exhibit_stats WHERE competition_id = {c} AND direction_id = {d} "
                   f"AND municipality_id = {m} AND exhibit = '{e}'")
        return int(rows[0][0]) if rows else 0

    def actual(c, d, m, e):
        w = "listed = 1" + (f" AND competition_id = {c}" if c else "") + \
            (f" AND direction_id = {d}" if d else "") + (f" AND municipality_id = {m}" if m else "") + \
            (f" AND exhibit = '{e}'" if e != "all" else "")
        return int(sql(f"SELECT COUNT(*) FROM projects WHERE {w}")[0][0])

    pid, c, d, m = sql("SELECT id, competition_id, direction_id, municipality_id FROM projects "
                       "WHERE exhibit = 'applicant' ORDER BY id LIMIT 1")[0]
    combos = [(0, 0, 0, "all"), (c, 0, 0, "all"), (0, d, m, "applicant"), (0, 0, 44, "winner"),
              (c, d, m, "all"), (0, 0, m, "winner"), (0, 0, 44, "all")]
    try:
        sql(f"UPDATE projects SET exhibit = 'winner', municipality_id = 44 WHERE id = {pid}")
        for combo in combos:
            assert stats(*combo) == actual(*combo), combo
        sql(f"UPDATE projects SET exhibit = 'none' WHERE id = {pid}")
        for combo in combos:
            assert stats(*combo) == actual(*combo), combo
    finally:
        sql(f"UPDATE projects SET exhibit = 'applicant', municipality_id = {m} WHERE id = {pid}")
    for combo in combos:
        assert stats(*combo) == actual(*combo), combo


def test_deep_pages_from_anchors_match_a_plain_offset(s):
    import subprocess
    import time
    from conftest import DIR, ROOT
    listed = int(sql("SELECT COUNT(*) FROM projects WHERE listed = 1")[0][0])
    if listed < 1300:
        subprocess.run([f"{ROOT}/schema/gen_projects.sh", f"{DIR}/run/mysql.sock", "1300"],
                       check=True, capture_output=True)
    for query, where in [("", "listed = 1"), ("status=winner&", "listed = 1 AND exhibit = 'winner'"),
                         ("municipality=5&", "listed = 1 AND municipality_id = 5")]:
        total = int(sql(f"SELECT COUNT(*) FROM projects WHERE {where}")[0][0])
        for page in (50, 51, 52, 57, (total + 19) // 20):
            if page < 1 or page > (total + 19) // 20:
                continue
            want = [t for (t,) in sql(f"SELECT title FROM projects WHERE {where} "
                                      f"ORDER BY id DESC LIMIT 20 OFFSET {(page - 1) * 20}")]
            r = s.get(f"{URL}/projects?{query}page={page}&probe={time.time()}")
            got = re.findall(r'<h2><a href="/projects/\d+">([^<]*)</a></h2>', r.text)
            assert [html.unescape(g) for g in got] == want, (query, page)


def test_news_list_and_the_seed_meeting_in_full(s):
    page = s.get(f"{URL}/news").text
    assert "Встреча руководителей некоммерческих организаций региона" in page
    nid = re.search(r'href="/news/(\d+)">Встреча руководителей', page).group(1)
    item = s.get(f"{URL}/news/{nid}").text
    assert "Перевод в цифровой формат всех этапов конкурсной процедуры" in item
    assert "Школа „Знаток безопасности“" in item
    assert f'href="/news/{nid}"' in s.get(f"{URL}/").text
    for bad in ["/news/abc", "/news/0", "/news/999999", "/news/1/x"]:
        assert s.get(f"{URL}{bad}").status_code == 404
    sql("INSERT INTO news (title, summary, body, published_at, created_at) VALUES "
        "('Будущая новость', 'ещё нет', 'текст', NOW() + INTERVAL 1 DAY, NOW())")
    future = sql("SELECT MAX(id) FROM news")[0][0]
    assert s.get(f"{URL}/news/{future}").status_code == 404
