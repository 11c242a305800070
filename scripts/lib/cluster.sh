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
silo_http_port() { echo $((${SILO_HTTP_PORT_BASE:-8091} + $1)); }
frontend_port() { echo $((${API_PORT_BASE:-8080} + $1 * 10)); }
silo_url() { echo "http://127.0.0.1:$(silo_http_port "$1")"; }
frontend_url() { echo "http://127.0.0.1:$(frontend_port "$1")"; }

# What cluster-up.sh was started with, for the scripts that come after it: the rolling restart must start each
# process again exactly as it runs (a silo started without the replica's connection string reads history
# from the primary, silently), and cluster-down.sh must find the processes and the database it started,
# whatever the environment they are run from. Written by cluster_save_environment, read by
# cluster_load_environment. It holds the cluster's secrets, as $cluster_run's key files do: mode 600.
cluster_env_file=$cluster_run/cluster.env
# The scripts' own settings that shape the cluster (counts, replica, ports, database, ids); besides them,
# every configuration setting in the environment (Section__Key) and the runtime's (DOTNET_*, ASPNETCORE_*).
cluster_knobs='^(SILOS|FRONTENDS|REPLICA|[A-Z_]+_PORT_BASE|DB_[A-Z_]+|CLUSTER_ID|SERVICE_ID|ADMIN_PHONE|ACCEPT_LATE_CHAINS)$'
cluster_settings='__|^DOTNET_|^ASPNETCORE_'

cluster_save_environment() {
  local name
  (
    umask 077
    echo "# The environment scripts/cluster-up.sh started this cluster with; read by cluster-rolling-restart.sh and cluster-down.sh."
    for name in $(compgen -e | grep -E "$cluster_knobs|$cluster_settings"); do
      printf 'export %s=%q\n' "$name" "${!name}"
    done
  ) > "$cluster_env_file"
}

# cluster_load_environment — the environment of cluster_save_environment instead of the caller's: the caller's
# own cluster knobs and configuration settings are dropped first, so that one exported here and not when the
# cluster started (another port base, a setting) does not reach the processes started again. Fails when
# there is no such file (a cluster started before cluster-up.sh wrote one).
cluster_load_environment() {
  local name
  [ -f "$cluster_env_file" ] || return 1
  for name in $(compgen -e | grep -E "$cluster_knobs|__"); do unset "$name"; done
  # shellcheck source=/dev/null
  source "$cluster_env_file"
}

# cluster_refuse_if_running — exits (status 3) when a silo or frontend of $cluster_run still runs, or a port
# this cluster would take (SILOS, FRONTENDS) is taken: starting over it would overwrite the PID files, and
# cluster-down.sh would then stop only the new processes. Any GameServer process on a recorded PID counts
# (whatever ports it was started with): refusing is the safe mistake. Removes PID files whose process is gone.
cluster_refuse_if_running() {
  local pidfile name pid alive=0 ports=() i
  for pidfile in "$cluster_run"/silo-*.pid "$cluster_run"/frontend-*.pid; do
    [ -f "$pidfile" ] || continue
    name=${pidfile##*/}; name=${name%.pid}; pid=$(cat "$pidfile")
    if process_is "$pid" "GameServer."; then
      echo "!! $name is still running (pid $pid, $cluster_run)" >&2
      alive=1
    fi
  done
  if [ "$alive" = 1 ]; then
    echo "!! a cluster is already up in $cluster_run: stop it with scripts/cluster-down.sh (or restart it with scripts/cluster-rolling-restart.sh)" >&2
    exit 3
  fi
  rm -f "$cluster_run"/silo-*.pid "$cluster_run"/frontend-*.pid
  for i in $(seq 0 $((SILOS - 1))); do ports+=("$(silo_port "$i")" "$(gateway_port "$i")" "$(silo_http_port "$i")"); done
  for i in $(seq 0 $((FRONTENDS - 1))); do ports+=("$(frontend_port "$i")"); done
  refuse_busy_ports "the cluster (its *_PORT_BASE settings move its ports)" "${ports[@]}"
}

# cluster_environment — starts MariaDB if it is not running (scripts/db-up.sh; with REPLICA=1 its read
# replica too, db-up.sh --replica) and exports every setting the silos and frontends share: the Production
# profile, the connection strings, the cluster's ids and its keys. Keys are made once and kept, so a
# process started again (a restart) gets the same ones.
cluster_environment() {
  local connection seed_key_file payout_key_file
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
  # The same for the key that seals payout destinations (grain state and withdrawals).
  payout_key_file=${DB_DIR:-$PWD/.run/mariadb}/payout-sealing-key
  [ -f "$payout_key_file" ] || head -c 32 /dev/urandom | base64 > "$payout_key_file"
  [ -f "$cluster_run/admin-password" ] || echo "admin-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$cluster_run/admin-password"

  export GameServer__Profile=Production ASPNETCORE_ENVIRONMENT=Production
  export ConnectionStrings__GameServer="$connection"
  export Orleans__ClusterId=${CLUSTER_ID:-local-cluster} Orleans__ServiceId=${SERVICE_ID:-game-server}
  export Admin__PhoneNumber=${ADMIN_PHONE:-9000000000} Admin__Password="$(cat "$cluster_run/admin-password")"
  export Auth__SigningKey="$(cat "$cluster_run/signing-key")"
  export Fairness__SeedSecretKey="$(cat "$seed_key_file")"
  export Wallet__PayoutSealingKey="$(cat "$payout_key_file")"
  # A fresh local database has no chain published a day ahead: take late ones (the archive marks those
  # days late) unless told otherwise, as an operator does once for a first deployment (docs/FAIRNESS.md).
  export Fairness__AcceptLateChains=${ACCEPT_LATE_CHAINS:-true}
  export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
}

# start_process NAME DIR DLL URL — starts one process in the background, its log and PID in $cluster_run.
# In a session of its own (setsid), as scripts/run.sh does: Ctrl-C signals the terminal's foreground process
# group, and .NET stops on SIGINT, so a Ctrl-C of the script that started it (a rolling restart, cluster-up)
# would otherwise stop every process it had started too. setsid execs in place (the subshell is not a process
# group leader here), so $! is the server's PID; wait_ready checks that it is the process serving its URL.
start_process() {
  (cd "$2" && exec setsid dotnet "bin/Release/net10.0/$3" --urls "$4") >>"$cluster_run/$1.log" 2>&1 &
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

# wait_ready NAME — until silo-I or frontend-I answers /health/ready itself (exits the script if it dies first
# or takes 60 s; a 200 from another process on its port does not count: lib/ready.sh).
wait_ready() {
  local url
  case "$1" in
    silo-*) url=$(silo_url "${1#silo-}") ;;
    frontend-*) url=$(frontend_url "${1#frontend-}") ;;
  esac
  wait_started "$1" "$url/health/ready" "$(cat "$cluster_run/$1.pid")" "$cluster_run/$1.log"
}

# member_command NAME — what silo-I's or frontend-I's command line contains: its dll and its URL. (running,
# process_is: lib/process.sh.)
member_command() {
  case "$1" in
    silo-*) echo "GameServer.Silo.dll --urls $(silo_url "${1#silo-}")" ;;
    frontend-*) echo "GameServer.ApiFrontend.dll --urls $(frontend_url "${1#frontend-}")" ;;
  esac
}

# member_pid NAME — prints the PID of silo-I or frontend-I when its PID file names a process that is still
# that server; fails otherwise (no file, exited, or the number now belongs to another process).
member_pid() {
  local pid
  pid=$(cat "$cluster_run/$1.pid" 2>/dev/null) || return 1
  process_is "$pid" "$(member_command "$1")" || return 1
  echo "$pid"
}

# stop_process NAME BOUND_SECONDS — SIGTERM, then waits for the exit; past the bound, SIGKILL. Prints the
# seconds it took; returns 1 when the process had to be killed. A PID file whose process is gone (or is no
# longer ours) signals nothing and takes 0 s.
stop_process() {
  local pid started
  pid=$(member_pid "$1") || { echo 0; return 0; }
  started=$(date +%s%N)
  kill -TERM "$pid" 2>/dev/null || { echo 0; return 0; }
  while running "$pid"; do
    if [ $(( ($(date +%s%N) - started) / 1000000000 )) -ge "$2" ]; then
      # Checked again: the number is only reused once the process has gone, but then it could be anyone's.
      if process_is "$pid" "$(member_command "$1")"; then kill -KILL "$pid" 2>/dev/null || true; fi
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
