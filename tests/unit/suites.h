/* suites.h — the unit test suites, one per library file under test. */
#include <check.h>
Suite *valid_suite(void);
Suite *mail_suite(void);
Suite *render_suite(void);
Suite *config_suite(void);
Suite *numbers_suite(void);
Suite *form_suite(void);
Suite *draft_suite(void);
Suite *macros_suite(void);
Suite *csv_suite(void);
Suite *competition_suite(void);
Suite *audit_suite(void);
Suite *status_suite(void);
Suite *compliance_suite(void);
Suite *pager_suite(void);
Suite *review_suite(void);
Suite *pdf_suite(void);
