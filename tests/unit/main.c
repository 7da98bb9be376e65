/* Runs every unit suite and prints "unit: N passed, M failed". */
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include "suites.h"
#include "gf.h"

int main(void)
{
    SRunner *sr;
    int run, failed;

    if (sodium_init() < 0 || gf_errors_init())
        return 1;
    sr = srunner_create(valid_suite());
    srunner_add_suite(sr, mail_suite());
    srunner_add_suite(sr, render_suite());
    srunner_add_suite(sr, config_suite());
    srunner_add_suite(sr, numbers_suite());
    srunner_add_suite(sr, form_suite());
    srunner_add_suite(sr, draft_suite());
    srunner_add_suite(sr, macros_suite());
    srunner_add_suite(sr, csv_suite());
    srunner_add_suite(sr, svg_suite());
    srunner_add_suite(sr, competition_suite());
    srunner_add_suite(sr, audit_suite());
    srunner_add_suite(sr, status_suite());
    srunner_add_suite(sr, compliance_suite());
    srunner_add_suite(sr, pager_suite());
    srunner_add_suite(sr, review_suite());
    srunner_add_suite(sr, expert_suite());
    srunner_add_suite(sr, pdf_suite());
    srunner_add_suite(sr, files_suite());
    srunner_add_suite(sr, stem_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    run = srunner_ntests_run(sr);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    printf("unit: %d passed, %d failed\n", run - failed, failed);
    return failed ? 1 : 0;
}
