#!/usr/bin/env bash
# bench.sh — `make bench`: the exhibition at N projects (default 100 000)
# against a baseline FastCGI program that writes a ready page of the same
# size, measured in the same run with wrk, the two alternating (ROUNDS runs
# of DUR seconds each; medians compared). One line per case:
#   bench NAME: rps=… p50_ms=… p99_ms=… baseline_rps=… ratio=…
# and the resident memory of the listing workers before and after.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
N=${N:-100000}
CONN=${CONN:-64}
DUR=${DUR:-5}        # seconds of one wrk run
ROUNDS=${ROUNDS:-3}  # alternating baseline/page runs per case
ONLY=${ONLY:-}       # only the cases whose name starts with this (e.g. ONLY=search)
. tests/ports.sh
claim_ports "${BENCH_PORT:-28080}"
DIR=$(mktemp -d /tmp/gf-bench.XXXXXX)
trap 'conf/stack.sh stop "$DIR" >/dev/null 2>&1; rm -rf "$DIR"' EXIT

echo "bench: starting a stack in $DIR and loading $N projects…"
conf/stack.sh start "$DIR" "$PORT" demo >"$DIR/stack.log" 2>&1
SOCK="$DIR/run/mysql.sock"
t0=$(date +%s)
schema/gen_projects.sh "$SOCK" "$N"
echo "bench: loaded in $(( $(date +%s) - t0 )) s; $(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e 'SELECT COUNT(*) FROM projects WHERE listed = 1') listed projects"
URL="http://127.0.0.1:$PORT"

rss() {   # total VmRSS (kB) of a program's workers
    local total=0
    while read -r pid; do
        total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status")))
    done <"$DIR/run/$1.pid"
    echo "$total"
}

# wrk_run URL -> "rps p50_ms p99_ms"
wrk_run() {
    wrk -t1 -c"$CONN" -d"${DUR}s" --latency "$1" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { bad = $NF }
        END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }'
}

# median FILE: of lines "rps p50 p99 non2xx", the line with the median rps
# (the non-2xx count is the sum over all rounds)
median() {
    sort -n "$1" | awk '{ line[NR] = $1 " " $2 " " $3; bad += $4 }
        END { print line[int((NR + 1) / 2)], bad }'
}

baseline() {   # baseline BYTES: (re)start the ready-page program
    conf/stack.sh stop-program "$DIR" baseline
    rm -f "$DIR/run/baseline.sock"
    BASELINE_BYTES=$1 spawn-fcgi -s "$DIR/run/baseline.sock" -M 0666 -F 2 \
        -P "$DIR/run/baseline.pid" -- "$ROOT/build/bench-baseline" >/dev/null
    # spawn-fcgi returns once the socket listens and the workers are forked
    [ -S "$DIR/run/baseline.sock" ] || { echo "bench: the baseline program did not start"; exit 1; }
}

nginx_reload() {   # reload nginx's configuration; wait until only new workers serve
    local master old now
    master=$(cat "$DIR/run/nginx.pid")
    old=$(pgrep -P "$master" | sort)
    nginx -c "$DIR/nginx.conf" -e "$DIR/log/nginx-error.log" -s reload
    for _ in $(seq 1 200); do
        now=$(pgrep -P "$master" | sort)
        [ -n "$now" ] && [ -z "$(comm -12 <(echo "$old") <(echo "$now"))" ] && return 0
        sleep 0.05
    done
    echo "bench: nginx did not reload"; exit 1
}

cat >"$DIR/nginx-extra/baseline.conf" <<CONF
location = /__baseline { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$DIR/run/baseline.sock; }
CONF
# the access log would measure the disk, not us
sed -i 's|^    access_log .*|    access_log off;|' "$DIR/nginx.conf"
nginx_reload

pid=$(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e "SELECT MAX(id) DIV 2 FROM projects WHERE listed = 1")
last=$(( $(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e "SELECT COUNT(*) FROM projects WHERE listed = 1") / 20 ))
deep=$(( last / 2 ))
cases=("projects-first /projects"
       "projects-filtered /projects?municipality=5&direction=3&status=winner"
       "projects-deep /projects?page=$deep"
       "project-page /projects/$pid"
       # search (schema/gen_projects.sh: «школа» in a tenth of the titles,
       # «экспедиция» in a thousandth): школы, экспедиции, школа + a municipality, a deep page
       "search-common /projects?q=%D1%88%D0%BA%D0%BE%D0%BB%D1%8B"
       "search-rare /projects?q=%D1%8D%D0%BA%D1%81%D0%BF%D0%B5%D0%B4%D0%B8%D1%86%D0%B8%D0%B8"
       "search-filtered /projects?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0&municipality=5"
       "search-deep /projects?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0&page=$(( last / 20 ))")

run_cases() {   # run_cases SUFFIX
    for c in "${cases[@]}"; do
        name=${c%% *}$1; path=${c#* }
        case "$name" in "$ONLY"*) ;; *) continue ;; esac
        bytes=$(curl -s "$URL$path" | wc -c)
        code=$(curl -s -o /dev/null -w '%{http_code}' "$URL$path")
        [ "$code" = 200 ] || { echo "bench $name: $path answered $code"; exit 1; }
        baseline "$bytes"
        # baseline and page alternate ROUNDS times and the medians are
        # compared: a neighbour's load then weighs on both alike
        : >"$DIR/rounds.b"; : >"$DIR/rounds.p"
        for _ in $(seq 1 "$ROUNDS"); do
            wrk_run "$URL/__baseline" >>"$DIR/rounds.b"
            wrk_run "$URL$path" >>"$DIR/rounds.p"
        done
        read -r brps bp50 bp99 bbad < <(median "$DIR/rounds.b")
        [ "$bbad" = 0 ] || { echo "bench $name: the baseline answered $bbad non-2xx"; exit 1; }
        read -r rps p50 p99 bad < <(median "$DIR/rounds.p")
        ratio=$(awk -v a="$rps" -v b="$brps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        echo "bench $name: rps=$rps p50_ms=$p50 p99_ms=$p99 baseline_rps=$brps baseline_p99_ms=$bp99 ratio=$ratio bytes=$bytes non2xx=$bad"
    done
}

warm_up() {   # a couple of seconds on every case, so "before" is a warm worker
    for c in "${cases[@]}"; do
        wrk -t1 -c8 -d2s "$URL${c#* }" >/dev/null
    done
}

# what one search costs when nobody asked it a moment ago (no page or
# per-process cache): its two statements (cgi-bin/projects.c), timed by MariaDB
for e in "+школ*" "+экспедиц*" "+проект*" "+школ* +_m5_"; do
    m="MATCH(s.title_text, s.body_text) AGAINST ('$e' IN BOOLEAN MODE)"
    t="MATCH(s.title_text) AGAINST ('${e//+/}' IN BOOLEAN MODE)"
    ms=$(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e "SET profiling = 1;
        SELECT COUNT(*) FROM project_search s WHERE $m;
        SELECT s.project_id FROM project_search s WHERE $m ORDER BY $t DESC, $m DESC, s.project_id DESC LIMIT 200;
        SELECT ROUND(SUM(duration) * 1000) FROM information_schema.profiling WHERE query_id IN (2, 3)" | tail -1)
    echo "bench search-cold $e: sql_ms=$ms"
done
warm_up
rss_before_list=$(rss projects); rss_before_page=$(rss project)
run_cases ""
echo "bench memory: projects workers rss_kb before=$rss_before_list after=$(rss projects); project workers rss_kb before=$rss_before_page after=$(rss project)"

# the same without the public page cache: every request renders and queries
echo "Cache.PublicTTL = 0" >>"$DIR/grantfair.hdf"
for p in projects project; do
    conf/stack.sh stop-program "$DIR" "$p"
    conf/stack.sh restart-program "$DIR" "$p"
done
warm_up
rss_before_list=$(rss projects); rss_before_page=$(rss project)
run_cases "-nocache"
echo "bench memory-nocache: projects workers rss_kb before=$rss_before_list after=$(rss projects); project workers rss_kb before=$rss_before_page after=$(rss project)"

# --- /stats (issue 10, part "stats"): counted from project_stats, the summary
# kept by triggers (schema/023), so the page groups a few thousand rows at any
# number of projects; uncached (Cache.PublicTTL = 0 above), all and one year
conf/stack.sh restart-program "$DIR" stats
stats_year=$(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e \
    "SELECT MAX(YEAR(opens_at + INTERVAL 3 HOUR)) FROM competitions WHERE stage <> 'draft'")
cases=("stats /stats" "stats-year /stats?year=$stats_year")
warm_up
run_cases "-nocache"
