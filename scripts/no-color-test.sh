#!/usr/bin/env bash
# Terminal conventions: colour only on a terminal, never through a pipe, never with NO_COLOR set,
# and --color always|never overriding both. Runs the binary through pipes (and script(1) for a tty).
# Usage: no-color-test.sh KMSACCESS_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
cd "$src/testdata/cmk-example"
esc=$'\033'
fail() { echo "FAIL: $*"; exit 1; }
has_escape() { grep -q "$esc" "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for cmd in "matrix" "who-can -k CMK-A --format table"; do
  # shellcheck disable=SC2086
  "$bin" $cmd | cat > "$work/piped"
  has_escape "$work/piped" && fail "$cmd: escape codes through a pipe"
  # shellcheck disable=SC2086
  NO_COLOR=1 "$bin" $cmd | cat > "$work/nocolor"
  has_escape "$work/nocolor" && fail "$cmd: escape codes with NO_COLOR=1"
  # shellcheck disable=SC2086
  "$bin" --color never $cmd > "$work/never"
  has_escape "$work/never" && fail "$cmd: escape codes with --color never"
  # shellcheck disable=SC2086
  NO_COLOR=1 "$bin" --color always $cmd | cat > "$work/always"
  has_escape "$work/always" || fail "$cmd: --color always gave no colour"
  if command -v script >/dev/null; then
    # A pseudo-terminal: colour by default, none once NO_COLOR is set.
    script -qec "$bin $cmd" /dev/null > "$work/tty" < /dev/null
    has_escape "$work/tty" || fail "$cmd: no colour on a terminal"
    NO_COLOR=1 script -qec "$bin $cmd" /dev/null > "$work/tty-nocolor" < /dev/null
    has_escape "$work/tty-nocolor" && fail "$cmd: escape codes on a terminal with NO_COLOR=1"
  fi
done
# Progress goes to stderr only on a terminal: a piped report run prints one summary line.
"$bin" report --html "$work/r.html" 2>"$work/report-err"
has_escape "$work/report-err" && fail "report: escape codes on a piped stderr"
grep -q $'\r' "$work/report-err" && fail "report: progress redraws on a piped stderr"
echo "terminal conventions test passed"
