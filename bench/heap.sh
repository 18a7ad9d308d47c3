#!/usr/bin/env bash
# Retained heap of the validator over many synthetic patients, at the demo's 1 GiB heap.
# usage: bench/heap.sh [--no-build] [--patients N] [--every E] [--threads T] [--seed S]
#        (default 10000 / 1000)
#   --no-build   use the jar built before (no Maven, no network)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == --no-build ]]; then
  shift
else
  ./mvnw -q -B -o -Pbench package -DskipTests -Dspotless.check.skip=true -pl bench/heap -am >/dev/null
fi
JAR=bench/heap/target/bench-heap-0.1.0-SNAPSHOT.jar
[[ -f $JAR ]] || { echo "$JAR missing: run without --no-build once" >&2; exit 1; }
exec java -Xmx1g -XX:+ExitOnOutOfMemoryError -jar "$JAR" "$@"
