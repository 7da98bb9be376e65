/* test_numbers.c — ИНН, ОГРН, КПП, money, dates, password policy (valid.c). */
#include <string.h>
#include "suites.h"
#include "gf.h"

START_TEST(inn_real_numbers)
{
    ck_assert(gf_valid_inn("7707083893"));     /* ПАО Сбербанк */
    ck_assert(gf_valid_inn("7736207543"));     /* ООО «Яндекс» */
    ck_assert(gf_valid_inn("500100732259"));   /* a person's ИНН (12 digits) */
    ck_assert(!gf_valid_inn("7707083894"));    /* last digit changed */
    ck_assert(!gf_valid_inn("7736207544"));
    ck_assert(!gf_valid_inn("500100732258"));
    ck_assert(!gf_valid_inn("500100732269"));
    ck_assert(!gf_valid_inn("770708389"));     /* too short */
    ck_assert(!gf_valid_inn("77070838930"));   /* 11 digits */
    ck_assert(!gf_valid_inn("77070838 3"));
    ck_assert(!gf_valid_inn(""));
    ck_assert(!gf_valid_inn(NULL));
}
END_TEST

START_TEST(ogrn_real_numbers)
{
    ck_assert(gf_valid_ogrn("1027700132195"));   /* ПАО Сбербанк */
    ck_assert(gf_valid_ogrn("1027700229193"));   /* ООО «Яндекс» */
    ck_assert(gf_valid_ogrn("304500116000157")); /* ОГРНИП */
    ck_assert(!gf_valid_ogrn("1027700132196"));
    ck_assert(!gf_valid_ogrn("1027700229192"));
    ck_assert(!gf_valid_ogrn("304500116000158"));
    ck_assert(!gf_valid_ogrn("102770013219"));
    ck_assert(!gf_valid_ogrn("10277001321951"));
    ck_assert(!gf_valid_ogrn("1O27700132195"));  /* letter O */
}
END_TEST

START_TEST(kpp_shape)
{
    ck_assert(gf_valid_kpp("773601001"));
    ck_assert(gf_valid_kpp("7736AB001"));
    ck_assert(!gf_valid_kpp("77360100"));
    ck_assert(!gf_valid_kpp("77360100a"));
    ck_assert(!gf_valid_kpp("AB3601001"));
}
END_TEST

START_TEST(money_as_people_type_it)
{
    long long k = -1;
    ck_assert(gf_parse_money("1234", &k) && k == 123400);
    ck_assert(gf_parse_money("1 234,5", &k) && k == 123450);
    ck_assert(gf_parse_money("1234.56", &k) && k == 123456);
    ck_assert(gf_parse_money(" 1\xC2\xA0" "500\xC2\xA0" "000 ", &k) && k == 150000000);
    ck_assert(gf_parse_money("0", &k) && k == 0);
    ck_assert(!gf_parse_money("", &k));
    ck_assert(!gf_parse_money("-5", &k));
    ck_assert(!gf_parse_money("1,234", &k));     /* three decimals */
    ck_assert(!gf_parse_money("12 руб 50", &k));
    ck_assert(!gf_parse_money("1e6", &k));
    ck_assert(!gf_parse_money("99999999999999", &k));
}
END_TEST

START_TEST(dates)
{
    int y, m, d;
    ck_assert(gf_parse_date("2026-11-28", &y, &m, &d) && y == 2026 && m == 11 && d == 28);
    ck_assert(gf_parse_date("2028-02-29", &y, &m, &d));
    ck_assert(!gf_parse_date("2027-02-29", &y, &m, &d));
    ck_assert(!gf_parse_date("2026-13-01", &y, &m, &d));
    ck_assert(!gf_parse_date("2026-04-31", &y, &m, &d));
    ck_assert(!gf_parse_date("28-11-2026", &y, &m, &d));
    ck_assert(!gf_parse_date("2026-1-01", &y, &m, &d));
    ck_assert(!gf_parse_date("2026-11-28x", &y, &m, &d));
}
END_TEST

/* What people paste from a budget in a spreadsheet or a letter: the
 * currency after the number, no-break, narrow no-break and thin spaces
 * between the thousands. */
START_TEST(money_with_currency_and_any_space)
{
    static const struct { const char *in; long long k; } ok[] = {
        {"150000 руб.", 15000000}, {"150 000 ₽", 15000000}, {"150 000,50 р.", 15000050},
        {"150000руб", 15000000}, {"150 000 рублей", 15000000}, {"1 500 Р", 150000},
        {"2 500,5 Руб.", 250050}, {"99 руб", 9900}, {"10 000 р", 1000000},
        {"150\xE2\x80\xAF" "000", 15000000},           /* narrow no-break space */
        {"150\xE2\x80\x89" "000,25", 15000025},        /* thin space */
        {"150\xC2\xA0" "000\xC2\xA0₽", 15000000},      /* as gf_fmt_rub writes it */
        {"  7\xC2\xA0" "000 руб.  ", 700000},
    };
    static const char *const bad[] = {
        "руб. 100", "100 $", "₽", "руб", "100 руб. 50 коп.", "100 рублики", "100 р.р.",
        "100 ₽ ₽", "100,", ",50", "100 000,505 ₽", "100\xE2\x80", NULL,
    };
    long long k;

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        k = -1;
        ck_assert_msg(gf_parse_money(ok[i].in, &k) && k == ok[i].k, "\"%s\" gave %lld", ok[i].in, k);
    }
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(!gf_parse_money(bad[i], &k), "accepted \"%s\"", bad[i]);
}
END_TEST

/* A date as people here write it (01.02.2027, 1.2.2027) or as
 * <input type=date> sends it (2027-02-01): the same day. */
START_TEST(dates_either_way)
{
    static const char *const bad[] = {
        "31.02.2027", "01.13.2027", "00.01.2027", "1.2.27", "01.02.27", "01-02-2027",
        "01.02.2027x", "001.02.2027", "01..2027", ".02.2027", "01.02.", "2027.02.01",
        "1 .2.2027", "01.02.20270", "29.02.2027", "", NULL,
    };
    char iso[11];
    int y, m, d;

    ck_assert(gf_parse_date("01.02.2027", &y, &m, &d) && y == 2027 && m == 2 && d == 1);
    ck_assert(gf_parse_date("1.2.2027", &y, &m, &d) && y == 2027 && m == 2 && d == 1);
    ck_assert(gf_parse_date("29.02.2028", &y, &m, &d) && d == 29);
    ck_assert(gf_parse_date("31.12.2027", &y, &m, &d) && m == 12 && d == 31);
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(!gf_parse_date(bad[i], &y, &m, &d), "accepted \"%s\"", bad[i]);
    ck_assert(gf_date_iso("1.2.2027", iso) && !strcmp(iso, "2027-02-01"));
    ck_assert(gf_date_iso("01.02.2027", iso) && !strcmp(iso, "2027-02-01"));
    ck_assert(gf_date_iso("2027-02-01", iso) && !strcmp(iso, "2027-02-01"));
    ck_assert(!gf_date_iso("31.02.2027", iso));
    ck_assert(!gf_date_iso(NULL, iso));
}
END_TEST

START_TEST(passwords)
{
    ck_assert(gf_password_ok("Кубань-гранты-2026"));
    ck_assert(gf_password_ok("correct horse battery"));
    ck_assert(!gf_password_ok("short-pw"));
    ck_assert(!gf_password_ok("12345678901"));     /* 11 characters */
    ck_assert(!gf_password_ok("123456789012"));    /* common */
    ck_assert(!gf_password_ok("QWERTY123456"));    /* common, any case */
    ck_assert(!gf_password_ok("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4"));
}
END_TEST

Suite *numbers_suite(void)
{
    Suite *s = suite_create("numbers");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, inn_real_numbers);
    tcase_add_test(tc, ogrn_real_numbers);
    tcase_add_test(tc, kpp_shape);
    tcase_add_test(tc, money_as_people_type_it);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, money_with_currency_and_any_space);
    tcase_add_test(tc, dates_either_way);
    tcase_add_test(tc, passwords);
    suite_add_tcase(s, tc);
    return s;
}
