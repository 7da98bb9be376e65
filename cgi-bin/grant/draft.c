/*
 * draft.c — a draft of a section as stored text: JSON (jansson), which
 * gives back any string exactly — lines "EOM", "key = value", CRLF, very
 * long lines — where the HDF text format used before could be broken or
 * injected by what a user typed. A leaf is a JSON string, a node with
 * children an object (its own value, if any, under the key "").
 * Drafts stored before JSON (HDF text) are still read.
 */
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

NEOERR *gr_draft_decode(const char *text, HDF *dst)
{
    json_t *root;
    json_error_t je;
    NEOERR *err;

    if (!text || !*text)
        return STATUS_OK;
    if (text[0] != '{')          /* stored before drafts were JSON */
        return nerr_pass(hdf_read_string(dst, text));
    if (!(root = json_loads(text, 0, &je)) || !json_is_object(root)) {
        json_decref(root);
        return nerr_raise(NERR_PARSE, "stored draft is not JSON: %s", je.text);
    }
    err = from_json(root, dst, "");
    json_decref(root);
    return nerr_pass(err);
}
