#!/usr/bin/env bash
# Bet throughput in the Development profile against a bare Kestrel endpoint, in the same run, with
# wrk (installed from Debian's packages if missing), on 127.0.0.1 only. Prints both rates and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
run=${RUN_DIR:-$PWD/.run/bench}
mkdir -p "$run"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
# shellcheck source=lib/bench.sh
source scripts/lib/bench.sh

dotnet build Orleans.sln -c Release -nologo -v:q | grep -E " error |rror\(s\)" || true
export ASPNETCORE_ENVIRONMENT=Development GameServer__Profile=Development DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
export RateLimits__Enabled=false Passwords__MemoryKiB=4096 Passwords__Iterations=1 Games__MaxBetsPerPlayerPerPeriod=1000000000
export Orleans__SiloPort=21113 Orleans__GatewayPort=31002 Orleans__Gateways__0=127.0.0.1:31002
(cd src/Silo && exec dotnet bin/Release/net10.0/GameServer.Silo.dll --urls http://127.0.0.1:18181) >"$run/silo.log" 2>&1 & pids+=($!)
wait_started silo http://127.0.0.1:18181/health/ready
(cd src/ApiFrontend && exec dotnet bin/Release/net10.0/GameServer.ApiFrontend.dll --urls http://127.0.0.1:18180) >"$run/frontend.log" 2>&1 & pids+=($!)
wait_started frontend http://127.0.0.1:18180/health/ready
dotnet tools/LoadTest/bin/Release/net10.0/GameServer.LoadTest.dll plaintext --url http://127.0.0.1:18099 >"$run/plaintext.log" 2>&1 & pids+=($!)
wait_started plaintext http://127.0.0.1:18099/plaintext

dotnet tools/LoadTest/bin/Release/net10.0/GameServer.LoadTest.dll seed --url http://127.0.0.1:18180 --users 64 --out "$run/tokens.txt"
write_bet_script "$run/tokens.txt" "$run/bet.lua"

wait_for_betting_window

echo "==> plaintext (bare Kestrel)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency http://127.0.0.1:18099/plaintext | tee "$run/plaintext.txt"
echo "==> POST /api/games/k3/bet (JWT, rate limits off, wallet grain, in-memory journal)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$run/bet.lua" http://127.0.0.1:18180 | tee "$run/bet.txt"
plain=$(requests_per_second "$run/plaintext.txt")
bets=$(requests_per_second "$run/bet.txt")
echo "plaintext ${plain}/s, bets ${bets}/s, ratio $(awk -v b="$bets" -v p="$plain" 'BEGIN { printf "%.2f", b / p }')"
