"""An applicant with an organization, and valid section data, shared by the
HTTP and browser tests of the application form."""
import datetime
import re
import uuid

import requests

from conftest import URL, csrf_of, login, make_user, random_inn_ogrn, sql

INTAKE = "1"       # demo competition with open intake

CARD = {"title": "Школа юных экологов", "direction": "3", "municipality": "5",
        "summary": "Занятия для школьников о природе Кубани.",
        "problem": "В сельских школах нет кружков экологии.\nДети мало знают о родном крае.",
        "target_groups": "Школьники 10–15 лет", "goal": "Создать экологический кружок.",
        "tasks": "Набрать группы\nПровести занятия", "qual_results": "Интерес детей к природе, анкеты.",
        "geography": "Краснодар", "ind.0.name": "Участники", "ind.0.unit": "человек",
        "ind.0.target": "120"}
TEAM = {"m.0.name": "Иванова Ольга Петровна", "m.0.role": "Руководитель проекта",
        "m.0.experience": "10 лет в дополнительном образовании"}
BUDGET = {"b.0.cat": "1", "b.0.name": "Оплата труда педагога", "b.0.price": "30 000",
          "b.0.qty": "10", "b.0.cofin": "35 000", "b.1.cat": "7", "b.1.name": "Экскурсии",
          "b.1.price": "5000,50", "b.1.qty": "2", "b.1.cofin": ""}
CONSENT = {"pd": "1", "publish": "1"}
# the smallest file libmagic calls a PDF (attachments are typed by content)
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def dates():
    d = sql("SELECT impl_start, impl_end FROM competitions WHERE id = " + INTAKE)[0]
    start = datetime.date.fromisoformat(d[0]) + datetime.timedelta(days=1)
    end = start + datetime.timedelta(days=200)
    return start.isoformat(), end.isoformat()


def plan():
    s, e = dates()
    return {"e.0.task": "1", "e.0.title": "Набор групп", "e.0.starts_on": s, "e.0.ends_on": s,
            "e.0.result": "2 группы по 15 человек", "e.1.task": "2", "e.1.title": "Занятия",
            "e.1.starts_on": s, "e.1.ends_on": e, "e.1.result": "30 занятий"}


class Ngo:
    """A confirmed applicant with an organization of their own."""

    def __init__(self):
        inn, ogrn = random_inn_ogrn()
        self.s = requests.Session()
        self.email = f"app-{uuid.uuid4().hex[:10]}@example.ru"
        login(self.s, self.email, make_user(self.email, name="Заявитель Тестовый"))
        page = self.s.get(f"{URL}/org").text
        r = self.s.post(f"{URL}/org", allow_redirects=False, data={
            "csrf": csrf_of(page), "full_name": "АНО «Заявитель»", "short_name": "АНО «Заявитель»",
            "legal_form": "АНО", "inn": inn, "ogrn": ogrn, "kpp": "231001001",
            "address": "Краснодар", "municipality": "5", "head_name": "Иванов И. И.",
            "head_position": "Директор", "phone": "+7 861 200 00 00", "email": "a@example.ru"})
        assert r.status_code == 303, r.text

    def new_app(self, comp=INTAKE):
        page = self.s.get(f"{URL}/applications/new?competition={comp}").text
        r = self.s.post(f"{URL}/applications/new?competition={comp}",
                        data={"csrf": csrf_of(page), "competition": comp}, allow_redirects=False)
        assert r.status_code == 303, r.text
        return int(re.search(r"/applications/(\d+)/card", r.headers["Location"]).group(1))

    def section(self, app, name, data, version=None):
        page = self.s.get(f"{URL}/applications/{app}/{name}").text
        m = re.search(r'name="version" value="(\d*)"', page)
        if version is not None:
            v = version
        elif m:
            v = m.group(1)
        else:       # a section that reads as text has no form: post as a tab loaded before would
            v = (sql(f"SELECT version FROM application_sections WHERE project_id = {app}"
                     f" AND section = '{name}'") or [[""]])[0][0]
        return self.s.post(f"{URL}/applications/{app}/{name}", allow_redirects=False,
                           data=dict(data, csrf=csrf_of(page), version=v))

    def attach(self, app, kind="Устав", name="Устав.pdf", content=PDF, ctype="application/pdf",
               session=None):
        """Uploads one attachment; returns the response (303 when it was added)."""
        s = session or self.s
        page = s.get(f"{URL}/applications/{app}/files").text
        return s.post(f"{URL}/applications/{app}/files", allow_redirects=False,
                      data={"csrf": csrf_of(page), "kind": kind}, files={"file": (name, content, ctype)})

    def fill(self, app, charter=True):
        """Every section valid and, unless charter is False, the charter
        attached (a competition requires it by default): ready to submit."""
        for name, data in [("card", dict(CARD, starts_on=dates()[0], ends_on=dates()[1])),
                           ("team", TEAM), ("plan", plan()), ("budget", BUDGET), ("consent", CONSENT)]:
            r = self.section(app, name, data)
            assert r.status_code == 303, (name, re.findall(r'field-error[^>]*>([^<]+)', r.text))
        if charter:
            r = self.attach(app)
            assert r.status_code == 303, re.findall(r'field-error[^>]*>([^<]+)', r.text)

    def submit(self, app):
        page = self.s.get(f"{URL}/applications/{app}").text
        return self.s.post(f"{URL}/applications/{app}/submit", data={"csrf": csrf_of(page)},
                           allow_redirects=False)


