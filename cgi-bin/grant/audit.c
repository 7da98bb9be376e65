/*
 * audit.c — the append-only audit log: who did what to which object, when,
 * from which state to which, and why; each entry chained to the one before
 * by SHA-256, so that an entry altered, removed or slipped in afterwards is
 * found by `gf-audit verify` (cgi-bin/gf-audit.c).
 *
 * The application's database account may only SELECT and INSERT on
 * audit_log (schema/migrate.sh): no program can edit or delete an entry.
 *
 * The chain. Each entry stores prev_hash (the hash of the entry before it)
 * and hash = SHA-256 over the bytes of
 *
 *     N("grantfair-audit-1") N(prev_id) N(prev_hash) N(at) N(user_id)
 *     N(object_type) N(object_id) N(action) N(from_state) N(to_state)
 *     N(reason) N(ip)
 *
 * where N(v) is v as a netstring — its length in bytes in decimal, ":", the
 * bytes, "," — and N(NULL) is "-," (a netstring starts with a digit, so
 * NULL and "" ("0:,") differ, and no value can end one field and start the
 * next: "a|b" + "c" and "a" + "b|c" hash differently). Values are as
 * stored: numbers in decimal, `at` as "YYYY-MM-DD HH:MM:SS" in UTC (the
 * connection's time zone), text as its UTF-8 bytes. prev_id and prev_hash
 * belong to the previous entry in id order ("0" and 64 zeros before the
 * first); the hash is lowercase hex.
 *
 * The entry's own id is not hashed: the database assigns it at the INSERT,
 * after the hash is made. The previous id is, so every id is bound
 * anyway: the next entry's hash holds it, and audit_head holds the last.
 *
 * Appending: audit_head's one row (last_id, hash) is locked first
 * (SELECT … FOR UPDATE), so appends take turns and each one chains to the
 * last; the time is read in that same statement after the lock (SYSDATE(),
 * not NOW(), which is the statement's start, before any wait), and never
 * earlier than the last entry's (a clock stepped back), so `at` never goes
 * back along the chain; then the entry is inserted with that
 * very value and the head moved, all in one transaction (the caller's, or
 * our own when none is open).
 *
 * Entries written before the chain existed (hash NULL: an install older
 * than schema/008_staff.sql) are chained once by `gf-audit seal`, which
 * conf/stack.sh runs after the migrations and an administrator runs after
 * upgrading, before the programs start (README, "Installing").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "grant.h"

enum { Q_HEAD, Q_LAST_AT, Q_ADD, Q_MOVE, Q__MAX };
static const char *const Q[] = {
    [Q_HEAD] =
        "SELECT last_id, hash, SYSDATE() AS at FROM audit_head WHERE id = 1 FOR UPDATE",
    [Q_LAST_AT] =
        "SELECT at FROM audit_log WHERE id = ?",
    [Q_ADD] =
        "INSERT INTO audit_log (at, user_id, object_type, object_id, action, from_state,"
        " to_state, reason, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [Q_MOVE] =
        "UPDATE audit_head SET last_id = ?, hash = ? WHERE id = 1 AND last_id = ? AND hash = ?",
};
GF_STATEMENTS(Q, Q__MAX);

const char gr_audit_genesis[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void put(crypto_hash_sha256_state *st, const char *v)
{
    char len[24];

    if (!v) {
        crypto_hash_sha256_update(st, (const unsigned char *)"-,", 2);
        return;
    }
    snprintf(len, sizeof len, "%zu:", strlen(v));
    crypto_hash_sha256_update(st, (const unsigned char *)len, strlen(len));
    crypto_hash_sha256_update(st, (const unsigned char *)v, strlen(v));
    crypto_hash_sha256_update(st, (const unsigned char *)",", 1);
}

void gr_audit_hash(const gr_audit_entry *e, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char out[crypto_hash_sha256_BYTES];
    const char *const f[] = {
        "grantfair-audit-1", e->prev_id, e->prev_hash, e->at, e->user_id, e->object_type,
        e->object_id, e->action, e->from, e->to, e->reason, e->ip,
    };

    crypto_hash_sha256_init(&st);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        put(&st, f[i]);
    crypto_hash_sha256_final(&st, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
}

/* Appends inside the open transaction. */
static NEOERR *append(gf_req *r, const char *object, long long id, const char *action,
                      const char *from, const char *to, const char *reason)
{
    HDF *h;
    char user[24], oid[24], hash[65];
    gr_audit_entry e;
    long long affected = 0, new_id = 0;
    int found = 0;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if ((err = gf_db_row(Q[Q_HEAD], NOARGS, h, "Head", &found)))
        goto done;
    if (!found) {
        err = nerr_raise(NERR_ASSERT, "audit_head has no row (schema/008_staff.sql)");
        goto done;
    }
    /* a clock stepped back (NTP, another host) must not date this entry
     * before the last one: it takes the last one's time then */
    if (atoll(hdf_get_value(h, "Head.last_id", "0")) &&
        (err = gf_db_row(Q[Q_LAST_AT], ARGS(A_INT(atoll(hdf_get_value(h, "Head.last_id", "0")))),
                         h, "Last", NULL)))
        goto done;
    if (strcmp(hdf_get_value(h, "Last.at", ""), hdf_get_value(h, "Head.at", "")) > 0 &&
        (err = hdf_set_value(h, "Head.at", hdf_get_value(h, "Last.at", ""))))
        goto done;
    snprintf(user, sizeof user, "%lld", r ? r->user_id : 0);
    snprintf(oid, sizeof oid, "%lld", id);
    e = (gr_audit_entry){
        .prev_id = hdf_get_value(h, "Head.last_id", "0"),
        .prev_hash = hdf_get_value(h, "Head.hash", ""),
        .at = hdf_get_value(h, "Head.at", ""),
        .user_id = r && r->user_id ? user : NULL,
        .object_type = object, .object_id = oid, .action = action,
        .from = from, .to = to, .reason = reason, .ip = r ? r->ip : "",
    };
    gr_audit_hash(&e, hash);
    if ((err = gf_db_exec(Q[Q_ADD],
                          ARGS(A_STR(e.at), e.user_id ? A_INT(r->user_id) : A_NULL,
                               A_STR(object), A_INT(id), A_STR(action), A_STR(from), A_STR(to),
                               A_STR(reason), A_STR(e.ip), A_STR(e.prev_hash), A_STR(hash)),
                          NULL, &new_id)) ||
        (err = gf_db_exec(Q[Q_MOVE],
                          ARGS(A_INT(new_id), A_STR(hash), A_STR(e.prev_id), A_STR(e.prev_hash)),
                          &affected, NULL)))
        goto done;
    if (affected != 1)   /* the row is ours until commit: cannot happen */
        err = nerr_raise(NERR_ASSERT, "audit_head moved while locked");
done:
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* audit_log.from_state and to_state hold this many characters */
#define STATE_CHARS 40

/* A copy of s as the log stores it (*out NULL for NULL): valid UTF-8 —
 * a caller's "%.300s" may have cut a character anywhere — and at most
 * max characters (-1: all). */
static NEOERR *stored(const char *s, long max, char **out)
{
    *out = NULL;
    if (!s)
        return STATUS_OK;
    if (!(*out = strdup(s)))
        return nerr_raise(NERR_NOMEM, "audit value");
    gf_utf8_clean(*out, max);
    return STATUS_OK;
}

NEOERR *gr_audit(gf_req *r, const char *object, long long id, const char *action,
                 const char *from, const char *to, const char *reason)
{
    char *f = NULL, *t = NULL, *why = NULL;
    NEOERR *err;

    if ((err = stored(from, STATE_CHARS, &f)) || (err = stored(to, STATE_CHARS, &t)) ||
        (err = stored(reason, -1, &why)))
        goto done;
    if (gf_db_in_transaction())
        err = append(r, object, id, action, f, t, why);
    else if ((err = gf_db_begin()) || (err = append(r, object, id, action, f, t, why)) ||
             (err = gf_db_commit()))
        gf_db_rollback();
done:
    free(f);
    free(t);
    free(why);
    return nerr_pass(err);
}

void gr_audit_later(HDF *q, const char *object, long long id, const char *action,
                    const char *from, const char *to, const char *reason)
{
    int n = 0;

    for (HDF *e = hdf_get_child(q, "E"); e; e = hdf_obj_next(e))
        n++;
    gf_setf(q, "E.%d.object=%s", n, object);
    gf_setf(q, "E.%d.id=%lld", n, id);
    gf_setf(q, "E.%d.action=%s", n, action);
    if (from)
        gf_setf(q, "E.%d.from=%s", n, from);
    if (to)
        gf_setf(q, "E.%d.to=%s", n, to);
    if (reason)
        gf_setf(q, "E.%d.reason=%s", n, reason);
}

NEOERR *gr_audit_flush(gf_req *r, HDF *q)
{
    NEOERR *err = STATUS_OK;

    for (HDF *e = hdf_get_child(q, "E"); e && !err; e = hdf_obj_next(e))
        err = gr_audit(r, hdf_get_value(e, "object", ""), atoll(hdf_get_value(e, "id", "0")),
                       hdf_get_value(e, "action", ""), hdf_get_value(e, "from", NULL),
                       hdf_get_value(e, "to", NULL), hdf_get_value(e, "reason", NULL));
    if (!err)
        hdf_remove_tree(q, "E");
    return nerr_pass(err);
}

const gr_audit_name gr_audit_actions[] = {
    {"create", "Создание"},
    {"update", "Изменение"},
    {"submit", "Подача заявки"},
    {"withdraw", "Отзыв заявки"},
    {"admit", "Допуск к экспертизе"},
    {"return", "Возврат на доработку"},
    {"reject", "Отклонение"},
    {"resubmit", "Повторная подача"},
    {"stage", "Смена этапа конкурса"},
    {"extend", "Продление приёма заявок"},
    {"assign", "Назначение эксперта"},
    {"unassign", "Снятие эксперта"},
    {"declare", "Декларация об отсутствии конфликта интересов"},
    {"decline", "Отказ эксперта: конфликт интересов"},
    {"score", "Оценка эксперта"},
    {"scored", "Заявка оценена"},
    {"rescore", "Оценка заявки пересматривается"},
    {"marks", "Отметки секретаря"},
    {"decision", "Решение комиссии"},
    {"publish", "Публикация итогов"},
    {"win", "Победитель конкурса"},
    {"not_win", "Не прошла отбор"},
    {"role_grant", "Назначение роли"},
    {"role_revoke", "Снятие роли"},
    {"block", "Блокировка"},
    {"unblock", "Разблокировка"},
    {"settings", "Изменение настроек"},
    {"approve", "Одобрение"},
    {"unpublish", "Снятие с публикации"},
    {"delete", "Удаление"},
    {"photo_add", "Добавление фотографии"},
    {"handout_add", "Добавление раздаточного материала"},
    {"media_delete", "Удаление фотографии или материала"},
    {"answer", "Запрос отмечен отвеченным"},
    {"reopen", "Запрос снова ждёт ответа"},
    {NULL, NULL},
};

const gr_audit_name gr_audit_objects[] = {
    {"project", "Заявка"},
    {"competition", "Конкурс"},
    {"organization", "Организация"},
    {"user", "Пользователь"},
    {"assignment", "Назначение эксперта"},
    {"settings", "Настройки"},
    {"comment", "Комментарий"},
    {"event", "Мероприятие"},
    {"news", "Новость"},
    {"centre", "Ресурсный центр"},
    {"consultation", "Запрос на консультацию"},
    {NULL, NULL},
};

const char *gr_audit_title(const gr_audit_name *list, const char *name)
{
    for (; name && list->name; list++)
        if (!strcmp(list->name, name))
            return list->title;
    return NULL;
}
