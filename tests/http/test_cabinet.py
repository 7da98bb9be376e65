"""The personal cabinet (/cabinet, /cabinet/<role>): each role lands on its
own page with the other roles linked; the NGO's page links every
application with its number and status."""
import re

import pytest
import requests

from applicant import INTAKE, Ngo
from conftest import DEMO_PASSWORD, URL, login


def signed_in(who):
    s = requests.Session()
    assert login(s, f"{who}@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    return s


@pytest.mark.parametrize("who,lands,text,others", [
    ("ngo", "applicant", "Кабинет НКО", []),
    ("expert", "expert", "Мои заявки на экспертизе", []),
    ("staff", "staff", "Реестр заявок", []),
    ("secretary", "secretary", "Конкурсы у комиссии", []),
    # administrator and staff: the staff's work first, administration one click away
    ("admin", "staff", "Реестр заявок", ["admin"]),
])
def test_the_cabinet_lands_each_role_on_its_own_page(who, lands, text, others):
    page = signed_in(who).get(f"{URL}/cabinet").text
    assert "Выберите раздел выше" not in page
    assert text in page
    assert f'<a href="/cabinet/{lands}" aria-current="page">' in page
    for role in others:
        assert f'<a href="/cabinet/{role}">' in page


def test_the_ngo_cabinet_links_each_application_with_its_status():
    ngo = Ngo()
    draft = ngo.new_app()
    number = f"GF-{INTAKE}-{draft:05d}"
    page = ngo.s.get(f"{URL}/cabinet/applicant").text
    row = re.search(rf'<li><a href="/applications/{draft}">(.*?)</li>', page, re.S)
    assert row, page
    assert number in row.group(1) and "Черновик" in row.group(1)
    # the same on /cabinet, where an applicant lands
    assert f'href="/applications/{draft}"' in ngo.s.get(f"{URL}/cabinet").text


def test_the_demo_ngo_sees_its_applications_linked():
    page = signed_in("ngo").get(f"{URL}/cabinet/applicant").text
    for app, status in ((201, "Возвращена на доработку"), (301, "Оценена")):
        row = re.search(rf'<li><a href="/applications/{app}">(.*?)</li>', page, re.S)
        assert row and status in row.group(1), app
