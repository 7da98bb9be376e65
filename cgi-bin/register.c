/*
 * register — "/register": an NGO representative creates an account (email,
 * password, name, phone, consent to personal-data processing under 152-FZ).
 * A confirmation link is emailed; the account works only after it is
 * confirmed at "/register/confirm?token=…" with the password set at
 * registration (a button, so that mail scanners following links cannot
 * confirm it; the password, so that whoever registered someone else's
 * address cannot have its owner confirm an account whose password the
 * registrant knows). Links expire in 48 hours and work once.
 *
 * The page answers the same for every address. A new one gets an account;
 * one registered but never confirmed gets the newer registration instead
 * (its password and name; older links die), so a stranger's registration
 * cannot hold an address; an account in use stays as it is and its owner
 * is mailed that someone tried. "/register/resend" mails a new link to an
 * unconfirmed address (offered where a login meets one). Every mail of
 * this program counts per address and, with a ceiling a carrier's NAT does
 * not reach, per network.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_FIND, Q_ADD, Q_ROLE, Q_REPLACE, Q_PENDING, Q_CONFIRM, Q__MAX };
static const char *const Q[] = {
    /* replaceable: registered here (consent) but never confirmed, not
     * blocked; an administrator's invitation has no consent yet */
    [Q_FIND] =
        "SELECT id, name, email, confirmed_at IS NULL AND disabled = 0 AND consent_at IS NOT NULL"
        " AS replaceable FROM users WHERE email = ?",
    [Q_ADD] =
        "INSERT INTO users (email, password_hash, name, phone, created_at, consent_at)"
        " VALUES (?, ?, ?, ?, NOW(), NOW())",
    [Q_ROLE] =
        "INSERT INTO user_roles (user_id, role) VALUES (?, 'applicant')",
    [Q_REPLACE] =
        "UPDATE users SET password_hash = ?, name = ?, phone = ?, consent_at = NOW()"
        " WHERE id = ? AND confirmed_at IS NULL AND disabled = 0 AND consent_at IS NOT NULL",
    [Q_PENDING] =
        "SELECT id, name, email FROM users WHERE email = ? AND confirmed_at IS NULL"
        " AND disabled = 0 AND consent_at IS NOT NULL",
    [Q_CONFIRM] =
        "UPDATE users SET confirmed_at = NOW() WHERE id = ? AND confirmed_at IS NULL",
};
GF_STATEMENTS(Q, Q__MAX);

static void validate(gf_req *r, const char *email, const char *name, const char *phone)
{
    if (!*email)
        gf_field_error(r, "email", "Укажите адрес электронной почты.");
    else if (!gf_valid_email(email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    gf_field_new_password(r, "password", "password2");
    gf_field_text(r, "name", name, GF_REQUIRED | GF_ONE_LINE, 200);
    if (gf_field_text(r, "phone", phone, GF_ONE_LINE, 40) && *phone &&
        strspn(phone, "0123456789+-() ") != strlen(phone))
        gf_field_error(r, "phone", "Телефон: цифры, пробелы, «+», «-» и скобки, например +7 (861) 200-00-00.");
    if (strcmp(gf_param(r, "consent", ""), "1"))
        gf_field_error(r, "consent", "Без согласия на обработку персональных данных регистрация невозможна.");
}

/* Every mail of this program: per address and per network, counted the
 * same whether the address is known or not. */
static NEOERR *limits(gf_req *r, const char *email, int *allowed)
{
    long window = gf_cfg_int("Register.RateWindow", 3600);
    NEOERR *err;

    if ((err = gf_limit_ip(r, "register", gf_cfg_int("Register.IPMax", 100), window, "email",
                           allowed)) || !*allowed)
        return nerr_pass(err);
    return nerr_pass(gf_limit_email(r, "register", email, gf_cfg_int("Register.EmailMax", 3),
                                    window, "email", allowed));
}

/* Mails user uid a new confirmation link (inside the caller's transaction). */
static NEOERR *mail_link(gf_req *r, long long uid, const char *email, const char *name)
{
    HDF *mail;
    NEOERR *err;

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = hdf_set_value(mail, "Name", name)))
        err = gf_token_mail(r, "confirm", uid, 0, email, 48 * 3600, "/register/confirm",
                            "confirm.cs", mail);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

/* Tells the owner of an account in use that someone registered its address. */
static NEOERR *mail_known(gf_req *r, HDF *user)
{
    HDF *mail;
    NEOERR *err;

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = hdf_set_value(mail, "Name", hdf_get_value(user, "name", ""))) &&
        !(err = hdf_set_value(mail, "Site.Name", gf_cfg("Site.Name", ""))))
        err = hdf_set_value(mail, "Site.URL", gf_cfg("Site.URL", ""));
    if (!err)
        err = gf_mail_queue(r, hdf_get_value(user, "email", ""), "register_known.cs", mail);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

/* A new account, the newer registration of an unconfirmed one, or a mail
 * to the owner of one in use — what the address calls for. */
static NEOERR *enroll(gf_req *r, const char *email, const char *hash, const char *name,
                      const char *phone, int *again)
{
    HDF *user;
    long long id = 0, n = 0;
    int found = 0;
    NEOERR *err;

    *again = 0;
    if ((err = hdf_init(&user)))
        return nerr_pass(err);
    if ((err = gf_db_begin()) ||
        (err = gf_db_row(Q[Q_FIND], ARGS(A_STR(email)), user, NULL, &found)))
        goto done;
    if (!found) {
        err = gf_db_exec(Q[Q_ADD], ARGS(A_STR(email), A_STR(hash), A_STR(name),
                                        *phone ? A_STR(phone) : A_NULL), NULL, &id);
        if (nerr_handle(&err, GF_ERR_DUPLICATE)) {   /* registered a moment ago */
            *again = 1;
            goto done;
        }
        if (!err && !(err = gf_db_exec(Q[Q_ROLE], ARGS(A_INT(id)), NULL, NULL)))
            err = mail_link(r, id, email, name);
    } else {
        id = atoll(hdf_get_value(user, "id", "0"));
        if (hdf_get_int_value(user, "replaceable", 0) &&
            (err = gf_db_exec(Q[Q_REPLACE], ARGS(A_STR(hash), A_STR(name),
                                                 *phone ? A_STR(phone) : A_NULL, A_INT(id)),
                              &n, NULL)))
            goto done;
        if (n != 1)              /* in use (or confirmed a moment ago) */
            err = mail_known(r, user);
        else if (!(err = gf_token_revoke(id, "confirm")))
            err = mail_link(r, id, email, name);
    }
    if (!err)
        err = gf_db_commit();
    if (!err)
        gf_log("info", "registration user=%lld (%s)", id,
               !found ? "new" : n == 1 ? "replaced" : "known");
done:
    gf_db_rollback();
    hdf_destroy(&user);
    return nerr_pass(err);
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
    char *email = gf_email_norm(gf_param(r, "email", "")), hash[128];
    const char *name = gf_input(r, "name"), *phone = gf_input(r, "phone");
    int allowed = 0, again = 1;
    NEOERR *err;

    show(r);
    validate(r, email, name, phone);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        err = STATUS_OK;
        goto done;
    }
    if ((err = limits(r, email, &allowed)) || !allowed)
        goto done;
    /* hashed for every address: the answer takes as long for one in use */
    if (!gf_password_hash(gf_param(r, "password", ""), hash)) {
        err = nerr_raise(NERR_NOMEM, "password hashing failed");
        goto done;
    }
    for (int tries = 0; !err && again && tries < 2; tries++)
        err = enroll(r, email, hash, name, phone, &again);
    if (!err)
        gf_redirect(r, "/register?sent=1");
done:
    free(email);
    return nerr_pass(err);
}

/* ---- the link from the mail ----------------------------------------------- */

static void confirm_prepare(gf_req *r)
{
    r->page = "register_confirm.cs";
    gf_set(r->hdf, "Page.Title", "Подтверждение адреса");
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
}

/* A page with the password field and a button (a GET changes nothing). */
static NEOERR *confirm_page(gf_req *r)
{
    int ok;

    confirm_prepare(r);
    return nerr_pass(gf_token_page(r, "confirm", &ok));
}

static NEOERR *confirm(gf_req *r)
{
    const char *pw = gf_param(r, "password", "");
    long long uid, who = 0;
    int ok = 0, result = 1;
    NEOERR *err;

    confirm_prepare(r);
    if ((err = gf_token_page(r, "confirm", &ok)) || !ok) {
        r->status = 400;
        return nerr_pass(err);
    }
    uid = atoll(hdf_get_value(r->hdf, "Token.user_id", "0"));
    if (!*pw || strlen(pw) > 1024) {
        gf_field_error(r, "password", "Введите пароль, который вы задали при регистрации.");
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = gf_password_check(r, hdf_get_value(r->hdf, "Token.email", ""), pw, &result,
                                 &who, NULL)))
        return nerr_pass(err);
    if (result == 2) {
        gf_password_throttled(r, "password");
        return STATUS_OK;
    }
    if (result || who != uid) {
        gf_field_error(r, "password", "Пароль не подходит. Введите пароль, который вы задали "
                                      "при регистрации.");
        r->status = 401;
        return STATUS_OK;
    }
    if ((err = gf_token_redeem(r, "confirm", &ok)) || !ok)     /* spent a moment ago */
        return nerr_pass(err);
    if ((err = gf_db_exec(Q[Q_CONFIRM], ARGS(A_INT(uid)), NULL, NULL)) ||
        (err = gf_token_revoke(uid, "confirm")) ||
        (err = gf_session_start(r, uid)) || (err = gf_db_commit()))
        return nerr_pass(err);
    gf_log("info", "confirmed user=%lld", uid);
    gf_redirect(r, "/org?welcome=1");
    return STATUS_OK;
}

/* ---- the confirmation again ----------------------------------------------- */

static NEOERR *resend_page(gf_req *r)
{
    r->page = "register_resend.cs";
    gf_set(r->hdf, "Page.Title", "Письмо для подтверждения");
    gf_set(r->hdf, "Sent", gf_param(r, "sent", ""));
    return STATUS_OK;
}

/* The same answer for every address; a mail only to one that waits for
 * its confirmation. */
static NEOERR *resend(gf_req *r)
{
    char *email = gf_email_norm(gf_param(r, "email", ""));
    HDF *user = NULL;
    int allowed = 0, found = 0;
    NEOERR *err;

    resend_page(r);
    if (!gf_valid_email(email)) {
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
        r->status = 400;
        err = STATUS_OK;
        goto done;
    }
    if ((err = limits(r, email, &allowed)) || !allowed ||
        (err = hdf_init(&user)) ||
        (err = gf_db_row(Q[Q_PENDING], ARGS(A_STR(email)), user, NULL, &found)))
        goto done;
    if (found && !(err = gf_db_begin()) &&
        !(err = mail_link(r, atoll(hdf_get_value(user, "id", "0")), hdf_get_value(user, "email", email),
                          hdf_get_value(user, "name", ""))))
        err = gf_db_commit();
    if (!err)
        gf_redirect(r, "/register/resend?sent=1");
done:
    hdf_destroy(&user);
    free(email);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/register", show, sign_up, 0, 0},
        {"/register/confirm", confirm_page, confirm, 0, 0},
        {"/register/resend", resend_page, resend, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "register", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
