"""The news journey in a browser: staff write an item in Markdown with an
image, preview it, publish it; it shows on /news, /news/<id> and in the
feed. The news and help pages pass axe and fit a 360 px screen."""
import os
import re
import uuid

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DEMO_PASSWORD, ROOT, URL, sql

AXE = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
TITLE = f"Новость из браузера {uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def d(tmp_path_factory):
    o = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic", "--window-size=1280,900",
              f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"]:
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    drv.implicitly_wait(3)
    top = int(sql("SELECT COALESCE(MAX(id), 0) FROM news")[0][0])
    yield drv
    drv.quit()
    sql(f"DELETE FROM news WHERE id > {top}")


def axe(d):
    d.execute_script(open(AXE).read())
    return d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")


def fits_360(d, path):
    d.set_window_size(360, 800)
    try:
        d.get(f"{URL}{path}")
        return d.execute_script("return document.documentElement.scrollWidth") <= 360
    finally:
        d.set_window_size(1280, 900)


def test_staff_write_preview_and_publish_a_news_item(d, tmp_path):
    d.get(f"{URL}/login")
    d.find_element(By.NAME, "email").send_keys("staff@demo.grantfair.local")
    d.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda drv: "/login" not in drv.current_url)
    d.get(f"{URL}/cabinet/staff")
    d.find_element(By.CSS_SELECTOR, 'main a[href="/staff/news"]').click()
    d.find_element(By.LINK_TEXT, "Написать новость").click()
    assert axe(d) == []
    img = tmp_path / "photo.png"
    img.write_bytes(PNG)
    d.find_element(By.ID, "title").send_keys(TITLE)
    d.find_element(By.ID, "summary").send_keys("Анонс новости из браузера.")
    d.find_element(By.ID, "body").send_keys("Первый абзац.\n\n## Что дальше\n\n- **важно**\n- [ссылка](javascript:alert(1))")
    d.find_element(By.ID, "image").send_keys(str(img))
    d.find_element(By.ID, "image_alt").send_keys("Участники семинара")
    d.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
    preview = d.find_element(By.CSS_SELECTOR, ".preview")
    assert preview.find_element(By.TAG_NAME, "h2").text == "Предпросмотр"
    assert preview.find_element(By.CSS_SELECTOR, ".markdown h2").text == "Что дальше"
    assert preview.find_element(By.CSS_SELECTOR, ".markdown strong").text == "важно"
    assert "javascript" not in preview.get_attribute("innerHTML")
    shown = preview.find_element(By.CSS_SELECTOR, "figure img")
    assert d.execute_script("return arguments[0].naturalWidth", shown) == 1
    assert axe(d) == []
    # publish now: a time in the past (Moscow) in the datetime-local field
    field = d.find_element(By.ID, "publish_at")
    d.execute_script("arguments[0].value = '2026-01-01T10:00'", field)
    d.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    notice = d.find_element(By.CSS_SELECTOR, ".notice").text
    assert "опубликована" in notice
    nid = re.search(r"/staff/news/(\d+)", d.current_url).group(1)
    # the visitor's side
    d.find_element(By.CSS_SELECTOR, "header form.inline button").click()
    d.get(f"{URL}/news?fresh={nid}")
    d.find_element(By.LINK_TEXT, TITLE).click()
    assert d.find_element(By.TAG_NAME, "h1").text == TITLE
    img = d.find_element(By.CSS_SELECTOR, "figure.news-image img")
    assert img.get_attribute("alt") == "Участники семинара"
    assert d.execute_script("return arguments[0].naturalWidth", img) == 1
    assert d.find_element(By.CSS_SELECTOR, ".markdown h2").text == "Что дальше"
    assert axe(d) == []
    assert fits_360(d, f"/news/{nid}")
    feed = requests.get(f"{URL}/news.atom?fresh={nid}").text
    assert f"<id>{URL}/news/{nid}</id>" in feed and TITLE in feed


@pytest.mark.parametrize("path", ["/news", "/help", "/help/apply", "/help/faq"])
def test_news_and_help_pages_pass_axe_and_fit_360px(d, path):
    d.get(f"{URL}{path}")
    assert axe(d) == []
    assert fits_360(d, path)


def test_toc_link_scrolls_to_its_section(d):
    d.get(f"{URL}/help/apply")
    d.find_element(By.CSS_SELECTOR, 'nav.toc a[href="#budget"]').click()
    assert d.current_url.endswith("/help/apply#budget")
    assert d.execute_script("return document.getElementById('budget').getBoundingClientRect().top") < 200
