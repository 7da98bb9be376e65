/* valid.c — pure validators and parsers of user input (no I/O). */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <strings.h>
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

void gf_utf8_cut(char *s)
{
    size_t n = strlen(s), i = n, need;
    unsigned char c;

    /* back to the last byte that is not a continuation byte (at most 3) */
    while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

/* The length in bytes of the valid UTF-8 sequence at p (1..4), or 0 when
 * p starts an invalid one (a stray byte, a cut sequence, an overlong form,
 * a surrogate, beyond U+10FFFF); *p is not NUL. */
static int utf8_seq(const unsigned char *p)
{
    int extra;
    unsigned cp;

    if (*p < 0x80) return 1;
    else if ((*p & 0xE0) == 0xC0) { extra = 1; cp = *p & 0x1F; }
    else if ((*p & 0xF0) == 0xE0) { extra = 2; cp = *p & 0x0F; }
    else if ((*p & 0xF8) == 0xF0) { extra = 3; cp = *p & 0x07; }
    else return 0;
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return extra + 1;
}

long gf_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;
    int len;

    if (!p)
        return 0;
    for (; *p; p += len, n++)
        if (!(len = utf8_seq(p)))
            return -1;
    return n;
}

long gf_text_len(const char *s)
{
    long n = gf_utf8_len(s);

    for (const char *p = s; n > 0 && (p = strstr(p, "\r\n")); p += 2)
        n--;
    return n;
}

void gf_utf8_clean(char *s, long max_chars)
{
    unsigned char *in = (unsigned char *)s, *out = in;
    long n = 0;
    int len;

    while (*in && (max_chars < 0 || n < max_chars)) {
        if (!(len = utf8_seq(in))) {
            in++;                       /* a byte that is not text: dropped */
            continue;
        }
        memmove(out, in, (size_t)len);
        out += len, in += len, n++;
    }
    *out = '\0';
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

int gf_valid_phone(const char *s, char *digits, size_t n)
{
    size_t d = 0, len;

    if (!s || (len = strlen(s)) == 0 || len > 40 || strspn(s, "0123456789+-() ") != len ||
        strchr(s + 1, '+'))
        return 0;
    for (const char *p = s; *p; p++)
        if (*p >= '0' && *p <= '9') {
            if (digits && d + 1 < n)
                digits[d] = *p;
            d++;
        }
    if (digits && n)
        digits[d < n ? d : n - 1] = '\0';
    return d >= 10 && d <= 15;
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

char *gf_email_norm(const char *s)
{
    char *out = gf_trim_dup(s);

    /* the domain is case-insensitive everywhere; the local part is in
     * practice (every mail provider we know treats it so), and one person
     * must not get two accounts, two throttles or two invitations by case */
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
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

int gf_text_chars_ok(const char *s)
{
    for (; s && *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\n' && *s != '\r' && *s != '\t') || *s == 0x7f)
            return 0;
    return 1;
}

/* ---- Russian registration numbers (public checksum rules) --------------- */

static int all_digits(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int inn_digit(const char *s, const int *w, int n)
{
    int sum = 0;

    for (int i = 0; i < n; i++)
        sum += (s[i] - '0') * w[i];
    return sum % 11 % 10;
}

int gf_valid_inn(const char *s)
{
    static const int w10[] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    static const int w11[] = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    static const int w12[] = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    if (all_digits(s, 10))
        return inn_digit(s, w10, 9) == s[9] - '0';
    if (all_digits(s, 12))
        return inn_digit(s, w11, 10) == s[10] - '0' && inn_digit(s, w12, 11) == s[11] - '0';
    return 0;
}

/* The remainder of a decimal string modulo m, digit by digit. */
static int mod_digits(const char *s, size_t n, int m)
{
    int r = 0;

    for (size_t i = 0; i < n; i++)
        r = (r * 10 + (s[i] - '0')) % m;
    return r;
}

int gf_valid_ogrn(const char *s)
{
    if (all_digits(s, 13))      /* legal entity: first 12 digits mod 11, last digit */
        return mod_digits(s, 12, 11) % 10 == s[12] - '0';
    if (all_digits(s, 15))      /* individual entrepreneur: first 14 mod 13 */
        return mod_digits(s, 14, 13) % 10 == s[14] - '0';
    return 0;
}

int gf_valid_kpp(const char *s)
{
    /* 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits */
    if (!s || strlen(s) != 9)
        return 0;
    for (int i = 0; i < 9; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if ((i < 4 || i > 5) ? !digit : !(digit || (s[i] >= 'A' && s[i] <= 'Z')))
            return 0;
    }
    return 1;
}

/* ---- money, numbers and dates ------------------------------------------- */

/* The bytes of the space at p that people put between thousands or
 * before a currency: ASCII space, no-break (U+00A0), thin (U+2009),
 * narrow no-break (U+202F); 0 for anything else. */
static int space_len(const unsigned char *p)
{
    if (*p == ' ')
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x89 || p[2] == 0xAF))
        return 3;
    return 0;
}

static const unsigned char *skip_spaces(const unsigned char *p)
{
    for (int n; (n = space_len(p)); )
        p += n;
    return p;
}

/* The currency people write after an amount, as they write it. */
static const char *const roubles[] = {
    "₽", "р", "р.", "Р", "Р.", "руб", "руб.", "Руб", "Руб.", "РУБ", "РУБ.",
    "рубль", "рубля", "рублей", NULL,
};

long long gf_parse_count(const char *s)
{
    long long v = 0;
    int digits = 0, n;
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    for (p = skip_spaces(p); *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 15)
                return 0;
            v = v * 10 + (*p - '0');
        } else if ((n = space_len(p)) && digits) {
            p += n - 1;         /* thousands separators, as in 1 500 */
        } else {
            break;
        }
    }
    return *skip_spaces(p) || !digits ? 0 : v;
}

int gf_parse_money(const char *s, long long *kopecks)
{
    long long rub = 0;
    int kop = 0, kdigits = 0, digits = 0, n;
    const unsigned char *p = (const unsigned char *)s;

    if (!s)
        return 0;
    p = skip_spaces(p);
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 13)
                return 0;
            rub = rub * 10 + (*p - '0');
        } else if ((n = space_len(p))) {
            p += n - 1;         /* thousands separators */
        } else {
            break;
        }
    }
    if (*p == ',' || *p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++) {
            if (++kdigits > 2)
                return 0;
            kop = kop * 10 + (*p - '0');
        }
        if (kdigits == 0)
            return 0;
        if (kdigits == 1)
            kop *= 10;
    }
    p = skip_spaces(p);
    for (int i = 0; *p && roubles[i]; i++) {
        size_t len = strlen(roubles[i]);
        if (!strncmp((const char *)p, roubles[i], len) && !*skip_spaces(p + len)) {
            p += len;
            break;
        }
    }
    p = skip_spaces(p);
    if (*p || !digits)
        return 0;
    *kopecks = rub * 100 + kop;
    return 1;
}

/* Reads 1..max digits at s into *v; returns what follows, or NULL. */
static const char *date_part(const char *s, int min, int max, int *v)
{
    int n = 0;

    for (*v = 0; s[n] >= '0' && s[n] <= '9'; n++) {
        if (n == max)
            return NULL;
        *v = *v * 10 + (s[n] - '0');
    }
    return n >= min ? s + n : NULL;
}

int gf_parse_date(const char *s, int *y, int *m, int *d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *p;
    int leap;

    if (!s)
        return 0;
    if ((p = date_part(s, 4, 4, y)) && *p == '-') {          /* 2027-02-01 */
        if (!(p = date_part(p + 1, 2, 2, m)) || *p != '-' || !(p = date_part(p + 1, 2, 2, d)) || *p)
            return 0;
    } else if (!(p = date_part(s, 1, 2, d)) || *p != '.' ||  /* 01.02.2027, 1.2.2027 */
               !(p = date_part(p + 1, 1, 2, m)) || *p != '.' ||
               !(p = date_part(p + 1, 4, 4, y)) || *p) {
        return 0;
    }
    leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return *y >= 1900 && *y <= 2200 && *m >= 1 && *m <= 12 && *d >= 1 &&
           *d <= mdays[*m - 1] + (*m == 2 && leap);
}

int gf_date_iso(const char *s, char iso[11])
{
    int y, m, d;

    if (!gf_parse_date(s, &y, &m, &d))
        return 0;
    snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* The most common passwords (and the site's own name): refused whatever
 * their length, compared without case. */
static const char *const common_passwords[] = {
    "123456789012", "1234567890123", "12345678901234", "qwertyuiop12", "qwerty123456",
    "password1234", "password12345", "passwordpassword", "111111111111", "000000000000",
    "qwertyqwerty", "1q2w3e4r5t6y", "zaq12wsxcde3", "iloveyou1234", "qwertyuiopasdf",
    "abcdefghijkl", "abc123456789", "123123123123", "qazwsxedcrfv", "1qaz2wsx3edc",
    "adminadmin12", "administrator", "welcome12345", "letmein12345", "grantfair-demo",
    "йцукенгшщзхъ", "пароль123456", "парольпароль", NULL,
};

int gf_password_ok(const char *pw)
{
    long n = gf_utf8_len(pw);

    if (n < 12 || n > 200)
        return 0;
    for (int i = 0; common_passwords[i]; i++)
        if (!strcasecmp(pw, common_passwords[i]))
            return 0;
    return 1;
}

void gf_email_bucket(const char *prefix, const char *email, char *out, size_t n)
{
    char *key = gf_email_norm(email), hash[65];

    gf_sha256_hex(key, strlen(key), hash);
    snprintf(out, n, "%s:%s", prefix, hash);
    free(key);
}

/* 1 when the n bytes at s are a host name as people type one: labels of
 * letters (any script: IDN), digits and hyphens, at least two of them,
 * then perhaps ":port". */
static int web_host(const char *s, size_t n)
{
    size_t host = n, label = 0;
    int dots = 0;

    for (size_t i = 0; i < n; i++)
        if (s[i] == ':') {
            host = i;
            break;
        }
    if (host < n) {                       /* a port: 1..5 digits */
        if (n - host < 2 || n - host > 6)
            return 0;
        for (size_t i = host + 1; i < n; i++)
            if (s[i] < '0' || s[i] > '9')
                return 0;
    }
    for (size_t i = 0; i < host; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (!label || s[i - 1] == '-')
                return 0;
            dots++;
            label = 0;
        } else if (isalnum(c) || c >= 0x80 || (c == '-' && label)) {
            label++;
        } else {
            return 0;
        }
    }
    return dots && label && s[host - 1] != '-';
}

char *gf_web_address(const char *s)
{
    const char *scheme = "https://", *rest = s;   /* "ngo.ru/about": https:// is implied */
    size_t n;
    char *out;

    if (!s || !*s || !gf_single_line(s) || strpbrk(s, " \"'<>\\`"))
        return NULL;
    if (!strncasecmp(s, "https://", 8)) {
        rest = s + 8;
    } else if (!strncasecmp(s, "http://", 7)) {
        scheme = "http://";
        rest = s + 7;
    }
    n = strcspn(rest, "/?#");
    if (!web_host(rest, n))
        return NULL;
    n = strlen(scheme) + strlen(rest) + 1;
    out = malloc(n);
    if (!out)
        return NULL;
    snprintf(out, n, "%s%s", scheme, rest);      /* the scheme in lower case, the rest as typed */
    return out;
}

void gf_ip_key(const char *ip, char *out, size_t n)
{
    unsigned char a[16];
    char text[INET6_ADDRSTRLEN];

    snprintf(out, n, "%s", ip ? ip : "");
    if (!ip || !strchr(ip, ':') || inet_pton(AF_INET6, ip, a) != 1)
        return;
    /* an IPv4 client seen through an IPv6 socket is that IPv4 address */
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (!memcmp(a, mapped, 12)) {
        if (inet_ntop(AF_INET, a + 12, text, sizeof text))
            snprintf(out, n, "%s", text);
        return;
    }
    /* one IPv6 subscriber holds a whole /64 and may take any address in it */
    memset(a + 8, 0, 8);
    if (inet_ntop(AF_INET6, a, text, sizeof text))
        snprintf(out, n, "%s/64", text);
}
