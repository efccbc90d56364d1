#!/usr/bin/env bash
# Shared-stream fan-out, MarginStream against nginx + nchan, in one run on this box, measured by the same client:
# the subscribe-only load tester (`marginstream-client.jar loadtest-stream`, docs/LOADTEST.md). For each size N,
# N WebSocket subscribers of one stream receive 10 messages/s: nchan's one channel (the tester POSTs each message,
# a markPrice-shaped frame stamped with "E") and MarginStream's markPrice@BTCUSDT (the simulated feed ticks every
# 100 ms; "E" is the tick's time). Both are timed by json:E, arrival − E. Prints one table at the end.
#
#   scripts/bench-peers.sh                    # 2,000, 4,000 and 10,000 subscribers, 15 s measured each
#   SIZES="1000 2000" HOLD=20 scripts/bench-peers.sh
#   LOOPS="2 4" scripts/bench-peers.sh       # each size with 2 and with 4 client event loops (client headroom)
#
# Installs nginx and libnginx-mod-nchan with apt-get when missing (as root, without starting nginx's service).
# Every row: the server's CPU and the client's CPU during the window, in cores — both share this box's cores.
# The JSON lines and both servers' logs are left in $OUT. Exit code 0 when every run delivered every frame.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-2000 4000 10000}
LOOPS=${LOOPS:-$(nproc)}
HOLD=${HOLD:-15}
WARMUP=${WARMUP:-3}
RATE=10
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
OUT=${OUT:-load-report/peers-$(date -u +%Y%m%dT%H%M%SZ)}
GATEWAY_JAR=gateway/target/gateway.jar
CLIENT_JAR=client-sample/target/marginstream-client.jar
NCHAN_MODULE=/usr/lib/nginx/modules/ngx_nchan_module.so

if ! command -v nginx >/dev/null 2>&1 || [ ! -f "$NCHAN_MODULE" ]; then
  echo "installing nginx and libnginx-mod-nchan ..."
  # no service start during the install: a policy-rc.d that says "not now" (101), unless one is there already
  added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-nchan >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-nchan >/dev/null
  [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi

stale() { local jar=$1; shift; [ ! -f "$jar" ] && return 0; [ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; }
if stale "$GATEWAY_JAR" protocol/src gateway/src pom.xml gateway/pom.xml \
   || stale "$CLIENT_JAR" protocol/src client-sample/src pom.xml client-sample/pom.xml; then
  echo "building the gateway and client jars ..."
  mvn -q -B ${MAVEN_ARGS:-} package -DskipTests -pl gateway,client-sample -am
fi

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
mkdir -p "$OUT"
WORK=$(mktemp -d)
NGINX_PID=
GATEWAY_PID=
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$GATEWAY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# nginx + nchan: one channel, the newest message only (the peer's own benchmark config)
NCHAN_PORT=$(free_port)
sed "s#PREFIX#$WORK#g; s#PORT#$NCHAN_PORT#" scripts/peers/nchan.conf > "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon on;'
for _ in $(seq 1 50); do [ -s "$WORK/nginx.pid" ] && break; sleep 0.1; done
NGINX_PID=$(cat "$WORK/nginx.pid")

# MarginStream: the simulated feed every 100 ms, loopback trusted, started as a user would (java -jar)
GATEWAY_PORT=$(free_port)
cat > "$OUT/gateway-config.json" <<CFG
{"server": {"host": "127.0.0.1", "port": $GATEWAY_PORT, "maxConnections": 100000}, "dataDir": "$WORK/data",
 "feed": {"enabled": true, "tickMillis": 100, "seed": 7},
 "limits": {"requestWeightPerMinute": 100000000, "messagesPerSecond": 1000000, "connectionsPerIpPer5Minutes": 10000000,
            "trustedNetworks": ["127.0.0.0/8"]}}
CFG
# shellcheck disable=SC2086
java $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" --config "$OUT/gateway-config.json" > "$OUT/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$GATEWAY_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$GATEWAY_PORT/healthz" >/dev/null
GATEWAY_JVM=$(pgrep -P "$GATEWAY_PID" java 2>/dev/null | head -1 || true)   # the launcher's child, if it relaunched
GATEWAY_JVM=${GATEWAY_JVM:-$GATEWAY_PID}
echo "nchan on :$NCHAN_PORT (nginx $NGINX_PID), MarginStream on :$GATEWAY_PORT (pid $GATEWAY_JVM); results in $OUT"

# The server's CPU: nginx's master and its workers summed; the gateway's JVM.
measure() { # measure LABEL N LOOPS args...
  local label=$1 n=$2 loops=$3; shift 3
  java -Xmx2g -jar "$CLIENT_JAR" loadtest-stream --subscribers "$n" --threads "$loops" --warmup-seconds "$WARMUP" \
    --duration-seconds "$HOLD" --label "$label" --quiet "$@" > "$OUT/$label-$n-$loops.log" 2>&1 || true
  tail -1 "$OUT/$label-$n-$loops.log" | tee -a "$OUT/results.jsonl"
}
SUBSCRIBE='{"id":1,"method":"subscribe","params":{"streams":["markPrice@BTCUSDT"]}}'
for n in $SIZES; do
  for loops in $LOOPS; do
    measure nchan "$n" "$loops" --url "ws://127.0.0.1:$NCHAN_PORT/sub/btc" \
      --publish-url "http://127.0.0.1:$NCHAN_PORT/pub/btc" --publish-rate "$RATE" \
      --server-pid "$(echo "$NGINX_PID" $(pgrep -P "$NGINX_PID") | tr ' ' ,)"
    measure marginstream "$n" "$loops" --url "ws://127.0.0.1:$GATEWAY_PORT/ws" --subscribe "$SUBSCRIBE" \
      --server-pid "$GATEWAY_JVM"
  done
done

python3 - "$OUT/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
print()
print("| subscribers x 10/s | client loops | server | frames delivered | lag p50 / p99 / p99.9 / max (ms) | server CPU | client CPU | p99 vs nchan |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
nchan = {}
ok = True
for r in rows:
    key = (r['subscribers'], r['clientThreads'])
    if r['server'] == 'nchan':
        nchan[key] = r
    ratio = ''
    if r['server'] != 'nchan' and key in nchan and nchan[key]['p99'] > 0:
        ratio = '%.2f' % (r['p99'] / nchan[key]['p99'])
    ok &= r['everyFrameDelivered']
    share = 100.0 * r['frames'] / r['expected'] if r['expected'] else 0
    cpu = lambda v: '—' if v < 0 else '%.2f' % v
    print("| {:,} | {} | {} | {:,} of {:,} ({:.2f} %){} | {} / {} / {} / {} | {} | {} | {} |".format(
        r['subscribers'], r['clientThreads'], r['server'], r['frames'], r['expected'], share,
        '' if r['held'] == r['subscribers'] else ', %d held' % r['held'],
        r['p50'], r['p99'], r['p999'], r['max'], cpu(r['serverCores']), cpu(r['clientCores']), ratio))
print()
print("Server CPU: nginx's master and two workers summed; the gateway's whole JVM. Both share the box's cores with the client.")
sys.exit(0 if ok else 1)
PY
