/*
 * app.c — an application (a project in a competition) as its section
 * programs see it: loading it with the access check, and its sections
 * kept as drafts (HDF text) with a version against lost updates and the
 * deadline checked by the database clock in the same statement that saves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

static const char *const Q[] = {
#define Q_LOAD 0
    "SELECT p.id, p.status, p.number, p.org_id, p.competition_id, p.receipt_sha256,"
    " UNIX_TIMESTAMP(p.submitted_at) AS submitted_ts, p.title,"
    " EXISTS (SELECT 1 FROM org_members m WHERE m.org_id = p.org_id AND m.user_id = ?) AS mine,"
    " (c.stage = 'intake' AND c.closes_at > NOW() AND c.opens_at <= NOW()) AS intake_open,"
    " c.title AS comp_title, UNIX_TIMESTAMP(c.closes_at) AS closes_ts,"
    " c.min_grant_kopecks, c.max_grant_kopecks, CAST(c.cofin_min_pct AS DOUBLE) AS cofin_min_pct,"
    " c.title_max, c.summary_max,"
    " c.problem_max, c.max_months, c.impl_start, c.impl_end, o.short_name AS org"
    " FROM projects p JOIN competitions c ON c.id = p.competition_id"
    " JOIN organizations o ON o.id = p.org_id WHERE p.id = ?",
#define Q_SECTION 1
    "SELECT data, valid, version, UNIX_TIMESTAMP(saved_at) AS saved_ts"
    " FROM application_sections WHERE project_id = ? AND section = ?",
#define Q_INSERT 2
    "INSERT INTO application_sections (project_id, section, data, valid, version, saved_at)"
    " SELECT p.id, ?, ?, ?, 1, NOW() FROM projects p JOIN competitions c ON c.id = p.competition_id"
    " WHERE p.id = ? AND p.status = 'draft' AND c.stage = 'intake' AND c.closes_at > NOW()",
#define Q_UPDATE 3
    "UPDATE application_sections s JOIN projects p ON p.id = s.project_id"
    " JOIN competitions c ON c.id = p.competition_id"
    " SET s.data = ?, s.valid = ?, s.version = s.version + 1, s.saved_at = NOW(),"
    " p.updated_at = NOW()"
    " WHERE s.project_id = ? AND s.section = ? AND s.version = ? AND p.status = 'draft'"
    " AND c.stage = 'intake' AND c.closes_at > NOW()",
#define Q_DIRS 4
    "SELECT d.id, d.name FROM competition_directions cd JOIN directions d ON d.id = cd.direction_id"
    " WHERE cd.competition_id = ? ORDER BY d.sort",
#define Q_CATS 5
    "SELECT code AS id, name FROM budget_categories WHERE competition_id = ? ORDER BY code",
#define Q_STATES 6
    "SELECT section, valid FROM application_sections WHERE project_id = ?",
#define Q_TITLE 7
    "UPDATE projects SET title = LEFT(?, 300) WHERE id = ? AND status = 'draft'",
};

const char *const gf_sections[] = {"card", "team", "plan", "budget", "files", "consent", NULL};

NEOERR *gf_app_load(gf_req *r, long long id, int staff_may_read)
{
    int found = 0;
    NEOERR *err;

    if (!id)
        return nerr_raise(GF_ERR_NOTFOUND, "no application id");
    if ((err = gf_db_row(Q[Q_LOAD], ARGS(A_INT(r->user_id), A_INT(id)), r->hdf, "App", &found)))
        return nerr_pass(err);
    /* someone else's application does not exist, as far as they can tell */
    if (!found || (!hdf_get_int_value(r->hdf, "App.mine", 0) &&
                   !(staff_may_read && (r->roles & (GF_ROLE_STAFF | GF_ROLE_ADMIN)))))
        return nerr_raise(GF_ERR_NOTFOUND, "application %lld is not the user's", id);
    {   /* which sections are saved and complete, for the section tabs */
        HDF *st;
        if ((err = hdf_init(&st)))
            return nerr_pass(err);
        err = gf_db_rows(Q[Q_STATES], ARGS(A_INT(id)), st, "S", NULL);
        for (HDF *o = hdf_get_child(st, "S"); !err && o; o = hdf_obj_next(o)) {
            char key[64];
            snprintf(key, sizeof key, "Tabs.%s", hdf_get_value(o, "section", "x"));
            err = hdf_set_value(r->hdf, key, hdf_get_int_value(o, "valid", 0) ? "valid" : "saved");
        }
        hdf_destroy(&st);
        if (err)
            return nerr_pass(err);
    }
    hdf_set_int_value(r->hdf, "App.editable",
                      hdf_get_int_value(r->hdf, "App.mine", 0) &&
                      hdf_get_int_value(r->hdf, "App.intake_open", 0) &&
                      !strcmp(hdf_get_value(r->hdf, "App.status", ""), "draft"));
    return STATUS_OK;
}

NEOERR *gf_app_lists(gf_req *r, long long comp)
{
    NEOERR *err;

    if ((err = gf_lists_load(r->hdf, GF_LIST_MUNICIPALITIES)) ||
        (err = gf_db_rows(Q[Q_DIRS], ARGS(A_INT(comp)), r->hdf, "Directions", NULL)) ||
        (err = gf_db_rows(Q[Q_CATS], ARGS(A_INT(comp)), r->hdf, "Categories", NULL)))
        return nerr_pass(err);
    return STATUS_OK;
}

NEOERR *gf_app_section_load(gf_req *r, long long id, const char *section, HDF *dst,
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
        hdf_set_value(r->hdf, key, hdf_get_value(row, "version", "0"));
        snprintf(key, sizeof key, "Section.%s.valid", section);
        hdf_set_value(r->hdf, key, hdf_get_value(row, "valid", "0"));
        snprintf(key, sizeof key, "Section.%s.saved_ts", section);
        hdf_set_value(r->hdf, key, hdf_get_value(row, "saved_ts", ""));
        if (!(err = hdf_init(&data)) &&
            !(err = hdf_read_string(data, hdf_get_value(row, "data", ""))) &&
            hdf_obj_child(data))
            err = hdf_copy(dst, prefix, data);
    }
    hdf_destroy(&data);
    hdf_destroy(&row);
    return nerr_pass(err);
}

NEOERR *gf_app_section_save(long long id, const char *section, HDF *data, int valid,
                            int version, int *result)
{
    STRING text;
    long long n = 0;
    NEOERR *err;

    *result = 0;
    string_init(&text);
    if ((err = hdf_write_string(data, &text.buf)))
        return nerr_pass(err);
    if (!text.buf)
        text.buf = strdup("");
    if (version == 0) {
        err = gf_db_exec(Q[Q_INSERT], ARGS(A_STR(section), A_STR(text.buf), A_INT(valid),
                                           A_INT(id)), &n, NULL);
        if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
            *result = 1;       /* another tab saved this section first */
            n = 1;
        }
    } else {
        err = gf_db_exec(Q[Q_UPDATE], ARGS(A_STR(text.buf), A_INT(valid), A_INT(id),
                                           A_STR(section), A_INT(version)), &n, NULL);
    }
    free(text.buf);
    if (err)
        return nerr_pass(err);
    if (n == 0) {
        /* either the deadline passed (or the application left the draft
         * state), or the version moved on: tell which */
        HDF *h;
        int open = 0;
        if ((err = hdf_init(&h)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_LOAD], ARGS(A_INT(0), A_INT(id)), h, NULL, NULL);
        open = hdf_get_int_value(h, "intake_open", 0) &&
               !strcmp(hdf_get_value(h, "status", ""), "draft");
        hdf_destroy(&h);
        *result = open ? 1 : 2;
    }
    return nerr_pass(err);
}

/* Puts data (normalised form values) back under Query so that the form
 * shows exactly what was checked, and errors under Form.Error.
 * ClearSilver 0.10.5's hdf_remove_tree leaves the parent's last-child
 * pointer dangling (valgrind shows the use after free), so the posted rows
 * are blanked in place instead of removed, then overwritten. */
static NEOERR *show(gf_req *r, HDF *data, HDF *errors)
{
    NEOERR *err;

    for (HDF *g = hdf_get_child(r->hdf, "Query"); g; g = hdf_obj_next(g))
        for (HDF *row = hdf_obj_child(g); row; row = hdf_obj_next(row))
            for (HDF *f = hdf_obj_child(row); f; f = hdf_obj_next(f))
                if ((err = hdf_set_value(row, hdf_obj_name(f), "")))
                    return nerr_pass(err);
    if ((err = hdf_copy(r->hdf, "Query", data)))
        return nerr_pass(err);
    if (hdf_obj_child(errors)) {
        if ((err = hdf_copy(r->hdf, "Form.Error", errors)))
            return nerr_pass(err);
        hdf_set_value(r->hdf, "Form.HasErrors", "1");
    }
    return STATUS_OK;
}

NEOERR *gf_section_page(gf_req *r, const char *section)
{
    char suffix[32], tpl[48], key[64];
    long long id;
    HDF *data = NULL, *errors = NULL;
    int ok, version, result = 0;
    NEOERR *err;

    snprintf(suffix, sizeof suffix, "/%s", section);
    snprintf(tpl, sizeof tpl, "app_%s.cs", section);
    id = gf_path_id(r->path, "/applications/", suffix);
    if (!id)
        return nerr_raise(GF_ERR_NOTFOUND, "no such section page");
    if ((err = gf_require_role(r, GF_ROLE_APPLICANT | GF_ROLE_STAFF | GF_ROLE_ADMIN, &ok)) || !ok)
        return nerr_pass(err);
    if ((err = gf_app_load(r, id, 1)) ||
        (err = gf_app_lists(r, atoll(hdf_get_value(r->hdf, "App.competition_id", "0")))))
        return nerr_pass(err);
    /* the plan is tied to the tasks and dates of the card: Tasks.<n> */
    if (!strcmp(section, "plan")) {
        char *tasks, *line, *save = NULL;
        int n = 0;
        if ((err = gf_app_section_load(r, id, "card", r->hdf, "Card")))
            return nerr_pass(err);
        tasks = strdup(hdf_get_value(r->hdf, "Card.tasks", ""));
        for (line = strtok_r(tasks, "\n", &save); line && n < 10; line = strtok_r(NULL, "\n", &save)) {
            char *t = gf_trim_dup(line);
            if (*t)
                hdf_set_valuef(r->hdf, "Tasks.%d=%s", ++n, t);
            free(t);
        }
        free(tasks);
    }
    hdf_set_value(r->hdf, "Page.Nav", "my");
    hdf_set_value(r->hdf, "Section", section);
    hdf_set_value(r->hdf, "Saved", gf_param(r, "saved", ""));
    hdf_set_value(r->hdf, "Tpl", tpl);
    r->page = hdf_get_value(r->hdf, "Tpl", "");   /* the HDF owns the name */
    if ((err = hdf_init(&data)) || (err = hdf_init(&errors)))
        goto done;

    if (strcmp(r->method, "POST")) {
        /* show the stored draft, with its problems once it has been saved */
        if ((err = gf_app_section_load(r, id, section, data, NULL)))
            goto done;
        snprintf(key, sizeof key, "Section.%s.version", section);
        if (hdf_get_int_value(r->hdf, key, 0))
            gf_section_check(section, data, r->hdf, errors);
        err = show(r, data, errors);
        goto done;
    }
    if ((err = gf_require_post_csrf(r)))
        goto done;
    if (!hdf_get_int_value(r->hdf, "App.mine", 0)) {   /* staff read, never write */
        err = nerr_raise(GF_ERR_FORBIDDEN, "only the organization edits its application");
        goto done;
    }
    if ((err = gf_section_from_form(section, hdf_get_obj(r->hdf, "Query"), data)))
        goto done;
    ok = gf_section_check(section, data, r->hdf, errors) == 0;
    version = hdf_get_int_value(r->hdf, "Query.version", 0);
    if ((err = gf_app_section_save(id, section, data, ok, version, &result)))
        goto done;
    /* the card's title names the draft in "My applications" */
    if (result == 0 && !strcmp(section, "card") &&
        (err = gf_db_exec(Q[Q_TITLE], ARGS(A_STR(hdf_get_value(data, "title", "")), A_INT(id)),
                          NULL, NULL)))
        goto done;
    if (result == 0 && ok) {
        snprintf(key, sizeof key, "/applications/%lld/%s?saved=1", id, section);
        gf_redirect(r, key);
        goto done;
    }
    if (result == 1) {
        hdf_set_value(r->hdf, "Form.Error.form",
                      "Этот раздел уже сохранили в другой вкладке или это сделал другой "
                      "представитель организации. Ваш текст ниже НЕ сохранён: скопируйте нужное, "
                      "откройте раздел заново и внесите изменения.");
        r->status = 409;
    } else if (result == 2) {
        hdf_set_value(r->hdf, "Form.Error.form",
                      "Приём заявок завершён (или заявка уже подана): изменения не сохранены.");
        r->status = 409;
    } else {
        hdf_set_value(r->hdf, "DraftSaved", "1");   /* saved, with problems */
        r->status = 400;
        snprintf(key, sizeof key, "Section.%s.version", section);
        hdf_set_int_value(r->hdf, key, version + 1);
    }
    if (result)
        hdf_set_value(r->hdf, "Form.HasErrors", "1");
    err = show(r, data, errors);
done:
    hdf_destroy(&data);
    hdf_destroy(&errors);
    return nerr_pass(err);
}
