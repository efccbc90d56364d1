#!/usr/bin/env bash
# REST load on the Binance-compatible surface (docs/BINANCE.md, "Measured"), end to end, in one command:
#
#   scripts/loadtest-rest.sh                 # 1,000 requests/s (half GET /papi/v1/account, half POST /papi/v1/um/order)
#   RATE=2000 DURATION=60 scripts/loadtest-rest.sh
#
# Builds the jars when they are missing or older than the sources, starts a gateway (synthetic accounts, generous
# limits, a fresh data directory, its journal on) on $PORT (default: a free port), waits for /healthz, runs
# `marginstream-client.jar loadtest-rest` (signed calls over keep-alive connections, plus $LISTEN_KEYS /pm/ws sockets
# timing user-data events from their E), stops the gateway by its PID and leaves loadtest.log and gateway.log in $OUT.
# Exit code: the load tester's (0 = every request answered 200), or 3 when the gateway did not start.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-1000}                 # requests per second, open loop
ORDER_SHARE=${ORDER_SHARE:-0.5}    # share of them that are MARKET orders
WARMUP=${WARMUP:-10}               # seconds at the rate before the measurement
DURATION=${DURATION:-30}           # measured seconds
ACCOUNTS=${ACCOUNTS:-200}          # synthetic accounts the requests rotate over
LISTEN_KEYS=${LISTEN_KEYS:-50}     # of them with a /pm/ws/<listenKey> socket
CONNECTIONS=${CONNECTIONS:-64}     # most keep-alive connections
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18091)}
# The gateway starts as `java -jar gateway.jar` does (its own collector and heap, docs/GATEWAY.md "Start-up");
# GATEWAY_JAVA_OPTS adds JVM flags, and a collector or heap flag there replaces the jar's choice.
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
OUT=${OUT:-load-report/rest-$(date -u +%Y%m%dT%H%M%SZ)}

GATEWAY_JAR=gateway/target/gateway.jar
CLIENT_JAR=client-sample/target/marginstream-client.jar
stale() {
  local jar=$1; shift
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
if stale "$GATEWAY_JAR" protocol/src gateway/src pom.xml gateway/pom.xml \
   || stale "$CLIENT_JAR" protocol/src client-sample/src pom.xml client-sample/pom.xml; then
  echo "building the gateway and client jars ..."
  mvn -q -B ${MAVEN_ARGS:-} package -DskipTests -pl gateway,client-sample -am
fi

mkdir -p "$OUT"
WORK=$(mktemp -d)
cat > "$OUT/gateway-config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": $PORT},
  "dataDir": "$WORK/data",
  "limits": {"requestWeightPerMinute": 10000000, "ordersPerMinute": 1000000, "connectionsPerIpPer5Minutes": 10000000,
             "banAfter429s": 10000000, "trustedNetworks": ["127.0.0.0/8"]},
  "syntheticAccounts": {"count": $ACCOUNTS, "idPrefix": "load-", "secretSeed": "loadtest-seed"}
}
JSON

echo "starting the gateway on 127.0.0.1:$PORT (log: $OUT/gateway.log)"
# shellcheck disable=SC2086
java $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" --config "$OUT/gateway-config.json" \
  --data-dir "$WORK/data" > "$OUT/gateway.log" 2>&1 &
GATEWAY_PID=$!
stop_gateway() {
  if kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$GATEWAY_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$GATEWAY_PID" 2>/dev/null && kill -KILL "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_gateway EXIT
trap 'stop_gateway; exit 130' INT TERM
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
  if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
    echo "the gateway exited during start-up:"; tail -20 "$OUT/gateway.log"; exit 3
  fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 || { echo "gateway not healthy"; exit 3; }

set +e
java -jar "$CLIENT_JAR" loadtest-rest --url "http://127.0.0.1:$PORT" --rate "$RATE" --order-share "$ORDER_SHARE" \
  --warmup-seconds "$WARMUP" --duration-seconds "$DURATION" --accounts "$ACCOUNTS" --listen-keys "$LISTEN_KEYS" \
  --connections "$CONNECTIONS" --id-prefix load- --secret-seed loadtest-seed 2>&1 | tee "$OUT/loadtest.log"
RC=${PIPESTATUS[0]}
set -e
stop_gateway
trap - EXIT INT TERM
echo "REST load test exit code $RC; everything is in $OUT"
exit "$RC"
