/*
 * form.c — reading form fields and reporting errors next to them: one way
 * for every form, and one set of messages. Errors go to an errors node
 * (Form.Error for a page; macros.cs shows Form.Error.<field> beside the
 * field), values stay in Query.* so the form comes back as it was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

const char *const gf_msg_required = "Заполните это поле.";
const char *const gf_msg_bad_text = "Текст содержит недопустимые символы "
                                    "(неверная кодировка UTF-8 или управляющие символы).";
const char *const gf_msg_one_line = "Одна строка, без переносов.";
const char *const gf_msg_password = "Пароль — не короче 12 символов и не из списка самых "
                                    "распространённых паролей.";   /* gf_password_ok */
const char *const gf_msg_date = "Дата в формате дд.мм.гггг, например 01.03.2027.";

const char *gf_input(gf_req *r, const char *name)
{
    char key[160];
    char *t;

    snprintf(key, sizeof key, "Query.%s", name);
    t = gf_trim_dup(hdf_get_value(r->hdf, key, ""));
    gf_set(r->hdf, key, t);
    free(t);
    return hdf_get_value(r->hdf, key, "");
}

/* Digits in one of the two ways a date is written (1.2.2027 or
 * 2027-02-01), whatever their values. */
static int date_shaped(const char *s)
{
    int a = 0, b = 0, c = 0;
    char sep1 = 0, sep2 = 0;
    const char *p = s;

#define DIGITS(n) for (n = 0; *p >= '0' && *p <= '9'; p++) n++
    DIGITS(a);
    sep1 = *p ? *p++ : 0;
    DIGITS(b);
    sep2 = *p ? *p++ : 0;
    DIGITS(c);
#undef DIGITS
    if (*p || sep1 != sep2)
        return 0;
    return (sep1 == '.' && a >= 1 && a <= 2 && b >= 1 && b <= 2 && c == 4) ||
           (sep1 == '-' && a == 4 && b == 2 && c == 2);
}

const char *gf_date_message(const char *typed)
{
    return typed && date_shaped(typed)
        ? "Такой даты нет в календаре: проверьте число и месяц (например, 28.02.2027)."
        : gf_msg_date;
}

const char *gf_input_date(gf_req *r, const char *name)
{
    char key[160], iso[11];
    const char *v = gf_input(r, name);

    if (gf_date_iso(v, iso)) {
        snprintf(key, sizeof key, "Query.%s", name);
        gf_set(r->hdf, key, iso);
        v = hdf_get_value(r->hdf, key, "");
    }
    return v;
}

void gf_error_set(HDF *errors, const char *name, const char *msg)
{
    if (!hdf_get_value(errors, name, NULL))     /* the first problem is the one shown */
        gf_set(errors, name, msg);
}

static HDF *form_errors(gf_req *r)
{
    HDF *e = NULL;

    gf_must(hdf_get_node(r->hdf, "Form.Error", &e));
    return e;
}

void gf_field_error(gf_req *r, const char *name, const char *msg)
{
    gf_error_set(form_errors(r), name, msg);
    gf_set(r->hdf, "Form.HasErrors", "1");
}

int gf_form_has_errors(gf_req *r)
{
    return hdf_get_int_value(r->hdf, "Form.HasErrors", 0);
}

int gf_checked(gf_req *r, const char *name, const char *value)
{
    char key[64];
    HDF *o;

    snprintf(key, sizeof key, "Query.%s", name);
    if (!*value || !(o = hdf_get_obj(r->hdf, key)))
        return 0;
    if (!hdf_obj_child(o))
        return hdf_obj_value(o) && !strcmp(hdf_obj_value(o), value);
    for (HDF *c = hdf_obj_child(o); c; c = hdf_obj_next(c))
        if (hdf_obj_value(c) && !strcmp(hdf_obj_value(c), value))
            return 1;
    return 0;
}

int gf_checked_count(gf_req *r, const char *name)
{
    char key[64];
    HDF *o;
    int n = 0;

    snprintf(key, sizeof key, "Query.%s", name);
    if (!(o = hdf_get_obj(r->hdf, key)))
        return 0;
    for (HDF *c = hdf_obj_child(o); c; c = hdf_obj_next(c))
        n++;
    return n ? n : hdf_obj_value(o) && *hdf_obj_value(o);
}

int gf_text_check(HDF *errors, const char *name, const char *value, unsigned rule, long max)
{
    long n = gf_text_len(value);
    char msg[160];

    if (n == 0) {
        if (rule & GF_REQUIRED)
            gf_error_set(errors, name, gf_msg_required);
        return !(rule & GF_REQUIRED);
    }
    if (n < 0 || !gf_text_chars_ok(value)) {
        gf_error_set(errors, name, gf_msg_bad_text);
        return 0;
    }
    if (n > max) {
        snprintf(msg, sizeof msg, "Не длиннее %ld символов (сейчас %ld).", max, n);
        gf_error_set(errors, name, msg);
        return 0;
    }
    if ((rule & GF_ONE_LINE) && !gf_single_line(value)) {
        gf_error_set(errors, name, gf_msg_one_line);
        return 0;
    }
    return 1;
}

int gf_field_text(gf_req *r, const char *name, const char *value, unsigned rule, long max)
{
    int ok = gf_text_check(form_errors(r), name, value, rule, max);

    if (!ok)
        gf_set(r->hdf, "Form.HasErrors", "1");
    return ok;
}

int gf_field_new_password(gf_req *r, const char *name, const char *repeat)
{
    const char *pw = gf_param(r, name, "");

    if (!gf_password_ok(pw)) {
        gf_field_error(r, name, gf_msg_password);
        return 0;
    }
    if (strcmp(pw, gf_param(r, repeat, ""))) {
        gf_field_error(r, repeat, "Пароли не совпадают.");
        return 0;
    }
    return 1;
}
