/*
 * mailer — delivers the outbox. Each web program already tries its own
 * messages right after its response; this program retries what failed
 * (with backoff) and picks up anything left behind. It also sends what no
 * request causes, only the clock: the staff's daily digest (once a day from
 * Digest.Hour, Moscow time), the scheduled staff alerts (overdue
 * corrections, intakes closing soon: grant/alerts.c) and the experts'
 * reminders before the review deadline (grant/review.c) and the reminders
 * the day before an event to the people registered for it (grant/events.c).
 *
 *   mailer            the scheduled work that is due, deliver, exit (cron:
 *                     every minute)
 *   mailer --daemon   the same every Mail.Interval seconds (default 5; the
 *                     scheduled work once a minute), and tidy expired
 *                     sessions and rate-limit events; SIGTERM or SIGINT
 *                     stops it between rounds.
 *   mailer --digest   send every pending digest now, whatever the hour
 *   mailer --alerts   raise the scheduled alerts now
 *                     (both deliver, then exit: for tests and operators)
 *   mailer --reindex  re-stem every project the search index has stale,
 *                     then exit (after loading data as SQL: demo, bench);
 *                     every other round re-stems a batch (grant/search.c)
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
#include <sodium.h>
#include "grant.h"

enum { Q_OLD_SESSIONS, Q_OLD_RATE, Q_CLAIM_DAY, Q__MAX };
static const char *const Q[] = {
    /* the first mailer to get here on a Moscow day sends that day's digest */
    [Q_CLAIM_DAY] =
        "UPDATE mailer_jobs SET last_day = ? WHERE name = 'digest' AND last_day < ?",
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

/* The digest, when the Moscow hour has reached Digest.Hour and nobody has
 * sent today's yet (a mailer that was down at the hour sends it later that
 * day). */
static NEOERR *digest_if_due(void)
{
    char now[32], day[16];
    int d, m, y, hour, sent;
    long long claimed = 0;
    NEOERR *err;

    gf_fmt_msk(time(NULL), 1, now, sizeof now);    /* "28.11.2026 23:30" */
    if (sscanf(now, "%d.%d.%d %d", &d, &m, &y, &hour) != 4)
        return nerr_raise(NERR_ASSERT, "unexpected time %s", now);
    if (hour < gf_cfg_int("Digest.Hour", 8))
        return STATUS_OK;
    snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
    if ((err = gf_db_exec(Q[Q_CLAIM_DAY], ARGS(A_STR(day), A_STR(day)), &claimed, NULL)) ||
        !claimed)
        return nerr_pass(err);
    if (!(err = gr_alert_digests(&sent)))
        gf_log("info", "digest %s: %d mails", day, sent);
    return nerr_pass(err);
}

/* What the clock causes: scheduled alerts, and the digest when it is due
 * (or now, when asked). */
static NEOERR *scheduled(int alerts, int digest, int digest_now)
{
    int sent;
    NEOERR *err;

    if (alerts) {
        if ((err = gr_alert_due(&sent)))
            return nerr_pass(err);
        if (sent)
            gf_log("info", "scheduled alerts: %d", sent);
        if ((err = gr_review_reminders(&sent)))
            return nerr_pass(err);
        if (sent)
            gf_log("info", "review reminders: %d", sent);
        if ((err = gr_event_reminders(&sent)))
            return nerr_pass(err);
        if (sent)
            gf_log("info", "event reminders: %d", sent);
    }
    if (digest_now) {
        if ((err = gr_alert_digests(&sent)))
            return nerr_pass(err);
        gf_log("info", "digest on demand: %d mails", sent);
    } else if (digest && (err = digest_if_due())) {
        return nerr_pass(err);
    }
    return STATUS_OK;
}

static NEOERR *round_once(int tidy)
{
    NEOERR *err;
    int tried, stemmed;

    do {
        if ((err = gf_mail_deliver(50, &tried)))
            return nerr_pass(err);
    } while (tried == 50 && !stop);
    /* projects whose title, summary or organization name changed become
     * searchable (a rename of a large organization takes a few rounds) */
    if ((err = gr_search_reindex(500, &stemmed)))
        return nerr_pass(err);
    if (tidy) {
        if ((err = gf_db_exec(Q[Q_OLD_SESSIONS], NOARGS, NULL, NULL)) ||
            (err = gf_db_exec(Q[Q_OLD_RATE], NOARGS, NULL, NULL)))
            return nerr_pass(err);
    }
    return STATUS_OK;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    int daemon_mode = !strcmp(mode, "--daemon"), digest_now = !strcmp(mode, "--digest"),
        alerts_now = !strcmp(mode, "--alerts"), reindex = !strcmp(mode, "--reindex");
    /* the scheduled alerts: all but --digest; the digest at its hour:
     * cron and daemon */
    int alerts = !digest_now, digest_due = !digest_now && !alerts_now;
    long interval;
    time_t last_scheduled = 0;
    NEOERR *err;
    char id[9];
    int rounds = 0, failed = 0;

    gf_prog_name = "mailer";
    if (*mode && !daemon_mode && !digest_now && !alerts_now && !reindex) {
        fprintf(stderr, "usage: mailer [--daemon | --digest | --alerts | --reindex]\n");
        return 2;
    }
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT))
        return 1;
    if ((err = gf_errors_init()) || (err = gf_config_load()) ||
        (err = gf_db_open(GF_DB_WRITE))) {
        gf_log_error(&err, id);
        return 1;
    }
    if (reindex) {
        long total = 0;
        int n = 0;
        do {
            if ((err = gr_search_reindex(1000, &n))) {
                gf_log_error(&err, id);
                return 1;
            }
            total += n;
        } while (n);
        printf("reindex: %ld projects\n", total);
        gf_db_close();
        hdf_destroy(&gf_conf);
        curl_global_cleanup();
        return 0;
    }
    interval = gf_cfg_int("Mail.Interval", 5);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    do {
        if (!daemon_mode || time(NULL) - last_scheduled >= 60) {
            last_scheduled = time(NULL);
            if ((err = scheduled(alerts, digest_due, digest_now))) {
                gf_log_error(&err, id);
                failed = 1;
            }
        }
        if ((err = round_once(daemon_mode && rounds % 60 == 0))) {
            gf_log_error(&err, id);    /* database down: try next round */
            failed = 1;
        }
        rounds++;
        for (long s = 0; daemon_mode && !stop && s < interval * 10; s++)
            usleep(100000);
    } while (daemon_mode && !stop);
    gf_db_close();
    hdf_destroy(&gf_conf);
    curl_global_cleanup();
    return failed && !daemon_mode;
}
