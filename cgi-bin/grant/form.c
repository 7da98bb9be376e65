/*
 * form.c — the application form as one table (gr_sections): each
 * section's fields with their rules, its repeated rows, its own checks and
 * its hooks (modelled on the national grant operator's form). The section
 * pages, the navigation, the whole-application view, what is missing and
 * the submit check all read this table, so the rules live only here.
 * Limits come from the competition (App.*), not from constants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grant.h"

/* ---- checks ------------------------------------------------------------- */

struct gr_check { const gr_section *s; HDF *data, *ctx, *errors; int n; };
typedef struct gr_check check_t;

static void fail(check_t *c, const char *field, const char *msg)
{
    gf_error_set(c->errors, field, msg);
    c->n++;
}

static const char *val(check_t *c, const char *field)
{
    return hdf_get_value(c->data, field, "");
}

/* A field's limit: the competition's setting when the field has one. */
static long field_max(const gr_field *f, HDF *ctx)
{
    return f->limit ? hdf_get_int_value(ctx, f->limit, (int)f->max) : f->max;
}

/* A text field by its rule and limit. A choice (a list's id, a date, an
 * amount, a tick) is checked by its section, but never stored long or
 * with control characters: one line, a little over the longest way of
 * writing it («1 500 000,00 руб.»), 40 characters for an id or a tick. */
static void text(check_t *c, const char *name, const gr_field *f)
{
    if (f->rule & GR_CHOICE) {
        if (!gf_text_check(c->errors, name, val(c, name), GF_ONE_LINE, f->max ? f->max + 20 : 40))
            c->n++;
    } else if (!gf_text_check(c->errors, name, val(c, name), f->rule, field_max(f, c->ctx))) {
        c->n++;
    }
}

/* 2027-03-01 as people here write it: 01.03.2027 (buf[16]). */
static const char *ru_date(const char *iso, char *buf)
{
    int y, m, d;

    if (gf_parse_date(iso, &y, &m, &d))
        snprintf(buf, 16, "%02d.%02d.%04d", d, m, y);
    else
        snprintf(buf, 16, "%.15s", iso);
    return buf;
}

static int in_list(HDF *ctx, const char *list, const char *v)
{
    long long id = gf_parse_id(v);
    return id && gr_list_has(ctx, list, id);
}

/* A date field: present and a real date, written either way
 * (gf_parse_date); kept in data as YYYY-MM-DD, the one form the checks
 * compare and <input type=date> shows. A refused one stays as typed. */
static int date(check_t *c, const char *field)
{
    char iso[11];

    if (!*val(c, field)) {
        fail(c, field, "Укажите дату.");
        return 0;
    }
    if (!gf_date_iso(val(c, field), iso)) {
        fail(c, field, gf_date_message(val(c, field)));
        return 0;
    }
    if (strcmp(iso, val(c, field)))
        gf_set(c->data, field, iso);
    return 1;
}

static int count_lines(const char *s)
{
    int n = 0, in = 0;

    for (; *s; s++) {
        if (*s == '\n') {
            in = 0;
        } else if (*s != ' ' && *s != '\r' && *s != '\t' && !in) {
            in = 1;
            n++;
        }
    }
    return n;
}

static int nrows(HDF *data, const char *name)
{
    int n = 0;
    HDF *o = hdf_get_obj(data, name);

    for (o = o ? hdf_obj_child(o) : NULL; o; o = hdf_obj_next(o))
        n++;
    return n;
}

static void check_card(check_t *c)
{
    char f[64], msg[200];
    const char *s, *e, *lo = hdf_get_value(c->ctx, "App.impl_start", ""),
               *hi = hdf_get_value(c->ctx, "App.impl_end", "");
    int ds, de, n;

    if (!in_list(c->ctx, "Directions", val(c, "direction")))
        fail(c, "direction", "Выберите направление из списка конкурса.");
    if (!in_list(c->ctx, "Municipalities", val(c, "municipality")))
        fail(c, "municipality", "Выберите муниципальное образование из списка.");
    ds = date(c, "starts_on");
    de = date(c, "ends_on");
    s = val(c, "starts_on");
    e = val(c, "ends_on");
    if (ds && de) {
        int y1, m1, d1, y2, m2, d2, months, max = hdf_get_int_value(c->ctx, "App.max_months", 18);
        gf_parse_date(s, &y1, &m1, &d1);
        gf_parse_date(e, &y2, &m2, &d2);
        months = (y2 - y1) * 12 + (m2 - m1) + (d2 >= d1 ? 1 : 0);
        if (strcmp(e, s) < 0)
            fail(c, "ends_on", "Дата окончания раньше даты начала.");
        else if (*lo && strcmp(s, lo) < 0) {
            char d[16];
            snprintf(msg, sizeof msg, "Проект начинается не раньше %s — начала периода реализации конкурса.",
                     ru_date(lo, d));
            fail(c, "starts_on", msg);
        } else if (*hi && strcmp(e, hi) > 0) {
            char d[16];
            snprintf(msg, sizeof msg, "Проект заканчивается не позже %s — конца периода реализации конкурса.",
                     ru_date(hi, d));
            fail(c, "ends_on", msg);
        } else if (months > max) {
            snprintf(msg, sizeof msg, "Проект длится не больше %d месяцев.", max);
            fail(c, "ends_on", msg);
        }
    }
    n = count_lines(val(c, "tasks"));
    if (n > GR_MAX_TASKS) {
        snprintf(msg, sizeof msg, "Не больше %d задач — по одной в строке.", GR_MAX_TASKS);
        fail(c, "tasks", msg);
    }
    if (nrows(c->data, "ind") == 0)
        fail(c, "ind", "Добавьте хотя бы один количественный результат: показатель, единицу и значение.");
    for (int i = 0; i < nrows(c->data, "ind"); i++) {
        snprintf(f, sizeof f, "ind.%d.target", i);
        if (gf_parse_count(val(c, f)) == 0)
            fail(c, f, "Целевое значение — целое число больше нуля, например 1 500.");
    }
}

static void check_team(check_t *c)
{
    if (nrows(c->data, "m") == 0)
        fail(c, "m", "Укажите хотя бы руководителя проекта.");
}

static void check_plan(check_t *c)
{
    char f[64], msg[200];
    int n = nrows(c->data, "e");
    int tasks = count_lines(hdf_get_value(c->ctx, "Card.tasks", ""));
    char ps[11], pe[11];      /* the project's dates, as the card has them stored */
    int dates_known = gf_date_iso(hdf_get_value(c->ctx, "Card.starts_on", ""), ps) &&
                      gf_date_iso(hdf_get_value(c->ctx, "Card.ends_on", ""), pe);
    int covered[GR_MAX_TASKS + 1] = {0};

    if (tasks == 0)
        fail(c, "e", "Сначала перечислите задачи проекта в разделе «Карточка проекта».");
    else if (n == 0)
        fail(c, "e", "Добавьте мероприятия календарного плана.");
    for (int i = 0; i < n; i++) {
        long long t;
        int a, b;
        snprintf(f, sizeof f, "e.%d.task", i);
        t = gf_parse_id(val(c, f));
        if (t < 1 || t > tasks)
            fail(c, f, "Выберите задачу проекта.");
        else if (t <= GR_MAX_TASKS)
            covered[t] = 1;
        snprintf(f, sizeof f, "e.%d.starts_on", i);
        a = date(c, f);
        snprintf(f, sizeof f, "e.%d.ends_on", i);
        b = date(c, f);
        if (a && b) {
            char fs[64], fe[64];
            snprintf(fs, sizeof fs, "e.%d.starts_on", i);
            snprintf(fe, sizeof fe, "e.%d.ends_on", i);
            if (strcmp(val(c, fe), val(c, fs)) < 0)
                fail(c, fe, "Дата окончания раньше даты начала.");
            else if (dates_known && (strcmp(val(c, fs), ps) < 0 || strcmp(val(c, fe), pe) > 0)) {
                char a[16], b[16];
                snprintf(msg, sizeof msg, "Мероприятие — в сроки проекта: с %s по %s.",
                         ru_date(ps, a), ru_date(pe, b));
                fail(c, strcmp(val(c, fs), ps) < 0 ? fs : fe, msg);   /* the date that is out */
            }
        }
    }
    for (int t = 1; t <= tasks && t <= GR_MAX_TASKS && n > 0; t++)
        if (!covered[t]) {
            snprintf(msg, sizeof msg, "Для задачи %d нет ни одного мероприятия.", t);
            fail(c, "e", msg);
            break;
        }
}

/* Adds v to the kopecks at key in data. */
static void add_to(HDF *data, const char *key, long long v)
{
    gf_setf(data, "%s=%lld", key, atoll(hdf_get_value(data, key, "0")) + v);
}

/* Zeroes the sums of one group (Totals.cat.<code> or Totals.other): a
 * draft read back holds the sums of its last save. */
static void zero_group(HDF *g)
{
    static const char *const sums[] = {"total", "cofin", "requested", "uncounted", NULL};

    for (int i = 0; sums[i]; i++)
        gf_set(g, sums[i], "0");
}

/* A share in tenths of a percent, or a percentage in hundredths, as
 * people read it: "7,5", "10", "12,25" (buf[32]). */
static const char *pct_text(long long v, int decimals, char *buf)
{
    long long unit = decimals == 1 ? 10 : 100, frac = v % unit;

    if (!frac)
        snprintf(buf, 32, "%lld", v / unit);
    else if (decimals == 2 && frac % 10 == 0)
        snprintf(buf, 32, "%lld,%lld", v / unit, frac / 10);
    else
        snprintf(buf, 32, decimals == 1 ? "%lld,%lld" : "%lld,%02lld", v / unit, frac);
    return buf;
}

/* The largest total a budget line may have (kopecks): 100 lines of it
 * and a percentage in hundredths still fit a long long. */
#define LINE_MAX_KOPECKS 1000000000000LL

static void check_budget(check_t *c)
{
    char f[128], g[48], msg[1100], rub1[64], rub2[64], rub3[64], a[32], b[32];
    int n = nrows(c->data, "b"), uncounted = 0, lost[10];
    long long total = 0, cofin = 0, req;
    long long min = atoll(hdf_get_value(c->ctx, "App.min_grant_kopecks", "0")),
              max = atoll(hdf_get_value(c->ctx, "App.max_grant_kopecks", "0"));
    long long pct = (long long)(atof(hdf_get_value(c->ctx, "App.cofin_min_pct", "0")) * 100 + 0.5);
    HDF *o;

    if (n == 0)
        fail(c, "b", "Добавьте статьи расходов.");
    for (o = hdf_get_obj(c->data, "Totals.cat"), o = o ? hdf_obj_child(o) : NULL; o; o = hdf_obj_next(o))
        zero_group(o);
    if ((o = hdf_get_obj(c->data, "Totals.other")))
        zero_group(o);
    for (int i = 0; i < n; i++) {
        long long price = 0, co = 0, qty;
        int ok = 1;
        snprintf(f, sizeof f, "b.%d.cat", i);
        /* the line's group: its category, or "other" while it has none */
        if (in_list(c->ctx, "Categories", val(c, f))) {
            snprintf(g, sizeof g, "Totals.cat.%s", val(c, f));
        } else {
            fail(c, f, "Выберите статью бюджета.");
            snprintf(g, sizeof g, "Totals.other");
        }
        snprintf(f, sizeof f, "%s.total", g);
        add_to(c->data, f, 0);
        snprintf(f, sizeof f, "b.%d.price", i);
        if (!gf_parse_money(val(c, f), &price) || price <= 0) {
            fail(c, f, "Стоимость единицы в рублях, например 1 500, 1500,50 или 150 000 руб.");
            ok = 0;
        }
        snprintf(f, sizeof f, "b.%d.qty", i);
        qty = gf_parse_count(val(c, f));
        if (qty < 1 || qty > 1000000) {
            fail(c, f, "Количество — целое число от 1.");
            ok = 0;
        }
        snprintf(f, sizeof f, "b.%d.cofin", i);
        if (*val(c, f) && !gf_parse_money(val(c, f), &co)) {
            fail(c, f, "Софинансирование в рублях (например 15 000) или пусто.");
            ok = 0;
        }
        if (ok && qty > LINE_MAX_KOPECKS / price) {
            snprintf(f, sizeof f, "b.%d.price", i);
            fail(c, f, "Слишком большая сумма по строке.");
            ok = 0;
        }
        if (ok && co > price * qty) {
            snprintf(f, sizeof f, "b.%d.cofin", i);
            fail(c, f, "Софинансирование не может быть больше суммы по строке.");
            ok = 0;
        }
        snprintf(f, sizeof f, "b.%d.total_k", i);
        gf_set(c->data, f, "");
        snprintf(f, sizeof f, "b.%d.requested_k", i);
        gf_set(c->data, f, "");
        if (!ok) {               /* named next to its fields and in the totals */
            snprintf(f, sizeof f, "%s.uncounted", g);
            add_to(c->data, f, 1);
            if (uncounted < 10)
                lost[uncounted] = i + 1;
            uncounted++;
            continue;
        }
        snprintf(f, sizeof f, "b.%d.total_k", i);
        gf_setf(c->data, "%s=%lld", f, price * qty);
        snprintf(f, sizeof f, "b.%d.requested_k", i);
        gf_setf(c->data, "%s=%lld", f, price * qty - co);
        snprintf(f, sizeof f, "%s.total", g);
        add_to(c->data, f, price * qty);
        snprintf(f, sizeof f, "%s.cofin", g);
        add_to(c->data, f, co);
        snprintf(f, sizeof f, "%s.requested", g);
        add_to(c->data, f, price * qty - co);
        total += price * qty;
        cofin += co;
    }
    req = total - cofin;
    gf_setf(c->data, "Totals.total=%lld", total);
    gf_setf(c->data, "Totals.cofin=%lld", cofin);
    gf_setf(c->data, "Totals.requested=%lld", req);
    gf_set_int(c->data, "Totals.uncounted", uncounted);
    if (uncounted) {
        /* the lines by their names (a save may regroup them, so numbers
         * could point elsewhere): «строки «Бухгалтер», № 5 и «Автобус»» */
        char list[800] = "", item[96];   /* 10 items of at most 68 bytes */
        int shown = uncounted < 10 ? uncounted : 10;
        for (int k = 0; k < shown; k++) {
            size_t len = strlen(list);
            snprintf(f, sizeof f, "b.%d.name", lost[k] - 1);
            if (*val(c, f)) {
                snprintf(item, sizeof item, "«%.60s", val(c, f));
                gf_utf8_cut(item);
                strcat(item, "»");
            } else {
                snprintf(item, sizeof item, "№\xC2\xA0%d", lost[k]);
            }
            snprintf(list + len, sizeof list - len, "%s%s",
                     !k ? "" : k == shown - 1 && uncounted == shown ? " и " : ", ", item);
        }
        if (uncounted > shown) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, " и ещё %d", uncounted - shown);
        }
        snprintf(msg, sizeof msg, "В итоговые суммы не %s %s %s: %s не распознаны — "
                 "исправьте отмеченные поля.", uncounted == 1 ? "вошла" : "вошли",
                 uncounted == 1 ? "строка" : "строки", list,
                 uncounted == 1 ? "её суммы" : "их суммы");
        fail(c, "total", msg);
    }
    if (c->n || n == 0)
        return;
    gf_fmt_rub(min, rub1, sizeof rub1);
    gf_fmt_rub(max, rub2, sizeof rub2);
    gf_fmt_rub(req, rub3, sizeof rub3);
    if ((min && req < min) || (max && req > max)) {
        snprintf(msg, sizeof msg, "Запрашиваемая сумма должна быть от %s до %s (сейчас %s).",
                 rub1, rub2, rub3);
        fail(c, "total", msg);
    } else if (pct > 0 && cofin * 10000 < pct * total) {
        /* the co-financing it takes, rounded up to a kopeck */
        gf_fmt_rub((pct * total + 9999) / 10000 - cofin, rub3, sizeof rub3);
        snprintf(msg, sizeof msg, "Софинансирование %s\xC2\xA0%% — нужно не менее %s\xC2\xA0%%: "
                 "добавьте ещё %s.", pct_text(total ? cofin * 1000 / total : 0, 1, a),
                 pct_text(pct, 2, b), rub3);
        fail(c, "total", msg);
    }
}

static void check_consent(check_t *c)
{
    if (strcmp(val(c, "pd"), "1"))
        fail(c, "pd", "Без согласия на обработку персональных данных заявку подать нельзя.");
    if (*val(c, "publish") && strcmp(val(c, "publish"), "1"))
        fail(c, "publish", "Отметьте согласие или оставьте поле пустым.");
}

/* ---- hooks -------------------------------------------------------------- */

enum { Q_TITLE, Q__MAX };
static const char *const Q[] = {
    /* the card's title names the draft in «Мои заявки» */
    [Q_TITLE] = "UPDATE projects SET title = LEFT(?, 300) WHERE id = ? AND status = 'draft'",
};
GF_STATEMENTS(Q, Q__MAX);

static NEOERR *card_saved(gf_req *r, long long id, HDF *data)
{
    (void)r;
    return nerr_pass(gf_db_exec(Q[Q_TITLE], ARGS(A_STR(hdf_get_value(data, "title", "")),
                                                 A_INT(id)), NULL, NULL));
}

/* The plan is tied to the card's tasks and dates: Card.* and Tasks.<n>. */
static NEOERR *plan_prepare(gf_req *r, long long id)
{
    char *tasks, *line, *save = NULL;
    int n = 0;
    NEOERR *err;

    if ((err = gr_draft_load(r, id, "card", r->hdf, "Card")))
        return nerr_pass(err);
    if (!(tasks = strdup(hdf_get_value(r->hdf, "Card.tasks", ""))))
        return nerr_raise(NERR_NOMEM, "tasks");
    for (line = strtok_r(tasks, "\n", &save); line && n < GR_MAX_TASKS; line = strtok_r(NULL, "\n", &save)) {
        char *t = gf_trim_dup(line);
        if (t && *t)
            gf_setf(r->hdf, "Tasks.%d=%s", ++n, t);
        free(t);
    }
    free(tasks);
    return STATUS_OK;
}

/* ---- the table ---------------------------------------------------------- */

#define ONE (GF_REQUIRED | GF_ONE_LINE)
static const gr_field card[] = {
    {"title", ONE, 300, "App.title_max", "Название проекта"},
    {"direction", GR_CHOICE, 0, NULL, "Направление"},
    {"municipality", GR_CHOICE, 0, NULL, "Основное муниципальное образование"},
    {"starts_on", GR_CHOICE, 10, NULL, "Дата начала"},
    {"ends_on", GR_CHOICE, 10, NULL, "Дата окончания"},
    {"summary", GF_REQUIRED, 1000, "App.summary_max", "Краткое описание"},
    {"problem", GF_REQUIRED, 5000, "App.problem_max", "Описание проблемы и обоснование значимости"},
    {"target_groups", GF_REQUIRED, 2000, NULL, "Целевые группы"},
    {"goal", GF_REQUIRED, 1000, NULL, "Цель проекта"},
    {"tasks", GF_REQUIRED, 3000, NULL, "Задачи проекта"},
    {"qual_results", GF_REQUIRED, 3000, NULL, "Качественные результаты"},
    {"geography", GF_OPTIONAL, 1000, NULL, "География проекта"},
    {NULL, 0, 0, NULL, NULL},
};
static const gr_field indicator[] = {
    {"name", ONE, 300, NULL, "Показатель"}, {"unit", ONE, 50, NULL, "Единица"}, {"target", GR_CHOICE, 12, NULL, "Значение"},
    {NULL, 0, 0, NULL, NULL},
};
static const gr_field member[] = {
    {"name", ONE, 200, NULL, "ФИО"}, {"role", ONE, 200, NULL, "Роль в проекте"}, {"experience", GF_OPTIONAL, 2000, NULL, "Опыт"},
    {NULL, 0, 0, NULL, NULL},
};
static const gr_field event[] = {
    {"task", GR_CHOICE, 0, NULL, "Задача"}, {"title", GF_REQUIRED, 500, NULL, "Мероприятие"},
    {"starts_on", GR_CHOICE, 10, NULL, "Начало"}, {"ends_on", GR_CHOICE, 10, NULL, "Окончание"},
    {"result", GF_REQUIRED, 1000, NULL, "Ожидаемый результат"},
    {NULL, 0, 0, NULL, NULL},
};
static const gr_field budget_line[] = {
    {"cat", GR_CHOICE, 0, NULL, "Статья"}, {"name", ONE, 300, NULL, "Наименование расхода"}, {"price", GR_CHOICE, 20, NULL, "Цена единицы"},
    {"qty", GR_CHOICE, 10, NULL, "Количество"}, {"cofin", GR_CHOICE, 20, NULL, "Софинансирование"},
    {"comment", GF_OPTIONAL, 1000, NULL, "Комментарий"},
    {NULL, 0, 0, NULL, NULL},
};
static const gr_field consent[] = {
    {"pd", GR_CHOICE, 0, NULL, "Согласие на обработку персональных данных"}, {"publish", GR_CHOICE, 0, NULL, "Согласие на публикацию"},
    {NULL, 0, 0, NULL, NULL},
};
static const gr_field none[] = {{NULL, 0, 0, NULL, NULL}};

const gr_section gr_sections[] = {
    {.name = "card", .title = "Карточка проекта", .fields = card,
     .rows = "ind", .rows_label = "Количественные результаты", .row_fields = indicator, .max_rows = 20,
     .check = check_card, .saved = card_saved},
    {.name = "team", .title = "Команда проекта", .fields = none,
     .rows = "m", .rows_label = "Участники", .row_fields = member, .max_rows = 50, .check = check_team},
    {.name = "plan", .title = "Календарный план", .fields = none,
     .rows = "e", .rows_label = "Мероприятия", .row_fields = event, .max_rows = 100,
     .check = check_plan, .prepare = plan_prepare},
    {.name = "budget", .title = "Бюджет", .fields = none,
     .rows = "b", .rows_label = "Статьи расходов", .row_fields = budget_line, .max_rows = 100, .check = check_budget},
    {.name = "files", .title = "Вложения", .fields = none, .own_program = 1, .optional = 1},
    {.name = "consent", .title = "Согласия", .fields = consent, .check = check_consent},
    {.name = NULL},
};

const gr_section *gr_section_find(const char *name)
{
    for (const gr_section *s = gr_sections; name && s->name; s++)
        if (!strcmp(s->name, name))
            return s;
    return NULL;
}

/* ---- from the form, checks, limits -------------------------------------- */

/* The message for a value refused whole (gr_section_keep_refused keeps
 * what was stored before). */
static const char refused_msg[] = "Текст содержит недопустимые символы (неверная кодировка UTF-8 "
    "или нулевой символ) и не сохранён: в черновике осталось прежнее значение этого поля.";

/* Puts one trimmed value into data, unless it is not valid UTF-8 (or held
 * a NUL, see lib/body.c): that is a field error (the browser sent
 * something no one typed), and the field is left out so the rest of the
 * draft can be saved. */
static void take(HDF *data, HDF *errors, const char *key, const char *value)
{
    char *t = gf_trim_dup(value);

    if (!t)
        gf_must(nerr_raise(NERR_NOMEM, "trim"));
    if (gf_utf8_len(t) < 0)
        gf_error_set(errors, key, refused_msg);
    else
        gf_set(data, key, t);
    free(t);
}

NEOERR *gr_section_from_form(const gr_section *s, HDF *query, HDF *data, HDF *errors)
{
    char key[128];

    for (const gr_field *f = s->fields; f && f->name; f++)
        take(data, errors, f->name, hdf_get_value(query, f->name, ""));
    if (s->rows) {
        int out = 0, seen = 0;
        HDF *o = hdf_get_obj(query, s->rows);
        for (o = o ? hdf_obj_child(o) : NULL; o; o = hdf_obj_next(o)) {
            int empty = 1;
            if (!strcmp(hdf_get_value(o, "del", ""), "1"))
                continue;                       /* «Удалить строку» ticked */
            for (const gr_field *f = s->row_fields; f->name; f++) {
                const char *v = hdf_get_value(o, f->name, "");
                empty &= v[strspn(v, " \t\r\n")] == '\0';
            }
            if (empty || ++seen > s->max_rows)
                continue;
            for (const gr_field *f = s->row_fields; f->name; f++) {
                snprintf(key, sizeof key, "%s.%d.%s", s->rows, out, f->name);
                take(data, errors, key, hdf_get_value(o, f->name, ""));
            }
            out++;
        }
        if (seen > s->max_rows) {
            char msg[400];
            snprintf(msg, sizeof msg, "Не больше %d строк: в форме %d. Раздел не сохранён — в черновике "
                     "осталось прежнее; ниже первые %d строк из формы. Удалите лишние (отметьте "
                     "«Удалить строку») и сохраните снова.", s->max_rows, seen, s->max_rows);
            gf_error_set(errors, s->rows, msg);
            return nerr_raise(GF_ERR_TOOLARGE, "%s: %d rows, at most %d", s->name, seen, s->max_rows);
        }
    }
    return STATUS_OK;
}

/* Walks the refused fields (errors with refused_msg) under node, named
 * prefix…, and puts the stored value back into data. */
static void keep(HDF *node, const char *prefix, HDF *data, HDF *stored)
{
    char key[256];

    for (HDF *e = hdf_obj_child(node); e; e = hdf_obj_next(e)) {
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(e));
        if (hdf_obj_child(e))
            keep(e, key, data, stored);
        else if (hdf_obj_value(e) && !strcmp(hdf_obj_value(e), refused_msg) &&
                 hdf_get_value(stored, key, NULL))
            gf_set(data, key, hdf_get_value(stored, key, ""));
    }
}

void gr_section_keep_refused(HDF *data, HDF *stored, HDF *errors)
{
    keep(errors, "", data, stored);
}

int gr_section_check(const gr_section *s, HDF *data, HDF *ctx, HDF *errors)
{
    check_t c = {s, data, ctx, errors, 0};
    char key[128];

    for (const gr_field *f = s->fields; f && f->name; f++)
        text(&c, f->name, f);
    for (int i = 0, n = s->rows ? nrows(data, s->rows) : 0; i < n; i++)
        for (const gr_field *f = s->row_fields; f->name; f++) {
            snprintf(key, sizeof key, "%s.%d.%s", s->rows, i, f->name);
            text(&c, key, f);
        }
    if (s->check)
        s->check(&c);
    return c.n;
}

static const char *label_of(const gr_field *f, const char *name)
{
    for (; f && f->name; f++)
        if (!strcmp(f->name, name))
            return f->label;
    return NULL;
}

const char *gr_field_label(const gr_section *s, const char *key, char *buf, size_t n)
{
    size_t rl = s->rows ? strlen(s->rows) : 0;
    const char *l;

    if (rl && !strncmp(key, s->rows, rl) && (key[rl] == '.' || !key[rl])) {
        char *end;
        long row = key[rl] ? strtol(key + rl + 1, &end, 10) : -1;
        if (row >= 0 && *end == '.' && (l = label_of(s->row_fields, end + 1)))
            snprintf(buf, n, "%s, строка %ld: %s", s->rows_label, row + 1, l);
        else
            snprintf(buf, n, "%s", s->rows_label);
    } else if ((l = label_of(s->fields, key))) {
        snprintf(buf, n, "%s", l);
    } else if (!strcmp(key, "total")) {
        snprintf(buf, n, "Итого");
    } else {
        snprintf(buf, n, "%s", key);
    }
    return buf;
}

void gr_section_limits(const gr_section *s, HDF *ctx, HDF *dst)
{
    char key[128];

    gf_set_int(dst, "Max.tasks_count", GR_MAX_TASKS);
    for (const gr_field *f = s->fields; f && f->name; f++)
        if (f->max) {
            snprintf(key, sizeof key, "Max.%s", f->name);
            gf_set_int(dst, key, (int)field_max(f, ctx));
        }
    for (const gr_field *f = s->row_fields; f && f->name; f++)
        if (f->max) {
            snprintf(key, sizeof key, "Max.%s.%s", s->rows, f->name);
            gf_set_int(dst, key, (int)field_max(f, ctx));
        }
}
