/* test_form.c — the application form's rules, section by section
 * (grant/form.c): a complete section passes; each broken rule gives its
 * Russian message on its field and nothing else breaks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "grant.h"

/* The competition and reference lists a section is checked against. */
static HDF *context(void)
{
    HDF *c;

    hdf_init(&c);
    hdf_read_string(c,
        "App.title_max = 300\nApp.summary_max = 1000\nApp.problem_max = 5000\n"
        "App.max_months = 18\nApp.impl_start = 2027-01-01\nApp.impl_end = 2027-12-31\n"
        "App.min_grant_kopecks = 10000000\nApp.max_grant_kopecks = 300000000\n"
        "App.cofin_min_pct = 10\n"
        "Directions.0.id = 3\nMunicipalities.0.id = 7\nCategories.0.id = 1\nCategories.1.id = 2\n"
        "Card.tasks = Первая задача\nCard.starts_on = 2027-02-01\nCard.ends_on = 2027-11-30\n");
    return c;
}

static const char card_ok[] =
    "title = Школа «Знаток безопасности»\ndirection = 3\nmunicipality = 7\n"
    "starts_on = 2027-02-01\nends_on = 2027-11-30\nsummary = Кратко\nproblem = Проблема\n"
    "target_groups = Школьники\ngoal = Цель\ntasks = Первая задача\nqual_results = Результаты\n"
    "ind.0.name = Участники\nind.0.unit = чел.\nind.0.target = 120\n";
static const char team_ok[] = "m.0.name = Иванова Анна\nm.0.role = Руководитель\n";
static const char plan_ok[] =
    "e.0.task = 1\ne.0.title = Занятия\ne.0.starts_on = 2027-03-01\ne.0.ends_on = 2027-05-31\n"
    "e.0.result = 120 человек\n";
static const char budget_ok[] =
    "b.0.cat = 1\nb.0.name = Зарплата\nb.0.price = 100 000\nb.0.qty = 10\nb.0.cofin = 100000\n";
static const char consent_ok[] = "pd = 1\npublish = 1\n";

/* Checks `base` with `key` set to `value` (NULL: left out); returns the
 * number of problems and the message on `field` (or "") in msg. */
static int check(const char *section, const char *base, const char *key, const char *value,
                 const char *field, char *msg, size_t n)
{
    const gr_section *s = gr_section_find(section);
    HDF *data, *errors, *ctx = context();
    int problems;

    ck_assert_ptr_nonnull(s);
    hdf_init(&data);
    hdf_init(&errors);
    ck_assert_ptr_null(hdf_read_string(data, base));
    if (key && value)
        hdf_set_value(data, key, value);
    else if (key)
        hdf_set_value(data, key, "");
    problems = gr_section_check(s, data, ctx, errors);
    snprintf(msg, n, "%s", field ? hdf_get_value(errors, field, "") : "");
    hdf_destroy(&data);
    hdf_destroy(&errors);
    hdf_destroy(&ctx);
    return problems;
}

#define BROKEN(sec, base, key, value, field, expect) do {                        \
        char m_[300];                                                           \
        int n_ = check(sec, base, key, value, field, m_, sizeof m_);            \
        ck_assert_msg(n_ >= 1, "%s/%s: no problem found", sec, field);         \
        ck_assert_msg(strstr(m_, expect) != NULL, "%s/%s got \"%s\"",           \
                      sec, field, m_);                                          \
    } while (0)

START_TEST(complete_sections_pass)
{
    char m[300];
    ck_assert_int_eq(check("card", card_ok, NULL, NULL, NULL, m, sizeof m), 0);
    ck_assert_int_eq(check("team", team_ok, NULL, NULL, NULL, m, sizeof m), 0);
    ck_assert_int_eq(check("plan", plan_ok, NULL, NULL, NULL, m, sizeof m), 0);
    ck_assert_int_eq(check("budget", budget_ok, NULL, NULL, NULL, m, sizeof m), 0);
    ck_assert_int_eq(check("consent", consent_ok, NULL, NULL, NULL, m, sizeof m), 0);
}
END_TEST

START_TEST(card_rules)
{
    char long_title[400];
    memset(long_title, 'x', 301);
    long_title[301] = '\0';
    BROKEN("card", card_ok, "title", "", "title", "Заполните это поле.");
    BROKEN("card", card_ok, "title", long_title, "title", "Не длиннее 300 символов (сейчас 301).");
    BROKEN("card", card_ok, "title", "две\nстроки", "title", "Одна строка");
    BROKEN("card", card_ok, "summary", "\x01", "summary", "недопустимые символы");
    BROKEN("card", card_ok, "direction", "4", "direction", "Выберите направление");
    BROKEN("card", card_ok, "municipality", "x", "municipality", "муниципальное образование");
    BROKEN("card", card_ok, "starts_on", "2027-02-30", "starts_on", "Такой даты нет");
    BROKEN("card", card_ok, "starts_on", "30.02.2027", "starts_on", "Такой даты нет");
    BROKEN("card", card_ok, "starts_on", "30 февраля", "starts_on", "дд.мм.гггг");
    BROKEN("card", card_ok, "ends_on", "", "ends_on", "Укажите дату.");
    BROKEN("card", card_ok, "ends_on", "2027-01-15", "ends_on", "раньше даты начала");
    BROKEN("card", card_ok, "starts_on", "2026-12-01", "starts_on", "не раньше 01.01.2027");
    BROKEN("card", card_ok, "ends_on", "2028-01-01", "ends_on", "не позже 31.12.2027");
    BROKEN("card", card_ok, "tasks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11", "tasks", "Не больше 10 задач");
    BROKEN("card", card_ok, "ind.0.target", "0", "ind.0.target", "целое число больше нуля");
    BROKEN("card", card_ok, "ind.0.unit", "", "ind.0.unit", "Заполните это поле.");
    BROKEN("card", "title = x\n", NULL, NULL, "ind", "хотя бы один количественный результат");
}
END_TEST

START_TEST(card_limits_come_from_the_competition)
{
    const gr_section *s = gr_section_find("card");
    HDF *ctx = context(), *dst;

    hdf_init(&dst);
    hdf_set_value(ctx, "App.title_max", "120");
    gr_section_limits(s, ctx, dst);
    ck_assert_int_eq(hdf_get_int_value(dst, "Max.title", 0), 120);
    ck_assert_int_eq(hdf_get_int_value(dst, "Max.goal", 0), 1000);
    ck_assert_int_eq(hdf_get_int_value(dst, "Max.ind.name", 0), 300);
    hdf_destroy(&ctx);
    hdf_destroy(&dst);
}
END_TEST

START_TEST(team_rules)
{
    BROKEN("team", "", NULL, NULL, "m", "хотя бы руководителя");
    BROKEN("team", team_ok, "m.0.role", "", "m.0.role", "Заполните это поле.");
    BROKEN("team", team_ok, "m.0.name", "a\tb", "m.0.name", "Одна строка");
}
END_TEST

START_TEST(plan_rules)
{
    BROKEN("plan", "", NULL, NULL, "e", "Добавьте мероприятия");
    BROKEN("plan", plan_ok, "e.0.task", "2", "e.0.task", "Выберите задачу");
    BROKEN("plan", plan_ok, "e.0.ends_on", "2027-02-15", "e.0.ends_on", "раньше даты начала");
    BROKEN("plan", plan_ok, "e.0.starts_on", "2027-01-10", "e.0.starts_on", "в сроки проекта: с 01.02.2027");
    BROKEN("plan", plan_ok, "e.0.ends_on", "2027-12-15", "e.0.ends_on", "по 30.11.2027");   /* the end is out */
    BROKEN("plan", plan_ok, "e.0.result", "", "e.0.result", "Заполните это поле.");
}
END_TEST

START_TEST(budget_rules_and_totals)
{
    const gr_section *s = gr_section_find("budget");
    HDF *data, *errors, *ctx = context();

    BROKEN("budget", "", NULL, NULL, "b", "Добавьте статьи расходов");
    BROKEN("budget", budget_ok, "b.0.cat", "9", "b.0.cat", "Выберите статью");
    BROKEN("budget", budget_ok, "b.0.price", "сто", "b.0.price", "Стоимость единицы");
    BROKEN("budget", budget_ok, "b.0.qty", "0", "b.0.qty", "целое число от 1");
    BROKEN("budget", budget_ok, "b.0.cofin", "2 000 000", "b.0.cofin", "не может быть больше");
    BROKEN("budget", "b.0.cat = 1\nb.0.name = X\nb.0.price = 1000\nb.0.qty = 10\nb.0.cofin = 1000\n",
           NULL, NULL, "total", "должна быть от 100");     /* under the minimum */
    BROKEN("budget", budget_ok, "b.0.cofin", "", "total", "нужно не менее 10");
    /* the totals are computed into the data */
    hdf_init(&data);
    hdf_init(&errors);
    hdf_read_string(data, budget_ok);
    ck_assert_int_eq(gr_section_check(s, data, ctx, errors), 0);
    ck_assert_str_eq(hdf_get_value(data, "Totals.total", ""), "100000000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cofin", ""), "10000000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.requested", ""), "90000000");
    hdf_destroy(&data);
    hdf_destroy(&errors);
    hdf_destroy(&ctx);
}
END_TEST

/* Checks `text` (HDF syntax) as section `name` with the test context;
 * data and errors are the caller's to destroy. */
static int check_into(const char *name, const char *text, HDF **data, HDF **errors)
{
    HDF *ctx = context();
    int n;

    hdf_init(data);
    hdf_init(errors);
    ck_assert_ptr_null(hdf_read_string(*data, text));
    n = gr_section_check(gr_section_find(name), *data, ctx, *errors);
    hdf_destroy(&ctx);
    return n;
}

/* Dates typed as people here write them pass, and are kept as the one
 * form the rest of the site compares and <input type=date> shows. */
START_TEST(dates_typed_either_way_are_kept_as_iso)
{
    HDF *data, *errors;

    ck_assert_int_eq(check_into("card",
        "title = x\ndirection = 3\nmunicipality = 7\nstarts_on = 1.2.2027\nends_on = 30.11.2027\n"
        "summary = s\nproblem = p\ntarget_groups = t\ngoal = g\ntasks = Первая\nqual_results = q\n"
        "ind.0.name = n\nind.0.unit = u\nind.0.target = 1\n", &data, &errors), 0);
    ck_assert_str_eq(hdf_get_value(data, "starts_on", ""), "2027-02-01");
    ck_assert_str_eq(hdf_get_value(data, "ends_on", ""), "2027-11-30");
    hdf_destroy(&data);
    hdf_destroy(&errors);
    /* 15.01.2027 is before 01.02.2027, whatever the strings compare */
    ck_assert_int_eq(check_into("card",
        "title = x\ndirection = 3\nmunicipality = 7\nstarts_on = 01.02.2027\nends_on = 15.01.2027\n"
        "summary = s\nproblem = p\ntarget_groups = t\ngoal = g\ntasks = Первая\nqual_results = q\n"
        "ind.0.name = n\nind.0.unit = u\nind.0.target = 1\n", &data, &errors), 1);
    ck_assert_ptr_nonnull(strstr(hdf_get_value(errors, "ends_on", ""), "раньше даты начала"));
    hdf_destroy(&data);
    hdf_destroy(&errors);
    /* an event typed 01.03.2027 is inside the project; the refused one keeps what was typed */
    ck_assert_int_eq(check_into("plan",
        "e.0.task = 1\ne.0.title = Занятия\ne.0.starts_on = 01.03.2027\ne.0.ends_on = 31.5.2027\n"
        "e.0.result = r\ne.1.task = 1\ne.1.title = t\ne.1.starts_on = 32.03.2027\n"
        "e.1.ends_on = 2027-04-01\ne.1.result = r\n", &data, &errors), 1);
    ck_assert_str_eq(hdf_get_value(data, "e.0.starts_on", ""), "2027-03-01");
    ck_assert_str_eq(hdf_get_value(data, "e.0.ends_on", ""), "2027-05-31");
    ck_assert_str_eq(hdf_get_value(data, "e.1.starts_on", ""), "32.03.2027");
    /* written the right way but no such day: said so, not "the format" */
    ck_assert_ptr_nonnull(strstr(hdf_get_value(errors, "e.1.starts_on", ""), "Такой даты нет"));
    hdf_destroy(&data);
    hdf_destroy(&errors);
    ck_assert_ptr_nonnull(strstr(gf_date_message("31.02.2027"), "Такой даты нет"));
    ck_assert_ptr_nonnull(strstr(gf_date_message("2027-02-30"), "Такой даты нет"));
    ck_assert_str_eq(gf_date_message("1 марта 2027"), gf_msg_date);
    ck_assert_str_eq(gf_date_message("01.02.27"), gf_msg_date);
    ck_assert_str_eq(gf_date_message("01.02-2027"), gf_msg_date);
    ck_assert_str_eq(gf_date_message(NULL), gf_msg_date);
}
END_TEST

/* A line break counts as one character however the browser sends it
 * (a textarea's maxlength and its counter count it once). */
START_TEST(a_line_break_is_one_character)
{
    char text[2000] = "summary = ";
    HDF *data, *errors;

    for (int i = 0; i < 400; i++)
        strcat(text, "x\r\n");              /* 1200 bytes, 800 characters: under 1000 */
    hdf_init(&data);
    hdf_init(&errors);
    hdf_read_string(data, card_ok);
    hdf_set_value(data, "summary", text + 10);
    {
        HDF *ctx = context();
        ck_assert_int_eq(gr_section_check(gr_section_find("card"), data, ctx, errors), 0);
        hdf_destroy(&ctx);
    }
    hdf_destroy(&data);
    hdf_destroy(&errors);
}
END_TEST

/* Amounts as people paste them are read; a line whose amount cannot be
 * read is named next to it AND the totals say they miss it. */
START_TEST(budget_amounts_and_lines_left_out_of_the_totals)
{
    HDF *data, *errors;

    ck_assert_int_eq(check_into("budget",
        "b.0.cat = 1\nb.0.name = Зарплата\nb.0.price = 150 000 руб.\nb.0.qty = 10\n"
        "b.0.cofin = 150\xC2\xA0" "000,50 ₽\n", &data, &errors), 0);
    ck_assert_str_eq(hdf_get_value(data, "Totals.total", ""), "150000000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cofin", ""), "15000050");
    hdf_destroy(&data);
    hdf_destroy(&errors);

    ck_assert_int_ge(check_into("budget",
        "b.0.cat = 1\nb.0.name = Зарплата\nb.0.price = 100 000\nb.0.qty = 10\nb.0.cofin = 100000\n"
        "b.1.cat = 2\nb.1.name = Аренда\nb.1.price = сто тысяч\nb.1.qty = 1\n"
        "b.2.cat = 2\nb.2.name = \nb.2.price = 500\nb.2.qty = две\n", &data, &errors), 3);
    ck_assert_ptr_nonnull(strstr(hdf_get_value(errors, "b.1.price", ""), "Стоимость единицы"));
    ck_assert_str_eq(hdf_get_value(data, "Totals.total", ""), "100000000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.uncounted", ""), "2");
    ck_assert_msg(strstr(hdf_get_value(errors, "total", ""), "не вошли строки «Аренда» и №\xC2\xA0" "3: их суммы "
                         "не распознаны") != NULL,
                  "total: %s", hdf_get_value(errors, "total", ""));
    hdf_destroy(&data);
    hdf_destroy(&errors);
}
END_TEST

/* The co-financing message says the share now and what is missing. */
START_TEST(cofinancing_says_the_share_and_what_is_missing)
{
    char m[300];

    /* 1 000 000 ₽ of expenses, 75 000 ₽ co-financed: 7,5 % of the 10 % */
    check("budget", budget_ok, "b.0.cofin", "75 000", "total", m, sizeof m);
    ck_assert_msg(strstr(m, "Софинансирование 7,5\xC2\xA0% — нужно не менее 10\xC2\xA0%: "
                            "добавьте ещё 25\xC2\xA0" "000\xC2\xA0₽") != NULL, "got \"%s\"", m);
    check("budget", budget_ok, "b.0.cofin", "", "total", m, sizeof m);
    ck_assert_msg(strstr(m, "Софинансирование 0\xC2\xA0% — нужно не менее 10\xC2\xA0%: "
                            "добавьте ещё 100\xC2\xA0" "000\xC2\xA0₽") != NULL, "got \"%s\"", m);
    /* 99 999,99 ₽ is 9,99…%: shown as 9,9 %, never rounded up to the 10 % it lacks */
    check("budget", budget_ok, "b.0.cofin", "99 999,99", "total", m, sizeof m);
    ck_assert_msg(strstr(m, "Софинансирование 9,9\xC2\xA0%") != NULL &&
                  strstr(m, "добавьте ещё 0,01\xC2\xA0₽") != NULL, "got \"%s\"", m);
}
END_TEST

/* Lines are grouped by category: each category's subtotal is computed. */
START_TEST(budget_subtotals_per_category)
{
    HDF *data, *errors;

    check_into("budget",
        "b.0.cat = 2\nb.0.name = Аренда\nb.0.price = 1 000\nb.0.qty = 3\n"
        "b.1.cat = 1\nb.1.name = Зарплата\nb.1.price = 100 000\nb.1.qty = 10\nb.1.cofin = 100000\n"
        "b.2.cat = 2\nb.2.name = Связь\nb.2.price = 500\nb.2.qty = 2\nb.2.cofin = 500\n"
        "b.3.cat = 2\nb.3.name = Ошибка\nb.3.price = ?\nb.3.qty = 2\n", &data, &errors);
    ck_assert_str_eq(hdf_get_value(data, "Totals.cat.2.total", ""), "400000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cat.2.cofin", ""), "50000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cat.2.requested", ""), "350000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cat.2.uncounted", ""), "1");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cat.1.total", ""), "100000000");
    ck_assert_str_eq(hdf_get_value(data, "Totals.cat.1.uncounted", "0"), "0");
    hdf_destroy(&data);
    hdf_destroy(&errors);
}
END_TEST

START_TEST(consent_rules)
{
    BROKEN("consent", consent_ok, "pd", "", "pd", "Без согласия");
}
END_TEST

START_TEST(form_values_are_trimmed_rows_compacted_bad_utf8_refused)
{
    const gr_section *s = gr_section_find("team");
    HDF *q, *data, *errors;

    hdf_init(&q);
    hdf_init(&data);
    hdf_init(&errors);
    hdf_set_value(q, "m.0.name", "  ");
    hdf_set_value(q, "m.1.name", "  Анна  ");
    hdf_set_value(q, "m.1.role", "Руководитель\r\n");
    hdf_set_value(q, "m.2.name", "bad \xC3\x28 utf");
    ck_assert_ptr_null(gr_section_from_form(s, q, data, errors));
    ck_assert_str_eq(hdf_get_value(data, "m.0.name", ""), "Анна");
    ck_assert_str_eq(hdf_get_value(data, "m.0.role", ""), "Руководитель");
    ck_assert_ptr_null(hdf_get_value(data, "m.1.name", NULL));     /* not stored … */
    ck_assert_ptr_nonnull(strstr(hdf_get_value(errors, "m.1.name", ""), "UTF-8"));  /* … said */
    hdf_destroy(&q);
    hdf_destroy(&data);
    hdf_destroy(&errors);
}
END_TEST

/* A row ticked «Удалить строку» is dropped like an empty one; a list
 * longer than its section takes is refused as a whole (GF_ERR_TOOLARGE:
 * the caller saves nothing), with the count in the message. */
START_TEST(deleted_rows_are_dropped_and_a_list_over_its_cap_is_refused)
{
    const gr_section *s = gr_section_find("team");
    HDF *q, *data, *errors;
    NEOERR *err;
    char key[64];

    hdf_init(&q);
    hdf_init(&data);
    hdf_init(&errors);
    hdf_set_value(q, "m.0.name", "Анна");
    hdf_set_value(q, "m.1.name", "Борис");
    hdf_set_value(q, "m.1.del", "1");
    hdf_set_value(q, "m.2.name", "Вера");
    ck_assert_ptr_null(gr_section_from_form(s, q, data, errors));
    ck_assert_str_eq(hdf_get_value(data, "m.1.name", ""), "Вера");
    ck_assert_ptr_null(hdf_get_obj(data, "m.2"));
    ck_assert_ptr_null(hdf_obj_child(errors));
    hdf_destroy(&data);
    hdf_init(&data);
    for (int i = 0; i <= s->max_rows; i++) {
        snprintf(key, sizeof key, "m.%d.name", i + 3);
        hdf_set_value(q, key, "Участник");
    }
    err = gr_section_from_form(s, q, data, errors);
    ck_assert(nerr_handle(&err, GF_ERR_TOOLARGE));
    ck_assert_int_eq(s->max_rows, 50);
    ck_assert_ptr_nonnull(strstr(hdf_get_value(errors, "m", ""), "Не больше 50 строк: в форме 53."));
    snprintf(key, sizeof key, "m.%d.name", s->max_rows - 1);
    ck_assert_ptr_nonnull(hdf_get_value(data, key, NULL));        /* the first 50, to show */
    snprintf(key, sizeof key, "m.%d.name", s->max_rows);
    ck_assert_ptr_null(hdf_get_value(data, key, NULL));
    hdf_destroy(&q);
    hdf_destroy(&data);
    hdf_destroy(&errors);
}
END_TEST

START_TEST(fields_are_named_as_their_pages_name_them)
{
    char b[300];
    ck_assert_str_eq(gr_field_label(gr_section_find("card"), "goal", b, sizeof b), "Цель проекта");
    ck_assert_str_eq(gr_field_label(gr_section_find("budget"), "b.2.price", b, sizeof b),
                     "Статьи расходов, строка 3: Цена единицы");
    ck_assert_str_eq(gr_field_label(gr_section_find("card"), "ind", b, sizeof b),
                     "Количественные результаты");
    ck_assert_str_eq(gr_field_label(gr_section_find("budget"), "total", b, sizeof b), "Итого");
    for (const gr_section *s = gr_sections; s->name; s++) {     /* every field has a label */
        for (const gr_field *f = s->fields; f && f->name; f++)
            ck_assert_msg(f->label != NULL, "%s.%s has no label", s->name, f->name);
        for (const gr_field *f = s->row_fields; f && f->name; f++)
            ck_assert_msg(f->label != NULL, "%s.%s has no label", s->name, f->name);
        ck_assert(!s->rows || s->rows_label);
    }
}
END_TEST

START_TEST(every_section_is_in_the_table_once)
{
    int n = 0;
    for (const gr_section *s = gr_sections; s->name; s++, n++) {
        ck_assert_ptr_eq(gr_section_find(s->name), s);
        ck_assert_ptr_nonnull(s->title);
    }
    ck_assert_int_eq(n, 6);
    ck_assert_ptr_null(gr_section_find("nope"));
}
END_TEST

Suite *form_suite(void)
{
    Suite *s = suite_create("form");
    TCase *tc = tcase_create("sections");

    tcase_add_test(tc, complete_sections_pass);
    tcase_add_test(tc, card_rules);
    tcase_add_test(tc, card_limits_come_from_the_competition);
    tcase_add_test(tc, team_rules);
    tcase_add_test(tc, plan_rules);
    tcase_add_test(tc, budget_rules_and_totals);
    tcase_add_test(tc, consent_rules);
    tcase_add_test(tc, dates_typed_either_way_are_kept_as_iso);
    tcase_add_test(tc, a_line_break_is_one_character);
    tcase_add_test(tc, budget_amounts_and_lines_left_out_of_the_totals);
    tcase_add_test(tc, cofinancing_says_the_share_and_what_is_missing);
    tcase_add_test(tc, budget_subtotals_per_category);
    tcase_add_test(tc, form_values_are_trimmed_rows_compacted_bad_utf8_refused);
    tcase_add_test(tc, deleted_rows_are_dropped_and_a_list_over_its_cap_is_refused);
    tcase_add_test(tc, fields_are_named_as_their_pages_name_them);
    tcase_add_test(tc, every_section_is_in_the_table_once);
    suite_add_tcase(s, tc);
    return s;
}
