/* test_stem.c — the stems of a text for the search index (stem.c). */
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "gf.h"

/* the stems of text, compared and freed */
static void stems_are(const char *text, int max, int unique, const char *want)
{
    char *got = gf_stem_text(text, max, unique);
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(!strcmp(got, want), "«%s» → «%s», want «%s»", text, got, want);
    free(got);
}

START_TEST(word_forms_share_a_stem)
{
    stems_are("Школа", 0, 0, "школ");
    stems_are("школы", 0, 0, "школ");
    stems_are("ШКОЛЕ", 0, 0, "школ");
    stems_are("школами", 0, 0, "школ");
    /* «школьников» stems longer: a query's stem is a prefix of it */
    char *s = gf_stem_text("школьников", 0, 0);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(strncmp(s, "школ", strlen("школ")), 0);
    free(s);
    stems_are("волонтёров волонтеры", 0, 0, "волонтер волонтер");
}
END_TEST

START_TEST(yo_is_ye_and_case_does_not_matter)
{
    stems_are("Ёлка ёлки ЕЛКА", 0, 0, "елк елк елк");
    stems_are("ЗНАТОК Знаток знаток", 0, 1, "знаток");
}
END_TEST

START_TEST(latin_words_take_the_english_stemmer)
{
    stems_are("Volunteers running IT-school", 0, 0, "volunt run it school");
    stems_are("Fest2024 2024", 0, 0, "fest2024 2024");
}
END_TEST

START_TEST(punctuation_separates_and_function_words_go)
{
    stems_are("Школа «Знаток безопасности» — для детей, и т.д.!", 0, 0,
              "школ знаток безопасн дет");
    stems_are("«…» — !!! ,,, ", 0, 0, "");
    stems_are("", 0, 0, "");
    stems_are(NULL, 0, 0, "");
    stems_are("в на и", 0, 0, "");
}
END_TEST

START_TEST(stress_marks_and_soft_hyphens_stay_inside_words)
{
    stems_are("шко\xcc\x81лы", 0, 0, "школ");
    stems_are("шко\xc2\xadлы", 0, 0, "школ");
}
END_TEST

START_TEST(bad_bytes_and_controls_separate_words)
{
    stems_are("школа\x01детей\xff\xfeкружок", 0, 0, "школ дет кружок");
    stems_are("\xd0", 0, 0, "");          /* a cut sequence at the end */
    stems_are("школа\xd0", 0, 0, "школ");
    stems_are("\xe0\x80\x80школа", 0, 0, "школ");  /* overlong form */
}
END_TEST

START_TEST(words_are_limited_and_unique_when_asked)
{
    stems_are("школа школы кружок дети", 2, 0, "школ школ");
    stems_are("школа школы кружок дети", 2, 1, "школ кружок");
    /* a 200-letter word is cut to 40 letters */
    char big[401], *s;
    for (int i = 0; i < 200; i++)
        memcpy(big + 2 * i, "ж", 2);
    big[400] = '\0';
    s = gf_stem_text(big, 0, 0);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_le(gf_utf8_len(s), 40);
    free(s);
}
END_TEST

START_TEST(a_long_text_stems_whole)
{
    const char *two = "школы дети ";
    size_t n = 200000, k = strlen(two), i;
    char *text = malloc(n + 1), *s;
    ck_assert_ptr_nonnull(text);
    for (i = 0; i + k <= n; i += k)
        memcpy(text + i, two, k);
    text[i] = '\0';
    s = gf_stem_text(text, 0, 0);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(strncmp(s, "школ дет школ", strlen("школ дет школ")), 0);
    ck_assert_uint_lt(strlen(s), strlen(text));
    free(s);
    free(text);
}
END_TEST

START_TEST(a_query_requires_each_stem_as_a_prefix)
{
    char *q = gf_stem_query("Школы волонтёров школа", 8);
    ck_assert_ptr_nonnull(q);
    ck_assert_str_eq(q, "+школ* +волонтер*");
    free(q);
    /* boolean operators typed by a person are separators, never operators */
    q = gf_stem_query("-школа +\"дети\" (кружок)* ~<>@", 8);
    ck_assert_ptr_nonnull(q);
    ck_assert_str_eq(q, "+школ* +дет* +кружок*");
    free(q);
    q = gf_stem_query("!!! «» ...", 8);
    ck_assert_ptr_nonnull(q);
    ck_assert_str_eq(q, "");
    free(q);
    q = gf_stem_query("a1 b2 c3 d4 e5", 3);
    ck_assert_ptr_nonnull(q);
    ck_assert_str_eq(q, "+a1* +b2* +c3*");
    free(q);
}
END_TEST

Suite *stem_suite(void)
{
    Suite *s = suite_create("stem");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, word_forms_share_a_stem);
    tcase_add_test(tc, yo_is_ye_and_case_does_not_matter);
    tcase_add_test(tc, latin_words_take_the_english_stemmer);
    tcase_add_test(tc, punctuation_separates_and_function_words_go);
    tcase_add_test(tc, stress_marks_and_soft_hyphens_stay_inside_words);
    tcase_add_test(tc, bad_bytes_and_controls_separate_words);
    tcase_add_test(tc, words_are_limited_and_unique_when_asked);
    tcase_add_test(tc, a_long_text_stems_whole);
    tcase_add_test(tc, a_query_requires_each_stem_as_a_prefix);
    suite_add_tcase(s, tc);
    return s;
}
