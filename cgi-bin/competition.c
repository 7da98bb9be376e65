/*
 * competition — "/competitions/<id>": one competition for the public: its
 * description (Markdown, rendered safely by cmark), documents, dates
 * (Moscow time) with the time left, grant limits, directions and scoring
 * criteria, and «Подать заявку» while intake is open; "/documents/<id>":
 * a document of the competition to download. A draft competition (and its
 * documents) is a 404 for everyone but staff, who see it marked «Черновик».
 *
 * The description is rendered on every request rather than stored as HTML
 * at each save: cmark takes microseconds for a page of text, anonymous
 * visitors get the page from the public cache anyway, and there is no
 * second copy to fall out of step (demo data, a later cmark with a fix).
 */
#include "grant.h"

enum { Q_DOC, Q__MAX };
static const char *const Q[] = {
    [Q_DOC] =
        "SELECT d.stored_name, d.mime, d.orig_name FROM competition_documents d"
        " JOIN competitions c ON c.id = d.competition_id WHERE d.id = ? AND (c.stage <> 'draft' OR ?)",
};
GF_STATEMENTS(Q, Q__MAX);

static int staff(gf_req *r)
{
    return (r->roles & GR_STAFF) != 0;
}

static NEOERR *page(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gr_comp_public(r, r->id, staff(r), &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    gf_set_int(r->hdf, "Staff", staff(r));
    r->page = "competition.cs";
    return STATUS_OK;
}

static NEOERR *document(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_DOC], ARGS(A_INT(r->id), A_INT(staff(r))), r->hdf, "Doc", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "document %lld", r->id);
    gf_download(r, hdf_get_value(r->hdf, "Doc.stored_name", ""),
                hdf_get_value(r->hdf, "Doc.mime", "application/octet-stream"),
                hdf_get_value(r->hdf, "Doc.orig_name", "document"));
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/competitions/#", page, NULL, 0, 0},
        {"/documents/#", document, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "competition", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .public_cache = 1, .routes = routes};
    return gf_run(argc, argv, &prog);
}
