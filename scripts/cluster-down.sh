#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started, by PID: frontends first, then silos, then MariaDB.
set -uo pipefail
cd "$(dirname "$0")/.."
run=${RUN_DIR:-$PWD/.run/cluster}
for pidfile in "$run"/frontend-*.pid "$run"/silo-*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "==> stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
done
bash scripts/db-down.sh
