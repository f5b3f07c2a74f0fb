#!/usr/bin/env bash
# The sanitizer job: AddressSanitizer + UndefinedBehaviorSanitizer build (-DKMSACCESS_SANITIZE=ON,
# Debug, warnings as errors) with clang 14, then the whole ctest suite; any ASan, UBSan or leak
# report fails its test. Clang rather than GCC: its -O0 build is ~40% faster here (6 min on 2
# cores against ~10), its UBSan checks more, and the plain job already builds with GCC.
# The randomised property tests (core/metamorphic_test.cc, core/matrix_property_test.cc,
# core/compiled_path_property_test.cc) run KMSACCESS_TEST_SCALE (default here 0.1) of their cases:
# ASan makes each ~10x slower and the plain job (scripts/test.sh) runs them all.
# KMSACCESS_TEST_SCALE=1 runs them all here too. SANITIZE_CXX overrides the compiler (g++ works).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh clang-14 libclang-rt-14-dev llvm-14
build="${SANITIZE_BUILD_DIR:-build-asan}"
# shellcheck source=scripts/clang-tools.sh
. scripts/clang-tools.sh
cxx="${SANITIZE_CXX:-$(llvm14_tool clang++)}" ||
  { echo "sanitize: no clang++ (install clang-14)"; exit 1; }
symbolizer="$(llvm14_tool llvm-symbolizer || true)"
CXX="$cxx" cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKMSACCESS_SANITIZE=ON \
  -DKMSACCESS_WERROR=ON >/dev/null
cmake --build "$build" -j "${SANITIZE_JOBS:-2}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
if [ -n "$symbolizer" ]; then export ASAN_SYMBOLIZER_PATH="$symbolizer" UBSAN_SYMBOLIZER_PATH="$symbolizer"; fi
export KMSACCESS_TEST_SCALE="${KMSACCESS_TEST_SCALE:-0.1}"
# Tests labelled "slow" (none so far) are left to the plain job.
ctest --test-dir "$build" --output-on-failure -j2 -LE slow
