#!/usr/bin/env bash
# Restores a backup of scripts/db-backup.sh into a fresh database: starts (or reuses) a private
# MariaDB with scripts/db-up.sh on --port/--dir (default: DB_PORT/DB_DIR, else 3308 and
# .run/restore-mariadb), loads the dump into the new database --name (default: the backup's own
# name; it must not hold any table yet), applies any migration newer than the backup and checks the
# restored ledger_entries count against the manifest, and empties OrleansMembershipTable (the backed-up
# silos are not this copy's; grain state and reminders are kept, under the source's service id).
#
# Point-in-time recovery: --until "YYYY-MM-DD HH:MM:SS" (the source server's local time, UTC here)
# then replays the source's binary log from the backup's position up to, not including, that time
# with mariadb-binlog (only the backed-up database's events, --database, renamed by --rewrite-db). The
# binlog files are read from the manifest's binlog_dir, or from --binlog-dir (copies of them).
#
# Usage: scripts/db-restore.sh BACKUP_DIR [--port P] [--dir D] [--name N] [--until TIME] [--binlog-dir DIR]
# Prints the restored database's connection string on its last line. Stop the server with
# DB_DIR=D scripts/db-down.sh [--wipe]. docs/OPERATIONS.md "Backups and restore".
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 BACKUP_DIR [--port P] [--dir D] [--name N] [--until 'YYYY-MM-DD HH:MM:SS'] [--binlog-dir DIR]" >&2; exit 2; }
[ $# -ge 1 ] || usage
backup=$1; shift
port=${DB_PORT:-3308}
dir=${DB_DIR:-$PWD/.run/restore-mariadb}
name=""
until=""
binlog_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --until) until=$2; shift 2 ;;
    --binlog-dir) binlog_dir=$2; shift 2 ;;
    *) usage ;;
  esac
done

manifest=$backup/manifest.env
dump=$backup/dump.sql.gz
[ -f "$manifest" ] && [ -f "$dump" ] || { echo "!! $backup holds no manifest.env and dump.sql.gz" >&2; exit 1; }
get() { grep -m1 "^$1=" "$manifest" | cut -d= -f2-; }
source_db=$(get database)
name=${name:-$source_db}
[ "$(sha256sum "$dump" | cut -d' ' -f1)" = "$(get dump_sha256)" ] || { echo "!! $dump does not match its manifest's SHA-256" >&2; exit 1; }

echo "==> starting MariaDB on 127.0.0.1:$port ($dir) for database $name" >&2
connection=$(DB_PORT=$port DB_DIR=$dir DB_NAME=$name DB_SKIP_MIGRATE=1 bash scripts/db-up.sh | tail -n 1)
socket=$dir/mariadb.sock
sql() { mariadb --no-defaults --socket="$socket" -uroot --batch --skip-column-names "$@"; }

if [ "$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$name'")" != 0 ]; then
  echo "!! database $name on 127.0.0.1:$port already holds tables: restore into a new one (--name)" >&2
  exit 1
fi

echo "==> loading $dump into $name" >&2
zcat "$dump" | sql "$name"
restored=$(sql "$name" -e 'SELECT COUNT(*) FROM ledger_entries')
before=$(get ledger_entries_rows_before); after=$(get ledger_entries_rows_after)
if [ "$restored" -lt "$before" ] || [ "$restored" -gt "$after" ]; then
  echo "!! $restored ledger entries restored, outside the manifest's $before..$after" >&2
  exit 1
fi
echo "==> $restored ledger entries restored (the source had $before before and $after after the dump)" >&2

if [ -n "$until" ]; then
  binlog_dir=${binlog_dir:-$(get binlog_dir)}
  first=$(get binlog_file)
  # The backup's file and every later one, in order (mariadb-bin.000001, .000002 …).
  files=()
  for file in $(ls "$binlog_dir" | grep -E "^${first%.*}\.[0-9]+$" | sort); do
    [[ "$file" < "$first" ]] || files+=("$binlog_dir/$file")
  done
  [ ${#files[@]} -gt 0 ] || { echo "!! $first not found in $binlog_dir" >&2; exit 1; }
  echo "==> replaying ${#files[@]} binlog file(s) of $source_db from $first:$(get binlog_position) until $until" >&2
  mariadb-binlog --no-defaults --start-position="$(get binlog_position)" --stop-datetime="$until" \
    --rewrite-db="$source_db->$name" --database="$source_db" "${files[@]}" | sql "$name"
  echo "==> $(sql "$name" -e 'SELECT COUNT(*) FROM ledger_entries') ledger entries after the replay" >&2
fi

DB_SOCKET=$socket DB_NAME=$name bash scripts/db-migrate.sh >&2
# Membership is the live cluster's, not data: the silos listed in the backup are gone (or belong to the
# source cluster). Left in, they would be probed by the first silo started on the copy.
sql "$name" -e 'DELETE FROM OrleansMembershipTable'
echo "$connection"
