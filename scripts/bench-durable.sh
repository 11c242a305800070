#!/usr/bin/env bash
# Durable bet throughput: the Production profile on MariaDB (one silo, one frontend, full
# durability) against the old system's database-centric bet path on the same MariaDB, in the same
# run, both driven by wrk on 127.0.0.1. Prints both rates, their p95 and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
run=${RUN_DIR:-$PWD/.run/bench-durable}
mkdir -p "$run"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

pids=()
# Only a cluster this script began starting is stopped: when cluster-up.sh refuses (exit 3, one is already up
# in .run/cluster or its ports are taken), that cluster is someone else's.
cluster_ours=false
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true
  if [ "$cluster_ours" = true ]; then scripts/cluster-down.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT INT TERM
# shellcheck source=lib/bench.sh
source scripts/lib/bench.sh

export RateLimits__Enabled=false Passwords__MemoryKiB=4096 Passwords__Iterations=1 Games__MaxBetsPerPlayerPerPeriod=1000000000
cluster_ours=true
SILOS=1 FRONTENDS=1 scripts/cluster-up.sh || { status=$?; [ "$status" != 3 ] || cluster_ours=false; exit "$status"; }
connection=$(bash scripts/db-up.sh 2>/dev/null | tail -n 1)
load=tools/LoadTest/bin/Release/net10.0/GameServer.LoadTest.dll
dotnet "$load" baseline --url http://127.0.0.1:18098 --mysql "$connection" >"$run/baseline.log" 2>&1 & pids+=($!)
wait_started frontend http://127.0.0.1:8080/health/ready
for _ in $(seq 1 120); do curl -s -o /dev/null -X POST http://127.0.0.1:18098/bet/1 && break; sleep 0.25; done
dotnet "$load" seed --url http://127.0.0.1:8080 --users 64 --admin-password "$(cat .run/cluster/admin-password)" --out "$run/tokens.txt"

write_bet_script "$run/tokens.txt" "$run/bet.lua"
cat > "$run/baseline.lua" <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/bet/" .. ((i % 64) + 1))
end
LUA

wait_for_betting_window
echo "==> baseline: pool of 20, SELECT … FOR UPDATE, UPDATE, INSERT per bet"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$run/baseline.lua" http://127.0.0.1:18098 | tee "$run/baseline.txt"
echo "==> product: POST /api/games/k3/bet, Production profile on MariaDB"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$run/bet.lua" http://127.0.0.1:8080 | tee "$run/bet.txt"
base=$(requests_per_second "$run/baseline.txt")
bets=$(requests_per_second "$run/bet.txt")
echo "baseline ${base}/s, product ${bets}/s, ratio $(awk -v b="$bets" -v p="$base" 'BEGIN { printf "%.2f", b / p }')"
