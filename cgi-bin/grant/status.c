/* status.c — the application's state machine as one table: which status
 * may follow which, by what action, and how each status is called in
 * Russian. The programs ask it before they change a status (and then
 * repeat the expected status in the UPDATE's WHERE, so a concurrent
 * change is refused by the database). Later stages (reports) add their
 * rows here. */
#include <string.h>
#include "grant.h"

const gr_transition gr_transitions[] = {
    {"draft", "submitted", "submit"},
    {"submitted", "draft", "withdraw"},
    {"submitted", "admitted", "admit"},
    {"submitted", "returned", "return"},
    {"submitted", "rejected", "reject"},
    {"returned", "submitted", "resubmit"},
    {"returned", "rejected", "reject"},     /* only once its due date has passed (staff_app) */
    {"admitted", "scored", "scored"},       /* every expert has scored (review.c) */
    {"scored", "admitted", "rescore"},      /* an expert was added or removed (review.c) */
    {"scored", "winner", "win"},            /* the commission's decision, published */
    {"scored", "not_winner", "not_win"},
    {NULL, NULL, NULL},
};

static const struct { const char *status, *name; } names[] = {
    {"draft", "Черновик"},
    {"submitted", "Подана"},
    {"returned", "Возвращена на доработку"},
    {"admitted", "Допущена к экспертизе"},
    {"rejected", "Отклонена"},
    {"scored", "Оценена"},
    {"winner", "Победитель"},
    {"not_winner", "Не прошла отбор"},
    {"in_progress", "Реализуется"},
    {"completed", "Завершена"},
    {"withdrawn", "Отозвана"},
    {NULL, NULL},
};

int gr_status_may(const char *from, const char *to)
{
    for (const gr_transition *t = gr_transitions; from && to && t->from; t++)
        if (!strcmp(t->from, from) && !strcmp(t->to, to))
            return 1;
    return 0;
}

const char *gr_status_after(const char *from, const char *action)
{
    for (const gr_transition *t = gr_transitions; from && action && t->from; t++)
        if (!strcmp(t->from, from) && !strcmp(t->action, action))
            return t->to;
    return NULL;
}

const char *gr_status_name(const char *status)
{
    for (int i = 0; status && names[i].status; i++)
        if (!strcmp(names[i].status, status))
            return names[i].name;
    return NULL;
}
