/*
 * org — "/org": the organization profile of the logged-in NGO
 * representative (names, legal form, ИНН and ОГРН with their checksums,
 * КПП, address, municipality, head, contacts, website, description, the
 * date of state registration from the ОГРН record), and
 * a logo (PNG or JPEG, by content), inviting a colleague by email;
 * "/org/join?token=…" lets the invited person join; "/org/logo/<id>" is the
 * public logo. One ИНН is registered once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "grant.h"

enum {
    Q_MY_ORG, Q_INSERT, Q_UPDATE, Q_MEMBER, Q_MEMBERS, Q_ORG_NAME, Q_LOGO,
    Q_SET_LOGO, Q__MAX
};
static const char *const Q[] = {
    [Q_MY_ORG] =
        "SELECT o.id, o.full_name, o.short_name, o.legal_form, o.inn, o.ogrn, o.kpp, o.address,"
        " o.municipality_id AS municipality, o.head_name, o.head_position, o.phone, o.email,"
        " o.website, o.description, DATE_FORMAT(o.registered_on, '%Y-%m-%d') AS registered_on,"
        " o.logo_name IS NOT NULL AS has_logo FROM org_members m JOIN organizations o ON o.id = m.org_id"
        " WHERE m.user_id = ? ORDER BY o.id LIMIT 1",
    [Q_INSERT] =
        "INSERT INTO organizations (full_name, short_name, legal_form, inn, ogrn, kpp, address,"
        " municipality_id, head_name, head_position, phone, email, website, description, registered_on,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())",
    [Q_UPDATE] =
        "UPDATE organizations SET full_name = ?, short_name = ?, legal_form = ?, inn = ?, ogrn = ?,"
        " kpp = ?, address = ?, municipality_id = ?, head_name = ?, head_position = ?, phone = ?,"
        " email = ?, website = ?, description = ?, registered_on = ? WHERE id = ?",
    [Q_MEMBER] =
        "INSERT IGNORE INTO org_members (org_id, user_id) VALUES (?, ?)",
    [Q_MEMBERS] =
        "SELECT u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id"
        " WHERE m.org_id = ? ORDER BY u.id",
    [Q_ORG_NAME] =
        "SELECT short_name FROM organizations WHERE id = ?",
    [Q_LOGO] =
        "SELECT logo_name, logo_mime, short_name FROM organizations WHERE id = ? AND logo_name IS NOT NULL",
    [Q_SET_LOGO] =
        "UPDATE organizations SET logo_name = ?, logo_mime = ? WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

static const char *const fields[] = {
    "full_name", "short_name", "legal_form", "inn", "ogrn", "kpp", "address", "municipality",
    "head_name", "head_position", "phone", "email", "website", "description",
};

static void validate(gf_req *r)
{
    const char *v;

    gf_field_text(r, "full_name", gf_input(r, "full_name"), GF_REQUIRED | GF_ONE_LINE, 500);
    gf_field_text(r, "short_name", gf_input(r, "short_name"), GF_REQUIRED | GF_ONE_LINE, 200);
    gf_field_text(r, "legal_form", gf_input(r, "legal_form"), GF_REQUIRED | GF_ONE_LINE, 200);
    v = gf_input(r, "inn");
    if (!*v)
        gf_field_error(r, "inn", "Укажите ИНН организации.");
    else if (strlen(v) != 10 || !gf_valid_inn(v))
        gf_field_error(r, "inn", "ИНН организации — 10 цифр, и контрольная цифра должна сходиться. Проверьте номер.");
    v = gf_input(r, "ogrn");
    if (!*v)
        gf_field_error(r, "ogrn", "Укажите ОГРН.");
    else if (strlen(v) != 13 || !gf_valid_ogrn(v))
        gf_field_error(r, "ogrn", "ОГРН — 13 цифр, и контрольная цифра должна сходиться. Проверьте номер.");
    v = gf_input(r, "kpp");
    if (!*v)
        gf_field_error(r, "kpp", "Укажите КПП.");
    else if (!gf_valid_kpp(v))
        gf_field_error(r, "kpp", "КПП — 9 знаков, например 230101001.");
    gf_field_text(r, "address", gf_input(r, "address"), GF_REQUIRED | GF_ONE_LINE, 500);
    if (!gr_list_has(r->hdf, "Municipalities", gf_parse_id(gf_input(r, "municipality"))))
        gf_field_error(r, "municipality", "Выберите муниципальное образование из списка.");
    gf_field_text(r, "head_name", gf_input(r, "head_name"), GF_REQUIRED | GF_ONE_LINE, 200);
    gf_field_text(r, "head_position", gf_input(r, "head_position"), GF_REQUIRED | GF_ONE_LINE, 200);
    v = gf_input(r, "phone");
    if (gf_field_text(r, "phone", v, GF_REQUIRED | GF_ONE_LINE, 40) && strspn(v, "0123456789+-() ") != strlen(v))
        gf_field_error(r, "phone", "Телефон: цифры, пробелы, «+», «-» и скобки.");
    v = gf_input(r, "email");
    if (gf_field_text(r, "email", v, GF_REQUIRED | GF_ONE_LINE, 254) && !gf_valid_email(v))
        gf_field_error(r, "email", "Адрес электронной почты указан неверно, например: info@ngo.ru.");
    v = gf_input(r, "website");
    if (gf_field_text(r, "website", v, GF_ONE_LINE, 300) && *v &&
        strncmp(v, "https://", 8) && strncmp(v, "http://", 7))
        gf_field_error(r, "website", "Адрес сайта начинается с https:// или http://.");
    gf_field_text(r, "description", gf_input(r, "description"), GF_OPTIONAL, 2000);
    v = gf_input_date(r, "registered_on");
    if (*v) {
        char today[16], iso[11];
        int y, m, d;
        gf_fmt_msk(time(NULL), 0, today, sizeof today);      /* dd.mm.yyyy, Moscow */
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", today + 6, today + 3, today);
        if (!gf_parse_date(v, &y, &m, &d))
            gf_field_error(r, "registered_on", gf_msg_date);
        else if (strcmp(v, iso) > 0)
            gf_field_error(r, "registered_on", "Дата регистрации не может быть в будущем.");
    }
}

/* A new logo from the form, checked and stored: *stored is "" when none
 * was sent, and a field error is set when it is not acceptable. */
static NEOERR *take_logo(gf_req *r, char stored[44], char mime[80])
{
    FILE *f = cgi_filehandle(r->cgi, "logo");
    struct stat sb;
    char sha[65];
    long long size;
    NEOERR *err;

    stored[0] = '\0';
    if (!f || fstat(fileno(f), &sb) || sb.st_size == 0)
        return STATUS_OK;
    if (sb.st_size > gf_cfg_int("Limits.MaxLogo", 1L << 20)) {
        char msg[120], size[32];
        gf_fmt_bytes(gf_cfg_int("Limits.MaxLogo", 1L << 20), size, sizeof size);
        snprintf(msg, sizeof msg, "Логотип — не больше %s.", size);
        gf_field_error(r, "logo", msg);
        return STATUS_OK;
    }
    if ((err = gf_file_sniff(f, mime, 80)))
        return nerr_pass(err);
    if (strcmp(mime, "image/png") && strcmp(mime, "image/jpeg")) {
        gf_field_error(r, "logo", "Логотип — картинка PNG или JPEG (тип определяется по содержимому).");
        return STATUS_OK;
    }
    return nerr_pass(gf_file_store(f, stored, sha, &size));
}

static NEOERR *save(gf_req *r, long long org_id)
{
    const char *v[14], *reg = gf_input(r, "registered_on");
    char logo[44], mime[80];
    long long id = org_id;
    NEOERR *err;

    if ((err = take_logo(r, logo, mime)) || gf_form_has_errors(r))
        return nerr_pass(err);
    for (int i = 0; i < 14; i++)
        v[i] = gf_input(r, fields[i]);
#define COMMON A_STR(v[0]), A_STR(v[1]), A_STR(v[2]), A_STR(v[3]), A_STR(v[4]), A_STR(v[5]), \
               A_STR(v[6]), A_INT(gf_parse_id(v[7])), A_STR(v[8]), A_STR(v[9]), A_STR(v[10]), \
               A_STR(v[11]), A_STR(v[12]), A_STR(v[13]), *reg ? A_STR(reg) : A_NULL
    if ((err = gf_db_begin()))
        return nerr_pass(err);
    if (org_id)
        err = gf_db_exec(Q[Q_UPDATE], ARGS(COMMON, A_INT(org_id)), NULL, NULL);
    else if (!(err = gf_db_exec(Q[Q_INSERT], ARGS(COMMON), NULL, &id)))
        err = gf_db_exec(Q[Q_MEMBER], ARGS(A_INT(id), A_INT(r->user_id)), NULL, NULL);
#undef COMMON
    if (!err && logo[0])
        err = gf_db_exec(Q[Q_SET_LOGO], ARGS(A_STR(logo), A_STR(mime), A_INT(id)), NULL, NULL);
    else if (!err && !strcmp(gf_param(r, "remove_logo", ""), "1"))
        err = gf_db_exec(Q[Q_SET_LOGO], ARGS(A_NULL, A_NULL, A_INT(id)), NULL, NULL);
    if (!err)
        err = gr_audit(r, "organization", id, org_id ? "update" : "create", NULL, NULL, NULL);
    if (!err)
        err = gf_db_commit();
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
        gf_db_rollback();
        gf_field_error(r, "inn", "Организация с таким ИНН уже зарегистрирована. Попросите её "
                                 "представителя пригласить вас через профиль организации.");
    }
    if ((err || gf_form_has_errors(r)) && logo[0]) {   /* stored for nothing */
        char path[1024];
        gf_file_path(logo, path, sizeof path);
        unlink(path);
    }
    return nerr_pass(err);
}

static NEOERR *invite(gf_req *r, long long org_id)
{
    const char *email = gf_input(r, "invite_email");
    HDF *mail;
    NEOERR *err;

    if (!gf_valid_email(email)) {
        gf_field_error(r, "invite_email", "Адрес электронной почты указан неверно.");
        return STATUS_OK;
    }
    if ((err = hdf_init(&mail)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_row(Q[Q_ORG_NAME], ARGS(A_INT(org_id)), mail, "Org", NULL)) &&
        !(err = hdf_set_value(mail, "From", hdf_get_value(r->hdf, "User.Name", ""))) &&
        !(err = gf_token_mail(r, "invite", r->user_id, org_id, email, 7 * 86400, "/org/join",
                              "invite.cs", mail)))
        err = gf_db_commit();
    hdf_destroy(&mail);
    if (!err)
        gf_set(r->hdf, "Invited", email);
    return nerr_pass(err);
}

static void join_prepare(gf_req *r)
{
    r->page = "org_join.cs";
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
    gf_set(r->hdf, "Page.Title", "Профиль организации");
    gf_set(r->hdf, "Page.Nav", "cabinet");
}

/* The link from an invitation: which organization, and a button. */
static NEOERR *join_page(gf_req *r)
{
    int ok;
    NEOERR *err;

    join_prepare(r);
    if ((err = gf_token_page(r, "invite", &ok)) ||
        (ok && (err = gf_db_row(Q[Q_ORG_NAME],
                                ARGS(A_INT(atoll(hdf_get_value(r->hdf, "Token.org_id", "0")))),
                                r->hdf, "Org", NULL))))
        return nerr_pass(err);
    return STATUS_OK;
}

static NEOERR *join(gf_req *r)
{
    int ok = 0;
    NEOERR *err;

    join_prepare(r);
    if ((err = gf_token_redeem(r, "invite", &ok)) || !ok)
        return nerr_pass(err);
    if (strcasecmp(hdf_get_value(r->hdf, "Token.email", ""),
                          hdf_get_value(r->hdf, "User.Email", "-"))) {
        gf_db_rollback();
        gf_set_int(r->hdf, "Valid", 0);
        gf_set_int(r->hdf, "WrongUser", 1);
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = gf_db_exec(Q[Q_MEMBER], ARGS(A_INT(atoll(hdf_get_value(r->hdf, "Token.org_id", "0"))),
                                             A_INT(r->user_id)), NULL, NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    gf_redirect(r, "/org?joined=1");
    return STATUS_OK;
}

/* The public logo of an organization. */
static NEOERR *serve_logo(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_LOGO], ARGS(A_INT(r->id)), r->hdf, "Logo", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no logo");
    gf_download(r, hdf_get_value(r->hdf, "Logo.logo_name", ""),
                hdf_get_value(r->hdf, "Logo.logo_mime", ""), "logo");
    return STATUS_OK;
}

/* The profile page; *org_id gets the organization (0: none yet). With
 * keep_posted the form shows what was posted instead of what is stored. */
static NEOERR *profile(gf_req *r, int keep_posted, long long *org_id)
{
    HDF *row;
    int found = 0;
    NEOERR *err;

    gf_set(r->hdf, "Page.Title", "Профиль организации");
    gf_set(r->hdf, "Page.Nav", "cabinet");
    r->page = "org.cs";
    if ((err = gr_lists_load(r->hdf, GR_LIST_MUNICIPALITIES)) || (err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_MY_ORG], ARGS(A_INT(r->user_id)), row, "Org", &found);
    *org_id = found ? atoll(hdf_get_value(row, "Org.id", "0")) : 0;
    if (!err && found && !keep_posted)
        err = hdf_copy(r->hdf, "Query", hdf_get_obj(row, "Org"));
    hdf_destroy(&row);
    if (err)
        return nerr_pass(err);
    gf_set_int(r->hdf, "OrgId", (int)*org_id);
    gf_set_int(r->hdf, "Limit.Logo", (int)gf_cfg_int("Limits.MaxLogo", 1L << 20));
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    gf_set(r->hdf, "Welcome", gf_param(r, "welcome", ""));
    gf_set(r->hdf, "Joined", gf_param(r, "joined", ""));
    if (*org_id && (err = gf_db_rows(Q[Q_MEMBERS], ARGS(A_INT(*org_id)), r->hdf, "Members", NULL)))
        return nerr_pass(err);
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    long long org_id;

    return nerr_pass(profile(r, 0, &org_id));
}

/* The profile form saved, or a colleague invited (action=invite). */
static NEOERR *change(gf_req *r)
{
    int inviting = !strcmp(gf_param(r, "action", ""), "invite");
    long long org_id;
    NEOERR *err;

    /* the profile form comes back as posted; the invitation form beside the stored profile */
    if ((err = profile(r, !inviting, &org_id)))
        return nerr_pass(err);
    if (inviting) {
        if (!org_id)
            return nerr_raise(GF_ERR_BADREQ, "invite without an organization");
        return nerr_pass(invite(r, org_id));
    }
    validate(r);
    if (!gf_form_has_errors(r) && (err = save(r, org_id)))
        return nerr_pass(err);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    gf_redirect(r, "/org?saved=1");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/org", show, change, 0},
        {"/org/join", join_page, join, 0},
        {"/org/logo/#", serve_logo, NULL, GF_PUBLIC},
        {NULL, NULL, NULL, 0},
    };
    static const gf_program prog = {.name = "org", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_APPLICANT, .routes = routes};
    return gf_run(argc, argv, &prog);
}
