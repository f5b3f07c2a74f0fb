#!/usr/bin/env bash
# Opens the HTML report of testdata/cmk-example in Debian's headless Chromium: checks the grid's
# cells, colours and a clicked cell's explanation through the report's #selftest hook, and takes
# a screenshot. Exit 77 (ctest SKIP) only when Chromium is not installed.
# Usage: browser-test.sh KMSACCESS_BINARY SOURCE_DIR   (KMSACCESS_UPDATE_SCREENSHOT=1 refreshes docs/report.png)
set -euo pipefail
bin=$1
src=$2
chromium=${KMSACCESS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium not found; install the Debian package 'chromium' to run the browser test"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$src/testdata/cmk-example" && "$bin" report --html "$work/report.html")

browse() {
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" --virtual-time-budget=5000 "$@" 2>>"$work/chromium.log"
}
browse --dump-dom "file://$work/report.html#selftest" > "$work/dom.html"
browse --window-size=1280,640 --screenshot="$work/report.png" "file://$work/report.html#cell=Charlie/CMK-A" >/dev/null

fail=0
expect() {
  if ! grep -qF -- "$1" "$work/dom.html"; then
    echo "FAIL: the rendered report lacks: $1"
    fail=1
  fi
}
expect "cell Alice CMK-A text=allow colour=allow"
expect "cell Alice CMK-B text=- colour=implicit-deny"
expect "cell Bob CMK-C text=deny colour=deny"
expect "cell Charlie CMK-A text=Encrypt colour=partial"
expect "explanation: Alice → CMK-A"
expect "cmk-a.json:"
expect "filter ali rows=1"
expect "selftest: done"
if [ ! -s "$work/report.png" ] || [ "$(head -c 8 "$work/report.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "FAIL: no PNG screenshot"
  fail=1
fi
if [ "$fail" -ne 0 ]; then
  sed -n '/<pre id="selftest">/,/<\/pre>/p' "$work/dom.html"
  tail -20 "$work/chromium.log"
  exit 1
fi
if [ "${KMSACCESS_UPDATE_SCREENSHOT:-}" = 1 ]; then
  cp "$work/report.png" "$src/docs/report.png"
  echo "updated docs/report.png"
fi
echo "browser test passed"
