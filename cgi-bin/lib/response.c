/*
 * response.c — what a handler says back: parameters, redirects, cookies,
 * the buffered response with our security headers, error pages. Used by
 * the request loop (request.c) and by session.c; it calls neither.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

const char *gf_param(gf_req *r, const char *name, const char *def)
{
    char key[128];

    snprintf(key, sizeof key, "Query.%s", name);
    return hdf_get_value(r->hdf, key, def);
}

int gf_local_path(const char *path)
{
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
        return 0;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p <= ' ' || *p == 0x7f)   /* a TAB or CR in a Location moves hosts */
            return 0;
    return 1;
}

void gf_redirect(gf_req *r, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0, max = sizeof r->location - 1;

    if (!gf_local_path(path))
        path = "/";
    /* a Location header is ASCII (RFC 3986): the bytes of a Cyrillic
     * query go percent-encoded; a path too long is cut before an escape */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p < 0x80 && n < max) {
            r->location[n++] = (char)*p;
        } else if (*p >= 0x80 && n + 3 <= max) {
            r->location[n++] = '%';
            r->location[n++] = hex[*p >> 4];
            r->location[n++] = hex[*p & 15];
        } else {
            break;
        }
    }
    r->location[n] = '\0';
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

/* The methods the matched route takes, for a 405's Allow header. */
static void allow_header(gf_req *r, STRING *out)
{
    int get = !r->route || r->route->get, post = r->route && r->route->post;

    gf_must(string_appendf(out, "Allow: %s%s\r\n", get ? "GET, HEAD" : "",
                           post ? (get ? ", POST" : "POST") : ""));
}

/* Writes the whole response at once; a cacheable 200 is kept for the next
 * anonymous visitor (see cache.c). */
void gf_send(gf_req *r, int status, const char *location, STRING *body)
{
    STRING out;
    int hlen, head = r->method && !strcmp(r->method, "HEAD");

    string_init(&out);
    gf_must(string_appendf(&out, "Status: %s\r\n", status_text(status)));
    if (location)
        gf_must(string_appendf(&out, "Location: %s\r\n", location));
    gf_must(string_appendf(&out, "Content-Type: %s\r\n",
                           r->content_type ? r->content_type : "text/html; charset=utf-8"));
    /* a signed-in user's page (their account, their work) is not
     * kept on the device; a public one may be, revalidated */
    gf_must(string_append(&out, r->user_id ? "Cache-Control: private, no-store\r\n"
                                           : "Cache-Control: private, no-cache\r\n"));
    gf_must(string_append(&out,
                "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
                "style-src 'self'; script-src 'self'; object-src 'none'; "
                "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n"
                "X-Content-Type-Options: nosniff\r\n"
                "X-Frame-Options: DENY\r\n"
                "Referrer-Policy: same-origin\r\n"));
    if (status == 503)
        gf_must(string_append(&out, "Retry-After: 5\r\n"));
    if (status == 405)
        allow_header(r, &out);
    for (int i = 0; i < r->ncookies; i++)
        gf_must(string_appendf(&out, "Set-Cookie: %s\r\n", r->cookies[i]));
    gf_must(string_appendf(&out, "Content-Length: %d\r\n\r\n", body ? body->len : 0));
    hlen = out.len;
    if (body && body->len)
        gf_must(string_appendn(&out, body->buf, body->len));
    if (out.buf)
        cgiwrap_write(out.buf, head ? hlen : out.len);
    if (r->cacheable && status == 200 && !r->ncookies && !r->user_id && !head && out.buf)
        gf_cache_put(r->path_query, out.buf, out.len, hlen,
                     (int)gf_cfg_int("Cache.PublicTTL", 5));
    string_clear(&out);
}

/* The last resort when even the error template cannot be rendered. */
static void send_bare_error(gf_req *r, int status, const char *id)
{
    STRING b;

    string_init(&b);
    gf_must(string_appendf(&b, "<!DOCTYPE html><html lang=\"ru\"><meta charset=\"utf-8\">"
                           "<title>Ошибка</title><h1>Ошибка на сервере</h1>"
                           "<p>Код ошибки: %s. Попробуйте ещё раз позже.</p></html>", id));
    gf_send(r, status, NULL, &b);
    string_clear(&b);
}

void gf_send_error(gf_req *r, int status, const char *id)
{
    STRING body;
    NEOERR *err;
    char sid[9];

    if (!r->hdf) {          /* the request could not even be set up */
        send_bare_error(r, status, id ? id : "-");
        return;
    }
    r->content_type = NULL;     /* an error page is HTML whatever was asked */
    string_init(&body);
    if ((err = hdf_set_int_value(r->hdf, "Error.Status", status)) ||
        (id && (err = hdf_set_value(r->hdf, "Error.Id", id))) ||
        (err = gf_render(r->hdf, "error.cs", &body))) {
        gf_log_error(&err, sid);
        send_bare_error(r, status, id ? id : sid);
    } else {
        gf_send(r, status, NULL, &body);
    }
    string_clear(&body);
}

void gf_fail(gf_req *r, NEOERR *err)
{
    char id[9] = "";
    int status = 500;

    gf_db_rollback();
    if (nerr_match(err, GF_ERR_NOTFOUND)) status = 404;
    else if (nerr_match(err, GF_ERR_BADREQ)) status = 400;
    else if (nerr_match(err, GF_ERR_FORBIDDEN)) status = 403;
    else if (nerr_match(err, GF_ERR_METHOD)) status = 405;
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
    gf_send_error(r, status, id[0] ? id : NULL);
}
