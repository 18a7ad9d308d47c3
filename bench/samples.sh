#!/usr/bin/env bash
# Sample search of the biobank page (issue 22 target: search by type / status / storage location
# over 100k samples, p95 <= 200 ms): a bridgehead on PostgreSQL with N samples (profiled Specimens
# as the sample management stores them) of N/5 patients, loaded through its FHIR API as validated
# transactions; then the page's searches (biobank.html: type, status, freezer / rack / box, and
# combined; first page of 100, newest first) as the site-wide biobank user and as the oncology
# department's biobank user (unit-scoped visibility), with p50 / p95 against the baseline of the
# same run (one sample by _id, same user, same path). See bench/README.md "Sample search".
# Only loopback traffic; everything started is stopped on exit.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/samples.sh [options]
  --samples N         samples in the store (default 100000)
  --patients P        patients they belong to (default N/5)
  --per-bundle B      patients (with their samples) per transaction bundle (default 20)
  --clients K         concurrent clients of the load (default 2)
  --load-minutes M    stop sending bundles after M minutes (default: no limit); the searches then
                      run over what was stored (a prefix of the data; the report says how much)
  --reps R            measured rounds of the searches per user (default 50)
  --warmup W          rounds before them, not measured (default 5)
  --seed S            generator seed (default 42)
  --sort S[,S2]       the page's sort (default -_pid, as biobank.html; -_lastUpdated: the page
                      before 2026-12-08); a second sort adds the same searches with it (name@S2)
  --heap SIZE         -Xmx of the bridgehead (default 2g)
  --port P            HTTPS port of the bridgehead on 127.0.0.1 (default 18197)
  --db NAME           PostgreSQL database (default ccp_bench_samples): dropped and created
  --keep-data         keep the database of an earlier run (same --samples/--patients/--seed) and
                      skip the load when it holds samples (re-measure after a change)
  --no-build          use the jars built before (no Maven, no network)
  --start-timeout S   seconds the bridgehead may take to report UP (default 180)
  --max-minutes M     hard time limit of the whole run (default 120)
PostgreSQL on localhost:5432, user postgres.
USAGE
}

SAMPLES=100000
PATIENTS=""
PER_BUNDLE=20
CLIENTS=2
LOAD_MINUTES=""
REPS=50
WARMUP=5
SEED=42
SORT=-_pid
HEAP=2g
PORT=18197
DB=ccp_bench_samples
KEEP=0
BUILD=1
START_TIMEOUT=180
MAX_MINUTES=120
while [[ $# -gt 0 ]]; do
  case "$1" in
    --samples) SAMPLES=$2; shift 2 ;;
    --patients) PATIENTS=$2; shift 2 ;;
    --per-bundle) PER_BUNDLE=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --load-minutes) LOAD_MINUTES=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --sort) SORT=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --keep-data) KEEP=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --start-timeout) START_TIMEOUT=$2; shift 2 ;;
    --max-minutes) MAX_MINUTES=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
PATIENTS=${PATIENTS:-$(( SAMPLES / 5 > 0 ? SAMPLES / 5 : 1 ))}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/request-limits.sh
STAMP=$(date +%Y%m%d-%H%M%S)
WORK="$ROOT/bench/work/samples-$STAMP"
REPORT="$ROOT/bench/results/samples-$STAMP.txt"
# the bridgehead's data directory (TLS keys, network CA) lives as long as its database
STATE="$ROOT/bench/work/samples-state-$DB"
mkdir -p "$WORK" "$ROOT/bench/results"
BASE="https://127.0.0.1:$PORT"
PG="psql -h localhost -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA"

PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
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

say "sample search benchmark $STAMP: samples=$SAMPLES patients=$PATIENTS per_bundle=$PER_BUNDLE clients=$CLIENTS reps=$REPS warmup=$WARMUP seed=$SEED sort=$SORT heap=$HEAP db=$DB"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; $(java -version 2>&1 | head -1); postgres $($PG -d postgres -c 'show server_version'); load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $BUILD == 1 ]]; then
  echo "building (log: $WORK/build.log) ..."
  # offline, one reactor, packaged in place: nothing is installed into ~/.m2
  run_waited "$WORK/build.log" ./mvnw -B -q -o -Pbench -DskipTests -Dspotless.check.skip=true \
    -pl fhir-bridgehead,bench/loader -am package \
    || { tail -40 "$WORK/build.log"; echo "build failed" >&2; exit 1; }
fi
JAR=$(ls fhir-bridgehead/target/fhir-bridgehead-*-app.jar 2>/dev/null | head -1 || true)
LOADER_JAR=$(ls bench/loader/target/bench-loader-*.jar 2>/dev/null | grep -v original | head -1 || true)
[[ -f $JAR && -f $LOADER_JAR ]] || { echo "bridgehead or loader jar missing: run without --no-build" >&2; exit 1; }
# a build during the run (another checkout step, a fix being tried) must not replace the jar
# under the running server
cp "$JAR" "$WORK/bridgehead.jar"
JAR="$WORK/bridgehead.jar"

echo "generating $SAMPLES samples of $PATIENTS patients ..."
run_waited "$WORK/generate.log" java -Xmx1g -jar "$LOADER_JAR" samples --samples "$SAMPLES" \
  --patients "$PATIENTS" --per-bundle "$PER_BUNDLE" --seed "$SEED" --sort "$SORT" --out "$WORK/data" \
  || { tail -20 "$WORK/generate.log"; echo "generation failed" >&2; exit 1; }
say "$(cat "$WORK/generate.log")"

specimens() { $PG -d "$DB" -c "select count(*) from hfj_resource where res_type = 'Specimen' and res_deleted_at is null" 2>/dev/null || echo 0; }
LOAD=1
if [[ $KEEP == 1 ]] && $PG -d postgres -c "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  && [[ -d $STATE ]] && [[ "$(specimens)" -gt 0 ]]; then
  LOAD=0
  say "keeping database $DB with its $(specimens) samples (--keep-data): no load"
else
  $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>&1 | grep -v NOTICE || true
  rm -rf "$STATE"
fi
mkdir -p "$STATE"

mapfile -t LIMITS < <(request_limits "$WORK"/data/bundles/*.json)
echo "starting the bridgehead (log: $WORK/bridgehead.log) ..."
t0=$(date +%s.%N)
# the load may take longer than a token lives (30 min); the oncology department's biobank user is
# taken as having accepted the terms of use, like the demo's site-wide users
java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -jar "$JAR" --spring.profiles.active=demo,postgres \
  --ccp.data-dir="$STATE/data" --spring.datasource.url="jdbc:postgresql://localhost:5432/$DB" \
  --spring.datasource.username=postgres --spring.datasource.password= \
  --server.port="$PORT" --server.address=127.0.0.1 --ccp.auth.local-issuer.token-lifetime=PT4H \
  --ccp.terms.pre-accepted=admin,datamanager,biobank,oncology-biobank \
  "${LIMITS[@]}" >"$WORK/bridgehead.log" 2>&1 &
BH=$!
PIDS+=("$BH")
status=""
for _ in $(seq 1 $((START_TIMEOUT * 5))); do
  status=$(curl -sk --max-time 2 "$BASE/actuator/health" 2>/dev/null || true)
  [[ $status == *'"status":"UP"'* ]] && break
  kill -0 "$BH" 2>/dev/null || break
  sleep 0.2
done
if [[ $status != *'"status":"UP"'* ]]; then
  echo "bridgehead not UP within $START_TIMEOUT s; log $WORK/bridgehead.log" >&2
  grep -m3 -E 'Caused by|ERROR|APPLICATION FAILED' "$WORK/bridgehead.log" | cut -c1-300 >&2 || true
  exit 1
fi
say "bridgehead UP after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

token() { # user
  curl -sk --max-time 30 -d grant_type=password -d username="$1" -d password="$1-demo" \
    "$BASE/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
# the loader's HTTP client trusts the bridgehead's certificate through the demo network's CA;
# the certificate names the bridgehead, not 127.0.0.1
keytool -importcert -noprompt -alias ccp-network-ca -file "$STATE/network-ca/ca.pem" \
  -keystore "$WORK/trust.p12" -storetype PKCS12 -storepass bench-trust >/dev/null 2>&1 \
  || { echo "cannot read the network CA $STATE/network-ca/ca.pem" >&2; exit 1; }
JAVA_CLIENT=(java -Djavax.net.ssl.trustStore="$WORK/trust.p12" -Djavax.net.ssl.trustStorePassword=bench-trust
  -Djdk.internal.httpclient.disableHostnameVerification=true)

if [[ $LOAD == 1 ]]; then
  echo "loading through POST /fhir as the data manager (log: $WORK/load.log) ..."
  t0=$(date +%s)
  load_avg=$(cut -d' ' -f1-3 /proc/loadavg)
  rc=0
  stop=()
  [[ -z $LOAD_MINUTES ]] || stop=(--stop-after-s $((LOAD_MINUTES * 60)))
  run_waited "$WORK/load.log" "${JAVA_CLIENT[@]}" -Xmx2g -jar "$LOADER_JAR" load --url "$BASE/fhir" \
    --token "$(token datamanager)" --clients "$CLIENTS" --timeout-s 1800 "${stop[@]}" \
    --round "$WORK/data/bundles" || rc=$?
  grep -E '^(round|RESULT|  FAILED)' "$WORK/load.log" | tee -a "$REPORT" || true
  # the loader's own verdict (its RESULT line); after a load of 40 min bash's wait once answered
  # 127 for a loader that had exited normally
  grep -q '^RESULT .* failed_resources=0 ' "$WORK/load.log" \
    || { echo "the load failed (exit $rc); log $WORK/load.log" >&2; exit 1; }
  say "loaded in $(($(date +%s) - t0)) s (load average before $load_avg, after $(cut -d' ' -f1-3 /proc/loadavg))"
fi
STORED=$(specimens)
if [[ $STORED == "$SAMPLES" ]]; then
  say "the store holds the $SAMPLES samples"
elif [[ $STORED -gt 0 && ( -n $LOAD_MINUTES || $LOAD == 0 ) ]]; then
  say "the store holds $STORED of the $SAMPLES samples (load stopped after $LOAD_MINUTES min, or kept)"
else
  say "the store holds $STORED Specimens, not $SAMPLES" >&2
  exit 1
fi
# a site's database has been analysed by autovacuum long before anyone searches; right after a
# bulk load it may not have been yet, and the planner would guess from empty tables
$PG -d "$DB" -c "VACUUM ANALYZE" 2>&1 | grep -v NOTICE || true

echo "searching (log: $WORK/search.log) ..."
say "load average before the searches $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
run_waited "$WORK/search.log" "${JAVA_CLIENT[@]}" -Xmx512m -jar "$LOADER_JAR" search --url "$BASE/fhir" \
  --queries "$WORK/data/queries.tsv" --reps "$REPS" --warmup "$WARMUP" \
  --count-token "$(token datamanager)" --user "biobank=$(token biobank)" \
  --scoped-user "oncology-biobank=$(token oncology-biobank)" || rc=$?
grep -v '^RESULT' "$WORK/search.log" | tee -a "$REPORT"
say "load average after the searches $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $rc == 0 ]] || { echo "the searches failed (exit $rc); log $WORK/search.log" >&2; exit 1; }
# the target: every page search (not the baseline) of both users
worst=$(awk '/^RESULT/ && !/query=baseline/ { for (i = 1; i <= NF; i++) if ($i ~ /^p95_ms=/) { v = substr($i, 8) + 0; if (v > m) m = v } } END { printf "%.1f", m }' "$WORK/search.log")
if [[ $STORED -ge 100000 ]]; then
  say "target: p95 <= 200 ms over $STORED samples: $(awk -v w="$worst" 'BEGIN { print (w <= 200) ? "met" : "NOT met" }') (slowest page search p95 $worst ms)"
else
  say "slowest page search p95 $worst ms (the target applies from 100000 samples)"
fi
say "report: $REPORT (logs and data: $WORK)"
