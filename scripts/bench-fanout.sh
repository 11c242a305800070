#!/usr/bin/env bash
# Result fan-out to many SignalR watchers, on 127.0.0.1 only: a Development silo, FRONTENDS frontends
# (a process holds at most 20,000 open files here) and the generator spread over as many processes.
#   scripts/bench-fanout.sh [CONNECTIONS=20000] [FRONTENDS=2]
# Prints the delivery report and, per frontend, its memory (idle RSS, peak RSS = VmHWM, the peak per
# connection it held) and the server's share of the delivery (draw → written to every local watcher).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-20000}
FRONTENDS=${2:-2}
run=${RUN_DIR:-$PWD/.run/bench-fanout}
mkdir -p "$run"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
# shellcheck source=lib/bench.sh
source scripts/lib/bench.sh

rss_kib() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }

dotnet build Orleans.sln -c Release -nologo -v:q | grep -E " error |rror\(s\)" || true
export ASPNETCORE_ENVIRONMENT=Development GameServer__Profile=Development DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
export RateLimits__Enabled=false Realtime__MaxConnectionsPerIp=100000
export Orleans__SiloPort=21114 Orleans__GatewayPort=31003 Orleans__Gateways__0=127.0.0.1:31003
(cd src/Silo && exec dotnet bin/Release/net10.0/GameServer.Silo.dll --urls http://127.0.0.1:18281) >"$run/silo.log" 2>&1 & pids+=($!)
wait_started silo http://127.0.0.1:18281/health/ready

urls=()
frontends=()
for i in $(seq 1 "$FRONTENDS"); do
  port=$((18281 + i))
  (cd src/ApiFrontend && exec dotnet bin/Release/net10.0/GameServer.ApiFrontend.dll --urls "http://127.0.0.1:$port") >"$run/frontend-$i.log" 2>&1 & pids+=($!)
  frontends+=($!)
  urls+=(--url "http://127.0.0.1:$port")
done
for i in $(seq 1 "$FRONTENDS"); do
  port=$((18281 + i))
  wait_started frontend "http://127.0.0.1:$port/health/ready"
  for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/api/games/wingo/periods?duration=30" >/dev/null; done
done
sleep 5
idle=()
for pid in "${frontends[@]}"; do idle+=("$(rss_kib "$pid" VmRSS)"); done

echo "==> $CONNECTIONS watchers of wingo-30 over $FRONTENDS frontends and $FRONTENDS generator processes"
status=0
dotnet tools/LoadTest/bin/Release/net10.0/GameServer.LoadTest.dll fanout "${urls[@]}" --connections "$CONNECTIONS" --processes "$FRONTENDS" \
  --game wingo --duration 30 --results 3 --out "$run/fanout.json" >"$run/generator.log" 2>&1 || status=$?
cat "$run/fanout.json" 2>/dev/null || tail -n 20 "$run/generator.log"

for i in "${!frontends[@]}"; do
  pid=${frontends[$i]}
  peak=$(rss_kib "$pid" VmHWM)
  share=$(( CONNECTIONS / FRONTENDS ))
  fanout=$(curl -fsS "http://127.0.0.1:$((18282 + i))/metrics" | awk '/^gameserver_result_fanout_milliseconds_sum/ {s += $2} /^gameserver_result_fanout_milliseconds_count/ {c += $2} END {if (c) printf "%.0f ms over %d results", s / c, c}')
  echo "frontend $((i + 1)): idle RSS $((idle[i] / 1024)) MiB, peak RSS $((peak / 1024)) MiB, $(( (peak - idle[i]) / share )) KiB per connection ($share connections); draw → written to every watcher, mean ${fanout:-n/a}"
done
exit $status
