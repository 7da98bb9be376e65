#!/usr/bin/env bash
# routes.sh — everything that lists the programs is made from cgi-bin/MANIFEST
# (one line per program: `name | URL patterns | what it is`) by this script:
#
#   routes.sh programs              the web programs, one per line (Makefile, stack.sh)
#   routes.sh tools                 the other programs (pattern `-`): mailer, gf-user
#   routes.sh patterns NAME         NAME's URL patterns but the fallback `/*` (what its
#                                   `--describe` must list: `make check` compares)
#   routes.sh nginx SOCKDIR [tag]   nginx `location` blocks, one socket per program in
#                                   SOCKDIR; `tag` adds the header X-Grantfair-Upstream
#                                   (the socket that answered; the local stack's tests)
#   routes.sh apache | htaccess     the route lines of conf/apache/grantfair.conf (mod_proxy_fcgi)
#                                   and conf/apache/htaccess (mod_rewrite to cgi-bin/NAME)
#   routes.sh render FILE           FILE (conf/apache/grantfair.conf or htaccess) with its
#                                   route section filled from the manifest: the Makefile
#                                   writes build/conf/apache/* with it (installed as examples)
#   routes.sh check                 fail when a route section in conf/apache/ is not empty:
#                                   the manifest is the only place that lists programs
#                                   (part of `make check`)
#
# Order: the first match wins in Apache, so exact paths and patterns with ids
# come first (manifest order), then prefixes longest first, then `/*`. nginx
# gets the same meaning from its own rules (= exact, regex, longest prefix).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MANIFEST=${GF_MANIFEST:-$ROOT/cgi-bin/MANIFEST}
APACHE_SOCKDIR=/run/grantfair
BEGIN='# routes: filled in from cgi-bin/MANIFEST by `make` (build/conf/apache/); do not edit'
END='# end of routes'

# routes: "kind<TAB>pattern<TAB>regex<TAB>name" in the order of first match;
# kind is exact, id (a pattern with #), prefix (/x/*) or fallback (/*).
# A malformed manifest line stops everything with its line number.
routes() {
    awk -F'|' '
    function fail(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
    /^[ \t]*(#|$)/ { next }
    {
        if (NF != 3) fail("want `name | URL patterns | what it is`")
        name = $1; gsub(/[ \t]/, "", name)
        if (name !~ /^[a-z][a-z0-9_-]*$/) fail("bad program name \"" name "\"")
        if (name in seen) fail("program " name " listed twice")
        seen[name] = 1
        n = split($2, pats, " ")
        if (n == 0) fail("no URL pattern (use - for a program that is not a web page)")
        for (i = 1; i <= n; i++) {
            p = pats[i]
            if (p == "-") { if (n > 1) fail("- must be alone"); continue }
            if (p != "/*" && p !~ /^\/([a-z0-9._-]+|#[a-z0-9._-]*)?(\/([a-z0-9._-]+|#[a-z0-9._-]*))*(\/\*)?$/)
                fail("bad pattern \"" p "\"")
            if (p in owner) fail("pattern " p " is also listed for " owner[p])
            owner[p] = name
            re = p; gsub(/\./, "\\.", re); gsub(/#/, "[0-9]+", re)
            if (p == "/*")       { kind = "fallback"; rank = 3; re = "^/" }
            else if (p ~ /\*$/)  { kind = "prefix"; rank = 2; sub(/\*$/, "", re); re = "^" re }
            else                 { kind = (p ~ /#/ ? "id" : "exact"); rank = 1; re = "^" re "$" }
            # sort key: rank, then longest prefix first, then manifest order
            printf "%d\t%04d\t%06d\t%s\t%s\t%s\t%s\n", rank, (rank == 2 ? 9999 - length(p) : 0),
                   ++order, kind, p, re, name
        }
    }' "$MANIFEST" | sort -t"$(printf '\t')" -k1,1n -k2,2n -k3,3n | cut -f4-
}

programs() {   # programs web|tools
    awk -F'|' -v want="$1" '
    /^[ \t]*(#|$)/ { next }
    {
        name = $1; gsub(/[ \t]/, "", name)
        pats = $2; gsub(/[ \t]/, "", pats)
        if ((pats == "-") == (want == "tools")) print name
    }' "$MANIFEST"
}

nginx_routes() {   # nginx_routes SOCKDIR [tag]
    local dir=$1 tag=${2:-} kind p re name loc extra=""
    [ "$tag" = tag ] && extra=' add_header X-Grantfair-Upstream $upstream_addr always;'
    routes | while IFS=$'\t' read -r kind p re name; do
        case $kind in
        exact) loc="= $p" ;;
        id) loc="~ $re" ;;
        prefix) loc=${p%\*} ;;
        fallback) loc="/" ;;
        esac
        printf 'location %s { include /etc/nginx/fastcgi_params; fastcgi_pass unix:%s/%s.sock;%s }\n' \
            "$loc" "$dir" "$name" "$extra"
    done
}

apache_routes() {
    routes | while IFS=$'\t' read -r kind p re name; do
        printf 'ProxyPassMatch %-36s "unix:%s/%s.sock|fcgi://localhost/"\n' "\"$re\"" "$APACHE_SOCKDIR" "$name"
    done
}

htaccess_routes() {
    routes | while IFS=$'\t' read -r kind p re name; do
        printf 'RewriteRule %-36s cgi-bin/%s [L]\n' "^${re#^/}" "$name"
    done
}

# with_routes FILE GENERATOR: FILE with its route section made again
with_routes() {
    local gen
    gen=$("$2") || exit 1
    # the lines go through the environment: -v would read "\." as an escape
    GEN="$gen" awk -v begin="$BEGIN" -v end="$END" '
    BEGIN { gen = ENVIRON["GEN"] }
    index($0, begin) { indent = $0; sub(/[^ \t].*/, "", indent); print
                       n = split(ENVIRON["GEN"], lines, "\n")
                       for (i = 1; i <= n; i++) print indent lines[i]
                       skip = 1; found = 1; next }
    skip && index($0, end) { skip = 0 }
    !skip { print }
    END { if (!found || skip) { print FILENAME ": no route section (" begin " … " end ")" > "/dev/stderr"; exit 1 } }
    ' "$1"
}

EXAMPLES="conf/apache/grantfair.conf:apache_routes conf/apache/htaccess:htaccess_routes"

case "${1:-}" in
programs) programs web ;;
patterns) routes | awk -F'\t' -v n="${2:?usage: routes.sh patterns NAME}" '$4 == n && $2 != "/*" { print $2 }' ;;
tools) programs tools ;;
nginx) nginx_routes "${2:?usage: routes.sh nginx SOCKDIR [tag]}" "${3:-}" ;;
apache) apache_routes ;;
htaccess) htaccess_routes ;;
render)
    f=${2:?usage: routes.sh render FILE}
    case "$f" in *htaccess*) gen=htaccess_routes ;; *) gen=apache_routes ;; esac
    with_routes "$f" "$gen"
    ;;
check)
    rc=0
    for f in "$ROOT"/conf/apache/grantfair.conf "$ROOT"/conf/apache/htaccess; do
        if awk -v begin="$BEGIN" -v end="$END" '
            index($0, begin) { inside = 1; next }
            index($0, end) { inside = 0 }
            inside && /[^ \t]/ { bad = 1 }
            END { exit bad ? 1 : 0 }' "$f"; then :; else
            echo "routes: ${f#$ROOT/} lists routes by hand; the manifest is the only list (make writes build/conf/apache/)" >&2
            rc=1
        fi
    done
    exit $rc
    ;;
*) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
