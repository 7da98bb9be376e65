/*
 * mail.c — the outbox and its delivery through libcurl SMTP.
 *
 * A message is rendered and stored in `outbox` inside the transaction of
 * the change it reports, so a rolled-back change sends nothing. Delivery
 * claims a row (claimed_until) before sending, so two deliverers never send
 * the same row at once; a temporary failure is retried with backoff, a 5xx
 * answer or too many attempts marks it failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include <sodium.h>
#include "gf.h"

enum { Q_QUEUE, Q_DUE, Q_CLAIM, Q_LOAD, Q_SENT, Q_RETRY, Q_FAILED, Q__MAX };
static const char *const Q[] = {
    [Q_QUEUE] =
        "INSERT INTO outbox (to_addr, subject, body, attach_name, attach_type, attach_data,"
        " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, NOW(), NOW())",
    [Q_DUE] =
        "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= NOW()"
        " AND (claimed_until IS NULL OR claimed_until < NOW()) ORDER BY id LIMIT ?",
    [Q_CLAIM] =
        "UPDATE outbox SET claimed_until = NOW() + INTERVAL 300 SECOND,"
        " attempts = attempts + 1 WHERE id = ? AND status = 'pending'"
        " AND (claimed_until IS NULL OR claimed_until < NOW())",
    [Q_LOAD] =
        "SELECT to_addr, subject, body, attach_name, attach_type, attach_data, attempts,"
        " UNIX_TIMESTAMP(created_at) AS created"
        " FROM outbox WHERE id = ?",
    [Q_SENT] =
        "UPDATE outbox SET status = 'sent', sent_at = NOW(), claimed_until = NULL,"
        " last_error = NULL WHERE id = ?",
    [Q_RETRY] =
        "UPDATE outbox SET claimed_until = NULL, last_error = ?,"
        " next_attempt_at = NOW() + INTERVAL ? SECOND WHERE id = ?",
    [Q_FAILED] =
        "UPDATE outbox SET status = 'failed', claimed_until = NULL, last_error = ?"
        " WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* ---- pure MIME ---------------------------------------------------------- */

static int needs_encoding(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p >= 0x7f)
            return 1;
    return strlen(s) > 900;
}

static void b64(STRING *out, const unsigned char *p, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *buf = malloc(len);

    if (!buf)
        abort();
    sodium_bin2base64(buf, len, p, n, sodium_base64_VARIANT_ORIGINAL);
    gf_must(string_append(out, buf));
    free(buf);
}

char *gf_mime_header_encode(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t len = strlen(text), i = 0;
    STRING out;

    if (!needs_encoding(text))
        return strdup(text);
    string_init(&out);
    /* words of at most 45 bytes (60 base64 chars, 72 with the wrapper),
     * never splitting a UTF-8 sequence */
    while (i < len) {
        size_t n = len - i < 45 ? len - i : 45;
        while (n > 0 && i + n < len && (p[i + n] & 0xC0) == 0x80)
            n--;
        if (n == 0)
            n = len - i < 45 ? len - i : 45;
        if (i)
            gf_must(string_append(&out, "\r\n "));
        gf_must(string_append(&out, "=?UTF-8?B?"));
        b64(&out, p + i, n);
        gf_must(string_append(&out, "?="));
        i += n;
    }
    return out.buf ? out.buf : strdup("");
}

static void rfc5322_date(time_t t, char *buf, size_t n)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const mons[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;

    gmtime_r(&t, &tm);
    snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
             tm.tm_mday, mons[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
             tm.tm_min, tm.tm_sec);
}

/* Text as base64 in lines of 76, its line ends made CRLF first (the
 * canonical form of text parts). */
static void b64_text(STRING *out, const char *text)
{
    STRING crlf;

    string_init(&crlf);
    for (const char *p = text; *p; p++) {
        if (*p == '\r')
            continue;
        if (*p == '\n')
            gf_must(string_append_char(&crlf, '\r'));
        gf_must(string_append_char(&crlf, *p));
    }
    for (int i = 0; i < crlf.len; i += 57) {
        int n = crlf.len - i < 57 ? crlf.len - i : 57;
        b64(out, (const unsigned char *)crlf.buf + i, (size_t)n);
        gf_must(string_append(out, "\r\n"));
    }
    string_clear(&crlf);
}

char *gf_mime_message(const char *from, const char *to, const char *subject,
                      const char *body, time_t date, const char *message_id)
{
    return gf_mime_message_file(from, to, subject, body, date, message_id, NULL);
}

/* Base64 never holds "_" or "=_": no part's text can contain the boundary. */
#define BOUNDARY "=_grantfair_part"

char *gf_mime_message_file(const char *from, const char *to, const char *subject,
                           const char *body, time_t date, const char *message_id,
                           const gf_mail_file *file)
{
    STRING out;
    char d[64];
    char *subj = gf_mime_header_encode(subject);
    const char *lt = strrchr(from, '<');

    string_init(&out);
    rfc5322_date(date, d, sizeof d);
    gf_must(string_appendf(&out, "Date: %s\r\n", d));
    if (lt && lt > from) {          /* "Display Name <addr>": encode the name */
        char *name = strndup(from, (size_t)(lt - from));
        char *trim = gf_trim_dup(name);
        char *enc = gf_mime_header_encode(trim);
        gf_must(string_appendf(&out, "From: %s %s\r\n", enc, lt));
        free(name);
        free(trim);
        free(enc);
    } else {
        gf_must(string_appendf(&out, "From: %s\r\n", from));
    }
    gf_must(string_appendf(&out, "To: %s\r\nSubject: %s\r\nMessage-ID: %s\r\n"
                           "MIME-Version: 1.0\r\n", to, subj, message_id));
    free(subj);
    if (file)
        gf_must(string_append(&out, "Content-Type: multipart/mixed; boundary=\"" BOUNDARY
                              "\"\r\n\r\n--" BOUNDARY "\r\n"));
    gf_must(string_append(&out, "Content-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\n"));
    b64_text(&out, body);
    if (file) {
        gf_must(string_appendf(&out, "--" BOUNDARY "\r\nContent-Type: %s; name=\"%s\"\r\n"
                               "Content-Disposition: attachment; filename=\"%s\"\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\n",
                               file->mime, file->name, file->name));
        b64_text(&out, file->data);
        gf_must(string_append(&out, "--" BOUNDARY "--\r\n"));
    }
    return out.buf;
}

long gf_mail_backoff(int attempts)
{
    long s = 60;

    for (int i = 1; i < attempts && s < 21600; i++)
        s *= 2;
    return s < 21600 ? s : 21600;
}

/* ---- queueing ----------------------------------------------------------- */

/* Run by the request loop after the response that queued mail is done. */
static void deliver_soon(void)
{
    NEOERR *err;
    int tried = 0;
    char id[9];

    if ((err = gf_mail_deliver(10, &tried)))
        gf_log_error(&err, id);
}

NEOERR *gf_mail_queue(gf_req *r, const char *to, const char *tpl, HDF *data)
{
    return nerr_pass(gf_mail_queue_file(r, to, tpl, data, NULL));
}

NEOERR *gf_mail_queue_file(gf_req *r, const char *to, const char *tpl, HDF *data,
                           const gf_mail_file *file)
{
    STRING text;
    char name[128], *subject, *body, *nl;
    NEOERR *err;

    string_init(&text);
    snprintf(name, sizeof name, "mail/%s", tpl);
    if ((err = gf_render_text(data, name, &text)))
        goto done;
    if (!text.buf || strncmp(text.buf, "Subject: ", 9) || !(nl = strchr(text.buf, '\n'))) {
        err = nerr_raise(NERR_ASSERT, "mail template %s lacks a Subject line", tpl);
        goto done;
    }
    *nl = '\0';
    subject = gf_trim_dup(text.buf + 9);
    body = gf_trim_dup(nl + 1);
    err = gf_db_exec(Q[Q_QUEUE], ARGS(A_STR(to), A_STR(subject), A_STR(body),
                                      file ? A_STR(file->name) : A_NULL,
                                      file ? A_STR(file->mime) : A_NULL,
                                      file ? A_STR(file->data) : A_NULL), NULL, NULL);
    free(subject);
    free(body);
    if (!err && r)
        r->after_response = deliver_soon;
done:
    string_clear(&text);
    return nerr_pass(err);
}

/* ---- delivery ----------------------------------------------------------- */

struct upload { const char *p; size_t left; };

static size_t read_cb(char *buf, size_t size, size_t nmemb, void *ud)
{
    struct upload *u = ud;
    size_t n = size * nmemb < u->left ? size * nmemb : u->left;

    memcpy(buf, u->p, n);
    u->p += n;
    u->left -= n;
    return n;
}

/* Returns 0 sent, 1 temporary failure, 2 permanent failure. */
static int smtp_send(const char *to, const char *msg, char *errbuf, size_t errlen)
{
    CURL *c = curl_easy_init();
    struct curl_slist *rcpt = NULL;
    struct upload u = {msg, strlen(msg)};
    char addr[300], from[300];
    long code = 0;
    CURLcode res;
    const char *user = gf_cfg("Mail.SMTP.User", "");

    if (!c) {
        snprintf(errbuf, errlen, "curl_easy_init failed");
        return 1;
    }
    snprintf(addr, sizeof addr, "<%s>", to);
    snprintf(from, sizeof from, "<%s>", gf_cfg("Mail.FromAddress", "noreply@localhost"));
    rcpt = curl_slist_append(rcpt, addr);
    curl_easy_setopt(c, CURLOPT_URL, gf_cfg("Mail.SMTP.URL", "smtp://127.0.0.1:25"));
    if (gf_cfg_int("Mail.SMTP.StartTLS", 0))
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (*user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, gf_cfg("Mail.SMTP.Password", ""));
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u.left);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, gf_cfg_int("Mail.SMTP.ConnectTimeout", 10));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, gf_cfg_int("Mail.SMTP.Timeout", 60));
    res = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (res == CURLE_OK)
        return 0;
    snprintf(errbuf, errlen, "curl %d (%s), smtp %ld", (int)res, curl_easy_strerror(res), code);
    return code >= 500 && code < 600 ? 2 : 1;
}

static NEOERR *deliver_one(long long id)
{
    long long claimed = 0;
    HDF *row = NULL;
    NEOERR *err;
    char msgid[160], errbuf[256] = "", from[400];
    const char *domain = strchr(gf_cfg("Mail.FromAddress", "noreply@localhost"), '@');
    char *msg;
    gf_mail_file file;
    int found = 0, rc, attempts;

    if ((err = gf_db_exec(Q[Q_CLAIM], ARGS(A_INT(id)), &claimed, NULL)) || claimed != 1)
        return nerr_pass(err);
    if ((err = hdf_init(&row)) ||
        (err = gf_db_row(Q[Q_LOAD], ARGS(A_INT(id)), row, NULL, &found)) || !found)
        goto done;
    /* stable per row, so a resend after a lost reply is recognisable */
    snprintf(msgid, sizeof msgid, "<outbox-%lld.%s%s>", id,
             hdf_get_value(row, "created", "0"), domain ? domain : "@localhost");
    snprintf(from, sizeof from, "%s <%s>", gf_cfg("Mail.FromName", "grantfair"),
             gf_cfg("Mail.FromAddress", "noreply@localhost"));
    file.name = hdf_get_value(row, "attach_name", NULL);
    file.mime = hdf_get_value(row, "attach_type", "text/plain; charset=UTF-8");
    file.data = hdf_get_value(row, "attach_data", "");
    msg = gf_mime_message_file(from, hdf_get_value(row, "to_addr", ""),
                               hdf_get_value(row, "subject", ""), hdf_get_value(row, "body", ""),
                               (time_t)atoll(hdf_get_value(row, "created", "0")), msgid,
                               file.name ? &file : NULL);
    rc = smtp_send(hdf_get_value(row, "to_addr", ""), msg, errbuf, sizeof errbuf);
    free(msg);
    attempts = hdf_get_int_value(row, "attempts", 1);
    if (rc == 0) {
        err = gf_db_exec(Q[Q_SENT], ARGS(A_INT(id)), NULL, NULL);
        gf_log("info", "mail %lld sent", id);
    } else if (rc == 2 || attempts >= gf_cfg_int("Mail.MaxAttempts", 10)) {
        err = gf_db_exec(Q[Q_FAILED], ARGS(A_STR(errbuf), A_INT(id)), NULL, NULL);
        gf_log("warn", "mail %lld failed permanently: %s", id, errbuf);
    } else {
        err = gf_db_exec(Q[Q_RETRY], ARGS(A_STR(errbuf), A_INT(gf_mail_backoff(attempts)),
                                          A_INT(id)), NULL, NULL);
        gf_log("warn", "mail %lld attempt %d failed: %s", id, attempts, errbuf);
    }
done:
    hdf_destroy(&row);
    return nerr_pass(err);
}

NEOERR *gf_mail_deliver(int limit, int *tried)
{
    HDF *ids, *o;
    NEOERR *err;

    *tried = 0;
    if ((err = hdf_init(&ids)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_DUE], ARGS(A_INT(limit)), ids, "Due", NULL);
    for (o = hdf_get_child(ids, "Due"); !err && o; o = hdf_obj_next(o)) {
        err = deliver_one(atoll(hdf_get_value(o, "id", "0")));
        (*tried)++;
    }
    hdf_destroy(&ids);
    return nerr_pass(err);
}
