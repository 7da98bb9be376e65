/*
 * cabinet — "/cabinet": who is logged in and with which roles, and
 * "/cabinet/<role>": the page of one role (applicant, expert, staff,
 * secretary, admin), shown only to holders of that role.
 */
#include <stdio.h>
#include <string.h>
#include "gf.h"

static const char *const Q[] = {
#define Q_MY_ORGS 0
    "SELECT o.id, o.short_name, o.inn FROM org_members om"
    " JOIN organizations o ON o.id = om.org_id WHERE om.user_id = ? ORDER BY o.id",
#define Q_MY_PROJECTS 1
    "SELECT p.id, p.title, p.status, p.number, p.listed FROM projects p"
    " JOIN org_members om ON om.org_id = p.org_id WHERE om.user_id = ?"
    " ORDER BY p.id DESC LIMIT 50",
#define Q_IDEAS 2
    "SELECT i.id, i.name, LEFT(i.body, 300) AS body, UNIX_TIMESTAMP(i.created_at) AS ts,"
    " m.name AS municipality FROM ideas i"
    " LEFT JOIN municipalities m ON m.id = i.municipality_id"
    " ORDER BY i.id DESC LIMIT 20",
#define Q_STAFF_COUNTS 3
    "SELECT (SELECT COUNT(*) FROM ideas WHERE status = 'new') AS new_ideas,"
    " (SELECT COUNT(*) FROM comments WHERE status = 'pending') AS pending_comments,"
    " (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS failed_mail",
#define Q_COMMISSION 4
    "SELECT id, title, stage FROM competitions WHERE stage IN ('review','commission')"
    " ORDER BY closes_at",
#define Q_ADMIN_USERS 5
    "SELECT u.id, u.email, u.name, GROUP_CONCAT(r.role ORDER BY r.role) AS roles"
    " FROM users u LEFT JOIN user_roles r ON r.user_id = u.id"
    " GROUP BY u.id, u.email, u.name ORDER BY u.id LIMIT 100",
};

static const struct { const char *name; unsigned bit; const char *title; } roles[] = {
    {"applicant", GF_ROLE_APPLICANT, "Кабинет НКО"},
    {"expert", GF_ROLE_EXPERT, "Кабинет эксперта"},
    {"staff", GF_ROLE_STAFF, "Кабинет сотрудника"},
    {"secretary", GF_ROLE_SECRETARY, "Кабинет секретаря комиссии"},
    {"admin", GF_ROLE_ADMIN, "Администрирование"},
};

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
    } else if (!strcmp(role, "secretary") || !strcmp(role, "expert")) {
        err = gf_db_rows(Q[Q_COMMISSION], NOARGS, h, "Review", NULL);
    } else if (!strcmp(role, "admin")) {
        err = gf_db_rows(Q[Q_ADMIN_USERS], NOARGS, h, "Users", NULL);
    }
    return nerr_pass(err);
}

static NEOERR *handle(gf_req *r)
{
    const char *role = NULL;
    unsigned bit = GF_ROLE_APPLICANT | GF_ROLE_EXPERT | GF_ROLE_STAFF |
                   GF_ROLE_SECRETARY | GF_ROLE_ADMIN;
    int ok;
    NEOERR *err;

    hdf_set_value(r->hdf, "Page.Nav", "cabinet");
    hdf_set_value(r->hdf, "Page.Title", "Личный кабинет");
    if (strcmp(r->path, "/cabinet")) {
        size_t i;
        if (strncmp(r->path, "/cabinet/", 9))
            return nerr_raise(GF_ERR_NOTFOUND, "no page");
        for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
            if (!strcmp(r->path + 9, roles[i].name))
                break;
        if (i == sizeof roles / sizeof roles[0])
            return nerr_raise(GF_ERR_NOTFOUND, "no such role page");
        role = roles[i].name;
        bit = roles[i].bit;
        hdf_set_value(r->hdf, "Page.Title", roles[i].title);
        hdf_set_value(r->hdf, "Role", role);
    }
    if ((err = gf_require_role(r, bit, &ok)) || !ok)
        return nerr_pass(err);
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        char key[64];
        if (!(r->roles & roles[i].bit))
            continue;
        snprintf(key, sizeof key, "Roles.%zu.name", i);
        hdf_set_value(r->hdf, key, roles[i].name);
        snprintf(key, sizeof key, "Roles.%zu.title", i);
        hdf_set_value(r->hdf, key, roles[i].title);
    }
    if (role && (err = role_page(r, role)))
        return nerr_pass(err);
    r->page = "cabinet.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "cabinet", .db = GF_DB_READ, .handle = handle};
    return gf_run(argc, argv, &prog);
}
