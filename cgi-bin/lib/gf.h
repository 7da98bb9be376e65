/*
 * gf.h — the web kit (cgi-bin/lib/): the request loop with declared access,
 * database, templates, sessions, forms, mail, files, cache, configuration
 * and logs. It knows nothing of grants (that is cgi-bin/grant/), so it could
 * serve any other site; nothing in it includes the domain's header.
 *
 * One header, one part per library file. Errors travel as ClearSilver
 * NEOERR chains (STATUS_OK == NULL); our own error kinds are the GF_ERR_*
 * types registered by gf_errors_init().
 *
 * Memory rule: request data lives in the request HDF (r->hdf) and dies with
 * it; anything else is freed in the function that made it, or the owner is
 * named at the declaration.
 */
#ifndef GF_H
#define GF_H

#include <stddef.h>
#include <stdarg.h>
#include <time.h>
#include <ClearSilver.h>

/* ---- log.c -------------------------------------------------------------- */

/* One line per event on stderr: "grantfair[prog pid] level: text".
 * Never pass passwords, tokens or personal data. */
void gf_log(const char *level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Logs the traceback of err under a fresh error id, frees err, and copies
 * the id (8 hex chars) into id[9]. */
void gf_log_error(NEOERR **err, char id[9]);
/* Program name used in log lines (set once by the request loop). */
extern const char *gf_prog_name;

/* Our error kinds; valid after gf_errors_init(). */
extern NERR_TYPE GF_ERR_NOTFOUND;     /* 404 */
extern NERR_TYPE GF_ERR_BADREQ;       /* 400 */
extern NERR_TYPE GF_ERR_FORBIDDEN;    /* 403 */
extern NERR_TYPE GF_ERR_METHOD;       /* 405 */
extern NERR_TYPE GF_ERR_TOOLARGE;     /* 413 */
extern NERR_TYPE GF_ERR_UNAVAILABLE;  /* 503: database down, try again */
extern NERR_TYPE GF_ERR_DUPLICATE;    /* a unique key refused the row */
NEOERR *gf_errors_init(void);

/* Out of memory — the one policy. Setting an HDF value, copying a tree or
 * appending to a STRING fails only when memory runs out (or on a
 * programming error). A process in that state cannot answer usefully, so
 * gf_must() logs the error and aborts: the FastCGI manager starts a fresh
 * process, the open transaction dies with the connection (nothing is
 * half-written) and the client sees the web server's 502. Everything else
 * that can fail returns a NEOERR to its caller; nothing is ignored. */
void gf_must(NEOERR *err);           /* STATUS_OK: nothing happens */
/* hdf_set_value / hdf_set_int_value / hdf_set_valuef under that policy. */
void gf_set(HDF *hdf, const char *name, const char *value);
void gf_set_int(HDF *hdf, const char *name, int value);
void gf_setf(HDF *hdf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- config.c ----------------------------------------------------------- */

/* The site configuration (conf/grantfair.hdf, or $GF_CONFIG), loaded once
 * per process by gf_config_load(); owned by the library. Holds secrets, so
 * it is never merged into a request HDF. */
extern HDF *gf_conf;
NEOERR *gf_config_load(void);
const char *gf_cfg(const char *name, const char *def);
long gf_cfg_int(const char *name, long def);
/* 1 when key may sign and encrypt for the site at site_url: at least 32
 * characters and not the example's "change-me", unless the site is this
 * machine only (http://127.0.0.1…, localhost, [::1]: a local stack).
 * gf_config_load refuses a configuration that fails it. */
int gf_secret_key_ok(const char *key, const char *site_url);

/* ---- valid.c: pure functions, no I/O (unit tested) ---------------------- */

/* Parses a positive decimal id (1..2^53) without sign or spaces; 0 if not. */
long long gf_parse_id(const char *s);
/* Number of UTF-8 code points in s, or -1 if s is not valid UTF-8. */
long gf_utf8_len(const char *s);
/* Characters of a text as people count them: code points, a line break
 * one whether the browser sent CRLF or LF (as a textarea's maxlength and
 * the page's counter count it); -1 if not valid UTF-8. */
long gf_text_len(const char *s);
/* Drops an incomplete UTF-8 sequence from the end of s, as a byte-limited
 * snprintf("%.300s") leaves when it cuts inside a character. */
void gf_utf8_cut(char *s);
/* Makes s valid UTF-8 in place: drops every byte that does not belong to
 * a valid sequence (wherever it is: a "%.100s" cut in the middle of a
 * text), then keeps at most max_chars code points (-1: all). */
void gf_utf8_clean(char *s, long max_chars);
/* 1 when s has no control characters (a one-line field). */
int gf_single_line(const char *s);
/* 1 when s has no control characters but line breaks and tabs (a text
 * area: a browser sends CRLF). */
int gf_text_chars_ok(const char *s);
/* Plausible email address (one @, dot in the domain, no spaces, <= 254). */
int gf_valid_email(const char *s);
/* A telephone number as people type it ("+7 (861) 200-00-01", "8 918
 * 555 12 34"): digits, spaces, "-", "()" and a leading "+" only, 10..15
 * digits, at most 40 characters. digits[n] (may be NULL) gets its digits
 * alone — the number as a key (the same number however it is spaced). */
int gf_valid_phone(const char *s, char *digits, size_t n);
/* Copies s without leading/trailing ASCII whitespace into a malloc'd string
 * (caller frees); NULL in gives "" out. */
char *gf_trim_dup(const char *s);
/* An e-mail address as a key (accounts, throttles, invitations, tokens):
 * trimmed, ASCII letters lower-cased; malloc'd, caller frees. Every place
 * that looks an address up or counts by it uses this form. */
char *gf_email_norm(const char *s);
/* Captcha: whether answer is a + b (1 <= a,b <= 9); the question itself
 * travels encrypted in the form (see captcha.c). */
int gf_captcha_check(const char *answer, int a, int b);
/* ИНН: 10 digits (organization) or 12 (person), checksums verified. */
int gf_valid_inn(const char *s);
/* ОГРН: 13 digits (organization), or ОГРНИП: 15, checksum verified. */
int gf_valid_ogrn(const char *s);
/* КПП: 9 characters, digits with letters allowed in places 5–6. */
int gf_valid_kpp(const char *s);
/* A whole number as people type it, thousands separated by spaces of any
 * kind ("1 500", "1500"); 0 when it is not a positive one. */
long long gf_parse_count(const char *s);
/* Roubles as people type them ("1 234,5", "1234.56", "150 000 руб.",
 * "150 000,50 ₽"; thousands apart by spaces, no-break, thin or narrow
 * spaces; the currency after the number) into kopecks; 0 when not a
 * non-negative amount. */
int gf_parse_money(const char *s, long long *kopecks);
/* A real calendar date written YYYY-MM-DD (as <input type=date> sends
 * it), DD.MM.YYYY or D.M.YYYY (as people here write it). */
int gf_parse_date(const char *s, int *y, int *m, int *d);
/* The same date as YYYY-MM-DD into iso[11], the one form the site
 * stores and compares; 0 (iso untouched) when s is not a date. */
int gf_date_iso(const char *s, char iso[11]);
/* A password we accept: 12..200 characters and not a common one. */
int gf_password_ok(const char *pw);
/* A rate-limit bucket named by an e-mail address without keeping it:
 * "<prefix>:" and the hex SHA-256 of gf_email_norm(email), into out[n]
 * (n >= strlen(prefix) + 66). */
void gf_email_bucket(const char *prefix, const char *email, char *out, size_t n);
/* The key a per-address limit counts a client under (out[n], n >= 64):
 * an IPv4 address as it is (also when seen as ::ffff:a.b.c.d), an IPv6
 * one as its /64 network ("2001:db8:1:2::/64"), which one subscriber
 * holds whole. */
void gf_ip_key(const char *ip, char *out, size_t n);
/* A website as people type it ("ngo.ru", "www.ngo.ru/about",
 * "https://нко.рф"): malloc'd with its scheme ("https://" when none was
 * typed; caller frees), or NULL when it is not a web address (another
 * scheme, a host without a dot, spaces, quotes). */
char *gf_web_address(const char *s);

/* ---- stem.c ------------------------------------------------------------- */

/* The stems of text's words for a full-text index or query: lower case,
 * ё as е, Snowball's Russian stemmer (English for Latin words), one-letter
 * and function words dropped, single spaces between; at most max_words
 * (<= 0: all), each once when unique. Malloc'd (caller frees); NULL only
 * when out of memory. The stemmers are made once, kept for the
 * process's life and freed at exit. */
char *gf_stem_text(const char *text, int max_words, int unique);
/* A full-text boolean query from typed text: each distinct stem (at most
 * max_words) required and as a prefix, "+школ* +волонтер*"; "" when no
 * word is left. Malloc'd (caller frees); NULL only when out of memory. */
char *gf_stem_query(const char *q, int max_words);

/* ---- db.c --------------------------------------------------------------- */

/* One connection per process, to the account named by the program
 * (GF_DB_READ: SELECT only; GF_DB_WRITE: data changes). Every statement is
 * a prepared statement, cached per process by the address of its SQL text;
 * after a lost connection the next call reconnects and re-prepares. */
enum gf_db_access { GF_DB_NONE, GF_DB_READ, GF_DB_WRITE };
typedef enum { GF_T_END, GF_T_INT, GF_T_STR, GF_T_NULL } gf_argtype;
typedef struct { gf_argtype t; long long i; const char *s; } gf_arg;
#define A_INT(v) ((gf_arg){GF_T_INT, (long long)(v), NULL})
#define A_STR(v) ((gf_arg){GF_T_STR, 0, (v)})
#define A_NULL   ((gf_arg){GF_T_NULL, 0, NULL})
#define A_END    ((gf_arg){GF_T_END, 0, NULL})
/* A parameter list, e.g. ARGS(A_INT(id), A_STR(name)); NOARGS for none. */
#define ARGS(...) ((const gf_arg[]){__VA_ARGS__, A_END})
#define NOARGS    ((const gf_arg[]){A_END})

/* A program keeps its SQL in one table indexed by an enum that ends in
 * Q__MAX:  enum { Q_A, Q_B, Q__MAX };
 *          static const char *const Q[] = {[Q_A] = "…", [Q_B] = "…"};
 *          GF_STATEMENTS(Q, Q__MAX);
 * which fails the build unless the table has one entry per name (a gap
 * left in the middle is NULL, which gf_db_* refuse). */
#define GF_STATEMENTS(t, n) \
    _Static_assert(sizeof(t) / sizeof((t)[0]) == (n), #t ": one statement per enum name")

NEOERR *gf_db_open(enum gf_db_access access);
void gf_db_close(void);
/* Runs a SELECT; row i becomes <prefix>.<i>.<column> under dst (NULL
 * columns are left out). *n (may be NULL) gets the row count. */
NEOERR *gf_db_rows(const char *sql, const gf_arg *args, HDF *dst,
                   const char *prefix, int *n);
/* Runs a SELECT expected to give at most one row: its columns become
 * <prefix>.<column> (or children of dst when prefix is NULL or ""). */
NEOERR *gf_db_row(const char *sql, const gf_arg *args, HDF *dst,
                  const char *prefix, int *found);
/* Runs a statement that changes data. affected/insert_id may be NULL. */
NEOERR *gf_db_exec(const char *sql, const gf_arg *args,
                   long long *affected, long long *insert_id);
/* gf_db_rows for small public lists without parameters, kept per process
 * for ttl seconds and copied under dst as <prefix>.<i>.<column>. */
NEOERR *gf_db_rows_cached(const char *sql, int ttl, HDF *dst, const char *prefix);
/* The same rows without a copy: *rows (NULL when there are none) has
 * children 0, 1, … and is owned by the process cache, valid until the next
 * gf_db_rows_cached* call; *gen (may be NULL) changes whenever they are
 * read again. */
NEOERR *gf_db_rows_cached_ref(const char *sql, int ttl, HDF **rows, unsigned *gen);
NEOERR *gf_db_begin(void);
NEOERR *gf_db_commit(void);
void gf_db_rollback(void);   /* safe to call when no transaction is open */
/* 1 while a transaction begun by gf_db_begin is open (for a function that
 * must be atomic both inside a caller's transaction and on its own). */
int gf_db_in_transaction(void);

/* ---- render.c ----------------------------------------------------------- */

/* Renders templates/<name> with hdf into out (appended). Template text is
 * read once per process. Escaping is html unless a template says
 * otherwise. Registered functions: msk(ts) "28.11.2026 23:30",
 * mskdate(ts) "28.11.2026", rudate("2026-11-28") "28.11.2026", rub(kopecks) "1 234 567,89 ₽", amount("150000 руб.") "150 000 ₽" (typed text that is not an amount as it is), bytes(n) "10 МБ", dec("87.50") "87,50", num(n) "1 234 567", left(seconds) "3 дня 4 часа". */
NEOERR *gf_render(HDF *hdf, const char *name, STRING *out);
/* The same without escaping, for plain-text mail. */
NEOERR *gf_render_text(HDF *hdf, const char *name, STRING *out);
/* Pure formatters behind those template functions (unit tested). */
void gf_fmt_rub(long long kopecks, char *buf, size_t n);
/* A whole number with its thousands apart by no-break spaces, "1 234 567"
 * (template: num()). */
void gf_fmt_int(long long n, char *buf, size_t len);
void gf_fmt_msk(time_t t, int with_time, char *buf, size_t n);
/* A day stored as YYYY-MM-DD (or typed D.M.YYYY) as people here read it,
 * "01.02.2027"; anything else as it is (template: rudate()). */
void gf_fmt_date(const char *day, char *buf, size_t n);
/* A duration in Russian, in whole days when it is days, else hours, else
 * minutes: "7 дней", "48 часов", "2 часа", "1 час", "15 минут". */
void gf_fmt_duration(long seconds, char *buf, size_t len);
/* Time left as a countdown says it, the two largest units: "3 дня 4
 * часа", "5 часов 10 минут", "12 минут", "меньше минуты" (0 or less too)
 * (template: left(seconds)). */
void gf_fmt_left(long long seconds, char *buf, size_t len);
/* A size as people read it: "10 МБ", "1.5 МБ", "300 КБ" (template: bytes()). */
void gf_fmt_bytes(long long n, char *buf, size_t len);
/* A decimal as the database gives it ("87.50") with the Russian decimal
 * comma ("87,50"); "" for anything that is not one (template: dec()). */
void gf_fmt_decimal(const char *in, char *buf, size_t n);

/* ---- cache.c: whole responses to anonymous GETs of public pages --------- */

/* 1 and the stored response (headers, then body; hlen = header bytes) when
 * key is cached and fresh. The data stays owned by the cache. */
int gf_cache_get(const char *key, const char **data, int *len, int *hlen);
/* Stores a copy of the response for ttl seconds. */
void gf_cache_put(const char *key, const char *data, int len, int hlen, int ttl);
void gf_cache_clear(void);

/* ---- request.c: the request loop and declared access -------------------- */

/* Who may use a route: role bits (bit i is the program's role_names[i]),
 * or one of these. */
#define GF_PUBLIC (1u << 31)   /* anyone, signed in or not */
#define GF_USERS  (1u << 30)   /* any signed-in user */

typedef struct gf_req gf_req;
typedef NEOERR *(*gf_handler)(gf_req *r);

/* One URL pattern of a program and its handlers: what a GET (or HEAD)
 * shows and what a POST does; a method without a handler is 405.
 * Patterns: "/x" exactly, "/x/#/y" where # is a numeric id (given to the
 * handler as r->id), and "/x/" followed by "*": anything below /x/. */
typedef struct gf_route {
    const char *pattern;
    gf_handler get;          /* GET and HEAD, or NULL */
    gf_handler post;         /* POST, or NULL */
    unsigned roles;          /* 0: the program's roles */
    int files;               /* GF_FILES: its POST carries files (a body up to
                                Limits.MaxUpload; any other: Limits.MaxBody) */
} gf_route;
#define GF_FILES 1

/* A program declares what it serves and who may use it; the request loop
 * enforces it before any handler runs: a path matching no route is 404, a
 * method the route does not take is 405, a route that is not GF_PUBLIC
 * sends an anonymous visitor to /login?next=…, a signed-in user without
 * the role gets 403, and every POST must carry the form's CSRF token
 * (403) unless csrf_exempt says why not. Only then is the body read and
 * the route's handler for the method called. `prog --describe` prints the
 * declaration (tests compare it with cgi-bin/MANIFEST and the behaviour). */
typedef struct gf_program {
    const char *name;
    enum gf_db_access db;
    unsigned roles;                  /* GF_PUBLIC, GF_USERS or role bits */
    const char *const *role_names;   /* bit i <-> users' role name i (NULL-terminated) */
    const char *csrf_exempt;         /* NULL: POSTs check CSRF */
    int public_cache;                /* anonymous GETs may be served from cache.c */
    const gf_route *routes;          /* ends with an entry whose pattern is NULL */
} gf_program;

struct gf_req {
    CGI *cgi;
    HDF *hdf;               /* cgi->hdf: all request data, read by templates */
    const gf_program *prog;
    const gf_route *route;  /* the route that matched */
    gf_handler handler;     /* its handler for this method */
    long long id;           /* the # of the route's pattern, or 0 */
    const char *method;     /* "GET", "POST", … */
    char path[512];         /* request path without the query string */
    char path_query[1024];  /* the request URI, the key of cached pages */
    char ip[64];
    long long user_id;      /* 0: anonymous */
    unsigned roles;         /* role bits */
    char session_hash[65];  /* hex SHA-256 of the session token, or "" */
    char csrf[64];          /* the token forms must echo back */
    const char *page;       /* template to render, set by the handler */
    const char *content_type; /* the page's Content-Type when it is not HTML (a
                               feed, a sitemap: set by the handler); NULL: HTML */
    int status;             /* HTTP status for the rendered page (200) */
    char location[600];     /* set by gf_redirect: 303 to this */
    char cookies[4][400];   /* Set-Cookie header values */
    int ncookies;
    int cacheable;          /* a public page for an anonymous visitor */
    /* set by a kit module that answers instead of a page (files.c) */
    NEOERR *(*respond)(gf_req *r);
    /* set by a kit module with work to do after the response (mail.c) */
    void (*after_response)(void);
    const char *send_file, *send_mime, *send_name;   /* for files.c */
    int send_picture;       /* gf_picture: shown inline, cacheable */
    char *send_data;        /* gf_download_data: freed after the response */
    size_t send_len;
};

/* The request loop: FastCGI when started by a FastCGI server, otherwise one
 * plain CGI request. Returns the process exit status. */
int gf_run(int argc, char **argv, const gf_program *prog);
/* 1 when path fits pattern (see gf_route); *id gets the # segment. */
int gf_route_match(const char *pattern, const char *path, long long *id);

/* ---- body.c: watching what ClearSilver reads (used by request.c) ------- */

/* Starts watching a body of this content type. */
void gf_body_watch(const char *content_type);
/* Each chunk read; 0 when reading must stop (too many fields, a NUL in a
 * field's name). */
int gf_body_scan(const char *buf, int len);
/* After parsing: the fields whose value held a NUL (body or query string)
 * become "\xff" (not text: every text check refuses it); a refused body
 * raises GF_ERR_BADREQ. */
NEOERR *gf_body_check(HDF *hdf);
/* 1 when reading was stopped. */
int gf_body_refused(void);

/* ---- response.c: what a handler says back ------------------------------- */

/* Query.<name>, or def. */
const char *gf_param(gf_req *r, const char *name, const char *def);
/* 303 See Other to a site-relative path: only "/" followed by printable
 * characters, never "//" or "/\" (no open redirect); anything else goes
 * to "/". Bytes of non-ASCII text (UTF-8) go percent-encoded. */
void gf_redirect(gf_req *r, const char *path);
/* 1 when path is a safe site-relative redirect target (see gf_redirect). */
int gf_local_path(const char *path);
/* Adds a Set-Cookie header (HttpOnly, SameSite=Lax, Path=/, Secure when
 * the site is https). max_age < 0: session cookie; 0: delete. */
void gf_set_cookie(gf_req *r, const char *name, const char *value, long max_age);
/* Writes the response: a page body (may be NULL) with our headers. */
void gf_send(gf_req *r, int status, const char *location, STRING *body);
/* Renders templates/error.cs for status (error id shown when not NULL). */
void gf_send_error(gf_req *r, int status, const char *id);
/* Maps an error chain to a status (404, 400, 403, 405, 413, 503, else
 * 500), logs it (500 and 503 with an error id) and sends the error page.
 * Frees err. */
void gf_fail(gf_req *r, NEOERR *err);

/* ---- pager.c: page links of a listing ----------------------------------- */

/* The ?page= parameter: 1..1 000 000, else 1. */
long gf_pager_page(const char *param);
/* For macros.cs's pager(): clamps *page to the pages that total rows of
 * size make (1 when there are none), fills Pager.{Base,Page,Pages,Total,
 * Links} (links: first, last, two either side of the page, 0 for a gap;
 * base ends with ? or &, its values already URL-safe) and returns the
 * OFFSET of the page's first row. */
long long gf_pager(HDF *hdf, const char *base, long long total, long size, long *page);

/* ---- form.c: fields and their errors ------------------------------------ */

/* Query.<name> trimmed of surrounding whitespace (the HDF keeps and owns
 * the trimmed value); "" when absent. */
const char *gf_input(gf_req *r, const char *name);
/* A date field: Query.<name> trimmed and, when it is a date written
 * either way (gf_parse_date), rewritten as YYYY-MM-DD — what the program
 * stores and compares, and what <input type=date> shows; anything else
 * stays as typed, for the program's check to refuse with gf_msg_date. */
const char *gf_input_date(gf_req *r, const char *name);
/* What to say of a date that was refused: gf_msg_date, or — when it is
 * written the right way but no such day exists (31.02.2027) — that. */
const char *gf_date_message(const char *typed);
/* Sets errors.<name> = msg unless the field already has a message (the
 * first problem is the one shown). */
void gf_error_set(HDF *errors, const char *name, const char *msg);
/* The same for a page's form: Form.Error.<name>, and Form.HasErrors. */
void gf_field_error(gf_req *r, const char *name, const char *msg);
int gf_form_has_errors(gf_req *r);
/* Checkboxes of one name (ClearSilver puts one value at Query.<name>,
 * several also at Query.<name>.0, .1, …): 1 when value is among the
 * ticked ones; how many were posted (to notice one that is not offered). */
int gf_checked(gf_req *r, const char *name, const char *value);
int gf_checked_count(gf_req *r, const char *name);
/* The one check of a text field: valid UTF-8 without control characters
 * (line breaks and tabs allowed unless GF_ONE_LINE), present when
 * GF_REQUIRED, at most max characters (gf_text_len: a line break counts
 * once). On failure sets errors.<name> to
 * one of the shared Russian messages and returns 0. */
enum { GF_OPTIONAL = 0, GF_REQUIRED = 1 << 0, GF_ONE_LINE = 1 << 1 };
int gf_text_check(HDF *errors, const char *name, const char *value, unsigned rule, long max);
/* gf_text_check for a page's form (Form.Error.<name>). */
int gf_field_text(gf_req *r, const char *name, const char *value, unsigned rule, long max);
/* A new password typed twice (fields name and repeat): the policy
 * (gf_password_ok), then the repeat; the problem goes next to its field.
 * Returns 1 when both hold. */
int gf_field_new_password(gf_req *r, const char *name, const char *repeat);
/* The shared messages, for checks that are not gf_text_check's. */
extern const char *const gf_msg_required, *const gf_msg_bad_text, *const gf_msg_one_line,
                        *const gf_msg_password, *const gf_msg_date;

/* ---- session.c ---------------------------------------------------------- */

/* Loads the session named by the cookie into r (user, roles, csrf) or
 * prepares an anonymous CSRF token. */
NEOERR *gf_session_load(gf_req *r);
/* The one check of a password typed into a form (sign-in, confirming a
 * registration, the account page): the account found by its address in
 * gf_email_norm's form; wrong passwords counted per account and client
 * address (Login.MaxFailures), per account (Login.MaxFailuresPerAccount)
 * and per client address (Login.MaxFailuresPerIP), an unknown address
 * costing the same time. *result: 0 right
 * (*user_id, *confirmed filled when not NULL), 1 wrong, 2 throttled. Starts
 * no session. */
NEOERR *gf_password_check(gf_req *r, const char *email, const char *password, int *result,
                          long long *user_id, int *confirmed);
/* Result 2 of gf_password_check: the Russian message (how long to wait)
 * next to field, status 429. */
void gf_password_throttled(gf_req *r, const char *field);
/* Checks email + password (gf_password_check); on success creates a session and sets the
 * cookie. *result: 0 ok, 1 wrong credentials, 2 throttled, 3 email not confirmed. */
NEOERR *gf_session_login(gf_req *r, const char *email, const char *password,
                         int *result);
NEOERR *gf_session_logout(gf_req *r);
/* Starts a session for user_id (after a confirmed link) and sets the cookie. */
NEOERR *gf_session_start(gf_req *r, long long user_id);
/* Ends every session of the user except keep_hash's ("" ends all). */
NEOERR *gf_session_end_others(long long user_id, const char *keep_hash);
/* argon2id via libsodium. out must hold crypto_pwhash_STRBYTES (128). */
int gf_password_hash(const char *password, char out[128]);
int gf_password_verify(const char *hash, const char *password);
/* n random bytes as base64url without padding into out (>= 4*n/3+2). */
void gf_random_token(size_t nbytes, char *out, size_t outlen);
/* Hex SHA-256 of s into out[65]. */
void gf_sha256_hex(const char *s, size_t len, char out[65]);
/* Counts an event in bucket; *allowed = 0 when more than max events
 * happened in the last window seconds (the event is recorded either way
 * when record != 0). */
NEOERR *gf_rate_limit(const char *bucket, int max, int window, int record,
                      int *allowed);

/* A form that costs something per request (a mail, a password hash):
 * counts this request per IP (bucket "<name>:ip:<ip>") or per address
 * (gf_email_norm's form, "<name>:email:<hash>"); over max in window seconds
 * the Russian message goes next to field («…из вашей сети (с вашего
 * IP-адреса)…», «На этот адрес уже отправлено несколько писем…»), the
 * status is 429 and *allowed = 0. A per-IP ceiling is for whole networks
 * (a carrier's NAT, an office): keep it well above a per-address limit. */
/* Two limits on one event, e.g. a sender's and an address's, in window
 * seconds: *over = 1 when bucket a has had amax, else 2 when b has had
 * bmax, else 0 — and then the event is counted in both. The caller words
 * the refusal (it knows whose limit it is). */
NEOERR *gf_rate_limit_pair(const char *a, int amax, const char *b, int bmax, int window,
                           int *over);
NEOERR *gf_limit_ip(gf_req *r, const char *name, long max, long window, const char *field,
                    int *allowed);
NEOERR *gf_limit_email(gf_req *r, const char *name, const char *email, long max, long window,
                       const char *field, int *allowed);
/* At most max copies of a form's message to one typed address in window
 * seconds; *allowed = 1 (and counted) when this one may go. */
NEOERR *gf_limit_copy(const char *name, const char *email, long max, long window, int *allowed);
/* A public form's two limits (gf_rate_limit_pair), set in the config under
 * name: name.RateMax sends per sender (an e-mail address, or a phone
 * number's digits) and a far higher name.IPMax per IP address (an office,
 * a carrier's NAT: people sharing one are not shut out by one of them),
 * both in name.RateWindow seconds; an allowed send is counted. Over a
 * limit: the refusal (what: the form's things in the genitive plural,
 * «комментариев») goes next to field (the sender's limit) or to the form
 * (the network's), and the status is 429. */
NEOERR *gf_limit_sender(gf_req *r, const char *name, const char *sender, const char *field,
                        const char *what);

/* ---- files.c: uploads and downloads ------------------------------------- */

/* The MIME type of the file's content (libmagic), e.g. "image/png". */
NEOERR *gf_file_sniff(FILE *f, char *mime, size_t n);
/* Copies the upload into Paths.Files under a new random name (stored[44]),
 * fsynced, with its SHA-256 and size. */
NEOERR *gf_file_store(FILE *in, char stored[44], char sha[65], long long *size);
/* The whole of an upload f in memory: *data (malloc'd, the caller frees it)
 * and *len. The caller has checked its size against its limit. */
NEOERR *gf_file_read(FILE *f, char **data, size_t *len);
/* The client's name of an uploaded file as we keep it: its last path part,
 * without control characters, bidi controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C) and quotes, at most 200 bytes cut on a
 * character boundary; fallback when nothing (valid) is left. */
void gf_file_clean_name(const char *in, char *out, size_t n, const char *fallback);
/* Where a stored file lives. */
void gf_file_path(const char *stored, char *path, size_t n);
/* Deletes a stored file the database no longer lists — only after the
 * commit that stopped listing it (a crash between leaves an orphan file,
 * never a row without its file); a failure is logged. */
void gf_file_remove(const char *stored);
/* Answers the request with the stored file as a download of this type
 * and name instead of a page (the strings must outlive the handler: keep
 * them in r->hdf). */
void gf_download(gf_req *r, const char *stored, const char *mime, const char *name);
/* Answers with a stored picture the site made itself (image.c's JPEG,
 * nothing of the uploader's left in it) to be shown in a page and opened
 * by a click: inline, and public caches may keep it Cache.PictureTTL
 * seconds (300: a photo taken off the site is gone from them within it). */
void gf_picture(gf_req *r, const char *stored, const char *name);
/* The same for a file made by the request (an export): data is malloc'd
 * and from now on the request's, which frees it after the response. */
void gf_download_data(gf_req *r, char *data, size_t len, const char *mime, const char *name);

/* ---- csv.c: tables for Excel -------------------------------------------- */

/* CSV as Excel opens it in Russia: UTF-8 with a BOM (gf_csv_start), cells
 * separated by ";", rows ended by CRLF. A cell with ; " CR or LF is quoted
 * (inner quotes doubled); a cell that starts with = + - @, a tab or CR is
 * text, not a formula: it gets a leading ' (formula injection). */
typedef struct { STRING out; int col; } gf_csv;
void gf_csv_start(gf_csv *c);                    /* string_init and the BOM */
void gf_csv_cell(gf_csv *c, const char *value);  /* the row's next cell */
void gf_csv_end_row(gf_csv *c);
/* Then: gf_download_data(r, c.out.buf, c.out.len, "text/csv; charset=utf-8", name). */

/* ---- tokens.c: one-time links sent by email ----------------------------- */

/* Issues a token for purpose ("confirm", "reset", "email", "invite") valid
 * ttl seconds; token[64] gets the text for the link. Inside the caller's
 * transaction. user_id/org_id 0 and email NULL when not relevant. */
NEOERR *gf_token_issue(const char *purpose, long long user_id, long long org_id,
                       const char *email, long ttl, char token[64]);
/* Uses a token once: *ok = 1 and Token.{user_id,org_id,email} in out when
 * it was valid, unused and not expired; it is then spent. */
NEOERR *gf_token_use(const char *purpose, const char *token, HDF *out, int *ok);
/* The same check without spending it (to show the confirmation page). */
NEOERR *gf_token_peek(const char *purpose, const char *token, HDF *out, int *ok);
/* Spends every outstanding token of purpose issued for user_id (a reset, a
 * password or e-mail change makes the older links void). */
NEOERR *gf_token_revoke(long long user_id, const char *purpose);
/* The GET of a link from a mail: whether Query.token is valid, unused and
 * not expired (*ok, and Valid for the page), without spending it — the
 * page shows a button that POSTs (a GET changes nothing). */
NEOERR *gf_token_page(gf_req *r, const char *purpose, int *ok);
/* The POST behind a link's confirmation button (the loop has checked CSRF): begins a
 * transaction and spends Query.token. Not valid: rolled back, Valid = 0,
 * status 400, *ok = 0. Valid: the transaction stays open for the change. */
NEOERR *gf_token_redeem(gf_req *r, const char *purpose, int *ok);
/* Issues a token and mails its link (Site.URL + path + "?token=…", as
 * Link in data, with Site.Name and ValidFor: how long the link works) to email with templates/mail/<tpl>; inside
 * the caller's transaction. */
NEOERR *gf_token_mail(gf_req *r, const char *purpose, long long user_id, long long org_id,
                      const char *email, long ttl, const char *path, const char *tpl,
                      HDF *data);

/* ---- captcha.c ---------------------------------------------------------- */

/* Puts a fresh question into Captcha.A, Captcha.B and Captcha.Token (the
 * question encrypted and authenticated: the page shows A and B, the form
 * posts the token back as captcha_token). */
NEOERR *gf_captcha_new(gf_req *r);
/* Checks Query.captcha against the question in Query.captcha_token and
 * spends the token (outside any transaction of the caller's: call it
 * before gf_db_begin), right answer or not. *result: GF_CAPTCHA_RIGHT,
 * GF_CAPTCHA_WRONG (also a forged or expired token) or GF_CAPTCHA_USED
 * (answered before: a replay). */
enum { GF_CAPTCHA_WRONG, GF_CAPTCHA_RIGHT, GF_CAPTCHA_USED };
NEOERR *gf_captcha_answer(gf_req *r, int *result);
/* gf_captcha_answer's verdict as the "captcha" field's error: a wrong
 * answer (or a forged token) and a replayed one each have their message. */
NEOERR *gf_field_captcha(gf_req *r);

/* ---- mail.c ------------------------------------------------------------- */

/* Renders templates/mail/<tpl> (first line "Subject: …", blank line, body)
 * with data and puts the message in the outbox, inside the caller's
 * transaction. Marks r for delivery after the response, in the worker's
 * first moment with no request waiting (r may be NULL). */
NEOERR *gf_mail_queue(gf_req *r, const char *to, const char *tpl, HDF *data);
/* A file attached to a mail: an ASCII name without quotes ("event-5.ics"),
 * its MIME type ("text/calendar; charset=UTF-8") and its text. */
typedef struct { const char *name, *mime, *data; } gf_mail_file;
/* gf_mail_queue with a file attached (file NULL: none); the message goes
 * out as multipart/mixed: the body, then the file (base64). */
NEOERR *gf_mail_queue_file(gf_req *r, const char *to, const char *tpl, HDF *data,
                           const gf_mail_file *file);
/* Delivers due outbox rows (at most limit); returns how many were tried. */
NEOERR *gf_mail_deliver(int limit, int *tried);
/* Pure MIME pieces (unit tested); results are malloc'd, caller frees. */
char *gf_mime_header_encode(const char *text);  /* RFC 2047 B words */
char *gf_mime_message(const char *from, const char *to, const char *subject,
                      const char *body, time_t date, const char *message_id);
/* The same message with a file attached (NULL: as gf_mime_message). */
char *gf_mime_message_file(const char *from, const char *to, const char *subject,
                           const char *body, time_t date, const char *message_id,
                           const gf_mail_file *file);
/* Backoff in seconds before attempt number n (1-based) is retried. */
long gf_mail_backoff(int attempts);

/* ---- ics.c: calendar entries (RFC 5545), pure (unit tested) ------------- */

/* One event of a calendar: times UTC; texts UTF-8 (NULL or "": left out,
 * but summary); url only when it is one line without spaces. */
typedef struct {
    const char *uid;                /* unique and stable, e.g. "event-5@site" */
    time_t stamp, start, end;       /* DTSTAMP (when made), DTSTART, DTEND */
    const char *summary, *location, *description, *url;
} gf_ics_event;
/* A VCALENDAR (PRODID prodid, METHOD:PUBLISH) holding the event as one
 * VEVENT: CRLF lines folded at 75 octets. malloc'd, caller frees. */
char *gf_ics_calendar(const char *prodid, const gf_ics_event *e);
/* Appends s as an RFC 5545 TEXT value: \ ; , escaped, a line break as
 * \n, other control characters dropped. */
void gf_ics_text(STRING *out, const char *s);
/* Appends one content line folded at 75 octets (CRLF and a space; never
 * inside a UTF-8 character) and its CRLF. */
void gf_ics_fold(STRING *out, const char *line);

/* ---- pdf.c: printable documents (cairo + pango) ------------------------- */

/* A PDF made in memory: A4 portrait, text laid out by pango with a
 * fontconfig font (Cyrillic included), blocks flowing from page to page,
 * tables whose rows are never cut (a row that does not fit goes to the
 * next page, under the table's header row again; a cell taller than half
 * a page is cut short with "…"), and "N / M" at the foot of every page.
 * Record the blocks in order with the calls below (they copy their
 * strings; text is plain, never markup); gf_pdf_end lays them out. Out of
 * memory follows gf_must's policy. */
#define GF_PDF_MAX_COLS 12
typedef struct gf_pdf gf_pdf;
/* A new document in font (a fontconfig family; NULL: "DejaVu Sans");
 * footer (may be NULL) is printed at the left foot of every page. Owned
 * by the caller until gf_pdf_end (or gf_pdf_free) takes it. */
gf_pdf *gf_pdf_begin(const char *font, const char *footer);
void gf_pdf_heading(gf_pdf *p, const char *text);      /* large, bold, centred */
void gf_pdf_subheading(gf_pdf *p, const char *text);   /* bold */
void gf_pdf_paragraph(gf_pdf *p, const char *text);    /* wrapped; "\n" breaks a line */
void gf_pdf_space(gf_pdf *p, double points);           /* vertical space */
/* Opens a table of ncols (1..GF_PDF_MAX_COLS) columns: widths relative
 * (NULL: equal), align a letter per column ('l', 'r', 'c'; NULL: left),
 * header the header row's cells (NULL: none shown, empty row). */
void gf_pdf_table(gf_pdf *p, int ncols, const double *widths, const char *align,
                  const char *const *header);
/* A row of the open table: its ncols cells; bold for a row of totals. */
void gf_pdf_table_row(gf_pdf *p, const char *const *cells, int bold);
void gf_pdf_table_end(gf_pdf *p);
/* Lays the document out and frees p: *data (malloc'd, NUL-terminated, the
 * caller's: e.g. for gf_download_data) and *len get the PDF, *pages (may
 * be NULL) its page count. On error *data is NULL. */
NEOERR *gf_pdf_end(gf_pdf *p, char **data, size_t *len, int *pages);
/* Frees a document without laying it out (an error on the way). */
void gf_pdf_free(gf_pdf *p);

/* ---- image.c: pictures made fit to publish (libvips) --------------------- */

/* Decodes the picture in[len] (JPEG, PNG, WebP, GIF…: whatever libvips
 * reads) and writes to out a new JPEG of it at quality (1..100): at most
 * side pixels on either side (never enlarged), upright by its EXIF
 * orientation, with no metadata (EXIF, GPS, XMP, IPTC, comments) kept;
 * *width and *height get its size. A picture that cannot be decoded, or
 * that claims more than max_pixels, raises GF_ERR_BADREQ (the caller
 * words it for the page). */
NEOERR *gf_image_jpeg(const void *in, size_t len, long max_pixels, int side, int quality,
                      FILE *out, int *width, int *height);
/* gf_image_jpeg's picture stored as an uploaded file (files.c): stored[44]
 * its name, *size its bytes. Every picture the site publishes goes this
 * way, so that none keeps its metadata. */
NEOERR *gf_image_store(const void *in, size_t len, long max_pixels, int side, int quality,
                       char stored[44], int *width, int *height, long long *size);

/* ---- svg.c: charts drawn on the server ----------------------------------- */

/* One bar: its label, the value that sets its length, and the value as
 * the page writes it ("1 234 567 ₽"). The strings are the caller's. */
typedef struct { const char *label; double value; const char *text; } gf_bar;
/* Appends to out an inline <svg role="img"> with a horizontal bar per
 * item (its label above it, its text after it), labelled by <title>
 * (id "<id>-title") and <desc> ("<id>-desc") through aria-labelledby;
 * width is the viewBox's (the chart scales to its box); bars are scaled
 * to the largest value. Every string is XML-escaped; n = 0 draws
 * «Нет данных». Out of memory follows gf_must's policy. */
void gf_svg_bars(STRING *out, const char *id, const char *title, const char *desc,
                 const gf_bar *bars, int n, int width);
/* A bar's length in room units for value on a scale whose largest value
 * is max: 0 for 0 (or less, or no scale), at least 1 for any value
 * above 0, room for max. Pure. */
int gf_svg_bar_length(double value, double max, int room);

#endif
