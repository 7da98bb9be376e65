/*
 * render.c — ClearSilver templates, read once per process and rendered per
 * request with escaping on (Config.VarEscapeMode = html).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

#define MAX_TEMPLATES 64

static struct { char *name; char *text; size_t len; } tcache[MAX_TEMPLATES];
static int ntcache;

/* Finds the template text, reading the file on first use. */
static NEOERR *template_text(const char *name, const char **text, size_t *len)
{
    char path[1024];
    char *buf;
    NEOERR *err;

    for (int i = 0; i < ntcache; i++)
        if (!strcmp(tcache[i].name, name)) {
            *text = tcache[i].text;
            *len = tcache[i].len;
            return STATUS_OK;
        }
    if (strstr(name, "..") || ntcache == MAX_TEMPLATES)
        return nerr_raise(NERR_ASSERT, "template name refused: %s", name);
    snprintf(path, sizeof path, "%s/%s", gf_cfg("Paths.Templates", "templates"), name);
    if ((err = ne_load_file(path, &buf)))
        return nerr_pass(err);
    tcache[ntcache].name = strdup(name);
    tcache[ntcache].text = buf;
    tcache[ntcache].len = strlen(buf);
    *text = buf;
    *len = tcache[ntcache].len;
    ntcache++;
    return STATUS_OK;
}

/* cs parses in place, so every parse gets its own copy of the text. */
static NEOERR *fileload(void *ctx, HDF *hdf, const char *filename, char **contents)
{
    const char *text;
    size_t len;
    NEOERR *err;

    (void)ctx;
    (void)hdf;
    if ((err = template_text(filename, &text, &len)))
        return nerr_pass(err);
    if (!(*contents = malloc(len + 1)))
        return nerr_raise(NERR_NOMEM, "template copy");
    memcpy(*contents, text, len + 1);
    return STATUS_OK;
}

void gf_fmt_int(long long n, char *buf, size_t len)
{
    char digits[32], grouped[64];
    unsigned long long v = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    int dl = snprintf(digits, sizeof digits, "%llu", v), o = 0;

    for (int i = 0; i < dl; i++) {
        if (i && (dl - i) % 3 == 0) {      /* no-break space between groups */
            grouped[o++] = (char)0xC2;
            grouped[o++] = (char)0xA0;
        }
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    snprintf(buf, len, "%s%s", n < 0 ? "−" : "", grouped);
}

void gf_fmt_rub(long long kopecks, char *buf, size_t n)
{
    char grouped[64];
    unsigned long long rub, kop;
    int neg = kopecks < 0;

    rub = (unsigned long long)(neg ? -(kopecks + 1) + 1 : kopecks);
    kop = rub % 100;
    rub /= 100;
    gf_fmt_int((long long)rub, grouped, sizeof grouped);
    if (kop)
        snprintf(buf, n, "%s%s,%02llu\xC2\xA0\xE2\x82\xBD", neg ? "−" : "", grouped, kop);
    else
        snprintf(buf, n, "%s%s\xC2\xA0\xE2\x82\xBD", neg ? "−" : "", grouped);
}

/* The Russian plural: 1 час, 2 часа, 5 часов, 21 час, 11 часов. */
static const char *plural(long n, const char *one, const char *few, const char *many)
{
    long d = n % 10, h = n % 100;

    if (d == 1 && h != 11)
        return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14))
        return few;
    return many;
}

void gf_fmt_duration(long s, char *buf, size_t len)
{
    if (s >= 86400 && s % 86400 == 0)
        snprintf(buf, len, "%ld %s", s / 86400, plural(s / 86400, "день", "дня", "дней"));
    else if (s >= 3600)
        snprintf(buf, len, "%ld %s", s / 3600, plural(s / 3600, "час", "часа", "часов"));
    else
        snprintf(buf, len, "%ld %s", (s + 59) / 60, plural((s + 59) / 60, "минуту", "минуты", "минут"));
}

void gf_fmt_left(long long s, char *buf, size_t len)
{
    long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    char first[48] = "", second[48] = "";

    if (s < 60) {
        snprintf(buf, len, "меньше минуты");
        return;
    }
    if (d) {
        snprintf(first, sizeof first, "%lld %s", d, plural((long)d, "день", "дня", "дней"));
        if (h)
            snprintf(second, sizeof second, " %lld %s", h, plural((long)h, "час", "часа", "часов"));
    } else if (h) {
        snprintf(first, sizeof first, "%lld %s", h, plural((long)h, "час", "часа", "часов"));
        if (m)
            snprintf(second, sizeof second, " %lld %s", m, plural((long)m, "минута", "минуты", "минут"));
    } else {
        snprintf(first, sizeof first, "%lld %s", m, plural((long)m, "минута", "минуты", "минут"));
    }
    snprintf(buf, len, "%s%s", first, second);
}

void gf_fmt_bytes(long long n, char *buf, size_t len)
{
    if (n >= (1LL << 20) && n % (1LL << 20) == 0)
        snprintf(buf, len, "%lld\xC2\xA0МБ", n >> 20);
    else if (n >= (1LL << 20))      /* tenths, with the decimal comma */
        snprintf(buf, len, "%lld,%lld\xC2\xA0МБ", (n * 10 / (1 << 20)) / 10, (n * 10 / (1 << 20)) % 10);
    else if (n >= 1024)
        snprintf(buf, len, "%lld\xC2\xA0КБ", (n + 1023) / 1024);
    else
        snprintf(buf, len, "%lld\xC2\xA0%s", n, plural(n, "байт", "байта", "байт"));
}

void gf_fmt_msk(time_t t, int with_time, char *buf, size_t n)
{
    static int tz_set;
    struct tm tm;

    if (!tz_set) {
        setenv("TZ", gf_cfg("Site.TimeZone", "Europe/Moscow"), 1);
        tzset();
        tz_set = 1;
    }
    localtime_r(&t, &tm);
    strftime(buf, n, with_time ? "%d.%m.%Y %H:%M" : "%d.%m.%Y", &tm);
}

void gf_fmt_date(const char *day, char *buf, size_t n)
{
    int y, m, d;

    if (gf_parse_date(day, &y, &m, &d))
        snprintf(buf, n, "%02d.%02d.%04d", d, m, y);
    else {
        snprintf(buf, n, "%s", day ? day : "");
        gf_utf8_cut(buf);
    }
}

static NEOERR *fn_date(const char *in, char **out)
{
    char buf[16];
    int y, m, d;

    if (in && gf_parse_date(in, &y, &m, &d)) {
        gf_fmt_date(in, buf, sizeof buf);
        *out = strdup(buf);
    } else {
        *out = strdup(in ? in : "");     /* not a date: shown as it is, whole */
    }
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "strfunc");
}

static NEOERR *fn_time(const char *in, char **out, int with_time)
{
    char buf[64];
    char *end;
    long long t = in ? strtoll(in, &end, 10) : 0;

    if (!in || !*in || *end) {
        *out = strdup("");
    } else {
        gf_fmt_msk((time_t)t, with_time, buf, sizeof buf);
        *out = strdup(buf);
    }
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "strfunc");
}

static NEOERR *fn_msk(const char *in, char **out) { return fn_time(in, out, 1); }
static NEOERR *fn_mskdate(const char *in, char **out) { return fn_time(in, out, 0); }

/* A template function over a whole number: "" for anything else. */
static NEOERR *fn_number(const char *in, char **out, void (*fmt)(long long, char *, size_t))
{
    char buf[64];
    char *end;
    long long k = in ? strtoll(in, &end, 10) : 0;

    if (!in || !*in || *end)
        buf[0] = '\0';
    else
        fmt(k, buf, sizeof buf);
    *out = strdup(buf);
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "strfunc");
}

void gf_fmt_decimal(const char *in, char *buf, size_t n)
{
    size_t len = in ? strspn(in, "-0123456789.") : 0;

    if (!in || !*in || in[len] || len >= n) {
        if (n)
            buf[0] = '\0';
        return;
    }
    memcpy(buf, in, len + 1);
    for (char *p = buf; *p; p++)
        if (*p == '.')
            *p = ',';
}

static NEOERR *fn_dec(const char *in, char **out)
{
    char buf[64];

    gf_fmt_decimal(in, buf, sizeof buf);
    *out = strdup(buf);
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "strfunc");
}

static NEOERR *fn_rub(const char *in, char **out) { return fn_number(in, out, gf_fmt_rub); }
static NEOERR *fn_num(const char *in, char **out) { return fn_number(in, out, gf_fmt_int); }

/* An amount as people type it («150000 руб.», «2 500,50») in the
 * one way the site prints money; text that is not one stays as it is. */
static NEOERR *fn_amount(const char *in, char **out)
{
    char buf[64];
    long long k;

    if (in && gf_parse_money(in, &k)) {
        gf_fmt_rub(k, buf, sizeof buf);
        *out = strdup(buf);
    } else {
        *out = strdup(in ? in : "");
    }
    return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "strfunc");
}
static NEOERR *fn_bytes(const char *in, char **out) { return fn_number(in, out, gf_fmt_bytes); }
static NEOERR *fn_left(const char *in, char **out) { return fn_number(in, out, gf_fmt_left); }

static NEOERR *append_cb(void *ctx, char *s)
{
    return nerr_pass(string_append((STRING *)ctx, s));
}

/* Parse trees, one per template and escaping mode, built on first use and
 * kept for the life of the process: parsing (with every include: and
 * def:) is most of the cost of a page, rendering is the rest. A tree is
 * built against its own small HDF holding Config.VarEscapeMode (read by
 * cs_init, so each mode needs its own tree) and is rebound to the
 * request's HDF for one cs_render, then bound back. The template text is
 * read once, at parse time: a changed template needs a restart. */
#define MAX_TREES 64

static struct tree { char *name; int text; CSPARSE *cs; HDF *own; } trees[MAX_TREES];
static int ntrees;

static void tree_free(struct tree *t)
{
    if (t->cs) {
        t->cs->hdf = t->own;   /* never let cs_destroy see a request's HDF */
        cs_destroy(&t->cs);
    }
    hdf_destroy(&t->own);
    free(t->name);
    t->name = NULL;
}

/* Frees every tree and template text at exit, so leak checks stay clean. */
static void trees_free_all(void)
{
    for (int i = 0; i < ntrees; i++)
        tree_free(&trees[i]);
    ntrees = 0;
    for (int i = 0; i < ntcache; i++) {
        free(tcache[i].name);
        free(tcache[i].text);
    }
    ntcache = 0;
}

static NEOERR *tree_build(struct tree *t, const char *name, int text)
{
    const char *src;
    char *copy;
    size_t len;
    NEOERR *err;

    memset(t, 0, sizeof *t);
    if ((err = template_text(name, &src, &len)) ||
        (err = hdf_init(&t->own)) ||
        (err = hdf_set_value(t->own, "Config.VarEscapeMode", text ? "none" : "html")) ||
        (err = cs_init(&t->cs, t->own)))
        goto fail;
    cs_register_fileload(t->cs, NULL, fileload);
    if ((err = cgi_register_strfuncs(t->cs)) ||
        (err = cs_register_strfunc(t->cs, "msk", fn_msk)) ||
        (err = cs_register_strfunc(t->cs, "mskdate", fn_mskdate)) ||
        (err = cs_register_strfunc(t->cs, "rudate", fn_date)) ||
        (err = cs_register_strfunc(t->cs, "rub", fn_rub)) ||
        (err = cs_register_strfunc(t->cs, "num", fn_num)) ||
        (err = cs_register_strfunc(t->cs, "amount", fn_amount)) ||
        (err = cs_register_strfunc(t->cs, "bytes", fn_bytes)) ||
        (err = cs_register_strfunc(t->cs, "dec", fn_dec)) ||
        (err = cs_register_strfunc(t->cs, "left", fn_left)))
        goto fail;
    if (!(copy = malloc(len + 1))) {
        err = nerr_raise(NERR_NOMEM, "template copy");
        goto fail;
    }
    memcpy(copy, src, len + 1);
    if ((err = cs_parse_string(t->cs, copy, len)))   /* cs owns copy now */
        goto fail;
    if (!(t->name = strdup(name))) {
        err = nerr_raise(NERR_NOMEM, "template name");
        goto fail;
    }
    t->text = text;
    return STATUS_OK;
fail:
    tree_free(t);
    return nerr_pass(err);
}

/* The tree for name in this mode, parsing it on first use. */
static NEOERR *tree_get(const char *name, int text, struct tree **out)
{
    static int registered;
    NEOERR *err;

    for (int i = 0; i < ntrees; i++)
        if (trees[i].text == text && !strcmp(trees[i].name, name)) {
            *out = &trees[i];
            return STATUS_OK;
        }
    if (ntrees == MAX_TREES)
        return nerr_raise(NERR_ASSERT, "too many templates: %s", name);
    if (!registered) {
        atexit(trees_free_all);
        registered = 1;
    }
    if ((err = tree_build(&trees[ntrees], name, text)))
        return nerr_pass(err);
    *out = &trees[ntrees++];
    return STATUS_OK;
}

static NEOERR *render(HDF *hdf, const char *name, STRING *out, int text)
{
    struct tree *t = NULL;
    NEOERR *err;

    /* templates may read it, as when cs_init read it from this HDF */
    if ((err = hdf_set_value(hdf, "Config.VarEscapeMode", text ? "none" : "html")) ||
        (err = tree_get(name, text, &t)))
        return nerr_pass(err);
    t->cs->hdf = hdf;            /* set: writes go into the request's HDF */
    err = cs_render(t->cs, out, append_cb);
    t->cs->hdf = t->own;
    if (err) {
        /* a render stopped half-way may leave state in the tree: parse anew */
        tree_free(t);
        *t = trees[--ntrees];
        memset(&trees[ntrees], 0, sizeof trees[ntrees]);
    }
    return nerr_pass(err);
}

NEOERR *gf_render(HDF *hdf, const char *name, STRING *out)
{
    return nerr_pass(render(hdf, name, out, 0));
}

NEOERR *gf_render_text(HDF *hdf, const char *name, STRING *out)
{
    return nerr_pass(render(hdf, name, out, 1));
}
