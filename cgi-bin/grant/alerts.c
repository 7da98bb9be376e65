/* alerts.c — alerts to staff. Each staff user chooses per kind of alert
 * (/account) whether it comes at once, in one daily digest, or not at
 * all; without a choice the kind's default below applies. The shared
 * operator mailbox (Mail.StaffAddress, when set) gets every alert at once. */
#include <string.h>
#include "grant.h"

enum { Q_NOW, Q_DAILY, Q_DIGEST, Q__MAX };
/* staff users (not blocked) whose mode for kind ? is now / daily;
 * the second ? is the default of the kind */
#define MODE_IS(M)                                                                 \
    "SELECT u.id, u.email, u.name FROM users u JOIN user_roles r ON r.user_id = u.id" \
    " AND r.role = 'staff' LEFT JOIN user_alerts a ON a.user_id = u.id AND a.kind = ?" \
    " WHERE u.disabled = 0 AND COALESCE(a.mode, ?) = '" M "' ORDER BY u.id"
static const char *const Q[] = {
    [Q_NOW] = MODE_IS("now"),
    [Q_DAILY] = MODE_IS("daily"),
    [Q_DIGEST] = "INSERT INTO alert_digest (user_id, kind, text, created_at) VALUES (?, ?, ?, NOW())",
};
GF_STATEMENTS(Q, Q__MAX);

const gr_alert_kind gr_alert_kinds[] = {
    {"submission", "Подана новая заявка", "daily"},
    {"resubmission", "Заявка подана повторно после доработки", "now"},
    {"overdue", "Срок доработки заявки истёк", "now"},
    {"moderation", "Новая идея или комментарий на модерацию", "daily"},
    {"deadline", "Приближается срок этапа конкурса", "now"},
    {NULL, NULL, NULL},
};

const gr_alert_kind *gr_alert_find(const char *kind)
{
    for (const gr_alert_kind *k = gr_alert_kinds; k->name; k++)
        if (!strcmp(k->name, kind))
            return k;
    return NULL;
}

NEOERR *gr_alert_staff(gf_req *r, const char *kind, const char *tpl, HDF *mail, const char *line)
{
    const gr_alert_kind *k = gr_alert_find(kind);
    const char *shared = gf_cfg("Mail.StaffAddress", "");
    HDF *users = NULL, *u;
    NEOERR *err;

    if (!k)
        return nerr_raise(NERR_ASSERT, "unknown alert kind %s", kind);
    if (*shared && (err = gf_mail_queue(r, shared, tpl, mail)))
        return nerr_pass(err);
    if ((err = hdf_init(&users)) ||
        (err = gf_db_rows(Q[Q_NOW], ARGS(A_STR(kind), A_STR(k->fallback)), users, "Now", NULL)) ||
        (err = gf_db_rows(Q[Q_DAILY], ARGS(A_STR(kind), A_STR(k->fallback)), users, "Daily", NULL)))
        goto done;
    for (u = hdf_get_child(users, "Now"); u && !err; u = hdf_obj_next(u)) {
        const char *to = hdf_get_value(u, "email", "");
        if (strcmp(to, shared))   /* the shared mailbox has its copy */
            err = gf_mail_queue(r, to, tpl, mail);
    }
    for (u = hdf_get_child(users, "Daily"); u && !err; u = hdf_obj_next(u))
        err = gf_db_exec(Q[Q_DIGEST], ARGS(A_INT(hdf_get_int_value(u, "id", 0)), A_STR(kind),
                                           A_STR(line)), NULL, NULL);
done:
    hdf_destroy(&users);
    return nerr_pass(err);
}
