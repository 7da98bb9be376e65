/*
 * competitions — "/competitions": every announced competition for the
 * public, in three groups: intake open (a countdown to its end and
 * «Подать заявку»), upcoming (a countdown to the opening) and past; each
 * with its intake dates in Moscow time, fund, grant limits and documents,
 * linked to its own page (/competitions/<id>, program competition). Drafts
 * are never listed. Which group a competition is in is the domain's rule
 * (GR_COMP_OPEN_SQL, GR_COMP_UPCOMING_SQL in grant.h), by the database
 * clock; the countdowns are seconds from it, so a page from the public
 * cache is at most a few seconds behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include "grant.h"

#define COLS                                                                           \
    "SELECT c.id, c.title, c.stage, c.fund_kopecks, c.min_grant_kopecks,"              \
    " c.max_grant_kopecks, UNIX_TIMESTAMP(c.opens_at) AS opens_ts,"                    \
    " UNIX_TIMESTAMP(c.closes_at) AS closes_ts,"                                       \
    " UNIX_TIMESTAMP(c.published_at) AS published_ts,"                                 \
    " TIMESTAMPDIFF(SECOND, NOW(), c.opens_at) AS to_open,"                            \
    " TIMESTAMPDIFF(SECOND, NOW(), c.closes_at) AS to_close FROM competitions c"

enum { Q_OPEN, Q_UPCOMING, Q_PAST, Q_DOCS, Q__MAX };
static const char *const Q[] = {
    [Q_OPEN] = COLS " WHERE " GR_COMP_OPEN_SQL("c") " ORDER BY c.closes_at, c.id",
    [Q_UPCOMING] = COLS " WHERE " GR_COMP_UPCOMING_SQL("c") " ORDER BY c.opens_at, c.id",
    /* ix_comp_stage (stage, closes_at); competitions are tens a year */
    [Q_PAST] =
        COLS " WHERE c.stage <> 'draft' AND NOT " GR_COMP_OPEN_SQL("c")
        " AND NOT " GR_COMP_UPCOMING_SQL("c") " ORDER BY c.closes_at DESC, c.id DESC LIMIT 100",
    [Q_DOCS] =
        "SELECT d.id, d.competition_id AS comp, d.title, d.mime, d.size"
        " FROM competition_documents d JOIN competitions c ON c.id = d.competition_id"
        " WHERE c.stage <> 'draft' ORDER BY d.competition_id, d.id",
};
GF_STATEMENTS(Q, Q__MAX);

/* Each document under Docs.<competition id>.<n>, where the template finds
 * a competition's own. */
static NEOERR *documents(gf_req *r)
{
    HDF *all, *d;
    NEOERR *err;
    int n = 0;
    long long prev = 0;

    if ((err = hdf_init(&all)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_DOCS], NOARGS, all, "D", NULL);
    for (d = err ? NULL : hdf_get_child(all, "D"); d; d = hdf_obj_next(d)) {
        long long comp = atoll(hdf_get_value(d, "comp", "0"));
        char key[80];

        n = comp == prev ? n + 1 : 0;
        prev = comp;
        for (const char *const *c = (const char *const[]){"id", "title", "mime", "size", NULL};
             *c; c++) {
            snprintf(key, sizeof key, "Docs.%lld.%d.%s", comp, n, *c);
            gf_set(r->hdf, key, hdf_get_value(d, *c, ""));
        }
    }
    hdf_destroy(&all);
    return nerr_pass(err);
}

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_OPEN], NOARGS, r->hdf, "Open", NULL)) ||
        (err = gf_db_rows(Q[Q_UPCOMING], NOARGS, r->hdf, "Upcoming", NULL)) ||
        (err = gf_db_rows(Q[Q_PAST], NOARGS, r->hdf, "Past", NULL)) ||
        (err = documents(r)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Конкурсы");
    gf_set(r->hdf, "Page.Nav", "competitions");
    gf_set(r->hdf, "Page.Description",
           "Конкурсы грантов для НКО Кубани: приём заявок, сроки по московскому времени, "
           "документы и итоги.");
    r->page = "competitions.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/competitions", list, NULL, 0, 0},
                                      {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "competitions", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
