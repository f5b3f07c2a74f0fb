#!/usr/bin/env bash
# Sets up, builds with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh chromium dpkg-dev python3-jsonschema
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKMSACCESS_WERROR=ON ${KMSACCESS_CMAKE_ARGS:-} >/dev/null
cmake --build build-test
ctest --test-dir build-test --output-on-failure -j2
