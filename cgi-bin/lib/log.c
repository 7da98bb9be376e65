/* log.c — one line per event on stderr, and our error kinds. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "gf.h"

const char *gf_prog_name = "grantfair";

NERR_TYPE GF_ERR_NOTFOUND = -1;
NERR_TYPE GF_ERR_BADREQ = -1;
NERR_TYPE GF_ERR_FORBIDDEN = -1;
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
