#!/usr/bin/env bash
# Runs the game server on this machine in the Development profile: one silo and one frontend on
# 127.0.0.1, no database. State lives in memory and is gone when it stops. Ctrl-C stops both; if either
# exits on its own, the script says which and stops the other. SKIP_BUILD=1 uses the Release build there.
set -euo pipefail
cd "$(dirname "$0")/.."

API_PORT=${API_PORT:-8080}
SILO_HTTP_PORT=${SILO_HTTP_PORT:-8081}
run_dir=${RUN_DIR:-.run/dev}
mkdir -p "$run_dir"

silo_pid=""; frontend_pid=""
# The frontend first, and wait for it: stopped together, the frontend's last calls go to a silo that is
# leaving (a call lost that way held its stop up to the cluster client's 30 s response timeout). That is
# also why each server runs in a session of its own (setsid): Ctrl-C signals the terminal's foreground
# process group, and would otherwise reach both servers at once, whatever this script does. The same
# sessions mean nothing stops the servers but this function, so once it has begun further signals are
# ignored (a second Ctrl-C used to end the script mid-stop and leave the silo running): it always finishes.
stop() {
  trap '' INT TERM HUP
  trap - EXIT
  [ -n "$silo_pid$frontend_pid" ] || return 0
  echo
  echo "==> stopping"
  if [ -n "$frontend_pid" ]; then kill "$frontend_pid" 2>/dev/null || true; wait "$frontend_pid" 2>/dev/null || true; fi
  if [ -n "$silo_pid" ]; then kill "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; fi
}
# A signal stops both and ends the script with the signal's status; any other exit (an error, a server
# that exited) stops whatever is left.
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop; exit 129' HUP
trap stop EXIT
# shellcheck source=lib/ready.sh
source "$(dirname "$0")/lib/ready.sh"

# A server started on a taken port fails to bind and exits (and the port's owner would answer its health
# check meanwhile): say so before starting anything. The silo's own ports are Orleans' (Development defaults).
refuse_busy_ports "the game server (API_PORT, SILO_HTTP_PORT, Orleans__SiloPort and Orleans__GatewayPort move its ports)" \
  "$API_PORT" "$SILO_HTTP_PORT" "${Orleans__SiloPort:-11111}" "${Orleans__GatewayPort:-30000}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> building"
  dotnet build Orleans.sln -c Release -nologo -v:q
fi

export ASPNETCORE_ENVIRONMENT=Development GameServer__Profile=Development
echo "==> starting silo"
(cd src/Silo && exec setsid dotnet bin/Release/net10.0/GameServer.Silo.dll --urls "http://127.0.0.1:$SILO_HTTP_PORT") >"$run_dir/silo.log" 2>&1 &
silo_pid=$!
wait_started silo "http://127.0.0.1:$SILO_HTTP_PORT/health/ready" "$silo_pid" "$run_dir/silo.log"

echo "==> starting frontend"
(cd src/ApiFrontend && WebApp__DashboardUrl="http://127.0.0.1:$SILO_HTTP_PORT/dashboard/" exec setsid dotnet bin/Release/net10.0/GameServer.ApiFrontend.dll --urls "http://127.0.0.1:$API_PORT") >"$run_dir/frontend.log" 2>&1 &
frontend_pid=$!
wait_started frontend "http://127.0.0.1:$API_PORT/health/ready" "$frontend_pid" "$run_dir/frontend.log"

cat <<MSG

  Game server is up (Development profile)
    Play           http://127.0.0.1:$API_PORT/          (sign up, deposit with the test gateway, bet)
    Console        http://127.0.0.1:$API_PORT/admin/    (admin: phone 9000000000, password dev-admin-password)
    API            http://127.0.0.1:$API_PORT/api
    OpenAPI        http://127.0.0.1:$API_PORT/openapi/v1.json   (UI: http://127.0.0.1:$API_PORT/scalar)
    SignalR hub    http://127.0.0.1:$API_PORT/hubs/game
    Verifier       http://127.0.0.1:$API_PORT/verify   (checks any result in the browser, docs/FAIRNESS.md)
    Dashboard      http://127.0.0.1:$SILO_HTTP_PORT/dashboard/
    Logs           $run_dir/silo.log, $run_dir/frontend.log

  !! WARNING: state is IN MEMORY. Players, balances and results vanish when this stops. !!

  Ctrl-C stops both processes.
MSG
grep -h "admin" "$run_dir/silo.log" 2>/dev/null | grep -i "password" || true

# Returns when either server exits (a signal runs its trap instead). Under set -e a failed wait -n would end
# the script on the spot, without a word: its status is taken instead, and said.
rc=0 exited=""
wait -n -p exited "$silo_pid" "$frontend_pid" || rc=$?
if [ "$exited" = "$silo_pid" ]; then which=silo; else which=frontend; fi
echo "!! the $which (pid $exited) exited with status $rc; stopping the other; see $run_dir/$which.log" >&2
exit 1
