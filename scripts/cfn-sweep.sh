#!/usr/bin/env bash
# Runs netlint on every CloudFormation template under a folder, one template at a time, and
# lists what went wrong: crashes (signals, internal errors) and input problems (IN001-IN004).
# A local check against a corpus of real templates; not part of the test suite.
#   scripts/cfn-sweep.sh NETLINT_BINARY CORPUS_FOLDER [OUT_FOLDER]
set -u
netlint=${1:?netlint binary}
corpus=${2:?folder of templates}
out=${3:-$(mktemp -d)}
mkdir -p "$out"
templates=0 crashes=0 with_problems=0
while IFS= read -r -d '' file; do
  # Only templates: JSON or YAML that names AWS resource types.
  grep -qE 'AWSTemplateFormatVersion|Type"?[[:space:]]*:[[:space:]]*"?AWS::' "$file" || continue
  templates=$((templates + 1))
  "$netlint" check "$file" --no-config --format concise --fail-on error --select=IN \
    >"$out/run.out" 2>"$out/run.err"
  status=$?
  if [ "$status" -ge 2 ] || grep -q "internal error\|IN002" "$out/run.out" "$out/run.err"; then
    crashes=$((crashes + 1))
    echo "CRASH($status) $file"
    sed 's/^/    /' "$out/run.err" | head -5
  fi
  if [ -s "$out/run.out" ]; then
    with_problems=$((with_problems + 1))
    sed 's/^/  /' "$out/run.out"
  fi
done < <(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) -print0 | sort -z)
echo "templates: $templates, crashed: $crashes, with input problems: $with_problems"
