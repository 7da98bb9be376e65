"""The public «Итоги» (/results, /results/<id>, its CSV and JSON, and
/results/data): nothing of a competition before its results are published;
then its winners by score, the same rows in the CSV and the JSON; the list
of competitions with results; the competition's page and the site's header
link them; the data page documents every field the files hold.

Competitions are made by test_publish.Commission and published through the
real publish page; the demo data's competition 3 is not relied on."""
import csv
import html
import io
import re
import time

import pytest
import requests

from conftest import URL, sql
from test_publish import NB, STAFF, Commission, number_of, session

ROUTES = ["/results/{}", "/results/{}.csv", "/results/{}.json"]
CSV_HEADER = ["Номер заявки", "Проект", "Организация", "ИНН", "Муниципальное образование",
              "Направление", "Сумма гранта, руб.", "Итоговый балл"]


def anon_get(path, want=None, timeout=8):
    """An anonymous GET; with want, retried until the text has it (public
    pages may come from a worker's cache for Cache.PublicTTL seconds)."""
    end = time.time() + timeout
    while True:
        r = requests.get(URL + path)
        if want is None or want in r.text or time.time() > end:
            return r
        time.sleep(0.5)


def text_of(cell):
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def page_rows(page):
    """The winners' table as [{column: text, "href": project link or None}]."""
    table = page.split('<table id="winners">')[1].split("</table>")[0]
    heads = [text_of(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table)]
    rows = []
    for tr in re.findall(r"<tr data-project[^>]*>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<td>(.*?)</td>", tr, re.S)
        row = dict(zip(heads, (text_of(c) for c in cells)))
        link = re.search(r'href="(/projects/\d+)"', tr)
        row["href"] = link.group(1) if link else None
        rows.append(row)
    return rows


def kopecks_of_page(text):
    """rub()'s "500 000 ₽" or "1 234,50 ₽" as kopecks."""
    t = text.replace(NB, "").replace("₽", "").replace(" ", "")
    rub, _, kop = t.partition(",")
    return int(rub) * 100 + int(kop or 0)


def kopecks_of_open_data(text, sep):
    rub, kop = text.split(sep)
    assert len(kop) == 2 and rub.isdigit() and kop.isdigit(), text
    return int(rub) * 100 + int(kop)


@pytest.fixture(scope="module")
def published():
    """Three applications of distinct organizations: two winners (the
    second-best application scored highest after the commission's
    rescoring: score order is not id order), one not; only the first
    consented to the exhibition. Published by staff through the page."""
    names = ["Фонд «Альфа-Тест»", "Союз «Бета; Тест»", "Центр «Гамма-Тест»"]
    c = Commission(apps=3, winners=2, granted=[50_000_000, 12_345_67], org_names=names)
    a, b, lose = c.rv.apps[0][1], c.rv.apps[1][1], c.rv.apps[2][1]
    sql(f"UPDATE projects SET score = 61.25 WHERE id = {a}")
    sql(f"UPDATE projects SET score = 90.50 WHERE id = {b}")
    sql(f"UPDATE projects SET consent_publish = (id = {a}), exhibit = IF(id = {a}, 'applicant', 'none')"
        f" WHERE competition_id = {c.comp}")
    assert c.publish(session(STAFF)).status_code == 303
    c.names = names
    c.order = [b, a]          # by score
    c.lose = lose
    return c


def test_unpublished_competitions_are_404_on_every_route():
    c = Commission()
    for route in ROUTES:
        assert requests.get(URL + route.format(c.comp)).status_code == 404, route
    # not even in stage results when the results were not published
    sql(f"UPDATE competitions SET stage = 'results' WHERE id = {c.comp}")
    for route in ROUTES:
        assert requests.get(URL + route.format(c.comp)).status_code == 404, route
    assert f'href="/results/{c.comp}"' not in anon_get("/results").text
    assert requests.get(f"{URL}/results/99999999").status_code == 404
    assert requests.get(f"{URL}/results/99999999.json").status_code == 404


def test_page_lists_the_winners_by_score(published):
    c = published
    page = anon_get(f"/results/{c.comp}").text
    rows = page_rows(page)
    assert [r["№ заявки"] for r in rows] == [number_of(p) for p in c.order]
    assert [r["Организация"] for r in rows] == [c.names[1], c.names[0]]
    assert [kopecks_of_page(r["Сумма гранта"]) for r in rows] == [1_234_567, 50_000_000]
    assert [r["Балл"] for r in rows] == ["90,50", "61,25"]
    for r, p in zip(rows, c.order):
        inn, muni, direction = sql(
            f"SELECT o.inn, m.name, d.name FROM projects p JOIN organizations o ON o.id = p.org_id"
            f" JOIN municipalities m ON m.id = p.municipality_id"
            f" JOIN directions d ON d.id = p.direction_id WHERE p.id = {p}")[0]
        assert (r["ИНН"], r["Муниципальное образование"], r["Направление"]) == (inn, muni, direction)
    # only the project on the exhibition is linked
    assert [r["href"] for r in rows] == [None, f"/projects/{c.order[1]}"]
    # not winners are not published
    assert c.names[2] not in page and number_of(c.lose) not in page
    assert c.protocol in page and "20.11.2026" in page
    assert f'href="/results/{c.comp}.csv"' in page and f'href="/results/{c.comp}.json"' in page


def test_csv_matches_the_page_row_by_row(published):
    c = published
    r = requests.get(f"{URL}/results/{c.comp}.csv")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content[3:].decode("utf-8")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0] == CSV_HEADER
    page = page_rows(anon_get(f"/results/{c.comp}").text)
    assert len(table) - 1 == len(page) == 2
    for row, p in zip(table[1:], page):
        got = dict(zip(CSV_HEADER, row))
        assert got["Номер заявки"] == p["№ заявки"]
        assert got["Проект"] == p["Проект"]
        assert got["Организация"] == p["Организация"]          # one has a ";" in it
        assert got["ИНН"] == p["ИНН"]
        assert got["Муниципальное образование"] == p["Муниципальное образование"]
        assert got["Направление"] == p["Направление"]
        assert kopecks_of_open_data(got["Сумма гранта, руб."], ",") == kopecks_of_page(p["Сумма гранта"])
        assert got["Итоговый балл"] == p["Балл"]
    assert table[1][6] == "12345,67" and table[2][6] == "500000,00"


def test_json_matches_the_page_row_by_row(published):
    c = published
    r = requests.get(f"{URL}/results/{c.comp}.json")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    doc = r.json()
    comp = doc["competition"]
    assert comp["id"] == c.comp and comp["title"] == c.rv.title
    assert comp["decision_date"] == "2026-11-20" and comp["protocol_number"] == c.protocol
    assert comp["fund_rub"] == "1000000.00"
    published_at = sql(f"SELECT DATE_FORMAT(published_at, '%Y-%m-%dT%H:%i:%sZ') FROM competitions"
                       f" WHERE id = {c.comp}")[0][0]
    assert comp["published_at"] == published_at
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", comp["published_at"])
    page = page_rows(anon_get(f"/results/{c.comp}").text)
    assert len(doc["winners"]) == len(page) == 2
    for w, p, pid in zip(doc["winners"], page, c.order):
        assert set(w) == {"project_id", "project_number", "project_title", "project_url",
                          "organization", "inn", "municipality", "direction", "granted_rub", "score"}
        assert w["project_id"] == pid
        assert w["project_number"] == p["№ заявки"]
        assert w["project_title"] == p["Проект"]
        assert w["organization"] == p["Организация"]
        assert w["inn"] == p["ИНН"]
        assert w["municipality"] == p["Муниципальное образование"]
        assert w["direction"] == p["Направление"]
        assert kopecks_of_open_data(w["granted_rub"], ".") == kopecks_of_page(p["Сумма гранта"])
        assert w["score"] == p["Балл"].replace(",", ".")
        assert (w["project_url"] is None) == (p["href"] is None)
        if p["href"]:
            assert w["project_url"].endswith(p["href"])
    assert [w["granted_rub"] for w in doc["winners"]] == ["12345.67", "500000.00"]


def test_a_winner_in_implementation_stays_a_winner(published):
    c = published
    sql(f"UPDATE projects SET status = 'in_progress' WHERE id = {c.order[0]}")
    try:
        doc = requests.get(f"{URL}/results/{c.comp}.json").json()
        assert [w["project_id"] for w in doc["winners"]] == c.order
    finally:
        sql(f"UPDATE projects SET status = 'winner' WHERE id = {c.order[0]}")


def test_results_lists_the_competition(published):
    c = published
    page = anon_get("/results", f'href="/results/{c.comp}"').text
    row = page.split(f'href="/results/{c.comp}"')[1].split("</tr>")[0]
    cells = [text_of(x) for x in re.findall(r"<td>(.*?)</td>", row)]
    day = sql(f"SELECT DATE_FORMAT(CONVERT_TZ(published_at, '+00:00', '+03:00'), '%d.%m.%Y')"
              f" FROM competitions WHERE id = {c.comp}")[0][0]
    assert cells[0] == day and cells[1] == "2"
    assert kopecks_of_page(cells[2]) == 51_234_567
    assert 'href="/results/data"' in page
    # newest first: a competition published later comes before it
    ids = [int(i) for i in re.findall(r'<tr><td><a href="/results/(\d+)"', page)]
    assert ids == sorted(ids, key=lambda i: sql(
        f"SELECT published_at FROM competitions WHERE id = {i}")[0][0], reverse=True)


def test_competition_page_links_its_results(published):
    c = published
    page = anon_get(f"/competitions/{c.comp}", f'href="/results/{c.comp}"').text
    assert f'<a href="/results/{c.comp}">Итоги конкурса</a>' in page
    other = Commission(decided=False)
    assert f'href="/results/{other.comp}"' not in anon_get(f"/competitions/{other.comp}").text


def test_header_has_results():
    for path in ("/", "/projects", "/results"):
        assert '<a href="/results"' in requests.get(URL + path).text.split("</header>")[0]
    assert 'href="/results" aria-current="page">Итоги</a>' in requests.get(URL + "/results").text


def test_data_page_documents_every_field(published):
    page = anon_get("/results/data")
    assert page.status_code == 200
    text = page.text
    doc = requests.get(f"{URL}/results/{published.comp}.json").json()
    for key in list(doc) + list(doc["competition"]) + list(doc["winners"][0]):
        assert f"<code>{key}</code>" in text, key
    for column in CSV_HEADER:
        assert f"<td>{column}</td>" in text, column
    assert "BOM" in text and "стабильн" in text.lower()
