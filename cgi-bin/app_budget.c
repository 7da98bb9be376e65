/*
 * app_budget — "/applications/<id>/budget": the budget: lines by category, quantity × unit price, co-financing; totals computed here and checked against the competition's limits.
 * Saved as a draft on every submit, valid or not (lib/app.c); the fields
 * and rules are in lib/sections.c, the page in templates/app_budget.cs.
 */
#include "gf.h"

static NEOERR *handle(gf_req *r)
{
    return nerr_pass(gf_section_page(r, "budget"));
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "app_budget", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
