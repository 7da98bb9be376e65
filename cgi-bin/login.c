/*
 * login — "/login": email and password. Failed attempts are throttled per
 * account (however the address is spelled) and per IP (session.c); after
 * success the browser goes to the page it came for (?next=, site-relative
 * only) or to the cabinet. An address not yet confirmed gets a button for
 * the confirmation mail again ("/register/resend").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

/* Only a path on this site (gf_local_path), else the cabinet. */
static const char *safe_next(const char *next)
{
    return gf_local_path(next) && strlen(next) <= 400 ? next : "/cabinet";
}

/* The sign-in page, for showing it and for showing it again. */
static void prepare(gf_req *r)
{
    gf_set(r->hdf, "Page.Title", "Вход");
    gf_set(r->hdf, "Page.Nav", "login");
    gf_set(r->hdf, "Next", safe_next(gf_param(r, "next", NULL)));
    r->page = "login.cs";
}

static NEOERR *show(gf_req *r)
{
    prepare(r);
    return STATUS_OK;
}

static NEOERR *sign_in(gf_req *r)
{
    char *email;
    const char *password;
    int result = 1;
    NEOERR *err = STATUS_OK;

    prepare(r);

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
            gf_password_throttled(r, "form");
            break;
        default:
            /* an address not yet confirmed gets the same answer as a wrong
             * password: otherwise registering an address and signing in
             * with the password just chosen tells whether it had an
             * account. Both are offered the confirmation mail again. */
            gf_field_error(r, "form", "Неверный адрес электронной почты или пароль — или адрес "
                                      "ещё не подтверждён: тогда перейдите по ссылке из письма.");
            gf_set(r->hdf, "Unconfirmed", "1");
            r->status = 401;
        }
    } else {
        r->status = 400;
    }
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/login", show, sign_in, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "login", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
