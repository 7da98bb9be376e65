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
            if ((v && json_object_set_new(j, "", json_string(v))) ||
                json_object_set_new(obj, hdf_obj_name(c), j)) {
                return nerr_raise(NERR_ASSERT, "draft value is not valid UTF-8");
            }
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
        !(*json = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS)))
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

/* The name in "name = value" or "name << EOM": letters, digits, _ and dots. */
static size_t name_len(const char *p)
{
    size_t n = 0;

    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.')
        n++;
    return n;
}

/*
 * Reads HDF text as ClearSilver wrote it ("name = value" lines and
 * "name << EOM" … "EOM" blocks for multi-line values), but keeps what the
 * format lost: a text area holding a line "EOM" ended its block early, and
 * the rest of the text then broke the whole draft (hdf_read_string refuses
 * it: the owner saw 500 and could never submit). Here a line that is not
 * "name = value", "name << EOM" or empty, coming after a block, belongs to
 * that block: the "EOM" line and what follows go back into its value.
 */
static NEOERR *legacy_read(const char *text, HDF *dst)
{
    STRING val;
    char key[256] = "", *copy, *line, *next;
    int in_block = 0;
    NEOERR *err = STATUS_OK;

    if (!(copy = strdup(text)))
        return nerr_raise(NERR_NOMEM, "legacy draft");
    string_init(&val);
    for (line = copy; line && !err; line = next) {
        const char *p;
        size_t n;
        const char *after;

        if ((next = strchr(line, '\n')))
            *next++ = '\0';
        else if (!*line)
            break;                  /* the end of the text */
        p = line + strspn(line, " \t");
        n = name_len(p);
        after = p + n + strspn(p + n, " \t");

        if (in_block) {
            if (!strcmp(line, "EOM")) {
                in_block = 0;
                err = hdf_set_value(dst, key, val.buf ? val.buf : "");
            } else {
                err = string_appendf(&val, "%s\n", line);
            }
        } else if (n && n < sizeof key && !strncmp(after, "<<", 2)) {
            snprintf(key, sizeof key, "%.*s", (int)n, p);
            string_clear(&val);
            in_block = 1;
        } else if (n && n < sizeof key && *after == '=') {
            char name[256];
            const char *v = after + 1;
            snprintf(name, sizeof name, "%.*s", (int)n, p);
            v += *v == ' ';
            err = hdf_set_value(dst, name, v);
            key[0] = '\0';          /* a block is no longer open to take lines back */
        } else if (!*p) {
            continue;
        } else if (key[0]) {
            /* the block was cut by a line "EOM" of the text itself */
            if (!(err = string_appendf(&val, "EOM\n%s\n", line)))
                in_block = 1;
        }
    }
    if (!err && in_block && key[0])     /* a block cut short at the end */
        err = hdf_set_value(dst, key, val.buf ? val.buf : "");
    string_clear(&val);
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
