#!/usr/bin/env bash
# Measures the memory each attack of issue 16 costs the gateway per attacking connection: a gateway in a child JVM,
# N attacking connections held in each attack's worst state, live heap and off-heap "Other" (direct buffers) read
# with jcmd before, while held and after. Loopback only; about a minute. See docs/GATEWAY.md "Abuse limits".
# Usage: scripts/abuse-footprint.sh [SCALE]   (SCALE multiplies the connection counts; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl gateway -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/test-classpath.txt)"
exec java -cp "$CP" io.marginstream.gateway.it.AbuseFootprint "$@"
