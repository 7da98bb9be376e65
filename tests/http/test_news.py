"""The public news (/news, /news/<id>) and the Atom feed (/news.atom)."""
import uuid
import xml.etree.ElementTree as ET

import pytest
import requests

from conftest import URL, sql

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True, scope="module")
def own_news():
    """The items a test adds go with its module: the home page and other
    tests expect the demo's latest news."""
    top = int(sql("SELECT COALESCE(MAX(id), 0) FROM news")[0][0])
    yield
    sql(f"DELETE FROM news WHERE id > {top}")


def add(title, body, when="UTC_TIMESTAMP() - INTERVAL 1 HOUR", summary="Анонс"):
    sql("INSERT INTO news (title, summary, body, published_at, created_at) VALUES "
        f"('{title}', '{summary}', '{body}', {when}, UTC_TIMESTAMP())")
    return int(sql("SELECT MAX(id) FROM news")[0][0])


def get(path):
    sep = "&" if "?" in path else "?"
    return requests.get(f"{URL}{path}{sep}n={uuid.uuid4().hex}")


def test_the_seed_meeting_reads_as_paragraphs():
    nid = sql("SELECT id FROM news WHERE title LIKE 'Встреча руководителей%'")[0][0]
    page = get(f"/news/{nid}").text
    assert page.count("<p>") >= 4 and "<p>Провести повторную встречу" in page
    assert 'property="og:url" content="' + f"{URL}/news/{nid}" + '"' in page


def test_markdown_body_rendered_safely():
    nid = add("Markdown", "## Раздел\\n\\n1. один\\n2. два\\n\\n<iframe src=x></iframe> [x](javascript:alert(1))")
    page = get(f"/news/{nid}").text
    assert "<h2>Раздел</h2>" in page and "<ol>" in page
    assert "<iframe" not in page and "javascript:" not in page


def test_future_and_unset_publication_are_404():
    future = add("Будущее", "x", when="UTC_TIMESTAMP() + INTERVAL 1 DAY")
    draft = add("Черновик", "x", when="NULL")
    for nid in (future, draft):
        assert get(f"/news/{nid}").status_code == 404
        assert get(f"/news/{nid}/image").status_code == 404
    assert get("/news/1/image").status_code == 404          # no image


def test_atom_feed_is_valid_atom_with_absolute_links():
    title = f"Лента <{uuid.uuid4().hex[:6]}> & «кавычки»"
    nid = add(title.replace("'", "''"), "Текст **жирный** <b>сырой</b>", summary="Анонс & <ещё>")
    r = get("/news.atom")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(r.content)
    assert feed.tag == A + "feed"
    for req in ("id", "title", "updated"):
        assert feed.find(A + req) is not None and feed.find(A + req).text
    links = {l.get("rel"): l.get("href") for l in feed.findall(A + "link")}
    assert links["self"] == f"{URL}/news.atom" and links["alternate"] == f"{URL}/news"
    entries = feed.findall(A + "entry")
    assert entries
    for e in entries:
        for req in ("id", "title", "updated", "published", "summary", "content"):
            assert e.find(A + req) is not None, req
        assert e.find(A + "link").get("href").startswith(URL + "/news/")
        assert e.find(A + "content").get("type") == "html"
        assert e.find(A + "updated").text.endswith("Z")
    mine = [e for e in entries if e.find(A + "id").text == f"{URL}/news/{nid}"][0]
    assert mine.find(A + "title").text == title
    assert mine.find(A + "summary").text == "Анонс & <ещё>"
    # the rendered HTML, escaped once: a parser gets the HTML back; raw HTML was left out
    html = mine.find(A + "content").text
    assert "<strong>жирный</strong>" in html and "<b>" not in html
    for e in entries:
        assert requests.get(e.find(A + "link").get("href")).status_code == 200


def test_feed_is_linked_from_pages():
    page = get("/news").text
    assert 'type="application/atom+xml"' in page and 'href="/news.atom"' in page
