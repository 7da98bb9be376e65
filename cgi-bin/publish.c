/*
 * publish — "/staff/competitions/<id>/publish": the tab «Публикация итогов»
 * of the competition editor.
 *   GET   where the competition stands (stage, the commission's decision),
 *         what publishing will do (winners with their amounts, the others,
 *         the total granted, how many mails go out) or, once published,
 *         when and by whom; the button only when publishing is allowed,
 *         else the reason. Administrators read it; only staff publish.
 *   POST  publishes, in one transaction under the competition's review
 *         lock: every scored application becomes a winner (the
 *         commission's mark, with its amount, and on the exhibition when
 *         the NGO consented) or not a winner (on the exhibition as an
 *         applicant when the NGO consented: a blind review kept it off
 *         until now); the competition moves to
 *         stage results with published_at; every member of each applicant
 *         organization is mailed the outcome with the experts' scores and
 *         comments (experts numbered, never named); audit entries per
 *         application and for the competition. The stage and the decision
 *         are checked again under the lock, so a second publish is a 409
 *         that changes and mails nothing.
 * The public pages (/results, /projects, a competition's page) are cached
 * per process for Cache.PublicTTL seconds (5 by default): the cache of
 * this process is cleared, but another program's workers may show the
 * previous page for up to that long after publication.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_COMP, Q_DECISION, Q_PUBLISHER, Q_APPS, Q_MAILS, Q_UNMAILED, Q_MEMBERS, Q_EXPERTS, Q_SCORES, Q_WIN,
    Q_NOT_WIN, Q_STAGE, Q__MAX
};
static const char *const Q[] = {
    [Q_COMP] =
        "SELECT id, title, stage, fund_kopecks, UNIX_TIMESTAMP(opens_at) AS opens_ts,"
        " UNIX_TIMESTAMP(closes_at) AS closes_ts, UNIX_TIMESTAMP(published_at) AS published_ts"
        " FROM competitions WHERE id = ?",
    [Q_DECISION] =
        "SELECT DATE_FORMAT(decided_on, '%d.%m.%Y') AS decided_on, protocol_number,"
        " UNIX_TIMESTAMP(recorded_at) AS recorded_ts FROM commission_decisions"
        " WHERE competition_id = ?",
    [Q_PUBLISHER] =
        "SELECT u.name, UNIX_TIMESTAMP(a.at) AS ts FROM audit_log a"
        " LEFT JOIN users u ON u.id = a.user_id WHERE a.object_type = 'competition'"
        " AND a.object_id = ? AND a.action = 'publish' ORDER BY a.id DESC LIMIT 1",
    /* the applications the decision is about (and, after it, its outcome),
     * best score first; an admitted one is not scored yet */
    [Q_APPS] =
        "SELECT p.id, p.number, p.title, p.org_id, p.org_name, p.status, p.score,"
        " p.score, p.consent_publish, p.granted_kopecks,"
        " COALESCE(m.winner, 0) AS winner, m.granted_kopecks AS marked_kopecks"
        " FROM projects p LEFT JOIN commission_marks m ON m.project_id = p.id"
        " AND m.competition_id = p.competition_id WHERE p.competition_id = ?"
        " AND p.status IN ('admitted', 'scored', 'winner', 'not_winner', 'in_progress', 'completed')"
        " ORDER BY p.score IS NULL, p.score DESC, p.id",
    /* how many outcome mails publishing sends: one per application and member */
    [Q_MAILS] =
        "SELECT COUNT(*) AS n FROM projects p JOIN org_members m ON m.org_id = p.org_id"
        " JOIN users u ON u.id = m.user_id WHERE p.competition_id = ? AND p.status = 'scored'"
        " AND u.disabled = 0",
    /* ... and the applications nobody will get it for (no active member) */
    [Q_UNMAILED] =
        "SELECT COUNT(*) AS n FROM projects p WHERE p.competition_id = ? AND p.status = 'scored'"
        " AND NOT EXISTS (SELECT 1 FROM org_members m JOIN users u ON u.id = m.user_id"
        "   WHERE m.org_id = p.org_id AND u.disabled = 0)",
    [Q_MEMBERS] =
        "SELECT u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id"
        " WHERE m.org_id = ? AND u.disabled = 0 ORDER BY u.id",
    /* an application's submitted scores in the order they came in: the
     * mail numbers the experts by it and never names them */
    [Q_EXPERTS] =
        "SELECT id, overall_comment, total FROM assignments"
        " WHERE project_id = ? AND state = 'submitted' ORDER BY submitted_at, id",
    [Q_SCORES] =
        "SELECT c.name, c.max_score, s.score, s.comment FROM scores s"
        " JOIN criteria c ON c.id = s.criterion_id WHERE s.assignment_id = ? ORDER BY c.sort, c.id",
    [Q_WIN] =
        "UPDATE projects SET status = 'winner', granted_kopecks = ?,"
        " exhibit = IF(consent_publish = 1, 'winner', exhibit), updated_at = NOW()"
        " WHERE id = ? AND status = 'scored'",
    [Q_NOT_WIN] =
        "UPDATE projects SET status = 'not_winner', updated_at = NOW(),"
        " exhibit = IF(consent_publish = 1 AND exhibit = 'none', 'applicant', exhibit)"
        " WHERE id = ? AND status = 'scored'",
    [Q_STAGE] =
        "UPDATE competitions SET stage = 'results', published_at = NOW()"
        " WHERE id = ? AND stage = 'commission'",
};
GF_STATEMENTS(Q, Q__MAX);

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

/* What publishing would do, counted over Apps (Q_APPS), into Plan.*:
 * winners, others, the total granted, and the applications still
 * unscored (their numbers, for the refusal). */
static void plan(gf_req *r, char *unscored, size_t n)
{
    long long total = 0;
    int winners = 0, others = 0, waiting = 0;
    size_t used = 0;

    unscored[0] = '\0';
    for (HDF *a = hdf_get_child(r->hdf, "Apps"); a; a = hdf_obj_next(a)) {
        const char *status = hdf_get_value(a, "status", "");
        char score[64];
        gf_fmt_decimal(hdf_get_value(a, "score", ""), score, sizeof score);
        gf_set(a, "score_text", score);
        if (!strcmp(status, "admitted")) {
            waiting++;
            if (used + 40 < n)
                used += (size_t)snprintf(unscored + used, n - used, "%s%s", used ? ", " : "",
                                         hdf_get_value(a, "number", "без номера"));
        } else if (!strcmp(status, "scored") && hdf_get_int_value(a, "winner", 0)) {
            winners++;
            total += atoll(hdf_get_value(a, "marked_kopecks", "0"));
        } else if (!strcmp(status, "scored")) {
            others++;
        }
    }
    gf_set_int(r->hdf, "Plan.winners", winners);
    gf_set_int(r->hdf, "Plan.others", others);
    gf_set_int(r->hdf, "Plan.unscored", waiting);
    gf_setf(r->hdf, "Plan.granted=%lld", total);
}

/* Why the competition may not be published now (a Russian sentence), or
 * NULL: the stage, applications still unscored, the stage guard of
 * grant/competition.c (the commission's decision), then the marks (a
 * winner without an amount, the fund). msg holds the sentences made here. */
static const char *refusal(gf_req *r, const char *unscored, char *msg, size_t n)
{
    const char *stage = sv(r, "Comp.stage"), *why;
    gr_comp_facts f = {.publishing = 1, .decided = hdf_get_int_value(r->hdf, "Decided", 0),
                       .admitted = hdf_get_int_value(r->hdf, "Plan.unscored", 0),
                       .scored = hdf_get_int_value(r->hdf, "Plan.winners", 0) +
                                 hdf_get_int_value(r->hdf, "Plan.others", 0)};

    if (gr_stage_index(stage) > gr_stage_index("commission"))
        return "Итоги этого конкурса уже опубликованы.";
    if (strcmp(stage, "commission")) {
        snprintf(msg, n, "Итоги публикуются на этапе «Работа комиссии», после экспертизы и решения "
                 "комиссии; конкурс ещё не дошёл до этого этапа.");
        return msg;
    }
    if (f.admitted) {
        snprintf(msg, n, "Не все заявки оценены, публиковать итоги нельзя: %s. Дождитесь оценок "
                 "экспертов (страница «Эксперты и оценки»).", unscored);
        gf_utf8_cut(msg);
        return msg;
    }
    if ((why = gr_stage_refusal(stage, "results", &f)))
        return why;
    if (!f.scored)
        return "Нет ни одной оценённой заявки: публиковать нечего.";
    for (HDF *a = hdf_get_child(r->hdf, "Apps"); a; a = hdf_obj_next(a))
        if (!strcmp(hdf_get_value(a, "status", ""), "scored") && hdf_get_int_value(a, "winner", 0) &&
            atoll(hdf_get_value(a, "marked_kopecks", "0")) <= 0) {
            snprintf(msg, n, "У победителя — заявки %s — не указана сумма гранта: секретарь "
                     "комиссии указывает её на странице комиссии.", hdf_get_value(a, "number", ""));
            return msg;
        }
    if (gr_fund_problem(atoll(sv(r, "Plan.granted")), atoll(sv(r, "Comp.fund_kopecks")), msg, n))
        return msg;   /* the secretary corrects the amounts on the commission's page */
    return NULL;
}

/* The competition, its decision and applications, what publishing would
 * do and whether it may (Refusal); 404 when there is no competition. */
static NEOERR *load(gf_req *r)
{
    char unscored[600], msg[900];
    const char *why;
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(r->id)), r->hdf, "Comp", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    if ((err = gf_db_row(Q[Q_DECISION], ARGS(A_INT(r->id)), r->hdf, "Decision", &found)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Decided", found);
    if ((err = gf_db_rows(Q[Q_APPS], ARGS(A_INT(r->id)), r->hdf, "Apps", NULL)))
        return nerr_pass(err);
    plan(r, unscored, sizeof unscored);
    why = refusal(r, unscored, msg, sizeof msg);
    gf_set(r->hdf, "Refusal", why ? why : "");
    return STATUS_OK;
}

/* The page (after load). */
static NEOERR *fill(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_MAILS], ARGS(A_INT(r->id)), r->hdf, "Plan.mails", NULL)) ||
        (err = gf_db_row(Q[Q_UNMAILED], ARGS(A_INT(r->id)), r->hdf, "Plan.unmailed", NULL)) ||
        (*sv(r, "Comp.published_ts") &&
         (err = gf_db_row(Q[Q_PUBLISHER], ARGS(A_INT(r->id)), r->hdf, "Publisher", NULL))))
        return nerr_pass(err);
    gf_set_int(r->hdf, "MayPublish", (r->roles & GR_STAFF) != 0);
    /* the notice after the redirect: a flag and a count only */
    gf_set(r->hdf, "Published", gf_parse_id(gf_param(r, "published", "")) ? "1" : "");
    gf_setf(r->hdf, "Mailed=%lld", gf_parse_id(gf_param(r, "mailed", "")));
    gf_set(r->hdf, "Tab", "publish");
    gf_set(r->hdf, "Page.Nav", "staff");
    gf_setf(r->hdf, "Page.Title=%s — публикация итогов", sv(r, "Comp.title"));
    r->page = "publish.cs";
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    return nerr_pass(fill(r));
}

/* ---- publishing --------------------------------------------------------- */

/* Experts.<n>.{total, comment, Scores.<m>.{name, max_score, score,
 * comment}} of one application under mail. */
static NEOERR *expert_scores(long long project_id, HDF *mail)
{
    HDF *experts;
    int n = 0;
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_EXPERTS], ARGS(A_INT(project_id)), mail, "Experts", NULL)))
        return nerr_pass(err);
    experts = hdf_get_obj(mail, "Experts");
    for (HDF *e = experts ? hdf_obj_child(experts) : NULL; e; e = hdf_obj_next(e), n++) {
        gf_set_int(e, "n", n + 1);
        if ((err = gf_db_rows(Q[Q_SCORES], ARGS(A_INT(atoll(hdf_get_value(e, "id", "0")))),
                              e, "Scores", NULL)))
            return nerr_pass(err);
    }
    return STATUS_OK;
}

/* Mails the outcome of application a to every member of its organization
 * (inside the transaction); *sent grows by the mails queued. */
static NEOERR *mail_outcome(gf_req *r, HDF *a, int *sent)
{
    HDF *mail = NULL, *to = NULL;
    long long id = atoll(hdf_get_value(a, "id", "0"));
    NEOERR *err;

    if ((err = hdf_init(&mail)) || (err = hdf_init(&to)) ||
        (err = gf_db_rows(Q[Q_MEMBERS], ARGS(A_INT(atoll(hdf_get_value(a, "org_id", "0")))), to,
                          "M", NULL)) ||
        (err = expert_scores(id, mail)))
        goto done;
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_set(mail, "Competition", sv(r, "Comp.title"));
    gf_set(mail, "Number", hdf_get_value(a, "number", ""));
    gf_set(mail, "Title", hdf_get_value(a, "title", ""));
    gf_set(mail, "Org", hdf_get_value(a, "org_name", ""));
    gf_set(mail, "Score", hdf_get_value(a, "score_text", ""));
    gf_set_int(mail, "Winner", hdf_get_int_value(a, "winner", 0));
    gf_set(mail, "Granted", hdf_get_value(a, "marked_kopecks", "0"));
    gf_setf(mail, "ResultsLink=%s/results/%lld", gf_cfg("Site.URL", ""), r->id);
    gf_setf(mail, "Link=%s/applications/%lld", gf_cfg("Site.URL", ""), id);
    for (HDF *u = hdf_get_child(to, "M"); u && !err; u = hdf_obj_next(u)) {
        gf_set(mail, "Name", hdf_get_value(u, "name", ""));
        if (!(err = gf_mail_queue(r, hdf_get_value(u, "email", ""), "outcome.cs", mail)))
            (*sent)++;
    }
done:
    hdf_destroy(&mail);
    hdf_destroy(&to);
    return nerr_pass(err);
}

/* Refused under the lock: nothing written, the page with the reason, 409. */
static NEOERR *refused(gf_req *r, const char *why)
{
    NEOERR *err;

    gf_db_rollback();
    gf_field_error(r, "form", why);
    r->status = 409;
    if ((err = load(r)))
        return nerr_pass(err);
    return nerr_pass(fill(r));
}

static NEOERR *publish(gf_req *r)
{
    HDF *lock = NULL;
    char where[96], reason[120];
    int found = 0, sent = 0, winners = 0, others = 0;
    long long affected = 0;
    NEOERR *err;

    if (!(r->roles & GR_STAFF))   /* administrators only read the page */
        return nerr_raise(GF_ERR_FORBIDDEN, "only staff publish results");
    if ((err = hdf_init(&lock)))
        return nerr_pass(err);
    err = gf_db_begin();
    if (!err)
        err = gr_review_lock(r->id, lock, &found);
    hdf_destroy(&lock);
    if (err)
        return nerr_pass(err);
    if (!found) {
        gf_db_rollback();
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    }
    /* read again under the lock: the stage, the decision, the marks */
    if ((err = load(r)))
        return nerr_pass(err);
    if (*sv(r, "Refusal"))
        return nerr_pass(refused(r, sv(r, "Refusal")));

    for (HDF *a = hdf_get_child(r->hdf, "Apps"); a; a = hdf_obj_next(a)) {
        long long id = atoll(hdf_get_value(a, "id", "0"));
        int win = hdf_get_int_value(a, "winner", 0);
        const char *to = win ? "winner" : "not_winner";
        if (strcmp(hdf_get_value(a, "status", ""), "scored"))
            continue;
        if (!gr_status_may("scored", to))
            return nerr_raise(NERR_ASSERT, "scored -> %s is not a transition", to);
        if (win)
            err = gf_db_exec(Q[Q_WIN], ARGS(A_INT(atoll(hdf_get_value(a, "marked_kopecks", "0"))),
                                            A_INT(id)), &affected, NULL);
        else
            err = gf_db_exec(Q[Q_NOT_WIN], ARGS(A_INT(id)), &affected, NULL);
        if (err)
            return nerr_pass(err);
        if (affected != 1)
            return nerr_raise(NERR_ASSERT, "application %lld changed under the lock", id);
        gf_set(a, "to", to);
        if (win)
            winners++;
        else
            others++;
        if ((err = mail_outcome(r, a, &sent)))
            return nerr_pass(err);
    }
    if ((err = gf_db_exec(Q[Q_STAGE], ARGS(A_INT(r->id)), &affected, NULL)))
        return nerr_pass(err);
    if (affected != 1)
        return nerr_raise(NERR_ASSERT, "competition %lld left commission under the lock", r->id);

    /* last: the audit chain's head stays locked until the commit */
    for (HDF *a = hdf_get_child(r->hdf, "Apps"); a && !err; a = hdf_obj_next(a)) {
        const char *to = hdf_get_value(a, "to", NULL);
        char why[160];
        if (!to)
            continue;
        if (!strcmp(to, "winner")) {
            char rub[64];
            gf_fmt_rub(atoll(hdf_get_value(a, "marked_kopecks", "0")), rub, sizeof rub);
            snprintf(why, sizeof why, "балл %s, грант %s", hdf_get_value(a, "score_text", ""), rub);
        } else {
            snprintf(why, sizeof why, "балл %s", hdf_get_value(a, "score_text", ""));
        }
        err = gr_audit(r, "project", atoll(hdf_get_value(a, "id", "0")),
                       !strcmp(to, "winner") ? "win" : "not_win", "scored", to, why);
    }
    snprintf(reason, sizeof reason, "победителей: %d, не прошли отбор: %d, писем: %d", winners,
             others, sent);
    if (err || (err = gr_audit(r, "competition", r->id, "publish", "commission", "results", reason)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    gf_cache_clear();   /* this process's; see the header comment */
    gf_log("info", "competition %lld: results published by user %lld, %d mails", r->id, r->user_id,
           sent);
    snprintf(where, sizeof where, "/staff/competitions/%lld/publish?published=1&mailed=%d", r->id,
             sent);
    gf_redirect(r, where);
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/competitions/#/publish", show, publish, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    /* administrators read the page (as the registry); the POST handler
     * lets only staff publish: one pattern cannot split roles by method */
    static const gf_program prog = {.name = "publish", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
