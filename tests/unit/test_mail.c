/* test_mail.c — MIME pieces and retry backoff (mail.c). */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "suites.h"
#include "gf.h"

/* Decodes all "=?UTF-8?B?…?=" words of an encoded header back to text. */
static char *decode_words(const char *h)
{
    static char out[2048];
    size_t o = 0;
    const char *p = h;

    while ((p = strstr(p, "=?UTF-8?B?"))) {
        const char *e = strstr(p + 10, "?=");
        size_t n = 0;
        ck_assert_ptr_nonnull(e);
        ck_assert_int_eq(sodium_base642bin((unsigned char *)out + o, sizeof out - o - 1,
                                           p + 10, (size_t)(e - p - 10), NULL, &n, NULL,
                                           sodium_base64_VARIANT_ORIGINAL), 0);
        o += n;
        p = e + 2;
    }
    out[o] = '\0';
    return out;
}

START_TEST(ascii_subjects_stay_plain)
{
    char *s = gf_mime_header_encode("Hello world");
    ck_assert_str_eq(s, "Hello world");
    free(s);
}
END_TEST

START_TEST(cyrillic_subjects_are_b_encoded_words)
{
    const char *subj = "Новое предложение № 12 от Петра — «Школа „Знаток безопасности“»";
    char *s = gf_mime_header_encode(subj);
    char *line, *save = NULL, *copy = strdup(s);

    for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        ck_assert_msg(strlen(line) <= 76, "encoded line too long: %zu", strlen(line));
        for (char *c = line; *c; c++)
            ck_assert_msg((unsigned char)*c < 0x80, "raw 8-bit byte in header");
    }
    ck_assert_str_eq(decode_words(s), subj);   /* words split on character bounds */
    free(copy);
    free(s);
}
END_TEST

START_TEST(control_characters_cannot_inject_headers)
{
    char *s = gf_mime_header_encode("Hi\r\nBcc: victim@example.org");
    ck_assert_ptr_null(strstr(s, "\r\nBcc"));
    ck_assert_str_eq(decode_words(s), "Hi\r\nBcc: victim@example.org");
    free(s);
}
END_TEST

START_TEST(message_has_headers_crlf_and_base64_body)
{
    char *m = gf_mime_message("Конкурс грантов <noreply@example.org>", "a@example.org",
                              "Тема", "Строка 1\n.точка в начале\nСтрока 3", 1795845486,
                              "<outbox-7.1@example.org>");
    char *body;
    unsigned char dec[512];
    size_t n = 0;
    char b64[1024] = "";

    ck_assert_ptr_nonnull(strstr(m, "Date: Sat, 28 Nov 2026 05:58:06 +0000\r\n"));
    ck_assert_ptr_nonnull(strstr(m, "Message-ID: <outbox-7.1@example.org>\r\n"));
    ck_assert_ptr_nonnull(strstr(m, "From: =?UTF-8?B?"));
    ck_assert_ptr_nonnull(strstr(m, "?= <noreply@example.org>\r\n"));
    ck_assert_ptr_nonnull(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\n"));
    ck_assert_ptr_nonnull(strstr(m, "Content-Transfer-Encoding: base64\r\n\r\n"));
    ck_assert_ptr_nonnull(strstr(m, "MIME-Version: 1.0\r\n"));
    /* no bare LF anywhere */
    for (char *p = m; *p; p++)
        if (*p == '\n')
            ck_assert_msg(p > m && p[-1] == '\r', "bare LF at %td", p - m);
    body = strstr(m, "\r\n\r\n") + 4;
    for (char *p = body; *p; p++)
        if (*p != '\r' && *p != '\n')
            strncat(b64, p, 1);
    ck_assert_int_eq(sodium_base642bin(dec, sizeof dec - 1, b64, strlen(b64), NULL, &n, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    dec[n] = '\0';
    ck_assert_str_eq((char *)dec, "Строка 1\r\n.точка в начале\r\nСтрока 3");
    free(m);
}
END_TEST

START_TEST(backoff_grows_and_is_capped)
{
    ck_assert_int_eq(gf_mail_backoff(1), 60);
    ck_assert_int_eq(gf_mail_backoff(2), 120);
    ck_assert_int_eq(gf_mail_backoff(3), 240);
    ck_assert_int_eq(gf_mail_backoff(30), 21600);
}
END_TEST

Suite *mail_suite(void)
{
    Suite *s = suite_create("mail");
    TCase *tc = tcase_create("mime");

    tcase_add_test(tc, ascii_subjects_stay_plain);
    tcase_add_test(tc, cyrillic_subjects_are_b_encoded_words);
    tcase_add_test(tc, control_characters_cannot_inject_headers);
    tcase_add_test(tc, message_has_headers_crlf_and_base64_body);
    tcase_add_test(tc, backoff_grows_and_is_capped);
    suite_add_tcase(s, tc);
    return s;
}
