/* log.c — one line per event on stderr, our error kinds, and the out-of-memory policy (gf_must). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "gf.h"

const char *gf_prog_name = "grantfair";

NERR_TYPE GF_ERR_NOTFOUND = -1;
NERR_TYPE GF_ERR_BADREQ = -1;
NERR_TYPE GF_ERR_FORBIDDEN = -1;
NERR_TYPE GF_ERR_METHOD = -1;
NERR_TYPE GF_ERR_TOOLARGE = -1;
NERR_TYPE GF_ERR_UNAVAILABLE = -1;
NERR_TYPE GF_ERR_DUPLICATE = -1;

NEOERR *gf_errors_init(void)
{
    static int done;
    NEOERR *err;

    if (done)
        return STATUS_OK;
    if ((err = nerr_init()) ||
        (err = nerr_register(&GF_ERR_NOTFOUND, "NotFound")) ||
        (err = nerr_register(&GF_ERR_BADREQ, "BadRequest")) ||
        (err = nerr_register(&GF_ERR_FORBIDDEN, "Forbidden")) ||
        (err = nerr_register(&GF_ERR_METHOD, "MethodNotAllowed")) ||
        (err = nerr_register(&GF_ERR_TOOLARGE, "TooLarge")) ||
        (err = nerr_register(&GF_ERR_UNAVAILABLE, "Unavailable")) ||
        (err = nerr_register(&GF_ERR_DUPLICATE, "Duplicate")))
        return nerr_pass(err);
    done = 1;
    return STATUS_OK;
}

void gf_log(const char *level, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    int n;

    n = snprintf(line, sizeof line, "grantfair[%s %d] %s: ", gf_prog_name,
                 (int)getpid(), level);
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    /* keep it one line whatever the message holds */
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(stderr, "%s\n", line);
    fflush(stderr);
}

void gf_log_error(NEOERR **err, char id[9])
{
    STRING tb;
    uint32_t rnd = randombytes_random();

    snprintf(id, 9, "%08x", rnd);
    string_init(&tb);
    nerr_error_traceback(*err, &tb);
    gf_log("error", "id=%s %s", id, tb.buf ? tb.buf : "(no traceback)");
    string_clear(&tb);
    nerr_ignore(err);
}

void gf_must(NEOERR *err)
{
    char id[9];

    if (err == STATUS_OK)
        return;
    gf_log_error(&err, id);
    gf_log("fatal", "out of memory (error id %s): the process ends", id);
    abort();
}

void gf_set(HDF *hdf, const char *name, const char *value)
{
    gf_must(hdf_set_value(hdf, name, value));
}

void gf_set_int(HDF *hdf, const char *name, int value)
{
    gf_must(hdf_set_int_value(hdf, name, value));
}

void gf_setf(HDF *hdf, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = vsprintf_alloc(fmt, ap);
    va_end(ap);
    if (!s)
        gf_must(nerr_raise(NERR_NOMEM, "gf_setf"));
    /* "name=value", as hdf_set_valuef takes it */
    {
        char *eq = strchr(s, '=');
        if (!eq) {
            free(s);
            gf_must(nerr_raise(NERR_ASSERT, "gf_setf without '='"));
            return;
        }
        *eq = '\0';
        gf_must(hdf_set_value(hdf, s, eq + 1));
    }
    free(s);
}
