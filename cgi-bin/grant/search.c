/* search.c — the exhibition's search index: projects.search_text, the stems
 * of a project's title, a line break, those of its organization name and
 * summary (schema/018_search.sql), and its entry in the Mroonga index
 * project_search (024): the title's stems, and the rest's with the filters
 * as tokens (_m5_ municipality 5, _d3_ direction 3, _c4_ competition 4,
 * _swinner_ status; closed by "_": after a prefix word Groonga read "+_c4"
 * as a prefix of _c40, 027) for
 * listed projects. A trigger marks a project stale whenever its text,
 * filters or listing change, wherever the change comes from (026); this
 * writes both from the row as committed — Mroonga is not transactional, so
 * nothing a rollback undoes may reach it. The mailer daemon calls it every
 * round, so a change is searchable within a second or two; `mailer
 * --reindex` runs it until none is left. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_STALE, Q_SET, Q_PUT, Q_DROP, Q__MAX };
static const char *const Q[] = {
    /* in id order on ix_search_stale (search_stale, id); rows another
     * mailer is stemming are left to it */
    [Q_STALE] =
        "SELECT id, title, summary, org_name, listed, COALESCE(municipality_id, 0) AS muni,"
        " COALESCE(direction_id, 0) AS dir, competition_id AS comp, exhibit"
        " FROM projects WHERE search_stale = 1 ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
    /* only if the text is still what was stemmed: a change meanwhile left
     * the row stale for the next round */
    [Q_SET] =
        "UPDATE projects SET search_text = ?, search_stale = 0 WHERE id = ? AND search_stale = 1"
        " AND BINARY title = BINARY ? AND BINARY summary = BINARY ? AND BINARY org_name = BINARY ?",
    [Q_PUT] = "REPLACE INTO project_search (project_id, title_text, body_text) VALUES (?, ?, ?)",
    [Q_DROP] = "DELETE FROM project_search WHERE project_id = ?",
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
        long long id = atoll(hdf_get_value(p, "id", "0"));
        string_clear(&text);
        if (!(err = string_appendf(&text, "%s\n%s", tstems, stems)))
            err = gf_db_exec(Q[Q_SET], ARGS(A_STR(text.buf), A_INT(id), A_STR(title),
                                            A_STR(summary), A_STR(org)), NULL, NULL);
        /* the row is locked (FOR UPDATE): what is indexed is what is committed */
        string_clear(&text);
        if (!err && hdf_get_int_value(p, "listed", 0) && (*tstems || *stems)) {
            if (!(err = string_appendf(&text, "%s _m%s_ _d%s_ _c%s_ _s%s_", stems,
                                       hdf_get_value(p, "muni", "0"), hdf_get_value(p, "dir", "0"),
                                       hdf_get_value(p, "comp", "0"), hdf_get_value(p, "exhibit", ""))))
                err = gf_db_exec(Q[Q_PUT], ARGS(A_INT(id), A_STR(tstems), A_STR(text.buf)), NULL, NULL);
        } else if (!err) {
            err = gf_db_exec(Q[Q_DROP], ARGS(A_INT(id)), NULL, NULL);
        }
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
    if ((err = gf_db_commit())) {      /* as every caller does: the connection back to autocommit */
        gf_db_rollback();
        *done = 0;
    }
    return nerr_pass(err);
}
