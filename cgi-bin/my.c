/*
 * my — "/my": the applications of the user's organization, each with its
 * status and its history (every transition with its time).
 */
#include <stdio.h>
#include "grant.h"

/* The entries of an application's history its applicant sees: the changes
 * of its status they made or were told of. Not the review's (who the
 * experts are, their scores before publication, the secretary's marks). */
#define APPLICANT_SEES \
    "'create', 'submit', 'withdraw', 'admit', 'return', 'reject', 'resubmit', 'win', 'not_win'"

enum { Q_APPS, Q_HISTORY, Q__MAX };
static const char *const Q[] = {
    [Q_APPS] =
        "SELECT p.id, p.number, p.title, p.status, p.listed, c.title AS competition,"
        " UNIX_TIMESTAMP(c.closes_at) AS closes_ts, UNIX_TIMESTAMP(p.submitted_at) AS submitted_ts,"
        " UNIX_TIMESTAMP(p.updated_at) AS updated_ts"
        " FROM projects p JOIN competitions c ON c.id = p.competition_id"
        " JOIN org_members m ON m.org_id = p.org_id WHERE m.user_id = ?"
        " ORDER BY p.id DESC LIMIT 100",
    [Q_HISTORY] =
        "SELECT a.object_id AS project, a.action, a.from_state, a.to_state, a.reason,"
        " UNIX_TIMESTAMP(a.at) AS ts FROM audit_log a"
        " JOIN projects p ON p.id = a.object_id JOIN org_members m ON m.org_id = p.org_id"
        " WHERE a.object_type = 'project' AND m.user_id = ? AND a.action IN (" APPLICANT_SEES ")"
        " ORDER BY a.id",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *handle(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_APPS], ARGS(A_INT(r->user_id)), r->hdf, "Apps", NULL)))
        return nerr_pass(err);
    /* each transition goes under its application: History.<project id>.<n> */
    {
        HDF *h;
        int n = 0;
        if ((err = hdf_init(&h)))
            return nerr_pass(err);
        err = gf_db_rows(Q[Q_HISTORY], ARGS(A_INT(r->user_id)), h, "H", NULL);
        for (HDF *o = hdf_get_child(h, "H"); !err && o; o = hdf_obj_next(o), n++) {
            char key[64];
            snprintf(key, sizeof key, "History.%s.%d", hdf_get_value(o, "project", "0"), n);
            err = hdf_copy(r->hdf, key, o);
        }
        hdf_destroy(&h);
        if (err)
            return nerr_pass(err);
    }
    gf_set(r->hdf, "Page.Title", "Мои заявки");
    gf_set(r->hdf, "Page.Nav", "my");
    r->page = "my.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/my", handle, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "my", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GR_APPLICANT, .routes = routes};
    return gf_run(argc, argv, &prog);
}
