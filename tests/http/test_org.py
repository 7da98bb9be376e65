"""The organization profile: checksums, uniqueness of ИНН, invitations."""
import os
import re
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, DIR, URL, csrf_of, login, make_user, random_inn_ogrn, sql, wait_for_mail

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
    ("website", "javascript:alert(1)", "Адрес сайта указан неверно"),
    ("website", "mailto:info@ngo.ru", "Адрес сайта указан неверно"),
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
    got = s.get(f"{URL}/org/logo/{oid}")                 # its own members see it at once
    assert got.status_code == 200 and got.content == PNG and got.headers["Content-Type"] == "image/png"
    assert 'src="/org/logo/' in s.get(f"{URL}/org").text
    page = s.get(f"{URL}/org").text
    s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page), remove_logo="1"))
    assert s.get(f"{URL}/org/logo/{oid}").status_code == 404
    assert requests.get(f"{URL}/org/logo/abc").status_code == 404


JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c"
                     "140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27"
                     "393d38323c2e333432ffc0000b080001000101011100ffc4001f00000105010101010101000000"
                     "0000000000010203040506070809 0a0bffc400b5100002010303020403050504040000017d0102"
                     "0300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a1617"
                     "18191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a"
                     "737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7"
                     "b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9"
                     "faffda0008010100003f00fbd3ffd9".replace(" ", ""))


def stored_file(name):
    return f"{DIR}/files/{name[:2]}/{name}"


def logo_name(inn="7707083893"):
    return sql(f"SELECT logo_name FROM organizations WHERE inn = '{inn}'")[0][0]


def test_replacing_or_removing_the_logo_deletes_the_old_file(free_inn):
    s, _ = new_applicant()
    page = s.get(f"{URL}/org").text
    r = s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page)),
               files={"logo": ("logo.png", PNG, "image/png")}, allow_redirects=False)
    assert r.status_code == 303
    first = logo_name()
    assert os.path.exists(stored_file(first))
    r = s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page)),
               files={"logo": ("logo.jpg", JPEG, "image/jpeg")}, allow_redirects=False)
    assert r.status_code == 303
    second = logo_name()
    assert second != first and os.path.exists(stored_file(second))
    assert not os.path.exists(stored_file(first))        # the replaced one is gone
    r = s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page), remove_logo="1"),
               allow_redirects=False)
    assert r.status_code == 303 and logo_name() == "NULL"
    assert not os.path.exists(stored_file(second))       # the removed one too


def test_the_logo_is_public_only_when_the_organization_has_something_published(free_inn):
    s, _ = new_applicant()
    page = s.get(f"{URL}/org").text
    assert s.post(f"{URL}/org", data=dict(GOOD, csrf=csrf_of(page)),
                  files={"logo": ("logo.png", PNG, "image/png")},
                  allow_redirects=False).status_code == 303
    oid = sql("SELECT id FROM organizations WHERE inn = '7707083893'")[0][0]
    assert requests.get(f"{URL}/org/logo/{oid}").status_code == 404       # nothing on the exhibition
    other, _ = new_applicant()
    assert other.get(f"{URL}/org/logo/{oid}").status_code == 404
    assert s.get(f"{URL}/org/logo/{oid}").status_code == 200                # its members see it
    comp, direction = sql("SELECT competition_id, direction_id FROM projects WHERE listed = 1 LIMIT 1")[0]
    sql("INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, title, summary,"
        f" exhibit, created_at, updated_at) VALUES ({comp}, {oid}, {direction}, 5, 'Проект с логотипом',"
        " 'Кратко', 'applicant', NOW(), NOW())")
    try:
        got = requests.get(f"{URL}/org/logo/{oid}")
        assert got.status_code == 200 and got.content == PNG
    finally:
        sql(f"DELETE FROM projects WHERE org_id = {oid}")
    assert requests.get(f"{URL}/org/logo/{oid}").status_code == 404


# ---- a profile with errors ------------------------------------------------

def test_an_error_saves_the_valid_fields_and_marks_the_invalid_ones(free_inn):
    s, _ = new_applicant()
    assert post_org(s).status_code == 303
    r = post_org(s, short_name="АНО «Новое имя»", kpp="12", phone="+7 (861) 000-00-00",
                 email="info@")
    assert r.status_code == 400
    assert 'id="err-kpp"' in r.text and 'id="err-email"' in r.text
    assert "Сохранено всё, кроме полей, отмеченных ниже" in r.text
    assert "Введённое сохранено в форме" not in r.text
    assert 'value="12"' in r.text and 'value="info@"' in r.text      # to correct, not retype
    assert sql("SELECT short_name, kpp, phone, email FROM organizations WHERE inn = '7707083893'") == \
        [["АНО «Новое имя»", "773601001", "+7 (861) 000-00-00", "info@test-ngo.ru"]]


def test_a_duplicate_inn_keeps_the_stored_one_and_saves_the_rest(free_inn):
    a, _ = new_applicant()
    assert post_org(a, inn="7736207543", ogrn="1027700229193").status_code == 303
    b, _ = new_applicant()
    assert post_org(b).status_code == 303
    r = post_org(b, inn="7736207543", head_name="Иванов Иван Иванович")
    assert r.status_code == 400 and "Организация с таким ИНН уже зарегистрирована" in r.text
    assert sql("SELECT head_name FROM organizations WHERE inn = '7707083893'") == \
        [["Иванов Иван Иванович"]]


def test_a_new_profile_with_errors_says_that_nothing_was_saved(free_inn):
    s, _ = new_applicant()
    r = post_org(s, kpp="12")
    assert r.status_code == 400
    assert "Профиль не сохранён" in r.text and "Введённое сохранено в форме" not in r.text
    assert sql("SELECT COUNT(*) FROM organizations WHERE inn = '7707083893'")[0][0] == "0"


@pytest.mark.parametrize("typed,stored", [
    ("ngo.ru", "https://ngo.ru"),
    ("www.ngo.ru/about", "https://www.ngo.ru/about"),
    ("https://test-ngo.ru", "https://test-ngo.ru"),
    ("http://old-ngo.ru", "http://old-ngo.ru"),
    ("нко-кубани.рф", "https://нко-кубани.рф"),
    ("", ""),
])
def test_a_site_typed_without_https_is_accepted(free_inn, typed, stored):
    s, _ = new_applicant()
    assert post_org(s, website=typed).status_code == 303
    assert sql("SELECT website FROM organizations WHERE inn = '7707083893'") == [[stored]]


# ---- invitations: how many, to whom, with what subject ----------------------

def invite_colleague(s, address):
    page = s.get(f"{URL}/org").text
    return s.post(f"{URL}/org", data={"csrf": csrf_of(page), "action": "invite",
                                      "invite_email": address})


def sent_to(address):
    return int(sql(f"SELECT COUNT(*) FROM outbox WHERE to_addr = '{address}'")[0][0])


def test_invitations_are_limited_per_organization_per_day(free_inn):
    a, _ = new_applicant()
    assert post_org(a).status_code == 303
    tag = uuid.uuid4().hex[:8]
    for i in range(10):
        r = invite_colleague(a, f"colleague{i}-{tag}@example.ru")
        assert r.status_code == 200 and "Приглашение отправлено" in r.text, i
    extra = f"colleague10-{tag}@example.ru"
    r = invite_colleague(a, extra)
    assert r.status_code == 429
    assert "Ваша организация за последние сутки отправила столько приглашений, сколько можно" in r.text
    assert 'id="err-invite_email"' in r.text
    assert sent_to(extra) == 0
    assert sql(f"SELECT COUNT(*) FROM email_tokens WHERE email = '{extra}'")[0][0] == "0"


def test_invitations_to_one_address_are_limited_per_day_in_any_spelling(free_inn):
    a, _ = new_applicant()
    assert post_org(a).status_code == 303
    address = f"colleague-{uuid.uuid4().hex[:8]}@example.ru"
    for typed in (address, address.upper(), " " + address.replace("colleague", "Colleague")):
        r = invite_colleague(a, typed)
        assert r.status_code == 200, typed
    assert sent_to(address) == 3                      # one address, normalized
    r = invite_colleague(a, address)
    assert r.status_code == 429 and "На этот адрес за последние сутки уже отправлено" in r.text
    assert sent_to(address) == 3


def test_an_invitation_subject_names_the_site_not_text_typed_in_a_form(free_inn):
    a, _ = new_applicant()
    assert post_org(a, short_name="Вы выиграли приз! Заберите на evil.example").status_code == 303
    b_email = f"colleague-{uuid.uuid4().hex[:8]}@example.ru"
    assert invite_colleague(a, b_email).status_code == 200
    msg = wait_for_mail(lambda m: m["To"] == b_email)
    assert str(msg["subject"]) == "Приглашение в организацию на платформе «Конкурс грантов для НКО Кубани»"
    assert "Вы выиграли приз" in msg.get_content()     # the body names the organization as stored
    before = int(sql("SELECT COUNT(*) FROM outbox")[0][0])
    r = invite_colleague(a, f"{b_email}\r\nBcc: victim@example.ru")
    assert r.status_code == 400 and "указан неверно" in r.text
    assert int(sql("SELECT COUNT(*) FROM outbox")[0][0]) == before


def test_the_header_marks_the_organization_page_as_the_current_one():
    s = requests.Session()
    login(s, "ngo@demo.grantfair.local", DEMO_PASSWORD)
    page = s.get(f"{URL}/org").text
    assert '<a href="/org" aria-current="page">Организация</a>' in page
    assert not re.search(r'aria-current="page">Личный кабинет', page)
