"""The NGO's whole journey in Chromium: register, confirm by mail, fill the
profile and every section, attach the charter, submit, see the receipt and
find the receipt mail; withdraw it after a confirmation; the receipt and the
attachments on a phone."""
import datetime
import re
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from applicant import PDF
from conftest import URL, random_inn_ogrn, sql, wait_for_mail
from test_journeys import AXE, d, wait_url  # noqa: F401  (the shared browser fixture)

PASSWORD = "Кубань-гранты-2026"


def fill(d, values):
    for name, value in values.items():
        el = d.find_element(By.NAME, name)
        if el.tag_name == "select":
            Select(el).select_by_value(value)
        elif el.get_attribute("type") == "date":
            d.execute_script("arguments[0].value = arguments[1]", el, value)
        else:
            el.clear()
            el.send_keys(value)


def save(d):
    d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda drv: "saved=1" in drv.current_url or
                               drv.find_elements(By.CSS_SELECTOR, ".form-error"))
    assert "Раздел сохранён." in d.page_source, re.findall(r'field-error[^>]*>([^<]+)', d.page_source)


def test_register_fill_submit_and_get_the_receipt(d, tmp_path):
    sql("DELETE FROM rate_events")
    d.delete_all_cookies()
    email = f"journey-{uuid.uuid4().hex[:8]}@example.ru"
    d.get(f"{URL}/")
    d.find_element(By.LINK_TEXT, "Регистрация").click()
    fill(d, {"email": email, "password": PASSWORD, "password2": PASSWORD,
             "name": "Ольга Браузерова", "phone": "+7 (861) 200-00-00"})
    d.find_element(By.ID, "consent").click()
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "sent=1" in u)

    msg = wait_for_mail(lambda m: m["To"] == email)
    link = re.search(r"(http\S+/register/confirm\?token=[\w-]+)", msg.get_content()).group(1)
    d.get(link)
    fill(d, {"password": PASSWORD})      # the password set at registration confirms
    d.find_element(By.CSS_SELECTOR, "main form button").click()
    wait_url(d, lambda u: "/org" in u)
    assert "Адрес подтверждён" in d.page_source

    inn, ogrn = random_inn_ogrn()
    fill(d, {"full_name": "Автономная некоммерческая организация «Браузер»",
             "short_name": "АНО «Браузер»", "legal_form": "Автономная некоммерческая организация",
             "inn": inn, "ogrn": ogrn, "kpp": "231001001", "address": "г. Сочи, ул. Морская, 1",
             "municipality": "7", "head_name": "Браузерова Ольга", "head_position": "Директор",
             "phone": "+7 862 200 00 00", "email": "info@browser-ngo.ru"})
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    wait_url(d, lambda u: "saved=1" in u)

    d.get(f"{URL}/")
    d.find_element(By.CSS_SELECTOR, 'a.button[href^="/applications/new?competition=1"]').click()
    d.find_element(By.CSS_SELECTOR, "main form button").click()
    wait_url(d, lambda u: u.endswith("/card"))
    app = int(re.search(r"/applications/(\d+)/card", d.current_url).group(1))

    start = datetime.date.fromisoformat(
        sql("SELECT impl_start FROM competitions WHERE id = 1")[0][0]) + datetime.timedelta(days=3)
    end = start + datetime.timedelta(days=180)
    fill(d, {"title": "Морская школа для детей", "direction": "4", "municipality": "7",
             "starts_on": start.isoformat(), "ends_on": end.isoformat(),
             "summary": "Парусные занятия для детей из многодетных семей.",
             "problem": "У детей нет доступа к морским видам спорта.",
             "target_groups": "Дети 10–14 лет", "goal": "Открыть бесплатную парусную секцию.",
             "tasks": "Набор детей\nТренировки", "qual_results": "Дети умеют ходить под парусом.",
             "ind.0.name": "Дети в секции", "ind.0.unit": "человек", "ind.0.target": "40"})
    save(d)
    d.find_element(By.PARTIAL_LINK_TEXT, "Команда проекта").click()
    fill(d, {"m.0.name": "Браузерова Ольга", "m.0.role": "Руководитель проекта"})
    save(d)
    d.find_element(By.LINK_TEXT, "Календарный план").click()
    fill(d, {"e.0.task": "1", "e.0.title": "Набор", "e.0.starts_on": start.isoformat(),
             "e.0.ends_on": start.isoformat(), "e.0.result": "40 детей",
             "e.1.task": "2", "e.1.title": "Тренировки", "e.1.starts_on": start.isoformat(),
             "e.1.ends_on": end.isoformat(), "e.1.result": "60 тренировок"})
    save(d)
    d.find_element(By.LINK_TEXT, "Бюджет").click()
    fill(d, {"b.0.cat": "4", "b.0.name": "Аренда яхты", "b.0.price": "10 000", "b.0.qty": "30",
             "b.0.cofin": "40 000"})
    save(d)
    assert "260" in d.find_element(By.ID, "totals").text
    d.find_element(By.LINK_TEXT, "Согласия").click()
    d.find_element(By.ID, "pd").click()
    d.find_element(By.ID, "publish").click()
    save(d)

    # the charter the competition requires: the tab gets its tick once it is attached
    d.find_element(By.PARTIAL_LINK_TEXT, "Вложения").click()
    assert "«Устав»" in d.find_element(By.ID, "required-docs").text
    Select(d.find_element(By.ID, "kind")).select_by_visible_text("Устав")
    charter = tmp_path / "Устав.pdf"
    charter.write_bytes(PDF)
    d.find_element(By.ID, "file").send_keys(str(charter))
    d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait_url(d, lambda u: "saved=1" in u)
    assert d.find_element(By.CSS_SELECTOR, 'a[aria-current="page"] .ok').text == "✓"

    d.find_element(By.LINK_TEXT, "Вся заявка и подача").click()
    d.find_element(By.CSS_SELECTOR, ".submit-box form button").click()
    wait_url(d, lambda u: "submitted=1" in u)
    number = d.find_element(By.ID, "receipt-number").text
    sha = d.find_element(By.ID, "receipt-sha").text
    assert number == f"GF-1-{app:05d}" and re.fullmatch(r"[0-9a-f]{64}", sha)
    assert "Заявка подана." in d.page_source
    receipt = wait_for_mail(lambda m: m["To"] == email and number in str(m["subject"]))
    assert sha in receipt.get_content()
    d.find_element(By.LINK_TEXT, "Мои заявки").click()
    assert number in d.page_source and "Подана" in d.page_source

    # withdrawing asks first, says what it means and until when to submit again
    d.find_element(By.LINK_TEXT, "Морская школа для детей").click()
    d.find_element(By.LINK_TEXT, "Отозвать заявку…").click()
    wait_url(d, lambda u: u.endswith(f"/applications/{app}/withdraw"))
    assert "перестанет быть поданной" in d.page_source
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "submitted"
    d.find_element(By.CSS_SELECTOR, "main form button").click()
    wait_url(d, lambda u: "withdrawn=1" in u)
    assert "Заявка отозвана" in d.find_element(By.CSS_SELECTOR, '.notice[role="status"]').text
    assert sql(f"SELECT status FROM projects WHERE id = {app}")[0][0] == "draft"
    wait_for_mail(lambda m: m["To"] == email and "отозвана" in str(m["subject"]))


def test_autosave_keeps_what_is_typed_without_pressing_save(d):
    from applicant import Ngo
    ngo = Ngo()
    app = ngo.new_app()
    d.delete_all_cookies()
    d.get(f"{URL}/")
    for c in ngo.s.cookies:
        d.add_cookie({"name": c.name, "value": c.value, "path": "/"})
    d.get(f"{URL}/applications/{app}/team")
    d.find_element(By.NAME, "m.0.name").send_keys("Автосохранённый Участник")
    WebDriverWait(d, 10).until(
        lambda drv: "Черновик сохранён" in drv.find_element(By.CSS_SELECTOR, ".autosave").text)
    d.find_element(By.NAME, "m.0.role").send_keys("Волонтёр")
    # the second autosave is done when the server has the new text
    WebDriverWait(d, 10).until(
        lambda drv: "Черновик сохранён" in drv.find_element(By.CSS_SELECTOR, ".autosave").text and
        "Волонтёр" in ngo.s.get(f"{URL}/applications/{app}/team").text)
    d.get(f"{URL}/applications/{app}/team")       # a reload shows the saved draft
    assert d.find_element(By.NAME, "m.0.name").get_attribute("value") == "Автосохранённый Участник"
    assert d.find_element(By.NAME, "m.0.role").get_attribute("value") == "Волонтёр"


def test_receipt_and_attachments_fit_a_phone_screen(d):
    from applicant import Ngo
    ngo = Ngo()
    app = ngo.new_app()
    ngo.fill(app)
    long_name = "Письмо_поддержки_администрации_муниципального_образования_город_Краснодар_2026.pdf"
    assert ngo.attach(app, kind="Письмо поддержки", name=long_name).status_code == 303
    d.delete_all_cookies()
    d.get(f"{URL}/")
    for c in ngo.s.cookies:
        d.add_cookie({"name": c.name, "value": c.value, "path": "/"})

    def width(path):
        d.get(f"{URL}{path}")
        return d.execute_script("return document.documentElement.scrollWidth")
    d.set_window_size(390, 844)
    try:
        assert width(f"/applications/{app}/files") <= 390
        assert ngo.submit(app).status_code == 303
        for path in (f"/applications/{app}?submitted=1", f"/applications/{app}/files"):
            assert width(path) <= 390, path
    finally:
        d.set_window_size(1280, 900)


def test_the_attachments_the_withdrawal_and_the_cabinet_pass_axe_checks(d):
    from applicant import Ngo
    ngo = Ngo()
    app = ngo.new_app()
    ngo.fill(app)
    assert ngo.submit(app).status_code == 303
    d.delete_all_cookies()
    d.get(f"{URL}/")
    for c in ngo.s.cookies:
        d.add_cookie({"name": c.name, "value": c.value, "path": "/"})
    for path in (f"/applications/{app}/files", f"/applications/{app}/withdraw", "/cabinet"):
        d.get(f"{URL}{path}")
        d.execute_script(open(AXE).read())
        result = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
            ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)));")
        assert result == [], (path, result)
