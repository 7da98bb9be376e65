/* test_review.c — the experts' rules (grant/review.c): the 100-point total,
 * divergence by the threshold, and whom automatic assignment picks; the
 * stage guards of review, commission and results (grant/competition.c). */
#include "suites.h"
#include "grant.h"

/* gf_fmt_rub's space: no break */
#define NB "\xC2\xA0"

START_TEST(the_total_is_the_weighted_share_of_the_maximum)
{
    /* the national operator's ten criteria for requests up to 1 mln ₽ */
    static const double w[] = {2, 2, 0.5, 2, 1, 0, 0.5, 0.5, 1, 0.5};
    gr_crit_score c[10];

    for (int i = 0; i < 10; i++)
        c[i] = (gr_crit_score){10, 10, w[i]};
    ck_assert_double_eq_tol(gr_score_total(c, 10), 100.0, 1e-9);
    for (int i = 0; i < 10; i++)
        c[i].score = 5;
    ck_assert_double_eq_tol(gr_score_total(c, 10), 50.0, 1e-9);
    /* their rating Σ score × weight: 2·8 + 2·6 + 0.5·4 + 2·7 + 1·3 + 0·(any) + … */
    static const int s[] = {8, 6, 4, 7, 3, 10, 2, 9, 5, 1};
    for (int i = 0; i < 10; i++)
        c[i].score = s[i];
    ck_assert_double_eq_tol(gr_score_total(c, 10),
                            16 + 12 + 2 + 14 + 3 + 0 + 1 + 4.5 + 5 + 0.5, 1e-9);
}
END_TEST

START_TEST(other_scales_are_brought_to_100)
{
    gr_crit_score c[] = {{3, 5, 1}, {4, 5, 1}};     /* 7 of 10 */
    ck_assert_double_eq_tol(gr_score_total(c, 2), 70.0, 1e-9);
    gr_crit_score w[] = {{5, 5, 3}, {0, 5, 1}};     /* weighted: 15 of 20 */
    ck_assert_double_eq_tol(gr_score_total(w, 2), 75.0, 1e-9);
    gr_crit_score none[] = {{5, 5, 0}};             /* nothing weighs: no total */
    ck_assert_double_eq_tol(gr_score_total(none, 1), -1, 1e-9);
    ck_assert_double_eq_tol(gr_score_total(NULL, 0), -1, 1e-9);
}
END_TEST

START_TEST(divergence_is_more_than_the_threshold)
{
    double t[] = {80, 50, 65};
    ck_assert(gr_scores_diverge(t, 2, 29));
    ck_assert(!gr_scores_diverge(t, 2, 30));        /* exactly the threshold: not more */
    ck_assert(!gr_scores_diverge(t, 1, 0));         /* one score cannot diverge */
    double near[] = {70.01, 40.00};
    ck_assert(gr_scores_diverge(near, 2, 30));      /* by one hundredth */
    double far[] = {40, 55, 90};                    /* the extremes count, in any order */
    ck_assert(gr_scores_diverge(far, 3, 49));
    ck_assert(!gr_scores_diverge(far, 3, 50));
}
END_TEST

START_TEST(assignment_never_picks_an_excluded_expert)
{
    gr_candidate c[] = {{1, 0, 1, 1}, {2, 5, 0, 0}, {3, 0, 1, 1}};
    int picked[3];
    ck_assert_int_eq(gr_assign_pick(c, 3, 3, picked), 1);
    ck_assert_int_eq(c[picked[0]].user_id, 2);
    ck_assert_int_eq(c[1].load, 6);
}
END_TEST

START_TEST(assignment_prefers_the_direction_then_the_lightest_load)
{
    gr_candidate c[] = {{1, 0, 0, 0}, {2, 4, 1, 0}, {3, 2, 1, 0}, {4, 2, 1, 0}};
    int picked[4];
    ck_assert_int_eq(gr_assign_pick(c, 4, 2, picked), 2);
    ck_assert_int_eq(c[picked[0]].user_id, 3);      /* matches, load 2, lower id */
    ck_assert_int_eq(c[picked[1]].user_id, 4);
    /* picks count as load; a match goes before a lighter load */
    ck_assert_int_eq(gr_assign_pick(c, 4, 2, picked), 2);
    ck_assert_int_eq(c[picked[0]].user_id, 3);      /* 3, 3 and 4 of the matching */
    ck_assert_int_eq(c[picked[1]].user_id, 4);
    ck_assert_int_eq(gr_assign_pick(c, 4, 2, picked), 2);
    ck_assert_int_eq(c[picked[0]].user_id, 2);      /* all matching at 4: lowest ids */
    ck_assert_int_eq(c[picked[1]].user_id, 3);
    ck_assert_int_eq(gr_assign_pick(c, 4, 0, picked), 0);
}
END_TEST

START_TEST(load_is_balanced_over_many_applications)
{
    gr_candidate c[5];
    int picked[5];
    for (int i = 0; i < 5; i++)
        c[i] = (gr_candidate){i + 1, 0, 1, 0};
    for (int app = 0; app < 10; app++)
        ck_assert_int_eq(gr_assign_pick(c, 5, 2, picked), 2);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(c[i].load, 4);             /* 20 assignments over 5 experts */
}
END_TEST

START_TEST(the_stages_after_review_have_their_guards)
{
    gr_comp_facts f = {.scored = 3, .admitted = 1};
    ck_assert_ptr_nonnull(gr_stage_refusal("review", "commission", &f));
    f.admitted = 0;
    ck_assert_ptr_null(gr_stage_refusal("review", "commission", &f));
    f.scored = 0;
    ck_assert_ptr_nonnull(gr_stage_refusal("review", "commission", &f));
    gr_comp_facts g = {.decided = 1};
    ck_assert_ptr_nonnull(gr_stage_refusal("commission", "results", &g));   /* only by publishing */
    g.publishing = 1;
    ck_assert_ptr_null(gr_stage_refusal("commission", "results", &g));
    g.decided = 0;
    ck_assert_ptr_nonnull(gr_stage_refusal("commission", "results", &g));
}
END_TEST

START_TEST(a_winners_amount_keeps_to_the_limits_and_the_request)
{
    char msg[200];
    /* limits 100 000 – 500 000 ₽, 300 000 ₽ requested */
    const long long min = 10000000, max = 50000000, req = 30000000;

    ck_assert_ptr_null(gr_grant_amount_problem(30000000, min, max, req, msg, sizeof msg));
    ck_assert_ptr_null(gr_grant_amount_problem(10000000, min, max, req, msg, sizeof msg));
    ck_assert_str_eq(gr_grant_amount_problem(0, min, max, req, msg, sizeof msg),
                     "Укажите сумму гранта победителю.");
    ck_assert_str_eq(gr_grant_amount_problem(9999999, min, max, req, msg, sizeof msg),
                     "Сумма меньше минимального размера гранта конкурса (100" NB "000" NB "₽).");
    ck_assert_str_eq(gr_grant_amount_problem(30000001, min, max, req, msg, sizeof msg),
                     "Сумма больше запрошенной в заявке (300" NB "000" NB "₽).");
    ck_assert_str_eq(gr_grant_amount_problem(60000000, min, max, 90000000, msg, sizeof msg),
                     "Сумма больше максимального размера гранта конкурса (500" NB "000" NB "₽).");
    /* no limits set: only the request bounds it */
    ck_assert_ptr_null(gr_grant_amount_problem(1, 0, 0, req, msg, sizeof msg));
}
END_TEST

START_TEST(the_winners_total_keeps_to_the_fund)
{
    char msg[200];

    ck_assert_ptr_null(gr_fund_problem(100000000, 100000000, msg, sizeof msg));
    ck_assert_str_eq(gr_fund_problem(100000050, 100000000, msg, sizeof msg),
                     "Сумма грантов 1" NB "000" NB "000,50" NB "₽ превышает фонд конкурса 1" NB "000" NB "000" NB
                     "₽ на 0,50" NB "₽.");
}
END_TEST

Suite *review_suite(void)
{
    Suite *s = suite_create("review");
    TCase *tc = tcase_create("rules");

    tcase_add_test(tc, the_total_is_the_weighted_share_of_the_maximum);
    tcase_add_test(tc, other_scales_are_brought_to_100);
    tcase_add_test(tc, divergence_is_more_than_the_threshold);
    tcase_add_test(tc, assignment_never_picks_an_excluded_expert);
    tcase_add_test(tc, assignment_prefers_the_direction_then_the_lightest_load);
    tcase_add_test(tc, load_is_balanced_over_many_applications);
    tcase_add_test(tc, the_stages_after_review_have_their_guards);
    tcase_add_test(tc, a_winners_amount_keeps_to_the_limits_and_the_request);
    tcase_add_test(tc, the_winners_total_keeps_to_the_fund);
    suite_add_tcase(s, tc);
    return s;
}
