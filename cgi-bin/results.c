/*
 * results — the public «Итоги»:
 *   /results             competitions with published results, newest first:
 *                        publication date, winners, total granted
 *   /results/<id>        one competition's results: the commission's decision
 *                        (date, protocol number) and the winners by score
 *   /results/<id>.csv    the same rows as open data: UTF-8 with a BOM, ";",
 *                        Russian column names, amounts "1500000,00"
 *   /results/<id>.json   the same rows as JSON with stable English names
 *   /results/data        what both formats hold, field by field
 * A competition is here only once its results are published (published_at
 * set); before that every route of it is a 404. Winners are the
 * applications with status winner, in_progress or completed (a winner moves
 * on to implementation and stays a winner). The applications that did not
 * win are not listed: the decision names its winners, and an NGO that
 * applied is on the exhibition only when it consented.
 *
 * The page, the CSV and the JSON are made from one statement (Q_WINNERS)
 * and one set of values per row (row_values), so they cannot disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "grant.h"

enum { Q_LIST, Q_COMP, Q_WINNERS, Q__MAX };
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT c.id, c.title, UNIX_TIMESTAMP(c.published_at) AS published_ts,"
        " COUNT(p.id) AS winners, COALESCE(SUM(p.granted_kopecks), 0) AS granted_kopecks"
        " FROM competitions c LEFT JOIN projects p ON p.competition_id = c.id"
        " AND p.status IN ('winner', 'in_progress', 'completed')"
        " WHERE c.published_at IS NOT NULL GROUP BY c.id, c.title, c.published_at"
        " ORDER BY c.published_at DESC, c.id DESC",
    [Q_COMP] =
        "SELECT c.id, c.title, c.fund_kopecks, UNIX_TIMESTAMP(c.published_at) AS published_ts,"
        " DATE_FORMAT(c.published_at, '%Y-%m-%dT%H:%i:%sZ') AS published_iso,"
        " DATE_FORMAT(d.decided_on, '%Y-%m-%d') AS decision_date,"
        " DATE_FORMAT(d.decided_on, '%d.%m.%Y') AS decision_day, d.protocol_number"
        " FROM competitions c LEFT JOIN commission_decisions d ON d.competition_id = c.id"
        " WHERE c.id = ? AND c.published_at IS NOT NULL",
    /* the municipality and direction are the project's (where it is done,
     * as the exhibition files it) */
    [Q_WINNERS] =
        "SELECT p.id, p.number, p.title, o.short_name AS organization, o.inn,"
        " mu.name AS municipality, di.name AS direction, p.granted_kopecks, p.score, p.listed"
        " FROM projects p JOIN organizations o ON o.id = p.org_id"
        " JOIN municipalities mu ON mu.id = p.municipality_id"
        " JOIN directions di ON di.id = p.direction_id"
        " WHERE p.competition_id = ? AND p.status IN ('winner', 'in_progress', 'completed')"
        " ORDER BY p.score IS NULL, p.score DESC, p.submitted_at IS NULL, p.submitted_at, p.id",
};
GF_STATEMENTS(Q, Q__MAX);

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

/* Kopecks as open data writes roubles: "1500000.00" (sep '.') or
 * "1500000,00" (sep ','): no spaces, no sign, two decimals. */
static void rub_plain(const char *kopecks, char sep, char *buf, size_t n)
{
    long long k = atoll(kopecks);

    if (k < 0)
        k = 0;
    snprintf(buf, n, "%lld%c%02lld", k / 100, sep, k % 100);
}

/* ---- the list ----------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "Comps", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Итоги конкурсов");
    gf_set(r->hdf, "Page.Nav", "results");
    r->page = "results.cs";
    return STATUS_OK;
}

/* ---- one competition ---------------------------------------------------- */

/* The competition (Comp.*) and its winners (Winners.<n>.*, each with
 * score_text "87,50" for the page); 404 unless published. */
static NEOERR *load(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(r->id)), r->hdf, "Comp", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld has no published results", r->id);
    if ((err = gf_db_rows(Q[Q_WINNERS], ARGS(A_INT(r->id)), r->hdf, "Winners", NULL)))
        return nerr_pass(err);
    for (HDF *w = hdf_get_child(r->hdf, "Winners"); w; w = hdf_obj_next(w)) {
        char buf[32];
        gf_fmt_decimal(hdf_get_value(w, "score", ""), buf, sizeof buf);
        gf_set(w, "score_text", buf);
    }
    return STATUS_OK;
}

static NEOERR *page(gf_req *r)
{
    long long total = 0;
    int n = 0;
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    for (HDF *w = hdf_get_child(r->hdf, "Winners"); w; w = hdf_obj_next(w), n++)
        total += atoll(hdf_get_value(w, "granted_kopecks", "0"));
    gf_set_int(r->hdf, "Total.winners", n);
    gf_setf(r->hdf, "Total.granted=%lld", total);
    gf_setf(r->hdf, "Page.Title=Итоги: %s", sv(r, "Comp.title"));
    gf_set(r->hdf, "Page.Nav", "results");
    r->page = "results_one.cs";
    return STATUS_OK;
}

/* The columns of the CSV, in order, with the field of a winner's row that
 * fills each (see the data page). */
static const struct { const char *title, *field; } csv_columns[] = {
    {"Номер заявки", "number"},
    {"Проект", "title"},
    {"Организация", "organization"},
    {"ИНН", "inn"},
    {"Муниципальное образование", "municipality"},
    {"Направление", "direction"},
    {"Сумма гранта, руб.", "granted_rub"},
    {"Итоговый балл", "score"},
    {NULL, NULL},
};

static NEOERR *csv(gf_req *r)
{
    gf_csv c;
    char name[64];
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    gf_csv_start(&c);
    for (int i = 0; csv_columns[i].title; i++)
        gf_csv_cell(&c, csv_columns[i].title);
    gf_csv_end_row(&c);
    for (HDF *w = hdf_get_child(r->hdf, "Winners"); w; w = hdf_obj_next(w)) {
        char rub[40], score[32];
        rub_plain(hdf_get_value(w, "granted_kopecks", "0"), ',', rub, sizeof rub);
        gf_fmt_decimal(hdf_get_value(w, "score", ""), score, sizeof score);
        for (int i = 0; csv_columns[i].title; i++) {
            const char *f = csv_columns[i].field;
            gf_csv_cell(&c, !strcmp(f, "granted_rub") ? rub
                            : !strcmp(f, "score")     ? score
                                                      : hdf_get_value(w, f, ""));
        }
        gf_csv_end_row(&c);
    }
    snprintf(name, sizeof name, "results-%lld.csv", r->id);
    gf_set(r->hdf, "Download.name", name);   /* must outlive the handler */
    gf_download_data(r, c.out.buf, (size_t)c.out.len, "text/csv; charset=utf-8",
                     sv(r, "Download.name"));
    return STATUS_OK;
}

/* ---- JSON --------------------------------------------------------------- */

/* A string, or null when the value is absent or empty. */
static json_t *str_or_null(HDF *h, const char *name)
{
    const char *v = hdf_get_value(h, name, NULL);

    return v && *v ? json_string(v) : json_null();
}

/* Sets key of o to v (a new reference, stolen); 0 when memory ran out. */
static int put(json_t *o, const char *key, json_t *v)
{
    return v && !json_object_set_new(o, key, v);
}

static NEOERR *json(gf_req *r)
{
    json_t *doc = NULL, *comp = NULL, *winners = NULL;
    HDF *c;
    char fund[40], name[64], *text = NULL;
    int ok;
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    c = hdf_get_obj(r->hdf, "Comp");
    rub_plain(hdf_get_value(c, "fund_kopecks", "0"), '.', fund, sizeof fund);
    ok = (doc = json_object()) && (comp = json_object()) && put(doc, "competition", comp) &&
         put(comp, "id", json_integer(r->id)) &&
         put(comp, "title", json_string(hdf_get_value(c, "title", ""))) &&
         put(comp, "published_at", json_string(hdf_get_value(c, "published_iso", ""))) &&
         put(comp, "decision_date", str_or_null(c, "decision_date")) &&
         put(comp, "protocol_number", str_or_null(c, "protocol_number")) &&
         put(comp, "fund_rub", json_string(fund)) &&
         (winners = json_array()) && put(doc, "winners", winners);
    for (HDF *w = hdf_get_child(r->hdf, "Winners"); ok && w; w = hdf_obj_next(w)) {
        json_t *o = json_object();
        char rub[40], url[300];
        rub_plain(hdf_get_value(w, "granted_kopecks", "0"), '.', rub, sizeof rub);
        snprintf(url, sizeof url, "%s/projects/%s", gf_cfg("Site.URL", ""), hdf_get_value(w, "id", ""));
        ok = o && !json_array_append_new(winners, o) &&
             put(o, "project_id", json_integer(atoll(hdf_get_value(w, "id", "0")))) &&
             put(o, "project_number", str_or_null(w, "number")) &&
             put(o, "project_title", json_string(hdf_get_value(w, "title", ""))) &&
             put(o, "project_url", hdf_get_int_value(w, "listed", 0) ? json_string(url) : json_null()) &&
             put(o, "organization", json_string(hdf_get_value(w, "organization", ""))) &&
             put(o, "inn", json_string(hdf_get_value(w, "inn", ""))) &&
             put(o, "municipality", json_string(hdf_get_value(w, "municipality", ""))) &&
             put(o, "direction", json_string(hdf_get_value(w, "direction", ""))) &&
             put(o, "granted_rub", json_string(rub)) &&
             put(o, "score", str_or_null(w, "score"));
    }
    if (ok)
        text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (!text)
        return nerr_raise(NERR_NOMEM, "results %lld as JSON", r->id);
    snprintf(name, sizeof name, "results-%lld.json", r->id);
    gf_set(r->hdf, "Download.name", name);
    gf_download_data(r, text, strlen(text), "application/json; charset=utf-8",
                     sv(r, "Download.name"));
    return STATUS_OK;
}

/* ---- the formats' description ------------------------------------------- */

static NEOERR *data(gf_req *r)
{
    gf_set(r->hdf, "Page.Title", "Открытые данные итогов конкурсов");
    gf_set(r->hdf, "Page.Nav", "results");
    r->page = "results_data.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    /* the whole path must match a pattern: /results/5.csv is not /results/# */
    static const gf_route routes[] = {
        {"/results", list, NULL, 0, 0},
        {"/results/data", data, NULL, 0, 0},
        {"/results/#", page, NULL, 0, 0},
        {"/results/#.csv", csv, NULL, 0, 0},
        {"/results/#.json", json, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "results", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
