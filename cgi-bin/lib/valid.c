/* valid.c — pure validators and parsers of user input (no I/O). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "gf.h"

long long gf_parse_id(const char *s)
{
    long long v = 0;

    if (!s || !*s || *s == '0')
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (*s - '0');
        if (v > (1LL << 53))
            return 0;
    }
    return v;
}

long gf_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;

    if (!p)
        return 0;
    while (*p) {
        int extra;
        unsigned cp;
        if (*p < 0x80) { extra = 0; cp = *p; }
        else if ((*p & 0xE0) == 0xC0) { extra = 1; cp = *p & 0x1F; }
        else if ((*p & 0xF0) == 0xE0) { extra = 2; cp = *p & 0x0F; }
        else if ((*p & 0xF8) == 0xF0) { extra = 3; cp = *p & 0x07; }
        else return -1;
        p++;
        for (int i = 0; i < extra; i++, p++) {
            if ((*p & 0xC0) != 0x80)
                return -1;
            cp = (cp << 6) | (*p & 0x3F);
        }
        /* overlong forms, surrogates, beyond U+10FFFF */
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        n++;
    }
    return n;
}

int gf_valid_email(const char *s)
{
    const char *at, *dot;
    size_t len;

    if (!s || (len = strlen(s)) < 3 || len > 254)
        return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' ||
            *p == ';' || *p == '"' || *p == '\\' || (unsigned char)*p >= 0x7f)
            return 0;
    at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || at - s > 64)
        return 0;
    dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] != '\0' && strstr(at, "..") == NULL;
}

char *gf_trim_dup(const char *s)
{
    const char *e;
    char *out;

    if (!s)
        s = "";
    while (*s && isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    out = malloc((size_t)(e - s) + 1);
    if (!out)
        abort();
    memcpy(out, s, (size_t)(e - s));
    out[e - s] = '\0';
    return out;
}

int gf_captcha_check(const char *answer, int a, int b)
{
    char *t = gf_trim_dup(answer);
    char *end;
    long v;
    int ok;

    v = strtol(t, &end, 10);
    ok = *t && !*end && v == a + b;
    free(t);
    return ok;
}

int gf_single_line(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 0;
    return 1;
}
