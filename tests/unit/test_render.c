/* test_render.c — money and time formatting, and template escaping (render.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include "gf.h"

START_TEST(decimals_get_the_russian_comma)
{
    char b[64];

    gf_fmt_decimal("87.50", b, sizeof b);
    ck_assert_str_eq(b, "87,50");
    gf_fmt_decimal("100", b, sizeof b);
    ck_assert_str_eq(b, "100");
    gf_fmt_decimal("-3.2", b, sizeof b);
    ck_assert_str_eq(b, "-3,2");
    gf_fmt_decimal("", b, sizeof b);
    ck_assert_str_eq(b, "");
    gf_fmt_decimal("12abc", b, sizeof b);          /* not a number: nothing */
    ck_assert_str_eq(b, "");
    gf_fmt_decimal(NULL, b, sizeof b);
    ck_assert_str_eq(b, "");
    gf_fmt_decimal("123456.78", b, 6);             /* does not fit: nothing, not a cut number */
    ck_assert_str_eq(b, "");
}
END_TEST

START_TEST(roubles_with_groups_and_kopecks)
{
    char b[64];
    gf_fmt_rub(0, b, sizeof b);
    ck_assert_str_eq(b, "0\xC2\xA0₽");
    gf_fmt_rub(150000000, b, sizeof b);
    ck_assert_str_eq(b, "1\xC2\xA0" "500\xC2\xA0" "000\xC2\xA0₽");
    gf_fmt_rub(123456789, b, sizeof b);
    ck_assert_str_eq(b, "1\xC2\xA0" "234\xC2\xA0" "567,89\xC2\xA0₽");
    gf_fmt_rub(-5, b, sizeof b);
    ck_assert_str_eq(b, "−0,05\xC2\xA0₽");
}
END_TEST

START_TEST(moscow_time)
{
    char b[64];
    /* 2026-11-28 20:30:00 UTC is 23:30 in Moscow (UTC+3) */
    gf_fmt_msk(1795897800, 1, b, sizeof b);
    ck_assert_str_eq(b, "28.11.2026 23:30");
    gf_fmt_msk(1795897800 + 3600, 0, b, sizeof b);
    ck_assert_str_eq(b, "29.11.2026");
}
END_TEST

/* Renders the template text t with Query.x = v. */
static char *render_text(const char *t, const char *v)
{
    static int serial;   /* templates are cached by name per process */
    char dir[] = "/tmp/gf-tpl-XXXXXX", path[128], conf[256], name[32];
    FILE *f;
    HDF *h;
    STRING out;
    char *res;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(name, sizeof name, "t%d.cs", serial++);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    fputs(t, f);
    fclose(f);
    if (!gf_conf)
        ck_assert_ptr_null(hdf_init(&gf_conf));
    snprintf(conf, sizeof conf, "%s", dir);
    hdf_set_value(gf_conf, "Paths.Templates", conf);
    hdf_init(&h);
    hdf_set_value(h, "Query.x", v);
    string_init(&out);
    ck_assert_ptr_null(gf_render(h, name, &out));
    res = strdup(out.buf ? out.buf : "");
    string_clear(&out);
    hdf_destroy(&h);
    unlink(path);
    rmdir(dir);
    return res;
}

/* A stored day (YYYY-MM-DD, as the database and <input type=date> have
 * it) as people here read it; what is not a date is shown as it is. */
START_TEST(days_as_people_read_them)
{
    char b[64];
    char *s;

    gf_fmt_date("2027-02-01", b, sizeof b);
    ck_assert_str_eq(b, "01.02.2027");
    gf_fmt_date("1.2.2027", b, sizeof b);
    ck_assert_str_eq(b, "01.02.2027");
    gf_fmt_date("", b, sizeof b);
    ck_assert_str_eq(b, "");
    gf_fmt_date("не дата", b, sizeof b);
    ck_assert_str_eq(b, "не дата");
    gf_fmt_date(NULL, b, sizeof b);
    ck_assert_str_eq(b, "");
    s = render_text("с <?cs var:rudate(Query.x) ?> по <?cs var:rudate(\"2027-12-31\") ?>", "2027-02-01");
    ck_assert_msg(strstr(s, "с 01.02.2027 по 31.12.2027") != NULL, "rendered: %s", s);
    free(s);
    s = render_text("<?cs var:rudate(Query.x) ?>", "<b>");
    ck_assert_msg(strstr(s, "&lt;b&gt;") != NULL, "rendered: %s", s);   /* still escaped */
    free(s);
    /* amounts as typed, printed the one way money is */
    s = render_text("<?cs var:amount(Query.x) ?>", "150000 руб.");
    ck_assert_msg(strstr(s, "150\xC2\xA0" "000\xC2\xA0₽") != NULL, "rendered: %s", s);
    free(s);
    s = render_text("<?cs var:amount(Query.x) ?>", "2 500,5");
    ck_assert_msg(strstr(s, "2\xC2\xA0" "500,50\xC2\xA0₽") != NULL, "rendered: %s", s);
    free(s);
    s = render_text("<?cs var:amount(Query.x) ?>", "<сто>");
    ck_assert_msg(strstr(s, "&lt;сто&gt;") != NULL, "rendered: %s", s);
    free(s);
}
END_TEST

START_TEST(countdowns_in_russian)
{
    char b[64];

    gf_fmt_left(3 * 86400 + 4 * 3600 + 59, b, sizeof b);
    ck_assert_str_eq(b, "3 дня 4 часа");
    gf_fmt_left(21 * 86400 + 3600, b, sizeof b);
    ck_assert_str_eq(b, "21 день 1 час");
    gf_fmt_left(5 * 86400 + 30 * 60, b, sizeof b);               /* whole days: minutes left out */
    ck_assert_str_eq(b, "5 дней");
    gf_fmt_left(11 * 3600 + 22 * 60, b, sizeof b);
    ck_assert_str_eq(b, "11 часов 22 минуты");
    gf_fmt_left(2 * 3600, b, sizeof b);
    ck_assert_str_eq(b, "2 часа");
    gf_fmt_left(61, b, sizeof b);
    ck_assert_str_eq(b, "1 минута");
    gf_fmt_left(59, b, sizeof b);
    ck_assert_str_eq(b, "меньше минуты");
    gf_fmt_left(-100, b, sizeof b);
    ck_assert_str_eq(b, "меньше минуты");
}
END_TEST

START_TEST(durations_and_sizes_in_russian)
{
    char b[64];
    gf_fmt_duration(7 * 86400, b, sizeof b);
    ck_assert_str_eq(b, "7 дней");
    gf_fmt_duration(86400, b, sizeof b);
    ck_assert_str_eq(b, "1 день");
    gf_fmt_duration(48 * 3600, b, sizeof b);
    ck_assert_str_eq(b, "2 дня");
    gf_fmt_duration(36 * 3600, b, sizeof b);
    ck_assert_str_eq(b, "36 часов");
    gf_fmt_duration(2 * 3600, b, sizeof b);
    ck_assert_str_eq(b, "2 часа");
    gf_fmt_duration(21 * 3600, b, sizeof b);
    ck_assert_str_eq(b, "21 час");
    gf_fmt_duration(900, b, sizeof b);
    ck_assert_str_eq(b, "15 минут");
    gf_fmt_duration(60, b, sizeof b);
    ck_assert_str_eq(b, "1 минуту");
    gf_fmt_bytes(10L << 20, b, sizeof b);
    ck_assert_str_eq(b, "10\xC2\xA0МБ");
    gf_fmt_bytes(3L << 19, b, sizeof b);
    ck_assert_str_eq(b, "1,5\xC2\xA0МБ");                 /* the decimal comma */
    gf_fmt_bytes(300 * 1024, b, sizeof b);
    ck_assert_str_eq(b, "300\xC2\xA0КБ");
    gf_fmt_bytes(142, b, sizeof b);
    ck_assert_str_eq(b, "142\xC2\xA0байта");
    gf_fmt_bytes(1, b, sizeof b);
    ck_assert_str_eq(b, "1\xC2\xA0байт");
    gf_fmt_bytes(11, b, sizeof b);
    ck_assert_str_eq(b, "11\xC2\xA0байт");
}
END_TEST

START_TEST(var_is_html_escaped_by_default)
{
    char *s = render_text("<p><?cs var:Query.x ?></p><a title=\"<?cs var:Query.x ?>\">",
                          "<script>alert('x')</script>\"&");
    ck_assert_ptr_null(strstr(s, "<script>"));
    ck_assert_ptr_nonnull(strstr(s, "&lt;script&gt;"));
    ck_assert_ptr_null(strstr(s, "\"&\""));
    free(s);
}
END_TEST

START_TEST(template_functions)
{
    char *s = render_text("<?cs var:rub(Query.x) ?>|<?cs var:msk(Query.x) ?>|<?cs var:rub(\"x\") ?>",
                          "1795897800");
    ck_assert_msg(strstr(s, "28.11.2026 23:30") != NULL, "rendered: %s", s);
    ck_assert_ptr_nonnull(strstr(s, "17\xC2\xA0" "958\xC2\xA0" "978\xC2\xA0₽"));
    free(s);
}
END_TEST

/* A template parsed once renders against whatever HDF each call gives:
 * nothing from one render shows in the next, set: writes into the HDF of
 * its call, and plain text (no escaping) has its own parse tree. */
/* projects.cs writes these options with uvar: (raw), so list_options.cs
 * itself must escape every name it writes. */
START_TEST(list_options_escape_what_they_write)
{
    HDF *h;
    STRING out;

    if (!gf_conf)
        ck_assert_ptr_null(hdf_init(&gf_conf));
    hdf_set_value(gf_conf, "Paths.Templates", "templates");
    hdf_init(&h);
    hdf_set_value(h, "List.0.id", "7");
    hdf_set_value(h, "List.0.title", "<script>alert('x')</script>\"&");
    hdf_set_value(h, "List.1.id", "8\"><b>");
    hdf_set_value(h, "List.1.title", "Второй");
    hdf_set_value(h, "Label", "title");
    hdf_set_value(h, "Selected", "7");
    string_init(&out);
    ck_assert_ptr_null(gf_render(h, "list_options.cs", &out));
    ck_assert_ptr_null(strstr(out.buf, "<script>"));
    ck_assert_ptr_null(strstr(out.buf, "<b>"));
    ck_assert_ptr_nonnull(strstr(out.buf, "&lt;script&gt;"));
    ck_assert_ptr_nonnull(strstr(out.buf, "<option value=\"7\" selected>"));
    string_clear(&out);
    hdf_destroy(&h);
}
END_TEST

START_TEST(parse_once_render_many)
{
    char dir[] = "/tmp/gf-tpl-XXXXXX", path[128];
    FILE *f;
    HDF *a, *b;
    STRING out;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/many.cs", dir);
    f = fopen(path, "w");
    fputs("<?cs set:Seen = #Seen + 1 ?><?cs each:i = Items ?>[<?cs var:i ?>]<?cs /each ?>"
          "|<?cs var:Seen ?>|<?cs var:Query.x ?>", f);
    fclose(f);
    if (!gf_conf)
        ck_assert_ptr_null(hdf_init(&gf_conf));
    hdf_set_value(gf_conf, "Paths.Templates", dir);
    hdf_init(&a);
    hdf_init(&b);
    hdf_set_value(a, "Items.0", "a");
    hdf_set_value(a, "Items.1", "<b>");
    hdf_set_value(a, "Query.x", "1");
    hdf_set_value(b, "Items.0", "z");

    string_init(&out);
    ck_assert_ptr_null(gf_render(a, "many.cs", &out));
    ck_assert_str_eq(out.buf, "[a][&lt;b&gt;]|1|1");
    string_clear(&out);
    string_init(&out);
    ck_assert_ptr_null(gf_render(b, "many.cs", &out));
    ck_assert_str_eq(out.buf, "[z]|1|");
    string_clear(&out);
    string_init(&out);
    ck_assert_ptr_null(gf_render_text(a, "many.cs", &out));
    ck_assert_str_eq(out.buf, "[a][<b>]|2|1");
    string_clear(&out);
    string_init(&out);
    ck_assert_ptr_null(gf_render(a, "many.cs", &out));
    ck_assert_str_eq(out.buf, "[a][&lt;b&gt;]|3|1");
    string_clear(&out);
    ck_assert_int_eq(hdf_get_int_value(a, "Seen", 0), 3);
    ck_assert_int_eq(hdf_get_int_value(b, "Seen", 0), 1);

    hdf_destroy(&a);
    hdf_destroy(&b);
    unlink(path);
    rmdir(dir);
}
END_TEST

Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("format");

    tcase_add_test(tc, roubles_with_groups_and_kopecks);

    tcase_add_test(tc, decimals_get_the_russian_comma);
    tcase_add_test(tc, moscow_time);
    tcase_add_test(tc, days_as_people_read_them);
    tcase_add_test(tc, durations_and_sizes_in_russian);
    tcase_add_test(tc, countdowns_in_russian);
    tcase_add_test(tc, var_is_html_escaped_by_default);
    tcase_add_test(tc, template_functions);
    tcase_add_test(tc, list_options_escape_what_they_write);
    tcase_add_test(tc, parse_once_render_many);
    suite_add_tcase(s, tc);
    return s;
}
