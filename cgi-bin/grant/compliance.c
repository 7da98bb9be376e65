/* compliance.c — the automatic rules of a competition's compliance
 * checklist (competition_checklist.rule): pure functions over an HDF that
 * holds the application as it was submitted and its competition, so the
 * staff page and the unit tests run exactly the same code. Each rule says
 * what it found in Russian; staff decide, the rules only inform. The
 * kinds of attached document and the check of the ones a competition
 * requires (at submission, and for the attachments tab) live here too. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

const char *const gr_doc_kinds[] = {GR_CHARTER_KIND, "Письмо поддержки", "Презентация проекта",
                                    "Обоснование проблемы",
                                    "Справка ФНС об отсутствии задолженности", "Иное", NULL};

int gr_doc_kind_index(const char *kind)
{
    for (int i = 0; kind && gr_doc_kinds[i]; i++)
        if (!strcmp(kind, gr_doc_kinds[i]))
            return i;
    return -1;
}

int gr_docs_missing(const char *required, HDF *files, char *msg, size_t n)
{
    const char *p = required ? required : "";
    size_t used = 0;
    int missing = 0, cut = 0;

    msg[0] = '\0';
    while (*p) {
        size_t len = strcspn(p, ",");
        int have = 0;
        for (HDF *f = files ? hdf_obj_child(files) : NULL; f && !have; f = hdf_obj_next(f)) {
            const char *k = hdf_get_value(f, "kind", "");
            have = strlen(k) == len && !strncmp(k, p, len);
        }
        if (len && !have) {
            /* «name», with ", " before all but the first; room for "…" */
            size_t need = len + strlen("«»") + (missing ? 2 : 0);
            if (!cut && used + need + strlen("…") < n)
                used += (size_t)snprintf(msg + used, n - used, "%s«%.*s»", missing ? ", " : "",
                                         (int)len, p);
            else if (!cut && used + strlen("…") < n) {
                cut = 1;
                used += (size_t)snprintf(msg + used, n - used, "…");
            }
            missing++;
        }
        p += len + (p[len] == ',');
    }
    return missing;
}

static const struct { const char *rule, *title; } rules[] = {
    {"charter", "устав организации во вложениях"},
    {"org_age", "организация зарегистрирована не менее чем за %d мес. до окончания приёма заявок"},
    {"amount", "запрашиваемая сумма в пределах, установленных конкурсом"},
    {"cofin", "доля софинансирования не ниже установленной конкурсом"},
    {"budget_categories", "все статьи бюджета из перечня конкурса"},
    {NULL, NULL},
};

const char *gr_rule_title(const char *rule, int param, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int i = 0; rule && rules[i].rule; i++)
        if (!strcmp(rules[i].rule, rule)) {
            if (strstr(rules[i].title, "%d"))
                snprintf(buf, n, rules[i].title, param);
            else
                snprintf(buf, n, "%s", rules[i].title);
        }
    return buf;
}

/* ---- dates -------------------------------------------------------------- */

static int days_in(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

/* y-m-d as one comparable number */
static long ymd(int y, int m, int d) { return (long)y * 10000 + m * 100 + d; }

/* The date k months after y-m-d; a day the month lacks becomes its last
 * day (31 January + 1 month = 28 or 29 February), as periods in months
 * are counted in Russian law. */
static long add_months(int y, int m, int d, int k)
{
    int t = y * 12 + (m - 1) + k, ny = t / 12, nm = t % 12 + 1;
    return ymd(ny, nm, d > days_in(ny, nm) ? days_in(ny, nm) : d);
}

/* Whole months from date a to date b (a <= b). */
static int full_months(int ay, int am, int ad, int by, int bm, int bd)
{
    int k = (by - ay) * 12 + (bm - am);

    while (k > 0 && add_months(ay, am, ad, k) > ymd(by, bm, bd))
        k--;
    return k;
}

/* ---- the rules ---------------------------------------------------------- */

static gr_found say(gr_found f, char *msg, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static gr_found say(gr_found f, char *msg, size_t n, const char *fmt, ...)
{
    static const char *const head[] = {"", "выполнено", "не выполнено", "нет данных"};
    size_t len = (size_t)snprintf(msg, n, "%s", head[f]);
    va_list ap;

    if (fmt && len + 2 < n) {
        snprintf(msg + len, n - len, ": ");
        va_start(ap, fmt);
        vsnprintf(msg + len + 2, n - len - 2, fmt, ap);
        va_end(ap);
    }
    return f;
}

static gr_found charter(HDF *in, char *msg, size_t n)
{
    HDF *files = hdf_get_obj(in, "Sections.files.a");

    for (HDF *f = files ? hdf_obj_child(files) : NULL; f; f = hdf_obj_next(f))
        if (!strcmp(hdf_get_value(f, "kind", ""), GR_CHARTER_KIND))
            return say(GR_FOUND_OK, msg, n, "приложен файл «%.200s»", hdf_get_value(f, "orig_name", ""));
    return say(GR_FOUND_FAIL, msg, n, "среди вложений нет документа вида «%s»", GR_CHARTER_KIND);
}

static gr_found org_age(HDF *in, int months, char *msg, size_t n)
{
    const char *reg = hdf_get_value(in, "Org.registered_on", "");
    const char *closes = hdf_get_value(in, "App.closes_ts", "");
    char close_s[32], *end;
    long long ts = strtoll(closes, &end, 10);
    int ry, rm, rd, cy, cm, cd, have;

    if (!*reg)
        return say(GR_FOUND_UNKNOWN, msg, n, "дата государственной регистрации не указана в профиле организации");
    if (!gf_parse_date(reg, &ry, &rm, &rd))
        return say(GR_FOUND_UNKNOWN, msg, n, "дата регистрации «%.20s» не распознана", reg);
    if (!*closes || *end)
        return say(GR_FOUND_UNKNOWN, msg, n, "не известна дата окончания приёма заявок");
    gf_fmt_msk((time_t)ts, 0, close_s, sizeof close_s);            /* dd.mm.yyyy, Moscow */
    if (sscanf(close_s, "%2d.%2d.%4d", &cd, &cm, &cy) != 3)
        return say(GR_FOUND_UNKNOWN, msg, n, "не известна дата окончания приёма заявок");
    if (ymd(ry, rm, rd) > ymd(cy, cm, cd))
        return say(GR_FOUND_FAIL, msg, n, "зарегистрирована %02d.%02d.%04d — позже окончания приёма (%s)",
                   rd, rm, ry, close_s);
    have = full_months(ry, rm, rd, cy, cm, cd);
    return say(have >= months ? GR_FOUND_OK : GR_FOUND_FAIL, msg, n,
               "зарегистрирована %02d.%02d.%04d, до окончания приёма (%s) полных месяцев: %d, нужно не меньше %d",
               rd, rm, ry, close_s, have, months);
}

/* A total of the frozen budget in kopecks; 0 when the budget has none. */
static int total(HDF *in, const char *name, long long *v)
{
    const char *s = hdf_get_value(hdf_get_obj(in, "Sections.budget.Totals"), name, NULL);
    char *end;

    if (!s || !*s)
        return 0;
    *v = strtoll(s, &end, 10);
    return !*end;
}

static gr_found amount(HDF *in, char *msg, size_t n)
{
    long long req, min = atoll(hdf_get_value(in, "App.min_grant_kopecks", "0")),
                   max = atoll(hdf_get_value(in, "App.max_grant_kopecks", "0"));
    char r[64], a[64], b[64];

    if (!total(in, "requested", &req))
        return say(GR_FOUND_UNKNOWN, msg, n, "в бюджете заявки нет итоговой суммы");
    gf_fmt_rub(req, r, sizeof r);
    gf_fmt_rub(min, a, sizeof a);
    gf_fmt_rub(max, b, sizeof b);
    if ((min && req < min) || (max && req > max))
        return say(GR_FOUND_FAIL, msg, n, "запрошено %s, допустимо от %s до %s", r, a, b);
    return say(GR_FOUND_OK, msg, n, "запрошено %s (от %s до %s)", r, a, b);
}

/* A percentage as the pages write numbers: "12,5", "10", "33,33". */
static const char *pct_text(double v, char *buf, size_t n)
{
    char *p;

    snprintf(buf, n, "%.2f", v);
    if ((p = strchr(buf, '.'))) {
        *p = ',';
        for (char *e = buf + strlen(buf) - 1; e > p && *e == '0'; e--)
            *e = '\0';
        if (p[1] == '\0')
            *p = '\0';
    }
    return buf;
}

static gr_found cofin(HDF *in, char *msg, size_t n)
{
    long long all, co;
    double pct = atof(hdf_get_value(in, "App.cofin_min_pct", "0")), share;
    char a[32], b[32];

    if (!total(in, "total", &all) || !total(in, "cofin", &co) || all <= 0)
        return say(GR_FOUND_UNKNOWN, msg, n, "в бюджете заявки нет итоговых сумм");
    share = (double)co * 100.0 / (double)all;
    pct_text(share, a, sizeof a);
    pct_text(pct, b, sizeof b);
    if ((double)co * 100.0 < pct * (double)all)
        return say(GR_FOUND_FAIL, msg, n, "софинансирование %s%%, нужно не меньше %s%%", a, b);
    return say(GR_FOUND_OK, msg, n, "софинансирование %s%% (нужно не меньше %s%%)", a, b);
}

static gr_found categories(HDF *in, char *msg, size_t n)
{
    HDF *lines = hdf_get_obj(in, "Sections.budget.b");
    char bad[200] = "";
    size_t used = 0;
    int rows = 0, wrong = 0;

    for (HDF *l = lines ? hdf_obj_child(lines) : NULL; l; l = hdf_obj_next(l), rows++) {
        const char *cat = hdf_get_value(l, "cat", "");
        long long id = gf_parse_id(cat);
        if (id && gr_list_has(in, "Categories", id))
            continue;
        if (wrong++ < 5 && used + 40 < sizeof bad)
            used += (size_t)snprintf(bad + used, sizeof bad - used, "%sстрока %d (статья «%.10s»)",
                                     used ? ", " : "", rows + 1, cat);
    }
    if (!rows)
        return say(GR_FOUND_UNKNOWN, msg, n, "в бюджете заявки нет статей расходов");
    if (wrong)
        return say(GR_FOUND_FAIL, msg, n, "не из перечня конкурса: %s%s", bad, wrong > 5 ? " и другие" : "");
    return say(GR_FOUND_OK, msg, n, "статей расходов: %d", rows);
}

gr_found gr_rule_check(const char *rule, int param, HDF *in, char *msg, size_t n)
{
    msg[0] = '\0';
    if (!rule || !strcmp(rule, "none") || !*rule)
        return GR_FOUND_NONE;
    if (!strcmp(rule, "charter"))
        return charter(in, msg, n);
    if (!strcmp(rule, "org_age"))
        return org_age(in, param, msg, n);
    if (!strcmp(rule, "amount"))
        return amount(in, msg, n);
    if (!strcmp(rule, "cofin"))
        return cofin(in, msg, n);
    if (!strcmp(rule, "budget_categories"))
        return categories(in, msg, n);
    return say(GR_FOUND_UNKNOWN, msg, n, "правило «%.40s» неизвестно", rule);
}

void gr_compliance_run(HDF *in, HDF *items)
{
    static const char *const found[] = {"none", "ok", "fail", "unknown"};
    char msg[600], title[300];

    for (HDF *i = items ? hdf_obj_child(items) : NULL; i; i = hdf_obj_next(i)) {
        const char *rule = hdf_get_value(i, "rule", "none");
        int param = hdf_get_int_value(i, "param", 0);
        gr_found f = gr_rule_check(rule, param, in, msg, sizeof msg);
        gf_set(i, "found", found[f]);
        gf_set(i, "found_text", msg);
        gf_set(i, "rule_title", gr_rule_title(rule, param, title, sizeof title));
    }
}
