/*
 * sections.c — the application form's sections: which fields each holds
 * (modelled on the national grant operator's form) and when a section is
 * complete. Both the section programs (on every save) and the submit
 * (on the whole application) use these, so the rules live only here.
 * Limits come from the competition (App.*), not from constants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

#define MAX_ROWS 60

struct rows { const char *name; const char *const *fields; };

static const char *const card_fields[] = {"title", "direction", "municipality", "starts_on",
    "ends_on", "summary", "problem", "target_groups", "goal", "tasks", "qual_results",
    "geography", NULL};
static const char *const ind_fields[] = {"name", "unit", "target", NULL};
static const char *const team_fields[] = {"name", "role", "experience", NULL};
static const char *const plan_fields[] = {"task", "title", "starts_on", "ends_on", "result", NULL};
static const char *const budget_fields[] = {"cat", "name", "price", "qty", "cofin", "comment", NULL};
static const char *const consent_fields[] = {"pd", "publish", NULL};

static const struct { const char *section; const char *const *fields; struct rows rows; } form[] = {
    {"card", card_fields, {"ind", ind_fields}},
    {"team", NULL, {"m", team_fields}},
    {"plan", NULL, {"e", plan_fields}},
    {"budget", NULL, {"b", budget_fields}},
    {"consent", consent_fields, {NULL, NULL}},
};

static void set_trimmed(HDF *dst, const char *key, const char *value)
{
    char *t = gf_trim_dup(value);
    hdf_set_value(dst, key, t);
    free(t);
}

NEOERR *gf_section_from_form(const char *section, HDF *query, HDF *data)
{
    char key[128];

    for (size_t s = 0; s < sizeof form / sizeof form[0]; s++) {
        if (strcmp(form[s].section, section))
            continue;
        for (int i = 0; form[s].fields && form[s].fields[i]; i++)
            set_trimmed(data, form[s].fields[i], hdf_get_value(query, form[s].fields[i], ""));
        if (form[s].rows.name) {
            int out = 0, seen = 0;
            HDF *o = hdf_get_obj(query, form[s].rows.name);
            for (o = o ? hdf_obj_child(o) : NULL; o && seen < MAX_ROWS; o = hdf_obj_next(o), seen++) {
                int empty = 1;
                for (int f = 0; form[s].rows.fields[f]; f++) {
                    char *t = gf_trim_dup(hdf_get_value(o, form[s].rows.fields[f], ""));
                    empty &= !*t;
                    free(t);
                }
                if (empty)
                    continue;
                for (int f = 0; form[s].rows.fields[f]; f++) {
                    snprintf(key, sizeof key, "%s.%d.%s", form[s].rows.name, out,
                             form[s].rows.fields[f]);
                    set_trimmed(data, key, hdf_get_value(o, form[s].rows.fields[f], ""));
                }
                out++;
            }
        }
        return STATUS_OK;
    }
    return nerr_raise(NERR_ASSERT, "unknown section %s", section);
}

/* ---- checks ------------------------------------------------------------- */

struct check { HDF *data, *ctx, *errors; int n; };

static void fail(struct check *c, const char *field, const char *msg)
{
    char key[128];

    snprintf(key, sizeof key, "%s", field);
    if (!hdf_get_value(c->errors, key, NULL))
        hdf_set_value(c->errors, key, msg);
    c->n++;
}

static const char *val(struct check *c, const char *field)
{
    return hdf_get_value(c->data, field, "");
}

static void text(struct check *c, const char *field, int required, long max, int one_line)
{
    const char *v = val(c, field);
    long n = gf_utf8_len(v);
    char msg[128];

    if (n == 0) {
        if (required)
            fail(c, field, "Заполните это поле.");
    } else if (n < 0) {
        fail(c, field, "Текст содержит недопустимые символы.");
    } else if (n > max) {
        snprintf(msg, sizeof msg, "Не длиннее %ld символов (сейчас %ld).", max, n);
        fail(c, field, msg);
    } else if (one_line && !gf_single_line(v)) {
        fail(c, field, "Одна строка, без переносов.");
    }
}

static int in_list(HDF *ctx, const char *list, const char *v)
{
    long long id = gf_parse_id(v);
    return id && gf_list_has(ctx, list, id);
}

static int date(struct check *c, const char *field)
{
    int y, m, d;

    if (!*val(c, field)) {
        fail(c, field, "Укажите дату.");
        return 0;
    }
    if (!gf_parse_date(val(c, field), &y, &m, &d)) {
        fail(c, field, "Дата в формате ГГГГ-ММ-ДД, например 2027-03-01.");
        return 0;
    }
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

static void check_card(struct check *c)
{
    char f[64], msg[200];
    const char *s, *e, *lo = hdf_get_value(c->ctx, "App.impl_start", ""),
               *hi = hdf_get_value(c->ctx, "App.impl_end", "");
    int ds, de, n;

    text(c, "title", 1, hdf_get_int_value(c->ctx, "App.title_max", 300), 1);
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
            snprintf(msg, sizeof msg, "Проект начинается не раньше %s — начала периода реализации конкурса.", lo);
            fail(c, "starts_on", msg);
        } else if (*hi && strcmp(e, hi) > 0) {
            snprintf(msg, sizeof msg, "Проект заканчивается не позже %s — конца периода реализации конкурса.", hi);
            fail(c, "ends_on", msg);
        } else if (months > max) {
            snprintf(msg, sizeof msg, "Проект длится не больше %d месяцев.", max);
            fail(c, "ends_on", msg);
        }
    }
    text(c, "summary", 1, hdf_get_int_value(c->ctx, "App.summary_max", 1000), 0);
    text(c, "problem", 1, hdf_get_int_value(c->ctx, "App.problem_max", 5000), 0);
    text(c, "target_groups", 1, 2000, 0);
    text(c, "goal", 1, 1000, 0);
    text(c, "tasks", 1, 3000, 0);
    n = count_lines(val(c, "tasks"));
    if (n > 10)
        fail(c, "tasks", "Не больше 10 задач — по одной в строке.");
    text(c, "qual_results", 1, 3000, 0);
    text(c, "geography", 0, 1000, 0);
    if (nrows(c->data, "ind") == 0)
        fail(c, "ind", "Добавьте хотя бы один количественный результат: показатель, единицу и значение.");
    for (int i = 0; i < nrows(c->data, "ind"); i++) {
        snprintf(f, sizeof f, "ind.%d.name", i);
        text(c, f, 1, 300, 1);
        snprintf(f, sizeof f, "ind.%d.unit", i);
        text(c, f, 1, 50, 1);
        snprintf(f, sizeof f, "ind.%d.target", i);
        if (gf_parse_id(val(c, f)) == 0)
            fail(c, f, "Целевое значение — целое число больше нуля.");
    }
}

static void check_team(struct check *c)
{
    char f[64];
    int n = nrows(c->data, "m");

    if (n == 0)
        fail(c, "m", "Укажите хотя бы руководителя проекта.");
    for (int i = 0; i < n; i++) {
        snprintf(f, sizeof f, "m.%d.name", i);
        text(c, f, 1, 200, 1);
        snprintf(f, sizeof f, "m.%d.role", i);
        text(c, f, 1, 200, 1);
        snprintf(f, sizeof f, "m.%d.experience", i);
        text(c, f, 0, 2000, 0);
    }
}

static void check_plan(struct check *c)
{
    char f[64], msg[200];
    int n = nrows(c->data, "e");
    int tasks = count_lines(hdf_get_value(c->ctx, "Card.tasks", ""));
    const char *ps = hdf_get_value(c->ctx, "Card.starts_on", ""),
               *pe = hdf_get_value(c->ctx, "Card.ends_on", "");
    int y, m, d, dates_known = gf_parse_date(ps, &y, &m, &d) && gf_parse_date(pe, &y, &m, &d);
    int covered[11] = {0};

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
        else if (t <= 10)
            covered[t] = 1;
        snprintf(f, sizeof f, "e.%d.title", i);
        text(c, f, 1, 500, 0);
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
                snprintf(msg, sizeof msg, "Мероприятие — в сроки проекта: с %s по %s.", ps, pe);
                fail(c, fs, msg);
            }
        }
        snprintf(f, sizeof f, "e.%d.result", i);
        text(c, f, 1, 1000, 0);
    }
    for (int t = 1; t <= tasks && t <= 10 && n > 0; t++)
        if (!covered[t]) {
            snprintf(msg, sizeof msg, "Для задачи %d нет ни одного мероприятия.", t);
            fail(c, "e", msg);
            break;
        }
}

static void check_budget(struct check *c)
{
    char f[64], msg[256], rub1[64], rub2[64];
    int n = nrows(c->data, "b");
    long long total = 0, cofin = 0, req;
    long long min = atoll(hdf_get_value(c->ctx, "App.min_grant_kopecks", "0")),
              max = atoll(hdf_get_value(c->ctx, "App.max_grant_kopecks", "0"));
    double pct = atof(hdf_get_value(c->ctx, "App.cofin_min_pct", "0"));

    if (n == 0)
        fail(c, "b", "Добавьте статьи расходов.");
    for (int i = 0; i < n; i++) {
        long long price = 0, co = 0, qty;
        int ok = 1;
        snprintf(f, sizeof f, "b.%d.cat", i);
        if (!in_list(c->ctx, "Categories", val(c, f)))
            fail(c, f, "Выберите статью бюджета.");
        snprintf(f, sizeof f, "b.%d.name", i);
        text(c, f, 1, 300, 1);
        snprintf(f, sizeof f, "b.%d.price", i);
        if (!gf_parse_money(val(c, f), &price) || price <= 0) {
            fail(c, f, "Стоимость единицы в рублях, например 1 500 или 1500,50.");
            ok = 0;
        }
        snprintf(f, sizeof f, "b.%d.qty", i);
        qty = gf_parse_id(val(c, f));
        if (qty < 1 || qty > 1000000) {
            fail(c, f, "Количество — целое число от 1.");
            ok = 0;
        }
        snprintf(f, sizeof f, "b.%d.cofin", i);
        if (*val(c, f) && !gf_parse_money(val(c, f), &co)) {
            fail(c, f, "Софинансирование в рублях или пусто.");
            ok = 0;
        }
        snprintf(f, sizeof f, "b.%d.comment", i);
        text(c, f, 0, 1000, 0);
        if (!ok)
            continue;
        if (price > 0 && qty > (long long)9e15 / price) {
            fail(c, "total", "Слишком большая сумма.");
            continue;
        }
        if (co > price * qty) {
            snprintf(f, sizeof f, "b.%d.cofin", i);
            fail(c, f, "Софинансирование не может быть больше суммы по статье.");
            continue;
        }
        snprintf(f, sizeof f, "b.%d.total_k", i);
        hdf_set_valuef(c->data, "%s=%lld", f, price * qty);
        snprintf(f, sizeof f, "b.%d.requested_k", i);
        hdf_set_valuef(c->data, "%s=%lld", f, price * qty - co);
        total += price * qty;
        cofin += co;
    }
    req = total - cofin;
    hdf_set_valuef(c->data, "Totals.total=%lld", total);
    hdf_set_valuef(c->data, "Totals.cofin=%lld", cofin);
    hdf_set_valuef(c->data, "Totals.requested=%lld", req);
    if (c->n || n == 0)
        return;
    gf_fmt_rub(min, rub1, sizeof rub1);
    gf_fmt_rub(max, rub2, sizeof rub2);
    if ((min && req < min) || (max && req > max)) {
        snprintf(msg, sizeof msg, "Запрашиваемая сумма должна быть от %s до %s.", rub1, rub2);
        fail(c, "total", msg);
    } else if (pct > 0 && (double)cofin * 100.0 < pct * (double)total) {
        snprintf(msg, sizeof msg, "Софинансирование должно быть не меньше %.0f%% от общей суммы расходов.", pct);
        fail(c, "total", msg);
    }
}

static void check_consent(struct check *c)
{
    if (strcmp(val(c, "pd"), "1"))
        fail(c, "pd", "Без согласия на обработку персональных данных заявку подать нельзя.");
}

int gf_section_check(const char *section, HDF *data, HDF *ctx, HDF *errors)
{
    struct check c = {data, ctx, errors, 0};

    if (!strcmp(section, "card")) check_card(&c);
    else if (!strcmp(section, "team")) check_team(&c);
    else if (!strcmp(section, "plan")) check_plan(&c);
    else if (!strcmp(section, "budget")) check_budget(&c);
    else if (!strcmp(section, "consent")) check_consent(&c);
    return c.n;
}
