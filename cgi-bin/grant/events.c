/* events.c — events (meetings, seminars, webinars): what the public pages,
 * the registration and the mailer share — an event as its pages read it,
 * its calendar entry (.ics), the mails to registered people and the
 * reminder the day before, each sent once (grant.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grant.h"

/* the registrations a reminder is due for: the event starts within ? hours */
#define REMIND_DUE                                                                     \
    " g.reminded_at IS NULL AND e.starts_at > NOW() AND e.starts_at <= NOW() + INTERVAL ? HOUR"

enum { Q_EVENT, Q_REMIND_LIST, Q_REMIND_CLAIM, Q_REMIND_ITEM, Q__MAX };
static const char *const Q[] = {
    [Q_EVENT] =
        "SELECT id, title, kind, UNIX_TIMESTAMP(starts_at) AS starts_ts,"
        " UNIX_TIMESTAMP(ends_at) AS ends_ts, place, contact, seats, registered,"
        " GREATEST(CAST(seats AS SIGNED) - CAST(registered AS SIGNED), 0) AS seats_left,"
        " registration_open, description, followup, starts_at > NOW() AS upcoming,"
        " ends_at < NOW() AS past,"
        " registration_open = 1 AND starts_at > NOW() AS may_register"
        " FROM events WHERE id = ?",
    [Q_REMIND_LIST] =
        "SELECT g.id FROM event_registrations g JOIN events e ON e.id = g.event_id"
        " WHERE" REMIND_DUE " ORDER BY g.id LIMIT 100",
    [Q_REMIND_CLAIM] =
        "UPDATE event_registrations g JOIN events e ON e.id = g.event_id"
        " SET g.reminded_at = NOW() WHERE g.id = ? AND" REMIND_DUE,
    [Q_REMIND_ITEM] =
        "SELECT g.email, e.id, e.title, e.kind, UNIX_TIMESTAMP(e.starts_at) AS starts_ts,"
        " UNIX_TIMESTAMP(e.ends_at) AS ends_ts, e.place, e.online_url, e.contact"
        " FROM event_registrations g JOIN events e ON e.id = g.event_id WHERE g.id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

const gr_event_kind gr_event_kinds[] = {
    {"meeting", "Встреча"}, {"seminar", "Семинар"}, {"webinar", "Вебинар"}, {NULL, NULL},
};

const char *gr_event_kind_title(const char *kind)
{
    for (const gr_event_kind *k = gr_event_kinds; k->name; k++)
        if (!strcmp(k->name, kind))
            return k->title;
    return NULL;
}

NEOERR *gr_event_load(gf_req *r, long long id, int *found)
{
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_EVENT], ARGS(A_INT(id)), r->hdf, "Event", found)) || !*found)
        return nerr_pass(err);
    if ((err = gr_markdown(hdf_get_value(r->hdf, "Event.description", ""), r->hdf,
                           "Event.description_html")) ||
        (err = gr_markdown(hdf_get_value(r->hdf, "Event.followup", ""), r->hdf,
                           "Event.followup_html")))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Event.title", ""));
    return STATUS_OK;
}

char *gr_event_ics(HDF *ev, int with_link)
{
    const char *site = gf_cfg("Site.URL", ""), *url = hdf_get_value(ev, "online_url", "");
    const char *place = hdf_get_value(ev, "place", "");
    char uid[200], page[300], location[600], summary[400], *ics;
    const char *host = strstr(site, "://");
    STRING desc;
    gf_ics_event e;

    string_init(&desc);
    snprintf(uid, sizeof uid, "event-%s@%s", hdf_get_value(ev, "id", "0"),
             host && host[3] ? host + 3 : "localhost");
    snprintf(page, sizeof page, "%s/events/%s", site, hdf_get_value(ev, "id", "0"));
    snprintf(summary, sizeof summary, "%s", hdf_get_value(ev, "title", ""));
    if (*place)
        snprintf(location, sizeof location, "%s", place);
    else
        snprintf(location, sizeof location, "Онлайн%s%s", with_link && *url ? ": " : "",
                 with_link ? url : "");
    gf_utf8_cut(location);
    gf_utf8_cut(summary);
    gf_must(string_appendf(&desc, "Страница мероприятия: %s", page));
    if (with_link && *url && *place)
        gf_must(string_appendf(&desc, "\nТрансляция: %s", url));
    if (*hdf_get_value(ev, "contact", ""))
        gf_must(string_appendf(&desc, "\nОрганизатор: %s", hdf_get_value(ev, "contact", "")));
    e = (gf_ics_event){
        .uid = uid, .stamp = time(NULL),
        .start = (time_t)atoll(hdf_get_value(ev, "starts_ts", "0")),
        .end = (time_t)atoll(hdf_get_value(ev, "ends_ts", "0")),
        .summary = summary, .location = location, .description = desc.buf, .url = page,
    };
    ics = gf_ics_calendar(gf_cfg("Site.Name", "grantfair"), &e);
    string_clear(&desc);
    return ics;
}

void gr_event_mail_data(HDF *mail, HDF *ev)
{
    const char *kind = gr_event_kind_title(hdf_get_value(ev, "kind", ""));

    gf_must(hdf_copy(mail, "Event", ev));
    gf_set(mail, "Event.kind_title", kind ? kind : "");
    gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
    gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
}

/* One registration's reminder: claimed, mailed, committed; *sent grows by
 * one when it went out (0: another mailer was first). */
static NEOERR *remind_one(long long id, long hours, int *sent)
{
    HDF *row = NULL, *mail = NULL;
    long long claimed = 0;
    int found = 0;
    NEOERR *err;

    if ((err = hdf_init(&row)) || (err = hdf_init(&mail)) || (err = gf_db_begin()) ||
        (err = gf_db_exec(Q[Q_REMIND_CLAIM], ARGS(A_INT(id), A_INT(hours)), &claimed, NULL)) ||
        !claimed ||
        (err = gf_db_row(Q[Q_REMIND_ITEM], ARGS(A_INT(id)), row, "R", &found)) || !found)
        goto done;
    gr_event_mail_data(mail, hdf_get_obj(row, "R"));
    if (!(err = gf_mail_queue(NULL, hdf_get_value(row, "R.email", ""), "event_reminder.cs", mail)) &&
        !(err = gf_db_commit()))
        (*sent)++;
done:
    if (err || !claimed || !found)
        gf_db_rollback();
    hdf_destroy(&row);
    hdf_destroy(&mail);
    return nerr_pass(err);
}

NEOERR *gr_event_reminders(int *sent)
{
    long hours = gf_cfg_int("Events.ReminderHours", 24);
    HDF *ids = NULL;
    int n = 0;
    NEOERR *err;

    *sent = 0;
    /* 100 at a time until none: a claimed registration leaves the list */
    do {
        hdf_destroy(&ids);
        if ((err = hdf_init(&ids)) ||
            (err = gf_db_rows(Q[Q_REMIND_LIST], ARGS(A_INT(hours)), ids, "R", &n)))
            break;
        for (HDF *p = hdf_get_child(ids, "R"); p && !err; p = hdf_obj_next(p))
            err = remind_one(atoll(hdf_get_value(p, "id", "0")), hours, sent);
    } while (!err && n == 100);
    hdf_destroy(&ids);
    return nerr_pass(err);
}
