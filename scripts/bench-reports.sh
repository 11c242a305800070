#!/usr/bin/env bash
# The daily business report on MariaDB at millions of entries (issue 18). Starts a MariaDB of its own
# (port 3327, .run/bench-reports-mariadb), fills a journal with SQL (MariaDB's sequence engine,
# seq_1_to_N): 3,000,000 ledger entries of every kind and 1,500,000 bets with their outcomes, spread
# evenly over 30 days in time order as a live server writes them, over 50,000 accounts. Then, in the
# same run: EXPLAIN of the report's queries, the report (MySqlJournalStore.ReadDailyReportAsync, the
# call the report grain makes) for the last day and for all 30 days with migration 0013's indexes and
# without them, the commission job's net stakes of a day both ways, the time to add the indexes to
# the filled tables, and what they add to a bulk ledger insert. Stops (and wipes, unless KEEP_DATA=1)
# its MariaDB. Run it alone on the machine:  flock /tmp/gameserver-build.lock bash scripts/bench-reports.sh
# InnoDB's buffer pool is db-up.sh's 512M unless DB_BUFFER_POOL says otherwise (e.g. 2G: the report's
# indexes then stay in it from one report to the next).
set -euo pipefail
cd "$(dirname "$0")/.."

export DB_PORT=${DB_PORT:-3327} DB_DIR=${DB_DIR:-$PWD/.run/bench-reports-mariadb} DB_NAME=${DB_NAME:-gameserver_bench}
ENTRIES=${ENTRIES:-3000000}
BETS=${BETS:-1500000}
ACCOUNTS=${ACCOUNTS:-50000}
DAYS=${DAYS:-30}
RUNS=${RUNS:-5}
FIRST_DAY=${FIRST_DAY:-2026-10-31}
CHUNK=500000
EXTRA=300000   # ledger rows of each write-cost insert
run=${RUN_DIR:-$PWD/.run/bench-reports}
mkdir -p "$run"

cleanup() {
  if [ "${KEEP_DATA:-0}" = 1 ]; then bash scripts/db-down.sh >/dev/null 2>&1 || true; else bash scripts/db-down.sh --wipe >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT INT TERM

echo "==> building the load generator"
dotnet build tools/LoadTest -c Release -nologo -v:q | grep -E " error |rror\(s\)" || true
connection=$(bash scripts/db-up.sh 2>/dev/null | tail -n 1)
sql() { mariadb --no-defaults --socket="$DB_DIR/mariadb.sock" -uroot --batch "$DB_NAME" "$@"; }
now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }

# Entries and bets follow one another in time, evenly over the days, as a live server writes them.
entry_step_us=$(( DAYS * 86400 * 1000000 / ENTRIES ))
bet_step_us=$(( DAYS * 86400 * 1000000 / BETS ))
start="'$FIRST_DAY 00:00:00'"

# ledger_rows FIRST COUNT START — COUNT entries s = FIRST+1 … FIRST+COUNT from START on: half stakes, a quarter
# payouts, and deposits, withdrawal holds and payments, bonuses, commissions, refunds and adjustments.
ledger_rows() {
  cat <<SQL
INSERT INTO ledger_entries (account_id, seq, operation_id, entry_type, amount, held_change, balance_after, held_after, reference, memo, created_at)
SELECT 1 + (s - 1) MOD $ACCOUNTS, 1 + (s - 1) DIV $ACCOUNTS, CONCAT('bench-', s), t,
       CASE t WHEN 4 THEN -(100 + s MOD 1000) WHEN 5 THEN 196 + s MOD 1000 WHEN 0 THEN 50000 WHEN 1 THEN -20000 WHEN 3 THEN 0
              WHEN 9 THEN 500 WHEN 10 THEN 70 WHEN 6 THEN 100 + s MOD 1000 WHEN 7 THEN 1000 ELSE -1000 END,
       CASE t WHEN 1 THEN 20000 WHEN 3 THEN -20000 ELSE 0 END, 0, 0, 'bench', NULL,
       TIMESTAMPADD(MICROSECOND, (s - 1 - $1) * $entry_step_us, $3)
FROM (SELECT seq + $1 AS s,
             CASE WHEN (seq + $1) MOD 20 < 10 THEN 4 WHEN (seq + $1) MOD 20 < 15 THEN 5
                  ELSE ELT(1 + (seq + $1) DIV 20 MOD 10, 0, 1, 3, 9, 10, 6, 0, 9, 7, 8) END AS t
      FROM seq_1_to_$2) numbered;
SQL
}

echo "==> filling $DB_NAME: $ENTRIES ledger entries, $BETS bets and outcomes over $DAYS days from $FIRST_DAY, $ACCOUNTS accounts"
sql -e "TRUNCATE ledger_entries; TRUNCATE bets; TRUNCATE bet_outcomes;"
fill_started=$(now)
for ((offset = 0; offset < ENTRIES; offset += CHUNK)); do
  count=$(( ENTRIES - offset < CHUNK ? ENTRIES - offset : CHUNK ))
  sql -e "$(ledger_rows "$offset" "$count" "TIMESTAMPADD(MICROSECOND, $offset * $entry_step_us, $start)")"
done
ledger_seconds=$(seconds_since "$fill_started")
fill_started=$(now)
# numbered_bets FIRST COUNT — bets s = FIRST+1 … FIRST+COUNT: when, stake and outcome (45 % won, paid 1.96 × the
# stake; 1 % refunded; the rest lost), each settled a minute after it was placed.
numbered_bets() {
  echo "SELECT seq + $1 AS s, TIMESTAMPADD(MICROSECOND, (seq + $1 - 1) * $bet_step_us, $start) AS at, 100 + (seq + $1) MOD 1000 AS stake,
               CASE WHEN (seq + $1) * 37 MOD 100 < 45 THEN 1 WHEN (seq + $1) * 37 MOD 100 < 99 THEN 0 ELSE 2 END AS outcome FROM seq_1_to_$2"
}
# A bet's player (pseudo-random), game-duration (each of the 16 in turn) and period.
columns="CONCAT('bench-', s), 1 + (s * 7919) MOD $ACCOUNTS,
         ELT(1 + s MOD 16, 'wingo-30', 'wingo-60', 'wingo-180', 'wingo-300', '5d-60', '5d-180', '5d-300', '5d-600',
                           'k3-60', 'k3-180', 'k3-300', 'k3-600', 'trx-60', 'trx-180', 'trx-300', 'trx-600'),
         CONCAT(DATE_FORMAT(at, '%Y%m%d'), LPAD(1 + s MOD 16, 2, '0'), LPAD(s MOD 10000, 4, '0'))"
for ((offset = 0; offset < BETS; offset += CHUNK)); do
  count=$(( BETS - offset < CHUNK ? BETS - offset : CHUNK ))
  sql -e "
INSERT INTO bets (bet_id, user_id, game, period_id, bet_type, bet_value, bet_position, stake, placed_at)
SELECT $columns, 'size', 'big', NULL, stake, at FROM ($(numbered_bets "$offset" "$count")) numbered;
INSERT INTO bet_outcomes (bet_id, user_id, game, period_id, outcome, payout, settled_at)
SELECT $columns, outcome, CASE outcome WHEN 1 THEN stake * 196 DIV 100 WHEN 2 THEN stake ELSE 0 END, at + INTERVAL 60 SECOND
FROM ($(numbered_bets "$offset" "$count")) numbered;"
done
bets_seconds=$(seconds_since "$fill_started")
sql -e "ANALYZE TABLE ledger_entries, bets, bet_outcomes" >/dev/null
echo "filled: ledger ${ledger_seconds} s, bets and outcomes ${bets_seconds} s"

last_day=$(date -u -d "$FIRST_DAY + $((DAYS - 1)) days" +%F)
end_day=$(date -u -d "$FIRST_DAY + $DAYS days" +%F)
explain() {
  echo "--- EXPLAIN ($1): the report's three queries for all $DAYS days, then the commission job's net stakes of the last day"
  sql -e "EXPLAIN SELECT created_day, entry_type, SUM(CASE WHEN entry_type = 3 THEN -held_change ELSE ABS(amount) END), COUNT(*), COUNT(DISTINCT account_id) FROM ledger_entries WHERE created_day BETWEEN '$FIRST_DAY' AND '$last_day' GROUP BY created_day, entry_type;
          EXPLAIN SELECT placed_day, game, COUNT(DISTINCT user_id), COUNT(*), SUM(stake) FROM bets WHERE placed_day BETWEEN '$FIRST_DAY' AND '$last_day' GROUP BY placed_day, game;
          EXPLAIN SELECT settled_day, game, SUM(CASE WHEN outcome = 1 THEN payout END), SUM(CASE WHEN outcome = 2 THEN payout END) FROM bet_outcomes WHERE settled_day BETWEEN '$FIRST_DAY' AND '$last_day' GROUP BY settled_day, game;
          EXPLAIN SELECT account_id, -SUM(amount) FROM ledger_entries WHERE created_day BETWEEN '$last_day' AND '$last_day' AND created_at >= '$last_day' AND created_at < '$end_day' AND entry_type IN (4, 6) GROUP BY account_id HAVING -SUM(amount) > 0;" \
    | grep -v '^id' | awk -F'\t' '{ printf "  %-15s type=%-6s key=%-27s rows=%-9s %s\n", $3, $4, $6, $9, $10 }'
}
measure() {
  dotnet tools/LoadTest/bin/Release/net10.0/GameServer.LoadTest.dll reports --mysql "$connection;Default Command Timeout=600" \
    --from "$FIRST_DAY" --days "$DAYS" --runs "$RUNS" --out "$run/$1.json" >/dev/null
  jq -c '{entries, bets, one_day_ms, all_days_ms, net_stakes_one_day_ms, checked_against_counts}' "$run/$1.json"
}
# indexes "DROP INDEX" | "ADD INDEX" — migration 0013's three indexes (its virtual day columns stay).
indexes() {
  if [ "$1" = "ADD INDEX" ]; then set -- "$1" "(created_day, entry_type, account_id, amount, held_change, created_at)" "(placed_day, game, user_id, stake)" "(settled_day, game, outcome, payout)"; fi
  sql -e "ALTER TABLE ledger_entries $1 ix_ledger_entries_day_type ${2:-}, ALGORITHM = INPLACE, LOCK = NONE;
          ALTER TABLE bets $1 ix_bets_day_game ${3:-}, ALGORITHM = INPLACE, LOCK = NONE;
          ALTER TABLE bet_outcomes $1 ix_bet_outcomes_day_game ${4:-}, ALGORITHM = INPLACE, LOCK = NONE;"
}
median() { jq ".$2.median" "$run/$1.json"; }

echo "==> with migration 0013's indexes"
explain "with the indexes"
measure with
sql -e "SELECT table_name, ROUND(data_length / 1048576) AS data_mib, ROUND(index_length / 1048576) AS indexes_mib FROM information_schema.tables WHERE table_schema = '$DB_NAME' AND table_name IN ('ledger_entries', 'bets', 'bet_outcomes')" | column -t
sql -e "SELECT table_name, index_name, ROUND(stat_value * @@innodb_page_size / 1048576) AS mib FROM mysql.innodb_index_stats WHERE database_name = '$DB_NAME' AND stat_name = 'size' AND index_name IN ('ix_ledger_entries_day_type', 'ix_bets_day_game', 'ix_bet_outcomes_day_game')" | column -t

echo "==> without them"
indexes "DROP INDEX"
explain "without the indexes"
measure without

echo "==> write cost: a bulk insert of $EXTRA ledger entries after the $DAYS days, without and then with the indexes"
started=$(now); sql -e "$(ledger_rows "$ENTRIES" "$EXTRA" "'$end_day 00:00:00'")"; write_without=$(seconds_since "$started")
started=$(now)
indexes "ADD INDEX"
add_seconds=$(seconds_since "$started")
started=$(now); sql -e "$(ledger_rows "$((ENTRIES + EXTRA))" "$EXTRA" "'$(date -u -d "$end_day + 1 day" +%F) 00:00:00'")"; write_with=$(seconds_since "$started")

echo
echo "summary ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, buffer pool ${DB_BUFFER_POOL:-512M}):"
echo "  report of 1 day:   median $(median with one_day_ms) ms with the indexes, $(median without one_day_ms) ms without ($(awk -v a="$(median without one_day_ms)" -v b="$(median with one_day_ms)" 'BEGIN { printf "%.1f", a / b }')x)"
echo "  report of $DAYS days: median $(median with all_days_ms) ms with the indexes, $(median without all_days_ms) ms without ($(awk -v a="$(median without all_days_ms)" -v b="$(median with all_days_ms)" 'BEGIN { printf "%.1f", a / b }')x)"
echo "  net stakes of 1 day (commission job): median $(median with net_stakes_one_day_ms) ms with, $(median without net_stakes_one_day_ms) ms without ($(awk -v a="$(median without net_stakes_one_day_ms)" -v b="$(median with net_stakes_one_day_ms)" 'BEGIN { printf "%.1f", a / b }')x)"
echo "  adding the three indexes to the filled tables: ${add_seconds} s"
echo "  bulk insert of $EXTRA ledger entries: ${write_without} s without the indexes, ${write_with} s with them ($(awk -v a="$write_with" -v b="$write_without" 'BEGIN { printf "%.2f", a / b }')x)"
echo "  fill: ledger ${ledger_seconds} s, bets and outcomes ${bets_seconds} s; reports in $run"
