/* test_competition.c — a competition's rules (grant/competition.c): the
 * stage order and its guards, what may change at which stage, the settings
 * form's formats, and the description's Markdown made safe. */
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "grant.h"

/* Everything a competition needs to move on. */
static const gr_comp_facts all = {.described = 1, .directions = 2, .window_ok = 1, .documents = 1,
                                  .criteria = 10, .categories = 9, .closes_future = 1};

START_TEST(stages_in_order)
{
    ck_assert_int_eq(gr_stage_index("draft"), 0);
    ck_assert_int_eq(gr_stage_index("closed"), 7);
    ck_assert_int_eq(gr_stage_index("Draft"), -1);
    ck_assert_int_eq(gr_stage_index(NULL), -1);
    ck_assert_str_eq(gr_stage_next("draft"), "announced");
    ck_assert_str_eq(gr_stage_next("intake"), "review");
    ck_assert_str_eq(gr_stage_next("reporting"), "closed");
    ck_assert_ptr_null(gr_stage_next("closed"));
    ck_assert_ptr_null(gr_stage_next("nonsense"));
}
END_TEST

START_TEST(only_the_next_stage)
{
    gr_comp_facts past = all;

    past.closes_future = 0;
    past.scored = 1;
    past.decided = 1;
    past.publishing = 1;
    ck_assert_ptr_null(gr_stage_refusal("draft", "announced", &all));
    ck_assert_ptr_nonnull(strstr(gr_stage_refusal("draft", "intake", &all), "следующий этап"));
    ck_assert_ptr_nonnull(gr_stage_refusal("intake", "announced", &all));   /* no way back */
    ck_assert_ptr_nonnull(gr_stage_refusal("announced", "announced", &all));
    ck_assert_ptr_nonnull(gr_stage_refusal("closed", "draft", &all));
    ck_assert_ptr_nonnull(gr_stage_refusal("bogus", "draft", &all));
    ck_assert_ptr_nonnull(gr_stage_refusal("draft", NULL, &all));
    for (int i = 3; gr_stages[i + 1]; i++)   /* their facts met: the next stage is open */
        ck_assert_ptr_null(gr_stage_refusal(gr_stages[i], gr_stages[i + 1], &past));
}
END_TEST

START_TEST(guards_of_announcement_and_intake)
{
    gr_comp_facts f;

#define REFUSED(from, to, field, value, words) \
    do { f = all; f.field = value; \
         ck_assert_ptr_nonnull(strstr(gr_stage_refusal(from, to, &f), words)); } while (0)
    REFUSED("draft", "announced", described, 0, "описание");
    REFUSED("draft", "announced", directions, 0, "направление");
    REFUSED("draft", "announced", window_ok, 0, "сроки");
    REFUSED("announced", "intake", documents, 0, "без документов");
    REFUSED("announced", "intake", criteria, 0, "без критериев");
    REFUSED("announced", "intake", categories, 0, "без статей бюджета");
    REFUSED("announced", "intake", closes_future, 0, "уже прошёл");
    REFUSED("intake", "review", closes_future, 1, "после окончания приёма");
#undef REFUSED
    /* intake over: what is left is the check */
    f = all;
    f.closes_future = 0;
    f.unchecked = 3;
    ck_assert_ptr_nonnull(strstr(gr_stage_refusal("intake", "review", &f), "Не все заявки проверены"));
    f.unchecked = 0;
    f.correcting = 1;
    ck_assert_ptr_nonnull(strstr(gr_stage_refusal("intake", "review", &f), "срок доработки"));
    ck_assert_ptr_null(gr_stage_refusal("announced", "intake", &all));
    f = all;
    f.closes_future = 0;
    ck_assert_ptr_null(gr_stage_refusal("intake", "review", &f));
    /* documents and criteria are not needed to announce */
    f = all;
    f.documents = f.criteria = 0;
    ck_assert_ptr_null(gr_stage_refusal("draft", "announced", &f));
}
END_TEST

START_TEST(what_may_change_when)
{
    ck_assert(gr_comp_editable("draft", GR_PART_SETTINGS));
    ck_assert(gr_comp_editable("intake", GR_PART_SETTINGS));
    ck_assert(!gr_comp_editable("review", GR_PART_SETTINGS));
    ck_assert(gr_comp_editable("announced", GR_PART_WINDOW));
    ck_assert(!gr_comp_editable("intake", GR_PART_WINDOW));     /* an extension instead */
    ck_assert(gr_comp_editable("intake", GR_PART_CRITERIA));
    ck_assert(!gr_comp_editable("review", GR_PART_CRITERIA));
    ck_assert(!gr_comp_editable("commission", GR_PART_CHECKLIST));
    ck_assert(gr_comp_editable("reporting", GR_PART_DOCUMENTS));
    ck_assert(!gr_comp_editable("closed", GR_PART_DOCUMENTS));
    ck_assert(!gr_comp_editable("intake", GR_PART_DOC_DELETE));
    ck_assert(!gr_comp_editable("intake", GR_PART_BUDGET));
    ck_assert(!gr_comp_editable("", GR_PART_SETTINGS));
    ck_assert(!gr_comp_editable(NULL, GR_PART_SETTINGS));
    ck_assert(!gr_comp_editable("draf", GR_PART_SETTINGS));     /* whole names only */
    ck_assert(!gr_comp_editable("drafts", GR_PART_SETTINGS));
    ck_assert_str_eq(gr_comp_editable_stages(GR_PART_WINDOW), "draft,announced");
}
END_TEST

START_TEST(ready_sets)
{
    double small = 0, large = 0;
    int n = 0, c = 0;

    for (; gr_pgf_criteria[n].name; n++) {
        small += atof(gr_pgf_criteria[n].weight_small);
        large += atof(gr_pgf_criteria[n].weight_large);
    }
    ck_assert_int_eq(n, 10);
    ck_assert(small == 10.0 && large == 10.0);
    for (; gr_pgf_categories[c].name; c++)
        ck_assert_int_eq(gr_pgf_categories[c].code, c + 1);
    ck_assert_int_eq(c, 9);
}
END_TEST

START_TEST(hundredths)
{
    long v = -1;
    static const char *const bad[] = {"", "1,", ",5", "1,234", "-1", "1e2", " 1", "1 ", "12.5.1",
                                      "1234567", "abc", "100,01", NULL};

    ck_assert(gr_parse_hundredths("12,5", 10000, &v) && v == 1250);
    ck_assert(gr_parse_hundredths("12.25", 10000, &v) && v == 1225);
    ck_assert(gr_parse_hundredths("10", 10000, &v) && v == 1000);
    ck_assert(gr_parse_hundredths("7%", 10000, &v) && v == 700);
    ck_assert(gr_parse_hundredths("0", 10000, &v) && v == 0);
    ck_assert(gr_parse_hundredths("100", 10000, &v) && v == 10000);
    for (int i = 0; bad[i]; i++) {
        v = -1;
        ck_assert_msg(!gr_parse_hundredths(bad[i], 10000, &v) && v == -1, "%s", bad[i]);
    }
    ck_assert(!gr_parse_hundredths(NULL, 10000, &v));
    ck_assert(!gr_parse_hundredths("10,5", 1000, &v));
}
END_TEST

START_TEST(moscow_input_time)
{
    long long t = 0;
    char b[32];
    static const char *const bad[] = {"2026-11-28T24:00", "2026-11-28T9:30", "2026-02-30T10:00",
                                      "2026-11-28T23:30:15", "2026-11-28", "28.11.2026",
                                      "2026-11-28T23:60", "2026-11-28X23:30", "2026-11-28T23:30Z",
                                      "", NULL};

    /* 23:30 in Moscow is 20:30 UTC */
    ck_assert(gr_parse_msk("2026-11-28T23:30", &t) && t == 1795897800);
    ck_assert(gr_parse_msk("2026-11-28 23:30", &t) && t == 1795897800);
    ck_assert(gr_parse_msk("2026-11-28T23:30:00", &t) && t == 1795897800);
    ck_assert(gr_parse_msk("28.11.2026 23:30", &t) && t == 1795897800);   /* as people write it */
    ck_assert(gr_parse_msk("2026-07-01T00:00", &t) && t == 1782853200);   /* no summer time */
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(!gr_parse_msk(bad[i], &t), "%s", bad[i]);
    ck_assert(!gr_parse_msk(NULL, &t));
    gr_fmt_msk_input(1795897800, b, sizeof b);
    ck_assert_str_eq(b, "2026-11-28T23:30");
    ck_assert(gr_parse_msk(b, &t) && t == 1795897800);
}
END_TEST

START_TEST(money_for_the_form)
{
    static const long long cases[] = {0, 5, 100, 150000000, 123456789, 99999999999999LL, -1};
    char b[64];
    long long back;

    gr_fmt_money_input(150000000, b, sizeof b);
    ck_assert_str_eq(b, "1 500 000");
    gr_fmt_money_input(123456789, b, sizeof b);
    ck_assert_str_eq(b, "1 234 567,89");
    gr_fmt_money_input(5, b, sizeof b);
    ck_assert_str_eq(b, "0,05");
    for (int i = 0; cases[i] >= 0; i++) {
        gr_fmt_money_input(cases[i], b, sizeof b);
        ck_assert_msg(gf_parse_money(b, &back) && back == cases[i], "%s", b);
    }
}
END_TEST

static char *md(const char *text)
{
    HDF *h;
    char *out;

    ck_assert_ptr_null(hdf_init(&h));
    ck_assert_ptr_null(gr_markdown(text, h, "Out"));
    out = strdup(hdf_get_value(h, "Out", ""));
    hdf_destroy(&h);
    return out;
}

START_TEST(markdown_without_html_or_script_links)
{
    char *o = md("**жирный** и [сайт](https://example.org/?a=1&b=2)\n\n<script>alert(1)</script>\n\n"
                 "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](vbscript:x) [d](data:text/html,x)"
                 "\n\nтекст <b onmouseover=\"alert(1)\">жирно</b> ![i](javascript:alert(1))\n\n"
                 "[a](<javascript:alert(1)>) [\"q\"](https://e.org/\"onclick=\"x)\n");

    ck_assert_ptr_nonnull(strstr(o, "<strong>жирный</strong>"));
    ck_assert_ptr_nonnull(strstr(o, "<a href=\"https://example.org/?a=1&amp;b=2\">сайт</a>"));
    ck_assert_ptr_null(strstr(o, "<script"));
    ck_assert_ptr_null(strcasestr(o, "javascript:"));
    ck_assert_ptr_null(strcasestr(o, "vbscript:"));
    ck_assert_ptr_null(strstr(o, "data:text"));
    ck_assert_ptr_null(strstr(o, "onmouseover"));
    ck_assert_ptr_null(strstr(o, "\"onclick"));
    ck_assert_ptr_nonnull(strstr(o, "raw HTML omitted"));
    free(o);
    o = md("");
    ck_assert_str_eq(o, "");
    free(o);
    o = md("\xff\xfe broken");   /* not UTF-8: replaced, not passed on */
    ck_assert_int_ge(gf_utf8_len(o), 0);
    free(o);
}
END_TEST

Suite *competition_suite(void)
{
    Suite *s = suite_create("competition");
    TCase *t = tcase_create("rules");

    tcase_add_test(t, stages_in_order);
    tcase_add_test(t, only_the_next_stage);
    tcase_add_test(t, guards_of_announcement_and_intake);
    tcase_add_test(t, what_may_change_when);
    tcase_add_test(t, ready_sets);
    tcase_add_test(t, hundredths);
    tcase_add_test(t, moscow_input_time);
    tcase_add_test(t, money_for_the_form);
    tcase_add_test(t, markdown_without_html_or_script_links);
    suite_add_tcase(s, t);
    return s;
}
