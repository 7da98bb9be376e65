/* lists.c — the reference lists every form and filter shows, in one place. */
#include "grant.h"

enum { Q_MUNI, Q_DIR, Q_COMP, Q__MAX };
static const char *const Q[] = {
    [Q_MUNI] =
        "SELECT id, name FROM municipalities ORDER BY sort, name",
    [Q_DIR] =
        "SELECT id, name FROM directions ORDER BY sort, name",
    [Q_COMP] =
        "SELECT id, title FROM competitions WHERE stage <> 'draft' ORDER BY opens_at DESC",
};
GF_STATEMENTS(Q, Q__MAX);

NEOERR *gr_lists_load(HDF *hdf, unsigned which)
{
    NEOERR *err = STATUS_OK;

    if ((which & GR_LIST_MUNICIPALITIES) &&
        (err = gf_db_rows_cached(Q[Q_MUNI], 300, hdf, "Municipalities")))
        return nerr_pass(err);
    if ((which & GR_LIST_DIRECTIONS) &&
        (err = gf_db_rows_cached(Q[Q_DIR], 300, hdf, "Directions")))
        return nerr_pass(err);
    if ((which & GR_LIST_COMPETITIONS) &&
        (err = gf_db_rows_cached(Q[Q_COMP], 30, hdf, "Competitions")))
        return nerr_pass(err);
    return STATUS_OK;
}

int gr_list_has(HDF *hdf, const char *list, long long id)
{
    for (HDF *o = hdf_get_child(hdf, list); o; o = hdf_obj_next(o))
        if (hdf_get_int_value(o, "id", 0) == id)
            return 1;
    return 0;
}
