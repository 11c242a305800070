#!/usr/bin/env bash
# Stops the MariaDB started by scripts/db-up.sh, by its PID, and its read replica (db-up.sh --replica)
# first if one runs. Their data stays in .run/mariadb and the replica's directory (pass --wipe to
# delete both).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${DB_DIR:-$PWD/.run/mariadb}
replica_base=${DB_REPLICA_DIR:-$base-replica}

stop() { # name dir
  local pidfile=$2/mariadb.pid pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "==> $1 (pid $pid) stopped"
  fi
}

stop "MariaDB replica" "$replica_base"
stop MariaDB "$base"
if [ "${1:-}" = "--wipe" ]; then
  for dir in "$replica_base" "$base"; do
    if [ -d "$dir" ]; then
      rm -rf "$dir"
      echo "==> $dir removed"
    fi
  done
fi
