/* lists.c — the reference lists every form and filter shows, in one place. */
#include "gf.h"

static const char *const Q[] = {
#define Q_MUNI 0
    "SELECT id, name FROM municipalities ORDER BY sort, name",
#define Q_DIR 1
    "SELECT id, name FROM directions ORDER BY sort, name",
#define Q_COMP 2
    "SELECT id, title FROM competitions WHERE stage <> 'draft' ORDER BY opens_at DESC",
};

NEOERR *gf_lists_load(HDF *hdf, unsigned which)
{
    NEOERR *err = STATUS_OK;

    if ((which & GF_LIST_MUNICIPALITIES) &&
        (err = gf_db_rows_cached(Q[Q_MUNI], 300, hdf, "Municipalities")))
        return nerr_pass(err);
    if ((which & GF_LIST_DIRECTIONS) &&
        (err = gf_db_rows_cached(Q[Q_DIR], 300, hdf, "Directions")))
        return nerr_pass(err);
    if ((which & GF_LIST_COMPETITIONS) &&
        (err = gf_db_rows_cached(Q[Q_COMP], 30, hdf, "Competitions")))
        return nerr_pass(err);
    return STATUS_OK;
}

int gf_list_has(HDF *hdf, const char *list, long long id)
{
    for (HDF *o = hdf_get_child(hdf, list); o; o = hdf_obj_next(o))
        if (hdf_get_int_value(o, "id", 0) == id)
            return 1;
    return 0;
}
