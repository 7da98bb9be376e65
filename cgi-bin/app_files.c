/*
 * app_files — "/applications/<id>/files": the attachments of an application
 * (charter, letters of support, presentation: PDF, JPEG or PNG, decided by
 * content; per-file and per-application size limits from the config; the
 * documents the competition requires), and "/files/<id>": a download, only
 * for the owning organization and staff — everyone else gets 404.
 * Adding and removing run under the application's row lock, so that
 * simultaneous uploads cannot pass the limits together and a submission
 * (which takes the same lock) freezes a settled list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "grant.h"

enum { Q_LIST, Q_LOCK, Q_TOTAL, Q_ADD, Q_FIND, Q_DELETE, Q_DOWNLOAD, Q__MAX };
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT id, kind, orig_name, mime, size, UNIX_TIMESTAMP(created_at) AS ts"
        " FROM attachments WHERE project_id = ? ORDER BY id",
    [Q_LOCK] =
        "SELECT id FROM projects WHERE id = ? FOR UPDATE",
    [Q_TOTAL] =
        "SELECT COALESCE(SUM(size), 0) AS bytes, COUNT(*) AS n FROM attachments WHERE project_id = ?",
    [Q_ADD] =
        "INSERT INTO attachments (project_id, kind, orig_name, stored_name, mime, size, sha256, created_at)"
        " SELECT p.id, ?, ?, ?, ?, ?, ?, NOW() FROM projects p JOIN competitions c ON c.id = p.competition_id"
        " WHERE p.id = ? AND " GR_APP_OPEN_SQL,
    [Q_FIND] =
        "SELECT a.stored_name FROM attachments a JOIN projects p ON p.id = a.project_id"
        " JOIN competitions c ON c.id = p.competition_id WHERE a.id = ? AND a.project_id = ?"
        " AND " GR_APP_OPEN_SQL
        /* returned for corrections: a file that was part of a submission
         * stays (a receipt holds its hash); new ones may go */
        " AND (p.status = 'draft' OR NOT EXISTS (SELECT 1 FROM receipts r"
        " WHERE r.project_id = p.id AND INSTR(r.frozen, a.sha256) > 0))",
    [Q_DELETE] =
        "DELETE FROM attachments WHERE id = ? AND project_id = ?",
    [Q_DOWNLOAD] =
        "SELECT a.stored_name, a.mime, a.orig_name, a.project_id,"
        " EXISTS (SELECT 1 FROM org_members m WHERE m.org_id = p.org_id AND m.user_id = ?) AS mine"
        " FROM attachments a JOIN projects p ON p.id = a.project_id WHERE a.id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

static const char *const allowed[] = {"application/pdf", "image/jpeg", "image/png", NULL};

/* Begins a transaction and locks the application's row. */
static NEOERR *lock(long long id)
{
    HDF *h;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()))
        err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(id)), h, NULL, NULL);
    hdf_destroy(&h);
    return nerr_pass(err);
}

static NEOERR *upload(gf_req *r, long long id)
{
    FILE *f = cgi_filehandle(r->cgi, "file");
    const char *kind = gf_param(r, "kind", "");
    char mime[80], name[256], stored[44], sha[65], msg[256], limit[32];
    long max_file = gf_cfg_int("Limits.MaxFile", 10L << 20),
         max_all = gf_cfg_int("Limits.MaxAppFiles", 30L << 20),
         max_count = gf_cfg_int("Limits.MaxAppFileCount", 20);
    long long size, affected = 0;
    struct stat sb;
    HDF *tot;
    int ok = 0;
    NEOERR *err;

    if (gr_doc_kind_index(kind) < 0)
        gf_field_error(r, "kind", "Выберите, что это за документ.");
    if (!f || fstat(fileno(f), &sb) || sb.st_size == 0) {
        gf_field_error(r, "file", "Выберите файл.");
        return STATUS_OK;
    }
    if (sb.st_size > max_file) {
        gf_fmt_bytes(max_file, limit, sizeof limit);
        snprintf(msg, sizeof msg, "Файл слишком большой: не больше %s.", limit);
        gf_field_error(r, "file", msg);
        r->status = 413;
        return STATUS_OK;
    }
    if ((err = gf_file_sniff(f, mime, sizeof mime)))
        return nerr_pass(err);
    for (int i = 0; allowed[i]; i++)
        ok |= !strcmp(mime, allowed[i]);
    if (!ok) {
        gf_field_error(r, "file", "Можно приложить только PDF, JPEG или PNG (тип определяется по "
                                  "содержимому файла, а не по имени).");
        r->status = 400;
        return STATUS_OK;
    }
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    gf_file_clean_name(gf_param(r, "file", ""), name, sizeof name, "file");
    /* stored (and fsynced) before the lock is taken, removed when refused */
    if ((err = gf_file_store(f, stored, sha, &size)))
        return nerr_pass(err);
    /* the limits, counted under the application's lock with the insert */
    if ((err = lock(id)) || (err = hdf_init(&tot)))
        goto fail;
    err = gf_db_row(Q[Q_TOTAL], ARGS(A_INT(id)), tot, NULL, NULL);
    ok = hdf_get_int_value(tot, "n", 0) < max_count &&
         atoll(hdf_get_value(tot, "bytes", "0")) + size <= max_all;
    hdf_destroy(&tot);
    if (err)
        goto fail;
    if (!ok) {
        gf_fmt_bytes(max_all, limit, sizeof limit);
        snprintf(msg, sizeof msg, "Вложения заявки вместе — не больше %s и %ld файлов. "
                 "Удалите лишнее или уменьшите файлы.", limit, max_count);
        gf_field_error(r, "file", msg);
        r->status = 413;
        goto fail;
    }
    if ((err = gf_db_exec(Q[Q_ADD], ARGS(A_STR(kind), A_STR(name), A_STR(stored), A_STR(mime),
                                         A_INT(size), A_STR(sha), A_INT(id)), &affected, NULL)))
        goto fail;
    if (affected != 1) {
        gf_field_error(r, "file", "Приём заявок завершён (или заявка уже подана): файл не добавлен.");
        r->status = 409;
        goto fail;
    }
    if ((err = gf_db_commit())) {
        /* committed or not, we cannot tell: the file stays (at worst an
         * orphan), never a row without its file */
        gf_db_rollback();
        return nerr_pass(err);
    }
    gf_log("info", "attachment for application %lld: %s, %lld bytes", id, mime, size);
    return STATUS_OK;
fail:
    gf_db_rollback();
    gf_file_remove(stored);
    return nerr_pass(err);
}

static NEOERR *remove_one(gf_req *r, long long id)
{
    long long att = gf_parse_id(gf_param(r, "att", ""));
    char stored[64];
    int found = 0;
    HDF *row;
    NEOERR *err;

    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    if (!(err = lock(id)))
        err = gf_db_row(Q[Q_FIND], ARGS(A_INT(att), A_INT(id)), row, NULL, &found);
    snprintf(stored, sizeof stored, "%s", hdf_get_value(row, "stored_name", ""));
    hdf_destroy(&row);
    if (!err && !found) {
        gf_db_rollback();
        gf_field_error(r, "file", "Этот файл удалить нельзя.");
        r->status = 409;
        return STATUS_OK;
    }
    if (err || (err = gf_db_exec(Q[Q_DELETE], ARGS(A_INT(att), A_INT(id)), NULL, NULL)) ||
        (err = gf_db_commit())) {
        gf_db_rollback();
        return nerr_pass(err);
    }
    gf_file_remove(stored);
    return STATUS_OK;
}

static NEOERR *download(gf_req *r)
{
    long long att = r->id;
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_DOWNLOAD], ARGS(A_INT(r->user_id), A_INT(att)), r->hdf, "File",
                         &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no attachment");
    if (!hdf_get_int_value(r->hdf, "File.mine", 0) && !(r->roles & (GR_STAFF | GR_ADMIN)))
        return nerr_raise(GF_ERR_NOTFOUND, "attachment of another organization");
    gf_download(r, hdf_get_value(r->hdf, "File.stored_name", ""),
                hdf_get_value(r->hdf, "File.mime", "application/octet-stream"),
                hdf_get_value(r->hdf, "File.orig_name", "file"));
    return STATUS_OK;
}

/* The attachments page (after gr_app_load). */
static NEOERR *page(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], ARGS(A_INT(r->id)), r->hdf, "Files", NULL)))
        return nerr_pass(err);
    for (int i = 0; gr_doc_kinds[i]; i++)
        gf_setf(r->hdf, "Kinds.%d=%s", i, gr_doc_kinds[i]);
    /* the documents the competition requires, each attached or not */
    {
        char required[400], missing[8];
        int n = 0;
        snprintf(required, sizeof required, "%s", hdf_get_value(r->hdf, "App.required_docs", ""));
        for (char *k = strtok(required, ","); k; k = strtok(NULL, ","), n++) {
            gf_setf(r->hdf, "Required.%d.kind=%s", n, k);
            gf_setf(r->hdf, "Required.%d.attached=%d", n,
                    !gr_docs_missing(k, hdf_get_obj(r->hdf, "Files"), missing, sizeof missing));
        }
    }
    gf_set(r->hdf, "Section", "files");
    gf_set_int(r->hdf, "Limit.File", (int)gf_cfg_int("Limits.MaxFile", 10L << 20));
    gf_set_int(r->hdf, "Limit.All", (int)gf_cfg_int("Limits.MaxAppFiles", 30L << 20));
    gf_set_int(r->hdf, "Limit.Count", (int)gf_cfg_int("Limits.MaxAppFileCount", 20));
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    gf_set(r->hdf, "Page.Title", "Вложения");
    gf_set(r->hdf, "Page.Nav", "my");
    r->page = "app_files.cs";
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = gr_app_load(r, r->id, 1)))
        return nerr_pass(err);
    return nerr_pass(page(r));
}

/* An upload, or a deletion (action=delete); with an error the page again. */
static NEOERR *change(gf_req *r)
{
    char where[80];
    NEOERR *err;

    if ((err = gr_app_load(r, r->id, 1)))
        return nerr_pass(err);
    if (!hdf_get_int_value(r->hdf, "App.editable", 0)) {
        gf_field_error(r, "file", "Приём заявок завершён (или заявка уже подана): вложения менять нельзя.");
        r->status = 409;
    } else if ((err = !strcmp(gf_param(r, "action", ""), "delete") ? remove_one(r, r->id)
                                                                     : upload(r, r->id))) {
        return nerr_pass(err);
    }
    if (!gf_form_has_errors(r)) {
        snprintf(where, sizeof where, "/applications/%lld/files?saved=1", r->id);
        gf_redirect(r, where);
        return STATUS_OK;
    }
    return nerr_pass(page(r));
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/applications/#/files", show, change, 0, GF_FILES},
        {"/files/#", download, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "app_files", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_APPLICANT | GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
