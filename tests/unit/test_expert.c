/* test_expert.c — the expert's side of grant/review.c: a score as typed
 * (gr_score_parse) and the neutral name of an attachment in a blind
 * review (gr_blind_file_name). */
#include <string.h>
#include "suites.h"
#include "grant.h"

START_TEST(a_score_is_digits_within_the_scale)
{
    int v = -1;

    ck_assert_int_eq(gr_score_parse("0", 10, &v), 1);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(gr_score_parse("10", 10, &v), 1);
    ck_assert_int_eq(v, 10);
    ck_assert_int_eq(gr_score_parse("007", 10, &v), 1);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(gr_score_parse("255", 255, &v), 1);
    ck_assert_int_eq(v, 255);
}
END_TEST

START_TEST(anything_else_is_not_a_score)
{
    static const char *const bad[] = {"", "11", "-1", "+5", " 5", "5 ", "5.0", "5,", "пять",
                                      "1e1", "0x5", "0005", "99999999999999999999", NULL};
    int v = 42;

    for (int i = 0; bad[i]; i++)
        ck_assert_msg(!gr_score_parse(bad[i], 10, &v), "%s", bad[i]);
    ck_assert_int_eq(v, 42);                     /* untouched on failure */
    ck_assert_int_eq(gr_score_parse(NULL, 10, &v), 0);
    ck_assert_int_eq(gr_score_parse("1", 0, &v), 0);
}
END_TEST

START_TEST(a_blind_file_name_says_nothing_of_the_original)
{
    char buf[64];

    gr_blind_file_name(12, "application/pdf", buf, sizeof buf);
    ck_assert_str_eq(buf, "Вложение-12.pdf");
    gr_blind_file_name(7, "image/jpeg", buf, sizeof buf);
    ck_assert_str_eq(buf, "Вложение-7.jpg");
    gr_blind_file_name(8, "image/png", buf, sizeof buf);
    ck_assert_str_eq(buf, "Вложение-8.png");
    gr_blind_file_name(9, "text/html", buf, sizeof buf);
    ck_assert_str_eq(buf, "Вложение-9.bin");
}
END_TEST

Suite *expert_suite(void)
{
    Suite *s = suite_create("expert");
    TCase *tc = tcase_create("scores");

    tcase_add_test(tc, a_score_is_digits_within_the_scale);
    tcase_add_test(tc, anything_else_is_not_a_score);
    tcase_add_test(tc, a_blind_file_name_says_nothing_of_the_original);
    suite_add_tcase(s, tc);
    return s;
}
