#!/usr/bin/env bash
# Runs every test of MarginStream: installs what the browser test needs (Debian chromium, the e2e npm packages)
# when it is missing, then the whole Maven build with its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f gateway/src/test/e2e/setup.sh ]; then
  bash gateway/src/test/e2e/setup.sh
fi
mvn -B verify
