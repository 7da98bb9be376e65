/*
 * project — "/projects/<id>": one project of the exhibition: its card, the
 * NGO's public contacts and approved comments. Only listed projects exist
 * here; any other id, or a malformed one, is a 404.
 */
#include <string.h>
#include "grant.h"

enum { Q_PROJECT, Q_COMMENTS, Q__MAX };
static const char *const Q[] = {
    [Q_PROJECT] =
        "SELECT p.id, p.number, p.title, p.summary, p.problem, p.goal, p.results,"
        " p.exhibit, p.requested_kopecks, p.cofin_kopecks, p.granted_kopecks,"
        " UNIX_TIMESTAMP(p.starts_on) AS starts_ts, UNIX_TIMESTAMP(p.ends_on) AS ends_ts,"
        " m.name AS municipality, m.id AS municipality_id,"
        " d.name AS direction, d.id AS direction_id,"
        " c.title AS competition, c.id AS competition_id,"
        " o.short_name AS org, o.full_name AS org_full, o.website AS org_website,"
        " o.email AS org_email, o.phone AS org_phone, o.id AS org_id,"
        " o.logo_name IS NOT NULL AS org_has_logo"
        " FROM projects p JOIN municipalities m ON m.id = p.municipality_id"
        " JOIN directions d ON d.id = p.direction_id"
        " JOIN competitions c ON c.id = p.competition_id"
        " JOIN organizations o ON o.id = p.org_id"
        " WHERE p.id = ? AND p.listed = 1",
    [Q_COMMENTS] =
        "SELECT author_name, body, UNIX_TIMESTAMP(created_at) AS ts FROM comments"
        " WHERE project_id = ? AND status = 'approved' ORDER BY id LIMIT 200",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *handle(gf_req *r)
{
    long long id = r->id;
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(id)), r->hdf, "Project", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "project %lld", id);
    if ((err = gf_db_rows(Q[Q_COMMENTS], ARGS(A_INT(id)), r->hdf, "Comments", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Project.title", ""));
    gf_set(r->hdf, "Page.Nav", "projects");
    r->page = "project.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/projects/#", handle, NULL, 0}, {NULL, NULL, NULL, 0}};
    static const gf_program prog = {.name = "project", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
