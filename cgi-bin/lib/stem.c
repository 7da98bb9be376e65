/* stem.c — text to the stems of its words, for a full-text index (no I/O).
 *
 * Snowball's stemmers (libstemmer) want lower-case words: the text is
 * split into words here (letters and digits; anything else separates), each
 * lower-cased with ё as е, and stemmed by the Russian stemmer, or the
 * English one when it is written in Latin letters. The stressed-vowel mark
 * and the soft hyphen are dropped inside a word rather than splitting it.
 * Words of one character and short function words (prepositions,
 * conjunctions, particles) are dropped: they would match nearly everything.
 * The stemmers are made once per process (programs are single-threaded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>
#include "gf.h"

/* longest word kept, in characters (an index ignores longer tokens) */
#define WORD_MAX 40

static const char *const stop_words[] = {
    "и", "в", "во", "не", "на", "с", "со", "к", "ко", "у", "о", "об", "обо", "от", "до",
    "по", "за", "из", "изо", "для", "при", "про", "над", "под", "без", "а", "но", "да",
    "или", "же", "ли", "бы", "то", "как", "что", "the", "of", "and", "to", "in", "on",
    "for", "a", "an", "is", "by",
};

static int is_stop(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
        if (strlen(stop_words[i]) == n && !memcmp(stop_words[i], w, n))
            return 1;
    return 0;
}

/* The code point at p and its length in bytes (*len 1 and cp 0 for a byte
 * that does not start a valid sequence; such bytes separate words). */
static unsigned decode(const unsigned char *p, int *len)
{
    unsigned cp;
    int extra;

    if (*p < 0x80) { *len = 1; return *p; }
    if ((*p & 0xE0) == 0xC0) { extra = 1; cp = *p & 0x1F; }
    else if ((*p & 0xF0) == 0xE0) { extra = 2; cp = *p & 0x0F; }
    else if ((*p & 0xF8) == 0xF0) { extra = 3; cp = *p & 0x07; }
    else { *len = 1; return 0; }
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80) { *len = 1; return 0; }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *len = 1;
        return 0;
    }
    *len = extra + 1;
    return cp;
}

static size_t encode(unsigned cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* A word character's lower-case form (ё as е), 0 for a separator and 1
 * for a mark to skip; *latin set for Latin letters. */
static unsigned word_char(unsigned cp, int *latin)
{
    *latin = 0;
    if (cp >= '0' && cp <= '9')
        return cp;
    if (cp >= 'a' && cp <= 'z') { *latin = 1; return cp; }
    if (cp >= 'A' && cp <= 'Z') { *latin = 1; return cp + 32; }
    if (cp == 0x401 || cp == 0x451 || cp == 0x415 || cp == 0x435)
        return 0x435;                            /* Ё ё Е е → е */
    if (cp >= 0x410 && cp <= 0x42F) return cp + 32;   /* А–Я */
    if (cp >= 0x400 && cp <= 0x40F) return cp + 80;   /* Ѐ–Џ */
    if (cp >= 0x430 && cp <= 0x45F) return cp;
    if (cp >= 0x460 && cp <= 0x4FF) return cp | 1;    /* pairs: odd is lower case */
    if (cp == 0x301 || cp == 0x300 || cp == 0xAD)
        return 1;                                /* stress marks, soft hyphen */
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
        *latin = 1;
        return cp >= 0xC0 && cp <= 0xDE ? cp + 32 : cp;
    }
    return 0;
}

/* The output: stems separated by spaces; never longer than the text it
 * comes from (a stem is no longer than its word, a space stands for at
 * least one separator), so one allocation of the text's size is enough. */
typedef struct { char *buf; size_t len, cap; int count; } stems;

/* Whether out already holds the stem s (n bytes) as a whole word. */
static int has_stem(const stems *out, const char *s, size_t n)
{
    for (const char *q = out->buf, *end = out->buf + out->len; q < end;) {
        const char *e = memchr(q, ' ', (size_t)(end - q));
        size_t ql = e ? (size_t)(e - q) : (size_t)(end - q);
        if (ql == n && !memcmp(q, s, n))
            return 1;
        q += ql + 1;
    }
    return 0;
}

/* Appends the stem of word w (n bytes, lower case) to out. */
/* The two stemmers, made once and kept for the process's life; freed at
 * exit so that leak checks stay clean (libstemmer's buffers hold interior
 * pointers, which valgrind would call "possibly lost"). */
static struct sb_stemmer *ru, *en;

static void stemmers_free(void)
{
    if (ru)
        sb_stemmer_delete(ru);
    if (en)
        sb_stemmer_delete(en);
    ru = en = NULL;
}

static void add_stem(stems *out, const char *w, size_t n, int latin, int unique)
{
    static int registered;
    struct sb_stemmer *s;
    const sb_symbol *stem;
    size_t len;

    if (is_stop(w, n))
        return;
    if (!registered)
        registered = atexit(stemmers_free) == 0;
    if (!ru)
        ru = sb_stemmer_new("russian", "UTF_8");
    if (!en)
        en = sb_stemmer_new("english", "UTF_8");
    s = latin ? en : ru;
    if (s && (stem = sb_stemmer_stem(s, (const sb_symbol *)w, (int)n))) {
        len = (size_t)sb_stemmer_length(s);
    } else {                                     /* out of memory: the word as it is */
        stem = (const sb_symbol *)w;
        len = n;
    }
    if (!len || (unique && has_stem(out, (const char *)stem, len)) ||
        out->len + (out->len ? 1 : 0) + len >= out->cap)
        return;
    if (out->len)
        out->buf[out->len++] = ' ';
    memcpy(out->buf + out->len, stem, len);
    out->len += len;
    out->buf[out->len] = '\0';
    out->count++;
}

/* gf_stem_text — the stems of the words of text (NULL counts as ""),
 * separated by single spaces, at most max_words of them (max_words <= 0:
 * all); with unique set, each stem only once. Returns a malloc'd string
 * (the caller frees it), "" when no word is left; NULL only when out of
 * memory. */
char *gf_stem_text(const char *text, int max_words, int unique)
{
    char word[WORD_MAX * 3 + 1];
    size_t wn = 0;
    int chars = 0, latin_only = 1;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    stems out = {malloc(strlen((const char *)p) + 2), 0, strlen((const char *)p) + 2, 0};

    if (!out.buf)
        return NULL;
    out.buf[0] = '\0';
    for (;;) {
        int len = 1, latin = 0;
        unsigned cp = *p ? decode(p, &len) : 0, lc = *p ? word_char(cp, &latin) : 0;

        if (lc == 1) {
            p += len;
            continue;
        }
        if (lc) {
            if (chars < WORD_MAX) {
                wn += encode(lc, word + wn);
                chars++;
                if (!latin && !(lc >= '0' && lc <= '9'))
                    latin_only = 0;
            }
            p += len;
            continue;
        }
        if (chars > 1 && (max_words <= 0 || out.count < max_words)) {
            word[wn] = '\0';
            add_stem(&out, word, wn, latin_only, unique);
        }
        wn = 0;
        chars = 0;
        latin_only = 1;
        if (!*p)
            break;
        p += len;
    }
    return out.buf;
}

/* gf_stem_query — a full-text boolean query from what a person typed: each
 * distinct stem of q (at most max_words) required and as a prefix,
 * "+школ* +волонтер*"; the stems hold only letters and digits, so nothing
 * typed becomes an operator. Malloc'd (caller frees), "" when q has no
 * word; NULL only when out of memory. */
char *gf_stem_query(const char *q, int max_words)
{
    char *stems = gf_stem_text(q, max_words, 1), *out, *o;

    if (!stems)
        return NULL;
    /* each stem gains "+" and "*": at most 2 bytes per stem, a stem is >= 1 byte */
    if (!(out = malloc(strlen(stems) * 3 + 1))) {
        free(stems);
        return NULL;
    }
    o = out;
    for (char *w = strtok(stems, " "); w; w = strtok(NULL, " "))
        o += sprintf(o, "%s+%s*", o == out ? "" : " ", w);
    *o = '\0';
    free(stems);
    return out;
}
