"""/sitemap.xml (an index of numbered sitemaps), /sitemap/<n>.xml and
/robots.txt."""
import re
import xml.etree.ElementTree as ET

import requests

from conftest import URL, run_cgi, sql

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locs(url, root_tag):
    r = requests.get(url)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/xml; charset=utf-8"
    doc = ET.fromstring(r.content)
    assert doc.tag == SM + root_tag
    return [e.text for e in doc.iter(SM + "loc")]


def test_index_and_every_sitemap_parse_and_every_url_answers():
    files = locs(f"{URL}/sitemap.xml", "sitemapindex")
    assert files[0] == f"{URL}/sitemap/1000.xml"
    urls = []
    for f in files:
        assert f.startswith(URL + "/sitemap/")
        urls += locs(f, "urlset")
    assert len(urls) == len(set(urls))
    assert all(u.startswith(URL + "/") for u in urls)
    for must in ("/", "/projects", "/news", "/help", "/help/apply", "/results"):
        assert URL + must in urls
    listed = sql("SELECT COUNT(*) FROM projects WHERE listed = 1")[0][0]
    assert sum(1 for u in urls if re.fullmatch(re.escape(URL) + r"/projects/\d+", u)) == int(listed)
    public_news = sql("SELECT COUNT(*) FROM news WHERE published_at <= UTC_TIMESTAMP()")[0][0]
    assert sum(1 for u in urls if re.fullmatch(re.escape(URL) + r"/news/\d+", u)) == int(public_news)
    for u in urls:
        assert requests.get(u, allow_redirects=False).status_code == 200, u


def test_no_drafts_in_the_sitemap():
    draft = sql("SELECT id FROM competitions WHERE stage = 'draft' LIMIT 1")
    urls = "".join(requests.get(f"{URL}/sitemap/2000.xml").text)
    if draft:
        assert f"/competitions/{draft[0][0]}<" not in urls
    hidden = sql("SELECT id FROM projects WHERE listed = 0 LIMIT 1")
    if hidden:
        assert f"/projects/{hidden[0][0]}<" not in requests.get(f"{URL}/sitemap/3000.xml").text


def test_parts_split_by_id_range():
    """With 10 URLs a file the projects are in several parts, each listing its
    own range; the index names every one; a part past the end is a 404."""
    head, body, _ = run_cgi("sitemap", "/sitemap.xml", conf="Sitemap.PerFile = 10")
    assert "application/xml" in head
    names = re.findall(r"/sitemap/(\d+)\.xml", body)
    top = int(sql("SELECT MAX(id) FROM projects")[0][0])
    assert [n for n in names if n.startswith("3")] == [str(3000 + k) for k in range(top // 10 + 1)]
    _, part, _ = run_cgi("sitemap", "/sitemap/3001.xml", conf="Sitemap.PerFile = 10")
    ids = [int(i) for i in re.findall(r"/projects/(\d+)<", part)]
    assert ids and all(10 <= i < 20 for i in ids)
    head, _, _ = run_cgi("sitemap", f"/sitemap/{3000 + top // 10 + 5}.xml", conf="Sitemap.PerFile = 10")
    assert head.startswith("Status: 404")


def test_unknown_sitemaps_are_404():
    for n in ("999", "9000", "1001x", "0"):
        assert requests.get(f"{URL}/sitemap/{n}.xml").status_code == 404


def test_robots_keeps_private_areas_out_and_names_the_sitemap():
    r = requests.get(f"{URL}/robots.txt")
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/plain; charset=utf-8"
    lines = r.text.splitlines()
    assert "User-agent: *" in lines
    for area in ("/staff", "/admin", "/expert", "/commission", "/cabinet", "/account",
                 "/applications", "/my", "/org", "/files"):
        assert f"Disallow: {area}" in lines
    assert f"Sitemap: {URL}/sitemap.xml" in lines
    assert "Disallow: /news" not in r.text and "Disallow: /projects" not in r.text
