/*
 * home — "/": competitions open for applications, latest news, a few
 * projects from the exhibition. Every other path that nginx routes here
 * gets the 404 page.
 */
#include <string.h>
#include "gf.h"

static const char *const Q[] = {
#define Q_OPEN 0
    "SELECT id, title, stage, UNIX_TIMESTAMP(closes_at) AS closes_ts,"
    " GREATEST(TIMESTAMPDIFF(DAY, NOW(), closes_at), 0) AS days_left,"
    " min_grant_kopecks, max_grant_kopecks"
    " FROM competitions WHERE stage = 'intake' AND closes_at > NOW()"
    " ORDER BY closes_at LIMIT 10",
#define Q_NEXT 1
    "SELECT id, title, stage, UNIX_TIMESTAMP(opens_at) AS opens_ts"
    " FROM competitions WHERE stage = 'announced' ORDER BY opens_at LIMIT 5",
#define Q_NEWS 2
    "SELECT id, title, summary, UNIX_TIMESTAMP(published_at) AS ts"
    " FROM news WHERE published_at <= NOW() ORDER BY published_at DESC LIMIT 3",
#define Q_PROJECTS 3
    "SELECT p.id, p.title, p.exhibit, m.name AS municipality, o.short_name AS org"
    " FROM projects p JOIN municipalities m ON m.id = p.municipality_id"
    " JOIN organizations o ON o.id = p.org_id"
    " WHERE p.listed = 1 ORDER BY p.id DESC LIMIT 6",
};

static NEOERR *handle(gf_req *r)
{
    NEOERR *err;

    if (strcmp(r->path, "/"))
        return nerr_raise(GF_ERR_NOTFOUND, "no page");
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
    static const gf_program prog = {.name = "home", .db = GF_DB_READ, .handle = handle,
                                    .public_cache = 1};
    return gf_run(argc, argv, &prog);
}
