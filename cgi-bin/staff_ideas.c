/*
 * staff_ideas — the ideas and proposals citizens send (/ideas), for staff.
 *
 *   /staff/ideas        newest first, paged: author and email,
 *                       municipality, text, status; filters status and
 *                       municipality (bookmarkable, invalid values ignored)
 *   /staff/ideas/<id>   one idea with its replies: a reply by mail to the
 *                       author (outbox), «Прочитано», «Спам», «Не спам»
 *   /staff/ideas.csv    the filtered list for Excel
 *
 * A decision is taken on the status the page showed (the form carries it):
 * when someone else changed it meanwhile the decision is refused with what
 * it is now, and a reply written while a colleague answered is held back
 * (the text stays) until it has been read. Every change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum {
    Q_BY_STATUS, Q_IDEA, Q_LOCK, Q_REPLIES, Q_SET_STATUS, Q_ADD_REPLY, Q__MAX
};
static const char *const Q[] = {
    [Q_BY_STATUS] =
        "SELECT status, COUNT(*) AS n FROM ideas GROUP BY status",
    [Q_IDEA] =
        "SELECT id, name, email, municipality_id AS municipality, body, status,"
        " UNIX_TIMESTAMP(created_at) AS ts FROM ideas WHERE id = ?",
    [Q_LOCK] =
        "SELECT i.status, (SELECT COUNT(*) FROM idea_replies r WHERE r.idea_id = i.id) AS replies"
        " FROM ideas i WHERE i.id = ? FOR UPDATE",
    [Q_REPLIES] =
        "SELECT r.body, UNIX_TIMESTAMP(r.created_at) AS ts, u.name AS author"
        " FROM idea_replies r JOIN users u ON u.id = r.user_id WHERE r.idea_id = ? ORDER BY r.id",
    [Q_SET_STATUS] =
        "UPDATE ideas SET status = ? WHERE id = ? AND status = ?",
    [Q_ADD_REPLY] =
        "INSERT INTO idea_replies (idea_id, user_id, body, created_at) VALUES (?, ?, ?, NOW())",
};
GF_STATEMENTS(Q, Q__MAX);

/* The listing and the export, one statement per combination of filters
 * (bit 0 status, 1 municipality); ideas are thousands, not millions:
 * ix_ideas_status (status, id) and the municipality key serve them. */
#define COLS                                                                      \
    " i.id, i.name, i.email, i.municipality_id AS municipality, i.status,"        \
    " UNIX_TIMESTAMP(i.created_at) AS ts,"                                        \
    " (SELECT COUNT(*) FROM idea_replies r WHERE r.idea_id = i.id) AS replies"
#define LIST(W)                                                                   \
    "SELECT" COLS ", LEFT(i.body, 400) AS body, CHAR_LENGTH(i.body) > 400 AS cut"  \
    " FROM ideas i WHERE TRUE" W " ORDER BY i.id DESC LIMIT ? OFFSET ?"
#define COUNT(W) "SELECT COUNT(*) AS n FROM ideas i WHERE TRUE" W
/* the export in chunks, each below the last id of the one before */
#define EXPORT(W)                                                                 \
    "SELECT" COLS ", i.body FROM ideas i WHERE i.id < ?" W " ORDER BY i.id DESC LIMIT 1000"
#define ST " AND i.status = ?"
#define MU " AND i.municipality_id = ?"
#define ALL4(M) {M(""), M(ST), M(MU), M(ST MU)}
static const char *const Q_LIST[4] = ALL4(LIST);
static const char *const Q_COUNT[4] = ALL4(COUNT);
static const char *const Q_EXPORT[4] = ALL4(EXPORT);

/* The statuses, in the order the filter offers them, and their names. */
static const struct { const char *name, *label; } statuses[] = {
    {"new", "Новое"}, {"read", "Прочитано"}, {"answered", "Отвечено"}, {"spam", "Спам"},
};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

static const char *status_label(const char *name)
{
    for (size_t i = 0; i < NSTATUS; i++)
        if (!strcmp(statuses[i].name, name))
            return statuses[i].label;
    return name;
}

/* The decisions a button takes: from which statuses, to which. */
static const struct { const char *action, *from[3], *to; } decisions[] = {
    {"read", {"new"}, "read"},
    {"spam", {"new", "read"}, "spam"},
    {"unspam", {"spam"}, "read"},
};

/* ---- filters ------------------------------------------------------------ */

struct filter { const char *status; long long muni; int combo; gf_arg a[4]; int na; };

/* The filters from the query: a status we know, a municipality of the
 * list; anything else is ignored. Filter.* and the municipality options
 * for the form; Base: the query string that keeps them. */
static NEOERR *filters(gf_req *r, struct filter *f, char *base, size_t n)
{
    const char *v = gf_param(r, "status", ""), *html;
    int has = 0;
    NEOERR *err;

    memset(f, 0, sizeof *f);
    f->status = "";
    for (size_t i = 0; i < NSTATUS; i++)
        if (!strcmp(v, statuses[i].name))
            f->status = statuses[i].name;
    f->muni = gf_parse_id(gf_param(r, "municipality", ""));
    if (f->muni && (err = gr_list_find(GR_LIST_MUNICIPALITIES, f->muni, &has)))
        return nerr_pass(err);
    if (!has)
        f->muni = 0;
    if ((err = gr_list_options(GR_LIST_MUNICIPALITIES, f->muni, &html)))
        return nerr_pass(err);
    gf_set(r->hdf, "Filter.Options.municipality", html);
    gf_set(r->hdf, "Filter.status", f->status);
    if (f->muni)
        gf_setf(r->hdf, "Filter.municipality=%lld", f->muni);
    if (*f->status) {
        f->a[f->na++] = A_STR(f->status);
        f->combo |= 1;
    }
    if (f->muni) {
        f->a[f->na++] = A_INT(f->muni);
        f->combo |= 2;
    }
    f->a[f->na] = A_END;
    /* only validated values go into links */
    snprintf(base, n, "%s%s%s", *f->status ? "status=" : "", f->status, *f->status ? "&" : "");
    if (f->muni)
        snprintf(base + strlen(base), n - strlen(base), "municipality=%lld&", f->muni);
    gf_set(r->hdf, "Filter.Query", base);
    return STATUS_OK;
}

/* Municipality names and status labels into each row of list. */
static NEOERR *label_rows(HDF *list)
{
    const char *m;
    NEOERR *err;

    for (HDF *i = hdf_get_child(list, NULL); i; i = hdf_obj_next(i)) {
        if ((err = gr_list_label(GR_LIST_MUNICIPALITIES,
                                 atoll(hdf_get_value(i, "municipality", "0")), &m)))
            return nerr_pass(err);
        gf_set(i, "municipality", m);
        gf_set(i, "status_label", status_label(hdf_get_value(i, "status", "")));
    }
    return STATUS_OK;
}

/* ---- the list ----------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    struct filter f;
    char query[128], base[160];
    long page = gf_pager_page(gf_param(r, "page", "1")), size = gf_cfg_int("Listing.PageSize", 20);
    long long offset = 0;
    gf_arg a[6];
    HDF *row;
    int n = 0;
    NEOERR *err;

    r->page = "staff_ideas.cs";
    gf_set(r->hdf, "Page.Title", "Идеи и предложения");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    if ((err = filters(r, &f, query, sizeof query)))
        return nerr_pass(err);
    for (size_t i = 0; i < NSTATUS; i++) {
        gf_setf(r->hdf, "Statuses.%zu.name=%s", i, statuses[i].name);
        gf_setf(r->hdf, "Statuses.%zu.label=%s", i, statuses[i].label);
    }
    if ((err = gf_db_rows(Q[Q_BY_STATUS], NOARGS, r->hdf, "ByStatus", NULL)) ||
        (err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q_COUNT[f.combo], f.a, row, NULL, NULL);
    snprintf(base, sizeof base, "/staff/ideas?%s", query);
    if (!err)
        offset = gf_pager(r->hdf, base, atoll(hdf_get_value(row, "n", "0")), size, &page);
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    for (int i = 0; i < f.na; i++)
        a[n++] = f.a[i];
    a[n++] = A_INT(size);
    a[n++] = A_INT(offset);
    a[n] = A_END;
    if ((err = gf_db_rows(Q_LIST[f.combo], a, r->hdf, "Ideas", NULL)))
        return nerr_pass(err);
    return nerr_pass(label_rows(hdf_get_obj(r->hdf, "Ideas")));
}

/* ---- the export --------------------------------------------------------- */

static NEOERR *export(gf_req *r)
{
    static const char *const head[] = {"Номер", "Дата (МСК)", "Имя", "Эл. почта",
                                       "Муниципальное образование", "Статус", "Ответов",
                                       "Текст", NULL};
    struct filter f;
    char query[128], when[32];
    long long below = (1LL << 62);
    gf_csv c;
    gf_arg a[6];
    HDF *chunk = NULL;
    int n, got = 0;
    NEOERR *err;

    if ((err = filters(r, &f, query, sizeof query)))
        return nerr_pass(err);
    gf_csv_start(&c);
    for (int i = 0; head[i]; i++)
        gf_csv_cell(&c, head[i]);
    gf_csv_end_row(&c);
    do {
        hdf_destroy(&chunk);
        n = 0;
        a[n++] = A_INT(below);
        for (int i = 0; i < f.na; i++)
            a[n++] = f.a[i];
        a[n] = A_END;
        if ((err = hdf_init(&chunk)) ||
            (err = gf_db_rows(Q_EXPORT[f.combo], a, chunk, "Rows", &got)) ||
            (err = label_rows(hdf_get_obj(chunk, "Rows"))))
            break;
        for (HDF *i = hdf_get_child(chunk, "Rows"); i; i = hdf_obj_next(i)) {
            gf_fmt_msk((time_t)hdf_get_int_value(i, "ts", 0), 1, when, sizeof when);
            gf_csv_cell(&c, hdf_get_value(i, "id", ""));
            gf_csv_cell(&c, when);
            gf_csv_cell(&c, hdf_get_value(i, "name", ""));
            gf_csv_cell(&c, hdf_get_value(i, "email", ""));
            gf_csv_cell(&c, hdf_get_value(i, "municipality", ""));
            gf_csv_cell(&c, hdf_get_value(i, "status_label", ""));
            gf_csv_cell(&c, hdf_get_value(i, "replies", "0"));
            gf_csv_cell(&c, hdf_get_value(i, "body", ""));
            gf_csv_end_row(&c);
            below = atoll(hdf_get_value(i, "id", "0"));
        }
    } while (got == 1000);
    hdf_destroy(&chunk);
    if (err) {
        string_clear(&c.out);
        return nerr_pass(err);
    }
    gf_download_data(r, c.out.buf, (size_t)c.out.len, "text/csv; charset=utf-8", "ideas.csv");
    return STATUS_OK;
}

/* ---- one idea ----------------------------------------------------------- */

static NEOERR *load(gf_req *r)
{
    const char *m;
    int found = 0;
    NEOERR *err;

    r->page = "staff_ideas_one.cs";
    gf_set(r->hdf, "Page.Nav", "cabinet");
    if ((err = gf_db_row(Q[Q_IDEA], ARGS(A_INT(r->id)), r->hdf, "Idea", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no idea %lld", r->id);
    gf_setf(r->hdf, "Page.Title=Предложение № %lld", r->id);
    if ((err = gr_list_label(GR_LIST_MUNICIPALITIES,
                             atoll(hdf_get_value(r->hdf, "Idea.municipality", "0")), &m)))
        return nerr_pass(err);
    gf_set(r->hdf, "Idea.municipality", m);
    gf_set(r->hdf, "Idea.status_label", status_label(hdf_get_value(r->hdf, "Idea.status", "")));
    for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
        for (int k = 0; k < 3 && decisions[i].from[k]; k++)
            if (!strcmp(decisions[i].from[k], hdf_get_value(r->hdf, "Idea.status", "")))
                gf_setf(r->hdf, "Can.%s=1", decisions[i].action);
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    return nerr_pass(gf_db_rows(Q[Q_REPLIES], ARGS(A_INT(r->id)), r->hdf, "Replies", NULL));
}

static NEOERR *show(gf_req *r)
{
    return nerr_pass(load(r));
}

/* The idea locked for a decision: its status and how many replies it has. */
static NEOERR *lock(gf_req *r, HDF *now)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_begin()) ||
        (err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), now, NULL, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no idea %lld", r->id);
    return STATUS_OK;
}

/* A refusal shown above the page, which shows the idea as it is now. */
static NEOERR *refuse(gf_req *r, const char *fmt, const char *status)
{
    char msg[400];

    gf_db_rollback();
    snprintf(msg, sizeof msg, fmt, status_label(status));
    gf_field_error(r, "form", msg);
    r->status = 409;
    return nerr_pass(load(r));
}

static NEOERR *decide(gf_req *r, const char *action)
{
    const char *seen = gf_param(r, "seen", ""), *was;
    char path[64];
    size_t d;
    int allowed = 0;
    HDF *now;
    NEOERR *err;

    for (d = 0; d < sizeof decisions / sizeof decisions[0]; d++)
        if (!strcmp(decisions[d].action, action))
            break;
    if (d == sizeof decisions / sizeof decisions[0])
        return nerr_raise(GF_ERR_BADREQ, "unknown action");
    if ((err = hdf_init(&now)))
        return nerr_pass(err);
    if ((err = lock(r, now)))
        goto done;
    was = hdf_get_value(now, "status", "");
    for (int k = 0; k < 3 && decisions[d].from[k]; k++)
        allowed |= !strcmp(decisions[d].from[k], was);
    if (strcmp(was, seen) || !allowed) {
        err = refuse(r, "Статус предложения уже изменил другой сотрудник: теперь «%s». "
                        "Проверьте и повторите, если нужно.", was);
        goto done;
    }
    if (!(err = gf_db_exec(Q[Q_SET_STATUS], ARGS(A_STR(decisions[d].to), A_INT(r->id), A_STR(was)),
                           NULL, NULL)) &&
        !(err = gr_audit(r, "idea", r->id, "status", was, decisions[d].to, NULL)) &&
        !(err = gf_db_commit())) {
        snprintf(path, sizeof path, "/staff/ideas/%lld?done=%s", r->id, decisions[d].action);
        gf_redirect(r, path);
    }
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&now);
    return nerr_pass(err);
}

/* The reply: a row, the mail to the author (outbox) and the status
 * "answered", in one transaction. */
static NEOERR *reply(gf_req *r)
{
    const char *body = gf_input(r, "body"), *was;
    char path[64];
    HDF *now = NULL, *mail = NULL;
    NEOERR *err;

    if (gf_field_text(r, "body", body, GF_REQUIRED, 5000) && gf_utf8_len(body) < 5)
        gf_field_error(r, "body", "Слишком коротко для ответа.");
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return nerr_pass(load(r));
    }
    if ((err = hdf_init(&now)) || (err = hdf_init(&mail)) || (err = lock(r, now)))
        goto done;
    was = hdf_get_value(now, "status", "");
    if (!strcmp(was, "spam")) {
        err = refuse(r, "Ответ не отправлен: предложение отмечено как «%s». Снимите отметку, если это не спам.", was);
        goto done;
    }
    if (strcmp(hdf_get_value(now, "replies", "0"), gf_param(r, "replies", ""))) {
        err = refuse(r, "Ответ не отправлен: пока вы писали, другой сотрудник уже ответил (статус «%s»). "
                        "Прочитайте его ответ ниже; ваш текст сохранён в форме.", was);
        goto done;
    }
    if ((err = gf_db_row(Q[Q_IDEA], ARGS(A_INT(r->id)), mail, "Idea", NULL)))
        goto done;
    gf_set(mail, "Reply", body);
    gf_set(mail, "Staff", hdf_get_value(r->hdf, "User.Name", ""));
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
    if ((err = gf_db_exec(Q[Q_ADD_REPLY], ARGS(A_INT(r->id), A_INT(r->user_id), A_STR(body)),
                          NULL, NULL)) ||
        (strcmp(was, "answered") &&
         (err = gf_db_exec(Q[Q_SET_STATUS], ARGS(A_STR("answered"), A_INT(r->id), A_STR(was)),
                           NULL, NULL))) ||
        (err = gf_mail_queue(r, hdf_get_value(mail, "Idea.email", ""), "idea_reply.cs", mail)) ||
        (err = gr_audit(r, "idea", r->id, "reply", was, "answered", NULL)) ||
        (err = gf_db_commit()))
        goto done;
    snprintf(path, sizeof path, "/staff/ideas/%lld?done=reply", r->id);
    gf_redirect(r, path);
done:
    if (err)
        gf_db_rollback();
    hdf_destroy(&now);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

static NEOERR *act(gf_req *r)
{
    const char *action = gf_param(r, "action", "");

    if (!strcmp(action, "reply"))
        return nerr_pass(reply(r));
    return nerr_pass(decide(r, action));
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/ideas", list, NULL, 0, 0},
        {"/staff/ideas/#", show, act, 0, 0},
        {"/staff/ideas.csv", export, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_ideas", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
