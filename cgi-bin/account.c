/*
 * account — "/account": the logged-in user's own account: change the
 * password (ends the other sessions), change the email (confirmed by a
 * link sent to the new address, "/account/email?token=…"), and the list of
 * active sessions with "log out on every other device". Staff also choose
 * here, per kind of alert, «сразу / в ежедневной сводке / не получать»
 * ("/account/alerts", grant/alerts.c).
 *
 * "/account/welcome?token=…" is where a person invited by the
 * administrator (/admin/users/invite) sets their name and password. The
 * link's token is a "reset" token: it grants exactly what a password reset
 * does (set this account's password), so the same purpose serves both, and
 * a lost invitation can be replaced by /reset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_HASH, Q_SET_PW, Q_SESSIONS, Q_EMAIL_TAKEN, Q_SET_EMAIL, Q_ALERTS, Q_ALERTS_LOCK,
    Q_ALERT_SET, Q_INVITED, Q_WELCOME, Q__MAX
};
static const char *const Q[] = {
    [Q_HASH] =
        "SELECT password_hash FROM users WHERE id = ?",
    [Q_SET_PW] =
        "UPDATE users SET password_hash = ? WHERE id = ?",
    [Q_SESSIONS] =
        "SELECT UNIX_TIMESTAMP(created_at) AS created_ts, UNIX_TIMESTAMP(expires_at) AS expires_ts,"
        " ip, token_hash = ? AS current FROM sessions WHERE user_id = ? AND expires_at > NOW()"
        " ORDER BY id DESC",
    [Q_EMAIL_TAKEN] =
        "SELECT id FROM users WHERE email = ?",
    [Q_SET_EMAIL] =
        "UPDATE users SET email = ? WHERE id = ?",
    [Q_ALERTS] =
        "SELECT kind, mode FROM user_alerts WHERE user_id = ?",
    [Q_ALERTS_LOCK] =
        "SELECT kind, mode FROM user_alerts WHERE user_id = ? FOR UPDATE",
    [Q_ALERT_SET] =
        "INSERT INTO user_alerts (user_id, kind, mode) VALUES (?, ?, ?)"
        " ON DUPLICATE KEY UPDATE mode = VALUES(mode)",
    [Q_INVITED] =
        "SELECT name, email FROM users WHERE id = ? AND disabled = 0",
    [Q_WELCOME] =
        "UPDATE users SET name = ?, password_hash = ?, confirmed_at = COALESCE(confirmed_at, NOW())"
        " WHERE id = ? AND disabled = 0",
};
GF_STATEMENTS(Q, Q__MAX);

/* A wrong current password is a field error; a database that cannot be
 * asked is an error of the request (503), not a wrong password. */
static NEOERR *check_current_password(gf_req *r, const char *field)
{
    HDF *row;
    NEOERR *err;

    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_HASH], ARGS(A_INT(r->user_id)), row, NULL, NULL);
    if (!err && !gf_password_verify(hdf_get_value(row, "password_hash", ""),
                                    gf_param(r, field, "")))
        gf_field_error(r, field, "Текущий пароль указан неверно.");
    hdf_destroy(&row);
    return nerr_pass(err);
}

static NEOERR *change_password(gf_req *r)
{
    const char *pw = gf_param(r, "new_password", "");
    char hash[128];
    NEOERR *err;

    if ((err = check_current_password(r, "current_password")))
        return nerr_pass(err);
    gf_field_new_password(r, "new_password", "new_password2");
    if (gf_form_has_errors(r))
        return STATUS_OK;
    if (!gf_password_hash(pw, hash))
        return nerr_raise(NERR_NOMEM, "password hashing failed");
    if ((err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_SET_PW], ARGS(A_STR(hash), A_INT(r->user_id)), NULL, NULL)) ||
        (err = gf_session_end_others(r->user_id, r->session_hash)) || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_redirect(r, "/account?done=password");
    return STATUS_OK;
}

static NEOERR *change_email(gf_req *r)
{
    const char *email = gf_input(r, "new_email");
    int taken = 0;
    HDF *mail;
    NEOERR *err;

    if ((err = check_current_password(r, "email_password")))
        return nerr_pass(err);
    if (!gf_valid_email(email))
        gf_field_error(r, "new_email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    else if ((err = gf_db_row(Q[Q_EMAIL_TAKEN], ARGS(A_STR(email)), r->hdf, "Taken", &taken)))
        return nerr_pass(err);
    else if (taken)
        gf_field_error(r, "new_email", "Этот адрес уже занят другой учётной записью.");
    if (gf_form_has_errors(r))
        return STATUS_OK;
    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_token_mail(r, "email", r->user_id, 0, email, 48 * 3600, "/account/email",
                              "email_change.cs", mail)))
        err = gf_db_commit();
    hdf_destroy(&mail);
    if (!err)
        gf_redirect(r, "/account?done=email_sent");
    return nerr_pass(err);
}

static void email_prepare(gf_req *r)
{
    r->page = "account_email.cs";
    gf_set(r->hdf, "Page.Title", "Учётная запись");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
}

/* The link from the mail to the new address: a page with a button. */
static NEOERR *confirm_email_page(gf_req *r)
{
    int ok;
    NEOERR *err;

    email_prepare(r);
    if ((err = gf_token_page(r, "email", &ok)))
        return nerr_pass(err);
    /* a link for another account is not this user's to confirm */
    gf_set_int(r->hdf, "Valid", ok && atoll(hdf_get_value(r->hdf, "Token.user_id", "0")) == r->user_id);
    return STATUS_OK;
}

static NEOERR *confirm_email(gf_req *r)
{
    int ok = 0;
    NEOERR *err;

    email_prepare(r);
    if ((err = gf_token_redeem(r, "email", &ok)) || !ok)
        return nerr_pass(err);
    if (atoll(hdf_get_value(r->hdf, "Token.user_id", "0")) != r->user_id) {
        gf_db_rollback();
        gf_set_int(r->hdf, "Valid", 0);
        r->status = 400;
        return STATUS_OK;
    }
    err = gf_db_exec(Q[Q_SET_EMAIL], ARGS(A_STR(hdf_get_value(r->hdf, "Token.email", "")),
                                          A_INT(r->user_id)), NULL, NULL);
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
        gf_db_rollback();
        gf_set_int(r->hdf, "Valid", 0);
        gf_set(r->hdf, "Taken", "1");
        r->status = 409;
        return STATUS_OK;
    }
    if (err || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_redirect(r, "/account?done=email");
    return STATUS_OK;
}

/* ---- staff alerts ------------------------------------------------------- */

static const char *const alert_modes[] = {"now", "daily", "off", NULL};

/* The user's mode for each kind (their choice, else the kind's default)
 * into Alerts.<n>.{name,title,mode,fallback}; the form field of kind k is
 * alert_<k>, shown again from Query when the form comes back. */
static NEOERR *alerts_load(gf_req *r)
{
    HDF *stored;
    char key[64];
    int n = 0;
    NEOERR *err;

    if ((err = hdf_init(&stored)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_ALERTS], ARGS(A_INT(r->user_id)), stored, "Rows", NULL);
    for (const gr_alert_kind *k = gr_alert_kinds; !err && k->name; k++, n++) {
        const char *mode = k->fallback;
        for (HDF *s = hdf_get_child(stored, "Rows"); s; s = hdf_obj_next(s))
            if (!strcmp(hdf_get_value(s, "kind", ""), k->name))
                mode = hdf_get_value(s, "mode", mode);
        snprintf(key, sizeof key, "Query.alert_%s", k->name);
        if (!hdf_get_value(r->hdf, key, NULL))
            gf_set(r->hdf, key, mode);
        gf_setf(r->hdf, "Alerts.%d.name=%s", n, k->name);
        gf_setf(r->hdf, "Alerts.%d.title=%s", n, k->title);
        gf_setf(r->hdf, "Alerts.%d.fallback=%s", n, k->fallback);
    }
    hdf_destroy(&stored);
    return nerr_pass(err);
}

/* The account page: the forms and the sessions. */
static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    gf_set(r->hdf, "Page.Title", "Учётная запись");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    r->page = "account.cs";
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    if ((r->roles & GR_STAFF) && (err = alerts_load(r)))
        return nerr_pass(err);
    return nerr_pass(gf_db_rows(Q[Q_SESSIONS], ARGS(A_STR(r->session_hash), A_INT(r->user_id)),
                                r->hdf, "Sessions", NULL));
}

/* Saves every kind's choice (an explicit choice stays even when the
 * default changes) and audits each change as "settings". */
static NEOERR *save_alerts(gf_req *r)
{
    const char *mode[16];
    char field[64];
    HDF *stored;
    int n = 0;
    NEOERR *err;

    for (const gr_alert_kind *k = gr_alert_kinds; k->name && n < 16; k++, n++) {
        snprintf(field, sizeof field, "alert_%s", k->name);
        mode[n] = gf_param(r, field, "");
        int ok = 0;
        for (int i = 0; alert_modes[i]; i++)
            ok |= !strcmp(mode[n], alert_modes[i]);
        if (!ok)
            gf_field_error(r, field, "Выберите один из трёх вариантов.");
    }
    if (gf_form_has_errors(r)) {
        gf_field_error(r, "alerts", "Настройки оповещений не сохранены: проверьте отмеченное ниже.");
        r->status = 400;
        return nerr_pass(show(r));
    }
    if ((err = hdf_init(&stored)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()))
        err = gf_db_rows(Q[Q_ALERTS_LOCK], ARGS(A_INT(r->user_id)), stored, "Rows", NULL);
    n = 0;
    for (const gr_alert_kind *k = gr_alert_kinds; !err && k->name && n < 16; k++, n++) {
        const char *was = k->fallback;
        char reason[64];
        for (HDF *s = hdf_get_child(stored, "Rows"); s; s = hdf_obj_next(s))
            if (!strcmp(hdf_get_value(s, "kind", ""), k->name))
                was = hdf_get_value(s, "mode", was);
        snprintf(reason, sizeof reason, "alert:%s", k->name);
        if (!(err = gf_db_exec(Q[Q_ALERT_SET], ARGS(A_INT(r->user_id), A_STR(k->name),
                                                    A_STR(mode[n])), NULL, NULL)) &&
            strcmp(was, mode[n]))
            err = gr_audit(r, "user", r->user_id, "settings", was, mode[n], reason);
    }
    hdf_destroy(&stored);
    if (err || (err = gf_db_commit())) {
        gf_db_rollback();
        return nerr_pass(err);
    }
    gf_redirect(r, "/account?done=alerts#alerts");
    return STATUS_OK;
}

/* ---- an invitation: name and password ----------------------------------- */

static void welcome_prepare(gf_req *r)
{
    r->page = "account_welcome.cs";
    gf_set(r->hdf, "Page.Title", "Добро пожаловать");
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
}

/* The link from the invitation: who it is for, and the form. */
static NEOERR *welcome_page(gf_req *r)
{
    int ok, found = 0;
    NEOERR *err;

    welcome_prepare(r);
    if ((err = gf_token_page(r, "reset", &ok)) || !ok)
        return nerr_pass(err);
    if ((err = gf_db_row(Q[Q_INVITED], ARGS(A_INT(atoll(hdf_get_value(r->hdf, "Token.user_id", "0")))),
                         r->hdf, "Invited", &found)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Valid", found);
    if (found && !*gf_param(r, "name", ""))
        gf_set(r->hdf, "Query.name", hdf_get_value(r->hdf, "Invited.name", ""));
    return STATUS_OK;
}

static NEOERR *welcome(gf_req *r)
{
    const char *name = gf_input(r, "name"), *pw = gf_param(r, "password", "");
    char hash[128];
    long long uid, n = 0;
    int ok = 0;
    NEOERR *err;

    welcome_prepare(r);
    gf_set_int(r->hdf, "Valid", 1);
    gf_field_text(r, "name", name, GF_REQUIRED | GF_ONE_LINE, 200);
    gf_field_new_password(r, "password", "password2");
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if (!gf_password_hash(pw, hash))
        return nerr_raise(NERR_NOMEM, "password hashing failed");
    if ((err = gf_token_redeem(r, "reset", &ok)) || !ok)
        return nerr_pass(err);
    uid = atoll(hdf_get_value(r->hdf, "Token.user_id", "0"));
    if ((err = gf_db_exec(Q[Q_WELCOME], ARGS(A_STR(name), A_STR(hash), A_INT(uid)), &n, NULL)))
        return nerr_pass(err);
    if (n != 1) {                       /* blocked meanwhile */
        gf_db_rollback();
        gf_set_int(r->hdf, "Valid", 0);
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = gf_session_end_others(uid, "")) || (err = gf_session_start(r, uid)) ||
        (err = gr_audit(r, "user", uid, "welcome", NULL, NULL, NULL)) || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_log("info", "invitation accepted user=%lld", uid);
    gf_redirect(r, "/cabinet");
    return STATUS_OK;
}

/* One of its forms, by its action; with errors the page comes back. */
static NEOERR *change(gf_req *r)
{
    const char *action = gf_param(r, "action", "");
    NEOERR *err;

    if (!strcmp(action, "password"))
        err = change_password(r);
    else if (!strcmp(action, "email"))
        err = change_email(r);
    else if (!strcmp(action, "logout_others")) {
        if (!(err = gf_session_end_others(r->user_id, r->session_hash)))
            gf_redirect(r, "/account?done=sessions");
    } else
        return nerr_raise(GF_ERR_BADREQ, "unknown action");
    if (err || r->location[0])
        return nerr_pass(err);
    r->status = 400;
    return nerr_pass(show(r));
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/account", show, change, 0},
        {"/account/email", confirm_email_page, confirm_email, 0},
        {"/account/alerts", NULL, save_alerts, GR_STAFF},
        {"/account/welcome", welcome_page, welcome, GF_PUBLIC},
        {NULL, NULL, NULL, 0},
    };
    static const gf_program prog = {.name = "account", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_USERS, .routes = routes};
    return gf_run(argc, argv, &prog);
}
