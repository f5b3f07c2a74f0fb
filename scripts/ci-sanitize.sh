#!/usr/bin/env bash
# The sanitizer job: AddressSanitizer + UndefinedBehaviorSanitizer build with warnings as
# errors, then the whole ctest suite. Budget: under 25 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${SANITIZE_BUILD_DIR:-build-asan}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKMSACCESS_SANITIZE=ON -DKMSACCESS_WERROR=ON >/dev/null
cmake --build "$build" -j "${SANITIZE_JOBS:-2}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
# Tests labelled "slow" (none so far) are left to the plain job.
ctest --test-dir "$build" --output-on-failure -j2 -LE slow
