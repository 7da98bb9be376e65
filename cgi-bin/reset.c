/*
 * reset — "/reset": a forgotten password. The visitor gives the email; if
 * it belongs to an account, a link valid for 2 hours is mailed (the page
 * says the same either way). Requests are limited per address and, with a
 * ceiling a carrier's NAT does not reach, per network. "/reset/new?token=…"
 * sets a new password (same rules as registration): the link is checked
 * before any hashing and the page is limited per network, so a forged link
 * costs no CPU; it ends every session of the account and spends every
 * other link mailed for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_USER, Q_SET, Q__MAX };
static const char *const Q[] = {
    [Q_USER] =
        "SELECT id, name, email FROM users WHERE email = ? AND disabled = 0",
    [Q_SET] =
        "UPDATE users SET password_hash = ?, confirmed_at = COALESCE(confirmed_at, NOW()) WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

static void ask_prepare(gf_req *r)
{
    r->page = "reset.cs";
    gf_set(r->hdf, "Page.Title", "Восстановление пароля");
    gf_set(r->hdf, "Sent", gf_param(r, "sent", ""));
}

static NEOERR *ask(gf_req *r)
{
    ask_prepare(r);
    return STATUS_OK;
}

static NEOERR *request_link(gf_req *r)
{
    char *email = gf_email_norm(gf_param(r, "email", ""));
    long window = gf_cfg_int("Reset.RateWindow", 3600);
    int allowed = 0, found = 0;
    HDF *mail = NULL;
    NEOERR *err;

    ask_prepare(r);
    if (!gf_valid_email(email)) {
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
        r->status = 400;
        free(email);
        return STATUS_OK;
    }
    /* the same count for every address, known or not */
    if ((err = gf_limit_ip(r, "reset", gf_cfg_int("Reset.IPMax", 100), window, "email",
                           &allowed)) || !allowed ||
        (err = gf_limit_email(r, "reset", email, gf_cfg_int("Reset.EmailMax", 3), window,
                              "email", &allowed)) || !allowed ||
        (err = hdf_init(&mail)) ||
        (err = gf_db_row(Q[Q_USER], ARGS(A_STR(email)), mail, "User", &found)))
        goto done;
    if (found && !(err = gf_db_begin()) &&
        !(err = gf_token_mail(r, "reset", atoll(hdf_get_value(mail, "User.id", "0")), 0,
                              hdf_get_value(mail, "User.email", email), 2 * 3600, "/reset/new",
                              "reset.cs", mail)))
        err = gf_db_commit();
    if (!err)
        gf_redirect(r, "/reset?sent=1");
done:
    hdf_destroy(&mail);
    free(email);
    return nerr_pass(err);
}

static void new_prepare(gf_req *r)
{
    r->page = "reset_new.cs";
    gf_set(r->hdf, "Page.Title", "Восстановление пароля");
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
}

/* The link from the mail: the form for the new password. */
static NEOERR *new_password_page(gf_req *r)
{
    int ok;

    new_prepare(r);
    return nerr_pass(gf_token_page(r, "reset", &ok));
}

static NEOERR *set_password(gf_req *r)
{
    const char *pw = gf_param(r, "password", "");
    char hash[128];
    long long uid;
    int ok = 0;
    NEOERR *err;

    new_prepare(r);
    if ((err = gf_limit_ip(r, "reset-new", gf_cfg_int("Reset.NewIPMax", 100),
                           gf_cfg_int("Reset.RateWindow", 3600), "form", &ok)) || !ok)
        return nerr_pass(err);
    /* the link first: hashing (argon2id, 64 MiB) only for a valid one */
    if ((err = gf_token_page(r, "reset", &ok)) || !ok) {
        r->status = 400;
        return nerr_pass(err);
    }
    if (!gf_field_new_password(r, "password", "password2")) {
        r->status = 400;
        return STATUS_OK;
    }
    if (!gf_password_hash(pw, hash))
        return nerr_raise(NERR_NOMEM, "password hashing failed");
    if ((err = gf_token_redeem(r, "reset", &ok)) || !ok)    /* spent a moment ago */
        return nerr_pass(err);
    uid = atoll(hdf_get_value(r->hdf, "Token.user_id", "0"));
    if ((err = gf_db_exec(Q[Q_SET], ARGS(A_STR(hash), A_INT(uid)), NULL, NULL)) ||
        (err = gf_token_revoke(uid, "reset")) || (err = gf_token_revoke(uid, "email")) ||
        (err = gf_token_revoke(uid, "confirm")) ||
        (err = gf_session_end_others(uid, "")) || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_log("info", "password reset user=%lld", uid);
    gf_redirect(r, "/login?reset=1");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/reset", ask, request_link, 0, 0},
        {"/reset/new", new_password_page, set_password, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "reset", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
