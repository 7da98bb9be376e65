"""Help pages (/help, /help/<page>): Markdown files rendered safely, a table
of contents whose links reach their anchors, whom to ask, and the form pages'
links to their part of the help."""
import os
import re

import pytest
import requests

from conftest import DEMO_PASSWORD, ROOT, URL, login

PAGES = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, "templates", "help"))
               if f.endswith(".md") and f != "index.md")


def ids(page):
    return set(re.findall(r'\sid="([^"]+)"', page))


@pytest.mark.parametrize("path", ["/help"] + [f"/help/{p}" for p in PAGES])
def test_page_renders_with_a_toc_whose_anchors_exist(path):
    r = requests.get(f"{URL}{path}")
    assert r.status_code == 200
    page = r.text
    assert page.count("<h1>") == 1
    toc = re.findall(r'<li><a href="#([^"]+)">', page)
    assert len(toc) >= 3
    assert set(toc) <= ids(page)
    assert '<h2 id="contacts">Куда обращаться</h2>' in page
    assert 'href="/centres"' in page


def test_apply_covers_the_ngo_path():
    page = requests.get(f"{URL}/help/apply").text
    for anchor in ("register", "profile", "card", "team", "plan", "budget", "files", "consent",
                   "submit", "corrections", "results", "reports"):
        assert f'<h2 id="{anchor}">' in page
    assert "Софинансирование" in page and "квитанци" in page


def test_operator_contacts_come_from_the_configuration():
    page = requests.get(f"{URL}/help/faq").text
    assert "Оператор конкурса:" in page and 'href="mailto:grant@grantfair.local"' in page


@pytest.mark.parametrize("path", ["/help/nope", "/help/index", "/help/..%2fheader", "/help/APPLY",
                                  "/help/apply/x", "/help/apply.md", "/help/"])
def test_unknown_pages_are_404(path):
    assert requests.get(f"{URL}{path}").status_code == 404


def test_form_pages_link_to_their_part_of_the_help():
    s = requests.Session()
    login(s, "ngo@demo.grantfair.local", DEMO_PASSWORD)
    assert 'href="/help/apply#profile"' in s.get(f"{URL}/org").text
    assert 'href="/help/apply#register"' in requests.get(f"{URL}/register").text
    app = re.search(r'href="/applications/(\d+)"', s.get(f"{URL}/my").text).group(1)
    for section, anchor in [("card", "card"), ("team", "team"), ("plan", "plan"), ("budget", "budget"),
                            ("consent", "consent"), ("files", "files")]:
        page = s.get(f"{URL}/applications/{app}/{section}").text
        assert f'href="/help/apply#{anchor}"' in page, section
    assert 'href="/help/apply#submit"' in s.get(f"{URL}/applications/{app}").text
    budget = requests.get(f"{URL}/help/apply").text
    assert 'id="budget"' in budget
