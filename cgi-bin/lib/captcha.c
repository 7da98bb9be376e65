/*
 * captcha.c — the seed's arithmetic question «4 + 3 =», kept stateless:
 * the form carries "a.b.time.mac", signed with the site secret, so any
 * app host can check the answer. A token is valid for two hours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "gf.h"

static void mac_hex(int a, int b, long long ts, char out[65])
{
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    const char *secret = gf_cfg("Secrets.Key", "");
    char msg[96];

    crypto_hash_sha256(key, (const unsigned char *)secret, strlen(secret));
    snprintf(msg, sizeof msg, "captcha:%d:%d:%lld", a, b, ts);
    crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

NEOERR *gf_captcha_new(gf_req *r)
{
    int a = 1 + (int)randombytes_uniform(9), b = 1 + (int)randombytes_uniform(9);
    long long ts = (long long)time(NULL);
    char mac[65], tok[128];
    NEOERR *err;

    mac_hex(a, b, ts, mac);
    snprintf(tok, sizeof tok, "%d.%d.%lld.%s", a, b, ts, mac);
    if ((err = hdf_set_int_value(r->hdf, "Captcha.A", a)) ||
        (err = hdf_set_int_value(r->hdf, "Captcha.B", b)) ||
        (err = hdf_set_value(r->hdf, "Captcha.Token", tok)))
        return nerr_pass(err);
    return STATUS_OK;
}

int gf_captcha_ok(gf_req *r)
{
    const char *tok = gf_param(r, "captcha_token", "");
    char mac[65], given[65];
    int a, b;
    long long ts, now = (long long)time(NULL);

    if (strlen(tok) > 120 ||
        sscanf(tok, "%d.%d.%lld.%64[0-9a-f]", &a, &b, &ts, given) != 4 ||
        a < 1 || a > 9 || b < 1 || b > 9 || ts > now + 60 || now - ts > 7200)
        return 0;
    mac_hex(a, b, ts, mac);
    if (strlen(given) != 64 || sodium_memcmp(mac, given, 64))
        return 0;
    return gf_captcha_check(gf_param(r, "captcha", ""), a, b);
}
