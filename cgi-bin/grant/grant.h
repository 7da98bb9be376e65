/*
 * grant.h — the grant competition's rules, shared by the programs in
 * cgi-bin/: who the users are (roles), the reference lists, an application
 * with its state and its form's sections, the audit log.
 *
 * Layers point one way: programs → grant/ (this) → lib/ (the web kit, gf.h).
 * Domain functions carry the gr_ prefix; errors travel as NEOERR chains
 * and out of memory follows gf_must()'s policy (gf.h).
 */
#ifndef GRANT_H
#define GRANT_H

#include "gf.h"

/* ---- roles.c: who uses the platform ------------------------------------- */

/* Role bits; bit i is gr_role_names[i], the name kept in user_roles.role. */
enum gr_role {
    GR_APPLICANT = 1 << 0, GR_EXPERT = 1 << 1, GR_STAFF = 1 << 2,
    GR_SECRETARY = 1 << 3, GR_ADMIN = 1 << 4,
};
extern const char *const gr_role_names[];   /* NULL-terminated */
/* The role in Russian, e.g. «Эксперт» (the admin's user pages). */
extern const char *const gr_role_labels[];
/* The Russian title of a role's cabinet, e.g. «Кабинет эксперта». */
extern const char *const gr_role_titles[];
/* For a program descriptor: the roles this domain knows. */
#define GR_ROLES .role_names = gr_role_names

/* ---- lists.c: reference lists for forms and filters --------------------- */

enum { GR_LIST_MUNICIPALITIES = 1, GR_LIST_DIRECTIONS = 2, GR_LIST_COMPETITIONS = 4 };
/* Puts Municipalities.N.{id,name}, Directions.N.{id,name} and
 * Competitions.N.{id,title} into hdf, as asked by the which bits. */
NEOERR *gr_lists_load(HDF *hdf, unsigned which);
/* 1 when list (e.g. "Municipalities") in hdf holds an entry with this id. */
int gr_list_has(HDF *hdf, const char *list, long long id);
/* *has = 1 when one list (a GR_LIST_* bit) holds an entry with this id;
 * reads the process's cached copy, nothing goes into a request's HDF. */
NEOERR *gr_list_find(unsigned list, long long id, int *has);
/* *label = the name (or title) of id in one list, "" when it has none;
 * owned by the list cache, valid until the next gr_list_* or
 * gf_db_rows_cached* call. */
NEOERR *gr_list_label(unsigned list, long long id, const char **label);
/* The <option>s of one list (templates/list_options.cs), the one with id
 * selected (0: none) marked selected. Rendered once per list and selected
 * id and kept while the list is cached: *html is owned by that cache and
 * valid until the next call. */
NEOERR *gr_list_options(unsigned list, long long selected, const char **html);

/* ---- form.c: the application form, one table ---------------------------- */

/* The card lists at most this many tasks (one per line); the calendar
 * plan's events each belong to one of them. */
#define GR_MAX_TASKS 10

/* A field of a section. Text fields are checked by gf_text_check with
 * their rule and limit (the competition's setting `limit` in App.* when it
 * is set, else max); fields with rule GR_CHOICE are the section's own
 * check's business (lists, dates, numbers). */
#define GR_CHOICE (1u << 8)
typedef struct gr_field {
    const char *name;
    unsigned rule;            /* GF_REQUIRED | GF_ONE_LINE, or GR_CHOICE */
    long max;                 /* characters */
    const char *limit;        /* e.g. "App.title_max": overrides max */
    const char *label;        /* as the page names it, for "what is missing" */
} gr_field;

struct gr_check;              /* the state of one check (form.c) */

/* One section of the application form. The section navigation, the
 * section pages (/applications/<id>/<name>, program app_section), the
 * whole-application view, its "what is missing" list and the submit
 * check are all made from gr_sections. */
typedef struct gr_section {
    const char *name;             /* "card": URL part, templates/app_card.cs */
    const char *title;            /* «Карточка проекта» */
    const gr_field *fields;       /* single fields, ending with {NULL} */
    const char *rows;             /* repeated rows are <rows>.<n>.<field>, or NULL */
    const char *rows_label;       /* «Статьи расходов» */
    const gr_field *row_fields;
    int max_rows;
    /* the rules beyond the fields' own (NULL: none) */
    void (*check)(struct gr_check *c);
    /* before the page: what else it shows (the plan reads the card's tasks) */
    NEOERR *(*prepare)(gf_req *r, long long app_id);
    /* after a successful save (the card names the draft) */
    NEOERR *(*saved)(gf_req *r, long long app_id, HDF *data);
    int own_program;              /* served by its own program (the files) */
    int optional;                 /* an application may go without it */
} gr_section;

extern const gr_section gr_sections[];       /* in form order, ending with {NULL} */
/* The section called name, or NULL. */
const gr_section *gr_section_find(const char *name);
/* Copies the section's fields from the form (Query.*) into data, trimmed,
 * rows renumbered and empty rows dropped. A value that is not valid UTF-8
 * is not copied: it becomes a field error in errors, so the rest of the
 * draft can still be saved. */
NEOERR *gr_section_from_form(const gr_section *s, HDF *query, HDF *data, HDF *errors);
/* Puts back into data, from the stored draft, the value of every field
 * gr_section_from_form refused (a save must not erase what was typed
 * before because of one bad byte). */
void gr_section_keep_refused(HDF *data, HDF *stored, HDF *errors);
/* Checks a section's data against the competition (ctx: App.* limits,
 * Card.* for the plan); each problem becomes errors.<field> = a Russian
 * message. Returns the number of problems. For the budget it also writes
 * the computed totals into data. */
int gr_section_check(const gr_section *s, HDF *data, HDF *ctx, HDF *errors);
/* What the page calls the field at key (e.g. "b.2.price": «Статьи
 * расходов, строка 3: Цена единицы») into buf; key itself when unknown. */
const char *gr_field_label(const gr_section *s, const char *key, char *buf, size_t n);
/* Max.<field> for the section's text fields (what the template shows). */
void gr_section_limits(const gr_section *s, HDF *ctx, HDF *dst);

/* ---- application.c: an application, its state and its drafts ----------- */

/* Loads application id into App.* (status, number, competition limits,
 * App.editable while the user may still change it) and Nav.<n> (the
 * sections with their state). An application of another organization is
 * a 404; staff may read it when staff_may_read. */
NEOERR *gr_app_load(gf_req *r, long long id, int staff_may_read);
/* Directions of the competition, budget categories, municipalities. */
NEOERR *gr_app_lists(gf_req *r, long long competition_id);
/* Copies the stored draft of a section under dst/prefix and puts
 * Section.<name>.{version,valid,saved_ts} into r->hdf. */
NEOERR *gr_draft_load(gf_req *r, long long id, const char *section, HDF *dst,
                      const char *prefix);
/* Saves data as the section's draft if the stored version is still
 * `version` (0: none stored yet) and the application is open.
 * *result: 0 saved, 1 changed meanwhile (another tab), 2 closed. */
NEOERR *gr_draft_save(long long id, const char *section, HDF *data, int valid,
                      int version, int *result);
/* Loads every section under Sections.<name>, checks each, and lists what
 * is missing as Missing.<n>.{section,title,message}; *problems = count. */
NEOERR *gr_app_check_all(gf_req *r, long long id, int *problems);

/* ---- draft.c: a draft as stored text ------------------------------------ */

/* A draft (an HDF tree of strings) as JSON text that any value comes back
 * from exactly; *json is malloc'd (caller frees). Values must be valid
 * UTF-8 (gr_section_from_form makes sure). */
NEOERR *gr_draft_encode(HDF *data, char **json);
/* Reads JSON written by gr_draft_encode (or a draft stored before JSON,
 * as HDF text) into dst. */
NEOERR *gr_draft_decode(const char *text, HDF *dst);

/* ---- audit.c: the append-only audit log --------------------------------- */

/* Records who did what to an object (from → to, with a reason), inside
 * the caller's transaction. from, to, reason may be NULL. */
NEOERR *gr_audit(gf_req *r, const char *object, long long id, const char *action,
                 const char *from, const char *to, const char *reason);

/* ---- alerts.c: alerts to staff ------------------------------------------ */

/* A kind of alert: its name (user_alerts.kind), how /account names it,
 * and its mode when the user chose none ("now", "daily" or "off"). */
typedef struct { const char *name, *title, *fallback; } gr_alert_kind;
extern const gr_alert_kind gr_alert_kinds[];   /* ending with {NULL} */
const gr_alert_kind *gr_alert_find(const char *kind);
/* Alerts staff, inside the caller's transaction: templates/mail/<tpl>
 * rendered with mail goes at once to Mail.StaffAddress (when set) and to
 * every staff user whose mode for kind is "now"; users on "daily" get
 * `line` (one line of Russian text: what happened, with the link) in
 * their next daily digest, which the mailer sends. */
NEOERR *gr_alert_staff(gf_req *r, const char *kind, const char *tpl, HDF *mail,
                       const char *line);
/* The mailer's part. Sends each user with pending digest lines one mail
 * (templates/mail/digest.cs) and marks the lines sent, in one transaction
 * per user; *sent = the mails queued. Lines sent 30 days ago are removed. */
NEOERR *gr_alert_digests(int *sent);
/* The alerts the clock raises, each once: returned applications past
 * their due date ("overdue", mail/overdue_alert.cs) and intakes closing
 * within Alerts.DeadlineHours ("deadline", mail/deadline_alert.cs);
 * *sent = how many. */
NEOERR *gr_alert_due(int *sent);

#endif
