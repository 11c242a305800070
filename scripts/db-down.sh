#!/usr/bin/env bash
# Stops the MariaDB started by scripts/db-up.sh, by its PID. Its data stays in .run/mariadb
# (pass --wipe to delete it).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${DB_DIR:-$PWD/.run/mariadb}
pidfile=$base/mariadb.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  echo "==> MariaDB (pid $pid) stopped"
fi
if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$base"
  echo "==> $base removed"
fi
