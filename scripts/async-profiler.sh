#!/usr/bin/env bash
# Prints the path of async-profiler's Linux x64 agent (libasyncProfiler.so), fetching it first when needed: Maven
# resolves tools.profiler:async-profiler (the jar carries the native libraries) into the local repository and the
# agent is unpacked into target/async-profiler/. Use it with the load tests (docs/BENCHMARKS.md "Where the time goes"):
#
#   AP=$(scripts/async-profiler.sh)
#   GATEWAY_JAVA_OPTS="-agentpath:$AP=start,event=cpu,interval=997us,threads,collapsed,file=cpu-%p.collapsed" \
#     SESSIONS=2000 INTERVAL_MS=100 RATE=1 STALLED=0 scripts/loadtest.sh
#   GATEWAY_JAVA_OPTS="-agentpath:$AP=start,event=alloc,total,collapsed,file=alloc-%p.collapsed" ... scripts/loadtest.sh
#
# (CLIENT_JAVA_OPTS profiles the load tester the same way.) The launcher JVM passes the agent on to the gateway's
# child JVM, so two files appear: the larger one (the child's pid) is the gateway. Kernel frames need
# /proc/sys/kernel/perf_event_paranoid <= 1 (as root: echo 1 > /proc/sys/kernel/perf_event_paranoid); with 2 the
# profile still shows every Java frame and the system calls as leaves.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${ASYNC_PROFILER_VERSION:-4.1}
LIB=target/async-profiler/$VERSION/linux-x64/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
  REPO=$(mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null \
    | sed "s/\x1b\[[0-9;]*m//g" || true)
  REPO=${REPO:-$HOME/.m2/repository}
  JAR=$REPO/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar
  if [ ! -f "$JAR" ]; then
    mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION" >&2
  fi
  mkdir -p "target/async-profiler/$VERSION"
  (cd "target/async-profiler/$VERSION" && unzip -q -o "$JAR" 'linux-x64/*')
fi
echo "$(pwd)/$LIB"
