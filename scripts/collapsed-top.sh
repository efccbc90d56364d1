#!/usr/bin/env bash
# Summarises an async-profiler "collapsed" file (one stack per line, frames joined by ';', the count last; taken
# with the `threads` option, so each stack starts with its thread), as in docs/BENCHMARKS.md "Where the time goes":
#
#   scripts/collapsed-top.sh cpu-1234.collapsed                 # share of samples per thread
#   scripts/collapsed-top.sh cpu-1234.collapsed engine 40       # the 40 heaviest frames (inclusive) of the threads
#                                                                 whose name contains "engine"
set -euo pipefail
FILE=$1
THREAD=${2:-}
TOP=${3:-30}
if [ -z "$THREAD" ]; then
  awk '{ n = $NF; split($0, a, ";"); t[a[1]] += n; total += n }
       END { for (k in t) printf "%10d %5.1f%%  %s\n", t[k], 100 * t[k] / total, k; printf "%10d total\n", total }' \
    "$FILE" | sort -rn | head -n 25
else
  awk -v want="$THREAD" '
    { n = $NF; line = $0; sub(/ [0-9]+$/, "", line); k = split(line, a, ";")
      if (index(a[1], want) == 0) next
      total += n
      delete seen
      for (i = 2; i <= k; i++) { f = a[i]; if (!(f in seen)) { seen[f] = 1; s[f] += n } } }
    END { for (f in s) printf "%10d %5.1f%%  %s\n", s[f], 100 * s[f] / total, f }' "$FILE" | sort -rn | head -n "$TOP"
fi
