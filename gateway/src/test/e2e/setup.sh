#!/usr/bin/env bash
# Installs what the dashboard's browser test needs: Debian's chromium and the node packages of this folder.
# Idempotent: skips each part that is already present. Used by CI and by developers before `mvn verify`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -x /usr/bin/chromium ]; then
  echo "setup.sh: chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
else
  echo "setup.sh: installing chromium"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup.sh: node and npm are needed (Node 20 or newer): apt-get install -y nodejs npm" >&2
  exit 1
fi

# node_modules is current when every locked package is installed at its locked version.
if [ -f "$here/node_modules/.package-lock.json" ] \
   && cmp -s <(node -e 'const l=require(process.argv[1]);console.log(JSON.stringify(Object.fromEntries(Object.entries(l.packages).filter(([k])=>k).map(([k,v])=>[k,v.version]))))' "$here/package-lock.json") \
             <(node -e 'const l=require(process.argv[1]);console.log(JSON.stringify(Object.fromEntries(Object.entries(l.packages).filter(([k])=>k).map(([k,v])=>[k,v.version]))))' "$here/node_modules/.package-lock.json"); then
  echo "setup.sh: node_modules up to date"
else
  echo "setup.sh: npm ci in $here"
  (cd "$here" && npm ci --no-audit --no-fund)
fi
echo "setup.sh: ready"
