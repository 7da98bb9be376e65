/* test_mail.c — MIME pieces, attachments and retry backoff (mail.c); calendar
 * entries (ics.c). */
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

START_TEST(attachment_makes_a_multipart_mixed_message)
{
    gf_mail_file f = {"event-5.ics", "text/calendar; charset=UTF-8", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
    char *m = gf_mime_message_file("Site <noreply@example.org>", "a@example.org", "Тема",
                                   "Текст\nписьма", 1700000000, "<id@example.org>", &f);
    char *head_end = strstr(m, "\r\n\r\n");
    const char *b = "--=_grantfair_part";

    ck_assert_ptr_nonnull(head_end);
    ck_assert_ptr_nonnull(strstr(m, "Content-Type: multipart/mixed; boundary=\"=_grantfair_part\"\r\n"));
    ck_assert(strstr(m, "multipart/mixed") < head_end);   /* in the header */
    /* the body part, then the file, then the closing boundary */
    char *p1 = strstr(m, b), *p2 = p1 ? strstr(p1 + 1, b) : NULL, *end = strstr(m, "--=_grantfair_part--\r\n");
    ck_assert_ptr_nonnull(p2);
    ck_assert_ptr_nonnull(end);
    ck_assert(p2 < end);
    ck_assert_ptr_nonnull(strstr(p1, "Content-Type: text/plain; charset=UTF-8\r\n"));
    ck_assert_ptr_nonnull(strstr(p2, "Content-Type: text/calendar; charset=UTF-8; name=\"event-5.ics\"\r\n"
                                     "Content-Disposition: attachment; filename=\"event-5.ics\"\r\n"
                                     "Content-Transfer-Encoding: base64\r\n\r\n"));
    /* base64 of the calendar text */
    ck_assert_ptr_nonnull(strstr(p2, "QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo="));
    free(m);
    /* without a file: a plain text message, as before */
    m = gf_mime_message_file("a@example.org", "b@example.org", "x", "y", 0, "<i@e>", NULL);
    ck_assert_ptr_null(strstr(m, "multipart"));
    ck_assert_ptr_nonnull(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\n"));
    free(m);
}
END_TEST

static char *ics_text(const char *s)
{
    STRING out;

    string_init(&out);
    gf_ics_text(&out, s);
    return out.buf ? out.buf : strdup("");
}

START_TEST(ics_text_is_escaped)
{
    char *t = ics_text("a,b;c\\d\r\nновая строка\x01");

    ck_assert_str_eq(t, "a\\,b\\;c\\\\d\\nновая строка");
    free(t);
}
END_TEST

START_TEST(ics_lines_fold_at_75_octets_on_character_bounds)
{
    STRING out;
    char line[400] = "DESCRIPTION:";
    char *copy, *save = NULL, *l;
    size_t total = 0;

    for (int i = 0; i < 60; i++)
        strcat(line, i % 3 ? "ж" : "a");   /* 2-byte and 1-byte characters mixed */
    string_init(&out);
    gf_ics_fold(&out, line);
    ck_assert(out.len > 2 && !strcmp(out.buf + out.len - 2, "\r\n"));
    copy = strdup(out.buf);
    for (l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(l);
        ck_assert(n >= 1 && l[n - 1] == '\r');
        ck_assert_msg(n - 1 <= 75, "line of %zu octets", n - 1);
        /* a line never starts inside a character: after the fold's space
         * comes a lead byte */
        if (l != copy)
            ck_assert((l[0] == ' ') && (((unsigned char)l[1] & 0xC0) != 0x80));
        total += n - 1 - (l != copy);
    }
    ck_assert_uint_eq(total, strlen(line));     /* unfolding gives the line back */
    free(copy);
    string_clear(&out);
}
END_TEST

START_TEST(ics_fold_ends_on_bytes_that_are_not_utf8)
{
    STRING out;
    char line[300];

    memset(line, 0x80, 200);     /* continuation bytes only: no character start to back off to */
    line[200] = 0;
    string_init(&out);
    gf_ics_fold(&out, line);     /* returns (it looped for ever) */
    ck_assert_uint_eq((size_t)out.len, 200 + 2 * 3 + 2);   /* 75 + 74 + 51, two folds */
    string_clear(&out);
}
END_TEST

START_TEST(ics_calendar_has_the_event_in_utc)
{
    gf_ics_event e = {.uid = "event-7@example.org", .stamp = 1700000000, .start = 1764576000,
                      .end = 1764583200, .summary = "Семинар: заявка, бюджет; отчёт",
                      .location = "г. Краснодар, ул. Красная, д. 1", .description = "Строка 1\nСтрока 2",
                      .url = "https://example.org/events/7"};
    char *c = gf_ics_calendar("Сайт", &e);

    ck_assert_ptr_nonnull(strstr(c, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Сайт\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "BEGIN:VEVENT\r\nUID:event-7@example.org\r\n"
                                    "DTSTAMP:20231114T221320Z\r\nDTSTART:20251201T080000Z\r\n"
                                    "DTEND:20251201T100000Z\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "SUMMARY:Семинар: заявка\\, бюджет\\; отчёт\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "LOCATION:г. Краснодар\\, ул. Красная\\, д. 1\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "DESCRIPTION:Строка 1\\nСтрока 2\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "URL:https://example.org/events/7\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
    free(c);
    /* a URL that is not one line is left out, not written raw */
    e.url = "https://x.example/\r\nX-EVIL:1";
    e.location = "";
    c = gf_ics_calendar("Сайт", &e);
    ck_assert_ptr_null(strstr(c, "X-EVIL"));
    ck_assert_ptr_null(strstr(c, "LOCATION"));
    free(c);
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
    tcase_add_test(tc, attachment_makes_a_multipart_mixed_message);
    tcase_add_test(tc, ics_text_is_escaped);
    tcase_add_test(tc, ics_lines_fold_at_75_octets_on_character_bounds);
    tcase_add_test(tc, ics_fold_ends_on_bytes_that_are_not_utf8);
    tcase_add_test(tc, ics_calendar_has_the_event_in_utc);
    suite_add_tcase(s, tc);
    return s;
}
