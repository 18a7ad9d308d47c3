#!/usr/bin/env bash
# Central patient list on control numbers (in process): linkage quality, and latency with N stored
# records against the same matcher without blocking, same run.
# usage: bench/central-linkage.sh quality [--people N]   (default 10000)
#        bench/central-linkage.sh speed [--stored N]     (default 10000; 100000, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl bench/linkage -am >/dev/null
exec java -Xmx6g -cp bench/linkage/target/bench-linkage-0.1.0-SNAPSHOT.jar \
  -Dloader.main=org.ccpfhir.bench.linkage.CentralLinkageBench \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
