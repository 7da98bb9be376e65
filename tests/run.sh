#!/usr/bin/env bash
# run.sh — every test layer against a throw-away stack of the real
# components; ends with "N passed, M failed" and a non-zero exit on failure.
#   GF_BUILD=build-asan   run the suite on the sanitizer build (make asan)
#   GF_VALGRIND=1         run the FastCGI programs under valgrind (make valgrind)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export GF_BUILD=${GF_BUILD:-build}
BUILD="$ROOT/$GF_BUILD"
BUILD_NAME=$GF_BUILD
# ports: PORT and PORT+1000 stay claimed (locked) for the whole run, so two
# runs on one machine never share them
. tests/ports.sh
claim_ports "${TEST_PORT:-18080}" || { echo "0 passed, 1 failed"; exit 1; }
DIR=$(mktemp -d /tmp/gf-test.XXXXXX)
passed=0 failed=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

count() {   # count LABEL PASSED FAILED
    echo "== $1: $2 passed, $3 failed"
    passed=$((passed + $2)); failed=$((failed + $3))
}

cleanup() {
    conf/stack.sh stop "$DIR" >/dev/null 2>&1
    [ -n "${GF_KEEP:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT

# 1. C unit tests
make -s B="$GF_BUILD" "$GF_BUILD/unit-tests" >/dev/null || { count build 0 1; }
if [ -n "${GF_VALGRIND:-}" ]; then
    out=$(valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
          "$BUILD/unit-tests" 2>&1); rc=$?
else
    out=$("$BUILD/unit-tests" 2>&1); rc=$?
fi
echo "$out" | tail -n 20
line=$(echo "$out" | grep -E '^unit: [0-9]+ passed, [0-9]+ failed$' | tail -1)
if [ -n "$line" ]; then
    p=$(echo "$line" | awk '{print $2}'); f=$(echo "$line" | awk '{print $4}')
    [ "$rc" = 0 ] || [ "$f" != 0 ] || f=1     # a valgrind report fails the layer
    count unit "$p" "$f"
else
    count unit 0 1
fi

# 2. the stack, then the HTTP and browser tests with pytest
echo "== starting the test stack in $DIR on port $PORT"
if ! conf/stack.sh start "$DIR" "$PORT" demo >"$DIR/stack.log" 2>&1; then
    cat "$DIR/stack.log"
    count stack 0 1
else
    export GF_URL="http://127.0.0.1:$PORT" GF_DIR="$DIR" GF_ROOT="$ROOT"
    export GF_BUILD="$BUILD"
    for layer in http browser; do
        [ -d "tests/$layer" ] || continue
        /usr/bin/python3 -m pytest -q --tb=short -p no:cacheprovider --rootdir=tests -c /dev/null \
            --junitxml="$DIR/$layer.xml" "tests/$layer" 2>&1 | tail -n 40
        if [ -f "$DIR/$layer.xml" ]; then
            read -r t f e s < <(/usr/bin/python3 -c "
import xml.etree.ElementTree as E
r = E.parse('$DIR/$layer.xml').getroot()
r = r if r.tag == 'testsuite' else r[0]
print(r.get('tests'), r.get('failures'), r.get('errors'), r.get('skipped'))")
            count "$layer" $((t - f - e - s)) $((f + e))
        else
            count "$layer" 0 1
        fi
    done
    # sanitizer and valgrind reports from the FastCGI programs fail the run
    conf/stack.sh stop "$DIR" >/dev/null 2>&1
    reports=$(grep -lE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$DIR"/log/*.log 2>/dev/null;
              find "$DIR/log" -name 'valgrind-*.log' -size +0 2>/dev/null)
    if [ -n "$reports" ]; then
        echo "== memory error reports:"; for r in $reports; do echo "--- $r"; head -n 60 "$r"; done
        count memcheck 0 1
    elif [ "$BUILD_NAME" != build ] || [ -n "${GF_VALGRIND:-}" ]; then
        count memcheck 1 0
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
