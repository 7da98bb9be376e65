/*
 * login — "/login": email and password. Failed attempts are throttled per
 * account and per IP (session.c); after success the browser goes to the
 * page it came for (?next=, site-relative only) or to the cabinet.
 */
#include <stdlib.h>
#include <string.h>
#include "gf.h"

/* Only a path on this site: "/x", never "//host" or "/\host". */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
        strpbrk(next, "\r\n") || strlen(next) > 400)
        return "/cabinet";
    return next;
}

static NEOERR *handle(gf_req *r)
{
    char *email;
    const char *password;
    int result = 1;
    NEOERR *err;

    hdf_set_value(r->hdf, "Page.Title", "Вход");
    hdf_set_value(r->hdf, "Page.Nav", "login");
    hdf_set_value(r->hdf, "Next", safe_next(gf_param(r, "next", NULL)));
    r->page = "login.cs";
    if (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"))
        return STATUS_OK;
    if ((err = gf_require_post_csrf(r)))
        return nerr_pass(err);

    email = gf_trim_dup(gf_param(r, "email", ""));
    password = gf_param(r, "password", "");
    if (!*email || !gf_valid_email(email))
        gf_field_error(r, "email", "Укажите адрес электронной почты, например: name@mail.ru.");
    if (!*password || strlen(password) > 1024)
        gf_field_error(r, "password", "Введите пароль.");
    if (!gf_form_has_errors(r))
        err = gf_session_login(r, email, password, &result);
    free(email);
    if (err)
        return nerr_pass(err);
    if (!gf_form_has_errors(r)) {
        switch (result) {
        case 0:
            gf_redirect(r, safe_next(gf_param(r, "next", NULL)));
            return STATUS_OK;
        case 2:
            gf_field_error(r, "form", "Слишком много неудачных попыток входа. "
                                      "Подождите 15 минут и попробуйте снова.");
            r->status = 429;
            break;
        case 3:
            gf_field_error(r, "form", "Адрес электронной почты ещё не подтверждён. "
                                      "Перейдите по ссылке из письма.");
            r->status = 403;
            break;
        default:
            gf_field_error(r, "form", "Неверный адрес электронной почты или пароль.");
            r->status = 401;
        }
    } else {
        r->status = 400;
    }
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "login", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
