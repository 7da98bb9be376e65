/*
 * session.c — sessions, login, CSRF tokens, password hashing, rate limits.
 * Uses db.c and response.c (cookies); the request loop calls it.
 *
 * The session token is 32 random bytes in a cookie; the database keeps only
 * its SHA-256, so a leaked sessions table cannot be replayed. Logged-in
 * forms echo the session's own CSRF token; anonymous forms echo a random
 * token kept in a cookie (double submit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "gf.h"

/* "Name.Key" for the config (a static buffer: use it at once). */
static const char *key_of(const char *name, const char *key)
{
    static char buf[96];

    snprintf(buf, sizeof buf, "%.40s.%s", name, key);
    return buf;
}

enum {
    Q_SESSION, Q_USER_BY_EMAIL, Q_SESSION_NEW, Q_SESSION_DEL, Q_RATE_COUNT, Q_RATE_ADD,
    Q_RATE_CLEAR, Q_END_OTHERS, Q__MAX
};
static const char *const Q[] = {
    [Q_SESSION] =
        "SELECT s.user_id, s.csrf, u.email, u.name,"
        " (SELECT GROUP_CONCAT(role) FROM user_roles r WHERE r.user_id = u.id) AS roles"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ? AND s.expires_at > NOW() AND u.disabled = 0",
    [Q_USER_BY_EMAIL] =
        "SELECT id, password_hash, confirmed_at IS NOT NULL AS confirmed"
        " FROM users WHERE email = ? AND disabled = 0",
    [Q_SESSION_NEW] =
        "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, ip)"
        " VALUES (?, ?, ?, NOW(), NOW() + INTERVAL ? SECOND, ?)",
    [Q_SESSION_DEL] =
        "DELETE FROM sessions WHERE token_hash = ?",
    [Q_RATE_COUNT] =
        "SELECT COUNT(*) AS n FROM rate_events WHERE bucket = ?"
        " AND at > NOW() - INTERVAL ? SECOND",
    [Q_RATE_ADD] =
        "INSERT INTO rate_events (bucket, at) VALUES (?, NOW())",
    [Q_RATE_CLEAR] =
        "DELETE FROM rate_events WHERE bucket = ?",
    [Q_END_OTHERS] =
        "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
};
GF_STATEMENTS(Q, Q__MAX);

void gf_random_token(size_t nbytes, char *out, size_t outlen)
{
    unsigned char buf[64];

    if (nbytes > sizeof buf)
        nbytes = sizeof buf;
    randombytes_buf(buf, nbytes);
    sodium_bin2base64(out, outlen, buf, nbytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void gf_sha256_hex(const char *s, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)s, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int gf_password_hash(const char *password, char out[128])
{
    return crypto_pwhash_str(out, password, strlen(password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

int gf_password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* On https the cookies carry the __Host- prefix: only this host over TLS
 * can set them, so a sibling domain cannot plant a CSRF token (login CSRF)
 * or a session. */
static const char *sid_cookie(void)
{
    return strncmp(gf_cfg("Site.URL", ""), "https:", 6) ? "gf_sid" : "__Host-gf_sid";
}

static const char *csrf_cookie(void)
{
    return strncmp(gf_cfg("Site.URL", ""), "https:", 6) ? "gf_csrf" : "__Host-gf_csrf";
}

/* A token we issued: 43 base64url characters. */
static int token_shape_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0;

    if (n != 43)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* Role bits from the comma-separated names the database holds: bit i is
 * the program's role_names[i] (the kit does not know what roles mean). */
static NEOERR *set_roles(gf_req *r, const char *list)
{
    const char *const *names = r->prog ? r->prog->role_names : NULL;
    char key[96];
    NEOERR *err;

    r->roles = 0;
    for (int i = 0; names && names[i] && i < 30; i++) {
        size_t n = strlen(names[i]);
        for (const char *p = list; p && *p; p += strcspn(p, ","), p += *p == ',') {
            if (strncmp(p, names[i], n) || (p[n] && p[n] != ','))
                continue;
            r->roles |= 1u << i;
            snprintf(key, sizeof key, "User.Role.%s", names[i]);
            if ((err = hdf_set_value(r->hdf, key, "1")))
                return nerr_pass(err);
        }
    }
    return STATUS_OK;
}

NEOERR *gf_session_load(gf_req *r)
{
    char key[64];
    const char *tok;
    NEOERR *err;

    snprintf(key, sizeof key, "Cookie.%s", sid_cookie());
    tok = hdf_get_value(r->hdf, key, NULL);
    if (token_shape_ok(tok)) {
        HDF *row;
        int found = 0;
        gf_sha256_hex(tok, strlen(tok), r->session_hash);
        if ((err = hdf_init(&row)))
            return nerr_pass(err);
        err = gf_db_row(Q[Q_SESSION], ARGS(A_STR(r->session_hash)), row, NULL, &found);
        if (!err && found) {
            r->user_id = atoll(hdf_get_value(row, "user_id", "0"));
            snprintf(r->csrf, sizeof r->csrf, "%s", hdf_get_value(row, "csrf", ""));
            if (!(err = hdf_set_value(r->hdf, "User.Id", hdf_get_value(row, "user_id", "0"))) &&
                !(err = hdf_set_value(r->hdf, "User.Email", hdf_get_value(row, "email", ""))) &&
                !(err = hdf_set_value(r->hdf, "User.Name", hdf_get_value(row, "name", ""))))
                err = set_roles(r, hdf_get_value(row, "roles", ""));
        } else {
            r->session_hash[0] = '\0';
        }
        hdf_destroy(&row);
        if (err)
            return nerr_pass(err);
    }
    if (!r->user_id) {
        snprintf(key, sizeof key, "Cookie.%s", csrf_cookie());
        tok = hdf_get_value(r->hdf, key, NULL);
        if (token_shape_ok(tok)) {
            snprintf(r->csrf, sizeof r->csrf, "%s", tok);
        } else if (r->cacheable) {
            r->csrf[0] = '\0';     /* a public page has no form to protect */
        } else {
            gf_random_token(32, r->csrf, sizeof r->csrf);
            gf_set_cookie(r, csrf_cookie(), r->csrf, -1);
        }
    }
    return nerr_pass(hdf_set_value(r->hdf, "CSRF", r->csrf));
}

NEOERR *gf_rate_limit(const char *bucket, int max, int window, int record,
                      int *allowed)
{
    HDF *row;
    NEOERR *err;

    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_RATE_COUNT], ARGS(A_STR(bucket), A_INT(window)), row, NULL, NULL);
    *allowed = hdf_get_int_value(row, "n", 0) < max;
    hdf_destroy(&row);
    if (!err && record)
        err = gf_db_exec(Q[Q_RATE_ADD], ARGS(A_STR(bucket)), NULL, NULL);
    return nerr_pass(err);
}

NEOERR *gf_rate_limit_pair(const char *a, int amax, const char *b, int bmax, int window,
                           int *over)
{
    int ok_a, ok_b, n;
    NEOERR *err;

    *over = 0;
    if ((err = gf_rate_limit(a, amax, window, 0, &ok_a)) ||
        (err = gf_rate_limit(b, bmax, window, 0, &ok_b)))
        return nerr_pass(err);
    *over = !ok_a ? 1 : !ok_b ? 2 : 0;
    if (*over || (err = gf_rate_limit(a, 0, 0, 1, &n)))
        return nerr_pass(err);
    return nerr_pass(gf_rate_limit(b, 0, 0, 1, &n));
}

/* Counts this request in bucket; over max in window seconds: the message
 * `what` and how long to wait next to field, status 429, *allowed = 0. */
static NEOERR *limit(gf_req *r, const char *bucket, long max, long window, const char *field,
                     const char *what, int *allowed)
{
    char text[400], wait[64];
    NEOERR *err;

    if ((err = gf_rate_limit(bucket, (int)max, (int)window, 1, allowed)) || *allowed)
        return nerr_pass(err);
    gf_fmt_duration(window, wait, sizeof wait);
    snprintf(text, sizeof text, "%s Попробуйте снова через %s.", what, wait);
    gf_field_error(r, field, text);
    r->status = 429;
    return STATUS_OK;
}

NEOERR *gf_limit_ip(gf_req *r, const char *name, long max, long window, const char *field,
                    int *allowed)
{
    char bucket[160], key[80];

    gf_ip_key(r->ip, key, sizeof key);
    snprintf(bucket, sizeof bucket, "%.40s:ip:%s", name, key);
    /* not "с вашего адреса": that reads as the e-mail address */
    return nerr_pass(limit(r, bucket, max, window, field,
                           "Слишком много запросов из вашей сети (с вашего IP-адреса).", allowed));
}

NEOERR *gf_limit_email(gf_req *r, const char *name, const char *email, long max, long window,
                       const char *field, int *allowed)
{
    char prefix[64], bucket[160];

    snprintf(prefix, sizeof prefix, "%.40s:email", name);
    gf_email_bucket(prefix, email, bucket, sizeof bucket);
    return nerr_pass(limit(r, bucket, max, window, field,
                           "На этот адрес уже отправлено несколько писем: проверьте почту, "
                           "в том числе папку «Спам».", allowed));
}

NEOERR *gf_limit_sender(gf_req *r, const char *name, const char *sender, const char *field,
                        const char *what)
{
    long window = gf_cfg_int(key_of(name, "RateWindow"), 3600);
    char lower[40], prefix[64], sbucket[160], ibucket[160], ikey[80], hash[65], msg[600], wait[64];
    int over, email = strchr(sender, '@') != NULL;
    size_t i;
    NEOERR *err;

    for (i = 0; name[i] && i < sizeof lower - 1; i++)
        lower[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
    lower[i] = 0;
    if (email) {
        snprintf(prefix, sizeof prefix, "%s:email", lower);
        gf_email_bucket(prefix, sender, sbucket, sizeof sbucket);
    } else {
        gf_sha256_hex(sender, strlen(sender), hash);
        snprintf(sbucket, sizeof sbucket, "%s:phone:%s", lower, hash);
    }
    gf_ip_key(r->ip, ikey, sizeof ikey);
    snprintf(ibucket, sizeof ibucket, "%s:ip:%s", lower, ikey);
    if ((err = gf_rate_limit_pair(sbucket, (int)gf_cfg_int(key_of(name, "RateMax"), 5), ibucket,
                                  (int)gf_cfg_int(key_of(name, "IPMax"), 50), (int)window, &over)))
        return nerr_pass(err);
    gf_fmt_duration(window, wait, sizeof wait);
    if (over == 1) {
        if (email)
            snprintf(msg, sizeof msg, "С адреса электронной почты %s недавно отправлено слишком "
                     "много %s. Попробуйте ещё раз через %s.", sender, what, wait);
        else
            snprintf(msg, sizeof msg, "С этого номера недавно отправлено слишком много %s. "
                     "Попробуйте ещё раз через %s.", what, wait);
        gf_field_error(r, field, msg);
        r->status = 429;
    } else if (over == 2) {
        snprintf(msg, sizeof msg, "Из вашей сети (с вашего IP-адреса) недавно отправлено "
                 "слишком много %s. Попробуйте ещё раз через %s.", what, wait);
        gf_field_error(r, "form", msg);
        r->status = 429;
    }
    return STATUS_OK;
}

/* A form that mails a copy to whatever address was typed could be used to
 * mail strangers: at most max copies go to one address in window seconds.
 * *allowed says whether this one may go, and it is counted when it may.
 * The bucket names the address by its hash (rate_events keeps no personal
 * data). */
NEOERR *gf_limit_copy(const char *name, const char *email, long max, long window, int *allowed)
{
    char prefix[64], bucket[160];
    int counted;
    NEOERR *err;

    snprintf(prefix, sizeof prefix, "%.40s:copy", name);
    gf_email_bucket(prefix, email, bucket, sizeof bucket);
    if ((err = gf_rate_limit(bucket, (int)max, (int)window, 0, allowed)) || !*allowed)
        return nerr_pass(err);
    return nerr_pass(gf_rate_limit(bucket, 0, 0, 1, &counted));
}

/* A hash to spend the same time on when the email is unknown. */
static const char *dummy_hash(void)
{
    static char h[crypto_pwhash_STRBYTES];

    if (!h[0])
        gf_password_hash("grantfair-timing-equaliser", h);
    return h;
}

NEOERR *gf_password_check(gf_req *r, const char *email, const char *password, int *result,
                          long long *user_id, int *confirmed)
{
    char ebucket[128], eibucket[200], ibucket[128], ikey[80], ehash[65], *key = gf_email_norm(email);
    int ok_ip, ok_user, ok_pair, found = 0, good;
    long max_pair = gf_cfg_int("Login.MaxFailures", 5);
    long max_user = gf_cfg_int("Login.MaxFailuresPerAccount", 50);
    long max_ip = gf_cfg_int("Login.MaxFailuresPerIP", 30);
    long window = gf_cfg_int("Login.Window", 900);
    HDF *row;
    NEOERR *err;

    *result = 1;
    /* counters per account however the address is spelled ("LOCKME@…" gets
     * no fresh tries after "lockme@…"): a few tries per account from one
     * address, and a far higher ceiling per account from everywhere — so
     * that a stranger's five wrong passwords do not lock the owner out on
     * the night of a deadline, and guessing from many addresses still ends */
    gf_sha256_hex(key, strlen(key), ehash);
    gf_ip_key(r->ip, ikey, sizeof ikey);
    snprintf(ebucket, sizeof ebucket, "login:user:%.32s", ehash);
    snprintf(eibucket, sizeof eibucket, "login:user:%.32s:%s", ehash, ikey);
    snprintf(ibucket, sizeof ibucket, "login:ip:%s", ikey);
    if ((err = gf_rate_limit(eibucket, (int)max_pair, (int)window, 0, &ok_pair)) ||
        (err = gf_rate_limit(ebucket, (int)max_user, (int)window, 0, &ok_user)) ||
        (err = gf_rate_limit(ibucket, (int)max_ip, (int)window, 0, &ok_ip)) ||
        !ok_pair || !ok_user || !ok_ip) {
        if (!err)
            *result = 2;
        free(key);
        return nerr_pass(err);
    }
    if ((err = hdf_init(&row))) {
        free(key);
        return nerr_pass(err);
    }
    if ((err = gf_db_row(Q[Q_USER_BY_EMAIL], ARGS(A_STR(key)), row, NULL, &found)))
        goto done;
    good = gf_password_verify(found ? hdf_get_value(row, "password_hash", "") : dummy_hash(),
                              password) && found;
    if (good) {
        *result = 0;
        if (user_id)
            *user_id = atoll(hdf_get_value(row, "id", "0"));
        if (confirmed)
            *confirmed = hdf_get_int_value(row, "confirmed", 0);
        err = gf_db_exec(Q[Q_RATE_CLEAR], ARGS(A_STR(eibucket)), NULL, NULL);
    } else {
        gf_log("info", "wrong password from %s", r->ip);
        if (!(err = gf_rate_limit(eibucket, (int)max_pair, (int)window, 1, &ok_pair)) &&
            !(err = gf_rate_limit(ebucket, (int)max_user, (int)window, 1, &ok_user)))
            err = gf_rate_limit(ibucket, (int)max_ip, (int)window, 1, &ok_ip);
    }
done:
    hdf_destroy(&row);
    free(key);
    return nerr_pass(err);
}

void gf_password_throttled(gf_req *r, const char *field)
{
    char msg[300], wait[64];

    gf_fmt_duration(gf_cfg_int("Login.Window", 900), wait, sizeof wait);
    snprintf(msg, sizeof msg, "Слишком много неудачных попыток ввода пароля. "
             "Подождите %s и попробуйте снова.", wait);
    gf_field_error(r, field, msg);
    r->status = 429;
}

NEOERR *gf_session_login(gf_req *r, const char *email, const char *password,
                         int *result)
{
    long long uid = 0;
    int confirmed = 0;
    NEOERR *err;

    if ((err = gf_password_check(r, email, password, result, &uid, &confirmed)) || *result)
        return nerr_pass(err);
    if (!confirmed) {
        *result = 3;
        return STATUS_OK;
    }
    if ((err = gf_session_start(r, uid)))
        return nerr_pass(err);
    gf_log("info", "login user=%lld", uid);
    return STATUS_OK;
}

NEOERR *gf_session_start(gf_req *r, long long user_id)
{
    char token[64];
    NEOERR *err;

    gf_random_token(32, token, sizeof token);
    gf_sha256_hex(token, strlen(token), r->session_hash);
    gf_random_token(32, r->csrf, sizeof r->csrf);
    if ((err = gf_db_exec(Q[Q_SESSION_NEW],
                          ARGS(A_STR(r->session_hash), A_INT(user_id), A_STR(r->csrf),
                               A_INT(gf_cfg_int("Session.Lifetime", 43200)),
                               A_STR(r->ip)), NULL, NULL)))
        return nerr_pass(err);
    r->user_id = user_id;
    gf_set_cookie(r, sid_cookie(), token, -1);
    return nerr_pass(hdf_set_value(r->hdf, "CSRF", r->csrf));
}

NEOERR *gf_session_end_others(long long user_id, const char *keep_hash)
{
    return nerr_pass(gf_db_exec(Q[Q_END_OTHERS], ARGS(A_INT(user_id), A_STR(keep_hash)),
                                NULL, NULL));
}

NEOERR *gf_session_logout(gf_req *r)
{
    if (r->session_hash[0]) {
        NEOERR *err = gf_db_exec(Q[Q_SESSION_DEL], ARGS(A_STR(r->session_hash)), NULL, NULL);
        if (err)
            return nerr_pass(err);
    }
    gf_set_cookie(r, sid_cookie(), "", 0);
    r->user_id = 0;
    return STATUS_OK;
}
