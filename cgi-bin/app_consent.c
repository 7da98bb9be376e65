/*
 * app_consent — "/applications/<id>/consent": the consents: personal data (152-FZ) and publication on the exhibition.
 * Saved as a draft on every submit, valid or not (lib/app.c); the fields
 * and rules are in lib/sections.c, the page in templates/app_consent.cs.
 */
#include "gf.h"

static NEOERR *handle(gf_req *r)
{
    return nerr_pass(gf_section_page(r, "consent"));
}

int main(int argc, char **argv)
{
    static const gf_program prog = {.name = "app_consent", .db = GF_DB_WRITE, .handle = handle};
    return gf_run(argc, argv, &prog);
}
