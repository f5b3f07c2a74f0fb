#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over the project's .cc files with the compile database of
# build-tidy, two files at a time. Fails on findings that are not in .clang-tidy-baseline, so
# only new ones break CI. `scripts/ci-tidy.sh --update-baseline` rewrites the baseline.
# Findings are keyed as "file: check: message" without line numbers, so moving code is free.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${TIDY_BUILD_DIR:-build-tidy}"
tidy="${CLANG_TIDY:-clang-tidy}"
cmake -S . -B "$build" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
# Generated headers (the action table, the report template) must exist before analysis.
cmake --build "$build" --target kmsaccess_core kmsaccess_cli >/dev/null
out="$build/tidy.txt"
git ls-files 'core/*.cc' 'rules/*.cc' 'cli/*.cc' 'bench/*.cc' |
  xargs -P "${TIDY_JOBS:-2}" -n 4 "$tidy" -p "$build" --quiet 2>/dev/null >"$out" || true
# "path:line:col: warning: message [check]" -> "path: check: message", sorted, unique.
root="$(pwd)/"
grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$out" |
  sed -E "s|^${root}||; s|^([^:]+):[0-9]+:[0-9]+: (warning|error): (.*) \[([^]]+)\]$|\1: \4: \3|" |
  LC_ALL=C sort -u >"$build/tidy-findings.txt" || true
if [ "${1:-}" = "--update-baseline" ]; then
  cp "$build/tidy-findings.txt" .clang-tidy-baseline
  echo "baseline: $(wc -l <.clang-tidy-baseline) findings"
  exit 0
fi
new="$(LC_ALL=C comm -23 "$build/tidy-findings.txt" <(cat .clang-tidy-baseline 2>/dev/null | LC_ALL=C sort -u))"
if [ -n "$new" ]; then
  echo "clang-tidy: new findings (fix them, or justify and run scripts/ci-tidy.sh --update-baseline):"
  echo "$new"
  exit 1
fi
echo "clang-tidy: no new findings ($(wc -l <"$build/tidy-findings.txt") in the baseline)"
