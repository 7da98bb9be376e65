/*
 * files.c — uploaded files: the type decided by content (libmagic), never
 * by the name or the browser's claim; stored outside the web root under a
 * random name in Paths.Files; sent back only through a program that has
 * checked who asks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <magic.h>
#include <sodium.h>
#include "gf.h"

static magic_t cookie;

NEOERR *gf_file_sniff(FILE *f, char *mime, size_t n)
{
    const char *m;

    if (!cookie) {
        cookie = magic_open(MAGIC_MIME_TYPE);
        if (!cookie || magic_load(cookie, NULL)) {
            if (cookie)
                magic_close(cookie);
            cookie = NULL;
            return nerr_raise(NERR_SYSTEM, "libmagic could not load its database");
        }
    }
    fflush(f);
    if (lseek(fileno(f), 0, SEEK_SET) < 0 || !(m = magic_descriptor(cookie, fileno(f))))
        return nerr_raise(NERR_SYSTEM, "libmagic: %s", cookie ? magic_error(cookie) : "?");
    snprintf(mime, n, "%s", m);
    lseek(fileno(f), 0, SEEK_SET);
    return STATUS_OK;
}

NEOERR *gf_file_read(FILE *f, char **data, size_t *len)
{
    struct stat sb;

    *data = NULL;
    *len = 0;
    rewind(f);
    if (fstat(fileno(f), &sb))
        return nerr_raise_errno(NERR_IO, "upload");
    if (!(*data = malloc((size_t)sb.st_size + 1)))
        return nerr_raise(NERR_NOMEM, "upload of %lld bytes", (long long)sb.st_size);
    *len = fread(*data, 1, (size_t)sb.st_size, f);
    rewind(f);
    if (*len != (size_t)sb.st_size) {
        free(*data);
        *data = NULL;
        return nerr_raise_errno(NERR_IO, "read upload");
    }
    return STATUS_OK;
}

void gf_file_path(const char *stored, char *path, size_t n)
{
    snprintf(path, n, "%s/%.2s/%s", gf_cfg("Paths.Files", "var/files"), stored, stored);
}

NEOERR *gf_file_store(FILE *in, char stored[44], char sha[65], long long *size)
{
    char path[1024], dir[1024], tmp[1100];
    unsigned char buf[65536], h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    FILE *out;
    size_t got;

    gf_random_token(32, stored, 44);
    gf_file_path(stored, path, sizeof path);
    snprintf(dir, sizeof dir, "%s/%.2s", gf_cfg("Paths.Files", "var/files"), stored);
    if (mkdir(dir, 0750) && errno != EEXIST)
        return nerr_raise_errno(NERR_IO, "mkdir %s", dir);
    snprintf(tmp, sizeof tmp, "%s.part", path);
    if (!(out = fopen(tmp, "wbx")))
        return nerr_raise_errno(NERR_IO, "create %s", tmp);
    crypto_hash_sha256_init(&st);
    *size = 0;
    fseek(in, 0, SEEK_SET);
    while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
        crypto_hash_sha256_update(&st, buf, got);
        if (fwrite(buf, 1, got, out) != got) {
            fclose(out);
            unlink(tmp);
            return nerr_raise_errno(NERR_IO, "write %s", tmp);
        }
        *size += (long long)got;
    }
    /* on disk for good before the database says it exists */
    if (fflush(out) || fsync(fileno(out))) {
        NEOERR *err = nerr_raise_errno(NERR_IO, "sync %s", tmp);
        fclose(out);
        unlink(tmp);
        return err;
    }
    if (fclose(out) || rename(tmp, path)) {
        unlink(tmp);
        return nerr_raise_errno(NERR_IO, "store %s", path);
    }
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(sha, 65, h, sizeof h);
    return STATUS_OK;
}

/* Whether a file name can stand as it is in a quoted header value. */
static int plain_name(const char *s)
{
    if (!*s || strlen(s) > 100)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

/* The headers of a download: nothing is shown inline but a picture the
 * site made itself (gf_picture), which may be kept by caches a while. */
static NEOERR *download_headers(gf_req *r, long long size)
{
    const char *name = r->send_name ? r->send_name : "file";
    char *esc = NULL;
    STRING h;
    NEOERR *err;

    if ((err = cgi_url_escape(name, &esc)))
        return nerr_pass(err);
    string_init(&h);
    err = string_appendf(&h, "Status: 200 OK\r\nContent-Type: %s\r\nContent-Length: %lld\r\n"
                         "Content-Disposition: %s; filename=\"%s\"; filename*=UTF-8''",
                         r->send_mime, size, r->send_picture ? "inline" : "attachment",
                         plain_name(name) ? name : "file");
    /* cgi_url_escape writes a space as "+", which filename*= (RFC 5987)
     * reads as a plus sign (a real "+" it writes as %2B) */
    for (const char *p = esc; !err && *p; p++)
        err = *p == '+' ? string_append(&h, "%20") : string_append_char(&h, *p);
    if (!err && r->send_picture)
        err = string_appendf(&h, "\r\nCache-Control: public, max-age=%ld",
                             gf_cfg_int("Cache.PictureTTL", 300));
    else if (!err)
        err = string_append(&h, "\r\nCache-Control: private, no-store");
    if (!err)
        err = string_append(&h, "\r\nX-Content-Type-Options: nosniff\r\n"
                            "Content-Security-Policy: default-src 'none'; sandbox\r\n\r\n");
    free(esc);
    if (!err)
        cgiwrap_write(h.buf, h.len);
    string_clear(&h);
    return nerr_pass(err);
}

/* The download of a stored file (r->respond). */
static NEOERR *send_stored_file(gf_req *r)
{
    char path[1024], buf[65536];
    FILE *f;
    struct stat sb;
    size_t n;
    NEOERR *err;

    gf_file_path(r->send_file, path, sizeof path);
    if (!(f = fopen(path, "rb")) || fstat(fileno(f), &sb)) {
        if (f)
            fclose(f);
        return nerr_raise(GF_ERR_NOTFOUND, "stored file missing");
    }
    if ((err = download_headers(r, (long long)sb.st_size))) {
        fclose(f);
        return nerr_pass(err);
    }
    if (strcmp(r->method, "HEAD"))
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            cgiwrap_write(buf, (int)n);
    fclose(f);
    return STATUS_OK;
}

/* Bytes of an invisible character at p that a file name loses, or 0.
 * Bidi controls reorder what is shown, so that «Устав<U+202E>fdp.exe»
 * reads as «Уставexe.pdf»: embeddings and overrides U+202A–U+202E,
 * isolates and invisible operators U+2060–U+206F, the marks U+200E/F and
 * U+061C. Also what breaks a line or shows nothing: C1 controls (NEL),
 * U+2028/U+2029, zero-width U+200B–U+200D, U+FEFF, and tag characters
 * U+E0000–U+E007F. */
static int invisible(const unsigned char *p)
{
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    if (p[0] == 0xD8 && p[1] == 0x9C)
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F) || (p[2] >= 0xA8 && p[2] <= 0xAE)))
        return 3;
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA0 && p[2] <= 0xAF)
        return 3;
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3;
    if (p[0] == 0xF3 && p[1] == 0xA0 && (p[2] == 0x80 || p[2] == 0x81) && p[3] >= 0x80 && p[3] <= 0xBF)
        return 4;
    return 0;
}

/* The longest name we keep, in bytes, and the longest extension that a
 * cut keeps at its end («…очень длинное название.pdf»). */
#define NAME_MAX_BYTES 200
#define EXT_MAX_BYTES 16

void gf_file_clean_name(const char *in, char *out, size_t n, const char *fallback)
{
    const char *p = in ? in : "", *dot;
    size_t o = 0, len, ext = 0, limit = n - 1 < NAME_MAX_BYTES ? n - 1 : NAME_MAX_BYTES;
    char *all;
    int skip;

    for (const char *q = p; *q; q++)
        if (*q == '/' || *q == '\\')
            p = q + 1;
    if (!(all = malloc(strlen(p) + 1)))
        abort();
    for (; *p; p++)
        if ((skip = invisible((const unsigned char *)p)))
            p += skip - 1;
        else if ((unsigned char)*p >= 0x20 && *p != 0x7f && *p != '"')
            all[o++] = *p;
    all[o] = '\0';
    len = o;
    if (len > limit && (dot = strrchr(all, '.')) && strlen(dot) <= EXT_MAX_BYTES)
        ext = strlen(dot);
    /* the stem cut on a character boundary, then the extension */
    snprintf(out, n, "%.*s", (int)(len > limit ? limit - ext : len), all);
    gf_utf8_cut(out);
    if (ext)
        snprintf(out + strlen(out), n - strlen(out), "%s", all + len - ext);
    free(all);
    if (!out[0] || gf_utf8_len(out) < 0)
        snprintf(out, n, "%s", fallback);
}

void gf_download(gf_req *r, const char *stored, const char *mime, const char *name)
{
    r->send_file = stored;
    r->send_mime = mime;
    r->send_name = name;
    r->respond = send_stored_file;
}

void gf_picture(gf_req *r, const char *stored, const char *name)
{
    gf_download(r, stored, "image/jpeg", name);
    r->send_picture = 1;
}

/* The download of data made by the request (r->respond). */
static NEOERR *send_data(gf_req *r)
{
    NEOERR *err = download_headers(r, (long long)r->send_len);

    if (!err && strcmp(r->method, "HEAD"))
        cgiwrap_write(r->send_data, (int)r->send_len);
    return nerr_pass(err);
}

void gf_download_data(gf_req *r, char *data, size_t len, const char *mime, const char *name)
{
    free(r->send_data);
    r->send_data = data;
    r->send_len = len;
    r->send_mime = mime;
    r->send_name = name;
    r->respond = send_data;
}

void gf_file_remove(const char *stored)
{
    char path[1024];

    gf_file_path(stored, path, sizeof path);
    if (unlink(path))
        gf_log("warn", "could not delete the stored file %s", stored);
}
