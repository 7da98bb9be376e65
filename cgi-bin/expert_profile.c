/*
 * expert_profile — "/expert/profile": the expert's profile. About them
 * (education, experience), the directions they are competent in
 * (assignment prefers an application of one), the organizations they
 * belong or belonged to with their ИНН (an application of one of those is
 * never given to them: grant/review.c), and, read-only, the competitions
 * they take part in. One save replaces it all in one transaction.
 */
#include <stdio.h>
#include <string.h>
#include "grant.h"

enum {
    Q_PROFILE, Q_MY_DIRS, Q_MY_ORGS, Q_MY_COMPS, Q_PROFILE_SAVE, Q_DIRS_DEL, Q_DIR_ADD,
    Q_ORGS_DEL, Q_ORG_ADD, Q__MAX
};
static const char *const Q[] = {
    [Q_PROFILE] =
        "SELECT about, UNIX_TIMESTAMP(updated_at) AS updated_ts FROM expert_profiles"
        " WHERE user_id = ?",
    [Q_MY_DIRS] =
        "SELECT direction_id FROM expert_directions WHERE user_id = ?",
    [Q_MY_ORGS] =
        "SELECT inn, name, relation FROM expert_orgs WHERE user_id = ? ORDER BY id",
    [Q_MY_COMPS] =
        "SELECT c.id, c.title, c.stage, UNIX_TIMESTAMP(c.review_due) AS due_ts,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.competition_id = c.id"
        "  AND a.expert_id = ce.user_id AND a.state IN ('assigned', 'submitted')) AS assigned_n,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.competition_id = c.id"
        "  AND a.expert_id = ce.user_id AND a.state = 'submitted') AS submitted_n"
        " FROM competition_experts ce JOIN competitions c ON c.id = ce.competition_id"
        " WHERE ce.user_id = ? ORDER BY c.id DESC",
    [Q_PROFILE_SAVE] =
        "INSERT INTO expert_profiles (user_id, about, updated_at) VALUES (?, ?, NOW())"
        " ON DUPLICATE KEY UPDATE about = VALUES(about), updated_at = NOW()",
    [Q_DIRS_DEL] =
        "DELETE FROM expert_directions WHERE user_id = ?",
    [Q_DIR_ADD] =
        "INSERT INTO expert_directions (user_id, direction_id) VALUES (?, ?)",
    [Q_ORGS_DEL] =
        "DELETE FROM expert_orgs WHERE user_id = ?",
    [Q_ORG_ADD] =
        "INSERT INTO expert_orgs (user_id, inn, name, relation) VALUES (?, ?, ?, ?)",
};
GF_STATEMENTS(Q, Q__MAX);

/* Limits of what an expert types (POSTED_ROWS_MAX: rows read at most). */
enum { ABOUT_MAX = 3000, ORG_NAME_MAX = 300, RELATION_MAX = 200, ORGS_MAX = 20, POSTED_ROWS_MAX = 60 };

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

static NEOERR *profile_fill(gf_req *r)
{
    NEOERR *err;

    if ((err = gr_lists_load(r->hdf, GR_LIST_DIRECTIONS)) ||
        (err = gf_db_rows(Q[Q_MY_COMPS], ARGS(A_INT(r->user_id)), r->hdf, "Comps", NULL)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Max.about", ABOUT_MAX);
    gf_set_int(r->hdf, "Max.orgs", ORGS_MAX);
    gf_set(r->hdf, "Saved", gf_parse_id(gf_param(r, "saved", "")) ? "1" : "");
    gf_set(r->hdf, "Page.Title", "Профиль эксперта");
    gf_set(r->hdf, "Page.Nav", "expert");
    r->page = "expert_profile.cs";
    return STATUS_OK;
}

static NEOERR *profile_show(gf_req *r)
{
    HDF *h;
    int n = 0;
    NEOERR *err;

    if ((err = profile_fill(r)) ||
        (err = gf_db_row(Q[Q_PROFILE], ARGS(A_INT(r->user_id)), r->hdf, "Profile", NULL)) ||
        (err = gf_db_rows(Q[Q_MY_ORGS], ARGS(A_INT(r->user_id)), r->hdf, "Rows", NULL)) ||
        (err = hdf_init(&h)))
        return nerr_pass(err);
    gf_set(r->hdf, "Query.about", sv(r, "Profile.about"));
    if (!(err = gf_db_rows(Q[Q_MY_DIRS], ARGS(A_INT(r->user_id)), h, "D", NULL)))
        for (HDF *d = hdf_get_child(r->hdf, "Directions"); d; d = hdf_obj_next(d))
            for (HDF *m = hdf_get_child(h, "D"); m; m = hdf_obj_next(m))
                if (!strcmp(hdf_get_value(m, "direction_id", "-"), hdf_get_value(d, "id", "")))
                    gf_set(d, "checked", "1");
    hdf_destroy(&h);
    for (HDF *x = hdf_get_child(r->hdf, "Rows"); x; x = hdf_obj_next(x))
        n++;
    gf_set_int(r->hdf, "RowCount", n);
    return nerr_pass(err);
}

/* Reads the posted organization rows into Rows.<n> (what the page shows
 * again, with err_* next to the fields) and checks them; empty rows and
 * rows marked for removal are dropped. Returns the number kept. */
static int read_orgs(gf_req *r)
{
    int n = 0, seen = 0;
    char key[96], ekey[96];

    for (HDF *x = hdf_get_child(r->hdf, "Query.o"); x && seen < POSTED_ROWS_MAX;
         x = hdf_obj_next(x), seen++) {
        const char *row = hdf_obj_name(x), *inn, *name, *relation;
        char prefix[64];
        if (!gf_parse_id(row) && strcmp(row, "0"))
            continue;
        snprintf(key, sizeof key, "o.%s.del", row);
        if (*gf_input(r, key))
            continue;
        snprintf(key, sizeof key, "o.%s.inn", row);
        inn = gf_input(r, key);
        snprintf(key, sizeof key, "o.%s.name", row);
        name = gf_input(r, key);
        snprintf(key, sizeof key, "o.%s.relation", row);
        relation = gf_input(r, key);
        if (!*inn && !*name && !*relation)
            continue;
        snprintf(prefix, sizeof prefix, "Rows.%d", n);
        gf_setf(r->hdf, "%s.inn=%s", prefix, inn);
        gf_setf(r->hdf, "%s.name=%s", prefix, name);
        gf_setf(r->hdf, "%s.relation=%s", prefix, relation);
        /* errors go under the row's new number: the page renumbers */
        snprintf(ekey, sizeof ekey, "o.%d.inn", n);
        if (!*inn)
            gf_field_error(r, ekey, "Укажите ИНН организации.");
        else if (!gf_single_line(inn) || gf_utf8_len(inn) < 0 || !gf_valid_inn(inn))
            gf_field_error(r, ekey, "ИНН — 10 или 12 цифр с верной контрольной суммой.");
        snprintf(ekey, sizeof ekey, "o.%d.name", n);
        gf_field_text(r, ekey, name, GF_REQUIRED | GF_ONE_LINE, ORG_NAME_MAX);
        snprintf(ekey, sizeof ekey, "o.%d.relation", n);
        gf_field_text(r, ekey, relation, GF_ONE_LINE, RELATION_MAX);
        n++;
    }
    if (n > ORGS_MAX) {
        snprintf(key, sizeof key, "Организаций — не больше %d: удалите лишние строки.", ORGS_MAX);
        gf_field_error(r, "orgs", key);
    }
    gf_set_int(r->hdf, "RowCount", n);
    return n;
}

static NEOERR *profile_save(gf_req *r)
{
    const char *about = gf_input(r, "about");
    int picked = 0;
    NEOERR *err;

    if ((err = profile_fill(r)))
        return nerr_pass(err);
    gf_field_text(r, "about", about, GF_OPTIONAL, ABOUT_MAX);
    for (HDF *d = hdf_get_child(r->hdf, "Directions"); d; d = hdf_obj_next(d))
        if (gf_checked(r, "dir", hdf_get_value(d, "id", "-"))) {
            gf_set(d, "checked", "1");
            picked++;
        }
    if (picked < gf_checked_count(r, "dir"))
        gf_field_error(r, "dir", "Отмечено направление, которого нет в списке: обновите страницу.");
    read_orgs(r);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_PROFILE_SAVE], ARGS(A_INT(r->user_id), A_STR(about)), NULL, NULL)) ||
        (err = gf_db_exec(Q[Q_DIRS_DEL], ARGS(A_INT(r->user_id)), NULL, NULL)) ||
        (err = gf_db_exec(Q[Q_ORGS_DEL], ARGS(A_INT(r->user_id)), NULL, NULL)))
        return nerr_pass(err);
    for (HDF *d = hdf_get_child(r->hdf, "Directions"); d; d = hdf_obj_next(d))
        if (hdf_get_int_value(d, "checked", 0) &&
            (err = gf_db_exec(Q[Q_DIR_ADD], ARGS(A_INT(r->user_id),
                                                 A_INT(hdf_get_int_value(d, "id", 0))), NULL, NULL)))
            return nerr_pass(err);
    for (HDF *o = hdf_get_child(r->hdf, "Rows"); o; o = hdf_obj_next(o))
        if ((err = gf_db_exec(Q[Q_ORG_ADD], ARGS(A_INT(r->user_id), A_STR(hdf_get_value(o, "inn", "")),
                                                 A_STR(hdf_get_value(o, "name", "")),
                                                 A_STR(hdf_get_value(o, "relation", ""))), NULL, NULL)))
            return nerr_pass(err);
    if ((err = gr_audit(r, "user", r->user_id, "update", NULL, NULL, "профиль эксперта")) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    gf_redirect(r, "/expert/profile?saved=1");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/expert/profile", profile_show, profile_save, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "expert_profile", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_EXPERT, .routes = routes};
    return gf_run(argc, argv, &prog);
}
