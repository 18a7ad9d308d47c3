#!/usr/bin/env bash
# Throughput of the oBDS mapper alone (no server, no profile validation): generates N oBDS
# messages and prints messages/s per run, the median and spread, and a same-run baseline (the
# same bytes through a plain SAX parse) with the ratio mapper / baseline. See mappers/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/mappers.sh [--messages N] [--runs R] [--per-file P] [--threads T] [--no-build]
  --messages N   oBDS messages to map per run (default 30000)
  --runs R       measured runs after one warm-up run (default 5)
  --per-file P   patients per oBDS document, 3 messages each (default 20)
  --threads T    files mapped in parallel (default 1)
  --no-build     use the classes already compiled (no Maven, no network)
Each run parses the files with the JDK's SAX parser alone (the baseline) and then maps them; the
summary gives the mapper's median messages/s with min-max and interquartile spread, the
baseline's median and the ratio mapper / baseline (robust against load from other processes).
Target: a median of at least 2,000 messages/s.
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MESSAGES=30000
RUNS=5
PER_FILE=20
THREADS=1
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) MESSAGES=${2:?--messages needs a number}; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --per-file) PER_FILE=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$ROOT"
if [ "$BUILD" = 1 ]; then
  ./mvnw -q -B -o -pl mappers -am test-compile -Dspotless.check.skip=true
fi
# written by every build of the module (root pom, execution bench-classpath)
if [ ! -f mappers/target/classpath.txt ]; then
  echo "mappers/target/classpath.txt missing: build once (./mvnw -B verify, or without --no-build)" >&2
  exit 1
fi
CP="mappers/target/test-classes:mappers/target/classes:profiles/target/classes:terminology/target/classes:$(cat mappers/target/classpath.txt)"
exec java -Xmx1g -XX:+UseParallelGC -cp "$CP" org.ccpfhir.mappers.bench.ObdsThroughput \
  "$MESSAGES" "$RUNS" "$PER_FILE" "$THREADS"
