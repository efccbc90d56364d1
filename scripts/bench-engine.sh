#!/usr/bin/env bash
# Runs the engine's JMH benchmarks (gateway/src/test/java/io/marginstream/gateway/bench).
# Usage: scripts/bench-engine.sh [JMH options]   e.g.  scripts/bench-engine.sh -f 1 -wi 3 -i 5 TickBenchmark
# Without options: one fork, 8 × 2 s warm-up and 5 × 1 s measurement per benchmark (~1.5 min). See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl gateway -am test-compile
M2="${M2_REPO:-$HOME/.m2/repository}"
CP="gateway/target/test-classes:gateway/target/classes:protocol/target/classes"
CP="$CP:$M2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar"
CP="$CP:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
CP="$CP:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
if [ "$#" -eq 0 ]; then
  set -- -f 1 -wi 8 -w 2s -i 5 -r 1s 'io.marginstream.gateway.bench.*'
fi
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
