#!/usr/bin/env bash
# A consistent online backup of one database of the MariaDB started by scripts/db-up.sh (same
# DB_DIR/DB_NAME settings), taken while the cluster keeps writing:
#   mariadb-dump --single-transaction --master-data=2 --gtid --routines --triggers --hex-blob DB
# (no CREATE DATABASE/USE in it: it loads into a database of any name)
# reads every table (the journal and Orleans' tables) in one InnoDB snapshot and writes, as a comment,
# the binlog file and position of that snapshot. The backup is a folder:
#   dump.sql.gz    the dump
#   manifest.env   KEY=value lines: database, time, binlog file/position/GTID, binlog directory,
#                  ledger_entries rows counted just before and just after the dump (the snapshot's
#                  count lies between: the ledger is append-only), dump size and SHA-256
# Usage: scripts/db-backup.sh [--out DIR]   (default .run/backups). Prints the backup folder on its
# last line. Restore with scripts/db-restore.sh; docs/OPERATIONS.md "Backups and restore".
set -euo pipefail
cd "$(dirname "$0")/.."

out=$PWD/.run/backups
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
  esac
done

DB_NAME=${DB_NAME:-gameserver}
base=${DB_DIR:-$PWD/.run/mariadb}
socket=${DB_SOCKET:-$base/mariadb.sock}
sql() { mariadb --no-defaults --socket="$socket" -uroot --batch --skip-column-names "$@"; }

if [ "$(sql -e 'SELECT @@log_bin')" != 1 ]; then
  echo "!! binary logging is off on $socket: restart MariaDB with scripts/db-up.sh (it turns it on)" >&2
  exit 1
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
backup=$out/$DB_NAME-$stamp
mkdir -p "$backup"
started_at=$(date -u '+%Y-%m-%d %H:%M:%S')
rows_before=$(sql "$DB_NAME" -e 'SELECT COUNT(*) FROM ledger_entries')

echo "==> dumping $DB_NAME to $backup" >&2
mariadb-dump --no-defaults --socket="$socket" -uroot \
  --single-transaction --master-data=2 --gtid --routines --triggers --events --hex-blob \
  --default-character-set=utf8mb4 "$DB_NAME" \
  | gzip -6 > "$backup/dump.sql.gz"

finished_at=$(date -u '+%Y-%m-%d %H:%M:%S')
rows_after=$(sql "$DB_NAME" -e 'SELECT COUNT(*) FROM ledger_entries')

# The position comments sit in the dump's first lines:
#   -- CHANGE MASTER TO MASTER_LOG_FILE='mariadb-bin.000002', MASTER_LOG_POS=1234;
# and the GTID of the snapshot near its end:  -- SET GLOBAL gtid_slave_pos='0-1-99';
header=$(zcat "$backup/dump.sql.gz" | head -n 60 || true) # head closes the pipe early on big dumps
binlog_file=$(sed -nE "s/^-- CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=([0-9]+);.*/\1/p" <<<"$header" | head -n 1)
binlog_pos=$(sed -nE "s/^-- CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=([0-9]+);.*/\2/p" <<<"$header" | head -n 1)
gtid=$(zcat "$backup/dump.sql.gz" | sed -nE "s/^-- SET GLOBAL gtid_slave_pos='([^']*)';.*/\1/p" | tail -n 1)
if [ -z "$binlog_file" ] || [ -z "$binlog_pos" ]; then
  echo "!! the dump carries no binlog position" >&2
  exit 1
fi
if ! zcat "$backup/dump.sql.gz" | tail -n 1 | grep -q '^-- Dump completed'; then
  echo "!! the dump did not complete" >&2
  exit 1
fi

cat > "$backup/manifest.env" <<EOF
database=$DB_NAME
started_at=$started_at
finished_at=$finished_at
binlog_file=$binlog_file
binlog_position=$binlog_pos
gtid=$gtid
binlog_dir=$(dirname "$(sql -e 'SELECT @@log_bin_basename')")
server_id=$(sql -e 'SELECT @@server_id')
server_version=$(sql -e 'SELECT VERSION()')
ledger_entries_rows_before=$rows_before
ledger_entries_rows_after=$rows_after
dump_bytes=$(stat -c %s "$backup/dump.sql.gz")
dump_sha256=$(sha256sum "$backup/dump.sql.gz" | cut -d' ' -f1)
EOF
echo "==> $DB_NAME at $binlog_file:$binlog_pos (GTID $gtid), $rows_before..$rows_after ledger entries" >&2
echo "$backup"
