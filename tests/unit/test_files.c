/* test_files.c — uploaded files (files.c): the client's file name as we
 * keep it. (The path, control-character and length rules are in
 * test_valid.c, next to the validators they share.) */
#include <stdio.h>
#include <string.h>
#include "suites.h"
#include "gf.h"

/* The invisible controls that reorder text (bidi): embeddings and
 * overrides U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E, U+200F
 * and U+061C, in UTF-8. */
static const char *const bidi[] = {
    "\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
    "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
    "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C", NULL,
};

START_TEST(file_names_lose_bidi_controls)
{
    char in[64], out[256];

    /* «Устав<RLO>fdp.exe» is shown as «Уставexe.pdf» */
    gf_file_clean_name("Устав\xE2\x80\xAE" "fdp.exe", out, sizeof out, "file");
    ck_assert_str_eq(out, "Уставfdp.exe");
    for (int i = 0; bidi[i]; i++) {
        snprintf(in, sizeof in, "a%sb.pdf", bidi[i]);
        gf_file_clean_name(in, out, sizeof out, "file");
        ck_assert_msg(!strcmp(out, "ab.pdf"), "control %d kept: %s", i, out);
    }
    /* nothing but controls: the fallback */
    gf_file_clean_name("\xE2\x80\xAE\xE2\x81\xA6\xD8\x9C", out, sizeof out, "file");
    ck_assert_str_eq(out, "file");
}
END_TEST

START_TEST(file_names_keep_the_neighbours_of_bidi_controls)
{
    char out[256];

    /* U+202F narrow no-break space and U+061B Arabic semicolon are text */
    const char *keep = "1\xE2\x80\xAF" "000 \xD8\x9B.pdf";
    gf_file_clean_name(keep, out, sizeof out, "file");
    ck_assert_str_eq(out, keep);
    gf_file_clean_name("Устав «АНО» 2026.pdf", out, sizeof out, "file");
    ck_assert_str_eq(out, "Устав «АНО» 2026.pdf");
}
END_TEST

START_TEST(file_names_lose_what_breaks_a_line_or_shows_nothing)
{
    char out[256];

    /* NEL, U+2028, U+200B, U+200D, U+FEFF, U+206A, U+E0041 (a tag) */
    gf_file_clean_name("a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\x8B" "d\xE2\x80\x8D"
                       "e\xEF\xBB\xBF" "f\xE2\x81\xAA" "g\xF3\xA0\x81\x81.pdf",
                       out, sizeof out, "file");
    ck_assert_str_eq(out, "abcdefg.pdf");
}
END_TEST

START_TEST(a_long_file_name_keeps_its_extension)
{
    char in[400] = "", out[256];

    for (int i = 0; i < 150; i++)
        strcat(in, "Я");                 /* 300 bytes */
    strcat(in, ".pdf");
    gf_file_clean_name(in, out, sizeof out, "file");
    ck_assert_uint_le(strlen(out), 200);
    ck_assert(gf_utf8_len(out) > 0);
    ck_assert_str_eq(out + strlen(out) - 4, ".pdf");
    ck_assert_uint_eq(strlen(out), 198 + 4 - 2);    /* 98 «Я» of 2 bytes, then .pdf */
}
END_TEST

Suite *files_suite(void)
{
    Suite *s = suite_create("files");
    TCase *tc = tcase_create("names");

    tcase_add_test(tc, file_names_lose_bidi_controls);
    tcase_add_test(tc, file_names_keep_the_neighbours_of_bidi_controls);
    tcase_add_test(tc, file_names_lose_what_breaks_a_line_or_shows_nothing);
    tcase_add_test(tc, a_long_file_name_keeps_its_extension);
    suite_add_tcase(s, tc);
    return s;
}
