/*
 * application.c — an application (a project in a competition): loading it
 * with the access check, its sections kept as drafts (draft.c) with a
 * version against lost updates and the deadline (or, for an application
 * returned for corrections, its due date) checked by the database clock in
 * the same statement that saves, and the check of the whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_LOAD, Q_SECTION, Q_INSERT, Q_UPDATE, Q_DIRS, Q_CATS, Q_STATES, Q_KINDS, Q_FILES, Q_MEMBERS,
    Q__MAX
};
static const char *const Q[] = {
    [Q_LOAD] =
        "SELECT p.id, p.status, p.number, p.org_id, p.competition_id, p.receipt_sha256,"
        " UNIX_TIMESTAMP(p.submitted_at) AS submitted_ts, p.title,"
        " EXISTS (SELECT 1 FROM org_members m WHERE m.org_id = p.org_id AND m.user_id = ?) AS mine,"
        " (c.stage = 'intake' AND c.closes_at > NOW() AND c.opens_at <= NOW()) AS intake_open,"
        " c.title AS comp_title, UNIX_TIMESTAMP(c.closes_at) AS closes_ts,"
        " c.min_grant_kopecks, c.max_grant_kopecks, CAST(c.cofin_min_pct AS DOUBLE) AS cofin_min_pct,"
        " c.title_max, c.summary_max,"
        " c.problem_max, c.max_months, c.impl_start, c.impl_end, c.required_docs,"
        " c.apps_per_org, o.short_name AS org,"
        " UNIX_TIMESTAMP(p.return_due) AS return_due_ts, " GR_APP_OPEN_SQL " AS open,"
        " (p.status = 'returned' AND p.return_due <= NOW()) AS overdue"
        " FROM projects p JOIN competitions c ON c.id = p.competition_id"
        " JOIN organizations o ON o.id = p.org_id WHERE p.id = ?",
    [Q_SECTION] =
        "SELECT data, valid, version, UNIX_TIMESTAMP(saved_at) AS saved_ts"
        " FROM application_sections WHERE project_id = ? AND section = ?",
    [Q_INSERT] =
        "INSERT INTO application_sections (project_id, section, data, valid, version, saved_at)"
        " SELECT p.id, ?, ?, ?, 1, NOW() FROM projects p JOIN competitions c ON c.id = p.competition_id"
        " WHERE p.id = ? AND " GR_APP_OPEN_SQL,
    [Q_UPDATE] =
        "UPDATE application_sections s JOIN projects p ON p.id = s.project_id"
        " JOIN competitions c ON c.id = p.competition_id"
        " SET s.data = ?, s.valid = ?, s.version = s.version + 1, s.saved_at = NOW(),"
        " p.updated_at = NOW()"
        " WHERE s.project_id = ? AND s.section = ? AND s.version = ? AND " GR_APP_OPEN_SQL,
    [Q_DIRS] =
        "SELECT d.id, d.name FROM competition_directions cd JOIN directions d ON d.id = cd.direction_id"
        " WHERE cd.competition_id = ? ORDER BY d.sort",
    [Q_CATS] =
        "SELECT code AS id, name FROM budget_categories WHERE competition_id = ? ORDER BY code",
    [Q_STATES] =
        "SELECT section, valid FROM application_sections WHERE project_id = ?",
    /* the files section is its attachments: the kinds attached */
    [Q_KINDS] =
        "SELECT DISTINCT kind FROM attachments WHERE project_id = ?",
    [Q_FILES] =
        "SELECT id, kind, orig_name, mime, size, sha256 FROM attachments WHERE project_id = ? ORDER BY id",
    [Q_MEMBERS] =
        "SELECT u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id"
        " WHERE m.org_id = ? AND u.disabled = 0 ORDER BY u.id",
};
GF_STATEMENTS(Q, Q__MAX);


NEOERR *gr_app_load(gf_req *r, long long id, int staff_may_read)
{
    int found = 0;
    NEOERR *err;

    if (!id)
        return nerr_raise(GF_ERR_NOTFOUND, "no application id");
    if ((err = gf_db_row(Q[Q_LOAD], ARGS(A_INT(r->user_id), A_INT(id)), r->hdf, "App", &found)))
        return nerr_pass(err);
    /* someone else's application does not exist, as far as they can tell */
    if (!found || (!hdf_get_int_value(r->hdf, "App.mine", 0) &&
                   !(staff_may_read && (r->roles & (GR_STAFF | GR_ADMIN)))))
        return nerr_raise(GF_ERR_NOTFOUND, "application %lld is not the user's", id);
    {   /* the sections with their state, for the navigation */
        HDF *st;
        int n = 0, kinds = 0;
        char missing[8];
        if ((err = hdf_init(&st)))
            return nerr_pass(err);
        if (!(err = gf_db_rows(Q[Q_STATES], ARGS(A_INT(id)), st, "S", NULL)))
            err = gf_db_rows(Q[Q_KINDS], ARGS(A_INT(id)), st, "K", &kinds);
        for (const gr_section *s = gr_sections; !err && s->name; s++, n++) {
            const char *state = "";
            for (HDF *o = hdf_get_child(st, "S"); o; o = hdf_obj_next(o))
                if (!strcmp(hdf_get_value(o, "section", ""), s->name))
                    state = hdf_get_int_value(o, "valid", 0) ? "valid" : "saved";
            /* the attachments: done when the documents the competition
             * requires are there, with remarks while one is missing */
            if (s->own_program && kinds)
                state = gr_docs_missing(hdf_get_value(r->hdf, "App.required_docs", ""),
                                        hdf_get_obj(st, "K"), missing, sizeof missing) ? "saved" : "valid";
            gf_setf(r->hdf, "Nav.%d.name=%s", n, s->name);
            gf_setf(r->hdf, "Nav.%d.title=%s", n, s->title);
            gf_setf(r->hdf, "Nav.%d.state=%s", n, state);
        }
        hdf_destroy(&st);
        if (err)
            return nerr_pass(err);
    }
    /* a draft while intake is open, a returned one until its due date */
    gf_set_int(r->hdf, "App.editable",
                      hdf_get_int_value(r->hdf, "App.mine", 0) &&
                      hdf_get_int_value(r->hdf, "App.open", 0));
    return STATUS_OK;
}

NEOERR *gr_app_lists(gf_req *r, long long comp)
{
    NEOERR *err;

    if ((err = gr_lists_load(r->hdf, GR_LIST_MUNICIPALITIES)) ||
        (err = gf_db_rows(Q[Q_DIRS], ARGS(A_INT(comp)), r->hdf, "Directions", NULL)) ||
        (err = gf_db_rows(Q[Q_CATS], ARGS(A_INT(comp)), r->hdf, "Categories", NULL)))
        return nerr_pass(err);
    return STATUS_OK;
}

NEOERR *gr_draft_load(gf_req *r, long long id, const char *section, HDF *dst,
                      const char *prefix)
{
    HDF *row, *data = NULL;
    char key[64];
    int found = 0;
    NEOERR *err;

    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_SECTION], ARGS(A_INT(id), A_STR(section)), row, NULL, &found);
    if (!err && found) {
        snprintf(key, sizeof key, "Section.%s.version", section);
        gf_set(r->hdf, key, hdf_get_value(row, "version", "0"));
        snprintf(key, sizeof key, "Section.%s.valid", section);
        gf_set(r->hdf, key, hdf_get_value(row, "valid", "0"));
        snprintf(key, sizeof key, "Section.%s.saved_ts", section);
        gf_set(r->hdf, key, hdf_get_value(row, "saved_ts", ""));
        if (!(err = hdf_init(&data)) &&
            !(err = gr_draft_decode(hdf_get_value(row, "data", ""), data)) &&
            hdf_obj_child(data))
            err = hdf_copy(dst, prefix, data);
    }
    hdf_destroy(&data);
    hdf_destroy(&row);
    return nerr_pass(err);
}

NEOERR *gr_draft_save(long long id, const char *section, HDF *data, int valid,
                      int version, int *result)
{
    char *text = NULL;
    long long n = 0;
    NEOERR *err;

    *result = 0;
    if ((err = gr_draft_encode(data, &text)))
        return nerr_pass(err);
    if (version == 0) {
        err = gf_db_exec(Q[Q_INSERT], ARGS(A_STR(section), A_STR(text), A_INT(valid),
                                           A_INT(id)), &n, NULL);
        if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
            *result = 1;       /* another tab saved this section first */
            n = 1;
        }
    } else {
        err = gf_db_exec(Q[Q_UPDATE], ARGS(A_STR(text), A_INT(valid), A_INT(id),
                                           A_STR(section), A_INT(version)), &n, NULL);
    }
    free(text);
    if (err)
        return nerr_pass(err);
    if (n == 0) {
        /* either the application closed (the deadline or the due date
         * passed, or it was submitted), or the version moved on: tell which */
        HDF *h;
        int open = 0;
        if ((err = hdf_init(&h)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_LOAD], ARGS(A_INT(0), A_INT(id)), h, NULL, NULL);
        open = hdf_get_int_value(h, "open", 0);
        hdf_destroy(&h);
        *result = open ? 1 : 2;
    }
    return nerr_pass(err);
}


#define MISSING_PER_SECTION 5

/* Walks the errors under node (names prefix…) into Missing.<n>.*, at most
 * MISSING_PER_SECTION per section; *more counts the rest. */
static int list_errors(gf_req *r, const gr_section *s, HDF *node, const char *prefix, int n,
                       int *shown, int *more)
{
    char key[256], label[300];

    for (HDF *e = hdf_obj_child(node); e; e = hdf_obj_next(e)) {
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(e));
        if (hdf_obj_value(e)) {
            if (*shown == MISSING_PER_SECTION) {
                (*more)++;
                continue;
            }
            gf_setf(r->hdf, "Missing.%d.section=%s", n, s->name);
            gf_setf(r->hdf, "Missing.%d.title=%s", n, s->title);
            gf_setf(r->hdf, "Missing.%d.field=%s", n, gr_field_label(s, key, label, sizeof label));
            gf_setf(r->hdf, "Missing.%d.message=%s", n, hdf_obj_value(e));
            n++;
            (*shown)++;
        }
        n = list_errors(r, s, e, key, n, shown, more);
    }
    return n;
}

/* What is wrong in one section, field by field, from Missing.<n> on. */
static int list_problems(gf_req *r, const gr_section *s, HDF *errors, int n)
{
    int shown = 0, more = 0;

    n = list_errors(r, s, errors, "", n, &shown, &more);
    if (more) {
        gf_setf(r->hdf, "Missing.%d.section=%s", n, s->name);
        gf_setf(r->hdf, "Missing.%d.title=%s", n, s->title);
        gf_setf(r->hdf, "Missing.%d.message=и ещё замечаний: %d — они отмечены в разделе.", n, more);
        n++;
    }
    return n;
}

NEOERR *gr_app_check_all(gf_req *r, long long id, int *problems)
{
    char prefix[64];
    int n = 0;
    NEOERR *err;

    *problems = 0;
    if ((err = gr_draft_load(r, id, "card", r->hdf, "Card")))
        return nerr_pass(err);
    for (const gr_section *s = gr_sections; s->name; s++) {
        HDF *errors, *sec;
        snprintf(prefix, sizeof prefix, "Sections.%s", s->name);
        if (s->own_program) {          /* the files: listed, frozen by their hashes */
            char missing[400];
            if ((err = gf_db_rows(Q[Q_FILES], ARGS(A_INT(id)), r->hdf, "Sections.files.a", NULL)))
                return nerr_pass(err);
            if (gr_docs_missing(hdf_get_value(r->hdf, "App.required_docs", ""),
                                hdf_get_obj(r->hdf, "Sections.files.a"), missing, sizeof missing)) {
                gf_setf(r->hdf, "Missing.%d.section=%s", n, s->name);
                gf_setf(r->hdf, "Missing.%d.title=%s", n, s->title);
                gf_setf(r->hdf, "Missing.%d.message=Не приложены обязательные документы: %s.", n, missing);
                n++;
            }
            continue;
        }
        if ((err = gr_draft_load(r, id, s->name, r->hdf, prefix)) || (err = hdf_init(&errors)))
            return nerr_pass(err);
        sec = hdf_get_obj(r->hdf, prefix);
        if (!sec && !s->optional) {
            gf_setf(r->hdf, "Missing.%d.section=%s", n, s->name);
            gf_setf(r->hdf, "Missing.%d.title=%s", n, s->title);
            gf_setf(r->hdf, "Missing.%d.message=%s", n, "Раздел не заполнен.");
            n++;
        } else if (sec && gr_section_check(s, sec, r->hdf, errors)) {
            n = list_problems(r, s, errors, n);
        }
        hdf_destroy(&errors);
    }
    *problems = n;
    return STATUS_OK;
}

void gr_app_number(long long competition_id, long long id, char *buf, size_t n)
{
    snprintf(buf, n, "GF-%lld-%05lld", competition_id, id);
}

NEOERR *gr_mail_members(gf_req *r, long long org_id, const char *tpl, HDF *mail, int *sent)
{
    HDF *to;
    NEOERR *err;

    *sent = 0;
    if ((err = hdf_init(&to)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_MEMBERS], ARGS(A_INT(org_id)), to, "M", NULL);
    for (HDF *u = hdf_get_child(to, "M"); u && !err; u = hdf_obj_next(u), (*sent)++) {
        gf_set(mail, "Name", hdf_get_value(u, "name", ""));
        err = gf_mail_queue(r, hdf_get_value(u, "email", ""), tpl, mail);
    }
    hdf_destroy(&to);
    return nerr_pass(err);
}
