/*
 * app_team — "/applications/<id>/team": the project team: members with their role and experience.
 * Saved as a draft on every submit, valid or not (lib/app.c); the fields
 * and rules are in lib/sections.c, the page in templates/app_team.cs.
 */
#include "gf.h"

static NEOERR *handle(gf_req *r)
{
    return nerr_pass(gf_section_page(r, "team"));
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "app_team", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
