#!/usr/bin/env bash
# The standard MarginStream load scenario, end to end, in one command:
#
#   scripts/loadtest.sh     # 10,000 sessions, 500/s ramp, 10 s warm-up, 60 s hold, 500 commands/s, 1 % stalled
#   SESSIONS=2000 DURATION=20 scripts/loadtest.sh      # any knob below can be overridden from the environment
#
# It builds the two jars when they are missing or older than the sources, starts a gateway with a load config
# (syntheticAccounts, trustedNetworks 127.0.0.0/8, generous limits, a fresh data directory) on $PORT (default: a
# free port), waits for
# /healthz, runs the load tester against it (`marginstream-client.jar loadtest`, which also reads the gateway's
# live heap through jcmd), stops the gateway by its PID and leaves everything in $OUT:
#   report.json, latency.svg, loadtest.log (progress + summary table), gateway.log, gateway-config.json.
# Exit code: the load tester's (0 = every request answered exactly once), or 3 when the gateway did not start.
set -euo pipefail
cd "$(dirname "$0")/.."

SESSIONS=${SESSIONS:-10000}        # sessions to open (one process holds at most ~19,900 here: 20,000 open files)
RAMP=${RAMP:-500}                  # new sessions per second
WARMUP=${WARMUP:-10}               # seconds of commands after the ramp that are not measured
DURATION=${DURATION:-60}           # seconds to hold them all while commands run
RATE=${RATE:-500}                  # commands per second over all sessions
MIX=${MIX:-transfer=70,collect=5,order=25}
STALLED=${STALLED:-0.01}           # share of sessions that stop reading
INTERVAL_MS=${INTERVAL_MS:-1000}   # marginRatio intervalMs of the active sessions
STREAMS=${STREAMS:-userData,marginRatio}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18090)}
CLIENT_HEAP=${CLIENT_HEAP:-2g}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-}   # more JVM flags for the load tester (e.g. a profiler agent)
# The gateway starts as `java -jar gateway.jar` does: the jar picks its own collector and heap (docs/GATEWAY.md,
# "Start-up"). GATEWAY_JAVA_OPTS adds JVM flags (e.g. GATEWAY_JAVA_OPTS=-XX:+UseG1GC); any collector or heap flag
# given there is the gateway's choice instead of its defaults.
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
OUT=${OUT:-load-report/$(date -u +%Y%m%dT%H%M%SZ)}

GATEWAY_JAR=gateway/target/gateway.jar
CLIENT_JAR=client-sample/target/marginstream-client.jar

stale() { # stale JAR DIR...: the jar is missing or a source under DIR is newer
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
  "server": {"host": "127.0.0.1", "port": $PORT, "maxConnections": 100000},
  "dataDir": "$WORK/data",
  "limits": {"requestWeightPerMinute": 10000000, "ordersPerMinute": 1000000, "messagesPerSecond": 10000,
             "messageBurst": 10000, "connectionsPerIpPer5Minutes": 10000000, "logonFailuresPerIpPerMinute": 1000000,
             "banAfter429s": 10000000, "autoCollectionPerDay": 10000000, "trustedNetworks": ["127.0.0.0/8"]},
  "syntheticAccounts": {"count": $SESSIONS, "idPrefix": "load-", "secretSeed": "loadtest-seed"}
}
JSON

echo "starting the gateway on 127.0.0.1:$PORT with $SESSIONS synthetic accounts (log: $OUT/gateway.log)"
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
    if kill -0 "$GATEWAY_PID" 2>/dev/null; then
      echo "gateway $GATEWAY_PID did not stop within 20 s; killing it"
      kill -KILL "$GATEWAY_PID" 2>/dev/null || true
    fi
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop_gateway EXIT
trap 'stop_gateway; exit 130' INT TERM

for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
    echo "the gateway exited during start-up:"; tail -20 "$OUT/gateway.log"; exit 3
  fi
  sleep 0.2
done
if ! curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1; then
  echo "the gateway did not become healthy within 60 s:"; tail -20 "$OUT/gateway.log"; exit 3
fi
# the gateway's own JVM: a plain `java -jar` start runs it as a child of the launcher (docs/GATEWAY.md, "Start-up")
GATEWAY_JVM=$(pgrep -P "$GATEWAY_PID" java 2>/dev/null | head -1 || true)
GATEWAY_JVM=${GATEWAY_JVM:-$GATEWAY_PID}
echo "gateway up (pid $GATEWAY_JVM)"

set +e
java -Xmx"$CLIENT_HEAP" $CLIENT_JAVA_OPTS -jar "$CLIENT_JAR" loadtest --url "ws://127.0.0.1:$PORT/ws" \
  --sessions "$SESSIONS" --ramp-per-second "$RAMP" --warmup-seconds "$WARMUP" --duration-seconds "$DURATION" \
  --command-rate "$RATE" --mix "$MIX" --stalled-share "$STALLED" --streams "$STREAMS" --interval-ms "$INTERVAL_MS" \
  --id-prefix load- --secret-seed loadtest-seed --server-pid "$GATEWAY_JVM" --report-dir "$OUT" \
  2>&1 | tee "$OUT/loadtest.log"
RC=${PIPESTATUS[0]}
set -e

stop_gateway
trap - EXIT INT TERM
echo "load test exit code $RC; everything is in $OUT"
exit "$RC"
