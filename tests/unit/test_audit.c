/* test_audit.c — the audit chain's hash (grant/audit.c): known vectors
 * (computed apart, with Python's hashlib, from the form audit.c documents),
 * field boundaries that cannot be moved, NULL apart from "", every field
 * counted. */
#include <string.h>
#include "suites.h"
#include "grant.h"

static const gr_audit_entry first = {
    .prev_id = "0", .prev_hash = gr_audit_genesis, .at = "2026-11-28 20:30:00", .user_id = "7",
    .object_type = "project", .object_id = "42", .action = "submit", .from = "draft",
    .to = "submitted", .reason = NULL, .ip = "127.0.0.1",
};

static const char *hash_of(const gr_audit_entry *e)
{
    static char hex[2][65];
    static int i;

    i = !i;   /* two results may be compared */
    gr_audit_hash(e, hex[i]);
    return hex[i];
}

START_TEST(known_vectors)
{
    gr_audit_entry second = {
        .prev_id = "15",
        .prev_hash = "c5880839a64aa0b1766a64d1a4d6b927ef69f8c29bd2a257a4c0d8a939118132",
        .at = "2026-11-29 09:05:59", .user_id = NULL, .object_type = "competition",
        .object_id = "3", .action = "extend", .from = "intake", .to = "intake",
        .reason = "Продление по просьбе НКО: «сбой почты»\r\nвторая строка", .ip = "",
    };

    ck_assert_str_eq(hash_of(&first),
                     "c5880839a64aa0b1766a64d1a4d6b927ef69f8c29bd2a257a4c0d8a939118132");
    /* lengths are bytes, not characters: the reason is Cyrillic */
    ck_assert_str_eq(hash_of(&second),
                     "403cc54e7f9e65975f2726b136d61b61aaa93684f90dd5d8996a098bf3e279c0");
    ck_assert_int_eq(strlen(gr_audit_genesis), 64);
    ck_assert_int_eq(strspn(gr_audit_genesis, "0"), 64);
}
END_TEST

START_TEST(a_boundary_between_fields_cannot_move)
{
    gr_audit_entry a = first, b = first;

    a.action = "a|b";
    a.from = "c";
    b.action = "a";
    b.from = "b|c";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
    a.action = "ab";
    a.from = "";
    b.action = "a";
    b.from = "b";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
    /* a value that looks like the encoding of two fields is still one */
    a = first;
    b = first;
    a.to = "submitted";
    a.reason = "x";
    b.to = "9:submitted,1:x";
    b.reason = NULL;
    b.ip = "127.0.0.1";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
    /* the same bytes at the end of one field or the start of the next */
    a = first;
    b = first;
    a.reason = "сбой";
    a.ip = "10.0.0.1";
    b.reason = "сбой10.0.0.1";
    b.ip = "";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
}
END_TEST

START_TEST(null_is_not_empty)
{
    gr_audit_entry a = first, b = first;

    a.reason = NULL;
    b.reason = "";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
    b.reason = "-";          /* NULL is written "-,": a value "-" is "1:-," */
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
    a = first;
    b = first;
    a.user_id = NULL;
    b.user_id = "";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
    b.user_id = "0";
    ck_assert_str_ne(hash_of(&a), hash_of(&b));
}
END_TEST

START_TEST(every_field_counts)
{
    gr_audit_entry e = first;
    const char **fields[] = {
        &e.prev_id, &e.prev_hash, &e.at, &e.user_id, &e.object_type, &e.object_id,
        &e.action, &e.from, &e.to, &e.reason, &e.ip,
    };
    char base[65];

    snprintf(base, sizeof base, "%s", hash_of(&first));
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *keep = *fields[i];
        *fields[i] = "1";    /* a value none of the fields has */
        ck_assert_msg(strcmp(hash_of(&e), base) != 0, "field %zu is not hashed", i);
        *fields[i] = keep;
    }
    ck_assert_str_eq(hash_of(&e), base);
}
END_TEST

START_TEST(lowercase_hex_and_stable)
{
    const char *h = hash_of(&first);

    ck_assert_int_eq(strlen(h), 64);
    ck_assert_int_eq(strspn(h, "0123456789abcdef"), 64);
    ck_assert_str_eq(hash_of(&first), hash_of(&first));
}
END_TEST

START_TEST(russian_names_of_actions_and_objects)
{
    ck_assert_str_eq(gr_audit_title(gr_audit_actions, "submit"), "Подача заявки");
    ck_assert_str_eq(gr_audit_title(gr_audit_actions, "role_grant"), "Назначение роли");
    ck_assert_str_eq(gr_audit_title(gr_audit_objects, "competition"), "Конкурс");
    ck_assert_ptr_null(gr_audit_title(gr_audit_actions, "no_such_action"));
    ck_assert_ptr_null(gr_audit_title(gr_audit_actions, NULL));
    for (int i = 0; gr_audit_actions[i].name; i++)
        ck_assert_msg(gr_audit_actions[i].title && *gr_audit_actions[i].title, "%s has no title",
                      gr_audit_actions[i].name);
}
END_TEST

Suite *audit_suite(void)
{
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("chain");

    tcase_add_test(tc, known_vectors);
    tcase_add_test(tc, a_boundary_between_fields_cannot_move);
    tcase_add_test(tc, null_is_not_empty);
    tcase_add_test(tc, every_field_counts);
    tcase_add_test(tc, lowercase_hex_and_stable);
    tcase_add_test(tc, russian_names_of_actions_and_objects);
    suite_add_tcase(s, tc);
    return s;
}
