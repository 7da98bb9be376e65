/*
 * events — "/events": upcoming events (soonest first) and past ones
 * (newest first) with kind, time in Moscow time, place (or «онлайн»: the
 * link goes to registered people only) and seats left; "/events/<id>.ics":
 * an event's calendar entry to download (without the online link). A
 * cached public read program: the page with the registration form (and its
 * captcha) is event.c, never cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

#define COLUMNS                                                                        \
    "SELECT id, title, kind, UNIX_TIMESTAMP(starts_at) AS starts_ts,"                  \
    " UNIX_TIMESTAMP(ends_at) AS ends_ts, place, seats,"                               \
    " GREATEST(CAST(seats AS SIGNED) - CAST(registered AS SIGNED), 0) AS seats_left,"  \
    " registration_open, followup <> '' AS has_followup FROM events"

enum { Q_UPCOMING, Q_PAST, Q__MAX };
static const char *const Q[] = {
    /* still to come or going on now */
    [Q_UPCOMING] = COLUMNS " WHERE ends_at >= NOW() ORDER BY starts_at, id LIMIT 100",
    [Q_PAST] = COLUMNS " WHERE ends_at < NOW() ORDER BY starts_at DESC, id DESC LIMIT 100",
};
GF_STATEMENTS(Q, Q__MAX);

/* Each row's kind in Russian (kind_title), for the list. */
static void kind_titles(HDF *list)
{
    for (HDF *e = hdf_obj_child(list); e; e = hdf_obj_next(e)) {
        const char *t = gr_event_kind_title(hdf_get_value(e, "kind", ""));
        gf_set(e, "kind_title", t ? t : "");
    }
}

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_UPCOMING], NOARGS, r->hdf, "Upcoming", NULL)) ||
        (err = gf_db_rows(Q[Q_PAST], NOARGS, r->hdf, "Past", NULL)))
        return nerr_pass(err);
    kind_titles(hdf_get_obj(r->hdf, "Upcoming"));
    kind_titles(hdf_get_obj(r->hdf, "Past"));
    gf_set(r->hdf, "Page.Title", "Мероприятия");
    gf_set(r->hdf, "Page.Nav", "events");
    gf_set(r->hdf, "Page.Description",
           "Встречи, семинары и вебинары для некоммерческих организаций: запись, материалы и итоги.");
    r->page = "events.cs";
    return STATUS_OK;
}

static NEOERR *ics(gf_req *r)
{
    char name[64], *text;
    int found = 0;
    NEOERR *err;

    if ((err = gr_event_load(r, r->id, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no event %lld", r->id);
    text = gr_event_ics(hdf_get_obj(r->hdf, "Event"), 0);
    snprintf(name, sizeof name, "event-%lld.ics", r->id);
    gf_set(r->hdf, "Download.Name", name);
    gf_download_data(r, text, strlen(text), "text/calendar; charset=utf-8",
                     hdf_get_value(r->hdf, "Download.Name", ""));
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/events", list, NULL, 0, 0},
        /* the whole path must match: /events/5.ics is not /events/# (event.c) */
        {"/events/#.ics", ics, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "events", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
