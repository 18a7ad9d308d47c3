#!/usr/bin/env bash
# Runs every benchmark script of bench/ once at a tiny size, so that a broken script fails CI
# (.ci/run calls this after the test command). Not a measurement: the figures are meaningless.
# Needs what the README's test command built (./mvnw -B verify); builds the benchmark modules
# offline in one reactor (nothing installed into ~/.m2), then runs each script with --no-build.
# PostgreSQL on localhost:5432 (user postgres, trust) as for the benchmarks themselves.
# fuzz.sh and listing.sh are left out: they are Maven runs of fhir-bridgehead ITs (minutes each),
# and the ITs behind them run in the test command anyway.
# SMOKE_SKIP="name ..." leaves steps out (.ci/run, when the test command used up the time budget).
# SMOKE_STEP_SECONDS (default 600) bounds each step; on an idle machine the whole run takes
# about 5 min, on a loaded one the server start-ups dominate.
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_DIR=bench/work/smoke-$(date +%Y%m%d-%H%M%S)
mkdir -p "$LOG_DIR"
FAILED=()

step() { # name command...
  local name=$1; shift
  if [[ " ${SMOKE_SKIP:-} " == *" $name "* ]]; then
    echo "bench smoke: $name skipped (SMOKE_SKIP)"
    return 0
  fi
  local start=$SECONDS rc=0
  timeout --kill-after=10 "${SMOKE_STEP_SECONDS:-600}" "$@" >"$LOG_DIR/$name.log" 2>&1 || rc=$?
  if [[ $rc == 0 ]]; then
    echo "bench smoke: $name ok ($((SECONDS - start)) s)"
  else
    echo "bench smoke: $name FAILED (exit $rc, $((SECONDS - start)) s); last lines of $LOG_DIR/$name.log:"
    tail -25 "$LOG_DIR/$name.log" | sed 's/^/    /'
    FAILED+=("$name")
  fi
}

step build ./mvnw -B -q -o -Pbench -DskipTests -Dspotless.check.skip=true \
  -pl bench/baseline,bench/loader,bench/linkage,bench/heap -am package
step ingest bench/ingest.sh --no-build --mode post --patients 6 --rounds 1 --warmup 2 \
  --per-file 2 --clients 2 --heap 1g --max-minutes 9
step count bench/count.sh --no-build --sizes 200 --baseline-patients 16 --store-patients 40 \
  --reps 2 --clients 1 --heap 1g --max-minutes 9
step mappers bench/mappers.sh --no-build --messages 60 --runs 1 --per-file 5
step disclosure bench/disclosure.sh --no-build --targets 20 --pairs 1,5
step heap bench/heap.sh --no-build --patients 20 --every 10
step linkage bench/linkage.sh --no-build --people 200
step central-linkage-quality bench/central-linkage.sh --no-build quality --people 200
step central-linkage-speed bench/central-linkage.sh --no-build speed --stored 200
step upload bench/upload.sh --no-build --patients 10 --runs 1 --per-transaction 5
step startup bench/startup.sh --no-build --apps bridgehead --runs 1 --heap 1g
step import-obds bench/import-obds.sh --no-build --patients 10 --rounds 1 --heap 1g
step samples bench/samples.sh --no-build --samples 200 --reps 3 --warmup 1 --heap 1g --max-minutes 9

if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "bench smoke: broken: ${FAILED[*]} (logs: $LOG_DIR)" >&2
  exit 1
fi
echo "bench smoke: all scripts ran (logs: $LOG_DIR)"
