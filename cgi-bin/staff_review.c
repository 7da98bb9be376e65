/*
 * staff_review — staff give a competition's admitted applications to experts:
 *   /staff/competitions/<id>/review         progress (admitted and scored,
 *                                           assignments by state, applications
 *                                           lacking experts, diverging scores,
 *                                           declined ones to replace), the review
 *                                           deadline, the pool of experts with
 *                                           their load, every application with
 *                                           its assignments
 *   /staff/competitions/<id>/review/auto    (POST) every admitted application
 *                                           gets the experts it lacks
 *   /staff/competitions/<id>/review/pool    (POST) add or remove a pool expert
 *   /staff/competitions/<id>/review/assign  (POST) add an expert to one
 *                                           application by hand, or remove one
 *   /staff/competitions/<id>/review/due     (POST) the experts' deadline
 *   /staff/experts                          every expert: directions,
 *                                           organizations, competitions, load
 * Administrators read both pages; only staff change anything. Whom an
 * application may go to is grant/review.c's rule: each change locks the
 * competition's row first (gr_review_lock), re-derives the application's
 * review state (gr_review_settle); its audit entries are queued and written
 * last, just before the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grant.h"

enum {
    Q_COMP, Q_COUNTS, Q_STATES, Q_POOL, Q_CHOICES, Q_POOL_DIRS, Q_POOL_ORGS, Q_CANDIDATES, Q_APPS,
    Q_ASSIGNS, Q_PROJECT, Q_EXPERT, Q_ASSIGNMENT, Q_INSERT, Q_READD, Q_READD_SCORES, Q_UNASSIGN, Q_ADMITTED,
    Q_POOL_ADD, Q_POOL_ACTIVE, Q_POOL_DEL, Q_DUE, Q_EXPERTS, Q_EXPERT_DIRS, Q_EXPERT_ORGS,
    Q_EXPERT_COMPS, Q__MAX
};
static const char *const Q[] = {
    [Q_COMP] =
        "SELECT id, title, stage, UNIX_TIMESTAMP(opens_at) AS opens_ts,"
        " UNIX_TIMESTAMP(closes_at) AS closes_ts, experts_per_app, divergence, blind_review,"
        " UNIX_TIMESTAMP(review_due) AS review_due_ts FROM competitions WHERE id = ?",
    [Q_COUNTS] =
        "SELECT COALESCE(SUM(status = 'admitted'), 0) AS admitted,"
        " COALESCE(SUM(status = 'scored'), 0) AS scored FROM projects WHERE competition_id = ?",
    [Q_STATES] =
        "SELECT COALESCE(SUM(state = 'assigned'), 0) AS assigned,"
        " COALESCE(SUM(state = 'submitted'), 0) AS submitted,"
        " COALESCE(SUM(state = 'declined'), 0) AS declined,"
        " COALESCE(SUM(state = 'removed'), 0) AS removed FROM assignments WHERE competition_id = ?",
    /* the pool with each expert's load in this competition, and whether
     * assignment would pass them over (blocked, no longer an expert) */
    [Q_POOL] =
        "SELECT u.id, u.name, u.email, u.disabled,"
        " NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'expert')"
        "   AS not_expert,"
        " COALESCE(l.assigned, 0) AS n_assigned, COALESCE(l.submitted, 0) AS n_submitted,"
        " COALESCE(l.declined, 0) AS n_declined"
        " FROM competition_experts ce JOIN users u ON u.id = ce.user_id"
        " LEFT JOIN (SELECT expert_id, SUM(state = 'assigned') AS assigned,"
        "   SUM(state = 'submitted') AS submitted, SUM(state = 'declined') AS declined"
        "   FROM assignments WHERE competition_id = ? GROUP BY expert_id) l ON l.expert_id = u.id"
        " WHERE ce.competition_id = ? ORDER BY u.name, u.id",
    /* whom staff may still add to each application: pool experts who can
     * review (not blocked, still experts) and have no assignment of it,
     * those with a conflict of interest marked (refused if chosen) */
    [Q_CHOICES] =
        "SELECT p.id AS project_id, u.id, u.name, " GR_CONFLICT_SQL("u.id", "p") " AS conflict,"
        " (SELECT COUNT(*) FROM assignments l WHERE l.competition_id = p.competition_id"
        "   AND l.expert_id = u.id AND l.state IN ('assigned', 'submitted')) AS n_assigned"
        " FROM projects p JOIN competition_experts ce ON ce.competition_id = p.competition_id"
        " JOIN users u ON u.id = ce.user_id WHERE p.competition_id = ?"
        " AND p.status IN ('admitted', 'scored') AND u.disabled = 0"
        " AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'expert')"
        " AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.project_id = p.id"
        "   AND a.expert_id = u.id AND a.state IN ('assigned', 'submitted', 'declined'))"
        " ORDER BY p.id, conflict, n_assigned, u.name, u.id",
    [Q_POOL_DIRS] =
        "SELECT ed.user_id, d.name FROM competition_experts ce"
        " JOIN expert_directions ed ON ed.user_id = ce.user_id"
        " JOIN directions d ON d.id = ed.direction_id WHERE ce.competition_id = ?"
        " ORDER BY ed.user_id, d.sort, d.id",
    [Q_POOL_ORGS] =
        "SELECT eo.user_id, eo.inn, eo.name, eo.relation FROM competition_experts ce"
        " JOIN expert_orgs eo ON eo.user_id = ce.user_id WHERE ce.competition_id = ?"
        " ORDER BY eo.user_id, eo.id",
    /* who may join the pool: experts, not blocked, not in it yet */
    [Q_CANDIDATES] =
        "SELECT u.id, u.name, u.email FROM users u"
        " JOIN user_roles r ON r.user_id = u.id AND r.role = 'expert' WHERE u.disabled = 0"
        " AND NOT EXISTS (SELECT 1 FROM competition_experts ce WHERE ce.competition_id = ?"
        "   AND ce.user_id = u.id) ORDER BY u.name, u.id LIMIT 500",
    [Q_APPS] =
        "SELECT p.id, p.number, p.title, p.status, p.org_name AS org, o.inn, d.name AS direction,"
        " p.score FROM projects p JOIN organizations o ON o.id = p.org_id"
        " JOIN directions d ON d.id = p.direction_id"
        " WHERE p.competition_id = ? AND p.status IN ('admitted', 'scored') ORDER BY p.number, p.id",
    [Q_ASSIGNS] =
        "SELECT a.project_id, a.expert_id, u.name AS expert, a.origin, a.state, a.total,"
        " a.decline_reason, (a.declared_at IS NOT NULL) AS declared, (a.saved_at IS NOT NULL) AS saved"
        " FROM assignments a JOIN projects p ON p.id = a.project_id"
        " JOIN users u ON u.id = a.expert_id WHERE a.competition_id = ?"
        " AND p.status IN ('admitted', 'scored') ORDER BY p.number, p.id, a.id",
    /* an application of this competition, locked for the change */
    [Q_PROJECT] =
        "SELECT p.id, p.number, p.status, o.inn FROM projects p"
        " JOIN organizations o ON o.id = p.org_id WHERE p.id = ? AND p.competition_id = ? FOR UPDATE",
    [Q_EXPERT] =
        "SELECT u.id, u.name, u.disabled,"
        " EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'expert')"
        "   AS is_expert,"
        " EXISTS (SELECT 1 FROM competition_experts ce WHERE ce.competition_id = ?"
        "   AND ce.user_id = u.id) AS in_pool FROM users u WHERE u.id = ?",
    [Q_ASSIGNMENT] =
        "SELECT id, state FROM assignments WHERE project_id = ? AND expert_id = ? FOR UPDATE",
    [Q_INSERT] =
        "INSERT INTO assignments (competition_id, project_id, expert_id, origin, assigned_at,"
        " assigned_by) VALUES (?, ?, ?, 'manual', NOW(), ?)",
    /* one row per expert and application: a removed expert added back */
    [Q_READD] =
        "UPDATE assignments SET state = 'assigned', assigned_at = NOW(), assigned_by = ?,"
        " origin = IF(origin = 'divergence', origin, 'manual'),"   /* still the extra one */
        " declared_at = NULL, saved_at = NULL, reminded_at = NULL, notified_at = NULL,"
        " overall_comment = NULL, total = NULL WHERE id = ? AND state = 'removed'",
    /* an expert added back starts afresh: no declaration, no draft */
    [Q_READD_SCORES] =
        "DELETE FROM scores WHERE assignment_id = ?",
    [Q_UNASSIGN] =
        "UPDATE assignments SET state = 'removed' WHERE id = ? AND state = 'assigned'",
    [Q_ADMITTED] =
        "SELECT p.id, p.number, (SELECT COUNT(*) FROM assignments a WHERE a.project_id = p.id"
        "   AND a.state IN ('assigned', 'submitted')) AS active"
        " FROM projects p WHERE p.competition_id = ? AND p.status = 'admitted' ORDER BY p.number, p.id",
    [Q_POOL_ADD] =
        "INSERT INTO competition_experts (competition_id, user_id, added_at) VALUES (?, ?, NOW())",
    [Q_POOL_ACTIVE] =
        "SELECT COUNT(*) AS n FROM assignments WHERE competition_id = ? AND expert_id = ?"
        " AND state IN ('assigned', 'submitted')",
    [Q_POOL_DEL] =
        "DELETE FROM competition_experts WHERE competition_id = ? AND user_id = ?",
    [Q_DUE] =
        "UPDATE competitions SET review_due = FROM_UNIXTIME(?) WHERE id = ?",
    [Q_EXPERTS] =
        "SELECT u.id, u.name, u.email, u.disabled,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.expert_id = u.id"
        "   AND a.state = 'assigned') AS load_n,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.expert_id = u.id"
        "   AND a.state = 'submitted') AS submitted_n"
        " FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'expert'"
        " WHERE (? = 0 OR EXISTS (SELECT 1 FROM expert_directions ed WHERE ed.user_id = u.id"
        "   AND ed.direction_id = ?)) ORDER BY u.name, u.id LIMIT 1000",
    [Q_EXPERT_DIRS] =
        "SELECT ed.user_id, d.name FROM expert_directions ed"
        " JOIN user_roles r ON r.user_id = ed.user_id AND r.role = 'expert'"
        " JOIN directions d ON d.id = ed.direction_id ORDER BY ed.user_id, d.sort, d.id",
    [Q_EXPERT_ORGS] =
        "SELECT eo.user_id, eo.inn, eo.name, eo.relation FROM expert_orgs eo"
        " JOIN user_roles r ON r.user_id = eo.user_id AND r.role = 'expert'"
        " ORDER BY eo.user_id, eo.id",
    [Q_EXPERT_COMPS] =
        "SELECT ce.user_id, c.id, c.title, c.stage FROM competition_experts ce"
        " JOIN competitions c ON c.id = ce.competition_id ORDER BY ce.user_id, c.id",
};
GF_STATEMENTS(Q, Q__MAX);

/* The stages in which the pool and the deadline may change; assignments
 * change only in review. */
static const char *const pool_stages[] = {"announced", "intake", "review", NULL};

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

static int pool_open(const char *stage)
{
    for (int i = 0; pool_stages[i]; i++)
        if (!strcmp(stage, pool_stages[i]))
            return 1;
    return 0;
}

/* Puts every row of rows under the entry of list whose `key` equals the
 * row's `fkey`, as <entry>.<name>.<n>; a row without one is dropped. Rows
 * in the list's order take one pass; any order is still right. */
static NEOERR *nest(HDF *list, const char *key, HDF *rows, const char *fkey, const char *name)
{
    HDF *p = list ? hdf_obj_child(list) : NULL;
    char at[64];
    NEOERR *err;

    for (HDF *x = rows ? hdf_obj_child(rows) : NULL; x && p; x = hdf_obj_next(x)) {
        const char *want = hdf_get_value(x, fkey, "");
        HDF *start = p, *sub;
        int n = 0;
        while (strcmp(hdf_get_value(p, key, ""), want)) {
            p = hdf_obj_next(p) ? hdf_obj_next(p) : hdf_obj_child(list);
            if (p == start)
                break;
        }
        if (strcmp(hdf_get_value(p, key, ""), want))
            continue;
        for (sub = hdf_get_child(p, name); sub; sub = hdf_obj_next(sub))
            n++;
        snprintf(at, sizeof at, "%s.%d", name, n);
        if ((err = hdf_copy(p, at, x)))
            return nerr_pass(err);
    }
    return STATUS_OK;
}

/* ---- the review page ---------------------------------------------------- */

/* The competition (Comp.*, as the editor's tabs want it) and what may
 * change now; 404 when there is none. */
static NEOERR *load(gf_req *r)
{
    const char *stage;
    char due[24] = "";
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(r->id)), r->hdf, "Comp", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    stage = sv(r, "Comp.stage");
    if (r->roles & GR_STAFF) {            /* an administrator only reads */
        gf_set_int(r->hdf, "Edit.assign", !strcmp(stage, "review"));
        gf_set_int(r->hdf, "Edit.pool", pool_open(stage));
    }
    if (*sv(r, "Comp.review_due_ts"))
        gr_fmt_msk_input(atoll(sv(r, "Comp.review_due_ts")), due, sizeof due);
    gf_set(r->hdf, "Comp.review_due_input", due);
    gf_set(r->hdf, "Tab", "review");
    gf_set(r->hdf, "Page.Nav", "staff");
    gf_setf(r->hdf, "Page.Title=%s — эксперты и оценки", sv(r, "Comp.title"));
    return STATUS_OK;
}

/* Per application: its active assignments, submitted totals, whether it
 * lacks experts, diverges or has a declined one to replace; the progress
 * lists (Lacking, Diverging, Replace) made from them. */
static void derive(gf_req *r)
{
    int per = hdf_get_int_value(r->hdf, "Comp.experts_per_app", 2),
        threshold = hdf_get_int_value(r->hdf, "Comp.divergence", 30), lacking = 0, diverging = 0,
        replace = 0;

    for (HDF *a = hdf_get_child(r->hdf, "Apps"); a; a = hdf_obj_next(a)) {
        double totals[64];
        int active = 0, submitted = 0, declined = 0;
        for (HDF *x = hdf_get_child(a, "As"); x; x = hdf_obj_next(x)) {
            const char *state = hdf_get_value(x, "state", "");
            if (!strcmp(state, "assigned"))
                active++;
            else if (!strcmp(state, "declined"))
                declined++;
            else if (!strcmp(state, "submitted")) {
                active++;
                if (submitted < (int)(sizeof totals / sizeof totals[0]))
                    totals[submitted++] = strtod(hdf_get_value(x, "total", "0"), NULL);
            }
        }
        gf_set_int(a, "active", active);
        gf_set_int(a, "submitted", submitted);
        if (!strcmp(hdf_get_value(a, "status", ""), "admitted") && active < per) {
            gf_set_int(a, "lacking", per - active);
            gf_setf(r->hdf, "Lacking.%d=%s", lacking++, hdf_get_value(a, "number", ""));
            if (declined) {
                gf_set_int(a, "replace", 1);
                gf_setf(r->hdf, "Replace.%d=%s", replace++, hdf_get_value(a, "number", ""));
            }
        }
        if (gr_scores_diverge(totals, submitted, threshold)) {
            gf_set_int(a, "diverges", 1);
            gf_setf(r->hdf, "Diverging.%d=%s", diverging++, hdf_get_value(a, "number", ""));
        }
    }
}

/* Everything the review page shows. */
static NEOERR *review_page(gf_req *r)
{
    HDF *rows = NULL;
    NEOERR *err;

    if ((err = load(r)) ||
        (err = gf_db_row(Q[Q_COUNTS], ARGS(A_INT(r->id)), r->hdf, "Counts", NULL)) ||
        (err = gf_db_row(Q[Q_STATES], ARGS(A_INT(r->id)), r->hdf, "States", NULL)) ||
        (err = gf_db_rows(Q[Q_POOL], ARGS(A_INT(r->id), A_INT(r->id)), r->hdf, "Pool", NULL)) ||
        (err = gf_db_rows(Q[Q_APPS], ARGS(A_INT(r->id)), r->hdf, "Apps", NULL)) ||
        (err = hdf_init(&rows)))
        goto done;
    if ((err = gf_db_rows(Q[Q_POOL_DIRS], ARGS(A_INT(r->id)), rows, "Dirs", NULL)) ||
        (err = gf_db_rows(Q[Q_POOL_ORGS], ARGS(A_INT(r->id)), rows, "Orgs", NULL)) ||
        (err = gf_db_rows(Q[Q_ASSIGNS], ARGS(A_INT(r->id)), rows, "As", NULL)) ||
        (err = gf_db_rows(Q[Q_CHOICES], ARGS(A_INT(r->id)), rows, "Choices", NULL)) ||
        (err = nest(hdf_get_obj(r->hdf, "Apps"), "id", hdf_get_obj(rows, "Choices"), "project_id",
                    "Choices")) ||
        (err = nest(hdf_get_obj(r->hdf, "Pool"), "id", hdf_get_obj(rows, "Dirs"), "user_id", "Dirs")) ||
        (err = nest(hdf_get_obj(r->hdf, "Pool"), "id", hdf_get_obj(rows, "Orgs"), "user_id", "Orgs")) ||
        (err = nest(hdf_get_obj(r->hdf, "Apps"), "id", hdf_get_obj(rows, "As"), "project_id", "As")))
        goto done;
    if (hdf_get_int_value(r->hdf, "Edit.pool", 0) &&
        (err = gf_db_rows(Q[Q_CANDIDATES], ARGS(A_INT(r->id)), r->hdf, "Candidates", NULL)))
        goto done;
    derive(r);
    /* notices after a redirect: flags and a count only, no text from the link */
    gf_set(r->hdf, "Saved", gf_parse_id(gf_param(r, "saved", "")) ? "1" : "");
    if (!strcmp(gf_param(r, "auto", ""), "0") || gf_parse_id(gf_param(r, "auto", "")))
        gf_setf(r->hdf, "Auto=%lld", gf_parse_id(gf_param(r, "auto", "")));
    if (!hdf_get_value(r->hdf, "Form.Error.review_due", NULL))   /* else: what was typed */
        gf_set(r->hdf, "Query.review_due", sv(r, "Comp.review_due_input"));
    r->page = "staff_review.cs";
done:
    hdf_destroy(&rows);
    return nerr_pass(err);
}

static NEOERR *show(gf_req *r)
{
    return nerr_pass(review_page(r));
}

/* ---- changes ------------------------------------------------------------ */

/* A change refused: nothing written, the page again with the message. */
static NEOERR *refuse(gf_req *r, int status, const char *msg)
{
    gf_db_rollback();
    gf_field_error(r, "form", msg);
    r->status = status;
    return nerr_pass(review_page(r));
}

/* Begins the change: a transaction holding the competition's row (Lock.*);
 * *ok = 0 when the stage does not allow it (refused, 409). 404 when there
 * is no such competition. */
static NEOERR *begin(gf_req *r, int assignments, HDF *lock, int *ok)
{
    const char *stage;
    int found = 0;
    NEOERR *err;

    *ok = 0;
    if ((err = gf_db_begin()) || (err = gr_review_lock(r->id, lock, &found)))
        return nerr_pass(err);
    if (!found) {
        gf_db_rollback();
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    }
    stage = hdf_get_value(lock, "Comp.stage", "");
    if (assignments && strcmp(stage, "review"))
        return nerr_pass(refuse(r, 409, "Назначать и снимать экспертов можно только на этапе "
                                        "экспертизы. Ничего не изменено."));
    if (!assignments && !pool_open(stage))
        return nerr_pass(refuse(r, 409, "На этом этапе пул экспертов и срок экспертизы больше не "
                                        "меняются. Ничего не изменено."));
    *ok = 1;
    return STATUS_OK;
}

/* Commits and goes back to the page. */
static NEOERR *finish(gf_req *r, HDF *audit, const char *flag, const char *anchor)
{
    char where[160];
    int mailed = 0;
    NEOERR *err;

    /* after a change of assignments: the experts who got applications are
     * told, then the audit entries, last */
    if ((audit && ((err = gr_review_notify(r, r->id, &mailed)) ||
                   (err = gr_audit_flush(r, audit)))) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/staff/competitions/%lld/review?%s%s", r->id, flag, anchor);
    gf_redirect(r, where);
    return STATUS_OK;
}

/* The expert of the form's `expert` field into E.* of h; *found = 0 when
 * there is no such user. */
static NEOERR *find_expert(gf_req *r, long long expert, HDF *h, int *found)
{
    *found = 0;
    if (!expert)
        return STATUS_OK;
    return nerr_pass(gf_db_row(Q[Q_EXPERT], ARGS(A_INT(r->id), A_INT(expert)), h, "E", found));
}

static NEOERR *auto_assign(gf_req *r)
{
    HDF *h = NULL, *audit = NULL;
    int ok = 0, total = 0, per;
    char flag[32];
    NEOERR *err;

    if ((err = hdf_init(&h)) || (err = hdf_init(&audit)))
        goto done;
    if ((err = begin(r, 1, h, &ok)) || !ok ||
        (err = gf_db_rows(Q[Q_ADMITTED], ARGS(A_INT(r->id)), h, "Admitted", NULL)))
        goto done;
    per = hdf_get_int_value(h, "Comp.experts_per_app", 2);
    for (HDF *a = hdf_get_child(h, "Admitted"); a && !err; a = hdf_obj_next(a)) {
        long long project = atoll(hdf_get_value(a, "id", "0"));
        int made = 0;
        if (hdf_get_int_value(a, "active", 0) >= per)
            continue;
        if (!(err = gr_review_assign(project, 0, "auto", audit, &made)) && made) {
            total += made;
            err = gr_review_settle(r, project, audit);
        }
    }
    if (err)
        goto done;
    gf_log("info", "competition %lld: %d experts assigned automatically by user %lld", r->id,
           total, r->user_id);
    snprintf(flag, sizeof flag, "auto=%d", total);
    err = finish(r, audit, flag, "#progress");
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&h);
    hdf_destroy(&audit);
    return nerr_pass(err);
}

static NEOERR *add_assignment(gf_req *r, long long project, long long expert, HDF *h,
                              HDF *audit)
{
    const char *state = hdf_get_value(h, "A.state", "");
    char msg[400];
    int conflict = 0;
    NEOERR *err;

    if (!hdf_get_int_value(h, "E.in_pool", 0))
        return nerr_pass(refuse(r, 400, "Выберите эксперта из пула конкурса."));
    if (!hdf_get_int_value(h, "E.is_expert", 0) || hdf_get_int_value(h, "E.disabled", 0))
        return nerr_pass(refuse(r, 409, "Этот пользователь заблокирован или больше не эксперт: "
                                        "назначить его нельзя."));
    if (!strcmp(state, "assigned") || !strcmp(state, "submitted"))
        return nerr_pass(refuse(r, 409, "Этот эксперт уже назначен на заявку."));
    if (!strcmp(state, "declined"))
        return nerr_pass(refuse(r, 409, "Эксперт отказался от этой заявки из-за конфликта "
                                        "интересов: назначьте другого."));
    if ((err = gr_review_conflict(expert, project, &conflict)))
        return nerr_pass(err);
    if (conflict) {
        snprintf(msg, sizeof msg, "Назначение не сохранено: у эксперта конфликт интересов: "
                 "организация-заявитель (ИНН %s) указана в его профиле, или он её представитель.",
                 hdf_get_value(h, "P.inn", ""));
        return nerr_pass(refuse(r, 409, msg));
    }
    if (*state) {
        long long row = atoll(hdf_get_value(h, "A.id", "0"));
        if (!(err = gf_db_exec(Q[Q_READD], ARGS(A_INT(r->user_id), A_INT(row)), NULL, NULL)))
            err = gf_db_exec(Q[Q_READD_SCORES], ARGS(A_INT(row)), NULL, NULL);
    }
    else
        err = gf_db_exec(Q[Q_INSERT], ARGS(A_INT(r->id), A_INT(project), A_INT(expert),
                                           A_INT(r->user_id)), NULL, NULL);
    if (err)
        return nerr_pass(err);
    gr_review_audit_expert(audit, project, "assign", expert, hdf_get_value(h, "E.name", ""), "вручную");
    return STATUS_OK;
}

static NEOERR *remove_assignment(gf_req *r, long long project, long long expert, HDF *h,
                                 HDF *audit)
{
    const char *state = hdf_get_value(h, "A.state", "");
    long long affected = 0;
    NEOERR *err;

    if (!strcmp(state, "submitted"))
        return nerr_pass(refuse(r, 409, "Эксперт уже отправил оценку: снять его нельзя."));
    if (strcmp(state, "assigned"))
        return nerr_pass(refuse(r, 409, "Этот эксперт не назначен на заявку."));
    if ((err = gf_db_exec(Q[Q_UNASSIGN], ARGS(A_INT(atoll(hdf_get_value(h, "A.id", "0")))),
                          &affected, NULL)))
        return nerr_pass(err);
    gr_review_audit_expert(audit, project, "unassign", expert, hdf_get_value(h, "E.name", ""),
                           "снят сотрудником");
    return STATUS_OK;
}

static NEOERR *assign(gf_req *r)
{
    const char *action = gf_param(r, "action", "");
    long long project = gf_parse_id(gf_param(r, "project", "")),
              expert = gf_parse_id(gf_param(r, "expert", ""));
    int add = !strcmp(action, "add"), ok = 0, found = 0;
    char anchor[40];
    HDF *h = NULL, *audit = NULL;
    NEOERR *err;

    if (!add && strcmp(action, "remove"))
        return nerr_raise(GF_ERR_BADREQ, "assignment action %s", action);
    if (!project)
        return nerr_raise(GF_ERR_NOTFOUND, "no application");
    if ((err = hdf_init(&h)) || (err = hdf_init(&audit)))
        goto done;
    if ((err = begin(r, 1, h, &ok)) || !ok ||
        (err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(project), A_INT(r->id)), h, "P", &found)))
        goto done;
    if (!found) {            /* not this competition's: as if there were none */
        err = nerr_raise(GF_ERR_NOTFOUND, "application %lld of competition %lld", project, r->id);
        goto done;
    }
    if (strcmp(hdf_get_value(h, "P.status", ""), "admitted") &&
        strcmp(hdf_get_value(h, "P.status", ""), "scored")) {
        err = refuse(r, 409, "Заявка не допущена к экспертизе: экспертов ей не назначают.");
        goto done;
    }
    if ((err = find_expert(r, expert, h, &found)))
        goto done;
    if (!found) {
        err = refuse(r, 400, "Выберите эксперта из пула конкурса.");
        goto done;
    }
    if ((err = gf_db_row(Q[Q_ASSIGNMENT], ARGS(A_INT(project), A_INT(expert)), h, "A", NULL)))
        goto done;
    err = add ? add_assignment(r, project, expert, h, audit)
              : remove_assignment(r, project, expert, h, audit);
    if (err || r->status >= 400)
        goto done;
    if ((err = gr_review_settle(r, project, audit)))
        goto done;
    gf_log("info", "application %lld: expert %lld %s by user %lld", project, expert,
           add ? "assigned" : "removed", r->user_id);
    snprintf(anchor, sizeof anchor, "#app-%lld", project);
    err = finish(r, audit, "saved=1", anchor);
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&h);
    hdf_destroy(&audit);
    return nerr_pass(err);
}

static NEOERR *pool(gf_req *r)
{
    const char *action = gf_param(r, "action", "");
    long long expert = gf_parse_id(gf_param(r, "expert", ""));
    int add = !strcmp(action, "add"), ok = 0, found = 0;
    char reason[400];
    HDF *h = NULL;
    NEOERR *err;

    if (!add && strcmp(action, "remove"))
        return nerr_raise(GF_ERR_BADREQ, "pool action %s", action);
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if ((err = begin(r, 0, h, &ok)) || !ok || (err = find_expert(r, expert, h, &found)))
        goto done;
    if (!found || (add && hdf_get_int_value(h, "E.in_pool", 0)) ||
        (!add && !hdf_get_int_value(h, "E.in_pool", 0))) {
        gf_field_error(r, "expert", add ? "Выберите эксперта, которого ещё нет в пуле."
                                        : "Этого эксперта нет в пуле конкурса.");
        err = refuse(r, 400, add ? "Выберите эксперта, которого ещё нет в пуле."
                                 : "Этого эксперта нет в пуле конкурса.");
        goto done;
    }
    if (add && (!hdf_get_int_value(h, "E.is_expert", 0) || hdf_get_int_value(h, "E.disabled", 0))) {
        gf_field_error(r, "expert", "Это не эксперт или он заблокирован.");
        err = refuse(r, 400, "Добавить в пул можно только незаблокированного эксперта.");
        goto done;
    }
    if (add) {
        err = gf_db_exec(Q[Q_POOL_ADD], ARGS(A_INT(r->id), A_INT(expert)), NULL, NULL);
        snprintf(reason, sizeof reason, "пул экспертов: добавлен %.300s (№ %lld)",
                 hdf_get_value(h, "E.name", ""), expert);
    } else {
        if ((err = gf_db_row(Q[Q_POOL_ACTIVE], ARGS(A_INT(r->id), A_INT(expert)), h, "Active",
                             NULL)))
            goto done;
        if (hdf_get_int_value(h, "Active.n", 0) > 0) {
            snprintf(reason, sizeof reason, "Эксперта нельзя убрать из пула: у него есть "
                     "назначения в этом конкурсе (%d). Сначала снимите их.",
                     hdf_get_int_value(h, "Active.n", 0));
            err = refuse(r, 409, reason);
            goto done;
        }
        err = gf_db_exec(Q[Q_POOL_DEL], ARGS(A_INT(r->id), A_INT(expert)), NULL, NULL);
        snprintf(reason, sizeof reason, "пул экспертов: убран %.300s (№ %lld)",
                 hdf_get_value(h, "E.name", ""), expert);
    }
    gf_utf8_cut(reason);
    if (err || (err = gr_audit(r, "competition", r->id, "update", NULL, NULL, reason)))
        goto done;
    err = finish(r, NULL, "saved=1", "#pool");
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&h);
    return nerr_pass(err);
}

static NEOERR *due(gf_req *r)
{
    const char *v = gf_input(r, "review_due");
    long long utc = 0;
    char now_s[24], then_s[24], reason[200];
    int ok = 0;
    HDF *h = NULL;
    NEOERR *err;

    if (!*v)
        gf_field_error(r, "review_due", "Укажите срок экспертизы: дату и время по Москве.");
    else if (strlen(v) > 40 || !gr_parse_msk(v, &utc))
        gf_field_error(r, "review_due", "Дата и время по Москве, например: 20.04.2027 18:00.");
    else if (utc <= (long long)time(NULL))
        gf_field_error(r, "review_due", "Срок экспертизы уже прошёл: укажите время в будущем.");
    else if (utc > (long long)time(NULL) + 366L * 86400)
        gf_field_error(r, "review_due", "Срок экспертизы — не позже чем через год: проверьте год.");
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return nerr_pass(review_page(r));
    }
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if ((err = begin(r, 0, h, &ok)) || !ok ||
        (err = gf_db_exec(Q[Q_DUE], ARGS(A_INT(utc), A_INT(r->id)), NULL, NULL)))
        goto done;
    now_s[0] = '\0';
    if (*hdf_get_value(h, "Comp.review_due_ts", ""))      /* as /staff/audit's readers write it */
        gf_fmt_msk((time_t)atoll(hdf_get_value(h, "Comp.review_due_ts", "0")), 1, now_s, sizeof now_s);
    gf_fmt_msk((time_t)utc, 1, then_s, sizeof then_s);
    snprintf(reason, sizeof reason, "срок экспертизы (МСК): %s → %s", *now_s ? now_s : "не задан",
             then_s);
    if ((err = gr_audit(r, "competition", r->id, "update", NULL, NULL, reason)))
        goto done;
    err = finish(r, NULL, "saved=1", "#due");
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* ---- every expert ------------------------------------------------------- */

static NEOERR *experts(gf_req *r)
{
    long long dir = gf_parse_id(gf_param(r, "direction", ""));
    const char *html;
    HDF *rows = NULL, *list;
    int has = 0;
    NEOERR *err;

    if (dir && (err = gr_list_find(GR_LIST_DIRECTIONS, dir, &has)))
        return nerr_pass(err);
    if (!has)
        dir = 0;           /* an unknown direction filters nothing */
    if (dir)
        gf_setf(r->hdf, "Filter.direction=%lld", dir);
    if ((err = gr_list_options(GR_LIST_DIRECTIONS, dir, &html)))
        return nerr_pass(err);
    gf_set(r->hdf, "Filter.Options.direction", html);
    if ((err = gf_db_rows(Q[Q_EXPERTS], ARGS(A_INT(dir), A_INT(dir)), r->hdf, "Experts", NULL)) ||
        (err = hdf_init(&rows)))
        goto done;
    list = hdf_get_obj(r->hdf, "Experts");
    if ((err = gf_db_rows(Q[Q_EXPERT_DIRS], NOARGS, rows, "Dirs", NULL)) ||
        (err = gf_db_rows(Q[Q_EXPERT_ORGS], NOARGS, rows, "Orgs", NULL)) ||
        (err = gf_db_rows(Q[Q_EXPERT_COMPS], NOARGS, rows, "Comps", NULL)) ||
        (err = nest(list, "id", hdf_get_obj(rows, "Dirs"), "user_id", "Dirs")) ||
        (err = nest(list, "id", hdf_get_obj(rows, "Orgs"), "user_id", "Orgs")) ||
        (err = nest(list, "id", hdf_get_obj(rows, "Comps"), "user_id", "Comps")))
        goto done;
    gf_set(r->hdf, "Page.Title", "Эксперты");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_review_experts.cs";
done:
    hdf_destroy(&rows);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/competitions/#/review", show, NULL, 0, 0},
        {"/staff/competitions/#/review/auto", NULL, auto_assign, GR_STAFF, 0},
        {"/staff/competitions/#/review/pool", NULL, pool, GR_STAFF, 0},
        {"/staff/competitions/#/review/assign", NULL, assign, GR_STAFF, 0},
        {"/staff/competitions/#/review/due", NULL, due, GR_STAFF, 0},
        {"/staff/experts", experts, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    /* administrators read (as in the registry); staff change */
    static const gf_program prog = {.name = "staff_review", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
