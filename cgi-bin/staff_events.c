/*
 * staff_events — events for staff:
 *   /staff/events                         every event, newest first, seats taken
 *   /staff/events/new                     a new event
 *   /staff/events/<id>                    its settings (title, kind, start and
 *                                         end in Moscow time, place, online
 *                                         link, contact, seats, registration
 *                                         open, description and follow-up in
 *                                         Markdown) and the people registered
 *   /staff/events/<id>/registrations.csv  those people for Excel
 * Every creation and change is an audit entry (gr_audit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grant.h"

#define EVENT_COLUMNS                                                                 \
    "id, title, kind, UNIX_TIMESTAMP(starts_at) AS starts_ts, UNIX_TIMESTAMP(ends_at) AS ends_ts," \
    " place, online_url, contact, seats, registered, registration_open, description, followup"

enum { Q_LIST, Q_ONE, Q_LOCK, Q_INSERT, Q_UPDATE, Q_PEOPLE, Q__MAX };
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT id, title, kind, UNIX_TIMESTAMP(starts_at) AS starts_ts, place, seats, registered,"
        " registration_open, ends_at < NOW() AS past FROM events"
        " ORDER BY starts_at DESC, id DESC LIMIT 500",
    [Q_ONE] = "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?",
    /* a change and the registrations it is checked against, serialized */
    [Q_LOCK] = "SELECT registered, title FROM events WHERE id = ? FOR UPDATE",
    [Q_INSERT] =
        "INSERT INTO events (title, kind, starts_at, ends_at, place, online_url, contact, seats,"
        " registration_open, description, followup, created_at, updated_at)"
        " VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, NOW(), NOW())",
    [Q_UPDATE] =
        "UPDATE events SET title = ?, kind = ?, starts_at = FROM_UNIXTIME(?),"
        " ends_at = FROM_UNIXTIME(?), place = ?, online_url = ?, contact = ?, seats = ?,"
        " registration_open = ?, description = ?, followup = ?, updated_at = NOW() WHERE id = ?",
    [Q_PEOPLE] =
        "SELECT id, name, organization, email, UNIX_TIMESTAMP(created_at) AS ts,"
        " reminded_at IS NOT NULL AS reminded FROM event_registrations"
        " WHERE event_id = ? ORDER BY id",
};
GF_STATEMENTS(Q, Q__MAX);

/* What the form posts, checked. */
struct ev {
    const char *title, *kind, *place, *contact, *description, *followup;
    char *url;               /* malloc'd (gf_web_address), or NULL */
    long long starts, ends, seats;
    int open;
};

static void kinds(gf_req *r)
{
    for (int i = 0; gr_event_kinds[i].name; i++) {
        gf_setf(r->hdf, "Kinds.%d.id=%s", i, gr_event_kinds[i].name);
        gf_setf(r->hdf, "Kinds.%d.name=%s", i, gr_event_kinds[i].title);
    }
}

static void read_form(gf_req *r, struct ev *e)
{
    const char *url = gf_input(r, "online_url"), *seats = gf_input(r, "seats");

    e->title = gf_input(r, "title");
    e->kind = gf_input(r, "kind");
    e->place = gf_input(r, "place");
    e->contact = gf_input(r, "contact");
    e->description = gf_input(r, "description");
    e->followup = gf_input(r, "followup");
    e->open = !strcmp(gf_param(r, "registration_open", ""), "1");
    gf_field_text(r, "title", e->title, GF_REQUIRED | GF_ONE_LINE, 300);
    if (!gr_event_kind_title(e->kind))
        gf_field_error(r, "kind", "Выберите вид мероприятия из списка.");
    if (!gr_parse_msk(gf_input(r, "starts_at"), &e->starts))
        gf_field_error(r, "starts_at", "Укажите дату и время начала, например 01.12.2026 10:00.");
    if (!gr_parse_msk(gf_input(r, "ends_at"), &e->ends))
        gf_field_error(r, "ends_at", "Укажите дату и время окончания, например 01.12.2026 13:00.");
    else if (e->starts && e->ends <= e->starts)
        gf_field_error(r, "ends_at", "Окончание должно быть позже начала.");
    gf_field_text(r, "place", e->place, GF_ONE_LINE, 500);
    e->url = NULL;
    if (*url && gf_field_text(r, "online_url", url, GF_ONE_LINE, 500) &&
        !(e->url = gf_web_address(url)))
        gf_field_error(r, "online_url", "Ссылка указана неверно, например: https://meet.example.ru/abc.");
    if (!*e->place && !*url)
        gf_field_error(r, "place", "Укажите адрес или ссылку на онлайн-трансляцию.");
    gf_field_text(r, "contact", e->contact, GF_ONE_LINE, 300);
    e->seats = 0;
    if (*seats && strcmp(seats, "0") && !((e->seats = gf_parse_count(seats)) > 0 && e->seats <= 100000))
        gf_field_error(r, "seats", "Укажите число мест от 1 до 100 000 или оставьте поле пустым.");
    gf_field_text(r, "description", e->description, GF_REQUIRED, 20000);
    gf_field_text(r, "followup", e->followup, GF_OPTIONAL, 20000);
}

static const gf_arg *values(const struct ev *e, gf_arg *a, long long id)
{
    int n = 0;

    a[n++] = A_STR(e->title);
    a[n++] = A_STR(e->kind);
    a[n++] = A_INT(e->starts);
    a[n++] = A_INT(e->ends);
    a[n++] = A_STR(e->place);
    a[n++] = A_STR(e->url ? e->url : "");
    a[n++] = A_STR(e->contact);
    a[n++] = A_INT(e->seats);
    a[n++] = A_INT(e->open);
    a[n++] = A_STR(e->description);
    a[n++] = A_STR(e->followup);
    if (id)
        a[n++] = A_INT(id);
    a[n] = A_END;
    return a;
}

/* ---- the list ----------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    r->page = "staff_events.cs";
    gf_set(r->hdf, "Page.Title", "Мероприятия");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "Events", NULL)))
        return nerr_pass(err);
    for (HDF *e = hdf_get_child(r->hdf, "Events"); e; e = hdf_obj_next(e))
        gf_set(e, "kind_title", gr_event_kind_title(hdf_get_value(e, "kind", "")));
    return STATUS_OK;
}

/* ---- one event: the form ------------------------------------------------ */

static void form_page(gf_req *r, const char *title)
{
    r->page = "staff_events_one.cs";
    gf_set(r->hdf, "Page.Title", title);
    gf_set(r->hdf, "Page.Nav", "cabinet");
    kinds(r);
}

static NEOERR *new_page(gf_req *r)
{
    form_page(r, "Новое мероприятие");
    gf_set(r->hdf, "Query.kind", "seminar");
    gf_set(r->hdf, "Query.registration_open", "1");
    return STATUS_OK;
}

static NEOERR *create(gf_req *r)
{
    struct ev e;
    gf_arg a[14];
    long long id = 0;
    char path[64];
    NEOERR *err;

    form_page(r, "Новое мероприятие");
    read_form(r, &e);
    if (gf_form_has_errors(r)) {
        free(e.url);
        r->status = 400;
        return STATUS_OK;
    }
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_exec(Q[Q_INSERT], values(&e, a, 0), NULL, &id)) &&
        !(err = gr_audit(r, "event", id, "create", NULL, NULL, e.title)))
        err = gf_db_commit();
    free(e.url);
    if (err) {
        gf_db_rollback();
        return nerr_pass(err);
    }
    snprintf(path, sizeof path, "/staff/events/%lld?saved=1", id);
    gf_redirect(r, path);
    return STATUS_OK;
}

/* The event's stored values into Query.* (what the form shows) and its
 * registrations; *found = 0: none. */
static NEOERR *load(gf_req *r, int into_form, int *found)
{
    char buf[32];
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_ONE], ARGS(A_INT(r->id)), r->hdf, "Event", found)) || !*found ||
        (err = gf_db_rows(Q[Q_PEOPLE], ARGS(A_INT(r->id)), r->hdf, "People", NULL)))
        return nerr_pass(err);
    if (!into_form)
        return STATUS_OK;
    static const char *const copy[] = {"title", "kind", "place", "online_url", "contact",
                                       "registration_open", "description", "followup", NULL};
    for (int i = 0; copy[i]; i++) {
        snprintf(buf, sizeof buf, "Query.%s", copy[i]);
        gf_set(r->hdf, buf, hdf_get_value(hdf_get_obj(r->hdf, "Event"), copy[i], ""));
    }
    gr_fmt_msk_input(atoll(hdf_get_value(r->hdf, "Event.starts_ts", "0")), buf, sizeof buf);
    gf_set(r->hdf, "Query.starts_at", buf);
    gr_fmt_msk_input(atoll(hdf_get_value(r->hdf, "Event.ends_ts", "0")), buf, sizeof buf);
    gf_set(r->hdf, "Query.ends_at", buf);
    if (strcmp(hdf_get_value(r->hdf, "Event.seats", "0"), "0"))
        gf_set(r->hdf, "Query.seats", hdf_get_value(r->hdf, "Event.seats", ""));
    return STATUS_OK;
}

static NEOERR *edit_page(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    form_page(r, "Мероприятие");
    if ((err = load(r, 1, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no event %lld", r->id);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Event.title", ""));
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    return STATUS_OK;
}

static NEOERR *save(gf_req *r)
{
    struct ev e;
    gf_arg a[14];
    HDF *row = NULL;
    int found = 0;
    char path[64], msg[200];
    NEOERR *err;

    form_page(r, "Мероприятие");
    if ((err = load(r, 0, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no event %lld", r->id);
    read_form(r, &e);
    if ((err = hdf_init(&row)) || (err = gf_db_begin()) ||
        (err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), row, NULL, &found)))
        goto done;
    /* registrations made meanwhile count: checked under the row lock */
    if (e.seats > 0 && e.seats < atoll(hdf_get_value(row, "registered", "0"))) {
        snprintf(msg, sizeof msg, "Мест не может быть меньше, чем уже зарегистрировано (%s).",
                 hdf_get_value(row, "registered", "0"));
        gf_field_error(r, "seats", msg);
    }
    if (gf_form_has_errors(r)) {
        r->status = 400;
        goto done;
    }
    if (!(err = gf_db_exec(Q[Q_UPDATE], values(&e, a, r->id), NULL, NULL)) &&
        !(err = gr_audit(r, "event", r->id, "update", NULL, NULL, e.title)) &&
        !(err = gf_db_commit())) {
        snprintf(path, sizeof path, "/staff/events/%lld?saved=1", r->id);
        gf_redirect(r, path);
    }
done:
    if (err || gf_form_has_errors(r))
        gf_db_rollback();
    free(e.url);
    hdf_destroy(&row);
    return nerr_pass(err);
}

/* ---- the export --------------------------------------------------------- */

static NEOERR *export(gf_req *r)
{
    static const char *const head[] = {"№", "Дата регистрации (МСК)", "Имя", "Организация",
                                       "Эл. почта", NULL};
    char when[32], name[64];
    int found = 0;
    gf_csv c;
    NEOERR *err;

    if ((err = load(r, 0, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no event %lld", r->id);
    gf_csv_start(&c);
    for (int i = 0; head[i]; i++)
        gf_csv_cell(&c, head[i]);
    gf_csv_end_row(&c);
    for (HDF *p = hdf_get_child(r->hdf, "People"); p; p = hdf_obj_next(p)) {
        gf_fmt_msk((time_t)atoll(hdf_get_value(p, "ts", "0")), 1, when, sizeof when);
        gf_csv_cell(&c, hdf_get_value(p, "id", ""));
        gf_csv_cell(&c, when);
        gf_csv_cell(&c, hdf_get_value(p, "name", ""));
        gf_csv_cell(&c, hdf_get_value(p, "organization", ""));
        gf_csv_cell(&c, hdf_get_value(p, "email", ""));
        gf_csv_end_row(&c);
    }
    snprintf(name, sizeof name, "event-%lld-registrations.csv", r->id);
    gf_set(r->hdf, "Download.Name", name);
    gf_download_data(r, c.out.buf, (size_t)c.out.len, "text/csv; charset=utf-8",
                     hdf_get_value(r->hdf, "Download.Name", ""));
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/events", list, NULL, 0, 0},
        {"/staff/events/new", new_page, create, 0, 0},
        {"/staff/events/#", edit_page, save, 0, 0},
        {"/staff/events/#/registrations.csv", export, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_events", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
