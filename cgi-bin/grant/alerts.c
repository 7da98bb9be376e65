/* alerts.c — alerts to staff. Each staff user chooses per kind of alert
 * (/account) whether it comes at once, in one daily digest, or not at
 * all; without a choice the kind's default below applies. The shared
 * operator mailbox (Mail.StaffAddress, when set) gets every alert at once.
 *
 * The mailer sends the digests (gr_alert_digests) and raises the alerts
 * that no request causes, only the clock (gr_alert_due): a returned
 * application whose correction time ran out, an intake that closes soon.
 * Every alert and every digest line is claimed by an UPDATE inside the
 * transaction that queues its mail, so none goes out twice, whichever
 * mailer (or how many) runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_NOW, Q_DAILY, Q_DIGEST, Q_PENDING_USERS, Q_USER_LINES, Q_USER_COUNT, Q_MARK_SENT,
    Q_OLD_LINES, Q_OVERDUE_LIST, Q_OVERDUE_CLAIM, Q_PROJECT, Q_DEADLINE_LIST, Q_DEADLINE_CLAIM,
    Q_COMPETITION, Q__MAX
};
/* staff users (not blocked) whose mode for kind ? is now / daily;
 * the second ? is the default of the kind */
#define MODE_IS(M)                                                                 \
    "SELECT u.id, u.email, u.name FROM users u JOIN user_roles r ON r.user_id = u.id" \
    " AND r.role = 'staff' LEFT JOIN user_alerts a ON a.user_id = u.id AND a.kind = ?" \
    " WHERE u.disabled = 0 AND COALESCE(a.mode, ?) = '" M "' ORDER BY u.id"
/* a returned application past its due date, not yet alerted for that date */
#define OVERDUE                                                                    \
    " status = 'returned' AND return_due < NOW() AND NOT (overdue_alerted_for <=> return_due)"
/* an intake that closes within ? hours, not yet alerted for that deadline */
#define DEADLINE                                                                   \
    " stage = 'intake' AND closes_at > NOW() AND closes_at <= NOW() + INTERVAL ? HOUR" \
    " AND NOT (deadline_alerted_for <=> closes_at)"
static const char *const Q[] = {
    [Q_NOW] = MODE_IS("now"),
    [Q_DAILY] = MODE_IS("daily"),
    [Q_DIGEST] = "INSERT INTO alert_digest (user_id, kind, text, created_at) VALUES (?, ?, ?, NOW())",
    /* from the pending lines (ix_digest_pending), not from every user */
    [Q_PENDING_USERS] =
        "SELECT u.id, u.email, u.name FROM (SELECT DISTINCT user_id FROM alert_digest"
        " WHERE sent_at IS NULL) d JOIN users u ON u.id = d.user_id WHERE u.disabled = 0"
        " ORDER BY u.id LIMIT 500",
    /* the lines a digest shows; locking them makes a second mailer wait,
     * then find them sent */
    [Q_USER_LINES] =
        "SELECT id, kind, text, UNIX_TIMESTAMP(created_at) AS ts FROM alert_digest"
        " WHERE sent_at IS NULL AND user_id = ? ORDER BY id LIMIT ? FOR UPDATE",
    [Q_USER_COUNT] =
        "SELECT COUNT(*) AS n, MAX(id) AS last FROM alert_digest"
        " WHERE sent_at IS NULL AND user_id = ?",
    [Q_MARK_SENT] =
        "UPDATE alert_digest SET sent_at = NOW() WHERE sent_at IS NULL AND user_id = ? AND id <= ?",
    [Q_OLD_LINES] =
        "DELETE FROM alert_digest WHERE sent_at < NOW() - INTERVAL 30 DAY LIMIT 5000",
    [Q_OVERDUE_LIST] =
        "SELECT id FROM projects WHERE" OVERDUE " ORDER BY id LIMIT 100",
    [Q_OVERDUE_CLAIM] =
        "UPDATE projects SET overdue_alerted_for = return_due WHERE id = ? AND" OVERDUE,
    [Q_PROJECT] =
        "SELECT p.id, p.number, p.title, p.org_name AS org, UNIX_TIMESTAMP(p.return_due) AS due_ts,"
        " c.title AS competition FROM projects p JOIN competitions c ON c.id = p.competition_id"
        " WHERE p.id = ?",
    [Q_DEADLINE_LIST] =
        "SELECT id FROM competitions WHERE" DEADLINE " ORDER BY id LIMIT 100",
    [Q_DEADLINE_CLAIM] =
        "UPDATE competitions SET deadline_alerted_for = closes_at WHERE id = ? AND" DEADLINE,
    [Q_COMPETITION] =
        "SELECT c.id, c.title, UNIX_TIMESTAMP(c.closes_at) AS closes_ts,"
        " UNIX_TIMESTAMP(c.closes_at) - UNIX_TIMESTAMP(NOW()) AS left_s,"
        " (SELECT COUNT(*) FROM projects p WHERE p.competition_id = c.id"
        "  AND p.status NOT IN ('draft', 'withdrawn')) AS submitted,"
        " (SELECT COUNT(*) FROM projects p WHERE p.competition_id = c.id"
        "  AND p.status = 'draft') AS drafts"
        " FROM competitions c WHERE c.id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* What every mail's template may use of the site. */
static void site(HDF *mail)
{
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
}

const gr_alert_kind gr_alert_kinds[] = {
    {"submission", "Подана новая заявка", "daily"},
    {"resubmission", "Заявка подана повторно после доработки", "now"},
    {"overdue", "Срок доработки заявки истёк", "now"},
    {"moderation", "Новая идея или комментарий на модерацию", "daily"},
    {"deadline", "Приближается срок этапа конкурса", "now"},
    {"divergence", "Оценки экспертов расходятся: назначен ещё один эксперт", "now"},
    {"declined", "Эксперт отказался от заявки (конфликт интересов)", "now"},
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
    char whole[1024];
    NEOERR *err;

    if (!k)
        return nerr_raise(NERR_ASSERT, "unknown alert kind %s", kind);
    /* a line made with "%.100s" may have a character cut anywhere */
    snprintf(whole, sizeof whole, "%s", line ? line : "");
    gf_utf8_clean(whole, -1);
    line = whole;
    site(mail);   /* every alert's link starts with Site.URL */
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

/* ---- the daily digest --------------------------------------------------- */

/* A digest shows at most this many lines and counts the rest. */
#define DIGEST_LINES 300


/* One user's digest: lines locked, mailed, marked sent, in one
 * transaction. *sent = 1 when a mail was queued (0: another mailer was
 * first). */
static NEOERR *digest_one(HDF *user, int *sent)
{
    long long uid = atoll(hdf_get_value(user, "id", "0"));
    HDF *mail = NULL, *l;
    int n = 0;
    NEOERR *err;

    *sent = 0;
    if ((err = hdf_init(&mail)) || (err = gf_db_begin()) ||
        (err = gf_db_rows(Q[Q_USER_LINES], ARGS(A_INT(uid), A_INT(DIGEST_LINES)), mail, "Lines",
                          &n)))
        goto done;
    if (!n)
        goto done;
    if ((err = gf_db_row(Q[Q_USER_COUNT], ARGS(A_INT(uid)), mail, "Count", NULL)))
        goto done;
    for (l = hdf_get_child(mail, "Lines"); l; l = hdf_obj_next(l)) {
        const gr_alert_kind *k = gr_alert_find(hdf_get_value(l, "kind", ""));
        gf_set(l, "title", k ? k->title : "");
    }
    gf_set(mail, "Name", hdf_get_value(user, "name", ""));
    gf_set_int(mail, "More", hdf_get_int_value(mail, "Count.n", 0) - n);
    site(mail);
    if (!(err = gf_mail_queue(NULL, hdf_get_value(user, "email", ""), "digest.cs", mail)) &&
        !(err = gf_db_exec(Q[Q_MARK_SENT],
                           ARGS(A_INT(uid), A_INT(atoll(hdf_get_value(mail, "Count.last", "0")))),
                           NULL, NULL)) &&
        !(err = gf_db_commit()))
        *sent = 1;
done:
    if (err || !*sent)
        gf_db_rollback();
    hdf_destroy(&mail);
    return nerr_pass(err);
}

NEOERR *gr_alert_digests(int *sent)
{
    HDF *users = NULL;
    int n, one;
    NEOERR *err;

    *sent = 0;
    do {
        hdf_destroy(&users);
        if ((err = hdf_init(&users)) ||
            (err = gf_db_rows(Q[Q_PENDING_USERS], NOARGS, users, "Users", &n)))
            break;
        for (HDF *u = hdf_get_child(users, "Users"); u && !err; u = hdf_obj_next(u))
            if (!(err = digest_one(u, &one)))
                *sent += one;
    } while (!err && n == 500);
    hdf_destroy(&users);
    if (!err)
        err = gf_db_exec(Q[Q_OLD_LINES], NOARGS, NULL, NULL);
    return nerr_pass(err);
}

/* ---- alerts the clock raises -------------------------------------------- */

/* Claims one object with claim (the UPDATE that marks it alerted, under
 * the same conditions as the list), loads it into mail under Item with
 * load, and alerts: one transaction, so an alert is sent once. */
static NEOERR *alert_one(const char *claim, const gf_arg *claim_args, const char *load,
                         long long id, const char *kind, const char *tpl, int *sent)
{
    HDF *mail = NULL;
    long long n = 0;
    char line[700], when[64];
    const char *url = gf_cfg("Site.URL", "");
    NEOERR *err;

    if ((err = hdf_init(&mail)) || (err = gf_db_begin()) ||
        (err = gf_db_exec(claim, claim_args, &n, NULL)) || n != 1 ||
        (err = gf_db_row(load, ARGS(A_INT(id)), mail, "Item", NULL)))
        goto done;
    if (!strcmp(kind, "overdue")) {
        gf_fmt_msk((time_t)hdf_get_int_value(mail, "Item.due_ts", 0), 1, when, sizeof when);
        snprintf(line, sizeof line, "Заявка %s «%.200s» (%.100s): срок доработки истёк %s — %s/applications/%lld",
                 hdf_get_value(mail, "Item.number", ""), hdf_get_value(mail, "Item.title", ""),
                 hdf_get_value(mail, "Item.org", ""), when, url, id);
    } else {
        gf_fmt_msk((time_t)hdf_get_int_value(mail, "Item.closes_ts", 0), 1, when, sizeof when);
        gf_fmt_duration(hdf_get_int_value(mail, "Item.left_s", 0), line, sizeof line);
        gf_set(mail, "Item.left", line);
        snprintf(line, sizeof line, "Конкурс «%.200s»: приём заявок закрывается %s (МСК), подано заявок: %s — %s/competitions/%lld",
                 hdf_get_value(mail, "Item.title", ""), when,
                 hdf_get_value(mail, "Item.submitted", "0"), url, id);
    }
    if (!(err = gr_alert_staff(NULL, kind, tpl, mail, line)) && !(err = gf_db_commit()))
        (*sent)++;
done:
    if (err || n != 1)
        gf_db_rollback();
    hdf_destroy(&mail);
    return nerr_pass(err);
}

NEOERR *gr_alert_due(int *sent)
{
    long hours = gf_cfg_int("Alerts.DeadlineHours", 48);
    HDF *ids = NULL;
    int n;
    NEOERR *err;

    *sent = 0;
    /* overdue corrections, then coming deadlines; 100 at a time until none */
    for (int pass = 0; pass < 2; pass++) {
        do {
            hdf_destroy(&ids);
            if ((err = hdf_init(&ids)) ||
                (err = pass == 0 ? gf_db_rows(Q[Q_OVERDUE_LIST], NOARGS, ids, "Ids", &n)
                                 : gf_db_rows(Q[Q_DEADLINE_LIST], ARGS(A_INT(hours)), ids, "Ids", &n)))
                goto done;
            for (HDF *i = hdf_get_child(ids, "Ids"); i && !err; i = hdf_obj_next(i)) {
                long long id = atoll(hdf_get_value(i, "id", "0"));
                if (pass == 0)
                    err = alert_one(Q[Q_OVERDUE_CLAIM], ARGS(A_INT(id)), Q[Q_PROJECT], id,
                                    "overdue", "overdue_alert.cs", sent);
                else
                    err = alert_one(Q[Q_DEADLINE_CLAIM], ARGS(A_INT(id), A_INT(hours)),
                                    Q[Q_COMPETITION], id, "deadline", "deadline_alert.cs", sent);
            }
        } while (!err && n == 100);
        if (err)
            break;
    }
done:
    hdf_destroy(&ids);
    return nerr_pass(err);
}
