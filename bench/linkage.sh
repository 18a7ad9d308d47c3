#!/usr/bin/env bash
# Linkage quality and speed of the local patient list against exact matching, same run.
# usage: bench/linkage.sh [--people N] [--seed S]     (default 10000 people)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench install -DskipTests -pl bench/linkage -am >/dev/null
exec java -Xmx2g -jar bench/linkage/target/bench-linkage-0.1.0-SNAPSHOT.jar "$@"
