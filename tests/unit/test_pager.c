/* test_pager.c — the page links of a listing (pager.c). */
#include <stdio.h>
#include <string.h>
#include "suites.h"
#include "gf.h"

/* The links as text, e.g. "1 2 3 0 9" (0: a gap); *offset and *page. */
static const char *links(long long total, long size, long *page, long long *offset)
{
    static char buf[256];
    HDF *h;
    size_t n = 0;

    ck_assert_ptr_null(hdf_init(&h));
    *offset = gf_pager(h, "/x?", total, size, page);
    buf[0] = '\0';
    for (HDF *l = hdf_get_child(h, "Pager.Links"); l; l = hdf_obj_next(l))
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "", hdf_obj_value(l));
    ck_assert_str_eq(hdf_get_value(h, "Pager.Base", ""), "/x?");
    ck_assert_int_eq(hdf_get_int_value(h, "Pager.Page", 0), (int)*page);
    hdf_destroy(&h);
    return buf;
}

START_TEST(few_pages_are_all_listed)
{
    long page = 2;
    long long off;
    ck_assert_str_eq(links(95, 20, &page, &off), "1 2 3 4 5");
    ck_assert_int_eq(page, 2);
    ck_assert_int_eq(off, 20);
}
END_TEST

START_TEST(many_pages_have_gaps)
{
    long page = 10;
    long long off;
    ck_assert_str_eq(links(1000, 20, &page, &off), "1 0 8 9 10 11 12 0 50");
    ck_assert_int_eq(off, 180);
    page = 1;
    ck_assert_str_eq(links(1000, 20, &page, &off), "1 2 3 0 50");
    page = 50;
    ck_assert_str_eq(links(1000, 20, &page, &off), "1 0 48 49 50");
    ck_assert_int_eq(off, 980);
}
END_TEST

START_TEST(a_page_past_the_end_is_the_last_and_none_is_the_first)
{
    long page = 99;
    long long off;
    ck_assert_str_eq(links(41, 20, &page, &off), "1 2 3");
    ck_assert_int_eq(page, 3);
    ck_assert_int_eq(off, 40);
    page = 7;
    ck_assert_str_eq(links(0, 20, &page, &off), "");
    ck_assert_int_eq(page, 1);
    ck_assert_int_eq(off, 0);
}
END_TEST

START_TEST(page_parameter)
{
    ck_assert_int_eq(gf_pager_page("3"), 3);
    ck_assert_int_eq(gf_pager_page("0"), 1);
    ck_assert_int_eq(gf_pager_page("-2"), 1);
    ck_assert_int_eq(gf_pager_page("2x"), 1);
    ck_assert_int_eq(gf_pager_page("1000001"), 1);
    ck_assert_int_eq(gf_pager_page(""), 1);
}
END_TEST

Suite *pager_suite(void)
{
    Suite *s = suite_create("pager");
    TCase *t = tcase_create("pager");
    tcase_add_test(t, few_pages_are_all_listed);
    tcase_add_test(t, many_pages_have_gaps);
    tcase_add_test(t, a_page_past_the_end_is_the_last_and_none_is_the_first);
    tcase_add_test(t, page_parameter);
    suite_add_tcase(s, t);
    return s;
}
