/*
 * logout — "/logout": GET shows a button, POST (with the CSRF token) ends
 * the session and returns to the home page.
 */
#include <string.h>
#include "grant.h"

static NEOERR *show(gf_req *r)
{
    if (!r->user_id) {
        gf_redirect(r, "/");
        return STATUS_OK;
    }
    gf_set(r->hdf, "Page.Title", "Выход");
    r->page = "logout.cs";
    return STATUS_OK;
}

static NEOERR *sign_out(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_session_logout(r)))
        return nerr_pass(err);
    gf_redirect(r, "/");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/logout", show, sign_out, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "logout", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
