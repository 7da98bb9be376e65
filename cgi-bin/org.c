/*
 * org — "/org": the organization profile of the logged-in NGO
 * representative (names, legal form, ИНН and ОГРН with their checksums,
 * КПП, address, municipality, head, contacts, website, description, the
 * date of state registration from the ОГРН record), and
 * a logo (PNG or JPEG, by content), inviting a colleague by email;
 * "/org/join?token=…" lets the invited person join; "/org/logo/<id>" is the
 * logo, public once the organization has a project on the exhibition (its
 * members see it before). One ИНН is registered once.
 *
 * A profile posted with errors saves what is valid: the invalid fields
 * keep their stored values and show what was typed, with the error. A
 * new profile is saved only whole (an organization that exists may apply).
 * A logo replaced or removed is deleted from disk after the commit that
 * stops referencing it (a crash in between leaves an orphan file, never a
 * missing one).
 *
 * Invitations are mail to an address someone typed: at most Invite.OrgMax
 * per organization and Invite.AddressMax per address in Invite.Window
 * seconds; the subject names the site, never text typed in a form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include "grant.h"

enum {
    Q_MY_ORG, Q_INSERT, Q_UPDATE, Q_MEMBER, Q_MEMBERS, Q_ORG_NAME, Q_ORG_LOCK, Q_LOGO,
    Q_OLD_LOGO, Q_SET_LOGO, Q__MAX
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
    /* invitations of one organization, one at a time: the count holds */
    [Q_ORG_LOCK] =
        "SELECT short_name FROM organizations WHERE id = ? FOR UPDATE",
    /* public when something of the organization is on the exhibition;
     * its members (user ?) see it before */
    [Q_LOGO] =
        "SELECT o.logo_name, o.logo_mime FROM organizations o WHERE o.id = ? AND o.logo_name IS NOT NULL"
        " AND (EXISTS (SELECT 1 FROM projects p WHERE p.org_id = o.id AND p.listed = 1)"
        " OR EXISTS (SELECT 1 FROM org_members m WHERE m.org_id = o.id AND m.user_id = ?))",
    [Q_OLD_LOGO] =
        "SELECT logo_name FROM organizations WHERE id = ? FOR UPDATE",
    [Q_SET_LOGO] =
        "UPDATE organizations SET logo_name = ?, logo_mime = ? WHERE id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* the profile's fields in the order of Q_INSERT and Q_UPDATE */
enum { NFIELDS = 15 };
static const char *const fields[NFIELDS] = {
    "full_name", "short_name", "legal_form", "inn", "ogrn", "kpp", "address", "municipality",
    "head_name", "head_position", "phone", "email", "website", "description", "registered_on",
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
    if (gf_field_text(r, "website", v, GF_ONE_LINE, 300) && *v) {
        char *web = gf_web_address(v);     /* "ngo.ru" is https://ngo.ru */
        if (!web)
            gf_field_error(r, "website", "Адрес сайта указан неверно, например: ngo-kuban.ru или "
                                         "https://ngo-kuban.ru.");
        else if (gf_utf8_len(web) > 300)
            gf_field_error(r, "website", "Адрес сайта — не длиннее 300 символов.");
        else
            gf_set(r->hdf, "Query.website", web);
        free(web);
    }
    gf_field_text(r, "description", gf_input(r, "description"), GF_OPTIONAL, 2000);
    v = gf_input_date(r, "registered_on");
    if (*v) {
        char today[16], iso[11];
        int y, m, d;
        gf_fmt_msk(time(NULL), 0, today, sizeof today);      /* dd.mm.yyyy, Moscow */
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", today + 6, today + 3, today);
        if (!gf_parse_date(v, &y, &m, &d))
            gf_field_error(r, "registered_on", gf_date_message(v));
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

/* What is saved for a field: what was posted, or the stored value
 * (Stored.<name>, see profile) when the posted one has an error. */
static const char *value_of(gf_req *r, const char *name)
{
    char key[64];

    snprintf(key, sizeof key, "Form.Error.%s", name);
    if (!hdf_get_value(r->hdf, key, NULL))
        return gf_input(r, name);
    snprintf(key, sizeof key, "Stored.%s", name);
    return hdf_get_value(r->hdf, key, "");
}

/* One attempt at writing the profile in a transaction: the fields (each
 * valid one as posted), the new logo or its removal. *old gets the logo
 * file the row stopped referencing ("" when none); *id the organization. */
static NEOERR *write_profile(gf_req *r, long long org_id, const char *logo, const char *mime,
                             char old[64], long long *id)
{
    const char *v[NFIELDS];
    HDF *row;
    NEOERR *err;

    old[0] = '\0';
    *id = org_id;
    for (int i = 0; i < NFIELDS; i++)
        v[i] = value_of(r, fields[i]);
#define COMMON A_STR(v[0]), A_STR(v[1]), A_STR(v[2]), A_STR(v[3]), A_STR(v[4]), A_STR(v[5]), \
               A_STR(v[6]), A_INT(gf_parse_id(v[7])), A_STR(v[8]), A_STR(v[9]), A_STR(v[10]), \
               A_STR(v[11]), A_STR(v[12]), A_STR(v[13]), *v[14] ? A_STR(v[14]) : A_NULL
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    if ((err = gf_db_begin())) {
        hdf_destroy(&row);
        return nerr_pass(err);
    }
    if (org_id) {
        if (!(err = gf_db_row(Q[Q_OLD_LOGO], ARGS(A_INT(org_id)), row, NULL, NULL)))
            err = gf_db_exec(Q[Q_UPDATE], ARGS(COMMON, A_INT(org_id)), NULL, NULL);
    } else if (!(err = gf_db_exec(Q[Q_INSERT], ARGS(COMMON), NULL, id))) {
        err = gf_db_exec(Q[Q_MEMBER], ARGS(A_INT(*id), A_INT(r->user_id)), NULL, NULL);
    }
#undef COMMON
    if (!err && (logo[0] || !strcmp(gf_param(r, "remove_logo", ""), "1"))) {
        snprintf(old, 64, "%s", hdf_get_value(row, "logo_name", ""));
        err = gf_db_exec(Q[Q_SET_LOGO], logo[0] ? ARGS(A_STR(logo), A_STR(mime), A_INT(*id))
                                               : ARGS(A_NULL, A_NULL, A_INT(*id)), NULL, NULL);
    }
    hdf_destroy(&row);
    if (!err)
        err = gr_audit(r, "organization", *id, org_id ? "update" : "create", NULL, NULL, NULL);
    if (!err)
        err = gf_db_commit();
    if (err)
        gf_db_rollback();
    return nerr_pass(err);
}

/* Saves the profile: a new one only whole; one that exists with every
 * valid field (an ИНН another organization holds is one more error, and
 * the rest is written again without it). */
static NEOERR *save(gf_req *r, long long org_id)
{
    char logo[44], mime[80], old[64] = "";
    long long id;
    int saved = 0;
    NEOERR *err;

    if ((err = take_logo(r, logo, mime)))
        return nerr_pass(err);
    for (int attempt = 0; !saved && attempt < 2; attempt++) {
        if (!org_id && gf_form_has_errors(r))
            break;
        err = write_profile(r, org_id, logo, mime, old, &id);
        if (!nerr_handle(&err, GF_ERR_DUPLICATE)) {
            saved = !err;
            break;
        }
        gf_field_error(r, "inn", "Организация с таким ИНН уже зарегистрирована. Попросите её "
                                 "представителя пригласить вас через профиль организации.");
    }
    if (saved && old[0])
        gf_file_remove(old);                  /* no longer referenced: committed */
    if (!saved && logo[0])
        gf_file_remove(logo);                 /* stored for nothing */
    if (saved && org_id && gf_form_has_errors(r))
        gf_set_int(r->hdf, "Stored.has_logo", logo[0] ? 1 :
                   old[0] ? 0 : hdf_get_int_value(r->hdf, "Stored.has_logo", 0));
    return nerr_pass(err);
}

/* Whether one more invitation may go from org_id to the address (bucket
 * to), inside the transaction that holds the organization's row; a
 * refusal is the field's error and a 429. Counts it when it may. */
static NEOERR *invite_allowed(gf_req *r, long long org_id, const char *to, int *ok)
{
    char from[64];
    int over;
    NEOERR *err;

    snprintf(from, sizeof from, "invite:org:%lld", org_id);
    if ((err = gf_rate_limit_pair(from, (int)gf_cfg_int("Invite.OrgMax", 10),
                                  to, (int)gf_cfg_int("Invite.AddressMax", 3),
                                  (int)gf_cfg_int("Invite.Window", 86400), &over)))
        return nerr_pass(err);
    if (over == 1)
        gf_field_error(r, "invite_email", "Ваша организация за последние сутки отправила столько "
                                          "приглашений, сколько можно. Попробуйте ещё раз завтра.");
    else if (over == 2)
        gf_field_error(r, "invite_email", "На этот адрес за последние сутки уже отправлено "
                                          "несколько приглашений. Попробуйте ещё раз завтра.");
    if (over)
        r->status = 429;
    *ok = !over;
    return STATUS_OK;
}

static NEOERR *invite(gf_req *r, long long org_id)
{
    const char *email = gf_input(r, "invite_email");
    char *key, to[100];
    HDF *mail;
    int ok = 0;
    NEOERR *err;

    if (!gf_valid_email(email)) {
        gf_field_error(r, "invite_email", "Адрес электронной почты указан неверно.");
        r->status = 400;
        return STATUS_OK;
    }
    key = gf_email_norm(email);            /* the token's address is the key join compares */
    gf_email_bucket("invite:to", key, to, sizeof to);
    if ((err = hdf_init(&mail))) {
        free(key);
        return nerr_pass(err);
    }
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_row(Q[Q_ORG_LOCK], ARGS(A_INT(org_id)), mail, "Org", NULL)) &&
        !(err = invite_allowed(r, org_id, to, &ok)) && ok &&
        !(err = hdf_set_value(mail, "From", hdf_get_value(r->hdf, "User.Name", ""))) &&
        !(err = gf_token_mail(r, "invite", r->user_id, org_id, key, 7 * 86400, "/org/join",
                              "invite.cs", mail)))
        err = gf_db_commit();
    if (err || !ok)
        gf_db_rollback();
    hdf_destroy(&mail);
    if (!err && ok)
        gf_set(r->hdf, "Invited", key);
    free(key);
    return nerr_pass(err);
}

static void join_prepare(gf_req *r)
{
    r->page = "org_join.cs";
    gf_set(r->hdf, "Token", gf_param(r, "token", ""));
    gf_set(r->hdf, "Page.Title", "Профиль организации");
    gf_set(r->hdf, "Page.Nav", "org");
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

/* The logo of an organization with something on the exhibition (or to
 * its members); otherwise a 404, as for no logo at all. */
static NEOERR *serve_logo(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_LOGO], ARGS(A_INT(r->id), A_INT(r->user_id)), r->hdf, "Logo", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "no logo");
    gf_download(r, hdf_get_value(r->hdf, "Logo.logo_name", ""),
                hdf_get_value(r->hdf, "Logo.logo_mime", ""), "logo");
    return STATUS_OK;
}

/* The profile page; *org_id gets the organization (0: none yet), Stored
 * the profile as it is. With keep_posted the form shows what was posted
 * instead of what is stored. */
static NEOERR *profile(gf_req *r, int keep_posted, long long *org_id)
{
    HDF *row;
    int found = 0;
    NEOERR *err;

    gf_set(r->hdf, "Page.Title", "Профиль организации");
    gf_set(r->hdf, "Page.Nav", "org");
    r->page = "org.cs";
    if ((err = gr_lists_load(r->hdf, GR_LIST_MUNICIPALITIES)) || (err = hdf_init(&row)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_MY_ORG], ARGS(A_INT(r->user_id)), row, "Org", &found);
    *org_id = found ? atoll(hdf_get_value(row, "Org.id", "0")) : 0;
    if (!err && found)
        err = hdf_copy(r->hdf, "Stored", hdf_get_obj(row, "Org"));
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
    if ((err = save(r, org_id)))
        return nerr_pass(err);
    if (gf_form_has_errors(r)) {
        /* what the page says is what happened: the rest saved, or nothing */
        gf_set(r->hdf, "Outcome", org_id ? "partly" : "none");
        r->status = 400;
        return STATUS_OK;
    }
    gf_redirect(r, "/org?saved=1");
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/org", show, change, 0, GF_FILES},
        {"/org/join", join_page, join, 0, 0},
        {"/org/logo/#", serve_logo, NULL, GF_PUBLIC, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "org", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_APPLICANT, .routes = routes};
    return gf_run(argc, argv, &prog);
}
