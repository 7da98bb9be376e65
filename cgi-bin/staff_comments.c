/*
 * staff_comments — "/staff/comments": the moderation of comments on
 * projects (comment.c), for staff.
 *
 * GET: comments of one status, newest first, a page at a time — pending
 * ones unless the filter says otherwise (approved, rejected, all) — with
 * the project (title, link), the author's name and e-mail, the text, the
 * time, and who decided; a filter by project; the counts per status.
 *
 * POST: approve or reject one comment (its row's buttons) or the ticked
 * ones (the buttons under the list), at most Comments.BulkMax at once. A
 * decision applies to a comment only while it still has the status the
 * page showed (the form carries it per row): one another moderator has
 * decided on meanwhile is left alone and counted in the message. Each
 * change is in the audit chain (gr_audit: who, from, to), all in one
 * transaction; the project page shows an approved comment at once (the
 * approved count is kept by triggers, schema/006).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_BY_STATUS, Q_BY_STATUS_PROJECT, Q_PROJECT, Q_LOCK, Q_DECIDE, Q__MAX };
static const char *const Q[] = {
    [Q_BY_STATUS] =
        "SELECT status, COUNT(*) AS n FROM comments GROUP BY status",
    [Q_BY_STATUS_PROJECT] =
        "SELECT status, COUNT(*) AS n FROM comments WHERE project_id = ? GROUP BY status",
    [Q_PROJECT] =
        "SELECT id, title, listed FROM projects WHERE id = ?",
    [Q_LOCK] =
        "SELECT status FROM comments WHERE id = ? FOR UPDATE",
    [Q_DECIDE] =
        "UPDATE comments SET status = ?, decided_by = ?, decided_at = NOW()"
        " WHERE id = ? AND status = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* The list, one statement per combination of filters (bit 0 status, bit 1
 * project): ix_comments_status (status, id) and ix_comments_project
 * (project_id, status, id) serve them. */
#define LIST(W)                                                                    \
    "SELECT c.id, c.project_id, p.title AS project, c.author_name, c.email, c.body,"  \
    " c.status, UNIX_TIMESTAMP(c.created_at) AS ts, UNIX_TIMESTAMP(c.decided_at) AS decided_ts," \
    " u.name AS decider FROM comments c JOIN projects p ON p.id = c.project_id"   \
    " LEFT JOIN users u ON u.id = c.decided_by WHERE TRUE" W                      \
    " ORDER BY c.id DESC LIMIT ? OFFSET ?"
#define COUNT(W) "SELECT COUNT(*) AS n FROM comments c WHERE TRUE" W
#define ST " AND c.status = ?"
#define PR " AND c.project_id = ?"
static const char *const Q_LIST[4] = {LIST(""), LIST(ST), LIST(PR), LIST(ST PR)};
static const char *const Q_COUNT[4] = {COUNT(""), COUNT(ST), COUNT(PR), COUNT(ST PR)};

/* The statuses in the filter's order, their names, and what a decision
 * makes of a comment. */
static const struct { const char *name, *label; } statuses[] = {
    {"pending", "На проверке"}, {"approved", "Одобрены"}, {"rejected", "Отклонены"},
};
#define NSTATUS (sizeof statuses / sizeof statuses[0])
static const struct { const char *action, *to, *done; } decisions[] = {
    {"approve", "approved", "Одобрено"},
    {"reject", "rejected", "Отклонено"},
};
#define NDECISION (sizeof decisions / sizeof decisions[0])

/* ---- filters ------------------------------------------------------------ */

struct filter { const char *status; long long project; int combo; gf_arg a[3]; int na; };

/* status: one we know or "all" (anything else: the queue, "pending");
 * project: an id (a project that does not exist is named as such). The
 * query string that keeps them goes to base (validated values only). */
static NEOERR *filters(gf_req *r, struct filter *f, char *base, size_t n)
{
    const char *v = gf_param(r, "status", "");
    int found = 0;
    NEOERR *err;

    memset(f, 0, sizeof *f);
    f->status = "pending";
    if (!strcmp(v, "all"))
        f->status = "";
    for (size_t i = 0; i < NSTATUS; i++)
        if (!strcmp(v, statuses[i].name))
            f->status = statuses[i].name;
    f->project = gf_parse_id(gf_param(r, "project", ""));
    if (f->project) {
        if ((err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(f->project)), r->hdf, "Filter.Project",
                             &found)))
            return nerr_pass(err);
        if (!found)
            gf_setf(r->hdf, "Filter.Missing=%lld", f->project);
    }
    gf_set(r->hdf, "Filter.status", *f->status ? f->status : "all");
    if (*f->status) {
        f->a[f->na++] = A_STR(f->status);
        f->combo |= 1;
    }
    if (f->project) {
        gf_setf(r->hdf, "Filter.project=%lld", f->project);
        f->a[f->na++] = A_INT(f->project);
        f->combo |= 2;
    }
    f->a[f->na] = A_END;
    snprintf(base, n, "status=%s&", *f->status ? f->status : "all");
    if (f->project)
        snprintf(base + strlen(base), n - strlen(base), "project=%lld&", f->project);
    gf_set(r->hdf, "Filter.Query", base);
    return STATUS_OK;
}

/* ---- the list ----------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    struct filter f;
    char query[96], base[128];
    long page = gf_pager_page(gf_param(r, "page", "1")), size = gf_cfg_int("Comments.QueuePage", 50);
    long long offset = 0;
    gf_arg a[5];
    HDF *row;
    int n = 0;
    NEOERR *err;

    r->page = "staff_comments.cs";
    gf_set(r->hdf, "Page.Title", "Комментарии к проектам");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    gf_setf(r->hdf, "BulkMax=%ld", gf_cfg_int("Comments.BulkMax", 100));
    if ((err = filters(r, &f, query, sizeof query)))
        return nerr_pass(err);
    for (size_t i = 0; i < NSTATUS; i++) {
        gf_setf(r->hdf, "Statuses.%zu.name=%s", i, statuses[i].name);
        gf_setf(r->hdf, "Statuses.%zu.label=%s", i, statuses[i].label);
    }
    err = f.project ? gf_db_rows(Q[Q_BY_STATUS_PROJECT], ARGS(A_INT(f.project)), r->hdf,
                                 "ByStatus", NULL)
                    : gf_db_rows(Q[Q_BY_STATUS], NOARGS, r->hdf, "ByStatus", NULL);
    if (err || (err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q_COUNT[f.combo], f.a, row, NULL, NULL);
    snprintf(base, sizeof base, "/staff/comments?%s", query);
    if (!err)
        offset = gf_pager(r->hdf, base, atoll(hdf_get_value(row, "n", "0")), size, &page);
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    gf_setf(r->hdf, "Filter.page=%ld", page);
    for (int i = 0; i < f.na; i++)
        a[n++] = f.a[i];
    a[n++] = A_INT(size);
    a[n++] = A_INT(offset);
    a[n] = A_END;
    if ((err = gf_db_rows(Q_LIST[f.combo], a, r->hdf, "Comments", NULL)))
        return nerr_pass(err);
    for (HDF *c = hdf_get_child(r->hdf, "Comments"); c; c = hdf_obj_next(c))
        for (size_t i = 0; i < NSTATUS; i++)
            if (!strcmp(hdf_get_value(c, "status", ""), statuses[i].name))
                gf_set(c, "status_label", statuses[i].label);
    /* what the last decision did (the redirect after it says) */
    for (size_t d = 0; d < NDECISION; d++)
        if (!strcmp(gf_param(r, "done", ""), decisions[d].action)) {
            gf_set(r->hdf, "Done.label", decisions[d].done);
            gf_setf(r->hdf, "Done.n=%lld", gf_parse_count(gf_param(r, "n", "")));
            gf_setf(r->hdf, "Done.skipped=%lld", gf_parse_count(gf_param(r, "skipped", "")));
        }
    return STATUS_OK;
}

/* ---- decisions ---------------------------------------------------------- */

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* A refusal of the whole request: the message above the list, which is
 * shown again with the ticks as they were. */
static NEOERR *refuse(gf_req *r, const char *msg)
{
    gf_field_error(r, "form", msg);
    r->status = 400;
    return nerr_pass(list(r));
}

/* The comments a POST decides on and the decision: one row's button
 * (approve=<id> or reject=<id>) or the ticked boxes (ids) with a button
 * under the list (bulk=approve|reject). *n = how many ids (at most max;
 * *n = max + 1 when more were sent); 0 when none or one is not an id. */
static int chosen(gf_req *r, size_t *d, long long *ids, int max, int *n)
{
    HDF *o;

    *n = 0;
    for (*d = 0; *d < NDECISION; (*d)++) {
        long long one = gf_parse_id(gf_param(r, decisions[*d].action, ""));
        if (one) {
            ids[(*n)++] = one;
            return 1;
        }
    }
    for (*d = 0; *d < NDECISION; (*d)++)
        if (!strcmp(gf_param(r, "bulk", ""), decisions[*d].action))
            break;
    if (*d == NDECISION || !(o = hdf_get_obj(r->hdf, "Query.ids")))
        return 0;
    if (!hdf_obj_child(o)) {
        if (!(ids[0] = gf_parse_id(hdf_obj_value(o))))
            return 0;
        *n = 1;
        return 1;
    }
    for (HDF *c = hdf_obj_child(o); c; c = hdf_obj_next(c)) {
        if (*n == max) {
            *n = max + 1;
            return 1;
        }
        if (!(ids[(*n)++] = gf_parse_id(hdf_obj_value(c))))
            return 0;
    }
    return 1;
}

static NEOERR *decide(gf_req *r)
{
    int max = (int)gf_cfg_int("Comments.BulkMax", 100), n = 0, changed = 0, skipped = 0;
    long long *ids;
    char key[64], path[200], msg[200], query[96];
    size_t d;
    struct filter f;
    HDF *now = NULL, *q = NULL;
    NEOERR *err;

    if (max < 1)
        max = 1;
    if (!(ids = calloc((size_t)max + 1, sizeof *ids)))
        gf_must(nerr_raise(NERR_NOMEM, "ids"));
    if (!chosen(r, &d, ids, max, &n) || n == 0) {
        err = refuse(r, "Отметьте комментарии, о которых нужно принять решение, и нажмите "
                        "«Одобрить отмеченные» или «Отклонить отмеченные».");
        goto done;
    }
    if (n > max) {
        snprintf(msg, sizeof msg, "За один раз можно одобрить или отклонить не больше %d "
                 "комментариев. Отметьте меньше.", max);
        err = refuse(r, msg);
        goto done;
    }
    /* rows locked in one order: two moderators' bulk decisions never deadlock */
    qsort(ids, (size_t)n, sizeof *ids, cmp_id);
    if ((err = hdf_init(&now)) || (err = hdf_init(&q)) || (err = gf_db_begin()))
        goto done;
    for (int i = 0; i < n && !err; i++) {
        const char *was, *seen;
        int found = 0;
        if (i && ids[i] == ids[i - 1])
            continue;
        hdf_remove_tree(now, "status");
        if ((err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(ids[i])), now, NULL, &found)))
            break;
        was = hdf_get_value(now, "status", "");
        snprintf(key, sizeof key, "seen.%lld", ids[i]);
        seen = gf_param(r, key, "");
        if (!found || strcmp(was, seen) || !strcmp(was, decisions[d].to)) {
            skipped++;
            continue;
        }
        if (!(err = gf_db_exec(Q[Q_DECIDE], ARGS(A_STR(decisions[d].to), A_INT(r->user_id),
                                                 A_INT(ids[i]), A_STR(was)), NULL, NULL))) {
            gr_audit_later(q, "comment", ids[i], decisions[d].action, was, decisions[d].to, NULL);
            changed++;
        }
    }
    if (err || (err = gr_audit_flush(r, q)) || (err = gf_db_commit()))
        goto done;
    if ((err = filters(r, &f, query, sizeof query)))
        goto done;
    snprintf(path, sizeof path, "/staff/comments?%sdone=%s&n=%d&skipped=%d", query,
             decisions[d].action, changed, skipped);
    gf_redirect(r, path);
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&now);
    hdf_destroy(&q);
    free(ids);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/comments", list, decide, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_comments", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
