/*
 * admin_users — the administrator's accounts and roles.
 *
 *   /admin/users          search by email or name (and role), paged: roles
 *                         in Russian, blocked, confirmed
 *   /admin/users/<id>     one account: its roles (grant and take), block
 *                         and unblock (blocking ends its sessions; login
 *                         and every session refuse a blocked account),
 *                         the confirmation mail again, and its history
 *   /admin/users/invite   invite a staff member, an expert or a commission
 *                         secretary by email
 *
 * An invitation to a new address creates the account without a password
 * and mails a link to /account/welcome, where the person sets their name
 * and password (a "reset" token: it grants just that). An address that
 * already has an account gets the role added at once and a mail saying
 * so (a person is one account with several roles); an account that was
 * invited but never set its password gets a fresh link instead.
 *
 * Every mail this page sends goes to an address an administrator typed:
 * in Invite.Window seconds one administrator sends at most Invite.AdminMax
 * (invitations and confirmations sent again together), and one address
 * (in any spelling: gf_email_norm) gets at most Invite.AddressMax.
 *
 * The platform always keeps an administrator: taking the role from the
 * last active one, or blocking them, is refused. Every change takes the
 * lock on the administrators' rows first (then the account's), so two
 * administrators demoting each other at once cannot both succeed, and a
 * change made on a page showing an old state is refused. Every change is
 * audited (object "user").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_USER, Q_ROLES, Q_SESSIONS, Q_HISTORY, Q_ADMINS_LOCK, Q_USER_LOCK, Q_GRANT, Q_REVOKE,
    Q_BLOCK, Q_UNBLOCK, Q_BY_EMAIL, Q_ADD_USER, Q__MAX
};
/* an account invited and not yet arrived has this password hash, which
 * no password matches (libsodium refuses it) */
#define NO_PASSWORD "-"
static const char *const Q[] = {
    [Q_USER] =
        "SELECT id, email, name, phone, disabled, confirmed_at IS NOT NULL AS confirmed,"
        " password_hash = '" NO_PASSWORD "' AS invited, UNIX_TIMESTAMP(created_at) AS ts"
        " FROM users WHERE id = ?",
    [Q_ROLES] =
        "SELECT role FROM user_roles WHERE user_id = ? ORDER BY role",
    [Q_SESSIONS] =
        "SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND expires_at > NOW()",
    [Q_HISTORY] =
        "SELECT a.action, a.from_state, a.to_state, a.reason, UNIX_TIMESTAMP(a.at) AS ts,"
        " u.name AS who FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
        " WHERE a.object_type = 'user' AND a.object_id = ? ORDER BY a.id DESC LIMIT 50",
    /* taken first by every change: see the top of the file */
    [Q_ADMINS_LOCK] =
        "SELECT u.id FROM user_roles r JOIN users u ON u.id = r.user_id"
        " WHERE r.role = 'admin' AND u.disabled = 0 ORDER BY u.id FOR UPDATE",
    [Q_USER_LOCK] =
        "SELECT u.id, u.email, u.name, u.disabled, u.confirmed_at IS NOT NULL AS confirmed,"
        " u.password_hash = '" NO_PASSWORD "' AS invited,"
        " (SELECT GROUP_CONCAT(role ORDER BY role) FROM user_roles r WHERE r.user_id = u.id) AS roles"
        " FROM users u WHERE u.id = ? FOR UPDATE",
    [Q_GRANT] =
        "INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
    [Q_REVOKE] =
        "DELETE FROM user_roles WHERE user_id = ? AND role = ?",
    [Q_BLOCK] =
        "UPDATE users SET disabled = 1 WHERE id = ? AND disabled = 0",
    [Q_UNBLOCK] =
        "UPDATE users SET disabled = 0 WHERE id = ? AND disabled = 1",
    [Q_BY_EMAIL] =
        "SELECT id FROM users WHERE email = ?",
    [Q_ADD_USER] =
        "INSERT INTO users (email, password_hash, name, created_at)"
        " VALUES (?, '" NO_PASSWORD "', ?, NOW())",
};
GF_STATEMENTS(Q, Q__MAX);

/* The search, with and without a role: email or name contains ? (a LIKE
 * pattern with its wildcards escaped). */
#define SEARCH(W)                                                                  \
    "SELECT u.id, u.email, u.name, u.disabled, u.confirmed_at IS NOT NULL AS confirmed," \
    " u.password_hash = '" NO_PASSWORD "' AS invited,"                             \
    " (SELECT GROUP_CONCAT(role ORDER BY role) FROM user_roles r WHERE r.user_id = u.id) AS roles" \
    " FROM users u WHERE (u.email LIKE ? OR u.name LIKE ?)" W                       \
    " ORDER BY u.id DESC LIMIT ? OFFSET ?"
#define COUNT(W) "SELECT COUNT(*) AS n FROM users u WHERE (u.email LIKE ? OR u.name LIKE ?)" W
#define WITH_ROLE " AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)"
static const char *const Q_SEARCH[2] = {SEARCH(""), SEARCH(WITH_ROLE)};
static const char *const Q_COUNT[2] = {COUNT(""), COUNT(WITH_ROLE)};

/* The roles an invitation may give. */
static const char *const invitable[] = {"staff", "expert", "secretary", NULL};

/* The index of a role name in gr_role_names, or -1. */
static int role_index(const char *name)
{
    for (int i = 0; gr_role_names[i]; i++)
        if (!strcmp(gr_role_names[i], name))
            return i;
    return -1;
}

static const char *role_label(const char *name)
{
    int i = role_index(name);
    return i < 0 ? name : gr_role_labels[i];
}

/* "expert,staff" → "Эксперт, Сотрудник" into node.<key>. */
static void role_labels(HDF *node, const char *key, const char *names)
{
    char out[300] = "", name[32];
    size_t len = 0;

    for (const char *p = names; p && *p; p += strcspn(p, ","), p += *p == ',') {
        snprintf(name, sizeof name, "%.*s", (int)strcspn(p, ","), p);
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", len ? ", " : "",
                                role_label(name));
        if (len >= sizeof out)
            break;
    }
    gf_set(node, key, out);
}

/* Roles.<i>.{name,label} for the forms. */
static void roles_list(gf_req *r)
{
    for (int i = 0; gr_role_names[i]; i++) {
        gf_setf(r->hdf, "Roles.%d.name=%s", i, gr_role_names[i]);
        gf_setf(r->hdf, "Roles.%d.label=%s", i, gr_role_labels[i]);
    }
}

/* ---- the list ----------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    const char *q = gf_input(r, "q"), *role = gf_param(r, "role", "");
    char like[420], *l = like, base[400], *esc = NULL;
    long page = gf_pager_page(gf_param(r, "page", "1")), size = gf_cfg_int("Listing.PageSize", 20);
    long long offset = 0;
    int with_role;
    gf_arg a[8];
    int n = 0;
    HDF *row;
    NEOERR *err;

    r->page = "admin_users.cs";
    gf_set(r->hdf, "Page.Title", "Пользователи");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    roles_list(r);
    /* a search that is not one line of text up to 100 characters is no
     * search: the field says why and the whole list is shown */
    if (*q && !gf_field_text(r, "q", q, GF_ONE_LINE, 100))
        q = "";
    *l++ = '%';
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            *l++ = '\\';
        *l++ = *p;
    }
    *l++ = '%';
    *l = '\0';
    with_role = role_index(role) >= 0;
    if (!with_role)
        role = "";
    gf_set(r->hdf, "Filter.role", role);
    /* the page links keep the search (escaped) and the role (one of ours) */
    gf_must(cgi_url_escape(q, &esc));
    snprintf(base, sizeof base, "/admin/users?%s%s%s%s%s", *q ? "q=" : "", *q ? esc : "",
             *q ? "&" : "", with_role ? "role=" : "", with_role ? role : "");
    if (with_role && strlen(base) + 1 < sizeof base)
        strcat(base, "&");
    free(esc);
    a[n++] = A_STR(like);
    a[n++] = A_STR(like);
    if (with_role)
        a[n++] = A_STR(role);
    a[n] = A_END;
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q_COUNT[with_role], a, row, NULL, NULL);
    if (!err)
        offset = gf_pager(r->hdf, base, atoll(hdf_get_value(row, "n", "0")), size, &page);
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    a[n++] = A_INT(size);
    a[n++] = A_INT(offset);
    a[n] = A_END;
    if ((err = gf_db_rows(Q_SEARCH[with_role], a, r->hdf, "Users", NULL)))
        return nerr_pass(err);
    for (HDF *u = hdf_get_child(r->hdf, "Users"); u; u = hdf_obj_next(u))
        role_labels(u, "role_labels", hdf_get_value(u, "roles", ""));
    return STATUS_OK;
}

/* ---- one account -------------------------------------------------------- */

static NEOERR *load(gf_req *r)
{
    char key[64];
    int found = 0;
    NEOERR *err;

    r->page = "admin_users_one.cs";
    gf_set(r->hdf, "Page.Nav", "cabinet");
    if ((err = gf_db_row(Q[Q_USER], ARGS(A_INT(r->id)), r->hdf, "Account", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no user %lld", r->id);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Account.email", ""));
    if ((err = gf_db_rows(Q[Q_ROLES], ARGS(A_INT(r->id)), r->hdf, "Has", NULL)) ||
        (err = gf_db_row(Q[Q_SESSIONS], ARGS(A_INT(r->id)), r->hdf, "Sessions", NULL)) ||
        (err = gf_db_rows(Q[Q_HISTORY], ARGS(A_INT(r->id)), r->hdf, "History", NULL)))
        return nerr_pass(err);
    /* Roles.<i>.{name,label,has}; Account.roles: what the page showed */
    roles_list(r);
    STRING had;
    string_init(&had);
    for (HDF *h = hdf_get_child(r->hdf, "Has"); h; h = hdf_obj_next(h)) {
        int i = role_index(hdf_get_value(h, "role", ""));
        if (i < 0)
            continue;
        snprintf(key, sizeof key, "Roles.%d.has", i);
        gf_set_int(r->hdf, key, 1);
        gf_must(string_appendf(&had, "%s%s", had.len ? "," : "", gr_role_names[i]));
    }
    gf_set(r->hdf, "Account.roles", had.buf ? had.buf : "");
    role_labels(hdf_get_obj(r->hdf, "Account"), "role_labels", had.buf);
    string_clear(&had);
    for (HDF *h = hdf_get_child(r->hdf, "History"); h; h = hdf_obj_next(h)) {
        const char *action = hdf_get_value(h, "action", "");
        if (!strcmp(action, "role_grant") || !strcmp(action, "role_revoke") ||
            !strcmp(action, "invite"))
            gf_set(h, "to_label", role_label(hdf_get_value(h, "to_state", "")));
    }
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    gf_set_int(r->hdf, "Self", r->id == r->user_id);
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    return nerr_pass(load(r));
}

/* A refusal above the page, which shows the account as it is now. */
static NEOERR *refuse(gf_req *r, int status, const char *msg)
{
    gf_db_rollback();
    gf_field_error(r, "form", msg);
    r->status = status;
    return nerr_pass(load(r));
}

/* Locks the administrators (admins: how many active ones besides account
 * id) and then the account into acc (404 when there is none). */
static NEOERR *lock(long long id, HDF *acc, int *admins)
{
    HDF *list;
    int found = 0;
    NEOERR *err;

    *admins = 0;
    if ((err = hdf_init(&list)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_rows(Q[Q_ADMINS_LOCK], NOARGS, list, "A", NULL)))
        for (HDF *a = hdf_get_child(list, "A"); a; a = hdf_obj_next(a))
            *admins += atoll(hdf_get_value(a, "id", "0")) != id;
    hdf_destroy(&list);
    if (!err)
        err = gf_db_row(Q[Q_USER_LOCK], ARGS(A_INT(id)), acc, NULL, &found);
    if (!err && !found)
        err = nerr_raise(GF_ERR_NOTFOUND, "no user %lld", id);
    return nerr_pass(err);
}

static int has_role(const char *list, const char *role)
{
    size_t n = strlen(role);

    for (const char *p = list; p && *p; p += strcspn(p, ","), p += *p == ',')
        if (!strncmp(p, role, n) && (p[n] == ',' || !p[n]))
            return 1;
    return 0;
}

static const char *const last_admin =
    "Это последний администратор платформы: сначала назначьте администратором "
    "другого пользователя.";

/* The roles' checkboxes against what the page showed (Query.had): each
 * difference is a grant or a revoke, audited. */
static NEOERR *set_roles(gf_req *r, HDF *acc, int admins)
{
    const char *had = gf_param(r, "had", ""), *now = hdf_get_value(acc, "roles", "");
    char field[64];
    int changes = 0, gave_up_admin = 0;
    NEOERR *err = STATUS_OK;

    if (strcmp(had, now))
        return nerr_pass(refuse(r, 409, "Роли этого пользователя уже изменил другой "
                                        "администратор. Проверьте их и повторите."));
    for (int i = 0; !err && gr_role_names[i]; i++) {
        const char *role = gr_role_names[i];
        int want, has = has_role(now, role);
        snprintf(field, sizeof field, "role_%s", role);
        want = !strcmp(gf_param(r, field, ""), "1");
        if (want == has)
            continue;
        if (!want && !strcmp(role, "admin") && !hdf_get_int_value(acc, "disabled", 0) &&
            admins == 0)
            return nerr_pass(refuse(r, 409, last_admin));
        changes++;
        gave_up_admin |= !want && !strcmp(role, "admin") && r->id == r->user_id;
        if (want)
            err = gf_db_exec(Q[Q_GRANT], ARGS(A_INT(r->id), A_STR(role)), NULL, NULL);
        else
            err = gf_db_exec(Q[Q_REVOKE], ARGS(A_INT(r->id), A_STR(role)), NULL, NULL);
        if (!err)
            err = gr_audit(r, "user", r->id, want ? "role_grant" : "role_revoke", NULL, role, NULL);
    }
    if (err || (err = gf_db_commit()))
        return nerr_pass(err);
    /* an administrator who gave up the role no longer sees these pages */
    snprintf(field, sizeof field, "/admin/users/%lld?done=%s", r->id, changes ? "roles" : "same");
    gf_redirect(r, gave_up_admin ? "/cabinet" : field);
    return STATUS_OK;
}

static NEOERR *block(gf_req *r, HDF *acc, int admins)
{
    const char *reason = gf_input(r, "reason");
    char path[64];
    NEOERR *err;

    if (!gf_field_text(r, "reason", reason, GF_OPTIONAL, 500)) {
        gf_db_rollback();
        r->status = 400;
        return nerr_pass(load(r));
    }
    if (r->id == r->user_id)
        return nerr_pass(refuse(r, 409, "Свою учётную запись заблокировать нельзя."));
    if (hdf_get_int_value(acc, "disabled", 0))
        return nerr_pass(refuse(r, 409, "Пользователь уже заблокирован."));
    if (has_role(hdf_get_value(acc, "roles", ""), "admin") && admins == 0)
        return nerr_pass(refuse(r, 409, last_admin));
    if ((err = gf_db_exec(Q[Q_BLOCK], ARGS(A_INT(r->id)), NULL, NULL)) ||
        (err = gf_session_end_others(r->id, "")) ||
        (err = gr_audit(r, "user", r->id, "block", "active", "blocked", *reason ? reason : NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(path, sizeof path, "/admin/users/%lld?done=blocked", r->id);
    gf_redirect(r, path);
    return STATUS_OK;
}

static NEOERR *unblock(gf_req *r, HDF *acc)
{
    char path[64];
    NEOERR *err;

    if (!hdf_get_int_value(acc, "disabled", 0))
        return nerr_pass(refuse(r, 409, "Пользователь не заблокирован."));
    if ((err = gf_db_exec(Q[Q_UNBLOCK], ARGS(A_INT(r->id)), NULL, NULL)) ||
        (err = gr_audit(r, "user", r->id, "unblock", "blocked", "active", NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(path, sizeof path, "/admin/users/%lld?done=unblocked", r->id);
    gf_redirect(r, path);
    return STATUS_OK;
}

/* Whether this administrator may send one more mail to email, inside the
 * caller's transaction (after the administrators' lock, so the count
 * holds); counts it when so. *why gets the refusal, or NULL. */
static NEOERR *mail_allowed(gf_req *r, const char *email, const char **why)
{
    char from[64], to[100];
    int over;
    NEOERR *err;

    *why = NULL;
    snprintf(from, sizeof from, "invite:admin:%lld", r->user_id);
    gf_email_bucket("invite:to", email, to, sizeof to);
    if ((err = gf_rate_limit_pair(from, (int)gf_cfg_int("Invite.AdminMax", 100),
                                  to, (int)gf_cfg_int("Invite.AddressMax", 3),
                                  (int)gf_cfg_int("Invite.Window", 86400), &over)))
        return nerr_pass(err);
    if (over == 1)
        *why = "За последние сутки вы отправили столько писем с приглашениями и подтверждениями, "
               "сколько можно. Попробуйте ещё раз завтра.";
    else if (over == 2)
        *why = "На этот адрес за последние сутки уже отправлено несколько писем. Попробуйте ещё "
               "раз завтра.";
    return STATUS_OK;
}

/* The invitation link (for an account without a password) inside the
 * caller's transaction; mail holds Name, Role, From. */
static NEOERR *invite_link(gf_req *r, long long uid, const char *email, HDF *mail)
{
    return nerr_pass(gf_token_mail(r, "reset", uid, 0, email, gf_cfg_int("Invite.TTL", 604800),
                                   "/account/welcome", "invite_staff.cs", mail));
}

/* The confirmation mail again: a registration's link, or the invitation's
 * for an account that never set its password. */
static NEOERR *resend(gf_req *r, HDF *acc)
{
    const char *email = hdf_get_value(acc, "email", ""), *why;
    char path[64];
    HDF *mail;
    int invited = hdf_get_int_value(acc, "invited", 0);
    NEOERR *err;

    if (hdf_get_int_value(acc, "confirmed", 0))
        return nerr_pass(refuse(r, 409, "Адрес уже подтверждён: письмо не нужно."));
    if (hdf_get_int_value(acc, "disabled", 0))
        return nerr_pass(refuse(r, 409, "Пользователь заблокирован: сначала разблокируйте его."));
    if ((err = mail_allowed(r, email, &why)))
        return nerr_pass(err);
    if (why)
        return nerr_pass(refuse(r, 429, why));
    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    gf_set(mail, "Name", hdf_get_value(acc, "name", ""));
    gf_set(mail, "From", hdf_get_value(r->hdf, "User.Name", ""));
    gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
    if (invited) {
        const char *roles = hdf_get_value(acc, "roles", "");
        role_labels(mail, "Role", roles);
        err = invite_link(r, r->id, email, mail);
    } else {
        err = gf_token_mail(r, "confirm", r->id, 0, email, 48 * 3600, "/register/confirm",
                            "confirm.cs", mail);
    }
    hdf_destroy(&mail);
    if (err || (err = gr_audit(r, "user", r->id, invited ? "invite_resend" : "confirm_resend",
                               NULL, NULL, NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(path, sizeof path, "/admin/users/%lld?done=resent", r->id);
    gf_redirect(r, path);
    return STATUS_OK;
}

static NEOERR *act(gf_req *r)
{
    const char *action = gf_param(r, "action", "");
    HDF *acc;
    int admins;
    NEOERR *err;

    if (strcmp(action, "roles") && strcmp(action, "block") && strcmp(action, "unblock") &&
        strcmp(action, "resend"))
        return nerr_raise(GF_ERR_BADREQ, "unknown action");
    if ((err = hdf_init(&acc)))
        return nerr_pass(err);
    if (!(err = lock(r->id, acc, &admins))) {
        if (!strcmp(action, "roles"))
            err = set_roles(r, acc, admins);
        else if (!strcmp(action, "block"))
            err = block(r, acc, admins);
        else if (!strcmp(action, "unblock"))
            err = unblock(r, acc);
        else
            err = resend(r, acc);
    }
    if (err)
        gf_db_rollback();
    hdf_destroy(&acc);
    return nerr_pass(err);
}

/* ---- invitations -------------------------------------------------------- */

static void invite_prepare(gf_req *r)
{
    r->page = "admin_users_invite.cs";
    gf_set(r->hdf, "Page.Title", "Пригласить пользователя");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    for (int i = 0; invitable[i]; i++) {
        gf_setf(r->hdf, "Invitable.%d.name=%s", i, invitable[i]);
        gf_setf(r->hdf, "Invitable.%d.label=%s", i, role_label(invitable[i]));
    }
}

static NEOERR *invite_form(gf_req *r)
{
    invite_prepare(r);
    return STATUS_OK;
}

/* Adds the role to an existing account (locked by the caller): a mail
 * saying so, or a fresh invitation link when it never set a password. */
static NEOERR *invite_existing(gf_req *r, HDF *acc, const char *role, HDF *mail, long long *uid)
{
    long long id = atoll(hdf_get_value(acc, "id", "0"));
    NEOERR *err;

    *uid = 0;
    if (hdf_get_int_value(acc, "disabled", 0)) {
        gf_field_error(r, "email", "Эта учётная запись заблокирована. Откройте её в списке "
                                   "пользователей и разблокируйте, затем назначьте роль.");
        return STATUS_OK;
    }
    if (has_role(hdf_get_value(acc, "roles", ""), role)) {
        char msg[200];
        snprintf(msg, sizeof msg, "У этого пользователя уже есть роль «%s».", role_label(role));
        gf_field_error(r, "email", msg);
        return STATUS_OK;
    }
    gf_set(mail, "Name", hdf_get_value(acc, "name", ""));
    if ((err = gf_db_exec(Q[Q_GRANT], ARGS(A_INT(id), A_STR(role)), NULL, NULL)) ||
        (err = gr_audit(r, "user", id, "role_grant", NULL, role, "приглашение")))
        return nerr_pass(err);
    if (hdf_get_int_value(acc, "invited", 0))
        err = invite_link(r, id, hdf_get_value(acc, "email", ""), mail);
    else
        err = gf_mail_queue(r, hdf_get_value(acc, "email", ""), "role_granted.cs", mail);
    *uid = id;
    return nerr_pass(err);
}

static NEOERR *invite(gf_req *r)
{
    const char *email = gf_input(r, "email"), *name = gf_input(r, "name"),
               *role = gf_param(r, "role", ""), *why = NULL;
    char path[64], *key = NULL;
    long long uid = 0, existing;
    int ok = 0, found = 0, admins;
    HDF *mail = NULL, *acc = NULL;
    NEOERR *err;

    invite_prepare(r);
    if (!*email)
        gf_field_error(r, "email", "Укажите адрес электронной почты.");
    else if (!gf_valid_email(email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    gf_field_text(r, "name", name, GF_REQUIRED | GF_ONE_LINE, 200);
    for (int i = 0; invitable[i]; i++)
        ok |= !strcmp(role, invitable[i]);
    if (!ok)
        gf_field_error(r, "role", "Выберите роль: сотрудник, эксперт или секретарь комиссии.");
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    key = gf_email_norm(email);            /* one account per address, in any spelling */
    if ((err = hdf_init(&mail)) || (err = hdf_init(&acc)))
        goto done;
    gf_set(mail, "Name", name);
    gf_set(mail, "Role", role_label(role));
    gf_set(mail, "From", hdf_get_value(r->hdf, "User.Name", ""));
    gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    if ((err = gf_db_row(Q[Q_BY_EMAIL], ARGS(A_STR(key)), acc, "Found", &found)))
        goto done;
    existing = atoll(hdf_get_value(acc, "Found.id", "0"));
    if (found)
        err = lock(existing, acc, &admins);
    else if (!(err = gf_db_begin()))       /* the administrators first, as every change */
        err = gf_db_rows(Q[Q_ADMINS_LOCK], NOARGS, acc, "Admins", NULL);
    if (err || (err = mail_allowed(r, key, &why)) || why)
        goto done;
    if (found) {
        err = invite_existing(r, acc, role, mail, &uid);
    } else if (!(err = gf_db_exec(Q[Q_ADD_USER], ARGS(A_STR(key), A_STR(name)), NULL, &uid)) &&
               !(err = gf_db_exec(Q[Q_GRANT], ARGS(A_INT(uid), A_STR(role)), NULL, NULL)) &&
               !(err = gr_audit(r, "user", uid, "invite", NULL, role, NULL)) &&
               !(err = gr_audit(r, "user", uid, "role_grant", NULL, role, "приглашение"))) {
        err = invite_link(r, uid, key, mail);
    }
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {     /* invited a moment ago */
        gf_field_error(r, "email", "Этот адрес только что пригласили. Найдите его в списке пользователей.");
        uid = 0;
    }
    if (err || !uid)
        goto done;
    if ((err = gf_db_commit()))
        goto done;
    gf_log("info", "invited user=%lld role=%s", uid, role);
    snprintf(path, sizeof path, "/admin/users/%lld?done=%s", uid, found ? "role_added" : "invited");
    gf_redirect(r, path);
done:
    if (err || !uid) {
        gf_db_rollback();
        if (!err && why) {
            gf_field_error(r, "form", why);
            r->status = 429;
        } else if (!err) {
            r->status = gf_form_has_errors(r) ? 400 : r->status;
        }
    }
    free(key);
    hdf_destroy(&mail);
    hdf_destroy(&acc);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/admin/users", list, NULL, 0, 0},
        {"/admin/users/#", show, act, 0, 0},
        {"/admin/users/invite", invite_form, invite, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "admin_users", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
