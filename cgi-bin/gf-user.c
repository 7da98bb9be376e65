/*
 * gf-user — create accounts and set roles from the command line (used by
 * the demo data and by administrators after installing).
 *
 *   gf-user add EMAIL "FULL NAME" ROLE[,ROLE…]   password read from stdin
 *   gf-user roles EMAIL ROLE[,ROLE…]             replace the roles
 *   gf-user passwd EMAIL                         password read from stdin
 *
 * Roles: the names in grant/roles.c. Accounts made here are
 * confirmed. The password never appears on the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "grant.h"

enum { Q_ADD, Q_ID, Q_ROLES_CLEAR, Q_ROLE_ADD, Q_PASSWD, Q__MAX };
static const char *const Q[] = {
    [Q_ADD] =
        "INSERT INTO users (email, password_hash, name, created_at, confirmed_at)"
        " VALUES (?, ?, ?, NOW(), NOW())",
    [Q_ID] =
        "SELECT id FROM users WHERE email = ?",
    [Q_ROLES_CLEAR] =
        "DELETE FROM user_roles WHERE user_id = ?",
    [Q_ROLE_ADD] =
        "INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
    [Q_PASSWD] =
        "UPDATE users SET password_hash = ? WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

static int usage(void)
{
    fprintf(stderr, "usage: gf-user add EMAIL NAME ROLES | roles EMAIL ROLES | passwd EMAIL\n"
                    "roles: comma-separated of applicant,expert,staff,secretary,admin\n");
    return 2;
}

static int read_password(char hash[128])
{
    char pw[256];
    size_t n;

    if (!fgets(pw, sizeof pw, stdin)) {
        fprintf(stderr, "gf-user: no password on stdin\n");
        return 0;
    }
    n = strcspn(pw, "\r\n");
    pw[n] = '\0';
    if (gf_utf8_len(pw) < 12) {
        fprintf(stderr, "gf-user: the password must have at least 12 characters\n");
        return 0;
    }
    if (!gf_password_hash(pw, hash)) {
        fprintf(stderr, "gf-user: password hashing failed (out of memory?)\n");
        return 0;
    }
    sodium_memzero(pw, sizeof pw);
    return 1;
}

static NEOERR *user_id(const char *email, long long *id)
{
    HDF *row;
    int found = 0;
    NEOERR *err = hdf_init(&row);

    if (!err)
        err = gf_db_row(Q[Q_ID], ARGS(A_STR(email)), row, NULL, &found);
    *id = found ? atoll(hdf_get_value(row, "id", "0")) : 0;
    hdf_destroy(&row);
    return nerr_pass(err);
}

static NEOERR *set_roles(long long id, const char *list, int *bad)
{
    char *copy = strdup(list), *tok, *save = NULL;
    NEOERR *err = gf_db_exec(Q[Q_ROLES_CLEAR], ARGS(A_INT(id)), NULL, NULL);

    *bad = 0;
    for (tok = strtok_r(copy, ",", &save); !err && tok; tok = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; gr_role_names[i]; i++)
            if (!strcmp(tok, gr_role_names[i]))
                break;
        if (!gr_role_names[i]) {
            fprintf(stderr, "gf-user: unknown role %s\n", tok);
            *bad = 1;
            break;
        }
        err = gf_db_exec(Q[Q_ROLE_ADD], ARGS(A_INT(id), A_STR(gr_role_names[i])), NULL, NULL);
    }
    free(copy);
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    NEOERR *err;
    char hash[128], id8[9];
    long long id = 0;
    int bad = 0;

    gf_prog_name = "gf-user";
    if (argc < 3)
        return usage();
    if (sodium_init() < 0 || (err = gf_errors_init()) || (err = gf_config_load()) ||
        (err = gf_db_open(GF_DB_WRITE))) {
        if (err)
            gf_log_error(&err, id8);
        return 1;
    }
    argv[2] = gf_email_norm(argv[2]);   /* its one form, as registration keeps it */
    if (!gf_valid_email(argv[2])) {
        fprintf(stderr, "gf-user: not an email address: %s\n", argv[2]);
        return 2;
    }
    if (!strcmp(argv[1], "add") && argc == 5) {
        if (!read_password(hash))
            return 1;
        if (!(err = gf_db_begin()) &&
            !(err = gf_db_exec(Q[Q_ADD], ARGS(A_STR(argv[2]), A_STR(hash), A_STR(argv[3])),
                               NULL, &id)) &&
            !(err = set_roles(id, argv[4], &bad)) && !bad)
            err = gf_db_commit();
        if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
            gf_db_rollback();
            fprintf(stderr, "gf-user: %s already exists\n", argv[2]);
            return 1;
        }
    } else if (!strcmp(argv[1], "roles") && argc == 4) {
        if (!(err = user_id(argv[2], &id)) && id &&
            !(err = gf_db_begin()) && !(err = set_roles(id, argv[3], &bad)) && !bad)
            err = gf_db_commit();
    } else if (!strcmp(argv[1], "passwd") && argc == 3) {
        if (!read_password(hash))
            return 1;
        if (!(err = user_id(argv[2], &id)) && id)
            err = gf_db_exec(Q[Q_PASSWD], ARGS(A_STR(hash), A_INT(id)), NULL, NULL);
    } else {
        return usage();
    }
    if (err) {
        gf_db_rollback();
        gf_log_error(&err, id8);
        fprintf(stderr, "gf-user: failed (error id %s)\n", id8);
        return 1;
    }
    if (bad) {
        gf_db_rollback();
        return 2;
    }
    if (!id) {
        fprintf(stderr, "gf-user: no user %s\n", argv[2]);
        return 1;
    }
    printf("%lld\n", id);
    gf_db_close();
    return 0;
}
