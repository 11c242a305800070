#!/usr/bin/env bash
# Applies db/migrations/*.sql in order to one database, each once: applied versions are recorded in
# schema_migrations, so running it again changes nothing. Uses the mariadb client, which understands
# the DELIMITER blocks of stored procedures.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_NAME=${DB_NAME:-gameserver}
socket=${DB_SOCKET:-$PWD/.run/mariadb/mariadb.sock}
sql() { mariadb --no-defaults --socket="$socket" -uroot --batch --skip-column-names "$DB_NAME" "$@"; }

sql -e "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(128) NOT NULL PRIMARY KEY, applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB"
for file in db/migrations/*.sql; do
  version=$(basename "$file" .sql)
  if [ -n "$(sql -e "SELECT 1 FROM schema_migrations WHERE version = '$version'")" ]; then
    continue
  fi
  echo "==> $DB_NAME: applying $version"
  sql < "$file"
  sql -e "INSERT INTO schema_migrations (version) VALUES ('$version')"
done
