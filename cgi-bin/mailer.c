/*
 * mailer — delivers the outbox. Each web program already tries its own
 * messages right after its response; this program retries what failed
 * (with backoff) and picks up anything left behind.
 *
 *   mailer            deliver what is due, then exit (for cron)
 *   mailer --daemon   keep delivering every Mail.Interval seconds (default
 *                     5) and tidy expired sessions and rate-limit events;
 *                     SIGTERM or SIGINT stops it between rounds.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>
#include <sodium.h>
#include "grant.h"

enum { Q_OLD_SESSIONS, Q_OLD_RATE, Q__MAX };
static const char *const Q[] = {
    [Q_OLD_SESSIONS] =
        "DELETE FROM sessions WHERE expires_at < NOW() LIMIT 1000",
    [Q_OLD_RATE] =
        "DELETE FROM rate_events WHERE at < NOW() - INTERVAL 1 DAY LIMIT 5000",
};
GF_STATEMENTS(Q, Q__MAX);

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static NEOERR *round_once(int tidy)
{
    NEOERR *err;
    int tried;

    do {
        if ((err = gf_mail_deliver(50, &tried)))
            return nerr_pass(err);
    } while (tried == 50 && !stop);
    if (tidy) {
        if ((err = gf_db_exec(Q[Q_OLD_SESSIONS], NOARGS, NULL, NULL)) ||
            (err = gf_db_exec(Q[Q_OLD_RATE], NOARGS, NULL, NULL)))
            return nerr_pass(err);
    }
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    int daemon_mode = argc > 1 && !strcmp(argv[1], "--daemon");
    long interval;
    NEOERR *err;
    char id[9];
    int rounds = 0;

    gf_prog_name = "mailer";
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT))
        return 1;
    if ((err = gf_errors_init()) || (err = gf_config_load()) ||
        (err = gf_db_open(GF_DB_WRITE))) {
        gf_log_error(&err, id);
        return 1;
    }
    interval = gf_cfg_int("Mail.Interval", 5);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    do {
        if ((err = round_once(daemon_mode && rounds % 60 == 0)))
            gf_log_error(&err, id);    /* database down: try next round */
        rounds++;
        for (long s = 0; daemon_mode && !stop && s < interval * 10; s++)
            usleep(100000);
    } while (daemon_mode && !stop);
    gf_db_close();
    hdf_destroy(&gf_conf);
    curl_global_cleanup();
    return 0;
}
