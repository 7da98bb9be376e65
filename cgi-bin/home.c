/*
 * home — "/": competitions open for applications, latest news, a few
 * projects from the exhibition. Every other path that nginx routes here
 * gets the 404 page.
 */
#include <string.h>
#include "grant.h"

enum { Q_OPEN, Q_NEXT, Q_NEWS, Q_PROJECTS, Q__MAX };
static const char *const Q[] = {
    [Q_OPEN] =
        "SELECT id, title, stage, UNIX_TIMESTAMP(closes_at) AS closes_ts,"
        " GREATEST(TIMESTAMPDIFF(SECOND, NOW(), closes_at), 0) AS to_close,"
        " min_grant_kopecks, max_grant_kopecks"
        " FROM competitions c WHERE " GR_COMP_OPEN_SQL("c")
        " ORDER BY closes_at LIMIT 10",
    [Q_NEXT] =
        "SELECT id, title, stage, UNIX_TIMESTAMP(opens_at) AS opens_ts"
        " FROM competitions c WHERE " GR_COMP_UPCOMING_SQL("c") " ORDER BY opens_at LIMIT 5",
    [Q_NEWS] =
        "SELECT id, title, summary, UNIX_TIMESTAMP(published_at) AS ts"
        " FROM news WHERE published_at <= NOW() ORDER BY published_at DESC LIMIT 3",
    [Q_PROJECTS] =
        "SELECT p.id, p.title, p.exhibit, m.name AS municipality, o.short_name AS org"
        " FROM projects p JOIN municipalities m ON m.id = p.municipality_id"
        " JOIN organizations o ON o.id = p.org_id"
        " WHERE p.listed = 1 ORDER BY p.id DESC LIMIT 6",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *handle(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_OPEN], NOARGS, r->hdf, "Open", NULL)) ||
        (err = gf_db_rows(Q[Q_NEXT], NOARGS, r->hdf, "Announced", NULL)) ||
        (err = gf_db_rows(Q[Q_NEWS], NOARGS, r->hdf, "News", NULL)) ||
        (err = gf_db_rows(Q[Q_PROJECTS], NOARGS, r->hdf, "Projects", NULL)))
        return nerr_pass(err);
    r->page = "home.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/", handle, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "home", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
