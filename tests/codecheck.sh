#!/usr/bin/env bash
# codecheck.sh — `make check`: rules of the code base a compiler does not
# enforce, checked at grep level (as Fossil's codecheck does). Prints each
# offending line and exits non-zero.
set -uo pipefail
cd "$(dirname "$0")/.."
PROGS="cgi-bin/*.c"
ALL="cgi-bin/*.c cgi-bin/lib/*.c cgi-bin/grant/*.c"
bad=0
refuse() {   # refuse MESSAGE PATTERN FILES...
    local msg=$1 pat=$2; shift 2
    if grep -nE "$pat" "$@"; then echo "check: $msg"; bad=1; fi
}

refuse "use gf_db_* prepared statements" 'mysql_(real_)?query|mysql_send_query' $ALL
refuse "SQL text built with printf" 'printf *\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE)\b' $ALL
refuse "cgi_neo_error/cgi_display bypass our error pages" '(cgi_neo_error|cgi_display) *\(' $ALL
refuse "statements are [Q_NAME] = \"…\" with an enum (GF_STATEMENTS)" '^#define Q_' $ALL
refuse "an ignored NEOERR: use gf_set/gf_set_int/gf_setf or check the result" \
    '^\s*(hdf_set_(value|int_value|valuef|buf|copy)|hdf_copy|hdf_read_string|string_append(f|n)?)\(' $ALL
refuse "access is declared in the program (gf_program/gf_route), not checked by hand" \
    'gf_require_(role|post_csrf)|r->method' $PROGS
# the audit log is a hash chain: gr_audit (grant/audit.c) appends, gf-audit seals; nothing else writes it
refuse "write the audit log through gr_audit (grant/audit.c): each entry is chained" \
    '(INSERT +INTO|UPDATE) +audit_log' $(ls $ALL | grep -vE '^cgi-bin/(grant/audit|gf-audit)\.c$')
# the kit knows no grant words and never includes the domain's header
if grep -inE 'applic|competit|section|expert|budget|grant\.h' cgi-bin/lib/*; then
    echo "check: cgi-bin/lib/ is the web kit: no grant words, no grant.h"; bad=1
fi
# every statement table is checked against its enum
for f in $ALL; do
    if grep -q 'static const char \*const Q\[\]' "$f" && ! grep -q 'GF_STATEMENTS(Q, Q__MAX)' "$f"; then
        echo "$f: check: statement table without GF_STATEMENTS(Q, Q__MAX)"; bad=1
    fi
done
# each web program declares its routes and the roles it admits
for f in $PROGS; do
    if grep -q 'gf_run(' "$f" && ! grep -q '\.roles = ' "$f"; then
        echo "$f: check: the program does not declare .roles"; bad=1
    fi
done
[ "$bad" = 0 ] && echo "check: ok"
exit "$bad"
