/*
 * db.c — the process's one MariaDB connection and its prepared statements.
 *
 * Statements are identified by the address of their SQL text (each program
 * keeps its SQL in one static table), prepared on first use and kept for
 * the life of the connection. A connection error outside a transaction
 * reconnects and retries the statement once; inside a transaction the work
 * is lost, so the caller gets GF_ERR_UNAVAILABLE ("try again") and the next
 * request starts on a fresh connection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysql.h>
#include <errmsg.h>
#include <time.h>
#include "gf.h"

#define MAX_STMTS 96
#define SMALL 512

static MYSQL *conn;
static enum gf_db_access conn_access = GF_DB_NONE;
static int in_tx;
static int tx_lost;      /* the connection died inside a transaction */
static struct { const char *sql; MYSQL_STMT *st; } cache[MAX_STMTS];
static int ncache;

static void drop_connection(void)
{
    for (int i = 0; i < ncache; i++)
        mysql_stmt_close(cache[i].st);
    ncache = 0;
    if (conn)
        mysql_close(conn);
    conn = NULL;
    tx_lost = in_tx;
    in_tx = 0;
}

static int is_conn_error(unsigned e)
{
    return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
           e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
           e == 2055 /* lost at 'reading…' */ || e == 1927 /* killed */ ||
           e == 4031 /* idle timeout */ || e == 1053 /* shutdown */ ||
           e == CR_COMMANDS_OUT_OF_SYNC;
}

static NEOERR *connect_db(void)
{
    const char *who = conn_access == GF_DB_WRITE ? "DB.Write" : "DB.Read";
    char key[64];
    const char *user, *pass;
    unsigned int connect_to = (unsigned)gf_cfg_int("DB.ConnectTimeout", 3);
    unsigned int rw_to = (unsigned)gf_cfg_int("DB.ReadTimeout", 30);

    snprintf(key, sizeof key, "%s.User", who);
    user = gf_cfg(key, NULL);
    snprintf(key, sizeof key, "%s.Password", who);
    pass = gf_cfg(key, "");
    if (!user)
        return nerr_raise(NERR_ASSERT, "config: %s.User is not set", who);

    conn = mysql_init(NULL);
    if (!conn)
        return nerr_raise(NERR_NOMEM, "mysql_init");
    mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_to);
    mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &rw_to);
    mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &rw_to);
    mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(conn, MYSQL_INIT_COMMAND,
                  "SET SESSION sql_mode='STRICT_ALL_TABLES,NO_ZERO_DATE,"
                  "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
                  "NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY',"
                  " time_zone='+00:00'");
    if (!mysql_real_connect(conn, gf_cfg("DB.Host", NULL), user, pass,
                            gf_cfg("DB.Name", "grantfair"),
                            (unsigned)gf_cfg_int("DB.Port", 0),
                            gf_cfg("DB.Socket", NULL), 0)) {
        unsigned e = mysql_errno(conn);
        gf_log("warn", "database connect failed: %u %s", e, mysql_error(conn));
        mysql_close(conn);
        conn = NULL;
        return nerr_raise(GF_ERR_UNAVAILABLE, "database connect failed (%u)", e);
    }
    return STATUS_OK;
}

NEOERR *gf_db_open(enum gf_db_access access)
{
    conn_access = access;
    /* A server that is down at start is not fatal: requests will retry. */
    if (access != GF_DB_NONE && !conn) {
        NEOERR *err = connect_db();
        if (nerr_handle(&err, GF_ERR_UNAVAILABLE))
            return STATUS_OK;
        return nerr_pass(err);
    }
    return STATUS_OK;
}

void gf_db_close(void)
{
    drop_connection();
}

static NEOERR *db_error(MYSQL_STMT *st, const char *sql)
{
    unsigned e = st ? mysql_stmt_errno(st) : mysql_errno(conn);
    const char *msg = st ? mysql_stmt_error(st) : mysql_error(conn);

    if (e == 1062)
        return nerr_raise(GF_ERR_DUPLICATE, "duplicate key: %s", msg);
    /* a deadlock (1213: InnoDB rolled the transaction back) or a lock held
     * too long by another request (1205): nothing was written, pressing the
     * button again works — the "try again" page, not an error id */
    if (e == 1213 || e == 1205)
        return nerr_raise(GF_ERR_UNAVAILABLE, "lock conflict (%u): %s", e, msg);
    if (is_conn_error(e)) {
        drop_connection();
        return nerr_raise(GF_ERR_UNAVAILABLE, "database connection lost (%u)", e);
    }
    return nerr_raise(NERR_DB, "mysql error %u: %s in [%.80s]", e, msg, sql);
}

static NEOERR *get_stmt(const char *sql, MYSQL_STMT **out)
{
    MYSQL_STMT *st;

    if (!sql)
        return nerr_raise(NERR_ASSERT, "no SQL: a gap in a statement table");
    for (int i = 0; i < ncache; i++)
        if (cache[i].sql == sql) {
            *out = cache[i].st;
            return STATUS_OK;
        }
    if (ncache == MAX_STMTS)
        return nerr_raise(NERR_ASSERT, "too many distinct statements");
    st = mysql_stmt_init(conn);
    if (!st)
        return nerr_raise(NERR_NOMEM, "mysql_stmt_init");
    if (mysql_stmt_prepare(st, sql, strlen(sql))) {
        NEOERR *err = db_error(st, sql);
        mysql_stmt_close(st);
        return err;
    }
    cache[ncache].sql = sql;
    cache[ncache].st = st;
    ncache++;
    *out = st;
    return STATUS_OK;
}

/* The parameter binds are read again by mysql_stmt_execute, so they must
 * outlive bind_args: one set per process (one request at a time). */
static MYSQL_BIND b[32];
static unsigned long lens[32];

static NEOERR *bind_args(MYSQL_STMT *st, const gf_arg *args, const char *sql)
{
    unsigned n = 0;

    memset(b, 0, sizeof b);
    for (; args && args[n].t != GF_T_END; n++) {
        if (n == 32)
            return nerr_raise(NERR_ASSERT, "too many parameters");
        switch (args[n].t) {
        case GF_T_INT:
            b[n].buffer_type = MYSQL_TYPE_LONGLONG;
            b[n].buffer = (void *)&args[n].i;
            break;
        case GF_T_STR:
            if (!args[n].s) {
                b[n].buffer_type = MYSQL_TYPE_NULL;
                break;
            }
            lens[n] = strlen(args[n].s);
            b[n].buffer_type = MYSQL_TYPE_STRING;
            b[n].buffer = (void *)args[n].s;
            b[n].buffer_length = lens[n];
            b[n].length = &lens[n];
            break;
        default:
            b[n].buffer_type = MYSQL_TYPE_NULL;
        }
    }
    if (n != mysql_stmt_param_count(st))
        return nerr_raise(NERR_ASSERT, "%u parameters given, %lu expected: %.80s",
                          n, mysql_stmt_param_count(st), sql);
    if (n && mysql_stmt_bind_param(st, b))
        return db_error(st, sql);
    return STATUS_OK;
}

/* Prepares (or finds), binds and executes, reconnecting once when allowed. */
static NEOERR *execute(const char *sql, const gf_arg *args, MYSQL_STMT **out)
{
    for (int attempt = 0;; attempt++) {
        MYSQL_STMT *st = NULL;
        NEOERR *err = STATUS_OK;
        int was_tx = in_tx;

        if (!conn && (err = connect_db()))
            return nerr_pass(err);
        if (!(err = get_stmt(sql, &st)) && !(err = bind_args(st, args, sql))) {
            if (!mysql_stmt_execute(st)) {
                *out = st;
                return STATUS_OK;
            }
            err = db_error(st, sql);
        }
        if (attempt == 0 && !was_tx && nerr_match(err, GF_ERR_UNAVAILABLE) &&
            conn == NULL) {
            nerr_ignore(&err);
            continue;
        }
        return nerr_pass(err);
    }
}

struct col { char small[SMALL]; unsigned long len; my_bool isnull, error; };

static NEOERR *fetch(MYSQL_STMT *st, const char *sql, HDF *dst,
                     const char *prefix, int single, int *n)
{
    NEOERR *err = STATUS_OK;
    MYSQL_RES *meta = mysql_stmt_result_metadata(st);
    MYSQL_FIELD *f;
    MYSQL_BIND *b;
    struct col *c;
    unsigned nf;
    int rows = 0, rc;

    if (!meta)
        return nerr_raise(NERR_ASSERT, "not a SELECT: %.80s", sql);
    nf = mysql_num_fields(meta);
    f = mysql_fetch_fields(meta);
    b = calloc(nf, sizeof *b);
    c = calloc(nf, sizeof *c);
    if (!b || !c) {
        free(b);
        free(c);
        mysql_free_result(meta);
        return nerr_raise(NERR_NOMEM, "result buffers");
    }
    for (unsigned i = 0; i < nf; i++) {
        b[i].buffer_type = MYSQL_TYPE_STRING;
        b[i].buffer = c[i].small;
        b[i].buffer_length = SMALL;
        b[i].length = &c[i].len;
        b[i].is_null = &c[i].isnull;
        b[i].error = &c[i].error;
    }
    if (mysql_stmt_bind_result(st, b))
        err = db_error(st, sql);
    while (!err && ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED)) {
        HDF *row = dst;
        char name[256];

        if (single && rows > 0) {
            rows++;
            continue;   /* drain: a second row is ignored */
        }
        if (single)
            snprintf(name, sizeof name, "%s", prefix ? prefix : "");
        else
            snprintf(name, sizeof name, "%s%s%d", prefix ? prefix : "",
                     prefix && *prefix ? "." : "", rows);
        if (name[0] && (err = hdf_get_node(dst, name, &row)))
            break;
        for (unsigned i = 0; i < nf && !err; i++) {
            if (c[i].isnull)
                continue;
            if (c[i].len < SMALL) {
                c[i].small[c[i].len] = '\0';
                err = hdf_set_value(row, f[i].name, c[i].small);
            } else {
                char *big = malloc(c[i].len + 1);
                MYSQL_BIND bb;
                unsigned long blen = 0;
                if (!big) {
                    err = nerr_raise(NERR_NOMEM, "column of %lu bytes", c[i].len);
                    break;
                }
                memset(&bb, 0, sizeof bb);
                bb.buffer_type = MYSQL_TYPE_STRING;
                bb.buffer = big;
                bb.buffer_length = c[i].len + 1;
                bb.length = &blen;
                if (mysql_stmt_fetch_column(st, &bb, i, 0)) {
                    free(big);
                    err = db_error(st, sql);
                    break;
                }
                big[c[i].len] = '\0';
                err = hdf_set_buf(row, f[i].name, big);   /* HDF owns big */
            }
        }
        rows++;
    }
    if (!err && rc == 1)
        err = db_error(st, sql);
    if (conn)
        mysql_stmt_free_result(st);
    mysql_free_result(meta);
    free(b);
    free(c);
    if (n)
        *n = single ? (rows > 0) : rows;
    return nerr_pass(err);
}

NEOERR *gf_db_rows(const char *sql, const gf_arg *args, HDF *dst,
                   const char *prefix, int *n)
{
    MYSQL_STMT *st;
    NEOERR *err = execute(sql, args, &st);

    if (n)
        *n = 0;
    if (err)
        return nerr_pass(err);
    return nerr_pass(fetch(st, sql, dst, prefix, 0, n));
}

NEOERR *gf_db_row(const char *sql, const gf_arg *args, HDF *dst,
                  const char *prefix, int *found)
{
    MYSQL_STMT *st;
    NEOERR *err = execute(sql, args, &st);

    if (found)
        *found = 0;
    if (err)
        return nerr_pass(err);
    return nerr_pass(fetch(st, sql, dst, prefix, 1, found));
}

NEOERR *gf_db_exec(const char *sql, const gf_arg *args,
                   long long *affected, long long *insert_id)
{
    MYSQL_STMT *st;
    NEOERR *err = execute(sql, args, &st);

    if (err)
        return nerr_pass(err);
    if (affected)
        *affected = (long long)mysql_stmt_affected_rows(st);
    if (insert_id)
        *insert_id = (long long)mysql_stmt_insert_id(st);
    return STATUS_OK;
}

NEOERR *gf_db_begin(void)
{
    NEOERR *err;

    if (!conn && (err = connect_db()))
        return nerr_pass(err);
    if (mysql_autocommit(conn, 0)) {
        /* a dead idle connection: one fresh try before any work was done */
        drop_connection();
        if ((err = connect_db()))
            return nerr_pass(err);
        if (mysql_autocommit(conn, 0))
            return db_error(NULL, "BEGIN");
    }
    in_tx = 1;
    tx_lost = 0;
    return STATUS_OK;
}

NEOERR *gf_db_commit(void)
{
    if (!in_tx && tx_lost)
        return nerr_raise(GF_ERR_UNAVAILABLE, "connection lost inside the transaction");
    if (!in_tx || !conn)      /* a programming error, not an outage: 500 */
        return nerr_raise(NERR_ASSERT, "commit without a transaction");
    if (mysql_commit(conn))
        return db_error(NULL, "COMMIT");
    in_tx = 0;
    mysql_autocommit(conn, 1);
    return STATUS_OK;
}

void gf_db_rollback(void)
{
    if (conn && in_tx) {
        mysql_rollback(conn);
        mysql_autocommit(conn, 1);
    }
    in_tx = 0;
    tx_lost = 0;
}

int gf_db_in_transaction(void)
{
    return in_tx;
}

/* Small public lists (reference data for filters and forms) are read
 * once per ttl seconds per process. */
static struct { const char *sql; HDF *data; time_t at; unsigned gen; } lists[16];
static int nlists;
static unsigned lists_gen;

static void lists_free(void)
{
    for (int i = 0; i < nlists; i++)
        hdf_destroy(&lists[i].data);
    nlists = 0;
}

NEOERR *gf_db_rows_cached_ref(const char *sql, int ttl, HDF **rows, unsigned *gen)
{
    time_t now = time(NULL);
    HDF *h = NULL;
    NEOERR *err;
    int i;

    for (i = 0; i < nlists && lists[i].sql != sql; i++)
        ;
    if (i == nlists || now - lists[i].at >= ttl) {
        if ((err = hdf_init(&h)))
            return nerr_pass(err);
        if ((err = gf_db_rows(sql, NOARGS, h, "R", NULL))) {
            hdf_destroy(&h);
            return nerr_pass(err);
        }
        if (i == nlists) {
            if (nlists == (int)(sizeof lists / sizeof lists[0])) {
                hdf_destroy(&h);
                return nerr_raise(NERR_ASSERT, "too many cached lists");
            }
            if (!nlists)
                atexit(lists_free);   /* leak checks stay clean */
            nlists++;
            lists[i].sql = sql;
        } else {
            hdf_destroy(&lists[i].data);
        }
        lists[i].data = h;
        lists[i].at = now;
        lists[i].gen = ++lists_gen;
    }
    *rows = hdf_get_obj(lists[i].data, "R");
    if (gen)
        *gen = lists[i].gen;
    return STATUS_OK;
}

NEOERR *gf_db_rows_cached(const char *sql, int ttl, HDF *dst, const char *prefix)
{
    HDF *rows;
    NEOERR *err = gf_db_rows_cached_ref(sql, ttl, &rows, NULL);

    if (err)
        return nerr_pass(err);
    return rows ? nerr_pass(hdf_copy(dst, prefix, rows)) : STATUS_OK;
}
