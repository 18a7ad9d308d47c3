#!/usr/bin/env bash
# Retained heap of the validator over many synthetic patients, at the demo's 1 GiB heap.
# usage: bench/heap.sh [--patients N] [--every E] [--threads T] [--seed S]   (default 10000 / 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -Pbench package -DskipTests -pl bench/heap -am >/dev/null
exec java -Xmx1g -XX:+ExitOnOutOfMemoryError -jar bench/heap/target/bench-heap-0.1.0-SNAPSHOT.jar "$@"
