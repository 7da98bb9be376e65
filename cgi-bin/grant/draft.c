/*
 * draft.c — a draft of a section as stored text: JSON (jansson), which
 * gives back any string exactly — lines "EOM", "key = value", CRLF, very
 * long lines — where the HDF text format used before could be broken or
 * injected by what a user typed. A leaf is a JSON string, a node with
 * children an object (its own value, if any, under the key "").
 * Drafts stored before JSON (HDF text) are still read, by a reader that
 * also takes back the drafts that text format broke (see legacy_read).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "grant.h"

static NEOERR *to_json(HDF *node, json_t *obj)
{
    for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
        const char *v = hdf_obj_value(c);
        json_t *j;

        if (hdf_obj_child(c)) {
            if (!(j = json_object()))
                return nerr_raise(NERR_NOMEM, "json object");
            if (json_object_set_new(obj, hdf_obj_name(c), j))    /* obj owns j now */
                return nerr_raise(NERR_NOMEM, "json set");
            if (v && json_object_set_new(j, "", json_string(v)))
                return nerr_raise(NERR_ASSERT, "draft value %s is not valid UTF-8",
                                  hdf_obj_name(c));
            NEOERR *err = to_json(c, j);
            if (err)
                return nerr_pass(err);
        } else {
            if (!(j = json_string(v ? v : "")))
                return nerr_raise(NERR_ASSERT, "draft value %s is not valid UTF-8",
                                  hdf_obj_name(c));
            if (json_object_set_new(obj, hdf_obj_name(c), j))
                return nerr_raise(NERR_NOMEM, "json set");
        }
    }
    return STATUS_OK;
}

NEOERR *gr_draft_encode(HDF *data, char **json)
{
    json_t *root = json_object();
    NEOERR *err;

    *json = NULL;
    if (!root)
        return nerr_raise(NERR_NOMEM, "json object");
    if (!(err = to_json(data, root)) &&
        !(*json = json_dumps(root, JSON_COMPACT)))
        err = nerr_raise(NERR_NOMEM, "json dump");
    json_decref(root);
    return nerr_pass(err);
}

static NEOERR *from_json(json_t *obj, HDF *dst, const char *prefix)
{
    const char *key;
    json_t *v;
    char name[256];
    NEOERR *err;

    json_object_foreach(obj, key, v) {
        if (!*key) {
            if (json_is_string(v) && *prefix &&
                (err = hdf_set_value(dst, prefix, json_string_value(v))))
                return nerr_pass(err);
            continue;
        }
        if (strchr(key, '.') || snprintf(name, sizeof name, "%s%s%s", prefix,
                                         *prefix ? "." : "", key) >= (int)sizeof name)
            return nerr_raise(NERR_PARSE, "draft key refused");
        if (json_is_object(v)) {
            if ((err = from_json(v, dst, name)))
                return nerr_pass(err);
        } else if (json_is_string(v)) {
            if ((err = hdf_set_value(dst, name, json_string_value(v))))
                return nerr_pass(err);
        } else {
            return nerr_raise(NERR_PARSE, "draft value of %s is not a string", name);
        }
    }
    return STATUS_OK;
}

/* ---- drafts stored as HDF text ----------------------------------------- */

/* The length of the HDF name at p ([A-Za-z0-9_]+ parts joined by single
 * dots), or 0 when there is none: "a..b", ".a" and "a." are not names
 * (hdf_set_value refuses their empty parts). */
static size_t name_len(const char *p)
{
    size_t n = 0;

    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.') {
        if (p[n] == '.' && (n == 0 || p[n - 1] == '.'))
            return 0;
        n++;
    }
    return n && p[n - 1] != '.' ? n : 0;
}

/* 1 when s is word with only whitespace around it. */
static int is_only(const char *s, const char *word)
{
    size_t n = strlen(word);

    s += strspn(s, " \t\r");
    return !strncmp(s, word, n) && s[n + strspn(s + n, " \t\r")] == '\0';
}

/* 1 for a marker the writer made: capital letters (other "x << …" lines
 * are text). */
static int is_marker(const char *m)
{
    return *m && strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(m);
}

/* A copy of s without surrounding whitespace into buf (cut to its size). */
static const char *stripped(const char *s, char *buf, size_t n)
{
    size_t len;

    s += strspn(s, " \t\r");
    len = strlen(s);
    while (len && strchr(" \t\r", s[len - 1]))
        len--;
    snprintf(buf, n, "%.*s", (int)len, s);
    return buf;
}

/* What the reader keeps while it walks the text. */
struct legacy {
    HDF *dst;
    char scope[512];          /* the names of the open "name {" blocks, dotted */
    char key[640];            /* the value being read ("name << EOM" … "EOM") */
    char marker[64];          /* "EOM", or capitals 0.10.5 made up when a value ended with "EOM" */
    STRING val;
    int in_block;
    char last[640];           /* the block that just ended, while lines may still be its text */
    char last_end[128];       /* the line that ended it */
    STRING pend;              /* "name = value" and blank lines after it, not yet taken as such */
};

static int ends_block(const struct legacy *l, const char *line)
{
    size_t ml = strlen(l->marker);

    return ml && !strncmp(line, l->marker, ml) && (!line[ml] || isspace((unsigned char)line[ml]));
}

/* "name = value" in the current scope (the value without surrounding
 * whitespace, as hdf_read_string reads it). */
static NEOERR *assign(struct legacy *l, const char *line)
{
    const char *p = line + strspn(line, " \t\r");
    size_t n = name_len(p);
    const char *after = p + n + strspn(p + n, " \t\r");
    char full[700], *v = malloc(strlen(after) + 1);
    NEOERR *err;

    if (!v)
        return nerr_raise(NERR_NOMEM, "legacy draft value");
    snprintf(full, sizeof full, "%s%s%.*s", l->scope, *l->scope ? "." : "", (int)n, p);
    err = hdf_set_value(l->dst, full, stripped(after + 1, v, strlen(after) + 1));
    free(v);
    return nerr_pass(err);
}

/* The lines held after a block were what they looked like: assignments. */
static NEOERR *flush(struct legacy *l)
{
    char *copy, *line, *next;
    NEOERR *err = STATUS_OK;

    l->last[0] = '\0';
    if (!l->pend.len)
        return STATUS_OK;
    if (!(copy = strdup(l->pend.buf)))
        return nerr_raise(NERR_NOMEM, "legacy draft");
    for (line = copy; line && *line && !err; line = next) {
        if ((next = strchr(line, '\n')))
            *next++ = '\0';
        if (line[strspn(line, " \t\r")] && line[strspn(line, " \t\r")] != '#')
            err = assign(l, line);
    }
    free(copy);
    string_clear(&l->pend);
    return nerr_pass(err);
}

/*
 * Reads HDF text as ClearSilver 0.10.5 wrote our drafts: "name = value",
 * "name {" … "}" for rows, "name << EOM" … "EOM" for multi-line values
 * (ended by a line starting with the marker, as hdf_read_string does).
 * It also takes back what that format broke: a text area holding a line
 * "EOM" (or "EOM" and more, or "EOM\r" from a browser's CRLF) ended its
 * block early, the rest of the text could not be parsed, and
 * hdf_read_string refused the whole draft (its owner saw 500 and could
 * never submit). Here a line that is none of the forms above, coming after
 * a block, belongs to that block: the line that ended it, the lines
 * between that looked like "name = value", and this one go back into its
 * value. Nothing else of HDF is understood (no includes, links, copies or
 * commands): a draft is data.
 */
static NEOERR *legacy_read(const char *text, HDF *dst)
{
    struct legacy l;
    char *copy, *line, *next;
    NEOERR *err = STATUS_OK;

    memset(&l, 0, sizeof l);
    l.dst = dst;
    string_init(&l.val);
    string_init(&l.pend);
    if (!(copy = strdup(text)))
        return nerr_raise(NERR_NOMEM, "legacy draft");
    for (line = copy; line && !err; line = next) {
        const char *p, *after;
        size_t n;

        if ((next = strchr(line, '\n')))
            *next++ = '\0';
        else if (!*line)
            break;                          /* the end of the text */
        if (l.in_block) {
            if (ends_block(&l, line)) {
                l.in_block = 0;
                snprintf(l.last, sizeof l.last, "%s", l.key);
                snprintf(l.last_end, sizeof l.last_end, "%s", line);
                err = hdf_set_value(dst, l.key, l.val.buf ? l.val.buf : "");
            } else {
                err = string_appendf(&l.val, "%s\n", line);
            }
            continue;
        }
        p = line + strspn(line, " \t\r");
        n = name_len(p);
        after = p + n + strspn(p + n, " \t\r");
        if (!*p || *p == '#' || (n && *after == '=')) {
            /* blank, comment, "name = value": after a block, maybe its text */
            if (l.last[0])
                err = string_appendf(&l.pend, "%s\n", line);
            else if (*p && *p != '#')
                err = assign(&l, line);
        } else if (is_only(p, "}")) {
            char *dot;
            if ((err = flush(&l)))
                break;
            if ((dot = strrchr(l.scope, '.')))
                *dot = '\0';
            else
                l.scope[0] = '\0';
        } else if (n && is_only(after, "{")) {
            size_t sl = strlen(l.scope);
            if ((err = flush(&l)))
                break;
            snprintf(l.scope + sl, sizeof l.scope - sl, "%s%.*s", sl ? "." : "", (int)n, p);
        } else if (n && !strncmp(after, "<<", 2) &&
                   is_marker(stripped(after + 2, l.marker, sizeof l.marker))) {
            if ((err = flush(&l)))
                break;
            snprintf(l.key, sizeof l.key, "%s%s%.*s", l.scope, *l.scope ? "." : "", (int)n, p);
            string_clear(&l.val);
            l.in_block = 1;
        } else if (l.last[0]) {
            /* the block was cut by a line of its own text: take back that
             * line, the lines held since, and this one — unless this one
             * ends the block */
            snprintf(l.key, sizeof l.key, "%s", l.last);
            if ((err = string_appendf(&l.val, "%s\n%s", l.last_end, l.pend.buf ? l.pend.buf : "")))
                break;
            string_clear(&l.pend);
            if (ends_block(&l, line)) {
                snprintf(l.last_end, sizeof l.last_end, "%s", line);
                err = hdf_set_value(dst, l.key, l.val.buf ? l.val.buf : "");
            } else if (!(err = string_appendf(&l.val, "%s\n", line))) {
                l.in_block = 1;
            }
        }                                   /* else: a line no draft holds; skipped */
    }
    if (!err && l.in_block)                 /* a block cut short at the end */
        err = hdf_set_value(dst, l.key, l.val.buf ? l.val.buf : "");
    else if (!err)
        err = flush(&l);
    string_clear(&l.val);
    string_clear(&l.pend);
    free(copy);
    return nerr_pass(err);
}

NEOERR *gr_draft_decode(const char *text, HDF *dst)
{
    json_t *root;
    json_error_t je;
    NEOERR *err;

    if (!text || !*text)
        return STATUS_OK;
    if (text[0] != '{')          /* stored before drafts were JSON */
        return nerr_pass(legacy_read(text, dst));
    if (!(root = json_loads(text, 0, &je)) || !json_is_object(root)) {
        json_decref(root);
        return nerr_raise(NERR_PARSE, "stored draft is not JSON: %s", je.text);
    }
    err = from_json(root, dst, "");
    json_decref(root);
    return nerr_pass(err);
}
