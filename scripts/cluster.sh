#!/usr/bin/env bash
# A local MarginStream cluster (docs/CLUSTER.md) on loopback:
#   scripts/cluster.sh [start] [--synthetic N] [--seed S] [--load-limits] [--tick-millis MS]
#                                                nats-server (installed when missing), 2 engine shards, 2 gateway
#                                                nodes, each on a free port; writes cluster/cluster.json.
#                                                --synthetic N adds the load tester's accounts load-0..N-1 (secret
#                                                seed S, default change-me); --load-limits uses the generous limits
#                                                and trusted loopback of scripts/loadtest.sh; --tick-millis sets the
#                                                mark source's feed.tickMillis (default 100). JAVA_OPTS go to every node.
#   scripts/cluster.sh stop                      stops exactly the PIDs that start recorded (and removes cluster.json)
# Every node runs the same jar with its own config (cluster/<node>.json) and log (cluster/<node>.log); shards keep
# their journals in cluster/data-shard-<k>. The demo account's key and secret are made once and kept in
# cluster/demo-credentials.json, so they survive restarts like the shards' journals.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${CLUSTER_DIR:-cluster}          # CLUSTER_DIR=... runs a second cluster elsewhere (scripts/loadtest-cluster.sh)
PIDS="$DIR/pids"
JAR=gateway/target/gateway.jar
SHARDS=2
GATEWAYS=2

stop() {
  [ -f "$PIDS" ] || { echo "no cluster running ($PIDS missing)"; return 0; }
  # gateways first, then shards, then the broker; each only if the PID still runs the process we started
  tac "$PIDS" | while read -r pid name; do
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$name"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
      if [ -d "/proc/$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
      echo "stopped $name (pid $pid)"
    fi
  done
  rm -f "$PIDS" "$DIR/cluster.json"
}

wait_for() { # file pattern pid -> prints the first capture group; fails when pid exits or after 120 s
  local file=$1 pattern=$2 pid=$3
  for _ in $(seq 1 1200); do
    if [ -f "$file" ]; then
      local m
      m=$(sed -n "s/.*$pattern.*/\1/p" "$file" | head -1)
      if [ -n "$m" ]; then echo "$m"; return 0; fi
    fi
    if [ ! -d "/proc/$pid" ]; then echo "pid $pid exited before '$pattern' appeared in $file:" >&2; tail -5 "$file" >&2; return 1; fi
    sleep 0.1
  done
  echo "timed out waiting for '$pattern' in $file" >&2
  return 1
}

random() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c 64; }

start() {
  local synthetic=0 seed=change-me tick=100 limits='"connectionsPerIpPer5Minutes": 10000'
  while [ $# -gt 0 ]; do
    case "$1" in
      --synthetic) synthetic=$2; shift 2 ;;
      --seed) seed=$2; shift 2 ;;
      --tick-millis) tick=$2; shift 2 ;;
      --load-limits) limits='"requestWeightPerMinute": 10000000, "ordersPerMinute": 1000000, "messagesPerSecond": 10000,
             "messageBurst": 10000, "connectionsPerIpPer5Minutes": 10000000, "logonFailuresPerIpPerMinute": 1000000,
             "banAfter429s": 10000000, "autoCollectionPerDay": 10000000, "trustedNetworks": ["127.0.0.0/8"]'; shift ;;
      *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
  done
  if [ -f "$PIDS" ]; then echo "a cluster is already running (scripts/cluster.sh stop first)" >&2; exit 1; fi
  bash scripts/install-nats.sh
  [ -f "$JAR" ] || mvn -B -q -DskipTests package
  mkdir -p "$DIR"
  : >"$PIDS"
  # a start that fails half-way stops what it started
  trap 'rc=$?; if [ $rc -ne 0 ]; then echo "cluster start failed; stopping what it started" >&2; stop; fi' EXIT
  if [ ! -f "$DIR/demo-credentials.json" ]; then
    printf '{"apiKey": "%s", "secret": "%s"}\n' "$(random)" "$(random)" >"$DIR/demo-credentials.json"
    chmod 600 "$DIR/demo-credentials.json"
  fi
  local key secret
  key=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' "$DIR/demo-credentials.json")
  secret=$(sed -n 's/.*"secret" *: *"\([^"]*\)".*/\1/p' "$DIR/demo-credentials.json")

  NATS_BIN=$(command -v nats-server || echo /usr/sbin/nats-server)
  : >"$DIR/nats.log" # nats-server appends to its log: an earlier run's port must not be read as this one's
  "$NATS_BIN" -a 127.0.0.1 -p -1 -l "$DIR/nats.log" </dev/null >/dev/null 2>&1 &
  echo "$! -l $DIR/nats.log" >>"$PIDS"
  local nats_port
  nats_port=$(wait_for "$DIR/nats.log" 'Listening for client connections on 127\.0\.0\.1:\([0-9]*\)' "$(tail -1 "$PIDS" | cut -d' ' -f1)")
  local nats_url="nats://127.0.0.1:$nats_port"

  local account
  account='{"id": "demo", "vipLevel": 1, "portfolioMargin": true,
    "keys": [{"apiKey": "'"$key"'", "secret": "'"$secret"'", "permissions": ["READ", "TRANSFER", "TRADE", "ADMIN"]}],
    "balances": {"SPOT": {"USDT": "10000"}, "CROSS_MARGIN": {"USDT": "40000", "BTC": "1"},
                 "UM": {"USDT": "5000", "BNB": "3"}, "CM": {"BTC": "0.5"}},
    "positions": [{"symbol": "BTCUSDT", "positionAmt": "-40", "entryPrice": "60000"},
                  {"symbol": "BTCUSDT_QUARTER", "positionAmt": "5", "entryPrice": "60300"},
                  {"symbol": "ETHUSDT", "positionAmt": "900", "entryPrice": "3000"},
                  {"symbol": "BTCUSD_PERP", "positionAmt": "-300", "entryPrice": "60000"},
                  {"symbol": "SOLUSDT", "positionAmt": "100", "entryPrice": "150"}]}'
  node_config() { # role index dataDir
    cat <<JSON
{"server": {"host": "127.0.0.1", "port": 0, "maxConnections": 100000}, "dataDir": "$3", "admin": {"enabled": true},
 "limits": {$limits}, "feed": {"tickMillis": $tick},
 "accounts": [$account],
 "syntheticAccounts": {"count": $synthetic, "idPrefix": "load-", "secretSeed": "$seed"},
 "cluster": {"role": "$1", "natsUrl": "$nats_url", "shards": $SHARDS, "shard": $([ "$1" = shard ] && echo "$2" || echo 0),
             "gateways": $GATEWAYS, "nodeId": "$1-$2"}}
JSON
  }
  local nodes=""
  for k in $(seq 0 $((SHARDS - 1))); do
    node_config shard "$k" "$DIR/data-shard-$k" >"$DIR/shard-$k.json"
    java ${JAVA_OPTS:-} -jar "$JAR" --config "$DIR/shard-$k.json" </dev/null >"$DIR/shard-$k.log" 2>&1 &
    echo "$! $DIR/shard-$k.json" >>"$PIDS"
    local port
    port=$(wait_for "$DIR/shard-$k.log" 'healthz http:\/\/127\.0\.0\.1:\([0-9]*\)\/healthz' "$(tail -1 "$PIDS" | cut -d' ' -f1)")
    nodes="$nodes${nodes:+,}
    {\"role\": \"shard\", \"name\": \"shard-$k\", \"shard\": $k, \"url\": \"http://127.0.0.1:$port/healthz\", \"pid\": $(tail -1 "$PIDS" | cut -d' ' -f1), \"dataDir\": \"$DIR/data-shard-$k\", \"log\": \"$DIR/shard-$k.log\"}"
  done
  for g in $(seq 0 $((GATEWAYS - 1))); do
    node_config gateway "$g" "$DIR/unused-gateway-$g" >"$DIR/gateway-$g.json"
    java ${JAVA_OPTS:-} -jar "$JAR" --config "$DIR/gateway-$g.json" </dev/null >"$DIR/gateway-$g.log" 2>&1 &
    echo "$! $DIR/gateway-$g.json" >>"$PIDS"
    local port
    port=$(wait_for "$DIR/gateway-$g.log" 'listening on ws:\/\/127\.0\.0\.1:\([0-9]*\)\/ws' "$(tail -1 "$PIDS" | cut -d' ' -f1)")
    nodes="$nodes,
    {\"role\": \"gateway\", \"name\": \"gateway-$g\", \"url\": \"ws://127.0.0.1:$port/ws\", \"http\": \"http://127.0.0.1:$port/\", \"pid\": $(tail -1 "$PIDS" | cut -d' ' -f1), \"dataDir\": null, \"log\": \"$DIR/gateway-$g.log\"}"
  done
  cat >"$DIR/cluster.json" <<JSON
{
  "nats": {"role": "broker", "url": "$nats_url", "pid": $(head -1 "$PIDS" | cut -d' ' -f1), "dataDir": null, "log": "$DIR/nats.log"},
  "nodes": [$nodes
  ],
  "credentials": {"account": "demo", "apiKey": "$key", "secret": "$secret"},
  "syntheticAccounts": {"count": $synthetic, "idPrefix": "load-", "secretSeed": "$seed"}
}
JSON
  trap - EXIT
  echo "cluster up: $DIR/cluster.json"
  grep -o '"url": "[^"]*"' "$DIR/cluster.json" | sed 's/"url": /  /'
}

case "${1:-start}" in
  start) shift || true; start "$@" ;;
  stop) stop ;;
  *) echo "usage: scripts/cluster.sh [start [--synthetic N] [--seed S] [--load-limits] [--tick-millis MS] | stop]" >&2; exit 2 ;;
esac
