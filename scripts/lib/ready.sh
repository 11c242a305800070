# Shared by scripts that start silos and frontends: sourced, not run.

# shellcheck source=process.sh
source "$(dirname "${BASH_SOURCE[0]}")/process.sh"

# wait_started NAME URL [PID LOG] — polls URL until it answers 2xx, for READY_SECONDS (60) by the clock. Each
# try is bounded (curl -m 2): a process that accepts but never answers must not hang the caller. With PID, a
# 2xx counts only while PID runs and is the process listening on URL's port (a server started on a taken port
# exits, and meanwhile the port's owner answers: its 200 is not ours); if PID exits first, or time runs out,
# says so with the end of LOG (when given) and exits.
wait_started() {
  local name=$1 url=$2 pid=${3:-} log=${4:-} deadline port
  deadline=$(( $(date +%s) + ${READY_SECONDS:-60} ))
  port=${url#*://}; port=${port%%/*}; port=${port##*:}
  while :; do
    if [ -n "$pid" ] && ! running "$pid"; then
      echo "!! $name (pid $pid) exited before it was ready${log:+; see $log}" >&2
      if [ -n "$log" ]; then tail -n 30 "$log" >&2; fi
      exit 1
    fi
    if curl -fsS -m 2 "$url" >/dev/null 2>&1; then
      if [ -z "$pid" ] || { running "$pid" && port_owned_by "$port" "$pid"; }; then return 0; fi
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then break; fi
    sleep 0.25
  done
  echo "!! $name not ready after ${READY_SECONDS:-60} s at $url${log:+; see $log}" >&2
  if [ -n "$log" ]; then tail -n 30 "$log" >&2; fi
  exit 1
}
