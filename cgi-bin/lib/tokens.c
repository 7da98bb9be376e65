/*
 * tokens.c — one-time links sent by email (confirm a registration, reset a
 * password, confirm a new address, join an organization). The link holds a
 * random token; the database keeps its SHA-256, an expiry and when it was
 * used, and a token works once.
 */
#include <stdio.h>
#include <string.h>
#include "gf.h"

enum { Q_ISSUE, Q_USE, Q_GET, Q_PEEK, Q_REVOKE, Q__MAX };
static const char *const Q[] = {
    [Q_ISSUE] =
        "INSERT INTO email_tokens (token_hash, purpose, user_id, org_id, email, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, NOW(), NOW() + INTERVAL ? SECOND)",
    [Q_USE] =
        "UPDATE email_tokens SET used_at = NOW() WHERE token_hash = ? AND purpose = ?"
        " AND used_at IS NULL AND expires_at > NOW()",
    [Q_GET] =
        "SELECT user_id, org_id, email FROM email_tokens WHERE token_hash = ? AND purpose = ?",
    [Q_PEEK] =
        "SELECT user_id, org_id, email FROM email_tokens WHERE token_hash = ? AND purpose = ?"
        " AND used_at IS NULL AND expires_at > NOW()",
    [Q_REVOKE] =
        "UPDATE email_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = ?"
        " AND used_at IS NULL",
};
GF_STATEMENTS(Q, Q__MAX);

NEOERR *gf_token_issue(const char *purpose, long long user_id, long long org_id,
                       const char *email, long ttl, char token[64])
{
    char hash[65];

    gf_random_token(32, token, 64);
    gf_sha256_hex(token, strlen(token), hash);
    return nerr_pass(gf_db_exec(Q[Q_ISSUE],
                                ARGS(A_STR(hash), A_STR(purpose),
                                     user_id ? A_INT(user_id) : A_NULL,
                                     org_id ? A_INT(org_id) : A_NULL, A_STR(email),
                                     A_INT(ttl)), NULL, NULL));
}

static NEOERR *lookup(const char *purpose, const char *token, HDF *out, int use, int *ok)
{
    char hash[65];
    long long n = 0;
    NEOERR *err;

    *ok = 0;
    if (!token || strlen(token) != 43)
        return STATUS_OK;
    gf_sha256_hex(token, strlen(token), hash);
    if (use) {
        if ((err = gf_db_exec(Q[Q_USE], ARGS(A_STR(hash), A_STR(purpose)), &n, NULL)))
            return nerr_pass(err);
        if (n != 1)
            return STATUS_OK;
        return nerr_pass(gf_db_row(Q[Q_GET], ARGS(A_STR(hash), A_STR(purpose)), out, "Token", ok));
    }
    return nerr_pass(gf_db_row(Q[Q_PEEK], ARGS(A_STR(hash), A_STR(purpose)), out, "Token", ok));
}

NEOERR *gf_token_use(const char *purpose, const char *token, HDF *out, int *ok)
{
    return nerr_pass(lookup(purpose, token, out, 1, ok));
}

NEOERR *gf_token_peek(const char *purpose, const char *token, HDF *out, int *ok)
{
    return nerr_pass(lookup(purpose, token, out, 0, ok));
}

NEOERR *gf_token_revoke(long long user_id, const char *purpose)
{
    return nerr_pass(gf_db_exec(Q[Q_REVOKE], ARGS(A_INT(user_id), A_STR(purpose)), NULL, NULL));
}

NEOERR *gf_token_page(gf_req *r, const char *purpose, int *ok)
{
    NEOERR *err;

    if ((err = gf_token_peek(purpose, gf_param(r, "token", ""), r->hdf, ok)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Valid", *ok);
    return STATUS_OK;
}

NEOERR *gf_token_redeem(gf_req *r, const char *purpose, int *ok)
{
    NEOERR *err;

    *ok = 0;
    /* the loop has checked the method and the CSRF token (gf_program);
     * spending a token on anything else would let another site do it */
    if (strcmp(r->method, "POST") || !r->prog || r->prog->csrf_exempt)
        return nerr_raise(NERR_ASSERT, "a token is spent only by a CSRF-checked POST");
    if ((err = gf_db_begin()) ||
        (err = gf_token_use(purpose, gf_param(r, "token", ""), r->hdf, ok)))
        return nerr_pass(err);
    if (!*ok) {
        gf_db_rollback();
        gf_set_int(r->hdf, "Valid", 0);
        r->status = 400;
    }
    return STATUS_OK;
}

NEOERR *gf_token_mail(gf_req *r, const char *purpose, long long user_id, long long org_id,
                      const char *email, long ttl, const char *path, const char *tpl,
                      HDF *data)
{
    char token[64], link[512], valid[64];
    NEOERR *err;

    if ((err = gf_token_issue(purpose, user_id, org_id, email, ttl, token)))
        return nerr_pass(err);
    snprintf(link, sizeof link, "%s%s?token=%s", gf_cfg("Site.URL", ""), path, token);
    gf_fmt_duration(ttl, valid, sizeof valid);
    if ((err = hdf_set_value(data, "Link", link)) ||
        (err = hdf_set_value(data, "ValidFor", valid)) ||
        (err = hdf_set_value(data, "Site.Name", gf_cfg("Site.Name", ""))))
        return nerr_pass(err);
    return nerr_pass(gf_mail_queue(r, email, tpl, data));
}
