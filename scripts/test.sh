#!/usr/bin/env bash
# Runs every test of MarginStream: installs what the browser test needs (Debian chromium, the e2e npm packages),
# the real Binance clients of the Binance-client suite (npm ci on their lockfile) and the NATS server of the cluster
# tests (Debian's nats-server) when missing, then the whole Maven build with its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-nats.sh
if [ -f gateway/src/test/e2e/setup.sh ]; then
  bash gateway/src/test/e2e/setup.sh
fi
bash gateway/src/test/binance/setup.sh
mvn -B verify
