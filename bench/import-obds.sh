#!/usr/bin/env bash
# $import-obds of an N-patient oBDS document at a bridgehead on PostgreSQL (issue 18 target: 1,000
# patients in under 60 s), against a baseline measured in the same run on the same server: the same
# number of (other) synthetic patients, mapped in advance by the same mapper and posted as one FHIR
# transaction through the ordinary ingest. The difference is what the operation adds (XML parsing,
# schema check, mapping, tolerance policy, report). Rounds alternate baseline and import, each on
# patients not stored before; prints medians, min..max, the ratio and the load average.
# See bench/README.md "oBDS import". Only loopback traffic; everything started is stopped on exit.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/import-obds.sh [options]
  --patients N        patients per document / transaction (default 1000)
  --rounds R          measured rounds of each kind, after one small warm-up of each (default 3)
  --heap SIZE         -Xmx of the bridgehead (default 2g)
  --start-timeout S   seconds the bridgehead may take to report UP (default 180)
  --port P            HTTPS port of the bridgehead on 127.0.0.1 (default 18095)
  --db NAME           PostgreSQL database, dropped and created (default ccp_bench_import)
  --no-build          use the jars and classes built before (no Maven, no network)
PostgreSQL on localhost:5432, user postgres.
USAGE
}

PATIENTS=1000
ROUNDS=3
HEAP=2g
START_TIMEOUT=180
BUILD=1
PORT=18095
DB=ccp_bench_import
while [[ $# -gt 0 ]]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --start-timeout) START_TIMEOUT=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/request-limits.sh
STAMP=$(date +%Y%m%d-%H%M%S)
WORK="$ROOT/bench/work/import-obds-$STAMP"
REPORT="$ROOT/bench/results/import-obds-$STAMP.txt"
mkdir -p "$WORK" "$ROOT/bench/results"
BASE="https://127.0.0.1:$PORT"
PG="psql -h localhost -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA"

PID=""
stop_app() {
  [[ -n "$PID" ]] || return 0
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}
trap 'stop_app' EXIT
trap 'echo interrupted >&2; exit 130' INT TERM

say() { echo "$*" | tee -a "$REPORT"; }

if [[ $BUILD == 1 ]]; then
  echo "building (log: $WORK/build.log) ..."
  # offline, one reactor, packaged in place: nothing is installed into ~/.m2
  ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true -pl fhir-bridgehead,mappers -am package \
    >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; echo "build failed" >&2; exit 1; }
fi
JAR=$(ls fhir-bridgehead/target/*-app.jar 2>/dev/null | head -1)
[[ -f $JAR ]] || { echo "no bridgehead jar: run without --no-build" >&2; exit 1; }
# written by every build of the module (root pom, execution bench-classpath)
[[ -f mappers/target/classpath.txt ]] || { echo "mappers/target/classpath.txt missing: build first" >&2; exit 1; }
CP="mappers/target/test-classes:mappers/target/classes:profiles/target/classes:terminology/target/classes:$(cat mappers/target/classpath.txt)"

# data: warm-up and rounds on disjoint patient numbers (each request stores new patients)
echo "generating data in $WORK ..."
data() { # kind first patients file
  java -Xmx1g -cp "$CP" org.ccpfhir.mappers.bench.ObdsImportData "$@" >>"$WORK/data.log" 2>&1 \
    || { tail -20 "$WORK/data.log"; echo "data generation failed" >&2; exit 1; }
}
WARM=$(( PATIENTS < 20 ? PATIENTS : 20 ))
data transaction 0 "$WARM" "$WORK/warm.json"
data xml 100000 "$WARM" "$WORK/warm.xml"
for ((r = 1; r <= ROUNDS; r++)); do
  data transaction $((r * 1000000)) "$PATIENTS" "$WORK/round-$r.json"
  data xml $((r * 1000000 + 500000)) "$PATIENTS" "$WORK/round-$r.xml"
done

# the baseline transaction (~10 KB and 11 entries a patient) exceeds the bridgehead's request
# limits for clients from about 800 patients on (bench/README.md "oBDS import")
mapfile -t LIMITS < <(request_limits "$WORK"/*.json "$WORK"/*.xml)

$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>&1 | grep -v NOTICE || true
echo "starting the bridgehead (log: $WORK/bridgehead.log) ..."
java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -jar "$JAR" --spring.profiles.active=demo,postgres \
  --ccp.data-dir="$WORK/data" --spring.datasource.url="jdbc:postgresql://localhost:5432/$DB" \
  --spring.datasource.username=postgres --spring.datasource.password= \
  --server.port="$PORT" --server.address=127.0.0.1 "${LIMITS[@]}" >"$WORK/bridgehead.log" 2>&1 &
PID=$!
status=""
for _ in $(seq 1 $((START_TIMEOUT * 5))); do
  status=$(curl -sk --max-time 2 "$BASE/actuator/health" 2>/dev/null || true)
  [[ $status == *'"status":"UP"'* ]] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
if [[ $status != *'"status":"UP"'* ]]; then
  echo "bridgehead not UP within $START_TIMEOUT s; log $WORK/bridgehead.log" >&2
  grep -m3 -E 'Caused by|ERROR|APPLICATION FAILED' "$WORK/bridgehead.log" | cut -c1-300 >&2 || true
  exit 1
fi

token() {
  curl -sk --max-time 30 -d grant_type=password -d username=datamanager -d password=datamanager-demo \
    "$BASE/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# send kind file -> seconds on stdout; fails unless 200 (and, for the import, every patient stored)
send() {
  local kind=$1 file=$2 out="$2.answer" code secs
  if [[ $kind == import ]]; then
    read -r code secs < <(curl -sk -o "$out" -w '%{http_code} %{time_total}\n' --max-time 900 \
      -H "Authorization: Bearer $(token)" -H 'Content-Type: application/xml' \
      -H 'Accept: application/fhir+json' \
      --data-binary @"$file" "$BASE/fhir/\$import-obds")
  else
    read -r code secs < <(curl -sk -o "$out" -w '%{http_code} %{time_total}\n' --max-time 900 \
      -H "Authorization: Bearer $(token)" -H 'Content-Type: application/fhir+json' \
      -H 'Accept: application/fhir+json' \
      --data-binary @"$file" "$BASE/fhir")
  fi
  if [[ $code != 200 ]]; then
    echo "$kind of $file answered $code: $(head -c 600 "$out")" >&2
    return 1
  fi
  # the report is pretty-printed JSON inside a string: "patientsRefused" : 0 (quotes escaped)
  if [[ $kind == import ]] && ! grep -Eq 'patientsRefused[^,0-9]*: *0[^0-9]' "$out"; then
    echo "import of $file refused patients: $(head -c 600 "$out")" >&2
    return 1
  fi
  echo "$secs"
}

stats() { # values... -> "median (min..max)"
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f s (%.2f..%.2f, n=%d)", m, v[1], v[NR], NR }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

say "oBDS import benchmark $STAMP: patients=$PATIENTS rounds=$ROUNDS heap=$HEAP"
say "request limits: ${LIMITS[*]}"
say "machine: $(nproc) cores; $(java -version 2>&1 | head -1); load average before $(cut -d' ' -f1-3 /proc/loadavg)"
send transaction "$WORK/warm.json" >/dev/null
send import "$WORK/warm.xml" >/dev/null
baseline=() import=()
for ((r = 1; r <= ROUNDS; r++)); do
  baseline+=("$(send transaction "$WORK/round-$r.json")")
  import+=("$(send import "$WORK/round-$r.xml")")
  say "round $r: transaction ${baseline[-1]} s, \$import-obds ${import[-1]} s"
done
mb=$(median "${baseline[@]}") mi=$(median "${import[@]}")
say "baseline (mapped transaction, POST /fhir): $(stats "${baseline[@]}")"
say "\$import-obds (oBDS XML):                  $(stats "${import[@]}")   $(awk -v n="$PATIENTS" -v s="$mi" 'BEGIN { printf "%.1f patients/s", n / s }')"
say "ratio import/baseline (median): $(awk -v a="$mi" -v b="$mb" 'BEGIN { printf "%.2f", a / b }')"
say "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $PATIENTS -ge 1000 ]]; then
  say "target: $PATIENTS patients in < 60 s: $(awk -v s="$mi" 'BEGIN { print (s < 60) ? "met" : "NOT met" }') (median $mi s)"
fi
say "report: $REPORT (logs and data: $WORK)"
