/* review.c — the experts' part of a competition: how an expert's total is
 * counted, when two totals diverge, whom automatic assignment picks, and
 * what an application's review state is after every change (settle).
 *
 * The rules:
 *  - an expert's total is on a 100-point scale (gr_score_total); the
 *    application's score is the mean of its submitted totals;
 *  - the divergence threshold is in points of that total: two totals
 *    further apart than it call one extra expert, automatically once per
 *    application (if that one declines or staff remove them, staff choose
 *    the next by hand);
 *  - never an expert with a conflict of interest: one of their listed
 *    organizations has the applicant's ИНН, or they are its member;
 *  - an application is scored when nothing assigned is pending and at
 *    least experts_per_app scores (one more after a divergence) are in.
 * Every change runs under the competition's row lock (gr_review_lock). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_LOCK, Q_CONFLICT, Q_PROJECT, Q_POOL, Q_ASSIGN, Q_EXPERT, Q_ACTIVE, Q_SCORED, Q_UNSCORED,
    Q_UNTOLD, Q_TOLD, Q_EXTRA, Q__MAX
};
static const char *const Q[] = {
    [Q_LOCK] =
        "SELECT id, title, stage, experts_per_app, divergence, blind_review,"
        " UNIX_TIMESTAMP(review_due) AS review_due_ts FROM competitions WHERE id = ? FOR UPDATE",
    [Q_CONFLICT] =
        "SELECT " GR_CONFLICT_SQL("?", "p") " AS conflict FROM projects p WHERE p.id = ?",
    [Q_PROJECT] =
        "SELECT p.id, p.number, p.title, p.status, p.competition_id, c.experts_per_app,"
        " c.divergence, c.title AS competition FROM projects p"
        " JOIN competitions c ON c.id = p.competition_id WHERE p.id = ? FOR UPDATE",
    /* the pool as assignment sees it for one application: load in the
     * competition, direction match, and whether the expert is out (a
     * conflict of interest, the application is or was theirs, blocked, or
     * no longer an expert) */
    [Q_POOL] =
        "SELECT ce.user_id,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.competition_id = ce.competition_id"
        "   AND a.expert_id = ce.user_id AND a.state IN ('assigned', 'submitted')) AS load_n,"
        " EXISTS (SELECT 1 FROM expert_directions ed WHERE ed.user_id = ce.user_id"
        "   AND ed.direction_id = p.direction_id) AS matches,"
        " (u.disabled = 1"
        "  OR NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = ce.user_id"
        "    AND r.role = 'expert')"
        "  OR EXISTS (SELECT 1 FROM assignments a WHERE a.project_id = p.id"
        "    AND a.expert_id = ce.user_id)"
        "  OR " GR_CONFLICT_SQL("ce.user_id", "p") ") AS excluded"
        " FROM projects p JOIN competition_experts ce ON ce.competition_id = p.competition_id"
        " JOIN users u ON u.id = ce.user_id WHERE p.id = ? ORDER BY ce.user_id",
    [Q_ASSIGN] =
        "INSERT INTO assignments (competition_id, project_id, expert_id, origin, assigned_at,"
        " assigned_by) SELECT competition_id, id, ?, ?, NOW(), ? FROM projects WHERE id = ?",
    [Q_EXPERT] =
        "SELECT name FROM users WHERE id = ?",
    /* the active assignments, locked: what a concurrent change committed
     * before our lock is seen */
    [Q_ACTIVE] =
        "SELECT id, state, origin, total FROM assignments WHERE project_id = ?"
        " AND state IN ('assigned', 'submitted') ORDER BY id FOR UPDATE",
    [Q_SCORED] =
        "UPDATE projects SET status = 'scored', score = ?, updated_at = NOW()"
        " WHERE id = ? AND status = 'admitted'",
    [Q_UNSCORED] =
        "UPDATE projects SET status = 'admitted', score = NULL, updated_at = NOW()"
        " WHERE id = ? AND status = 'scored'",
    /* experts with applications they were not told of yet, in one competition */
    [Q_UNTOLD] =
        "SELECT u.id, u.email, u.name, COUNT(*) AS n, c.title, UNIX_TIMESTAMP(c.review_due) AS due_ts"
        " FROM assignments a JOIN users u ON u.id = a.expert_id"
        " JOIN competitions c ON c.id = a.competition_id"
        " WHERE a.competition_id = ? AND a.state = 'assigned' AND a.notified_at IS NULL"
        " AND u.disabled = 0 GROUP BY u.id, u.email, u.name, c.title, c.review_due ORDER BY u.id",
    /* whether the application ever had its automatic extra expert */
    [Q_EXTRA] =
        "SELECT COUNT(*) AS n FROM assignments WHERE project_id = ? AND origin = 'divergence'",
    [Q_TOLD] =
        "UPDATE assignments SET notified_at = NOW() WHERE competition_id = ? AND state = 'assigned'"
        " AND notified_at IS NULL",
};
GF_STATEMENTS(Q, Q__MAX);

/* ---- the pure rules ------------------------------------------------------ */

double gr_score_total(const gr_crit_score *c, int n)
{
    double got = 0, best = 0;

    for (int i = 0; i < n; i++) {
        if (c[i].weight <= 0 || c[i].max <= 0)
            continue;
        got += c[i].score * c[i].weight;
        best += c[i].max * c[i].weight;
    }
    return best > 0 ? 100.0 * got / best : -1;
}

int gr_scores_diverge(const double *totals, int n, int threshold)
{
    double lo = 0, hi = 0;

    for (int i = 0; i < n; i++) {
        if (i == 0 || totals[i] < lo)
            lo = totals[i];
        if (i == 0 || totals[i] > hi)
            hi = totals[i];
    }
    /* compared in hundredths, as the totals are stored (DECIMAL(6,2)) */
    return n >= 2 && (long)((hi - lo) * 100 + 0.5) > (long)threshold * 100;
}

/* 1 when candidate a goes before b. */
static int better(const gr_candidate *a, const gr_candidate *b)
{
    if (a->matches != b->matches)
        return a->matches > b->matches;
    if (a->load != b->load)
        return a->load < b->load;
    return a->user_id < b->user_id;
}

int gr_assign_pick(gr_candidate *c, int n, int want, int *picked)
{
    int made = 0;

    for (; made < want; made++) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            int taken = c[i].excluded;
            for (int k = 0; k < made && !taken; k++)
                taken = picked[k] == i;
            if (!taken && (best < 0 || better(&c[i], &c[best])))
                best = i;
        }
        if (best < 0)
            break;
        picked[made] = best;
        c[best].load++;
    }
    return made;
}

/* ---- in the database ----------------------------------------------------- */

NEOERR *gr_review_lock(long long competition_id, HDF *into, int *found)
{
    return nerr_pass(gf_db_row(Q[Q_LOCK], ARGS(A_INT(competition_id)), into, "Comp", found));
}

NEOERR *gr_review_conflict(long long expert_id, long long project_id, int *conflict)
{
    HDF *h;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_CONFLICT], ARGS(A_INT(expert_id), A_INT(expert_id), A_INT(project_id)),
                    h, NULL, NULL);
    *conflict = hdf_get_int_value(h, "conflict", 1);   /* unknown: refuse */
    hdf_destroy(&h);
    return nerr_pass(err);
}

void gr_review_audit_expert(HDF *audit, long long project_id, const char *action,
                            long long expert_id, const char *name, const char *how)
{
    char who[40], why[600];

    snprintf(who, sizeof who, "эксперт № %lld", expert_id);
    snprintf(why, sizeof why, "%s — %s", name, how);
    gr_audit_later(audit, "project", project_id, action, !strcmp(action, "unassign") ? who : NULL,
                   !strcmp(action, "unassign") ? NULL : who, why);
}

/* The audit entry of one automatic assignment. */
static NEOERR *audit_assign(HDF *audit, long long project_id, long long expert_id,
                            const char *origin)
{
    HDF *h;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if (!(err = gf_db_row(Q[Q_EXPERT], ARGS(A_INT(expert_id)), h, NULL, NULL)))
        gr_review_audit_expert(audit, project_id, "assign", expert_id, hdf_get_value(h, "name", ""),
                               !strcmp(origin, "divergence") ? "расхождение оценок" : "автоматически");
    hdf_destroy(&h);
    return nerr_pass(err);
}

NEOERR *gr_review_assign(long long project_id, int want, const char *origin, HDF *audit,
                         int *made)
{
    HDF *h = NULL, *x;
    gr_candidate *c = NULL;
    int *picked = NULL, n = 0, found = 0, active = 0;
    NEOERR *err;

    *made = 0;
    if ((err = hdf_init(&h)) ||
        (err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(project_id)), h, "P", &found)))
        goto done;
    if (!found) {
        err = nerr_raise(GF_ERR_NOTFOUND, "application %lld", project_id);
        goto done;
    }
    if ((err = gf_db_rows(Q[Q_ACTIVE], ARGS(A_INT(project_id)), h, "Active", &active)) ||
        (err = gf_db_rows(Q[Q_POOL], ARGS(A_INT(project_id)), h, "Pool", &n)))
        goto done;
    if (want <= 0)
        want = hdf_get_int_value(h, "P.experts_per_app", 2) - active;
    if (want <= 0 || n == 0)
        goto done;
    if (!(c = calloc((size_t)n, sizeof *c)) || !(picked = calloc((size_t)n, sizeof *picked))) {
        err = nerr_raise(NERR_NOMEM, "assignment candidates");
        goto done;
    }
    n = 0;
    for (x = hdf_get_child(h, "Pool"); x; x = hdf_obj_next(x), n++)
        c[n] = (gr_candidate){
            .user_id = atoll(hdf_get_value(x, "user_id", "0")),
            .load = hdf_get_int_value(x, "load_n", 0),
            .matches = hdf_get_int_value(x, "matches", 0),
            .excluded = hdf_get_int_value(x, "excluded", 1),
        };
    *made = gr_assign_pick(c, n, want, picked);
    for (int i = 0; i < *made && !err; i++) {
        long long expert = c[picked[i]].user_id;
        if (!(err = gf_db_exec(Q[Q_ASSIGN], ARGS(A_INT(expert), A_STR(origin), A_NULL,
                                                  A_INT(project_id)), NULL, NULL)))
            err = audit_assign(audit, project_id, expert, origin);
    }
done:
    free(c);
    free(picked);
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* Alerts staff of a divergence: whether an extra expert was found. */
static NEOERR *alert_divergence(gf_req *r, HDF *p, int made)
{
    HDF *mail;
    char line[700];
    NEOERR *err;

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = hdf_copy(mail, "Item", p))) {
        gf_set_int(mail, "Item.made", made);
        snprintf(line, sizeof line, "Оценки заявки %s расходятся: %s — %s/staff/competitions/%s/review",
                 hdf_get_value(p, "number", ""),
                 made ? "назначен ещё один эксперт" : "свободного эксперта нет, назначьте вручную",
                 gf_cfg("Site.URL", ""), hdf_get_value(p, "competition_id", ""));
        err = gr_alert_staff(r, "divergence", "divergence_alert.cs", mail, line);
    }
    hdf_destroy(&mail);
    return nerr_pass(err);
}

NEOERR *gr_review_settle(gf_req *r, long long project_id, HDF *audit)
{
    HDF *h = NULL, *x, *p;
    double totals[64], sum = 0;
    int found = 0, active = 0, submitted = 0, pending = 0, per, diverge, ready, made = 0;
    const char *status;
    char score[32];
    long long affected = 0;
    NEOERR *err;

    if ((err = hdf_init(&h)) ||
        (err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(project_id)), h, "P", &found)))
        goto done;
    if (!found) {
        err = nerr_raise(GF_ERR_NOTFOUND, "application %lld", project_id);
        goto done;
    }
    p = hdf_get_obj(h, "P");
    per = hdf_get_int_value(p, "experts_per_app", 2);
    if ((err = gf_db_rows(Q[Q_ACTIVE], ARGS(A_INT(project_id)), h, "Active", &active)))
        goto done;
    for (x = hdf_get_child(h, "Active"); x; x = hdf_obj_next(x)) {
        if (strcmp(hdf_get_value(x, "state", ""), "submitted")) {
            pending++;
        } else if (submitted < (int)(sizeof totals / sizeof totals[0])) {
            totals[submitted] = strtod(hdf_get_value(x, "total", "0"), NULL);
            sum += totals[submitted++];
        }
    }
    diverge = gr_scores_diverge(totals, submitted, hdf_get_int_value(p, "divergence", 30));
    if (diverge && active <= per &&
        !(err = gf_db_row(Q[Q_EXTRA], ARGS(A_INT(project_id)), h, "Extra", NULL)) &&
        hdf_get_int_value(h, "Extra.n", 0) == 0) {
        if ((err = gr_review_assign(project_id, 1, "divergence", audit, &made)) ||
            (err = alert_divergence(r, p, made)))
            goto done;
        pending += made;
    }
    if (err)
        goto done;
    ready = pending == 0 && submitted >= per && !(diverge && submitted <= per);
    status = hdf_get_value(p, "status", "");
    if (ready && !strcmp(status, "admitted")) {
        snprintf(score, sizeof score, "%.2f", sum / submitted);
        if ((err = gf_db_exec(Q[Q_SCORED], ARGS(A_STR(score), A_INT(project_id)), &affected, NULL)))
            goto done;
        if (affected == 1)
            gr_audit_later(audit, "project", project_id, "scored", "admitted", "scored", score);
    } else if (!ready && !strcmp(status, "scored")) {
        if ((err = gf_db_exec(Q[Q_UNSCORED], ARGS(A_INT(project_id)), &affected, NULL)))
            goto done;
        if (affected == 1)
            gr_audit_later(audit, "project", project_id, "rescore", "scored", "admitted", NULL);
    }
done:
    hdf_destroy(&h);
    return nerr_pass(err);
}

NEOERR *gr_review_notify(gf_req *r, long long competition_id, int *mailed)
{
    HDF *h = NULL, *mail = NULL;
    NEOERR *err;

    *mailed = 0;
    if ((err = hdf_init(&h)) ||
        (err = gf_db_rows(Q[Q_UNTOLD], ARGS(A_INT(competition_id)), h, "E", NULL)))
        goto done;
    for (HDF *e = hdf_get_child(h, "E"); e && !err; e = hdf_obj_next(e)) {
        hdf_destroy(&mail);
        if ((err = hdf_init(&mail)) || (err = hdf_copy(mail, "Item", e)))
            break;
        gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
        gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
        if (!(err = gf_mail_queue(r, hdf_get_value(e, "email", ""), "assigned.cs", mail)))
            (*mailed)++;
    }
    if (!err)
        err = gf_db_exec(Q[Q_TOLD], ARGS(A_INT(competition_id)), NULL, NULL);
done:
    hdf_destroy(&mail);
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* ---- the expert's side: scores as typed, blind names, reminders ---------- */

int gr_score_parse(const char *s, int max, int *score)
{
    int v = 0, n = 0;

    for (; s && *s; s++, n++) {
        if (*s < '0' || *s > '9' || n == 3)
            return 0;
        v = v * 10 + (*s - '0');
    }
    if (n == 0 || v > max)
        return 0;
    *score = v;
    return 1;
}

void gr_blind_file_name(long long id, const char *mime, char *buf, size_t n)
{
    const char *ext = !strcmp(mime, "application/pdf") ? "pdf"
                      : !strcmp(mime, "image/jpeg")    ? "jpg"
                      : !strcmp(mime, "image/png")     ? "png"
                                                       : "bin";
    snprintf(buf, n, "Вложение-%lld.%s", id, ext);
}

/* the assignments a reminder is due for: still to score, in a competition
 * at review whose deadline is ahead and within ? hours, not reminded yet */
#define REMIND_DUE                                                                    \
    " a.state = 'assigned' AND a.reminded_at IS NULL AND c.stage = 'review'"          \
    " AND c.review_due > NOW() AND c.review_due <= NOW() + INTERVAL ? HOUR"

enum { R_LIST, R_CLAIM, R_ITEM, R__MAX };
static const char *const R[] = {
    /* one row per expert and competition */
    [R_LIST] =
        "SELECT DISTINCT a.competition_id, a.expert_id FROM assignments a"
        " JOIN competitions c ON c.id = a.competition_id JOIN users u ON u.id = a.expert_id"
        " WHERE u.disabled = 0 AND" REMIND_DUE " ORDER BY a.competition_id, a.expert_id LIMIT 100",
    [R_CLAIM] =
        "UPDATE assignments a JOIN competitions c ON c.id = a.competition_id"
        " SET a.reminded_at = NOW() WHERE a.competition_id = ? AND a.expert_id = ? AND" REMIND_DUE,
    /* what the mail says: every application still to score, reminded or not */
    [R_ITEM] =
        "SELECT c.id, c.title, UNIX_TIMESTAMP(c.review_due) AS due_ts, u.email, u.name,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.competition_id = c.id"
        "  AND a.expert_id = u.id AND a.state = 'assigned') AS left_n"
        " FROM competitions c JOIN users u ON u.id = ? WHERE c.id = ?",
};
GF_STATEMENTS(R, R__MAX);

/* One expert's reminder for one competition: claimed, mailed, committed.
 * *sent grows by one when it went out (0: another mailer was first). */
static NEOERR *remind_one(long long comp, long long expert, long hours, int *sent)
{
    HDF *h = NULL, *mail = NULL;
    long long claimed = 0;
    int found = 0;
    NEOERR *err;

    if ((err = hdf_init(&h)) || (err = hdf_init(&mail)) || (err = gf_db_begin()) ||
        (err = gr_review_lock(comp, h, &found)) ||
        (err = gf_db_exec(R[R_CLAIM], ARGS(A_INT(comp), A_INT(expert), A_INT(hours)), &claimed, NULL)) ||
        !claimed ||
        (err = gf_db_row(R[R_ITEM], ARGS(A_INT(expert), A_INT(comp)), mail, "Item", &found)) || !found)
        goto done;
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
    if (!(err = gf_mail_queue(NULL, hdf_get_value(mail, "Item.email", ""), "review_reminder.cs", mail)) &&
        !(err = gf_db_commit()))
        (*sent)++;
done:
    if (err || !claimed || !found)
        gf_db_rollback();
    hdf_destroy(&h);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

NEOERR *gr_review_reminders(int *sent)
{
    long hours = gf_cfg_int("Review.ReminderHours", 72);
    HDF *ids = NULL;
    int n = 0;
    NEOERR *err;

    *sent = 0;
    /* 100 pairs at a time until none: a claimed pair leaves the list */
    do {
        hdf_destroy(&ids);
        if ((err = hdf_init(&ids)) ||
            (err = gf_db_rows(R[R_LIST], ARGS(A_INT(hours)), ids, "P", &n)))
            break;
        for (HDF *p = hdf_get_child(ids, "P"); p && !err; p = hdf_obj_next(p))
            err = remind_one(atoll(hdf_get_value(p, "competition_id", "0")),
                             atoll(hdf_get_value(p, "expert_id", "0")), hours, sent);
    } while (!err && n == 100);
    hdf_destroy(&ids);
    return nerr_pass(err);
}
