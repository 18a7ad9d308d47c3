#!/usr/bin/env bash
# Central patient list on control numbers (in process): linkage quality, and latency with N stored
# records against the same matcher without blocking, same run.
# usage: bench/central-linkage.sh [--no-build] quality [--people N]   (default 10000)
#        bench/central-linkage.sh [--no-build] speed [--stored N]     (default 10000; 100000, 1000000)
#   --no-build   use the jar built before (no Maven, no network)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == --no-build ]]; then
  shift
else
  # offline, one reactor, packaged in place: nothing is installed into ~/.m2
  ./mvnw -q -B -o -Pbench package -DskipTests -Dspotless.check.skip=true -pl bench/linkage -am >/dev/null
fi
JAR=bench/linkage/target/bench-linkage-0.1.0-SNAPSHOT.jar
[[ -f $JAR ]] || { echo "$JAR missing: run without --no-build once" >&2; exit 1; }
exec java -Xmx6g -cp "$JAR" \
  -Dloader.main=org.ccpfhir.bench.linkage.CentralLinkageBench \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
