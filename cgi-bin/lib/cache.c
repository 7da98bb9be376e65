/*
 * cache.c — a per-process cache of whole responses to anonymous GETs of
 * public pages (the exhibition, project pages), kept for Cache.PublicTTL
 * seconds (default 5; 0 turns it off). A public page may so be a few
 * seconds old; in exchange a hit costs no database round trip and no
 * template work. Bounded: 256 slots, a new entry replaces the one in its
 * slot. Each worker has its own, so nothing is shared between hosts.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gf.h"

#define SLOTS 256

static struct { char *key; char *data; int len, hlen; time_t expires; } slot[SLOTS];

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % SLOTS;
}

int gf_cache_get(const char *key, const char **data, int *len, int *hlen)
{
    unsigned i = hash(key);

    if (!slot[i].key || strcmp(slot[i].key, key) || time(NULL) >= slot[i].expires)
        return 0;
    *data = slot[i].data;
    *len = slot[i].len;
    *hlen = slot[i].hlen;
    return 1;
}

void gf_cache_put(const char *key, const char *data, int len, int hlen, int ttl)
{
    unsigned i = hash(key);
    char *k = strdup(key), *d = malloc((size_t)len);

    if (!k || !d) {
        free(k);
        free(d);
        return;
    }
    memcpy(d, data, (size_t)len);
    free(slot[i].key);
    free(slot[i].data);
    slot[i].key = k;
    slot[i].data = d;
    slot[i].len = len;
    slot[i].hlen = hlen;
    slot[i].expires = time(NULL) + ttl;
}

void gf_cache_clear(void)
{
    for (int i = 0; i < SLOTS; i++) {
        free(slot[i].key);
        free(slot[i].data);
        slot[i].key = slot[i].data = NULL;
    }
}
