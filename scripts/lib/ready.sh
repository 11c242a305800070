# Shared by scripts that start silos and frontends: sourced, not run.

# wait_started NAME URL PID LOG — polls URL until it answers 2xx (60 s at most); if PID exits first,
# or time runs out, prints the end of LOG and exits.
wait_started() {
  for _ in $(seq 1 240); do
    curl -fsS "$2" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { echo "!! $1 exited; see $4" >&2; tail -n 30 "$4" >&2; exit 1; }
    sleep 0.25
  done
  echo "!! $1 not ready after 60 s; see $4" >&2
  tail -n 30 "$4" >&2
  exit 1
}
