#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz and runs each one for
# FUZZ_SECONDS (default 60) on its seed corpus, FUZZ_PARALLEL (default 2) targets at a time, one
# core each. Fails on any crash, leak, timeout or UB report; the offending input is copied to
# fuzz/regressions/<target>/ for core/fuzz_regression_test.cc (and printed in base64, so a CI log
# is enough to recover it). Ends with a table of executions, exec/s, cov, ft and corpus size.
#   FUZZ_SECONDS=30 scripts/fuzz.sh            # every target (CI)
#   scripts/fuzz.sh fuzz_json fuzz_policy      # some targets
# Installs clang 14, its sanitizer/libFuzzer runtime and llvm-symbolizer through scripts/setup.sh.
# Debian 12 names the compiler clang++-14 (clang++ only with the 'clang' package); FUZZ_CXX
# overrides the choice.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh clang-14 libclang-rt-14-dev llvm-14
seconds="${FUZZ_SECONDS:-60}"
build="${FUZZ_BUILD_DIR:-build-fuzz}"
jobs="${FUZZ_JOBS:-2}"
parallel="${FUZZ_PARALLEL:-2}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_json fuzz_policy fuzz_manifest fuzz_aws_cli fuzz_iac fuzz_condition fuzz_pipeline)
fi

# shellcheck source=scripts/clang-tools.sh
. scripts/clang-tools.sh
cxx="${FUZZ_CXX:-$(llvm14_tool clang++)}" ||
  { echo "fuzz: no clang++ (install clang-14)"; exit 1; }
symbolizer="$(llvm14_tool llvm-symbolizer || true)"

CXX="$cxx" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKMSACCESS_FUZZ=ON -DKMSACCESS_SANITIZE=ON -DKMSACCESS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
if [ -n "$symbolizer" ]; then export ASAN_SYMBOLIZER_PATH="$symbolizer" UBSAN_SYMBOLIZER_PATH="$symbolizer"; fi

run_target() {  # target: runs it, leaves its log and exit status in the build folder
  local name="${1#fuzz_}"
  local work="$build/fuzz-work/$name" artifacts="$build/fuzz-artifacts/$name/"
  rm -rf "$work" "$artifacts"
  mkdir -p "$work" "$artifacts"
  local dict=()
  case "$name" in json|policy|manifest|aws_cli|iac|pipeline) dict=(-dict=fuzz/iam.dict) ;; esac
  # New inputs go to a scratch folder; the committed corpus stays a few dozen small files.
  local rc=0
  "$build/fuzz/$1" "$work" "fuzz/corpus/$name" "${dict[@]}" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts" >"$build/fuzz-$name.log" 2>&1 || rc=$?
  echo "$rc" >"$build/fuzz-$name.rc"
}

echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $parallel at a time"
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$target" &
  running=$((running + 1))
done
wait

status=0
summary=()
for target in "${targets[@]}"; do
  name="${target#fuzz_}"
  log="$build/fuzz-$name.log"
  if [ "$(cat "$build/fuzz-$name.rc" 2>/dev/null || echo 1)" != 0 ]; then
    status=1
    echo "FAILED: $target (log: $log)"
    grep -E "^==[0-9]+== ?ERROR|runtime error:|invariant broken|SUMMARY:|ALARM|out-of-memory" "$log" | head -5 || true
    mkdir -p "fuzz/regressions/$name"
    for f in "$build/fuzz-artifacts/$name/"*; do
      [ -f "$f" ] || continue
      cp "$f" "fuzz/regressions/$name/"
      echo "  saved fuzz/regressions/$name/$(basename "$f"); base64:"
      head -c 4096 "$f" | base64 | sed 's/^/    /'
    done
  fi
  # "#N DONE cov: C ft: F corp: U/S lim: L exec/s: E rss: R" (or the last status line).
  last="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)"
  execs="$(sed -nE 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -nE 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")"
  corp="$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$last")"
  summary+=("$(printf '%-15s %12s %8s %7s %7s %12s' "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")")
done
echo
printf '%-15s %12s %8s %7s %7s %12s\n' target executions exec/s cov ft corpus
printf '%s\n' "${summary[@]}"
exit $status
