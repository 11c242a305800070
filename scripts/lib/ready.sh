# Shared by scripts that start silos and frontends: sourced, not run.

# wait_started NAME URL [PID LOG] — polls URL until it answers 2xx (60 s at most). If PID is given and
# exits first, or time runs out, says so with the end of LOG (when given) and exits.
wait_started() {
  local name=$1 url=$2 pid=${3:-} log=${4:-}
  for _ in $(seq 1 240); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "!! $name exited${log:+; see $log}" >&2
      if [ -n "$log" ]; then tail -n 30 "$log" >&2; fi
      exit 1
    fi
    sleep 0.25
  done
  echo "!! $name not ready after 60 s at $url${log:+; see $log}" >&2
  if [ -n "$log" ]; then tail -n 30 "$log" >&2; fi
  exit 1
}
