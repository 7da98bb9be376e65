/* lists.c — the reference lists every form and filter shows, in one place. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
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

/* by GR_LIST_* bit: statement, seconds a process keeps it, name in the
 * HDF, the column shown to people */
static const struct { unsigned bit; int q, ttl; const char *name, *label; } L[] = {
    {GR_LIST_MUNICIPALITIES, Q_MUNI, 300, "Municipalities", "name"},
    {GR_LIST_DIRECTIONS, Q_DIR, 300, "Directions", "name"},
    {GR_LIST_COMPETITIONS, Q_COMP, 30, "Competitions", "title"},
};
#define NLISTS (int)(sizeof L / sizeof L[0])

static int list_index(unsigned bit)
{
    for (int i = 0; i < NLISTS; i++)
        if (L[i].bit == bit)
            return i;
    return -1;
}

NEOERR *gr_lists_load(HDF *hdf, unsigned which)
{
    NEOERR *err;

    for (int i = 0; i < NLISTS; i++)
        if ((which & L[i].bit) &&
            (err = gf_db_rows_cached(Q[L[i].q], L[i].ttl, hdf, L[i].name)))
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

/* Per list, its ids and labels in an array (the labels point into the
 * cached rows), rebuilt when the list is read again. */
static struct { unsigned gen; int n, cap; struct entry { long long id; const char *label; } *e; } idx[NLISTS];
static int idx_registered;

static void idx_free(void)
{
    for (int i = 0; i < NLISTS; i++) {
        free(idx[i].e);
        idx[i].e = NULL;
        idx[i].n = idx[i].cap = 0;
    }
}

/* The entry for id in list i (NULL when there is none). With refresh, a
 * missing id reads the list again once: an id that comes from the
 * database may be newer than our copy. Never with ids from a request, so
 * that no request can make us read the list each time. */
static NEOERR *lookup(int i, long long id, int refresh, const struct entry **out)
{
    HDF *rows;
    unsigned gen;
    NEOERR *err;

    *out = NULL;
    for (int fresh = 0; fresh <= refresh; fresh++) {
        if ((err = gf_db_rows_cached_ref(Q[L[i].q], fresh ? 0 : L[i].ttl, &rows, &gen)))
            return nerr_pass(err);
        if (!idx[i].e || idx[i].gen != gen) {
            idx[i].n = 0;
            for (HDF *o = rows ? hdf_obj_child(rows) : NULL; o; o = hdf_obj_next(o)) {
                if (idx[i].n == idx[i].cap) {
                    int cap = idx[i].cap ? 2 * idx[i].cap : 64;
                    struct entry *e = realloc(idx[i].e, (size_t)cap * sizeof *e);
                    if (!e)
                        return nerr_raise(NERR_NOMEM, "list index");
                    idx[i].e = e;
                    idx[i].cap = cap;
                }
                idx[i].e[idx[i].n].id = atoll(hdf_get_value(o, "id", "0"));
                idx[i].e[idx[i].n].label = hdf_get_value(o, L[i].label, "");
                idx[i].n++;
            }
            idx[i].gen = gen;
            if (!idx_registered) {
                atexit(idx_free);
                idx_registered = 1;
            }
        }
        for (int j = 0; j < idx[i].n; j++)
            if (idx[i].e[j].id == id) {
                *out = &idx[i].e[j];
                return STATUS_OK;
            }
    }
    return STATUS_OK;
}

NEOERR *gr_list_find(unsigned list, long long id, int *has)
{
    int i = list_index(list);
    const struct entry *e;
    NEOERR *err;

    *has = 0;
    if (i < 0)
        return nerr_raise(NERR_ASSERT, "no such list: %u", list);
    if ((err = lookup(i, id, 0, &e)))
        return nerr_pass(err);
    *has = e != NULL;
    return STATUS_OK;
}

NEOERR *gr_list_label(unsigned list, long long id, const char **label)
{
    int i = list_index(list);
    const struct entry *e;
    NEOERR *err;

    *label = "";
    if (i < 0)
        return nerr_raise(NERR_ASSERT, "no such list: %u", list);
    if ((err = lookup(i, id, 1, &e)))
        return nerr_pass(err);
    if (e)
        *label = e->label;
    return STATUS_OK;
}

/* Rendered options, per list, in a slot per selected id: at most
 * OPT_SLOTS strings of a few KB per list, dropped when the list is read
 * again (its generation changes). */
#define OPT_SLOTS 64
static struct { unsigned gen; long long id; char *html; } opts[NLISTS][OPT_SLOTS];
static int opts_registered;

static void opts_free(void)
{
    for (int i = 0; i < NLISTS; i++)
        for (int j = 0; j < OPT_SLOTS; j++) {
            free(opts[i][j].html);
            opts[i][j].html = NULL;
        }
}

static NEOERR *render_options(HDF *rows, const char *label, long long selected, char **html)
{
    HDF *h;
    STRING out;
    char id[24] = "";
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    string_init(&out);
    if (selected)
        snprintf(id, sizeof id, "%lld", selected);
    if (!(err = rows ? hdf_copy(h, "List", rows) : STATUS_OK) &&
        !(err = hdf_set_value(h, "Selected", id)) &&
        !(err = hdf_set_value(h, "Label", label)))
        err = gf_render(h, "list_options.cs", &out);
    hdf_destroy(&h);
    if (err) {
        string_clear(&out);
        return nerr_pass(err);
    }
    while (out.len && (out.buf[out.len - 1] == '\n' || out.buf[out.len - 1] == ' '))
        out.buf[--out.len] = '\0';    /* the file's last newline is not markup */
    *html = out.buf ? out.buf : strdup("");   /* out.buf is malloc'd: ours now */
    return *html ? STATUS_OK : nerr_raise(NERR_NOMEM, "options");
}

NEOERR *gr_list_options(unsigned list, long long selected, const char **html)
{
    int i = list_index(list);
    unsigned gen;
    HDF *rows;
    char *s;
    int slot;
    NEOERR *err;

    if (i < 0 || selected < 0)
        return nerr_raise(NERR_ASSERT, "no such list or id: %u %lld", list, selected);
    if ((err = gf_db_rows_cached_ref(Q[L[i].q], L[i].ttl, &rows, &gen)))
        return nerr_pass(err);
    slot = (int)(selected % OPT_SLOTS);
    if (opts[i][slot].html && opts[i][slot].gen == gen && opts[i][slot].id == selected) {
        *html = opts[i][slot].html;
        return STATUS_OK;
    }
    if ((err = render_options(rows, L[i].label, selected, &s)))
        return nerr_pass(err);
    if (!opts_registered) {
        atexit(opts_free);
        opts_registered = 1;
    }
    free(opts[i][slot].html);
    opts[i][slot].html = s;
    opts[i][slot].gen = gen;
    opts[i][slot].id = selected;
    *html = s;
    return STATUS_OK;
}
