#!/usr/bin/env bash
# Quick start: installs what is missing, builds netlint, and checks the bundled example network.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target netlint -j"$(nproc)"

echo
echo "\$ build/netlint check examples/ecs-fargate-snapshot"
set +e
build/netlint check examples/ecs-fargate-snapshot
status=$?
set -e
echo
case "$status" in
  0) echo "netlint exited 0: no findings at or above --fail-on." ;;
  1) echo "netlint exited 1: the example network has findings (it is meant to; see examples/ecs-fargate-snapshot/README.md)." ;;
  *) echo "netlint exited $status: something is wrong with the build or the example." >&2; exit "$status" ;;
esac
