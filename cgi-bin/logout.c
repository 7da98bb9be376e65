/*
 * logout — "/logout": GET shows a button, POST (with the CSRF token) ends
 * the session and returns to the home page.
 */
#include <string.h>
#include "gf.h"

static NEOERR *handle(gf_req *r)
{
    NEOERR *err;

    if (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) {
        if (!r->user_id) {
            gf_redirect(r, "/");
            return STATUS_OK;
        }
        hdf_set_value(r->hdf, "Page.Title", "Выход");
        r->page = "logout.cs";
        return STATUS_OK;
    }
    if ((err = gf_require_post_csrf(r)) || (err = gf_session_logout(r)))
        return nerr_pass(err);
    gf_redirect(r, "/");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "logout", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
