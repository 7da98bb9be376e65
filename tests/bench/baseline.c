/*
 * bench-baseline — the yardstick for `make bench`: a FastCGI program that
 * only writes a ready page from memory (headers like ours, a body of the
 * size given by $BASELINE_BYTES, default 16 KiB).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcgiapp.h>

int main(void)
{
    const char *env = getenv("BASELINE_BYTES");
    size_t n = env ? strtoul(env, NULL, 10) : 16384;
    char *body = malloc(n + 1);
    FCGX_Request req;

    if (!body)
        return 1;
    for (size_t i = 0; i < n; i++)
        body[i] = "abcdefghijklmnopqrstuvwxyz <p>\n"[i % 31];
    FCGX_Init();
    FCGX_InitRequest(&req, 0, 0);
    while (FCGX_Accept_r(&req) >= 0) {
        /* snprintf, not FCGX_FPrintF: libfcgi's own printf knows no %zu and
         * wrote no header at all, so nginx answered 502 instead */
        char head[160];
        int hn = snprintf(head, sizeof head, "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                          "Content-Length: %zu\r\n\r\n", n);
        FCGX_PutStr(head, hn, req.out);
        FCGX_PutStr(body, (int)n, req.out);
        FCGX_Finish_r(&req);
    }
    free(body);
    return 0;
}
