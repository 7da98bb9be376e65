#!/usr/bin/env bash
# deadline.sh — `make bench-deadline` (N=200 by default, KILL_DB=1 to kill
# MariaDB during the burst): its own stack, then tests/bench/deadline.py.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. tests/ports.sh
claim_ports "${BENCH_PORT:-28180}"
DIR=$(mktemp -d /tmp/gf-deadline.XXXXXX)
trap 'conf/stack.sh stop "$DIR" >/dev/null 2>&1; rm -rf "$DIR"' EXIT
GF_WORKERS=${GF_WORKERS:-4} conf/stack.sh start "$DIR" "$PORT" demo >"$DIR/stack.log" 2>&1
# the intake must be open for the whole burst
mariadb --no-defaults -S "$DIR/run/mysql.sock" -uroot grantfair \
    -e "UPDATE competitions SET apps_per_org = 1, closes_at = NOW() + INTERVAL 1 DAY WHERE id = 1"
GF_URL="http://127.0.0.1:$PORT" GF_DIR="$DIR" GF_ROOT="$ROOT" GF_BUILD="$ROOT/build" \
    /usr/bin/python3 tests/bench/deadline.py
