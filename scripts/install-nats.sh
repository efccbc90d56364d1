#!/usr/bin/env bash
# Installs Debian's nats-server (2.9, JetStream included) when it is missing: the cluster tests and
# scripts/cluster.sh run it. Needs root or sudo (apt-get); does nothing when nats-server is already there.
set -euo pipefail
if command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ]; then
  exit 0
fi
echo "installing nats-server (apt-get install -y nats-server)"
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -E"; fi
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q nats-server >/dev/null
# the package enables a system service on port 4222; the project starts its own servers on free ports
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nats-server 2>/dev/null; then
  $SUDO systemctl stop nats-server || true
  $SUDO systemctl disable nats-server >/dev/null 2>&1 || true
fi
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ]
