# Sourced by the bench scripts that send a bridgehead larger requests than its limits for clients
# allow (security's ccp.limits.*: fhir-body 8MB, bundle-entries 5000, import-body 64MB; 413/400
# before parsing): a measurement of storing or importing must not be cut off there.
#
# request_limits FILE... prints the Spring arguments that raise the limits to the largest body
# among FILE (*.json: FHIR Bundles, size and entries; *.xml: documents for $import-obds), one a
# line, never below the defaults. Entries are counted by their "request" objects (an upper bound).
request_limits() {
  local body=$((8 << 20)) entries=5000 import=$((64 << 20)) f bytes n
  for f in "$@"; do
    bytes=$(stat -L -c %s "$f")
    case "$f" in
      *.xml) if ((bytes > import)); then import=$bytes; fi ;;
      *)
        if ((bytes > body)); then body=$bytes; fi
        n=$(grep -o '"request" *: *{' "$f" | wc -l)
        if ((n > entries)); then entries=$n; fi
        ;;
    esac
  done
  printf '%s\n' "--ccp.limits.fhir-body=${body}B" "--ccp.limits.bundle-entries=$entries" \
    "--ccp.limits.import-body=${import}B"
}
