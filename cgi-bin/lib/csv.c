/* csv.c — tables for Excel: UTF-8 with a BOM, ";" between cells, CRLF
 * after rows, formulas defused (gf.h). */
#include <string.h>
#include "gf.h"

void gf_csv_start(gf_csv *c)
{
    string_init(&c->out);
    c->col = 0;
    gf_must(string_append(&c->out, "\xEF\xBB\xBF"));
}

void gf_csv_cell(gf_csv *c, const char *v)
{
    int formula = v[0] && strchr("=+-@\t\r", v[0]);
    int quote = formula || strpbrk(v, ";\"\r\n") != NULL;

    if (c->col++)
        gf_must(string_append_char(&c->out, ';'));
    if (quote)
        gf_must(string_append_char(&c->out, '"'));
    if (formula)
        gf_must(string_append_char(&c->out, '\''));
    for (const char *p = v; *p; p++)
        gf_must(*p == '"' ? string_append(&c->out, "\"\"") : string_append_char(&c->out, *p));
    if (quote)
        gf_must(string_append_char(&c->out, '"'));
}

void gf_csv_end_row(gf_csv *c)
{
    gf_must(string_append(&c->out, "\r\n"));
    c->col = 0;
}
