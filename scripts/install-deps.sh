#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages netlint needs to build and test, when they are missing.
# Safe to run again: it only calls apt-get for packages that are not installed. With --test, also
# what the test suite needs; with --bench, also Google Benchmark for bench/ (the quick start and
# the tests never need it).
set -euo pipefail

packages=(
  g++ cmake make
  nlohmann-json3-dev libyaml-cpp-dev libboost-graph-dev libcli11-dev libgtest-dev
)
# The test suite validates SARIF with Microsoft's multitool and ajv, fetched from the npm
# registry by scripts/sarif-validate.sh: it needs Node.js.
# Node.js may come from elsewhere (NodeSource packages bundle npm and conflict with Debian's):
# only commands that are missing are installed.
# The sanitizer build and the fuzz targets (--test, --fuzz) are built with clang and its
# libFuzzer runtime. Debian 12 packages the sanitizer and libFuzzer runtimes apart; older
# Ubuntus ship them with clang itself and have no such package.
want_clang() {
  packages+=(clang)
  if apt-cache show libclang-rt-dev >/dev/null 2>&1; then packages+=(libclang-rt-dev); fi
}
for option in "$@"; do
  case "$option" in
    --test)
      want_clang
      if ! { command -v node >/dev/null && command -v npm >/dev/null; }; then
        packages+=(nodejs npm)
      fi
      ;;
    --fuzz) want_clang ;;
    --bench) packages+=(libbenchmark-dev) ;;
    *) echo "usage: scripts/install-deps.sh [--test] [--fuzz] [--bench]" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "netlint: installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "netlint: need root (or sudo) to install: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
