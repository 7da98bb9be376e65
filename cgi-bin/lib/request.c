/*
 * request.c — the one request loop: FastCGI (libfcgi) or plain CGI, wired
 * to ClearSilver's CGI kit through cgiwrap, then session, handler, render,
 * and a buffered response with our security headers.
 *
 * ClearSilver traps handled here (see CLEARSILVER.md): writef returns 0,
 * write returns the length, getenv/iterenv return malloc'd copies; body
 * size checked before parsing; "urlencoded; charset=…" normalised so it is
 * parsed; escaping on; no time footer; we write our own headers, so
 * the kit's own error printer and cgi_output are never used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <signal.h>
#include <sys/stat.h>
#include <fcgiapp.h>
#include <sodium.h>
#include "gf.h"

extern char **environ;

/* ---- cgiwrap over the current FCGX_Request ------------------------------ */

static int cb_read(void *data, char *buf, int len)
{
    return FCGX_GetStr(buf, len, ((FCGX_Request *)data)->in);
}

static int cb_writef(void *data, const char *fmt, va_list ap)
{
    return FCGX_VFPrintF(((FCGX_Request *)data)->out, fmt, ap) < 0 ? -1 : 0;
}

static int cb_write(void *data, const char *buf, int len)
{
    return FCGX_PutStr(buf, len, ((FCGX_Request *)data)->out);
}

static char *cb_getenv(void *data, const char *k)
{
    const char *v = FCGX_GetParam(k, ((FCGX_Request *)data)->envp);
    return v ? strdup(v) : NULL;
}

static int cb_putenv(void *data, const char *k, const char *v)
{
    (void)data; (void)k; (void)v;
    return -1;      /* only cgi_debug_init uses it; never under FastCGI */
}

static int cb_iterenv(void *data, int n, char **k, char **v)
{
    char **envp = ((FCGX_Request *)data)->envp;
    const char *eq;

    *k = *v = NULL;
    for (int i = 0; i < n; i++)
        if (!envp[i])
            return 0;
    if (!envp[n] || !(eq = strchr(envp[n], '=')))
        return 0;
    *k = strndup(envp[n], (size_t)(eq - envp[n]));
    *v = strdup(eq + 1);
    return 0;
}

/* ---- helpers for handlers ----------------------------------------------- */

const char *gf_param(gf_req *r, const char *name, const char *def)
{
    char key[128];

    snprintf(key, sizeof key, "Query.%s", name);
    return hdf_get_value(r->hdf, key, def);
}

long long gf_path_id(const char *path, const char *prefix, const char *suffix)
{
    size_t lp = strlen(prefix), n;
    char buf[32];

    if (strncmp(path, prefix, lp))
        return 0;
    path += lp;
    n = strcspn(path, "/");
    if (n == 0 || n >= sizeof buf || strcmp(path + n, suffix))
        return 0;
    memcpy(buf, path, n);
    buf[n] = '\0';
    return gf_parse_id(buf);
}

void gf_redirect(gf_req *r, const char *path)
{
    /* site-relative only: never an open redirect */
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
        path = "/";
    snprintf(r->location, sizeof r->location, "%s", path);
}

void gf_set_cookie(gf_req *r, const char *name, const char *value, long max_age)
{
    int secure = !strncmp(gf_cfg("Site.URL", ""), "https:", 6);
    char age[48] = "";

    if (r->ncookies == 4)
        return;
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    snprintf(r->cookies[r->ncookies++], sizeof r->cookies[0],
             "%s=%s; Path=/%s; HttpOnly; SameSite=Lax%s",
             name, value, age, secure ? "; Secure" : "");
}

NEOERR *gf_require_post_csrf(gf_req *r)
{
    const char *sent = gf_param(r, "csrf", "");
    size_t n = strlen(r->csrf);

    if (strcmp(r->method, "POST"))
        return nerr_raise(GF_ERR_BADREQ, "POST required");
    if (!n || strlen(sent) != n || sodium_memcmp(sent, r->csrf, n))
        return nerr_raise(GF_ERR_FORBIDDEN, "csrf token mismatch");
    return STATUS_OK;
}

NEOERR *gf_require_role(gf_req *r, unsigned roles, int *ok)
{
    *ok = 0;
    if (!r->user_id) {
        char next[500];
        char *esc = NULL;
        if (cgi_url_escape(r->path, &esc) == STATUS_OK) {
            snprintf(next, sizeof next, "/login?next=%s", esc);
            free(esc);
            gf_redirect(r, next);
        } else {
            gf_redirect(r, "/login");
        }
        return STATUS_OK;
    }
    if (!(r->roles & roles))
        return nerr_raise(GF_ERR_FORBIDDEN, "role required");
    *ok = 1;
    return STATUS_OK;
}

/* ---- the response ------------------------------------------------------- */

static void fail(gf_req *r, NEOERR *err);

static const char *status_text(int s)
{
    switch (s) {
    case 200: return "200 OK";
    case 303: return "303 See Other";
    case 400: return "400 Bad Request";
    case 401: return "401 Unauthorized";
    case 403: return "403 Forbidden";
    case 404: return "404 Not Found";
    case 405: return "405 Method Not Allowed";
    case 409: return "409 Conflict";
    case 413: return "413 Payload Too Large";
    case 429: return "429 Too Many Requests";
    case 503: return "503 Service Unavailable";
    default: return "500 Internal Server Error";
    }
}

/* Writes the whole response at once; a cacheable 200 is kept for the next
 * anonymous visitor (see cache.c). */
static void send_response(gf_req *r, int status, const char *location, STRING *body)
{
    STRING out;
    int hlen, head = r && r->method && !strcmp(r->method, "HEAD");

    string_init(&out);
    string_appendf(&out, "Status: %s\r\n", status_text(status));
    if (location)
        string_appendf(&out, "Location: %s\r\n", location);
    string_append(&out,
        "Content-Type: text/html; charset=utf-8\r\n"
        "Cache-Control: private, no-cache\r\n"
        "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "X-Frame-Options: DENY\r\n"
        "Referrer-Policy: same-origin\r\n");
    if (status == 503)
        string_append(&out, "Retry-After: 5\r\n");
    for (int i = 0; r && i < r->ncookies; i++)
        string_appendf(&out, "Set-Cookie: %s\r\n", r->cookies[i]);
    string_appendf(&out, "Content-Length: %d\r\n\r\n", body ? body->len : 0);
    hlen = out.len;
    if (body && body->len)
        string_appendn(&out, body->buf, body->len);
    cgiwrap_write(out.buf, head ? hlen : out.len);
    if (r && r->cacheable && status == 200 && !r->ncookies && !r->user_id && !head)
        gf_cache_put(r->path_query, out.buf, out.len, hlen,
                     (int)gf_cfg_int("Cache.PublicTTL", 5));
    string_clear(&out);
}

/* A stored file as a download (nothing is ever shown inline). */
static void send_stored_file(gf_req *r)
{
    char path[1024], buf[65536];
    char *esc = NULL;
    FILE *f;
    struct stat sb;
    STRING h;
    size_t n;

    gf_file_path(r->send_file, path, sizeof path);
    if (!(f = fopen(path, "rb")) || fstat(fileno(f), &sb)) {
        if (f)
            fclose(f);
        fail(r, nerr_raise(GF_ERR_NOTFOUND, "stored file missing"));
        return;
    }
    cgi_url_escape(r->send_name ? r->send_name : "file", &esc);
    string_init(&h);
    string_appendf(&h, "Status: 200 OK\r\nContent-Type: %s\r\nContent-Length: %lld\r\n"
                   "Content-Disposition: attachment; filename=\"file\"; filename*=UTF-8''%s\r\n"
                   "Cache-Control: private, no-store\r\nX-Content-Type-Options: nosniff\r\n"
                   "Content-Security-Policy: default-src 'none'; sandbox\r\n\r\n",
                   r->send_mime, (long long)sb.st_size, esc ? esc : "file");
    cgiwrap_write(h.buf, h.len);
    string_clear(&h);
    free(esc);
    if (strcmp(r->method, "HEAD"))
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            cgiwrap_write(buf, (int)n);
    fclose(f);
}

/* The last resort when even the error template cannot be rendered. */
static void send_bare_error(gf_req *r, int status, const char *id)
{
    STRING b;

    string_init(&b);
    string_appendf(&b, "<!DOCTYPE html><html lang=\"ru\"><meta charset=\"utf-8\">"
                   "<title>Ошибка</title><h1>Ошибка на сервере</h1>"
                   "<p>Код ошибки: %s. Попробуйте ещё раз позже.</p></html>", id);
    send_response(r, status, NULL, &b);
    string_clear(&b);
}

static void send_error_page(gf_req *r, int status, const char *id)
{
    STRING body;
    NEOERR *err;
    char sid[9];

    string_init(&body);
    hdf_set_int_value(r->hdf, "Error.Status", status);
    if (id)
        hdf_set_value(r->hdf, "Error.Id", id);
    if ((err = gf_render(r->hdf, "error.cs", &body))) {
        gf_log_error(&err, sid);
        send_bare_error(r, status, id ? id : sid);
    } else {
        send_response(r, status, NULL, &body);
    }
    string_clear(&body);
}

/* Maps an error chain to a status; logs real failures with an id. */
static void fail(gf_req *r, NEOERR *err)
{
    char id[9] = "";
    int status = 500;

    gf_db_rollback();
    if (nerr_match(err, GF_ERR_NOTFOUND)) status = 404;
    else if (nerr_match(err, GF_ERR_BADREQ)) status = 400;
    else if (nerr_match(err, GF_ERR_FORBIDDEN)) status = 403;
    else if (nerr_match(err, GF_ERR_TOOLARGE)) status = 413;
    else if (nerr_match(err, GF_ERR_UNAVAILABLE)) status = 503;

    if (status == 500 || status == 503) {
        gf_log_error(&err, id);
    } else {
        STRING s;
        string_init(&s);
        nerr_error_string(err, &s);
        gf_log("info", "%d %s: %s", status, r->path, s.buf ? s.buf : "");
        string_clear(&s);
        nerr_ignore(&err);
    }
    r->ncookies = 0;     /* a failed request sets no cookies */
    send_error_page(r, status, id[0] ? id : NULL);
}

/* ---- one request -------------------------------------------------------- */

static long body_limit;
static int mail_pending;   /* the last request queued mail */

static int upload_cb(CGI *cgi, int nread, int expected)
{
    (void)cgi;
    (void)expected;
    return nread > body_limit;   /* non-zero cancels the upload */
}

static void setup_hdf(gf_req *r)
{
    HDF *h = r->hdf;
    const char *uri = hdf_get_value(h, "CGI.RequestURI", NULL);
    const char *q;

    hdf_set_value(h, "Config.VarEscapeMode", "html");
    hdf_set_value(h, "Config.TimeFooter", "0");
    hdf_set_value(h, "Config.WhiteSpaceStrip", "1");
    hdf_set_value(h, "Config.Upload.TmpDir", gf_cfg("Paths.Tmp", "/tmp"));
    hdf_set_value(h, "Site.Name", gf_cfg("Site.Name", "Грантовый конкурс"));

    if (!uri)
        uri = hdf_get_value(h, "CGI.ScriptName", "/");
    q = strchr(uri, '?');
    snprintf(r->path, sizeof r->path, "%.*s",
             (int)(q ? (size_t)(q - uri) : strlen(uri)), uri);
    hdf_set_value(h, "Page.Path", r->path);
    r->method = hdf_get_value(h, "CGI.RequestMethod", "GET");
    snprintf(r->ip, sizeof r->ip, "%s", hdf_get_value(h, "CGI.RemoteAddress", ""));
    r->status = 200;
}

/* "application/x-www-form-urlencoded; charset=UTF-8" is ignored by 0.10.5's
 * exact match: keep only the media type so the body is parsed. */
static void normalise_content_type(HDF *h)
{
    const char *ct = hdf_get_value(h, "CGI.ContentType", NULL);
    static const char form[] = "application/x-www-form-urlencoded";

    if (ct && !strncasecmp(ct, form, sizeof form - 1) &&
        (ct[sizeof form - 1] == ';' || ct[sizeof form - 1] == ' ')) {
        hdf_set_value(h, "CGI.ContentType", form);
        hdf_set_value(h, "CGI.ContentType.Type", form);
    }
}

/* A fresh cached copy of a public page for an anonymous GET, if any: looked
 * up before any parsing, so a hit costs almost nothing. */
static int serve_from_cache(const gf_program *prog, gf_req *r)
{
    char *method = NULL, *uri = NULL, *cookie = NULL;
    const char *data;
    int len, hlen, hit = 0;

    if (!prog->public_cache || gf_cfg_int("Cache.PublicTTL", 5) <= 0)
        return 0;
    cgiwrap_getenv("REQUEST_METHOD", &method);
    cgiwrap_getenv("REQUEST_URI", &uri);
    cgiwrap_getenv("HTTP_COOKIE", &cookie);
    if (method && uri && strlen(uri) < sizeof r->path_query &&
        (!strcmp(method, "GET") || !strcmp(method, "HEAD")) &&
        !(cookie && strstr(cookie, "gf_sid="))) {
        r->cacheable = 1;
        snprintf(r->path_query, sizeof r->path_query, "%s", uri);
        if (gf_cache_get(uri, &data, &len, &hlen)) {
            cgiwrap_write(data, strcmp(method, "HEAD") ? len : hlen);
            hit = 1;
        }
    }
    free(method);
    free(uri);
    free(cookie);
    return hit;
}

static void serve(const gf_program *prog)
{
    gf_req r;
    CGI *cgi = NULL;
    NEOERR *err;
    STRING body;
    long len;
    const char *ct;

    memset(&r, 0, sizeof r);
    r.method = "GET";
    if (serve_from_cache(prog, &r))
        return;
    if ((err = cgi_init(&cgi, NULL))) {
        char id[9];
        gf_log_error(&err, id);
        send_bare_error(NULL, 500, id);
        return;
    }
    r.cgi = cgi;
    r.hdf = cgi->hdf;
    setup_hdf(&r);

    len = atol(hdf_get_value(r.hdf, "CGI.ContentLength", "0"));
    ct = hdf_get_value(r.hdf, "CGI.ContentType", "");
    body_limit = !strncasecmp(ct, "multipart/", 10)
        ? gf_cfg_int("Limits.MaxUpload", 10L << 20)
        : gf_cfg_int("Limits.MaxBody", 256L << 10);
    if (len < 0 || len > body_limit) {
        fail(&r, nerr_raise(GF_ERR_TOOLARGE, "body of %ld bytes", len));
        goto done;
    }
    /* 0.10.5's multipart parser crashes on a body without a boundary */
    if (!strncasecmp(ct, "multipart/", 10)) {
        const char *b = strstr(ct, "boundary=");
        if (!b || !b[9] || b[9] == ';' || b[9] == ' ' || !strncmp(b + 9, "\"\"", 2)) {
            fail(&r, nerr_raise(GF_ERR_BADREQ, "multipart body without a boundary"));
            goto done;
        }
    }
    normalise_content_type(r.hdf);
    cgi->upload_cb = upload_cb;
    if ((err = cgi_parse(cgi))) {
        nerr_log_error(err);
        nerr_ignore(&err);
        fail(&r, nerr_raise(GF_ERR_BADREQ, "request body could not be parsed"));
        goto done;
    }
    if ((err = gf_session_load(&r)) || (err = prog->handle(&r))) {
        fail(&r, err);
        goto done;
    }
    if (r.location[0]) {
        send_response(&r, 303, r.location, NULL);
        goto done;
    }
    if (r.send_file) {
        send_stored_file(&r);
        goto done;
    }
    if (!r.page) {
        fail(&r, nerr_raise(NERR_ASSERT, "handler chose no page"));
        goto done;
    }
    string_init(&body);
    if ((err = gf_render(r.hdf, r.page, &body))) {
        string_clear(&body);
        fail(&r, err);
        goto done;
    }
    send_response(&r, r.status, NULL, &body);
    string_clear(&body);
done:
    gf_db_rollback();    /* a handler never leaves a transaction open */
    cgi_destroy(&cgi);
    mail_pending = r.mail_queued > 0;
}

/* Delivers mail queued by the last request, after its response is done. */
static void after_response(void)
{
    if (mail_pending) {
        NEOERR *err;
        int tried = 0;
        mail_pending = 0;
        if ((err = gf_mail_deliver(10, &tried))) {
            char id[9];
            gf_log_error(&err, id);
        }
    }
}

static volatile sig_atomic_t stopping;

/* SIGTERM: finish the request in hand, then leave the loop and clean up
 * (which is also when sanitizers and valgrind report leaks). */
static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
    FCGX_ShutdownPending();
}

int gf_run(int argc, char **argv, const gf_program *prog)
{
    NEOERR *err;
    char id[9];
    struct sigaction sa;

    gf_prog_name = prog->name;
    signal(SIGPIPE, SIG_IGN);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;      /* no SA_RESTART: accept() returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    if (sodium_init() < 0) {
        gf_log("fatal", "libsodium failed to initialise");
        return 1;
    }
    if ((err = gf_errors_init()) || (err = gf_config_load()) ||
        (err = gf_db_open(prog->db))) {
        gf_log_error(&err, id);
        return 1;
    }
    if (FCGX_IsCGI()) {
        cgiwrap_init_std(argc, argv, environ);
        serve(prog);
        fflush(stdout);
        fclose(stdout);
        after_response();
    } else {
        FCGX_Request req;
        FCGX_Init();
        FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR);
        while (!stopping && FCGX_Accept_r(&req) >= 0) {
            cgiwrap_init_emu(&req, cb_read, cb_writef, cb_write, cb_getenv,
                             cb_putenv, cb_iterenv);
            serve(prog);
            FCGX_Finish_r(&req);
            after_response();
        }
    }
    gf_db_close();
    gf_cache_clear();
    hdf_destroy(&gf_conf);
    return 0;
}
