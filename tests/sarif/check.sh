#!/usr/bin/env bash
# SARIF from every input kind netlint reads, validated by scripts/sarif-validate.sh: a describe
# snapshot (the bundled example), a Batfish snapshot, path findings with code flows (ECS001
# fixtures), CloudFormation templates (nested stacks), Terraform plans located in their .tf files, findings about unreadable input (IN001), suppressed results (configuration and
# inline), policy findings in the configuration file, and the new findings of `netlint diff`.
#
#   tests/sarif/check.sh NETLINT_BINARY
set -euo pipefail
cd "$(dirname "$0")/../.."
netlint="$1"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {
  local name="$1"
  shift
  # Exit 1 means findings, which these inputs have on purpose; 2 is a failure.
  "$netlint" check "$@" --format sarif --output "$out/$name.sarif" || [ $? -eq 1 ]
  [ -s "$out/$name.sarif" ] || { echo "no SARIF written for $name" >&2; exit 1; }
}
run example examples/ecs-fargate-snapshot
run batfish fixtures/corpus/batfish-test-nat-gateway
run paths fixtures/rules/ECS001 fixtures/rules/LB003 fixtures/rules/REACH001
run templates fixtures/cfn/stacks/nested fixtures/rules/SG001/bad-cfn.yaml
run terraform fixtures/terraform/located fixtures/rules/SG001/bad-plan-module-variable.json
run unreadable fixtures/rules/IN001
run suppressed examples/ecs-fargate-snapshot --config fixtures/config/netlint.yaml
run inline fixtures/suppressions
run policies fixtures/rules/POL001/bad-public-database.json \
  --config fixtures/rules/POL001/bad-public-database.netlint.yaml
"$netlint" diff fixtures/diff/ssh-to-world-cfn/base fixtures/diff/ssh-to-world-cfn/head \
  --no-config --format sarif --output "$out/diff.sarif" || [ $? -eq 1 ]
[ -s "$out/diff.sarif" ] || { echo "no SARIF written for diff" >&2; exit 1; }
"$netlint" diff fixtures/diff/nat-route-removed-describe/base \
  fixtures/diff/nat-route-removed-describe/head --no-config --format sarif \
  --output "$out/diff-paths.sarif" || [ $? -eq 1 ]
[ -s "$out/diff-paths.sarif" ] || { echo "no SARIF written for diff-paths" >&2; exit 1; }
scripts/sarif-validate.sh "$out"/*.sarif
