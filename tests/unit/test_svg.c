/* test_svg.c — server-drawn bar charts (svg.c): scaling, escaping, the
 * title and description a screen reader reads, no data and one value. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "suites.h"
#include "gf.h"

static char *chart(const gf_bar *bars, int n)
{
    static char buf[8192];
    STRING s;

    string_init(&s);
    gf_svg_bars(&s, "c1", "Заявки по районам", "Число поданных заявок", bars, n, 600);
    snprintf(buf, sizeof buf, "%s", s.buf);
    string_clear(&s);
    return buf;
}

/* The width of the n-th <rect> in svg, -1 when there is none. */
static int rect_width(const char *svg, int n)
{
    const char *p = svg;
    int w = -1;

    for (int i = 0; i <= n; i++) {
        if (!(p = strstr(p, "<rect ")))
            return -1;
        p += 6;
    }
    if ((p = strstr(p, "width=\"")))
        sscanf(p + 7, "%d", &w);
    return w;
}

START_TEST(scales_to_the_largest)
{
    ck_assert_int_eq(gf_svg_bar_length(10, 10, 450), 450);
    ck_assert_int_eq(gf_svg_bar_length(5, 10, 450), 225);
    ck_assert_int_eq(gf_svg_bar_length(0, 10, 450), 0);
    ck_assert_int_eq(gf_svg_bar_length(-3, 10, 450), 0);
    ck_assert_int_eq(gf_svg_bar_length(1, 1e12, 450), 1);    /* tiny but not nothing */
    ck_assert_int_eq(gf_svg_bar_length(3, 0, 450), 0);
    gf_bar b[] = {{"А", 40, "40"}, {"Б", 10, "10"}, {"В", 0, "0"}};
    const char *svg = chart(b, 3);
    ck_assert_int_eq(rect_width(svg, 0), 450);
    ck_assert_int_eq(rect_width(svg, 1), 113);
    ck_assert_int_eq(rect_width(svg, 2), 0);
}
END_TEST

START_TEST(accessible_name_and_description)
{
    gf_bar b[] = {{"Ейский район", 3, "3"}};
    const char *svg = chart(b, 1);
    ck_assert_ptr_nonnull(strstr(svg, "role=\"img\""));
    ck_assert_ptr_nonnull(strstr(svg, "aria-labelledby=\"c1-title c1-desc\""));
    ck_assert_ptr_nonnull(strstr(svg, "<title id=\"c1-title\">Заявки по районам</title>"));
    ck_assert_ptr_nonnull(strstr(svg, "<desc id=\"c1-desc\">Число поданных заявок</desc>"));
    ck_assert_int_eq(rect_width(svg, 0), 450);                /* one value fills the scale */
    ck_assert_int_eq(rect_width(svg, 1), -1);
    ck_assert_ptr_nonnull(strstr(svg, ">Ейский район</text>"));
    ck_assert_str_eq(svg + strlen(svg) - 6, "</svg>");
}
END_TEST

START_TEST(escapes_labels_and_texts)
{
    gf_bar b[] = {{"<script>alert(\"x\")</script> & 'q'", 1, "<b>1</b>"}};
    STRING s;

    string_init(&s);
    gf_svg_bars(&s, "a\"b", "T<i>", "D&", b, 1, 600);
    ck_assert_ptr_null(strstr(s.buf, "<script>"));
    ck_assert_ptr_null(strstr(s.buf, "<b>"));
    ck_assert_ptr_null(strstr(s.buf, "<i>"));
    ck_assert_ptr_nonnull(strstr(s.buf, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    ck_assert_ptr_nonnull(strstr(s.buf, "id=\"a&quot;b-title\">T&lt;i&gt;</title>"));
    ck_assert_ptr_nonnull(strstr(s.buf, ">D&amp;</desc>"));
    string_clear(&s);
}
END_TEST

START_TEST(no_data_and_all_zero)
{
    const char *svg = chart(NULL, 0);
    ck_assert_ptr_nonnull(strstr(svg, "Нет данных"));
    ck_assert_int_eq(rect_width(svg, 0), -1);
    ck_assert_ptr_nonnull(strstr(svg, "<title id=\"c1-title\">"));
    gf_bar b[] = {{"А", 0, "0"}, {"Б", 0, "0"}};
    svg = chart(b, 2);
    ck_assert_int_eq(rect_width(svg, 0), 0);
    ck_assert_int_eq(rect_width(svg, 1), 0);
}
END_TEST

START_TEST(counts_as_people_read_them)
{
    char buf[64];
    gf_fmt_int(1234567, buf, sizeof buf);
    ck_assert_str_eq(buf, "1\xC2\xA0" "234\xC2\xA0" "567");
    gf_fmt_int(999, buf, sizeof buf);
    ck_assert_str_eq(buf, "999");
    gf_fmt_int(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "0");
    gf_fmt_int(LLONG_MIN, buf, sizeof buf);      /* no overflow (UBSan would say) */
    ck_assert_str_eq(buf, "\xE2\x88\x92" "9\xC2\xA0" "223\xC2\xA0" "372\xC2\xA0" "036\xC2\xA0" "854\xC2\xA0" "775\xC2\xA0" "808");
    gf_fmt_rub(177700000000LL, buf, sizeof buf);
    ck_assert_str_eq(buf, "1\xC2\xA0" "777\xC2\xA0" "000\xC2\xA0" "000\xC2\xA0\xE2\x82\xBD");
}
END_TEST

Suite *svg_suite(void)
{
    Suite *s = suite_create("svg");
    TCase *tc = tcase_create("bars");
    tcase_add_test(tc, scales_to_the_largest);
    tcase_add_test(tc, accessible_name_and_description);
    tcase_add_test(tc, escapes_labels_and_texts);
    tcase_add_test(tc, no_data_and_all_zero);
    tcase_add_test(tc, counts_as_people_read_them);
    suite_add_tcase(s, tc);
    return s;
}
