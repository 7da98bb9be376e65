/*
 * cabinet — "/cabinet/<role>": the page of one role (applicant, expert,
 * staff, secretary, admin), shown only to holders of that role, with the
 * user's other roles linked; "/cabinet": the page of the user's first role
 * in the order of the work they come for (staff, secretary, expert,
 * applicant, administration).
 */
#include <stdio.h>
#include <string.h>
#include "grant.h"

enum {
    Q_MY_ORGS, Q_MY_PROJECTS, Q_IDEAS, Q_STAFF_COUNTS, Q_COMMISSION, Q_MY_REVIEW,
    Q_ADMIN_USERS, Q__MAX
};
static const char *const Q[] = {
    [Q_MY_ORGS] =
        "SELECT o.id, o.short_name, o.inn FROM org_members om"
        " JOIN organizations o ON o.id = om.org_id WHERE om.user_id = ? ORDER BY o.id",
    [Q_MY_PROJECTS] =
        "SELECT p.id, p.title, p.status, p.number, p.listed, c.title AS competition FROM projects p"
        " JOIN org_members om ON om.org_id = p.org_id JOIN competitions c ON c.id = p.competition_id"
        " WHERE om.user_id = ? ORDER BY p.id DESC LIMIT 50",
    [Q_IDEAS] =
        "SELECT i.id, i.name, LEFT(i.body, 300) AS body, UNIX_TIMESTAMP(i.created_at) AS ts,"
        " m.name AS municipality FROM ideas i"
        " LEFT JOIN municipalities m ON m.id = i.municipality_id"
        " ORDER BY i.id DESC LIMIT 20",
    [Q_STAFF_COUNTS] =
        "SELECT (SELECT COUNT(*) FROM ideas WHERE status = 'new') AS new_ideas,"
        " (SELECT COUNT(*) FROM comments WHERE status = 'pending') AS pending_comments,"
        " (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS failed_mail",
    [Q_COMMISSION] =
        "SELECT id, title, stage FROM competitions WHERE stage IN ('review','commission')"
        " OR (stage = 'results' AND published_at > NOW() - INTERVAL 90 DAY) ORDER BY closes_at",
    /* the expert's work per competition */
    [Q_MY_REVIEW] =
        "SELECT c.id, c.title, c.stage, UNIX_TIMESTAMP(c.review_due) AS due_ts,"
        " SUM(a.state = 'assigned') AS todo, SUM(a.state = 'submitted') AS done"
        " FROM assignments a JOIN competitions c ON c.id = a.competition_id"
        " WHERE a.expert_id = ? AND a.state IN ('assigned', 'submitted')"
        " GROUP BY c.id, c.title, c.stage, c.review_due ORDER BY c.review_due IS NULL, c.review_due",
    [Q_ADMIN_USERS] =
        "SELECT u.id, u.email, u.name, GROUP_CONCAT(r.role ORDER BY r.role) AS roles"
        " FROM users u LEFT JOIN user_roles r ON r.user_id = u.id"
        " GROUP BY u.id, u.email, u.name ORDER BY u.id LIMIT 100",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *role_page(gf_req *r, const char *role)
{
    HDF *h = r->hdf;
    const gf_arg *me = ARGS(A_INT(r->user_id));
    NEOERR *err = STATUS_OK;

    if (!strcmp(role, "applicant")) {
        if (!(err = gf_db_rows(Q[Q_MY_ORGS], me, h, "Orgs", NULL)))
            err = gf_db_rows(Q[Q_MY_PROJECTS], me, h, "MyProjects", NULL);
    } else if (!strcmp(role, "staff")) {
        if (!(err = gf_db_row(Q[Q_STAFF_COUNTS], NOARGS, h, "Counts", NULL)))
            err = gf_db_rows(Q[Q_IDEAS], NOARGS, h, "Ideas", NULL);
    } else if (!strcmp(role, "secretary")) {
        err = gf_db_rows(Q[Q_COMMISSION], NOARGS, h, "Review", NULL);
    } else if (!strcmp(role, "expert")) {
        err = gf_db_rows(Q[Q_MY_REVIEW], me, h, "Review", NULL);
    } else if (!strcmp(role, "admin")) {
        err = gf_db_rows(Q[Q_ADMIN_USERS], NOARGS, h, "Users", NULL);
    }
    return nerr_pass(err);
}

/* Where /cabinet lands: the first of these roles the user has. */
static const unsigned landing[] = {GR_STAFF, GR_SECRETARY, GR_EXPERT, GR_APPLICANT, GR_ADMIN};

static NEOERR *handle(gf_req *r)
{
    const char *role = strncmp(r->path, "/cabinet/", 9) ? NULL : r->path + 9;
    NEOERR *err;

    for (size_t i = 0; !role && i < sizeof landing / sizeof landing[0]; i++)
        for (int b = 0; gr_role_names[b]; b++)
            if ((r->roles & landing[i]) && landing[i] == 1u << b)
                role = gr_role_names[b];
    gf_set(r->hdf, "Page.Nav", "cabinet");
    gf_set(r->hdf, "Page.Title", "Личный кабинет");
    for (int i = 0; gr_role_names[i]; i++) {
        if (role && !strcmp(role, gr_role_names[i])) {
            gf_set(r->hdf, "Page.Title", gr_role_titles[i]);
            gf_set(r->hdf, "Role", role);
        }
        if (r->roles & (1u << i)) {
            gf_setf(r->hdf, "Roles.%d.name=%s", i, gr_role_names[i]);
            gf_setf(r->hdf, "Roles.%d.title=%s", i, gr_role_titles[i]);
        }
    }
    if (role && (err = role_page(r, role)))
        return nerr_pass(err);
    r->page = "cabinet.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    /* /cabinet for anyone signed in; each role's page for that role */
    static const gf_route routes[] = {
        {"/cabinet", handle, NULL, GF_USERS, 0},
        {"/cabinet/applicant", handle, NULL, GR_APPLICANT, 0},
        {"/cabinet/expert", handle, NULL, GR_EXPERT, 0},
        {"/cabinet/staff", handle, NULL, GR_STAFF, 0},
        {"/cabinet/secretary", handle, NULL, GR_SECRETARY, 0},
        {"/cabinet/admin", handle, NULL, GR_ADMIN, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "cabinet", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_USERS, .routes = routes};
    return gf_run(argc, argv, &prog);
}
