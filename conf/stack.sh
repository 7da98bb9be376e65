#!/usr/bin/env bash
# stack.sh — start and stop a complete local grantfair stack in one directory:
# a project-local MariaDB, the SMTP catcher, every FastCGI program, the mailer
# and nginx. Used by `make run` (var/, port 8080) and `make test` (a
# throw-away directory on other ports), so both run the same real components.
#
#   stack.sh start DIR PORT [demo]   start (demo: load demo data if empty)
#   stack.sh run DIR PORT            start with demo data, wait for Ctrl-C, stop
#   stack.sh stop DIR                stop everything started in DIR
#   stack.sh db-stop DIR / db-start DIR   stop or start MariaDB alone (tests)
#   stack.sh stop-program DIR NAME / restart-program DIR NAME [N]
#   stack.sh smtp-start DIR PORT      start the SMTP catcher again (mail outage tests)
#   stack.sh mailer-start DIR          start the mailer daemon again (mailer tests)
#   stack.sh demo-db DIR NAME          the demo data alone in a new database NAME of the
#                                      running MariaDB, loaded as `start` loads it (tests)
#
# Every component is checked: when one cannot start (MariaDB, the SMTP
# catcher — it must be our process that listens —, a FastCGI program, the
# mailer, nginx), `start` says which, stops what it started and exits 1.
set -eEuo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${GF_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
PROGRAMS=$("$ROOT/conf/routes.sh" programs)   # the web programs of cgi-bin/MANIFEST
DEMO_PASSWORD="grantfair-demo"

cmd=${1:?usage: stack.sh start|run|stop DIR [PORT]}
DIR=${2:?run directory}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
chmod 755 "$DIR"   # nginx workers (nobody) reach the sockets through it
PORT=${3:-8080}
case "$PORT" in *[!0-9]*) PORT=8080 ;; esac   # $3 is a program name for some commands
SMTP_PORT=${SMTP_PORT:-$((PORT + 1000))}
SOCK="$DIR/run/mysql.sock"
SQL() { mariadb --no-defaults -S "$SOCK" -uroot "$@"; }
STARTING=""   # set while `start` runs: a failure then stops what was started

fail() {   # fail MESSAGE [LOG]: say what did not start (and the end of its log), exit 1
    echo "stack: $1" >&2
    [ -n "${2:-}" ] && [ -s "$2" ] && tail -n 5 "$2" | sed 's/^/    /' >&2
    [ -n "$STARTING" ] && stop
    exit 1
}

# alive PID: the process runs and is not a zombie (nobody may reap it here)
alive() {
    local stat
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    stat=${stat##*) }
    case ${stat%% *} in Z|X|x) return 1 ;; esac
}

# listener PORT: the "users:((…pid=N…))" of whatever listens on 127.0.0.1:PORT
listener() { ss -ltnpH "sport = :$1" 2>/dev/null; }

port_free() {   # port_free PORT WHAT: fail unless nothing listens on PORT
    local who; who=$(listener "$1")
    [ -z "$who" ] || fail "$2 port $1 is taken: $(echo "$who" | grep -o 'users:.*' | head -1)"
}

# wait_gone TIMEOUT PID…: wait until none of the processes is alive; then KILL the rest
wait_gone() {
    local t=$1 pid left; shift
    for _ in $(seq 1 $((t * 20))); do
        left=""
        for pid in "$@"; do alive "$pid" && left="$left $pid"; done
        [ -z "$left" ] && return 0
        set -- $left
        sleep 0.05
    done
    echo "stack: still running after ${t}s, killed:$left" >&2
    kill -KILL $left 2>/dev/null || true
}

db_start() {
    mkdir -p "$DIR/run" "$DIR/log"
    if [ ! -d "$DIR/db/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$DIR/db" --user=root \
            --auth-root-authentication-method=normal >"$DIR/log/install-db.log" 2>&1 ||
            fail "mariadb-install-db failed" "$DIR/log/install-db.log"
    fi
    if [ -f "$DIR/run/mysqld.pid" ] && alive "$(cat "$DIR/run/mysqld.pid")"; then
        return 0
    fi
    rm -f "$SOCK"
    # the search index (schema/018_search.sql) holds two-letter stems and
    # needs no English stop list: lib/stem.c drops the Russian function words;
    # Mroonga (Debian mariadb-plugin-mroonga) holds it (schema/024_search_mroonga.sql)
    mariadbd --no-defaults --datadir="$DIR/db" --socket="$SOCK" --skip-networking \
        --user=root --pid-file="$DIR/run/mysqld.pid" --default-time-zone=+00:00 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=1 \
        --max-connections=500 --open-files-limit=8000 --log-error="$DIR/log/mariadb.log" \
        --innodb-ft-min-token-size=2 --innodb-ft-enable-stopword=0 \
        --plugin-load-add=ha_mroonga &
    local pid=$!
    for _ in $(seq 1 300); do
        alive "$pid" || fail "MariaDB exited at start; see $DIR/log/mariadb.log" "$DIR/log/mariadb.log"
        mariadb-admin --no-defaults -S "$SOCK" -uroot ping >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    fail "MariaDB does not answer on $SOCK after 30 s; see $DIR/log/mariadb.log" "$DIR/log/mariadb.log"
}

db_stop() {
    if [ -f "$DIR/run/mysqld.pid" ]; then
        local pid; pid=$(cat "$DIR/run/mysqld.pid")
        kill "$pid" 2>/dev/null || true
        wait_gone 30 "$pid"
        rm -f "$DIR/run/mysqld.pid"
    fi
}

write_config() {
    # secrets are made once per run directory and kept
    if [ ! -f "$DIR/secrets.hdf" ]; then
        umask 077
        cat >"$DIR/secrets.hdf" <<HDF
Secrets.Key = $(head -c 32 /dev/urandom | base64 | tr -d '/+=')
DB.Read.Password = $(head -c 18 /dev/urandom | base64 | tr -d '/+=')
DB.Write.Password = $(head -c 18 /dev/urandom | base64 | tr -d '/+=')
HDF
        umask 022
    fi
    cat >"$DIR/grantfair.hdf" <<HDF
#include "$ROOT/conf/grantfair.hdf"
#include "$DIR/secrets.hdf"
Site.URL = http://127.0.0.1:$PORT
Paths.Templates = $ROOT/templates
Paths.Tmp = $DIR/tmp
Paths.Files = $DIR/files
DB.Socket = $SOCK
Mail.SMTP.URL = smtp://127.0.0.1:$SMTP_PORT
HDF
}

db_setup() {
    local rp wp
    rp=$(sed -n 's/^DB.Read.Password = //p' "$DIR/secrets.hdf")
    wp=$(sed -n 's/^DB.Write.Password = //p' "$DIR/secrets.hdf")
    SQL <<SQL
CREATE DATABASE IF NOT EXISTS grantfair CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'gf_read'@'localhost' IDENTIFIED BY '$rp';
CREATE USER IF NOT EXISTS 'gf_app'@'localhost' IDENTIFIED BY '$wp';
SQL
    schema grantfair
    # drafts stored as HDF text before they were JSON: converted once
    GF_CONFIG="$DIR/grantfair.hdf" "$BUILD/gf-drafts" migrate >>"$DIR/log/gf-drafts.log" 2>&1 ||
        fail "gf-drafts could not convert the stored drafts; see $DIR/log/gf-drafts.log"
}

# schema DB: the migrations and the reference data in database DB
schema() {
    "$ROOT/schema/migrate.sh" "$SOCK" "$1"
    for f in "$ROOT"/schema/reference/*.sql; do SQL "$1" <"$f"; done
}

# load_demo [DB CONFIG]: the demo data into DB (grantfair), whose programs'
# configuration is CONFIG, unless it has competitions already
load_demo() {
    local db=${1:-grantfair} conf=${2:-$DIR/grantfair.hdf} n
    n=$(SQL -N "$db" -e "SELECT COUNT(*) FROM competitions")
    [ "$n" = 0 ] || return 0
    echo "Loading demo data…"
    SQL "$db" <"$ROOT/schema/demo/demo.sql"
    while IFS='|' read -r email name roles; do
        printf '%s\n' "$DEMO_PASSWORD" | GF_CONFIG="$conf" \
            "$BUILD/gf-user" add "$email" "$name" "$roles" >/dev/null
    done <"$ROOT/schema/demo/users.txt"
    SQL "$db" <"$ROOT/schema/demo/links.sql"
    SQL "$db" <"$ROOT/schema/demo/staff.sql"
    SQL "$db" <"$ROOT/schema/demo/review.sql"
    # the public site's demo: centres, events, comments, news… (one file per part)
    for f in "$ROOT"/schema/demo/public_*.sql; do
        [ -e "$f" ] && SQL "$db" <"$f"
    done
    # the demo's attachments are one document, stored under each name (files.c's layout)
    SQL -N "$db" -e "SELECT stored_name FROM attachments" | while read -r f; do
        mkdir -p "$DIR/files/${f:0:2}"
        cp "$ROOT/schema/demo/charter.pdf" "$DIR/files/${f:0:2}/$f"
    done
    # the demo projects' photos and handouts: "demo-<file of schema/demo>" (public_media.sql)
    SQL -N "$db" -e "SELECT stored_name FROM project_media
                     UNION ALL SELECT thumb_name FROM project_media WHERE thumb_name IS NOT NULL" |
    while read -r f; do
        mkdir -p "$DIR/files/${f:0:2}"
        cp "$ROOT/schema/demo/${f#demo-}" "$DIR/files/${f:0:2}/$f"
    done
}

# demo_db NAME: a new database NAME with the demo data alone, its audit log
# sealed as `start` seals it; its configuration is tmp/NAME.hdf
demo_db() {
    local db=$1 conf="$DIR/tmp/$1.hdf"
    case "$db" in ''|*[!a-z0-9_]*) echo "stack: demo-db: a database name of a-z, 0-9 and _" >&2; exit 2 ;; esac
    mkdir -p "$DIR/tmp"
    printf '#include "%s"\nDB.Name = %s\n' "$DIR/grantfair.hdf" "$db" >"$conf"
    SQL -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    schema "$db" >/dev/null
    load_demo "$db" "$conf" >/dev/null
    GF_CONFIG="$conf" "$BUILD/mailer" --reindex >/dev/null
    GF_CONFIG="$conf" "$BUILD/gf-audit" seal >/dev/null
}

mailer_start() {
    export GF_CONFIG="$DIR/grantfair.hdf"
    [ -x "$BUILD/mailer" ] || fail "no $BUILD/mailer: build it first (make)"
    (cd "$DIR" && exec "$BUILD/mailer" --daemon >>"$DIR/log/mailer.log" 2>&1) &
    echo $! >"$DIR/run/mailer.pid"
}

# SMTP catcher: every message becomes one file in $DIR/mail/new. Ready when
# the port is ours: another server there would swallow the stack's mail.
smtp_start() {
    [ -f "$DIR/run/smtp.pid" ] && alive "$(cat "$DIR/run/smtp.pid")" && return 0
    port_free "$SMTP_PORT" "SMTP catcher"
    [ -d "$DIR/mail/new" ] || rm -rf "$DIR/mail"
    /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
        -c aiosmtpd.handlers.Mailbox "$DIR/mail" >>"$DIR/log/smtp.log" 2>&1 &
    local pid=$!
    echo "$pid" >"$DIR/run/smtp.pid"
    for _ in $(seq 1 200); do
        alive "$pid" || fail "the SMTP catcher exited at start (port $SMTP_PORT)" "$DIR/log/smtp.log"
        listener "$SMTP_PORT" | grep -q "pid=$pid," && return 0
        sleep 0.05
    done
    fail "the SMTP catcher does not listen on port $SMTP_PORT after 10 s" "$DIR/log/smtp.log"
}

start() {
    mkdir -p "$DIR/run" "$DIR/log" "$DIR/tmp" "$DIR/files"
    # the two ports first: no use starting MariaDB when nginx cannot listen
    { [ -f "$DIR/run/nginx.pid" ] && alive "$(cat "$DIR/run/nginx.pid")"; } || port_free "$PORT" nginx
    { [ -f "$DIR/run/smtp.pid" ] && alive "$(cat "$DIR/run/smtp.pid")"; } || port_free "$SMTP_PORT" "SMTP catcher"
    write_config
    db_start
    db_setup
    [ "${1:-}" = demo ] && load_demo
    # the search index of projects loaded or changed as SQL (demo data, an
    # upgrade's existing rows): stemmed now, before the pages are served
    GF_CONFIG="$DIR/grantfair.hdf" "$BUILD/mailer" --reindex >>"$DIR/log/reindex.log" 2>&1 ||
        fail "mailer --reindex could not index the projects for search" "$DIR/log/reindex.log"
    # audit entries older than the chain (an older install): chained once, before the programs start
    GF_CONFIG="$DIR/grantfair.hdf" "$BUILD/gf-audit" seal >>"$DIR/log/gf-audit.log" 2>&1 ||
        fail "gf-audit could not seal the audit log; see $DIR/log/gf-audit.log" "$DIR/log/gf-audit.log"

    smtp_start

    export GF_CONFIG="$DIR/grantfair.hdf"
    for p in $PROGRAMS; do
        start_program "$p"
    done
    mailer_start
    nginx_start

    # a program or the mailer that dies on its first steps (config, database)
    # is gone by now; say which
    for p in $PROGRAMS; do check_program "$p"; done
    alive "$(cat "$DIR/run/mailer.pid")" || fail "the mailer exited at start" "$DIR/log/mailer.log"
    alive "$(cat "$DIR/run/smtp.pid")" || fail "the SMTP catcher exited" "$DIR/log/smtp.log"
    alive "$(cat "$DIR/run/mysqld.pid")" || fail "MariaDB exited" "$DIR/log/mariadb.log"
}

# nginx on 127.0.0.1:PORT with the routes of cgi-bin/MANIFEST; ready when its
# master process listens there and the home page answers
nginx_start() {
    mkdir -p "$DIR/nginx-extra"
    sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" -e "s|@ROOT@|$ROOT|g" \
        "$ROOT/conf/nginx.conf.in" >"$DIR/nginx.conf"
    "$ROOT/conf/routes.sh" nginx "$DIR/run" tag >"$DIR/routes.conf"
    [ -f "$DIR/run/nginx.pid" ] && alive "$(cat "$DIR/run/nginx.pid")" && return 0
    port_free "$PORT" "nginx"
    nginx -c "$DIR/nginx.conf" -e "$DIR/log/nginx-error.log" 2>>"$DIR/log/nginx-error.log" ||
        fail "nginx did not start on port $PORT" "$DIR/log/nginx-error.log"
    local pid=""
    for _ in $(seq 1 100); do
        [ -n "$pid" ] || pid=$(cat "$DIR/run/nginx.pid" 2>/dev/null || true)
        if [ -n "$pid" ] && listener "$PORT" | grep -q "pid=$pid," &&
           curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
            return 0
        fi
        sleep 0.05
    done
    fail "nginx does not answer on port $PORT" "$DIR/log/nginx-error.log"
}

# start_program NAME [WORKERS]: NAME's FastCGI processes on run/NAME.sock,
# each logging (stderr) to log/NAME.log; spawn-fcgi itself would drop stderr.
start_program() {
    local p=$1 n=${2:-${GF_WORKERS:-2}} wrap=""
    [ -n "${GF_VALGRIND:-}" ] && wrap="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --suppressions=$ROOT/tests/valgrind.supp --log-file=$DIR/log/valgrind-$p.%p.log"
    [ -x "$BUILD/$p" ] || fail "no program $BUILD/$p: build it first (make)"
    rm -f "$DIR/run/$p.sock" "$DIR/run/$p.pid"
    GF_CONFIG="$DIR/grantfair.hdf" spawn-fcgi -s "$DIR/run/$p.sock" -M 0666 -F "$n" \
        -P "$DIR/run/$p.pid" -d "$DIR" -- /bin/sh -c "exec $wrap $BUILD/$p 2>>$DIR/log/$p.log" \
        >/dev/null 2>>"$DIR/log/spawn.log" || fail "spawn-fcgi could not start $p" "$DIR/log/spawn.log"
    check_program "$p"
}

# check_program NAME: its socket is there and every process in its pid file runs
check_program() {
    local p=$1 pid
    [ -S "$DIR/run/$p.sock" ] || fail "program $p: no socket $DIR/run/$p.sock" "$DIR/log/spawn.log"
    [ -s "$DIR/run/$p.pid" ] || fail "program $p: no pid file" "$DIR/log/spawn.log"
    for pid in $(cat "$DIR/run/$p.pid"); do
        alive "$pid" || fail "program $p (pid $pid) exited at start" "$DIR/log/$p.log"
    done
}

# stop_programs NAME…: TERM all of them at once, then wait for them (they
# finish the request in hand and write their last log lines)
stop_programs() {
    local p pids=""
    for p in "$@"; do
        [ -f "$DIR/run/$p.pid" ] || continue
        pids="$pids $(cat "$DIR/run/$p.pid")"
        rm -f "$DIR/run/$p.pid"
    done
    [ -n "$pids" ] || return 0
    kill $pids 2>/dev/null || true
    # valgrind checks for leaks on the way out
    wait_gone "$([ -n "${GF_VALGRIND:-}" ] && echo 60 || echo 5)" $pids
}

stop() {
    STARTING=""
    stop_programs nginx $PROGRAMS mailer smtp baseline
    db_stop
}

# any other failing command while starting: say where, and stop what was started
trap '[ -z "$STARTING" ] || fail "start failed (line $LINENO: $BASH_COMMAND)"' ERR

case "$cmd" in
start) STARTING=1; start "${4:-}" ;;
stop) stop ;;
db-stop) db_stop ;;
db-start) db_start ;;
restart-program) stop_programs "$3"; start_program "$3" "${4:-2}" ;;
smtp-start) smtp_start ;;
mailer-start) mailer_start ;;
demo-db) demo_db "${3:-}" ;;
stop-program) stop_programs "$3" ;;
run)
    trap 'echo; echo "Stopping…"; stop; exit 0' INT TERM
    STARTING=1; start demo; STARTING=""
    cat <<MSG

grantfair is running: http://127.0.0.1:$PORT/
Caught mail (one file per message): $DIR/mail/new/
Logs: $DIR/log/
Demo logins (password: $DEMO_PASSWORD):
$(awk -F'|' '{ printf "  %-32s %s\n", $1, $3 }' "$ROOT/schema/demo/users.txt")
Press Ctrl-C to stop.
MSG
    while true; do sleep 3600 & wait $!; done
    ;;
*) echo "unknown command $cmd" >&2; exit 2 ;;
esac
