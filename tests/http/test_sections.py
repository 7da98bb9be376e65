"""The application form's sections as people fill them (app_section.c,
grant/form.c, the section templates): amounts as they paste them; a line
that cannot be counted is named next to its field and in the totals; the
co-financing shortfall in roubles; budget lines grouped by category with a
subtotal each; a delete box on every row of every list; no pile of empty
rows, and a cap on rows per list (a big POST of rows gives a small page,
and nothing saved is lost); long texts never cut by the browser; a
submitted application shown as text, with why and what to do."""
import json
import re

import pytest

from applicant import BUDGET, CARD, TEAM, Ngo, dates, plan
from conftest import URL, csrf_of
from test_drafts import stored_raw


@pytest.fixture
def a():
    return Ngo()


def errors(page):
    return re.findall(r'field-error[^>]*>([^<]+)', page)


def rows_on(page, rows, field):
    """The row numbers the page has an input (or select) for."""
    return [int(n) for n in re.findall(rf'name="{rows}\.(\d+)\.{field}"', page)]


def stored(app, section):
    return json.loads(stored_raw(app, section))


def post_raw(a, app, section, fields):
    """Posts fields (a list of pairs, in this order) with the page's CSRF and version."""
    page = a.s.get(f"{URL}/applications/{app}/{section}").text
    v = re.search(r'name="version" value="(\d*)"', page).group(1)
    return a.s.post(f"{URL}/applications/{app}/{section}", allow_redirects=False,
                    data=[("csrf", csrf_of(page)), ("version", v)] + list(fields))


# ---- amounts -------------------------------------------------------------

def test_amounts_as_people_paste_them_are_read(a):
    app = a.new_app()
    r = a.section(app, "budget", {"b.0.cat": "1", "b.0.name": "Педагог", "b.0.price": "150 000 руб.",
                                  "b.0.qty": "2", "b.0.cofin": "31\u00a0500,50 ₽",
                                  "b.1.cat": "7", "b.1.name": "Экскурсии", "b.1.price": "5\u202f000 р.",
                                  "b.1.qty": "3"})
    assert r.status_code == 303, errors(r.text)
    totals = stored(app, "budget")["Totals"]
    assert (totals["total"], totals["cofin"]) == ("31500000", "3150050")


def test_quantities_and_targets_may_be_grouped_by_spaces(a):
    """«1 500» is a number in a quantity and a target as in a price."""
    app = a.new_app()
    r = a.section(app, "budget", {"b.0.cat": "7", "b.0.name": "Буклеты", "b.0.price": "150",
                                  "b.0.qty": "2 000", "b.0.cofin": "30 000"})
    assert r.status_code == 303, errors(r.text)
    assert stored(app, "budget")["Totals"]["total"] == "30000000"
    r = a.section(app, "card", dict(card(), **{"ind.1.target": "1\u00a0500"}))
    assert r.status_code == 303, errors(r.text)

def test_a_line_that_cannot_be_counted_is_named_and_the_totals_say_so(a):
    app = a.new_app()
    r = a.section(app, "budget", {"b.0.cat": "1", "b.0.name": "Педагог", "b.0.price": "300 000",
                                  "b.0.qty": "1", "b.0.cofin": "30 000",
                                  "b.1.cat": "7", "b.1.name": "Аренда зала", "b.1.price": "сто тысяч",
                                  "b.1.qty": "1"})
    assert r.status_code == 400
    assert re.search(r'id="err-b-1-price"[^>]*>Стоимость единицы', r.text)
    totals = re.search(r'(?s)<dl[^>]*id="totals".*?</dl>', r.text).group(0)
    assert "300\u00a0000\u00a0₽" in totals
    assert "В итоговые суммы не вошла строка «Аренда зала»: её суммы не распознаны" in r.text
    page = a.s.get(f"{URL}/applications/{app}/budget").text       # also when read again
    assert "В итоговые суммы не вошла строка «Аренда зала»" in page


def test_the_co_financing_message_says_the_share_and_what_is_missing(a):
    app = a.new_app()
    r = a.section(app, "budget", {"b.0.cat": "1", "b.0.name": "Педагог", "b.0.price": "500 000",
                                  "b.0.qty": "1", "b.0.cofin": "20 000"})
    assert r.status_code == 400
    assert "Софинансирование 4\u00a0% — нужно не менее 10\u00a0%: добавьте ещё 30\u00a0000\u00a0₽." in r.text


# ---- budget lines by category --------------------------------------------

def test_budget_lines_are_grouped_by_category_with_one_subtotal_each(a):
    app = a.new_app()
    r = a.section(app, "budget", {"b.0.cat": "7", "b.0.name": "Экскурсия", "b.0.price": "5 000",
                                  "b.0.qty": "2", "b.1.cat": "1", "b.1.name": "Педагог",
                                  "b.1.price": "300 000", "b.1.qty": "1", "b.1.cofin": "40 000",
                                  "b.2.cat": "7", "b.2.name": "Автобус", "b.2.price": "20 000",
                                  "b.2.qty": "1"})
    assert r.status_code == 303, errors(r.text)
    page = a.s.get(f"{URL}/applications/{app}/budget").text
    names = re.findall(r'name="b\.\d+\.name"[^>]* value="([^"]*)"', page)
    assert names[:3] == ["Педагог", "Экскурсия", "Автобус"]           # category 1, then 7
    assert page.count("Итого по статье") == 2
    sub7 = re.search(r'(?s)Итого по статье «7\..*?</p>', page).group(0)
    assert "30\u00a0000\u00a0₽" in sub7
    # a save in the page's order keeps the lines together
    fields = [(n, v) for n, v in re.findall(r'name="(b\.\d+\.(?:name|price|qty|cofin))"[^>]* value="([^"]*)"',
                                             page)]
    fields += re.findall(r'name="(b\.\d+\.cat)".*?<option value="(\d+)" selected', page)
    assert post_raw(a, app, "budget", fields).status_code == 303
    assert [row["name"] for _, row in sorted(stored(app, "budget")["b"].items())] == \
        ["Педагог", "Экскурсия", "Автобус"]


def test_the_whole_application_shows_the_budget_by_category_with_subtotals(a):
    """The printable whole application groups the lines as the form does:
    one header row per category, one subtotal row under it, no «Итого по
    статье» under every line."""
    app = a.new_app()
    r = a.section(app, "budget", {"b.0.cat": "7", "b.0.name": "Экскурсия", "b.0.price": "5 000",
                                  "b.0.qty": "2", "b.1.cat": "1", "b.1.name": "Педагог",
                                  "b.1.price": "300 000", "b.1.qty": "1", "b.1.cofin": "40 000",
                                  "b.2.cat": "7", "b.2.name": "Автобус", "b.2.price": "20 000",
                                  "b.2.qty": "1"})
    assert r.status_code == 303, errors(r.text)
    page = a.s.get(f"{URL}/applications/{app}").text
    table = re.search(r'(?s)<table id="whole-budget">.*?</table>', page).group(0)
    rows = re.findall(r'(?s)<tr class="(group|subtotal)">(.*?)</tr>|<tr><td>([^<]*)</td>', table)
    shape = [kind or "line:" + line for kind, _, line in rows]
    assert shape == ["group", "line:Педагог", "subtotal", "group", "line:Экскурсия", "line:Автобус",
                     "subtotal"]
    sub7 = [body for kind, body, _ in rows if kind == "subtotal"][1]
    assert "30\u00a0000" in sub7
    # amounts as typed («5 000», «40 000») printed as the site prints money
    assert "<td>Педагог</td><td>300\u00a0000\u00a0₽</td>" in table
    assert "<td>40\u00a0000\u00a0₽</td>" in table


# ---- rows: delete, no pile of empty ones, the cap ------------------------


def card():
    s, e = dates()
    return dict(CARD, starts_on=s, ends_on=e, **{"ind.1.name": "Занятия", "ind.1.unit": "шт.",
                                                "ind.1.target": "30"})


@pytest.mark.parametrize("section,rows,data", [
    ("team", "m", dict(TEAM, **{"m.1.name": "Петров Пётр", "m.1.role": "Бухгалтер"})),
    ("budget", "b", BUDGET),
    ("card", "ind", None),
])
def test_every_row_of_a_list_can_be_deleted(a, section, rows, data):
    app = a.new_app()
    data = data or card()
    assert a.section(app, section, data).status_code == 303
    page = a.s.get(f"{URL}/applications/{app}/{section}").text
    assert re.search(rf'<input[^>]* name="{rows}\.1\.del" type="checkbox" value="1"', page)
    assert "Удалить строку" in page
    r = a.section(app, section, dict(data, **{f"{rows}.1.del": "1"}))
    assert r.status_code in (303, 400), errors(r.text)
    assert list(stored(app, section)[rows]) == ["0"]


def test_deleting_a_plan_event(a):
    app = a.new_app()
    s, e = dates()
    assert a.section(app, "card", dict(CARD, starts_on=s, ends_on=e)).status_code == 303
    p = dict(plan(), **{"e.2.task": "2", "e.2.title": "Лишнее", "e.2.starts_on": s, "e.2.ends_on": s,
                        "e.2.result": "—"})
    assert a.section(app, "plan", p).status_code == 303
    assert a.section(app, "plan", dict(p, **{"e.2.del": "1"})).status_code == 303
    assert [ev["title"] for _, ev in sorted(stored(app, "plan")["e"].items())] == ["Набор групп", "Занятия"]


def test_empty_rows_do_not_pile_up(a):
    app = a.new_app()
    fields = [("m.0.name", "Иванова Ольга"), ("m.0.role", "")]       # an error: the page comes back
    for i in range(1, 7):
        fields += [(f"m.{i}.name", ""), (f"m.{i}.role", ""), (f"m.{i}.experience", "")]
    r = post_raw(a, app, "team", fields)
    assert r.status_code == 400
    assert rows_on(r.text, "m", "name") == [0, 1, 2]                   # the row and two new ones
    r = post_raw(a, app, "team", [(n, "") if n != "m.0.name" else (n, v) for n, v in fields])
    assert rows_on(r.text, "m", "name") == [0, 1, 2]


def test_a_big_post_of_empty_rows_gives_a_small_page(a):
    """13: a 169 KB POST of empty rows made a 6.4 MB page."""
    app = a.new_app()
    fields = []
    for i in range(330):
        fields += [(f"b.{i}.{f}", "") for f in ("cat", "name", "price", "qty", "cofin", "comment")]
    r = post_raw(a, app, "budget", fields)
    assert r.status_code in (303, 400)
    page = a.s.get(f"{URL}/applications/{app}/budget").text if r.status_code == 303 else r.text
    assert rows_on(page, "b", "name") == [0, 1]
    assert len(r.content) < 100_000


def many(rows, n, row):
    out = []
    for i in range(n):
        out += [(f"{rows}.{i}.{k}", v.format(i=i)) for k, v in row.items()]
    return out


@pytest.mark.parametrize("section,rows,cap,row", [
    ("budget", "b", 100, {"cat": "9", "name": "Расход {i}", "price": "100", "qty": "1"}),
    ("team", "m", 50, {"name": "Участник {i}", "role": "Волонтёр"}),
])
def test_a_list_over_its_cap_saves_nothing_and_says_so(a, section, rows, cap, row):
    app = a.new_app()
    r = post_raw(a, app, section, many(rows, 2, row))
    assert r.status_code in (303, 400)
    before = stored_raw(app, section)
    r = post_raw(a, app, section, many(rows, cap + 1, row))
    assert r.status_code == 400
    assert f"Не больше {cap} строк" in r.text and f"в форме {cap + 1}" in r.text
    assert "Раздел не сохранён" in r.text
    assert stored_raw(app, section) == before                          # nothing saved is lost
    assert len(rows_on(r.text, rows, "name")) <= cap
    r = post_raw(a, app, section, many(rows, cap, row))                # the cap itself is fine
    assert len(stored(app, section)[rows]) == cap
    assert rows_on(r.text if r.status_code == 400 else a.s.get(f"{URL}/applications/{app}/{section}").text,
                   rows, "name") == list(range(cap))                   # and no new rows offered


# ---- long texts ----------------------------------------------------------

def test_text_fields_are_never_cut_by_the_browser_and_carry_their_limit(a):
    app = a.new_app()
    page = a.s.get(f"{URL}/applications/{app}/card").text
    main = page.split("<main", 1)[1]
    assert "maxlength" not in main
    assert re.search(r'<textarea id="summary"[^>]* data-max="1000"', main)
    assert re.search(r'<input id="title"[^>]* data-max="300"', main)
    assert re.search(r'name="ind\.0\.name"[^>]* data-max="300"', main)
    assert '<script src="/static/forms.js" defer></script>' in page


def test_a_text_over_its_limit_is_kept_whole_and_refused_with_its_length(a):
    app = a.new_app()
    s, e = dates()
    text = ("Очень длинное описание проекта. " * 40).strip()            # 1279 characters
    r = a.section(app, "card", dict(CARD, starts_on=s, ends_on=e, summary=text))
    assert r.status_code == 400
    assert "Не длиннее 1000 символов (сейчас 1279)." in r.text
    assert text in r.text and stored(app, "card")["summary"] == text


# ---- after submission ------------------------------------------------------

def test_a_submitted_application_is_shown_as_text_with_why_and_what_to_do(a):
    app = a.new_app()
    a.fill(app)
    assert a.submit(app).status_code == 303
    for section in ("card", "team", "plan", "budget", "consent"):
        page = a.s.get(f"{URL}/applications/{app}/{section}").text
        main = page.split("<main", 1)[1]
        assert not re.search(r"<(textarea|select)\b", main), section
        assert not re.search(r'<input(?![^>]*type="hidden")', main), section
        notice = re.search(r'(?s)<div class="notice readonly"[^>]*>(.*?)</div>', main)
        assert notice, section
        assert "Заявка подана" in notice.group(1) and "отзовите" in notice.group(1)
        assert f'href="/applications/{app}"' in notice.group(1)
    card = a.s.get(f"{URL}/applications/{app}/card").text
    assert CARD["summary"] in card and "Школа юных экологов" in card
    assert "Иванова Ольга Петровна" in a.s.get(f"{URL}/applications/{app}/team").text


def test_staff_read_a_section_as_text_and_are_told_why(a):
    from test_staff_app import staff_session
    app = a.new_app()
    a.fill(app)
    assert a.submit(app).status_code == 303
    page = staff_session().get(f"{URL}/applications/{app}/budget").text
    main = page.split("<main", 1)[1]
    assert not re.search(r"<(textarea|select)\b", main)
    assert "изменить её может только сама организация" in main
    assert "Оплата труда педагога" in main and "Итого по статье" in main
