"""The citizen's search: «школы» typed in the header's box finds «Школа
„Знаток безопасности“» (demo project 1); the results keep the query in
both boxes, narrow with a filter, and say what to try when nothing is
found; every such page passes axe and fits a 360 px screen."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import URL
from test_journeys import AXE, d, wait_url  # noqa: F401  (the shared browser fixture)


def axe_violations(d):
    d.execute_script(open(AXE).read())
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")


def test_citizen_searches_schools_from_the_header_and_finds_the_project(d):
    d.get(f"{URL}/news")
    box = d.find_element(By.ID, "site-q")
    box.send_keys("школы")
    box.send_keys(Keys.ENTER)
    wait_url(d, lambda u: "/projects?q=" in u)
    assert d.find_element(By.TAG_NAME, "h1").text == "Поиск проектов"
    assert d.find_element(By.ID, "site-q").get_attribute("value") == "школы"
    assert d.find_element(By.CSS_SELECTOR, "form.filters input[name=q]").get_attribute("value") == "школы"
    assert d.find_element(By.ID, "found").text.startswith("Найдено по запросу «школы»: ")
    link = d.find_element(By.LINK_TEXT, "Школа «Знаток безопасности»")
    assert axe_violations(d) == []
    link.click()
    wait_url(d, lambda u: u.endswith("/projects/1"))
    assert d.find_element(By.TAG_NAME, "h1").text == "Школа «Знаток безопасности»"


def test_the_search_narrows_with_a_filter_and_keeps_the_query(d):
    d.get(f"{URL}/projects?q=школа")
    before = int(re.search(r": (\d+)$", d.find_element(By.ID, "found").text).group(1))
    Select(d.find_element(By.NAME, "municipality")).select_by_visible_text("Краснодар")
    d.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait_url(d, lambda u: "municipality=5" in u and "q=" in u)
    after = int(re.search(r": (\d+)$", d.find_element(By.ID, "found").text).group(1))
    assert 0 < after < before
    titles = [a.text for a in d.find_elements(By.CSS_SELECTOR, ".item h2 a")]
    assert "Школа «Знаток безопасности»" in titles
    assert all("Краснодар" in m.text for m in d.find_elements(By.CSS_SELECTOR, ".item .meta"))


def test_nothing_found_says_what_to_try_and_passes_axe(d):
    d.get(f"{URL}/projects?q=зюзюкаблик&municipality=5")
    text = d.find_element(By.CSS_SELECTOR, ".empty").text
    assert "проектов не нашлось" in text and "опечатки" in text
    assert axe_violations(d) == []
    d.find_element(By.LINK_TEXT, "искать без фильтров").click()
    wait_url(d, lambda u: "municipality" not in u)
    assert d.find_element(By.ID, "site-q").get_attribute("value") == "зюзюкаблик"


@pytest.mark.parametrize("path", ["/projects?q=школы", "/projects?q=зюзюкаблик&municipality=5",
                                  "/projects?q=!!!", "/projects?q=школы&page=2"])
def test_search_pages_pass_axe_and_fit_360_px(d, path):
    d.get(f"{URL}{path}")
    assert axe_violations(d) == []
    d.set_window_size(360, 800)
    try:
        d.get(f"{URL}{path}")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 360
    finally:
        d.set_window_size(1280, 900)
