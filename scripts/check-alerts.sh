#!/usr/bin/env bash
# Checks the Prometheus alerting rules and runs their unit tests on synthetic series
# (ops/prometheus/alerts.yml, ops/prometheus/alerts_test.yml), and the example configurations.
# Installs Debian's `prometheus` package (for promtool) when it is missing, as CI needs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
  echo "==> installing promtool (Debian package prometheus)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

promtool check rules ops/prometheus/alerts.yml
promtool test rules ops/prometheus/alerts_test.yml
# Checks the scrape example and the rules it loads; not a running server.
promtool check config --syntax-only ops/prometheus/prometheus.yml
# amtool comes with prometheus-alertmanager, which CI does not need: checked when it is here.
if command -v amtool >/dev/null 2>&1; then
  amtool check-config ops/alertmanager/alertmanager.yml
fi
