/*
 * body.c — what the kit watches in a request while ClearSilver reads and
 * parses it (ClearSilver does the parsing; this only looks at the bytes):
 *
 * - the number of fields: ClearSilver's time grows with the square of the
 *   number of fields of one name (60 000 "a=1" kept a worker busy for a
 *   minute), so reading stops past Limits.MaxFields and the request is 400;
 * - NUL bytes in values: the HDF keeps C strings, so ClearSilver cuts a
 *   value at a NUL and the rest would be lost without a word. The fields
 *   whose value holds one (urlencoded "%00" in the body or the query
 *   string, a raw NUL in a multipart text part) are marked "not text" after
 *   parsing (a byte that is not UTF-8), so every check of the field
 *   (gf_text_check) refuses it and nothing cut short is stored. A NUL in a
 *   field's name, or more such fields than can be noted, refuses the
 *   request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include "gf.h"

#define NOTED 32

static struct {
    int on, multipart, refused;
    long fields, max_fields;
    /* urlencoded: the key being read, and where a "%00" is */
    int in_value, pct;
    size_t klen;
    char key[160];
    /* multipart: the part's headers, the boundary, the part's name */
    char boundary[80];
    char line[512];
    size_t llen;
    int state;                 /* 0 before a part, 1 its headers, 2 its body */
    int is_file;
    char name[160];
    /* what was found */
    int n;
    char noted[NOTED][160];
    const char *why;
} b;

static void refuse(const char *why)
{
    if (!b.refused) {
        b.refused = 1;
        b.why = why;
    }
}

/* Notes the field called name (urlencoded when encoded) as holding a NUL. */
static void note(const char *name, int encoded)
{
    if (b.n == NOTED) {
        refuse("too many fields with a NUL byte");
        return;
    }
    snprintf(b.noted[b.n], sizeof b.noted[0], "%s", name);
    if (encoded)
        cgi_url_unescape(b.noted[b.n]);      /* in place */
    for (int i = 0; i < b.n; i++)
        if (!strcmp(b.noted[i], b.noted[b.n]))
            return;                          /* noted already */
    b.n++;
}

/* One byte of "name=value&name=value": counts fields, finds "%00". */
static void form_byte(char c)
{
    if (c == '&') {
        if (++b.fields > b.max_fields)
            refuse("too many fields");
        b.in_value = 0;
        b.klen = 0;
        b.pct = 0;
        return;
    }
    if (c == '%') {
        b.pct = 1;
    } else if (c == '0' && b.pct) {
        if (++b.pct == 3) {
            b.pct = 0;
            if (!b.in_value)
                refuse("a NUL byte in a field name");
            else
                note(b.key, 1);
        }
    } else {
        b.pct = 0;
    }
    if (b.in_value)
        return;
    if (c == '=') {
        b.in_value = 1;
        b.key[b.klen] = '\0';
        b.pct = 0;
    } else if (b.klen + 1 < sizeof b.key) {
        b.key[b.klen++] = c;
    } else {
        refuse("a field name too long to watch");
    }
}

/* A header line of a multipart part: its name, and whether it is a file. */
static void part_header(const char *line)
{
    const char *p;

    if (strncasecmp(line, "Content-Disposition:", 20))
        return;
    b.is_file = strstr(line, "filename=") != NULL;
    if ((p = strstr(line, " name=\"")) || (p = strstr(line, ";name=\""))) {
        p += 7;
        snprintf(b.name, sizeof b.name, "%.*s", (int)strcspn(p, "\""), p);
    }
}

/* One byte of a multipart body. */
static void part_byte(char c)
{
    size_t bl = strlen(b.boundary);

    if (b.state == 2 && c == '\0' && !b.is_file && b.name[0])
        note(b.name, 0);
    if (c != '\n') {
        if (b.llen + 1 < sizeof b.line)
            b.line[b.llen++] = c;
        return;
    }
    while (b.llen && b.line[b.llen - 1] == '\r')
        b.llen--;
    b.line[b.llen] = '\0';
    if (b.llen >= bl && !strncmp(b.line, b.boundary, bl)) {   /* a boundary line */
        if (++b.fields > b.max_fields)
            refuse("too many fields");
        b.state = 1;
        b.is_file = 0;
        b.name[0] = '\0';
    } else if (b.state == 1) {
        if (!b.llen)
            b.state = 2;
        else
            part_header(b.line);
    }
    b.llen = 0;
}

void gf_body_watch(const char *content_type)
{
    const char *bd;

    memset(&b, 0, sizeof b);
    b.on = 1;
    b.fields = 1;
    b.max_fields = gf_cfg_int("Limits.MaxFields", 2000);
    if (!strncasecmp(content_type, "multipart/", 10) && (bd = strstr(content_type, "boundary="))) {
        bd += 9;
        bd += *bd == '"';
        b.multipart = 1;
        b.fields = 0;
        snprintf(b.boundary, sizeof b.boundary, "--%.*s", (int)strcspn(bd, "\";, "), bd);
    }
}

int gf_body_scan(const char *buf, int len)
{
    for (int i = 0; b.on && i < len && !b.refused; i++) {
        if (b.multipart)
            part_byte(buf[i]);
        else
            form_byte(buf[i]);
    }
    return !b.refused;
}

NEOERR *gf_body_check(HDF *hdf)
{
    const char *qs = hdf_get_value(hdf, "CGI.QueryString", "");
    char key[200];
    NEOERR *err;

    /* the query string's values reach Query.* too */
    b.on = 1;
    b.multipart = 0;
    b.in_value = 0;
    b.klen = 0;
    b.pct = 0;
    b.fields = 1;
    for (; *qs && !b.refused; qs++)
        form_byte(*qs);
    form_byte('&');
    b.on = 0;
    if (b.refused)
        return nerr_raise(GF_ERR_BADREQ, "request refused: %s", b.why);
    for (int i = 0; i < b.n; i++) {
        snprintf(key, sizeof key, "Query.%s", b.noted[i]);
        if (hdf_get_value(hdf, key, NULL) && (err = hdf_set_value(hdf, key, "\xff")))
            return nerr_pass(err);
    }
    return STATUS_OK;
}

int gf_body_refused(void)
{
    return b.refused;
}
