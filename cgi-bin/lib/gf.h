/*
 * gf.h — the grantfair core library, shared by every program in cgi-bin/.
 *
 * One header, one section per library file. Errors travel as ClearSilver
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
extern NERR_TYPE GF_ERR_TOOLARGE;     /* 413 */
extern NERR_TYPE GF_ERR_UNAVAILABLE;  /* 503: database down, try again */
extern NERR_TYPE GF_ERR_DUPLICATE;    /* a unique key refused the row */
NEOERR *gf_errors_init(void);

/* ---- config.c ----------------------------------------------------------- */

/* The site configuration (conf/grantfair.hdf, or $GF_CONFIG), loaded once
 * per process by gf_config_load(); owned by the library. Holds secrets, so
 * it is never merged into a request HDF. */
extern HDF *gf_conf;
NEOERR *gf_config_load(void);
const char *gf_cfg(const char *name, const char *def);
long gf_cfg_int(const char *name, long def);

/* ---- valid.c: pure functions, no I/O (unit tested) ---------------------- */

/* Parses a positive decimal id (1..2^53) without sign or spaces; 0 if not. */
long long gf_parse_id(const char *s);
/* Number of UTF-8 code points in s, or -1 if s is not valid UTF-8. */
long gf_utf8_len(const char *s);
/* 1 when s has no control characters (a one-line field). */
int gf_single_line(const char *s);
/* Plausible email address (one @, dot in the domain, no spaces, <= 254). */
int gf_valid_email(const char *s);
/* Copies s without leading/trailing ASCII whitespace into a malloc'd string
 * (caller frees); NULL in gives "" out. */
char *gf_trim_dup(const char *s);
/* Captcha: a + b with 1 <= a,b <= 9; the expected answer is kept signed in
 * the form (see gf_captcha_*) so that no server state is needed. */
int gf_captcha_check(const char *answer, int a, int b);
/* ИНН: 10 digits (organization) or 12 (person), checksums verified. */
int gf_valid_inn(const char *s);
/* ОГРН: 13 digits (organization), or ОГРНИП: 15, checksum verified. */
int gf_valid_ogrn(const char *s);
/* КПП: 9 characters, digits with letters allowed in places 5–6. */
int gf_valid_kpp(const char *s);
/* Roubles as people type them ("1 234,5", "1234.56", "1 234") into
 * kopecks; 0 when not a non-negative amount. */
int gf_parse_money(const char *s, long long *kopecks);
/* YYYY-MM-DD (as <input type=date> sends it), a real calendar date. */
int gf_parse_date(const char *s, int *y, int *m, int *d);
/* A password we accept: 12..200 characters and not a common one. */
int gf_password_ok(const char *pw);

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

/* ---- lists.c: reference lists for forms and filters --------------------- */

enum { GF_LIST_MUNICIPALITIES = 1, GF_LIST_DIRECTIONS = 2, GF_LIST_COMPETITIONS = 4 };
/* Puts Municipalities.N.{id,name}, Directions.N.{id,name} and
 * Competitions.N.{id,title} into hdf, as asked by the which bits. */
NEOERR *gf_lists_load(HDF *hdf, unsigned which);
/* 1 when list (e.g. "Municipalities") in hdf holds an entry with this id. */
int gf_list_has(HDF *hdf, const char *list, long long id);
/* *has = 1 when one list (a GF_LIST_* bit) holds an entry with this id;
 * reads the process's cached copy, nothing goes into a request's HDF. */
NEOERR *gf_list_find(unsigned list, long long id, int *has);
/* *label = the name (or title) of id in one list, "" when it has none;
 * owned by the list cache, valid until the next gf_list_* or
 * gf_db_rows_cached* call. */
NEOERR *gf_list_label(unsigned list, long long id, const char **label);
/* The <option>s of one list (templates/list_options.cs), the one with id
 * selected (0: none) marked selected. Rendered once per list and selected
 * id and kept while the list is cached: *html is owned by that cache and
 * valid until the next call. */
NEOERR *gf_list_options(unsigned list, long long selected, const char **html);

/* ---- render.c ----------------------------------------------------------- */

/* Renders templates/<name> with hdf into out (appended). Template text is
 * read once per process. Escaping is html unless a template says
 * otherwise. Registered functions: msk(ts) "28.11.2026 23:30",
 * mskdate(ts) "28.11.2026", rub(kopecks) "1 234 567,89 ₽". */
NEOERR *gf_render(HDF *hdf, const char *name, STRING *out);
/* The same without escaping, for plain-text mail. */
NEOERR *gf_render_text(HDF *hdf, const char *name, STRING *out);
/* Pure formatters behind those template functions (unit tested). */
void gf_fmt_rub(long long kopecks, char *buf, size_t n);
void gf_fmt_msk(time_t t, int with_time, char *buf, size_t n);

/* ---- cache.c: whole responses to anonymous GETs of public pages --------- */

/* 1 and the stored response (headers, then body; hlen = header bytes) when
 * key is cached and fresh. The data stays owned by the cache. */
int gf_cache_get(const char *key, const char **data, int *len, int *hlen);
/* Stores a copy of the response for ttl seconds. */
void gf_cache_put(const char *key, const char *data, int len, int hlen, int ttl);
void gf_cache_clear(void);

/* ---- request.c ---------------------------------------------------------- */

enum gf_role {
    GF_ROLE_APPLICANT = 1 << 0, GF_ROLE_EXPERT = 1 << 1,
    GF_ROLE_STAFF = 1 << 2, GF_ROLE_SECRETARY = 1 << 3, GF_ROLE_ADMIN = 1 << 4,
};

typedef struct gf_req {
    CGI *cgi;
    HDF *hdf;               /* cgi->hdf: all request data, read by templates */
    const char *method;     /* "GET", "POST", … */
    char path[512];         /* request path without the query string */
    char path_query[1024];  /* the request URI, the key of cached pages */
    char ip[64];
    long long user_id;      /* 0: anonymous */
    unsigned roles;         /* GF_ROLE_* bits */
    char session_hash[65];  /* hex SHA-256 of the session token, or "" */
    char csrf[64];          /* the token forms must echo back */
    const char *page;       /* template to render, set by the handler */
    int status;             /* HTTP status for the rendered page (200) */
    char location[600];     /* set by gf_redirect: 303 to this */
    char cookies[4][400];   /* Set-Cookie header values */
    int ncookies;
    int mail_queued;        /* outbox rows to deliver after the response */
    int cacheable;          /* a public page for an anonymous visitor */
    const char *send_file;  /* instead of a page: this stored file … */
    const char *send_mime;  /* … with this type … */
    const char *send_name;  /* … offered for download under this name */
} gf_req;

typedef struct gf_program {
    const char *name;
    enum gf_db_access db;
    NEOERR *(*handle)(gf_req *r);
    int public_cache;       /* anonymous GETs may be served from cache.c */
} gf_program;

/* The request loop: FastCGI when started by a FastCGI server, otherwise one
 * plain CGI request. Returns the process exit status. */
int gf_run(int argc, char **argv, const gf_program *prog);

/* Query.<name> trimmed of nothing, or def. */
const char *gf_param(gf_req *r, const char *name, const char *def);
/* The id in "<prefix><id><suffix>", e.g. ("/applications/", "/card");
 * 0 unless the path is exactly that with a well-formed id. */
long long gf_path_id(const char *path, const char *prefix, const char *suffix);
/* 303 See Other to a site-relative path. */
void gf_redirect(gf_req *r, const char *path);
/* Adds a Set-Cookie header (HttpOnly, SameSite=Lax, Path=/, Secure when
 * the site is https). max_age < 0: session cookie; 0: delete. */
void gf_set_cookie(gf_req *r, const char *name, const char *value, long max_age);
/* Requires a POST whose csrf field matches; raises GF_ERR_FORBIDDEN. */
NEOERR *gf_require_post_csrf(gf_req *r);
/* Requires a logged-in user holding any of the roles; anonymous users are
 * redirected to /login (returns STATUS_OK with r->location set and
 * *ok = 0), others get 403. */
NEOERR *gf_require_role(gf_req *r, unsigned roles, int *ok);

/* ---- form.c: fields and their errors ------------------------------------ */

/* Query.<name> trimmed of surrounding whitespace (the HDF keeps and owns
 * the trimmed value); "" when absent. */
const char *gf_input(gf_req *r, const char *name);
/* Marks field <name> invalid with a Russian message (Form.Error.<name>);
 * the first message for a field is kept. */
void gf_field_error(gf_req *r, const char *name, const char *msg);
int gf_form_has_errors(gf_req *r);
/* Checks a text field: present when required, at most max characters,
 * one line when one_line; reports the error and returns 0 if not. */
int gf_check_text(gf_req *r, const char *name, const char *value, int required,
                  long max, int one_line);

/* ---- session.c ---------------------------------------------------------- */

/* Loads the session named by the cookie into r (user, roles, csrf) or
 * prepares an anonymous CSRF token. */
NEOERR *gf_session_load(gf_req *r);
/* Checks email + password; on success creates a session and sets the
 * cookie. *result: 0 ok, 1 wrong credentials, 2 throttled. */
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

/* ---- app.c: an application and its sections ----------------------------- */

/* The sections of an application, in form order, NULL-terminated. */
extern const char *const gf_sections[];
/* Loads application id into App.* (status, number, competition limits,
 * App.editable while the user may still change it). An application of
 * another organization is a 404; staff may read when staff_may_read. */
NEOERR *gf_app_load(gf_req *r, long long id, int staff_may_read);
/* Directions of the competition, budget categories, municipalities. */
NEOERR *gf_app_lists(gf_req *r, long long competition_id);
/* Copies the stored draft of section under dst/prefix and puts
 * Section.<section>.{version,valid,saved_ts} into r->hdf. */
NEOERR *gf_app_section_load(gf_req *r, long long id, const char *section, HDF *dst,
                            const char *prefix);
/* Saves data as the section's draft if the stored version is still
 * `version` (0: none stored yet) and the application is open.
 * *result: 0 saved, 1 changed meanwhile (another tab), 2 closed. */
NEOERR *gf_app_section_save(long long id, const char *section, HDF *data, int valid,
                            int version, int *result);

/* The whole page of one section (/applications/<id>/<section>): access,
 * the stored draft, and on POST: save as a draft whatever was typed,
 * errors next to the fields, a refusal when another tab saved first or the
 * deadline passed. Renders templates/app_<section>.cs. */
NEOERR *gf_section_page(gf_req *r, const char *section);

/* ---- sections.c: what each section holds and when it is complete -------- */

/* Copies the section's fields from the form (Query.*) into data, trimmed,
 * rows renumbered and empty rows dropped. */
NEOERR *gf_section_from_form(const char *section, HDF *query, HDF *data);
/* Checks a section's data against the competition (ctx: App.* limits and,
 * for the plan, Card.* of the application); each problem becomes
 * errors.<field> = Russian message. Returns the number of problems.
 * For the budget it also writes the computed totals into data. */
int gf_section_check(const char *section, HDF *data, HDF *ctx, HDF *errors);

/* ---- files.c: uploads --------------------------------------------------- */

/* The MIME type of the file's content (libmagic), e.g. "application/pdf". */
NEOERR *gf_file_sniff(FILE *f, char *mime, size_t n);
/* Copies the upload into Paths.Files under a new random name (stored[44]),
 * fsynced, with its SHA-256 and size. */
NEOERR *gf_file_store(FILE *in, char stored[44], char sha[65], long long *size);
/* Where a stored file lives. */
void gf_file_path(const char *stored, char *path, size_t n);

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
/* The POST behind a link's confirmation button: checks CSRF, begins a
 * transaction and spends Query.token. Not valid: rolled back, Valid = 0,
 * status 400, *ok = 0. Valid: the transaction stays open for the change. */
NEOERR *gf_token_redeem(gf_req *r, const char *purpose, int *ok);
/* Issues a token and mails its link (Site.URL + path + "?token=…", as
 * Link in data, with Site.Name) to email with templates/mail/<tpl>; inside
 * the caller's transaction. */
NEOERR *gf_token_mail(gf_req *r, const char *purpose, long long user_id, long long org_id,
                      const char *email, long ttl, const char *path, const char *tpl,
                      HDF *data);

/* ---- captcha.c ---------------------------------------------------------- */

/* Puts a fresh question into Captcha.A, Captcha.B and Captcha.Token. */
NEOERR *gf_captcha_new(gf_req *r);
/* 1 when Query.captcha answers the question signed in Query.captcha_token. */
int gf_captcha_ok(gf_req *r);

/* ---- mail.c ------------------------------------------------------------- */

/* Renders templates/mail/<tpl> (first line "Subject: …", blank line, body)
 * with data and puts the message in the outbox, inside the caller's
 * transaction. Marks r for delivery after the response (r may be NULL). */
NEOERR *gf_mail_queue(gf_req *r, const char *to, const char *tpl, HDF *data);
/* Delivers due outbox rows (at most limit); returns how many were tried. */
NEOERR *gf_mail_deliver(int limit, int *tried);
/* Pure MIME pieces (unit tested); results are malloc'd, caller frees. */
char *gf_mime_header_encode(const char *text);  /* RFC 2047 B words */
char *gf_mime_message(const char *from, const char *to, const char *subject,
                      const char *body, time_t date, const char *message_id);
/* Backoff in seconds before attempt number n (1-based) is retried. */
long gf_mail_backoff(int attempts);

#endif
