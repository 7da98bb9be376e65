/*
 * event — "/events/<id>": one event (place, time in Moscow time, the
 * description, seats left, after the event its follow-up) and its
 * registration form: name, organization, e-mail, consent, the arithmetic
 * captcha (each answered once), a honeypot, a limit per e-mail address and
 * a far higher one per IP address. The page carries a fresh captcha for
 * each visitor, so this program is never served from the page cache (the
 * cached list is events.c).
 *
 * The seat limit holds under parallel requests: the registration locks
 * the event's row, counts, inserts and moves `registered` in one
 * transaction, with the confirmation mail (and its .ics) queued in it.
 * One registration per address and event. "/events/cancel?token=…": the
 * one-time link of the confirmation mail shows a button that cancels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_LOCK, Q_TAKEN, Q_INSERT, Q_COUNT_UP, Q_BY_TOKEN, Q_LOCK_EVENT, Q_DELETE, Q_COUNT_DOWN,
       Q__MAX };
static const char *const Q[] = {
    [Q_LOCK] =
        "SELECT id, title, kind, UNIX_TIMESTAMP(starts_at) AS starts_ts,"
        " UNIX_TIMESTAMP(ends_at) AS ends_ts, place, online_url, contact, seats, registered,"
        " registration_open = 1 AND starts_at > NOW() AS may_register"
        " FROM events WHERE id = ? FOR UPDATE",
    [Q_TAKEN] =
        "SELECT id FROM event_registrations WHERE event_id = ? AND email_key = ?",
    [Q_INSERT] =
        "INSERT INTO event_registrations (event_id, name, organization, email, email_key,"
        " cancel_hash, ip, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW())",
    [Q_COUNT_UP] =
        "UPDATE events SET registered = registered + 1 WHERE id = ?",
    [Q_BY_TOKEN] =
        "SELECT g.id, g.event_id, e.title, UNIX_TIMESTAMP(e.starts_at) AS starts_ts,"
        " e.starts_at > NOW() AS upcoming FROM event_registrations g"
        " JOIN events e ON e.id = g.event_id WHERE g.cancel_hash = ?",
    [Q_LOCK_EVENT] =
        "SELECT id FROM events WHERE id = ? AND starts_at > NOW() FOR UPDATE",
    [Q_DELETE] =
        "DELETE FROM event_registrations WHERE cancel_hash = ? AND event_id = ?",
    [Q_COUNT_DOWN] =
        "UPDATE events SET registered = registered - 1 WHERE id = ? AND registered > 0",
};
GF_STATEMENTS(Q, Q__MAX);

struct reg { const char *name, *org, *email; };

static NEOERR *validate(gf_req *r, struct reg *f)
{

    gf_field_text(r, "name", f->name, GF_REQUIRED | GF_ONE_LINE, 100);
    gf_field_text(r, "organization", f->org, GF_ONE_LINE, 300);
    if (!*f->email)
        gf_field_error(r, "email", "Укажите адрес электронной почты.");
    else if (!gf_valid_email(f->email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    if (strcmp(gf_param(r, "consent", ""), "1"))
        gf_field_error(r, "consent", "Без согласия на обработку персональных данных мы не можем "
                                     "зарегистрировать вас.");
    return nerr_pass(gf_field_captcha(r));
}

/* The registration under the event's row lock. Refusals (closed, full,
 * the address already registered) roll back and go next to their field. */
static NEOERR *store(gf_req *r, struct reg *f)
{
    HDF *ev = NULL, *mail = NULL;
    char token[64], hash[65], path[200], *key = gf_email_norm(f->email), *ics = NULL;
    long long seats, registered;
    int found = 0, taken = 0;
    gf_mail_file file;
    NEOERR *err;

    if ((err = hdf_init(&ev)) || (err = hdf_init(&mail)) || (err = gf_db_begin()) ||
        (err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), ev, "E", &found)))
        goto done;
    seats = atoll(hdf_get_value(ev, "E.seats", "0"));
    registered = atoll(hdf_get_value(ev, "E.registered", "0"));
    if (!found || !hdf_get_int_value(ev, "E.may_register", 0)) {
        gf_field_error(r, "form", "Регистрация на это мероприятие закрыта.");
        r->status = 409;
        goto done;
    }
    if (seats > 0 && registered >= seats) {
        gf_field_error(r, "form", "Мест больше нет: все места на мероприятие заняты.");
        r->status = 409;
        goto done;
    }
    if ((err = gf_db_row(Q[Q_TAKEN], ARGS(A_INT(r->id), A_STR(key)), ev, "Taken", &taken)))
        goto done;
    if (taken) {
        gf_field_error(r, "email", "С этим адресом электронной почты на мероприятие уже "
                                   "зарегистрировались.");
        r->status = 409;
        goto done;
    }
    gf_random_token(24, token, sizeof token);
    gf_sha256_hex(token, strlen(token), hash);
    if ((err = gf_db_exec(Q[Q_INSERT], ARGS(A_INT(r->id), A_STR(f->name), A_STR(f->org),
                                            A_STR(f->email), A_STR(key), A_STR(hash),
                                            A_STR(r->ip)), NULL, NULL)) ||
        (err = gf_db_exec(Q[Q_COUNT_UP], ARGS(A_INT(r->id)), NULL, NULL)))
        goto done;
    gr_event_mail_data(mail, hdf_get_obj(ev, "E"));
    gf_setf(mail, "Cancel=%s/events/cancel?token=%s", gf_cfg("Site.URL", ""), token);
    ics = gr_event_ics(hdf_get_obj(ev, "E"), 1);
    snprintf(path, sizeof path, "event-%lld.ics", r->id);
    file = (gf_mail_file){path, "text/calendar; charset=UTF-8; method=PUBLISH", ics};
    if (!(err = gf_mail_queue_file(r, f->email, "event_confirm.cs", mail, &file)))
        err = gf_db_commit();
    if (!err)
        gf_log("info", "event %lld: registration", r->id);
done:
    if (err || gf_form_has_errors(r))
        gf_db_rollback();
    if (err && nerr_handle(&err, GF_ERR_DUPLICATE)) {   /* the unique key, a backstop */
        gf_field_error(r, "email", "С этим адресом электронной почты на мероприятие уже "
                                   "зарегистрировались.");
        r->status = 409;
    }
    free(ics);
    free(key);
    hdf_destroy(&ev);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

/* The event's page around the form; *found = 0: a 404. */
static NEOERR *prepare(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gr_event_load(r, r->id, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no event %lld", r->id);
    gf_set(r->hdf, "Page.Nav", "events");
    gf_set(r->hdf, "Event.kind_title",
           gr_event_kind_title(hdf_get_value(r->hdf, "Event.kind", "")));
    r->page = "event.cs";
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = prepare(r)))
        return nerr_pass(err);
    gf_set(r->hdf, "Registered", gf_param(r, "registered", ""));
    return nerr_pass(gf_captcha_new(r));
}

static NEOERR *do_register(gf_req *r)
{
    struct reg f = {0};
    char back[80];
    NEOERR *err;

    if ((err = prepare(r)))
        return nerr_pass(err);
    snprintf(back, sizeof back, "/events/%lld?registered=1", r->id);
    /* a bot filled the field people cannot see: thank it and store nothing */
    if (*gf_param(r, "website", "")) {
        gf_log("info", "event registration honeypot from %s", r->ip);
        gf_redirect(r, back);
        return STATUS_OK;
    }
    f.name = gf_input(r, "name");
    f.org = gf_input(r, "organization");
    f.email = gf_input(r, "email");
    if ((err = validate(r, &f)))
        return nerr_pass(err);
    if (!gf_form_has_errors(r))
        err = gf_limit_sender(r, "Events", f.email, "email", "регистраций");
    if (!err && !gf_form_has_errors(r) && !(err = store(r, &f)) && !gf_form_has_errors(r))
        gf_redirect(r, back);
    if (!err && gf_form_has_errors(r)) {
        if (!r->status || r->status == 200)
            r->status = 400;
        /* the seats may have changed since the page was read */
        if (!(err = prepare(r)))
            err = gf_captcha_new(r);   /* the text stays, the question is new */
    }
    return nerr_pass(err);
}

/* The cancellation page: what the link cancels, and a button. */
static NEOERR *cancel_lookup(gf_req *r, char hash[65], int *found)
{
    const char *token = gf_param(r, "token", "");

    gf_set(r->hdf, "Page.Title", "Отмена регистрации");
    gf_set(r->hdf, "Page.Nav", "events");
    r->page = "event_cancel.cs";
    gf_sha256_hex(token, strlen(token), hash);
    *found = 0;
    if (strlen(token) < 20 || strlen(token) > 60)
        return STATUS_OK;
    return nerr_pass(gf_db_row(Q[Q_BY_TOKEN], ARGS(A_STR(hash)), r->hdf, "Reg", found));
}

static NEOERR *cancel_page(gf_req *r)
{
    char hash[65];
    int found;
    NEOERR *err;

    if ((err = cancel_lookup(r, hash, &found)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Valid", found && hdf_get_int_value(r->hdf, "Reg.upcoming", 0));
    if (!hdf_get_int_value(r->hdf, "Valid", 0))
        r->status = 400;
    return STATUS_OK;
}

static NEOERR *do_cancel(gf_req *r)
{
    char hash[65];
    long long event_id, deleted = 0;
    int found, locked = 0;
    HDF *tmp = NULL;
    NEOERR *err;

    if ((err = cancel_lookup(r, hash, &found)) || !found)
        goto refused;
    event_id = atoll(hdf_get_value(r->hdf, "Reg.event_id", "0"));
    /* the event's row first, as a registration takes it */
    if ((err = hdf_init(&tmp)) || (err = gf_db_begin()) ||
        (err = gf_db_row(Q[Q_LOCK_EVENT], ARGS(A_INT(event_id)), tmp, "E", &locked)) || !locked ||
        (err = gf_db_exec(Q[Q_DELETE], ARGS(A_STR(hash), A_INT(event_id)), &deleted, NULL)) ||
        !deleted ||
        (err = gf_db_exec(Q[Q_COUNT_DOWN], ARGS(A_INT(event_id)), NULL, NULL)) ||
        (err = gf_db_commit())) {
        gf_db_rollback();
        hdf_destroy(&tmp);
        goto refused;
    }
    hdf_destroy(&tmp);
    gf_log("info", "event %lld: registration cancelled", event_id);
    gf_set_int(r->hdf, "Cancelled", 1);
    return STATUS_OK;
refused:
    if (!err) {
        gf_set_int(r->hdf, "Valid", 0);
        r->status = 400;
    }
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/events/#", show, do_register, 0, 0},
        {"/events/cancel", cancel_page, do_cancel, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "event", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
