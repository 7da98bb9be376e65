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
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${GF_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
PROGRAMS="home projects project ideas login logout cabinet register org
          competition application app_section app_files my
          reset account news"
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

db_start() {
    mkdir -p "$DIR/run" "$DIR/log"
    if [ ! -d "$DIR/db/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$DIR/db" --user=root \
            --auth-root-authentication-method=normal >"$DIR/log/install-db.log" 2>&1
    fi
    if [ -f "$DIR/run/mysqld.pid" ] && kill -0 "$(cat "$DIR/run/mysqld.pid")" 2>/dev/null; then
        return 0
    fi
    mariadbd --no-defaults --datadir="$DIR/db" --socket="$SOCK" --skip-networking \
        --user=root --pid-file="$DIR/run/mysqld.pid" --default-time-zone=+00:00 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=1 \
        --max-connections=500 --open-files-limit=8000 --log-error="$DIR/log/mariadb.log" &
    for _ in $(seq 1 100); do
        mariadb-admin --no-defaults -S "$SOCK" -uroot ping >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "MariaDB did not start; see $DIR/log/mariadb.log" >&2
    exit 1
}

db_stop() {
    if [ -f "$DIR/run/mysqld.pid" ]; then
        local pid; pid=$(cat "$DIR/run/mysqld.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
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
    "$ROOT/schema/migrate.sh" "$SOCK" grantfair
    for f in "$ROOT"/schema/reference/*.sql; do SQL grantfair <"$f"; done
}

load_demo() {
    local n
    n=$(SQL -N grantfair -e "SELECT COUNT(*) FROM competitions")
    [ "$n" = 0 ] || return 0
    echo "Loading demo data…"
    SQL grantfair <"$ROOT/schema/demo/demo.sql"
    while IFS='|' read -r email name roles; do
        printf '%s\n' "$DEMO_PASSWORD" | GF_CONFIG="$DIR/grantfair.hdf" \
            "$BUILD/gf-user" add "$email" "$name" "$roles" >/dev/null
    done <"$ROOT/schema/demo/users.txt"
    SQL grantfair <"$ROOT/schema/demo/links.sql"
}

mailer_start() {
    export GF_CONFIG="$DIR/grantfair.hdf"
    (cd "$DIR" && exec "$BUILD/mailer" --daemon >>"$DIR/log/mailer.log" 2>&1) &
    echo $! >"$DIR/run/mailer.pid"
}

# SMTP catcher: every message becomes one file in $DIR/mail/new
smtp_start() {
    if ! { [ -f "$DIR/run/smtp.pid" ] && kill -0 "$(cat "$DIR/run/smtp.pid")" 2>/dev/null; }; then
        [ -d "$DIR/mail/new" ] || rm -rf "$DIR/mail"
        /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
            -c aiosmtpd.handlers.Mailbox "$DIR/mail" >>"$DIR/log/smtp.log" 2>&1 &
        echo $! >"$DIR/run/smtp.pid"
        for _ in $(seq 1 50); do
            (echo >"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break
            sleep 0.1
        done
    fi
}

start() {
    mkdir -p "$DIR/run" "$DIR/log" "$DIR/tmp" "$DIR/files"
    write_config
    db_start
    db_setup
    [ "${1:-}" = demo ] && load_demo

    smtp_start

    export GF_CONFIG="$DIR/grantfair.hdf"
    for p in $PROGRAMS; do
        start_program "$p"
    done
    mailer_start

    mkdir -p "$DIR/nginx-extra"
    sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" -e "s|@ROOT@|$ROOT|g" \
        "$ROOT/conf/nginx.conf.in" >"$DIR/nginx.conf"
    if ! { [ -f "$DIR/run/nginx.pid" ] && kill -0 "$(cat "$DIR/run/nginx.pid")" 2>/dev/null; }; then
        nginx -c "$DIR/nginx.conf" -e "$DIR/log/nginx-error.log"
    fi
    for _ in $(seq 1 50); do
        curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
        sleep 0.1
    done
}

# start_program NAME [WORKERS]: NAME's FastCGI processes on run/NAME.sock,
# each logging (stderr) to log/NAME.log; spawn-fcgi itself would drop stderr.
start_program() {
    local p=$1 n=${2:-${GF_WORKERS:-2}} wrap=""
    [ -n "${GF_VALGRIND:-}" ] && wrap="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --log-file=$DIR/log/valgrind-$p.%p.log"
    rm -f "$DIR/run/$p.sock"
    GF_CONFIG="$DIR/grantfair.hdf" spawn-fcgi -s "$DIR/run/$p.sock" -M 0666 -F "$n" \
        -P "$DIR/run/$p.pid" -d "$DIR" -- /bin/sh -c "exec $wrap $BUILD/$p 2>>$DIR/log/$p.log" \
        >/dev/null 2>>"$DIR/log/spawn.log"
    for _ in $(seq 1 50); do [ -S "$DIR/run/$p.sock" ] && break; sleep 0.05; done
}

stop_program() {
    local f="$DIR/run/$1.pid"
    [ -f "$f" ] || return 0
    local pids; pids=$(cat "$f")
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    # let them finish the request in hand and write their last log lines
    for _ in $(seq 1 50); do
        local alive=0
        for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.1
    done
    rm -f "$f"
}

stop() {
    if [ -f "$DIR/run/nginx.pid" ]; then
        kill -QUIT "$(cat "$DIR/run/nginx.pid")" 2>/dev/null || true
        rm -f "$DIR/run/nginx.pid"
    fi
    for p in $PROGRAMS mailer smtp baseline; do stop_program "$p"; done
    db_stop
}

case "$cmd" in
start) start "${4:-}" ;;
stop) stop ;;
db-stop) db_stop ;;
db-start) db_start ;;
restart-program) start_program "$3" "${4:-2}" ;;
smtp-start) smtp_start ;;
mailer-start) mailer_start ;;
stop-program) stop_program "$3" ;;
run)
    trap 'echo; echo "Stopping…"; stop; exit 0' INT TERM
    start demo
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
