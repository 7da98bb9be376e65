/* test_config.c — loading the site configuration (config.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suites.h"
#include "gf.h"

START_TEST(reads_the_file_named_by_GF_CONFIG_with_includes)
{
    char base[] = "/tmp/gf-conf-XXXXXX", main_path[160], inc_path[160];
    FILE *f;
    int fd = mkstemp(base);

    ck_assert_int_ge(fd, 0);
    close(fd);
    snprintf(inc_path, sizeof inc_path, "%s.inc", base);
    snprintf(main_path, sizeof main_path, "%s.hdf", base);
    f = fopen(inc_path, "w");
    fputs("DB.Name = fromfile\nLimits.MaxBody = 100\n", f);
    fclose(f);
    f = fopen(main_path, "w");
    fprintf(f, "#include \"%s\"\nLimits.MaxBody = 2048\nSite.Name = Конкурс\nBad.Number = 12x\n"
            "Site.URL = https://grants.example.ru\nSecrets.Key = 7Hq2mX9pLw4sVb8nRt3yKc6dFg1jZa5e\n",
            inc_path);
    fclose(f);
    if (gf_conf)
        hdf_destroy(&gf_conf);
    setenv("GF_CONFIG", main_path, 1);
    ck_assert_ptr_null(gf_config_load());
    ck_assert_str_eq(gf_cfg("DB.Name", "x"), "fromfile");
    ck_assert_int_eq(gf_cfg_int("Limits.MaxBody", 0), 2048);   /* later line wins */
    ck_assert_str_eq(gf_cfg("Site.Name", ""), "Конкурс");
    ck_assert_int_eq(gf_cfg_int("Bad.Number", 7), 7);          /* not a number: default */
    ck_assert_int_eq(gf_cfg_int("Missing", 5), 5);
    hdf_destroy(&gf_conf);
    unlink(main_path);
    unlink(inc_path);
    unlink(base);
}
END_TEST

START_TEST(a_missing_file_is_an_error)
{
    NEOERR *err;

    if (gf_conf)
        hdf_destroy(&gf_conf);
    setenv("GF_CONFIG", "/nonexistent/grantfair.hdf", 1);
    err = gf_config_load();
    ck_assert_ptr_nonnull(err);
    nerr_ignore(&err);
    ck_assert_ptr_null(gf_conf);
}
END_TEST

/* A site that others can reach needs a real secret: the captcha's and
 * other MACs are only as good as the key. The local stack (loopback) may
 * run with the default of conf/grantfair.hdf. */
START_TEST(a_public_site_needs_a_long_secret_key)
{
    const char *strong = "7Hq2mX9pLw4sVb8nRt3yKc6dFg1jZa5e";   /* 32 characters */

    ck_assert(gf_secret_key_ok(strong, "https://grants.example.ru"));
    ck_assert(!gf_secret_key_ok("change-me", "https://grants.example.ru"));
    ck_assert(!gf_secret_key_ok("", "https://grants.example.ru"));
    ck_assert(!gf_secret_key_ok(NULL, "https://grants.example.ru"));
    ck_assert(!gf_secret_key_ok("7Hq2mX9pLw4sVb8nRt3yKc6dFg1jZa5", "https://grants.example.ru"));
    ck_assert(!gf_secret_key_ok("change-me", "http://10.0.0.5:8080"));
    ck_assert(!gf_secret_key_ok("change-me", ""));                 /* no site: not local */
    ck_assert(!gf_secret_key_ok("change-me", NULL));
    ck_assert(!gf_secret_key_ok("change-me", "http://127.0.0.1.example.ru/"));
    ck_assert(!gf_secret_key_ok("change-me", "http://localhost.example.ru"));
    ck_assert(!gf_secret_key_ok("change-me", "http://user@evil.example/127.0.0.1"));
    /* the local stack */
    ck_assert(gf_secret_key_ok("change-me", "http://127.0.0.1:8080"));
    ck_assert(gf_secret_key_ok("change-me", "http://127.0.0.1"));
    ck_assert(gf_secret_key_ok("", "http://localhost:9000/"));
    ck_assert(gf_secret_key_ok("change-me", "http://[::1]:8080"));
    ck_assert(gf_secret_key_ok("change-me", "http://127.1.2.3:8080/x"));
}
END_TEST

START_TEST(loading_refuses_the_default_key_on_a_public_site)
{
    char path[] = "/tmp/gf-conf-XXXXXX";
    int fd = mkstemp(path);
    NEOERR *err;
    FILE *f;

    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    fputs("Site.URL = https://grants.example.ru\nSecrets.Key = change-me\n", f);
    fclose(f);
    if (gf_conf)
        hdf_destroy(&gf_conf);
    setenv("GF_CONFIG", path, 1);
    err = gf_config_load();
    ck_assert_ptr_nonnull(err);
    nerr_ignore(&err);
    ck_assert_ptr_null(gf_conf);
    unlink(path);
}
END_TEST

Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("load");

    tcase_add_test(tc, reads_the_file_named_by_GF_CONFIG_with_includes);
    tcase_add_test(tc, a_missing_file_is_an_error);
    tcase_add_test(tc, a_public_site_needs_a_long_secret_key);
    tcase_add_test(tc, loading_refuses_the_default_key_on_a_public_site);
    suite_add_tcase(s, tc);
    return s;
}
