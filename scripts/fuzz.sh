#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz and runs each one for
# FUZZ_SECONDS (default 60) on its seed corpus. Fails on any crash, leak, timeout or UB report;
# the offending input is copied to fuzz/regressions/<target>/ for core/fuzz_regression_test.cc.
#   FUZZ_SECONDS=30 scripts/fuzz.sh            # every target
#   scripts/fuzz.sh fuzz_json fuzz_policy      # some targets
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
build="${FUZZ_BUILD_DIR:-build-fuzz}"
jobs="${FUZZ_JOBS:-2}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_json fuzz_policy fuzz_manifest fuzz_aws_cli fuzz_iac fuzz_condition fuzz_pipeline)
fi

CXX="${CXX:-clang++}" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKMSACCESS_FUZZ=ON -DKMSACCESS_SANITIZE=ON -DKMSACCESS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
status=0
for target in "${targets[@]}"; do
  name="${target#fuzz_}"
  work="$build/fuzz-work/$name"
  artifacts="$build/fuzz-artifacts/$name/"
  rm -rf "$work" "$artifacts"
  mkdir -p "$work" "$artifacts"
  dict=()
  case "$name" in json|policy|manifest|aws_cli|iac|pipeline) dict=(-dict=fuzz/iam.dict) ;; esac
  echo "== $target: ${seconds}s"
  # New inputs go to a scratch folder; the committed corpus stays a few dozen small files.
  if ! "$build/fuzz/$target" "$work" "fuzz/corpus/$name" "${dict[@]}" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$artifacts" 2>"$build/fuzz-$name.log"; then
    status=1
    echo "FAILED: $target (log: $build/fuzz-$name.log)"
    mkdir -p "fuzz/regressions/$name"
    for f in "$artifacts"*; do
      [ -f "$f" ] && cp "$f" "fuzz/regressions/$name/" && echo "  saved fuzz/regressions/$name/$(basename "$f")"
    done
  fi
  grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec" "$build/fuzz-$name.log" || true
done
exit $status
