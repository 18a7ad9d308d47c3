#!/usr/bin/env bash
# Test setup of the browser suite: Debian's chromium and chromium-driver, installed when missing.
# Called by the demo-tests build (pre-integration-test) and by .ci/run; a no-op when both are there.
set -uo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "installing chromium and chromium-driver for the browser tests"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q chromium chromium-driver \
  || { $sudo apt-get update -q && $sudo apt-get install -y -q chromium chromium-driver; } \
  || echo "could not install chromium / chromium-driver; the browser suite will say what is missing" >&2
# the suite itself fails with the install command when the binaries are still missing
exit 0
