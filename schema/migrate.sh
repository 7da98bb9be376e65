#!/usr/bin/env bash
# migrate.sh SOCKET DBNAME — applies schema/NNN_*.sql in order, once each,
# recording them in schema_migrations; then (re)grants the programs'
# accounts: gf_read may only SELECT what the read-only programs read (below);
# gf_app may change data but only append to audit_log and legacy_drafts,
# and only move audit_head (never add or remove its one row). Re-running is
# a no-op.
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

# gf_read serves the programs declared GF_DB_READ (home, projects, project,
# competition, competitions, news, results, my, cabinet, staff_apps,
# staff_audit, centres (a centre's own contacts are public), events (not an
# event's online link: registered people get it by mail), stats, sitemap,
# help) and
# `gf-audit verify`: the tables their SQL reads, and of the tables holding
# secrets or personal data only the columns they read — session loading
# (sessions, users, user_roles), the staff's counts of ideas, comments and
# failed mail. Never a password hash, a one-time token, a session's or a
# citizen's address, or a mail. A read program that reads a new table or
# column adds it here (tests/http/test_db_grants.py checks the tables).
READ_TABLES="assignments audit_head audit_log commission_decisions competition_directions
    competition_documents competitions criteria directions exhibit_stats municipalities news
    org_members organizations projects user_roles
    resource_centres"
# the statistics page and the project pages' photos and handouts (023)
READ_TABLES="$READ_TABLES project_stats project_media"
# the exhibition's search index (024)
READ_TABLES="$READ_TABLES project_search"
READ_COLUMNS="users(id, email, name, disabled)
sessions(token_hash, user_id, csrf, expires_at)
ideas(id, name, municipality_id, body, status, created_at)
comments(id, project_id, author_name, body, status, created_at)
events(id, title, kind, starts_at, ends_at, place, contact, seats, registered, registration_open, description, followup)
outbox(id, status)"

{
    # gf_read's grants on this database from nothing, so that what an older
    # version granted (the whole database) goes — only on $DB: the account
    # may serve other databases (a second site, the demo check's copy).
    # Read programs may be refused for the moment between these lines.
    SQL -N -e "SELECT 'db' FROM mysql.db WHERE User = 'gf_read' AND Host = 'localhost' AND Db = DATABASE()
               UNION ALL
               SELECT Table_name FROM mysql.tables_priv
               WHERE User = 'gf_read' AND Host = 'localhost' AND Db = DATABASE()" |
    while read -r t; do
        if [ "$t" = db ]; then
            echo "REVOKE ALL PRIVILEGES ON \`$DB\`.* FROM 'gf_read'@'localhost';"
        else
            echo "REVOKE ALL PRIVILEGES ON \`$DB\`.\`$t\` FROM 'gf_read'@'localhost';"
        fi
    done
    for t in $READ_TABLES; do
        echo "GRANT SELECT ON \`$DB\`.\`$t\` TO 'gf_read'@'localhost';"
    done
    echo "$READ_COLUMNS" | while read -r line; do
        echo "GRANT SELECT (${line#*\(} ON \`$DB\`.\`${line%%\(*}\` TO 'gf_read'@'localhost';"
    done
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
