#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over the project's library and command sources (core/, rules/,
# cli/; tests and bench/ are left out to keep the job near 6 minutes on 2 cores) with the
# compile database of build-tidy, two files at a time. Fails on findings that are not in
# .clang-tidy-baseline, so only new ones break CI. `scripts/ci-tidy.sh --update-baseline`
# rewrites the baseline. Findings are keyed as "file: check: message" without line numbers, so
# moving code is free. TIDY_FILES="a.cc b.cc" checks only those files (a quick local run).
# Installs clang-tidy 14 through scripts/setup.sh; Debian 12 names it clang-tidy-14 (plain
# clang-tidy only with the 'clang-tidy' package); CLANG_TIDY overrides the choice.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh clang-tidy-14
build="${TIDY_BUILD_DIR:-build-tidy}"
# shellcheck source=scripts/clang-tools.sh
. scripts/clang-tools.sh
tidy="${CLANG_TIDY:-$(llvm14_tool clang-tidy)}" || { echo "clang-tidy: not found (install clang-tidy-14)"; exit 1; }
cmake -S . -B "$build" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
# Generated headers (the action table, the report template) must exist before analysis; nothing
# else needs building.
cmake --build "$build" --target core/generated/kms_action_table.inc cli/generated/cli/report_template.h >/dev/null
out="$build/tidy.txt"
if [ -n "${TIDY_FILES:-}" ]; then
  # shellcheck disable=SC2086
  printf '%s\n' $TIDY_FILES
else
  git ls-files 'core/*.cc' 'rules/*.cc' 'cli/*.cc' | grep -v -e '_test\.cc$' -e '/test_main\.cc$'
fi > "$build/tidy-files.txt"
# The compile database may carry GCC-only flags (-Wno-restrict); clang must not count them.
xargs -P "${TIDY_JOBS:-2}" -n 1 "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option \
  < "$build/tidy-files.txt" 2>/dev/null >"$out" || true
# "path:line:col: warning: message [check]" -> "path: check: message", sorted, unique.
# ('#' delimits the sed expressions: the pattern itself holds '|'.)
root="$(pwd)/"
{ grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$out" || true; } |
  sed -E "s#^${root}##; s#^([^:]+):[0-9]+:[0-9]+: (warning|error): (.*) \[([^]]+)\]\$#\1: \4: \3#" |
  LC_ALL=C sort -u >"$build/tidy-findings.txt"
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
echo "clang-tidy: no new findings ($(wc -l <"$build/tidy-findings.txt") findings, all in the baseline)"
