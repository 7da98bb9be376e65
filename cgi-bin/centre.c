/*
 * centre — "/centres/<id>": one NGO resource centre and its consultation
 * request form. Name, organization (optional), e-mail or telephone (at
 * least one), question, consent, the arithmetic captcha (each question
 * answered once), a honeypot, a limit per contact (the address, else the
 * number) and a far higher one per IP address. The request is stored,
 * numbered К-<year>-<id in 5 digits> (the year in Moscow time) and mailed
 * to the centre through the outbox in one transaction; the page then
 * shows the number, and an e-mail given gets a copy with it.
 *
 * A write program and never cached: the page carries a single-use captcha
 * (the directory, /centres, is the cached read part). A hidden centre is a
 * 404; a centre without an e-mail shows its card without the form.
 *
 * The copy goes to whatever address was typed: as with the ideas form, one
 * address gets at most Centres.CopyMax copies in Centres.CopyWindow seconds
 * (the request itself still reaches the centre), and the copy carries
 * nothing typed into the form but the centre's name and the number.
 * The centre's mail carries what was typed: it is plain text (nothing in it
 * is markup), its subject holds only the number, and every one-line field
 * was refused with a line break in it.
 */
#include <stdio.h>
#include <string.h>
#include "grant.h"

enum { Q_CENTRE, Q_INSERT, Q_NUMBER, Q__MAX };
static const char *const Q[] = {
    [Q_CENTRE] =
        "SELECT rc.id, rc.name, rc.address, rc.phone, rc.email, rc.hours, rc.services,"
        " rc.website, m.name AS municipality, rc.municipality_id AS muni"
        " FROM resource_centres rc JOIN municipalities m ON m.id = rc.municipality_id"
        " WHERE rc.id = ? AND rc.active = 1",
    [Q_INSERT] =
        "INSERT INTO consultation_requests (centre_id, name, organization, email, phone,"
        " question, created_at, ip) VALUES (?, ?, ?, ?, ?, ?, NOW(), ?)",
    [Q_NUMBER] = "UPDATE consultation_requests SET number = ? WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

struct request { const char *name, *org, *email, *phone, *question; char digits[24]; };

static NEOERR *load(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_CENTRE], ARGS(A_INT(r->id)), r->hdf, "Centre", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "centre %lld", r->id);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Centre.name", ""));
    gf_set(r->hdf, "Page.Nav", "centres");
    r->page = "centre.cs";
    return STATUS_OK;
}

static NEOERR *validate(gf_req *r, struct request *f)
{

    gf_field_text(r, "name", f->name, GF_REQUIRED | GF_ONE_LINE, 100);
    gf_field_text(r, "organization", f->org, GF_ONE_LINE, 300);
    if (!*f->email && !*f->phone)
        gf_field_error(r, "email", "Укажите адрес электронной почты или телефон: по ним "
                                   "центр ответит вам.");
    else if (*f->email && !gf_valid_email(f->email))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: name@mail.ru.");
    if (*f->phone && !gf_valid_phone(f->phone, f->digits, sizeof f->digits))
        gf_field_error(r, "phone", "Телефон указан неверно: 10–15 цифр, например "
                                   "+7 (918) 123-45-67.");
    if (gf_field_text(r, "question", f->question, GF_REQUIRED, 3000) &&
        gf_utf8_len(f->question) < 10)
        gf_field_error(r, "question", "Слишком коротко: опишите вопрос хотя бы одним предложением.");
    if (strcmp(gf_param(r, "consent", ""), "1"))
        gf_field_error(r, "consent", "Без согласия на обработку персональных данных центр "
                                     "не сможет принять запрос.");
    return nerr_pass(gf_field_captcha(r));
}

static NEOERR *store(gf_req *r, struct request *f)
{
    HDF *mail;
    NEOERR *err;
    long long id = 0;
    int copy = 0;
    char number[40], today[11];

    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_exec(Q[Q_INSERT],
                           ARGS(A_INT(r->id), A_STR(f->name), A_STR(f->org), A_STR(f->email),
                                A_STR(f->phone), A_STR(f->question), A_STR(r->ip)),
                           NULL, &id))) {
        gr_today_msk(today);
        snprintf(number, sizeof number, "К-%.4s-%05lld", today, id);
        gf_set(mail, "Request.Number", number);
        gf_set(mail, "Request.Name", f->name);
        gf_set(mail, "Request.Organization", f->org);
        gf_set(mail, "Request.Email", f->email);
        gf_set(mail, "Request.Phone", f->phone);
        gf_set(mail, "Request.Question", f->question);
        gf_set(mail, "Centre.Name", hdf_get_value(r->hdf, "Centre.name", ""));
        gf_set(mail, "Site.Name", gf_cfg("Site.Name", ""));
        gf_set(mail, "Site.URL", gf_cfg("Site.URL", ""));
        gf_setf(mail, "Centre.Id=%lld", r->id);
        if (!(err = gf_db_exec(Q[Q_NUMBER], ARGS(A_STR(number), A_INT(id)), NULL, NULL)) &&
            !(err = gf_mail_queue(r, hdf_get_value(r->hdf, "Centre.email", ""),
                                  "consult_request.cs", mail)) &&
            (!*f->email || !(err = gf_limit_copy("centres", f->email, gf_cfg_int("Centres.CopyMax", 3),
                                  gf_cfg_int("Centres.CopyWindow", 86400), &copy))) &&
            (!copy || !(err = gf_mail_queue(r, f->email, "consult_copy.cs", mail))))
            err = gf_db_commit();
    }
    hdf_destroy(&mail);
    if (err)
        return nerr_pass(err);
    gf_log("info", "consultation request %lld for centre %lld stored%s", id, r->id,
           copy || !*f->email ? "" : ", no copy (limit of the address)");
    gf_set(r->hdf, "Sent.Number", number);
    gf_set_int(r->hdf, "Sent.Copy", copy);
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    return *hdf_get_value(r->hdf, "Centre.email", "") ? nerr_pass(gf_captcha_new(r)) : STATUS_OK;
}

static NEOERR *send_request(gf_req *r)
{
    struct request f = {0};
    NEOERR *err;

    if ((err = load(r)))
        return nerr_pass(err);
    if (!*hdf_get_value(r->hdf, "Centre.email", ""))
        return nerr_raise(GF_ERR_NOTFOUND, "centre %lld takes no requests", r->id);
    /* a bot filled the field people cannot see: thank it and store nothing */
    if (*gf_param(r, "website", "")) {
        gf_log("info", "consultation honeypot from %s", r->ip);
        gf_set(r->hdf, "Sent.Number", "");
        gf_set_int(r->hdf, "Sent.Shown", 1);
        return STATUS_OK;
    }
    f.name = gf_input(r, "name");
    f.org = gf_input(r, "organization");
    f.email = gf_input(r, "email");
    f.phone = gf_input(r, "phone");
    f.question = gf_input(r, "question");
    if ((err = validate(r, &f)))
        return nerr_pass(err);
    if (!gf_form_has_errors(r))
        err = gf_limit_sender(r, "Centres", *f.email ? f.email : f.digits, *f.email ? "email" : "phone",
                              "запросов");
    if (!err && !gf_form_has_errors(r) && !(err = store(r, &f)))
        gf_set_int(r->hdf, "Sent.Shown", 1);
    if (!err && gf_form_has_errors(r)) {
        if (!r->status || r->status == 200)
            r->status = 400;
        err = gf_captcha_new(r);   /* the text stays, the question is new */
    }
    return nerr_pass(err);
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {{"/centres/#", show, send_request, 0, 0},
                                      {NULL, NULL, NULL, 0, 0}};
    static const gf_program prog = {.name = "centre", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GF_PUBLIC, .routes = routes};
    return gf_run(argc, argv, &prog);
}
