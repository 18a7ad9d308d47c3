#!/usr/bin/env bash
# Attack benchmark of the central search's disclosure control (issue 17): the tracker attack at
# scale against the cell-key policy of fhir-mds-search — attacker accuracy on membership and on the
# exact value of "<10" cells against the chance baseline, per number of released cells spent.
# See fhir-mds-search/README.md "Disclosure control". No network, no database.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [[ "${1:-}" != "--no-build" ]]; then
  ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true -pl disclosure,fhir-mds-search -am test-compile \
    >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
else
  shift
fi
# the policy needs nothing beyond its own classes and the disclosure library (no annotations run)
java -Xmx512m -cp fhir-mds-search/target/test-classes:fhir-mds-search/target/classes:disclosure/target/classes \
  org.ccpfhir.mdssearch.bench.DisclosureAttackBenchmark "$@"
