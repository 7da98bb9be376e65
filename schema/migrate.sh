#!/usr/bin/env bash
# migrate.sh SOCKET DBNAME — applies schema/NNN_*.sql in order, once each,
# recording them in schema_migrations; then (re)grants the programs'
# accounts: gf_read may only SELECT; gf_app may change data but only
# append to audit_log and legacy_drafts, and only move audit_head (never
# add or remove its one row). Re-running is a no-op.
set -euo pipefail
cd "$(dirname "$0")"
SOCK=$1 DB=$2
SQL() { mariadb --no-defaults -S "$SOCK" -uroot "$DB" "$@"; }

SQL -e "CREATE TABLE IF NOT EXISTS schema_migrations (
          version VARCHAR(100) PRIMARY KEY, applied_at DATETIME NOT NULL) ENGINE=InnoDB"
for f in [0-9][0-9][0-9]_*.sql; do
    v=${f%.sql}
    done=$(SQL -N -e "SELECT COUNT(*) FROM schema_migrations WHERE version = '$v'")
    [ "$done" = 1 ] && continue
    echo "migrate: applying $f"
    SQL <"$f"
    SQL -e "INSERT INTO schema_migrations (version, applied_at) VALUES ('$v', UTC_TIMESTAMP())"
done

{
    echo "GRANT SELECT ON \`$DB\`.* TO 'gf_read'@'localhost';"
    SQL -N -e "SELECT table_name FROM information_schema.tables
               WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'" |
    while read -r t; do
        case "$t" in
        audit_log|legacy_drafts) echo "GRANT SELECT, INSERT ON \`$DB\`.\`$t\` TO 'gf_app'@'localhost';" ;;
        audit_head) echo "GRANT SELECT, UPDATE ON \`$DB\`.\`$t\` TO 'gf_app'@'localhost';"
                    echo "REVOKE INSERT, DELETE ON \`$DB\`.\`$t\` FROM 'gf_app'@'localhost';" ;;
        schema_migrations) echo "GRANT SELECT ON \`$DB\`.\`$t\` TO 'gf_app'@'localhost';" ;;
        *) echo "GRANT SELECT, INSERT, UPDATE, DELETE ON \`$DB\`.\`$t\` TO 'gf_app'@'localhost';" ;;
        esac
    done
} | SQL
