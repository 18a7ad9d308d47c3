#!/usr/bin/env bash
# Latency of the approver's listing $search-requests (issue 16): a bridgehead on PostgreSQL with
# synthetic patients and R search requests of M matches each; prints p50/p95/max of sequential
# calls as the site approver. See fhir-bridgehead/README.md "Decentralized search".
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/listing.sh [--patients N] [--requests R] [--matches M] [--calls C]
  --patients N   patients in the store, the matches are spread over them (default 500)
  --requests R   search requests in the listing (default 100, the listing's maximum)
  --matches M    matches per request (default 100, the most shown per request)
  --calls C      measured calls after 10 warm-up calls (default 100)
Drops and creates the PostgreSQL database ccp_bench_listing (localhost:5432, user postgres).
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATIENTS=500
REQUESTS=100
MATCHES=100
CALLS=100
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    --matches) MATCHES=$2; shift 2 ;;
    --calls) CALLS=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$ROOT"
psql -q -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS ccp_bench_listing" \
  -c "CREATE DATABASE ccp_bench_listing"
# the benchmark runs in the bridgehead's test context (same set-up as its ITs), built in the
# reactor without installing anything
CCP_TEST_DB_URL=jdbc:postgresql://localhost:5432/ccp_bench_listing \
  ./mvnw -B -o -pl fhir-bridgehead -am verify -Dspotless.check.skip=true \
  -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ApprovalListingBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.patients="$PATIENTS" -Dbench.requests="$REQUESTS" -Dbench.matches="$MATCHES" \
  -Dbench.calls="$CALLS" \
  | grep -E "listing bench|Tests run|FAIL|ERROR" || true
grep -h "listing bench" fhir-bridgehead/target/failsafe-reports/*ApprovalListingBenchmark*-output.txt \
  2>/dev/null || true
