"""Issue 7's journey in Chromium: staff create a competition, set it up with
a checklist and the national operator's criteria, upload its regulations,
announce it and open intake; two NGOs submit (over HTTP, applicant.Ngo);
staff find both in the registry and in its CSV and XLSX exports, admit one
and return the other with a due date; that NGO attaches what was missing
and resubmits in the browser, staff are alerted by mail and admit it too;
every applicant mail arrives; `gf-audit verify` passes, and fails while one
audit row is altered in the database."""
import datetime
import io
import os
import re
import subprocess
import urllib.parse
import uuid
import zipfile

import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from applicant import BUDGET, CARD, CONSENT, TEAM, Ngo
from conftest import BUILD, DEMO_PASSWORD, DIR, URL, csrf_of, mail_files, read_mail, sql, wait_for_mail
from test_journeys import d, wait_url  # noqa: F401  (the shared browser fixture)

MSK = datetime.timezone(datetime.timedelta(hours=3))
STAFF = "staff@demo.grantfair.local"
NGO_PASSWORD = "test-password-123"        # conftest.make_user's default, which Ngo uses
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
# the compliance checklist staff type in: (text, automatic rule's label)
CHECKLIST = [("Приложен устав организации", "Приложен устав организации"),
             ("Запрошенная сумма в пределах конкурса", "Запрошенная сумма в пределах конкурса"),
             ("Бюджет соответствует целям проекта", "Нет: проверяет сотрудник")]


# ---- browser helpers -------------------------------------------------------

def fill(d, values):
    """Types values into the page's fields named by the keys (in <main>: the
    header has a search box of its own); date and time fields get their
    value the way a date picker sets it."""
    for name, value in values.items():
        el = d.find_element(By.CSS_SELECTOR, f'main [name="{name}"]')
        if el.get_attribute("type") in ("date", "datetime-local", "time"):
            d.execute_script("arguments[0].value = arguments[1]", el, value)
        else:
            el.clear()
            el.send_keys(value)


def left(old):
    """A wait condition: the page whose <html> is old has been replaced.
    (Selenium's staleness_of misses chromedriver's other answer for a
    detached node, "Node … does not belong to the document".)"""
    def gone(_):
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True
    return gone


def press(d, text):
    """Clicks the button a person would (by its visible text) and waits for
    the page it leads to."""
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.XPATH, f'//button[normalize-space()="{text}"]').click()
    WebDriverWait(d, 10).until(left(old))


def errors(d):
    """The form's error messages on the page (for assertion messages)."""
    return [e.text for e in d.find_elements(By.CSS_SELECTOR, ".form-error, .field-error")]


def follow(d, text, partial=False):
    """Follows the link a person would (by its text) and waits for the page
    it leads to, so that nothing is looked for on the page being left."""
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.PARTIAL_LINK_TEXT if partial else By.LINK_TEXT, text).click()
    WebDriverWait(d, 10).until(left(old))


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


# ---- the staff's steps -----------------------------------------------------

def set_up_competition(d, title, pdf, opens, closes, start):
    """From the staff cabinet: a new competition with settings, the ready
    criteria, a checklist and its regulations, announced and open for
    applications. Returns its id."""
    follow(d, "Конкурсы и заявки")     # the staff menu (the site's «Конкурсы» is the public list)
    follow(d, "Новый конкурс")
    fill(d, {"title": title})
    press(d, "Создать черновик")
    m = re.search(r"/staff/competitions/(\d+)\?created=1$", d.current_url)
    assert m, (d.current_url, errors(d))
    assert "Черновик конкурса создан" in notice(d)
    assert d.find_element(By.TAG_NAME, "h1").text == title

    # the settings: intake already open, projects after it closes
    fill(d, {"description": "Конкурс **для НКО** Краснодарского края.\n\n- экология\n- просвещение",
             "fund": "12 000 000", "min_grant": "200 000", "max_grant": "1 500 000", "cofin": "10",
             "opens_at": msk_input(opens), "closes_at": msk_input(closes),
             "impl_start": start.isoformat(), "impl_end": (start + datetime.timedelta(days=300)).isoformat(),
             "apps_per_org": "1", "title_max": "300", "summary_max": "1000", "problem_max": "5000",
             "max_months": "18", "experts_per_app": "2", "divergence": "30"})
    for label in ("Охрана окружающей среды и защита животных", "Образование и просвещение"):
        box = d.find_element(By.XPATH, f'//label[normalize-space()="{label}"]/preceding-sibling::input')
        if not box.is_selected():
            d.find_element(By.XPATH, f'//label[normalize-space()="{label}"]').click()
    # the charter is required to submit unless staff untick it; here the
    # checklist's rule checks it instead (an NGO below forgets it)
    charter_box = d.find_element(By.ID, "doc-0")
    assert charter_box.is_selected()
    charter_box.click()
    press(d, "Сохранить настройки")
    assert "saved=1" in d.current_url, errors(d)
    assert "Изменения сохранены." in notice(d)

    # the national operator's criteria, as the ready set
    follow(d, "Критерии оценки")
    press(d, "Загрузить критерии Фонда президентских грантов (до 1 млн ₽)")
    assert "saved=1" in d.current_url, errors(d)
    assert "Критериев: 10, сумма весов: 10" in d.find_element(By.TAG_NAME, "main").text
    names = [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, 'input[name="name"][id^="c"]')]
    assert len(names) == 10 and names[0] == "Актуальность и социальная значимость проекта"

    # the compliance checklist, item by item, with automatic rules
    follow(d, "Чек-лист проверки")
    for text, rule in CHECKLIST:
        d.find_element(By.ID, "new-text").send_keys(text)
        Select(d.find_element(By.ID, "new-rule")).select_by_visible_text(rule)
        press(d, "Добавить пункт")
        assert "saved=1" in d.current_url, errors(d)
    texts = [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, 'input[name="text"][id^="i"]')]
    assert texts == [t for t, _ in CHECKLIST]

    # the regulations (PDF)
    follow(d, "Документы")
    fill(d, {"title": "Положение о конкурсе"})
    d.find_element(By.ID, "file").send_keys(str(pdf))
    press(d, "Загрузить")
    assert "saved=1" in d.current_url, errors(d)
    assert d.find_element(By.LINK_TEXT, pdf.name)

    # announce, then open intake
    follow(d, "Настройки и этап")
    for stage in ("Объявлен", "Приём заявок"):
        press(d, f"Перевести на этап «{stage}»")
        assert "moved=1" in d.current_url, errors(d)
        assert f"Конкурс переведён на этап «{stage}»" in notice(d)
    return int(m.group(1))


def find_in_registry(d, tag):
    """The registry searched for tag (a part of the project titles):
    {number: the row's text}."""
    follow(d, "Реестр заявок")
    fill(d, {"q": tag})
    press(d, "Показать")
    assert f"q={tag}" in d.current_url, errors(d)
    return {r.find_element(By.CSS_SELECTOR, "td a").text: r.text
            for r in d.find_elements(By.CSS_SELECTOR, "table.registry tbody tr")}


def finding(d, item_text):
    """What the automatic rule says next to the checklist item."""
    li = d.find_element(By.XPATH, f'//ol[@id="checklist"]/li[contains(., "{item_text}")]')
    return li.find_element(By.CSS_SELECTOR, ".finding strong").text


def decide(d, choice, tick=(), comment="", due=None):
    """Decides on the application open in the browser, as staff would."""
    for item in tick:   # (an item the automatic rules found unmet comes ticked)
        label = d.find_element(By.XPATH, f'//label[normalize-space()="{item}"]')
        if not d.find_element(By.ID, label.get_attribute("for")).is_selected():
            label.click()
    d.find_element(By.XPATH, f'//label[starts-with(normalize-space(), "{choice}")]').click()
    if comment:
        d.find_element(By.ID, "comment").send_keys(comment)
    if due:
        fill(d, {"due_date": due[0], "due_time": due[1]})
    press(d, "Принять решение")
    assert "decided=1" in d.current_url, errors(d)
    assert "Решение сохранено. Писем представителям организации: 1." in notice(d)


def gf_audit_verify():
    env = dict(os.environ, GF_CONFIG=f"{DIR}/grantfair.hdf")
    return subprocess.run([f"{BUILD}/gf-audit", "verify"], env=env, capture_output=True, text=True,
                          timeout=120)


def mail_to(email, *words):
    return wait_for_mail(lambda m: m["To"] == email and all(w in str(m["subject"]) for w in words))


# ---- the journey -------------------------------------------------------------

def test_staff_run_the_competition_from_announcement_to_admission(d, tmp_path):
    tag = uuid.uuid4().hex[:8]
    title = f"Гранты для НКО Кубани — журнал {tag}"
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    closes = now + datetime.timedelta(days=30)
    start = (closes.astimezone(MSK) + datetime.timedelta(days=10)).date()
    pdf = tmp_path / "Положение о конкурсе.pdf"
    pdf.write_bytes(PDF)
    charter = tmp_path / "Устав.pdf"
    charter.write_bytes(PDF)

    log_in(d, STAFF, DEMO_PASSWORD, "/cabinet/staff")
    cid = set_up_competition(d, title, pdf, now - datetime.timedelta(hours=1), closes, start)
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'competition' "
               f"AND object_id = {cid} AND action = 'stage' ORDER BY id") == \
        [["stage", "draft", "announced"], ["stage", "announced", "intake"]]
    # anyone sees it announced, with its criteria, its document and the way to apply
    public = requests.get(f"{URL}/competitions/{cid}").text
    assert title in public and "Актуальность и социальная значимость проекта" in public
    assert "Положение о конкурсе" in public and f"/applications/new?competition={cid}" in public

    # two NGOs apply; the second forgets its charter
    tag_a, tag_b = f"А-{tag}", f"Б-{tag}"
    ngo_a, app_a, num_a = submitted_app(cid, tag_a, start + datetime.timedelta(days=1), charter=True)
    ngo_b, app_b, num_b = submitted_app(cid, tag_b, start + datetime.timedelta(days=1), charter=False)
    assert num_a == f"GF-{cid}-{app_a:05d}" and num_b == f"GF-{cid}-{app_b:05d}"

    # staff find both in the registry by the tag of their titles ...
    d.get(f"{URL}/cabinet/staff")
    rows = find_in_registry(d, tag)
    assert d.find_element(By.ID, "found").text.startswith("Найдено заявок: 2.")
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

    # the compliance check: the first is admitted ...
    follow(d, num_a)
    assert num_a in d.find_element(By.CSS_SELECTOR, "p.meta").text
    assert finding(d, "Приложен устав организации") == "выполнено: приложен файл «Устав.pdf»"
    decide(d, "Допустить к экспертизе")
    assert d.find_element(By.ID, "status").text == "Допущена к экспертизе"
    # ... the second, without a charter, is returned until tomorrow 18:00 (Moscow)
    due = (now.astimezone(MSK) + datetime.timedelta(days=1)).date()
    ru_due = due.strftime("%d.%m.%Y") + " 18:00"
    find_in_registry(d, tag)
    follow(d, num_b)
    assert finding(d, "Приложен устав организации").startswith("не выполнено")
    charter_box = d.find_element(By.XPATH, '//label[normalize-space()="Приложен устав организации"]')
    assert d.find_element(By.ID, charter_box.get_attribute("for")).is_selected()   # ticked for staff
    decide(d, "Вернуть на доработку", tick=["Приложен устав организации"],
           comment="Приложите устав организации и подайте заявку снова.", due=(due.isoformat(), "18:00"))
    assert d.find_element(By.ID, "status").text == "Возвращена на доработку"
    assert ru_due in d.find_element(By.ID, "return-due").text
    mail_to(ngo_a.email, num_a, "допущена к экспертизе")
    returned = mail_to(ngo_b.email, num_b, "на доработку")
    assert ru_due in str(returned["subject"]) and "Приложите устав организации" in returned.get_content()

    # the returned NGO signs in, reads what to correct, attaches its charter and resubmits
    log_in(d, ngo_b.email, NGO_PASSWORD, "/my")
    follow(d, f"Школа юных экологов {tag_b}")
    box = d.find_element(By.CSS_SELECTOR, ".submit-box")
    assert "Заявка возвращена на доработку" in box.text and ru_due in box.text
    assert d.find_element(By.ID, "return-items").text == "Приложен устав организации"
    assert "Приложите устав организации" in d.find_element(By.ID, "return-comment").text
    follow(d, "Вложения", partial=True)
    Select(d.find_element(By.ID, "kind")).select_by_visible_text("Устав")
    d.find_element(By.ID, "file").send_keys(str(charter))
    press(d, "Приложить")
    WebDriverWait(d, 10).until(lambda drv: drv.find_elements(By.LINK_TEXT, "Устав.pdf") or errors(drv))
    assert d.find_elements(By.LINK_TEXT, "Устав.pdf"), errors(d)
    follow(d, "Вся заявка и подача")
    press(d, "Подать заявку повторно")
    assert "submitted=1" in d.current_url, errors(d)
    assert "Заявка подана." in d.find_element(By.CSS_SELECTOR, ".receipt").text
    assert d.find_element(By.ID, "receipt-number").text == num_b        # the number stays
    assert len(d.find_elements(By.CSS_SELECTOR, "#receipts tbody tr")) == 2
    sha = d.find_element(By.ID, "receipt-sha").text
    assert sha in mail_to(ngo_b.email, num_b, "подана повторно").get_content()

    # staff are alerted and follow the mail's link to the corrected application
    alert = mail_to("staff@grantfair.local", num_b, "повторно")
    link = re.search(r"(https?://\S+/staff/applications/\d+)", alert.get_content()).group(1)
    path = urllib.parse.urlparse(link).path
    assert path == f"/staff/applications/{app_b}"
    log_in(d, STAFF, DEMO_PASSWORD, path)
    assert d.find_element(By.ID, "status").text == "Подана"
    assert finding(d, "Приложен устав организации") == "выполнено: приложен файл «Устав.pdf»"
    decide(d, "Допустить к экспертизе")
    assert d.find_element(By.ID, "status").text == "Допущена к экспертизе"
    mail_to(ngo_b.email, num_b, "допущена к экспертизе")
    rows = find_in_registry(d, tag)
    assert all("Допущена к экспертизе" in rows[n] for n in (num_a, num_b)), rows

    # every mail each applicant got, once each, in order
    for ngo, subjects in [
            (ngo_a, [f"Заявка {num_a} подана", f"Заявка {num_a} допущена к экспертизе"]),
            (ngo_b, [f"Заявка {num_b} подана", f"Заявка {num_b} возвращена на доработку — срок до {ru_due} (МСК)",
                     f"Заявка {num_b} подана повторно", f"Заявка {num_b} допущена к экспертизе"])]:
        assert [str(m["subject"]) for m in map(read_mail, mail_files()) if m["To"] == ngo.email] == subjects
    assert sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'project' "
               f"AND object_id = {app_b} AND from_state IS NOT NULL ORDER BY id") == \
        [["submit", "draft", "submitted"], ["return", "submitted", "returned"],
         ["resubmit", "returned", "submitted"], ["admit", "submitted", "admitted"]]

    # the audit chain holds; rewriting the return as an admission breaks it
    r = gf_audit_verify()
    assert r.returncode == 0 and "chain intact" in r.stdout, r.stdout + r.stderr
    target = sql(f"SELECT id FROM audit_log WHERE object_type = 'project' AND object_id = {app_b} "
                 f"AND action = 'return'")[0][0]
    try:
        sql(f"UPDATE audit_log SET to_state = 'admitted' WHERE id = {target}")
        r = gf_audit_verify()
        assert r.returncode == 1 and f"audit: entry {target} is broken" in r.stdout, r.stdout + r.stderr
    finally:
        sql(f"UPDATE audit_log SET to_state = 'returned' WHERE id = {target}")
    assert gf_audit_verify().returncode == 0
