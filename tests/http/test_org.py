"""The organization profile: checksums, uniqueness of ИНН, invitations."""
import re
import uuid

import pytest
import requests

from conftest import URL, csrf_of, login, make_user, random_inn_ogrn, sql, wait_for_mail

# real, checksum-valid numbers of well-known organizations (not in the demo data)
GOOD = {"full_name": "Автономная некоммерческая организация «Тестовая»", "short_name": "АНО «Тестовая»",
        "legal_form": "Автономная некоммерческая организация", "inn": "7707083893",
        "ogrn": "1027700132195", "kpp": "773601001", "address": "г. Краснодар, ул. Красная, 10",
        "municipality": "5", "head_name": "Петров Пётр Петрович", "head_position": "Директор",
        "phone": "+7 (861) 255-55-55", "email": "info@test-ngo.ru", "website": "https://test-ngo.ru",
        "description": "Помогаем детям."}


def new_applicant():
    s = requests.Session()
    email = f"org-{uuid.uuid4().hex[:10]}@example.ru"
    login(s, email, make_user(email))
    return s, email


def post_org(s, **over):
    page = s.get(f"{URL}/org").text
    data = dict(GOOD, csrf=csrf_of(page))
    data.update(over)
    return s.post(f"{URL}/org", data=data, allow_redirects=False)


def _free(inn):
    """Gives an organization already holding inn another (random) number."""
    for (oid,) in sql(f"SELECT id FROM organizations WHERE inn = '{inn}'"):
        sql(f"UPDATE organizations SET inn = '{random_inn_ogrn()[0]}' WHERE id = {oid}")


@pytest.fixture
def free_inn():
    for inn in ("7707083893", "7736207543"):
        _free(inn)
    yield


def test_profile_requires_login():
    r = requests.get(f"{URL}/org", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")


def test_create_and_update_profile(free_inn):
    s, email = new_applicant()
    r = post_org(s)
    assert r.status_code == 303 and r.headers["Location"] == "/org?saved=1"
    page = s.get(f"{URL}/org?saved=1").text
    assert "Профиль сохранён" in page and 'value="7707083893"' in page
    assert sql("SELECT short_name, municipality_id FROM organizations WHERE inn = '7707083893'") == \
        [["АНО «Тестовая»", "5"]]
    r = post_org(s, short_name="АНО «Тестовая-2»")
    assert r.status_code == 303
    assert sql("SELECT short_name FROM organizations WHERE inn = '7707083893'") == [["АНО «Тестовая-2»"]]
    assert sql("SELECT COUNT(*) FROM audit_log WHERE object_type = 'organization' AND object_id = "
               "(SELECT id FROM organizations WHERE inn = '7707083893')")[0][0] == "2"


@pytest.mark.parametrize("field,value,message", [
    ("inn", "7707083894", "контрольная цифра должна сходиться"),
    ("inn", "500100732259", "ИНН организации — 10 цифр"),
    ("inn", "", "Укажите ИНН"),
    ("ogrn", "1027700132196", "контрольная цифра должна сходиться"),
    ("ogrn", "102770013219", "ОГРН — 13 цифр"),
    ("kpp", "77360100", "КПП — 9 знаков"),
    ("municipality", "99", "Выберите муниципальное образование"),
    ("email", "info@", "Адрес электронной почты указан неверно"),
    ("website", "javascript:alert(1)", "начинается с https://"),
    ("full_name", "", "Заполните это поле."),
    ("short_name", "я" * 201, "Не длиннее 200 символов"),
])
def test_invalid_profile_is_refused_and_nothing_changes(free_inn, field, value, message):
    s, _ = new_applicant()
    before = sql("SELECT COUNT(*) FROM organizations")[0][0]
    r = post_org(s, **{field: value})
    assert r.status_code == 400 and message in r.text
    assert f'id="err-{field}"' in r.text
    assert sql("SELECT COUNT(*) FROM organizations")[0][0] == before
    assert "Петров Пётр Петрович" in r.text            # the rest stays in the form


def test_same_inn_cannot_be_registered_twice(free_inn):
    a, _ = new_applicant()
    assert post_org(a).status_code == 303
    b, _ = new_applicant()
    r = post_org(b, ogrn="1027700229193")
    assert r.status_code == 400
    assert "Организация с таким ИНН уже зарегистрирована" in r.text


def test_one_organization_cannot_touch_another(free_inn):
    a, _ = new_applicant()
    post_org(a)
    b, _ = new_applicant()
    post_org(b, inn="7736207543", ogrn="1027700229193", short_name="Б")
    page = b.get(f"{URL}/org").text
    assert 'value="7736207543"' in page and "7707083893" not in page


def test_invite_a_colleague_who_joins(free_inn):
    a, a_email = new_applicant()
    post_org(a)
    b, b_email = new_applicant()
    page = a.get(f"{URL}/org").text
    r = a.post(f"{URL}/org", data={"csrf": csrf_of(page), "action": "invite", "invite_email": b_email})
    assert r.status_code == 200 and f"Приглашение отправлено на адрес {b_email}" in r.text
    assert 'value="7707083893"' in r.text              # the profile is still shown
    msg = wait_for_mail(lambda m: m["To"] == b_email)
    assert "Приглашение в организацию" in str(msg["subject"])
    link = re.search(r"(/org/join\?token=[\w-]+)", msg.get_content()).group(1)
    # someone else with the link cannot use it
    c, _ = new_applicant()
    page = c.get(f"{URL}{link}").text
    r = c.post(f"{URL}/org/join", data={"csrf": csrf_of(page), "token": link.split("=")[1]})
    assert r.status_code == 400 and "другой адрес" in r.text
    page = b.get(f"{URL}{link}").text
    assert "АНО «Тестовая»" in page
    r = b.post(f"{URL}/org/join", data={"csrf": csrf_of(page), "token": link.split("=")[1]},
               allow_redirects=False)
    assert r.status_code == 303
    assert 'value="7707083893"' in b.get(f"{URL}/org").text


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_logo_png_or_jpeg_by_content_shown_publicly(free_inn):
    s, _ = new_applicant()
    page = s.get(f"{URL}/org").text
    r = s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page)),
               files={"logo": ("logo.png", b"<svg onload=alert(1)>", "image/png")})
    assert r.status_code == 400 and "PNG или JPEG" in r.text
    assert sql("SELECT COUNT(*) FROM organizations WHERE inn = '7707083893'")[0][0] == "0"
    r = s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page)),
               files={"logo": ("logo.png", PNG, "image/png")}, allow_redirects=False)
    assert r.status_code == 303
    oid = sql("SELECT id FROM organizations WHERE inn = '7707083893'")[0][0]
    got = requests.get(f"{URL}/org/logo/{oid}")
    assert got.status_code == 200 and got.content == PNG and got.headers["Content-Type"] == "image/png"
    assert 'src="/org/logo/' in s.get(f"{URL}/org").text
    page = s.get(f"{URL}/org").text
    s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page), remove_logo="1"))
    assert requests.get(f"{URL}/org/logo/{oid}").status_code == 404
    assert requests.get(f"{URL}/org/logo/abc").status_code == 404
