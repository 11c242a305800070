#!/usr/bin/env bash
# Starts a private MariaDB on 127.0.0.1 for development and tests, without systemd: installs it from
# Debian's packages if missing, initialises a data directory under .run/mariadb, creates the
# database and user, and applies db/migrations (not when DB_SKIP_MIGRATE=1, as scripts/db-restore.sh
# starts it: a restore brings its own schema). Prints the connection string on its last line.
# Binary logging is on (ROW format, files mariadb-bin.* in the data directory, kept DB_BINLOG_DAYS
# days): scripts/db-backup.sh records the binlog position of each backup, which makes point-in-time
# recovery possible (docs/OPERATIONS.md). DB_BUFFER_POOL sets InnoDB's buffer pool (default 512M).
# Stop it with scripts/db-down.sh.
#
# --replica also starts a read replica of DB_NAME (docs/OPERATIONS.md "Read replica"): a second
# mariadbd on DB_REPLICA_PORT (default DB_PORT+1) with its data in DB_REPLICA_DIR (default DB_DIR
# followed by -replica), read-only, server id DB_REPLICA_SERVER_ID (default DB_SERVER_ID+1),
# replicating only DB_NAME from this server with GTID. The first time, it is seeded from a consistent
# snapshot of DB_NAME (mariadb-dump --single-transaction, as scripts/db-backup.sh takes one) and
# replicates from that snapshot's GTID; later starts resume where it stopped. A replication user is
# made on the primary, a read-only user (SELECT on DB_NAME, SLAVE MONITOR for the lag check) on the
# replica; the last line printed is then the replica's connection string, for
# ConnectionStrings:GameServerReadReplica. Without --replica nothing of this happens.
set -euo pipefail
cd "$(dirname "$0")/.."

replica=0
while [ $# -gt 0 ]; do
  case "$1" in
    --replica) replica=1; shift ;;
    *) echo "usage: $0 [--replica]" >&2; exit 2 ;;
  esac
done

DB_PORT=${DB_PORT:-3307}
DB_NAME=${DB_NAME:-gameserver}
DB_USER=${DB_USER:-gameserver}
DB_PASSWORD=${DB_PASSWORD:-gameserver-dev-password}
base=${DB_DIR:-$PWD/.run/mariadb}
datadir=$base/data
socket=$base/mariadb.sock
pidfile=$base/mariadb.pid
DB_SERVER_ID=${DB_SERVER_ID:-1}
DB_BINLOG_DAYS=${DB_BINLOG_DAYS:-7}

if ! command -v mariadbd >/dev/null 2>&1; then
  echo "==> installing MariaDB from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq mariadb-server mariadb-client >&2
fi

# shellcheck source=lib/process.sh
source scripts/lib/process.sh
# mariadb_runs PIDFILE — the mariadbd started with PIDFILE runs (a stale PID file's number may be anyone's now).
mariadb_runs() { [ -f "$1" ] && process_is "$(cat "$1")" mariadbd && process_is "$(cat "$1")" "--pid-file=$1"; }

mkdir -p "$base"
if mariadb_runs "$pidfile"; then
  echo "==> MariaDB already running (pid $(cat "$pidfile"))" >&2
else
  if [ ! -d "$datadir/mysql" ]; then
    echo "==> initialising $datadir" >&2
    mariadb-install-db --no-defaults --user=root --datadir="$datadir" --auth-root-authentication-method=socket >/dev/null
  fi
  echo "==> starting MariaDB on 127.0.0.1:$DB_PORT" >&2
  mariadbd --no-defaults --user=root --datadir="$datadir" --socket="$socket" --pid-file="$pidfile" \
    --port="$DB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --innodb-flush-log-at-trx-commit=1 --sync-binlog=1 --innodb-buffer-pool-size="${DB_BUFFER_POOL:-512M}" \
    --max-connections=500 --log-bin=mariadb-bin --server-id="$DB_SERVER_ID" --binlog-format=ROW \
    --expire-logs-days="$DB_BINLOG_DAYS" --log-error="$base/mariadb.err" >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 || { echo "!! MariaDB did not start; see $base/mariadb.err" >&2; exit 1; }
fi

mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${DB_NAME}_%\`.* TO '$DB_USER'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL

if [ "${DB_SKIP_MIGRATE:-0}" != 1 ]; then
  DB_SOCKET="$socket" DB_NAME="$DB_NAME" bash scripts/db-migrate.sh >&2
fi
if [ "$replica" = 1 ]; then
  # Everything of the replica is in scripts/lib/replica.sh; it prints the replica's connection string.
  # shellcheck source=lib/replica.sh
  source scripts/lib/replica.sh
else
  echo "Server=127.0.0.1;Port=$DB_PORT;Database=$DB_NAME;User ID=$DB_USER;Password=$DB_PASSWORD;Pooling=true;Maximum Pool Size=100"
fi
