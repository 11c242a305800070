#!/usr/bin/env bash
# Restarts the cluster of scripts/cluster-up.sh one process at a time, every silo and then every frontend:
# SIGTERM, wait for it to leave (SHUTDOWN_BOUND seconds at most, 40 by default: the processes' own
# Shutdown:Timeout is 30 s in Production), start it again with the same settings, wait until it is ready,
# next. The settings are cluster-up.sh's, from .run/cluster/cluster.env (SILOS, REPLICA and the replica's
# connection string, the ports, every setting exported when it started), not this shell's environment;
# the new processes are started from the Release build there now, so a rolling upgrade is: build, then this.
# Prints each process's time to leave and to be ready again; exits non-zero when one had to be killed or
# did not come back.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/cluster.sh
source scripts/lib/cluster.sh
bound=${SHUTDOWN_BOUND:-40}

silos=$(cluster_members silo)
frontends=$(cluster_members frontend)
if [ -z "$silos" ] || [ -z "$frontends" ]; then
  echo "!! no cluster in $cluster_run: start one with scripts/cluster-up.sh" >&2
  exit 2
fi
if ! cluster_load_environment; then
  # A cluster started before cluster-up.sh kept its environment: this shell's is all there is.
  echo "!! no $cluster_env_file: restarting with this shell's environment (start the cluster with scripts/cluster-up.sh to keep its own)" >&2
fi
cluster_environment

status=0
started_all=$(date +%s%N)
printf '%-12s %10s %10s\n' process "left (s)" "ready (s)"
restart() { # silo|frontend I
  local name=$1-$2 left ready_started
  if ! left=$(stop_process "$name" "$bound"); then
    echo "!! $name did not leave within $bound s: killed" >&2
    status=1
  fi
  ready_started=$(date +%s%N)
  "start_$1" "$2"
  wait_ready "$name"
  printf '%-12s %10s %10s\n' "$name" "$left" "$(awk -v ns=$(( $(date +%s%N) - ready_started )) 'BEGIN { printf "%.1f", ns / 1e9 }')"
}
for i in $silos; do restart silo "$i"; done
for i in $frontends; do restart frontend "$i"; done
echo "==> rolling restart of $(wc -w <<<"$silos $frontends") processes in $(awk -v ns=$(( $(date +%s%N) - started_all )) 'BEGIN { printf "%.0f", ns / 1e9 }') s"
exit $status
