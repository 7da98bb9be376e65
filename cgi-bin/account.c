/*
 * account — "/account": the logged-in user's own account: change the
 * password (ends the other sessions), change the email (confirmed by a
 * link sent to the new address, "/account/email?token=…"; the old address
 * is told, the other sessions end), and the list of active sessions with
 * "log out on every other device". The current password is checked first
 * and throttled as a login is; either change spends every link mailed
 * earlier for the account. Staff also choose
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
    Q_SET_PW, Q_SESSIONS, Q_EMAIL_TAKEN, Q_SET_EMAIL, Q_ALERTS, Q_ALERTS_LOCK,
    Q_ALERT_SET, Q_INVITED, Q_WELCOME, Q__MAX
};
static const char *const Q[] = {
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

/* The current password, throttled as a login is (per account and per IP):
 * *right = 1 when it is right; wrong or throttled is a message next to the
 * field. A database that cannot be asked is an error of the request (503),
 * not a wrong password. */
static NEOERR *check_current_password(gf_req *r, const char *field, int *right)
{
    int result = 1;
    NEOERR *err;

    *right = 0;
    if ((err = gf_password_check(r, hdf_get_value(r->hdf, "User.Email", ""), gf_param(r, field, ""),
                                 &result, NULL, NULL)))
        return nerr_pass(err);
    if (result == 2)
        gf_password_throttled(r, field);
    else if (result)
        gf_field_error(r, field, "Текущий пароль указан неверно.");
    *right = !result;
    return STATUS_OK;
}

/* Links mailed earlier for this account (a password reset, a new address)
 * die with a change of its password or address. */
static NEOERR *revoke_links(long long uid)
{
    NEOERR *err = gf_token_revoke(uid, "reset");

    return nerr_pass(err ? err : gf_token_revoke(uid, "email"));
}

static NEOERR *change_password(gf_req *r)
{
    const char *pw = gf_param(r, "new_password", "");
    char hash[128];
    int right;
    NEOERR *err;

    if ((err = check_current_password(r, "current_password", &right)))
        return nerr_pass(err);
    gf_field_new_password(r, "new_password", "new_password2");
    if (!right || gf_form_has_errors(r))
        return STATUS_OK;
    if (!gf_password_hash(pw, hash))
        return nerr_raise(NERR_NOMEM, "password hashing failed");
    if ((err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_SET_PW], ARGS(A_STR(hash), A_INT(r->user_id)), NULL, NULL)) ||
        (err = revoke_links(r->user_id)) ||
        (err = gf_session_end_others(r->user_id, r->session_hash)) || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_redirect(r, "/account?done=password");
    return STATUS_OK;
}

/* A link to the new address; when another account has it, the same answer
 * here and a mail to that address instead (nothing to learn about who is
 * registered). Mails count as registration's do (Register.*). */
static NEOERR *change_email(gf_req *r)
{
    char *email = gf_email_norm(gf_param(r, "new_email", "")), *own;
    long window = gf_cfg_int("Register.RateWindow", 3600);
    int right, taken = 0, allowed = 0;
    HDF *mail = NULL;
    NEOERR *err;

    if (!gf_valid_email(email))
        gf_field_error(r, "new_email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    /* the password before anything about the address */
    if ((err = check_current_password(r, "email_password", &right)) || !right)
        goto done;
    own = gf_email_norm(hdf_get_value(r->hdf, "User.Email", ""));
    if (!strcmp(email, own))
        gf_field_error(r, "new_email", "Это ваш текущий адрес: укажите новый.");
    free(own);
    if (gf_form_has_errors(r) ||
        (err = gf_limit_ip(r, "account-email", gf_cfg_int("Register.IPMax", 100), window,
                           "new_email", &allowed)) || !allowed ||
        (err = gf_limit_email(r, "account-email", email, gf_cfg_int("Register.EmailMax", 3), window,
                              "new_email", &allowed)) || !allowed ||
        (err = hdf_init(&mail)) ||
        (err = gf_db_row(Q[Q_EMAIL_TAKEN], ARGS(A_STR(email)), mail, "Taken", &taken)) ||
        (err = gf_db_begin()))
        goto done;
    if (taken && !(err = hdf_set_value(mail, "Site.Name", gf_cfg("Site.Name", ""))))
        err = gf_mail_queue(r, email, "email_taken.cs", mail);
    else if (!taken)
        err = gf_token_mail(r, "email", r->user_id, 0, email, 48 * 3600, "/account/email",
                            "email_change.cs", mail);
    if (!err && !(err = gf_db_commit()))
        gf_redirect(r, "/account?done=email_sent");
done:
    hdf_destroy(&mail);
    free(email);
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

/* The new address replaces the old one; the old one is told (no link: an
 * attacker who changed it must not get one), the other sessions end and
 * every link mailed for the account dies. */
static NEOERR *confirm_email(gf_req *r)
{
    const char *email;
    int ok = 0;
    HDF *mail;
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
    email = hdf_get_value(r->hdf, "Token.email", "");
    err = gf_db_exec(Q[Q_SET_EMAIL], ARGS(A_STR(email), A_INT(r->user_id)), NULL, NULL);
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
        gf_db_rollback();
        gf_set_int(r->hdf, "Valid", 0);
        gf_set(r->hdf, "Taken", "1");
        r->status = 409;
        return STATUS_OK;
    }
    if (err || (err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = hdf_set_value(mail, "Name", hdf_get_value(r->hdf, "User.Name", ""))) &&
        !(err = hdf_set_value(mail, "NewEmail", email)) &&
        !(err = hdf_set_value(mail, "Site.Name", gf_cfg("Site.Name", ""))) &&
        !(err = hdf_set_value(mail, "Site.URL", gf_cfg("Site.URL", ""))) &&
        !(err = gf_mail_queue(r, hdf_get_value(r->hdf, "User.Email", ""), "email_changed.cs", mail)) &&
        !(err = revoke_links(r->user_id)) &&
        !(err = gf_session_end_others(r->user_id, r->session_hash)))
        err = gf_db_commit();
    hdf_destroy(&mail);
    if (!err)
        gf_redirect(r, "/account?done=email");
    return nerr_pass(err);
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
    /* the link first: hashing (argon2id, 64 MiB) only for a valid one */
    if ((err = gf_token_page(r, "reset", &ok)) || !ok) {
        r->status = 400;
        return nerr_pass(err);
    }
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
    if ((err = revoke_links(uid)) ||
        (err = gf_session_end_others(uid, "")) || (err = gf_session_start(r, uid)) ||
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
    if (r->status == 200)       /* a throttle has said 429 */
        r->status = 400;
    return nerr_pass(show(r));
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/account", show, change, 0, 0},
        {"/account/email", confirm_email_page, confirm_email, 0, 0},
        {"/account/alerts", NULL, save_alerts, GR_STAFF, 0},
        {"/account/welcome", welcome_page, welcome, GF_PUBLIC, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "account", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_USERS, .routes = routes};
    return gf_run(argc, argv, &prog);
}
