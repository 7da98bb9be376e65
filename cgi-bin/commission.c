/*
 * commission — the competition commission's work on the experts' scores:
 *   /commission                    competitions in review, commission and
 *                                  results, with counts and links
 *   /commission/<id>               the ranking (projects.score descending,
 *                                  ties: the earlier submission, then id),
 *                                  each expert's scores and comments, the
 *                                  applications still being scored, the
 *                                  requested total against the fund; the
 *                                  secretary's marks form and decision form
 *   /commission/<id>/marks         (POST, secretary) winners and granted
 *                                  amounts, each within the competition's
 *                                  limits and the application's request,
 *                                  their total within the fund
 *   /commission/<id>/decision      (POST, secretary) the meeting's date,
 *                                  protocol number and members present;
 *                                  from then on the marks are frozen
 *   /commission/<id>/protocol      the protocol as a printable page
 *   /commission/<id>/protocol.pdf  the same protocol as a PDF (pdf.c)
 * Marks and the decision are review changes: one transaction each, begun
 * by gr_review_lock, which also serializes two secretaries (the second
 * sees the first one's decision and is refused, 409).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

/* The statuses of an application that has its score: scored, then after
 * publication winners (implementing, completed) and the others. */
#define RANKED "'scored', 'winner', 'not_winner', 'in_progress', 'completed'"
/* The viewer's own assignment of the application, still to score: an
 * expert who is also secretary or staff must score independently, without
 * seeing the others' scores first. */
#define MINE_TO_SCORE                                                                   \
    " (SELECT 1 FROM assignments mine WHERE mine.project_id = a.project_id"             \
    "  AND mine.expert_id = ? AND mine.state = 'assigned')"

enum {
    Q_LIST, Q_COMP, Q_DECISION, Q_RANKING, Q_PENDING, Q_EXPERTS, Q_SCORES, Q_MARK, Q_DECIDE,
    Q__MAX
};
static const char *const Q[] = {
    [Q_LIST] =
        "SELECT c.id, c.title, c.stage, c.fund_kopecks,"
        " (SELECT COUNT(*) FROM projects p WHERE p.competition_id = c.id"
        "   AND p.status = 'admitted') AS admitted,"
        " (SELECT COUNT(*) FROM projects p WHERE p.competition_id = c.id"
        "   AND p.status IN (" RANKED ")) AS scored,"
        " (SELECT COUNT(*) FROM commission_marks m WHERE m.competition_id = c.id"
        "   AND m.winner = 1) AS winners,"
        " EXISTS (SELECT 1 FROM commission_decisions d WHERE d.competition_id = c.id) AS decided"
        " FROM competitions c WHERE c.stage IN ('review', 'commission', 'results')"
        " OR EXISTS (SELECT 1 FROM commission_decisions d WHERE d.competition_id = c.id)"
        " ORDER BY FIELD(c.stage, 'commission', 'review', 'results') = 0, FIELD(c.stage,"
        " 'commission', 'review', 'results'), c.id DESC",
    [Q_COMP] =
        "SELECT id, title, stage, fund_kopecks, min_grant_kopecks, max_grant_kopecks"
        " FROM competitions c WHERE id = ? AND (stage IN ('review', 'commission', 'results')"
        " OR EXISTS (SELECT 1 FROM commission_decisions d WHERE d.competition_id = c.id))",
    [Q_DECISION] =
        "SELECT DATE_FORMAT(d.decided_on, '%Y-%m-%d') AS decided_on, d.protocol_number, d.members,"
        " UNIX_TIMESTAMP(d.recorded_at) AS recorded_ts, u.name AS recorder"
        " FROM commission_decisions d LEFT JOIN users u ON u.id = d.recorded_by"
        " WHERE d.competition_id = ?",
    /* the ranking: scored applications (after publication: winners, also
     * those implementing or completed since, and the others), best first;
     * ties go to the earlier submission */
    [Q_RANKING] =
        "SELECT p.id, p.number, p.title, p.org_name AS org, mu.name AS municipality,"
        " d.name AS direction, p.score, p.requested_kopecks, p.status,"
        " UNIX_TIMESTAMP(p.submitted_at) AS submitted_ts, COALESCE(m.winner, 0) AS winner,"
        " m.granted_kopecks, (m.project_id IS NOT NULL) AS marked"
        " FROM projects p JOIN municipalities mu ON mu.id = p.municipality_id"
        " JOIN directions d ON d.id = p.direction_id"
        " LEFT JOIN commission_marks m ON m.project_id = p.id"
        " WHERE p.competition_id = ? AND p.status IN (" RANKED ")"
        " AND p.score IS NOT NULL"
        " ORDER BY p.score DESC, p.submitted_at IS NULL, p.submitted_at, p.id",
    [Q_PENDING] =
        "SELECT p.id, p.number, p.title, p.org_name AS org,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.project_id = p.id"
        "   AND a.state = 'submitted') AS done,"
        " (SELECT COUNT(*) FROM assignments a WHERE a.project_id = p.id"
        "   AND a.state IN ('assigned', 'submitted')) AS assigned"
        " FROM projects p WHERE p.competition_id = ? AND p.status = 'admitted' ORDER BY p.id",
    [Q_EXPERTS] =
        "SELECT a.id, a.project_id, u.name, a.total, a.overall_comment,"
        " UNIX_TIMESTAMP(a.submitted_at) AS submitted_ts"
        " FROM assignments a JOIN users u ON u.id = a.expert_id"
        " WHERE a.competition_id = ? AND a.state = 'submitted' AND NOT EXISTS" MINE_TO_SCORE
        " ORDER BY a.project_id, a.id",
    [Q_SCORES] =
        "SELECT s.assignment_id, c.name, s.score, c.max_score, c.weight, s.comment"
        " FROM scores s JOIN assignments a ON a.id = s.assignment_id"
        " JOIN criteria c ON c.id = s.criterion_id"
        " WHERE a.competition_id = ? AND a.state = 'submitted' AND NOT EXISTS" MINE_TO_SCORE
        " ORDER BY s.assignment_id, c.sort, c.id",
    [Q_MARK] =
        "INSERT INTO commission_marks (project_id, competition_id, winner, granted_kopecks,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, NOW(), ?)"
        " ON DUPLICATE KEY UPDATE winner = VALUES(winner),"
        " granted_kopecks = VALUES(granted_kopecks), updated_at = NOW(),"
        " updated_by = VALUES(updated_by)",
    [Q_DECIDE] =
        "INSERT INTO commission_decisions (competition_id, decided_on, protocol_number, members,"
        " recorded_at, recorded_by) VALUES (?, ?, ?, ?, NOW(), ?)",
};
GF_STATEMENTS(Q, Q__MAX);

/* Limits of what the secretary types. */
enum { AMOUNT_MAX = 30, NUMBER_MAX = 50, MEMBERS_MAX = 50, MEMBER_MAX = 200 };

static const char *sv(gf_req *r, const char *key)
{
    return hdf_get_value(r->hdf, key, "");
}

static long long iv(HDF *h, const char *key)
{
    return atoll(hdf_get_value(h, key, "0"));
}

/* ---- the list ------------------------------------------------------------- */

static NEOERR *list(gf_req *r)
{
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_LIST], NOARGS, r->hdf, "Comps", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", "Конкурсная комиссия");
    gf_set(r->hdf, "Page.Nav", "commission");
    r->page = "commission_list.cs";
    return STATUS_OK;
}

/* ---- what a competition's pages show ------------------------------------ */

/* Comp.* (a competition in review, commission or results; else 404) and
 * Decision.* with Decided = 1 once the decision is recorded. */
static NEOERR *load_comp(gf_req *r)
{
    int found = 0, y, m, d;
    NEOERR *err;

    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(r->id)), r->hdf, "Comp", &found)))
        return nerr_pass(err);
    if (!found)
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld is not before the commission", r->id);
    if ((err = gf_db_row(Q[Q_DECISION], ARGS(A_INT(r->id)), r->hdf, "Decision", &found)))
        return nerr_pass(err);
    gf_set(r->hdf, "Decided", found ? "1" : "");
    if (found && gf_parse_date(sv(r, "Decision.decided_on"), &y, &m, &d))
        gf_setf(r->hdf, "Decision.date=%02d.%02d.%04d", d, m, y);
    if (found) {
        /* the members, one a line, as a list */
        char *members = strdup(sv(r, "Decision.members")), *save = NULL;
        int n = 0;
        if (!members)
            gf_must(nerr_raise(NERR_NOMEM, "members"));
        for (char *t = strtok_r(members, "\n", &save); t; t = strtok_r(NULL, "\n", &save))
            gf_setf(r->hdf, "Decision.Members.%d=%s", n++, t);
        free(members);
    }
    return STATUS_OK;
}

/* Ranking.<i>.* with its place and texts; Totals.* over it. */
static NEOERR *load_ranking(gf_req *r)
{
    long long requested = 0, granted = 0, fund = iv(r->hdf, "Comp.fund_kopecks");
    int place = 0, winners = 0;
    char text[64], version[65];
    STRING marks;
    NEOERR *err;

    if ((err = gf_db_rows(Q[Q_RANKING], ARGS(A_INT(r->id)), r->hdf, "Ranking", NULL)))
        return nerr_pass(err);
    string_init(&marks);
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p)) {
        gf_set_int(p, "place", ++place);
        gf_fmt_decimal(hdf_get_value(p, "score", ""), text, sizeof text);
        gf_set(p, "score_text", text);
        requested += iv(p, "requested_kopecks");
        if (hdf_get_int_value(p, "winner", 0)) {
            winners++;
            granted += iv(p, "granted_kopecks");
            gf_must(string_appendf(&marks, "%s:%lld;", hdf_get_value(p, "id", ""),
                                   iv(p, "granted_kopecks")));
        }
    }
    /* the saved marks as the decision form saw them: recording checks them
     * again under the lock, so marks another secretary changed meanwhile
     * are not recorded unseen */
    gf_sha256_hex(marks.buf ? marks.buf : "", marks.len, version);
    string_clear(&marks);
    gf_set(r->hdf, "Totals.marks_version", version);
    gf_setf(r->hdf, "Totals.requested=%lld", requested);
    gf_setf(r->hdf, "Totals.granted=%lld", granted);
    gf_setf(r->hdf, "Totals.remains=%lld", fund - granted);
    gf_set_int(r->hdf, "Totals.winners", winners);
    gf_set_int(r->hdf, "Totals.ranked", place);
    return STATUS_OK;
}

/* Each expert's scores under their application's ranking row:
 * Ranking.<i>.Experts.<j>.{name,total,overall_comment,Scores.<k>.*}. */
static NEOERR *load_experts(gf_req *r)
{
    HDF *t = NULL, *where = NULL;
    char key[64], path[96], text[64];
    int i = 0;
    NEOERR *err;

    if ((err = hdf_init(&t)) || (err = hdf_init(&where)) ||
        (err = gf_db_rows(Q[Q_EXPERTS], ARGS(A_INT(r->id), A_INT(r->user_id)), t, "E", NULL)) ||
        (err = gf_db_rows(Q[Q_SCORES], ARGS(A_INT(r->id), A_INT(r->user_id)), t, "S", NULL)))
        goto done;
    /* where each application's row is: P.<project id> = its index */
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p), i++) {
        snprintf(key, sizeof key, "P.%s", hdf_get_value(p, "id", "0"));
        gf_set_int(where, key, i);
    }
    for (HDF *e = hdf_get_child(t, "E"); e && !err; e = hdf_obj_next(e)) {
        HDF *row;
        snprintf(key, sizeof key, "P.%s", hdf_get_value(e, "project_id", "0"));
        if (!hdf_get_value(where, key, NULL))
            continue;        /* not ranked (yet): listed apart, without scores */
        snprintf(path, sizeof path, "Ranking.%d.Experts", hdf_get_int_value(where, key, 0));
        row = hdf_get_obj(r->hdf, path);
        i = 0;
        for (HDF *c = row ? hdf_obj_child(row) : NULL; c; c = hdf_obj_next(c))
            i++;
        snprintf(path + strlen(path), sizeof path - strlen(path), ".%d", i);
        gf_fmt_decimal(hdf_get_value(e, "total", ""), text, sizeof text);
        gf_set(e, "total_text", text);
        if ((err = hdf_copy(r->hdf, path, e)))
            break;
        snprintf(key, sizeof key, "A.%s", hdf_get_value(e, "id", "0"));
        gf_set(where, key, path);
    }
    for (HDF *s = hdf_get_child(t, "S"); s && !err; s = hdf_obj_next(s)) {
        const char *at;
        HDF *sc;
        snprintf(key, sizeof key, "A.%s", hdf_get_value(s, "assignment_id", "0"));
        if (!(at = hdf_get_value(where, key, NULL)))
            continue;
        snprintf(path, sizeof path, "%s.Scores", at);
        sc = hdf_get_obj(r->hdf, path);
        i = 0;
        for (HDF *c = sc ? hdf_obj_child(sc) : NULL; c; c = hdf_obj_next(c))
            i++;
        snprintf(path + strlen(path), sizeof path - strlen(path), ".%d", i);
        err = hdf_copy(r->hdf, path, s);
    }
done:
    hdf_destroy(&t);
    hdf_destroy(&where);
    return nerr_pass(err);
}

/* The marks form's values from what is stored: a marked winner's amount,
 * else the amount requested. */
static void form_from_marks(gf_req *r)
{
    char buf[64];

    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p)) {
        int winner = hdf_get_int_value(p, "winner", 0);
        gr_fmt_money_input(winner && hdf_get_value(p, "granted_kopecks", NULL)
                               ? iv(p, "granted_kopecks") : iv(p, "requested_kopecks"),
                           buf, sizeof buf);
        gf_set(p, "form_amount", buf);
        gf_set(p, "form_winner", winner ? "1" : "");
    }
}

/* Who may do what on the page. */
static void mays(gf_req *r)
{
    int open = !strcmp(sv(r, "Comp.stage"), "commission") && !*sv(r, "Decided");

    gf_set(r->hdf, "MayMark", open && (r->roles & GR_SECRETARY) ? "1" : "");
    gf_set(r->hdf, "MayPublish",
           !strcmp(sv(r, "Comp.stage"), "commission") && *sv(r, "Decided") && (r->roles & GR_STAFF)
               ? "1" : "");
}

/* Everything the ranking page shows besides Comp, Decision and Ranking. */
static NEOERR *fill(gf_req *r)
{
    NEOERR *err;

    if ((err = load_experts(r)) ||
        (err = gf_db_rows(Q[Q_PENDING], ARGS(A_INT(r->id)), r->hdf, "Pending", NULL)))
        return nerr_pass(err);
    mays(r);
    gf_set(r->hdf, "Saved", gf_parse_id(gf_param(r, "saved", "")) ? "1" : "");
    gf_set(r->hdf, "JustDecided", gf_parse_id(gf_param(r, "decided", "")) ? "1" : "");
    gf_setf(r->hdf, "Page.Title=Рейтинг заявок: %s", sv(r, "Comp.title"));
    gf_set(r->hdf, "Page.Nav", "commission");
    if (!hdf_get_value(r->hdf, "Query.decided_on", NULL)) {
        char today[11];
        gr_today_msk(today);
        gf_set(r->hdf, "Query.decided_on", today);
    }
    r->page = "commission.cs";
    return STATUS_OK;
}

static NEOERR *show(gf_req *r)
{
    NEOERR *err;

    if ((err = load_comp(r)) || (err = load_ranking(r)))
        return nerr_pass(err);
    form_from_marks(r);
    return nerr_pass(fill(r));
}

/* ---- the marks ----------------------------------------------------------- */

/* Reads the posted marks into the ranking rows (form_winner, form_amount,
 * and post_winner/post_granted as they would be stored); every problem
 * goes next to its row (Form.Error.granted.<id>) or to the form. */
static void read_marks(gf_req *r, int *winners, long long *total)
{
    long long min = iv(r->hdf, "Comp.min_grant_kopecks"), max = iv(r->hdf, "Comp.max_grant_kopecks");
    char key[64], msg[300];

    *winners = 0;
    *total = 0;
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p)) {
        const char *id = hdf_get_value(p, "id", "0"), *text, *problem = NULL;
        long long amount = 0;
        int winner, has_amount;
        snprintf(key, sizeof key, "winner.%s", id);
        winner = !strcmp(gf_input(r, key), "1");
        snprintf(key, sizeof key, "granted.%s", id);
        text = gf_input(r, key);
        gf_set(p, "form_winner", winner ? "1" : "");
        gf_set(p, "form_amount", text);
        has_amount = *text != '\0';
        if (has_amount && (gf_utf8_len(text) < 0 || gf_utf8_len(text) > AMOUNT_MAX ||
                           !gf_single_line(text) || !gf_parse_money(text, &amount)))
            problem = "Сумма — число рублей, например 450 000 или 450 000,50.";
        else if (winner)
            problem = gr_grant_amount_problem(amount, min, max, iv(p, "requested_kopecks"), msg, sizeof msg);
        if (problem) {
            gf_field_error(r, key, problem);
            continue;
        }
        gf_set(p, "post_winner", winner ? "1" : "0");
        if (winner) {
            gf_setf(p, "post_granted=%lld", amount);
            ++*winners;
            *total += amount;
        }
    }
}

/* The page again after a refusal: the rows as posted, nothing stored. */
static NEOERR *again(gf_req *r, int status, const char *form_msg)
{
    gf_db_rollback();
    if (form_msg)
        gf_field_error(r, "form", form_msg);
    r->status = status;
    return nerr_pass(fill(r));
}

/* Begins the transaction of a change: the competition locked, Comp and
 * Decision read under the lock, Ranking too. *open = 0 (and the page
 * shown again with 409) when the marks can no longer change. */
static NEOERR *begin_change(gf_req *r, int *open)
{
    int found = 0;
    NEOERR *err;

    *open = 0;
    if ((err = gf_db_begin()) || (err = gr_review_lock(r->id, r->hdf, &found)))
        return nerr_pass(err);
    if (!found) {
        gf_db_rollback();
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld", r->id);
    }
    if ((err = load_comp(r)) || (err = load_ranking(r)))
        return nerr_pass(err);
    if (*sv(r, "Decided")) {
        form_from_marks(r);
        return nerr_pass(again(r, 409, "Решение комиссии уже записано: отметки победителей "
                                       "больше не меняются."));
    }
    if (strcmp(sv(r, "Comp.stage"), "commission")) {
        form_from_marks(r);
        return nerr_pass(again(r, 409, "Победителей отмечают на этапе работы комиссии, "
                                       "когда все заявки оценены."));
    }
    *open = 1;
    return STATUS_OK;
}

static NEOERR *marks(gf_req *r)
{
    int open = 0, winners = 0;
    long long total = 0;
    char msg[300], reason[200], sum[64], where[80];
    const char *problem;
    NEOERR *err;

    if ((err = begin_change(r, &open)) || !open)
        return nerr_pass(err);
    read_marks(r, &winners, &total);
    if (gf_form_has_errors(r))
        return nerr_pass(again(r, 400, "Отметки не сохранены: исправьте суммы, отмеченные ниже."));
    if ((problem = gr_fund_problem(total, iv(r->hdf, "Comp.fund_kopecks"), msg, sizeof msg)))
        return nerr_pass(again(r, 400, problem));
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p)) {
        int winner = hdf_get_int_value(p, "post_winner", 0);
        if ((err = gf_db_exec(Q[Q_MARK],
                              ARGS(A_INT(iv(p, "id")), A_INT(r->id), A_INT(winner),
                                   winner ? A_INT(iv(p, "post_granted")) : A_NULL,
                                   A_INT(r->user_id)), NULL, NULL)))
            return nerr_pass(err);
    }
    gf_fmt_rub(total, sum, sizeof sum);
    snprintf(reason, sizeof reason, "победителей: %d, сумма: %s", winners, sum);
    if ((err = gr_audit(r, "competition", r->id, "marks", NULL, NULL, reason)) ||
        (err = gf_db_commit()))
        return nerr_pass(err);
    snprintf(where, sizeof where, "/commission/%lld?saved=1#ranking", r->id);
    gf_redirect(r, where);
    return STATUS_OK;
}

/* ---- the decision -------------------------------------------------------- */

/* The members present, one a line: trimmed, empty lines dropped, joined
 * by "\n" into out; problems next to the field. Returns how many. */
static int read_members(gf_req *r, const char *text, STRING *out)
{
    char *copy, *save = NULL;
    int n = 0;

    if (!gf_field_text(r, "members", text, GF_REQUIRED, MEMBERS_MAX * (MEMBER_MAX + 2L)))
        return 0;
    if (!(copy = strdup(text)))
        gf_must(nerr_raise(NERR_NOMEM, "members"));
    for (char *t = strtok_r(copy, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        char *name = gf_trim_dup(t);
        if (*name) {
            if (gf_utf8_len(name) > MEMBER_MAX)
                gf_field_error(r, "members", "Каждое имя — не длиннее 200 символов.");
            if (n++)
                gf_must(string_append(out, "\n"));
            gf_must(string_append(out, name));
        }
        free(name);
    }
    free(copy);
    if (n == 0)
        gf_field_error(r, "members", "Перечислите присутствовавших членов комиссии, по одному в строке.");
    else if (n > MEMBERS_MAX)
        gf_field_error(r, "members", "Не больше 50 членов комиссии.");
    return n;
}

/* The date of the meeting: a real date, not in the future (Moscow). */
static void read_date(gf_req *r, const char *date)
{
    char day[40], today[11];
    int y, m, d;

    if (!*date) {
        gf_field_error(r, "decided_on", "Укажите дату заседания.");
        return;
    }
    if (!gf_parse_date(date, &y, &m, &d) || y < 2000) {
        gf_field_error(r, "decided_on", "Дата заседания — в формате дд.мм.гггг, например 01.03.2027.");
        return;
    }
    snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
    gr_today_msk(today);
    if (strcmp(day, today) > 0)
        gf_field_error(r, "decided_on", "Дата заседания не может быть в будущем.");
}

/* The stored marks still hold: at least one winner, each within the
 * limits and the request, the total within the fund. The problem in
 * Russian into msg, or NULL. */
static const char *marks_problem(gf_req *r, char *msg, size_t n, int *winners, long long *total)
{
    long long min = iv(r->hdf, "Comp.min_grant_kopecks"), max = iv(r->hdf, "Comp.max_grant_kopecks");
    char row[300];

    *winners = 0;
    *total = 0;
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p)) {
        long long amount = iv(p, "granted_kopecks");
        const char *problem;
        if (!hdf_get_int_value(p, "winner", 0))
            continue;
        if ((problem = gr_grant_amount_problem(amount, min, max, iv(p, "requested_kopecks"), row, sizeof row))) {
            snprintf(msg, n, "Отметка заявки %s не годится: %s Исправьте отметки и сохраните их.",
                     hdf_get_value(p, "number", ""), problem);
            gf_utf8_cut(msg);
            return msg;
        }
        ++*winners;
        *total += amount;
    }
    if (*winners == 0)
        return "Сначала отметьте победителей и сохраните отметки.";
    return gr_fund_problem(*total, iv(r->hdf, "Comp.fund_kopecks"), msg, n);
}

static NEOERR *decision(gf_req *r)
{
    const char *date = gf_input_date(r, "decided_on"), *number = gf_input(r, "protocol_number");
    const char *problem;
    STRING members;
    int open = 0, present, winners = 0;
    long long total = 0;
    char msg[400], reason[300], sum[64], where[80], day[16];
    NEOERR *err;

    string_init(&members);
    if ((err = begin_change(r, &open)) || !open)
        goto done;
    form_from_marks(r);
    read_date(r, date);
    gf_field_text(r, "protocol_number", number, GF_REQUIRED | GF_ONE_LINE, NUMBER_MAX);
    present = read_members(r, gf_input(r, "members"), &members);
    if (gf_form_has_errors(r)) {
        err = again(r, 400, "Решение не записано: проверьте поля формы решения.");
        goto done;
    }
    if ((problem = marks_problem(r, msg, sizeof msg, &winners, &total))) {
        err = again(r, 400, problem);
        goto done;
    }
    if (strcmp(gf_input(r, "marks_version"), sv(r, "Totals.marks_version"))) {
        err = again(r, 409, "Решение не записано: отметки победителей изменились после того, как "
                            "вы открыли страницу (их сохранили в другом окне или другой "
                            "пользователь). Проверьте отметки ниже и запишите решение снова.");
        goto done;
    }
    gf_fmt_rub(total, sum, sizeof sum);
    gf_fmt_date(date, day, sizeof day);          /* as /staff/audit's readers write it */
    snprintf(reason, sizeof reason, "протокол № %s, заседание %s, присутствовали: %d, "
             "победителей: %d, сумма: %s", number, day, present, winners, sum);
    if ((err = gf_db_exec(Q[Q_DECIDE], ARGS(A_INT(r->id), A_STR(date), A_STR(number),
                                            A_STR(members.buf), A_INT(r->user_id)), NULL, NULL)) ||
        (err = gr_audit(r, "competition", r->id, "decision", NULL, "recorded", reason)) ||
        (err = gf_db_commit()))
        goto done;
    gf_log("info", "competition %lld: the commission's decision, protocol recorded by user %lld",
           r->id, r->user_id);
    snprintf(where, sizeof where, "/commission/%lld?decided=1", r->id);
    gf_redirect(r, where);
done:
    string_clear(&members);
    return nerr_pass(err);
}

/* ---- the protocol --------------------------------------------------------- */

/* The decided competition's protocol data (404 before the decision):
 * Comp, Decision, Ranking, Winners.<n> (the ranking's winners), Totals. */
static NEOERR *load_protocol(gf_req *r)
{
    int n = 0;
    NEOERR *err;

    if ((err = load_comp(r)))
        return nerr_pass(err);
    if (!*sv(r, "Decided"))
        return nerr_raise(GF_ERR_NOTFOUND, "competition %lld: no decision yet", r->id);
    if ((err = load_ranking(r)))
        return nerr_pass(err);
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p))
        if (hdf_get_int_value(p, "winner", 0)) {
            char name[32];
            snprintf(name, sizeof name, "Winners.%d", n++);
            if ((err = hdf_copy(r->hdf, name, p)))
                return nerr_pass(err);
        }
    return STATUS_OK;
}

static NEOERR *protocol(gf_req *r)
{
    NEOERR *err;

    if ((err = load_protocol(r)))
        return nerr_pass(err);
    gf_setf(r->hdf, "Page.Title=Протокол № %s", sv(r, "Decision.protocol_number"));
    gf_set(r->hdf, "Page.Nav", "commission");
    r->page = "commission_protocol.cs";
    return STATUS_OK;
}

static void pdf_rub(char *buf, size_t n, HDF *h, const char *key)
{
    gf_fmt_rub(iv(h, key), buf, n);
}

static NEOERR *protocol_pdf(gf_req *r)
{
    static const double rank_w[] = {0.75, 1.3, 3.2, 2.1, 0.8, 1.5};
    static const char *const rank_h[] = {"Место", "Номер", "Проект", "Организация", "Балл",
                                         "Запрошено"};
    static const double win_w[] = {1.3, 3.6, 2.6, 1.7};
    static const char *const win_h[] = {"Номер", "Проект", "Организация", "Грант"};
    char line[1200], a[64], b[64], c[64], place[16], *data = NULL;
    gf_pdf *pdf;
    size_t len = 0;
    NEOERR *err;

    if ((err = load_protocol(r)))
        return nerr_pass(err);
    snprintf(line, sizeof line, "Протокол № %s — %s", sv(r, "Decision.protocol_number"),
             sv(r, "Comp.title"));
    gf_utf8_cut(line);
    pdf = gf_pdf_begin("DejaVu Sans", line);
    snprintf(line, sizeof line, "Протокол заседания конкурсной комиссии № %s",
             sv(r, "Decision.protocol_number"));
    gf_pdf_heading(pdf, line);
    snprintf(line, sizeof line, "Конкурс «%s»", sv(r, "Comp.title"));
    gf_utf8_cut(line);
    gf_pdf_paragraph(pdf, line);
    snprintf(line, sizeof line, "Дата заседания: %s", sv(r, "Decision.date"));
    gf_pdf_paragraph(pdf, line);

    gf_pdf_subheading(pdf, "Присутствовали члены комиссии");
    gf_pdf_paragraph(pdf, sv(r, "Decision.members"));

    gf_pdf_subheading(pdf, "Повестка дня");
    snprintf(line, sizeof line, "Об определении победителей конкурса «%s» и размеров грантов "
             "по результатам независимой экспертизы заявок.", sv(r, "Comp.title"));
    gf_utf8_cut(line);
    gf_pdf_paragraph(pdf, line);

    gf_pdf_subheading(pdf, "Рейтинг заявок по итогам экспертизы");
    gf_pdf_table(pdf, 6, rank_w, "llllrr", rank_h);
    for (HDF *p = hdf_get_child(r->hdf, "Ranking"); p; p = hdf_obj_next(p)) {
        const char *cells[6];
        snprintf(place, sizeof place, "%s", hdf_get_value(p, "place", ""));
        pdf_rub(a, sizeof a, p, "requested_kopecks");
        cells[0] = place, cells[1] = hdf_get_value(p, "number", ""),
        cells[2] = hdf_get_value(p, "title", ""), cells[3] = hdf_get_value(p, "org", ""),
        cells[4] = hdf_get_value(p, "score_text", ""), cells[5] = a;
        gf_pdf_table_row(pdf, cells, 0);
    }
    gf_pdf_table_end(pdf);

    gf_pdf_subheading(pdf, "Решили: признать победителями конкурса и предоставить гранты");
    gf_pdf_table(pdf, 4, win_w, "lllr", win_h);
    for (HDF *p = hdf_get_child(r->hdf, "Winners"); p; p = hdf_obj_next(p)) {
        const char *cells[4];
        pdf_rub(a, sizeof a, p, "granted_kopecks");
        cells[0] = hdf_get_value(p, "number", ""), cells[1] = hdf_get_value(p, "title", ""),
        cells[2] = hdf_get_value(p, "org", ""), cells[3] = a;
        gf_pdf_table_row(pdf, cells, 0);
    }
    {
        const char *cells[4];
        pdf_rub(a, sizeof a, r->hdf, "Totals.granted");
        snprintf(place, sizeof place, "%s", sv(r, "Totals.winners"));
        cells[0] = "Итого", cells[1] = "", cells[2] = "", cells[3] = a;
        snprintf(line, sizeof line, "победителей: %s", place);
        cells[1] = line;
        gf_pdf_table_row(pdf, cells, 1);
    }
    gf_pdf_table_end(pdf);
    pdf_rub(a, sizeof a, r->hdf, "Comp.fund_kopecks");
    pdf_rub(b, sizeof b, r->hdf, "Totals.granted");
    pdf_rub(c, sizeof c, r->hdf, "Totals.remains");
    snprintf(line, sizeof line, "Фонд конкурса: %s. Распределено: %s. Остаток: %s.", a, b, c);
    gf_pdf_paragraph(pdf, line);

    gf_pdf_space(pdf, 30);
    gf_pdf_paragraph(pdf, "Председатель комиссии  ____________________ / ____________________");
    gf_pdf_space(pdf, 18);
    snprintf(line, sizeof line, "Секретарь комиссии  ____________________ / %s",
             *sv(r, "Decision.recorder") ? sv(r, "Decision.recorder") : "____________________");
    gf_utf8_cut(line);
    gf_pdf_paragraph(pdf, line);

    if ((err = gf_pdf_end(pdf, &data, &len, NULL)))
        return nerr_pass(err);
    gf_setf(r->hdf, "Download.name=protocol-%lld.pdf", r->id);
    gf_download_data(r, data, len, "application/pdf", sv(r, "Download.name"));
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    static const gf_route routes[] = {
        {"/commission", list, NULL, 0, 0},
        {"/commission/#", show, NULL, 0, 0},
        {"/commission/#/marks", NULL, marks, GR_SECRETARY, 0},
        {"/commission/#/decision", NULL, decision, GR_SECRETARY, 0},
        {"/commission/#/protocol", protocol, NULL, 0, 0},
        {"/commission/#/protocol.pdf", protocol_pdf, NULL, 0, 0},
        {NULL, NULL, NULL, 0, 0},
    };
    /* staff and administrators read (staff publish the decision on their
     * own pages); the secretary marks and records */
    static const gf_program prog = {.name = "commission", .db = GF_DB_WRITE, GR_ROLES,
                                    .roles = GR_SECRETARY | GR_STAFF | GR_ADMIN,
                                    .routes = routes};
    return gf_run(argc, argv, &prog);
}
