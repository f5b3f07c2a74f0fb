#!/usr/bin/env bash
# Sets up, builds and prints the access matrix of the bundled seed example (testdata/cmk-example).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKMSACCESS_BUILD_TESTS=OFF >/dev/null
cmake --build build --target kmsaccess
./build/cli/kmsaccess matrix -m testdata/cmk-example/kmsaccess.yaml
