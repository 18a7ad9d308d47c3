#!/usr/bin/env bash
# The 512 MiB target of issue 17: the central search (fhir-mds-search, its runnable jar) started
# with -Xmx512m on PostgreSQL with N generated patients, then the largest and most hostile requests
# a client can send, alone and in parallel bursts (HostileHeapBenchmark); each must be answered
# 2xx/4xx within 10 s and the app must stay up. Budgets are lifted so that every request is
# evaluated. Drops and creates the PostgreSQL database ccp_bench_hostile (localhost:5432, postgres).
# usage: bench/hostile-heap.sh [--patients N] [--no-build]     (default 20000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PATIENTS=20000
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: bench/hostile-heap.sh [--patients N] [--no-build]" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ $BUILD = 1 ]; then
  ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true -pl fhir-mds-search -am package \
    >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
fi
JAR=$(ls fhir-mds-search/target/fhir-mds-search-*-app.jar | head -1)
# the driver and the loader: the test classes, the generator, and the app jar's own libraries
unzip -q -o "$JAR" 'BOOT-INF/lib/*' -d "$WORK/app"
CP="fhir-mds-search/target/test-classes:fhir-mds-search/target/classes:synthetic/target/classes:$WORK/app/BOOT-INF/lib/*"
DRIVER=org.ccpfhir.mdssearch.bench.HostileHeapBenchmark
DB=ccp_bench_hostile
psql -q -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
echo "loading $PATIENTS patients into $DB ..."
java -Xmx1g -cp "$CP" "$DRIVER" --load "jdbc:postgresql://localhost:5432/$DB" "$PATIENTS" | grep -v '^$'
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$JAR" --server.port="$PORT" \
  --ccp.data-dir="$WORK/mds" --spring.datasource.url="jdbc:postgresql://localhost:5432/$DB" \
  --spring.datasource.username=postgres --spring.datasource.password= \
  --ccp.disclosure.hourly-budget=1000000000 --ccp.disclosure.weekly-budget=1000000000 \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
CA="$WORK/network-ca/ca.pem"
for _ in $(seq 1 240); do
  if [ -f "$CA" ] && curl -sf --cacert "$CA" "https://localhost:$PORT/actuator/health" >/dev/null; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { tail -40 "$WORK/server.log"; exit 1; }
  sleep 1
done
grep -o 'count index rebuilt: [^"]*' "$WORK/server.log" | head -1 || true
echo "server: -Xmx512m, pid $SERVER, load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
java -Xmx256m -cp "$CP" "$DRIVER" "https://localhost:$PORT" "$CA"
RC=$?
set -e
echo "server alive after the run: $(kill -0 "$SERVER" 2>/dev/null && echo yes || echo NO)," \
  "RSS $(( $(ps -o rss= -p "$SERVER" 2>/dev/null || echo 0) / 1024 )) MiB," \
  "OutOfMemoryError in its log: $(grep -c OutOfMemoryError "$WORK/server.log" || true)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $RC
