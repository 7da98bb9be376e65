/* search.c — the exhibition's search index: projects.search_text, the stems
 * of a project's title, a line break, those of its organization name and
 * summary (schema/018_search.sql; the triggers of 024_search_mroonga.sql
 * copy it into the Mroonga index, the title weighed more). A trigger marks a project stale
 * whenever one of those changes, wherever the change comes from; this
 * re-stems the stale ones. The mailer daemon calls it every round, so a
 * change is searchable within a second or two; `mailer --reindex` runs it
 * until none is left. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_STALE, Q_SET, Q__MAX };
static const char *const Q[] = {
    /* in id order on ix_search_stale (search_stale, id); rows another
     * mailer is stemming are left to it */
    [Q_STALE] =
        "SELECT id, title, summary, org_name FROM projects WHERE search_stale = 1"
        " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
    /* only if the text is still what was stemmed: a change meanwhile left
     * the row stale for the next round */
    [Q_SET] =
        "UPDATE projects SET search_text = ?, search_stale = 0 WHERE id = ? AND search_stale = 1"
        " AND BINARY title = BINARY ? AND BINARY summary = BINARY ? AND BINARY org_name = BINARY ?",
};
GF_STATEMENTS(Q, Q__MAX);

NEOERR *gr_search_reindex(int limit, int *done)
{
    HDF *rows;
    NEOERR *err;
    STRING text;
    char *tstems = NULL;

    *done = 0;
    if ((err = hdf_init(&rows)))
        return nerr_pass(err);
    if ((err = gf_db_begin())) {
        hdf_destroy(&rows);
        return nerr_pass(err);
    }
    if ((err = gf_db_rows(Q[Q_STALE], ARGS(A_INT(limit)), rows, NULL, NULL)) ||
        !hdf_obj_child(rows)) {
        hdf_destroy(&rows);
        gf_db_rollback();
        return nerr_pass(err);
    }
    string_init(&text);
    for (HDF *p = hdf_obj_child(rows); p && !err; p = hdf_obj_next(p)) {
        const char *title = hdf_get_value(p, "title", ""), *summary = hdf_get_value(p, "summary", ""),
                   *org = hdf_get_value(p, "org_name", "");
        char *stems;

        string_clear(&text);
        if ((err = string_appendf(&text, "%s\n%s", org, summary)))
            break;
        if (!(tstems = gf_stem_text(title, 0, 0)) || !(stems = gf_stem_text(text.buf, 0, 0))) {
            err = nerr_raise(NERR_NOMEM, "stemming project %s", hdf_get_value(p, "id", "?"));
            break;
        }
        string_clear(&text);
        if (!(err = string_appendf(&text, "%s\n%s", tstems, stems)))
            err = gf_db_exec(Q[Q_SET],
                             ARGS(A_STR(text.buf), A_INT(atoll(hdf_get_value(p, "id", "0"))),
                                  A_STR(title), A_STR(summary), A_STR(org)),
                             NULL, NULL);
        free(stems);
        free(tstems);
        tstems = NULL;
        (*done)++;
    }
    free(tstems);
    string_clear(&text);
    hdf_destroy(&rows);
    if (err) {
        gf_db_rollback();
        *done = 0;
        return nerr_pass(err);
    }
    return nerr_pass(gf_db_commit());
}
