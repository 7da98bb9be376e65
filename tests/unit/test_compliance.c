/* test_compliance.c — the automatic rules of the compliance checklist
 * (grant/compliance.c) over an application as it is frozen at submission:
 * what each finds, in Russian, when the rule holds, fails, or has no data;
 * the registration age counted in whole months to the Moscow date of the
 * end of intake. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "suites.h"
#include "grant.h"

static long long utc(int y, int m, int d, int hh, int mm)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = hh, .tm_min = mm};
    return (long long)timegm(&tm);
}

/* A submitted application that meets every rule: intake closes 01.03.2027
 * 23:30 Moscow time (20:30 UTC). */
static HDF *app(void)
{
    HDF *h;
    char closes[64];

    hdf_init(&h);
    ck_assert_ptr_null(hdf_read_string(h,
        "Sections.files.a.0.kind = Письмо поддержки\nSections.files.a.0.orig_name = letter.pdf\n"
        "Sections.files.a.1.kind = Устав\nSections.files.a.1.orig_name = Устав АНО.pdf\n"
        "Sections.budget.b.0.cat = 1\nSections.budget.b.1.cat = 7\n"
        "Sections.budget.Totals.total = 31000100\nSections.budget.Totals.cofin = 3500000\n"
        "Sections.budget.Totals.requested = 27500100\n"
        "Org.registered_on = 2015-04-21\n"
        "App.min_grant_kopecks = 20000000\nApp.max_grant_kopecks = 150000000\nApp.cofin_min_pct = 10\n"
        "Categories.0.id = 1\nCategories.1.id = 2\nCategories.2.id = 7\n"));
    snprintf(closes, sizeof closes, "%lld", utc(2027, 3, 1, 20, 30));
    hdf_set_value(h, "App.closes_ts", closes);
    return h;
}

/* Runs rule over app() with key set to value (NULL value: removed). */
static gr_found run(const char *rule, int param, const char *key, const char *value, char *msg, size_t n)
{
    HDF *h = app();
    gr_found f;

    if (key && value)
        hdf_set_value(h, key, value);
    else if (key)
        hdf_remove_tree(h, key);
    f = gr_rule_check(rule, param, h, msg, n);
    hdf_destroy(&h);
    return f;
}

#define FINDS(rule, param, key, value, found, text) do {                                \
        char m_[600];                                                                   \
        gr_found f_ = run(rule, param, key, value, m_, sizeof m_);                      \
        ck_assert_msg(f_ == (found), "%s: found %d, \"%s\"", rule, f_, m_);             \
        ck_assert_msg(strstr(m_, text) == m_ || (*(text) != '\0' && strstr(m_, text)),  \
                      "%s: \"%s\" lacks \"%s\"", rule, m_, text);                        \
    } while (0)

START_TEST(a_good_application_meets_every_rule)
{
    char m[600];

    ck_assert_int_eq(run("charter", 0, NULL, NULL, m, sizeof m), GR_FOUND_OK);
    ck_assert_str_eq(m, "выполнено: приложен файл «Устав АНО.pdf»");
    ck_assert_int_eq(run("org_age", 12, NULL, NULL, m, sizeof m), GR_FOUND_OK);
    ck_assert_str_eq(m, "выполнено: зарегистрирована 21.04.2015, до окончания приёма (01.03.2027) "
                        "полных месяцев: 142, нужно не меньше 12");
    ck_assert_int_eq(run("amount", 0, NULL, NULL, m, sizeof m), GR_FOUND_OK);
    ck_assert_str_eq(m, "выполнено: запрошено 275\xC2\xA0""001\xC2\xA0₽ (от 200\xC2\xA0""000\xC2\xA0₽ "
                        "до 1\xC2\xA0""500\xC2\xA0""000\xC2\xA0₽)");
    ck_assert_int_eq(run("cofin", 0, NULL, NULL, m, sizeof m), GR_FOUND_OK);
    ck_assert_str_eq(m, "выполнено: софинансирование 11,29% (нужно не меньше 10%)");
    ck_assert_int_eq(run("budget_categories", 0, NULL, NULL, m, sizeof m), GR_FOUND_OK);
    ck_assert_str_eq(m, "выполнено: статей расходов: 2");
}
END_TEST

START_TEST(charter)
{
    FINDS("charter", 0, "Sections.files.a.1.kind", "Иное", GR_FOUND_FAIL,
          "не выполнено: среди вложений нет документа вида «Устав»");
    FINDS("charter", 0, "Sections.files", NULL, GR_FOUND_FAIL, "не выполнено");
}
END_TEST

START_TEST(org_age_in_whole_months_to_the_moscow_date)
{
    char closes[64];
    HDF *h;
    char m[600];

    FINDS("org_age", 12, "Org.registered_on", "2026-03-01", GR_FOUND_OK, "полных месяцев: 12");
    FINDS("org_age", 13, "Org.registered_on", "2026-03-01", GR_FOUND_FAIL,
          "не выполнено: зарегистрирована 01.03.2026, до окончания приёма (01.03.2027) полных месяцев: 12, "
          "нужно не меньше 13");
    FINDS("org_age", 12, "Org.registered_on", "2026-03-02", GR_FOUND_FAIL, "полных месяцев: 11");
    FINDS("org_age", 12, "Org.registered_on", "2027-03-02", GR_FOUND_FAIL, "позже окончания приёма");
    FINDS("org_age", 0, "Org.registered_on", "2027-03-01", GR_FOUND_OK, "полных месяцев: 0");
    /* not entered, or not a date: no data, never a failure */
    FINDS("org_age", 12, "Org.registered_on", NULL, GR_FOUND_UNKNOWN,
          "нет данных: дата государственной регистрации не указана");
    FINDS("org_age", 12, "Org.registered_on", "", GR_FOUND_UNKNOWN, "нет данных");
    FINDS("org_age", 12, "Org.registered_on", "31.04.2015", GR_FOUND_UNKNOWN, "не распознана");
    FINDS("org_age", 12, "App.closes_ts", NULL, GR_FOUND_UNKNOWN, "нет данных");

    /* intake ends 01.03.2027 00:30 in Moscow, still 28.02 in UTC: Moscow's date counts */
    hdf_init(&h);
    ck_assert_ptr_null(hdf_read_string(h, "Org.registered_on = 2026-03-01\n"));
    snprintf(closes, sizeof closes, "%lld", utc(2027, 2, 28, 21, 30));
    hdf_set_value(h, "App.closes_ts", closes);
    ck_assert_int_eq(gr_rule_check("org_age", 12, h, m, sizeof m), GR_FOUND_OK);
    /* a month the start day lacks ends on its last day: 31.01 + 1 month = 28.02 */
    hdf_set_value(h, "Org.registered_on", "2026-01-31");
    snprintf(closes, sizeof closes, "%lld", utc(2026, 2, 28, 12, 0));
    hdf_set_value(h, "App.closes_ts", closes);
    ck_assert_int_eq(gr_rule_check("org_age", 1, h, m, sizeof m), GR_FOUND_OK);
    snprintf(closes, sizeof closes, "%lld", utc(2026, 2, 27, 12, 0));
    hdf_set_value(h, "App.closes_ts", closes);
    ck_assert_int_eq(gr_rule_check("org_age", 1, h, m, sizeof m), GR_FOUND_FAIL);
    hdf_destroy(&h);
}
END_TEST

START_TEST(amount_within_the_competition_limits)
{
    FINDS("amount", 0, "Sections.budget.Totals.requested", "19999999", GR_FOUND_FAIL,
          "не выполнено: запрошено 199\xC2\xA0""999,99\xC2\xA0₽, допустимо от");
    FINDS("amount", 0, "Sections.budget.Totals.requested", "150000001", GR_FOUND_FAIL, "не выполнено");
    FINDS("amount", 0, "Sections.budget.Totals.requested", "150000000", GR_FOUND_OK, "выполнено");
    FINDS("amount", 0, "App.max_grant_kopecks", "0", GR_FOUND_OK, "выполнено");   /* no upper limit */
    FINDS("amount", 0, "Sections.budget.Totals", NULL, GR_FOUND_UNKNOWN, "нет данных");
    FINDS("amount", 0, "Sections.budget.Totals.requested", "много", GR_FOUND_UNKNOWN, "нет данных");
}
END_TEST

START_TEST(cofinancing_share)
{
    FINDS("cofin", 0, "Sections.budget.Totals.cofin", "3000000", GR_FOUND_FAIL,
          "не выполнено: софинансирование 9,68%, нужно не меньше 10%");
    FINDS("cofin", 0, "Sections.budget.Totals.cofin", "3100010", GR_FOUND_OK, "выполнено");  /* exactly 10 % */
    FINDS("cofin", 0, "App.cofin_min_pct", "0", GR_FOUND_OK, "выполнено");
    FINDS("cofin", 0, "Sections.budget.Totals.total", "0", GR_FOUND_UNKNOWN, "нет данных");
    FINDS("cofin", 0, "Sections.budget", NULL, GR_FOUND_UNKNOWN, "нет данных");
}
END_TEST

START_TEST(budget_categories_from_the_competition_list)
{
    FINDS("budget_categories", 0, "Sections.budget.b.1.cat", "42", GR_FOUND_FAIL,
          "не выполнено: не из перечня конкурса: строка 2 (статья «42»)");
    FINDS("budget_categories", 0, "Sections.budget.b.0.cat", "", GR_FOUND_FAIL, "строка 1");
    FINDS("budget_categories", 0, "Categories", NULL, GR_FOUND_FAIL, "строка 1");
    FINDS("budget_categories", 0, "Sections.budget.b", NULL, GR_FOUND_UNKNOWN,
          "нет данных: в бюджете заявки нет статей расходов");
}
END_TEST

START_TEST(no_rule_finds_nothing_an_unknown_one_says_so)
{
    char m[600] = "x";

    ck_assert_int_eq(run("none", 0, NULL, NULL, m, sizeof m), GR_FOUND_NONE);
    ck_assert_str_eq(m, "");
    ck_assert_int_eq(run("", 0, NULL, NULL, m, sizeof m), GR_FOUND_NONE);
    ck_assert_int_eq(run("astrology", 0, NULL, NULL, m, sizeof m), GR_FOUND_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(m, "неизвестно"));
    /* a short buffer is cut, never overrun */
    ck_assert_int_eq(run("org_age", 12, NULL, NULL, m, 20), GR_FOUND_OK);
    ck_assert_int_le((int)strlen(m), 19);
}
END_TEST

START_TEST(the_checklist_gets_its_findings)
{
    HDF *h = app(), *items;
    char t[300];

    hdf_read_string(h, "Checklist.0.id = 5\nChecklist.0.text = Устав\nChecklist.0.rule = charter\n"
                       "Checklist.1.id = 6\nChecklist.1.text = Возраст\nChecklist.1.rule = org_age\n"
                       "Checklist.1.param = 240\n"
                       "Checklist.2.id = 7\nChecklist.2.text = Письма\nChecklist.2.rule = none\n");
    items = hdf_get_obj(h, "Checklist");
    gr_compliance_run(h, items);
    ck_assert_str_eq(hdf_get_value(items, "0.found", ""), "ok");
    ck_assert_str_eq(hdf_get_value(items, "0.rule_title", ""), "устав организации во вложениях");
    ck_assert_str_eq(hdf_get_value(items, "1.found", ""), "fail");
    ck_assert_ptr_nonnull(strstr(hdf_get_value(items, "1.found_text", ""), "нужно не меньше 240"));
    ck_assert_str_eq(hdf_get_value(items, "1.rule_title", ""),
                     "организация зарегистрирована не менее чем за 240 мес. до окончания приёма заявок");
    ck_assert_str_eq(hdf_get_value(items, "2.found", ""), "none");
    ck_assert_str_eq(hdf_get_value(items, "2.found_text", "x"), "");
    ck_assert_str_eq(gr_rule_title("none", 0, t, sizeof t), "");
    hdf_destroy(&h);
}
END_TEST

START_TEST(required_documents_that_are_missing_are_named)
{
    HDF *h = app();       /* a letter of support and the charter attached */
    HDF *files = hdf_get_obj(h, "Sections.files.a");
    char msg[300];

    ck_assert_int_eq(gr_docs_missing("Устав", files, msg, sizeof msg), 0);
    ck_assert_str_eq(msg, "");
    ck_assert_int_eq(gr_docs_missing("", files, msg, sizeof msg), 0);
    ck_assert_int_eq(gr_docs_missing(NULL, files, msg, sizeof msg), 0);
    ck_assert_int_eq(gr_docs_missing("Устав,Презентация проекта,Письмо поддержки,Обоснование проблемы",
                                     files, msg, sizeof msg), 2);
    ck_assert_str_eq(msg, "«Презентация проекта», «Обоснование проблемы»");
    /* nothing attached: all of them */
    ck_assert_int_eq(gr_docs_missing("Устав,Письмо поддержки", NULL, msg, sizeof msg), 2);
    ck_assert_str_eq(msg, "«Устав», «Письмо поддержки»");
    /* a short buffer keeps whole names and the count stays right */
    ck_assert_int_eq(gr_docs_missing("Презентация проекта,Обоснование проблемы", NULL, msg, 60), 2);
    ck_assert_str_eq(msg, "«Презентация проекта»…");
    hdf_destroy(&h);
}
END_TEST

START_TEST(the_kinds_of_documents_are_one_list)
{
    ck_assert_str_eq(gr_doc_kinds[0], GR_CHARTER_KIND);
    ck_assert_int_eq(gr_doc_kind_index("Письмо поддержки"), 1);
    ck_assert_int_eq(gr_doc_kind_index("Справка ФНС об отсутствии задолженности"), 4);
    ck_assert_int_eq(gr_doc_kind_index("Иное"), 5);
    ck_assert_int_eq(gr_doc_kind_index("устав"), -1);
    ck_assert_int_eq(gr_doc_kind_index(""), -1);
    ck_assert_int_eq(gr_doc_kind_index(NULL), -1);
}
END_TEST

Suite *compliance_suite(void)
{
    Suite *s = suite_create("compliance");
    TCase *tc = tcase_create("rules");

    tcase_add_test(tc, a_good_application_meets_every_rule);
    tcase_add_test(tc, charter);
    tcase_add_test(tc, org_age_in_whole_months_to_the_moscow_date);
    tcase_add_test(tc, amount_within_the_competition_limits);
    tcase_add_test(tc, cofinancing_share);
    tcase_add_test(tc, budget_categories_from_the_competition_list);
    tcase_add_test(tc, no_rule_finds_nothing_an_unknown_one_says_so);
    tcase_add_test(tc, the_checklist_gets_its_findings);
    tcase_add_test(tc, required_documents_that_are_missing_are_named);
    tcase_add_test(tc, the_kinds_of_documents_are_one_list);
    suite_add_tcase(s, tc);
    return s;
}
