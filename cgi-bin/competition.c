/*
 * competition — "/competitions/<id>": one competition for the public: its
 * description, dates (Moscow time) with the time left, grant limits,
 * directions and scoring criteria, and «Подать заявку» while intake is open.
 */
#include <string.h>
#include "grant.h"

enum { Q_COMP, Q_DIRS, Q_CRITERIA, Q__MAX };
static const char *const Q[] = {
    [Q_COMP] =
        "SELECT id, title, description, stage, fund_kopecks, min_grant_kopecks, max_grant_kopecks,"
        " CAST(cofin_min_pct AS DOUBLE) AS cofin_min_pct, UNIX_TIMESTAMP(opens_at) AS opens_ts, UNIX_TIMESTAMP(closes_at) AS closes_ts,"
        " UNIX_TIMESTAMP(impl_start) AS impl_start_ts, UNIX_TIMESTAMP(impl_end) AS impl_end_ts,"
        " (stage = 'intake' AND opens_at <= NOW() AND closes_at > NOW()) AS open,"
        " GREATEST(TIMESTAMPDIFF(DAY, NOW(), closes_at), 0) AS days_left,"
        " GREATEST(TIMESTAMPDIFF(HOUR, NOW(), closes_at) % 24, 0) AS hours_left"
        " FROM competitions WHERE id = ? AND stage <> 'draft'",
    [Q_DIRS] =
        "SELECT d.id, d.name FROM competition_directions cd JOIN directions d ON d.id = cd.direction_id"
        " WHERE cd.competition_id = ? ORDER BY d.sort",
    [Q_CRITERIA] =
        "SELECT name, max_score, weight FROM criteria WHERE competition_id = ? ORDER BY sort",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *handle(gf_req *r)
{
    long long id = r->id;
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(id)), r->hdf, "Comp", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", id);
    if ((err = gf_db_rows(Q[Q_DIRS], ARGS(A_INT(id)), r->hdf, "Directions", NULL)) ||
        (err = gf_db_rows(Q[Q_CRITERIA], ARGS(A_INT(id)), r->hdf, "Criteria", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Comp.title", ""));
    r->page = "competition.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/competitions/#", handle, NULL, 0}, {NULL, NULL, NULL, 0}};
    static const gf_program prog = {.name = "competition", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
