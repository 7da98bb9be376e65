/*
 * gf-drafts — converts the drafts stored before drafts were JSON (HDF text,
 * which a line "EOM" in a text area could break) into JSON, once; run by
 * conf/stack.sh after the migrations, and by an administrator after an
 * upgrade. Drafts the old format broke are taken back as well as they can
 * be (grant/draft.c); each original is kept in legacy_drafts first. Safe
 * to run again: JSON drafts are left alone.
 *
 *   gf-drafts migrate      prints "drafts: N converted, M already JSON"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "grant.h"

enum { Q_LEGACY, Q_KEEP, Q_SET, Q__MAX };
static const char *const Q[] = {
    [Q_LEGACY] =
        "SELECT project_id, section, data FROM application_sections"
        " WHERE data NOT LIKE '{%' ORDER BY project_id, section LIMIT 500",
    [Q_KEEP] =
        "INSERT INTO legacy_drafts (project_id, section, data, converted_at) VALUES (?, ?, ?, NOW())",
    [Q_SET] =
        "UPDATE application_sections SET data = ? WHERE project_id = ? AND section = ? AND data = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* Converts one batch; *n gets how many rows it held. */
static NEOERR *convert_batch(int *n, int *converted)
{
    HDF *rows, *draft = NULL;
    NEOERR *err;

    if ((err = hdf_init(&rows)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_LEGACY], NOARGS, rows, "R", n);
    for (HDF *o = hdf_get_child(rows, "R"); !err && o; o = hdf_obj_next(o)) {
        const char *old = hdf_get_value(o, "data", "");
        char *json = NULL;
        long long affected = 0;
        long long id = atoll(hdf_get_value(o, "project_id", "0"));
        const char *section = hdf_get_value(o, "section", "");
        /* the original is kept, in the same transaction as its replacement */
        if (!(err = hdf_init(&draft)) && !(err = gr_draft_decode(old, draft)) &&
            !(err = gr_draft_encode(draft, &json)) && !(err = gf_db_begin()) &&
            !(err = gf_db_exec(Q[Q_KEEP], ARGS(A_INT(id), A_STR(section), A_STR(old)), NULL, NULL)) &&
            !(err = gf_db_exec(Q[Q_SET], ARGS(A_STR(json), A_INT(id), A_STR(section), A_STR(old)),
                               &affected, NULL)))
            err = affected ? gf_db_commit() : STATUS_OK;
        gf_db_rollback();               /* nothing changed meanwhile, or nothing kept */
        *converted += (int)affected;
        free(json);
        hdf_destroy(&draft);
    }
    hdf_destroy(&rows);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    NEOERR *err;
    char id[9];
    int n = 0, converted = 0;

    gf_prog_name = "gf-drafts";
    if (argc != 2 || strcmp(argv[1], "migrate")) {
        fprintf(stderr, "usage: gf-drafts migrate\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    if ((err = gf_errors_init()) || (err = gf_config_load()) || (err = gf_db_open(GF_DB_WRITE)))
        goto fail;
    do {                     /* a row that cannot be converted stops the run */
        int before = converted;
        if ((err = convert_batch(&n, &converted)))
            goto fail;
        if (n && converted == before) {
            fprintf(stderr, "gf-drafts: %d drafts could not be converted\n", n);
            gf_db_close();
            hdf_destroy(&gf_conf);
            return 1;
        }
    } while (n);
    printf("drafts: %d converted\n", converted);
    gf_db_close();
    hdf_destroy(&gf_conf);
    return 0;
fail:
    gf_log_error(&err, id);
    fprintf(stderr, "gf-drafts: failed (error id %s, see the log line above)\n", id);
    gf_db_close();
    hdf_destroy(&gf_conf);
    return 1;
}
