/* ics.c — a calendar entry as RFC 5545 text (a VCALENDAR with one
 * VEVENT): times in UTC ("Z"), TEXT values escaped, every content line
 * folded at 75 octets without splitting a UTF-8 character. Pure (gf.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gf.h"

void gf_ics_text(STRING *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',') {
            gf_must(string_append_char(out, '\\'));
            gf_must(string_append_char(out, (char)*p));
        } else if (*p == '\n') {
            gf_must(string_append(out, "\\n"));
        } else if (*p < 0x20 || *p == 0x7f) {
            continue;   /* CR of a CRLF, and controls TEXT may not hold */
        } else {
            gf_must(string_append_char(out, (char)*p));
        }
    }
}

void gf_ics_fold(STRING *out, const char *line)
{
    const unsigned char *p = (const unsigned char *)line;
    size_t len = strlen(line), i = 0, room = 75;

    while (len - i > room) {
        size_t n = room;
        /* back off to the start of a character: a continuation byte is 10xxxxxx */
        while (n > 0 && (p[i + n] & 0xC0) == 0x80)
            n--;
        if (n == 0)          /* not UTF-8 (a run of continuation bytes): cut anyway */
            n = room;
        gf_must(string_appendn(out, line + i, (int)n));
        gf_must(string_append(out, "\r\n "));
        i += n;
        room = 74;   /* the leading space is an octet of the line */
    }
    gf_must(string_append(out, line + i));
    gf_must(string_append(out, "\r\n"));
}

static void prop(STRING *out, const char *name, const char *text, int escape)
{
    STRING line;

    string_init(&line);
    gf_must(string_append(&line, name));
    gf_must(string_append_char(&line, ':'));
    if (escape)
        gf_ics_text(&line, text);
    else
        gf_must(string_append(&line, text));
    gf_ics_fold(out, line.buf);
    string_clear(&line);
}

static void utc(char buf[17], time_t t)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, 17, "%Y%m%dT%H%M%SZ", &tm);
}

char *gf_ics_calendar(const char *prodid, const gf_ics_event *e)
{
    STRING out;
    char t[17];

    string_init(&out);
    gf_must(string_append(&out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    prop(&out, "PRODID", prodid, 1);
    gf_must(string_append(&out, "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"));
    prop(&out, "UID", e->uid, 1);
    utc(t, e->stamp);
    prop(&out, "DTSTAMP", t, 0);
    utc(t, e->start);
    prop(&out, "DTSTART", t, 0);
    utc(t, e->end);
    prop(&out, "DTEND", t, 0);
    prop(&out, "SUMMARY", e->summary, 1);
    if (e->location && *e->location)
        prop(&out, "LOCATION", e->location, 1);
    if (e->description && *e->description)
        prop(&out, "DESCRIPTION", e->description, 1);
    /* a URI value is not TEXT: only one without controls or spaces */
    if (e->url && *e->url && !strpbrk(e->url, " \"\r\n\t") && gf_single_line(e->url))
        prop(&out, "URL", e->url, 0);
    gf_must(string_append(&out, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
    return out.buf;
}
