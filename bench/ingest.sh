#!/usr/bin/env bash
# Ingest benchmark: the bridgehead (validating, PostgreSQL) against a plain HAPI JPA baseline
# (same HAPI, default settings, no validation, same PostgreSQL), in one run, on identical data.
# See bench/README.md. Only loopback traffic; every process started here is stopped on exit.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/ingest.sh [options]
  --patients N        patients ingested per store in the measured rounds (default 2000)
  --rounds R          measured rounds; the N patients are split into R disjoint parts (default 3)
  --warmup W          patients of the warm-up round, not measured (default 100)
  --per-file P        patients per transaction bundle (default 10)
  --clients K         concurrent HTTP clients of the loader (default 4)
  --mode put|post     entry style of the generated bundles (default put)
  --seed S            generator seed (default 42)
  --heap SIZE         -Xmx of both servers (default 2g)
  --only bridgehead|baseline   measure one store only (no ratio)
  --data DIR          use the *.json transaction bundles in DIR instead of generating
  --profile           record the bridgehead with JFR and print where its CPU time goes
  --bridgehead-arg A  extra Spring argument for the bridgehead (repeatable)
  --no-build          use the jars and class paths already built (no Maven, no network)
  --start-timeout S   seconds a server may take to answer /fhir/metadata (default 180)
  --max-minutes M     hard time limit of the whole run (default 30)
Exits non-zero when a store does not start, the loader gives no result or a resource is refused.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATIENTS=2000
ROUNDS=3
WARMUP=100
PER_FILE=10
CLIENTS=4
MODE=put
SEED=42
HEAP=2g
ONLY=both
DATA=""
PROFILE=0
BUILD=1
MAX_MINUTES=30
START_TIMEOUT=180
BH_PORT=18081
BL_PORT=18082
PG_HOST=localhost
PG_PORT=5432
PG_USER=postgres
BH_DB=ccp_bench_bridgehead
BL_DB=ccp_bench_baseline
# Spring Boot would run Flyway (which HAPI brings along) against the HAPI schema and fail on
# PostgreSQL; harmless once the bridgehead switches it off itself.
BH_ARGS=(--spring.flyway.enabled=false
  # plain HTTP like the baseline: the comparison is about storage and validation; the bridgehead
  # still authenticates (bearer token of the demo data manager) and audits every request
  --ccp.tls.enabled=false --ccp.auth.local-issuer.token-lifetime=PT12H)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --per-file) PER_FILE=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --profile) PROFILE=1; shift ;;
    --bridgehead-arg) BH_ARGS+=("$2"); shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --max-minutes) MAX_MINUTES=$2; shift 2 ;;
    --start-timeout) START_TIMEOUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$ONLY" in both|bridgehead|baseline) ;; *) echo "--only: bridgehead or baseline" >&2; exit 2 ;; esac
case "$MODE" in put|post) ;; *) echo "--mode: put or post" >&2; exit 2 ;; esac

STAMP=$(date +%Y%m%d-%H%M%S)
WORK="$ROOT/bench/work/$STAMP"
RESULTS="$ROOT/bench/results"
REPORT="$RESULTS/ingest-$STAMP.txt"
mkdir -p "$WORK" "$RESULTS"
: >"$REPORT"

# ---------------------------------------------------------------- processes and clean-up
PIDS=()
WATCHDOG=""

forget_pid() { # drop a finished process so that a recycled pid is never signalled
  local keep=() p
  for p in "${PIDS[@]:-}"; do [[ -n "$p" && "$p" != "$1" ]] && keep+=("$p"); done
  PIDS=("${keep[@]:-}")
}

stop_pid() { # pid [seconds]
  local pid=$1 grace=${2:-30}
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 5))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && stop_pid "$pid" 10
  done
  [[ -n "$WATCHDOG" ]] && kill "$WATCHDOG" 2>/dev/null || true
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# Long steps run in the background and are awaited, so that a signal (watchdog, Ctrl-C) is
# handled at once instead of after the step.
run_waited() { # log command...
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  local rc=0
  wait "$pid" || rc=$?
  forget_pid "$pid"
  return "$rc"
}

# short sleeps so that no sleeper outlives the script by more than a second
(for ((s = 0; s < MAX_MINUTES * 60; s++)); do sleep 1; done
  echo "time limit of $MAX_MINUTES min reached" >&2
  kill -TERM $$) &
WATCHDOG=$!

say() { echo "$*" | tee -a "$REPORT"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

cd "$ROOT"
. bench/request-limits.sh
say "ingest benchmark $STAMP"
say "patients=$PATIENTS rounds=$ROUNDS warmup=$WARMUP per_file=$PER_FILE clients=$CLIENTS mode=$MODE seed=$SEED heap=$HEAP profile=$PROFILE"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; $(java -version 2>&1 | head -1)"
say "postgres: $(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc 'show server_version')"

# ---------------------------------------------------------------- build
if [[ $BUILD == 1 ]]; then
  echo "building (log: $WORK/build.log) ..."
  modules=bench/baseline,bench/loader
  [[ -z "$DATA" ]] && modules="synthetic,$modules"
  [[ $ONLY != baseline ]] && modules="fhir-bridgehead,$modules"
  # one reactor, packaged in place: nothing is installed into ~/.m2
  run_waited "$WORK/build.log" ./mvnw -B -q -o -Pbench -DskipTests -Dspotless.check.skip=true \
    -pl "$modules" -am package || { tail -40 "$WORK/build.log"; echo "build failed" >&2; exit 1; }
fi
BH_JAR=$(ls fhir-bridgehead/target/fhir-bridgehead-*-app.jar 2>/dev/null | head -1 || true)
BL_JAR=$(ls bench/baseline/target/bench-baseline-*.jar 2>/dev/null | grep -v original | head -1 || true)
LOADER_JAR=$(ls bench/loader/target/bench-loader-*.jar 2>/dev/null | grep -v original | head -1 || true)
[[ -n "$LOADER_JAR" ]] || { echo "loader jar missing; run without --no-build" >&2; exit 1; }
[[ $ONLY == baseline || -n "$BH_JAR" ]] || { echo "bridgehead jar missing" >&2; exit 1; }
[[ $ONLY == bridgehead || -n "$BL_JAR" ]] || { echo "baseline jar missing" >&2; exit 1; }

# ---------------------------------------------------------------- data
# One generation of warm-up + measured patients, then split by file into disjoint folders: every
# round creates new resources (no round updates what an earlier one wrote), and both stores get
# exactly the same files.
if [[ -z "$DATA" ]]; then
  echo "generating $((WARMUP + PATIENTS)) patients ..."
  # written by every build of the module (root pom, execution bench-classpath)
  [[ -f synthetic/target/classpath.txt ]] \
    || { echo "synthetic/target/classpath.txt missing: build once (./mvnw -B verify, or without --no-build)" >&2; exit 1; }
  DATA="$WORK/generated"
  GENERATED=1
  t0=$(now)
  run_waited "$WORK/generate.log" java -Xmx1g \
    -cp "synthetic/target/classes:$(cat synthetic/target/classpath.txt)" org.ccpfhir.synthetic.GenerateCli \
    --site HD --count $((WARMUP + PATIENTS)) --seed "$SEED" --out "$DATA" --mode "$MODE" \
    --per-file "$PER_FILE" || { tail -20 "$WORK/generate.log"; echo "generation failed" >&2; exit 1; }
  say "generated in $(elapsed "$t0" "$(now)") s: $(ls "$DATA"/*.json | wc -l) files, $(du -sh "$DATA" | cut -f1)"
fi
mapfile -t FILES < <(ls "$DATA"/*.json 2>/dev/null | sort -V)
# the baseline takes bundles of any size; the bridgehead's request limits for clients (8MB, 5000
# entries) must not refuse large --per-file or --data bundles of the comparison
mapfile -t LIMITS < <(request_limits "${FILES[@]}")
BH_ARGS+=("${LIMITS[@]}")
say "bridgehead request limits: ${LIMITS[*]}"
WARMUP_FILES=$(((WARMUP + PER_FILE - 1) / PER_FILE))
[[ $WARMUP_FILES -ge 1 ]] || WARMUP_FILES=1
MEASURED_FILES=$((${#FILES[@]} - WARMUP_FILES))
if [[ $MEASURED_FILES -lt $ROUNDS ]]; then
  echo "only ${#FILES[@]} bundle files in $DATA: need $WARMUP_FILES for warm-up and at least $ROUNDS more" >&2
  exit 1
fi
SPLIT="$WORK/split"
mkdir -p "$SPLIT/warmup"
for ((i = 0; i < WARMUP_FILES; i++)); do ln -s "${FILES[$i]}" "$SPLIT/warmup/"; done
ROUND_ARGS=()
for ((r = 0; r < ROUNDS; r++)); do
  mkdir -p "$SPLIT/round$((r + 1))"
  from=$((WARMUP_FILES + r * MEASURED_FILES / ROUNDS))
  to=$((WARMUP_FILES + (r + 1) * MEASURED_FILES / ROUNDS))
  for ((i = from; i < to; i++)); do ln -s "${FILES[$i]}" "$SPLIT/round$((r + 1))/"; done
  ROUND_ARGS+=(--round "$SPLIT/round$((r + 1))")
done
if [[ -n "${GENERATED:-}" ]]; then
  DATA_DESC="$PATIENTS + $WARMUP warm-up patients"
else
  DATA_DESC="${#FILES[@]} files from $DATA"
fi
say "data: $DATA -> warm-up $WARMUP_FILES files, $ROUNDS rounds of ~$((MEASURED_FILES / ROUNDS)) files"

# ---------------------------------------------------------------- one store
psql_db() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qtA "$@"; }

reset_db() {
  psql_db -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>&1 \
    | grep -v NOTICE || true
}

declare -A STARTUP RPS MIN_RPS MAX_RPS PEAK_RSS STORED FAILED P50 P95 MEASURE_START

measure() { # name port db jar [extra java opts...] -- [spring args...]
  local name=$1 port=$2 db=$3 jar=$4; shift 4
  local jvm=() spring=()
  while [[ $# -gt 0 && $1 != -- ]]; do jvm+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  spring=("$@")

  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use" >&2
    exit 1
  fi
  reset_db "$db"
  say ""
  say "== $name ($(basename "$jar"), db $db, port $port; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  local log="$WORK/$name.log"
  local t0; t0=$(now)
  java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError "${jvm[@]}" -jar "$jar" \
    --server.port="$port" --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$db" \
    --spring.datasource.username="$PG_USER" "${spring[@]}" >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  local code=000
  for _ in $(seq 1 $((START_TIMEOUT * 5))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/fhir/metadata" || true)
    [[ $code == 200 ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if [[ $code != 200 ]]; then
    say "$name did not start within $START_TIMEOUT s (metadata: $code); last log lines:"
    grep -m3 -E 'Caused by|ERROR|APPLICATION FAILED' "$log" | cut -c1-400 | tee -a "$REPORT" || true
    tail -5 "$log" | cut -c1-400
    stop_pid "$pid"
    forget_pid "$pid"
    return 1
  fi
  STARTUP[$name]=$(elapsed "$t0" "$(now)")
  local rss_start; rss_start=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  # resources the store loads itself (e.g. terminology) are not part of the ingest
  local preloaded; preloaded=$(psql_db -d "$db" -c "select count(*) from hfj_resource" 2>/dev/null || echo 0)
  say "started in ${STARTUP[$name]} s (process start -> /fhir/metadata 200), RSS ${rss_start} MiB, $preloaded resources preloaded"

  local loader_log="$WORK/$name-loader.log"
  local auth=()
  if [[ $name == bridgehead ]]; then
    local token
    token=$(curl -s -X POST -d grant_type=password -d username=datamanager \
      -d password=datamanager-demo "http://127.0.0.1:$port/oauth2/token" |
      sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    auth=(--token "$token")
  fi
  java -Xmx1g -jar "$LOADER_JAR" load --url "http://127.0.0.1:$port/fhir" "${auth[@]}" --clients "$CLIENTS" \
    --warmup "$SPLIT/warmup" "${ROUND_ARGS[@]}" >"$loader_log" 2>&1 &
  local loader=$!
  PIDS+=("$loader")
  tail -n +1 -f --pid="$loader" "$loader_log" &
  local rc=0
  wait "$loader" || rc=$?
  forget_pid "$loader"
  sleep 0.3
  cat "$loader_log" >>"$REPORT"
  [[ $rc -le 1 ]] || say "loader exited with $rc"

  PEAK_RSS[$name]=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status" 2>/dev/null || echo "?")
  if ! kill -0 "$pid" 2>/dev/null; then
    say "$name died during the run; last log lines:"
    tail -5 "$log" | cut -c1-300 | tee -a "$REPORT"
  fi
  stop_pid "$pid"
  forget_pid "$pid"
  local total; total=$(psql_db -d "$db" -c "select count(*) from hfj_resource" 2>/dev/null || echo "?")
  STORED[$name]=$([[ $total == "?" ]] && echo "?" || echo $((total - preloaded)))
  local result; result=$(grep '^RESULT' "$loader_log" || true)
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $result"; }
  RPS[$name]=$(field median_rps); MIN_RPS[$name]=$(field min_rps); MAX_RPS[$name]=$(field max_rps)
  FAILED[$name]=$(field failed_resources)
  P50[$name]=$(field p50_ms); P95[$name]=$(field p95_ms)
  MEASURE_START[$name]=$(sed -n 's/^MEASURE_START epoch_ms=//p' "$loader_log")
  say "peak RSS ${PEAK_RSS[$name]} MiB (VmHWM), resources ingested (rows in hfj_resource minus preloaded): ${STORED[$name]}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

BH_JVM=()
JFR_FILE="$WORK/bridgehead.jfr"
if [[ $PROFILE == 1 ]]; then
  BH_JVM+=("-XX:StartFlightRecording=filename=$JFR_FILE,settings=profile,dumponexit=true"
    "-XX:FlightRecorderOptions=stackdepth=256")
fi

if [[ $ONLY != baseline ]]; then
  measure bridgehead "$BH_PORT" "$BH_DB" "$BH_JAR" "${BH_JVM[@]}" -- \
    --spring.profiles.active=demo,postgres "${BH_ARGS[@]}" || true
fi
if [[ $ONLY != bridgehead ]]; then
  measure baseline "$BL_PORT" "$BL_DB" "$BL_JAR" -- || true
fi

# ---------------------------------------------------------------- report
say ""
say "== result (resources/s = stored resources per second of wall time, median of $ROUNDS rounds)"
table() {
  printf '%-11s %10s %12s %18s %9s %9s %8s %8s %13s\n' store startup_s "resources/s" "min..max" \
    p50_ms p95_ms stored failed peak_RSS_MiB
  for name in bridgehead baseline; do
    [[ -n "${STARTUP[$name]:-}" ]] || continue
    printf '%-11s %10s %12s %18s %9s %9s %8s %8s %13s\n' "$name" "${STARTUP[$name]}" \
      "${RPS[$name]:-?}" "${MIN_RPS[$name]:-?}..${MAX_RPS[$name]:-?}" "${P50[$name]:-?}" \
      "${P95[$name]:-?}" "${STORED[$name]:-?}" "${FAILED[$name]:-?}" "${PEAK_RSS[$name]:-?}"
  done
}
table | tee -a "$REPORT"
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "NOT met" }'; }
if [[ -n "${RPS[bridgehead]:-}" && -n "${RPS[baseline]:-}" ]]; then
  ratio=$(awk -v a="${RPS[bridgehead]}" -v b="${RPS[baseline]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  say "ratio bridgehead/baseline: $ratio (target >= 2.0: $([[ $ratio == n/a ]] && echo n/a || verdict "$ratio" 2 ">="))"
fi
if [[ -n "${STARTUP[bridgehead]:-}" ]]; then
  say "bridgehead start-up: ${STARTUP[bridgehead]} s (target <= 30 s: $(verdict "${STARTUP[bridgehead]}" 30 "<="))"
  say "bridgehead peak RSS: ${PEAK_RSS[bridgehead]} MiB with -Xmx$HEAP ($DATA_DESC)"
  if [[ -n "${FAILED[bridgehead]:-}" && "${FAILED[bridgehead]}" != 0 ]]; then
    say "WARNING: the bridgehead refused ${FAILED[bridgehead]} resources; its rate counts stored resources only (see FAILED lines above)"
  fi
fi

if [[ $PROFILE == 1 && -f "$JFR_FILE" && -n "${MEASURE_START[bridgehead]:-}" ]]; then
  say ""
  say "== where the bridgehead's CPU time goes (JFR, measured rounds only; $JFR_FILE)"
  java -jar "$LOADER_JAR" jfr "$JFR_FILE" --top 25 \
    --since-ms "${MEASURE_START[bridgehead]}" 2>&1 | tee -a "$REPORT"
fi
say ""
say "report: $REPORT (logs: $WORK)"

# a broken run must not look like a result (bench/smoke.sh runs this script in CI)
status=0
for name in bridgehead baseline; do
  [[ $ONLY == both || $ONLY == "$name" ]] || continue
  if [[ -z "${STARTUP[$name]:-}" || -z "${RPS[$name]:-}" ]]; then
    echo "FAILED: $name gave no result" >&2
    status=1
  elif [[ "${FAILED[$name]:-0}" != 0 ]]; then
    echo "FAILED: $name refused ${FAILED[$name]} resources" >&2
    status=1
  fi
done
exit "$status"
