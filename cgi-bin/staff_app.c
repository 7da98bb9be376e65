/*
 * staff_app — the staff's view of one application and its compliance check:
 *   /staff/applications/<id>            the application as it was submitted
 *                                       (the frozen content of its latest
 *                                       receipt, or of an earlier one with
 *                                       ?receipt=<n>), the organization now,
 *                                       attachments, every receipt, the
 *                                       history, internal notes, the
 *                                       checklist with what the automatic
 *                                       rules found, the decision form
 *   /staff/applications/<id>/notes      (POST) an internal note: never shown
 *                                       to the applicant
 *   /staff/applications/<id>/decision   (POST) admit, return for corrections
 *                                       (items, comment, due date) or reject
 *                                       (items, comment); the organization's
 *                                       members are mailed
 * A draft does not exist here (404). A decision is taken on exactly the
 * submission the form showed: the UPDATE repeats its status and latest
 * receipt, so of two staff deciding at once the second is refused (409)
 * and nothing of theirs is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grant.h"

enum {
    Q_FROZEN, Q_RECEIPT_ONE, Q_ORG, Q_MEMBERS, Q_RECEIPTS, Q_HISTORY, Q_DECISIONS, Q_NOTES,
    Q_CHECKLIST, Q_ADD_NOTE, Q_DECIDE, Q_ADD_DECISION, Q_STATUS, Q__MAX
};
static const char *const Q[] = {
    [Q_FROZEN] =
        "SELECT frozen FROM projects WHERE id = ?",
    [Q_RECEIPT_ONE] =
        "SELECT id, number, sha256, frozen, UNIX_TIMESTAMP(submitted_at) AS ts FROM receipts"
        " WHERE id = ? AND project_id = ?",
    /* the organization as its profile is now (the frozen copy is in the application) */
    [Q_ORG] =
        "SELECT o.id, o.full_name, o.short_name, o.inn, o.ogrn, o.kpp, o.address, o.head_name,"
        " o.phone, o.email, DATE_FORMAT(o.registered_on, '%Y-%m-%d') AS registered_on"
        " FROM organizations o WHERE o.id = ?",
    [Q_MEMBERS] =
        "SELECT u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id"
        " WHERE m.org_id = ? AND u.disabled = 0 ORDER BY u.id",
    [Q_RECEIPTS] =
        "SELECT id, number, sha256, UNIX_TIMESTAMP(submitted_at) AS ts FROM receipts"
        " WHERE project_id = ? ORDER BY id",
    [Q_HISTORY] =
        "SELECT UNIX_TIMESTAMP(a.at) AS ts, a.action, a.from_state, a.to_state, a.reason,"
        " u.name AS who FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
        " WHERE a.object_type = 'project' AND a.object_id = ? ORDER BY a.id",
    [Q_DECISIONS] =
        "SELECT d.decision, d.items, d.comment, UNIX_TIMESTAMP(d.due_at) AS due_ts,"
        " UNIX_TIMESTAMP(d.created_at) AS ts, u.name AS who FROM compliance_decisions d"
        " JOIN users u ON u.id = d.user_id WHERE d.project_id = ? ORDER BY d.id",
    [Q_NOTES] =
        "SELECT n.body, UNIX_TIMESTAMP(n.created_at) AS ts, u.name AS who FROM staff_notes n"
        " JOIN users u ON u.id = n.user_id WHERE n.project_id = ? ORDER BY n.id",
    [Q_CHECKLIST] =
        "SELECT id, text, rule, param FROM competition_checklist WHERE competition_id = ?"
        " ORDER BY sort, id",
    [Q_ADD_NOTE] =
        "INSERT INTO staff_notes (project_id, user_id, body, created_at)"
        " SELECT id, ?, ?, NOW() FROM projects WHERE id = ? AND status <> 'draft'",
    /* the decision, on exactly the submission the form showed (its status
     * and latest receipt: a resubmission may well have the same hash);
     * admitted with the NGO's consent, the project joins the exhibition —
     * unless the review is blind: the exhibition names the organization,
     * so the project waits there for the results (publish.c) */
    [Q_DECIDE] =
        "UPDATE projects p SET p.status = ?, p.return_due = ?,"
        " p.exhibit = IF(? = 'admitted' AND p.consent_publish = 1 AND NOT EXISTS (SELECT 1"
        "   FROM competitions c WHERE c.id = p.competition_id AND c.blind_review = 1),"
        "   'applicant', p.exhibit),"
        " p.updated_at = NOW() WHERE p.id = ? AND p.status = ?"
        " AND (p.status <> 'returned' OR p.return_due <= NOW())"
        " AND (SELECT COALESCE(MAX(r.id), 0) FROM receipts r WHERE r.project_id = p.id) = ?",
    [Q_ADD_DECISION] =
        "INSERT INTO compliance_decisions (project_id, decision, items, comment, due_at, user_id,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, NOW())",
    [Q_STATUS] =
        "SELECT status FROM projects WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* Limits of what staff type. */
enum { NOTE_MAX = 5000, COMMENT_MAX = 5000, DUE_MAX_DAYS = 366 };

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

/* The application (404 for a draft: it is not submitted yet) and its
 * competition's checklist, which both the page and a decision need. */
static NEOERR *load(gf_req *r)
{
    NEOERR *err;

    if ((err = gr_app_load(r, r->id, 1)))
        return nerr_pass(err);
    if (!strcmp(sv(r, "App.status"), "draft"))
        return nerr_raise(GF_ERR_NOTFOUND, "application %lld is a draft", r->id);
    return nerr_pass(gf_db_rows(Q[Q_CHECKLIST], ARGS(A_INT(atoll(sv(r, "App.competition_id")))),
                                r->hdf, "Checklist", NULL));
}

/* The text of the checklist item with this id, for decisions: the
 * checklist may have changed since. */
static const char *item_text(gf_req *r, const char *id)
{
    for (HDF *i = hdf_get_child(r->hdf, "Checklist"); i; i = hdf_obj_next(i))
        if (!strcmp(hdf_get_value(i, "id", ""), id))
            return hdf_get_value(i, "text", "");
    return NULL;
}

/* Decisions.<n>.Items.<m> = the texts of its comma-separated item ids. */
static void decision_items(gf_req *r)
{
    int n = 0;

    for (HDF *d = hdf_get_child(r->hdf, "Decisions"); d; d = hdf_obj_next(d), n++) {
        char ids[1024], *save = NULL;
        int m = 0;
        snprintf(ids, sizeof ids, "%s", hdf_get_value(d, "items", ""));
        for (char *t = strtok_r(ids, ",", &save); t; t = strtok_r(NULL, ",", &save), m++) {
            const char *text = item_text(r, t);
            if (text)
                gf_setf(r->hdf, "Decisions.%d.Items.%d=%s", n, m, text);
            else
                gf_setf(r->hdf, "Decisions.%d.Items.%d=пункт № %s (удалён из перечня)", n, m, t);
        }
    }
}

/* The frozen content (latest, or Query.receipt's) as Sections.* and Org.*,
 * the layout templates/app_whole.cs reads. */
static NEOERR *frozen(gf_req *r)
{
    long long rid = gf_parse_id(gf_param(r, "receipt", ""));
    HDF *row = NULL, *data = NULL;
    int found = 0;
    NEOERR *err;

    if ((err = hdf_init(&row)) || (err = hdf_init(&data)))
        goto done;
    if (rid) {
        if ((err = gf_db_row(Q[Q_RECEIPT_ONE], ARGS(A_INT(rid), A_INT(r->id)), row, NULL, &found)))
            goto done;
        if (!found) {
            err = nerr_raise(GF_ERR_NOTFOUND, "receipt %lld of application %lld", rid, r->id);
            goto done;
        }
        gf_set(r->hdf, "Shown.receipt", hdf_get_value(row, "id", ""));
        gf_set(r->hdf, "Shown.number", hdf_get_value(row, "number", ""));
        gf_set(r->hdf, "Shown.sha256", hdf_get_value(row, "sha256", ""));
        gf_set(r->hdf, "Shown.ts", hdf_get_value(row, "ts", ""));
    } else if ((err = gf_db_row(Q[Q_FROZEN], ARGS(A_INT(r->id)), row, NULL, &found))) {
        goto done;
    }
    if (!*hdf_get_value(row, "frozen", "")) {
        gf_set(r->hdf, "NoFrozen", "1");   /* filed before electronic submission */
        goto done;
    }
    if ((err = gr_draft_decode(hdf_get_value(row, "frozen", ""), data)) ||
        (hdf_get_obj(data, "Sections") &&
         (err = hdf_copy(r->hdf, "Sections", hdf_get_obj(data, "Sections")))) ||
        (hdf_get_obj(data, "Organization") &&
         (err = hdf_copy(r->hdf, "Org", hdf_get_obj(data, "Organization")))))
        goto done;
done:
    hdf_destroy(&row);
    hdf_destroy(&data);
    return nerr_pass(err);
}

/* Everything the page shows besides load()'s: for GET, and for a POST
 * that must show the page again. */
static NEOERR *fill(gf_req *r)
{
    long long org = atoll(sv(r, "App.org_id"));
    HDF *items;
    NEOERR *err;

    if (r->roles & GR_STAFF)
        gf_set(r->hdf, "MayDecide", "1");   /* an administrator only reads */

    if ((err = frozen(r)) ||
        (err = gr_app_lists(r, atoll(sv(r, "App.competition_id")))) ||
        (err = gf_db_row(Q[Q_ORG], ARGS(A_INT(org)), r->hdf, "OrgNow", NULL)) ||
        (err = gf_db_rows(Q[Q_MEMBERS], ARGS(A_INT(org)), r->hdf, "Members", NULL)) ||
        (err = gf_db_rows(Q[Q_RECEIPTS], ARGS(A_INT(r->id)), r->hdf, "Receipts", NULL)) ||
        (err = gf_db_rows(Q[Q_HISTORY], ARGS(A_INT(r->id)), r->hdf, "History", NULL)) ||
        (err = gf_db_rows(Q[Q_DECISIONS], ARGS(A_INT(r->id)), r->hdf, "Decisions", NULL)) ||
        (err = gf_db_rows(Q[Q_NOTES], ARGS(A_INT(r->id)), r->hdf, "Notes", NULL)))
        return nerr_pass(err);
    decision_items(r);
    /* the rules run on what the decision is about: the latest submission;
     * the registration date as submitted, else as the profile says now
     * (frozen before the field existed, or entered since) — only for the
     * rules: the submitted content is shown as it was */
    if ((items = hdf_get_obj(r->hdf, "Checklist")) && !*sv(r, "Shown.receipt")) {
        int borrowed = !*sv(r, "Org.registered_on") && *sv(r, "OrgNow.registered_on");
        if (borrowed)
            gf_set(r->hdf, "Org.registered_on", sv(r, "OrgNow.registered_on"));
        gr_compliance_run(r->hdf, items);
        if (borrowed)
            gf_set(r->hdf, "Org.registered_on", "");
    }
    /* notices after a redirect: flags and a count only, no text from the link */
    gf_set(r->hdf, "Decided", gf_parse_id(gf_param(r, "decided", "")) ? "1" : "");
    gf_setf(r->hdf, "Mailed=%lld", gf_parse_id(gf_param(r, "mailed", "")));
    gf_set(r->hdf, "Noted", gf_parse_id(gf_param(r, "noted", "")) ? "1" : "");
    gf_set(r->hdf, "Page.Title", *sv(r, "App.number") ? sv(r, "App.number") : "Заявка");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_app.cs";
    return STATUS_OK;
}

/* What the decision form repeats back (see decide): the status shown and
 * the latest receipt (after fill). */
static void form_version(gf_req *r)
{
    const char *last = "0";

    for (HDF *x = hdf_get_child(r->hdf, "Receipts"); x; x = hdf_obj_next(x))
        last = hdf_get_value(x, "id", "0");
    gf_set(r->hdf, "Query.status", sv(r, "App.status"));
    gf_set(r->hdf, "Query.version", last);
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r)) || (err = fill(r)))
        return nerr_pass(err);
    /* the form starts with what the automatic rules found unmet ticked:
     * staff untick what they judge otherwise */
    for (HDF *i = hdf_get_child(r->hdf, "Checklist"); i; i = hdf_obj_next(i))
        if (!strcmp(hdf_get_value(i, "found", ""), "fail"))
            gf_set(i, "ticked", "1");
    form_version(r);
    return STATUS_OK;
}

/* ---- notes -------------------------------------------------------------- */

static NEOERR *add_note(gf_req *r)
{
    const char *body = gf_input(r, "note");
    long long affected = 0;
    char where[80];
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    if (!gf_field_text(r, "note", body, GF_REQUIRED, NOTE_MAX)) {
        r->status = 400;
        return nerr_pass(fill(r));
    }
    if ((err = gf_db_exec(Q[Q_ADD_NOTE], ARGS(A_INT(r->user_id), A_STR(body), A_INT(r->id)),
                          &affected, NULL)))
        return nerr_pass(err);
    if (affected != 1)
        return nerr_raise(GF_ERR_NOTFOUND, "application %lld went back to draft", r->id);
    snprintf(where, sizeof where, "/staff/applications/%lld?noted=1#notes", r->id);
    gf_redirect(r, where);
    return STATUS_OK;
}

/* ---- the decision ------------------------------------------------------- */

/* A date (YYYY-MM-DD) and a time (HH:MM; empty: 23:59) in the site's zone
 * (Moscow) as an instant; 0 when they are not a real date and time. */
static time_t local_instant(const char *date, const char *hm)
{
    struct tm tm = {0};
    int y, m, d, hh = 23, mm = 59, n = 0;

    if (!gf_parse_date(date, &y, &m, &d))
        return 0;
    if (*hm && (strlen(hm) != 5 || sscanf(hm, "%2d:%2d%n", &hh, &mm, &n) != 2 || n != 5 ||
                hm[2] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59))
        return 0;
    /* the same zone the templates' msk() shows (render.c sets it alike) */
    setenv("TZ", gf_cfg("Site.TimeZone", "Europe/Moscow"), 1);
    tzset();
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* A decision as the form gave it. (gf_input hands out the HDF's copy,
 * which a second gf_input of the same field replaces: each field is read
 * once, here.) */
typedef struct {
    char action[8];          /* admit, return, reject */
    char from[16];           /* the status the form was shown with */
    long long version;       /* the latest receipt the form was shown with (0: none) */
    const char *to;          /* the status it leads to; NULL: not from there */
    const char *comment;
    char items[1000];        /* the ticked checklist ids, "12,15" */
    char due[32];            /* return: the due date, UTC "YYYY-MM-DD HH:MM:SS" */
    time_t due_ts;
} decision_t;

/* Reads and checks the decision form into *d; problems go to Form.Error.*
 * (the page shows the posted values again from Query.*). */
static void read_decision(gf_req *r, decision_t *d)
{
    const char *decision = gf_input(r, "decision");
    int ticked = 0, listed = 0;
    size_t used = 0;

    memset(d, 0, sizeof *d);
    snprintf(d->action, sizeof d->action, "%s", decision);
    snprintf(d->from, sizeof d->from, "%s", gf_input(r, "status"));
    d->version = atoll(gf_input(r, "version"));
    d->comment = gf_input(r, "comment");
    /* the ticked items, in the checklist's order; each one marked for the page */
    for (HDF *i = hdf_get_child(r->hdf, "Checklist"); i; i = hdf_obj_next(i), listed++) {
        if (!gf_checked(r, "items", hdf_get_value(i, "id", "")))
            continue;
        gf_set(i, "ticked", "1");
        ticked++;
        if (used + 24 < sizeof d->items)
            used += (size_t)snprintf(d->items + used, sizeof d->items - used, "%s%s",
                                     used ? "," : "", hdf_get_value(i, "id", "0"));
    }
    if (ticked < gf_checked_count(r, "items"))
        gf_field_error(r, "items", "Отмечен пункт, которого нет в перечне требований конкурса: "
                                   "обновите страницу.");
    if (strcmp(decision, "admit") && strcmp(decision, "return") && strcmp(decision, "reject")) {
        gf_field_error(r, "decision", "Выберите решение: допустить, вернуть на доработку или отклонить.");
        return;
    }
    /* a returned application waits for its corrections: once the due date
     * has passed without them it may only be rejected */
    if (!strcmp(d->from, "returned") && strcmp(decision, "reject")) {
        gf_field_error(r, "decision", "Срок доработки истёк: заявку, не поданную повторно, можно только отклонить.");
        return;
    }
    d->to = gr_status_after(d->from, decision);
    if (!strcmp(decision, "admit")) {
        if (ticked)
            gf_field_error(r, "items", "Заявку с отмеченными невыполненными требованиями допустить нельзя: "
                                       "снимите отметки или выберите другое решение.");
        gf_field_text(r, "comment", d->comment, GF_OPTIONAL, COMMENT_MAX);
        return;
    }
    if (listed && !ticked)
        gf_field_error(r, "items", !strcmp(decision, "return")
                                       ? "Отметьте требования, которые нужно исправить."
                                       : "Отметьте требования, которые заявка не выполняет.");
    gf_field_text(r, "comment", d->comment, GF_REQUIRED, COMMENT_MAX);
    if (!strcmp(decision, "return")) {
        const char *date = gf_input_date(r, "due_date"), *hm = gf_input(r, "due_time");
        time_t t, now = time(NULL);
        struct tm utc;
        if (!*date) {
            gf_field_error(r, "due_date", "Укажите срок, до которого заявку нужно подать повторно.");
        } else if (!(t = local_instant(date, hm)) || t == (time_t)-1) {
            gf_field_error(r, "due_date", "Срок — дата в формате дд.мм.гггг и время ЧЧ:ММ (МСК).");
        } else if (t <= now) {
            gf_field_error(r, "due_date", "Срок доработки должен быть в будущем.");
        } else if (t > now + DUE_MAX_DAYS * 86400L) {
            gf_field_error(r, "due_date", "Срок доработки — не дальше чем через год.");
        } else {
            gmtime_r(&t, &utc);
            strftime(d->due, sizeof d->due, "%Y-%m-%d %H:%M:%S", &utc);
            d->due_ts = t;
        }
    }
}

/* Mails the decision to every member of the organization, inside the
 * transaction. */
static NEOERR *mail_members(gf_req *r, const decision_t *d, int *sent)
{
    char tpl[40], ids[1024];
    HDF *mail = NULL, *to = NULL;
    NEOERR *err;
    int m = 0;

    if ((err = hdf_init(&mail)) || (err = hdf_init(&to)) ||
        (err = gf_db_rows(Q[Q_MEMBERS], ARGS(A_INT(atoll(sv(r, "App.org_id")))), to, "M", NULL)))
        goto done;
    gf_set(mail, "Number", sv(r, "App.number"));
    gf_set(mail, "Title", sv(r, "App.title"));
    gf_set(mail, "Competition", sv(r, "App.comp_title"));
    gf_set(mail, "Org", sv(r, "App.org"));
    gf_set(mail, "Comment", d->comment);
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_setf(mail, "Link=%s/applications/%lld", gf_cfg("Site.URL", ""), r->id);
    if (d->due_ts)
        gf_setf(mail, "DueTs=%lld", (long long)d->due_ts);
    /* the items' texts, in the checklist's order */
    snprintf(ids, sizeof ids, ",%s,", d->items);
    for (HDF *i = hdf_get_child(r->hdf, "Checklist"); i; i = hdf_obj_next(i)) {
        char id[32];
        snprintf(id, sizeof id, ",%s,", hdf_get_value(i, "id", "0"));
        if (strstr(ids, id))
            gf_setf(mail, "Items.%d=%s", m++, hdf_get_value(i, "text", ""));
    }
    snprintf(tpl, sizeof tpl, "decision_%s.cs", d->action);
    *sent = 0;
    for (HDF *u = hdf_get_child(to, "M"); u && !err; u = hdf_obj_next(u), (*sent)++) {
        gf_set(mail, "Name", hdf_get_value(u, "name", ""));
        err = gf_mail_queue(r, hdf_get_value(u, "email", ""), tpl, mail);
    }
done:
    hdf_destroy(&mail);
    hdf_destroy(&to);
    return nerr_pass(err);
}

/* The decision changed nothing: someone else decided first, the applicant
 * withdrew the application or submitted a new version meanwhile. Nothing
 * is written; the page says which, with what the user typed. */
static NEOERR *refused(gf_req *r, const decision_t *d)
{
    const char *name;
    char msg[400];
    NEOERR *err;

    gf_db_rollback();
    if ((err = gf_db_row(Q[Q_STATUS], ARGS(A_INT(r->id)), r->hdf, "Now", NULL)))
        return nerr_pass(err);
    if (!strcmp(sv(r, "Now.status"), "draft")) {
        /* no staff page for a draft: the page as it was, without the form */
        gf_set(r->hdf, "App.status", "draft");
        snprintf(msg, sizeof msg, "Решение не сохранено: заявитель отозвал заявку для исправления, "
                 "она снова черновик.");
    } else {
        if ((err = load(r)))
            return nerr_pass(err);
        name = gr_status_name(sv(r, "Now.status"));
        if (!strcmp(sv(r, "Now.status"), d->from) && d->to)
            snprintf(msg, sizeof msg, "Решение не сохранено: пока страница была открыта, заявку "
                     "подали заново. Проверьте новую версию ниже.");
        else
            snprintf(msg, sizeof msg, "Решение уже принято другим сотрудником: заявка сейчас — «%s». "
                     "Ваше решение не сохранено; посмотрите историю ниже.", name ? name : sv(r, "Now.status"));
    }
    gf_set(r->hdf, "Form.Error.form", msg);
    gf_set(r->hdf, "Refused", "1");      /* the page shows what they typed */
    r->status = 409;
    if ((err = fill(r)))
        return nerr_pass(err);
    form_version(r);
    return STATUS_OK;
}

static NEOERR *decide(gf_req *r)
{
    decision_t d;
    int sent = 0;
    char where[96];
    long long affected = 0;
    NEOERR *err;

    if ((err = load(r))) {
        /* withdrawn by the applicant since the form was shown: say so */
        if (strcmp(sv(r, "App.status"), "draft") || !nerr_handle(&err, GF_ERR_NOTFOUND))
            return nerr_pass(err);
        memset(&d, 0, sizeof d);
        return nerr_pass(refused(r, &d));
    }
    read_decision(r, &d);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return nerr_pass(fill(r));
    }
    /* one transaction; the UPDATE decides who was first */
    if (d.to && ((err = gf_db_begin()) ||
                 (err = gf_db_exec(Q[Q_DECIDE],
                                   ARGS(A_STR(d.to), *d.due ? A_STR(d.due) : A_NULL, A_STR(d.to),
                                        A_INT(r->id), A_STR(d.from), A_INT(d.version)),
                                   &affected, NULL))))
        return nerr_pass(err);
    if (affected != 1)
        return nerr_pass(refused(r, &d));
    if ((err = gf_db_exec(Q[Q_ADD_DECISION],
                          ARGS(A_INT(r->id), A_STR(d.action), A_STR(d.items), A_STR(d.comment),
                               *d.due ? A_STR(d.due) : A_NULL, A_INT(r->user_id)), NULL, NULL)) ||
        (err = mail_members(r, &d, &sent)) ||
        /* last: the audit chain's head stays locked until the commit */
        (err = gr_audit(r, "project", r->id, d.action, d.from, d.to, *d.comment ? d.comment : NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    gf_log("info", "application %lld: %s -> %s by user %lld", r->id, d.from, d.to, r->user_id);
    snprintf(where, sizeof where, "/staff/applications/%lld?decided=1&mailed=%d", r->id, sent);
    gf_redirect(r, where);
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/applications/#", show, NULL, 0, 0},
        {"/staff/applications/#/notes", NULL, add_note, GR_STAFF, 0},
        {"/staff/applications/#/decision", NULL, decide, GR_STAFF, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    /* administrators read it (as in the registry); staff check and decide */
    static const gf_program prog = {.name = "staff_app", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
