#!/usr/bin/env bash
# Prints the Markdown table of every ccp.* property of an app, generated from the metadata that
# spring-boot-configuration-processor writes from the @ConfigurationProperties records and their
# Javadoc (@param): the app's own records and those of the security layer every app uses.
# Usage (after a build): docs/config-table.sh fhir-bridgehead > /tmp/table.md
# The module READMEs hold its output between <!-- config-table:begin --> and <!-- config-table:end -->;
# docs/config-table.sh --update fhir-bridgehead replaces that block in place.
set -euo pipefail
cd "$(dirname "$0")/.."

metadata() { echo "$1/target/classes/META-INF/spring-configuration-metadata.json"; }

table() {
  local module=$1 file files=()
  for file in "$(metadata "$module")" "$(metadata security)"; do
    [ -f "$file" ] || { echo "no $file: build the module first (./mvnw -B -o -pl $module -am package -DskipTests)" >&2; exit 2; }
    files+=("$file")
  done
  echo "| property | type | default | meaning |"
  echo "|---|---|---|---|"
  jq -rs '[.[].properties[]] | unique_by(.name) | sort_by(.name) | .[]
    | select(.name | startswith("ccp."))
    | [ "`" + .name + "`",
        (.type // "" | sub("java\\.(lang|util|time|nio\\.file)\\."; ""; "g") | sub("org\\.ccpfhir\\.[a-z.]*\\."; ""; "g")),
        (if .defaultValue == null then "–" elif .defaultValue == "" then "(empty)" else "`" + (.defaultValue | tostring) + "`" end),
        (.description // "" | gsub("\\{@code (?<c>[^}]*)\\}"; "`\(.c)`") | gsub("\\{@link (?<c>[^}]*)\\}"; "`\(.c)`") | gsub("\\|"; "\\|") | gsub("\n"; " ")) ]
    | "| " + join(" | ") + " |"' "${files[@]}"
}

if [ "${1:-}" = --update ]; then
  module=$2 readme=$2/README.md
  grep -q '<!-- config-table:begin -->' "$readme" || { echo "no config-table block in $readme" >&2; exit 2; }
  # through the environment: awk -v would interpret the backslashes of escaped pipes
  TABLE=$(table "$module") awk '
    /<!-- config-table:begin -->/ { print; print ENVIRON["TABLE"]; skip = 1; next }
    /<!-- config-table:end -->/ { skip = 0 }
    !skip' "$readme" >"$readme.tmp" && mv "$readme.tmp" "$readme"
else
  table "$1"
fi
