/*
 * expert — the expert's pages:
 *   /expert                             the applications given to the expert,
 *                                       grouped by competition, with their
 *                                       state and the review deadline
 *   /expert/applications/<id>           one assigned application (<id>: the
 *                                       project): first the declaration of no
 *                                       conflict of interest, then the frozen
 *                                       application and the scoring form;
 *                                       read-only once submitted or declined
 *   /expert/applications/<id>/declare   (POST) declare no conflict, or decline
 *                                       the application with a reason
 *   /expert/applications/<id>/scores    (POST) save a draft, or submit (once)
 *   /expert/files/<id>                  an attachment of a declared assignment
 * Anything not assigned to this expert (or removed) is a 404.
 *
 * Blind review (competitions.blind_review): what names the organization
 * never reaches the request's HDF — no organization row is read, the frozen
 * copy's Organization is left out, team members become «Участник N» and
 * attachments «Вложение-<id>.<ext>» (also in the download's headers). The
 * applicant's own texts are shown as written; the page says so.
 *
 * Every change runs in one transaction that begins with gr_review_lock
 * (the competition's row) and re-reads the assignment under it: a second
 * submit, or a change after the stage moved on, is refused (409) with
 * nothing written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

/* an assignment of this expert, as the application's pages see it */
#define ONE_SQL                                                                              \
    "SELECT a.id, a.state, (a.declared_at IS NOT NULL) AS declared,"                         \
    " UNIX_TIMESTAMP(a.declared_at) AS declared_ts, UNIX_TIMESTAMP(a.declined_at) AS declined_ts," \
    " a.decline_reason, UNIX_TIMESTAMP(a.saved_at) AS saved_ts,"                             \
    " UNIX_TIMESTAMP(a.submitted_at) AS submitted_ts, a.overall_comment, a.total,"           \
    " a.competition_id, p.id AS project_id, p.number, p.title, d.name AS direction,"         \
    " c.title AS comp_title, c.stage, c.blind_review, UNIX_TIMESTAMP(c.review_due) AS due_ts" \
    " FROM assignments a JOIN projects p ON p.id = a.project_id"                             \
    " JOIN competitions c ON c.id = a.competition_id"                                        \
    " LEFT JOIN directions d ON d.id = p.direction_id"                                       \
    " WHERE a.project_id = ? AND a.expert_id = ? AND a.state IN ('assigned', 'declined', 'submitted')"

enum {
    Q_LIST, Q_ONE, Q_ONE_LOCK, Q_ORG, Q_FROZEN, Q_CRITERIA, Q_ME, Q_DECLARE, Q_DECLINE,
    Q_SCORE, Q_SAVE, Q_SUBMIT, Q_FILE, Q__MAX
};
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT a.project_id, a.state, (a.declared_at IS NOT NULL) AS declared,"
        " (a.saved_at IS NOT NULL) AS saved, a.total, p.number, p.title, d.name AS direction,"
        " c.id AS comp_id, c.title AS comp_title, c.stage, UNIX_TIMESTAMP(c.review_due) AS due_ts"
        " FROM assignments a JOIN projects p ON p.id = a.project_id"
        " JOIN competitions c ON c.id = a.competition_id"
        " LEFT JOIN directions d ON d.id = p.direction_id"
        " WHERE a.expert_id = ? AND a.state <> 'removed' ORDER BY c.id DESC, p.number, p.id",
    [Q_ONE] = ONE_SQL,
    [Q_ONE_LOCK] = ONE_SQL " FOR UPDATE",
    /* only read when the review is not blind */
    [Q_ORG] =
        "SELECT o.short_name, o.full_name, o.inn FROM projects p"
        " JOIN organizations o ON o.id = p.org_id WHERE p.id = ?",
    [Q_FROZEN] =
        "SELECT frozen FROM projects WHERE id = ?",
    [Q_CRITERIA] =
        "SELECT c.id, c.name, c.description, c.max_score, CAST(c.weight AS DOUBLE) AS weight,"
        " s.score, s.comment FROM criteria c"
        " LEFT JOIN scores s ON s.criterion_id = c.id AND s.assignment_id = ?"
        " WHERE c.competition_id = ? ORDER BY c.sort, c.id",
    [Q_ME] =
        "SELECT name FROM users WHERE id = ?",
    [Q_DECLARE] =
        "UPDATE assignments SET declared_at = NOW() WHERE id = ? AND expert_id = ?"
        " AND state = 'assigned' AND declared_at IS NULL",
    [Q_DECLINE] =
        "UPDATE assignments SET state = 'declined', declined_at = NOW(), decline_reason = ?"
        " WHERE id = ? AND expert_id = ? AND state = 'assigned'",
    [Q_SCORE] =
        "INSERT INTO scores (assignment_id, criterion_id, score, comment) VALUES (?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE score = VALUES(score), comment = VALUES(comment)",
    [Q_SAVE] =
        "UPDATE assignments SET overall_comment = ?, saved_at = NOW() WHERE id = ?"
        " AND expert_id = ? AND state = 'assigned' AND declared_at IS NOT NULL",
    [Q_SUBMIT] =
        "UPDATE assignments SET overall_comment = ?, saved_at = NOW(), submitted_at = NOW(),"
        " total = ?, state = 'submitted' WHERE id = ? AND expert_id = ? AND state = 'assigned'"
        " AND declared_at IS NOT NULL",
    [Q_FILE] =
        "SELECT f.id, f.stored_name, f.mime, f.orig_name, c.blind_review FROM attachments f"
        " JOIN assignments a ON a.project_id = f.project_id"
        " JOIN competitions c ON c.id = a.competition_id"
        " WHERE f.id = ? AND a.expert_id = ? AND a.state IN ('assigned', 'submitted')"
        " AND a.declared_at IS NOT NULL",
};
GF_STATEMENTS(Q, Q__MAX);

/* Limits of what an expert types. */
enum { REASON_MAX = 2000, COMMENT_MAX = 2000, OVERALL_MAX = 5000 };

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

/* ---- /expert ------------------------------------------------------------ */

/* Groups.<g>.{comp_id,comp_title,stage,due_ts} with Apps.<n> = the rows of
 * that competition (the rows come ordered by competition). */
static NEOERR *list(gf_req *r)
{
    HDF *rows;
    int g = -1, n = 0;
    const char *last = "";
    NEOERR *err;

    if ((err = hdf_init(&rows)))
        return nerr_pass(err);
    if ((err = gf_db_rows(Q[Q_LIST], ARGS(A_INT(r->user_id)), rows, "R", NULL))) {
        hdf_destroy(&rows);
        return nerr_pass(err);
    }
    for (HDF *x = hdf_get_child(rows, "R"); x; x = hdf_obj_next(x)) {
        const char *comp = hdf_get_value(x, "comp_id", "");
        if (g < 0 || strcmp(comp, last)) {
            g++;
            n = 0;
            gf_setf(r->hdf, "Groups.%d.comp_id=%s", g, comp);
            gf_setf(r->hdf, "Groups.%d.comp_title=%s", g, hdf_get_value(x, "comp_title", ""));
            gf_setf(r->hdf, "Groups.%d.stage=%s", g, hdf_get_value(x, "stage", ""));
            gf_setf(r->hdf, "Groups.%d.due_ts=%s", g, hdf_get_value(x, "due_ts", ""));
        }
        last = comp;
        {
            char key[64];
            snprintf(key, sizeof key, "Groups.%d.Apps.%d", g, n++);
            gf_must(hdf_copy(r->hdf, key, x));
        }
    }
    hdf_destroy(&rows);
    gf_set(r->hdf, "Page.Title", "Экспертиза заявок");
    gf_set(r->hdf, "Page.Nav", "expert");
    r->page = "expert.cs";
    return STATUS_OK;
}

/* ---- one application ------------------------------------------------------ */

/* The assignment of r->id to this expert into A.* (locked with lock, inside
 * the caller's transaction); 404 when there is none to show. Blind = 1 for
 * a blind review; otherwise the organization's names and ИНН in AppOrg.*. */
static NEOERR *load(gf_req *r, int lock)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[lock ? Q_ONE_LOCK : Q_ONE], ARGS(A_INT(r->id), A_INT(r->user_id)),
                         r->hdf, "A", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "application %lld is not assigned to user %lld", r->id,
                          r->user_id);
    gf_set(r->hdf, "Blind", hdf_get_int_value(r->hdf, "A.blind_review", 1) ? "1" : "");
    if (!*sv(r, "Blind") && !lock)
        return nerr_pass(gf_db_row(Q[Q_ORG], ARGS(A_INT(r->id)), r->hdf, "AppOrg", NULL));
    return STATUS_OK;
}

/* What an expert changes in an assignment. */
enum change { CH_SCORE, CH_DECLARE, CH_DECLINE };

/* Why this expert may not make the change now (a Russian sentence), or
 * NULL when they may. Declining is possible before and after the
 * declaration, until the score is submitted. */
static const char *refusal(gf_req *r, enum change what)
{
    const char *state = sv(r, "A.state");

    if (!strcmp(state, "submitted"))
        return "Оценка уже отправлена: изменить её нельзя.";
    if (!strcmp(state, "declined"))
        return "Вы отказались от этой заявки (конфликт интересов): изменить это нельзя.";
    if (strcmp(state, "assigned"))
        return "Эта заявка вам больше не назначена.";
    if (strcmp(sv(r, "A.stage"), "review"))
        return "Конкурс сейчас не на этапе экспертизы: изменения не принимаются.";
    if (what == CH_DECLARE && hdf_get_int_value(r->hdf, "A.declared", 0))
        return "Отсутствие конфликта интересов уже подтверждено.";
    if (what == CH_SCORE && !hdf_get_int_value(r->hdf, "A.declared", 0))
        return "Сначала подтвердите отсутствие конфликта интересов.";
    return NULL;
}

/* The frozen application as Sections.* (and Org.* unless blind): what
 * templates/app_whole.cs reads, with the lists it names things by. In a
 * blind review the organization is left out, team members and attachment
 * names are replaced before anything reaches r->hdf. */
static NEOERR *frozen(gf_req *r)
{
    HDF *row = NULL, *data = NULL, *x;
    int blind = *sv(r, "Blind") != 0, n;
    char name[96];
    NEOERR *err;

    if ((err = hdf_init(&row)) || (err = hdf_init(&data)) ||
        (err = gf_db_row(Q[Q_FROZEN], ARGS(A_INT(r->id)), row, NULL, NULL)))
        goto done;
    if (!*hdf_get_value(row, "frozen", "")) {
        gf_set(r->hdf, "NoFrozen", "1");
        goto done;
    }
    if ((err = gr_draft_decode(hdf_get_value(row, "frozen", ""), data)))
        goto done;
    if (blind) {
        n = 0;
        for (x = hdf_get_child(data, "Sections.team.m"); x; x = hdf_obj_next(x)) {
            snprintf(name, sizeof name, "Участник %d", ++n);
            gf_set(x, "name", name);
        }
        for (x = hdf_get_child(data, "Sections.files.a"); x; x = hdf_obj_next(x)) {
            gr_blind_file_name(atoll(hdf_get_value(x, "id", "0")), hdf_get_value(x, "mime", ""),
                               name, sizeof name);
            gf_set(x, "orig_name", name);
        }
    }
    if ((hdf_get_obj(data, "Sections") &&
         (err = hdf_copy(r->hdf, "Sections", hdf_get_obj(data, "Sections")))) ||
        (!blind && hdf_get_obj(data, "Organization") &&
         (err = hdf_copy(r->hdf, "Org", hdf_get_obj(data, "Organization")))))
        goto done;
    gf_set(r->hdf, "FileLink", "/expert/files/");
done:
    hdf_destroy(&row);
    hdf_destroy(&data);
    return nerr_pass(err);
}

/* The competition's criteria with this assignment's stored scores as
 * Crit.<n>; each gets `scored` (weight above 0) and the values the form
 * shows: v_score, sel (the score as a number, -1 for none), v_comment. */
static NEOERR *criteria(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_CRITERIA], ARGS(A_INT(atoll(sv(r, "A.id"))),
                                              A_INT(atoll(sv(r, "A.competition_id")))),
                          r->hdf, "Crit", NULL)))
        return nerr_pass(err);
    for (HDF *c = hdf_get_child(r->hdf, "Crit"); c; c = hdf_obj_next(c)) {
        const char *score = hdf_get_value(c, "score", "");
        gf_set_int(c, "scored", strtod(hdf_get_value(c, "weight", "0"), NULL) > 0 &&
                                    hdf_get_int_value(c, "max_score", 0) > 0);
        gf_set(c, "v_score", score);
        gf_set_int(c, "sel", *score ? atoi(score) : -1);
        gf_set(c, "v_comment", hdf_get_value(c, "comment", ""));
    }
    return STATUS_OK;
}

/* The total of the scores in Crit (v_score), when every scored criterion
 * has one: gr_score_total's rule; -1 otherwise. */
static double crit_total(gf_req *r)
{
    gr_crit_score cs[64];
    int n = 0;

    for (HDF *c = hdf_get_child(r->hdf, "Crit"); c && n < 64; c = hdf_obj_next(c)) {
        int v;
        if (!hdf_get_int_value(c, "scored", 0))
            continue;
        if (!gr_score_parse(hdf_get_value(c, "v_score", ""), hdf_get_int_value(c, "max_score", 0), &v))
            return -1;
        cs[n++] = (gr_crit_score){v, hdf_get_int_value(c, "max_score", 0),
                                  strtod(hdf_get_value(c, "weight", "0"), NULL)};
    }
    return gr_score_total(cs, n);
}

/* The page (after load): which step, and what that step shows. from_db:
 * the form's values are the stored ones (a POST refused for its input
 * keeps what was posted). */
static NEOERR *fill(gf_req *r, int from_db)
{
    const char *state = sv(r, "A.state");
    int declared = hdf_get_int_value(r->hdf, "A.declared", 0);
    char title[96];
    double total;
    NEOERR *err;

    gf_set(r->hdf, "Open", !strcmp(sv(r, "A.stage"), "review") ? "1" : "");
    if (!strcmp(state, "declined"))
        gf_set(r->hdf, "Step", "declined");
    else if (!declared)
        gf_set(r->hdf, "Step", "declare");
    else
        gf_set(r->hdf, "Step", !strcmp(state, "submitted") ? "submitted" : "score");
    if (!strcmp(sv(r, "Step"), "score") || !strcmp(sv(r, "Step"), "submitted")) {
        if ((err = frozen(r)) ||
            (err = gr_app_lists(r, atoll(sv(r, "A.competition_id")))))
            return nerr_pass(err);
        if (from_db) {
            if ((err = criteria(r)))
                return nerr_pass(err);
            gf_set(r->hdf, "Query.overall", sv(r, "A.overall_comment"));
        }
        if ((total = crit_total(r)) >= 0)
            gf_setf(r->hdf, "Preview=%.2f", total);
    }
    gf_set(r->hdf, "Saved", gf_parse_id(gf_param(r, "saved", "")) ? "1" : "");
    gf_set(r->hdf, "Done", gf_parse_id(gf_param(r, "submitted", "")) ? "1" : "");
    snprintf(title, sizeof title, "Заявка %s", *sv(r, "A.number") ? sv(r, "A.number") : "");
    gf_set(r->hdf, "Page.Title", title);
    gf_set(r->hdf, "Page.Nav", "expert");
    r->page = "expert_app.cs";
    return STATUS_OK;
}

static NEOERR *app_show(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r, 0)))
        return nerr_pass(err);
    return nerr_pass(fill(r, 1));
}

/* A change that may not happen (see refusal): nothing written, the page
 * as it is now with the reason; 409. */
static NEOERR *refused(gf_req *r, const char *why)
{
    NEOERR *err;
    char msg[300];

    snprintf(msg, sizeof msg, "%s", why);
    gf_db_rollback();
    if ((err = load(r, 0)) || (err = fill(r, 1)))
        return nerr_pass(err);
    gf_set(r->hdf, "Form.Error.form", msg);
    r->status = 409;
    return STATUS_OK;
}

/* Begins the transaction of a change: the competition's lock, then the
 * assignment again under it. *why = the refusal, if any (the transaction
 * is still open: refused() rolls it back). */
static NEOERR *begin_change(gf_req *r, enum change what, const char **why)
{
    HDF *lock;
    int found = 0;
    NEOERR *err;

    *why = NULL;
    if ((err = hdf_init(&lock)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gr_review_lock(atoll(sv(r, "A.competition_id")), lock, &found)) &&
        !(err = load(r, 1)))
        *why = refusal(r, what);
    hdf_destroy(&lock);
    return nerr_pass(err);
}

/* Alerts staff that the expert declined (inside the transaction). */
static NEOERR *alert_declined(gf_req *r, const char *reason)
{
    HDF *mail;
    char line[900];
    NEOERR *err;

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_row(Q[Q_ME], ARGS(A_INT(r->user_id)), mail, "Expert", NULL))) {
        gf_set(mail, "Item.number", sv(r, "A.number"));
        gf_set(mail, "Item.title", sv(r, "A.title"));
        gf_set(mail, "Item.competition", sv(r, "A.comp_title"));
        gf_set(mail, "Item.competition_id", sv(r, "A.competition_id"));
        gf_set(mail, "Item.reason", reason);
        snprintf(line, sizeof line, "Отказ эксперта %.100s от заявки %s (конфликт интересов): %.300s — %s/staff/competitions/%s/review",
                 hdf_get_value(mail, "Expert.name", ""), sv(r, "A.number"), reason,
                 gf_cfg("Site.URL", ""), sv(r, "A.competition_id"));
        err = gr_alert_staff(r, "declined", "declined_alert.cs", mail, line);
    }
    hdf_destroy(&mail);
    return nerr_pass(err);
}

static NEOERR *declare(gf_req *r)
{
    const char *action = gf_input(r, "action"), *why;
    int decline = !strcmp(action, "decline");
    const char *reason = decline ? gf_input(r, "reason") : "";
    long long aid, affected = 0;
    char where[96];
    HDF *audit = NULL;
    int mailed = 0;
    NEOERR *err;

    if ((err = load(r, 0)))
        return nerr_pass(err);
    if (!decline && strcmp(action, "declare"))
        gf_field_error(r, "form", "Выберите: подтвердить отсутствие конфликта интересов или заявить о нём.");
    else if (decline)
        gf_field_text(r, "reason", reason, GF_REQUIRED, REASON_MAX);
    else if (strcmp(gf_input(r, "confirm"), "1"))
        gf_field_error(r, "confirm", "Отметьте, что конфликта интересов нет.");
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return nerr_pass(fill(r, 1));
    }
    if ((err = begin_change(r, decline ? CH_DECLINE : CH_DECLARE, &why)))
        return nerr_pass(err);
    if (why)
        return nerr_pass(refused(r, why));
    aid = atoll(sv(r, "A.id"));
    if (decline)
        err = gf_db_exec(Q[Q_DECLINE], ARGS(A_STR(reason), A_INT(aid), A_INT(r->user_id)), &affected, NULL);
    else
        err = gf_db_exec(Q[Q_DECLARE], ARGS(A_INT(aid), A_INT(r->user_id)), &affected, NULL);
    if (err)
        return nerr_pass(err);
    if (affected != 1)
        return nerr_pass(refused(r, "Заявка изменилась, пока страница была открыта: обновите её."));
    if ((err = hdf_init(&audit)))
        return nerr_pass(err);
    if (decline) {
        gr_audit_later(audit, "project", r->id, "decline", NULL, NULL, reason);
        if (!(err = alert_declined(r, reason)))
            err = gr_review_settle(r, r->id, audit);
    } else {
        gr_audit_later(audit, "project", r->id, "declare", NULL, NULL, "нет конфликта интересов");
    }
    if (!err && decline)   /* settling may have given the application to another expert */
        err = gr_review_notify(r, atoll(sv(r, "A.competition_id")), &mailed);
    if (!err && !(err = gr_audit_flush(r, audit)))
        err = gf_db_commit();
    hdf_destroy(&audit);
    if (err)
        return nerr_pass(err);
    gf_log("info", "application %lld: expert %lld %s", r->id, r->user_id, decline ? "declined" : "declared");
    snprintf(where, sizeof where, "/expert/applications/%lld", r->id);
    gf_redirect(r, where);
    return STATUS_OK;
}

/* Reads the scoring form into Crit (v_score, sel, v_comment, err_*) and
 * Query.overall, and checks it: a draft needs only valid values, a
 * submission every scored criterion's score and comment and the overall
 * comment. */
static void read_scores(gf_req *r, int submit)
{
    const char *overall = gf_input(r, "overall");
    unsigned rule = submit ? GF_REQUIRED : GF_OPTIONAL;
    char key[64], msg[160];
    int any = 0;

    for (HDF *c = hdf_get_child(r->hdf, "Crit"); c; c = hdf_obj_next(c)) {
        const char *id = hdf_get_value(c, "id", "0"), *score, *comment;
        int max = hdf_get_int_value(c, "max_score", 0), v = -1;
        if (!hdf_get_int_value(c, "scored", 0))
            continue;
        any = 1;
        snprintf(key, sizeof key, "score_%s", id);
        score = gf_input(r, key);
        if (*score && !gr_score_parse(score, max, &v)) {
            snprintf(msg, sizeof msg, "Оценка — целое число от 0 до %d.", max);
            gf_field_error(r, key, msg);
        } else if (!*score && submit) {
            gf_field_error(r, key, "Поставьте оценку по этому критерию.");
        }
        gf_set(c, "v_score", score);
        gf_set_int(c, "sel", v);
        snprintf(msg, sizeof msg, "Form.Error.%s", key);
        gf_set(c, "err_score", sv(r, msg));
        snprintf(key, sizeof key, "comment_%s", id);
        comment = gf_input(r, key);
        gf_field_text(r, key, comment, rule, COMMENT_MAX);
        gf_set(c, "v_comment", comment);
        snprintf(msg, sizeof msg, "Form.Error.%s", key);
        gf_set(c, "err_comment", sv(r, msg));
    }
    gf_field_text(r, "overall", overall, rule, OVERALL_MAX);
    if (submit && !any)
        gf_field_error(r, "form", "У конкурса нет оцениваемых критериев: отправить оценку нельзя.");
}

static NEOERR *scores(gf_req *r)
{
    const char *action = gf_input(r, "action"), *why;
    int submit = !strcmp(action, "submit");
    long long aid, affected = 0;
    char where[96], total[32] = "";
    double t;
    HDF *audit = NULL;
    int mailed = 0;
    NEOERR *err;

    if ((err = load(r, 0)))
        return nerr_pass(err);
    if ((why = refusal(r, CH_SCORE)))
        return nerr_pass(refused(r, why));
    if ((err = criteria(r)))
        return nerr_pass(err);
    if (!submit && strcmp(action, "save"))
        gf_field_error(r, "form", "Выберите: сохранить черновик или отправить оценку.");
    else
        read_scores(r, submit);
    if (!gf_form_has_errors(r) && submit) {
        if ((t = crit_total(r)) < 0)
            gf_field_error(r, "form", "Не все оценки поставлены: отправить оценку нельзя.");
        else
            snprintf(total, sizeof total, "%.2f", t);
    }
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return nerr_pass(fill(r, 0));
    }
    if ((err = begin_change(r, CH_SCORE, &why)))
        return nerr_pass(err);
    if (why)
        return nerr_pass(refused(r, why));
    aid = atoll(sv(r, "A.id"));
    {
        const char *overall = sv(r, "Query.overall");
        const gf_arg oc = *overall ? A_STR(overall) : A_NULL;
        if (submit)
            err = gf_db_exec(Q[Q_SUBMIT], ARGS(oc, A_STR(total), A_INT(aid), A_INT(r->user_id)),
                             &affected, NULL);
        else
            err = gf_db_exec(Q[Q_SAVE], ARGS(oc, A_INT(aid), A_INT(r->user_id)), &affected, NULL);
    }
    if (err)
        return nerr_pass(err);
    /* a save in the same second may change nothing; a submit always does */
    if (submit && affected != 1)
        return nerr_pass(refused(r, "Оценка уже отправлена: изменить её нельзя."));
    for (HDF *c = hdf_get_child(r->hdf, "Crit"); c && !err; c = hdf_obj_next(c)) {
        const char *score = hdf_get_value(c, "v_score", ""), *comment = hdf_get_value(c, "v_comment", "");
        if (!hdf_get_int_value(c, "scored", 0))
            continue;
        err = gf_db_exec(Q[Q_SCORE], ARGS(A_INT(aid), A_INT(atoll(hdf_get_value(c, "id", "0"))),
                                          *score ? A_INT(atoi(score)) : A_NULL,
                                          *comment ? A_STR(comment) : A_NULL), NULL, NULL);
    }
    if (err)
        return nerr_pass(err);
    if (submit) {
        if ((err = hdf_init(&audit)))
            return nerr_pass(err);
        gr_audit_later(audit, "project", r->id, "score", NULL, total, NULL);
        if (!(err = gr_review_settle(r, r->id, audit)) &&   /* a divergence calls one more */
            !(err = gr_review_notify(r, atoll(sv(r, "A.competition_id")), &mailed)))
            err = gr_audit_flush(r, audit);
        hdf_destroy(&audit);
    }
    if (err || (err = gf_db_commit()))
        return nerr_pass(err);
    if (submit)
        gf_log("info", "application %lld: expert %lld submitted %s", r->id, r->user_id, total);
    snprintf(where, sizeof where, "/expert/applications/%lld?%s=1#scoring", r->id,
             submit ? "submitted" : "saved");
    gf_redirect(r, where);
    return STATUS_OK;
}

/* ---- /expert/files/<id> ---------------------------------------------------- */

static NEOERR *file(gf_req *r)
{
    int found = 0;
    char name[96];
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_FILE], ARGS(A_INT(r->id), A_INT(r->user_id)), r->hdf, "File", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "attachment %lld is not the expert's", r->id);
    if (hdf_get_int_value(r->hdf, "File.blind_review", 1)) {
        gr_blind_file_name(r->id, sv(r, "File.mime"), name, sizeof name);
        gf_set(r->hdf, "File.name", name);
    } else {
        gf_set(r->hdf, "File.name", sv(r, "File.orig_name"));
    }
    gf_download(r, sv(r, "File.stored_name"), hdf_get_value(r->hdf, "File.mime", "application/octet-stream"),
                sv(r, "File.name"));
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/expert", list, NULL, 0, 0},
        {"/expert/applications/#", app_show, NULL, 0, 0},
        {"/expert/applications/#/declare", NULL, declare, 0, 0},
        {"/expert/applications/#/scores", NULL, scores, 0, 0},
        {"/expert/files/#", file, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "expert", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_EXPERT, .routes = routes};
    return gf_run(argc, argv, &prog);
}
