/*
 * projects — "/projects": the public exhibition of projects, filtered by
 * municipality, direction, competition and status, paged. Filters are
 * bookmarkable query parameters; a value that is not valid is ignored.
 *
 * Speed at a million projects: each filter has an index ending in id
 * (schema/001_init.sql), the page is found on the index alone and only its
 * rows are joined ("deferred join"), and the total is one row of the
 * trigger-kept exhibit_stats table instead of COUNT(*) over projects,
 * read by the page statement itself (one round trip per page).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grant.h"

enum { Q_COUNT, Q__MAX };
static const char *const Q[] = {
    [Q_COUNT] =
        "SELECT n FROM exhibit_stats WHERE competition_id = ? AND direction_id = ?"
        " AND municipality_id = ? AND exhibit = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* One page statement per combination of filters (bit 0 municipality,
 * 1 direction, 2 competition, 3 status), so that the optimizer sees plain
 * equalities and walks the one index that fits. Municipality and
 * direction names come from the process's cached lists (as in the filter
 * form), not from two more joins: they were a third of the statement's
 * cost in MariaDB. */
#define PAGE_Q(HINT, W)                                                      \
    "SELECT (SELECT n FROM exhibit_stats WHERE competition_id = ?"           \
    "        AND direction_id = ? AND municipality_id = ? AND exhibit = ?)"  \
    " AS total,"                                                             \
    " p.id, p.title, LEFT(p.summary, 260) AS summary, p.exhibit,"            \
    " p.requested_kopecks, p.granted_kopecks,"                               \
    " p.municipality_id AS municipality, p.direction_id AS direction,"       \
    " o.short_name AS org"                                                   \
    " FROM (SELECT id FROM projects " HINT " WHERE listed = 1" W             \
    "       ORDER BY id DESC LIMIT ? OFFSET ?) k"                            \
    " JOIN projects p ON p.id = k.id"                                        \
    " JOIN organizations o ON o.id = p.org_id"                               \
    " ORDER BY p.id DESC"
#define PAGE(W) PAGE_Q("", W)
#define MU " AND municipality_id = ?"
#define DI " AND direction_id = ?"
#define CO " AND competition_id = ?"
#define ST " AND exhibit = ?"
#define ALL16(M) { \
    M(""),    M(MU),       M(DI),       M(MU DI),    M(CO),    M(MU CO),    M(DI CO),    M(MU DI CO), \
    M(ST),    M(MU ST),    M(DI ST),    M(MU DI ST), M(CO ST), M(MU CO ST), M(DI CO ST), M(MU DI CO ST) }
/* deep pages start from an anchor: the id at which a block of pages begins */
#define ANCHOR(W) "SELECT id FROM projects WHERE listed = 1" W " ORDER BY id DESC LIMIT 1 OFFSET ?"
/* A block is bounded on both sides, so that the optimizer estimates a
 * short range; with one bound it reads the filter's whole index from the
 * top (or the primary key row by row), measured tens of times slower. */
#define PAGE_FROM(W) PAGE_Q("IGNORE INDEX (PRIMARY)", W " AND id <= ? AND id > ?")
static const char *const Q_PAGE[16] = ALL16(PAGE);
static const char *const Q_ANCHOR[16] = ALL16(ANCHOR);
static const char *const Q_PAGE_FROM[16] = ALL16(PAGE_FROM);

/* Deep pages. OFFSET walks the index from the top, so page 2 500 would
 * read 50 000 entries. Instead the id where every ANCHOR_PAGES-th page
 * starts is found once (one such walk) and kept per process for
 * Listing.AnchorTTL seconds; a deep page then walks at most ANCHOR_PAGES
 * pages from its anchor. Between refreshes a page may be shifted by the
 * projects published meanwhile, as with any cached page. */
#define ANCHOR_PAGES 50
static struct { char key[96]; long long id; time_t at; } anchors[512];
/* the id at `offset` from the top for these filters, 0 when there is none */

static NEOERR *anchor_id(int combo, gf_arg *a, int na, long long offset, long long *id)
{
    char key[96];
    unsigned h = 2166136261u;
    int n = snprintf(key, sizeof key, "%d:%lld", combo, offset);
    HDF *row;
    NEOERR *err;
    long ttl = gf_cfg_int("Listing.AnchorTTL", 60);

    for (int i = 0; i < na; i++)
        n += snprintf(key + n, sizeof key - (size_t)n, ":%lld:%s", a[i].i, a[i].s ? a[i].s : "");
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h %= sizeof anchors / sizeof anchors[0];
    if (!strcmp(anchors[h].key, key) && time(NULL) - anchors[h].at < ttl) {
        *id = anchors[h].id;
        return STATUS_OK;
    }
    a[na] = A_INT(offset);
    a[na + 1] = A_END;
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q_ANCHOR[combo], a, row, NULL, NULL);
    *id = atoll(hdf_get_value(row, "id", "0"));   /* 0: past the last project */
    hdf_destroy(&row);
    if (!err) {
        snprintf(anchors[h].key, sizeof anchors[h].key, "%s", key);
        anchors[h].id = *id;
        anchors[h].at = time(NULL);
    }
    return nerr_pass(err);
}

static const char *const statuses[] = {"applicant", "winner", "completed"};

/* A filter id from the query, kept only if its list shows it (0 if not),
 * and the list's options for the filter form with that one selected. */
static NEOERR *filter_id(gf_req *r, const char *param, unsigned list, long long *id)
{
    const char *v = gf_param(r, param, ""), *html;
    char key[64];
    int has = 0;
    NEOERR *err;

    *id = gf_parse_id(v);
    if (*id && (err = gr_list_find(list, *id, &has)))
        return nerr_pass(err);
    if (!has)
        *id = 0;
    snprintf(key, sizeof key, "Filter.%s", param);
    if (has)
        gf_set(r->hdf, key, v);
    if ((err = gr_list_options(list, *id, &html)))
        return nerr_pass(err);
    snprintf(key, sizeof key, "Filter.Options.%s", param);
    gf_set(r->hdf, key, html);
    return STATUS_OK;
}

/* Page links: 1, …, p-2 … p+2, …, last (0 marks a gap). */
static void pager_links(HDF *h, long page, long pages)
{
    int n = 0;
    char key[32];

    for (long p = 1; p <= pages; p++) {
        if (p == 1 || p == pages || (p >= page - 2 && p <= page + 2)) {
            snprintf(key, sizeof key, "Pager.Links.%d", n++);
            gf_set_int(h, key, (int)p);
        } else if (p == 2 || p == page + 3) {
            snprintf(key, sizeof key, "Pager.Links.%d", n++);
            gf_set_int(h, key, 0);
            p = p == 2 ? (page - 3 > 2 ? page - 3 : 2) : pages - 1;
        }
    }
}

/* The rows of one page into Projects (*n of them) and the total they
 * carry (-1 when no row came back). A deep page whose anchor is past the
 * last project is past the end: no statement. */
static NEOERR *page_rows(gf_req *r, int combo, const gf_arg *cnt, gf_arg *f, int nf,
                         long page, long size, int *n, long long *total)
{
    gf_arg a[16];
    int na = 0;
    long block = (page - 1) / ANCHOR_PAGES;
    long long from = 0, below = 0;
    NEOERR *err;

    *n = 0;
    *total = -1;
    if (block) {
        if ((err = anchor_id(combo, f, nf, (long long)block * ANCHOR_PAGES * size, &from)))
            return nerr_pass(err);
        if (!from)
            return STATUS_OK;
        if ((err = anchor_id(combo, f, nf, (long long)(block + 1) * ANCHOR_PAGES * size, &below)))
            return nerr_pass(err);
    }
    for (int i = 0; i < 4; i++)
        a[na++] = cnt[i];
    for (int i = 0; i < nf; i++)
        a[na++] = f[i];
    if (from) {
        a[na++] = A_INT(from);
        a[na++] = A_INT(below);
    }
    a[na++] = A_INT(size);
    a[na++] = A_INT((long long)(from ? page - 1 - block * ANCHOR_PAGES : page - 1) * size);
    a[na] = A_END;
    if ((err = gf_db_rows(from ? Q_PAGE_FROM[combo] : Q_PAGE[combo], a, r->hdf, "Projects", n)))
        return nerr_pass(err);
    if (*n)
        *total = atoll(hdf_get_value(r->hdf, "Projects.0.total", "0"));
    /* the ids become names in place: at most 10 columns a row, so that
     * ClearSilver does not build a hash table for each row (it does past 10) */
    for (HDF *p = hdf_get_child(r->hdf, "Projects"); p; p = hdf_obj_next(p)) {
        const char *m, *d;
        if ((err = gr_list_label(GR_LIST_MUNICIPALITIES,
                                 atoll(hdf_get_value(p, "municipality", "0")), &m)) ||
            (err = hdf_set_value(p, "municipality", m)) ||
            (err = gr_list_label(GR_LIST_DIRECTIONS,
                                 atoll(hdf_get_value(p, "direction", "0")), &d)) ||
            (err = hdf_set_value(p, "direction", d)))
            return nerr_pass(err);
    }
    return STATUS_OK;
}

static NEOERR *handle(gf_req *r)
{
    long long muni, dir, comp, total;
    long page, pages, size = gf_cfg_int("Listing.PageSize", 20);
    const char *status = "";
    char base[256];
    gf_arg f[8], cnt[5];
    HDF *row;
    int n, nf = 0, combo;
    NEOERR *err;

    if ((err = filter_id(r, "municipality", GR_LIST_MUNICIPALITIES, &muni)) ||
        (err = filter_id(r, "direction", GR_LIST_DIRECTIONS, &dir)) ||
        (err = filter_id(r, "competition", GR_LIST_COMPETITIONS, &comp)))
        return nerr_pass(err);
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (!strcmp(gf_param(r, "status", ""), statuses[i]))
            status = statuses[i];
    gf_set(r->hdf, "Filter.status", status);
    page = (long)gf_parse_id(gf_param(r, "page", "1"));
    if (page < 1 || page > 1000000)
        page = 1;

    combo = (muni ? 1 : 0) | (dir ? 2 : 0) | (comp ? 4 : 0) | (*status ? 8 : 0);
    if (muni) f[nf++] = A_INT(muni);
    if (dir) f[nf++] = A_INT(dir);
    if (comp) f[nf++] = A_INT(comp);
    if (*status) f[nf++] = A_STR(status);
    cnt[0] = A_INT(comp);
    cnt[1] = A_INT(dir);
    cnt[2] = A_INT(muni);
    cnt[3] = A_STR(*status ? status : "all");
    cnt[4] = A_END;

    /* The page and the total come in one statement. Only a page past the
     * end (or no project at all) needs the total alone, then the last page. */
    if ((err = page_rows(r, combo, cnt, f, nf, page, size, &n, &total)))
        return nerr_pass(err);
    if (total < 0) {
        if ((err = hdf_init(&row)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_COUNT], cnt, row, NULL, NULL);
        total = atoll(hdf_get_value(row, "n", "0"));
        hdf_destroy(&row);
        if (err)
            return nerr_pass(err);
        pages = (long)((total + size - 1) / size);
        if (page > pages && pages > 0) {
            page = pages;
            if ((err = page_rows(r, combo, cnt, f, nf, page, size, &n, &total)))
                return nerr_pass(err);
            if (total < 0)
                total = 0;    /* the projects went away between the two */
        }
    }
    pages = (long)((total + size - 1) / size);
    if (page > pages)
        page = pages > 0 ? pages : 1;

    /* the filters as they go into page links: validated values only */
    n = snprintf(base, sizeof base, "/projects?");
    if (muni) n += snprintf(base + n, sizeof base - (size_t)n, "municipality=%lld&", muni);
    if (dir) n += snprintf(base + n, sizeof base - (size_t)n, "direction=%lld&", dir);
    if (comp) n += snprintf(base + n, sizeof base - (size_t)n, "competition=%lld&", comp);
    if (*status) snprintf(base + n, sizeof base - (size_t)n, "status=%s&", status);
    gf_set(r->hdf, "Pager.Base", base);
    gf_set_int(r->hdf, "Pager.Page", (int)page);
    gf_set_int(r->hdf, "Pager.Pages", (int)pages);
    snprintf(base, sizeof base, "%lld", total);
    gf_set(r->hdf, "Pager.Total", base);
    pager_links(r->hdf, page, pages);
    gf_set(r->hdf, "Page.Title", "Выставка проектов");
    gf_set(r->hdf, "Page.Nav", "projects");
    r->page = "projects.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/projects", handle, NULL, 0}, {NULL, NULL, NULL, 0}};
    static const gf_program prog = {.name = "projects", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
