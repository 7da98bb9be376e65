/*
 * project — "/projects/<id>": one project of the exhibition: its card, the
 * NGO's public contacts, approved comments (oldest first, a page at a time)
 * and the form for a new one. Only listed projects exist here; any other
 * id, or a malformed one, is a 404.
 *
 * Comments: the form under the comments posts to /projects/<id>/comment
 * (comment.c, a write program; this one only reads). It carries a CSRF
 * token and a captcha question that answers once, so a copy of the page
 * must never go to two visitors: the page stays out of the public page
 * cache (no .public_cache). The other way, a cached page linking to the form
 * on a page of its own, costs every commenter a second page and hides the
 * form the issue wants under the project; what the cache saved here is one
 * primary-key read and a render (make bench's project-page-nocache case),
 * which a regional exhibition's traffic does not miss.
 *
 * Its photos (thumbnails linking to the photo) and PDF handouts
 * (project_media.c), the organization's other listed projects, and the
 * OpenGraph tags that a link shared elsewhere shows: the title, the
 * summary, the first photo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

enum { Q_PROJECT, Q_COMMENTS, Q_COMPETITION, Q_MEDIA, Q_OTHERS, Q__MAX };
static const char *const Q[] = {
    [Q_PROJECT] =
        "SELECT p.id, p.number, p.title, p.summary, p.problem, p.goal, p.results,"
        " p.exhibit, p.requested_kopecks, p.cofin_kopecks, p.granted_kopecks,"
        " UNIX_TIMESTAMP(p.starts_on) AS starts_ts, UNIX_TIMESTAMP(p.ends_on) AS ends_ts,"
        " p.municipality_id, p.direction_id, p.competition_id,"
        " o.short_name AS org, o.full_name AS org_full, o.website AS org_website,"
        " o.email AS org_email, o.phone AS org_phone, o.id AS org_id,"
        " o.logo_name IS NOT NULL AS org_has_logo, p.comments_approved, p.media_count"
        " FROM projects p JOIN organizations o ON o.id = p.org_id"
        " WHERE p.id = ? AND p.listed = 1",
    [Q_COMMENTS] =
        "SELECT author_name, body, UNIX_TIMESTAMP(created_at) AS ts FROM comments"
        " WHERE project_id = ? AND status = 'approved' ORDER BY id LIMIT ? OFFSET ?",
    [Q_COMPETITION] =
        "SELECT title AS competition FROM competitions WHERE id = ?",
    [Q_MEDIA] =
        "SELECT id, kind, title, size, thumb_width, thumb_height FROM project_media"
        " WHERE project_id = ? ORDER BY kind, id LIMIT 100",
    [Q_OTHERS] =
        "SELECT id, title, exhibit FROM projects WHERE org_id = ? AND listed = 1 AND id <> ?"
        " ORDER BY id DESC LIMIT 5",
};
GF_STATEMENTS(Q, Q__MAX);

/* The names of the project's municipality, direction and competition come
 * from the process's cached lists (grant/lists.c, as on /projects), not
 * from three joins; a renamed one shows its new name once the list is read
 * again (Municipalities, Directions: 5 min; Competitions: 30 s). The
 * competitions list leaves out drafts: a project of one (not expected on
 * the exhibition) reads its title on its own. */
static NEOERR *names(HDF *hdf)
{
    static const struct { unsigned list; const char *id, *name; } N[] = {
        {GR_LIST_MUNICIPALITIES, "Project.municipality_id", "Project.municipality"},
        {GR_LIST_DIRECTIONS, "Project.direction_id", "Project.direction"},
        {GR_LIST_COMPETITIONS, "Project.competition_id", "Project.competition"},
    };
    long long id;
    const char *label;
    NEOERR *err;

    for (size_t i = 0; i < sizeof N / sizeof N[0]; i++) {
        id = atoll(hdf_get_value(hdf, N[i].id, "0"));
        if ((err = gr_list_label(N[i].list, id, &label)))
            return nerr_pass(err);
        if (!*label && N[i].list == GR_LIST_COMPETITIONS)
            err = gf_db_row(Q[Q_COMPETITION], ARGS(A_INT(id)), hdf, "Project", NULL);
        else
            err = hdf_set_value(hdf, N[i].name, label);
        if (err)
            return nerr_pass(err);
    }
    return STATUS_OK;
}

/* Photos and handouts (read only when the count kept by triggers, schema/023,
 * says there are some), the organization's other projects, and what the
 * header's OpenGraph and description tags say. */
static NEOERR *media_and_more(gf_req *r, long long id)
{
    char desc[1024];
    HDF *m;
    NEOERR *err;

    if (hdf_get_int_value(r->hdf, "Project.media_count", 0) > 0 &&
        (err = gf_db_rows(Q[Q_MEDIA], ARGS(A_INT(id)), r->hdf, "Media", NULL)))
        return nerr_pass(err);
    if ((err = gf_db_rows(Q[Q_OTHERS], ARGS(A_INT(atoll(hdf_get_value(r->hdf, "Project.org_id", "0"))),
                                           A_INT(id)), r->hdf, "Others", NULL)))
        return nerr_pass(err);
    snprintf(desc, sizeof desc, "%s", hdf_get_value(r->hdf, "Project.summary", ""));
    gf_utf8_clean(desc, 200);
    gf_set(r->hdf, "Page.Description", desc);
    gf_set(r->hdf, "Page.OG.Title", hdf_get_value(r->hdf, "Project.title", ""));
    gf_set(r->hdf, "Page.OG.Description", desc);
    gf_setf(r->hdf, "Page.OG.Path=/projects/%lld", id);
    for (m = hdf_get_child(r->hdf, "Media"); m; m = hdf_obj_next(m))
        if (!strcmp(hdf_get_value(m, "kind", ""), "photo")) {
            gf_setf(r->hdf, "Page.OG.Image=/media/%s", hdf_get_value(m, "id", "0"));
            break;
        }
    return STATUS_OK;
}

static NEOERR *handle(gf_req *r)
{
    long long id = r->id, offset;
    long page = gf_pager_page(gf_param(r, "page", "1"));
    long size = gf_cfg_int("Comments.PageSize", 50);
    char base[64];
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(id)), r->hdf, "Project", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "project %lld", id);
    if ((err = names(r->hdf)))
        return nerr_pass(err);
    /* the count is kept by triggers (schema/006): most pages need no second
     * statement, and it is the pager's total */
    snprintf(base, sizeof base, "/projects/%lld?", id);
    offset = gf_pager(r->hdf, base, hdf_get_int_value(r->hdf, "Project.comments_approved", 0),
                      size, &page);
    if (hdf_get_int_value(r->hdf, "Project.comments_approved", 0) > 0 &&
        (err = gf_db_rows(Q[Q_COMMENTS], ARGS(A_INT(id), A_INT(size), A_INT(offset)), r->hdf,
                          "Comments", NULL)))
        return nerr_pass(err);
    /* the comment form: comment.c redirects here with ?comment=sent */
    gf_set(r->hdf, "CommentSent", strcmp(gf_param(r, "comment", ""), "sent") ? "" : "1");
    gf_set_int(r->hdf, "CommentForm.Max", (int)gf_cfg_int("Comments.MaxLength", 2000));
    if ((err = gf_captcha_new(r)))
        return nerr_pass(err);
    if ((err = media_and_more(r, id)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Project.title", ""));
    gf_set(r->hdf, "Page.Nav", "projects");
    r->page = "project.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/projects/#", handle, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "project", .db = GF_DB_READ, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
