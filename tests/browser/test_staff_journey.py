"""Issue 7's journey in Chromium: staff create a competition, set it up with
a checklist and the national operator's criteria, upload its regulations,
announce it and open intake; two NGOs submit (over HTTP, applicant.Ngo);
staff find both in the registry and in its CSV and XLSX exports."""
import datetime
import io
import re
import uuid
import zipfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from applicant import BUDGET, CARD, CONSENT, TEAM, Ngo
from conftest import DEMO_PASSWORD, URL, csrf_of, sql, wait_for_mail
from test_journeys import d, wait_url  # noqa: F401  (the shared browser fixture)

MSK = datetime.timezone(datetime.timedelta(hours=3))
STAFF = "staff@demo.grantfair.local"
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
# the compliance checklist staff type in: (text, automatic rule's label)
CHECKLIST = [("Приложен устав организации", "Приложен устав организации"),
             ("Запрошенная сумма в пределах конкурса", "Запрошенная сумма в пределах конкурса"),
             ("Бюджет соответствует целям проекта", "Нет: проверяет сотрудник")]


# ---- browser helpers -------------------------------------------------------

def fill(d, values):
    """Types values into the fields named by the keys; date and time
    fields get their value the way a date picker sets it."""
    for name, value in values.items():
        el = d.find_element(By.NAME, name)
        if el.get_attribute("type") in ("date", "datetime-local", "time"):
            d.execute_script("arguments[0].value = arguments[1]", el, value)
        else:
            el.clear()
            el.send_keys(value)


def press(d, text):
    """Clicks the button a person would (by its visible text) and waits for
    the page it leads to."""
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.XPATH, f'//button[normalize-space()="{text}"]').click()
    WebDriverWait(d, 10).until(EC.staleness_of(old))


def errors(d):
    """The form's error messages on the page (for assertion messages)."""
    return [e.text for e in d.find_elements(By.CSS_SELECTOR, ".form-error, .field-error")]


def notice(d):
    return " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, ".notice"))


def log_in(d, email, password, where):
    """Opens `where` as a stranger, signs in on the page it sends to, and is back."""
    sql("DELETE FROM rate_events")
    d.delete_all_cookies()
    d.get(f"{URL}{where}")
    wait_url(d, lambda u: "/login" in u)
    fill(d, {"email": email, "password": password})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: u.endswith(where))


def browser_session(d):
    """A requests session with the browser's cookies (for the downloads)."""
    s = requests.Session()
    for c in d.get_cookies():
        s.cookies.set(c["name"], c["value"], path=c.get("path", "/"))
    return s


def msk_input(dt):
    return dt.astimezone(MSK).strftime("%Y-%m-%dT%H:%M")


# ---- the applicants (over HTTP) --------------------------------------------

def submitted_app(comp, tag, start, charter):
    """A new NGO's complete application to competition comp, with a project
    title ending in tag, submitted; returns (ngo, app id, number)."""
    ngo = Ngo()
    app = ngo.new_app(str(comp))
    s, e = start.isoformat(), (start + datetime.timedelta(days=200)).isoformat()
    plan = {"e.0.task": "1", "e.0.title": "Набор групп", "e.0.starts_on": s, "e.0.ends_on": s,
            "e.0.result": "2 группы по 15 человек", "e.1.task": "2", "e.1.title": "Занятия",
            "e.1.starts_on": s, "e.1.ends_on": e, "e.1.result": "30 занятий"}
    for name, data in [("card", dict(CARD, title=f"{CARD['title']} {tag}", starts_on=s, ends_on=e)),
                       ("team", TEAM), ("plan", plan), ("budget", BUDGET), ("consent", CONSENT)]:
        r = ngo.section(app, name, data)
        assert r.status_code == 303, (name, re.findall(r'field-error[^>]*>([^<]+)', r.text))
    if charter:
        page = ngo.s.get(f"{URL}/applications/{app}/files").text
        r = ngo.s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                       data={"csrf": csrf_of(page), "kind": "Устав"},
                       files={"file": ("Устав.pdf", PDF, "application/pdf")})
        assert r.status_code == 303, r.text
    r = ngo.submit(app)
    assert r.status_code == 303, re.findall(r'<li>.*?</li>', r.text)
    number = sql(f"SELECT number FROM projects WHERE id = {app}")[0][0]
    wait_for_mail(lambda m: m["To"] == ngo.email and number in str(m["subject"]))   # the receipt
    return ngo, app, number


# ---- the journey -------------------------------------------------------------

def test_staff_announce_a_competition_and_find_both_applications(d, tmp_path):
    tag = uuid.uuid4().hex[:8]
    title = f"Гранты для НКО Кубани — журнал {tag}"
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    closes = now + datetime.timedelta(days=30)
    start = (closes.astimezone(MSK) + datetime.timedelta(days=10)).date()

    # staff sign in and create a draft competition
    log_in(d, STAFF, DEMO_PASSWORD, "/cabinet/staff")
    d.find_element(By.LINK_TEXT, "Конкурсы").click()
    d.find_element(By.LINK_TEXT, "Новый конкурс").click()
    fill(d, {"title": title})
    press(d, "Создать черновик")
    cid = int(re.search(r"/staff/competitions/(\d+)\?created=1", wait_url(
        d, lambda u: "created=1" in u)).group(1))
    assert "Черновик конкурса создан" in notice(d)
    assert d.find_element(By.TAG_NAME, "h1").text == title

    # the settings: intake already open, projects after it closes
    fill(d, {"description": "Конкурс **для НКО** Краснодарского края.\n\n- экология\n- просвещение",
             "fund": "12 000 000", "min_grant": "200 000", "max_grant": "1 500 000", "cofin": "10",
             "opens_at": msk_input(now - datetime.timedelta(hours=1)), "closes_at": msk_input(closes),
             "impl_start": start.isoformat(),
             "impl_end": (start + datetime.timedelta(days=300)).isoformat(),
             "apps_per_org": "1", "title_max": "300", "summary_max": "1000", "problem_max": "5000",
             "max_months": "18", "experts_per_app": "2", "divergence": "30"})
    for label in ("Охрана окружающей среды и защита животных", "Образование и просвещение"):
        box = d.find_element(By.XPATH, f'//label[normalize-space()="{label}"]/preceding-sibling::input')
        if not box.is_selected():
            d.find_element(By.XPATH, f'//label[normalize-space()="{label}"]').click()
    press(d, "Сохранить настройки")
    assert "saved=1" in d.current_url, errors(d)
    assert "Изменения сохранены." in notice(d), re.findall(r'field-error[^>]*>([^<]+)', d.page_source)

    # the national operator's criteria, as the ready set
    d.find_element(By.LINK_TEXT, "Критерии оценки").click()
    press(d, "Загрузить критерии Фонда президентских грантов (до 1 млн ₽)")
    assert "saved=1" in d.current_url, errors(d)
    assert "Критериев: 10, сумма весов: 10" in d.find_element(By.TAG_NAME, "main").text
    names = [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, 'input[name="name"][id^="c"]')]
    assert names[0] == "Актуальность и социальная значимость проекта" and len(names) == 10

    # the compliance checklist, item by item, with automatic rules
    d.find_element(By.LINK_TEXT, "Чек-лист проверки").click()
    for text, rule in CHECKLIST:
        d.find_element(By.ID, "new-text").send_keys(text)
        Select(d.find_element(By.ID, "new-rule")).select_by_visible_text(rule)
        press(d, "Добавить пункт")
        assert "saved=1" in d.current_url, errors(d)
    texts = [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, 'input[name="text"][id^="i"]')]
    assert texts == [t for t, _ in CHECKLIST]

    # the regulations (PDF)
    d.find_element(By.LINK_TEXT, "Документы").click()
    pdf = tmp_path / "Положение о конкурсе.pdf"
    pdf.write_bytes(PDF)
    fill(d, {"title": "Положение о конкурсе"})
    d.find_element(By.ID, "file").send_keys(str(pdf))
    press(d, "Загрузить")
    assert "saved=1" in d.current_url, errors(d)
    assert d.find_element(By.LINK_TEXT, "Положение о конкурсе.pdf")

    # announce, then open intake
    d.find_element(By.LINK_TEXT, "Настройки и этап").click()
    press(d, "Перевести на этап «Объявлен»")
    assert "moved=1" in d.current_url, errors(d)
    assert "Конкурс переведён на этап «Объявлен»" in notice(d)
    press(d, "Перевести на этап «Приём заявок»")
    assert "moved=1" in d.current_url, errors(d)
    assert "Конкурс переведён на этап «Приём заявок»" in notice(d)
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'competition' "
               f"AND object_id = {cid} AND action = 'stage' ORDER BY id") == \
        [["stage", "draft", "announced"], ["stage", "announced", "intake"]]
    # anyone sees it announced, with its criteria, document and the way to apply
    public = requests.get(f"{URL}/competitions/{cid}").text
    assert title in public and "Актуальность и социальная значимость проекта" in public
    assert "Положение о конкурсе" in public and f"/applications/new?competition={cid}" in public

    # two NGOs apply; one forgets its charter
    tag_a, tag_b = f"А-{tag}", f"Б-{tag}"
    ngo_a, app_a, num_a = submitted_app(cid, tag_a, start + datetime.timedelta(days=1), charter=True)
    ngo_b, app_b, num_b = submitted_app(cid, tag_b, start + datetime.timedelta(days=1), charter=False)
    assert num_a == f"GF-{cid}-{app_a:05d}" and num_b == f"GF-{cid}-{app_b:05d}"

    # staff find both in the registry by the tag of their titles
    d.get(f"{URL}/cabinet/staff")
    d.find_element(By.LINK_TEXT, "Реестр заявок").click()
    fill(d, {"q": tag})
    press(d, "Показать")
    wait_url(d, lambda u: f"q={tag}" in u)
    assert d.find_element(By.ID, "found").text.startswith("Найдено заявок: 2.")
    rows = {r.find_element(By.CSS_SELECTOR, "td a").text: r.text
            for r in d.find_elements(By.CSS_SELECTOR, "table.registry tbody tr")}
    assert set(rows) == {num_a, num_b}
    assert f"Школа юных экологов {tag_a}" in rows[num_a] and "Подана" in rows[num_a]
    assert f"Школа юных экологов {tag_b}" in rows[num_b] and "Подана" in rows[num_b]

    # ... and in both exports of the same selection
    s = browser_session(d)
    csv_link = d.find_element(By.LINK_TEXT, "CSV для Excel").get_attribute("href")
    xlsx_link = d.find_element(By.LINK_TEXT, "Excel (XLSX)").get_attribute("href")
    assert f"q={tag}" in csv_link and f"q={tag}" in xlsx_link
    r = s.get(csv_link)
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    text = r.content.decode("utf-8-sig")
    assert num_a in text and num_b in text and len(text.strip().splitlines()) == 3
    r = s.get(xlsx_link)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        sheet = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
    assert num_a in sheet and num_b in sheet
