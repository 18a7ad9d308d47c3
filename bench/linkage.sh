#!/usr/bin/env bash
# Linkage quality and speed of the local patient list against exact matching, same run.
# usage: bench/linkage.sh [--no-build] [--people N] [--seed S]     (default 10000 people)
#   --no-build   use the jar built before (no Maven, no network)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == --no-build ]]; then
  shift
else
  # offline, one reactor, packaged in place: nothing is installed into ~/.m2
  ./mvnw -q -B -o -Pbench package -DskipTests -Dspotless.check.skip=true -pl bench/linkage -am >/dev/null
fi
JAR=bench/linkage/target/bench-linkage-0.1.0-SNAPSHOT.jar
[[ -f $JAR ]] || { echo "$JAR missing: run without --no-build once" >&2; exit 1; }
exec java -Xmx2g -jar "$JAR" "$@"
