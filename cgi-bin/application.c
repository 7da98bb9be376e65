/*
 * application — the application as a whole:
 *   /applications/new?competition=N   start one (GET asks, POST creates)
 *   /applications/<id>                 the whole application, printable,
 *                                      with what is missing and the receipt
 *   /applications/<id>/submit  (POST)  check, freeze, number, SHA-256, mail;
 *                                      for one returned for corrections:
 *                                      the resubmission, before its due date
 *   /applications/<id>/withdraw        GET asks (what withdrawing means, until
 *                                      when to submit again), POST: back to
 *                                      draft before the deadline, the members
 *                                      mailed
 * The deadline (and a return's due date) is decided by the database clock
 * inside the statement that changes the status, so a request that began
 * before it and ends after it is refused too. Every submission leaves its
 * receipt in `receipts`: a resubmission keeps the application's number and
 * gets a new time and SHA-256; the earlier receipts stay valid as history.
 * The competition's limit of applications per organization holds under
 * concurrency: starting and submitting lock the organization's row first,
 * then count (one organization's requests wait for each other there).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_COMP, Q_MY_ORG, Q_EXISTING, Q_ORG_LOCK, Q_CREATE, Q_NUMBER, Q_LOCK, Q_OTHERS, Q_ORG, Q_SUBMIT,
    Q_RECEIPT, Q_WITHDRAW, Q_SUBMITTED, Q_RECEIPTS, Q_DECISION, Q_ITEMS, Q_CHECKLIST, Q__MAX
};
static const char *const Q[] = {
    [Q_COMP] =
        "SELECT id, title, UNIX_TIMESTAMP(closes_at) AS closes_ts, apps_per_org,"
        " (stage = 'intake' AND opens_at <= NOW() AND closes_at > NOW()) AS open"
        " FROM competitions WHERE id = ? AND stage <> 'draft'",
    [Q_MY_ORG] =
        "SELECT o.id, o.short_name, o.municipality_id FROM org_members m"
        " JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.id LIMIT 1",
    [Q_EXISTING] =
        "SELECT id, number, status FROM projects WHERE org_id = ? AND competition_id = ?"
        " AND status <> 'withdrawn' ORDER BY id",
    /* the organization's applications to a competition are started and
     * submitted one at a time: the limit is counted under this lock */
    [Q_ORG_LOCK] =
        "SELECT id FROM organizations WHERE id = ? FOR UPDATE",
    [Q_CREATE] =
        "INSERT INTO projects (competition_id, org_id, municipality_id, title, summary, status,"
        " created_at, updated_at) VALUES (?, ?, ?, '', '', 'draft', NOW(), NOW())",
    [Q_NUMBER] =
        "UPDATE projects SET number = ? WHERE id = ?",
    [Q_LOCK] =
        "SELECT id, status FROM projects WHERE id = ? FOR UPDATE",
    /* the organization's other applications in the competition that were submitted */
    [Q_OTHERS] =
        "SELECT COUNT(*) AS n FROM projects WHERE org_id = ? AND competition_id = ? AND id <> ?"
        " AND status NOT IN ('draft', 'withdrawn')",
    [Q_ORG] =
        "SELECT o.full_name, o.short_name, o.legal_form, o.inn, o.ogrn, o.kpp, o.address,"
        " m.name AS municipality, o.head_name, o.head_position, o.phone, o.email, o.website,"
        " DATE_FORMAT(o.registered_on, '%Y-%m-%d') AS registered_on"
        " FROM organizations o JOIN municipalities m ON m.id = o.municipality_id WHERE o.id = ?",
    [Q_SUBMIT] =
        "UPDATE projects p JOIN competitions c ON c.id = p.competition_id"
        " SET p.status = 'submitted', p.number = ?, p.submitted_at = NOW(), p.receipt_sha256 = ?,"
        " p.frozen = ?, p.title = ?, p.summary = ?, p.problem = ?, p.goal = ?, p.results = ?,"
        " p.direction_id = ?, p.municipality_id = ?, p.starts_on = ?, p.ends_on = ?,"
        " p.requested_kopecks = ?, p.cofin_kopecks = ?, p.consent_publish = ?, p.return_due = NULL,"
        " p.updated_at = NOW() WHERE p.id = ? AND p.status = ? AND " GR_APP_OPEN_SQL,
    /* the receipt just given, kept with every earlier one */
    [Q_RECEIPT] =
        "INSERT INTO receipts (project_id, number, sha256, frozen, submitted_at)"
        " SELECT id, number, receipt_sha256, frozen, submitted_at FROM projects WHERE id = ?",
    [Q_WITHDRAW] =
        "UPDATE projects p JOIN competitions c ON c.id = p.competition_id"
        " SET p.status = 'draft', p.receipt_sha256 = NULL, p.frozen = NULL, p.submitted_at = NULL,"
        " p.withdrawn_at = NOW(), p.updated_at = NOW()"
        " WHERE p.id = ? AND p.status = 'submitted' AND c.stage = 'intake' AND c.closes_at > NOW()",
    [Q_SUBMITTED] =
        "SELECT number, receipt_sha256, UNIX_TIMESTAMP(submitted_at) AS submitted_ts"
        " FROM projects WHERE id = ?",
    [Q_RECEIPTS] =
        "SELECT number, sha256, UNIX_TIMESTAMP(submitted_at) AS ts FROM receipts"
        " WHERE project_id = ? ORDER BY id",
    /* the staff's last decision, for a returned or rejected application */
    [Q_DECISION] =
        "SELECT decision, items, comment, UNIX_TIMESTAMP(due_at) AS due_ts,"
        " UNIX_TIMESTAMP(created_at) AS ts FROM compliance_decisions WHERE project_id = ?"
        " ORDER BY id DESC LIMIT 1",
    [Q_ITEMS] =
        "SELECT text FROM competition_checklist WHERE competition_id = ? AND FIND_IN_SET(id, ?)"
        " ORDER BY sort, id",
    /* what staff will check at admission: told before submitting */
    [Q_CHECKLIST] =
        "SELECT text FROM competition_checklist WHERE competition_id = ? ORDER BY sort, id",
};
GF_STATEMENTS(Q, Q__MAX);

/* ---- starting an application -------------------------------------------- */

/* Counts the organization's applications in the competition: at the
 * limit, Problem = limit and Existing.<n> lists them. */
static NEOERR *count_existing(gf_req *r, long long org, long long comp)
{
    HDF *h;
    int n = 0;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_EXISTING], ARGS(A_INT(org), A_INT(comp)), h, "E", &n);
    if (!err && n >= hdf_get_int_value(r->hdf, "Comp.apps_per_org", 1)) {
        gf_set(r->hdf, "Problem", "limit");
        err = hdf_copy(r->hdf, "Existing", hdf_get_obj(h, "E"));
    }
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* Whether the organization may start one in this competition: Comp.*,
 * Org.*, and Problem (no_org, closed, limit) when it may not. */
static NEOERR *may_start(gf_req *r, long long comp)
{
    long long org;
    int found = 0;
    NEOERR *err;

    r->page = "app_new.cs";
    gf_set(r->hdf, "Page.Title", "Новая заявка");
    if (!comp || (err = gf_db_row(Q[Q_COMP], ARGS(A_INT(comp)), r->hdf, "Comp", &found)))
        return comp ? nerr_pass(err) : nerr_raise(GF_ERR_NOTFOUND, "no competition");
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", comp);
    if ((err = gf_db_row(Q[Q_MY_ORG], ARGS(A_INT(r->user_id)), r->hdf, "Org", &found)))
        return nerr_pass(err);
    if (!found) {
        gf_set(r->hdf, "Problem", "no_org");
        return STATUS_OK;
    }
    org = atoll(hdf_get_value(r->hdf, "Org.id", "0"));
    if (!hdf_get_int_value(r->hdf, "Comp.open", 0)) {
        gf_set(r->hdf, "Problem", "closed");
        return STATUS_OK;
    }
    return nerr_pass(count_existing(r, org, comp));
}

/* The question «start an application in this competition?» */
static NEOERR *ask(gf_req *r)
{
    return nerr_pass(may_start(r, gf_parse_id(gf_param(r, "competition", ""))));
}

static NEOERR *start(gf_req *r)
{
    long long comp = gf_parse_id(gf_param(r, "competition", "")), id = 0, org;
    char where[64], number[48];
    NEOERR *err;

    if ((err = may_start(r, comp)))
        return nerr_pass(err);
    org = atoll(hdf_get_value(r->hdf, "Org.id", "0"));
    /* counted again under the organization's lock: of simultaneous starts
     * only as many as the competition allows get through */
    if (!hdf_get_value(r->hdf, "Problem", NULL) &&
        ((err = gf_db_begin()) ||
         (err = gf_db_row(Q[Q_ORG_LOCK], ARGS(A_INT(org)), r->hdf, "OrgLock", NULL)) ||
         (err = count_existing(r, org, comp))))
        return nerr_pass(err);
    if (hdf_get_value(r->hdf, "Problem", NULL)) {
        gf_db_rollback();
        r->status = 409;
        return STATUS_OK;
    }
    if ((err = gf_db_exec(Q[Q_CREATE], ARGS(A_INT(comp), A_INT(org),
                                            A_INT(atoll(hdf_get_value(r->hdf, "Org.municipality_id", "0")))),
                          NULL, &id)))
        return nerr_pass(err);
    gr_app_number(comp, id, number, sizeof number);
    if ((err = gf_db_exec(Q[Q_NUMBER], ARGS(A_STR(number), A_INT(id)), NULL, NULL)) ||
        (err = gr_audit(r, "project", id, "create", NULL, "draft", NULL)) || (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/applications/%lld/card", id);
    gf_redirect(r, where);
    return STATUS_OK;
}

/* ---- the whole application ---------------------------------------------- */

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

static NEOERR *view(gf_req *r, long long id)
{
    int problems;
    NEOERR *err;

    if ((err = gr_app_load(r, id, 1)) ||
        (err = gr_app_lists(r, atoll(hdf_get_value(r->hdf, "App.competition_id", "0")))) ||
        (err = gr_app_check_all(r, id, &problems)) ||
        (err = gf_db_row(Q[Q_ORG], ARGS(A_INT(atoll(hdf_get_value(r->hdf, "App.org_id", "0")))),
                         r->hdf, "Org", NULL)))
        return nerr_pass(err);
    if ((err = gf_db_rows(Q[Q_RECEIPTS], ARGS(A_INT(id)), r->hdf, "Receipts", NULL)) ||
        (err = gf_db_rows(Q[Q_CHECKLIST], ARGS(A_INT(atoll(sv(r, "App.competition_id")))),
                          r->hdf, "Checklist", NULL)))
        return nerr_pass(err);
    /* what the staff asked to correct, or why they refused */
    if (!strcmp(sv(r, "App.status"), "returned") || !strcmp(sv(r, "App.status"), "rejected")) {
        int found = 0;
        if ((err = gf_db_row(Q[Q_DECISION], ARGS(A_INT(id)), r->hdf, "Decision", &found)) ||
            (found && (err = gf_db_rows(Q[Q_ITEMS], ARGS(A_INT(atoll(sv(r, "App.competition_id"))),
                                                         A_STR(sv(r, "Decision.items"))),
                                        r->hdf, "Decision.Items", NULL))))
            return nerr_pass(err);
    }
    gf_set_int(r->hdf, "Problems", problems);
    /* notices after a redirect: flags only */
    gf_set(r->hdf, "Submitted", strcmp(gf_param(r, "submitted", ""), "1") ? "" : "1");
    gf_set(r->hdf, "Withdrawn", strcmp(gf_param(r, "withdrawn", ""), "1") ? "" : "1");
    gf_set(r->hdf, "Page.Title", "Заявка");
    gf_set(r->hdf, "Page.Nav", "my");
    r->page = "application.cs";
    return STATUS_OK;
}

/* The refusal when the application is closed: the deadline passed, the
 * due date of a return passed, or it is no longer a draft or returned. The
 * statement that submits decides (by the database clock); the check before
 * it only gives the same answer sooner. */
static void refuse_submit(gf_req *r, const char *from)
{
    gf_db_rollback();
    if (!strcmp(from, "returned"))
        gf_set(r->hdf, "Form.Error.form", "Срок доработки истёк — повторно подать заявку нельзя. "
                                          "Срок был указан выше (МСК).");
    else if (!strcmp(from, "draft"))
        gf_set(r->hdf, "Form.Error.form", "Приём заявок завершён — заявка не подана. "
                                          "Время окончания приёма указано выше (МСК).");
    else
        gf_set(r->hdf, "Form.Error.form", "Заявка уже подана или рассмотрена: подать её ещё раз нельзя.");
    r->status = 409;
}

static NEOERR *submit(gf_req *r, long long id)
{
    HDF *frozen = NULL, *mail = NULL;
    char number[48], sha[65], where[80], line[700], from[16];
    char *text = NULL;
    long long affected = 0, dir, muni, org, comp;
    int problems, again;
    NEOERR *err;

    if ((err = gr_app_load(r, id, 1)))
        return nerr_pass(err);
    if (!hdf_get_int_value(r->hdf, "App.mine", 0))
        return nerr_raise(GF_ERR_NOTFOUND, "not the user's application");
    org = atoll(sv(r, "App.org_id"));
    comp = atoll(sv(r, "App.competition_id"));
    /* the organization's lock first (as starting takes it), then the
     * application's; everything is read under them: this is what gets
     * frozen, and the organization's other submissions are counted */
    if ((err = gf_db_begin()) || (err = gf_db_row(Q[Q_ORG_LOCK], ARGS(A_INT(org)), r->hdf, "OrgLock", NULL)) ||
        (err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(id)), r->hdf, "Lock", NULL)) ||
        (err = gf_db_row(Q[Q_OTHERS], ARGS(A_INT(org), A_INT(comp), A_INT(id)), r->hdf, "Others", NULL)) ||
        (err = view(r, id)))
        return nerr_pass(err);
    /* a draft is submitted, one returned for corrections resubmitted */
    snprintf(from, sizeof from, "%s", sv(r, "Lock.status"));
    again = !strcmp(from, "returned");
    if (!gr_status_may(from, "submitted") || !hdf_get_int_value(r->hdf, "App.open", 0)) {
        refuse_submit(r, from);
        return STATUS_OK;
    }
    if (hdf_get_int_value(r->hdf, "Others.n", 0) >= hdf_get_int_value(r->hdf, "App.apps_per_org", 1)) {
        gf_db_rollback();
        gf_setf(r->hdf, "Form.Error.form=Заявка не подана: ваша организация уже подала на этот конкурс "
                "столько заявок, сколько он принимает от одной организации (%d).",
                hdf_get_int_value(r->hdf, "App.apps_per_org", 1));
        r->status = 409;
        return STATUS_OK;
    }
    problems = hdf_get_int_value(r->hdf, "Problems", 0);
    if (problems) {
        gf_db_rollback();
        gf_set(r->hdf, "Form.Error.form", "Заявка не подана: заполните разделы из списка ниже.");
        r->status = 400;
        return STATUS_OK;
    }
    gr_app_number(comp, id, number, sizeof number);
    if ((err = hdf_init(&frozen)) || (err = hdf_init(&mail)) ||
        (err = hdf_set_value(frozen, "Application.number", number)) ||
        (err = hdf_set_value(frozen, "Application.competition", sv(r, "App.comp_title"))) ||
        (err = hdf_copy(frozen, "Organization", hdf_get_obj(r->hdf, "Org"))) ||
        (err = hdf_copy(frozen, "Sections", hdf_get_obj(r->hdf, "Sections"))) ||
        (err = gr_draft_encode(frozen, &text)))
        goto done;
    gf_sha256_hex(text, strlen(text), sha);
    dir = gf_parse_id(sv(r, "Sections.card.direction"));
    muni = gf_parse_id(sv(r, "Sections.card.municipality"));
    if ((err = gf_db_exec(Q[Q_SUBMIT],
                          ARGS(A_STR(number), A_STR(sha), A_STR(text), A_STR(sv(r, "Sections.card.title")),
                               A_STR(sv(r, "Sections.card.summary")), A_STR(sv(r, "Sections.card.problem")),
                               A_STR(sv(r, "Sections.card.goal")),
                               A_STR(sv(r, "Sections.card.qual_results")), A_INT(dir), A_INT(muni),
                               A_STR(sv(r, "Sections.card.starts_on")),
                               A_STR(sv(r, "Sections.card.ends_on")),
                               A_INT(atoll(sv(r, "Sections.budget.Totals.requested"))),
                               A_INT(atoll(sv(r, "Sections.budget.Totals.cofin"))),
                               A_INT(!strcmp(sv(r, "Sections.consent.publish"), "1")), A_INT(id),
                               A_STR(from)),
                          &affected, NULL)))
        goto done;
    if (affected != 1) {
        refuse_submit(r, from);
        goto done;
    }
    if ((err = gf_db_exec(Q[Q_RECEIPT], ARGS(A_INT(id)), NULL, NULL)) ||
        (err = gf_db_row(Q[Q_SUBMITTED], ARGS(A_INT(id)), mail, "Receipt", NULL)))
        goto done;
    gf_set_int(mail, "Resubmitted", again);
    gf_set(mail, "Title", sv(r, "Sections.card.title"));
    gf_set(mail, "Competition", sv(r, "App.comp_title"));
    gf_set(mail, "Org", sv(r, "Org.short_name"));
    gf_set(mail, "Name", sv(r, "User.Name"));
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_setf(mail, "Link=%s/applications/%lld", gf_cfg("Site.URL", ""), id);
    gf_setf(mail, "StaffLink=%s/staff/applications/%lld", gf_cfg("Site.URL", ""), id);
    snprintf(line, sizeof line, "Заявка %s «%.300s» (%.200s)%s: %s/staff/applications/%lld",
             number, sv(r, "Sections.card.title"), sv(r, "Org.short_name"),
             again ? " подана повторно после доработки" : "", gf_cfg("Site.URL", ""), id);
    if ((err = gf_mail_queue(r, sv(r, "User.Email"), "receipt.cs", mail)) ||
        (err = again ? gr_alert_staff(r, "resubmission", "resubmitted_alert.cs", mail, line)
                     : gr_alert_staff(r, "submission", "submitted_alert.cs", mail, line)) ||
        /* last: the audit chain's head stays locked until the commit */
        (err = gr_audit(r, "project", id, again ? "resubmit" : "submit", from, "submitted", NULL)) ||
        (err = gf_db_commit()))
        goto done;
    gf_log("info", "application %lld %s as %s", id, again ? "resubmitted" : "submitted", number);
    snprintf(where, sizeof where, "/applications/%lld?submitted=1", id);
    gf_redirect(r, where);
done:
    free(text);
    hdf_destroy(&frozen);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

/* The application may be withdrawn now: submitted, intake still open,
 * the user's. Else the whole page again with why not (409). */
static NEOERR *may_withdraw(gf_req *r, long long id, int *ok)
{
    NEOERR *err;

    *ok = 0;
    if ((err = gr_app_load(r, id, 0)))
        return nerr_pass(err);
    if (!strcmp(sv(r, "App.status"), "submitted") && hdf_get_int_value(r->hdf, "App.intake_open", 0)) {
        *ok = 1;
        return STATUS_OK;
    }
    if ((err = view(r, id)))
        return nerr_pass(err);
    if (!strcmp(sv(r, "App.status"), "submitted"))
        gf_set(r->hdf, "Form.Error.form", "Отозвать заявку уже нельзя: приём заявок завершён.");
    else if (!strcmp(sv(r, "App.status"), "draft"))
        gf_set(r->hdf, "Form.Error.form", "Отозвать заявку нельзя: она не подана.");
    else {
        const char *name = gr_status_name(sv(r, "App.status"));
        gf_setf(r->hdf, "Form.Error.form=Отозвать можно только поданную заявку, пока идёт приём; "
                "статус этой заявки — «%s».", name ? name : sv(r, "App.status"));
    }
    r->status = 409;
    return STATUS_OK;
}

/* The question: what withdrawing means and until when to submit again. */
static NEOERR *withdraw_ask(gf_req *r)
{
    int ok;
    NEOERR *err;

    if ((err = may_withdraw(r, r->id, &ok)) || !ok)
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Отозвать заявку?");
    gf_set(r->hdf, "Page.Nav", "my");
    r->page = "app_withdraw.cs";
    return STATUS_OK;
}

/* Back to draft before the deadline (the statement decides, by the
 * database clock); every member of the organization is told until when
 * to submit it again. */
static NEOERR *withdraw(gf_req *r)
{
    long long affected = 0, id = r->id;
    char where[64];
    HDF *mail;
    int ok, sent = 0;
    NEOERR *err;

    if ((err = may_withdraw(r, id, &ok)) || !ok)
        return nerr_pass(err);
    /* each withdrawal and new submission adds a receipt with the whole
     * content and mails every member and staff: a few a day is plenty */
    snprintf(where, sizeof where, "withdraw:app:%lld", id);
    if ((err = gf_rate_limit(where, (int)gf_cfg_int("Limits.WithdrawPerDay", 5), 86400, 0, &ok)))
        return nerr_pass(err);
    if (!ok) {
        if ((err = view(r, id)))
            return nerr_pass(err);
        gf_set(r->hdf, "Form.Error.form", "Заявку отзывали уже несколько раз за сутки: отозвать "
                                          "её снова можно будет завтра. Если нужна помощь — "
                                          "напишите организаторам конкурса.");
        r->status = 429;
        return STATUS_OK;
    }
    if ((err = gf_db_begin()) ||
        (err = gf_rate_limit(where, 0, 0, 1, &ok)) ||
        (err = gf_db_exec(Q[Q_WITHDRAW], ARGS(A_INT(id)), &affected, NULL)))
        return nerr_pass(err);
    if (affected != 1) {      /* the deadline passed, or another tab withdrew it */
        gf_db_rollback();
        if ((err = view(r, id)))
            return nerr_pass(err);
        gf_set(r->hdf, "Form.Error.form",
                      "Отозвать заявку уже нельзя: приём заявок завершён или она не подана.");
        r->status = 409;
        return STATUS_OK;
    }
    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    gf_set(mail, "Number", sv(r, "App.number"));
    gf_set(mail, "Title", sv(r, "App.title"));
    gf_set(mail, "Competition", sv(r, "App.comp_title"));
    gf_set(mail, "Org", sv(r, "App.org"));
    gf_set(mail, "Who", sv(r, "User.Name"));
    gf_set(mail, "ClosesTs", sv(r, "App.closes_ts"));
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_setf(mail, "Link=%s/applications/%lld", gf_cfg("Site.URL", ""), id);
    err = gr_mail_members(r, atoll(sv(r, "App.org_id")), "withdrawn.cs", mail, &sent);
    hdf_destroy(&mail);
    if (err ||
        /* last: the audit chain's head stays locked until the commit */
        (err = gr_audit(r, "project", id, "withdraw", "submitted", "draft", NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/applications/%lld?withdrawn=1", id);
    gf_redirect(r, where);
    return STATUS_OK;
}

static NEOERR *show(gf_req *r) { return nerr_pass(view(r, r->id)); }
static NEOERR *do_submit(gf_req *r) { return nerr_pass(submit(r, r->id)); }

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/applications/new", ask, start, GR_APPLICANT, 0},
        {"/applications/#", show, NULL, 0, 0},
        {"/applications/#/submit", NULL, do_submit, GR_APPLICANT, 0},
        {"/applications/#/withdraw", withdraw_ask, withdraw, GR_APPLICANT, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "application", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_APPLICANT | GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
