/*
 * staff_apps — the registry of applications for staff:
 *   /staff/applications        every application that is not a draft, with
 *                              filters, search, sorting, counts per status
 *                              and pages; each row links to
 *                              /staff/applications/<id>
 *   /staff/applications.csv    the same selection for Excel (gf_csv_*)
 *   /staff/applications.xlsx   the same selection as a workbook (libxlsxwriter)
 * Filters are bookmarkable query parameters (competition, direction,
 * municipality, status, from, to, q, sort, dir, page); a list value that is
 * not valid is ignored, as on /projects; a date or a search that is not
 * valid gets a Russian error next to its field and is ignored.
 *
 * Who: staff and administrators, the roles that may open an application
 * (gr_app_load). The commission secretary is not one of them: the secretary
 * works on the scored applications of the commission's own pages.
 *
 * The statements. Every filter is one fixed clause "(? = 0 OR col = ?)":
 * MariaDB optimizes a prepared statement again at each execution with the
 * values bound, so a filter that is off folds away and one that is on is
 * an equality the range optimizer sees — each common filter is read on an
 * index that starts with it (EXPLAIN with 10 000 applications:
 * competition ix_registry_comp, status ix_registry_status, competition and
 * status ix_registry_comp without a sort when ordered by the submission
 * time, municipality ix_list_muni, direction ix_list_dir; 008_staff.sql,
 * 001_init.sql). Only the order differs between statements: one per sort
 * column and direction, made by the preprocessor. No filter at all reads
 * the non-drafts and sorts them (about 10 ms at 10 000).
 * Search (q, up to 100 characters): the number and the organization's
 * ИНН exactly, the title and the organization's short name by "contains"
 * (LIKE '%q%', with % _ and ! of q escaped by !), any of them. Contains
 * cannot use an index: a search reads the rows the other filters leave.
 * The counts per status are one GROUP BY over the same filters but the
 * status. The organization's short name is the project's copy
 * (007_project_org_name.sql); its ИНН a subquery of the rows read (MariaDB
 * caches it per organization).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "grant.h"

/* The filters of every statement, in the order of their parameters
 * (filter_args). The status clauses are left out of the counts. */
#define W_FILTERS                                                              \
    " WHERE p.status <> 'draft'"                                               \
    " AND (? = 0 OR p.competition_id = ?) AND (? = 0 OR p.direction_id = ?)"   \
    " AND (? = 0 OR p.municipality_id = ?)"                                    \
    " AND (? = 0 OR p.submitted_at >= FROM_UNIXTIME(?))"                       \
    " AND (? = 0 OR p.submitted_at < FROM_UNIXTIME(?))"                        \
    " AND (? IS NULL OR p.number = ?"                                          \
    "      OR p.org_id = (SELECT i.id FROM organizations i WHERE i.inn = ?)"   \
    "      OR p.title LIKE ? ESCAPE '!' OR p.org_name LIKE ? ESCAPE '!')"
#define W_STATUS " AND (? = '' OR p.status = ?) AND (? = 0 OR p.return_due < NOW())"
#define N_FILTER_ARGS 15
#define N_STATUS_ARGS 3

enum { Q_COUNTS, Q__MAX };
static const char *const Q[] = {
    [Q_COUNTS] =
        "SELECT p.status, COUNT(*) AS n,"
        " SUM(p.status = 'returned' AND p.return_due < NOW()) AS overdue"
        " FROM projects p" W_FILTERS " GROUP BY p.status",
};
GF_STATEMENTS(Q, Q__MAX);

/* One page (or chunk of an export) per sort column and direction; the ids
 * of the lists become their names in rows_of. */
#define PAGE(ORDER)                                                            \
    "SELECT p.id, p.number, p.title, p.org_name AS org,"                       \
    " (SELECT i.inn FROM organizations i WHERE i.id = p.org_id) AS inn,"       \
    " p.competition_id AS competition, p.municipality_id AS municipality,"     \
    " p.direction_id AS direction, p.requested_kopecks AS requested,"          \
    " UNIX_TIMESTAMP(p.submitted_at) AS submitted_ts, p.status,"               \
    " (p.status = 'returned' AND p.return_due < NOW()) AS overdue"             \
    " FROM projects p" W_FILTERS W_STATUS " ORDER BY " ORDER " LIMIT ? OFFSET ?"
#define BOTH(COL) PAGE(COL ", p.id"), PAGE(COL " DESC, p.id DESC")
static const char *const Q_PAGE[] = {
    BOTH("p.number"), BOTH("p.submitted_at"), BOTH("p.title"),
    BOTH("p.org_name"), BOTH("p.requested_kopecks"), BOTH("p.status"),
};

/* The sort columns, in Q_PAGE's order; the direction a column starts with. */
static const struct { const char *key; int desc; } sorts[] = {
    {"number", 0}, {"submitted", 1}, {"title", 0}, {"org", 0}, {"amount", 1}, {"status", 0},
};
#define NSORTS (int)(sizeof sorts / sizeof sorts[0])
_Static_assert(sizeof Q_PAGE / sizeof Q_PAGE[0] == 2 * NSORTS, "a statement per sort and direction");
#define DEFAULT_SORT 1   /* the newest submissions first */

/* The statuses a non-draft application can have (projects.status), in the
 * order of the procedure, as the status filter offers them, with their
 * names for the exports (pages name them with templates/macros.cs
 * app_status: keep the two in step); "overdue" is a returned application
 * whose return_due has passed. */
static const struct { const char *status, *name; } statuses[] = {
    {"submitted", "Подана"}, {"returned", "Возвращена на доработку"},
    {"overdue", "Доработка просрочена"}, {"admitted", "Допущена к экспертизе"},
    {"rejected", "Отклонена"}, {"scored", "Оценена"}, {"winner", "Победитель"},
    {"not_winner", "Не прошла отбор"}, {"in_progress", "Реализуется"},
    {"completed", "Завершена"}, {"withdrawn", "Отозвана"},
};
#define NSTATUSES (int)(sizeof statuses / sizeof statuses[0])

#define PAGE_SIZE 50
#define SEARCH_MAX 100
/* Rows of an export read at a time: the HDF of a chunk is freed before the
 * next, so memory stays flat whatever the selection. */
#define CHUNK 2000
/* An export of more rows is refused with a message (Registry.ExportMax). */
#define EXPORT_MAX 20000

/* The selection as the request asks for it, validated. */
typedef struct {
    long long comp, dir, muni;
    long long from, to;          /* unix times, [from, to); 0: none */
    const char *status;          /* a statuses[] name, "" for all */
    const char *q;               /* the search, "" for none */
    char number[SEARCH_MAX * 4 + 1], inn[16], like[SEARCH_MAX * 8 + 3];
    int sort, desc;
    long page;
} sel;

/* ---- reading the request ------------------------------------------------ */

static void msk_zone(void)
{
    static int set;
    if (!set) {
        setenv("TZ", gf_cfg("Site.TimeZone", "Europe/Moscow"), 1);
        tzset();
        set = 1;
    }
}

/* A list filter and its <option>s with that id selected. Unlike /projects,
 * an id the process's cached list does not show yet (a competition
 * announced in the last 30 s) still filters: staff asked for it, and an id
 * of nothing finds nothing. */
static NEOERR *filter_id(gf_req *r, const char *param, unsigned list, long long *id)
{
    const char *v = gf_param(r, param, ""), *html;
    char key[64];
    NEOERR *err;

    *id = gf_parse_id(v);
    snprintf(key, sizeof key, "Filter.%s", param);
    if (*id)
        gf_set(r->hdf, key, v);
    if ((err = gr_list_options(list, *id, &html)))
        return nerr_pass(err);
    snprintf(key, sizeof key, "Filter.Options.%s", param);
    gf_set(r->hdf, key, html);
    return STATUS_OK;
}

/* A date of the "submitted between" filter (YYYY-MM-DD, a day in Moscow
 * time) as the unix time its day starts (next_day: the day after). */
static long long date_param(gf_req *r, const char *name, int next_day)
{
    const char *v = gf_input_date(r, name);
    char key[32];
    int y, m, d;
    struct tm tm;

    snprintf(key, sizeof key, "Filter.%s", name);
    if (!*v)
        return 0;
    if (!gf_parse_date(v, &y, &m, &d) || y < 2000 || y > 2037) {
        gf_field_error(r, name, gf_msg_date);
        return 0;
    }
    gf_set(r->hdf, key, v);
    msk_zone();
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d + (next_day ? 1 : 0);
    tm.tm_isdst = -1;
    return (long long)mktime(&tm);
}

/* The search: the number and the ИНН only when q could be one (an ASCII
 * number compared with Cyrillic text is a collation error), the LIKE
 * pattern with its wildcards taken literally. */
static void search_param(gf_req *r, sel *s)
{
    const char *q = gf_input(r, "q");
    int ascii = 1, digits = 1;
    char *l = s->like;

    s->q = "";
    if (!*q || !gf_field_text(r, "q", q, GF_ONE_LINE, SEARCH_MAX))
        return;
    s->q = q;
    gf_set(r->hdf, "Filter.q", q);
    for (const char *p = q; *p; p++) {
        ascii &= (unsigned char)*p < 0x80;
        digits &= *p >= '0' && *p <= '9';
    }
    snprintf(s->number, sizeof s->number, "%s", ascii ? q : "");
    snprintf(s->inn, sizeof s->inn, "%s", digits && strlen(q) == 10 ? q : "");
    *l++ = '%';
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '!')
            *l++ = '!';
        *l++ = *p;
    }
    *l++ = '%';
    *l = '\0';
}

static NEOERR *read_selection(gf_req *r, sel *s)
{
    const char *v;
    NEOERR *err;

    memset(s, 0, sizeof *s);
    if ((err = filter_id(r, "competition", GR_LIST_COMPETITIONS, &s->comp)) ||
        (err = filter_id(r, "direction", GR_LIST_DIRECTIONS, &s->dir)) ||
        (err = filter_id(r, "municipality", GR_LIST_MUNICIPALITIES, &s->muni)))
        return nerr_pass(err);
    s->status = "";
    v = gf_param(r, "status", "");
    for (int i = 0; i < NSTATUSES; i++) {
        gf_setf(r->hdf, "StatusList.%d=%s", i, statuses[i].status);
        if (!strcmp(v, statuses[i].status))
            s->status = statuses[i].status;
    }
    gf_set(r->hdf, "Filter.status", s->status);
    s->from = date_param(r, "from", 0);
    s->to = date_param(r, "to", 1);
    if (s->from && s->to && s->from >= s->to) {
        gf_field_error(r, "to", "Дата «по» раньше даты «с».");
        gf_set(r->hdf, "Filter.to", "");
        s->to = 0;
    }
    search_param(r, s);

    s->sort = DEFAULT_SORT;
    s->desc = sorts[DEFAULT_SORT].desc;
    v = gf_param(r, "sort", "");
    for (int i = 0; i < NSORTS; i++)
        if (!strcmp(v, sorts[i].key)) {
            s->sort = i;
            s->desc = sorts[i].desc;
        }
    v = gf_param(r, "dir", "");
    if (!strcmp(v, "asc") || !strcmp(v, "desc"))
        s->desc = !strcmp(v, "desc");
    s->page = (long)gf_parse_id(gf_param(r, "page", "1"));
    if (s->page < 1 || s->page > 1000000)
        s->page = 1;
    return STATUS_OK;
}

/* The parameters of W_FILTERS (and W_STATUS when with_status) into a. */
static int filter_args(const sel *s, int with_status, gf_arg *a)
{
    int n = 0;

    a[n++] = A_INT(s->comp);
    a[n++] = A_INT(s->comp);
    a[n++] = A_INT(s->dir);
    a[n++] = A_INT(s->dir);
    a[n++] = A_INT(s->muni);
    a[n++] = A_INT(s->muni);
    a[n++] = A_INT(s->from);
    a[n++] = A_INT(s->from);
    a[n++] = A_INT(s->to);
    a[n++] = A_INT(s->to);
    a[n++] = *s->q ? A_STR(s->q) : A_NULL;
    a[n++] = *s->number ? A_STR(s->number) : A_NULL;
    a[n++] = *s->inn ? A_STR(s->inn) : A_NULL;
    a[n++] = A_STR(s->like);
    a[n++] = A_STR(s->like);
    if (with_status) {
        int overdue = !strcmp(s->status, "overdue");
        a[n++] = A_STR(overdue ? "returned" : s->status);
        a[n++] = A_STR(overdue ? "returned" : s->status);
        a[n++] = A_INT(overdue);
    }
    return n;
}

/* ---- the query strings of the page's links ------------------------------ */

static NEOERR *append_param(STRING *s, const char *name, const char *value)
{
    char *esc;
    NEOERR *err;

    if (!*value)
        return STATUS_OK;
    if ((err = cgi_url_escape(value, &esc)))
        return nerr_pass(err);
    err = string_appendf(s, "%s=%s&", name, esc);
    free(esc);
    return nerr_pass(err);
}

/* Base.Filters (the filters and the search), Base.Status and Base.Sort,
 * each empty or ending with "&", from validated values only: the links
 * combine them. */
static NEOERR *set_bases(gf_req *r, const sel *s)
{
    static const char *const names[] = {"competition", "direction", "municipality", "from", "to", "q"};
    STRING b;
    char key[64];
    NEOERR *err = STATUS_OK;

    string_init(&b);
    for (size_t i = 0; !err && i < sizeof names / sizeof names[0]; i++) {
        snprintf(key, sizeof key, "Filter.%s", names[i]);
        err = append_param(&b, names[i], hdf_get_value(r->hdf, key, ""));
    }
    if (!err)
        gf_set(r->hdf, "Base.Filters", b.buf ? b.buf : "");
    string_clear(&b);
    if (err)
        return nerr_pass(err);
    gf_setf(r->hdf, "Base.Status=%s%s%s", *s->status ? "status=" : "", s->status,
            *s->status ? "&" : "");
    if (s->sort != DEFAULT_SORT || s->desc != sorts[DEFAULT_SORT].desc)
        gf_setf(r->hdf, "Base.Sort=sort=%s&dir=%s&", sorts[s->sort].key, s->desc ? "desc" : "asc");
    else
        gf_set(r->hdf, "Base.Sort", "");
    /* each column header: its link (the other direction when it is the
     * sort, else the column's own) and, for the one sorted, the direction */
    gf_set(r->hdf, "Sort.key", sorts[s->sort].key);
    gf_set(r->hdf, "Sort.dir", s->desc ? "desc" : "asc");
    for (int i = 0; i < NSORTS; i++) {
        int desc = i == s->sort ? !s->desc : sorts[i].desc;
        gf_setf(r->hdf, "Sort.Link.%s=sort=%s&dir=%s", sorts[i].key, sorts[i].key,
                desc ? "desc" : "asc");
    }
    return STATUS_OK;
}

/* ---- the counts --------------------------------------------------------- */

/* Counts.<n>.{status,n} in the order of statuses[] (those with any),
 * and *total: the rows the status filter leaves. */
static NEOERR *counts(gf_req *r, const sel *s, long long *total)
{
    gf_arg a[N_FILTER_ARGS + 1];
    HDF *rows;
    long long n[NSTATUSES], all = 0;
    int k = 0;
    NEOERR *err;

    a[filter_args(s, 0, a)] = A_END;
    if ((err = hdf_init(&rows)))
        return nerr_pass(err);
    memset(n, 0, sizeof n);
    if ((err = gf_db_rows(Q[Q_COUNTS], a, rows, "C", NULL))) {
        hdf_destroy(&rows);
        return nerr_pass(err);
    }
    for (HDF *o = hdf_get_child(rows, "C"); o; o = hdf_obj_next(o)) {
        const char *st = hdf_get_value(o, "status", "");
        for (int i = 0; i < NSTATUSES; i++) {
            if (!strcmp(st, statuses[i].status))
                n[i] = atoll(hdf_get_value(o, "n", "0"));
            if (!strcmp(st, "returned") && !strcmp(statuses[i].status, "overdue"))
                n[i] = atoll(hdf_get_value(o, "overdue", "0"));
        }
        all += atoll(hdf_get_value(o, "n", "0"));
    }
    hdf_destroy(&rows);
    *total = all;
    for (int i = 0; i < NSTATUSES; i++) {
        if (!strcmp(s->status, statuses[i].status))
            *total = n[i];
        if (n[i] || !strcmp(s->status, statuses[i].status)) {
            gf_setf(r->hdf, "Counts.%d.status=%s", k, statuses[i].status);
            gf_setf(r->hdf, "Counts.%d.n=%lld", k, n[i]);
            k++;
        }
    }
    gf_setf(r->hdf, "Total=%lld", *total);
    gf_setf(r->hdf, "TotalAll=%lld", all);
    return STATUS_OK;
}

/* ---- rows --------------------------------------------------------------- */

/* Rows [offset, offset + limit) of the selection into dst/prefix, each
 * with its competition, municipality and direction named (from the
 * process's cached lists) and its status as shown ("overdue"). */
static NEOERR *rows_of(const sel *s, long offset, long limit, HDF *dst, const char *prefix,
                       int *n)
{
    gf_arg a[N_FILTER_ARGS + N_STATUS_ARGS + 3];
    int k = filter_args(s, 1, a);
    NEOERR *err;

    a[k++] = A_INT(limit);
    a[k++] = A_INT(offset);
    a[k] = A_END;
    if ((err = gf_db_rows(Q_PAGE[2 * s->sort + s->desc], a, dst, prefix, n)))
        return nerr_pass(err);
    for (HDF *p = hdf_get_child(dst, prefix); p; p = hdf_obj_next(p)) {
        static const struct { unsigned list; const char *name; } L[] = {
            {GR_LIST_COMPETITIONS, "competition"}, {GR_LIST_MUNICIPALITIES, "municipality"},
            {GR_LIST_DIRECTIONS, "direction"},
        };
        const char *label;
        for (size_t i = 0; i < sizeof L / sizeof L[0]; i++)
            if ((err = gr_list_label(L[i].list, atoll(hdf_get_value(p, L[i].name, "0")), &label)) ||
                (err = hdf_set_value(p, L[i].name, label)))
                return nerr_pass(err);
        if (hdf_get_int_value(p, "overdue", 0))
            gf_set(p, "status", "overdue");
    }
    return STATUS_OK;
}

static NEOERR *page_setup(gf_req *r, sel *s, long long *total)
{
    NEOERR *err;

    if ((err = read_selection(r, s)) || (err = set_bases(r, s)) || (err = counts(r, s, total)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Реестр заявок");
    gf_set(r->hdf, "Page.Nav", "staff");
    r->page = "staff_apps.cs";
    return STATUS_OK;
}

/* The page of the selection whose counts page_setup has read. */
static NEOERR *show(gf_req *r, sel *s, long long total)
{
    char base[1200];
    long long offset;
    NEOERR *err;

    snprintf(base, sizeof base, "/staff/applications?%s%s%s",
             hdf_get_value(r->hdf, "Base.Filters", ""), hdf_get_value(r->hdf, "Base.Status", ""),
             hdf_get_value(r->hdf, "Base.Sort", ""));
    offset = gf_pager(r->hdf, base, total, PAGE_SIZE, &s->page);
    if (total && (err = rows_of(s, offset, PAGE_SIZE, r->hdf, "Apps", NULL)))
        return nerr_pass(err);
    return STATUS_OK;
}

static NEOERR *registry(gf_req *r)
{
    sel s;
    long long total;
    NEOERR *err;

    if ((err = page_setup(r, &s, &total)))
        return nerr_pass(err);
    return nerr_pass(show(r, &s, total));
}

/* ---- exports ------------------------------------------------------------ */

/* The columns of both exports. */
static const char *const headers[] = {
    "Номер", "Конкурс", "Название проекта", "Организация", "ИНН", "Муниципальное образование",
    "Направление", "Запрошено, ₽", "Подана (МСК)", "Статус",
};
#define NCOLS (int)(sizeof headers / sizeof headers[0])

static const char *status_name(const char *status)
{
    for (int i = 0; i < NSTATUSES; i++)
        if (!strcmp(status, statuses[i].status))
            return statuses[i].name;
    return status;
}

/* Each row of the selection, CHUNK at a time, given to emit. The page's
 * selection and sort, no pages. Inside one transaction, so the chunks are
 * one snapshot (REPEATABLE READ) even while applications come in. */
typedef NEOERR *(*row_fn)(void *ctx, HDF *row, long n);

static NEOERR *each_row(const sel *s, row_fn emit, void *ctx)
{
    long done = 0;
    int n;
    NEOERR *err;

    do {
        HDF *chunk;
        if ((err = hdf_init(&chunk)))
            return nerr_pass(err);
        err = rows_of(s, done, CHUNK, chunk, "R", &n);
        for (HDF *o = hdf_get_child(chunk, "R"); !err && o; o = hdf_obj_next(o))
            err = emit(ctx, o, ++done);
        hdf_destroy(&chunk);
        if (err)
            return nerr_pass(err);
    } while (n == CHUNK);
    return STATUS_OK;
}

/* Starts an export: the selection, and its size checked against the cap
 * (*ok = 0: the page is shown with Export.TooMany instead). Opens the
 * transaction that each_row reads in. */
static NEOERR *export_start(gf_req *r, sel *s, int *ok)
{
    long long total, max = gf_cfg_int("Registry.ExportMax", EXPORT_MAX);
    NEOERR *err;

    *ok = 0;
    if ((err = gf_db_begin()))
        return nerr_pass(err);
    if ((err = page_setup(r, s, &total)))
        return nerr_pass(err);
    if (total > max) {
        gf_setf(r->hdf, "Export.TooMany=%lld", total);
        gf_setf(r->hdf, "Export.Max=%lld", max);
        gf_db_rollback();
        return nerr_pass(show(r, s, total));
    }
    *ok = 1;
    return STATUS_OK;
}

/* The file's name: zayavki-<today in Moscow>.<ext>, kept in the HDF
 * (gf_download_data needs it after the handler). */
static const char *export_name(gf_req *r, const char *ext)
{
    char buf[64];
    time_t now = time(NULL);
    struct tm tm;

    msk_zone();
    localtime_r(&now, &tm);
    strftime(buf, sizeof buf, "zayavki-%Y-%m-%d", &tm);
    gf_setf(r->hdf, "Export.Name=%s.%s", buf, ext);
    return hdf_get_value(r->hdf, "Export.Name", "zayavki");
}

static void fmt_amount(const char *kopecks, char *buf, size_t n)
{
    long long k = atoll(kopecks);
    snprintf(buf, n, "%s%lld,%02lld", k < 0 ? "-" : "", llabs(k) / 100, llabs(k) % 100);
}

static NEOERR *csv_row(void *ctx, HDF *o, long n)
{
    gf_csv *c = ctx;
    char amount[32], when[32] = "";
    const char *ts = hdf_get_value(o, "submitted_ts", "");

    (void)n;
    fmt_amount(hdf_get_value(o, "requested", "0"), amount, sizeof amount);
    if (*ts)
        gf_fmt_msk((time_t)atoll(ts), 1, when, sizeof when);
    gf_csv_cell(c, hdf_get_value(o, "number", ""));
    gf_csv_cell(c, hdf_get_value(o, "competition", ""));
    gf_csv_cell(c, hdf_get_value(o, "title", ""));
    gf_csv_cell(c, hdf_get_value(o, "org", ""));
    gf_csv_cell(c, hdf_get_value(o, "inn", ""));
    gf_csv_cell(c, hdf_get_value(o, "municipality", ""));
    gf_csv_cell(c, hdf_get_value(o, "direction", ""));
    gf_csv_cell(c, amount);
    gf_csv_cell(c, when);
    gf_csv_cell(c, status_name(hdf_get_value(o, "status", "")));
    gf_csv_end_row(c);
    return STATUS_OK;
}

static NEOERR *export_csv(gf_req *r)
{
    sel s;
    gf_csv c;
    int ok;
    NEOERR *err;

    if ((err = export_start(r, &s, &ok)) || !ok)
        return nerr_pass(err);
    gf_csv_start(&c);
    for (int i = 0; i < NCOLS; i++)
        gf_csv_cell(&c, headers[i]);
    gf_csv_end_row(&c);
    if ((err = each_row(&s, csv_row, &c)) || (err = gf_db_commit())) {
        string_clear(&c.out);
        return nerr_pass(err);
    }
    gf_download_data(r, c.out.buf, (size_t)c.out.len, "text/csv; charset=utf-8",
                     export_name(r, "csv"));
    return STATUS_OK;
}

/* The workbook being written, its formats, the first error. */
typedef struct {
    lxw_worksheet *ws;
    lxw_format *bold, *money, *date;
    lxw_error e;
} xlsx;

static NEOERR *xlsx_row(void *ctx, HDF *o, long n)
{
    xlsx *x = ctx;
    const char *ts = hdf_get_value(o, "submitted_ts", "");
    const char *text[] = {
        hdf_get_value(o, "number", ""), hdf_get_value(o, "competition", ""),
        hdf_get_value(o, "title", ""), hdf_get_value(o, "org", ""), hdf_get_value(o, "inn", ""),
        hdf_get_value(o, "municipality", ""), hdf_get_value(o, "direction", ""),
    };
    lxw_row_t row = (lxw_row_t)n;
    lxw_error e = LXW_NO_ERROR;

    /* strings are written as strings, never as formulas: nothing to defuse */
    for (int i = 0; i < 7 && !e; i++)
        e = worksheet_write_string(x->ws, row, (lxw_col_t)i, text[i], NULL);
    if (!e)
        e = worksheet_write_number(x->ws, row, 7,
                                   (double)atoll(hdf_get_value(o, "requested", "0")) / 100.0,
                                   x->money);
    if (!e && *ts) {
        time_t t = (time_t)atoll(ts);
        struct tm tm;
        lxw_datetime dt;
        msk_zone();
        localtime_r(&t, &tm);
        dt = (lxw_datetime){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                            tm.tm_min, (double)tm.tm_sec};
        e = worksheet_write_datetime(x->ws, row, 8, &dt, x->date);
    }
    if (!e)
        e = worksheet_write_string(x->ws, row, 9, status_name(hdf_get_value(o, "status", "")),
                                   NULL);
    if (e)
        return nerr_raise(NERR_IO, "xlsx row %ld: %s", n, lxw_strerror(e));
    return STATUS_OK;
}

/* Reads the whole file at path into a malloc'd buffer. */
static NEOERR *slurp(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long size = 0;
    NEOERR *err = STATUS_OK;

    *data = NULL;
    if (!f)
        return nerr_raise_errno(NERR_IO, "open %s", path);
    if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
        err = nerr_raise_errno(NERR_IO, "size of %s", path);
    else if (!(*data = malloc((size_t)size + 1)))
        err = nerr_raise(NERR_NOMEM, "xlsx of %ld bytes", size);
    else if (fread(*data, 1, (size_t)size, f) != (size_t)size)
        err = nerr_raise_errno(NERR_IO, "read %s", path);
    fclose(f);
    if (err) {
        free(*data);
        *data = NULL;
        return err;
    }
    *len = (size_t)size;
    return STATUS_OK;
}

/* Writes the workbook into path (libxlsxwriter writes files only). */
static NEOERR *write_xlsx(const sel *s, const char *path, const char *tmpdir)
{
    static const double widths[NCOLS] = {14, 30, 50, 30, 13, 24, 30, 16, 17, 24};
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    xlsx x = {0};
    lxw_error e;
    NEOERR *err;

    if (!wb)
        return nerr_raise(NERR_IO, "workbook_new_opt %s", path);
    x.ws = workbook_add_worksheet(wb, "Заявки");
    x.bold = workbook_add_format(wb);
    x.money = workbook_add_format(wb);
    x.date = workbook_add_format(wb);
    if (!x.ws || !x.bold || !x.money || !x.date) {
        workbook_close(wb);
        return nerr_raise(NERR_NOMEM, "workbook");
    }
    format_set_bold(x.bold);
    format_set_num_format(x.money, "#,##0.00 \"₽\"");
    format_set_num_format(x.date, "dd.mm.yyyy hh:mm");
    for (int i = 0; i < NCOLS; i++)
        worksheet_set_column(x.ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
    worksheet_freeze_panes(x.ws, 1, 0);
    for (int i = 0; i < NCOLS; i++)
        if ((e = worksheet_write_string(x.ws, 0, (lxw_col_t)i, headers[i], x.bold))) {
            workbook_close(wb);
            return nerr_raise(NERR_IO, "xlsx header: %s", lxw_strerror(e));
        }
    err = each_row(s, xlsx_row, &x);
    e = workbook_close(wb);   /* writes the file; frees the workbook either way */
    if (!err && e)
        err = nerr_raise(NERR_IO, "workbook_close: %s", lxw_strerror(e));
    return nerr_pass(err);
}

static NEOERR *export_xlsx(gf_req *r)
{
    sel s;
    int ok, fd;
    char path[512], *data = NULL;
    size_t len = 0;
    const char *tmp = gf_cfg("Paths.Tmp", "/tmp");
    NEOERR *err;

    if ((err = export_start(r, &s, &ok)) || !ok)
        return nerr_pass(err);
    snprintf(path, sizeof path, "%s/gf-export-XXXXXX", tmp);
    if ((fd = mkstemp(path)) < 0)
        return nerr_raise_errno(NERR_IO, "mkstemp in %s", tmp);
    close(fd);
    err = write_xlsx(&s, path, tmp);
    if (!err)
        err = slurp(path, &data, &len);
    unlink(path);   /* always: the file was only the way to the bytes */
    if (!err)
        err = gf_db_commit();
    if (err) {
        free(data);
        return nerr_pass(err);
    }
    gf_download_data(r, data, len,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     export_name(r, "xlsx"));
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/applications", registry, NULL, 0, 0},
        {"/staff/applications.csv", export_csv, NULL, 0, 0},
        {"/staff/applications.xlsx", export_xlsx, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_apps", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GR_STAFF | GR_ADMIN, .routes = routes};
    return gf_run(argc, argv, &prog);
}
