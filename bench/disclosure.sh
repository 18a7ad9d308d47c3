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
  ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true -pl fhir-mds-search -am test-compile \
    >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
else
  shift
fi
./mvnw -B -q -o -pl fhir-mds-search -am dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/deps.cp" >"$WORK/classpath.log" 2>&1 \
  || { cat "$WORK/classpath.log"; exit 1; }
# the project's own modules from this work tree, never from the local repository
OWN=fhir-mds-search/target/test-classes:fhir-mds-search/target/classes:security/target/classes
OWN=$OWN:synthetic/target/classes:profiles/target/classes:terminology/target/classes
DEPS=$(tr ':' '\n' <"$WORK/deps.cp" | grep -v '/org/ccpfhir/' | paste -sd: -)
java -Xmx512m -cp "$OWN:$DEPS" org.ccpfhir.mdssearch.bench.DisclosureAttackBenchmark "$@"
