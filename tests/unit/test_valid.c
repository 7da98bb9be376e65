/* test_valid.c — validators and parsers of user input (valid.c). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "suites.h"
#include "gf.h"

START_TEST(ids_accept_plain_positive_numbers)
{
    ck_assert_int_eq(gf_parse_id("1"), 1);
    ck_assert_int_eq(gf_parse_id("42"), 42);
    ck_assert_int_eq(gf_parse_id("9007199254740992"), 9007199254740992LL);
}
END_TEST

START_TEST(ids_refuse_everything_else)
{
    const char *bad[] = {"", "0", "007", "-1", "+1", " 1", "1 ", "1a", "abc", "1e3",
                         "99999999999999999999", "9007199254740993", "<script>", NULL};
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(gf_parse_id(bad[i]) == 0, "accepted %s", bad[i]);
    ck_assert_int_eq(gf_parse_id(NULL), 0);
}
END_TEST

START_TEST(file_names_keep_their_last_letter_and_lose_paths_and_controls)
{
    char out[256], big[400];

    gf_file_clean_name("Устав", out, sizeof out, "file");
    ck_assert_str_eq(out, "Устав");
    gf_file_clean_name("C:\\Docs\\Положение о конкурсе", out, sizeof out, "file");
    ck_assert_str_eq(out, "Положение о конкурсе");
    gf_file_clean_name("../../etc/\"pa\x01ss\rwd\"", out, sizeof out, "file");
    ck_assert_str_eq(out, "passwd");
    gf_file_clean_name("", out, sizeof out, "document");
    ck_assert_str_eq(out, "document");
    gf_file_clean_name("a/\xff\xfe", out, sizeof out, "file");
    ck_assert_str_eq(out, "file");
    memset(big, 0, sizeof big);
    strcpy(big, "a");
    for (int i = 0; i < 150; i++)
        strcat(big, "я");            /* 301 bytes: cut at 200, inside no letter */
    gf_file_clean_name(big, out, sizeof out, "file");
    ck_assert_int_eq((int)strlen(out), 199);
    ck_assert_int_eq((int)gf_utf8_len(out), 100);
}
END_TEST

START_TEST(utf8_clean_drops_bad_bytes_anywhere_and_counts_characters)
{
    /* a "%.3s" cut of «яя» in the middle of a line, a stray byte, an overlong '/' */
    char a[] = "Отказ «\xD1» по заявке\xFF N \xC0\xAF", b[] = "Иванов Иван Иванович (№ 7)",
         c[] = "abc", d[] = "", e[] = "\xF0\x9F\x98\x80x";

    gf_utf8_clean(a, -1);
    ck_assert_str_eq(a, "Отказ «» по заявке N ");
    ck_assert_int_eq((int)gf_utf8_len(a), 21);
    gf_utf8_clean(b, 6);
    ck_assert_str_eq(b, "Иванов");                 /* six characters, not six bytes */
    gf_utf8_clean(c, 0);
    ck_assert_str_eq(c, "");
    gf_utf8_clean(d, 5);
    ck_assert_str_eq(d, "");
    gf_utf8_clean(e, 1);
    ck_assert_str_eq(e, "\xF0\x9F\x98\x80");
}
END_TEST

START_TEST(utf8_cut_drops_only_an_incomplete_last_character)
{
    char a[] = "при", b[] = "пр\xD0", c[] = "ok\xE2\x82", d[] = "€", e[] = "x\xF0\x9F\x98",
         f[] = "\xF0\x9F\x98\x80", g[] = "", h[] = "abc";

    gf_utf8_cut(a); ck_assert_str_eq(a, "при");
    gf_utf8_cut(b); ck_assert_str_eq(b, "пр");
    gf_utf8_cut(c); ck_assert_str_eq(c, "ok");
    gf_utf8_cut(d); ck_assert_str_eq(d, "€");
    gf_utf8_cut(e); ck_assert_str_eq(e, "x");
    gf_utf8_cut(f); ck_assert_str_eq(f, "\xF0\x9F\x98\x80");
    gf_utf8_cut(g); ck_assert_str_eq(g, "");
    gf_utf8_cut(h); ck_assert_str_eq(h, "abc");
    /* what snprintf("%.5s") makes of Cyrillic: two letters and half a third */
    char buf[6];
    snprintf(buf, sizeof buf, "%.5s", "яяя");
    gf_utf8_cut(buf);
    ck_assert_str_eq(buf, "яя");
    ck_assert_int_ge(gf_utf8_len(buf), 0);
}
END_TEST

START_TEST(utf8_length_counts_code_points)
{
    ck_assert_int_eq(gf_utf8_len(""), 0);
    ck_assert_int_eq(gf_utf8_len("abc"), 3);
    ck_assert_int_eq(gf_utf8_len("Кубань"), 6);
    ck_assert_int_eq(gf_utf8_len("₽😀"), 2);
}
END_TEST

START_TEST(utf8_length_refuses_invalid_sequences)
{
    ck_assert_int_eq(gf_utf8_len("\xff"), -1);
    ck_assert_int_eq(gf_utf8_len("\xd0"), -1);          /* truncated */
    ck_assert_int_eq(gf_utf8_len("\xc0\xaf"), -1);      /* overlong '/' */
    ck_assert_int_eq(gf_utf8_len("\xed\xa0\x80"), -1);  /* surrogate */
    ck_assert_int_eq(gf_utf8_len("\xf4\x90\x80\x80"), -1); /* > U+10FFFF */
}
END_TEST

START_TEST(emails)
{
    ck_assert(gf_valid_email("name@mail.ru"));
    ck_assert(gf_valid_email("a.b+c@sub.example.org"));
    ck_assert(!gf_valid_email(""));
    ck_assert(!gf_valid_email("name"));
    ck_assert(!gf_valid_email("name@"));
    ck_assert(!gf_valid_email("@mail.ru"));
    ck_assert(!gf_valid_email("a@b@mail.ru"));
    ck_assert(!gf_valid_email("name@mail"));
    ck_assert(!gf_valid_email("name@mail."));
    ck_assert(!gf_valid_email("na me@mail.ru"));
    ck_assert(!gf_valid_email("name@mail..ru"));
    ck_assert(!gf_valid_email("a@b.ru\r\nBcc: x@y.ru"));
    ck_assert(!gf_valid_email("<a@b.ru>"));
    ck_assert(!gf_valid_email("имя@почта.рф"));
}
END_TEST

START_TEST(trim_and_single_line)
{
    char *t = gf_trim_dup("  \t привет \r\n");
    ck_assert_str_eq(t, "привет");
    free(t);
    t = gf_trim_dup(NULL);
    ck_assert_str_eq(t, "");
    free(t);
    ck_assert(gf_single_line("Пётр Тестов"));
    ck_assert(!gf_single_line("Пётр\nBcc: x"));
    ck_assert(!gf_single_line("tab\there"));
}
END_TEST

START_TEST(email_keys_are_trimmed_and_lower_case)
{
    char *e = gf_email_norm("  LockMe@Example.RU \t");
    ck_assert_str_eq(e, "lockme@example.ru");
    free(e);
    e = gf_email_norm(NULL);
    ck_assert_str_eq(e, "");
    free(e);
}
END_TEST

START_TEST(ip_keys_count_an_ipv6_subscriber_once)
{
    char k[80];
    gf_ip_key("203.0.113.7", k, sizeof k);
    ck_assert_str_eq(k, "203.0.113.7");
    gf_ip_key("::ffff:203.0.113.7", k, sizeof k);
    ck_assert_str_eq(k, "203.0.113.7");
    gf_ip_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", k, sizeof k);
    ck_assert_str_eq(k, "2001:db8:1:2::/64");
    gf_ip_key("2001:db8:1:2::9", k, sizeof k);
    ck_assert_str_eq(k, "2001:db8:1:2::/64");
    gf_ip_key("not-an-address", k, sizeof k);
    ck_assert_str_eq(k, "not-an-address");
    gf_ip_key(NULL, k, sizeof k);
    ck_assert_str_eq(k, "");
}
END_TEST

START_TEST(counts_as_people_type_them)
{
    ck_assert_int_eq(gf_parse_count("1500"), 1500);
    ck_assert_int_eq(gf_parse_count(" 1 500 "), 1500);
    ck_assert_int_eq(gf_parse_count("1\xC2\xA0" "500"), 1500);          /* no-break space */
    ck_assert_int_eq(gf_parse_count("1\xE2\x80\xAF" "000\xE2\x80\x89" "000"), 1000000);
    ck_assert_int_eq(gf_parse_count("0"), 0);
    ck_assert_int_eq(gf_parse_count("-5"), 0);
    ck_assert_int_eq(gf_parse_count("1,5"), 0);
    ck_assert_int_eq(gf_parse_count("15 шт"), 0);
    ck_assert_int_eq(gf_parse_count(""), 0);
    ck_assert_int_eq(gf_parse_count(NULL), 0);
    ck_assert_int_eq(gf_parse_count("1234567890123456"), 0);          /* 16 digits */
}
END_TEST

START_TEST(captcha_answers)
{
    ck_assert(gf_captcha_check("7", 4, 3));
    ck_assert(gf_captcha_check(" 7 ", 4, 3));
    ck_assert(!gf_captcha_check("8", 4, 3));
    ck_assert(!gf_captcha_check("", 4, 3));
    ck_assert(!gf_captcha_check("7a", 4, 3));
    ck_assert(!gf_captcha_check("семь", 4, 3));
    ck_assert(!gf_captcha_check(NULL, 4, 3));
}
END_TEST

static long long m(const char *pattern, const char *path)
{
    long long id = -1;
    return gf_route_match(pattern, path, &id) ? id : -1;
}

START_TEST(routes_and_ids_in_paths)
{
    ck_assert_int_eq(m("/projects/#", "/projects/12"), 12);
    ck_assert_int_eq(m("/applications/#/card", "/applications/7/card"), 7);
    ck_assert_int_eq(m("/applications/#", "/applications/7/card"), -1);
    ck_assert_int_eq(m("/applications/#/card", "/applications/7/cards"), -1);
    ck_assert_int_eq(m("/projects/#", "/projects/"), -1);
    ck_assert_int_eq(m("/projects/#", "/projects/abc"), -1);
    ck_assert_int_eq(m("/projects/#", "/projects/0"), -1);
    ck_assert_int_eq(m("/projects/#", "/projects/99999999999999999999"), -1);
    ck_assert_int_eq(m("/projects/#", "/"), -1);
    ck_assert_int_eq(m("/projects/#", "/project/1"), -1);
    ck_assert_int_eq(m("/projects", "/projects"), 0);
    ck_assert_int_eq(m("/projects", "/projects/"), -1);
    ck_assert_int_eq(m("/cabinet/*", "/cabinet/staff"), 0);
    ck_assert_int_eq(m("/cabinet/*", "/cabinet/"), -1);
    ck_assert_int_eq(m("/cabinet/*", "/cabinet"), -1);
    ck_assert_int_eq(m("/", "/"), 0);
    ck_assert_int_eq(m("/", "/x"), -1);
}
END_TEST

START_TEST(redirect_targets_are_local_paths)
{
    ck_assert(gf_local_path("/"));
    ck_assert(gf_local_path("/applications/5?x=%20y"));
    ck_assert(!gf_local_path(NULL));
    ck_assert(!gf_local_path(""));
    ck_assert(!gf_local_path("//evil.example/x"));
    ck_assert(!gf_local_path("/\\evil.example/x"));
    ck_assert(!gf_local_path("/\t/evil.example/x"));
    ck_assert(!gf_local_path("/a\r\nSet-Cookie: x"));
    ck_assert(!gf_local_path("/a b"));
    ck_assert(!gf_local_path("https://evil.example/"));
}
END_TEST

START_TEST(email_buckets_name_one_address_in_any_spelling)
{
    char a[120], b[120], c[120];

    gf_email_bucket("ideas:email", "Petr@Example.RU ", a, sizeof a);
    gf_email_bucket("ideas:email", "petr@example.ru", b, sizeof b);
    gf_email_bucket("ideas:email", "other@example.ru", c, sizeof c);
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(a, c);
    ck_assert_int_eq(strlen(a), strlen("ideas:email:") + 64);
    ck_assert_ptr_null(strstr(a, "petr"));                 /* no address kept */
}
END_TEST

START_TEST(web_addresses_as_people_type_them)
{
    static const char *const ok[][2] = {
        {"ngo.ru", "https://ngo.ru"},
        {"www.ngo.ru/about", "https://www.ngo.ru/about"},
        {"https://ngo-kuban.ru", "https://ngo-kuban.ru"},
        {"HTTPS://ngo.ru/Path?x=1#y", "https://ngo.ru/Path?x=1#y"},
        {"http://old.ngo.ru", "http://old.ngo.ru"},
        {"нко-кубани.рф", "https://нко-кубани.рф"},
        {"ngo.ru:8443/x", "https://ngo.ru:8443/x"},
    };
    static const char *const bad[] = {
        "", "javascript:alert(1)", "mailto:info@ngo.ru", "ftp://ngo.ru", "localhost",
        "ngo", "user@ngo.ru", "ngo .ru", "ngo.ru\"onmouseover=x", ".ngo.ru", "ngo..ru",
        "-ngo.ru", "ngo-.ru", "ngo.ru:", "ngo.ru:abc", "https://", "//ngo.ru", "ngo.ru\nx",
        "https://ngo.ru:123456", "<ngo.ru>",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char *w = gf_web_address(ok[i][0]);
        ck_assert_msg(w && !strcmp(w, ok[i][1]), "%s -> %s", ok[i][0], w ? w : "NULL");
        free(w);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *w = gf_web_address(bad[i]);
        ck_assert_msg(!w, "%s accepted as %s", bad[i], w ? w : "");
        free(w);
    }
    ck_assert_ptr_null(gf_web_address(NULL));
}
END_TEST

START_TEST(phones_as_people_type_them)
{
    char d[16];

    ck_assert(gf_valid_phone("+7 (861) 200-00-01", d, sizeof d));
    ck_assert_str_eq(d, "78612000001");
    ck_assert(gf_valid_phone("8 918 555 12 34", d, sizeof d));
    ck_assert_str_eq(d, "89185551234");
    ck_assert(gf_valid_phone("(86137) 3-22-41", NULL, 0));        /* a city code: 10 digits */
    ck_assert(!gf_valid_phone("", d, sizeof d));
    ck_assert(!gf_valid_phone("12-34-56", d, sizeof d));           /* too few digits */
    ck_assert(!gf_valid_phone("+7 918 555 12 34 ext 5", d, sizeof d));
    ck_assert(!gf_valid_phone("7+918 5551234", d, sizeof d));      /* + only first */
    ck_assert(!gf_valid_phone("1234567890123456", d, sizeof d));   /* 16 digits */
    ck_assert(!gf_valid_phone("+7 918 555\n12 34", d, sizeof d));
}
END_TEST

Suite *valid_suite(void)
{
    Suite *s = suite_create("valid");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, ids_accept_plain_positive_numbers);
    tcase_add_test(tc, email_keys_are_trimmed_and_lower_case);
    tcase_add_test(tc, counts_as_people_type_them);
    tcase_add_test(tc, ip_keys_count_an_ipv6_subscriber_once);
    tcase_add_test(tc, utf8_cut_drops_only_an_incomplete_last_character);
    tcase_add_test(tc, utf8_clean_drops_bad_bytes_anywhere_and_counts_characters);
    tcase_add_test(tc, file_names_keep_their_last_letter_and_lose_paths_and_controls);
    tcase_add_test(tc, ids_refuse_everything_else);
    tcase_add_test(tc, utf8_length_counts_code_points);
    tcase_add_test(tc, utf8_length_refuses_invalid_sequences);
    tcase_add_test(tc, emails);
    tcase_add_test(tc, phones_as_people_type_them);
    tcase_add_test(tc, trim_and_single_line);
    tcase_add_test(tc, captcha_answers);
    tcase_add_test(tc, routes_and_ids_in_paths);
    tcase_add_test(tc, redirect_targets_are_local_paths);
    tcase_add_test(tc, email_buckets_name_one_address_in_any_spelling);
    tcase_add_test(tc, web_addresses_as_people_type_them);
    suite_add_tcase(s, tc);
    return s;
}
