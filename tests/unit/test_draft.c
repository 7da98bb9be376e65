/* test_draft.c — drafts as stored text (grant/draft.c): whatever a browser
 * can send into a field comes back exactly, including the lines that broke
 * the HDF text format ("EOM", "EOM " followed by "key = value"), CRLF and
 * very long lines; random strings are fed through encode and decode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "grant.h"

/* encode then decode: the value under key comes back byte for byte */
static void round_trip(const char *key, const char *value)
{
    HDF *in, *out;
    char *json = NULL;

    hdf_init(&in);
    hdf_init(&out);
    ck_assert_ptr_null(hdf_set_value(in, key, value));
    ck_assert_ptr_null(hdf_set_value(in, "title", "заголовок"));
    ck_assert_ptr_null(gr_draft_encode(in, &json));
    ck_assert_ptr_null(gr_draft_decode(json, out));
    ck_assert_str_eq(hdf_get_value(out, key, "(missing)"), value);
    ck_assert_str_eq(hdf_get_value(out, "title", ""), "заголовок");   /* nothing injected */
    free(json);
    hdf_destroy(&in);
    hdf_destroy(&out);
}

START_TEST(lines_that_broke_hdf_text_come_back)
{
    round_trip("problem", "EOM");
    round_trip("problem", "first\r\nEOM\r\nlast");
    round_trip("problem", "x\nEOM \ntitle = X\nEOM\n");
    round_trip("problem", "a << EOM\nb\nEOM");
    round_trip("ind.0.name", "\"quoted\" \\back\\slash {json} [1,2]");
    round_trip("goal", "");
    round_trip("goal", "  spaces kept inside  ");
    round_trip("goal", "Школа «Знаток безопасности» — ёЁ 😀");
    round_trip("goal", "\t\x01\x1f\x7f");
}
END_TEST

START_TEST(a_long_line_comes_back)
{
    size_t n = 64 * 1024;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = "abc EOM=x;"[i % 10];
    big[n] = '\0';
    round_trip("problem", big);
    free(big);
}
END_TEST

/* A random valid UTF-8 string from pieces that are hard for text formats. */
static void random_text(char *buf, size_t cap, unsigned *seed)
{
    static const char *const pieces[] = {
        "EOM", "EOM ", "\n", "\r\n", "\r", " = ", "<<", "key = value", "\"", "\\", "{", "}",
        "[", "]", ",", ":", "#", "%", "&", "<", ">", "'", "\t", "\x01", "\x7f", "а", "Ё",
        "€", "😀", "\xC2\xA0", "x", "0", ".", "..", "/", "\\u0000", "null", "true",
    };
    size_t len = 0, want = (size_t)(rand_r(seed) % 300);

    buf[0] = '\0';
    while (len < want) {
        const char *p = pieces[rand_r(seed) % (sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        if (len + l + 1 >= cap)
            break;
        memcpy(buf + len, p, l + 1);
        len += l;
    }
}

START_TEST(random_strings_round_trip)
{
    unsigned seed = 20261129;
    char buf[2048];
    HDF *in, *out;
    char *json = NULL;

    for (int round = 0; round < 300; round++) {
        hdf_init(&in);
        hdf_init(&out);
        for (int f = 0; f < 8; f++) {
            char key[32];
            random_text(buf, sizeof buf, &seed);
            snprintf(key, sizeof key, f < 4 ? "f%d" : "rows.%d.v", f);
            ck_assert_ptr_null(hdf_set_value(in, key, buf));
        }
        ck_assert_ptr_null(gr_draft_encode(in, &json));
        ck_assert_ptr_null(gr_draft_decode(json, out));
        for (int f = 0; f < 8; f++) {
            char key[32];
            snprintf(key, sizeof key, f < 4 ? "f%d" : "rows.%d.v", f);
            ck_assert_str_eq(hdf_get_value(out, key, "(missing)"), hdf_get_value(in, key, ""));
        }
        free(json);
        json = NULL;
        hdf_destroy(&in);
        hdf_destroy(&out);
    }
}
END_TEST

START_TEST(invalid_utf8_is_refused_not_stored_broken)
{
    HDF *in;
    char *json = NULL;
    NEOERR *err;

    hdf_init(&in);
    hdf_set_value(in, "title", "bad \xC3\x28");
    err = gr_draft_encode(in, &json);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_null(json);
    nerr_ignore(&err);
    hdf_destroy(&in);
}
END_TEST

START_TEST(drafts_stored_as_hdf_text_are_still_read)
{
    HDF *out;

    hdf_init(&out);
    ck_assert_ptr_null(gr_draft_decode("title = Старый черновик\nm.0.name = Анна\n"
                                       "problem << EOM\nдве\nстроки\nEOM\n", out));
    ck_assert_str_eq(hdf_get_value(out, "title", ""), "Старый черновик");
    ck_assert_str_eq(hdf_get_value(out, "m.0.name", ""), "Анна");
    ck_assert_str_eq(hdf_get_value(out, "problem", ""), "две\nстроки\n");
    hdf_destroy(&out);
}
END_TEST

START_TEST(drafts_the_hdf_text_format_broke_are_taken_back)
{
    HDF *out;

    /* a text area line "EOM" ended the block early: the rest used to make
     * the whole draft unreadable (500 for its owner) */
    hdf_init(&out);
    ck_assert_ptr_null(gr_draft_decode("problem << EOM\nпервая\nEOM\nвторая, после EOM\n\n"
                                       "третья\nEOM\ntitle = Название\n", out));
    ck_assert_str_eq(hdf_get_value(out, "problem", ""), "первая\nEOM\nвторая, после EOM\n\nтретья\n");
    ck_assert_str_eq(hdf_get_value(out, "title", ""), "Название");
    hdf_destroy(&out);
}
END_TEST

/* Text as the old code wrote it: hdf_write_string of the tree. */
static char *written(HDF *h)
{
    char *t = NULL;
    ck_assert_ptr_null(hdf_write_string(h, &t));
    return t;
}

static char *dumped(HDF *h)
{
    char *t = NULL;
    ck_assert_ptr_null(hdf_write_string(h, &t));
    return t ? t : strdup("");
}

/* Pieces without the HDF syntax a draft never used (links, commands…). */
static void random_value(char *buf, size_t cap, unsigned *seed, int with_eom)
{
    static const char *const pieces[] = {
        "\n", "\r\n", " ", " = ", "<<", "key = value", "{", "}", "\"", "\\",
        "а", "Ё", "😀", "x", "0", ".", "\t", "title = X", "EOM", "EOM ",
    };
    size_t len = 0, want = (size_t)(rand_r(seed) % 120);
    size_t npieces = sizeof pieces / sizeof pieces[0] - (with_eom ? 0 : 2);

    buf[0] = '\0';
    while (len < want) {
        const char *p = pieces[(size_t)rand_r(seed) % npieces];
        size_t l = strlen(p);
        if (len + l + 1 >= cap)
            break;
        memcpy(buf + len, p, l + 1);
        len += l;
    }
}

START_TEST(old_drafts_read_as_hdf_read_string_read_them)
{
    unsigned seed = 4242;
    char v[512];
    int compared = 0, rescued = 0;

    for (int round = 0; round < 400; round++) {
        HDF *tree, *theirs, *ours;
        char *text, *a, *b;
        NEOERR *err;

        hdf_init(&tree);
        random_value(v, sizeof v, &seed, round % 2);
        hdf_set_value(tree, "title", v);
        random_value(v, sizeof v, &seed, round % 2);
        hdf_set_value(tree, "problem", v);
        for (int r = 0; r < 12; r++) {
            char key[32];
            snprintf(key, sizeof key, "b.%d.name", r);
            random_value(v, sizeof v, &seed, round % 2);
            hdf_set_value(tree, key, v);
            snprintf(key, sizeof key, "b.%d.cat", r);
            hdf_set_value(tree, key, "1");
        }
        hdf_set_value(tree, "Totals.total", "100");
        hdf_set_value(tree, "zlast", "конец");
        text = written(tree);
        hdf_init(&theirs);
        hdf_init(&ours);
        ck_assert_ptr_null(gr_draft_decode(text, ours));    /* never refuses a draft */
        err = hdf_read_string(theirs, text);
        if (round % 2 == 0) {
            /* no line "EOM" in any value: the format held, and the old
             * reader is the reference */
            ck_assert_ptr_null(err);
            a = dumped(theirs);
            b = dumped(ours);
            ck_assert_str_eq(b, a);
            free(a);
            free(b);
            compared++;
        } else if (err) {           /* what it refused, we still read */
            nerr_ignore(&err);
            rescued++;
        }
        free(text);
        hdf_destroy(&tree);
        hdf_destroy(&theirs);
        hdf_destroy(&ours);
    }
    ck_assert_int_eq(compared, 200);
    ck_assert_int_gt(rescued, 50);
}
END_TEST

/* Text as people type it, with lines "EOM" in it: the drafts the old
 * format broke. Each comes back whole, and nothing after it is lost. */
START_TEST(drafts_cut_by_a_line_eom_come_back_whole)
{
    static const char *const words[] = {
        "Проект", "для", "детей", "EOM", "—", "и", "родителей,", "школа", "2027", "= итог", "(см.)",
    };
    unsigned seed = 77;

    for (int round = 0; round < 200; round++) {
        HDF *tree, *ours;
        char v[3][400], *text;

        hdf_init(&tree);
        hdf_init(&ours);
        for (int f = 0; f < 3; f++) {
            size_t len = 0;
            int lines = 1 + rand_r(&seed) % 5;
            v[f][0] = '\0';
            for (int l = 0; l < lines; l++) {
                int eom = rand_r(&seed) % 3 == 0;
                int nw = eom ? 1 : 1 + rand_r(&seed) % 5;
                for (int w = 0; w < nw; w++)
                    len += (size_t)snprintf(v[f] + len, sizeof v[f] - len, "%s%s", w ? " " : "",
                                            eom ? "EOM" : words[rand_r(&seed) % 11]);
                if (l + 1 < lines)
                    len += (size_t)snprintf(v[f] + len, sizeof v[f] - len, "\r\n");
            }
        }
        hdf_set_value(tree, "problem", v[0]);
        hdf_set_value(tree, "e.0.result", v[1]);
        hdf_set_value(tree, "e.1.result", v[2]);
        hdf_set_value(tree, "e.1.title", "Занятия");
        hdf_set_value(tree, "zlast", "конец");
        text = written(tree);
        ck_assert_ptr_null(gr_draft_decode(text, ours));
        for (int f = 0; f < 3; f++) {
            static const char *const keys[] = {"problem", "e.0.result", "e.1.result"};
            const char *got = hdf_get_value(ours, keys[f], "");
            char want[1300];
            /* a multi-line value comes back with the newline its block ended with */
            snprintf(want, sizeof want, "%s%s", v[f], strchr(v[f], '\n') || !strcmp(v[f], "EOM") ? "\n" : "");
            ck_assert_msg(!strcmp(got, want) || !strcmp(got, v[f]), "%s: got [%s] want [%s] from:\n%s",
                          keys[f], got, want, text);
        }
        ck_assert_str_eq(hdf_get_value(ours, "e.1.title", ""), "Занятия");
        ck_assert_str_eq(hdf_get_value(ours, "zlast", ""), "конец");
        free(text);
        hdf_destroy(&tree);
        hdf_destroy(&ours);
    }
}
END_TEST

START_TEST(rows_keep_their_order_past_ten)
{
    HDF *in, *out;
    char *json = NULL, key[32];
    int n = 0;

    hdf_init(&in);
    hdf_init(&out);
    for (int i = 0; i < 25; i++) {
        snprintf(key, sizeof key, "e.%d.title", i);
        hdf_set_valuef(in, "%s=row %d", key, i);
    }
    ck_assert_ptr_null(gr_draft_encode(in, &json));
    ck_assert_ptr_null(gr_draft_decode(json, out));
    for (HDF *o = hdf_obj_child(hdf_get_obj(out, "e")); o; o = hdf_obj_next(o), n++) {
        snprintf(key, sizeof key, "%d", n);
        ck_assert_str_eq(hdf_obj_name(o), key);      /* the view walks rows in this order */
    }
    ck_assert_int_eq(n, 25);
    free(json);
    hdf_destroy(&in);
    hdf_destroy(&out);
}
END_TEST

START_TEST(broken_json_is_an_error)
{
    HDF *out;
    NEOERR *err;

    hdf_init(&out);
    err = gr_draft_decode("{\"title\": ", out);
    ck_assert_ptr_nonnull(err);
    nerr_ignore(&err);
    err = gr_draft_decode("{\"a.b\": \"x\"}", out);     /* keys are ours: no dots */
    ck_assert_ptr_nonnull(err);
    nerr_ignore(&err);
    hdf_destroy(&out);
}
END_TEST

Suite *draft_suite(void)
{
    Suite *s = suite_create("draft");
    TCase *tc = tcase_create("round trip");

    tcase_add_test(tc, lines_that_broke_hdf_text_come_back);
    tcase_add_test(tc, a_long_line_comes_back);
    tcase_add_test(tc, random_strings_round_trip);
    tcase_add_test(tc, invalid_utf8_is_refused_not_stored_broken);
    tcase_add_test(tc, drafts_stored_as_hdf_text_are_still_read);
    tcase_add_test(tc, drafts_the_hdf_text_format_broke_are_taken_back);
    tcase_add_test(tc, old_drafts_read_as_hdf_read_string_read_them);
    tcase_add_test(tc, drafts_cut_by_a_line_eom_come_back_whole);
    tcase_add_test(tc, rows_keep_their_order_past_ten);
    tcase_add_test(tc, broken_json_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}
