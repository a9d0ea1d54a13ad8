#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds everything, runs every test, then
# the same tests again in a clang build under AddressSanitizer and UndefinedBehaviorSanitizer,
# and each fuzz target for a short time (scripts/sanitize.sh). NETLINT_QUICK=1 skips that half.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
if [ "${NETLINT_QUICK:-0}" != 1 ]; then
  scripts/sanitize.sh
fi
