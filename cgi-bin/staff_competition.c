/*
 * staff_competition — one competition in the staff editor:
 *   /staff/competitions/<id>            the settings form (every field checked, Russian
 *                                       errors beside it; roubles «1 234 567,89»,
 *                                       times in Moscow time) and the stage box
 *   /staff/competitions/<id>/criteria   scoring criteria: add, edit, remove, reorder,
 *                                       the Presidential Grants Fund's ready set
 *   /staff/competitions/<id>/checklist  the compliance checklist (text, automatic rule)
 *   /staff/competitions/<id>/documents  regulations, templates: PDF or DOCX by content
 *   /staff/competitions/<id>/budget     the budget categories an application may use
 *   /staff/competitions/<id>/stage      POST: the next stage (guards in grant/competition.c),
 *                                       or an intake extension with a reason, mailed to
 *                                       the members of every organization with a draft
 *   /staff/competitions/<id>/preview    the public page as it will look
 * Each change runs in a transaction that first locks the competition's row
 * and checks that its stage still allows the change (gr_comp_editable), so
 * a stage moved meanwhile gets a clear refusal; each is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "grant.h"

#define COMP_COLUMNS \
    "SELECT id, title, description, stage, fund_kopecks, min_grant_kopecks, max_grant_kopecks," \
    " cofin_min_pct, UNIX_TIMESTAMP(opens_at) AS opens_ts, UNIX_TIMESTAMP(closes_at) AS closes_ts," \
    " impl_start, impl_end, apps_per_org, title_max, summary_max, problem_max, max_months," \
    " experts_per_app, divergence, blind_review, required_docs, closes_at > NOW() AS closes_future" \
    " FROM competitions WHERE id = ?"

/* criteria and checklist items a competition may have (moving a row reads
 * them all: move_row) */
#define MAX_ROWS_SQL "50"

enum {
    Q_COMP, Q_LOCK, Q_FACTS, Q_DIRS, Q_UPDATE, Q_BLIND_EXHIBIT, Q_DIRS_CLEAR, Q_DIR_ADD, Q_STAGE,
    Q_EXTEND,
    Q_DRAFT_HOLDERS, Q_CRITERIA, Q_CRIT_ADD, Q_CRIT_SAVE, Q_CRIT_DEL, Q_CRIT_CLEAR, Q_CRIT_SORT,
    Q_CHECKLIST, Q_CHECK_ADD, Q_CHECK_SAVE, Q_CHECK_DEL, Q_CHECK_SORT, Q_DOCS, Q_DOC_COUNT,
    Q_DOC_ADD, Q_DOC_FIND, Q_DOC_DEL, Q_CATS, Q_CAT_ADD, Q_CAT_SAVE, Q_CAT_DEL, Q__MAX
};
static const char *const Q[] = {
    [Q_COMP] = COMP_COLUMNS,
    [Q_LOCK] = COMP_COLUMNS " FOR UPDATE",
    [Q_FACTS] =
        "SELECT description <> '' AS described, opens_at < closes_at AS window_ok,"
        " closes_at > NOW() AS closes_future,"
        " (SELECT COUNT(*) FROM competition_directions WHERE competition_id = c.id) AS directions,"
        " (SELECT COUNT(*) FROM competition_documents WHERE competition_id = c.id) AS documents,"
        " (SELECT COUNT(*) FROM criteria WHERE competition_id = c.id) AS criteria,"
        " (SELECT COUNT(*) FROM budget_categories WHERE competition_id = c.id) AS categories,"
        " (SELECT COUNT(*) FROM projects WHERE competition_id = c.id AND status = 'submitted')"
        "   AS unchecked,"
        " (SELECT COUNT(*) FROM projects WHERE competition_id = c.id AND status = 'returned'"
        "   AND return_due > NOW()) AS correcting,"
        " (SELECT COUNT(*) FROM projects WHERE competition_id = c.id AND status = 'admitted')"
        "   AS admitted,"
        " (SELECT COUNT(*) FROM projects WHERE competition_id = c.id AND status = 'scored')"
        "   AS scored,"
        " EXISTS (SELECT 1 FROM commission_decisions WHERE competition_id = c.id) AS decided"
        " FROM competitions c WHERE c.id = ?",
    [Q_DIRS] =
        "SELECT direction_id FROM competition_directions WHERE competition_id = ? ORDER BY direction_id",
    [Q_UPDATE] =
        "UPDATE competitions SET title = ?, description = ?, fund_kopecks = ?, min_grant_kopecks = ?,"
        " max_grant_kopecks = ?, cofin_min_pct = ?, opens_at = FROM_UNIXTIME(?),"
        " closes_at = FROM_UNIXTIME(?), impl_start = ?, impl_end = ?, apps_per_org = ?,"
        " title_max = ?, summary_max = ?, problem_max = ?, max_months = ?, experts_per_app = ?,"
        " divergence = ?, blind_review = ?, required_docs = ? WHERE id = ? AND FIND_IN_SET(stage, ?)",
    /* a blind review keeps the admitted applications off the exhibition
     * (it names the organization) until the results; see staff_app.c */
    [Q_BLIND_EXHIBIT] =
        "UPDATE projects SET exhibit = IF(? = 1, 'none', 'applicant') WHERE competition_id = ?"
        " AND status = 'admitted' AND consent_publish = 1 AND exhibit IN ('none', 'applicant')",
    [Q_DIRS_CLEAR] =
        "DELETE FROM competition_directions WHERE competition_id = ?",
    [Q_DIR_ADD] =
        "INSERT INTO competition_directions (competition_id, direction_id) VALUES (?, ?)",
    [Q_STAGE] =
        "UPDATE competitions SET stage = ? WHERE id = ? AND stage = ?",
    [Q_EXTEND] =
        "UPDATE competitions SET closes_at = FROM_UNIXTIME(?) WHERE id = ? AND stage = 'intake'"
        " AND closes_at < FROM_UNIXTIME(?) AND FROM_UNIXTIME(?) > NOW()",
    [Q_DRAFT_HOLDERS] =
        "SELECT DISTINCT u.email, u.name FROM projects p JOIN org_members m ON m.org_id = p.org_id"
        " JOIN users u ON u.id = m.user_id WHERE p.competition_id = ? AND p.status = 'draft'"
        " AND u.disabled = 0 ORDER BY u.email",
    [Q_CRITERIA] =
        "SELECT id, name, description, max_score, weight, REPLACE(TRIM(TRAILING '.' FROM"
        " TRIM(TRAILING '0' FROM CAST(weight AS CHAR))), '.', ',') AS weight_text FROM criteria"
        " WHERE competition_id = ? ORDER BY sort, id",
    [Q_CRIT_ADD] =
        "INSERT INTO criteria (competition_id, name, description, max_score, weight, sort)"
        " SELECT ?, ?, ?, ?, ?, m.next FROM (SELECT COALESCE(MAX(sort), 0) + 1 AS next, COUNT(*) AS n"
        " FROM criteria WHERE competition_id = ?) m WHERE m.n < " MAX_ROWS_SQL,
    [Q_CRIT_SAVE] =
        "UPDATE criteria SET name = ?, description = ?, max_score = ?, weight = ?"
        " WHERE id = ? AND competition_id = ?",
    [Q_CRIT_DEL] =
        "DELETE FROM criteria WHERE id = ? AND competition_id = ?",
    [Q_CRIT_CLEAR] =
        "DELETE FROM criteria WHERE competition_id = ?",
    [Q_CRIT_SORT] =
        "UPDATE criteria SET sort = ? WHERE id = ? AND competition_id = ?",
    [Q_CHECKLIST] =
        "SELECT id, text, rule, param FROM competition_checklist WHERE competition_id = ? ORDER BY sort, id",
    [Q_CHECK_ADD] =
        "INSERT INTO competition_checklist (competition_id, sort, text, rule, param)"
        " SELECT ?, m.next, ?, ?, ? FROM (SELECT COALESCE(MAX(sort), 0) + 1 AS next, COUNT(*) AS n"
        " FROM competition_checklist WHERE competition_id = ?) m WHERE m.n < " MAX_ROWS_SQL,
    [Q_CHECK_SAVE] =
        "UPDATE competition_checklist SET text = ?, rule = ?, param = ? WHERE id = ? AND competition_id = ?",
    [Q_CHECK_DEL] =
        "DELETE FROM competition_checklist WHERE id = ? AND competition_id = ?",
    [Q_CHECK_SORT] =
        "UPDATE competition_checklist SET sort = ? WHERE id = ? AND competition_id = ?",
    [Q_DOCS] =
        "SELECT id, title, orig_name, mime, size, sha256, UNIX_TIMESTAMP(created_at) AS ts"
        " FROM competition_documents WHERE competition_id = ? ORDER BY id",
    [Q_DOC_COUNT] =
        "SELECT COUNT(*) AS n FROM competition_documents WHERE competition_id = ?",
    [Q_DOC_ADD] =
        "INSERT INTO competition_documents (competition_id, title, orig_name, stored_name, mime, size,"
        " sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW())",
    [Q_DOC_FIND] =
        "SELECT stored_name, title FROM competition_documents WHERE id = ? AND competition_id = ?",
    [Q_DOC_DEL] =
        "DELETE FROM competition_documents WHERE id = ? AND competition_id = ?",
    [Q_CATS] =
        "SELECT id, code, name FROM budget_categories WHERE competition_id = ? ORDER BY code",
    [Q_CAT_ADD] =
        "INSERT INTO budget_categories (competition_id, code, name) VALUES (?, ?, ?)",
    [Q_CAT_SAVE] =
        "UPDATE budget_categories SET code = ?, name = ? WHERE id = ? AND competition_id = ?",
    [Q_CAT_DEL] =
        "DELETE FROM budget_categories WHERE id = ? AND competition_id = ?",
};
GF_STATEMENTS(Q, Q__MAX);

/* The automatic rules a checklist item may carry (competition_checklist.rule);
 * another program evaluates them, this one only lets staff choose. */
static const struct { const char *id, *name; } rules[] = {
    {"none", "Нет: проверяет сотрудник"},
    {"charter", "Приложен устав организации"},
    {"org_age", "Организация зарегистрирована не менее N месяцев до окончания приёма"},
    {"amount", "Запрошенная сумма в пределах конкурса"},
    {"cofin", "Доля софинансирования не ниже требуемой"},
    {"budget_categories", "Статьи бюджета — только разрешённые конкурсом"},
    {NULL, NULL},
};

static const char *const doc_types[] = {
    "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL,
};
#define MAX_DOCS 20

/* ---- what every page of the editor shows -------------------------------- */

/* The competition (Comp.*), what may change now (Edit.<part>), the tabs;
 * 404 when there is none. */
static NEOERR *load(gf_req *r, const char *tab)
{
    static const char *const parts[GR_PART__MAX] = {
        [GR_PART_SETTINGS] = "settings", [GR_PART_WINDOW] = "window",
        [GR_PART_CRITERIA] = "criteria", [GR_PART_CHECKLIST] = "checklist",
        [GR_PART_DOCUMENTS] = "documents", [GR_PART_DOC_DELETE] = "doc_delete",
        [GR_PART_BUDGET] = "budget",
    };
    const char *stage;
    int found = 0;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(r->id)), r->hdf, "Comp", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    stage = hdf_get_value(r->hdf, "Comp.stage", "");
    for (int p = 0; p < GR_PART__MAX; p++)
        gf_setf(r->hdf, "Edit.%s=%d", parts[p], gr_comp_editable(stage, (enum gr_comp_part)p));
    gf_set(r->hdf, "Tab", tab);
    gf_set(r->hdf, "Saved", gf_param(r, "saved", ""));
    gf_set(r->hdf, "Page.Nav", "staff");
    gf_setf(r->hdf, "Page.Title=%s — %s", hdf_get_value(r->hdf, "Comp.title", ""),
            !strcmp(tab, "settings") ? "настройки конкурса" : "конкурс");
    return STATUS_OK;
}

/* Begins a transaction and locks the competition's row; *ok = 0 (with the
 * transaction rolled back, a message at Form.Error.form and status 409)
 * when its stage no longer allows part to change. Lock holds: Comp.* as
 * locked under `into` when it is not NULL. */
static NEOERR *lock(gf_req *r, enum gr_comp_part part, HDF *into, int *ok)
{
    HDF *row;
    int found = 0;
    NEOERR *err;

    *ok = 0;
    if ((err = hdf_init(&row)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()))
        err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), row, NULL, &found);
    if (!err && found && gr_comp_editable(hdf_get_value(row, "stage", ""), part)) {
        *ok = 1;
        if (into)
            err = hdf_copy(into, "", row);
    }
    hdf_destroy(&row);
    if (err || !*ok) {
        gf_db_rollback();
        if (!err) {
            gf_field_error(r, "form", "Конкурс уже на другом этапе: это больше менять нельзя. "
                                      "Обновите страницу.");
            r->status = 409;
        }
    }
    return nerr_pass(err);
}

/* The guards' facts from a row of Q_FACTS (NULL: none, all zero). */
static gr_comp_facts facts_of(HDF *row)
{
    return (gr_comp_facts){
        .described = hdf_get_int_value(row, "described", 0),
        .directions = hdf_get_int_value(row, "directions", 0),
        .window_ok = hdf_get_int_value(row, "window_ok", 0),
        .documents = hdf_get_int_value(row, "documents", 0),
        .criteria = hdf_get_int_value(row, "criteria", 0),
        .categories = hdf_get_int_value(row, "categories", 0),
        .closes_future = hdf_get_int_value(row, "closes_future", 0),
        .unchecked = hdf_get_int_value(row, "unchecked", 0),
        .correcting = hdf_get_int_value(row, "correcting", 0),
        .admitted = hdf_get_int_value(row, "admitted", 0),
        .scored = hdf_get_int_value(row, "scored", 0),
        .decided = hdf_get_int_value(row, "decided", 0),
    };
}

/* Inside lock()'s transaction: *ok = 0 (and the transaction rolled back,
 * the refusal next to the file field) when the competition already has
 * MAX_DOCS documents — counted under the lock, so that two uploads at once
 * cannot both pass. */
static NEOERR *docs_below_max(gf_req *r, int *ok)
{
    HDF *h;
    char msg[120];
    NEOERR *err;

    *ok = 0;
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_DOC_COUNT], ARGS(A_INT(r->id)), h, NULL, NULL);
    *ok = !err && hdf_get_int_value(h, "n", 0) < MAX_DOCS;
    hdf_destroy(&h);
    if (!err && !*ok) {
        gf_db_rollback();
        snprintf(msg, sizeof msg, "У конкурса может быть не больше %d документов.", MAX_DOCS);
        gf_field_error(r, "file", msg);
        r->status = 400;
    }
    return nerr_pass(err);
}

/* An "add" refused because its list is full (inside lock()'s transaction). */
static NEOERR *list_full(gf_req *r, const char *msg)
{
    gf_db_rollback();
    gf_field_error(r, "form", msg);
    r->status = 400;
    return STATUS_OK;
}

/* After a change: commit and back to the page it was made on. */
static NEOERR *done(gf_req *r, const char *tab)
{
    char where[96];
    NEOERR *err;

    if ((err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/staff/competitions/%lld%s%s?saved=1", r->id,
             *tab ? "/" : "", tab);
    gf_redirect(r, where);
    return STATUS_OK;
}

static NEOERR *audit(gf_req *r, const char *reason)
{
    return nerr_pass(gr_audit(r, "competition", r->id, "settings", NULL, NULL, reason));
}

/* An integer field in lo..hi, else a Russian error beside it. */
static int int_field(gf_req *r, const char *name, long lo, long hi, long *out)
{
    const char *v = gf_input(r, name);
    char *end, msg[120];
    long n = strtol(v, &end, 10);

    if (*v && !*end && strspn(v, "0123456789") == strlen(v) && strlen(v) < 10 && n >= lo && n <= hi) {
        *out = n;
        return 1;
    }
    snprintf(msg, sizeof msg, "Целое число от %ld до %ld.", lo, hi);
    gf_field_error(r, name, msg);
    return 0;
}

/* A money field in roubles into kopecks. */
static int money_field(gf_req *r, const char *name, const char *what, long long *out)
{
    const char *v = gf_input(r, name);
    char msg[200];

    if (!*v) {
        snprintf(msg, sizeof msg, "Укажите %s в рублях, например: 1 500 000.", what);
        gf_field_error(r, name, msg);
        return 0;
    }
    if (!gf_single_line(v) || !gf_parse_money(v, out)) {
        gf_field_error(r, name, "Сумма в рублях, например: 1 234 567,89.");
        return 0;
    }
    return 1;
}

/* ---- the settings form -------------------------------------------------- */

typedef struct {
    const char *title, *description, *impl_start, *impl_end;
    long long fund, min, max, opens, closes;
    long cofin, apps, title_max, summary_max, problem_max, months, experts, divergence;
    int blind;
    char cofin_s[48], dirs[600];   /* "12.50"; direction ids "1,3,9" */
    char docs[400];                /* required documents: "Устав,Письмо поддержки" */
} settings;

/* The kinds of document a competition may require, as the form offers
 * them (doc.<i>): every kind of attachment but the last, «Иное» (anything
 * else), which no one can require. */
static int doc_choice(int i)
{
    return gr_doc_kinds[i] && gr_doc_kinds[i + 1];
}

/* The posted settings, checked; *window: whether the intake window is
 * taken from the form (else the stored one stays). */
static void read_settings(gf_req *r, settings *s, int window)
{
    const char *v;
    int y, m, d;

    memset(s, 0, sizeof *s);
    s->title = gf_input(r, "title");
    gf_field_text(r, "title", s->title, GF_REQUIRED | GF_ONE_LINE, 300);
    s->description = gf_input(r, "description");
    gf_field_text(r, "description", s->description, GF_REQUIRED, 15000);
    /* directions: dir.<id> = 1, in id order */
    for (HDF *o = hdf_get_child(r->hdf, "Directions"); o; o = hdf_obj_next(o)) {
        const char *id = hdf_get_value(o, "id", "0");
        char key[40];
        size_t len = strlen(s->dirs);
        snprintf(key, sizeof key, "Query.dir.%s", id);
        if (!strcmp(hdf_get_value(r->hdf, key, ""), "1") && len + strlen(id) + 2 < sizeof s->dirs)
            snprintf(s->dirs + len, sizeof s->dirs - len, "%s%s", len ? "," : "", id);
    }
    if (!s->dirs[0])
        gf_field_error(r, "directions", "Выберите хотя бы одно направление.");
    if (money_field(r, "fund", "фонд конкурса", &s->fund) && s->fund <= 0)
        gf_field_error(r, "fund", "Фонд конкурса должен быть больше нуля.");
    money_field(r, "min_grant", "минимальный размер гранта", &s->min);
    if (money_field(r, "max_grant", "максимальный размер гранта", &s->max)) {
        if (s->max <= 0)
            gf_field_error(r, "max_grant", "Максимальный грант должен быть больше нуля.");
        else if (s->fund > 0 && s->max > s->fund)
            gf_field_error(r, "max_grant", "Максимальный грант не может быть больше фонда конкурса.");
        else if (s->min > s->max)
            gf_field_error(r, "min_grant", "Минимальный грант не может быть больше максимального.");
    }
    v = gf_input(r, "cofin");
    if (!gr_parse_hundredths(v, 10000, &s->cofin))
        gf_field_error(r, "cofin", "Доля софинансирования — число от 0 до 100, например: 10 или 12,5.");
    snprintf(s->cofin_s, sizeof s->cofin_s, "%ld.%02ld", s->cofin / 100, s->cofin % 100);
    if (window) {
        int ok_o = gr_parse_msk(gf_input(r, "opens_at"), &s->opens),
            ok_c = gr_parse_msk(gf_input(r, "closes_at"), &s->closes);
        if (!ok_o)
            gf_field_error(r, "opens_at", "Дата и время по Москве, например: 01.02.2027 09:00.");
        if (!ok_c)
            gf_field_error(r, "closes_at", "Дата и время по Москве, например: 10.03.2027 23:30.");
        if (ok_o && ok_c && s->closes <= s->opens)
            gf_field_error(r, "closes_at", "Приём заявок должен закончиться позже, чем начнётся.");
    } else {
        s->opens = atoll(hdf_get_value(r->hdf, "Comp.opens_ts", "0"));
        s->closes = atoll(hdf_get_value(r->hdf, "Comp.closes_ts", "0"));
    }
    s->impl_start = gf_input_date(r, "impl_start");
    s->impl_end = gf_input_date(r, "impl_end");
    if (!gf_parse_date(s->impl_start, &y, &m, &d))
        gf_field_error(r, "impl_start", "Дата, например: 01.05.2027.");
    if (!gf_parse_date(s->impl_end, &y, &m, &d))
        gf_field_error(r, "impl_end", "Дата, например: 31.12.2027.");
    else if (!hdf_get_value(r->hdf, "Form.Error.impl_start", NULL) &&
             strcmp(s->impl_end, s->impl_start) < 0)
        gf_field_error(r, "impl_end", "Окончание реализации — не раньше её начала.");
    if (!hdf_get_value(r->hdf, "Form.Error.impl_start", NULL) && s->closes) {
        char closes[24];
        gr_fmt_msk_input(s->closes, closes, sizeof closes);
        if (strncmp(s->impl_start, closes, 10) < 0)
            gf_field_error(r, "impl_start", "Реализация проектов начинается не раньше окончания приёма заявок.");
    }
    int_field(r, "apps_per_org", 1, 10, &s->apps);
    int_field(r, "title_max", 10, 300, &s->title_max);
    int_field(r, "summary_max", 100, 5000, &s->summary_max);
    int_field(r, "problem_max", 100, 15000, &s->problem_max);
    int_field(r, "max_months", 1, 36, &s->months);
    int_field(r, "experts_per_app", 1, 10, &s->experts);
    int_field(r, "divergence", 1, 100, &s->divergence);
    v = gf_input(r, "blind_review");
    s->blind = !strcmp(v, "1");
    if (*v && !s->blind)
        gf_field_error(r, "blind_review", "Отметьте флажок или снимите его.");
    /* required documents: doc.<i> = 1, in the order of the kinds */
    for (int i = 0; doc_choice(i); i++) {
        char key[40];
        size_t len = strlen(s->docs);
        snprintf(key, sizeof key, "Query.doc.%d", i);
        if (!strcmp(hdf_get_value(r->hdf, key, ""), "1") && len + strlen(gr_doc_kinds[i]) + 2 < sizeof s->docs)
            snprintf(s->docs + len, sizeof s->docs - len, "%s%s", len ? "," : "", gr_doc_kinds[i]);
    }
}

/* Which settings differ from the stored ones (locked), for the audit: the
 * form's own names for them. */
static void changed(HDF *old, const settings *s, const char *old_dirs, char *out, size_t n)
{
    char buf[64];
    size_t o = 0;
#define DIFF(name, label, now) \
    do { if (strcmp(hdf_get_value(old, name, ""), (now)) && o + strlen(label) + 3 < n) \
             o += snprintf(out + o, n - o, "%s%s", o ? ", " : "", label); } while (0)
#define DIFFN(name, label, now) \
    do { snprintf(buf, sizeof buf, "%lld", (long long)(now)); DIFF(name, label, buf); } while (0)

    out[0] = '\0';
    DIFF("title", "название", s->title);
    DIFF("description", "описание", s->description);
    DIFFN("fund_kopecks", "фонд", s->fund);
    DIFFN("min_grant_kopecks", "минимальный грант", s->min);
    DIFFN("max_grant_kopecks", "максимальный грант", s->max);
    DIFF("cofin_min_pct", "доля софинансирования", s->cofin_s);
    DIFFN("opens_ts", "начало приёма", s->opens);
    DIFFN("closes_ts", "окончание приёма", s->closes);
    DIFF("impl_start", "начало реализации", s->impl_start);
    DIFF("impl_end", "окончание реализации", s->impl_end);
    DIFFN("apps_per_org", "заявок от организации", s->apps);
    DIFFN("title_max", "длина названия", s->title_max);
    DIFFN("summary_max", "длина краткого описания", s->summary_max);
    DIFFN("problem_max", "длина описания проблемы", s->problem_max);
    DIFFN("max_months", "срок проекта", s->months);
    DIFFN("experts_per_app", "экспертов на заявку", s->experts);
    DIFFN("divergence", "порог расхождения оценок", s->divergence);
    DIFFN("blind_review", "слепая экспертиза", s->blind);
    DIFF("required_docs", "обязательные документы", s->docs);
    if (strcmp(old_dirs, s->dirs) && o + 24 < n)
        o += snprintf(out + o, n - o, "%sнаправления", o ? ", " : "");
#undef DIFF
#undef DIFFN
    if (!o)
        snprintf(out, n, "без изменений");
}

/* The stored directions as "1,3,9" (in id order). */
static NEOERR *dirs_of(long long id, char *out, size_t n)
{
    HDF *h;
    size_t o = 0;
    NEOERR *err;

    out[0] = '\0';
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_DIRS], ARGS(A_INT(id)), h, "D", NULL);
    for (HDF *d = hdf_get_child(h, "D"); !err && d; d = hdf_obj_next(d))
        if (o + 24 < n)
            o += snprintf(out + o, n - o, "%s%s", o ? "," : "", hdf_get_value(d, "direction_id", ""));
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* The stage box: the next stage and, when it is refused, why (before the
 * button is pressed); the extension form's hint. */
static NEOERR *stage_box(gf_req *r)
{
    const char *stage = hdf_get_value(r->hdf, "Comp.stage", ""), *next = gr_stage_next(stage),
               *why;
    gr_comp_facts f;
    HDF *h;
    NEOERR *err;

    if (!next)
        return STATUS_OK;
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_FACTS], ARGS(A_INT(r->id)), h, NULL, NULL);
    f = facts_of(h);
    hdf_destroy(&h);
    if (err)
        return nerr_pass(err);
    gf_set(r->hdf, "Next.stage", next);
    if ((why = gr_stage_refusal(stage, next, &f)))
        gf_set(r->hdf, "Next.refusal", why);
    return STATUS_OK;
}

/* The settings page; with posted, the form shows what was posted. */
static NEOERR *settings_page(gf_req *r, int posted)
{
    char buf[64], dirs[600];
    NEOERR *err;

    if ((err = load(r, "settings")) || (err = gr_lists_load(r->hdf, GR_LIST_DIRECTIONS)) ||
        (err = stage_box(r)))
        return nerr_pass(err);
    r->page = "staff_competition.cs";
    for (int i = 0; doc_choice(i); i++) {
        gf_setf(r->hdf, "DocKinds.%d.id=%d", i, i);
        gf_setf(r->hdf, "DocKinds.%d.name=%s", i, gr_doc_kinds[i]);
    }
    gf_set(r->hdf, "Created", gf_param(r, "created", ""));
    /* notices after a redirect: flags only, never text from the link */
    gf_set(r->hdf, "Moved", gf_parse_id(gf_param(r, "moved", "")) ? "1" : "");
    if (!strcmp(gf_param(r, "extended", ""), "0") || gf_parse_id(gf_param(r, "extended", "")))
        gf_setf(r->hdf, "Extended=%lld", gf_parse_id(gf_param(r, "extended", "")));
    if (posted)
        return STATUS_OK;
    {
        static const char *const same[] = {"title", "description", "impl_start", "impl_end",
                                           "apps_per_org", "title_max", "summary_max", "problem_max",
                                           "max_months", "experts_per_app", "divergence", NULL};
        static const char *const money[][2] = {{"fund", "Comp.fund_kopecks"},
                                               {"min_grant", "Comp.min_grant_kopecks"},
                                               {"max_grant", "Comp.max_grant_kopecks"}};
        long h;
        char key[64];

        for (int i = 0; same[i]; i++) {
            snprintf(key, sizeof key, "Comp.%s", same[i]);
            gf_setf(r->hdf, "Query.%s=%s", same[i], hdf_get_value(r->hdf, key, ""));
        }
        for (int i = 0; i < 3; i++) {
            gr_fmt_money_input(atoll(hdf_get_value(r->hdf, money[i][1], "0")), buf, sizeof buf);
            gf_setf(r->hdf, "Query.%s=%s", money[i][0], buf);
        }
        if (gr_parse_hundredths(hdf_get_value(r->hdf, "Comp.cofin_min_pct", "0"), 10000, &h)) {
            if (h % 10)
                gf_setf(r->hdf, "Query.cofin=%ld,%02ld", h / 100, h % 100);
            else if (h % 100)
                gf_setf(r->hdf, "Query.cofin=%ld,%ld", h / 100, h % 100 / 10);
            else
                gf_setf(r->hdf, "Query.cofin=%ld", h / 100);
        }
        gr_fmt_msk_input(atoll(hdf_get_value(r->hdf, "Comp.opens_ts", "0")), buf, sizeof buf);
        gf_set(r->hdf, "Query.opens_at", buf);
        gr_fmt_msk_input(atoll(hdf_get_value(r->hdf, "Comp.closes_ts", "0")), buf, sizeof buf);
        gf_set(r->hdf, "Query.closes_at", buf);
        gf_set(r->hdf, "Query.blind_review", hdf_get_int_value(r->hdf, "Comp.blind_review", 0) ? "1" : "");
        if ((err = dirs_of(r->id, dirs, sizeof dirs)))
            return nerr_pass(err);
        for (char *p = strtok(dirs, ","); p; p = strtok(NULL, ","))
            gf_setf(r->hdf, "Query.dir.%s=1", p);
        for (int i = 0; doc_choice(i); i++) {
            const char *list = hdf_get_value(r->hdf, "Comp.required_docs", "");
            size_t n = strlen(gr_doc_kinds[i]);
            for (const char *p = list; *p; p += strcspn(p, ","), p += *p == ',')
                if (strcspn(p, ",") == n && !strncmp(p, gr_doc_kinds[i], n))
                    gf_setf(r->hdf, "Query.doc.%d=1", i);
        }
    }
    return STATUS_OK;
}

static NEOERR *show_settings(gf_req *r)
{
    return nerr_pass(settings_page(r, 0));
}

static NEOERR *save_settings(gf_req *r)
{
    settings s;
    char old_dirs[600], what[700], *dirs;
    long long affected = 0;
    int ok, window;
    HDF *old;
    NEOERR *err;

    if ((err = settings_page(r, 1)))
        return nerr_pass(err);
    if (!hdf_get_int_value(r->hdf, "Edit.settings", 0)) {
        gf_field_error(r, "form", "Конкурс уже на этапе, когда настройки не меняются.");
        r->status = 409;
        return STATUS_OK;
    }
    window = hdf_get_int_value(r->hdf, "Edit.window", 0);
    read_settings(r, &s, window);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = hdf_init(&old)))
        return nerr_pass(err);
    if ((err = lock(r, GR_PART_SETTINGS, old, &ok)) || !ok) {
        hdf_destroy(&old);
        return nerr_pass(err);
    }
    /* the window's editability as of the lock, not as of the page */
    if (window != gr_comp_editable(hdf_get_value(old, "stage", ""), GR_PART_WINDOW)) {
        hdf_destroy(&old);
        gf_db_rollback();
        gf_field_error(r, "form", "Конкурс тем временем перешёл на другой этап. Обновите страницу.");
        r->status = 409;
        return STATUS_OK;
    }
    if (!window) {   /* the stored window as locked: an extension meanwhile stays */
        s.opens = atoll(hdf_get_value(old, "opens_ts", "0"));
        s.closes = atoll(hdf_get_value(old, "closes_ts", "0"));
    }
    err = dirs_of(r->id, old_dirs, sizeof old_dirs);
    if (!err)
        changed(old, &s, old_dirs, what, sizeof what);
    hdf_destroy(&old);
    if (err ||
        (err = gf_db_exec(Q[Q_UPDATE], ARGS(A_STR(s.title), A_STR(s.description), A_INT(s.fund),
                                            A_INT(s.min), A_INT(s.max), A_STR(s.cofin_s),
                                            A_INT(s.opens), A_INT(s.closes), A_STR(s.impl_start),
                                            A_STR(s.impl_end), A_INT(s.apps), A_INT(s.title_max),
                                            A_INT(s.summary_max), A_INT(s.problem_max),
                                            A_INT(s.months), A_INT(s.experts),
                                            A_INT(s.divergence), A_INT(s.blind), A_STR(s.docs),
                                            A_INT(r->id),
                                            A_STR(gr_comp_editable_stages(GR_PART_SETTINGS))),
                          &affected, NULL)) ||
        (err = gf_db_exec(Q[Q_BLIND_EXHIBIT], ARGS(A_INT(s.blind), A_INT(r->id)), NULL, NULL)) ||
        (err = gf_db_exec(Q[Q_DIRS_CLEAR], ARGS(A_INT(r->id)), NULL, NULL)))
        return nerr_pass(err);
    dirs = s.dirs;
    for (char *p = strtok(dirs, ","); p; p = strtok(NULL, ","))
        if ((err = gf_db_exec(Q[Q_DIR_ADD], ARGS(A_INT(r->id), A_INT(atoll(p))), NULL, NULL)))
            return nerr_pass(err);
    if ((err = audit(r, what)))
        return nerr_pass(err);
    return nerr_pass(done(r, ""));
}

/* ---- stages and the intake extension ------------------------------------ */

static NEOERR *move_stage(gf_req *r)
{
    const char *to = gf_input(r, "to"), *from, *why;
    char from_s[24], where[96];
    gr_comp_facts f;
    long long affected = 0;
    HDF *h;
    int found = 0;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if (!(err = gf_db_begin()) &&
        !(err = gf_db_row(Q[Q_LOCK], ARGS(A_INT(r->id)), h, "C", &found)) && found)
        err = gf_db_row(Q[Q_FACTS], ARGS(A_INT(r->id)), h, "F", NULL);
    snprintf(from_s, sizeof from_s, "%s", hdf_get_value(h, "C.stage", ""));
    f = facts_of(hdf_get_obj(h, "F"));
    hdf_destroy(&h);
    if (err)
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    from = from_s;
    if ((why = gr_stage_refusal(from, to, &f))) {
        gf_db_rollback();
        if ((err = settings_page(r, 0)))
            return nerr_pass(err);
        gf_field_error(r, "stage", why);
        r->status = 409;
        return STATUS_OK;
    }
    if ((err = gf_db_exec(Q[Q_STAGE], ARGS(A_STR(to), A_INT(r->id), A_STR(from)), &affected, NULL)))
        return nerr_pass(err);
    if (affected != 1)
        return nerr_raise(NERR_ASSERT, "stage of a locked competition changed");
    if ((err = gr_audit(r, "competition", r->id, "stage", from, to, NULL)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/staff/competitions/%lld?moved=1", r->id);
    gf_redirect(r, where);
    return STATUS_OK;
}

static NEOERR *extend(gf_req *r)
{
    const char *reason = gf_input(r, "reason");
    long long closes = 0, old, affected = 0;
    char old_s[24], new_s[24], where[96], link[300];
    int ok, n = 0;
    HDF *h, *mail;
    NEOERR *err;

    if (!gr_parse_msk(gf_input(r, "new_closes_at"), &closes))
        gf_field_error(r, "new_closes_at", "Дата и время по Москве, например: 20.03.2027 23:30.");
    else if (closes <= time(NULL))
        gf_field_error(r, "new_closes_at", "Новый срок должен быть в будущем.");
    gf_field_text(r, "reason", reason, GF_REQUIRED, 1000);
    if (gf_form_has_errors(r)) {
        if ((err = settings_page(r, 0)))
            return nerr_pass(err);
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    if ((err = lock(r, GR_PART_SETTINGS, h, &ok)) || !ok) {
        hdf_destroy(&h);
        if (!err && !(err = settings_page(r, 0)))
            r->status = 409;
        return nerr_pass(err);
    }
    old = atoll(hdf_get_value(h, "closes_ts", "0"));
    hdf_destroy(&h);
    if (closes <= old) {
        gf_db_rollback();
        if ((err = settings_page(r, 0)))
            return nerr_pass(err);
        gf_field_error(r, "new_closes_at", "Новый срок должен быть позже нынешнего окончания приёма.");
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = gf_db_exec(Q[Q_EXTEND], ARGS(A_INT(closes), A_INT(r->id), A_INT(closes), A_INT(closes)),
                          &affected, NULL)))
        return nerr_pass(err);
    if (affected != 1) {
        gf_db_rollback();
        if ((err = settings_page(r, 0)))
            return nerr_pass(err);
        gf_field_error(r, "new_closes_at", "Продлить можно только идущий приём заявок.");
        r->status = 409;
        return STATUS_OK;
    }
    gf_fmt_msk((time_t)old, 1, old_s, sizeof old_s);
    gf_fmt_msk((time_t)closes, 1, new_s, sizeof new_s);
    /* every member of every organization with a draft here */
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_rows(Q[Q_DRAFT_HOLDERS], ARGS(A_INT(r->id)), h, "U", &n);
    if (!err && !(err = hdf_init(&mail))) {
        HDF *c;
        if (!(err = gf_db_row(Q[Q_COMP], ARGS(A_INT(r->id)), mail, "Comp", NULL)) &&
            (c = hdf_get_obj(mail, "Comp"))) {
            snprintf(link, sizeof link, "%s/competitions/%lld", gf_cfg("Site.URL", ""), r->id);
            gf_set(mail, "Link", link);
            gf_set(mail, "Reason", reason);
            gf_set(mail, "OldCloses", old_s);
            gf_set(mail, "NewCloses", new_s);
            for (HDF *u = hdf_get_child(h, "U"); !err && u; u = hdf_obj_next(u)) {
                gf_set(mail, "Name", hdf_get_value(u, "name", ""));
                err = gf_mail_queue(r, hdf_get_value(u, "email", ""), "intake_extended.cs", mail);
            }
        }
        hdf_destroy(&mail);
    }
    hdf_destroy(&h);
    /* last: the audit chain's head stays locked until the commit */
    if (err || (err = gr_audit(r, "competition", r->id, "extend", old_s, new_s, reason)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    gf_log("info", "competition %lld: intake extended, %d mails", r->id, n);
    snprintf(where, sizeof where, "/staff/competitions/%lld?extended=%d", r->id, n);
    gf_redirect(r, where);
    return STATUS_OK;
}

static NEOERR *stage(gf_req *r)
{
    return nerr_pass(!strcmp(gf_param(r, "action", ""), "extend") ? extend(r) : move_stage(r));
}

/* ---- rows of a list: criteria, checklist, budget categories ------------- */

/* Which row a posted form is about: Form.Row (the template shows the
 * posted values and errors in that row), 0 for the "add" form. */
static long long row_of(gf_req *r, const char *param)
{
    long long id = gf_parse_id(gf_param(r, param, ""));

    if (id)
        gf_setf(r->hdf, "Form.Row=%lld", id);
    else
        gf_set(r->hdf, "Form.Row", "new");
    return id;
}

/* *there = 1 when row id is in the list the statement gives (by the
 * competition's id): a save names a row of this competition. */
static NEOERR *has_row(gf_req *r, const char *list_sql, long long id, int *there)
{
    HDF *h;
    NEOERR *err;

    *there = 0;
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_rows(list_sql, ARGS(A_INT(r->id)), h, "L", NULL);
    for (HDF *o = hdf_get_child(h, "L"); o; o = hdf_obj_next(o))
        *there |= atoll(hdf_get_value(o, "id", "0")) == id;
    hdf_destroy(&h);
    return nerr_pass(err);
}

/* Moves row id one place up (dir < 0) or down in the order the list
 * statement gives, renumbering the list's sort 1..n. *found = 0 when the
 * row is not in the list. Inside the caller's transaction. */
static NEOERR *move_row(gf_req *r, const char *list_sql, const char *sort_sql, long long id,
                        int dir, int *found)
{
    long long ids[200];
    int n = 0, at = -1;
    HDF *h;
    NEOERR *err;

    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_rows(list_sql, ARGS(A_INT(r->id)), h, "L", NULL);
    for (HDF *o = hdf_get_child(h, "L"); !err && o && n < 200; o = hdf_obj_next(o), n++) {
        ids[n] = atoll(hdf_get_value(o, "id", "0"));
        if (ids[n] == id)
            at = n;
    }
    hdf_destroy(&h);
    *found = at >= 0;
    if (err || at < 0)
        return nerr_pass(err);
    if (at + dir >= 0 && at + dir < n) {
        long long t = ids[at];
        ids[at] = ids[at + dir];
        ids[at + dir] = t;
    }
    for (int i = 0; !err && i < n; i++)
        err = gf_db_exec(sort_sql, ARGS(A_INT(i + 1), A_INT(ids[i]), A_INT(r->id)), NULL, NULL);
    return nerr_pass(err);
}

/* A change of one row: affected 0 means the row is not this competition's. */
static NEOERR *row_missing(gf_req *r)
{
    gf_db_rollback();
    return nerr_raise(GF_ERR_NOTFOUND, "row of competition %lld", r->id);
}

/* ---- criteria ----------------------------------------------------------- */

static NEOERR *criteria_page(gf_req *r)
{
    double sum = 0;
    NEOERR *err;

    if ((err = load(r, "criteria")) ||
        (err = gf_db_rows(Q[Q_CRITERIA], ARGS(A_INT(r->id)), r->hdf, "Criteria", NULL)))
        return nerr_pass(err);
    for (HDF *o = hdf_get_child(r->hdf, "Criteria"); o; o = hdf_obj_next(o))
        sum += atof(hdf_get_value(o, "weight", "0"));
    /* as people write it: "10", "9.5" (weights are hundredths, at most 50 × 10) */
    gf_setf(r->hdf, "WeightSum=%g", sum);
    r->page = "staff_competition_criteria.cs";
    return STATUS_OK;
}

static NEOERR *show_criteria(gf_req *r)
{
    return nerr_pass(criteria_page(r));
}

static NEOERR *load_preset(gf_req *r, int large)
{
    int ok;
    NEOERR *err;

    if ((err = lock(r, GR_PART_CRITERIA, NULL, &ok)) || !ok ||
        (err = gf_db_exec(Q[Q_CRIT_CLEAR], ARGS(A_INT(r->id)), NULL, NULL)))
        return nerr_pass(err);
    for (int i = 0; gr_pgf_criteria[i].name; i++) {
        const gr_criterion_preset *c = &gr_pgf_criteria[i];
        if ((err = gf_db_exec(Q[Q_CRIT_ADD], ARGS(A_INT(r->id), A_STR(c->name), A_STR(c->description),
                                                  A_INT(10), A_STR(large ? c->weight_large : c->weight_small),
                                                  A_INT(r->id)), NULL, NULL)))
            return nerr_pass(err);
    }
    if ((err = audit(r, large ? "критерии: набор Фонда президентских грантов (1–5 млн ₽)"
                              : "критерии: набор Фонда президентских грантов (до 1 млн ₽)")))
        return nerr_pass(err);
    return nerr_pass(done(r, "criteria"));
}

static NEOERR *change_criteria(gf_req *r)
{
    const char *action = gf_param(r, "action", "");
    const char *name = gf_input(r, "name"), *desc = gf_input(r, "description");
    long long id = row_of(r, "crit"), affected = 0;
    long score = 0, weight = 0;
    char weight_s[48], reason[400];
    int ok, found;
    NEOERR *err;

    if ((err = criteria_page(r)))
        return nerr_pass(err);
    if (!strcmp(action, "preset_small") || !strcmp(action, "preset_large"))
        return nerr_pass(load_preset(r, !strcmp(action, "preset_large")));
    if (!strcmp(action, "delete") || !strcmp(action, "up") || !strcmp(action, "down")) {
        if ((err = lock(r, GR_PART_CRITERIA, NULL, &ok)) || !ok)
            return nerr_pass(err);
        if (!strcmp(action, "delete")) {
            if ((err = gf_db_exec(Q[Q_CRIT_DEL], ARGS(A_INT(id), A_INT(r->id)), &affected, NULL)))
                return nerr_pass(err);
            found = affected == 1;
        } else if ((err = move_row(r, Q[Q_CRITERIA], Q[Q_CRIT_SORT], id,
                                   !strcmp(action, "up") ? -1 : 1, &found))) {
            return nerr_pass(err);
        }
        if (!found)
            return nerr_pass(row_missing(r));
        snprintf(reason, sizeof reason, "критерии: %s %lld",
                 !strcmp(action, "delete") ? "удалён" : "перемещён", id);
        if ((err = audit(r, reason)))
            return nerr_pass(err);
        return nerr_pass(done(r, "criteria"));
    }
    if (strcmp(action, "add") && strcmp(action, "save"))
        return nerr_raise(GF_ERR_BADREQ, "criteria action %s", action);
    gf_field_text(r, "name", name, GF_REQUIRED | GF_ONE_LINE, 300);
    gf_field_text(r, "description", desc, GF_OPTIONAL, 2000);
    int_field(r, "max_score", 1, 100, &score);
    if (!gr_parse_hundredths(gf_input(r, "weight"), 1000, &weight))
        gf_field_error(r, "weight", "Вес — число от 0 до 10, например: 1 или 0,5.");
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    snprintf(weight_s, sizeof weight_s, "%ld.%02ld", weight / 100, weight % 100);
    if ((err = lock(r, GR_PART_CRITERIA, NULL, &ok)) || !ok ||
        (!strcmp(action, "save") && (err = has_row(r, Q[Q_CRITERIA], id, &found))))
        return nerr_pass(err);
    if (!strcmp(action, "save") && !found)
        return nerr_pass(row_missing(r));
    if (!strcmp(action, "add"))
        err = gf_db_exec(Q[Q_CRIT_ADD], ARGS(A_INT(r->id), A_STR(name), A_STR(desc), A_INT(score),
                                             A_STR(weight_s), A_INT(r->id)), &affected, NULL);
    else
        err = gf_db_exec(Q[Q_CRIT_SAVE], ARGS(A_STR(name), A_STR(desc), A_INT(score), A_STR(weight_s),
                                              A_INT(id), A_INT(r->id)), &affected, NULL);
    if (err)
        return nerr_pass(err);
    if (!affected && !strcmp(action, "add"))
        return nerr_pass(list_full(r, "Критериев может быть не больше " MAX_ROWS_SQL "."));
    snprintf(reason, sizeof reason, "критерии: %s «%.300s»", !strcmp(action, "add") ? "добавлен" : "изменён", name);
    if ((err = audit(r, reason)))
        return nerr_pass(err);
    return nerr_pass(done(r, "criteria"));
}

/* ---- the compliance checklist ------------------------------------------- */

static NEOERR *checklist_page(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r, "checklist")) ||
        (err = gf_db_rows(Q[Q_CHECKLIST], ARGS(A_INT(r->id)), r->hdf, "Items", NULL)))
        return nerr_pass(err);
    for (int i = 0; rules[i].id; i++) {
        gf_setf(r->hdf, "Rules.%d.id=%s", i, rules[i].id);
        gf_setf(r->hdf, "Rules.%d.name=%s", i, rules[i].name);
    }
    r->page = "staff_competition_checklist.cs";
    return STATUS_OK;
}

static NEOERR *show_checklist(gf_req *r)
{
    return nerr_pass(checklist_page(r));
}

/* The rows of a list changed by id: delete, up, down — shared by the
 * checklist and the budget categories. *handled = 0 for another action. */
static NEOERR *row_action(gf_req *r, const char *action, enum gr_comp_part part, long long id,
                          const char *del_sql, const char *list_sql, const char *sort_sql,
                          const char *what, const char *tab, int *handled)
{
    long long affected = 0;
    char reason[200];
    int ok, found = 0;
    NEOERR *err;

    *handled = !strcmp(action, "delete") || (sort_sql && (!strcmp(action, "up") || !strcmp(action, "down")));
    if (!*handled)
        return STATUS_OK;
    if ((err = lock(r, part, NULL, &ok)) || !ok)
        return nerr_pass(err);
    if (!strcmp(action, "delete")) {
        if ((err = gf_db_exec(del_sql, ARGS(A_INT(id), A_INT(r->id)), &affected, NULL)))
            return nerr_pass(err);
        found = affected == 1;
    } else if ((err = move_row(r, list_sql, sort_sql, id, !strcmp(action, "up") ? -1 : 1, &found))) {
        return nerr_pass(err);
    }
    if (!found)
        return nerr_pass(row_missing(r));
    snprintf(reason, sizeof reason, "%s: %s %lld", what,
             !strcmp(action, "delete") ? "удалено" : "перемещено", id);
    if ((err = audit(r, reason)))
        return nerr_pass(err);
    return nerr_pass(done(r, tab));
}

static NEOERR *change_checklist(gf_req *r)
{
    const char *action = gf_param(r, "action", ""), *text = gf_input(r, "text"),
               *rule = gf_input(r, "rule");
    long long id = row_of(r, "item"), affected = 0;
    long param = 0;
    char reason[700];
    int ok, handled, known = 0;
    NEOERR *err;

    if ((err = checklist_page(r)) ||
        (err = row_action(r, action, GR_PART_CHECKLIST, id, Q[Q_CHECK_DEL], Q[Q_CHECKLIST],
                          Q[Q_CHECK_SORT], "чек-лист", "checklist", &handled)) || handled)
        return nerr_pass(err);
    if (strcmp(action, "add") && strcmp(action, "save"))
        return nerr_raise(GF_ERR_BADREQ, "checklist action %s", action);
    gf_field_text(r, "text", text, GF_REQUIRED | GF_ONE_LINE, 500);
    for (int i = 0; rules[i].id; i++)
        known |= !strcmp(rule, rules[i].id);
    if (!known)
        gf_field_error(r, "rule", "Выберите правило из списка.");
    if (!strcmp(rule, "org_age"))
        int_field(r, "param", 1, 600, &param);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = lock(r, GR_PART_CHECKLIST, NULL, &ok)) || !ok ||
        (!strcmp(action, "save") && (err = has_row(r, Q[Q_CHECKLIST], id, &known))))
        return nerr_pass(err);
    if (!strcmp(action, "save") && !known)
        return nerr_pass(row_missing(r));
    if (!strcmp(action, "add"))
        err = gf_db_exec(Q[Q_CHECK_ADD], ARGS(A_INT(r->id), A_STR(text), A_STR(rule), A_INT(param),
                                              A_INT(r->id)), &affected, NULL);
    else
        err = gf_db_exec(Q[Q_CHECK_SAVE], ARGS(A_STR(text), A_STR(rule), A_INT(param), A_INT(id),
                                               A_INT(r->id)), &affected, NULL);
    if (err)
        return nerr_pass(err);
    if (!affected && !strcmp(action, "add"))
        return nerr_pass(list_full(r, "Требований в перечне может быть не больше " MAX_ROWS_SQL "."));
    snprintf(reason, sizeof reason, "чек-лист: %s «%s»", !strcmp(action, "add") ? "добавлено" : "изменено", text);
    if ((err = audit(r, reason)))
        return nerr_pass(err);
    return nerr_pass(done(r, "checklist"));
}

/* ---- documents ---------------------------------------------------------- */

static NEOERR *documents_page(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r, "documents")) ||
        (err = gf_db_rows(Q[Q_DOCS], ARGS(A_INT(r->id)), r->hdf, "Docs", NULL)))
        return nerr_pass(err);
    gf_set_int(r->hdf, "Limit.File", (int)gf_cfg_int("Limits.MaxFile", 10L << 20));
    gf_set_int(r->hdf, "Limit.Count", MAX_DOCS);
    r->page = "staff_competition_documents.cs";
    return STATUS_OK;
}

static NEOERR *show_documents(gf_req *r)
{
    return nerr_pass(documents_page(r));
}

static NEOERR *upload(gf_req *r)
{
    FILE *f = cgi_filehandle(r->cgi, "file");
    const char *title = gf_input(r, "title");
    long max = gf_cfg_int("Limits.MaxFile", 10L << 20);
    char mime[120], name[256], stored[44], sha[65], msg[200], limit[32], reason[300];
    long long size = 0;
    struct stat sb;
    HDF *h;
    int ok = 0, count;
    NEOERR *err;

    gf_field_text(r, "title", title, GF_REQUIRED | GF_ONE_LINE, 200);
    if (!f || fstat(fileno(f), &sb) || sb.st_size == 0) {
        gf_field_error(r, "file", "Выберите файл.");
    } else if (sb.st_size > max) {
        gf_fmt_bytes(max, limit, sizeof limit);
        snprintf(msg, sizeof msg, "Файл слишком большой: не больше %s.", limit);
        gf_field_error(r, "file", msg);
    } else {
        if ((err = gf_file_sniff(f, mime, sizeof mime)))
            return nerr_pass(err);
        for (int i = 0; doc_types[i]; i++)
            ok |= !strcmp(mime, doc_types[i]);
        if (!ok)
            gf_field_error(r, "file", "Можно загрузить только PDF или DOCX (тип определяется по "
                                      "содержимому файла, а не по имени).");
    }
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_DOC_COUNT], ARGS(A_INT(r->id)), h, NULL, NULL);
    count = hdf_get_int_value(h, "n", 0);
    hdf_destroy(&h);
    if (err)
        return nerr_pass(err);
    if (count >= MAX_DOCS) {
        snprintf(msg, sizeof msg, "У конкурса может быть не больше %d документов.", MAX_DOCS);
        gf_field_error(r, "file", msg);
        r->status = 400;
        return STATUS_OK;
    }
    gf_file_clean_name(gf_param(r, "file", ""), name, sizeof name, "document");
    if ((err = gf_file_store(f, stored, sha, &size)))
        return nerr_pass(err);
    snprintf(reason, sizeof reason, "документ: загружен «%s»", title);
    if ((err = lock(r, GR_PART_DOCUMENTS, NULL, &ok)) || !ok ||
        (err = docs_below_max(r, &ok)) || !ok ||
        (err = gf_db_exec(Q[Q_DOC_ADD], ARGS(A_INT(r->id), A_STR(title), A_STR(name), A_STR(stored),
                                             A_STR(mime), A_INT(size), A_STR(sha)), NULL, NULL)) ||
        (err = audit(r, reason)) || (err = done(r, "documents"))) {
        char path[1024];
        gf_file_path(stored, path, sizeof path);   /* stored for nothing */
        unlink(path);
    }
    return nerr_pass(err);
}

static NEOERR *remove_document(gf_req *r)
{
    long long id = gf_parse_id(gf_param(r, "doc", ""));
    char stored[64], path[1024], reason[300];
    int ok, found = 0;
    HDF *h;
    NEOERR *err;

    if ((err = lock(r, GR_PART_DOC_DELETE, NULL, &ok)) || !ok)
        return nerr_pass(err);
    if ((err = hdf_init(&h)))
        return nerr_pass(err);
    err = gf_db_row(Q[Q_DOC_FIND], ARGS(A_INT(id), A_INT(r->id)), h, NULL, &found);
    snprintf(stored, sizeof stored, "%s", hdf_get_value(h, "stored_name", ""));
    snprintf(reason, sizeof reason, "документ: удалён «%s»", hdf_get_value(h, "title", ""));
    hdf_destroy(&h);
    if (err)
        return nerr_pass(err);
    if (!found)
        return nerr_pass(row_missing(r));
    if ((err = gf_db_exec(Q[Q_DOC_DEL], ARGS(A_INT(id), A_INT(r->id)), NULL, NULL)) ||
        (err = audit(r, reason)) || (err = done(r, "documents")))
        return nerr_pass(err);
    gf_file_path(stored, path, sizeof path);   /* after the commit: the row is gone */
    unlink(path);
    return STATUS_OK;
}

static NEOERR *change_documents(gf_req *r)
{
    NEOERR *err;

    if ((err = documents_page(r)))
        return nerr_pass(err);
    return nerr_pass(!strcmp(gf_param(r, "action", ""), "delete") ? remove_document(r) : upload(r));
}

/* ---- budget categories -------------------------------------------------- */

static NEOERR *budget_page(gf_req *r)
{
    NEOERR *err;

    if ((err = load(r, "budget")) ||
        (err = gf_db_rows(Q[Q_CATS], ARGS(A_INT(r->id)), r->hdf, "Cats", NULL)))
        return nerr_pass(err);
    r->page = "staff_competition_budget.cs";
    return STATUS_OK;
}

static NEOERR *show_budget(gf_req *r)
{
    return nerr_pass(budget_page(r));
}

static NEOERR *change_budget(gf_req *r)
{
    const char *action = gf_param(r, "action", ""), *name = gf_input(r, "name");
    long long id = row_of(r, "cat"), affected = 0;
    long code = 0;
    char reason[300];
    int ok, handled;
    NEOERR *err;

    if ((err = budget_page(r)) ||
        (err = row_action(r, action, GR_PART_BUDGET, id, Q[Q_CAT_DEL], NULL, NULL, "статьи бюджета",
                          "budget", &handled)) || handled)
        return nerr_pass(err);
    if (strcmp(action, "add") && strcmp(action, "save"))
        return nerr_raise(GF_ERR_BADREQ, "budget action %s", action);
    int_field(r, "code", 1, 99, &code);
    gf_field_text(r, "name", name, GF_REQUIRED | GF_ONE_LINE, 200);
    if (gf_form_has_errors(r)) {
        r->status = 400;
        return STATUS_OK;
    }
    if ((err = lock(r, GR_PART_BUDGET, NULL, &ok)) || !ok ||
        (!strcmp(action, "save") && (err = has_row(r, Q[Q_CATS], id, &handled))))
        return nerr_pass(err);
    if (!strcmp(action, "save") && !handled)
        return nerr_pass(row_missing(r));
    if (!strcmp(action, "add"))
        err = gf_db_exec(Q[Q_CAT_ADD], ARGS(A_INT(r->id), A_INT(code), A_STR(name)), &affected, NULL);
    else
        err = gf_db_exec(Q[Q_CAT_SAVE], ARGS(A_INT(code), A_STR(name), A_INT(id), A_INT(r->id)),
                         &affected, NULL);
    if (nerr_handle(&err, GF_ERR_DUPLICATE)) {
        gf_db_rollback();
        gf_field_error(r, "code", "Статья с таким номером уже есть.");
        r->status = 400;
        return STATUS_OK;
    }
    if (err)
        return nerr_pass(err);
    snprintf(reason, sizeof reason, "статьи бюджета: %s %ld «%.200s»",
             !strcmp(action, "add") ? "добавлена" : "изменена", code, name);
    if ((err = audit(r, reason)))
        return nerr_pass(err);
    return nerr_pass(done(r, "budget"));
}

/* ---- preview ------------------------------------------------------------ */

static NEOERR *preview(gf_req *r)
{
    int found = 0;
    NEOERR *err;

    if ((err = gr_comp_public(r, r->id, 1, &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    gf_set_int(r->hdf, "Preview", 1);
    gf_set_int(r->hdf, "Staff", 1);
    r->page = "competition.cs";
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/staff/competitions/#", show_settings, save_settings, 0, 0},
        {"/staff/competitions/#/criteria", show_criteria, change_criteria, 0, 0},
        {"/staff/competitions/#/checklist", show_checklist, change_checklist, 0, 0},
        {"/staff/competitions/#/documents", show_documents, change_documents, 0, GF_FILES},
        {"/staff/competitions/#/budget", show_budget, change_budget, 0, 0},
        {"/staff/competitions/#/stage", NULL, stage, 0, 0},
        {"/staff/competitions/#/preview", preview, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    static const gf_program prog = {.name = "staff_competition", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_STAFF, .routes = routes};
    return gf_run(argc, argv, &prog);
}
