/*
 * comment — "/projects/<id>/comment": a citizen's comment on a project of
 * the exhibition. The form sits under the project's comments (project.c,
 * templates/comment_form.cs) and posts here; a GET shows the same form on
 * a page of its own, which is also where a refused comment comes back with
 * the messages next to its fields and what was typed kept.
 *
 * Name, e-mail (kept for the moderators, never shown publicly), text of at
 * most Comments.MaxLength characters, consent, the arithmetic captcha (each
 * question answered once), a honeypot, a limit per e-mail address and a far
 * higher ceiling per IP address. The comment is stored as pending and staff
 * are alerted (grant/alerts.c, "moderation") in one transaction; the
 * visitor is sent back to the project with «появится после проверки».
 * Only listed projects take comments: any other id is a 404.
 */
#include <stdio.h>
#include <string.h>
#include "grant.h"

enum { Q_PROJECT, Q_INSERT, Q__MAX };
static const char *const Q[] = {
    [Q_PROJECT] =
        "SELECT id, title FROM projects WHERE id = ? AND listed = 1",
    [Q_INSERT] =
        "INSERT INTO comments (project_id, author_name, email, body, created_at, ip)"
        " VALUES (?, ?, ?, ?, NOW(), ?)",
};
GF_STATEMENTS(Q, Q__MAX);

struct comment { const char *name, *email, *body; };

static NEOERR *validate(gf_req *r, struct comment *f)
{
    long max = gf_cfg_int("Comments.MaxLength", 2000);

    gf_field_text(r, "name", f->name, GF_REQUIRED | GF_ONE_LINE, 100);
    if (!*f->email)
        gf_field_error(r, "email", "Укажите адрес электронной почты.");
    else if (!gf_valid_email(f->email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    if (gf_field_text(r, "body", f->body, GF_REQUIRED, max) && gf_utf8_len(f->body) < 2)
        gf_field_error(r, "body", "Слишком коротко: напишите хотя бы несколько слов.");
    if (strcmp(gf_param(r, "consent", ""), "1"))
        gf_field_error(r, "consent", "Без согласия на обработку персональных данных мы не можем "
                                     "принять комментарий.");
    return nerr_pass(gf_field_captcha(r));
}

/* The comment (pending) and the staff's alert, in one transaction. */
static NEOERR *store(gf_req *r, struct comment *f)
{
    const char *title = hdf_get_value(r->hdf, "Project.title", "");
    char line[600];
    long long id = 0;
    HDF *mail;
    NEOERR *err;

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_exec(Q[Q_INSERT], ARGS(A_INT(r->id), A_STR(f->name), A_STR(f->email),
                                             A_STR(f->body), A_STR(r->ip)), NULL, &id))) {
        gf_setf(mail, "Comment.Id=%lld", id);
        gf_setf(mail, "Comment.ProjectId=%lld", r->id);
        gf_set(mail, "Comment.Project", title);
        gf_set(mail, "Comment.Name", f->name);
        gf_set(mail, "Comment.Email", f->email);
        gf_set(mail, "Comment.Body", f->body);
        snprintf(line, sizeof line, "Комментарий № %lld к проекту «%.100s» от %.100s: %s/staff/comments?project=%lld",
                 id, title, f->name, gf_cfg("Site.URL", ""), r->id);
        if (!(err = gr_alert_staff(r, "moderation", "comment_alert.cs", mail, line)))
            err = gf_db_commit();
    }
    hdf_destroy(&mail);
    if (!err)
        gf_log("info", "comment %lld on project %lld stored", id, r->id);
    return nerr_pass(err);
}

/* The project the comment is for (a listed one, else 404) and the page. */
static NEOERR *prepare(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_PROJECT], ARGS(A_INT(r->id)), r->hdf, "Project", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "project %lld is not listed", r->id);
    gf_setf(r->hdf, "Page.Title=Комментарий к проекту «%s»",
            hdf_get_value(r->hdf, "Project.title", ""));
    gf_set(r->hdf, "Page.Nav", "projects");
    gf_set_int(r->hdf, "CommentForm.Max", (int)gf_cfg_int("Comments.MaxLength", 2000));
    r->page = "comment.cs";
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = prepare(r)))
        return nerr_pass(err);
    return nerr_pass(gf_captcha_new(r));
}

static NEOERR *send_comment(gf_req *r)
{
    struct comment f = {0};
    char back[64];
    NEOERR *err;

    if ((err = prepare(r)))
        return nerr_pass(err);
    snprintf(back, sizeof back, "/projects/%lld?comment=sent#comments", r->id);
    /* a bot filled the field people cannot see: thank it and store nothing */
    if (*gf_param(r, "website", "")) {
        gf_log("info", "comment honeypot from %s", r->ip);
        gf_redirect(r, back);
        return STATUS_OK;
    }
    f.name = gf_input(r, "name");
    f.email = gf_input(r, "email");
    f.body = gf_input(r, "body");
    if ((err = validate(r, &f)))
        return nerr_pass(err);
    if (!gf_form_has_errors(r))
        err = gf_limit_sender(r, "Comments", f.email, "email", "комментариев");
    if (!err && !gf_form_has_errors(r) && !(err = store(r, &f)))
        gf_redirect(r, back);
    if (!err && gf_form_has_errors(r)) {
        if (!r->status || r->status == 200)
            r->status = 400;
        err = gf_captcha_new(r);   /* the text stays, the question is new */
    }
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/projects/#/comment", show, send_comment, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "comment", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
