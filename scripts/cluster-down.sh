#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started, by PID: the frontends together, then the silos one by one (each
# SIGTERM, and SIGKILL if it has not left within SHUTDOWN_BOUND seconds, 40 by default), then MariaDB. Reads
# the cluster's ports and database from .run/cluster/cluster.env (cluster-up.sh writes it), so it stops what
# runs whatever the caller's environment. A PID file whose process is gone or is no longer ours signals nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/cluster.sh
source scripts/lib/cluster.sh
bound=${SHUTDOWN_BOUND:-40}
cluster_load_environment || echo "!! no $cluster_env_file: using this shell's environment for the cluster's ports and database" >&2

# report NAME SECONDS STATUS — one line for a process stop_process has stopped.
report() {
  if [ "$3" = 0 ]; then echo "==> stopped $1 in $2 s"; else echo "!! $1 did not stop within $2 s: killed"; fi
}

# The frontends in parallel: each serves on for Shutdown:DrainDelay (5 s in Production) after it stops being
# ready, for a balancer to take it out. When the whole cluster goes, nothing is left to send players to, and
# waiting the drains out one after the other only adds them up.
declare -A frontend_pids=()
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(cluster_members frontend); do
  if member_pid "frontend-$i" >/dev/null; then
    ( seconds=$(stop_process "frontend-$i" "$bound"); status=$?; echo "$seconds $status" > "$out/frontend-$i" ) &
    frontend_pids[$i]=$!
  fi
done
for i in $(cluster_members frontend); do
  if [ -n "${frontend_pids[$i]:-}" ]; then
    wait "${frontend_pids[$i]}"
    read -r seconds status < "$out/frontend-$i"
    report "frontend-$i" "$seconds" "$status"
  fi
  rm -f "$cluster_run/frontend-$i.pid"
done

# Then the silos, one at a time as before, once no frontend calls them.
for i in $(cluster_members silo); do
  if member_pid "silo-$i" >/dev/null; then
    seconds=$(stop_process "silo-$i" "$bound"); status=$?
    report "silo-$i" "$seconds" "$status"
  fi
  rm -f "$cluster_run/silo-$i.pid"
done

# The environment file goes with the database: while it runs, a second cluster-down.sh needs its DB_DIR.
if scripts/db-down.sh; then rm -f "$cluster_env_file"; else exit 1; fi
