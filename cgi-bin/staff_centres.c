/*
 * staff_centres — the NGO resource centres for staff.
 *
 *   /staff/centres                   every centre (shown and hidden) by
 *                                    municipality, with its requests: new
 *                                    and in all
 *   /staff/centres/new               a new centre
 *   /staff/centres/<id>              a centre's card: municipality, name,
 *                                    address, phone, e-mail (without one the
 *                                    public page offers no request form),
 *                                    hours, services, website, shown/hidden
 *   /staff/centres/<id>/requests     its consultation requests, newest
 *                                    first, paged; «Отвечен» / «Ждёт ответа»
 *
 * A centre is hidden rather than deleted: its requests keep their centre.
 * Every change is audited (object "centre" or "consultation"). A request's
 * mark is taken on the status the page showed: when a colleague changed
 * it meanwhile, the change is refused with what it is now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

#define FIELDS "municipality_id, name, address, phone, email, hours, services, website, active"

enum {
    Q_LIST, Q_ONE, Q_INSERT, Q_UPDATE, Q_REQ_COUNT, Q_REQS, Q_REQ_LOCK, Q_REQ_SET, Q__MAX
};
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT rc.id, rc.name, rc.email, rc.phone, rc.active, m.name AS municipality,"
        " (SELECT COUNT(*) FROM consultation_requests q WHERE q.centre_id = rc.id) AS requests,"
        " (SELECT COUNT(*) FROM consultation_requests q WHERE q.centre_id = rc.id"
        " AND q.status = 'new') AS new_requests"
        " FROM resource_centres rc JOIN municipalities m ON m.id = rc.municipality_id"
        " ORDER BY m.sort, rc.name, rc.id",
    [Q_ONE] =
        "SELECT id, municipality_id AS municipality, name, address, phone, email, hours,"
        " services, website, active FROM resource_centres WHERE id = ?",
    [Q_INSERT] =
        "INSERT INTO resource_centres (" FIELDS ", updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())",
    [Q_UPDATE] =
        "UPDATE resource_centres SET municipality_id = ?, name = ?, address = ?, phone = ?,"
        " email = ?, hours = ?, services = ?, website = ?, active = ?, updated_at = NOW()"
        " WHERE id = ?",
    [Q_REQ_COUNT] = "SELECT COUNT(*) AS n FROM consultation_requests WHERE centre_id = ?",
    [Q_REQS] =
        "SELECT q.id, q.number, q.name, q.organization, q.email, q.phone, q.question, q.status,"
        " UNIX_TIMESTAMP(q.created_at) AS ts, UNIX_TIMESTAMP(q.answered_at) AS answered_ts,"
        " u.name AS answered_by FROM consultation_requests q"
        " LEFT JOIN users u ON u.id = q.answered_by"
        " WHERE q.centre_id = ? ORDER BY q.id DESC LIMIT ? OFFSET ?",
    [Q_REQ_LOCK] =
        "SELECT status, number FROM consultation_requests WHERE id = ? AND centre_id = ? FOR UPDATE",
    [Q_REQ_SET] =
        "UPDATE consultation_requests SET status = ?,"
        " answered_at = IF(? = 'answered', NOW(), NULL), answered_by = ? WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

#define PAGE_SIZE 50

/* ---- the list ----------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "Centres", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Ресурсные центры НКО");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_centres.cs";
    return STATUS_OK;
}

/* ---- one centre's card: new and edit ------------------------------------ */

struct centre {
    long long muni;
    const char *name, *address, *phone, *email, *hours, *services, *website_typed;
    char *website;      /* malloc'd (gf_web_address), or NULL */
    int active;
};

static NEOERR *form_page(gf_req *r, const char *title)
{
    gf_set(r->hdf, "Page.Title", title);
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_centres_one.cs";
    return nerr_pass(gr_lists_load(r->hdf, GR_LIST_MUNICIPALITIES));
}

/* The card as typed, checked: each problem next to its field. */
static void read_form(gf_req *r, struct centre *c)
{
    c->muni = gf_parse_id(gf_param(r, "municipality", ""));
    if (!gr_list_has(r->hdf, "Municipalities", c->muni))
        gf_field_error(r, "municipality", "Выберите муниципальное образование из списка.");
    c->name = gf_input(r, "name");
    gf_field_text(r, "name", c->name, GF_REQUIRED | GF_ONE_LINE, 300);
    c->address = gf_input(r, "address");
    gf_field_text(r, "address", c->address, GF_REQUIRED | GF_ONE_LINE, 500);
    c->phone = gf_input(r, "phone");
    if (gf_field_text(r, "phone", c->phone, GF_ONE_LINE, 40) && *c->phone &&
        !gf_valid_phone(c->phone, NULL, 0))
        gf_field_error(r, "phone", "Телефон указан неверно: 10–15 цифр, например "
                                   "+7 (861) 200-00-01.");
    c->email = gf_input(r, "email");
    if (*c->email && !gf_valid_email(c->email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: "
                                   "rc@mail.ru.");
    c->hours = gf_input(r, "hours");
    gf_field_text(r, "hours", c->hours, GF_ONE_LINE, 300);
    c->services = gf_input(r, "services");
    gf_field_text(r, "services", c->services, GF_OPTIONAL, 2000);
    c->website_typed = gf_input(r, "website");
    c->website = NULL;
    if (gf_field_text(r, "website", c->website_typed, GF_ONE_LINE, 300) && *c->website_typed &&
        !(c->website = gf_web_address(c->website_typed)))
        gf_field_error(r, "website", "Адрес сайта указан неверно, например: rc-nko.ru.");
    if (c->website && strlen(c->website) > 300)
        gf_field_error(r, "website", "Адрес сайта длиннее 300 символов.");
    c->active = !strcmp(gf_param(r, "active", ""), "1");
}

static NEOERR *new_form(gf_req *r)
{
    gf_set(r->hdf, "Query.active", "1");
    return nerr_pass(form_page(r, "Новый ресурсный центр"));
}

/* Saves the card (id 0: a new centre) and its audit entry in one
 * transaction; *id gets the centre's id. */
static NEOERR *save(gf_req *r, struct centre *c, long long *id)
{
    const char *was = hdf_get_value(r->hdf, "Was.active", "");
    char state[8];
    NEOERR *err;

    snprintf(state, sizeof state, "%s", c->active ? "shown" : "hidden");
    if ((err = gf_db_begin()))
        return nerr_pass(err);
    if (!*id)
        err = gf_db_exec(Q[Q_INSERT],
                         ARGS(A_INT(c->muni), A_STR(c->name), A_STR(c->address), A_STR(c->phone),
                              A_STR(c->email), A_STR(c->hours), A_STR(c->services),
                              A_STR(c->website ? c->website : ""), A_INT(c->active)),
                         NULL, id);
    else
        err = gf_db_exec(Q[Q_UPDATE],
                         ARGS(A_INT(c->muni), A_STR(c->name), A_STR(c->address), A_STR(c->phone),
                              A_STR(c->email), A_STR(c->hours), A_STR(c->services),
                              A_STR(c->website ? c->website : ""), A_INT(c->active), A_INT(*id)),
                         NULL, NULL);
    if (!err)
        err = gr_audit(r, "centre", *id, *was ? "update" : "create",
                       *was ? (strcmp(was, "1") ? "hidden" : "shown") : NULL, state, c->name);
    if (!err)
        err = gf_db_commit();
    if (err)
        gf_db_rollback();
    return nerr_pass(err);
}

static NEOERR *create(gf_req *r)
{
    struct centre c;
    long long id = 0;
    char to[64];
    NEOERR *err;

    if ((err = form_page(r, "Новый ресурсный центр")))
        return nerr_pass(err);
    read_form(r, &c);
    if (!gf_form_has_errors(r) && !(err = save(r, &c, &id))) {
        snprintf(to, sizeof to, "/staff/centres/%lld?saved=1", id);
        gf_redirect(r, to);
    } else if (!err) {
        r->status = 400;
    }
    free(c.website);
    return nerr_pass(err);
}

/* The stored card into Query.* (what the form shows) and Was.active. */
static NEOERR *load(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_ONE], ARGS(A_INT(r->id)), r->hdf, "Centre", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "centre %lld", r->id);
    gf_set(r->hdf, "Was.active", hdf_get_value(r->hdf, "Centre.active", "1"));
    return nerr_pass(gf_db_row(Q[Q_REQ_COUNT], ARGS(A_INT(r->id)), r->hdf, "Requests", NULL));
}

static NEOERR *edit_form(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r)) || (err = form_page(r, hdf_get_value(r->hdf, "Centre.name", ""))))
        return nerr_pass(err);
    gf_must(hdf_copy(r->hdf, "Query", hdf_get_obj(r->hdf, "Centre")));
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    return STATUS_OK;
}

static NEOERR *update(gf_req *r)
{
    struct centre c;
    long long id = r->id;
    char to[64];
    NEOERR *err;

    if ((err = load(r)) || (err = form_page(r, hdf_get_value(r->hdf, "Centre.name", ""))))
        return nerr_pass(err);
    read_form(r, &c);
    if (!gf_form_has_errors(r) && !(err = save(r, &c, &id))) {
        snprintf(to, sizeof to, "/staff/centres/%lld?saved=1", id);
        gf_redirect(r, to);
    } else if (!err) {
        r->status = 400;
    }
    free(c.website);
    return nerr_pass(err);
}

/* ---- a centre's consultation requests ----------------------------------- */

static NEOERR *requests(gf_req *r)
{
    long page = gf_pager_page(gf_param(r, "page", ""));
    long long offset;
    char base[64];
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    snprintf(base, sizeof base, "/staff/centres/%lld/requests?", r->id);
    offset = gf_pager(r->hdf, base, hdf_get_int_value(r->hdf, "Requests.n", 0), PAGE_SIZE, &page);
    if ((err = gf_db_rows(Q[Q_REQS], ARGS(A_INT(r->id), A_INT(PAGE_SIZE), A_INT(offset)),
                          r->hdf, "Reqs", NULL)))
        return nerr_pass(err);
    gf_setf(r->hdf, "Page.Title=Запросы на консультацию: %s",
            hdf_get_value(r->hdf, "Centre.name", ""));
    gf_set(r->hdf, "Page.Nav", "staff");
    gf_set(r->hdf, "Done", gf_param(r, "done", ""));
    r->page = "staff_centres_requests.cs";
    return STATUS_OK;
}

/* «Отвечен» or «Ждёт ответа» on one request, from the status the page
 * showed (`was`); a change made meanwhile is a 409 with what it is now. */
static NEOERR *mark(gf_req *r)
{
    long long rid = gf_parse_id(gf_param(r, "request", ""));
    const char *to = gf_param(r, "status", ""), *was = gf_param(r, "was", ""), *now;
    char loc[96];
    int found = 0;
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    if (strcmp(to, "answered") && strcmp(to, "new"))
        return nerr_raise(GF_ERR_BADREQ, "status %.20s", to);
    if ((err = gf_db_begin()) ||
        (err = gf_db_row(Q[Q_REQ_LOCK], ARGS(A_INT(rid), A_INT(r->id)), r->hdf, "Req", &found)))
        goto fail;
    if (!found) {
        gf_db_rollback();
        return nerr_raise(GF_ERR_NOTFOUND, "request %lld of centre %lld", rid, r->id);
    }
    now = hdf_get_value(r->hdf, "Req.status", "");
    if (strcmp(now, was) || !strcmp(now, to)) {
        gf_db_rollback();
        gf_set(r->hdf, "Conflict.number", hdf_get_value(r->hdf, "Req.number", ""));
        gf_set(r->hdf, "Conflict.status", now);
        if ((err = requests(r)))
            return nerr_pass(err);
        r->status = 409;
        return STATUS_OK;
    }
    if ((err = gf_db_exec(Q[Q_REQ_SET],
                          ARGS(A_STR(to), A_STR(to),
                               strcmp(to, "answered") ? A_NULL : A_INT(r->user_id), A_INT(rid)),
                          NULL, NULL)) ||
        (err = gr_audit(r, "consultation", rid, strcmp(to, "answered") ? "reopen" : "answer",
                        now, to, hdf_get_value(r->hdf, "Req.number", ""))) ||
        (err = gf_db_commit()))
        goto fail;
    snprintf(loc, sizeof loc, "/staff/centres/%lld/requests?done=1#req-%lld", r->id, rid);
    gf_redirect(r, loc);
    return STATUS_OK;
fail:
    gf_db_rollback();
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/centres", list, NULL, 0, 0},
        {"/staff/centres/new", new_form, create, 0, 0},
        {"/staff/centres/#", edit_form, update, 0, 0},
        {"/staff/centres/#/requests", requests, mark, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_centres", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
