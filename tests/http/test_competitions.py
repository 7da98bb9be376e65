"""/competitions: open, upcoming and past competitions (never drafts), dates
in Moscow time, the countdown, documents, «Подать заявку» only while open."""
import re
import uuid

import pytest
import requests

from conftest import URL, sql


def fresh_page():
    """The page for a query never asked before (not from the public cache)."""
    r = requests.get(f"{URL}/competitions?probe={uuid.uuid4().hex}")
    assert r.status_code == 200
    return r.text


def section(page, name):
    """The HTML of one group: open, upcoming or past."""
    return page.split(f'<section aria-labelledby="{name}-h"')[1].split("</section>")[0]


def card(page, cid):
    """One competition's card, up to the next card or the end of its group."""
    marker = f'<li class="card" id="comp-{cid}">'
    assert marker in page, f"competition {cid} is not listed"
    rest = page.split(marker)[1]
    return re.split(r'<li class="card"|</section>', rest)[0]


def add(title, stage, opens, closes, fund=500000000, lo=10000000, hi=50000000):
    """A competition with opens_at/closes_at as SQL over UTC_TIMESTAMP()."""
    sql(f"INSERT INTO competitions (title, description, stage, fund_kopecks, min_grant_kopecks,"
        f" max_grant_kopecks, opens_at, closes_at, created_at) VALUES ('{title}', 'Тест.',"
        f" '{stage}', {fund}, {lo}, {hi}, {opens}, {closes}, UTC_TIMESTAMP())")
    return sql(f"SELECT id FROM competitions WHERE title = '{title}'")[0][0]


@pytest.fixture(scope="module")
def comps():
    tag = uuid.uuid4().hex[:8]
    now = "UTC_TIMESTAMP()"
    ids = {
        "open": add(f"Открытый {tag}", "intake", f"{now} - INTERVAL 1 DAY",
                    f"{now} + INTERVAL 3 DAY + INTERVAL 4 HOUR + INTERVAL 30 MINUTE"),
        "soon": add(f"Скоро приём {tag}", "intake", f"{now} + INTERVAL 2 DAY + INTERVAL 5 HOUR"
                    " + INTERVAL 30 MINUTE", f"{now} + INTERVAL 30 DAY"),
        "announced": add(f"Объявлен {tag}", "announced", "'2031-01-10 06:00:00'",
                         "'2031-02-10 15:00:00'"),
        "ended": add(f"Приём окончен {tag}", "intake", f"{now} - INTERVAL 20 DAY",
                     f"{now} - INTERVAL 1 HOUR"),
        "results": add(f"Итоги {tag}", "results", f"{now} - INTERVAL 90 DAY",
                       f"{now} - INTERVAL 60 DAY"),
        "draft": add(f"Черновик {tag}", "draft", f"{now} - INTERVAL 1 DAY",
                     f"{now} + INTERVAL 10 DAY"),
    }
    for key in ("open", "draft"):
        sql("INSERT INTO competition_documents (competition_id, title, orig_name, stored_name,"
            f" mime, size, sha256, created_at) VALUES ({ids[key]}, 'Положение {key} {tag}',"
            f" 'p.pdf', '{'x' * 43}', 'application/pdf', 204800, '{'0' * 64}', UTC_TIMESTAMP())")
    ids["doc"] = sql(f"SELECT id FROM competition_documents WHERE title = 'Положение open {tag}'")[0][0]
    yield ids
    sql("DELETE FROM competitions WHERE id IN (%s)" % ",".join(
        v for k, v in ids.items() if k != "doc"))


def test_competitions_are_grouped_by_stage_and_drafts_never_shown(comps):
    page = fresh_page()
    assert f'id="comp-{comps["open"]}"' in section(page, "open")
    for key in ("soon", "announced"):
        assert f'id="comp-{comps[key]}"' in section(page, "upcoming"), key
    for key in ("ended", "results"):
        assert f'id="comp-{comps[key]}"' in section(page, "past"), key
    assert f'id="comp-{comps["draft"]}"' not in page and "Черновик " not in page
    assert "Положение draft" not in page
    # each links to its own page
    assert f'<a href="/competitions/{comps["open"]}">' in card(page, comps["open"])


def test_apply_button_only_while_intake_is_open(comps):
    page = fresh_page()
    assert f'href="/applications/new?competition={comps["open"]}"' in card(page, comps["open"])
    for key in ("soon", "announced", "ended", "results"):
        assert "Подать заявку" not in card(page, comps[key]), key
        assert "/applications/new" not in card(page, comps[key]), key
    # the button is what application.c takes: a start page for an applicant
    r = requests.get(f"{URL}/applications/new?competition={comps['open']}", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")


def test_countdowns_in_russian(comps):
    page = fresh_page()
    assert "До окончания приёма заявок осталось 3 дня 4 часа" in card(page, comps["open"])
    assert "До начала приёма заявок 2 дня 5 часов" in card(page, comps["soon"])
    assert "осталось" not in card(page, comps["ended"])


def test_dates_in_moscow_time_fund_and_limits(comps):
    c = card(fresh_page(), comps["announced"])
    # 06:00 and 15:00 UTC are 09:00 and 18:00 in Moscow
    assert "<time>10.01.2031 09:00</time> — <time>10.02.2031 18:00</time> (МСК)" in c
    assert "Фонд конкурса</dt><dd>5\xa0000\xa0000\xa0₽" in c
    assert "от 100\xa0000\xa0₽ до 500\xa0000\xa0₽" in c


def test_documents_listed_and_downloadable_links(comps):
    c = card(fresh_page(), comps["open"])
    assert f'<a href="/documents/{comps["doc"]}">Положение open' in c
    assert "(PDF, 200\xa0КБ)" in c


def test_hostile_title_is_escaped(comps):
    tag = uuid.uuid4().hex[:6]
    cid = add(f"<script>alert(1)</script> \\\"кавычки\\\" {tag}", "announced",
              "UTC_TIMESTAMP() + INTERVAL 5 DAY", "UTC_TIMESTAMP() + INTERVAL 9 DAY")
    try:
        page = fresh_page()
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;кавычки&quot;" in page
    finally:
        sql(f"DELETE FROM competitions WHERE id = {cid}")


def test_public_page_is_cached_for_anonymous_visitors_only_as_a_read_program():
    r = requests.get(f"{URL}/competitions")
    assert r.status_code == 200 and "<h1>Конкурсы</h1>" in r.text
    assert requests.post(f"{URL}/competitions", data={}).status_code == 405
