"""Issue 8's journey in Chromium: staff assign the experts of a competition
in review automatically; two experts score each of two admitted
applications, one pair of scores diverges and a third expert is assigned
and scores; staff move the competition to the commission; the secretary
sees the ranking, marks the winner and the amount, records the decision,
prints the protocol and downloads its PDF; staff publish; «Итоги» lists the
winner; both applicants get their outcome with the scores; the exhibition
shows the winner's status and grant."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DEMO_PASSWORD, URL, mail_files, read_mail, sql, wait_for_mail
from review import Review
from test_journeys import d, wait_url  # noqa: F401  (the shared browser fixture)
from test_staff_journey import browser_session, fill, left, log_in, notice, press

STAFF = "staff@demo.grantfair.local"
SECRETARY = "secretary@demo.grantfair.local"


def press_like(d, start):
    """Clicks the button whose text starts with `start` and waits for the next page."""
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.XPATH, f'//button[starts-with(normalize-space(), "{start}")]').click()
    WebDriverWait(d, 10).until(left(old))


def text(d):
    return d.find_element(By.TAG_NAME, "main").text


def experts_of(app):
    """The expert ids assigned to an application (active ones), by assignment order."""
    return [int(r[0]) for r in sql(f"SELECT expert_id FROM assignments WHERE project_id = {app}"
                                   f" AND state IN ('assigned', 'submitted') ORDER BY id")]


def score(d, rv, expert, app, points):
    """The expert signs in, opens the application from their list, declares
    no conflict of interest and submits `points` on every scored criterion."""
    log_in(d, expert[0], expert[1], "/expert")
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.CSS_SELECTOR, f"#app-{app} a").click()       # its row in the list
    WebDriverWait(d, 10).until(left(old))
    d.find_element(By.ID, "confirm").click()
    press(d, "Подтвердить и открыть заявку")
    assert "Оценка" in text(d)
    for cid, _, weight in rv.criteria():
        if weight <= 0:
            continue
        Select(d.find_element(By.NAME, f"score_{cid}")).select_by_value(str(points))
        fill(d, {f"comment_{cid}": f"Оценка {points}: обоснование по критерию."})
    fill(d, {"overall": f"Итог {points} баллов за каждый критерий: проект оценён по методике."})
    press(d, "Отправить оценку")
    state = sql(f"SELECT state FROM assignments WHERE project_id = {app} AND expert_id = {expert[2]}")
    assert state == [["submitted"]], text(d)


def test_experts_score_the_commission_decides_and_results_are_published(d, tmp_path):
    rv = Review(apps=2, experts=3, per=2, divergence=30, fund=100_000_000,
                min_grant=1_000_000, max_grant=60_000_000)
    (ngo_a, a), (ngo_b, b) = rv.apps
    title_a = sql(f"SELECT title FROM projects WHERE id = {a}")[0][0]
    by_id = {e[2]: e for e in rv.experts}

    # staff assign the experts automatically
    log_in(d, STAFF, DEMO_PASSWORD, f"/staff/competitions/{rv.comp}/review")
    press(d, "Назначить экспертов автоматически")
    assert len(experts_of(a)) == 2 and len(experts_of(b)) == 2

    # a: 80 and 70 (within the threshold of 30); b: 90 and 30 (60 apart)
    for expert, points in zip(experts_of(a), (8, 7)):
        score(d, rv, by_id[expert], a, points)
    first_b = experts_of(b)
    for expert, points in zip(first_b, (9, 3)):
        score(d, rv, by_id[expert], b, points)
    third = [e for e in experts_of(b) if e not in first_b]
    assert len(third) == 1, "a divergence calls one more expert"
    assert sql(f"SELECT origin FROM assignments WHERE project_id = {b} AND expert_id = {third[0]}") \
        == [["divergence"]]
    wait_for_mail(lambda m: "расходятся" in str(m["subject"]))
    assert sql(f"SELECT status FROM projects WHERE id = {b}") == [["admitted"]]
    score(d, rv, by_id[third[0]], b, 6)
    assert sql(f"SELECT status, score FROM projects WHERE id IN ({a}, {b}) ORDER BY id") == \
        [["scored", "75.00"], ["scored", "60.00"]]

    # staff move the competition on to the commission
    log_in(d, STAFF, DEMO_PASSWORD, f"/staff/competitions/{rv.comp}")
    press_like(d, "Перевести на этап")
    assert sql(f"SELECT stage FROM competitions WHERE id = {rv.comp}") == [["commission"]]

    # the secretary: ranking, marks, decision, protocol
    log_in(d, SECRETARY, DEMO_PASSWORD, f"/commission/{rv.comp}")
    rows = [r.text for r in d.find_elements(By.CSS_SELECTOR, "#ranking-table > tbody > tr")]
    ranked = [n for n in (sql(f"SELECT number FROM projects WHERE id = {x}")[0][0] for x in (a, b))]
    joined = "\n".join(rows)
    assert joined.index(ranked[0]) < joined.index(ranked[1]), "75 points rank above 60"
    assert "Оценка 8: обоснование по критерию." in d.page_source   # the experts' comments
    d.find_element(By.NAME, f"winner.{a}").click()
    fill(d, {f"granted.{a}": "250 000"})
    press(d, "Сохранить отметки")
    assert sql(f"SELECT winner, granted_kopecks FROM commission_marks WHERE project_id = {a}") == \
        [["1", "25000000"]]
    fill(d, {"decided_on": sql("SELECT CURDATE()")[0][0], "protocol_number": "7-К",
             "members": "Иванов Иван Иванович, председатель\nПопов Дмитрий Сергеевич, секретарь"})
    press(d, "Записать решение")
    assert sql(f"SELECT protocol_number FROM commission_decisions WHERE competition_id = {rv.comp}") \
        == [["7-К"]]
    d.get(f"{URL}/commission/{rv.comp}/protocol")
    page = text(d)
    assert "7-К" in page and title_a in page and "250 000" in page, page
    pdf = browser_session(d).get(f"{URL}/commission/{rv.comp}/protocol.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    # staff publish the results
    log_in(d, STAFF, DEMO_PASSWORD, f"/staff/competitions/{rv.comp}/publish")
    press_like(d, "Опубликовать")
    assert "опубликован" in notice(d).lower() or "опубликован" in text(d).lower()
    assert sql(f"SELECT status, COALESCE(granted_kopecks, 0) FROM projects WHERE id IN ({a}, {b})"
               f" ORDER BY id") == [["winner", "25000000"], ["not_winner", "0"]]

    # the public «Итоги» list the winner; the exhibition shows the grant
    d.delete_all_cookies()
    d.get(f"{URL}/results/{rv.comp}")
    assert title_a in text(d)
    d.get(f"{URL}/projects/{a}")
    page = text(d)
    assert "Победитель" in page and "250 000" in page, page

    # both applicants have their outcome, with their scores and the comments
    for ngo, points in ((ngo_a, "8"), (ngo_b, "3")):
        m = wait_for_mail(lambda m, e=ngo.email: m["To"] == e and "Итоги" in str(m["subject"]))
        body = m.get_content()
        assert f"Оценка {points}: обоснование по критерию." in body, body
        for e in rv.experts:
            assert e[0] not in body


# the demo's review (7), commission (8) and results (3): the pages people
# work on, signed in, on a phone
@pytest.mark.parametrize("who, path", [
    ("expert@demo.grantfair.local", "/expert"),
    ("expert@demo.grantfair.local", "/expert/applications/301"),
    ("expert@demo.grantfair.local", "/expert/profile"),
    (STAFF, "/staff/competitions/7/review"),
    (STAFF, "/staff/experts"),
    (STAFF, "/staff/competitions/8/publish"),
    (SECRETARY, "/commission"),
    (SECRETARY, "/commission/8"),
    (SECRETARY, "/commission/3/protocol"),
])
def test_review_pages_fit_a_phone_screen(d, who, path):
    log_in(d, who, DEMO_PASSWORD, path)
    d.set_window_size(375, 800)
    try:
        d.get(f"{URL}{path}")
        width = d.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375, width
    finally:
        d.set_window_size(1280, 900)
