/*
 * sitemap — what search engines may read (sitemaps.org protocol 0.9):
 *
 *   /sitemap.xml         the sitemap index: the numbered sitemaps below
 *   /sitemap/<n>.xml     sitemap n = 1000 × (source + 1) + part: source 0 the
 *                        site's sections and help pages, then one per kind of
 *                        page (sources[] below); part k of a source lists its
 *                        ids from k × Sitemap.PerFile on (at most 50 000 URLs
 *                        a file, the protocol's limit), one indexed query
 *   /robots.txt          the private areas disallowed, the absolute Sitemap URL
 *
 * Absolute URLs from Site.URL. A source is one line of sources[] with its
 * two statements (the highest id, and the public ids of a range).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_COMP_MAX, Q_COMP, Q_PROJ_MAX, Q_PROJ, Q_NEWS_MAX, Q_NEWS, Q_RES_MAX, Q_RES,
    Q_CENTRE_MAX, Q_CENTRE, Q_EVENT_MAX, Q_EVENT, Q__MAX
};
/* each range query reads the primary key from ? to below ? */
static const char *const Q[] = {
    [Q_COMP_MAX] = "SELECT COALESCE(MAX(id), 0) AS n FROM competitions",
    [Q_COMP] =
        "SELECT id FROM competitions WHERE id >= ? AND id < ? AND stage <> 'draft' ORDER BY id",
    [Q_PROJ_MAX] = "SELECT COALESCE(MAX(id), 0) AS n FROM projects",
    [Q_PROJ] = "SELECT id FROM projects WHERE id >= ? AND id < ? AND listed = 1 ORDER BY id",
    [Q_NEWS_MAX] = "SELECT COALESCE(MAX(id), 0) AS n FROM news",
    [Q_NEWS] =
        "SELECT id, DATE_FORMAT(GREATEST(published_at, COALESCE(updated_at, published_at)),"
        " '%Y-%m-%dT%H:%i:%sZ') AS lastmod FROM news"
        " WHERE id >= ? AND id < ? AND published_at <= NOW() ORDER BY id",
    [Q_RES_MAX] = "SELECT COALESCE(MAX(id), 0) AS n FROM competitions",
    [Q_RES] =
        "SELECT id FROM competitions WHERE id >= ? AND id < ? AND published_at IS NOT NULL ORDER BY id",
    [Q_CENTRE_MAX] = "SELECT COALESCE(MAX(id), 0) AS n FROM resource_centres",
    [Q_CENTRE] =
        "SELECT id FROM resource_centres WHERE id >= ? AND id < ? AND active = 1 ORDER BY id",
    [Q_EVENT_MAX] = "SELECT COALESCE(MAX(id), 0) AS n FROM events",
    [Q_EVENT] = "SELECT id FROM events WHERE id >= ? AND id < ? ORDER BY id",
};
GF_STATEMENTS(Q, Q__MAX);

/* The kinds of public page with an id: the statement giving the highest
 * id, the one giving a range's public ids, the page's path before the id.
 * Adding a kind of page is a line here. */
static const struct { int max, rows; const char *path; } sources[] = {
    {Q_COMP_MAX, Q_COMP, "/competitions/"},
    {Q_PROJ_MAX, Q_PROJ, "/projects/"},
    {Q_NEWS_MAX, Q_NEWS, "/news/"},
    {Q_RES_MAX, Q_RES, "/results/"},
    {Q_CENTRE_MAX, Q_CENTRE, "/centres/"},
    {Q_EVENT_MAX, Q_EVENT, "/events/"},
};
#define NSOURCES ((long long)(sizeof sources / sizeof sources[0]))

/* The site's sections (source 0, with the help pages). */
static const char *const sections[] = {"/",       "/competitions", "/projects", "/results", "/stats", "/news",
                                     "/events", "/centres",      "/help",     "/ideas", NULL};

enum { PROTOCOL_MAX = 50000, PARTS = 1000 };

static long long per_file(void)
{
    long long n = gf_cfg_int("Sitemap.PerFile", PROTOCOL_MAX);
    return n < 1 || n > PROTOCOL_MAX ? PROTOCOL_MAX : n;
}

static void xml_page(gf_req *r, const char *page)
{
    gf_set(r->hdf, "Site.URL", gf_cfg("Site.URL", ""));
    r->content_type = "application/xml; charset=utf-8";
    r->page = page;
}

static NEOERR *index_page(gf_req *r)
{
    int n = 0;
    HDF *row;
    NEOERR *err;

    gf_setf(r->hdf, "Files.%d=%d", n++, PARTS);
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    for (long long s = 0; s < NSOURCES && !err; s++) {
        long long max;
        if ((err = gf_db_row(Q[sources[s].max], NOARGS, row, "Max", NULL)))
            break;
        max = atoll(hdf_get_value(row, "Max.n", "0"));
        for (long long part = 0; part <= max / per_file() && part < PARTS; part++)
            gf_setf(r->hdf, "Files.%d=%lld", n++, (s + 2) * PARTS + part);
    }
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    xml_page(r, "sitemap_index.cs");
    return STATUS_OK;
}

/* Source 0: the sections, and a page per file of templates/help/. */
static NEOERR *sections_file(gf_req *r)
{
    char path[1024];
    int n = 0;
    DIR *d;
    struct dirent *e;

    for (int i = 0; sections[i]; i++)
        gf_setf(r->hdf, "Urls.%d.path=%s", n++, sections[i]);
    snprintf(path, sizeof path, "%s/help", gf_cfg("Paths.Templates", "templates"));
    if (!(d = opendir(path)))
        return nerr_raise_errno(NERR_IO, "open %s", path);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 3 && len < 44 && !strcmp(e->d_name + len - 3, ".md") &&
            strncmp(e->d_name, "index.", 6) && e->d_name[0] != '.')
            gf_setf(r->hdf, "Urls.%d.path=/help/%.*s", n++, (int)(len - 3), e->d_name);
    }
    closedir(d);
    return STATUS_OK;
}

static NEOERR *file(gf_req *r)
{
    long long s = r->id / PARTS - 2, part = r->id % PARTS, from = part * per_file();
    int rows = 0;
    NEOERR *err;

    xml_page(r, "sitemap.cs");
    if (r->id == PARTS)
        return nerr_pass(sections_file(r));
    if (s < 0 || s >= NSOURCES)
        return nerr_raise(GF_ERR_NOTFOUND, "sitemap %lld", r->id);
    if ((err = gf_db_rows(Q[sources[s].rows], ARGS(A_INT(from), A_INT(from + per_file())),
                          r->hdf, "Rows", &rows)))
        return nerr_pass(err);
    gf_set(r->hdf, "Prefix", sources[s].path);
    /* a part past the highest id is not one of the index's */
    if (!rows && part > 0) {
        HDF *row;
        long long max;
        if ((err = hdf_init(&row)))
            return nerr_pass(err);
        err = gf_db_row(Q[sources[s].max], NOARGS, row, "Max", NULL);
        max = atoll(hdf_get_value(row, "Max.n", "0"));
        hdf_destroy(&row);
        if (err)
            return nerr_pass(err);
        if (from > max)
            return nerr_raise(GF_ERR_NOTFOUND, "sitemap %lld", r->id);
    }
    return STATUS_OK;
}

static NEOERR *robots(gf_req *r)
{
    gf_set(r->hdf, "Site.URL", gf_cfg("Site.URL", ""));
    r->content_type = "text/plain; charset=utf-8";
    r->page = "robots.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/sitemap.xml", index_page, NULL, 0, 0},
        {"/sitemap/#.xml", file, NULL, 0, 0},
        {"/robots.txt", robots, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "sitemap", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
