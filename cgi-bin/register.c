/*
 * register — "/register": an NGO representative creates an account (email,
 * password, name, phone, consent to personal-data processing under 152-FZ).
 * A confirmation link is emailed; the account works only after it is
 * confirmed at "/register/confirm?token=…" (a button, so that mail
 * scanners following links cannot confirm it). Links expire in 48 hours
 * and work once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_EXISTS, Q_ADD, Q_ROLE, Q_CONFIRM, Q__MAX };
static const char *const Q[] = {
    [Q_EXISTS] =
        "SELECT id FROM users WHERE email = ?",
    [Q_ADD] =
        "INSERT INTO users (email, password_hash, name, phone, created_at, consent_at)"
        " VALUES (?, ?, ?, ?, NOW(), NOW())",
    [Q_ROLE] =
        "INSERT INTO user_roles (user_id, role) VALUES (?, 'applicant')",
    [Q_CONFIRM] =
        "UPDATE users SET confirmed_at = NOW() WHERE id = ? AND confirmed_at IS NULL",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *validate(gf_req *r, const char *email, const char *name,
                     const char *phone)
{
    int found = 0;
    NEOERR *err;

    if (!*email)
        gf_field_error(r, "email", "Укажите адрес электронной почты.");
    else if (!gf_valid_email(email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    else if ((err = gf_db_row(Q[Q_EXISTS], ARGS(A_STR(email)), r->hdf, "Existing", &found)))
        return nerr_pass(err);
    else if (found)
        gf_field_error(r, "email", "Этот адрес уже зарегистрирован. Войдите или восстановите пароль.");
    gf_field_new_password(r, "password", "password2");
    gf_field_text(r, "name", name, GF_REQUIRED | GF_ONE_LINE, 200);
    if (gf_field_text(r, "phone", phone, GF_ONE_LINE, 40) && *phone &&
        strspn(phone, "0123456789+-() ") != strlen(phone))
        gf_field_error(r, "phone", "Телефон: цифры, пробелы, «+», «-» и скобки, например +7 (861) 200-00-00.");
    if (strcmp(gf_param(r, "consent", ""), "1"))
        gf_field_error(r, "consent", "Без согласия на обработку персональных данных регистрация невозможна.");
    return STATUS_OK;
}

static NEOERR *create(gf_req *r, const char *email, const char *pw, const char *name,
                      const char *phone)
{
    char hash[128];
    long long id = 0;
    HDF *mail;
    NEOERR *err;

    if (!gf_password_hash(pw, hash))
        return nerr_raise(NERR_NOMEM, "password hashing failed");
    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_exec(Q[Q_ADD], ARGS(A_STR(email), A_STR(hash), A_STR(name),
                                          *phone ? A_STR(phone) : A_NULL), NULL, &id)) &&
        !(err = gf_db_exec(Q[Q_ROLE], ARGS(A_INT(id)), NULL, NULL)) &&
        !(err = hdf_set_value(mail, "Name", name)) &&
        !(err = gf_token_mail(r, "confirm", id, 0, email, 48 * 3600, "/register/confirm",
                              "confirm.cs", mail)))
        err = gf_db_commit();
    hdf_destroy(&mail);
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {    /* registered a moment ago */
        gf_db_rollback();
        gf_field_error(r, "email", "Этот адрес уже зарегистрирован. Войдите или восстановите пароль.");
    }
    if (!err && id)
        gf_log("info", "registered user=%lld", id);
    return nerr_pass(err);
}

static void confirm_prepare(gf_req *r)
{
    r->page = "register_confirm.cs";
    gf_set(r->hdf, "Page.Title", "Подтверждение адреса");
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
}

/* The link from the mail: a page with a button (a GET changes nothing). */
static NEOERR *confirm_page(gf_req *r)
{
    int ok;

    confirm_prepare(r);
    return nerr_pass(gf_token_page(r, "confirm", &ok));
}

static NEOERR *confirm(gf_req *r)
{
    int ok = 0;
    long long uid;
    NEOERR *err;

    confirm_prepare(r);
    if ((err = gf_token_redeem(r, "confirm", &ok)) || !ok)
        return nerr_pass(err);
    uid = atoll(hdf_get_value(r->hdf, "Token.user_id", "0"));
    if ((err = gf_db_exec(Q[Q_CONFIRM], ARGS(A_INT(uid)), NULL, NULL)) ||
        (err = gf_session_start(r, uid)) || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_log("info", "confirmed user=%lld", uid);
    gf_redirect(r, "/org?welcome=1");
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    r->page = "register.cs";
    gf_set(r->hdf, "Page.Title", "Регистрация");
    gf_set(r->hdf, "Sent", gf_param(r, "sent", ""));
    return STATUS_OK;
}

static NEOERR *sign_up(gf_req *r)
{
    const char *email, *pw, *name, *phone;
    long window = gf_cfg_int("Register.RateWindow", 3600);
    NEOERR *err;

    r->page = "register.cs";
    gf_set(r->hdf, "Page.Title", "Регистрация");
    email = gf_input(r, "email");
    pw = gf_param(r, "password", "");
    name = gf_input(r, "name");
    phone = gf_input(r, "phone");
    if ((err = validate(r, email, name, phone)))
        return nerr_pass(err);
    if (!gf_form_has_errors(r)) {
        /* each registration mails someone: a limit per address keeps the
         * form from being used to flood mailboxes */
        char bucket[100];
        int allowed = 1;
        snprintf(bucket, sizeof bucket, "register:ip:%s", r->ip);
        if ((err = gf_rate_limit(bucket, (int)gf_cfg_int("Register.RateMax", 10), (int)window, 1,
                                 &allowed)))
            return nerr_pass(err);
        if (!allowed) {
            char msg[300], wait[64];
            gf_fmt_duration(window, wait, sizeof wait);
            snprintf(msg, sizeof msg, "С вашего адреса слишком много регистраций. "
                     "Попробуйте через %s.", wait);
            gf_field_error(r, "email", msg);
            r->status = 429;
            return STATUS_OK;
        }
        if ((err = create(r, email, pw, name, phone)))
            return nerr_pass(err);
    }
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    gf_redirect(r, "/register?sent=1");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/register", show, sign_up, 0},
        {"/register/confirm", confirm_page, confirm, 0},
        {NULL, NULL, NULL, 0},
    };
    static const gf_program prog = {.name = "register", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
