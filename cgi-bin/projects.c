/*
 * projects — "/projects": the public exhibition of projects, filtered by
 * municipality, direction, competition and status, paged. Filters are
 * bookmarkable query parameters; a value that is not valid is ignored.
 *
 * Speed at a million projects: each filter has an index ending in id
 * (schema/001_init.sql, 005_list_pairs.sql), so a page reads its 20
 * entries of one index in order; the total is one row of the trigger-kept
 * exhibit_stats table instead of COUNT(*) over projects, kept per process
 * for a few seconds (total_of). A page is one round trip.
 *
 * Search (?q=, with any of the filters): the words' Snowball stems, each
 * required and as a prefix, against the Mroonga FULLTEXT index over the
 * listed projects' stemmed title, organization name and summary
 * (schema/018_search.sql, 024_search_mroonga.sql, lib/stem.c), ranked by
 * relevance, the newest first among equals. The filters are required
 * tokens of the same query (024), so that Groonga alone counts and ranks.
 * The count and the ranked ids of the first pages are kept per process for
 * Listing.TotalTTL seconds (search_of), like the listing's totals: paging
 * through the results reads only the page's rows by primary key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ClearSilver.h>
#include "grant.h"

/* MATCH is the whole condition: only then does Mroonga count and keep the
 * top of the ranking in Groonga (schema/024_search_mroonga.sql) */
#define MATCHES "MATCH(s.title_text, s.body_text) AGAINST (? IN BOOLEAN MODE)"
enum { Q_COUNT, Q_RESULT_ROWS, Q_S_COUNT, Q_S_IDS, Q__MAX };
static const char *const Q[] = {
    /* how many match a search (its expression has its filters) */
    [Q_S_COUNT] = "SELECT COUNT(*) AS n FROM project_search s WHERE " MATCHES,
    /* the ranked ids of a search, from an offset: the title's matches
     * first (its words, none required), then all, then the newest */
    [Q_S_IDS] =
        "SELECT s.project_id AS id FROM project_search s WHERE " MATCHES
        " ORDER BY MATCH(s.title_text) AGAINST (? IN BOOLEAN MODE) DESC, " MATCHES " DESC,"
        " s.project_id DESC LIMIT ? OFFSET ?",
    /* the rows of a page of search results, by id (up to 20; unused
     * places are 0) */
    [Q_RESULT_ROWS] =
        "SELECT p.id, p.title, LEFT(p.summary, 260) AS summary, p.exhibit,"
        " p.requested_kopecks, p.granted_kopecks, p.municipality_id AS municipality,"
        " p.direction_id AS direction, p.org_name AS org FROM projects p"
        " WHERE p.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " AND p.listed = 1",
    [Q_COUNT] =
        "SELECT n FROM exhibit_stats WHERE competition_id = ? AND direction_id = ?"
        " AND municipality_id = ? AND exhibit = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* One page statement per combination of filters (bit 0 municipality,
 * 1 direction, 2 competition, 3 status), each pinned to the index that
 * starts with its most selective filters and goes on in id order
 * (schema/001_init.sql, 005_list_pairs.sql): left to itself the optimizer
 * sometimes starts from organizations or the primary key, tens of
 * milliseconds.
 *
 * The first block of pages (ANCHOR_PAGES of them) is read from the top: a
 * page that skips up to SKIP_JOIN rows reads them plainly; one further in
 * is found on the index alone first and only its rows are joined
 * ("deferred join"), so that the skipped ones are never read. A page of a
 * later block starts at an id kept per process (block_starts): one plain
 * read of 20 rows. Rows are one table: municipality and direction names
 * come from the process's cached lists, the organization's name is the
 * project's copy (schema/007). */
#define COLS                                                                  \
    " p.id, p.title, LEFT(p.summary, 260) AS summary, p.exhibit,"             \
    " p.requested_kopecks, p.granted_kopecks,"                                \
    " p.municipality_id AS municipality, p.direction_id AS direction,"        \
    " p.org_name AS org"
#define PAGE(IX, W)                                                           \
    "SELECT" COLS " FROM projects p FORCE INDEX (" IX ")"                     \
    " WHERE p.listed = 1" W " ORDER BY p.id DESC LIMIT ? OFFSET ?"
#define PAGE_SKIP(IX, W)                                                      \
    "SELECT" COLS                                                             \
    " FROM (SELECT p.id FROM projects p FORCE INDEX (" IX ")"                 \
    "       WHERE p.listed = 1" W " ORDER BY p.id DESC LIMIT ? OFFSET ?) k"     \
    " STRAIGHT_JOIN projects p ON p.id = k.id"                                \
    " ORDER BY p.id DESC"
/* where the pages of a block start: the ids of the block, on the index alone */
#define STARTS(IX, W)                                                         \
    "SELECT p.id FROM projects p FORCE INDEX (" IX ") WHERE p.listed = 1" W   \
    " ORDER BY p.id DESC LIMIT ? OFFSET ?"
#define FROM " AND p.id <= ?"
#define PAGE_FROM(IX, W) PAGE(IX, W FROM)
#define MU " AND p.municipality_id = ?"
#define DI " AND p.direction_id = ?"
#define CO " AND p.competition_id = ?"
#define ST " AND p.exhibit = ?"
#define ALL16(M) { \
    M("ix_list", ""),            M("ix_list_muni", MU),         \
    M("ix_list_dir", DI),        M("ix_list_md", MU DI),        \
    M("ix_list_comp", CO),       M("ix_list_muni", MU CO),      \
    M("ix_list_dir", DI CO),     M("ix_list_md", MU DI CO),     \
    M("ix_list", ST),            M("ix_list_muni", MU ST),      \
    M("ix_list_dir", DI ST),     M("ix_list_mde", MU DI ST),    \
    M("ix_list_comp", CO ST),    M("ix_list_muni", MU CO ST),   \
    M("ix_list_dir", DI CO ST),  M("ix_list_mde", MU DI CO ST) }
static const char *const Q_PAGE[16] = ALL16(PAGE);
static const char *const Q_PAGE_SKIP[16] = ALL16(PAGE_SKIP);
static const char *const Q_STARTS[16] = ALL16(STARTS);
static const char *const Q_PAGE_FROM[16] = ALL16(PAGE_FROM);

/* Deep pages. OFFSET walks the index from the top, so page 2 500 would
 * read 50 000 entries. Instead the pages come in blocks of ANCHOR_PAGES,
 * and for a block after the first the ids at which its pages start are
 * found once (one walk over the index alone, which returns the block's
 * ids) and kept per process for Listing.AnchorTTL seconds; each of its
 * pages is then a plain read from its start. Between refreshes a page may
 * be shifted by the projects published meanwhile, as with any cached page. */
#define ANCHOR_PAGES 50
/* Up to this many rows are skipped by reading them (a plain OFFSET); past
 * it the page is found on the index first (the deferred join), whose
 * derived table costs more than reading a few pages of rows. */
#define SKIP_JOIN 100
static struct {
    char key[96];
    long long start[ANCHOR_PAGES];
    int n;
    time_t at;
} blocks[256];

/* *starts: the ids at which the pages of `block` (> 0) start for these
 * filters, *n of them (fewer in the last block, 0 past the end); owned by
 * the cache, valid until the next call. */
static NEOERR *block_starts(int combo, const gf_arg *f, int nf, long block, long size,
                            const long long **starts, int *n)
{
    char key[96];
    unsigned h = 2166136261u;
    int k = snprintf(key, sizeof key, "%d:%ld:%ld", combo, block, size), count = 0, i = 0;
    long ttl = gf_cfg_int("Listing.AnchorTTL", 60);
    gf_arg a[8];
    HDF *rows;
    NEOERR *err;

    for (int j = 0; j < nf; j++)
        k += snprintf(key + k, sizeof key - (size_t)k, ":%lld:%s", f[j].i, f[j].s ? f[j].s : "");
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h %= sizeof blocks / sizeof blocks[0];
    if (strcmp(blocks[h].key, key) || time(NULL) - blocks[h].at >= ttl) {
        for (int j = 0; j < nf; j++)
            a[j] = f[j];
        a[nf] = A_INT((long long)ANCHOR_PAGES * size);
        a[nf + 1] = A_INT((long long)block * ANCHOR_PAGES * size);
        a[nf + 2] = A_END;
        if ((err = hdf_init(&rows)))
            return nerr_pass(err);
        if ((err = gf_db_rows(Q_STARTS[combo], a, rows, NULL, NULL))) {
            hdf_destroy(&rows);
            return nerr_pass(err);
        }
        for (HDF *c = hdf_obj_child(rows); c && i < ANCHOR_PAGES; c = hdf_obj_next(c), count++)
            if (count % size == 0)
                blocks[h].start[i++] = atoll(hdf_get_value(c, "id", "0"));
        hdf_destroy(&rows);
        snprintf(blocks[h].key, sizeof blocks[h].key, "%s", key);
        blocks[h].n = i;
        blocks[h].at = time(NULL);
    }
    *starts = blocks[h].start;
    *n = blocks[h].n;
    return STATUS_OK;
}

/* ---- search ------------------------------------------------------------- */

/* What a query may be: longer is cut (the header's box says maxlength 200),
 * and only so many words count. */
#define QUERY_CHARS 200
#define QUERY_WORDS 8
/* The ranked ids of a search kept per process: the first SEARCH_KEEP of
 * them (SEARCH_KEEP / page size pages); a page beyond is read by OFFSET. */
#define SEARCH_KEEP 200
#define ROWS_MAX 20

static struct {
    char key[1024];
    long long total, ids[SEARCH_KEEP];
    int n;
    time_t at;
} searches[64];

/* The total and the first ranked ids of the search `expr` (its filters
 * included), kept per process for Listing.TotalTTL seconds, or read now
 * with fresh; owned by the cache, valid until the next call. */
static NEOERR *search_of(const char *expr, const char *title, int fresh, long long *total,
                         const long long **ids, int *n)
{
    char key[1024];
    unsigned h = 2166136261u;
    int i = 0;
    time_t now = time(NULL);
    HDF *rows;
    NEOERR *err;

    snprintf(key, sizeof key, "%s", expr);
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h %= sizeof searches / sizeof searches[0];
    if (fresh || strcmp(searches[h].key, key) ||
        now - searches[h].at >= gf_cfg_int("Listing.TotalTTL", 5)) {
        if ((err = hdf_init(&rows)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_S_COUNT], ARGS(A_STR(expr)), rows, NULL, NULL);
        searches[h].total = atoll(hdf_get_value(rows, "n", "0"));
        hdf_destroy(&rows);
        if (err)
            return nerr_pass(err);
        if (searches[h].total > 0) {
            if ((err = hdf_init(&rows)))
                return nerr_pass(err);
            if ((err = gf_db_rows(Q[Q_S_IDS],
                                  ARGS(A_STR(expr), A_STR(title), A_STR(expr),
                                       A_INT(SEARCH_KEEP), A_INT(0)),
                                  rows, NULL, NULL))) {
                hdf_destroy(&rows);
                return nerr_pass(err);
            }
            for (HDF *c = hdf_obj_child(rows); c && i < SEARCH_KEEP; c = hdf_obj_next(c))
                searches[h].ids[i++] = atoll(hdf_get_value(c, "id", "0"));
            hdf_destroy(&rows);
        }
        searches[h].n = i;
        searches[h].at = now;
        snprintf(searches[h].key, sizeof searches[h].key, "%s", key);
    }
    *total = searches[h].total;
    *ids = searches[h].ids;
    *n = searches[h].n;
    return STATUS_OK;
}

/* The names of a page's municipality and direction ids, in place: at most
 * 10 columns a row, so that ClearSilver does not build a hash table for
 * each row (it does past 10) */
static NEOERR *rows_named(gf_req *r)
{
    NEOERR *err;

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

/* Deep pages of a search: the ranking sorts every match (the title's score
 * first, projects.c's Q_S_IDS), so a page past the kept ones is not ranked
 * on its own: its block of SEARCH_BLOCK ranked ids is read once and kept
 * per process for Listing.AnchorTTL seconds, like the listing's anchors. */
#define SEARCH_BLOCK 1000
static struct {
    char key[1024];
    long long from, ids[SEARCH_BLOCK];
    int n;
    time_t at;
} search_blocks[8];

/* *ids: the ranked ids from *from (the block holding `first`), *n of them;
 * owned by the cache, valid until the next call. */
static NEOERR *search_block(const char *expr, const char *title, long long first, int fresh,
                            const long long **ids, long long *from, int *n)
{
    char key[1024];
    unsigned h = 2166136261u;
    long long start = first / SEARCH_BLOCK * SEARCH_BLOCK;
    time_t now = time(NULL);
    HDF *rows;
    NEOERR *err;
    int i = 0;

    snprintf(key, sizeof key, "%lld:%s", start, expr);
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h %= sizeof search_blocks / sizeof search_blocks[0];
    if (fresh || strcmp(search_blocks[h].key, key) ||
        now - search_blocks[h].at >= gf_cfg_int("Listing.AnchorTTL", 60)) {
        if ((err = hdf_init(&rows)))
            return nerr_pass(err);
        if ((err = gf_db_rows(Q[Q_S_IDS],
                              ARGS(A_STR(expr), A_STR(title), A_STR(expr), A_INT(SEARCH_BLOCK),
                                   A_INT(start)),
                              rows, NULL, NULL))) {
            hdf_destroy(&rows);
            return nerr_pass(err);
        }
        for (HDF *c = hdf_obj_child(rows); c && i < SEARCH_BLOCK; c = hdf_obj_next(c))
            search_blocks[h].ids[i++] = atoll(hdf_get_value(c, "id", "0"));
        hdf_destroy(&rows);
        search_blocks[h].n = i;
        search_blocks[h].from = start;
        search_blocks[h].at = now;
        snprintf(search_blocks[h].key, sizeof search_blocks[h].key, "%s", key);
    }
    *ids = search_blocks[h].ids;
    *from = search_blocks[h].from;
    *n = search_blocks[h].n;
    return STATUS_OK;
}

/* One page of search results into Projects, in rank order: the ids from
 * the kept ones, or past them from their kept block, the rows by primary
 * key. *total: how many match; the page is moved to the last when past it. */
static NEOERR *search_page(gf_req *r, const char *expr, const char *title, long *page,
                           long size, long long *total)
{
    const long long *kept = NULL;
    long long ids[ROWS_MAX];
    int nkept = 0, nids = 0;
    gf_arg a[ROWS_MAX + 1];
    HDF *rows, *out;
    NEOERR *err;

    if (size > ROWS_MAX)
        size = ROWS_MAX;
    for (int fresh = 0; fresh < 2; fresh++) {
        long long first;
        long pages;

        if ((err = search_of(expr, title, fresh, total, &kept, &nkept)))
            return nerr_pass(err);
        pages = (long)((*total + size - 1) / size);
        if (*page > pages)
            *page = pages > 0 ? pages : 1;
        first = (long long)(*page - 1) * size;
        nids = 0;
        if (first + size <= SEARCH_KEEP) {
            for (long long i = first; i < first + size && i < nkept; i++)
                ids[nids++] = kept[i];
        } else {                          /* past the kept ones: their block */
            const long long *block = NULL;
            long long from = 0;
            int nblock = 0;
            if ((err = search_block(expr, title, first, fresh, &block, &from, &nblock)))
                return nerr_pass(err);
            for (long long i = first; i < first + size && i - from < nblock; i++)
                ids[nids++] = block[i - from];
        }
        if (nids || *total == 0)
            break;
    }
    if (!nids)
        return STATUS_OK;
    for (int i = 0; i < ROWS_MAX; i++)
        a[i] = A_INT(i < nids ? ids[i] : 0);
    a[ROWS_MAX] = A_END;
    if ((err = hdf_init(&rows)))
        return nerr_pass(err);
    if ((err = gf_db_rows(Q[Q_RESULT_ROWS], a, rows, NULL, NULL))) {
        hdf_destroy(&rows);
        return nerr_pass(err);
    }
    /* in rank order (a project withdrawn meanwhile is left out) */
    if ((err = hdf_get_node(r->hdf, "Projects", &out))) {
        hdf_destroy(&rows);
        return nerr_pass(err);
    }
    for (int i = 0, k = 0; i < nids && !err; i++)
        for (HDF *c = hdf_obj_child(rows); c; c = hdf_obj_next(c))
            if (atoll(hdf_get_value(c, "id", "0")) == ids[i]) {
                char name[16];
                snprintf(name, sizeof name, "%d", k++);
                err = hdf_copy(out, name, c);
                break;
            }
    hdf_destroy(&rows);
    if (err)
        return nerr_pass(err);
    return nerr_pass(rows_named(r));
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

/* The number of projects these filters show: one row of exhibit_stats
 * (kept by triggers), read at most once per Listing.TotalTTL seconds per
 * process and filter combination (like the starts of deep pages), or now with fresh.
 * So "Найдено проектов" and the pager may lag a publication or withdrawal
 * by up to TotalTTL seconds; the rows never do, and a page that the kept
 * total puts past the end, or that comes back empty, reads it afresh
 * (handle), so that no page is cut short or left empty by it. */
static struct { char key[64]; long long n; time_t at; } totals[256];

static NEOERR *total_of(const gf_arg *cnt, int fresh, long long *total)
{
    char key[64];
    unsigned h = 2166136261u;
    long ttl = gf_cfg_int("Listing.TotalTTL", 5);
    time_t now = time(NULL);
    HDF *row;
    NEOERR *err;

    *total = 0;
    snprintf(key, sizeof key, "%lld:%lld:%lld:%s", cnt[0].i, cnt[1].i, cnt[2].i, cnt[3].s);
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h %= sizeof totals / sizeof totals[0];
    if (!fresh && !strcmp(totals[h].key, key) && now - totals[h].at < ttl) {
        *total = totals[h].n;
        return STATUS_OK;
    }
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_COUNT], cnt, row, NULL, NULL);
    *total = atoll(hdf_get_value(row, "n", "0"));
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    snprintf(totals[h].key, sizeof totals[h].key, "%s", key);
    totals[h].n = *total;
    totals[h].at = now;
    return STATUS_OK;
}

/* The rows of one page into Projects. A deep page past the end of its
 * block's starts is past the end: no statement. */
static NEOERR *page_rows(gf_req *r, int combo, gf_arg *f, int nf, long page, long size,
                         int *n)
{
    gf_arg a[16];
    int na = 0, nstarts = 0;
    long block = (page - 1) / ANCHOR_PAGES, k = (page - 1) % ANCHOR_PAGES;
    long long skip = (long long)(page - 1) * size;
    const long long *starts = NULL;
    const char *sql;
    NEOERR *err;

    *n = 0;
    for (int i = 0; i < nf; i++)
        a[na++] = f[i];
    if (block) {
        if ((err = block_starts(combo, f, nf, block, size, &starts, &nstarts)))
            return nerr_pass(err);
        if (k >= nstarts)
            return STATUS_OK;
        a[na++] = A_INT(starts[k]);
        skip = 0;
        sql = Q_PAGE_FROM[combo];
    } else {
        sql = skip > SKIP_JOIN ? Q_PAGE_SKIP[combo] : Q_PAGE[combo];
    }
    a[na++] = A_INT(size);
    a[na++] = A_INT(skip);
    a[na] = A_END;
    if ((err = gf_db_rows(sql, a, r->hdf, "Projects", n)))
        return nerr_pass(err);
    return nerr_pass(rows_named(r));
}

static NEOERR *handle(gf_req *r)
{
    long long muni, dir, comp, total = 0;
    long page, pages, size = gf_cfg_int("Listing.PageSize", 20);
    const char *status = "";
    char base[4096], q[QUERY_CHARS * 4 + 8], *expr, *esc = NULL;
    gf_arg f[8], cnt[5];
    int n = 0, nf = 0, combo;
    NEOERR *err;

    /* the query as typed, made valid UTF-8 without control characters and
     * cut to QUERY_CHARS; what is searched is its stems (none: the plain
     * listing with a word about it) */
    snprintf(q, sizeof q, "%s", gf_param(r, "q", ""));
    gf_utf8_clean(q, -1);
    if (gf_utf8_len(q) > QUERY_CHARS)
        gf_set(r->hdf, "Search.Cut", "1");
    gf_utf8_clean(q, QUERY_CHARS);
    for (char *c = q; *c; c++)
        if ((unsigned char)*c < ' ' || *c == 0x7f)
            *c = ' ';
    if (!(expr = gf_stem_query(q, QUERY_WORDS)))
        return nerr_raise(NERR_NOMEM, "search query");
    gf_set(r->hdf, "Search.Q", q);
    if (*expr)
        gf_set(r->hdf, "Search.Active", "1");
    else if (strspn(q, " ") < strlen(q))
        gf_set(r->hdf, "Search.NoWords", "1");

    if ((err = filter_id(r, "municipality", GR_LIST_MUNICIPALITIES, &muni)) ||
        (err = filter_id(r, "direction", GR_LIST_DIRECTIONS, &dir)) ||
        (err = filter_id(r, "competition", GR_LIST_COMPETITIONS, &comp))) {
        free(expr);
        return nerr_pass(err);
    }
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

    if (*expr) {
        /* each filter a required token (schema/024_search_mroonga.sql) */
        char *full = malloc(strlen(expr) + 128);
        if (!full) {
            free(expr);
            return nerr_raise(NERR_NOMEM, "search query");
        }
        sprintf(full, "%s", expr);
        if (muni)
            sprintf(full + strlen(full), " +_m%lld_", muni);
        if (dir)
            sprintf(full + strlen(full), " +_d%lld_", dir);
        if (comp)
            sprintf(full + strlen(full), " +_c%lld_", comp);
        if (*status)
            sprintf(full + strlen(full), " +_s%s_", status);
        /* the words for the title's score: the same, none required */
        for (char *c = expr; *c; c++)
            if (*c == '+')
                *c = ' ';
        err = search_page(r, full, expr, &page, size, &total);
        free(expr);
        free(full);
        if (err)
            return nerr_pass(err);
        goto links;
    }
    free(expr);
    /* the total first: a page past the end becomes the last page. A page
     * past the end of a kept total, or empty, reads the total afresh. */
    for (int fresh = 0; fresh < 2; fresh++) {
        if ((err = total_of(cnt, fresh, &total)))
            return nerr_pass(err);
        pages = (long)((total + size - 1) / size);
        if (page > pages && !fresh)
            continue;
        if (page > pages)
            page = pages > 0 ? pages : 1;
        if (total > 0 && (err = page_rows(r, combo, f, nf, page, size, &n)))
            return nerr_pass(err);
        if (n || total == 0)
            break;
    }
    pages = (long)((total + size - 1) / size);
    if (page > pages)
        page = pages > 0 ? pages : 1;

links:
    /* the filters as they go into page links: validated values only; the
     * query escaped */
    n = snprintf(base, sizeof base, "/projects?");
    if (hdf_get_value(r->hdf, "Search.Active", NULL)) {
        if ((err = cgi_url_escape(q, &esc)))
            return nerr_pass(err);
        n += snprintf(base + n, sizeof base - (size_t)n, "q=%s&", esc);
        free(esc);
    }
    if (muni) n += snprintf(base + n, sizeof base - (size_t)n, "municipality=%lld&", muni);
    if (dir) n += snprintf(base + n, sizeof base - (size_t)n, "direction=%lld&", dir);
    if (comp) n += snprintf(base + n, sizeof base - (size_t)n, "competition=%lld&", comp);
    if (*status) snprintf(base + n, sizeof base - (size_t)n, "status=%s&", status);
    gf_pager(r->hdf, base, total, size, &page);
    if (hdf_get_value(r->hdf, "Search.Active", NULL))
        gf_setf(r->hdf, "Page.Title=Поиск проектов: %s", q);
    else
        gf_set(r->hdf, "Page.Title", "Выставка проектов");
    gf_set(r->hdf, "Page.Nav", "projects");
    r->page = "projects.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/projects", handle, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "projects", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
