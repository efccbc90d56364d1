#!/usr/bin/env bash
# The cluster's figures of docs/CLUSTER.md "Measured", each against the single-process mode in the same run:
#
#   scripts/loadtest-cluster.sh latency    # the same load twice: one gateway (scripts/loadtest.sh), then a local
#                                          # cluster (scripts/cluster.sh: NATS, 2 shards, 2 gateways) with the
#                                          # sessions spread over both gateways; command and tick-to-client p50/p99
#   scripts/loadtest-cluster.sh nats       # NATS's own cost: fan-in msg/s and broker CPU per message, request/reply RTT
#   scripts/loadtest-cluster.sh shard      # a shard's cost per marginRatio message: the real codec (JMH, ns/op), then
#                                          # the real NatsEventSink publishing one tick after another to a local
#                                          # nats-server with one subscriber (msg/s, CPU µs per message)
#   scripts/loadtest-cluster.sh sessions   # sessions held by 2 gateway processes: one load-tester process per node
#                                          # (each process is bound by its own 20,000 open files)
#
# Knobs (environment): ACCOUNTS (shard: 20000 per tick), TICKS (shard: 40 measured, after 30 warm-up),
# SESSIONS (latency: 2000; sessions: per node, 19000), RATE (200 commands/s), DURATION (30 s), WARMUP (10 s),
# INTERVAL_MS (1000), MIX, NODE_HEAP (2g per cluster node), TICK_MILLIS (the feed's tick, 100),
# OUT (load-report/cluster-<UTC time>).
# Everything lands in $OUT; every process started here is stopped by its PID, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-latency}
RATE=${RATE:-200}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
INTERVAL_MS=${INTERVAL_MS:-1000}
MIX=${MIX:-transfer=70,collect=5,order=25}
NODE_HEAP=${NODE_HEAP:-2g}
OUT=${OUT:-load-report/cluster-$(date -u +%Y%m%dT%H%M%SZ)}
SEED=loadtest-seed
CLIENT_JAR=client-sample/target/marginstream-client.jar
mkdir -p "$OUT"
export CLUSTER_DIR="$OUT/cluster-run"

build() {
  [ -f gateway/target/gateway.jar ] && [ -f "$CLIENT_JAR" ] || mvn -q -B ${MAVEN_ARGS:-} package -DskipTests
}

cluster_up() { # synthetic accounts
  JAVA_OPTS="-Xms512m -Xmx$NODE_HEAP -XX:+UseParallelGC" bash scripts/cluster.sh start --synthetic "$1" --seed "$SEED" \
    --load-limits --tick-millis "${TICK_MILLIS:-100}" | tee "$OUT/cluster-start.log"
  trap 'bash scripts/cluster.sh stop >/dev/null; rm -rf "$CLUSTER_DIR"/data-shard-*' EXIT
}

gateway_urls() { # comma-separated ws URLs of the cluster's gateways
  sed -n 's/.*"role": "gateway".*"url": "\(ws:[^"]*\)".*/\1/p' "$CLUSTER_DIR/cluster.json" | paste -sd, -
}

gateway_pid() { # index
  sed -n 's/.*"name": "gateway-'"$1"'".*"pid": \([0-9]*\).*/\1/p' "$CLUSTER_DIR/cluster.json"
}

latency() {
  local sessions=${SESSIONS:-2000}
  build
  echo "== single process: $sessions sessions, $RATE commands/s"
  SESSIONS=$sessions RATE=$RATE DURATION=$DURATION WARMUP=$WARMUP INTERVAL_MS=$INTERVAL_MS MIX=$MIX STALLED=0 \
    GATEWAY_HEAP=$NODE_HEAP OUT="$OUT/single" bash scripts/loadtest.sh >/dev/null
  tail -25 "$OUT/single/loadtest.log"
  echo "== cluster (NATS, 2 shards, 2 gateways): $sessions sessions over both gateways, $RATE commands/s"
  cluster_up "$sessions"
  mkdir -p "$OUT/cluster"
  java -Xmx2g -jar "$CLIENT_JAR" loadtest --url "$(gateway_urls)" --sessions "$sessions" --ramp-per-second 500 \
    --warmup-seconds "$WARMUP" --duration-seconds "$DURATION" --command-rate "$RATE" --mix "$MIX" \
    --stalled-share 0 --interval-ms "$INTERVAL_MS" --id-prefix load- --secret-seed "$SEED" --quiet \
    --server-pid "$(gateway_pid 0)" --report-dir "$OUT/cluster" 2>&1 | tee "$OUT/cluster/loadtest.log"
}

bench_classpath() { # compiles the test classes; prints the gateway's test classpath
  mvn -q -B ${MAVEN_ARGS:-} -pl gateway -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
  echo "gateway/target/test-classes:gateway/target/classes:protocol/target/classes:$(cat gateway/target/bench-classpath.txt)"
}

nats() {
  local cp
  cp=$(bench_classpath)
  bash scripts/install-nats.sh
  java -cp "$cp" io.marginstream.gateway.bench.NatsHopCost "${MESSAGES:-500000}" "${BYTES:-200}" "${REQUESTS:-20000}" \
    | tee "$OUT/nats.log"
}

shard() {
  local cp
  cp=$(bench_classpath)
  bash scripts/install-nats.sh
  echo "== encoding one marginRatio message (JMH)"
  java -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 5 -w 1s -i 5 -r 1s -p accounts="${ACCOUNTS:-20000}" \
    'cluster.ShardPublishBenchmark' | tee "$OUT/shard-encode.log"
  echo "== encode + publish through jnats to a local nats-server, one subscriber"
  java -Xmx1g -cp "$cp" io.marginstream.gateway.cluster.ShardPublishCost "${ACCOUNTS:-20000}" "${TICKS:-40}" 30 \
    | tee "$OUT/shard-publish.log"
}

sessions() {
  local per=${SESSIONS:-19000}
  build
  cluster_up $((2 * per))
  local urls
  IFS=, read -r -a urls <<<"$(gateway_urls)"
  echo "== $per sessions on each of ${#urls[@]} gateway processes (ulimit -n $(ulimit -n) per process)"
  local pids=()
  for i in 0 1; do
    mkdir -p "$OUT/sessions-$i"
    java -Xmx2g -jar "$CLIENT_JAR" loadtest --url "${urls[$i]}" --sessions "$per" --account-offset $((i * per)) \
      --ramp-per-second 400 --ports-per-source 14000 --warmup-seconds 5 --duration-seconds "$DURATION" --command-rate 20 --stalled-share 0 \
      --interval-ms "$INTERVAL_MS" --id-prefix load- --secret-seed "$SEED" --quiet --timeout-seconds 30 \
      --server-pid "$(gateway_pid "$i")" --report-dir "$OUT/sessions-$i" >"$OUT/sessions-$i/loadtest.log" 2>&1 &
    pids+=($!)
  done
  local rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=$?; done
  for i in 0 1; do echo "-- tester $i -> ${urls[$i]}"; tail -25 "$OUT/sessions-$i/loadtest.log"; done
  return "$rc"
}

case "$MODE" in
  latency) latency ;;
  nats) nats ;;
  shard) shard ;;
  sessions) sessions ;;
  *) echo "usage: scripts/loadtest-cluster.sh [latency|nats|shard|sessions]" >&2; exit 2 ;;
esac
echo "everything is in $OUT"
