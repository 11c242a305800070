# Shared by scripts/bench-*.sh: sourced, not run.

# shellcheck source=ready.sh
source "$(dirname "${BASH_SOURCE[0]}")/ready.sh"

# write_bet_script TOKENS_FILE OUT_LUA — a wrk script that stakes ₹1 on k3-600 "big", rotating the players' tokens.
write_bet_script() {
  cat > "$2" <<LUA
local tokens = {}
for line in io.lines("$1") do tokens[#tokens + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/games/k3/bet",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] },
    '{"amount":1,"type":"size","value":"big","duration":600}')
end
LUA
}

# wait_for_betting_window — k3-600 takes bets for 595 s of every 600: do not start inside the last 35 s.
wait_for_betting_window() {
  while [ $(( $(date +%s) % 600 )) -gt 565 ]; do sleep 1; done
}

# requests_per_second WRK_OUTPUT
requests_per_second() { awk '/Requests\/sec/ {print $2}' "$1"; }
