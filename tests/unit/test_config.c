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
    fprintf(f, "#include \"%s\"\nLimits.MaxBody = 2048\nSite.Name = Конкурс\nBad.Number = 12x\n",
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

Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("load");

    tcase_add_test(tc, reads_the_file_named_by_GF_CONFIG_with_includes);
    tcase_add_test(tc, a_missing_file_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}
