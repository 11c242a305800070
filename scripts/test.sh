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

failed=$((failed + broken))
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo
echo "$line"
[ "$failed" -eq 0 ]
