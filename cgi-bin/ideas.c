/*
 * ideas — "/ideas": citizens send an idea or proposal to the department.
 * Name, email, municipality (optional), text, consent, the arithmetic
 * captcha «4 + 3 =» (each answered once), a honeypot field, a limit per
 * e-mail address and a far higher one per IP address. The idea is
 * stored, staff are alerted (grant/alerts.c, "moderation") and the sender
 * gets a copy with the idea's number, through the outbox, in one
 * transaction; then the browser is sent to the thank-you page.
 *
 * The copy goes to whatever address was typed, so the form could be used
 * to send mail to strangers: besides the captcha and the limits, one
 * address gets at most Ideas.CopyMax copies in Ideas.CopyWindow seconds
 * (the idea itself is still stored), and the copy says why it came.
 */
#include <stdio.h>
#include <string.h>
#include "grant.h"

enum { Q_INSERT, Q__MAX };
static const char *const Q[] = {
    [Q_INSERT] =
        "INSERT INTO ideas (name, email, municipality_id, body, created_at, ip)"
        " VALUES (?, ?, ?, ?, NOW(), ?)",
};
GF_STATEMENTS(Q, Q__MAX);

struct idea { const char *name, *email, *body; long long muni; };

static NEOERR *validate(gf_req *r, struct idea *f)
{

    gf_field_text(r, "name", f->name, GF_REQUIRED | GF_ONE_LINE, 100);
    if (!*f->email)
        gf_field_error(r, "email", "Укажите адрес электронной почты.");
    else if (!gf_valid_email(f->email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    if (*gf_param(r, "municipality", "") && !gr_list_has(r->hdf, "Municipalities", f->muni))
        gf_field_error(r, "municipality", "Выберите муниципальное образование из списка.");
    if (gf_field_text(r, "body", f->body, GF_REQUIRED, 5000) && gf_utf8_len(f->body) < 10)
        gf_field_error(r, "body", "Слишком коротко: напишите хотя бы одно предложение.");
    if (strcmp(gf_param(r, "consent", ""), "1"))
        gf_field_error(r, "consent", "Без согласия на обработку персональных данных мы не можем принять обращение.");
    return nerr_pass(gf_field_captcha(r));
}

static NEOERR *store(gf_req *r, struct idea *f)
{
    HDF *mail;
    NEOERR *err;
    long long id = 0;
    int copy = 0;
    char line[400];

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_exec(Q[Q_INSERT],
                           ARGS(A_STR(f->name), A_STR(f->email),
                                f->muni ? A_INT(f->muni) : A_NULL, A_STR(f->body),
                                A_STR(r->ip)), NULL, &id))) {
        gf_set_int(mail, "Idea.Id", (int)id);
        gf_set(mail, "Idea.Name", f->name);
        gf_set(mail, "Idea.Email", f->email);
        gf_set(mail, "Idea.Body", f->body);
        for (HDF *m = hdf_get_child(r->hdf, "Municipalities"); m; m = hdf_obj_next(m))
            if (hdf_get_int_value(m, "id", 0) == f->muni)
                gf_set(mail, "Idea.Municipality", hdf_get_value(m, "name", ""));
        gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
        gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
        snprintf(line, sizeof line, "Идея № %lld от %.100s: %s/staff/ideas/%lld", id, f->name,
                 gf_cfg("Site.URL", ""), id);
        if (!(err = gr_alert_staff(r, "moderation", "idea_alert.cs", mail, line)) &&
            !(err = gf_limit_copy("ideas", f->email, gf_cfg_int("Ideas.CopyMax", 3),
                                  gf_cfg_int("Ideas.CopyWindow", 86400), &copy)) &&
            (!copy || !(err = gf_mail_queue(r, f->email, "idea_copy.cs", mail))))
            err = gf_db_commit();
    }
    hdf_destroy(&mail);
    if (!err)
        gf_log("info", "idea %lld stored%s", id, copy ? "" : ", no copy (limit of the address)");
    return nerr_pass(err);
}

/* The page around the form, for showing it and for showing it again. */
static NEOERR *prepare(gf_req *r)
{
    gf_set(r->hdf, "Page.Title", "Идеи и предложения");
    gf_set(r->hdf, "Page.Nav", "ideas");
    r->page = "ideas.cs";
    return nerr_pass(gr_lists_load(r->hdf, GR_LIST_MUNICIPALITIES));
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = prepare(r)))
        return nerr_pass(err);
    gf_set(r->hdf, "Sent", gf_param(r, "sent", ""));
    return nerr_pass(gf_captcha_new(r));
}

static NEOERR *send_idea(gf_req *r)
{
    struct idea f = {0};
    NEOERR *err = STATUS_OK;

    if ((err = prepare(r)))
        return nerr_pass(err);
    /* a bot filled the field people cannot see: thank it and store nothing */
    if (*gf_param(r, "website", "")) {
        gf_log("info", "idea honeypot from %s", r->ip);
        gf_redirect(r, "/ideas?sent=1");
        return STATUS_OK;
    }
    f.name = gf_input(r, "name");
    f.email = gf_input(r, "email");
    f.body = gf_input(r, "body");
    f.muni = gf_parse_id(gf_param(r, "municipality", ""));
    if ((err = validate(r, &f)))
        return nerr_pass(err);
    if (!gf_form_has_errors(r))
        err = gf_limit_sender(r, "Ideas", f.email, "email", "обращений");
    if (!err && !gf_form_has_errors(r) && !(err = store(r, &f)))
        gf_redirect(r, "/ideas?sent=1");
    if (!err && gf_form_has_errors(r)) {
        if (!r->status || r->status == 200)
            r->status = 400;
        err = gf_captcha_new(r);   /* the text stays, the question is new */
    }
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/ideas", show, send_idea, 0, 0}, {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "ideas", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
