/*
 * staff_competitions — "/staff/competitions": every competition for staff,
 * drafts included, with its stage, dates and its applications counted by
 * status; "/staff/competitions/new": a new competition starts as a draft
 * with a title (the rest is the settings page, staff_competition), the
 * national operator's nine budget categories and default dates.
 */
#include <stdio.h>
#include "grant.h"

enum { Q_LIST, Q_CREATE, Q_CATEGORY, Q__MAX };
static const char *const Q[] = {
    /* counts per competition read on the (competition_id, status) index */
    [Q_LIST] =
        "SELECT c.id, c.title, c.stage, UNIX_TIMESTAMP(c.opens_at) AS opens_ts,"
        " UNIX_TIMESTAMP(c.closes_at) AS closes_ts, COALESCE(p.total, 0) AS total,"
        " COALESCE(p.drafts, 0) AS drafts, COALESCE(p.submitted, 0) AS submitted,"
        " COALESCE(p.returned, 0) AS returned,"
        " COALESCE(p.admitted, 0) AS admitted, COALESCE(p.rejected, 0) AS rejected,"
        " COALESCE(p.winners, 0) AS winners, COALESCE(p.not_winners, 0) AS not_winners,"
        " COALESCE(p.withdrawn, 0) AS withdrawn FROM competitions c LEFT JOIN ("
        "SELECT competition_id, COUNT(*) AS total, SUM(status = 'draft') AS drafts,"
        " SUM(status = 'submitted') AS submitted, SUM(status = 'returned') AS returned,"
        " SUM(status IN ('admitted','scored')) AS admitted, SUM(status = 'rejected') AS rejected,"
        " SUM(status IN ('winner','in_progress','completed')) AS winners,"
        " SUM(status = 'not_winner') AS not_winners, SUM(status = 'withdrawn') AS withdrawn"
        " FROM projects GROUP BY competition_id) p ON p.competition_id = c.id"
        " ORDER BY c.stage = 'closed', c.opens_at DESC, c.id DESC",
    /* the dates are a start that staff change on the settings page */
    [Q_CREATE] =
        "INSERT INTO competitions (title, description, stage, opens_at, closes_at, created_at)"
        " VALUES (?, '', 'draft', UTC_DATE() + INTERVAL 30 DAY + INTERVAL 6 HOUR,"
        " UTC_DATE() + INTERVAL 65 DAY + INTERVAL 1230 MINUTE, NOW())",
    [Q_CATEGORY] =
        "INSERT INTO budget_categories (competition_id, code, name) VALUES (?, ?, ?)",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "Comps", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Конкурсы");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_competitions.cs";
    return STATUS_OK;
}

static NEOERR *new_form(gf_req *r)
{
    gf_set(r->hdf, "Page.Title", "Новый конкурс");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_competition_new.cs";
    return STATUS_OK;
}

static NEOERR *create(gf_req *r)
{
    const char *title = gf_input(r, "title");
    long long id = 0;
    char where[64];
    NEOERR *err;

    if (!gf_field_text(r, "title", title, GF_REQUIRED | GF_ONE_LINE, 300)) {
        r->status = 400;
        return nerr_pass(new_form(r));
    }
    if ((err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_CREATE], ARGS(A_STR(title)), NULL, &id)))
        return nerr_pass(err);
    for (int i = 0; gr_pgf_categories[i].name; i++)
        if ((err = gf_db_exec(Q[Q_CATEGORY], ARGS(A_INT(id), A_INT(gr_pgf_categories[i].code),
                                                  A_STR(gr_pgf_categories[i].name)), NULL, NULL)))
            return nerr_pass(err);
    if ((err = gr_audit(r, "competition", id, "create", NULL, "draft", title)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/staff/competitions/%lld?created=1", id);
    gf_redirect(r, where);
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/competitions", list, NULL, 0, 0},
        {"/staff/competitions/new", new_form, create, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_competitions", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
