/*
 * news — "/news": published news, newest first, and "/news/<id>": one item
 * (the seed's meeting is one of them). Text is shown as written, paragraph
 * breaks kept; nothing in it is interpreted as markup.
 */
#include <string.h>
#include "gf.h"

static const char *const Q[] = {
#define Q_LIST 0
    "SELECT id, title, summary, UNIX_TIMESTAMP(published_at) AS ts FROM news"
    " WHERE published_at <= NOW() ORDER BY published_at DESC LIMIT 100",
#define Q_ITEM 1
    "SELECT id, title, summary, body, UNIX_TIMESTAMP(published_at) AS ts FROM news"
    " WHERE id = ? AND published_at <= NOW()",
};

static NEOERR *handle(gf_req *r)
{
    long long id;
    int found = 0;
    NEOERR *err;

    hdf_set_value(r->hdf, "Page.Nav", "news");
    if (!strcmp(r->path, "/news")) {
        if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "News", NULL)))
            return nerr_pass(err);
        hdf_set_value(r->hdf, "Page.Title", "Новости");
        r->page = "news.cs";
        return STATUS_OK;
    }
    if (!(id = gf_path_id(r->path, "/news/", "")))
        return nerr_raise(GF_ERR_NOTFOUND, "malformed news id");
    if ((err = gf_db_row(Q[Q_ITEM], ARGS(A_INT(id)), r->hdf, "Item", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "news %lld", id);
    hdf_set_value(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Item.title", ""));
    r->page = "news_item.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "news", .db = GF_DB_READ, .handle = handle,
                                    .public_cache = 1};
    return gf_run(argc, argv, &prog);
}
