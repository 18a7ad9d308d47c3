#!/usr/bin/env bash
# Count benchmark of the central search (issue 5): the fhir-mds-search count engine on 100k and 1M
# synthetic patients of 8 sites (20 fixed queries, p50/p95 plain and stratified, index memory),
# upserts into the MDS database on PostgreSQL and the index rebuilt from it,
# and the same queries as HAPI JPA's own _summary=count search on the same patients loaded into
# the plain HAPI JPA baseline (bench/baseline) on PostgreSQL, in the same run.
# See fhir-mds-search/README.md "Benchmark". Only loopback traffic; everything started here is
# stopped on exit.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/count.sh [options]
  --sizes LIST          patient counts for the count engine (default 100000,1000000)
  --baseline-patients N patients loaded into HAPI JPA for the comparison (default 2000; 0 = skip)
  --store-patients N    patients upserted into the MDS database on PostgreSQL, then the count
                        index rebuilt from it (default 100000; 0 = skip)
  --reps R              timed repetitions per query (default 30)
  --seed S              generator seed (default 42)
  --sampling-rate Q     record sample of the disclosure policy (default 1 = every record counts)
  --heap SIZE           -Xmx of the benchmark JVM (default 6g)
  --clients K           concurrent loader clients for the HAPI load (default 2)
  --no-build            use what was built before (no Maven, no network)
  --start-timeout S     seconds the HAPI baseline may take to answer /fhir/metadata (default 180)
  --max-minutes M       hard time limit of the whole run (default 60)
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=100000,1000000
BASE_PATIENTS=2000
STORE_PATIENTS=100000
STORE_DB=ccp_bench_count_store
REPS=30
SEED=42
SAMPLING=1
HEAP=6g
CLIENTS=2
BUILD=1
MAX_MINUTES=60
START_TIMEOUT=180
SITES=HD,TUE,DD,MZ,FR,ESS,MUC,B
BL_PORT=18083
BL_DB=ccp_bench_count_baseline
PG="psql -h localhost -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --baseline-patients) BASE_PATIENTS=$2; shift 2 ;;
    --store-patients) STORE_PATIENTS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --sampling-rate) SAMPLING=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --max-minutes) MAX_MINUTES=$2; shift 2 ;;
    --start-timeout) START_TIMEOUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

STAMP=$(date +%Y%m%d-%H%M%S)
WORK="$ROOT/bench/work/count-$STAMP"
REPORT="$ROOT/bench/results/count-$STAMP.txt"
mkdir -p "$WORK" "$ROOT/bench/results"

PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
(for ((s = 0; s < MAX_MINUTES * 60; s++)); do sleep 1; done
  echo "time limit of $MAX_MINUTES min reached" >&2; kill -TERM $$) &
PIDS+=($!)

say() { echo "$*" | tee -a "$REPORT"; }
run_waited() { # log command...  (background + wait: signals are handled at once)
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait "$pid"
}

cd "$ROOT"
say "count benchmark $STAMP: sizes=$SIZES baseline_patients=$BASE_PATIENTS store_patients=$STORE_PATIENTS reps=$REPS seed=$SEED heap=$HEAP sites=$SITES"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $BUILD == 1 ]]; then
  echo "building (log: $WORK/build.log) ..."
  run_waited "$WORK/build.log" ./mvnw -B -q -o -Pbench -DskipTests -Dspotless.check.skip=true \
    -pl fhir-mds-search,synthetic,bench/baseline,bench/loader -am package \
    || { tail -40 "$WORK/build.log"; echo "build failed" >&2; exit 1; }
fi
# written by every build of the module (root pom, execution bench-classpath)
[[ -f fhir-mds-search/target/classpath.txt ]] \
  || { echo "fhir-mds-search/target/classpath.txt missing: build once (./mvnw -B verify, or without --no-build)" >&2; exit 1; }
# the project's own modules from this work tree, never from the local repository: every module on
# the app's class path (a jar of the reactor or of ~/.m2) as its target/classes here
OWN=fhir-mds-search/target/test-classes:fhir-mds-search/target/classes
for module in $(tr ':' '\n' <fhir-mds-search/target/classpath.txt \
  | sed -n -e "s#^$ROOT/\([^/]*\)/target/.*#\1#p" -e 's#.*/org/ccpfhir/\([^/]*\)/.*#\1#p' | sort -u); do
  OWN=$OWN:$module/target/classes
done
DEPS=$(tr ':' '\n' <fhir-mds-search/target/classpath.txt | grep -v -e '/org/ccpfhir/' -e "^$ROOT/" | paste -sd: -)
CP="$OWN:$DEPS"
# the generator with its own class path (synthetic writes its bundles through mappers), as ingest.sh
GEN_CP="synthetic/target/classes:$(cat synthetic/target/classpath.txt)"

BENCH_ARGS=(--sizes "$SIZES" --reps "$REPS" --seed "$SEED" --sites "$SITES" --sampling-rate "$SAMPLING")

if [[ $BASE_PATIENTS -gt 0 ]]; then
  BL_JAR=$(ls bench/baseline/target/bench-baseline-*.jar | grep -v original | head -1)
  LOADER_JAR=$(ls bench/loader/target/bench-loader-*.jar | grep -v original | head -1)
  if curl -s -o /dev/null "http://127.0.0.1:$BL_PORT/"; then
    echo "port $BL_PORT is already in use" >&2; exit 1
  fi
  PER_SITE=$((BASE_PATIENTS / 8))
  echo "generating $PER_SITE patients for each of 8 sites ..."
  for site in ${SITES//,/ }; do
    run_waited "$WORK/generate-$site.log" java -Xmx1g -cp "$GEN_CP" org.ccpfhir.synthetic.GenerateCli \
      --site "$site" --count "$PER_SITE" --seed "$SEED" --out "$WORK/data" --mode put --per-file 10
  done
  $PG -d postgres -c "DROP DATABASE IF EXISTS $BL_DB WITH (FORCE)" -c "CREATE DATABASE $BL_DB" 2>&1 | grep -v NOTICE || true
  echo "starting HAPI JPA baseline on port $BL_PORT ..."
  java -Xmx2g -XX:+ExitOnOutOfMemoryError -jar "$BL_JAR" --server.port=$BL_PORT \
    --spring.datasource.url=jdbc:postgresql://localhost:5432/$BL_DB >"$WORK/baseline.log" 2>&1 &
  BL_PID=$!
  PIDS+=("$BL_PID")
  code=000
  for _ in $(seq 1 $((START_TIMEOUT * 5))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$BL_PORT/fhir/metadata" || true)
    [[ $code == 200 ]] && break
    kill -0 "$BL_PID" 2>/dev/null || { tail -30 "$WORK/baseline.log"; exit 1; }
    sleep 0.2
  done
  [[ $code == 200 ]] || { echo "baseline did not start within $START_TIMEOUT s" >&2; tail -30 "$WORK/baseline.log"; exit 1; }
  t0=$(date +%s)
  echo "loading $BASE_PATIENTS patients into HAPI JPA (log: $WORK/load.log) ..."
  run_waited "$WORK/load.log" java -Xmx1g -jar "$LOADER_JAR" load --url "http://127.0.0.1:$BL_PORT/fhir" \
    --clients "$CLIENTS" --round "$WORK/data" || { tail -20 "$WORK/load.log"; exit 1; }
  say "HAPI JPA: $BASE_PATIENTS patients loaded in $(($(date +%s) - t0)) s ($(grep RESULT "$WORK/load.log" || true))"
  # reindexing is asynchronous in HAPI for some parameters: give it a moment
  sleep 5
  BENCH_ARGS+=(--baseline-url "http://127.0.0.1:$BL_PORT/fhir" --baseline-patients "$BASE_PATIENTS")
fi

if [[ $STORE_PATIENTS -gt 0 ]]; then
  $PG -d postgres -c "DROP DATABASE IF EXISTS $STORE_DB WITH (FORCE)" -c "CREATE DATABASE $STORE_DB" 2>&1 | grep -v NOTICE || true
  BENCH_ARGS+=(--store-url "jdbc:postgresql://localhost:5432/$STORE_DB" --store-patients "$STORE_PATIENTS")
fi

echo "running the count benchmark (log: $WORK/bench.log) ..."
run_waited "$WORK/bench.log" java -Xmx"$HEAP" -cp "$CP" org.ccpfhir.mdssearch.bench.CountBenchmark "${BENCH_ARGS[@]}" \
  || { tail -30 "$WORK/bench.log"; exit 1; }
tee -a "$REPORT" <"$WORK/bench.log"
echo "report: $REPORT"
