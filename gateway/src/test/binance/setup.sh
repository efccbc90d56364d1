#!/usr/bin/env bash
# Installs the real Binance clients of the Binance-client suite (BinanceClientsE2ETest): npm ci on the committed
# lockfile of this folder. Idempotent: skips when node_modules already holds every locked version.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup.sh: node and npm are needed (Node 20 or newer): apt-get install -y nodejs npm" >&2
  exit 1
fi

versions='const l=require(process.argv[1]);console.log(JSON.stringify(Object.fromEntries(Object.entries(l.packages).filter(([k])=>k).map(([k,v])=>[k,v.version]))))'
if [ -f "$here/node_modules/.package-lock.json" ] \
   && cmp -s <(node -e "$versions" "$here/package-lock.json") <(node -e "$versions" "$here/node_modules/.package-lock.json"); then
  echo "setup.sh: binance clients up to date"
else
  echo "setup.sh: npm ci in $here"
  (cd "$here" && npm ci --no-audit --no-fund)
fi
