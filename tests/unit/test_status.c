/* test_status.c — the application's state machine (grant/status.c): the
 * transitions the procedure allows, and only those; the action that makes
 * each; a Russian name for every status the database knows. */
#include <string.h>
#include "suites.h"
#include "grant.h"

/* projects.status in schema/001_init.sql */
static const char *const statuses[] = {
    "draft", "submitted", "returned", "admitted", "rejected", "scored", "winner", "not_winner",
    "in_progress", "completed", "withdrawn", NULL,
};

START_TEST(the_procedure_allows_these_transitions)
{
    ck_assert(gr_status_may("draft", "submitted"));
    ck_assert(gr_status_may("submitted", "draft"));       /* withdraw */
    ck_assert(gr_status_may("submitted", "admitted"));
    ck_assert(gr_status_may("submitted", "returned"));
    ck_assert(gr_status_may("submitted", "rejected"));
    ck_assert(gr_status_may("returned", "submitted"));    /* resubmit */
}
END_TEST

START_TEST(and_no_others)
{
    ck_assert(!gr_status_may("draft", "admitted"));
    ck_assert(!gr_status_may("draft", "returned"));
    ck_assert(!gr_status_may("returned", "admitted"));
    ck_assert(!gr_status_may("returned", "draft"));
    ck_assert(!gr_status_may("admitted", "returned"));
    ck_assert(!gr_status_may("rejected", "submitted"));
    ck_assert(!gr_status_may("submitted", "submitted"));
    ck_assert(!gr_status_may("admitted", "rejected"));
    ck_assert(!gr_status_may(NULL, "submitted"));
    ck_assert(!gr_status_may("draft", NULL));
    ck_assert(!gr_status_may("", ""));
}
END_TEST

START_TEST(actions_lead_to_their_status)
{
    ck_assert_str_eq(gr_status_after("draft", "submit"), "submitted");
    ck_assert_str_eq(gr_status_after("submitted", "withdraw"), "draft");
    ck_assert_str_eq(gr_status_after("submitted", "admit"), "admitted");
    ck_assert_str_eq(gr_status_after("submitted", "return"), "returned");
    ck_assert_str_eq(gr_status_after("submitted", "reject"), "rejected");
    ck_assert_str_eq(gr_status_after("returned", "resubmit"), "submitted");
    /* a decision on what is no longer submitted: no status to go to */
    ck_assert_ptr_null(gr_status_after("admitted", "admit"));
    ck_assert_ptr_null(gr_status_after("returned", "reject"));
    ck_assert_ptr_null(gr_status_after("rejected", "return"));
    ck_assert_ptr_null(gr_status_after("submitted", "approve"));
    ck_assert_ptr_null(gr_status_after(NULL, "admit"));
    ck_assert_ptr_null(gr_status_after("submitted", NULL));
}
END_TEST

START_TEST(the_table_is_consistent)
{
    for (const gr_transition *t = gr_transitions; t->from; t++) {
        ck_assert(gr_status_may(t->from, t->to));
        /* one action, one target, from each status */
        ck_assert_str_eq(gr_status_after(t->from, t->action), t->to);
        ck_assert_msg(gr_status_name(t->from) && gr_status_name(t->to), "%s -> %s has no name",
                      t->from, t->to);
        ck_assert_str_ne(t->from, t->to);
    }
}
END_TEST

START_TEST(every_status_has_a_russian_name)
{
    for (int i = 0; statuses[i]; i++)
        ck_assert_msg(gr_status_name(statuses[i]) != NULL, "%s has no name", statuses[i]);
    ck_assert_str_eq(gr_status_name("submitted"), "Подана");
    ck_assert_str_eq(gr_status_name("returned"), "Возвращена на доработку");
    ck_assert_str_eq(gr_status_name("admitted"), "Допущена к экспертизе");
    ck_assert_str_eq(gr_status_name("rejected"), "Отклонена");
    ck_assert_ptr_null(gr_status_name("approved"));
    ck_assert_ptr_null(gr_status_name(NULL));
}
END_TEST

Suite *status_suite(void)
{
    Suite *s = suite_create("status");
    TCase *tc = tcase_create("state machine");

    tcase_add_test(tc, the_procedure_allows_these_transitions);
    tcase_add_test(tc, and_no_others);
    tcase_add_test(tc, actions_lead_to_their_status);
    tcase_add_test(tc, the_table_is_consistent);
    tcase_add_test(tc, every_status_has_a_russian_name);
    suite_add_tcase(s, tc);
    return s;
}
