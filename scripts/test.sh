#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds everything, runs every test, then
# the same tests again in a clang build under AddressSanitizer and UndefinedBehaviorSanitizer,
# and each fuzz target for a short time (scripts/sanitize.sh). NETLINT_QUICK=1 skips that half.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
# In CI (CI=true) with less debug information, line tables and functions only: a third faster
# to compile, and backtraces keep their lines.
debug_info=()
if [ "${CI:-}" = true ]; then
  debug_info=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG")
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${debug_info[@]}" >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
if [ "${NETLINT_QUICK:-0}" != 1 ]; then
  scripts/sanitize.sh
fi
