/* audit.c — the append-only audit log: who did what to which object, from
 * which state to which, and why. The application account may only INSERT
 * into audit_log (schema/migrate.sh). */
#include "grant.h"

enum { Q_ADD, Q__MAX };
static const char *const Q[] = {
    [Q_ADD] = "INSERT INTO audit_log (at, user_id, object_type, object_id, action, from_state,"
              " to_state, reason, ip) VALUES (NOW(), ?, ?, ?, ?, ?, ?, ?, ?)",
};
GF_STATEMENTS(Q, Q__MAX);

NEOERR *gr_audit(gf_req *r, const char *object, long long id, const char *action,
                 const char *from, const char *to, const char *reason)
{
    return nerr_pass(gf_db_exec(Q[Q_ADD], ARGS(r->user_id ? A_INT(r->user_id) : A_NULL,
                                               A_STR(object), A_INT(id), A_STR(action),
                                               A_STR(from), A_STR(to), A_STR(reason),
                                               A_STR(r->ip)), NULL, NULL));
}
