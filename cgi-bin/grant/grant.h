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
 * rows renumbered, empty rows and rows ticked «Удалить строку»
 * (<rows>.<n>.del = 1) dropped. A value that is not valid UTF-8 is not
 * copied: it becomes a field error in errors, so the rest of the draft
 * can still be saved. More rows than max_rows: errors.<rows> says so, data
 * holds the first max_rows, and GF_ERR_TOOLARGE is raised — the caller
 * saves nothing (what was saved before stays). */
NEOERR *gr_section_from_form(const gr_section *s, HDF *query, HDF *data, HDF *errors);
/* Puts back into data, from the stored draft, the value of every field
 * gr_section_from_form refused (a save must not erase what was typed
 * before because of one bad byte). */
void gr_section_keep_refused(HDF *data, HDF *stored, HDF *errors);
/* Checks a section's data against the competition (ctx: App.* limits,
 * Card.* for the plan); each problem becomes errors.<field> = a Russian
 * message. Returns the number of problems. A date typed either way is
 * rewritten in data as YYYY-MM-DD. For the budget it also writes the
 * computed totals into data: Totals.{total,cofin,requested}, per category
 * Totals.cat.<code>.{total,cofin,requested,uncounted} (Totals.other for
 * lines without one), and Totals.uncounted, the lines whose amounts could
 * not be read (left out of every total, and said so on "total"). */
int gr_section_check(const gr_section *s, HDF *data, HDF *ctx, HDF *errors);
/* What the page calls the field at key (e.g. "b.2.price": «Статьи
 * расходов, строка 3: Цена единицы») into buf; key itself when unknown. */
const char *gr_field_label(const gr_section *s, const char *key, char *buf, size_t n);
/* Max.<field> for the section's text fields (what the template shows). */
void gr_section_limits(const gr_section *s, HDF *ctx, HDF *dst);

/* ---- application.c: an application, its state and its drafts ----------- */

/* Loads application id into App.* (status, number, competition limits
 * and required documents, App.open while its content may change
 * (GR_APP_OPEN_SQL), App.editable
 * when, besides, the user is of its organization, App.return_due_ts and
 * App.overdue for one returned for corrections) and Nav.<n> (the sections
 * with their state: "valid", "saved" with remarks, "" untouched; the
 * attachments are valid when the required documents are attached). An
 * application of another organization is a 404;
 * staff may read it when staff_may_read. */
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
 * is missing as Missing.<n>.{section,title,message} — among it the
 * documents the competition requires (App.required_docs, gr_docs_missing)
 * that are not attached; *problems = count. */
NEOERR *gr_app_check_all(gf_req *r, long long id, int *problems);
/* The application's number, the same from its start to the registry:
 * "GF-<competition>-<id in at least 5 digits>" into buf. */
void gr_app_number(long long competition_id, long long id, char *buf, size_t n);
/* Mails templates/mail/<tpl> with mail (Name set to each) to every member
 * of the organization whose account works, inside the caller's
 * transaction; *sent = how many. */
NEOERR *gr_mail_members(gf_req *r, long long org_id, const char *tpl, HDF *mail, int *sent);

/* ---- draft.c: a draft as stored text ------------------------------------ */

/* A draft (an HDF tree of strings) as JSON text that any value comes back
 * from exactly; *json is malloc'd (caller frees). Values must be valid
 * UTF-8 (gr_section_from_form makes sure). */
NEOERR *gr_draft_encode(HDF *data, char **json);
/* Reads JSON written by gr_draft_encode (or a draft stored before JSON,
 * as HDF text) into dst. */
NEOERR *gr_draft_decode(const char *text, HDF *dst);

/* ---- audit.c: the append-only audit log, a SHA-256 chain ---------------- */

/* Records who did what to an object (from → to, with a reason) as the next
 * entry of the chain (audit.c says how). Inside the caller's transaction
 * when one is open, else in its own. It locks the chain's head until that
 * transaction ends, so call it after the transaction's other changes:
 * appends wait for each other there, never in a lock-order deadlock.
 * from, to, reason may be NULL; r may be NULL (a command: no user, no IP).
 * Stored as valid UTF-8 (bytes of a cut character dropped), from and to cut
 * to the 40 characters their columns hold: a state, a number, a short
 * label — put names and free text in reason. */
NEOERR *gr_audit(gf_req *r, const char *object, long long id, const char *action,
                 const char *from, const char *to, const char *reason);

/* Entries kept for the end of a transaction that goes on changing rows
 * after it knows what to record (a review change settles the application,
 * may assign another expert, alerts staff): gr_audit_later adds an entry
 * to q (an HDF node of the caller's), gr_audit_flush appends them all in
 * order, as the transaction's last statements, and empties q. */
void gr_audit_later(HDF *q, const char *object, long long id, const char *action,
                    const char *from, const char *to, const char *reason);
NEOERR *gr_audit_flush(gf_req *r, HDF *q);

/* One entry as the chain hashes it: every value as stored in audit_log
 * (numbers in decimal, `at` as "YYYY-MM-DD HH:MM:SS" UTC), NULL for SQL
 * NULL; prev_id and prev_hash are the previous entry's id and hash ("0"
 * and 64 zeros before the first entry). */
typedef struct gr_audit_entry {
    const char *prev_id, *prev_hash, *at, *user_id, *object_type, *object_id,
               *action, *from, *to, *reason, *ip;
} gr_audit_entry;
/* The entry's hash, lowercase hex, into hex[65] (pure: unit tested). */
void gr_audit_hash(const gr_audit_entry *e, char hex[65]);
/* The 64 zeros that stand for "no previous entry". */
extern const char gr_audit_genesis[65];

/* What /staff/audit calls the actions and the kinds of object (name →
 * Russian title); both end with {NULL}. An action not listed is shown as
 * it is stored. */
typedef struct { const char *name, *title; } gr_audit_name;
extern const gr_audit_name gr_audit_actions[];
extern const gr_audit_name gr_audit_objects[];
/* The title of name in a list, or NULL. */
const char *gr_audit_title(const gr_audit_name *list, const char *name);

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

/* ---- search.c: the exhibition's search index ---------------------------- */

/* Re-stems up to `limit` projects marked stale by the trigger of
 * schema/018_search.sql (their title, summary or organization name
 * changed) into search_text, in one transaction; *done = how many. */
NEOERR *gr_search_reindex(int limit, int *done);

/* ---- competition.c: a competition's stages, parts and public page ------- */

/* The stages in order: draft → announced → intake → review → commission →
 * results → reporting → closed (competitions.stage); NULL-terminated. */
extern const char *const gr_stages[];
/* Position of stage in gr_stages, -1 when it is none. */
int gr_stage_index(const char *stage);
/* The stage after this one; NULL after "closed" or for an unknown one. */
const char *gr_stage_next(const char *stage);
/* What the guards look at, read by the caller inside its transaction. */
typedef struct gr_comp_facts {
    int described;       /* the description is not empty */
    int directions;      /* number of directions */
    int window_ok;       /* opens_at < closes_at */
    int documents, criteria, categories;   /* how many of each */
    int closes_future;   /* closes_at is still ahead (database clock) */
    int unchecked;       /* applications submitted and not yet checked */
    int correcting;      /* returned ones still within their due date */
    int admitted;        /* admitted and not yet scored (review.c) */
    int scored;          /* scored */
    int decided;         /* the commission's decision is recorded */
    int publishing;      /* the move is the publication of the results */
} gr_comp_facts;
/* Why a competition in stage `from` may not move to `to` — a Russian
 * sentence for the page — or NULL when it may. Only the next stage is
 * reachable; no intake without documents, criteria and budget categories
 * (and a closing time ahead); no review before intake has closed and
 * every application is checked (none submitted and unchecked, none still
 * within its time for corrections); no commission while an admitted
 * application is not scored; results only by publishing them (publishing
 * set), after the commission's decision. */
const char *gr_stage_refusal(const char *from, const char *to, const gr_comp_facts *f);

/* Where a competition stands for its visitors, in SQL over a competitions
 * row (C: its alias or table name): open while intake has begun and not
 * ended (the one condition for «Подать заявку»), upcoming when announced
 * or in intake with its opening still ahead; any other stage but a draft
 * is past. By the database clock. */
#define GR_COMP_OPEN_SQL(C)                                                              \
    "(" C ".stage = 'intake' AND " C ".opens_at <= NOW() AND " C ".closes_at > NOW())"
#define GR_COMP_UPCOMING_SQL(C)                                                          \
    "(" C ".stage = 'announced' OR (" C ".stage = 'intake' AND " C ".opens_at > NOW()))"

/* The parts of a competition staff edit, each editable at some stages. */
enum gr_comp_part {
    GR_PART_SETTINGS,     /* the settings form but the intake window */
    GR_PART_WINDOW,       /* opens_at, closes_at (in intake: an extension) */
    GR_PART_CRITERIA, GR_PART_CHECKLIST, GR_PART_DOCUMENTS,
    GR_PART_DOC_DELETE, GR_PART_BUDGET, GR_PART__MAX
};
/* 1 when part may change while the competition is in stage. */
int gr_comp_editable(const char *stage, enum gr_comp_part part);
/* The same table as a list "draft,announced,…" (static), for a statement's
 * FIND_IN_SET(stage, ?). */
const char *gr_comp_editable_stages(enum gr_comp_part part);

/* The national operator's ten criteria (Presidential Grants Fund) with
 * their weights for requests up to 1 mln ₽ and for 1–5 mln ₽ (each set sums
 * to 10); its nine budget categories. Both end with a NULL name. */
typedef struct { const char *name, *description, *weight_small, *weight_large; } gr_criterion_preset;
extern const gr_criterion_preset gr_pgf_criteria[];
typedef struct { int code; const char *name; } gr_category_preset;
extern const gr_category_preset gr_pgf_categories[];

/* Markdown (CommonMark, by libcmark) as HTML with raw HTML and unsafe
 * links (javascript:, vbscript:, file:, data:) left out, set at name in
 * hdf; a template writes it with uvar:. */
NEOERR *gr_markdown(const char *md, HDF *hdf, const char *name);
/* A competition as its public page shows it: Comp.* (description_html the
 * rendered description), Directions, Criteria, Documents, Page.Title. A
 * draft is found only with drafts set (staff). *found = 0 when not found. */
NEOERR *gr_comp_public(gf_req *r, long long id, int drafts, int *found);

/* Input formats of the settings form (pure but for the time zone):
 * "12,5", "12.25", "10", "7%" into hundredths (0..max); 0 when not one. */
int gr_parse_hundredths(const char *s, long max, long *out);
/* "YYYY-MM-DDTHH:MM" (datetime-local; a space instead of T, ":00"
 * seconds, and the date as DD.MM.YYYY, accepted) in the site's time zone (Site.TimeZone, Moscow) into
 * a UTC timestamp; 0 when not a real time. */
int gr_parse_msk(const char *s, long long *utc);
/* Today's date in that zone, "YYYY-MM-DD", into out[11]. */
void gr_today_msk(char out[11]);
/* A UTC timestamp as that zone's "YYYY-MM-DDTHH:MM" (an input's value). */
void gr_fmt_msk_input(long long utc, char *buf, size_t n);
/* Kopecks as a form shows them: "1 234 567,89" or "1 500 000" (plain
 * spaces, no sign: gf_parse_money reads it back). */
void gr_fmt_money_input(long long kopecks, char *buf, size_t n);
/* ---- status.c: the application's state machine -------------------------- */

/* One allowed change of an application's status and the action that makes
 * it (the audit log's action, the staff decision's name). */
typedef struct { const char *from, *to, *action; } gr_transition;
extern const gr_transition gr_transitions[];   /* ending with {NULL} */
/* 1 when an application may go from status `from` to `to`. */
int gr_status_may(const char *from, const char *to);
/* The status that `action` (e.g. "admit") leads to from `from`, or NULL
 * when the action is not allowed there. */
const char *gr_status_after(const char *from, const char *action);
/* The Russian name of a status («Возвращена на доработку»), NULL if unknown. */
const char *gr_status_name(const char *status);

/* The application is open for the organization's changes: a draft while
 * intake is open, or an application returned for corrections before its
 * due date — by the database clock. SQL over projects p JOIN competitions c,
 * for the WHERE of every statement that changes an application's content. */
#define GR_APP_OPEN_SQL                                                              \
    "((p.status = 'draft' AND c.stage = 'intake' AND c.closes_at > NOW()"           \
    " AND c.opens_at <= NOW()) OR (p.status = 'returned' AND p.return_due > NOW()))"

/* ---- compliance.c: the automatic rules of the compliance checklist ------- */

/* The attachment kind (app_files.c) that is the organization's charter. */
#define GR_CHARTER_KIND "Устав"

/* The kinds of document an application may attach (the choice on the
 * attachments page), the charter first; ending with NULL. A competition
 * requires some of them (competitions.required_docs: kinds separated by
 * commas, "Устав" unless staff choose otherwise). */
extern const char *const gr_doc_kinds[];
/* The position of kind in gr_doc_kinds, -1 when it is none. */
int gr_doc_kind_index(const char *kind);
/* The required kinds (as in competitions.required_docs) not among files
 * (children with a `kind`, e.g. Sections.files.a; NULL: none attached):
 * returns how many, and names them in msg as «Устав», «Письмо поддержки»
 * (whole names only; "…" when msg is too short). Pure: unit tested. */
int gr_docs_missing(const char *required, HDF *files, char *msg, size_t n);

typedef enum { GR_FOUND_NONE, GR_FOUND_OK, GR_FOUND_FAIL, GR_FOUND_UNKNOWN } gr_found;
/* Runs one rule of competition_checklist.rule ("charter", "org_age" with
 * param months, "amount", "cofin", "budget_categories"; "none" checks
 * nothing) over in, which holds the application as submitted and its
 * competition:
 *   Sections.files.a.<n>.{kind,orig_name}, Sections.budget.b.<n>.cat,
 *   Sections.budget.Totals.{total,cofin,requested} (kopecks),
 *   Org.registered_on (YYYY-MM-DD), App.closes_ts (end of intake, Unix),
 *   App.min_grant_kopecks, App.max_grant_kopecks, App.cofin_min_pct,
 *   Categories.<n>.id (the competition's budget categories).
 * msg[n] gets what it found in Russian: «выполнено: …», «не выполнено: …»
 * or «нет данных: …» ("" for none). No I/O: unit tested. */
gr_found gr_rule_check(const char *rule, int param, HDF *in, char *msg, size_t n);
/* What a rule checks, in Russian, into buf ("" for none). */
const char *gr_rule_title(const char *rule, int param, char *buf, size_t n);
/* For each child of items ({rule, param, …}, e.g. checklist rows) runs its
 * rule over in and sets found (none, ok, fail, unknown), found_text and
 * rule_title on it. */
void gr_compliance_run(HDF *in, HDF *items);

/* ---- review.c: experts, their assignments and scores --------------------- */

/* One criterion of an expert's score: the points given (0..max) and the
 * criterion's weight. */
typedef struct { int score, max; double weight; } gr_crit_score;
/* An expert's total on a 100-point scale: 100 × Σ score·weight / Σ max·weight
 * over the criteria with a weight above 0 (with the national operator's
 * criteria — 0..10 points, weights summing to 10 — it is their rating
 * Σ score × weight). -1 when no criterion has a weight. Pure. */
double gr_score_total(const gr_crit_score *c, int n);
/* 1 when two of the n totals differ by more than threshold points (the
 * competition's `divergence`: points of the 100-point total). Pure. */
int gr_scores_diverge(const double *totals, int n, int threshold);

/* An expert of the competition's pool as automatic assignment sees them
 * for one application. */
typedef struct {
    long long user_id;
    int load;        /* active assignments (assigned or submitted) in the competition */
    int matches;     /* the application's direction is one of the expert's */
    int excluded;    /* conflict of interest, or the application is or was theirs */
} gr_candidate;
/* Picks up to want candidates for one application, never an excluded one:
 * those whose direction matches first, then the least loaded, then the
 * lowest user id; picked[] gets their indexes in c, and each pick's load
 * grows by one. Returns how many were picked. Pure. */
int gr_assign_pick(gr_candidate *c, int n, int want, int *picked);

/* Every review change runs in one transaction that begins by locking the
 * competition's row (gr_review_lock): assignments, scores and the settling
 * of an application are serialized per competition. What a change records
 * goes into the caller's `audit` queue (gr_audit_later) and is written by
 * gr_audit_flush as the transaction's last statements: the audit chain's
 * head is locked only for the commit. Comp.{id,stage,experts_per_app,divergence,
 * blind_review,review_due_ts,title} under into; *found = 0 when none. */
NEOERR *gr_review_lock(long long competition_id, HDF *into, int *found);
/* The conflict-of-interest rule in SQL, for the WHERE or the columns of a
 * statement: true when expert E (an SQL expression) must never review
 * application P (the alias of a projects row): one of E's organizations has
 * the applicant's ИНН, or E is a member of the applicant's organization. */
#define GR_CONFLICT_SQL(E, P)                                                            \
    "(EXISTS (SELECT 1 FROM organizations co JOIN expert_orgs eo ON eo.inn = co.inn"     \
    " WHERE co.id = " P ".org_id AND eo.user_id = " E ") OR EXISTS (SELECT 1"            \
    " FROM org_members cm WHERE cm.org_id = " P ".org_id AND cm.user_id = " E "))"
/* *conflict = 1 when the expert must never review the application: one of
 * the expert's organizations has the applicant's ИНН, or the expert is a
 * member of the applicant's organization. */
NEOERR *gr_review_conflict(long long expert_id, long long project_id, int *conflict);
/* Inside gr_review_lock's transaction: gives the application up to want
 * more experts of the competition's pool (want 0: as many as it lacks of
 * experts_per_app), chosen by gr_assign_pick over the pool read now (loads
 * counted with this transaction's own assignments); origin is "auto" or
 * "divergence". Each assignment is an audit entry (project, "assign") in audit.
 * *made = how many were made (fewer when the pool has no one left). */
NEOERR *gr_review_assign(long long project_id, int want, const char *origin, HDF *audit,
                         int *made);
/* Queues the audit entry of giving (action "assign") or taking back
 * ("unassign") an application to an expert: "эксперт № <id>" as the state,
 * the expert's name and how (автоматически, вручную, …) as the reason. */
void gr_review_audit_expert(HDF *audit, long long project_id, const char *action,
                            long long expert_id, const char *name, const char *how);
/* Inside gr_review_lock's transaction, after a score was submitted or an
 * assignment changed: re-derives the application's review state from its
 * active assignments (read with locks).
 *  - Divergence: when two submitted totals differ by more than the
 *    threshold and no extra expert is at work (active assignments ≤
 *    experts_per_app), one more is assigned (origin "divergence") and
 *    staff are alerted (alert kind "divergence"; also when nobody is left
 *    to assign) — automatically once per application: after that extra
 *    expert declined or was removed, staff choose the next by hand.
 *  - The application is scored (admitted → scored, projects.score = the
 *    mean of the submitted totals, 2 decimals) when nothing assigned is
 *    pending, at least experts_per_app scores are in, and a divergence has
 *    had its extra score; a scored one that no longer is goes back to
 *    admitted (score NULL). Each such change is an audit entry in audit. */
NEOERR *gr_review_settle(gf_req *r, long long project_id, HDF *audit);
/* Inside gr_review_lock's transaction, after its assignments: mails each
 * expert given applications of the competition they were not told of yet
 * (templates/mail/assigned.cs: how many, the deadline, the link) — one mail
 * per expert for the whole change — and marks those assignments told.
 * *mailed = the mails queued. */
NEOERR *gr_review_notify(gf_req *r, long long competition_id, int *mailed);

/* ---- review.c: the expert's side (program expert) ------------------------ */

/* A score as typed or selected: decimal digits only (at most 3, no sign or
 * spaces), 0..max; *score gets it. Returns 0 for anything else. Pure. */
int gr_score_parse(const char *s, int max, int *score);
/* The download name of attachment id in a blind review, which says nothing
 * of the original: "Вложение-<id>.<ext>" (ext from the sniffed mime: pdf,
 * jpg, png, else bin) into buf. Pure. */
void gr_blind_file_name(long long id, const char *mime, char *buf, size_t n);
/* The mailer's part: each expert with assignments still to score in a
 * competition at review whose review_due is ahead and within
 * Review.ReminderHours (default 72) gets one mail per competition
 * (templates/mail/review_reminder.cs: how many are left, the deadline),
 * once: the assignments' reminded_at is claimed in the transaction that
 * queues it. *sent = the mails queued. */
NEOERR *gr_review_reminders(int *sent);

/* ---- commission.c: what the commission may grant ------------------------ */

/* What is wrong with a winner's amount (kopecks) against the competition's
 * limits (min, max; 0: none) and the amount requested, as a Russian
 * sentence (msg, or a constant); NULL when nothing is. Pure. */
const char *gr_grant_amount_problem(long long amount, long long min, long long max,
                                    long long requested, char *msg, size_t n);
/* The winners' total against the fund: «Сумма грантов X ₽ превышает фонд
 * конкурса Y ₽ на Z ₽.» in msg when it exceeds it, else NULL. Pure. */
const char *gr_fund_problem(long long total, long long fund, char *msg, size_t n);

/* ---- events.c: meetings, seminars, webinars ----------------------------- */

/* The kinds of event (events.kind) and their Russian names; ends with {NULL}. */
typedef struct { const char *name, *title; } gr_event_kind;
extern const gr_event_kind gr_event_kinds[];
/* «Семинар» for "seminar"; NULL for an unknown kind. */
const char *gr_event_kind_title(const char *kind);
/* Event.* of one event as its page shows it (times as *_ts, seats_left,
 * upcoming, past, may_register; description_html and followup_html the
 * Markdown rendered by gr_markdown), Page.Title; never the online link.
 * *found = 0 when there is none. */
NEOERR *gr_event_load(gf_req *r, long long id, int *found);
/* The event's calendar entry (RFC 5545, gf_ics_calendar) from ev's id,
 * title, starts_ts, ends_ts, place, contact and — with_link, for
 * registered people — online_url. malloc'd, caller frees. */
char *gr_event_ics(HDF *ev, int with_link);
/* What an event's mail shows: Event.* (a copy of ev, kind_title) and
 * Site.{Name,URL} into mail. */
void gr_event_mail_data(HDF *mail, HDF *ev);
/* The mailer's part: every registration for an event that starts within
 * Events.ReminderHours (default 24) gets templates/mail/event_reminder.cs
 * once: reminded_at is claimed in the transaction that queues it.
 * *sent = the mails queued. */
NEOERR *gr_event_reminders(int *sent);

#endif
