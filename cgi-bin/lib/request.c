/*
 * request.c — the one request loop: FastCGI (libfcgi) or plain CGI, wired
 * to ClearSilver's CGI kit through cgiwrap; then the program's declared
 * access (route, method, login, role, CSRF), its handler, the template,
 * and one buffered response (response.c).
 *
 * ClearSilver traps handled here (see CLEARSILVER.md): writef returns 0,
 * write returns the length, getenv/iterenv return malloc'd copies; body
 * size checked before parsing; media type parameters dropped (other than multipart's) so it is
 * parsed; escaping on; no time footer; we write our own headers, so
 * the kit's own error printer and cgi_output are never used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <signal.h>
#include <poll.h>
#include <fcgiapp.h>
#include <fastcgi.h>     /* FCGI_LISTENSOCK_FILENO */
#include <sodium.h>
#include "gf.h"

extern char **environ;

/* ---- cgiwrap over the current FCGX_Request, or stdio for plain CGI ------ */

static int cb_read(void *data, char *buf, int len)
{
    int n = data ? FCGX_GetStr(buf, len, ((FCGX_Request *)data)->in)
                 : (int)fread(buf, 1, (size_t)len, stdin);
    if (n > 0 && !gf_body_scan(buf, n))
        return -1;              /* ClearSilver stops: "short read" (see body.c) */
    return n;
}

static int cb_writef(void *data, const char *fmt, va_list ap)
{
    if (!data)
        return vfprintf(stdout, fmt, ap) < 0 ? -1 : 0;
    return FCGX_VFPrintF(((FCGX_Request *)data)->out, fmt, ap) < 0 ? -1 : 0;
}

static int cb_write(void *data, const char *buf, int len)
{
    if (!data)
        return (int)fwrite(buf, 1, (size_t)len, stdout);
    return FCGX_PutStr(buf, len, ((FCGX_Request *)data)->out);
}

/* FCGX_GetParam with one loop instead of a strncmp call per variable:
 * cgi_init asks for some forty names, each against every variable the web
 * server sent (this was 6 % of a listing's worker time). */
static const char *param(char **envp, const char *k)
{
    for (; *envp; envp++) {
        const char *e = *envp, *p = k;
        while (*p && *p == *e)
            p++, e++;
        if (!*p && *e == '=')
            return e + 1;
    }
    return NULL;
}

static char *cb_getenv(void *data, const char *k)
{
    const char *v = data ? param(((FCGX_Request *)data)->envp, k) : getenv(k);
    return v ? strdup(v) : NULL;
}

static int cb_putenv(void *data, const char *k, const char *v)
{
    (void)data; (void)k; (void)v;
    return -1;      /* only cgi_debug_init uses it; never called */
}

static int cb_iterenv(void *data, int n, char **k, char **v)
{
    char **envp = data ? ((FCGX_Request *)data)->envp : environ;
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

/* ---- routes and declared access ---------------------------------------- */

int gf_route_match(const char *pattern, const char *path, long long *id)
{
    *id = 0;
    while (*pattern) {
        if (pattern[0] == '*' && !pattern[1])
            return *path != '\0';            /* something below the prefix */
        if (*pattern == '#') {
            char buf[24];
            size_t n = strspn(path, "0123456789");
            if (n == 0 || n >= sizeof buf)
                return 0;
            memcpy(buf, path, n);
            buf[n] = '\0';
            if (!(*id = gf_parse_id(buf)))
                return 0;
            path += n;
            pattern++;
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    return *path == '\0';
}

static const gf_route *find_route(const gf_program *prog, const char *path, long long *id)
{
    for (const gf_route *rt = prog->routes; rt && rt->pattern; rt++)
        if (gf_route_match(rt->pattern, path, id))
            return rt;
    return NULL;
}

/* 1 when the query string has a parameter called name (however its name
 * is percent-encoded). */
static int in_query(HDF *hdf, const char *name)
{
    const char *q = hdf_get_value(hdf, "CGI.QueryString", "");
    char key[64];

    for (; *q; q += strcspn(q, "&"), q += *q == '&') {
        size_t n = strcspn(q, "=&");
        if (n >= sizeof key)
            continue;
        memcpy(key, q, n);
        key[n] = '\0';
        if (!strcmp(cgi_url_unescape(key), name))
            return 1;
    }
    return 0;
}

/* The form's token, from the body only: a token in a URL ends up in logs
 * and history. */
static int csrf_ok(gf_req *r)
{
    const char *sent = gf_param(r, "csrf", "");
    size_t n = strlen(r->csrf);

    return n && !in_query(r->hdf, "csrf") && strlen(sent) == n &&
           !sodium_memcmp(sent, r->csrf, n);
}

/* The program's declaration, enforced before the body is read: see
 * gf_program in gf.h. *go is 0 when the answer is already decided (a
 * redirect to the login page). */
static NEOERR *check_access(gf_req *r, int *go)
{
    const gf_route *rt = r->route;
    unsigned roles = rt->roles ? rt->roles : r->prog->roles;

    *go = 0;
    r->handler = !strcmp(r->method, "POST") ? rt->post
               : (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) ? rt->get : NULL;
    if (!r->handler)
        return nerr_raise(GF_ERR_METHOD, "%s not allowed on %s", r->method, rt->pattern);
    if (!(roles & GF_PUBLIC)) {
        if (!r->user_id) {
            char *esc = NULL, next[600];
            gf_must(cgi_url_escape(r->path, &esc));
            snprintf(next, sizeof next, "/login?next=%s", esc);
            gf_redirect(r, next);
            free(esc);
            return STATUS_OK;
        }
        if (!(roles & GF_USERS) && !(r->roles & roles))
            return nerr_raise(GF_ERR_FORBIDDEN, "role required for %s", rt->pattern);
    }
    *go = 1;
    return STATUS_OK;
}

/* After the body: every POST carries the form's token unless the program
 * says why not. */
static NEOERR *check_csrf(gf_req *r)
{
    if (!strcmp(r->method, "POST") && !r->prog->csrf_exempt && !csrf_ok(r))
        return nerr_raise(GF_ERR_FORBIDDEN, "csrf token mismatch");
    return STATUS_OK;
}

/* `prog --describe`: the declaration as lines a test can read. */
static void describe(const gf_program *prog)
{
    printf("program %s\n", prog->name);
    printf("csrf %s\n", prog->csrf_exempt ? prog->csrf_exempt : "checked");
    for (const gf_route *rt = prog->routes; rt && rt->pattern; rt++) {
        unsigned roles = rt->roles ? rt->roles : prog->roles;
        printf("route %s %s%s%s ", rt->pattern, rt->get ? "GET" : "",
               rt->get && rt->post ? "," : "", rt->post ? "POST" : "");
        if (roles & GF_PUBLIC) {
            printf("public\n");
        } else if (roles & GF_USERS) {
            printf("users\n");
        } else {
            const char *sep = "";
            for (int i = 0; prog->role_names && prog->role_names[i]; i++)
                if (roles & (1u << i)) {
                    printf("%s%s", sep, prog->role_names[i]);
                    sep = ",";
                }
            printf("\n");
        }
    }
}

/* ---- one request -------------------------------------------------------- */

static long body_limit;
static void (*after)(void);   /* work the last request left for after its response */

static int upload_cb(CGI *cgi, int nread, int expected)
{
    (void)cgi;
    (void)expected;
    return nread > body_limit;   /* non-zero cancels the upload */
}

static NEOERR *setup_hdf(gf_req *r)
{
    HDF *h = r->hdf;
    const char *uri = hdf_get_value(h, "CGI.RequestURI", NULL);
    const char *q;
    NEOERR *err;

    if (!uri)
        uri = hdf_get_value(h, "CGI.ScriptName", "/");
    q = strchr(uri, '?');
    snprintf(r->path, sizeof r->path, "%.*s",
             (int)(q ? (size_t)(q - uri) : strlen(uri)), uri);
    r->method = hdf_get_value(h, "CGI.RequestMethod", "GET");
    snprintf(r->ip, sizeof r->ip, "%s", hdf_get_value(h, "CGI.RemoteAddress", ""));
    r->status = 200;
    if ((err = hdf_set_value(h, "Config.VarEscapeMode", "html")) ||
        (err = hdf_set_value(h, "Config.TimeFooter", "0")) ||
        (err = hdf_set_value(h, "Config.WhiteSpaceStrip", "1")) ||
        (err = hdf_set_value(h, "Config.Upload.TmpDir", gf_cfg("Paths.Tmp", "/tmp"))) ||
        (err = hdf_set_value(h, "Site.Name", gf_cfg("Site.Name", "Грантовый конкурс"))) ||
        /* absolute links in the header's OpenGraph tags */
        (err = hdf_set_value(h, "Site.URL", gf_cfg("Site.URL", ""))) ||
        (err = hdf_set_value(h, "Page.Path", r->path)))
        return nerr_pass(err);
    return STATUS_OK;
}

/* ClearSilver 0.10.5 compares the content type exactly, so a form body
 * sent as "…-urlencoded; charset=UTF-8" would be ignored: keep only the
 * media type of anything but multipart (whose boundary is a parameter). */
static NEOERR *normalise_content_type(HDF *h)
{
    const char *ct = hdf_get_value(h, "CGI.ContentType", NULL);
    size_t n;
    char type[128];
    NEOERR *err;

    if (!ct || !strncasecmp(ct, "multipart/", 10) || !ct[n = strcspn(ct, "; ")])
        return STATUS_OK;
    snprintf(type, sizeof type, "%.*s", (int)(n < sizeof type ? n : sizeof type - 1), ct);
    if ((err = hdf_set_value(h, "CGI.ContentType", type)) ||
        (err = hdf_set_value(h, "CGI.ContentType.Type", type)))
        return nerr_pass(err);
    return STATUS_OK;
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

/* Reads the body: size (413), a multipart boundary (400), then
 * ClearSilver parses it while body.c watches (too many fields, NULs). */
static NEOERR *parse(gf_req *r)
{
    long len = atol(hdf_get_value(r->hdf, "CGI.ContentLength", "0"));
    char ct[256];
    NEOERR *err;

    /* a copy: normalising replaces the HDF's string */
    snprintf(ct, sizeof ct, "%s", hdf_get_value(r->hdf, "CGI.ContentType", ""));
    /* only a route that takes files gets the upload's size; a multipart
     * body elsewhere is held to the size of any form */
    body_limit = r->route && r->route->files && !strncasecmp(ct, "multipart/", 10)
        ? gf_cfg_int("Limits.MaxUpload", 10L << 20)
        : gf_cfg_int("Limits.MaxBody", 256L << 10);
    if (len < 0 || len > body_limit)
        return nerr_raise(GF_ERR_TOOLARGE, "body of %ld bytes", len);
    /* 0.10.5's multipart parser crashes on a body without a boundary */
    if (!strncasecmp(ct, "multipart/", 10)) {
        const char *b = strstr(ct, "boundary=");
        if (!b || !b[9] || b[9] == ';' || b[9] == ' ' || !strncmp(b + 9, "\"\"", 2))
            return nerr_raise(GF_ERR_BADREQ, "multipart body without a boundary");
    }
    if ((err = normalise_content_type(r->hdf)))
        return nerr_pass(err);
    r->cgi->upload_cb = upload_cb;
    gf_body_watch(ct);
    err = cgi_parse(r->cgi);
    if (err) {
        if (!gf_body_refused())
            nerr_log_error(err);
        nerr_ignore(&err);
        if (!gf_body_refused())
            return nerr_raise(GF_ERR_BADREQ, "request body could not be parsed");
    }
    return nerr_pass(gf_body_check(r->hdf));
}

static void serve(const gf_program *prog)
{
    gf_req r;
    CGI *cgi = NULL;
    NEOERR *err;
    STRING body;
    int go = 0;

    memset(&r, 0, sizeof r);
    r.method = "GET";
    r.prog = prog;
    if (serve_from_cache(prog, &r))
        return;
    if ((err = cgi_init(&cgi, NULL))) {
        gf_fail(&r, err);
        return;
    }
    r.cgi = cgi;
    r.hdf = cgi->hdf;
    if ((err = setup_hdf(&r))) {
        gf_fail(&r, err);
        goto done;
    }
    /* who asks and for what, before the body is read: an anonymous
     * request for a page it may not use costs no parsing */
    if ((err = gf_session_load(&r)) ||
        (!(r.route = find_route(prog, r.path, &r.id)) &&
         (err = nerr_raise(GF_ERR_NOTFOUND, "no route"))) ||
        (err = check_access(&r, &go)) ||
        (go && ((err = parse(&r)) || (err = check_csrf(&r)) || (err = r.handler(&r))))) {
        gf_fail(&r, err);
        goto done;
    }
    if (r.location[0]) {
        gf_send(&r, 303, r.location, NULL);
        goto done;
    }
    if (r.respond) {
        if ((err = r.respond(&r)))
            gf_fail(&r, err);
        goto done;
    }
    if (!r.page) {
        gf_fail(&r, nerr_raise(NERR_ASSERT, "handler chose no page"));
        goto done;
    }
    string_init(&body);
    if ((err = gf_render(r.hdf, r.page, &body)))
        gf_fail(&r, err);
    else
        gf_send(&r, r.status, NULL, &body);
    string_clear(&body);
done:
    gf_db_rollback();    /* a handler never leaves a transaction open */
    free(r.send_data);
    cgi_destroy(&cgi);
    if (r.after_response)
        after = r.after_response;   /* kept until a moment with nobody waiting */
}

/* Work queued by a request (mail delivery), after its response — when no
 * other request is waiting for a worker: on the night of a deadline every
 * worker answers first. Work put off is done in this worker's first quiet
 * moment (see gf_run's loop); the mailer daemon (or cron) delivers
 * whatever is still in the outbox meanwhile. */
static void after_response(void)
{
    void (*f)(void) = after;
    struct pollfd next = {.fd = FCGI_LISTENSOCK_FILENO, .events = POLLIN};

    if (f && !FCGX_IsCGI() && poll(&next, 1, 0) > 0)
        return;

    after = NULL;
    if (f)
        f();
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

    if (argc > 1 && !strcmp(argv[1], "--describe")) {
        describe(prog);
        return 0;
    }
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
        cgiwrap_init_emu(NULL, cb_read, cb_writef, cb_write, cb_getenv, cb_putenv, cb_iterenv);
        serve(prog);
        fflush(stdout);
        fclose(stdout);
        after_response();
    } else {
        FCGX_Request req;
        FCGX_Init();
        FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR);
        while (!stopping) {
            /* work put off while requests were waiting: done in the first
             * tenth of a second that brings none */
            struct pollfd next = {.fd = FCGI_LISTENSOCK_FILENO, .events = POLLIN};
            if (after && poll(&next, 1, 100) == 0)
                after_response();
            if (FCGX_Accept_r(&req) < 0)
                break;
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
