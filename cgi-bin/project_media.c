/*
 * project_media — the photos and handouts of a project on the exhibition.
 * "/projects/<id>/media": the organization's members (for their own listed
 * projects) and staff add photos (JPEG, PNG or WebP by content; a caption
 * is required: it is the photo's alt text) and PDF handouts, and delete
 * them. A photo is never published as uploaded: image.c re-encodes it as
 * a JPEG without metadata (EXIF GPS included), at most Media.PhotoSide
 * pixels, with a thumbnail of Media.ThumbSide. "/media/<id>" and
 * "/media/<id>/thumb" serve the files while the project is listed.
 *
 * Files are stored (files.c) before the transaction that lists them and
 * removed when it fails; a deleted one is removed after its commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "grant.h"

enum { Q_PROJECT, Q_LOCK, Q_COUNT, Q_ADD, Q_LIST, Q_FIND, Q_DELETE, Q_SERVE, Q__MAX };
static const char *const Q[] = {
    /* a listed project, and whether the user is of its organization */
    [Q_PROJECT] =
        "SELECT p.id, p.title, EXISTS (SELECT 1 FROM org_members m WHERE m.org_id = p.org_id"
        " AND m.user_id = ?) AS member FROM projects p WHERE p.id = ? AND p.listed = 1",
    /* one change of a project's media at a time: the count holds */
    [Q_LOCK] = "SELECT id FROM projects WHERE id = ? AND listed = 1 FOR UPDATE",
    [Q_COUNT] = "SELECT COUNT(*) AS n FROM project_media WHERE project_id = ?",
    [Q_ADD] =
        "INSERT INTO project_media (project_id, kind, title, orig_name, stored_name, thumb_name, mime,"
        " size, width, height, thumb_width, thumb_height, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())",
    [Q_LIST] =
        "SELECT id, kind, title, orig_name, size, thumb_width, thumb_height FROM project_media"
        " WHERE project_id = ? ORDER BY kind, id",
    [Q_FIND] =
        "SELECT stored_name, thumb_name, title FROM project_media WHERE id = ? AND project_id = ?"
        " FOR UPDATE",
    [Q_DELETE] = "DELETE FROM project_media WHERE id = ? AND project_id = ?",
    [Q_SERVE] =
        "SELECT m.kind, m.stored_name, m.thumb_name, m.mime, m.orig_name FROM project_media m"
        " JOIN projects p ON p.id = m.project_id WHERE m.id = ? AND p.listed = 1",
};
GF_STATEMENTS(Q, Q__MAX);

static const char *const photo_types[] = {"image/jpeg", "image/png", "image/webp", NULL};

/* The project, or a 404 for one that is not listed or not the user's. */
static NEOERR *load(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(r->user_id), A_INT(r->id)), r->hdf, "Project",
                         &found)))
        return nerr_pass(err);
    if (!found || (!hdf_get_int_value(r->hdf, "Project.member", 0) && !(r->roles & GR_STAFF)))
        return nerr_raise(GF_ERR_NOTFOUND, "project %lld: not listed or not the user's", r->id);
    return STATUS_OK;
}

static NEOERR *page(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], ARGS(A_INT(r->id)), r->hdf, "Media", NULL)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Limit.Photo", (int)gf_cfg_int("Media.MaxPhoto", 10L << 20));
    gf_set_int(r->hdf, "Limit.Handout", (int)gf_cfg_int("Media.MaxHandout", 10L << 20));
    gf_set_int(r->hdf, "Limit.Count", (int)gf_cfg_int("Media.MaxCount", 20));
    gf_setf(r->hdf, "Page.Title=Фото и материалы: %s", hdf_get_value(r->hdf, "Project.title", ""));
    gf_set(r->hdf, "Page.Nav", "my");
    /* after a redirect from an upload or a deletion: what was done */
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    r->page = "project_media.cs";
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    return nerr_pass(page(r));
}

/* The upload read into memory (it is at most the kind's limit), or a
 * field error. *data is malloc'd: the caller frees it. */
static NEOERR *take(gf_req *r, FILE *f, long max, char mime[80], char **data, size_t *len)
{
    struct stat sb;
    char msg[160], limit[32];
    NEOERR *err;

    *data = NULL;
    if (!f || fstat(fileno(f), &sb) || sb.st_size == 0) {
        gf_field_error(r, "file", "Выберите файл.");
        return STATUS_OK;
    }
    if (sb.st_size > max) {
        gf_fmt_bytes(max, limit, sizeof limit);
        snprintf(msg, sizeof msg, "Файл слишком большой: не больше %s.", limit);
        gf_field_error(r, "file", msg);
        r->status = 413;
        return STATUS_OK;
    }
    if ((err = gf_file_sniff(f, mime, 80)))
        return nerr_pass(err);
    return nerr_pass(gf_file_read(f, data, len));
}

/* What the row says of the new file; both names "" until stored. */
typedef struct {
    char stored[44], thumb[44], mime[80], name[256];
    int w, h, tw, th;
    long long size;
} media_file;

/* Checks and stores the upload; a problem is a field error. */
static NEOERR *prepare(gf_req *r, int photo, media_file *m)
{
    FILE *f = cgi_filehandle(r->cgi, "file");
    char *data = NULL;
    size_t len = 0;
    long long tsize;
    long max_pixels = gf_cfg_int("Media.MaxPixels", 50000000L);
    int ok = 0;
    NEOERR *err;

    if ((err = take(r, f, gf_cfg_int(photo ? "Media.MaxPhoto" : "Media.MaxHandout", 10L << 20),
                    m->mime, &data, &len)) || !data)
        return nerr_pass(err);
    gf_file_clean_name(gf_param(r, "file", ""), m->name, sizeof m->name, photo ? "photo.jpg" : "file.pdf");
    if (!photo) {
        if (strcmp(m->mime, "application/pdf")) {
            gf_field_error(r, "file", "Раздаточный материал — файл PDF (тип определяется по "
                                      "содержимому файла, а не по имени).");
            r->status = 400;
        } else {
            char sha[65];
            err = gf_file_store(f, m->stored, sha, &m->size);
        }
        free(data);
        return nerr_pass(err);
    }
    for (int i = 0; photo_types[i]; i++)
        ok |= !strcmp(m->mime, photo_types[i]);
    if (!ok) {
        gf_field_error(r, "file", "Фотография — файл JPEG, PNG или WebP (тип определяется по "
                                  "содержимому файла, а не по имени).");
        r->status = 400;
        free(data);
        return STATUS_OK;
    }
    err = gf_image_store(data, len, max_pixels, (int)gf_cfg_int("Media.PhotoSide", 1600), 85,
                         m->stored, &m->w, &m->h, &m->size);
    if (!err)
        err = gf_image_store(data, len, max_pixels, (int)gf_cfg_int("Media.ThumbSide", 400), 80,
                             m->thumb, &m->tw, &m->th, &tsize);
    free(data);
    if (nerr_handle(&err, GF_ERR_BADREQ)) {
        gf_field_error(r, "file", "Не удалось прочитать изображение: файл повреждён или слишком "
                                  "велик по числу пикселей. Сохраните фото заново и загрузите ещё раз.");
        r->status = 400;
    }
    snprintf(m->mime, sizeof m->mime, "image/jpeg");
    return nerr_pass(err);
}

static void forget(media_file *m)
{
    if (m->stored[0])
        gf_file_remove(m->stored);
    if (m->thumb[0])
        gf_file_remove(m->thumb);
}

static NEOERR *upload(gf_req *r)
{
    const char *kind = gf_input(r, "kind"), *title = gf_input(r, "title");
    int photo = !strcmp(kind, "photo"), found = 0;
    long max_count = gf_cfg_int("Media.MaxCount", 20);
    char back[128];
    media_file m;
    HDF *row;
    NEOERR *err;

    memset(&m, 0, sizeof m);
    if (!photo && strcmp(kind, "handout"))
        gf_field_error(r, "kind", "Выберите, что вы загружаете: фотографию или раздаточный материал.");
    if (photo && !*title)
        gf_field_error(r, "title", "Подпишите фотографию: подпись видят все, а незрячие посетители "
                                   "слышат её вместо фото.");
    else
        gf_field_text(r, "title", title, GF_ONE_LINE, 300);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = prepare(r, photo, &m)) || gf_form_has_errors(r)) {
        forget(&m);
        if (!err && r->status == 200)
            r->status = 400;
        return nerr_pass(err);
    }
    if (!*title)
        title = m.name;                  /* a handout is called by its file's name */
    if ((err = hdf_init(&row))) {
        forget(&m);
        return nerr_pass(err);
    }
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), row, "Lock", &found)) && found &&
        !(err = gf_db_row(Q[Q_COUNT], ARGS(A_INT(r->id)), row, "Count", NULL)) &&
        hdf_get_int_value(row, "Count.n", 0) < max_count &&
        !(err = gf_db_exec(Q[Q_ADD], ARGS(A_INT(r->id), A_STR(photo ? "photo" : "handout"), A_STR(title),
                                          A_STR(m.name), A_STR(m.stored), m.thumb[0] ? A_STR(m.thumb) : A_NULL,
                                          A_STR(m.mime), A_INT(m.size), photo ? A_INT(m.w) : A_NULL,
                                          photo ? A_INT(m.h) : A_NULL, photo ? A_INT(m.tw) : A_NULL,
                                          photo ? A_INT(m.th) : A_NULL), NULL, NULL)) &&
        !(err = gr_audit(r, "project", r->id, photo ? "photo_add" : "handout_add", NULL, NULL, title)) &&
        !(err = gf_db_commit())) {
        hdf_destroy(&row);
        gf_log("info", "project %lld: %s added, %lld bytes", r->id, photo ? "photo" : "handout", m.size);
        snprintf(back, sizeof back, "/projects/%lld/media?done=%s", r->id, photo ? "photo" : "handout");
        gf_redirect(r, back);
        return STATUS_OK;
    }
    gf_db_rollback();
    forget(&m);
    if (!err && !found)
        err = nerr_raise(GF_ERR_NOTFOUND, "project %lld no longer listed", r->id);
    else if (!err) {
        char msg[160];
        snprintf(msg, sizeof msg, "У проекта уже %ld файлов — больше нельзя. Удалите лишние и "
                                  "загрузите снова.", max_count);
        gf_field_error(r, "file", msg);
        r->status = 409;
    }
    hdf_destroy(&row);
    return nerr_pass(err);
}

static NEOERR *remove_one(gf_req *r)
{
    long long id = gf_parse_id(gf_param(r, "delete", ""));
    char stored[64], thumb[64], back[128];
    int found = 0;
    HDF *row;
    NEOERR *err;

    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()))
        err = gf_db_row(Q[Q_FIND], ARGS(A_INT(id), A_INT(r->id)), row, NULL, &found);
    snprintf(stored, sizeof stored, "%s", hdf_get_value(row, "stored_name", ""));
    snprintf(thumb, sizeof thumb, "%s", hdf_get_value(row, "thumb_name", ""));
    if (!err && found &&
        !(err = gf_db_exec(Q[Q_DELETE], ARGS(A_INT(id), A_INT(r->id)), NULL, NULL)) &&
        !(err = gr_audit(r, "project", r->id, "media_delete", NULL, NULL,
                         hdf_get_value(row, "title", ""))))
        err = gf_db_commit();
    hdf_destroy(&row);
    if (err || !found) {
        gf_db_rollback();
        if (!err)
            gf_field_error(r, "delete", "Этот файл уже удалён.");
        r->status = err ? r->status : 409;
        return nerr_pass(err);
    }
    gf_file_remove(stored);               /* no longer listed: committed */
    if (thumb[0])
        gf_file_remove(thumb);
    snprintf(back, sizeof back, "/projects/%lld/media?done=deleted", r->id);
    gf_redirect(r, back);
    return STATUS_OK;
}

static NEOERR *change(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    err = *gf_param(r, "delete", "") ? remove_one(r) : upload(r);
    if (err || r->location[0])
        return nerr_pass(err);
    return nerr_pass(page(r));
}

/* A file of a listed project: the photo (or handout), or its thumbnail. */
static NEOERR *serve(gf_req *r, int thumb)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_SERVE], ARGS(A_INT(r->id)), r->hdf, "File", &found)))
        return nerr_pass(err);
    if (!found || (thumb && !hdf_get_value(r->hdf, "File.thumb_name", NULL)))
        return nerr_raise(GF_ERR_NOTFOUND, "media %lld", r->id);
    if (!strcmp(hdf_get_value(r->hdf, "File.kind", ""), "photo"))
        gf_setf(r->hdf, "File.name=фото-%lld%s.jpg", r->id, thumb ? "-мини" : "");
    else
        gf_set(r->hdf, "File.name", hdf_get_value(r->hdf, "File.orig_name", "file.pdf"));
    if (!strcmp(hdf_get_value(r->hdf, "File.kind", ""), "photo"))   /* image.c's JPEG */
        gf_picture(r, hdf_get_value(r->hdf, thumb ? "File.thumb_name" : "File.stored_name", ""),
                   hdf_get_value(r->hdf, "File.name", "photo.jpg"));
    else
        gf_download(r, hdf_get_value(r->hdf, "File.stored_name", ""),
                    hdf_get_value(r->hdf, "File.mime", "application/octet-stream"),
                    hdf_get_value(r->hdf, "File.name", "file"));
    return STATUS_OK;
}

static NEOERR *file(gf_req *r) { return nerr_pass(serve(r, 0)); }
static NEOERR *thumbnail(gf_req *r) { return nerr_pass(serve(r, 1)); }

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/projects/#/media", show, change, GR_APPLICANT | GR_STAFF, GF_FILES},
        {"/media/#", file, NULL, GF_PUBLIC, 0},
        {"/media/#/thumb", thumbnail, NULL, GF_PUBLIC, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "project_media", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
