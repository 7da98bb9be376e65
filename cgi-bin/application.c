/*
 * application — the application as a whole:
 *   /applications/new?competition=N   start one (GET asks, POST creates)
 *   /applications/<id>                 the whole application, printable,
 *                                      with what is missing and the receipt
 *   /applications/<id>/submit  (POST)  check, freeze, number, SHA-256, mail
 *   /applications/<id>/withdraw (POST) back to draft, before the deadline
 * The deadline is decided by the database clock inside the statement that
 * changes the status, so a request that began before it and ends after it
 * is refused too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

static const char *const Q[] = {
#define Q_COMP 0
    "SELECT id, title, UNIX_TIMESTAMP(closes_at) AS closes_ts, apps_per_org,"
    " (stage = 'intake' AND opens_at <= NOW() AND closes_at > NOW()) AS open"
    " FROM competitions WHERE id = ?",
#define Q_MY_ORG 1
    "SELECT o.id, o.short_name, o.municipality_id FROM org_members m"
    " JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.id LIMIT 1",
#define Q_EXISTING 2
    "SELECT id, status FROM projects WHERE org_id = ? AND competition_id = ?"
    " AND status <> 'withdrawn' ORDER BY id",
#define Q_CREATE 3
    "INSERT INTO projects (competition_id, org_id, municipality_id, title, summary, status,"
    " created_at, updated_at) VALUES (?, ?, ?, '', '', 'draft', NOW(), NOW())",
#define Q_AUDIT 4
    "INSERT INTO audit_log (at, user_id, object_type, object_id, action, from_state, to_state,"
    " reason, ip) VALUES (NOW(), ?, 'project', ?, ?, ?, ?, ?, ?)",
#define Q_LOCK 5
    "SELECT id FROM projects WHERE id = ? FOR UPDATE",
#define Q_ORG 6
    "SELECT o.full_name, o.short_name, o.legal_form, o.inn, o.ogrn, o.kpp, o.address,"
    " m.name AS municipality, o.head_name, o.head_position, o.phone, o.email, o.website"
    " FROM organizations o JOIN municipalities m ON m.id = o.municipality_id WHERE o.id = ?",
#define Q_SUBMIT 7
    "UPDATE projects p JOIN competitions c ON c.id = p.competition_id"
    " SET p.status = 'submitted', p.number = ?, p.submitted_at = NOW(), p.receipt_sha256 = ?,"
    " p.frozen = ?, p.title = ?, p.summary = ?, p.problem = ?, p.goal = ?, p.results = ?,"
    " p.direction_id = ?, p.municipality_id = ?, p.starts_on = ?, p.ends_on = ?,"
    " p.requested_kopecks = ?, p.cofin_kopecks = ?, p.consent_publish = ?, p.updated_at = NOW()"
    " WHERE p.id = ? AND p.status = 'draft' AND c.stage = 'intake' AND c.closes_at > NOW()",
#define Q_WITHDRAW 8
    "UPDATE projects p JOIN competitions c ON c.id = p.competition_id"
    " SET p.status = 'draft', p.receipt_sha256 = NULL, p.frozen = NULL, p.submitted_at = NULL,"
    " p.withdrawn_at = NOW(), p.updated_at = NOW()"
    " WHERE p.id = ? AND p.status = 'submitted' AND c.stage = 'intake' AND c.closes_at > NOW()",
#define Q_SUBMITTED 9
    "SELECT number, receipt_sha256, UNIX_TIMESTAMP(submitted_at) AS submitted_ts"
    " FROM projects WHERE id = ?",
#define Q_FILES 10
    "SELECT id, kind, orig_name, mime, size, sha256 FROM attachments WHERE project_id = ? ORDER BY id",
};

static const char *const section_titles[] = {
    "Карточка проекта", "Команда проекта", "Календарный план", "Бюджет", "Вложения", "Согласия",
};

static NEOERR *audit(gf_req *r, long long id, const char *action, const char *from,
                     const char *to, const char *reason)
{
    return nerr_pass(gf_db_exec(Q[Q_AUDIT], ARGS(A_INT(r->user_id), A_INT(id), A_STR(action),
                                                 A_STR(from), A_STR(to), A_STR(reason),
                                                 A_STR(r->ip)), NULL, NULL));
}

/* ---- starting an application -------------------------------------------- */

static NEOERR *start(gf_req *r)
{
    long long comp = gf_parse_id(gf_param(r, "competition", "")), id = 0, org;
    int found = 0, n = 0;
    char where[64];
    NEOERR *err;

    r->page = "app_new.cs";
    hdf_set_value(r->hdf, "Page.Title", "Новая заявка");
    if (!comp || (err = gf_db_row(Q[Q_COMP], ARGS(A_INT(comp)), r->hdf, "Comp", &found)))
        return comp ? nerr_pass(err) : nerr_raise(GF_ERR_NOTFOUND, "no competition");
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", comp);
    if ((err = gf_db_row(Q[Q_MY_ORG], ARGS(A_INT(r->user_id)), r->hdf, "Org", &found)))
        return nerr_pass(err);
    if (!found) {
        hdf_set_value(r->hdf, "Problem", "no_org");
        return STATUS_OK;
    }
    org = atoll(hdf_get_value(r->hdf, "Org.id", "0"));
    if (!hdf_get_int_value(r->hdf, "Comp.open", 0)) {
        hdf_set_value(r->hdf, "Problem", "closed");
        return STATUS_OK;
    }
    if ((err = gf_db_rows(Q[Q_EXISTING], ARGS(A_INT(org), A_INT(comp)), r->hdf, "Existing", &n)))
        return nerr_pass(err);
    if (n >= hdf_get_int_value(r->hdf, "Comp.apps_per_org", 1)) {
        hdf_set_value(r->hdf, "Problem", "limit");
        return STATUS_OK;
    }
    if (strcmp(r->method, "POST"))
        return STATUS_OK;
    if ((err = gf_require_post_csrf(r)) || (err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_CREATE], ARGS(A_INT(comp), A_INT(org),
                                            A_INT(atoll(hdf_get_value(r->hdf, "Org.municipality_id", "0")))),
                          NULL, &id)) ||
        (err = audit(r, id, "create", NULL, "draft", NULL)) || (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/applications/%lld/card", id);
    gf_redirect(r, where);
    return STATUS_OK;
}

/* ---- the whole application ---------------------------------------------- */

/* Loads every section under Sections.<name> and checks it; what is missing
 * goes to Missing.<n>.{section,title,field,message}. Returns the count. */
static NEOERR *load_all(gf_req *r, long long id, int *problems)
{
    NEOERR *err;
    char prefix[64];
    int n = 0;

    *problems = 0;
    if ((err = gf_app_section_load(r, id, "card", r->hdf, "Card")))
        return nerr_pass(err);
    for (int s = 0; gf_sections[s]; s++) {
        HDF *errors, *sec;
        snprintf(prefix, sizeof prefix, "Sections.%s", gf_sections[s]);
        if ((err = gf_app_section_load(r, id, gf_sections[s], r->hdf, prefix)) ||
            (err = hdf_init(&errors)))
            return nerr_pass(err);
        if (!strcmp(gf_sections[s], "files")) {      /* optional; frozen by hash */
            hdf_destroy(&errors);
            if ((err = gf_db_rows(Q[Q_FILES], ARGS(A_INT(id)), r->hdf, "Sections.files.a", NULL)))
                return nerr_pass(err);
            continue;
        }
        sec = hdf_get_obj(r->hdf, prefix);
        if (!sec) {
            hdf_set_valuef(r->hdf, "Missing.%d.section=%s", n, gf_sections[s]);
            hdf_set_valuef(r->hdf, "Missing.%d.title=%s", n, section_titles[s]);
            hdf_set_valuef(r->hdf, "Missing.%d.message=%s", n, "Раздел не заполнен.");
            n++;
        } else if (gf_section_check(gf_sections[s], sec, r->hdf, errors)) {
            for (HDF *e = hdf_obj_child(errors); e; e = hdf_obj_next(e)) {
                while (!hdf_obj_value(e) && hdf_obj_child(e))   /* a row's field */
                    e = hdf_obj_child(e);
                hdf_set_valuef(r->hdf, "Missing.%d.section=%s", n, gf_sections[s]);
                hdf_set_valuef(r->hdf, "Missing.%d.title=%s", n, section_titles[s]);
                hdf_set_valuef(r->hdf, "Missing.%d.message=%s", n,
                               hdf_obj_value(e) ? hdf_obj_value(e) : "Проверьте раздел.");
                n++;
                break;       /* one line per section is enough to send them there */
            }
        }
        hdf_destroy(&errors);
    }
    *problems = n;
    return STATUS_OK;
}

static NEOERR *view(gf_req *r, long long id)
{
    int problems;
    NEOERR *err;

    if ((err = gf_app_load(r, id, 1)) ||
        (err = gf_app_lists(r, atoll(hdf_get_value(r->hdf, "App.competition_id", "0")))) ||
        (err = load_all(r, id, &problems)) ||
        (err = gf_db_row(Q[Q_ORG], ARGS(A_INT(atoll(hdf_get_value(r->hdf, "App.org_id", "0")))),
                         r->hdf, "Org", NULL)))
        return nerr_pass(err);
    hdf_set_int_value(r->hdf, "Problems", problems);
    hdf_set_value(r->hdf, "Submitted", gf_param(r, "submitted", ""));
    hdf_set_value(r->hdf, "Page.Title", "Заявка");
    hdf_set_value(r->hdf, "Page.Nav", "my");
    r->page = "application.cs";
    return STATUS_OK;
}

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

static NEOERR *submit(gf_req *r, long long id)
{
    HDF *frozen = NULL, *mail = NULL;
    char number[48], sha[65], where[80];
    char *text = NULL;
    long long affected = 0, dir, muni;
    int problems;
    NEOERR *err;

    if ((err = gf_require_post_csrf(r)) || (err = gf_app_load(r, id, 1)))
        return nerr_pass(err);
    if (!hdf_get_int_value(r->hdf, "App.mine", 0))
        return nerr_raise(GF_ERR_NOTFOUND, "not the user's application");
    /* everything is read under the row lock: this is what gets frozen */
    if ((err = gf_db_begin()) || (err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(id)), r->hdf, "Lock", NULL)) ||
        (err = view(r, id)))
        return nerr_pass(err);
    problems = hdf_get_int_value(r->hdf, "Problems", 0);
    if (problems) {
        gf_db_rollback();
        hdf_set_value(r->hdf, "Form.Error.form", "Заявка не подана: заполните разделы из списка ниже.");
        r->status = 400;
        return STATUS_OK;
    }
    snprintf(number, sizeof number, "GF-%s-%05lld", sv(r, "App.competition_id"), id);
    if ((err = hdf_init(&frozen)) || (err = hdf_init(&mail)) ||
        (err = hdf_set_value(frozen, "Application.number", number)) ||
        (err = hdf_set_value(frozen, "Application.competition", sv(r, "App.comp_title"))) ||
        (err = hdf_copy(frozen, "Organization", hdf_get_obj(r->hdf, "Org"))) ||
        (err = hdf_copy(frozen, "Sections", hdf_get_obj(r->hdf, "Sections"))) ||
        (err = hdf_write_string(frozen, &text)))
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
                               A_INT(!strcmp(sv(r, "Sections.consent.publish"), "1")), A_INT(id)),
                          &affected, NULL)))
        goto done;
    if (affected != 1) {
        gf_db_rollback();
        hdf_set_value(r->hdf, "Form.Error.form", "Приём заявок завершён — заявка не подана. "
                                                 "Время окончания приёма указано выше (МСК).");
        r->status = 409;
        goto done;
    }
    if ((err = audit(r, id, "submit", "draft", "submitted", NULL)) ||
        (err = gf_db_row(Q[Q_SUBMITTED], ARGS(A_INT(id)), mail, "Receipt", NULL)))
        goto done;
    hdf_set_value(mail, "Title", sv(r, "Sections.card.title"));
    hdf_set_value(mail, "Competition", sv(r, "App.comp_title"));
    hdf_set_value(mail, "Org", sv(r, "Org.short_name"));
    hdf_set_value(mail, "Name", sv(r, "User.Name"));
    hdf_set_value(mail, "Site.Name", gf_cfg("Site.Name", ""));
    hdf_set_valuef(mail, "Link=%s/applications/%lld", gf_cfg("Site.URL", ""), id);
    if ((err = gf_mail_queue(r, sv(r, "User.Email"), "receipt.cs", mail)) ||
        (err = gf_mail_queue(r, gf_cfg("Mail.StaffAddress", "staff@localhost"), "submitted_alert.cs", mail)) ||
        (err = gf_db_commit()))
        goto done;
    gf_log("info", "application %lld submitted as %s", id, number);
    snprintf(where, sizeof where, "/applications/%lld?submitted=1", id);
    gf_redirect(r, where);
done:
    free(text);
    hdf_destroy(&frozen);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

static NEOERR *withdraw(gf_req *r, long long id)
{
    long long affected = 0;
    char where[64];
    NEOERR *err;

    if ((err = gf_require_post_csrf(r)) || (err = gf_app_load(r, id, 0)) ||
        (err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_WITHDRAW], ARGS(A_INT(id)), &affected, NULL)))
        return nerr_pass(err);
    if (affected != 1) {
        gf_db_rollback();
        if ((err = view(r, id)))
            return nerr_pass(err);
        hdf_set_value(r->hdf, "Form.Error.form",
                      "Отозвать заявку уже нельзя: приём заявок завершён или она не подана.");
        r->status = 409;
        return STATUS_OK;
    }
    if ((err = audit(r, id, "withdraw", "submitted", "draft", NULL)) || (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/applications/%lld", id);
    gf_redirect(r, where);
    return STATUS_OK;
}

static NEOERR *handle(gf_req *r)
{
    long long id;
    int ok;
    NEOERR *err;

    if ((err = gf_require_role(r, GF_ROLE_APPLICANT | GF_ROLE_STAFF | GF_ROLE_ADMIN, &ok)) || !ok)
        return nerr_pass(err);
    if (!strcmp(r->path, "/applications/new"))
        return nerr_pass(start(r));
    if ((id = gf_path_id(r->path, "/applications/", "")))
        return nerr_pass(view(r, id));
    if ((id = gf_path_id(r->path, "/applications/", "/submit")) && !strcmp(r->method, "POST"))
        return nerr_pass(submit(r, id));
    if ((id = gf_path_id(r->path, "/applications/", "/withdraw")) && !strcmp(r->method, "POST"))
        return nerr_pass(withdraw(r, id));
    return nerr_raise(GF_ERR_NOTFOUND, "no page");
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "application", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
