/*
 * app_card — "/applications/<id>/card": the project card: title, direction, municipality, dates, summary, problem, target groups, goal, tasks, quantitative and qualitative results, geography.
 * Saved as a draft on every submit, valid or not (lib/app.c); the fields
 * and rules are in lib/sections.c, the page in templates/app_card.cs.
 */
#include "gf.h"

static NEOERR *handle(gf_req *r)
{
    return nerr_pass(gf_section_page(r, "card"));
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "app_card", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
