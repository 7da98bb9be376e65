/*
 * stats — "/stats": applications, winners and granted amounts by
 * municipality, by direction and by year (the year the competition's
 * intake opened, Moscow time), as tables and as bar charts drawn on the
 * server (svg.c); filtered by year and competition.
 *
 * The numbers come from project_stats, a summary kept by triggers
 * (schema/023 says why), with rows for "any" direction or municipality: a
 * grouping reads a competition's rows of one kind (municipalities,
 * directions, or the one total), whatever the number of projects. Drafts of
 * competitions are left out; names come from the cached lists (lists.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

/* Moscow is UTC+3 all year; the database clock is UTC (db.c). */
#define YEAR_SQL "YEAR(c.opens_at + INTERVAL 3 HOUR)"
#define FILTER_SQL                                                                       \
    " FROM project_stats s JOIN competitions c ON c.id = s.competition_id"               \
    " WHERE c.stage <> 'draft' AND (? = 0 OR s.competition_id = ?) AND (? = 0 OR " YEAR_SQL " = ?)"
#define SUMS_SQL "SUM(s.applications) AS apps, SUM(s.winners) AS winners, SUM(s.granted_kopecks) AS granted"

enum { Q_BY_MUNI, Q_BY_DIR, Q_BY_YEAR, Q_YEARS, Q__MAX };
static const char *const Q[] = {
    /* the rows for "any direction" (0) of each municipality, and so on */
    [Q_BY_MUNI] = "SELECT s.municipality_id AS id, " SUMS_SQL FILTER_SQL
                  " AND s.direction_id = 0 AND s.municipality_id <> 0"
                  " GROUP BY s.municipality_id HAVING apps > 0 ORDER BY apps DESC, granted DESC, id",
    [Q_BY_DIR] = "SELECT s.direction_id AS id, " SUMS_SQL FILTER_SQL
                 " AND s.municipality_id = 0 AND s.direction_id <> 0"
                 " GROUP BY s.direction_id HAVING apps > 0 ORDER BY apps DESC, granted DESC, id",
    [Q_BY_YEAR] = "SELECT " YEAR_SQL " AS id, " SUMS_SQL FILTER_SQL
                  " AND s.direction_id = 0 AND s.municipality_id = 0"
                  " GROUP BY " YEAR_SQL " HAVING apps > 0 ORDER BY id",
    [Q_YEARS] = "SELECT DISTINCT " YEAR_SQL " AS year FROM competitions c"
                " WHERE c.stage <> 'draft' ORDER BY year DESC",
};
GF_STATEMENTS(Q, Q__MAX);

/* The page's three groupings: the statement, where the rows go, the list
 * their ids name (0: the id is the year itself), and the charts' words. */
static const struct {
    int q;
    const char *name, *list_title;
    unsigned list;
} groups[] = {
    {Q_BY_MUNI, "muni", "по муниципальным образованиям", GR_LIST_MUNICIPALITIES},
    {Q_BY_DIR, "dir", "по направлениям", GR_LIST_DIRECTIONS},
    {Q_BY_YEAR, "year", "по годам", 0},
};

/* The rows' labels, their numbers as people read them, and two charts:
 * applications and granted amounts. */
static NEOERR *group(gf_req *r, int g, const gf_arg *args, long long tot[3])
{
    char key[80], buf[64];
    HDF *rows, *row;
    gf_bar *bars[2] = {NULL, NULL};
    int n = 0, i = 0;
    NEOERR *err;

    snprintf(key, sizeof key, "Stats.%s.Rows", groups[g].name);
    if ((err = gf_db_rows(Q[groups[g].q], args, r->hdf, key, &n)))
        return nerr_pass(err);
    rows = hdf_get_obj(r->hdf, key);
    if (n > 0 && (!(bars[0] = calloc((size_t)n, sizeof *bars[0])) ||
                  !(bars[1] = calloc((size_t)n, sizeof *bars[1]))))
        abort();
    for (row = rows ? hdf_obj_child(rows) : NULL; row && i < n; row = hdf_obj_next(row), i++) {
        long long id = atoll(hdf_get_value(row, "id", "0")), v[3];
        const char *label = hdf_get_value(row, "id", "");
        static const char *const cols[3] = {"apps", "winners", "granted"};

        if (groups[g].list && (err = gr_list_label(groups[g].list, id, &label)))
            break;
        gf_set(row, "label", *label ? label : "—");
        for (int c = 0; c < 3; c++) {
            v[c] = atoll(hdf_get_value(row, cols[c], "0"));
            tot[c] += g == 0 ? v[c] : 0;
            if (c < 2)
                gf_fmt_int(v[c], buf, sizeof buf);
            else
                gf_fmt_rub(v[c] - v[c] % 100, buf, sizeof buf);   /* whole roubles */
            snprintf(key, sizeof key, "%s_text", cols[c]);
            gf_set(row, key, buf);
        }
        /* the bars point into the request HDF, which outlives them */
        bars[0][i] = (gf_bar){hdf_get_value(row, "label", ""), (double)v[0], hdf_get_value(row, "apps_text", "")};
        bars[1][i] = (gf_bar){hdf_get_value(row, "label", ""), (double)v[2], hdf_get_value(row, "granted_text", "")};
    }
    for (int c = 0; !err && c < 2; c++) {
        char title[160], desc[300];
        STRING svg;

        snprintf(title, sizeof title, "%s %s", c ? "Сумма грантов" : "Поданные заявки",
                 groups[g].list_title);
        snprintf(desc, sizeof desc, "Горизонтальная диаграмма: %s, %s; те же числа — в таблице рядом.",
                 c ? "сумма грантов победителей в рублях" : "число поданных заявок",
                 groups[g].list_title);
        string_init(&svg);
        snprintf(key, sizeof key, "chart-%s-%s", groups[g].name, c ? "granted" : "apps");
        gf_svg_bars(&svg, key, title, desc, bars[c], i, 640);
        snprintf(key, sizeof key, "Stats.%s.Chart.%s", groups[g].name, c ? "granted" : "apps");
        gf_set(r->hdf, key, svg.buf ? svg.buf : "");
        string_clear(&svg);
    }
    free(bars[0]);
    free(bars[1]);
    return nerr_pass(err);
}

/* The year filter: one of the competitions' years, else 0 (all). */
static NEOERR *year_filter(gf_req *r, long long *year)
{
    HDF *y;
    const char *v = gf_param(r, "year", "");
    NEOERR *err;

    *year = 0;
    if ((err = gf_db_rows(Q[Q_YEARS], NOARGS, r->hdf, "Years", NULL)))
        return nerr_pass(err);
    for (y = hdf_get_child(r->hdf, "Years"); y && *v; y = hdf_obj_next(y))
        if (!strcmp(hdf_get_value(y, "year", ""), v))
            *year = atoll(v);
    if (*year)
        gf_setf(r->hdf, "Filter.year=%lld", *year);
    return STATUS_OK;
}

static NEOERR *handle(gf_req *r)
{
    long long comp = gf_parse_id(gf_param(r, "competition", "")), year, tot[3] = {0, 0, 0};
    const char *html;
    char buf[64];
    int has = 0;
    NEOERR *err;

    if ((err = year_filter(r, &year)))
        return nerr_pass(err);
    if (comp && (err = gr_list_find(GR_LIST_COMPETITIONS, comp, &has)))
        return nerr_pass(err);
    if (!has)
        comp = 0;
    if (comp)
        gf_setf(r->hdf, "Filter.competition=%lld", comp);
    if ((err = gr_list_options(GR_LIST_COMPETITIONS, comp, &html)))
        return nerr_pass(err);
    gf_set(r->hdf, "Filter.Options.competition", html);
    for (int g = 0; g < (int)(sizeof groups / sizeof groups[0]); g++)
        if ((err = group(r, g, ARGS(A_INT(comp), A_INT(comp), A_INT(year), A_INT(year)), tot)))
            return nerr_pass(err);
    gf_fmt_int(tot[0], buf, sizeof buf);
    gf_set(r->hdf, "Stats.Total.apps", buf);
    gf_fmt_int(tot[1], buf, sizeof buf);
    gf_set(r->hdf, "Stats.Total.winners", buf);
    gf_fmt_rub(tot[2] - tot[2] % 100, buf, sizeof buf);
    gf_set(r->hdf, "Stats.Total.granted", buf);
    gf_set(r->hdf, "Page.Title", "Статистика конкурсов");
    gf_set(r->hdf, "Page.Nav", "stats");
    gf_set(r->hdf, "Page.Description", "Заявки, победители и суммы грантов по муниципальным "
                                       "образованиям, направлениям и годам.");
    gf_set(r->hdf, "Page.OG.Title", "Статистика конкурсов");
    gf_set(r->hdf, "Page.OG.Path", "/stats");
    r->page = "stats.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/stats", handle, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "stats", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
