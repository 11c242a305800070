#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started, by PID: frontends first, then silos (each SIGTERM, and SIGKILL
# if it has not left within SHUTDOWN_BOUND seconds, 40 by default), then MariaDB.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/cluster.sh
source scripts/lib/cluster.sh
for kind in frontend silo; do
  for i in $(cluster_members "$kind"); do
    name=$kind-$i
    if running "$(cat "$cluster_run/$name.pid")"; then
      if seconds=$(stop_process "$name" "${SHUTDOWN_BOUND:-40}"); then
        echo "==> stopped $name in $seconds s"
      else
        echo "!! $name did not stop within $seconds s: killed"
      fi
    fi
    rm -f "$cluster_run/$name.pid"
  done
done
bash scripts/db-down.sh
