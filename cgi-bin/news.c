/*
 * news — "/news": published news, newest first, and "/news/<id>": one item
 * (the seed's meeting is one of them). Text is shown as written, paragraph
 * breaks kept; nothing in it is interpreted as markup.
 */
#include <string.h>
#include "grant.h"

enum { Q_LIST, Q_ITEM, Q__MAX };
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT id, title, summary, UNIX_TIMESTAMP(published_at) AS ts FROM news"
        " WHERE published_at <= NOW() ORDER BY published_at DESC LIMIT 100",
    [Q_ITEM] =
        "SELECT id, title, summary, body, UNIX_TIMESTAMP(published_at) AS ts FROM news"
        " WHERE id = ? AND published_at <= NOW()",
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
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Item.title", ""));
    r->page = "news_item.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/news", list, NULL, 0, 0}, {"/news/#", item, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "news", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
