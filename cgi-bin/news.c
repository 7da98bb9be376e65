/*
 * news — the published news:
 *
 *   /news             newest first
 *   /news/<id>        one item: its body is Markdown (gr_markdown: no raw
 *                     HTML, no javascript: links), its image; the seed's
 *                     meeting, written as plain paragraphs, reads the same
 *   /news/<id>/image  the item's image, once the item is published (staff
 *                     see it before, for the editor's preview)
 *   /news.atom        the Atom 1.0 feed of the latest items, absolute URLs
 *                     from Site.URL, each entry's rendered body escaped in
 *                     <content type="html">
 *
 * An item is public from its published_at on (staff write and schedule
 * them in staff_news); a draft or a scheduled one is a 404 here.
 */
#include <string.h>
#include "grant.h"

enum { Q_LIST, Q_ITEM, Q_IMAGE, Q_FEED, Q__MAX };
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT id, title, summary, UNIX_TIMESTAMP(published_at) AS ts FROM news"
        " WHERE published_at <= NOW() ORDER BY published_at DESC LIMIT 100",
    [Q_ITEM] =
        "SELECT id, title, summary, body, UNIX_TIMESTAMP(published_at) AS ts,"
        " image_name IS NOT NULL AS has_image, image_alt FROM news"
        " WHERE id = ? AND published_at <= NOW()",
    /* published, or asked by staff (?) */
    [Q_IMAGE] =
        "SELECT image_name, image_mime FROM news WHERE id = ? AND image_name IS NOT NULL"
        " AND (published_at <= NOW() OR ?)",
    /* the session's time zone is UTC (db.c): RFC 3339 with Z */
    [Q_FEED] =
        "SELECT id, title, summary, body,"
        " DATE_FORMAT(published_at, '%Y-%m-%dT%H:%i:%sZ') AS published,"
        " DATE_FORMAT(GREATEST(published_at, COALESCE(updated_at, published_at)),"
        " '%Y-%m-%dT%H:%i:%sZ') AS updated FROM news"
        " WHERE published_at <= NOW() ORDER BY published_at DESC LIMIT 20",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    gf_set(r->hdf, "Page.Nav", "news");
    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "News", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Новости");
    r->page = "news.cs";
    return STATUS_OK;
}

static NEOERR *item(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    gf_set(r->hdf, "Page.Nav", "news");
    if ((err = gf_db_row(Q[Q_ITEM], ARGS(A_INT(r->id)), r->hdf, "Item", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "news %lld", r->id);
    if ((err = gr_markdown(hdf_get_value(r->hdf, "Item.body", ""), r->hdf, "Item.body_html")))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Item.title", ""));
    gf_set(r->hdf, "Page.Description", hdf_get_value(r->hdf, "Item.summary", ""));
    gf_set(r->hdf, "Site.URL", gf_cfg("Site.URL", ""));
    gf_set(r->hdf, "Page.OG.Type", "article");
    gf_set(r->hdf, "Page.OG.Title", hdf_get_value(r->hdf, "Item.title", ""));
    gf_set(r->hdf, "Page.OG.Description", hdf_get_value(r->hdf, "Item.summary", ""));
    gf_setf(r->hdf, "Page.OG.Path=/news/%lld", r->id);
    if (hdf_get_int_value(r->hdf, "Item.has_image", 0))
        gf_setf(r->hdf, "Page.OG.Image=/news/%lld/image", r->id);
    r->page = "news_item.cs";
    return STATUS_OK;
}

static NEOERR *image(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_IMAGE], ARGS(A_INT(r->id), A_INT((r->roles & GR_STAFF) != 0)),
                         r->hdf, "Image", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "news image %lld", r->id);
    /* a published item's picture (image.c's JPEG) is shown and cached like
     * the project photos; what staff see before publication stays private */
    if (!(r->roles & GR_STAFF) && !strcmp(hdf_get_value(r->hdf, "Image.image_mime", ""), "image/jpeg"))
        gf_picture(r, hdf_get_value(r->hdf, "Image.image_name", ""), "news.jpg");
    else
        gf_download(r, hdf_get_value(r->hdf, "Image.image_name", ""),
                    hdf_get_value(r->hdf, "Image.image_mime", ""), "image");
    return STATUS_OK;
}

static NEOERR *feed(gf_req *r)
{
    const char *updated = "1970-01-01T00:00:00Z";
    char key[64];
    HDF *e;
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_FEED], NOARGS, r->hdf, "Feed", NULL)))
        return nerr_pass(err);
    /* the feed changed when its latest entry did */
    for (e = hdf_get_child(r->hdf, "Feed"); e; e = hdf_obj_next(e)) {
        const char *u = hdf_get_value(e, "updated", "");
        snprintf(key, sizeof key, "Feed.%s.html", hdf_obj_name(e));
        if ((err = gr_markdown(hdf_get_value(e, "body", ""), r->hdf, key)))
            return nerr_pass(err);
        if (strcmp(u, updated) > 0)
            updated = u;
    }
    gf_set(r->hdf, "FeedUpdated", updated);
    gf_set(r->hdf, "Site.URL", gf_cfg("Site.URL", ""));
    r->content_type = "application/atom+xml; charset=utf-8";
    r->page = "news_atom.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/news", list, NULL, 0, 0},
        {"/news/#", item, NULL, 0, 0},
        {"/news/#/image", image, NULL, 0, 0},
        {"/news.atom", feed, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "news", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
