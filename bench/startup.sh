#!/usr/bin/env bash
# Start-up time of the apps (issue 19): process start until /actuator/health answers UP, on an
# empty PostgreSQL database (first start: schema, demo CA and certificate, terminology) and again
# on the same database and data directory (restart). Runs the apps one after the other, R times
# each, and prints median, min..max and the load average. See bench/README.md "Start-up".
# Only loopback traffic; every process started here is stopped on exit.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/startup.sh [options]
  --runs R            first starts (and restarts) per app (default 3)
  --apps LIST         comma-separated: bridgehead,mds-search,central-list,generator (default all)
  --heap SIZE         -Xmx of each app (default 2g)
  --app-arg A         extra Spring argument for every app (repeatable)
  --start-timeout S   seconds an app may take to report UP (default 180)
  --no-build          use the jars built before (no Maven, no network)
  --port P            HTTP(S) port of the app under test (default 18091)
  --db NAME           PostgreSQL database for every app (default ccp_bench_startup_<app>)
  --jar APP=PATH      start APP from this jar instead of the built one (e.g. an older build to
                      compare with; repeatable)
  --java-opt O        extra JVM option for every app (repeatable), e.g. -XX:SharedArchiveFile=...
  --h2                the apps' embedded H2 in their data directory instead of PostgreSQL (no
                      database is dropped; lets two runs measure side by side)
Drops and creates the PostgreSQL databases ccp_bench_startup_* (localhost:5432, user postgres).
USAGE
}

RUNS=3
APPS=bridgehead,mds-search,central-list,generator
HEAP=2g
EXTRA=()
START_TIMEOUT=180
BUILD=1
PORT=18091
DB=""
declare -A JAR_OVERRIDE=()
JAVA_OPTS=()
H2=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --apps) APPS=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --app-arg) EXTRA+=("$2"); shift 2 ;;
    --start-timeout) START_TIMEOUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --port) PORT=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --jar) JAR_OVERRIDE[${2%%=*}]=${2#*=}; shift 2 ;;
    --java-opt) JAVA_OPTS+=("$2"); shift 2 ;;
    --h2) H2=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STAMP=$(date +%Y%m%d-%H%M%S)
WORK="$ROOT/bench/work/startup-$STAMP"
REPORT="$ROOT/bench/results/startup-$STAMP.txt"
mkdir -p "$WORK" "$ROOT/bench/results"
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
  ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true \
    -pl fhir-bridgehead,fhir-mds-search,fhir-identity -am package >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; echo "build failed" >&2; exit 1; }
fi
jar_of() { ls "$1"/target/*.jar 2>/dev/null | grep -v -e original -e sources | grep -e "$2" | head -1; }

# app name -> jar and arguments (database and data directory are added per run)
app_args() { # app db datadir
  local app=$1 db=$2 dir=$3
  local url="jdbc:postgresql://localhost:5432/$db"
  case "$app" in
    bridgehead)
      echo "$(jar_of fhir-bridgehead -app.jar)"
      if [[ $H2 == 1 ]]; then echo --spring.profiles.active=demo; else echo --spring.profiles.active=demo,postgres; fi ;;
    mds-search)
      echo "$(jar_of fhir-mds-search -app.jar)"
      echo --spring.profiles.active=demo ;;
    central-list | generator)
      echo "$(jar_of fhir-identity -app.jar)"
      echo --spring.profiles.active=demo,"$app" ;;
  esac
  echo --ccp.data-dir="$dir"
  if [[ $app != generator && $H2 == 0 ]]; then # the generator keeps only an audit trail, on H2
    echo --spring.datasource.url="$url"
    echo --spring.datasource.username=postgres
    echo --spring.datasource.password=
  fi
}

start_once() { # app db datadir log -> "wall_seconds cpu_seconds" to UP on stdout
  local app=$1 db=$2 dir=$3 log=$4
  mapfile -t args < <(app_args "$app" "$db" "$dir")
  local jar=${JAR_OVERRIDE[$app]:-${args[0]}}
  [[ -f $jar ]] || { echo "no jar for $app: run without --no-build" >&2; return 1; }
  local t0; t0=$(date +%s.%N)
  java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError "${JAVA_OPTS[@]}" -jar "$jar" "${args[@]:1}" \
    --server.port="$PORT" --server.address=127.0.0.1 "${EXTRA[@]}" >"$log" 2>&1 &
  PID=$!
  local status="" up=""
  for _ in $(seq 1 $((START_TIMEOUT * 10))); do
    status=$(curl -sk --max-time 2 "https://127.0.0.1:$PORT/actuator/health" 2>/dev/null \
      || curl -s --max-time 2 "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null || true)
    # the app's own status, not any component's (a component is UP long before the app is)
    up=$(jq -r '.status // empty' <<<"$status" 2>/dev/null || true)
    [[ $up == UP ]] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  local t1; t1=$(date +%s.%N)
  # CPU seconds (user + system, all threads) until UP: less dependent on what else the machine
  # runs than the wall time
  local cpu; cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' \
    "/proc/$PID/stat" 2>/dev/null || echo 0)
  stop_app
  if [[ $up != UP ]]; then
    echo "$app not UP within $START_TIMEOUT s (last health: ${status:-none}); log $log" >&2
    grep -m3 -E 'Caused by|ERROR|APPLICATION FAILED' "$log" | cut -c1-300 >&2 || true
    return 1
  fi
  awk -v a="$t0" -v b="$t1" -v c="$cpu" 'BEGIN { printf "%.1f %s", b - a, c }'
}

stats() { # values... -> "median (min..max)"
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f s (%.1f..%.1f, n=%d)", m, v[1], v[NR], NR }'
}

say "start-up benchmark $STAMP: runs=$RUNS heap=$HEAP apps=$APPS extra=${EXTRA[*]:-none} java=${JAVA_OPTS[*]:-none}"
for app in "${!JAR_OVERRIDE[@]}"; do say "  $app from ${JAR_OVERRIDE[$app]}"; done
say "machine: $(nproc) cores; $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for app in ${APPS//,/ }; do
  firsts=() restarts=() firsts_cpu=() restarts_cpu=()
  db=${DB:-ccp_bench_startup_${app//-/_}}
  for ((r = 1; r <= RUNS; r++)); do
    dir="$WORK/$app-$r/data"
    mkdir -p "$dir"
    [[ $H2 == 1 ]] || $PG -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2>&1 | grep -v NOTICE || true
    local_first=? local_restart=?
    if s=$(start_once "$app" "$db" "$dir" "$WORK/$app-$r-first.log"); then
      firsts+=("${s% *}") firsts_cpu+=("${s#* }") local_first=$s
    else status=1; continue; fi
    if s=$(start_once "$app" "$db" "$dir" "$WORK/$app-$r-restart.log"); then
      restarts+=("${s% *}") restarts_cpu+=("${s#* }") local_restart=$s
    else status=1; fi
    echo "$app run $r (wall s, CPU s): first $local_first, restart $local_restart, load $(cut -d' ' -f1 /proc/loadavg)" >&2
  done
  [[ ${#firsts[@]} -gt 0 ]] || continue
  say "$(printf '%-13s' "$app") empty database: $(stats "${firsts[@]}")   restart: $(stats "${restarts[@]:-0}")   load average $(cut -d' ' -f1-3 /proc/loadavg)"
  say "$(printf '%-13s' '') CPU seconds until UP: empty $(stats "${firsts_cpu[@]}")   restart $(stats "${restarts_cpu[@]:-0}")"
done
say "targets: bridgehead <= 20 s on an empty database, <= 10 s on a restart; mds-search and fhir-identity <= 10 s"
say "report: $REPORT (logs: $WORK)"
exit "$status"
