/*
 * app_section — "/applications/<id>/<section>": one section of the
 * application form (card, team, plan, budget, consent; the table of
 * sections is grant/form.c). GET shows the stored draft with its problems;
 * POST saves whatever was typed as a draft, valid or not, shows errors next
 * to the fields, and refuses when another tab saved first or the deadline
 * passed. Staff may read, only the organization writes.
 *
 * One program for the five sections: they differ only in their fields and
 * rules, which are data in the table, and in their template.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

/* How many blank rows a list offers to add (more after a save). */
#define NEW_ROWS 2

/* Puts data (normalised form values) back under Query so that the form
 * shows exactly what was checked, and errors under Form.Error.
 * ClearSilver 0.10.5's hdf_remove_tree leaves the parent's last-child
 * pointer dangling (valgrind shows the use after free), so the posted rows
 * are blanked in place instead of removed, then overwritten; the templates
 * show Form.Rows rows (those of data) and Form.NewRows blank ones, never
 * the posted rows beyond them (a POST of many empty rows made a page of
 * megabytes). */
static NEOERR *show(gf_req *r, const gr_section *s, HDF *data, HDF *errors)
{
    int rows = 0;
    NEOERR *err;

    for (HDF *g = hdf_get_child(r->hdf, "Query"); g; g = hdf_obj_next(g))
        for (HDF *row = hdf_obj_child(g); row; row = hdf_obj_next(row))
            for (HDF *f = hdf_obj_child(row); f; f = hdf_obj_next(f))
                gf_set(row, hdf_obj_name(f), "");
    if ((err = hdf_copy(r->hdf, "Query", data)))
        return nerr_pass(err);
    if (s->rows) {
        HDF *o = hdf_get_obj(data, s->rows);
        for (o = o ? hdf_obj_child(o) : NULL; o; o = hdf_obj_next(o))
            rows++;
        gf_set_int(r->hdf, "Form.Rows", rows);
        gf_set_int(r->hdf, "Form.NewRows", hdf_get_int_value(r->hdf, "App.editable", 0) ?
                   (s->max_rows - rows < NEW_ROWS ? s->max_rows - rows : NEW_ROWS) : 0);
    }
    if (hdf_obj_child(errors)) {
        if ((err = hdf_copy(r->hdf, "Form.Error", errors)))
            return nerr_pass(err);
        gf_set(r->hdf, "Form.HasErrors", "1");
    }
    return STATUS_OK;
}

/* The section named by the last part of the path. */
static const gr_section *section_of(gf_req *r)
{
    const char *name = strrchr(r->path, '/');
    const gr_section *s = gr_section_find(name ? name + 1 : "");

    return s && !s->own_program ? s : NULL;
}

/* The section page around the form, for GET and POST: the application
 * (access checked), its lists, what the section shows besides its own
 * fields, the limits, the template. */
static NEOERR *prepare(gf_req *r, const gr_section *s)
{
    char tpl[64];
    NEOERR *err;

    if ((err = gr_app_load(r, r->id, 1)) ||
        (err = gr_app_lists(r, atoll(hdf_get_value(r->hdf, "App.competition_id", "0")))) ||
        (s->prepare && (err = s->prepare(r, r->id))))
        return nerr_pass(err);
    gr_section_limits(s, r->hdf, r->hdf);
    /* text fields show a counter and are never cut by the browser (the
     * check refuses what is too long, with its length); a section that may
     * not change reads as text (macros.cs) */
    gf_set(r->hdf, "Form.Counters", "1");
    if (!hdf_get_int_value(r->hdf, "App.editable", 0))
        gf_set(r->hdf, "Form.ReadOnly", "1");
    gf_set(r->hdf, "Page.Nav", "my");
    gf_set(r->hdf, "Page.Title", s->title);
    gf_set(r->hdf, "Section", s->name);
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    snprintf(tpl, sizeof tpl, "app_%s.cs", s->name);
    gf_set(r->hdf, "Tpl", tpl);
    r->page = hdf_get_value(r->hdf, "Tpl", "");   /* the HDF owns the name */
    return STATUS_OK;
}

/* The stored draft, with its problems once it has been saved. */
static NEOERR *view(gf_req *r)
{
    const gr_section *s = section_of(r);
    char key[96];
    HDF *data = NULL, *errors = NULL;
    NEOERR *err;

    if (!s)
        return nerr_raise(GF_ERR_NOTFOUND, "no such section");
    if ((err = prepare(r, s)) || (err = hdf_init(&data)) || (err = hdf_init(&errors)) ||
        (err = gr_draft_load(r, r->id, s->name, data, NULL)))
        goto done;
    snprintf(key, sizeof key, "Section.%s.version", s->name);
    if (hdf_get_int_value(r->hdf, key, 0))
        gr_section_check(s, data, r->hdf, errors);
    err = show(r, s, data, errors);
done:
    hdf_destroy(&data);
    hdf_destroy(&errors);
    return nerr_pass(err);
}

/* Saves what was typed as the draft, valid or not. */
static NEOERR *save(gf_req *r)
{
    const gr_section *s = section_of(r);
    char key[96];
    HDF *data = NULL, *errors = NULL;
    int ok, version, result = 0;
    NEOERR *err;

    if (!s)
        return nerr_raise(GF_ERR_NOTFOUND, "no such section");
    if ((err = prepare(r, s)) || (err = hdf_init(&data)) || (err = hdf_init(&errors)))
        goto done;
    if (!hdf_get_int_value(r->hdf, "App.mine", 0)) {   /* staff read, never write */
        err = nerr_raise(GF_ERR_FORBIDDEN, "only the organization edits its application");
        goto done;
    }
    err = gr_section_from_form(s, hdf_get_obj(r->hdf, "Query"), data, errors);
    if (nerr_handle(&err, GF_ERR_TOOLARGE)) {
        /* more rows than the list takes: nothing is saved, the stored
         * draft stays; the form shows the first rows and why */
        r->status = 400;
        gf_set(r->hdf, "Form.Error.form", "Раздел не сохранён: в списке больше строк, чем можно "
               "(подробности — у списка ниже).");
        err = show(r, s, data, errors);
        goto done;
    }
    if (err)
        goto done;
    if (hdf_obj_child(errors)) {        /* refused fields keep their stored value */
        HDF *stored;
        if ((err = hdf_init(&stored)))
            goto done;
        if (!(err = gr_draft_load(r, r->id, s->name, stored, NULL)))
            gr_section_keep_refused(data, stored, errors);
        hdf_destroy(&stored);
        if (err)
            goto done;
    }
    ok = gr_section_check(s, data, r->hdf, errors) == 0 && !hdf_obj_child(errors);
    version = hdf_get_int_value(r->hdf, "Query.version", 0);
    if ((err = gf_db_begin()) ||
        (err = gr_draft_save(r->id, s->name, data, ok, version, &result)) ||
        (result == 0 && s->saved && (err = s->saved(r, r->id, data))) ||
        (err = gf_db_commit()))
        goto done;
    if (result == 0 && ok) {
        snprintf(key, sizeof key, "/applications/%lld/%s?saved=1", r->id, s->name);
        gf_redirect(r, key);
        goto done;
    }
    if (result == 1) {
        gf_set(r->hdf, "Form.Error.form",
               "Этот раздел уже сохранили в другой вкладке или это сделал другой "
               "представитель организации. Ваш текст ниже НЕ сохранён: скопируйте нужное, "
               "откройте раздел заново и внесите изменения.");
        r->status = 409;
    } else if (result == 2) {
        gf_set(r->hdf, "Form.Error.form",
               "Приём заявок завершён (или заявка уже подана): изменения не сохранены.");
        r->status = 409;
    } else {
        gf_set(r->hdf, "DraftSaved", "1");   /* saved, with problems */
        r->status = 400;
        snprintf(key, sizeof key, "Section.%s.version", s->name);
        gf_set_int(r->hdf, key, version + 1);
    }
    if (result)
        gf_set(r->hdf, "Form.HasErrors", "1");
    err = show(r, s, data, errors);
done:
    hdf_destroy(&data);
    hdf_destroy(&errors);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    /* one route per section of the table that has no program of its own */
    static gf_route routes[16];
    static char patterns[16][48];
    static gf_program prog = {
        .name = "app_section", .db = GF_DB_WRITE, GR_ROLES,
        .roles = GR_APPLICANT | GR_STAFF | GR_ADMIN, .routes = routes,
    };
    int n = 0;

    for (const gr_section *s = gr_sections; s->name && n < 15; s++)
        if (!s->own_program) {
            snprintf(patterns[n], sizeof patterns[n], "/applications/#/%s", s->name);
            routes[n] = (gf_route){patterns[n], view, save, 0, 0};
            n++;
        }
    return gf_run(argc, argv, &prog);
}
