/*
 * staff_audit — "/staff/audit": the audit log for staff and administrators,
 * newest first, a page at a time, with filters: kind of object and its
 * number, action, user (email), period (dates in Moscow time). Each entry
 * shows who, when (МСК), the object (linked to its staff page), the action
 * in Russian (grant/audit.c names them; an unknown one as stored), from →
 * to and the reason. Nothing here writes: the log is append-only.
 *
 * Pages go by a key, not an offset: "older" continues below the last entry
 * shown (its time and id), so page 10 000 costs what page 1 does. Each
 * filter has a statement pinned to an index that starts with it and goes
 * on in (at, id) order (schema/008_staff.sql, 009_audit_filters.sql), so a
 * page reads its rows and stops; the other filters are checked on the way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "grant.h"

#define PAGE_SIZE 50

enum { Q_USER_ID, Q_CURSOR, Q__MAX };
static const char *const Q[] = {
    [Q_USER_ID] = "SELECT id FROM users WHERE email = ?",
    [Q_CURSOR] = "SELECT at FROM audit_log WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* The page statements: the driving filter W on index IX, then every filter
 * (a value of '' or 0 means "any"), the period [from, to), the key below
 * which the page starts, and the page size. */
#define PAGE(IX, W)                                                              \
    "SELECT a.id, a.at, UNIX_TIMESTAMP(a.at) AS ts, a.user_id, u.name AS user_name," \
    " u.email AS user_email, a.object_type, a.object_id, a.action, a.from_state,"    \
    " a.to_state, a.reason, a.ip"                                                \
    " FROM audit_log a FORCE INDEX (" IX ") LEFT JOIN users u ON u.id = a.user_id"  \
    " WHERE " W                                                                  \
    " AND (? = '' OR a.object_type = ?) AND (? = 0 OR a.object_id = ?)"          \
    " AND (? = 0 OR a.user_id = ?) AND (? = '' OR a.action = ?)"                 \
    " AND a.at >= ? AND a.at < ? AND (a.at < ? OR (a.at = ? AND a.id < ?))"      \
    " ORDER BY a.at DESC, a.id DESC LIMIT ?"
enum { BY_ALL, BY_OBJECT, BY_USER, BY_ACTION, BY_TYPE, BY__MAX };
static const char *const Q_PAGE[] = {
    [BY_ALL] = PAGE("ix_audit_at", "a.at >= ?"),
    [BY_OBJECT] = PAGE("ix_audit_object", "a.object_type = ? AND a.object_id = ?"),
    [BY_USER] = PAGE("ix_audit_user", "a.user_id = ?"),
    [BY_ACTION] = PAGE("ix_audit_action", "a.action = ?"),
    [BY_TYPE] = PAGE("ix_audit_type", "a.object_type = ?"),
};
_Static_assert(sizeof Q_PAGE / sizeof Q_PAGE[0] == BY__MAX, "one page statement per filter");

#define NO_END "9999-12-31 23:59:59"
#define NO_START "1000-01-01 00:00:00"

/* A date as <input type=date> sends it, taken as midnight in the site's
 * time zone (Moscow), plus days; as a UTC DATETIME into out[20]. 0 when it
 * is not a date. */
static int msk_midnight_utc(const char *s, int days, char out[20])
{
    static int tz_set;
    struct tm tm = {0};
    time_t t;
    int y, m, d;

    if (!gf_parse_date(s, &y, &m, &d))
        return 0;
    if (!tz_set) {   /* as render.c does for msk() */
        setenv("TZ", gf_cfg("Site.TimeZone", "Europe/Moscow"), 1);
        tzset();
        tz_set = 1;
    }
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d + days;
    tm.tm_isdst = -1;
    if ((t = mktime(&tm)) == (time_t)-1 || !gmtime_r(&t, &tm))
        return 0;
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
    return 1;
}

/* The filters of the query string, checked, into Filter.*; errors next to
 * the fields. */
typedef struct {
    const char *type, *action, *email, *from, *to;
    long long object, user;
    char start[20], end[20];
} filters;

static NEOERR *read_filters(gf_req *r, filters *f)
{
    const char *v;
    int found = 0;
    NEOERR *err;

    f->type = gf_input(r, "type");
    f->action = gf_input(r, "action");
    f->email = gf_input(r, "user");
    f->from = gf_input_date(r, "from");
    f->to = gf_input_date(r, "to");
    gf_field_text(r, "type", f->type, GF_ONE_LINE, 40);
    gf_field_text(r, "action", f->action, GF_ONE_LINE, 40);
    v = gf_input(r, "object");
    f->object = gf_parse_id(v);
    if (*v && !f->object)
        gf_field_error(r, "object", "Номер объекта — целое число больше нуля, например 42.");
    else if (f->object && !*f->type)
        gf_field_error(r, "type", "Выберите тип объекта: номер без него неоднозначен.");
    if (gf_field_text(r, "user", f->email, GF_ONE_LINE, 254) && *f->email) {
        HDF *h;
        if ((err = hdf_init(&h)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_USER_ID], ARGS(A_STR(f->email)), h, "U", &found);
        f->user = atoll(hdf_get_value(h, "U.id", "0"));
        hdf_destroy(&h);
        if (err)
            return nerr_pass(err);
        if (!found)
            gf_field_error(r, "user", "Пользователя с такой электронной почтой нет.");
    }
    snprintf(f->start, sizeof f->start, NO_START);
    snprintf(f->end, sizeof f->end, NO_END);
    if (*f->from && !msk_midnight_utc(f->from, 0, f->start))
        gf_field_error(r, "from", gf_msg_date);
    if (*f->to && !msk_midnight_utc(f->to, 1, f->end))
        gf_field_error(r, "to", gf_msg_date);
    else if (*f->from && *f->to && strcmp(f->end, f->start) <= 0)
        gf_field_error(r, "to", "Конец периода раньше его начала.");
    if (!gr_audit_title(gr_audit_actions, f->action) && *f->action)
        gf_set(r->hdf, "Filter.OtherAction", f->action);
    if (!gr_audit_title(gr_audit_objects, f->type) && *f->type)
        gf_set(r->hdf, "Filter.OtherType", f->type);
    return STATUS_OK;
}

/* Appends "name=value&" (value URL-escaped) to the page links' base. */
static NEOERR *link_param(STRING *base, const char *name, const char *value)
{
    char *esc = NULL;
    NEOERR *err;

    if (!*value)
        return STATUS_OK;
    if ((err = cgi_url_escape(value, &esc)))
        return nerr_pass(err);
    err = string_appendf(base, "%s=%s&", name, esc);
    free(esc);
    return nerr_pass(err);
}

/* A list of names for a filter's <select>: <prefix>.<i>.{name,title}. */
static void put_names(gf_req *r, const char *prefix, const gr_audit_name *list)
{
    for (int i = 0; list[i].name; i++) {
        gf_setf(r->hdf, "%s.%d.name=%s", prefix, i, list[i].name);
        gf_setf(r->hdf, "%s.%d.title=%s", prefix, i, list[i].title);
    }
}

static NEOERR *handle(gf_req *r)
{
    filters f = {0};
    long long before = gf_parse_id(gf_param(r, "before", ""));
    char cur_at[20] = NO_END;
    const char *last = NULL;
    gf_arg a[24];
    int n = 0, by, rows = 0;
    STRING base;
    NEOERR *err;

    gf_set(r->hdf, "Page.Title", "Журнал действий");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    r->page = "staff_audit.cs";
    put_names(r, "Actions", gr_audit_actions);
    put_names(r, "Objects", gr_audit_objects);
    if ((err = read_filters(r, &f)))
        return nerr_pass(err);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if (before) {   /* the page continues below this entry */
        HDF *h;
        int found = 0;
        if ((err = hdf_init(&h)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_CURSOR], ARGS(A_INT(before)), h, "C", &found);
        snprintf(cur_at, sizeof cur_at, "%s", hdf_get_value(h, "C.at", NO_END));
        hdf_destroy(&h);
        if (err)
            return nerr_pass(err);
        if (!found)
            before = 0;
    }

    by = f.object ? BY_OBJECT : f.user ? BY_USER : *f.action ? BY_ACTION
       : *f.type ? BY_TYPE : BY_ALL;
    switch (by) {
    case BY_OBJECT: a[n++] = A_STR(f.type); a[n++] = A_INT(f.object); break;
    case BY_USER: a[n++] = A_INT(f.user); break;
    case BY_ACTION: a[n++] = A_STR(f.action); break;
    case BY_TYPE: a[n++] = A_STR(f.type); break;
    default: a[n++] = A_STR(f.start);
    }
    a[n++] = A_STR(f.type); a[n++] = A_STR(f.type);
    a[n++] = A_INT(f.object); a[n++] = A_INT(f.object);
    a[n++] = A_INT(f.user); a[n++] = A_INT(f.user);
    a[n++] = A_STR(f.action); a[n++] = A_STR(f.action);
    a[n++] = A_STR(f.start); a[n++] = A_STR(f.end);
    a[n++] = A_STR(cur_at); a[n++] = A_STR(cur_at); a[n++] = A_INT(before ? before : 0);
    a[n++] = A_INT(PAGE_SIZE + 1);
    a[n] = A_END;
    if ((err = gf_db_rows(Q_PAGE[by], a, r->hdf, "Entries", &rows)))
        return nerr_pass(err);
    if (rows > PAGE_SIZE) {   /* one more than a page: there are older ones */
        char key[32];
        snprintf(key, sizeof key, "Entries.%d", PAGE_SIZE);
        if ((err = hdf_remove_tree(r->hdf, key)))
            return nerr_pass(err);
        snprintf(key, sizeof key, "Entries.%d.id", PAGE_SIZE - 1);
        last = hdf_get_value(r->hdf, key, NULL);
    }
    for (HDF *e = hdf_get_child(r->hdf, "Entries"); e; e = hdf_obj_next(e)) {
        const char *t = gr_audit_title(gr_audit_actions, hdf_get_value(e, "action", ""));
        if (t)
            gf_set(e, "action_title", t);
        if ((t = gr_audit_title(gr_audit_objects, hdf_get_value(e, "object_type", ""))))
            gf_set(e, "object_title", t);
    }

    /* the filters as the page links carry them */
    string_init(&base);
    err = string_append(&base, "/staff/audit?");
    if (!err && f.object)
        err = string_appendf(&base, "object=%lld&", f.object);
    if (!err && !(err = link_param(&base, "type", f.type)) &&
        !(err = link_param(&base, "action", f.action)) &&
        !(err = link_param(&base, "user", f.email)) &&
        !(err = link_param(&base, "from", f.from)) && !(err = link_param(&base, "to", f.to))) {
        gf_set(r->hdf, "Pager.Base", base.buf);
        if (last)
            gf_setf(r->hdf, "Pager.Older=%sbefore=%s", base.buf, last);
        if (before) {
            base.buf[base.len - 1] = '\0';   /* the trailing ? or & */
            gf_set(r->hdf, "Pager.Newest", base.buf);
        }
    }
    string_clear(&base);
    gf_set_int(r->hdf, "Shown", rows > PAGE_SIZE ? PAGE_SIZE : rows);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/staff/audit", handle, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "staff_audit", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
