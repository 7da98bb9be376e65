# ports.sh — sourced by tests/run.sh and the benchmarks: claim_ports BASE
# sets PORT to the first port from BASE on such that PORT (nginx) and
# PORT+1000 (the SMTP catcher) are ours for as long as the calling shell
# lives. Probing alone races (two runs see the same free port, then both
# bind), so each port is claimed first with an flock on
# /tmp/grantfair-port-N.lock, held on a file descriptor that the shell and
# whatever it starts keep open; a port whose lock another run holds, or that
# something already listens on, is skipped.
# lock_open VAR PORT: open PORT's lock file read-only into a new descriptor
# (read-only: another user's lock file in /tmp can still be opened and locked)
lock_open() {
    local f=/tmp/grantfair-port-$2.lock
    [ -e "$f" ] || { (umask 022; : >>"$f") 2>/dev/null; }
    exec {fd}<"$f" 2>/dev/null || return 1
    printf -v "$1" %s "$fd"
}

claim_ports() {
    local p=$1 fd1 fd2
    for p in $(seq "$1" $(($1 + 499))); do
        lock_open fd1 "$p" || continue
        if flock -n "$fd1"; then
            lock_open fd2 $((p + 1000)) || { exec {fd1}>&-; continue; }
            if flock -n "$fd2"; then
                if [ -z "$(ss -ltnH "sport = :$p or sport = :$((p + 1000))" 2>/dev/null)" ]; then
                    PORT=$p
                    return 0
                fi
            fi
            exec {fd2}>&-
        fi
        exec {fd1}>&-
    done
    echo "claim_ports: no free pair of ports from $1 to $(($1 + 499))" >&2
    return 1
}
