#!/usr/bin/env bash
# THE test command: builds once in Release, runs every test project, prints one summary line
# "N passed, M failed[, K skipped]" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

configuration=Release
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "==> building ($configuration)"
if ! dotnet build Orleans.sln -c "$configuration" -nologo -v:q; then
  echo "0 passed, 1 failed"
  echo "build failed" >&2
  exit 1
fi

# The browser tests drive Debian's Chromium (no browser is downloaded): install it on first use.
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing Chromium from Debian's packages"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "0 passed, 1 failed"
    echo "Chromium could not be installed" >&2
    exit 1
  fi
fi

# The integration tests need MariaDB: a private instance on 127.0.0.1, stopped when we finish.
# db-up.sh installs mariadb-server and mariadb-client (mariadb-dump, mariadb-binlog) if missing and
# turns binary logging on: the backup and restore drill (BackupRestoreTests) uses them, and DB_PORT/DB_DIR.
# The read replica tests (ReadReplicaTests) start a primary and replica of their own with
# `scripts/db-up.sh --replica` on free ports under .run, and stop and wipe them with db-down.sh.
export DB_PORT=${DB_PORT:-3317} DB_DIR=${DB_DIR:-$PWD/.run/test-mariadb}
echo "==> starting MariaDB for the integration tests"
if ! GAMESERVER_TEST_MYSQL=$(bash scripts/db-up.sh | tail -n 1); then
  echo "0 passed, 1 failed"
  echo "MariaDB did not start" >&2
  exit 1
fi
export GAMESERVER_TEST_MYSQL
# The store's contract tests get a database of their own on the same server.
if ! GAMESERVER_TEST_MYSQL_CONTRACT=$(DB_NAME=gameserver_contract bash scripts/db-up.sh | tail -n 1); then
  echo "0 passed, 1 failed"
  echo "the contract test database could not be made" >&2
  exit 1
fi
export GAMESERVER_TEST_MYSQL_CONTRACT
trap 'bash scripts/db-down.sh >/dev/null 2>&1 || true; rm -rf "$results"' EXIT

passed=0; failed=0; skipped=0; broken=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> $name"
  log="$results/$name.log"
  dotnet test "$project" -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  summary=$(grep -E '(Passed|Failed)!  - Failed:' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "!! $name produced no test summary (exit $status)" >&2
    broken=$((broken + 1))
    continue
  fi
  f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    broken=$((broken + 1))
  fi
done

# The alerting rules: promtool checks them and runs their unit tests (installs promtool when missing).
echo "==> alerting rules (promtool)"
if bash scripts/check-alerts.sh 2>&1 | tee "$results/alerts.log"; then
  passed=$((passed + 1))
else
  echo "!! the alerting rules failed their check or tests; see above" >&2
  failed=$((failed + 1))
fi

# The load smoke: a real server under the scenario mix for a minute; any error or a failed audit fails it.
# (SKIP_BUILD: the build above is the one to test.)
echo "==> load test smoke"
if SKIP_BUILD=1 bash scripts/loadtest.sh smoke 2>&1 | tee "$results/loadtest.log" | grep -E "^(preset|setup|phase|\[|PASS|FAIL|report|!!)"; then
  passed=$((passed + 1))
else
  echo "!! load test smoke failed; see the report folder above" >&2
  failed=$((failed + 1))
fi

# The rolling restart: real silo and frontend processes (2 + 2) on a fresh MariaDB of their own, every one
# SIGTERMed and started again in turn under the smoke's mix (≈ 2.5 min). A process that does not leave within
# its bound, an acknowledged operation missing from its ledger, a hub client that does not come back and hear
# results again, an error once the restart is over or a failed audit fails it; the requests that failed during
# the restart are counted in the report. Ports of its own, away from scripts/run.sh's and cluster-up.sh's.
echo "==> rolling restart under load"
if DB_PORT=3318 DB_DIR="$results/rolling/mariadb" RUN_DIR="$results/rolling" SKIP_BUILD=1 \
    API_PORT_BASE=18280 SILO_HTTP_PORT_BASE=18291 SILO_PORT_BASE=21311 GATEWAY_PORT_BASE=31311 \
    bash scripts/loadtest.sh rolling 2>&1 | tee "$results/rolling.log" \
    | grep -E "^(preset|setup|phase|process|silo-|frontend-|==> rolling|acknowledged|hub|PASS|FAIL|report|!!)"; then
  passed=$((passed + 1))
else
  echo "!! the rolling restart failed; see the report folder above" >&2
  failed=$((failed + 1))
fi

failed=$((failed + broken))
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo
echo "$line"
[ "$failed" -eq 0 ]
