#!/usr/bin/env bash
# A local production-shaped cluster: MariaDB + 3 silos + 2 frontends on 127.0.0.1 in the Production
# profile (ADO.NET clustering, grain storage, reminders and the journal on MariaDB). Each process's
# log and PID go to .run/cluster; scripts/cluster-rolling-restart.sh restarts them one by one,
# scripts/cluster-down.sh stops them all. REPLICA=1 also starts a read replica (scripts/db-up.sh
# --replica), which the silos read history from while it is current. SKIP_BUILD=1 uses the Release
# build already there. What it was started with (these settings and every Section__Key one exported) is
# kept in .run/cluster/cluster.env, which the rolling restart and cluster-down.sh read. Refuses (exit 3)
# while a process of .run/cluster runs or one of the cluster's ports is taken.
set -euo pipefail
cd "$(dirname "$0")/.."

# Exported: cluster_save_environment keeps what is exported.
export SILOS=${SILOS:-3} FRONTENDS=${FRONTENDS:-2} REPLICA=${REPLICA:-0}
# shellcheck source=lib/cluster.sh
source scripts/lib/cluster.sh

cluster_refuse_if_running
cluster_environment
cluster_save_environment
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> building"
  dotnet build Orleans.sln -c Release -nologo -v:q >/dev/null
fi

for i in $(seq 0 $((SILOS - 1))); do : > "$cluster_run/silo-$i.log"; start_silo "$i"; done
for i in $(seq 0 $((SILOS - 1))); do wait_ready "silo-$i"; done
for i in $(seq 0 $((FRONTENDS - 1))); do : > "$cluster_run/frontend-$i.log"; start_frontend "$i"; done
for i in $(seq 0 $((FRONTENDS - 1))); do wait_ready "frontend-$i"; done

echo
echo "  Cluster is up (Production profile on MariaDB, $SILOS silos, $FRONTENDS frontends)"
for i in $(seq 0 $((FRONTENDS - 1))); do echo "    frontend $i   $(frontend_url "$i")"; done
for i in $(seq 0 $((SILOS - 1))); do echo "    silo $i       $(silo_url "$i")/dashboard/"; done
if [ -n "$replica_connection" ]; then echo "    read replica ${replica_connection%%;Database=*}"; fi
echo "    admin        phone_no ${Admin__PhoneNumber}, password in $cluster_run/admin-password"
echo "    logs, PIDs   $cluster_run"
echo "  scripts/cluster-rolling-restart.sh restarts it one process at a time; scripts/cluster-down.sh stops everything."
