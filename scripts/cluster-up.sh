#!/usr/bin/env bash
# A local production-shaped cluster: MariaDB + 3 silos + 2 frontends on 127.0.0.1 in the Production
# profile (ADO.NET clustering, grain storage, reminders and the journal on MariaDB). Each process's
# log and PID go to .run/cluster; scripts/cluster-down.sh stops them all. REPLICA=1 also starts a read
# replica (scripts/db-up.sh --replica), which the silos read history from while it is current.
set -euo pipefail
cd "$(dirname "$0")/.."

SILOS=${SILOS:-3}
FRONTENDS=${FRONTENDS:-2}
run=${RUN_DIR:-$PWD/.run/cluster}
mkdir -p "$run"

connection=$(bash scripts/db-up.sh | tail -n 1)
replica_connection=""
if [ "${REPLICA:-0}" = 1 ]; then
  replica_connection=$(bash scripts/db-up.sh --replica | tail -n 1)
fi
echo "==> building"
dotnet build Orleans.sln -c Release -nologo -v:q >/dev/null

[ -f "$run/signing-key" ] || head -c 32 /dev/urandom | base64 > "$run/signing-key"
# Kept beside the database it seals (scripts/db-up.sh's DB_DIR): a new key cannot open the chains already stored.
seed_key_file=${DB_DIR:-$PWD/.run/mariadb}/seed-secret-key
[ -f "$seed_key_file" ] || head -c 32 /dev/urandom | base64 > "$seed_key_file"
[ -f "$run/admin-password" ] || echo "admin-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$run/admin-password"

export GameServer__Profile=Production ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__GameServer="$connection"
if [ -n "$replica_connection" ]; then
  export ConnectionStrings__GameServerReadReplica="$replica_connection"
fi
export Orleans__ClusterId=${CLUSTER_ID:-local-cluster} Orleans__ServiceId=${SERVICE_ID:-game-server}
export Admin__PhoneNumber=${ADMIN_PHONE:-9000000000} Admin__Password="$(cat "$run/admin-password")"
export Auth__SigningKey="$(cat "$run/signing-key")"
export Fairness__SeedSecretKey="$(cat "$seed_key_file")"
# A fresh local database has no chain published a day ahead: take late ones (the archive marks those
# days late) unless told otherwise, as an operator does once for a first deployment (docs/FAIRNESS.md).
export Fairness__AcceptLateChains=${ACCEPT_LATE_CHAINS:-true}
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
# shellcheck source=lib/ready.sh
source scripts/lib/ready.sh


start() { # name dir dll url
  (cd "$2" && exec dotnet "bin/Release/net10.0/$3" --urls "$4") >"$run/$1.log" 2>&1 &
  echo $! > "$run/$1.pid"
}

for i in $(seq 0 $((SILOS - 1))); do
  Orleans__SiloPort=$((11111 + i)) Orleans__GatewayPort=$((30000 + i)) start "silo-$i" src/Silo GameServer.Silo.dll "http://127.0.0.1:$((8091 + i))"
done
for i in $(seq 0 $((SILOS - 1))); do
  wait_started "silo-$i" "http://127.0.0.1:$((8091 + i))/health/ready" "$(cat "$run/silo-$i.pid")" "$run/silo-$i.log"
done
for i in $(seq 0 $((FRONTENDS - 1))); do
  WebApp__DashboardUrl=http://127.0.0.1:8091/dashboard/ start "frontend-$i" src/ApiFrontend GameServer.ApiFrontend.dll "http://127.0.0.1:$((8080 + i * 10))"
done
for i in $(seq 0 $((FRONTENDS - 1))); do
  wait_started "frontend-$i" "http://127.0.0.1:$((8080 + i * 10))/health/ready" "$(cat "$run/frontend-$i.pid")" "$run/frontend-$i.log"
done

echo
echo "  Cluster is up (Production profile on MariaDB, $SILOS silos, $FRONTENDS frontends)"
for i in $(seq 0 $((FRONTENDS - 1))); do echo "    frontend $i   http://127.0.0.1:$((8080 + i * 10))"; done
for i in $(seq 0 $((SILOS - 1))); do echo "    silo $i       http://127.0.0.1:$((8091 + i))/dashboard/"; done
if [ -n "$replica_connection" ]; then echo "    read replica ${replica_connection%%;Database=*}"; fi
echo "    admin        phone_no ${Admin__PhoneNumber}, password in $run/admin-password"
echo "    logs, PIDs   $run"
echo "  scripts/cluster-down.sh stops everything."
