/*
 * gf-audit — the audit chain (grant/audit.c says how it is made) from the
 * command line.
 *
 *   gf-audit verify   walks the whole log in id order, in batches (memory
 *                     stays flat at millions of entries), within one
 *                     consistent snapshot; prints "audit: N entries, chain
 *                     intact" (exit 0), or the first broken entry — its id
 *                     and what differs — (exit 1). Broken: an entry without
 *                     a hash, a prev_hash that is not the hash of the entry
 *                     before it (one removed, slipped in or moved), a hash
 *                     its fields do not give (altered), or audit_head not
 *                     naming the last entry (entries at the end removed).
 *   gf-audit seal     chains, once, the entries written before the chain
 *                     existed (hash NULL, an install older than
 *                     schema/008_staff.sql): every entry in id order, when
 *                     the chain is still empty. conf/stack.sh runs it after
 *                     the migrations; after an upgrade run it before the
 *                     programs start (it holds the chain's head meanwhile).
 *                     Entries without a hash after the chain has begun are
 *                     not sealed: they were written around gr_audit, and
 *                     verify reports them. Running it again does nothing.
 *
 * Configuration: $GF_CONFIG or conf/grantfair.hdf, as the programs. verify
 * reads as DB.Read (SELECT only). seal writes hashes into rows that exist,
 * which the programs' account may not (it only appends), so it connects as
 * the database's administrator, as schema/migrate.sh does: DB.Admin.User
 * (default root) with DB.Admin.Password (default none: the unix socket's
 * own authentication). Exit status: 0 done, 1 broken or failed, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "grant.h"

enum {
    Q_ROWS, Q_HEAD, Q_HEAD_LOCK, Q_FIRST_CHAINED, Q_UNSEALED_BEFORE, Q_SEAL, Q_MOVE, Q__MAX
};
static const char *const Q[] = {
    [Q_ROWS] =
        "SELECT id, at, user_id, object_type, object_id, action, from_state, to_state,"
        " reason, ip, prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000",
    [Q_HEAD] =
        "SELECT last_id, hash FROM audit_head WHERE id = 1",
    [Q_HEAD_LOCK] =
        "SELECT last_id, hash FROM audit_head WHERE id = 1 FOR UPDATE",
    [Q_FIRST_CHAINED] =
        "SELECT id FROM audit_log WHERE hash IS NOT NULL ORDER BY id LIMIT 1",
    [Q_UNSEALED_BEFORE] =
        "SELECT COUNT(*) AS n FROM audit_log WHERE id < ? AND hash IS NULL",
    [Q_SEAL] =
        "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ? AND hash IS NULL",
    [Q_MOVE] =
        "UPDATE audit_head SET last_id = ?, hash = ? WHERE id = 1",
};
GF_STATEMENTS(Q, Q__MAX);

/* Where a walk along the chain stands: the last entry passed. */
typedef struct {
    char id[24], hash[65], at[24];
    long long n;
} chain_pos;

/* The entry in row (a row of Q_ROWS) chained after pos, and its hash. */
static void hash_row(HDF *row, const chain_pos *pos, char hash[65])
{
    gr_audit_entry e = {
        .prev_id = pos->id, .prev_hash = pos->hash,
        .at = hdf_get_value(row, "at", NULL), .user_id = hdf_get_value(row, "user_id", NULL),
        .object_type = hdf_get_value(row, "object_type", NULL),
        .object_id = hdf_get_value(row, "object_id", NULL),
        .action = hdf_get_value(row, "action", NULL),
        .from = hdf_get_value(row, "from_state", NULL),
        .to = hdf_get_value(row, "to_state", NULL),
        .reason = hdf_get_value(row, "reason", NULL), .ip = hdf_get_value(row, "ip", NULL),
    };
    gr_audit_hash(&e, hash);
}

static void advance(chain_pos *pos, HDF *row, const char *id, const char *hash)
{
    snprintf(pos->id, sizeof pos->id, "%s", id);
    snprintf(pos->hash, sizeof pos->hash, "%s", hash);
    snprintf(pos->at, sizeof pos->at, "%s", hdf_get_value(row, "at", ""));
    pos->n++;
}

/* Checks one entry against pos; "" when it holds, else what differs. */
static void check_row(HDF *row, const chain_pos *pos, char *why, size_t n)
{
    const char *stored = hdf_get_value(row, "hash", NULL);
    const char *prev = hdf_get_value(row, "prev_hash", NULL);
    char hash[65];

    why[0] = '\0';
    if (!stored) {
        snprintf(why, n, "it has no hash: it was written around gr_audit, or before the "
                         "chain and never sealed (gf-audit seal)");
        return;
    }
    if (!prev || strcmp(prev, pos->hash)) {
        snprintf(why, n, "its prev_hash %.16s… is not the hash %.16s… of the entry before it "
                         "(id %s): an entry between them was removed, or this one was slipped "
                         "in or moved", prev ? prev : "NULL", pos->hash, pos->id);
        return;
    }
    /* gr_audit dates an entry after locking the head, so time never goes
     * back along the chain: an entry dated before the one before it was
     * written around gr_audit (backdated), even with a hash that fits */
    if (pos->n && strcmp(hdf_get_value(row, "at", ""), pos->at) < 0) {
        snprintf(why, n, "it is dated %s, before the entry before it (id %s, %s): it was "
                         "backdated or slipped in", hdf_get_value(row, "at", ""), pos->id, pos->at);
        return;
    }
    hash_row(row, pos, hash);
    if (strcmp(hash, stored))
        snprintf(why, n, "its fields give the hash %.16s…, not the stored %.16s…: the entry "
                         "was altered (or the id of the entry before it, %s, was changed)",
                 hash, stored, pos->id);
}

static NEOERR *verify(int *broken)
{
    HDF *h = NULL;
    chain_pos pos = {"0", "", "", 0};
    char why[400];
    int n;
    NEOERR *err;

    snprintf(pos.hash, sizeof pos.hash, "%s", gr_audit_genesis);
    *broken = 0;
    /* one snapshot (REPEATABLE READ) for the head and every batch */
    if ((err = gf_db_begin()))
        return nerr_pass(err);
    do {
        if ((err = hdf_init(&h)) ||
            (err = gf_db_rows(Q[Q_ROWS], ARGS(A_STR(pos.id)), h, "R", &n)))
            break;
        for (HDF *row = hdf_get_child(h, "R"); row; row = hdf_obj_next(row)) {
            const char *id = hdf_get_value(row, "id", "?");
            check_row(row, &pos, why, sizeof why);
            if (why[0]) {
                printf("audit: entry %s is broken: %s\n", id, why);
                printf("audit: the %lld entries before it are intact\n", pos.n);
                *broken = 1;
                goto done;
            }
            advance(&pos, row, id, hdf_get_value(row, "hash", ""));
        }
        hdf_destroy(&h);
    } while (n);
    if (err)
        goto done;
    if ((err = hdf_init(&h)) || (err = gf_db_row(Q[Q_HEAD], NOARGS, h, "Head", NULL)))
        goto done;
    if (strcmp(hdf_get_value(h, "Head.last_id", ""), pos.id) ||
        strcmp(hdf_get_value(h, "Head.hash", ""), pos.hash)) {
        printf("audit: the chain's end is broken: audit_head names entry %s (hash %.16s…) but the "
               "last entry is %s (hash %.16s…): entries at the end were removed, or the head "
               "was changed\n", hdf_get_value(h, "Head.last_id", "(none)"),
               hdf_get_value(h, "Head.hash", ""), pos.id, pos.hash);
        *broken = 1;
        goto done;
    }
    printf("audit: %lld entries, chain intact\n", pos.n);
done:
    hdf_destroy(&h);
    gf_db_rollback();
    return nerr_pass(err);
}

/* Chains every entry, in id order, onto an empty chain; one transaction. */
static NEOERR *seal_all(long long *sealed)
{
    HDF *h = NULL;
    chain_pos pos = {"0", "", "", 0};
    int n;
    NEOERR *err = STATUS_OK;

    snprintf(pos.hash, sizeof pos.hash, "%s", gr_audit_genesis);
    do {
        if ((err = hdf_init(&h)) ||
            (err = gf_db_rows(Q[Q_ROWS], ARGS(A_STR(pos.id)), h, "R", &n)))
            break;
        for (HDF *row = hdf_get_child(h, "R"); row && !err; row = hdf_obj_next(row)) {
            const char *id = hdf_get_value(row, "id", "0");
            char hash[65];
            long long affected = 0;
            hash_row(row, &pos, hash);
            if ((err = gf_db_exec(Q[Q_SEAL], ARGS(A_STR(pos.hash), A_STR(hash), A_STR(id)),
                                  &affected, NULL)))
                break;
            if (affected != 1)
                err = nerr_raise(NERR_ASSERT, "entry %s changed while being sealed", id);
            advance(&pos, row, id, hash);
        }
        hdf_destroy(&h);
    } while (!err && n);
    if (!err && pos.n)
        err = gf_db_exec(Q[Q_MOVE], ARGS(A_STR(pos.id), A_STR(pos.hash)), NULL, NULL);
    hdf_destroy(&h);
    *sealed = pos.n;
    return nerr_pass(err);
}

static NEOERR *seal(int *refused)
{
    HDF *h;
    long long sealed = 0;
    int chained = 0;
    NEOERR *err;

    *refused = 0;
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if ((err = gf_db_begin()) || (err = gf_db_row(Q[Q_HEAD_LOCK], NOARGS, h, "Head", NULL)) ||
        (err = gf_db_row(Q[Q_FIRST_CHAINED], NOARGS, h, "First", &chained)))
        goto done;
    if (!strcmp(hdf_get_value(h, "Head.last_id", "0"), "0")) {
        if (chained) {   /* an empty head before chained entries: someone reset it */
            printf("audit: not sealing: audit_head stands at the start but entry %s is chained; "
                   "gf-audit verify shows where the chain breaks\n",
                   hdf_get_value(h, "First.id", "?"));
            *refused = 1;
            goto done;
        }
        if ((err = seal_all(&sealed)) || (err = gf_db_commit()))
            goto done;
        printf(sealed ? "audit: %lld entries sealed\n" : "audit: nothing to seal\n", sealed);
        goto done;
    }
    /* the chain has begun: older entries without a hash cannot join it now */
    if ((err = gf_db_row(Q[Q_UNSEALED_BEFORE], ARGS(A_STR(hdf_get_value(h, "First.id", "0"))),
                         h, "Before", NULL)))
        goto done;
    if (strcmp(hdf_get_value(h, "Before.n", "0"), "0"))
        printf("audit: %s entries before the chain's first entry (%s) were never sealed (the "
               "programs wrote to the chain before gf-audit seal ran); gf-audit verify reports "
               "them\n", hdf_get_value(h, "Before.n", "0"), hdf_get_value(h, "First.id", "?"));
    else
        printf("audit: nothing to seal\n");
done:
    gf_db_rollback();
    hdf_destroy(&h);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    NEOERR *err;
    char id[9];
    int bad = 0, is_seal = argc == 2 && !strcmp(argv[1], "seal");

    gf_prog_name = "gf-audit";
    if (argc != 2 || (!is_seal && strcmp(argv[1], "verify"))) {
        fprintf(stderr, "usage: gf-audit verify | seal\n");
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    if ((err = gf_errors_init()) || (err = gf_config_load()))
        goto fail;
    if (is_seal) {
        /* the administrator's account, under the name the kit connects with */
        gf_set(gf_conf, "DB.Write.User", gf_cfg("DB.Admin.User", "root"));
        gf_set(gf_conf, "DB.Write.Password", gf_cfg("DB.Admin.Password", ""));
    }
    if ((err = gf_db_open(is_seal ? GF_DB_WRITE : GF_DB_READ)) ||
        (err = is_seal ? seal(&bad) : verify(&bad)))
        goto fail;
    gf_db_close();
    hdf_destroy(&gf_conf);
    return bad ? 1 : 0;
fail:
    gf_log_error(&err, id);
    fprintf(stderr, "gf-audit: failed (error id %s, see the log line above)\n", id);
    gf_db_close();
    hdf_destroy(&gf_conf);
    return 1;
}
