/*
 * staff_news — the news editor, for staff.
 *
 *   /staff/news                  every item: drafts, scheduled, published
 *   /staff/news/new              a new item
 *   /staff/news/<id>             an item's form: title, summary, body in
 *                                Markdown, the publication time (Moscow; empty:
 *                                a draft; ahead: scheduled), an image (JPEG,
 *                                PNG or WebP by content) with its alt text;
 *                                «Предпросмотр» shows the item as /news/<id>
 *                                will (gr_markdown, no JavaScript), «Сохранить»
 *   /staff/news/<id>/unpublish   back to a draft, after a confirmation page
 *   /staff/news/<id>/delete      for good, after a confirmation page
 *   /staff/news/upload/<id>      an image uploaded with a preview, to its
 *                                uploader only
 *
 * A browser cannot send a file twice, so an image chosen in the form is
 * stored at once as the user's upload (news_uploads) and the form carries
 * its number: a preview, or a form refused for another field, does not lose
 * it. Saving moves it to the item; the file an item stops using is deleted
 * after the commit. Every change is an audit entry ("news").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "grant.h"

enum {
    Q_LIST, Q_ITEM, Q_LOCK, Q_INSERT, Q_UPDATE, Q_SET_IMAGE, Q_UNPUBLISH, Q_DELETE,
    Q_UPLOAD_ADD, Q_UPLOAD, Q_UPLOAD_DROP, Q__MAX
};
#define STATE                                                                          \
    " CASE WHEN published_at IS NULL THEN 'draft' WHEN published_at > NOW()"           \
    " THEN 'scheduled' ELSE 'published' END AS state"
static const char *const Q[] = {
    /* drafts, then scheduled (soonest first), then published (newest first) */
    [Q_LIST] =
        "SELECT id, title, UNIX_TIMESTAMP(published_at) AS ts, UNIX_TIMESTAMP(updated_at) AS updated_ts,"
        STATE " FROM news ORDER BY published_at IS NOT NULL, published_at <= NOW(),"
        " IF(published_at > NOW(), published_at, NULL), published_at DESC, id DESC LIMIT 500",
    [Q_ITEM] =
        "SELECT id, title, summary, body, UNIX_TIMESTAMP(published_at) AS ts, image_name,"
        " image_alt, image_name IS NOT NULL AS has_image," STATE " FROM news WHERE id = ?",
    [Q_LOCK] =
        "SELECT title, image_name," STATE " FROM news WHERE id = ? FOR UPDATE",
    [Q_INSERT] =
        "INSERT INTO news (title, summary, body, published_at, image_alt, created_at, updated_at,"
        " updated_by) VALUES (?, ?, ?, FROM_UNIXTIME(?), ?, NOW(), NOW(), ?)",
    [Q_UPDATE] =
        "UPDATE news SET title = ?, summary = ?, body = ?, published_at = FROM_UNIXTIME(?),"
        " image_alt = ?, updated_at = NOW(), updated_by = ? WHERE id = ?",
    [Q_SET_IMAGE] =
        "UPDATE news SET image_name = ?, image_mime = ? WHERE id = ?",
    [Q_UNPUBLISH] =
        "UPDATE news SET published_at = NULL, updated_at = NOW(), updated_by = ? WHERE id = ?",
    [Q_DELETE] =
        "DELETE FROM news WHERE id = ?",
    [Q_UPLOAD_ADD] =
        "INSERT INTO news_uploads (user_id, stored_name, mime, created_at) VALUES (?, ?, ?, NOW())",
    [Q_UPLOAD] =
        "SELECT id, stored_name, mime FROM news_uploads WHERE id = ? AND user_id = ?",
    [Q_UPLOAD_DROP] =
        "DELETE FROM news_uploads WHERE id = ? AND user_id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* Limits of the fields, in characters (the columns hold them). */
enum { MAX_TITLE = 300, MAX_SUMMARY = 1000, MAX_BODY = 100000, MAX_ALT = 300 };

static const char *const state_labels[][2] = {
    {"draft", "Черновик"}, {"scheduled", "Запланирована"}, {"published", "Опубликована"},
};

static void label_states(HDF *rows)
{
    for (HDF *n = rows ? hdf_obj_child(rows) : NULL; n; n = hdf_obj_next(n))
        for (size_t i = 0; i < sizeof state_labels / sizeof state_labels[0]; i++)
            if (!strcmp(hdf_get_value(n, "state", ""), state_labels[i][0]))
                gf_set(n, "state_label", state_labels[i][1]);
}

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "News", NULL)))
        return nerr_pass(err);
    label_states(hdf_get_obj(r->hdf, "News"));
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    gf_set(r->hdf, "Page.Title", "Новости: редактор");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_news.cs";
    return STATUS_OK;
}

/* The form's page: Item.* for an item that exists (r->id), the limits. */
static NEOERR *form_page(gf_req *r, int *found)
{
    NEOERR *err;

    *found = 1;
    gf_set(r->hdf, "Page.Nav", "staff");
    gf_set_int(r->hdf, "Limit.Image", (int)gf_cfg_int("News.MaxImage", 2L << 20));
    r->page = "staff_news_form.cs";
    if (!r->id) {
        gf_set(r->hdf, "Page.Title", "Новая публикация");
        return STATUS_OK;
    }
    if ((err = gf_db_row(Q[Q_ITEM], ARGS(A_INT(r->id)), r->hdf, "Item", found)))
        return nerr_pass(err);
    if (!*found)
        return nerr_raise(GF_ERR_NOTFOUND, "news %lld", r->id);
    for (size_t i = 0; i < sizeof state_labels / sizeof state_labels[0]; i++)
        if (!strcmp(hdf_get_value(r->hdf, "Item.state", ""), state_labels[i][0]))
            gf_set(r->hdf, "Item.state_label", state_labels[i][1]);
    gf_set(r->hdf, "Page.Title", "Новость: правка");
    return STATUS_OK;
}

static NEOERR *edit(gf_req *r)
{
    int found;
    NEOERR *err;

    if ((err = form_page(r, &found)))
        return nerr_pass(err);
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    if (r->id) {     /* the form starts from what is stored */
        char when[32] = "";
        long long ts = atoll(hdf_get_value(r->hdf, "Item.ts", "0"));
        if (ts)
            gr_fmt_msk_input(ts, when, sizeof when);
        gf_set(r->hdf, "Query.title", hdf_get_value(r->hdf, "Item.title", ""));
        gf_set(r->hdf, "Query.summary", hdf_get_value(r->hdf, "Item.summary", ""));
        gf_set(r->hdf, "Query.body", hdf_get_value(r->hdf, "Item.body", ""));
        gf_set(r->hdf, "Query.image_alt", hdf_get_value(r->hdf, "Item.image_alt", ""));
        gf_set(r->hdf, "Query.publish_at", when);
    }
    return STATUS_OK;
}

/* An image chosen in the form: checked (size, type by content), made a
 * clean JPEG (image.c) and kept as the user's upload, whose number becomes Query.pending_image. Nothing
 * chosen: nothing happens. A refusal is the field's error. */
static NEOERR *take_image(gf_req *r)
{
    FILE *f = cgi_filehandle(r->cgi, "image");
    long max = gf_cfg_int("News.MaxImage", 2L << 20);
    struct stat sb;
    char mime[80], stored[44], *data;
    size_t len;
    long long size, id;
    int w, h;
    NEOERR *err;

    if (!f || fstat(fileno(f), &sb) || sb.st_size == 0)
        return STATUS_OK;
    if (sb.st_size > max) {
        char msg[160], limit[32];
        gf_fmt_bytes(max, limit, sizeof limit);
        snprintf(msg, sizeof msg, "Картинка — не больше %s.", limit);
        gf_field_error(r, "image", msg);
        return STATUS_OK;
    }
    if ((err = gf_file_sniff(f, mime, sizeof mime)))
        return nerr_pass(err);
    if (strcmp(mime, "image/jpeg") && strcmp(mime, "image/png") && strcmp(mime, "image/webp")) {
        gf_field_error(r, "image", "Картинка — файл JPEG, PNG или WebP (тип определяется по содержимому).");
        return STATUS_OK;
    }
    /* re-encoded by image.c like every published picture: a phone photo's
     * EXIF (where it was taken) never reaches the page */
    if ((err = gf_file_read(f, &data, &len)))
        return nerr_pass(err);
    err = gf_image_store(data, len, gf_cfg_int("News.MaxPixels", 50000000L),
                         (int)gf_cfg_int("News.ImageSide", 1600), 85, stored, &w, &h, &size);
    free(data);
    if (nerr_handle(&err, GF_ERR_BADREQ)) {
        gf_field_error(r, "image", "Не удалось прочитать картинку: файл повреждён или слишком "
                                   "велик по числу пикселей. Сохраните её заново и загрузите ещё раз.");
        return STATUS_OK;
    }
    if (err)
        return nerr_pass(err);
    if ((err = gf_db_exec(Q[Q_UPLOAD_ADD], ARGS(A_INT(r->user_id), A_STR(stored), A_STR("image/jpeg")),
                          NULL, &id))) {
        gf_file_remove(stored);
        return nerr_pass(err);
    }
    gf_setf(r->hdf, "Query.pending_image=%lld", id);
    return STATUS_OK;
}

/* Checks the fields; *when gets the publication time (0: a draft). */
static void check(gf_req *r, long long *when)
{
    const char *t = gf_input(r, "publish_at");
    int image = 0;

    gf_field_text(r, "title", gf_input(r, "title"), GF_REQUIRED | GF_ONE_LINE, MAX_TITLE);
    gf_field_text(r, "summary", gf_input(r, "summary"), GF_REQUIRED, MAX_SUMMARY);
    gf_field_text(r, "body", gf_input(r, "body"), GF_REQUIRED, MAX_BODY);
    *when = 0;
    if (*t && !gr_parse_msk(t, when))
        gf_field_error(r, "publish_at", "Дата и время публикации — например, 01.02.2027 10:00 "
                                        "(по Москве). Пусто — черновик.");
    if (hdf_get_value(r->hdf, "Upload.stored_name", NULL))
        image = 1;
    else if (hdf_get_int_value(r->hdf, "Item.has_image", 0) && strcmp(gf_param(r, "remove_image", ""), "1"))
        image = 1;
    if (gf_field_text(r, "image_alt", gf_input(r, "image_alt"), GF_ONE_LINE, MAX_ALT) && image &&
        !*gf_input(r, "image_alt"))
        gf_field_error(r, "image_alt", "Опишите картинку в нескольких словах: это текст для тех, "
                                       "кто её не видит.");
}

/* Writes the item in one transaction; *id gets its number (a new one's). */
static NEOERR *store(gf_req *r, long long when, long long *id)
{
    const char *upload = hdf_get_value(r->hdf, "Upload.stored_name", NULL);
    int remove = !upload && !strcmp(gf_param(r, "remove_image", ""), "1");
    char old[64] = "";
    const char *from = NULL;
    HDF *row;
    NEOERR *err;
#define FIELDS A_STR(gf_input(r, "title")), A_STR(gf_input(r, "summary")), \
               A_STR(gf_input(r, "body")), when ? A_INT(when) : A_NULL, A_STR(gf_input(r, "image_alt"))

    *id = r->id;
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    if (!(err = gf_db_begin())) {
        if (r->id) {
            int found = 0;
            if (!(err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), row, NULL, &found)) && !found)
                err = nerr_raise(GF_ERR_NOTFOUND, "news %lld", r->id);
            if (!err)
                err = gf_db_exec(Q[Q_UPDATE], ARGS(FIELDS, A_INT(r->user_id), A_INT(r->id)), NULL, NULL);
            from = hdf_get_value(row, "state", NULL);
        } else {
            err = gf_db_exec(Q[Q_INSERT], ARGS(FIELDS, A_INT(r->user_id)), NULL, id);
        }
    }
#undef FIELDS
    if (!err && (upload || remove)) {
        snprintf(old, sizeof old, "%s", hdf_get_value(row, "image_name", ""));
        err = gf_db_exec(Q[Q_SET_IMAGE], upload ? ARGS(A_STR(upload), A_STR(hdf_get_value(r->hdf, "Upload.mime", "")), A_INT(*id))
                                                : ARGS(A_NULL, A_NULL, A_INT(*id)), NULL, NULL);
    }
    if (!err && upload)
        err = gf_db_exec(Q[Q_UPLOAD_DROP], ARGS(A_INT(atoll(hdf_get_value(r->hdf, "Upload.id", "0"))),
                                                A_INT(r->user_id)), NULL, NULL);
    if (!err)
        err = gr_audit(r, "news", *id, r->id ? "update" : "create", from,
                       !when ? "draft" : when > (long long)time(NULL) ? "scheduled" : "published",
                       gf_input(r, "title"));
    if (!err)
        err = gf_db_commit();
    if (err)
        gf_db_rollback();
    else if (old[0])
        gf_file_remove(old);      /* no longer referenced: committed */
    hdf_destroy(&row);
    return nerr_pass(err);
}

/* POST of the form: «Предпросмотр» (action=preview) or «Сохранить». */
static NEOERR *save(gf_req *r)
{
    long long when, id, pending;
    int found;
    NEOERR *err;

    if ((err = form_page(r, &found)) || (err = take_image(r)))
        return nerr_pass(err);
    /* the form's upload: this user's only, else forgotten */
    if ((pending = gf_parse_id(gf_param(r, "pending_image", ""))) &&
        (err = gf_db_row(Q[Q_UPLOAD], ARGS(A_INT(pending), A_INT(r->user_id)), r->hdf, "Upload", &found)))
        return nerr_pass(err);
    if (!hdf_get_value(r->hdf, "Upload.stored_name", NULL))
        gf_set(r->hdf, "Query.pending_image", "");
    check(r, &when);
    if (!strcmp(gf_param(r, "action", ""), "preview")) {
        gf_set_int(r->hdf, "Preview.on", 1);
        gf_setf(r->hdf, "Preview.when=%lld", when);
        return nerr_pass(gr_markdown(gf_input(r, "body"), r->hdf, "Preview.html"));
    }
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = store(r, when, &id)))
        return nerr_pass(err);
    {
        char to[64];
        snprintf(to, sizeof to, "/staff/news/%lld?done=saved", id);
        gf_redirect(r, to);
    }
    return STATUS_OK;
}

/* The image uploaded with a preview, to its uploader. */
static NEOERR *upload(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_UPLOAD], ARGS(A_INT(r->id), A_INT(r->user_id)), r->hdf, "Upload", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "upload %lld", r->id);
    gf_download(r, hdf_get_value(r->hdf, "Upload.stored_name", ""),
                hdf_get_value(r->hdf, "Upload.mime", ""), "image");
    return STATUS_OK;
}

/* The confirmation pages of unpublishing and deleting. */
static NEOERR *confirm_page(gf_req *r, const char *what)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_ITEM], ARGS(A_INT(r->id)), r->hdf, "Item", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "news %lld", r->id);
    gf_set(r->hdf, "Confirm", what);
    gf_set(r->hdf, "Page.Title", !strcmp(what, "delete") ? "Удалить новость" : "Снять с публикации");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_news_confirm.cs";
    return STATUS_OK;
}

static NEOERR *unpublish_page(gf_req *r) { return nerr_pass(confirm_page(r, "unpublish")); }
static NEOERR *delete_page(gf_req *r) { return nerr_pass(confirm_page(r, "delete")); }

/* Unpublishes or deletes item r->id in one transaction, audited. */
static NEOERR *change(gf_req *r, const char *what)
{
    int found = 0, del = !strcmp(what, "delete");
    char old[64] = "";
    HDF *row;
    NEOERR *err;

    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), row, NULL, &found)) && !found)
        err = nerr_raise(GF_ERR_NOTFOUND, "news %lld", r->id);
    if (!err) {
        snprintf(old, sizeof old, "%s", del ? hdf_get_value(row, "image_name", "") : "");
        err = del ? gf_db_exec(Q[Q_DELETE], ARGS(A_INT(r->id)), NULL, NULL)
                  : gf_db_exec(Q[Q_UNPUBLISH], ARGS(A_INT(r->user_id), A_INT(r->id)), NULL, NULL);
    }
    if (!err)
        err = gr_audit(r, "news", r->id, what, hdf_get_value(row, "state", NULL),
                       del ? NULL : "draft", hdf_get_value(row, "title", NULL));
    if (!err)
        err = gf_db_commit();
    if (err)
        gf_db_rollback();
    else if (old[0])
        gf_file_remove(old);
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    if (del) {
        gf_redirect(r, "/staff/news?done=deleted");
    } else {
        char to[64];
        snprintf(to, sizeof to, "/staff/news/%lld?done=unpublished", r->id);
        gf_redirect(r, to);
    }
    return STATUS_OK;
}

static NEOERR *unpublish(gf_req *r) { return nerr_pass(change(r, "unpublish")); }
static NEOERR *delete(gf_req *r) { return nerr_pass(change(r, "delete")); }

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/news", list, NULL, 0, 0},
        {"/staff/news/new", edit, save, 0, GF_FILES},
        {"/staff/news/#", edit, save, 0, GF_FILES},
        {"/staff/news/#/unpublish", unpublish_page, unpublish, 0, 0},
        {"/staff/news/#/delete", delete_page, delete, 0, 0},
        {"/staff/news/upload/#", upload, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_news", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
