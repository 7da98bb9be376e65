/* commission.c — the commission's limits on what it grants: each winner's
 * amount within the competition's minimum and maximum and the amount
 * requested, the winners' total within the fund. The secretary's marks
 * and the decision (cgi-bin/commission.c) and the publication
 * (cgi-bin/publish.c) ask the same questions here. Pure: unit tested. */
#include <stdio.h>
#include "grant.h"

const char *gr_grant_amount_problem(long long amount, long long min, long long max,
                                    long long requested, char *msg, size_t n)
{
    char lim[64];

    if (amount <= 0)
        return "Укажите сумму гранта победителю.";
    if (min > 0 && amount < min) {
        gf_fmt_rub(min, lim, sizeof lim);
        snprintf(msg, n, "Сумма меньше минимального размера гранта конкурса (%s).", lim);
    } else if (max > 0 && amount > max) {
        gf_fmt_rub(max, lim, sizeof lim);
        snprintf(msg, n, "Сумма больше максимального размера гранта конкурса (%s).", lim);
    } else if (amount > requested) {
        gf_fmt_rub(requested, lim, sizeof lim);
        snprintf(msg, n, "Сумма больше запрошенной в заявке (%s).", lim);
    } else {
        return NULL;
    }
    return msg;
}

const char *gr_fund_problem(long long total, long long fund, char *msg, size_t n)
{
    char a[64], b[64], c[64];

    if (total <= fund)
        return NULL;
    gf_fmt_rub(total, a, sizeof a);
    gf_fmt_rub(fund, b, sizeof b);
    gf_fmt_rub(total - fund, c, sizeof c);
    snprintf(msg, n, "Сумма грантов %s превышает фонд конкурса %s на %s.", a, b, c);
    return msg;
}
