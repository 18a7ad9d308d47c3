#!/usr/bin/env bash
# Upload throughput of the Teiler (issue 5): a bridgehead on PostgreSQL with N synthetic patients
# (local consent allowing upload, site switch on) uploads to the MDS database over mutual TLS on
# loopback; prints patients/s per run and the median. See fhir-bridgehead/README.md "Upload".
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/upload.sh [--patients N] [--runs R] [--per-transaction P] [--no-build]
  --patients N          patients in the bridgehead (default 10000)
  --runs R              measured runs after one warm-up run (default 3)
  --per-transaction P   patients per transaction while filling the store (default 50)
  --no-build            use the classes already compiled (no Maven, no network)
  --profile             record with JFR (network-tests/target/bench-upload/upload.jfr)
  --keep-data           keep the store of an earlier run and only top it up to N patients
Drops (unless --keep-data) and creates the PostgreSQL database ccp_bench_upload (localhost:5432, user postgres).
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATIENTS=10000
RUNS=3
PER_TRANSACTION=50
BUILD=1
KEEP=0
JFR=()
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --per-transaction) PER_TRANSACTION=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep-data) KEEP=1; shift ;;
    --profile) JFR=(-XX:StartFlightRecording=settings=profile,filename=upload.jfr); shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$ROOT"
if [ "$BUILD" = 1 ]; then
  # compiles network-tests (where the benchmark lives: it needs the identity network and the MDS
  # database beside the bridgehead) and what it needs in one reactor, and writes its test class
  # path; nothing is installed
  ./mvnw -q -B -o -pl network-tests -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath -Dspotless.check.skip=true
fi
CPFILE=network-tests/target/test.classpath
# after the README's test command: the class path every build writes (root pom, bench-classpath)
[ -f "$CPFILE" ] || CPFILE=network-tests/target/classpath.txt
if [ ! -f "$CPFILE" ]; then
  echo "no $CPFILE: run without --no-build once" >&2
  exit 1
fi
CP="$(pwd)/network-tests/target/test-classes:$(cat "$CPFILE")"
if [ "$KEEP" = 0 ] || ! psql -h localhost -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'ccp_bench_upload'" | grep -q 1; then
  psql -q -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS ccp_bench_upload" \
    -c "CREATE DATABASE ccp_bench_upload"
fi
# a working directory of its own: the relative paths of the test support (target/it-pki: network
# CA, certificates, keys) must not be those of a concurrent test run in network-tests
WORK=network-tests/target/bench-upload
mkdir -p "$WORK/lib"
# private copies of the project's own jars: ~/.m2 is shared with other builds on this machine, and a
# jar replaced there while the benchmark runs breaks its class loading
PRIVATE_CP=""
IFS=: read -r -a ENTRIES <<<"$CP"
for entry in "${ENTRIES[@]}"; do
  case "$entry" in
    */org/ccpfhir/*.jar) cp "$entry" "$WORK/lib/" && entry="$(pwd)/$WORK/lib/$(basename "$entry")" ;;
  esac
  PRIVATE_CP="$PRIVATE_CP${PRIVATE_CP:+:}$entry"
done
CP=$PRIVATE_CP
cd "$WORK"
exec java "${JFR[@]}" -Xmx3g -cp "$CP" \
  org.ccpfhir.bridgehead.upload.bench.UploadBenchmark \
  "$PATIENTS" "$RUNS" "jdbc:postgresql://localhost:5432/ccp_bench_upload" "$PER_TRANSACTION"
