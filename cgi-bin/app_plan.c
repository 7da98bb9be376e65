/*
 * app_plan — "/applications/<id>/plan": the calendar plan: events tied to the project's tasks, inside its dates.
 * Saved as a draft on every submit, valid or not (lib/app.c); the fields
 * and rules are in lib/sections.c, the page in templates/app_plan.cs.
 */
#include "gf.h"

static NEOERR *handle(gf_req *r)
{
    return nerr_pass(gf_section_page(r, "plan"));
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "app_plan", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
