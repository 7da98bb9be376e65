/*
 * form.c — reading form fields and reporting errors next to them: one way
 * for every form. Errors go to Form.Error.<field> (macros.cs shows them),
 * values stay in Query.* so the form comes back as it was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include "gf.h"

const char *gf_input(gf_req *r, const char *name)
{
    char key[160];
    char *t;

    snprintf(key, sizeof key, "Query.%s", name);
    t = gf_trim_dup(hdf_get_value(r->hdf, key, ""));
    hdf_set_value(r->hdf, key, t);
    free(t);
    return hdf_get_value(r->hdf, key, "");
}

void gf_field_error(gf_req *r, const char *name, const char *msg)
{
    char key[160];

    snprintf(key, sizeof key, "Form.Error.%s", name);
    if (!hdf_get_value(r->hdf, key, NULL))     /* the first problem is the one shown */
        hdf_set_value(r->hdf, key, msg);
    hdf_set_value(r->hdf, "Form.HasErrors", "1");
}

int gf_form_has_errors(gf_req *r)
{
    return hdf_get_int_value(r->hdf, "Form.HasErrors", 0);
}

int gf_check_text(gf_req *r, const char *name, const char *value, int required,
                  long max, int one_line)
{
    long n = gf_utf8_len(value);
    char msg[160];

    if (n == 0) {
        if (required)
            gf_field_error(r, name, "Заполните это поле.");
        return !required;
    }
    if (n < 0) {
        gf_field_error(r, name, "Текст содержит недопустимые символы.");
        return 0;
    }
    if (n > max) {
        snprintf(msg, sizeof msg, "Не длиннее %ld символов (сейчас %ld).", max, n);
        gf_field_error(r, name, msg);
        return 0;
    }
    if (one_line && !gf_single_line(value)) {
        gf_field_error(r, name, "Одна строка, без переносов.");
        return 0;
    }
    return 1;
}
