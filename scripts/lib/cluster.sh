# Shared by scripts/cluster-up.sh, cluster-down.sh, cluster-rolling-restart.sh and loadtest.sh: the local
# production-shaped cluster's settings, ports and processes. Sourced, not run, from the repository root.
# Each process's log and PID go to $cluster_run (RUN_DIR, default .run/cluster).

# shellcheck source=ready.sh
source "$(dirname "${BASH_SOURCE[0]}")/ready.sh"

cluster_run=${RUN_DIR:-$PWD/.run/cluster}

# Ports: silo i listens on 11111+i (silos), 30000+i (clients, the gateway) and 8091+i (dashboard, health,
# metrics); frontend i on 8080+10i. SILO_PORT_BASE, GATEWAY_PORT_BASE, SILO_HTTP_PORT_BASE and API_PORT_BASE move them.
silo_port() { echo $((${SILO_PORT_BASE:-11111} + $1)); }
gateway_port() { echo $((${GATEWAY_PORT_BASE:-30000} + $1)); }
silo_url() { echo "http://127.0.0.1:$((${SILO_HTTP_PORT_BASE:-8091} + $1))"; }
frontend_url() { echo "http://127.0.0.1:$((${API_PORT_BASE:-8080} + $1 * 10))"; }

# cluster_environment — starts MariaDB if it is not running (scripts/db-up.sh; with REPLICA=1 its read
# replica too, db-up.sh --replica) and exports every setting the silos and frontends share: the Production
# profile, the connection strings, the cluster's ids and its keys. Keys are made once and kept, so a
# process started again (a restart) gets the same ones.
cluster_environment() {
  local connection seed_key_file
  connection=$(bash scripts/db-up.sh | tail -n 1)
  replica_connection=""
  if [ "${REPLICA:-0}" = 1 ]; then
    replica_connection=$(bash scripts/db-up.sh --replica | tail -n 1)
    export ConnectionStrings__GameServerReadReplica="$replica_connection"
  fi
  mkdir -p "$cluster_run"
  [ -f "$cluster_run/signing-key" ] || head -c 32 /dev/urandom | base64 > "$cluster_run/signing-key"
  # Kept beside the database it seals (scripts/db-up.sh's DB_DIR): a new key cannot open the chains already stored.
  seed_key_file=${DB_DIR:-$PWD/.run/mariadb}/seed-secret-key
  [ -f "$seed_key_file" ] || head -c 32 /dev/urandom | base64 > "$seed_key_file"
  [ -f "$cluster_run/admin-password" ] || echo "admin-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$cluster_run/admin-password"

  export GameServer__Profile=Production ASPNETCORE_ENVIRONMENT=Production
  export ConnectionStrings__GameServer="$connection"
  export Orleans__ClusterId=${CLUSTER_ID:-local-cluster} Orleans__ServiceId=${SERVICE_ID:-game-server}
  export Admin__PhoneNumber=${ADMIN_PHONE:-9000000000} Admin__Password="$(cat "$cluster_run/admin-password")"
  export Auth__SigningKey="$(cat "$cluster_run/signing-key")"
  export Fairness__SeedSecretKey="$(cat "$seed_key_file")"
  # A fresh local database has no chain published a day ahead: take late ones (the archive marks those
  # days late) unless told otherwise, as an operator does once for a first deployment (docs/FAIRNESS.md).
  export Fairness__AcceptLateChains=${ACCEPT_LATE_CHAINS:-true}
  export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
}

# start_process NAME DIR DLL URL — starts one process in the background, its log and PID in $cluster_run.
start_process() {
  (cd "$2" && exec dotnet "bin/Release/net10.0/$3" --urls "$4") >>"$cluster_run/$1.log" 2>&1 &
  echo $! > "$cluster_run/$1.pid"
}

# start_silo I / start_frontend I — silo or frontend number I, with its ports.
start_silo() {
  Orleans__SiloPort=$(silo_port "$1") Orleans__GatewayPort=$(gateway_port "$1") \
    start_process "silo-$1" src/Silo GameServer.Silo.dll "$(silo_url "$1")"
}
start_frontend() {
  WebApp__DashboardUrl="$(silo_url 0)/dashboard/" start_process "frontend-$1" src/ApiFrontend GameServer.ApiFrontend.dll "$(frontend_url "$1")"
}

# wait_ready NAME — until silo-I or frontend-I answers /health/ready (exits the script if it dies first or takes 60 s).
wait_ready() {
  local url
  case "$1" in
    silo-*) url=$(silo_url "${1#silo-}") ;;
    frontend-*) url=$(frontend_url "${1#frontend-}") ;;
  esac
  wait_started "$1" "$url/health/ready" "$(cat "$cluster_run/$1.pid")" "$cluster_run/$1.log"
}

# running PID — the process has not exited. One that has but is not yet reaped (a zombie: the shell that
# started it is gone, and whoever inherits it reaps when it gets round to it) counts as exited.
running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# stop_process NAME BOUND_SECONDS — SIGTERM, then waits for the exit; past the bound, SIGKILL. Prints the
# seconds it took; returns 1 when the process had to be killed.
stop_process() {
  local pid started
  pid=$(cat "$cluster_run/$1.pid")
  started=$(date +%s%N)
  kill -TERM "$pid" 2>/dev/null || { echo 0; return 0; }
  while running "$pid"; do
    if [ $(( ($(date +%s%N) - started) / 1000000000 )) -ge "$2" ]; then
      kill -KILL "$pid" 2>/dev/null || true
      echo "$2"
      return 1
    fi
    sleep 0.05
  done
  awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f\n", ns / 1e9 }'
}

# cluster_members KIND — the numbers of the silos or frontends with a PID file, in order.
cluster_members() {
  local pidfile
  for pidfile in "$cluster_run/$1"-*.pid; do
    [ -f "$pidfile" ] || continue
    pidfile=${pidfile##*/}; pidfile=${pidfile%.pid}; echo "${pidfile#"$1"-}"
  done | sort -n
}
