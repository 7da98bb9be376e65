/* config.c — the one site configuration file, loaded once per process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

HDF *gf_conf;

/* The shortest key we accept for a site others can reach. */
#define MIN_KEY 32

/* 1 when s (n bytes) is a dotted IPv4 address in 127.0.0.0/8. */
static int loopback_v4(const char *s, size_t n)
{
    int part = 0, digits = 0, value = 0;

    if (n < 4 || strncmp(s, "127.", 4))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (!digits)
                return 0;
            part++;
            digits = value = 0;
        } else if (s[i] >= '0' && s[i] <= '9' && digits < 3) {
            value = value * 10 + (s[i] - '0');
            digits++;
            if (value > 255)
                return 0;
        } else {
            return 0;
        }
    }
    return part == 3 && digits;
}

/* 1 when url is http(s) on this machine only: 127.0.0.0/8, [::1] or
 * localhost, with at most a port after the host. */
static int loopback_site(const char *url)
{
    const char *host, *end;
    size_t n;

    if (!url)
        return 0;
    if (!strncmp(url, "http://", 7))
        host = url + 7;
    else if (!strncmp(url, "https://", 8))
        host = url + 8;
    else
        return 0;
    n = strcspn(host, "/?#");            /* the authority */
    if (memchr(host, '@', n))
        return 0;                        /* user@host: not what it looks like */
    if (host[0] == '[') {
        if (strncmp(host, "[::1]", 5))
            return 0;
        end = host + 5;
    } else {
        size_t h = strcspn(host, ":/?#");
        if (!(h == 9 && !strncmp(host, "localhost", 9)) && !loopback_v4(host, h))
            return 0;
        end = host + h;
    }
    if (*end == ':')                     /* a port: digits only */
        for (end++; *end >= '0' && *end <= '9'; end++)
            ;
    return end == host + n;
}

int gf_secret_key_ok(const char *key, const char *site_url)
{
    if (loopback_site(site_url))
        return 1;
    return key && strlen(key) >= MIN_KEY && strcmp(key, "change-me");
}

NEOERR *gf_config_load(void)
{
    const char *path = getenv("GF_CONFIG");
    NEOERR *err;

    if (gf_conf)
        return STATUS_OK;
    if (!path || !*path)
        path = "conf/grantfair.hdf";
    if ((err = hdf_init(&gf_conf)))
        return nerr_pass(err);
    if ((err = hdf_read_file(gf_conf, path))) {
        hdf_destroy(&gf_conf);
        return nerr_pass(err);
    }
    if (!gf_secret_key_ok(gf_cfg("Secrets.Key", ""), gf_cfg("Site.URL", ""))) {
        err = nerr_raise(NERR_ASSERT, "%s: Secrets.Key is the default, empty or shorter than %d "
                         "characters, and Site.URL (%.200s) is not this machine: set a long "
                         "random key (head -c 32 /dev/urandom | base64)", path, MIN_KEY,
                         gf_cfg("Site.URL", ""));
        hdf_destroy(&gf_conf);
        return err;
    }
    return STATUS_OK;
}

const char *gf_cfg(const char *name, const char *def)
{
    return gf_conf ? hdf_get_value(gf_conf, name, def) : def;
}

long gf_cfg_int(const char *name, long def)
{
    const char *v = gf_cfg(name, NULL);
    char *end;
    long n;

    if (!v || !*v)
        return def;
    n = strtol(v, &end, 10);
    return *end ? def : n;
}
