/*
 * captcha.c — the seed's arithmetic question «4 + 3 =». The form carries
 * the question as an opaque token: the operands and the time it was asked,
 * encrypted and authenticated with a key derived from the site secret
 * (crypto_secretbox), so a bot cannot read the answer from the page and
 * any app host can check it. A token is valid for two hours and answers
 * once: its hash goes into captcha_used when it is checked, right or wrong
 * (a second use, or a second guess, is refused), and rows past the token's
 * expiry are swept on the way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "gf.h"

#define TTL 7200
/* nonce + MAC + "a.b.time" (at most 1 + 1 + 1 + 1 + 20 bytes) */
#define MAX_PLAIN 32
#define MAX_BOX (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + MAX_PLAIN)

enum { Q_SPEND, Q_SWEEP, Q__MAX };
static const char *const Q[] = {
    [Q_SPEND] =
        "INSERT INTO captcha_used (token_hash, expires_at) VALUES (?, NOW() + INTERVAL ? SECOND)",
    [Q_SWEEP] =
        "DELETE FROM captcha_used WHERE expires_at < NOW() LIMIT 100",
};
GF_STATEMENTS(Q, Q__MAX);

static void box_key(unsigned char key[crypto_secretbox_KEYBYTES])
{
    const char *secret = gf_cfg("Secrets.Key", "");

    crypto_generichash(key, crypto_secretbox_KEYBYTES, (const unsigned char *)secret,
                       strlen(secret), (const unsigned char *)"grantfair captcha", 17);
}

NEOERR *gf_captcha_new(gf_req *r)
{
    int a = 1 + (int)randombytes_uniform(9), b = 1 + (int)randombytes_uniform(9);
    unsigned char key[crypto_secretbox_KEYBYTES], box[MAX_BOX];
    char plain[MAX_PLAIN], tok[2 * MAX_BOX];
    size_t len;
    NEOERR *err;

    len = (size_t)snprintf(plain, sizeof plain, "%d.%d.%lld", a, b, (long long)time(NULL));
    box_key(key);
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, len,
                          box, key);
    sodium_memzero(key, sizeof key);
    sodium_bin2base64(tok, sizeof tok, box, crypto_secretbox_NONCEBYTES +
                      crypto_secretbox_MACBYTES + len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    if ((err = hdf_set_int_value(r->hdf, "Captcha.A", a)) ||
        (err = hdf_set_int_value(r->hdf, "Captcha.B", b)) ||
        (err = hdf_set_value(r->hdf, "Captcha.Token", tok)))
        return nerr_pass(err);
    return STATUS_OK;
}

/* The question inside a token we issued less than TTL seconds ago; 0
 * when tok is not one (forged, altered, expired). */
static int open_token(const char *tok, int *a, int *b, long long *ts)
{
    unsigned char key[crypto_secretbox_KEYBYTES], box[MAX_BOX];
    char plain[MAX_PLAIN + 1];
    size_t len;
    long long now = (long long)time(NULL);
    int ok;

    if (strlen(tok) > 2 * MAX_BOX ||
        sodium_base642bin(box, sizeof box, tok, strlen(tok), NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
        len <= crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return 0;
    box_key(key);
    ok = !crypto_secretbox_open_easy((unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
                                     len - crypto_secretbox_NONCEBYTES, box, key);
    sodium_memzero(key, sizeof key);
    if (!ok)
        return 0;
    plain[len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = '\0';
    return sscanf(plain, "%d.%d.%lld", a, b, ts) == 3 && *a >= 1 && *a <= 9 && *b >= 1 &&
           *b <= 9 && *ts <= now + 60 && now - *ts <= TTL;
}

NEOERR *gf_captcha_answer(gf_req *r, int *result)
{
    const char *tok = gf_param(r, "captcha_token", "");
    char hash[65];
    long long ts;
    int a, b;
    NEOERR *err;

    *result = GF_CAPTCHA_WRONG;
    if (!open_token(tok, &a, &b, &ts))
        return STATUS_OK;
    gf_sha256_hex(tok, strlen(tok), hash);
    if ((err = gf_db_exec(Q[Q_SWEEP], NOARGS, NULL, NULL)))
        return nerr_pass(err);
    err = gf_db_exec(Q[Q_SPEND], ARGS(A_STR(hash), A_INT(ts + TTL - (long long)time(NULL) + 60)),
                     NULL, NULL);
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
        *result = GF_CAPTCHA_USED;
        return STATUS_OK;
    }
    if (err)
        return nerr_pass(err);
    if (gf_captcha_check(gf_param(r, "captcha", ""), a, b))
        *result = GF_CAPTCHA_RIGHT;
    return STATUS_OK;
}

NEOERR *gf_field_captcha(gf_req *r)
{
    int result;
    NEOERR *err;

    if ((err = gf_captcha_answer(r, &result)))
        return nerr_pass(err);
    if (result == GF_CAPTCHA_USED)
        gf_field_error(r, "captcha", "Этот пример уже решён: форму с ним уже отправляли. "
                                     "Решите новый пример.");
    else if (result != GF_CAPTCHA_RIGHT)
        gf_field_error(r, "captcha", "Ответ на пример неверный. Решите новый пример.");
    return STATUS_OK;
}
