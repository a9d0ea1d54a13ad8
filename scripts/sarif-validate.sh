#!/usr/bin/env bash
# Validates SARIF files with the OASIS 2.1.0 schema, Microsoft's SARIF multitool (SARIF and
# GitHub ingestion rules) and GitHub's upload limits (tests/sarif/validate.js). The tools are
# installed from the npm registry on first use into NETLINT_SARIF_TOOLS (default:
# ~/.cache/netlint-sarif-tools): @microsoft/sarif-multitool (a self-contained binary, no .NET
# needed), ajv, ajv-formats.
#
#   scripts/sarif-validate.sh FILE.sarif...    exit 0 valid, 1 invalid, 2 tools unusable
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${NETLINT_SARIF_TOOLS:-$HOME/.cache/netlint-sarif-tools}"
multitool="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "sarif-validate: node and npm are needed (scripts/install-deps.sh installs them)" >&2
  exit 2
fi
if [ ! -e "$multitool" ] || [ ! -d "$tools/node_modules/ajv-formats" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" \
    @microsoft/sarif-multitool@5 ajv@8 ajv-formats@3 >&2 ||
    { echo "sarif-validate: could not install the SARIF tools from the npm registry" >&2; exit 2; }
fi
[ -x "$multitool" ] || chmod u+x "$multitool"
NODE_PATH="$tools/node_modules" node tests/sarif/validate.js "$multitool" \
  tests/sarif/sarif-schema-2.1.0.json "$@"
