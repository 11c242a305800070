#!/usr/bin/env bash
# Runs a load-test preset against a server it starts and stops itself, on 127.0.0.1 only:
#   scripts/loadtest.sh smoke              Development profile: one silo, one frontend (≈ 2 minutes)
#   scripts/loadtest.sh capacity [--mysql] the scenario mix up to 20,000 users and beyond; --mysql: the
#                                          MariaDB cluster of scripts/cluster-up.sh (Production profile)
#   scripts/loadtest.sh players [--mysql]  every player connected to a game screen, by type (--users N,
#                                          --processes P to spread the generator over P processes)
#   scripts/loadtest.sh storm [--mysql]    a login storm (arrivals 10 → 50 → 100 → 200 a second) at the
#                                          production cost of a password hash
#   scripts/loadtest.sh rolling            the smoke's mix on the MariaDB cluster (2 silos, 2 frontends) while
#                                          scripts/cluster-rolling-restart.sh restarts every process one by one:
#                                          failed requests counted, none of the acknowledged operations lost,
#                                          hub clients back, audit conserved (≈ 3 minutes)
# Extra arguments go to the generator (e.g. --users 1000). The load configuration lifts the rate and
# per-address connection limits, lowers the Argon2 cost (but for the storm), adds the generator's
# payment gateway and lets a new payout method be used at once; nothing else differs from the profile. Exits non-zero on any error or a failed audit.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-smoke}; shift || true
case "$preset" in
  smoke | capacity | players | storm | rolling) ;;
  *) echo "usage: scripts/loadtest.sh smoke|capacity|players|storm|rolling [--mysql] [generator options]" >&2; exit 2 ;;
esac
mysql=false
if [ "$preset" = rolling ]; then
  # Restarts need real processes sharing a database: the MariaDB cluster, small enough for two cores.
  mysql=true
  export SILOS=${SILOS:-2} FRONTENDS=${FRONTENDS:-2}
  # The generator's balancer reads readiness every half second: a stopping frontend need not wait
  # Production's 5 s for it (docs/OPERATIONS.md, Shutdown and rolling restarts).
  export Shutdown__DrainDelay=${Shutdown__DrainDelay:-00:00:02}
fi
args=()
for arg in "$@"; do
  if [ "$arg" = "--mysql" ]; then mysql=true; else args+=("$arg"); fi
done

run=${RUN_DIR:-$PWD/.run/loadtest}
results=${RESULTS_DIR:-$PWD/results/$(date -u +%Y%m%d-%H%M%S)-$preset}
mkdir -p "$run"

export RateLimits__Enabled=false Realtime__MaxConnectionsPerIp=100000
# Withdrawing players save a payout method as they start and withdraw to it at once: no cooling-off.
export Wallet__PayoutMethodCoolingOff=00:00:00
if [ "$preset" != storm ]; then
  # Thousands of players register in setup: cheaper hashes for the whole run (logins are not what these
  # presets measure); the storm keeps the production cost, since logins are what it measures.
  export Passwords__MemoryKiB=4096 Passwords__Iterations=1
fi
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1

# On every profile the generator plays a hosted payment gateway: the frontends are given a gateway entry
# and the generator its secret, and it sends the signed "paid" callbacks itself (SPEC §5), so deposits
# run the production money path (Development's self-paying test gateway is not used).
# The secret travels in the environment, not on a command line any local user could read.
LOADTEST_GATEWAY_SECRET=$(head -c 32 /dev/urandom | base64)
export LOADTEST_GATEWAY_SECRET Payments__Gateways__loadtest__Secret="$LOADTEST_GATEWAY_SECRET" Payments__Gateways__loadtest__CheckoutUrl=http://127.0.0.1:9/checkout
gateway=(--gateway loadtest)

pids=()
# Set once cluster-up.sh has begun starting our cluster: when it refuses (exit 3, a cluster already runs in
# RUN_DIR or its ports are taken), the cluster there is someone else's and is not ours to stop.
cluster_ours=false
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$cluster_ours" = true ]; then scripts/cluster-down.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT INT TERM
# shellcheck source=lib/cluster.sh
source scripts/lib/cluster.sh


if [ "$mysql" = true ]; then
  # Run as documented (not through bash), so that CI exercises the scripts' exec bits too.
  cluster_ours=true
  scripts/cluster-up.sh || { status=$?; [ "$status" != 3 ] || cluster_ours=false; exit "$status"; }
  urls=()
  for i in $(seq 0 $((${FRONTENDS:-2} - 1))); do urls+=(--url "$(frontend_url "$i")"); done
  for i in $(seq 0 $((${SILOS:-3} - 1))); do urls+=(--metrics "$(silo_url "$i")/metrics"); done
  admin=(--admin-password "$(cat "$cluster_run/admin-password")")
else
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "==> building"
    dotnet build Orleans.sln -c Release -nologo -v:q >/dev/null
  fi
  export ASPNETCORE_ENVIRONMENT=Development GameServer__Profile=Development
  export Orleans__SiloPort=21111 Orleans__GatewayPort=31000 Orleans__Gateways__0=127.0.0.1:31000
  (cd src/Silo && exec dotnet bin/Release/net10.0/GameServer.Silo.dll --urls http://127.0.0.1:18081) >"$run/silo.log" 2>&1 &
  pids+=($!)
  wait_started silo http://127.0.0.1:18081/health/ready "${pids[0]}" "$run/silo.log"
  (cd src/ApiFrontend && exec dotnet bin/Release/net10.0/GameServer.ApiFrontend.dll --urls http://127.0.0.1:18080) >"$run/frontend.log" 2>&1 &
  pids+=($!)
  wait_started frontend http://127.0.0.1:18080/health/ready "${pids[1]}" "$run/frontend.log"
  urls=(--url http://127.0.0.1:18080 --metrics http://127.0.0.1:18081/metrics)
  admin=()
fi

echo "==> load test '$preset'"
status=0
generator=(dotnet tools/LoadTest/bin/Release/net10.0/GameServer.LoadTest.dll)
if [ "$preset" = rolling ]; then
  # The generator says when its load is warm (--start-file) and holds the disturbed phase until the restart
  # is over (--until-file); the restart's own figures go to the report folder beside the generator's.
  mkdir -p "$results"
  rm -f "$run/rolling.start" "$run/rolling.done"
  "${generator[@]}" run --preset rolling "${urls[@]}" "${admin[@]}" "${gateway[@]}" --out "$results" \
    --start-file "$run/rolling.start" --until-file "$run/rolling.done" "${args[@]}" &
  load=$!
  pids+=("$load")
  while [ ! -f "$run/rolling.start" ] && kill -0 "$load" 2>/dev/null; do sleep 0.5; done
  if [ -f "$run/rolling.start" ]; then
    echo "==> rolling restart under load"
    scripts/cluster-rolling-restart.sh 2>&1 | tee "$results/rolling-restart.txt" || status=$?
    touch "$run/rolling.done"
  fi
  wait "$load" || status=$?
elif [ "$preset" = storm ]; then
  "${generator[@]}" storm "${urls[@]}" "${gateway[@]}" --out "$results" "${args[@]}" || status=$?
else
  "${generator[@]}" run --preset "$preset" "${urls[@]}" "${admin[@]}" "${gateway[@]}" --out "$results" "${args[@]}" || status=$?
fi
echo "==> report in $results"
exit $status
