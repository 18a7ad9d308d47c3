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
  --no-build            use the classes already compiled
Drops and creates the PostgreSQL database ccp_bench_upload (localhost:5432, user postgres).
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATIENTS=10000
RUNS=3
PER_TRANSACTION=50
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --per-transaction) PER_TRANSACTION=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$ROOT"
if [ "$BUILD" = 1 ]; then
  ./mvnw -q -B -o -pl profiles,mappers,fhir-mds-search install -DskipTests -Dspotless.check.skip=true
  ./mvnw -q -B -o -pl fhir-bridgehead test-compile -Dspotless.check.skip=true
fi
psql -q -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS ccp_bench_upload" \
  -c "CREATE DATABASE ccp_bench_upload"
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -q -B -o -pl fhir-bridgehead dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=test >/dev/null
cd fhir-bridgehead
# relative paths (target/it-pki: the tests' network CA) are those of the module's tests
exec java -Xmx3g -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
  org.ccpfhir.bridgehead.upload.bench.UploadBenchmark \
  "$PATIENTS" "$RUNS" "jdbc:postgresql://localhost:5432/ccp_bench_upload" "$PER_TRANSACTION"
