#!/usr/bin/env bash
# Stops the MariaDB started by scripts/db-up.sh, by its PID, and its read replica (db-up.sh --replica)
# first if one runs. Their data stays in .run/mariadb and the replica's directory (pass --wipe to
# delete both).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${DB_DIR:-$PWD/.run/mariadb}
replica_base=${DB_REPLICA_DIR:-$base-replica}

# shellcheck source=lib/process.sh
source scripts/lib/process.sh

# A PID file outlives its server (a crash, a reboot), and its number may since belong to anything: only a
# mariadbd started with this PID file (db-up.sh's --pid-file) is signalled.
stop() { # name dir
  local pidfile=$2/mariadb.pid pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 0
  if process_is "$pid" "mariadbd" && process_is "$pid" "--pid-file=$pidfile"; then
    kill "$pid"
    for _ in $(seq 1 600); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then
      echo "!! $1 (pid $pid) still running after 60 s; see $2/mariadb.err" >&2
      return 1
    fi
    echo "==> $1 (pid $pid) stopped"
  elif [ -n "$pid" ] && running "$pid"; then
    echo "==> $pidfile names pid $pid, which is not this $1 now: left alone" >&2
  fi
}

status=0
stop "MariaDB replica" "$replica_base" || status=1
stop MariaDB "$base" || status=1
[ "$status" = 0 ] || exit 1
if [ "${1:-}" = "--wipe" ]; then
  for dir in "$replica_base" "$base"; do
    if [ -d "$dir" ]; then
      rm -rf "$dir"
      echo "==> $dir removed"
    fi
  done
fi
