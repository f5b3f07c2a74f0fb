#!/usr/bin/env bash
# The sanitizer job: AddressSanitizer + UndefinedBehaviorSanitizer (GCC, -DKMSACCESS_SANITIZE=ON)
# build with warnings as errors, then the whole ctest suite; any ASan, UBSan or leak report fails
# its test. Budget: about 10 minutes on 2 cores (build ~7, tests ~3).
# The randomised property tests (core/metamorphic_test.cc, core/matrix_property_test.cc) run
# KMSACCESS_TEST_SCALE (default here 0.1) of their cases: ASan makes each ~10x slower, and the
# plain job (scripts/test.sh) runs them all. KMSACCESS_TEST_SCALE=1 runs them all here too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build="${SANITIZE_BUILD_DIR:-build-asan}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKMSACCESS_SANITIZE=ON -DKMSACCESS_WERROR=ON >/dev/null
cmake --build "$build" -j "${SANITIZE_JOBS:-2}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export KMSACCESS_TEST_SCALE="${KMSACCESS_TEST_SCALE:-0.1}"
# Tests labelled "slow" (none so far) are left to the plain job.
ctest --test-dir "$build" --output-on-failure -j2 -LE slow
