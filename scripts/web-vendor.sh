#!/usr/bin/env bash
# Refreshes the web app's third-party libraries in src/ApiFrontend/wwwroot/lib from npm (the only
# build step the app has, run by hand when a version changes; its output is committed, so running or
# testing the server needs neither npm nor a network):
#   preact + preact/hooks (rendering), htm (templates without a compiler), @microsoft/signalr (the hub client).
# Bare imports ("preact") are rewritten to the files next to them, so the browser loads them as plain
# ES modules under a Content-Security-Policy that allows no inline script (so no import map).
set -euo pipefail
cd "$(dirname "$0")/.."

PREACT=11.2.0 HTM=3.1.1 SIGNALR=10.0.11
lib=src/ApiFrontend/wwwroot/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "preact@$PREACT" "htm@$HTM" "@microsoft/signalr@$SIGNALR")
modules=$work/node_modules
mkdir -p "$lib"
cp "$modules/preact/dist/preact.mjs" "$lib/preact.mjs"
sed 's#from"preact"#from"./preact.mjs"#g' "$modules/preact/hooks/dist/hooks.mjs" > "$lib/preact-hooks.mjs"
cp "$modules/htm/dist/htm.mjs" "$lib/htm.mjs"
cp "$modules/@microsoft/signalr/dist/browser/signalr.min.js" "$lib/signalr.min.js"
{
  echo "Third-party libraries of the web app, copied from npm by scripts/web-vendor.sh:"
  echo "  preact $PREACT (preact.mjs, preact-hooks.mjs), MIT, $(grep -m1 -o 'Copyright.*' "$modules/preact/LICENSE" || true)"
  echo "  htm $HTM (htm.mjs), Apache-2.0"
  echo "  @microsoft/signalr $SIGNALR (signalr.min.js), MIT, Copyright (c) .NET Foundation and Contributors"
  echo
  echo "==== preact LICENSE ===="; cat "$modules/preact/LICENSE"
  echo; echo "==== htm LICENSE ===="; cat "$modules/htm/LICENSE"
  echo; echo "==== @microsoft/signalr LICENSE ===="; cat "$modules/@microsoft/signalr/LICENSE" 2>/dev/null || echo "MIT, see https://github.com/dotnet/aspnetcore/blob/main/LICENSE.txt"
} > "$lib/LICENSES.txt"
grep -q 'from"preact"' "$lib/preact-hooks.mjs" && { echo "preact-hooks.mjs still imports a bare 'preact'" >&2; exit 1; }
echo "==> $lib: $(ls "$lib" | tr '\n' ' ')"
