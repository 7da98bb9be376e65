/*
 * svg.c — charts drawn on the server as inline SVG: pages show them
 * without JavaScript, and a screen reader reads the title and the
 * description (the page puts the same numbers in a table beside).
 */
#include <stdio.h>
#include <string.h>
#include "gf.h"

/* Appends s with & < > " ' written as entities (text and quoted attributes). */
static void xml_text(STRING *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': gf_must(string_append(out, "&amp;")); break;
        case '<': gf_must(string_append(out, "&lt;")); break;
        case '>': gf_must(string_append(out, "&gt;")); break;
        case '"': gf_must(string_append(out, "&quot;")); break;
        case '\'': gf_must(string_append(out, "&#39;")); break;
        default: gf_must(string_append_char(out, *s));
        }
    }
}

/* Sizes in the chart's own units (the viewBox): a row is the label's line
 * with its bar under it, so long labels need no column of their own and
 * the chart keeps its proportions on a 360 px screen. */
enum { ROW = 40, TOP = 8, LABEL_Y = 14, BAR_Y = 20, BAR_H = 14, VALUE_ROOM = 150 };

int gf_svg_bar_length(double value, double max, int room)
{
    if (!(value > 0) || !(max > 0) || room <= 0)
        return 0;
    if (value >= max)
        return room;
    int len = (int)(value / max * room + 0.5);
    return len < 1 ? 1 : len;        /* a value above zero is never drawn as none */
}

void gf_svg_bars(STRING *out, const char *id, const char *title, const char *desc,
                 const gf_bar *bars, int n, int width)
{
    double max = 0;
    int height = TOP * 2 + (n > 0 ? n : 1) * ROW, room = width - VALUE_ROOM;

    for (int i = 0; i < n; i++)
        if (bars[i].value > max)
            max = bars[i].value;
    gf_must(string_appendf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
                                " viewBox=\"0 0 %d %d\" width=\"100%%\" aria-labelledby=\"", width, height));
    xml_text(out, id);
    gf_must(string_append(out, "-title "));
    xml_text(out, id);
    gf_must(string_append(out, "-desc\"><title id=\""));
    xml_text(out, id);
    gf_must(string_append(out, "-title\">"));
    xml_text(out, title);
    gf_must(string_append(out, "</title><desc id=\""));
    xml_text(out, id);
    gf_must(string_append(out, "-desc\">"));
    xml_text(out, desc);
    gf_must(string_append(out, "</desc>"));
    if (n <= 0)
        gf_must(string_appendf(out, "<text x=\"0\" y=\"%d\" class=\"chart-label\">Нет данных</text>",
                               TOP + LABEL_Y));
    for (int i = 0; i < n; i++) {
        int y = TOP + i * ROW, len = gf_svg_bar_length(bars[i].value, max, room);
        gf_must(string_appendf(out, "<text x=\"0\" y=\"%d\" class=\"chart-label\">", y + LABEL_Y));
        xml_text(out, bars[i].label);
        gf_must(string_appendf(out, "</text><rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\""
                                    " class=\"chart-bar\"/><text x=\"%d\" y=\"%d\" class=\"chart-value\">",
                               y + BAR_Y, len, BAR_H, len + 6, y + BAR_Y + BAR_H - 2));
        xml_text(out, bars[i].text);
        gf_must(string_append(out, "</text>"));
    }
    gf_must(string_append(out, "</svg>"));
}
