/* competition.c — a competition's rules: its stages and the guards between
 * them, which of its parts may still change at each stage, the national
 * operator's ready sets (criteria, budget categories), its description as
 * safe HTML (cmark), the way its public page reads it, and the few input
 * formats of its settings form (percentages, Moscow time, roubles). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmark.h>
#include "grant.h"

enum { Q_COMP, Q_DIRS, Q_CRITERIA, Q_DOCS, Q__MAX };
static const char *const Q[] = {
    [Q_COMP] =
        "SELECT id, title, description, stage, fund_kopecks, min_grant_kopecks, max_grant_kopecks,"
        " CAST(cofin_min_pct AS DOUBLE) AS cofin_min_pct, UNIX_TIMESTAMP(opens_at) AS opens_ts,"
        " UNIX_TIMESTAMP(closes_at) AS closes_ts,"
        " UNIX_TIMESTAMP(impl_start) AS impl_start_ts, UNIX_TIMESTAMP(impl_end) AS impl_end_ts,"
        " experts_per_app, blind_review, UNIX_TIMESTAMP(published_at) AS published_ts,"
        " " GR_COMP_OPEN_SQL("competitions") " AS open,"
        " GREATEST(TIMESTAMPDIFF(DAY, NOW(), closes_at), 0) AS days_left,"
        " GREATEST(TIMESTAMPDIFF(HOUR, NOW(), closes_at) % 24, 0) AS hours_left"
        " FROM competitions WHERE id = ? AND (stage <> 'draft' OR ?)",
    [Q_DIRS] =
        "SELECT d.id, d.name FROM competition_directions cd JOIN directions d ON d.id = cd.direction_id"
        " WHERE cd.competition_id = ? ORDER BY d.sort",
    [Q_CRITERIA] =
        "SELECT name, description, max_score, CAST(weight AS DOUBLE) AS weight FROM criteria"
        " WHERE competition_id = ? ORDER BY sort, id",
    [Q_DOCS] =
        "SELECT id, title, orig_name, mime, size FROM competition_documents"
        " WHERE competition_id = ? ORDER BY id",
};
GF_STATEMENTS(Q, Q__MAX);

/* ---- stages ------------------------------------------------------------- */

const char *const gr_stages[] = {"draft", "announced", "intake", "review", "commission",
                                 "results", "reporting", "closed", NULL};

int gr_stage_index(const char *stage)
{
    for (int i = 0; stage && gr_stages[i]; i++)
        if (!strcmp(stage, gr_stages[i]))
            return i;
    return -1;
}

const char *gr_stage_next(const char *stage)
{
    int i = gr_stage_index(stage);

    return i < 0 ? NULL : gr_stages[i + 1];
}

const char *gr_stage_refusal(const char *from, const char *to, const gr_comp_facts *f)
{
    const char *next = gr_stage_next(from);

    if (!next || !to || strcmp(next, to))
        return "Конкурс переходит только на следующий этап, по порядку.";
    if (!strcmp(to, "announced")) {
        if (!f->described)
            return "Перед объявлением заполните описание конкурса.";
        if (!f->directions)
            return "Перед объявлением выберите хотя бы одно направление.";
        if (!f->window_ok)
            return "Перед объявлением проверьте сроки: приём заявок должен закончиться позже, чем начнётся.";
    }
    if (!strcmp(to, "intake")) {
        if (!f->documents)
            return "Приём заявок нельзя открыть без документов конкурса: загрузите положение.";
        if (!f->criteria)
            return "Приём заявок нельзя открыть без критериев оценки.";
        if (!f->categories)
            return "Приём заявок нельзя открыть без статей бюджета.";
        if (!f->closes_future)
            return "Срок приёма заявок уже прошёл: сначала измените дату окончания приёма.";
    }
    if (!strcmp(to, "review")) {
        if (f->closes_future)
            return "Экспертиза начинается только после окончания приёма заявок.";
        if (f->unchecked)
            return "Не все заявки проверены на соответствие требованиям: примите решение по каждой "
                   "поданной заявке (реестр заявок, статус «Подана»).";
        if (f->correcting)
            return "Не истёк срок доработки у заявок, возвращённых на доработку: дождитесь повторной "
                   "подачи или окончания срока.";
    }
    if (!strcmp(to, "commission")) {
        if (f->admitted)
            return "Не все допущенные заявки оценены: дождитесь оценок экспертов по каждой заявке "
                   "(страница «Эксперты и оценки»).";
        if (!f->scored)
            return "Нет ни одной оценённой заявки: комиссии нечего рассматривать.";
    }
    if (!strcmp(to, "results")) {
        if (!f->publishing)
            return "Итоги публикуются кнопкой «Опубликовать итоги» на странице публикации: "
                   "она же сообщает результат каждому заявителю.";
        if (!f->decided)
            return "Сначала секретарь комиссии записывает решение комиссии (дата, номер протокола, "
                   "присутствовавшие члены).";
    }
    return NULL;
}

/* What may change at which stages, as a list for FIND_IN_SET and for
 * gr_comp_editable (one table for both). */
static const char *const editable[GR_PART__MAX] = {
    [GR_PART_SETTINGS] = "draft,announced,intake",
    [GR_PART_WINDOW] = "draft,announced",
    [GR_PART_CRITERIA] = "draft,announced,intake",
    [GR_PART_CHECKLIST] = "draft,announced,intake",
    [GR_PART_DOCUMENTS] = "draft,announced,intake,review,commission,results,reporting",
    [GR_PART_DOC_DELETE] = "draft,announced",
    [GR_PART_BUDGET] = "draft,announced",
};

const char *gr_comp_editable_stages(enum gr_comp_part part)
{
    return part >= 0 && part < GR_PART__MAX ? editable[part] : "";
}

int gr_comp_editable(const char *stage, enum gr_comp_part part)
{
    const char *list = gr_comp_editable_stages(part);
    size_t n = stage ? strlen(stage) : 0;

    if (!n)
        return 0;
    for (const char *p = list; *p; p += strcspn(p, ","), p += *p == ',')
        if (strcspn(p, ",") == n && !strncmp(p, stage, n))
            return 1;
    return 0;
}

/* ---- the national operator's ready sets --------------------------------- */

const gr_criterion_preset gr_pgf_criteria[] = {
    {"Актуальность и социальная значимость проекта",
     "Проблема, на решение которой направлен проект, обоснована; проект отвечает потребностям "
     "целевых групп и приоритетам конкурса.", "2", "1"},
    {"Логическая связность и реализуемость проекта",
     "Цель, задачи, мероприятия календарного плана и ожидаемые результаты связаны между собой; "
     "план выполним в заявленные сроки.", "2", "1"},
    {"Инновационность, уникальность проекта",
     "Проект предлагает новые или редкие для территории подходы, методы, услуги.", "0.5", "0.5"},
    {"Соотношение планируемых расходов и ожидаемых результатов",
     "Расходы соразмерны ожидаемым количественным и качественным результатам.", "2", "1.5"},
    {"Реалистичность бюджета проекта",
     "Расходы необходимы для мероприятий проекта, рассчитаны по разумным ценам и обоснованы.", "1", "1.5"},
    {"Масштаб реализации проекта",
     "Охват территорий и целевых групп; возможность распространить опыт на другие территории.", "0", "0.5"},
    {"Собственный вклад организации и дальнейшее развитие проекта",
     "Софинансирование, привлечённые ресурсы, планы продолжения проекта после гранта.", "0.5", "1"},
    {"Опыт организации по успешной реализации проектов",
     "Реализованные организацией проекты по направлению, их результаты.", "0.5", "1"},
    {"Соответствие опыта и компетенций команды проекта",
     "Опыт и квалификация руководителя и команды соответствуют задачам проекта.", "1", "1"},
    {"Информационная открытость организации",
     "Сайт, социальные сети, публикации о деятельности и отчёты организации в открытом доступе.", "0.5", "1"},
    {NULL, NULL, NULL, NULL},
};

const gr_category_preset gr_pgf_categories[] = {
    {1, "Оплата труда"},
    {2, "Командировочные расходы"},
    {3, "Офисные расходы"},
    {4, "Приобретение, аренда специализированного оборудования, инвентаря и сопутствующие расходы"},
    {5, "Разработка и поддержка сайтов, информационных систем и иные аналогичные расходы"},
    {6, "Оплата юридических, информационных, консультационных услуг и иные аналогичные расходы"},
    {7, "Расходы на проведение мероприятий"},
    {8, "Издательские, полиграфические и сопутствующие расходы"},
    {9, "Прочие прямые расходы"},
    {0, NULL},
};

/* ---- the description: Markdown as safe HTML ---------------------------- */

/* cmark (libcmark) since 0.29 is safe by default: raw HTML becomes a
 * comment "raw HTML omitted" and javascript:, vbscript:, file: and data:
 * links (but a few image types) lose their URL. CMARK_OPT_UNSAFE is never
 * passed; CMARK_OPT_SAFE says the intent (it is what older cmark needed).
 * Every text and attribute it writes is escaped by cmark itself. */
NEOERR *gr_markdown(const char *md, HDF *hdf, const char *name)
{
    char *html = cmark_markdown_to_html(md ? md : "", md ? strlen(md) : 0,
                                        CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 |
                                        CMARK_OPT_SMART);

    if (!html)
        return nerr_raise(NERR_NOMEM, "cmark");
    gf_set(hdf, name, html);
    free(html);
    return STATUS_OK;
}

/* ---- the public page ---------------------------------------------------- */

NEOERR *gr_comp_public(gf_req *r, long long id, int drafts, int *found)
{
    NEOERR *err;

    *found = 0;
    if ((err = gf_db_row(Q[Q_COMP], ARGS(A_INT(id), A_INT(drafts ? 1 : 0)), r->hdf, "Comp", found)))
        return nerr_pass(err);
    if (!*found)
        return STATUS_OK;
    if ((err = gr_markdown(hdf_get_value(r->hdf, "Comp.description", ""), r->hdf,
                           "Comp.description_html")) ||
        (err = gf_db_rows(Q[Q_DIRS], ARGS(A_INT(id)), r->hdf, "Directions", NULL)) ||
        (err = gf_db_rows(Q[Q_CRITERIA], ARGS(A_INT(id)), r->hdf, "Criteria", NULL)) ||
        (err = gf_db_rows(Q[Q_DOCS], ARGS(A_INT(id)), r->hdf, "Documents", NULL)))
        return nerr_pass(err);
    gf_set(r->hdf, "Page.Title", hdf_get_value(r->hdf, "Comp.title", ""));
    return STATUS_OK;
}

/* ---- input formats of the settings form --------------------------------- */

int gr_parse_hundredths(const char *s, long max, long *out)
{
    long whole = 0, frac = 0;
    int digits = 0, fdigits = 0;
    const char *p = s;

    if (!p)
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (++digits > 6)
            return 0;
        whole = whole * 10 + (*p - '0');
    }
    if (*p == ',' || *p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++) {
            if (++fdigits > 2)
                return 0;
            frac = frac * 10 + (*p - '0');
        }
        if (fdigits == 0)
            return 0;
        if (fdigits == 1)
            frac *= 10;
    }
    if (*p == '%')
        p++;
    if (*p || !digits || whole * 100 + frac > max)
        return 0;
    *out = whole * 100 + frac;
    return 1;
}

/* Local time in the site's zone (Site.TimeZone, Moscow by default): the
 * same setting render.c's msk() shows times in. */
static void site_zone(void)
{
    static int set;

    if (!set) {
        setenv("TZ", gf_cfg("Site.TimeZone", "Europe/Moscow"), 1);
        tzset();
        set = 1;
    }
}

void gr_today_msk(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;

    site_zone();
    if (!localtime_r(&now, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
        snprintf(out, 11, "2000-01-01");
}

int gr_parse_msk(const char *s, long long *utc)
{
    struct tm tm, back;
    int y, mo, d, h, mi, n = 0;
    char date[11];
    const char *sep = s ? strpbrk(s, "T ") : NULL, *hm = sep ? sep + 1 : NULL;
    size_t dlen = sep ? (size_t)(sep - s) : 0;
    time_t t;

    /* the date either way (gf_parse_date), then HH:MM */
    if (!sep || dlen < 8 || dlen > 10 || strlen(hm) < 5 || strlen(hm) > 8)
        return 0;
    memcpy(date, s, dlen);
    date[dlen] = '\0';
    /* the years the database's timestamps hold (FROM_UNIXTIME: 1970–2038) */
    if (!gf_parse_date(date, &y, &mo, &d) || y < 2000 || y > 2037 ||
        sscanf(hm, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5 ||
        hm[0] < '0' || hm[0] > '9' || hm[3] < '0' || hm[3] > '9' || h > 23 || mi > 59)
        return 0;
    /* datetime-local may send seconds: ":00" only (the form has no finer step) */
    if (hm[5] && strcmp(hm + 5, ":00"))
        return 0;
    site_zone();
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    if ((t = mktime(&tm)) == (time_t)-1 || !localtime_r(&t, &back) || back.tm_hour != h ||
        back.tm_min != mi)
        return 0;   /* a local time that does not exist (a DST gap) */
    *utc = (long long)t;
    return 1;
}

void gr_fmt_msk_input(long long utc, char *buf, size_t n)
{
    time_t t = (time_t)utc;
    struct tm tm;

    site_zone();
    if (!localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M", &tm))
        snprintf(buf, n, "%s", "");
}

void gr_fmt_money_input(long long kopecks, char *buf, size_t n)
{
    char digits[32], out[64];
    int len, o = 0;

    if (kopecks < 0)
        kopecks = 0;
    len = snprintf(digits, sizeof digits, "%lld", kopecks / 100);
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ' ';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    if (kopecks % 100)
        snprintf(buf, n, "%s,%02lld", out, kopecks % 100);
    else
        snprintf(buf, n, "%s", out);
}
