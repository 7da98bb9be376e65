/*
 * centres — "/centres": the directory of NGO resource centres, grouped by
 * municipality (in the list's order), each with address, phone, e-mail,
 * opening hours, services and a link to its page (/centres/<id>, program
 * centre), where a consultation is requested. ?municipality=<id> shows one
 * municipality's centres; the filter offers the municipalities that have a
 * centre, and anything else shows them all. Hidden centres are not listed.
 * A read program with the public cache: nothing here carries a captcha.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

#define COLS                                                                            \
    "SELECT rc.id, rc.name, rc.address, rc.phone, rc.email, rc.hours, rc.services,"     \
    " rc.website, rc.municipality_id AS muni, m.name AS municipality"                   \
    " FROM resource_centres rc JOIN municipalities m ON m.id = rc.municipality_id"       \
    " WHERE rc.active = 1"

enum { Q_ALL, Q_ONE_MUNI, Q_MUNIS, Q__MAX };
static const char *const Q[] = {
    [Q_ALL] = COLS " ORDER BY m.sort, rc.name, rc.id",
    [Q_ONE_MUNI] = COLS " AND rc.municipality_id = ? ORDER BY rc.name, rc.id",
    [Q_MUNIS] =
        "SELECT DISTINCT m.id, m.name, m.sort FROM resource_centres rc"
        " JOIN municipalities m ON m.id = rc.municipality_id WHERE rc.active = 1 ORDER BY m.sort",
};
GF_STATEMENTS(Q, Q__MAX);

/* The rows under Groups.<g>.{id,name} and Groups.<g>.Centres.<n>, one group
 * per municipality (the rows come ordered by it). */
static void group(gf_req *r, HDF *rows)
{
    long long prev = -1;
    int g = -1, n = 0;
    char key[80];

    for (HDF *c = hdf_get_child(rows, NULL); c; c = hdf_obj_next(c)) {
        long long muni = atoll(hdf_get_value(c, "muni", "0"));

        if (muni != prev) {
            prev = muni;
            n = 0;
            g++;
            gf_setf(r->hdf, "Groups.%d.id=%lld", g, muni);
            snprintf(key, sizeof key, "Groups.%d.name", g);
            gf_set(r->hdf, key, hdf_get_value(c, "municipality", ""));
        }
        snprintf(key, sizeof key, "Groups.%d.Centres.%d", g, n++);
        gf_must(hdf_copy(r->hdf, key, c));
    }
}

static NEOERR *list(gf_req *r)
{
    long long muni = gf_parse_id(gf_param(r, "municipality", ""));
    HDF *tmp;
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_MUNIS], NOARGS, r->hdf, "Munis", NULL)))
        return nerr_pass(err);
    if (muni && !gr_list_has(r->hdf, "Munis", muni))
        muni = 0;
    if ((err = hdf_init(&tmp)))
        return nerr_pass(err);
    if (muni)
        err = gf_db_rows(Q[Q_ONE_MUNI], ARGS(A_INT(muni)), tmp, "Rows", NULL);
    else
        err = gf_db_rows(Q[Q_ALL], NOARGS, tmp, "Rows", NULL);
    if (!err)
        group(r, hdf_get_obj(tmp, "Rows"));
    hdf_destroy(&tmp);
    if (err)
        return nerr_pass(err);
    if (muni)
        gf_setf(r->hdf, "Filter.municipality=%lld", muni);
    gf_set(r->hdf, "Page.Title", "Ресурсные центры НКО");
    gf_set(r->hdf, "Page.Nav", "centres");
    gf_set(r->hdf, "Page.Description",
           "Ресурсные центры НКО Кубани по муниципальным образованиям: адреса, телефоны, часы "
           "работы, услуги; запись на бесплатную консультацию.");
    r->page = "centres.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/centres", list, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "centres", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
