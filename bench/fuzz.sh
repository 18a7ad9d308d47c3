#!/usr/bin/env bash
# Hostile requests against all four apps (issue 16): the fuzz ITs of fhir-bridgehead with a large
# case count — the bridgehead, the central patient list and the control-number generator
# (fhir-identity), the MDS database and the broker (fhir-mds-search), each a real Spring Boot app in
# one JVM. Prints per app: cases, 5xx, 4xx without OperationOutcome, requests over a limit that
# were not refused, hangs, p50/p99 latency, heap
# after GC before/after; then the totals. See bench/README.md "Hostile requests".
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/fuzz.sh [--cases N] [--seed S] [--no-build]
  --cases N    requests over all apps (default 100000; bridgehead 40 %, the other four 15 % each)
  --seed S     generator seed (default 20261207; a failure prints its seed and case index)
  --offline    run Maven offline (-o)
Drops and creates the PostgreSQL database ccp_bench_fuzz (localhost:5432, user postgres).
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CASES=100000
SEED=20261207
OFFLINE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) CASES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --offline) OFFLINE=(-o); shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$ROOT"
psql -q -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS ccp_bench_fuzz" \
  -c "CREATE DATABASE ccp_bench_fuzz"
export CCP_TEST_DB_URL=jdbc:postgresql://localhost:5432/ccp_bench_fuzz
mkdir -p bench/results
LOG=bench/results/fuzz-$(date -u +%Y%m%dT%H%M%SZ).log
start=$(date +%s)
# the -Pbench profile only adds bench/ to the reactor; the fuzz runs are ITs of fhir-bridgehead
# (BridgeheadFuzzIT) and network-tests (the identity network and the MDS database beside it)
./mvnw -B "${OFFLINE[@]}" -Pbench -pl fhir-bridgehead,network-tests -am verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.test='BridgeheadFuzzIT,IdentityFuzzIT,MdsSearchFuzzIT' \
  -Dfuzz.total="$CASES" -Dfuzz.seed="$SEED" -Dspotless.check.skip=true \
  -Djacoco.skip=true -Dfailsafe.timeout=0 >"$LOG" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
REPORTS=(fhir-bridgehead/target/failsafe-reports network-tests/target/failsafe-reports)
echo "fuzz: $CASES cases, seed $SEED, ${elapsed}s (log $LOG)"
grep -h '^fuzz .* seed=' "$LOG" ${REPORTS[@]/%//*-output.txt} 2>/dev/null | sort -u | awk '
  {
    # the fields before "statuses=" (whose map repeats keys such as 5xx)
    for (i = 1; i <= NF && $i !~ /^statuses=/; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-14s cases=%-7s 5xx=%-5s 4xx-without-OO=%-5s not-refused=%-4s hangs=%-4s p50=%-9s p99=%-9s heap-after-GC=%s health=%s\n",
      $2, v["cases"], v["5xx"], v["4xx-without-OperationOutcome"], v["not-refused"], v["hangs"],
      v["p50"], v["p99"], v["heap-after-GC"], v["health"]
    cases += v["cases"]; errors += v["5xx"]; bare += v["4xx-without-OperationOutcome"]; hangs += v["hangs"]
    loose += v["not-refused"]
    p = v["p99"]; sub(/ms/, "", p); if (p + 0 > worst) worst = p + 0
  }
  END { printf "total          cases=%d 5xx=%d 4xx-without-OO=%d not-refused=%d hangs=%d worst-p99=%.1fms\n", cases, errors, bare, loose, hangs, worst }'
grep -h '^  ' ${REPORTS[@]/%//*-output.txt} 2>/dev/null | head -40 || true
exit "${status:-0}"
