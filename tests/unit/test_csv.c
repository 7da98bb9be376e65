/* test_csv.c — CSV for Excel (csv.c): BOM, ";", CRLF, quoting, formulas. */
#include <stdio.h>
#include <string.h>
#include "suites.h"
#include "gf.h"

static char *row(const char *const *cells)
{
    static char buf[512];
    gf_csv c;

    gf_csv_start(&c);
    for (; *cells; cells++)
        gf_csv_cell(&c, *cells);
    gf_csv_end_row(&c);
    snprintf(buf, sizeof buf, "%s", c.out.buf);
    string_clear(&c.out);
    return buf;
}

START_TEST(bom_separator_crlf)
{
    const char *cells[] = {"№", "Название", "", "12", NULL};
    ck_assert_str_eq(row(cells), "\xEF\xBB\xBF№;Название;;12\r\n");
}
END_TEST

START_TEST(quotes_what_would_break_a_row)
{
    const char *cells[] = {"a;b", "say \"hi\"", "two\r\nlines", "plain", NULL};
    ck_assert_str_eq(row(cells), "\xEF\xBB\xBF\"a;b\";\"say \"\"hi\"\"\";\"two\r\nlines\";plain\r\n");
}
END_TEST

START_TEST(formulas_become_text)
{
    const char *cells[] = {"=HYPERLINK(\"http://x\")", "+7 900", "-1", "@SUM(A1)", "\tx", "a=b", NULL};
    ck_assert_str_eq(row(cells), "\xEF\xBB\xBF\"'=HYPERLINK(\"\"http://x\"\")\";\"'+7 900\";\"'-1\";"
                                 "\"'@SUM(A1)\";\"'\tx\";a=b\r\n");
}
END_TEST

START_TEST(rows_restart_columns)
{
    gf_csv c;

    gf_csv_start(&c);
    gf_csv_cell(&c, "");
    gf_csv_cell(&c, "x");
    gf_csv_end_row(&c);
    gf_csv_cell(&c, "");
    gf_csv_cell(&c, "");
    gf_csv_end_row(&c);
    ck_assert_str_eq(c.out.buf, "\xEF\xBB\xBF;x\r\n;\r\n");
    string_clear(&c.out);
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *t = tcase_create("csv");

    tcase_add_test(t, bom_separator_crlf);
    tcase_add_test(t, quotes_what_would_break_a_row);
    tcase_add_test(t, formulas_become_text);
    tcase_add_test(t, rows_restart_columns);
    suite_add_tcase(s, t);
    return s;
}
