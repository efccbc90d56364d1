#!/usr/bin/env bash
# Runs the engine's JMH benchmarks (gateway/src/test/java/io/marginstream/gateway/bench).
# Usage: scripts/bench-engine.sh [JMH options]   e.g.  scripts/bench-engine.sh -f 1 -wi 3 -i 5 TickBenchmark
# Without options: one fork, 8 × 2 s warm-up and 5 × 1 s measurement per benchmark (~1.5 min). See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Compiles the benchmarks and asks Maven for the gateway's test classpath (JMH and its dependencies included), so a
# fresh clone with an empty local repository works too. MAVEN_ARGS passes extra options, e.g. -o once all is cached.
mvn -q -B ${MAVEN_ARGS:-} -pl gateway -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="gateway/target/test-classes:gateway/target/classes:protocol/target/classes:$(cat gateway/target/bench-classpath.txt)"
if [ "$#" -eq 0 ]; then
  set -- -f 1 -wi 8 -w 2s -i 5 -r 1s 'io.marginstream.gateway.bench.*'
fi
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
