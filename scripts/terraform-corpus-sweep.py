#!/usr/bin/env python3
"""Runs netlint on every Terraform plan (or state) of a corpus of third-party plans and
compares its findings with the offenders other tools' authors documented for them.

    scripts/terraform-corpus-sweep.py CORPUS_DIR [--netlint build/netlint] [--markdown]

CORPUS_DIR holds terraform-compliance/ and checkov/ folders as the peers publish them (their
tests' plan JSON). Not a test of the project: the corpus is not part of it. Prints one line per
plan (loaded, or the precise message it failed with; findings per rule) and the agreement
table; --markdown prints the tables of docs/terraform-peer-agreement.md.
"""

import argparse
import collections
import json
import os
import subprocess
import sys

# Peer expectations a netlint rule can be compared with: (peer folder, plan, peer rule,
# what the peer checks, netlint code, expected offenders as netlint names them (the group a
# standalone rule joins), and why a difference is expected, when it is).
EXPECTATIONS = [
    ("terraform-compliance", "tests/functional/test_multiple_failures/plan.out.json",
     "must not have tcp/80 for 0.0.0.0/0", "SG004",
     {"aws_security_group.failure", "aws_security_group.another_failure"}, ""),
    ("terraform-compliance", "tests/functional/test_issue_400/plan.out.json",
     "no 0.0.0.0/0 ingress to port 22 (aws_security_group_rule)", "SG001",
     {"aws_security_group_rule.example_rule_22"},
     "netlint reports example_rule_22 too (its group, sg-123456, is outside the plan, so the rule "
     "is judged on its own), and example_rule_3389 (tcp 0-3389 from 0.0.0.0/0 opens port 22 as "
     "well: the peer's scenario only selects rules whose to_port is exactly 22) and "
     "example_group_3389 (RDP, also an administration port for SG001)"),
    ("checkov", "tests/common/runner_registry/plan_with_for_each_for_enrichment/tf_plan.json",
     "CKV_AWS_277 ingress from 0.0.0.0/0 to all ports", "SG003",
     {'module.sg["bad_example"].aws_security_group.bad',
      'module.sg["terrible_example"].aws_security_group.bad',
      'module.sg["awful_example"].aws_security_group.bad'}, ""),
]


def is_plan(path):
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        head = head.decode("utf-16", errors="ignore").encode()
    return b"format_version" in head or b"planned_values" in head or b"terraform_version" in head


def run(netlint, path):
    done = subprocess.run([netlint, "check", path, "--format", "json", "--no-config"],
                          capture_output=True, text=True)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None, done.returncode, done.stderr.strip()
    return report, done.returncode, done.stderr.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--netlint", default=os.path.join(os.path.dirname(__file__), "..", "build", "netlint"))
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    plans = []
    for peer in ("terraform-compliance", "checkov"):
        for root, _, files in os.walk(os.path.join(args.corpus, peer)):
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.endswith(".json") and name != "expected_results.json" and is_plan(path):
                    plans.append(path)
    plans.sort()
    loads = []
    reports = {}
    for path in plans:
        report, code, stderr = run(args.netlint, path)
        relative = os.path.relpath(path, args.corpus)
        if report is None:
            loads.append((relative, "CRASH or no JSON (exit %d): %s" % (code, stderr[:200]), {}, []))
            continue
        reports[relative] = report
        summary = report["summary"]
        per_rule = collections.Counter(f["rule"] for f in report["findings"])
        problems = [f"{f['rule']} {f['severity']}: {f.get('resource') or ''} {f['message']}"
                    for f in report["findings"] if f["rule"].startswith("IN") and f["severity"] == "error"]
        status = "loaded" if summary["files_recognised"] == 1 and not problems else "NOT LOADED"
        loads.append((relative, f"{status}, {summary['resources']} resources", per_rule, problems))
    if args.markdown:
        print("| plan | result | findings per rule |")
        print("|---|---|---|")
    for relative, status, per_rule, problems in loads:
        rules = ", ".join(f"{code} {n}" for code, n in sorted(per_rule.items()))
        if args.markdown:
            print(f"| {relative} | {status} | {rules or '—'} |")
        else:
            print(f"{relative}: {status}; {rules or 'no findings'}")
            for problem in problems:
                print(f"    {problem}")
    print()
    if args.markdown:
        print("| peer rule | netlint | plan | peer's expected offenders | netlint's | agreement |")
        print("|---|---|---|---|---|---|")
    for peer, plan, peer_rule, code, expected, reason in EXPECTATIONS:
        relative = os.path.join(peer, plan)
        report = reports.get(relative)
        found = set() if report is None else {f["resource"] for f in report["findings"] if f["rule"] == code}
        verdict = "agree" if found == expected else "DISAGREE" + (f" ({reason})" if reason else "")
        if args.markdown:
            print(f"| {peer}: {peer_rule} | {code} | {plan} | {', '.join(sorted(expected))} | "
                  f"{', '.join(sorted(found)) or '—'} | {verdict} |")
        else:
            print(f"{peer} {peer_rule} vs {code} on {plan}: {verdict}")
            print(f"    expected {sorted(expected)}")
            print(f"    netlint  {sorted(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
