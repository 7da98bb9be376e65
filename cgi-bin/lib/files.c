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
    if (fflush(out) || fsync(fileno(out)) || fclose(out) || rename(tmp, path)) {
        unlink(tmp);
        return nerr_raise_errno(NERR_IO, "store %s", path);
    }
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(sha, 65, h, sizeof h);
    return STATUS_OK;
}
