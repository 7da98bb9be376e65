/*
 * logout — "/logout": GET shows a button, POST (with the CSRF token) ends
 * the session and returns to the home page.
 */
#include <string.h>
#include "grant.h"

static NEOERR *handle(gf_req *r)
{
    NEOERR *err;

    if (strcmp(r->method, "POST")) {
        if (!r->user_id) {
            gf_redirect(r, "/");
            return STATUS_OK;
        }
        gf_set(r->hdf, "Page.Title", "Выход");
        r->page = "logout.cs";
        return STATUS_OK;
    }
    if ((err = gf_session_logout(r)))
        return nerr_pass(err);
    gf_redirect(r, "/");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/logout", GF_GET | GF_POST, handle, 0}, {NULL, 0, NULL, 0}};
    static const gf_program prog = {.name = "logout", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
