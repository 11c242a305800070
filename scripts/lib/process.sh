# Shared by the scripts that start and stop servers and MariaDB: is a process alive, is it still the one a PID
# file names, is a port taken. Sourced, not run.

# running PID — the process has not exited. One that has but is not yet reaped (a zombie: the shell that
# started it has not waited for it yet, or is gone and whoever inherits it reaps when it gets round to it)
# counts as exited: `kill -0` succeeds on a zombie, so it cannot tell.
running() {
  local stat
  [ -n "$1" ] || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# process_is PID TEXT — PID is running and its command line (arguments joined by spaces) contains TEXT.
# A PID file outlives its process: after a crash or a reboot the number may belong to anything, and a
# script that signals it unchecked could SIGTERM (then SIGKILL) an unrelated process. So every PID read
# from a file is checked against what we started (the server's dll and its URL, mariadbd and its PID file).
process_is() {
  local cmdline
  running "$1" || return 1
  cmdline=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *"$2"* ]]
}

# port_listener PORT — prints what listens on 127.0.0.1:PORT (or any address) on this machine, nothing when
# the port is free. ss names the owner (for our own processes); without ss a connection attempt tells.
port_listener() {
  local line
  if command -v ss >/dev/null 2>&1; then
    line=$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)
    # The last field names the owner (users:(("dotnet",pid=…,fd=…))) when ss may see it.
    if [[ "$line" == *users:* ]]; then echo "${line##* }"; elif [ -n "$line" ]; then echo "listening"; fi
  elif (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "something"
  fi
}

# port_owned_by PORT PID — the listener on PORT is process PID. Without ss (or when ss may not name the owner)
# it cannot be told, and the answer is yes: the caller has checked the port was free before it started PID.
port_owned_by() {
  local owner
  command -v ss >/dev/null 2>&1 || return 0
  owner=$(port_listener "$1")
  [ -n "$owner" ] || return 1
  [[ "$owner" != *pid=* ]] || [[ "$owner" == *"pid=$2,"* ]]
}

# refuse_busy_ports WHAT PORT... — exits (status 3) naming every port already taken: a server started on a
# taken port fails to bind and exits, and meanwhile whoever holds the port answers its health checks.
refuse_busy_ports() {
  local what=$1 port owner busy=0
  shift
  for port in "$@"; do
    owner=$(port_listener "$port")
    if [ -n "$owner" ]; then
      echo "!! port $port is taken (${owner}): cannot start $what" >&2
      busy=1
    fi
  done
  [ "$busy" = 0 ] || exit 3
}
