#!/usr/bin/env bash
# Shell test of ./ccp-demo's guards (issue 23 finding 4), without building or starting the network
# (a few seconds; run by .ci/run): a second start while a demo runs from the same directory, or
# while one of its ports is taken, says so, starts and stops nothing and exits 3; `stop` ends a
# running demo within its bound and says when none runs; `reset` refuses while one runs.
# A stand-in holds the demo's lock as a running ./ccp-demo does. Exit status 0 when all pass.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
holder="" listener=""
cleanup() {
  local pid
  for pid in $holder $listener; do
    # the stand-ins may have ended already (stop ends the holder); their status is not the test's
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() { # description command…: passes when the command succeeds
  local what=$1
  shift
  if "$@"; then
    echo "ok   $what"
  else
    echo "FAIL $what" >&2
    failures=$((failures + 1))
  fi
}

free_offset() { # a port offset under which none of the demo's six ports is taken
  local offset port taken
  for offset in 31000 32000 33000 34000 35000 36000; do
    taken=""
    for port in 8091 8092 8070 8443 8444 8445; do
      timeout 1 bash -c ": </dev/tcp/127.0.0.1/$((port + offset))" 2>/dev/null && taken=yes
    done
    [ -z "$taken" ] && { echo "$offset"; return 0; }
  done
  return 1
}

# the stand-in: holds the lock as the script and its components do, listed in the pid file
# (its command line names ccp-demo, as the real processes' do)
start_holder() { # demo dir
  mkdir -p "$1"
  bash -c 'exec 8>>"$1/.ccp-demo.lock"; flock -w 60 8 || exit 9; exec -a ccp-demo-standin sleep 300' \
    _ "$1" &
  holder=$!
  # (the stand-in waits for the lock: this probe holds it for a moment)
  local until=$((SECONDS + 60))
  while [ $SECONDS -lt $until ] && flock -n "$1/.ccp-demo.lock" true 2>/dev/null; do
    sleep 0.2
  done
  # without the lock held the script under test would start a real network
  flock -n "$1/.ccp-demo.lock" true 2>/dev/null && { echo "the stand-in got no lock" >&2; exit 1; }
  echo "script $holder" >"$1/ccp-demo.pids"
}

offset=$(free_offset) || { echo "no free port range for the test" >&2; exit 1; }
export CCP_DEMO_PORT_OFFSET=$offset

# 1. a demo runs from the same directory: refused with status 3, the running one untouched
demo=$work/running
start_holder "$demo"
status=0
out=$(CCP_DEMO_DIR=$demo timeout 20 ./ccp-demo 2>&1) || status=$?
check "second start while one runs: exit 3 (was $status)" [ "$status" = 3 ]
check "second start says a demo runs and how to stop it" \
  grep -q "a demo already runs from $demo (pid $holder" <<<"$out"
check "second start built and started nothing" \
  bash -c '! grep -qE "building|starting |ready in" <<<"$1"' _ "$out"
check "the running demo was left alone" kill -0 "$holder"
check "its pid file was left alone" grep -qx "script $holder" "$demo/ccp-demo.pids"

# 2. reset refuses while it runs
status=0
CCP_DEMO_DIR=$demo timeout 20 ./ccp-demo reset >/dev/null 2>&1 || status=$?
check "reset while one runs: exit 3 (was $status)" [ "$status" = 3 ]
check "reset deleted nothing" test -f "$demo/ccp-demo.pids"

# 3. stop ends it within the bound, frees the lock and removes the pid file
began=$SECONDS
status=0
out=$(CCP_DEMO_DIR=$demo CCP_DEMO_STOP_WAIT=10 timeout 30 ./ccp-demo stop 2>&1) || status=$?
check "stop: exit 0 (was $status)" [ "$status" = 0 ]
check "stop took under 10 s ($((SECONDS - began)) s)" [ $((SECONDS - began)) -lt 10 ]
check "stop ended the demo's process" bash -c "! kill -0 $holder 2>/dev/null"
check "stop freed the lock" flock -n "$demo/.ccp-demo.lock" true
check "stop removed the pid file" test ! -e "$demo/ccp-demo.pids"
check "stop says it stopped" grep -q "stopped in" <<<"$out"
holder=""

# 4. stop without a running demo says so and exits 0
out=$(CCP_DEMO_DIR=$demo timeout 20 ./ccp-demo stop 2>&1)
check "stop without a demo: says none runs" grep -q "no demo runs from $demo" <<<"$out"

# 5. a port of the demo is taken (another program, or a demo from another directory): refused
# before anything is built or written
port=$((8444 + offset))
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(5); time.sleep(300)' "$port" &
listener=$!
taken=""
until=$((SECONDS + 60))
while [ $SECONDS -lt $until ]; do
  timeout 1 bash -c ": </dev/tcp/127.0.0.1/$port" 2>/dev/null && { taken=yes; break; }
  sleep 0.2
done
# with the port free the script under test would start a real network
[ -n "$taken" ] || { echo "could not take port $port for the test" >&2; exit 1; }
other=$work/other
status=0
out=$(CCP_DEMO_DIR=$other timeout 20 ./ccp-demo 2>&1) || status=$?
check "start with a taken port: exit 3 (was $status)" [ "$status" = 3 ]
check "it names the port and the component" grep -q "port $port (bridgehead-tue) is taken" <<<"$out"
check "it built and started nothing" bash -c '! grep -qE "building|starting |ready in" <<<"$1"' _ "$out"
check "it wrote no pid file" test ! -e "$other/ccp-demo.pids"
check "the port's owner was left alone" kill -0 "$listener"

if [ "$failures" -gt 0 ]; then
  echo "test-ccp-demo: $failures failed" >&2
  exit 1
fi
echo "test-ccp-demo: all passed"
