#!/usr/bin/env python3
"""Compares netlint with the expected results of cfn_nag's and checkov's CloudFormation fixtures.

A local check against a copy of their test fixtures (not part of the test suite):
    scripts/cfn-peer-agreement.py NETLINT_BINARY CORPUS_FOLDER > table.md
CORPUS_FOLDER holds cfn_nag/ (spec/test_templates + expected_results.json) and checkov/
(tests/cloudformation + expected_results.json). Prints one Markdown row per fixture case:
peer rule, netlint rules, fixture, the peer's offenders, netlint's, and whether they agree.
An offender is the logical id of the resource a finding points at (a standalone ingress
resource, not the group it adds to), as the peers report them.
"""
import json
import pathlib
import re
import subprocess
import sys

# Peer rule -> netlint rules that judge the same thing (rules-catalog.md), or None.
NAG = {
    "W2": ["SG001", "SG002", "SG003", "SG004"],
    "W5": ["SG006"],
    "W40": ["SG006"],
    "F1000": ["SG006"],
    "W42": ["SG003"],
    "W9": ["SG005"],
    "W66": ["NACL002"],
    "W67": ["NACL002"],
    "F79": ["NACL004"],
    "W71": ["NACL004"],
    "W72": ["NACL004"],
}
# NACL004 covers several peer rules: which of its findings answer which.
MESSAGE = {
    "F79": r"is used by two",
    "W72": r"never matches",
    "W71": r"never matches",
}
CHECKOV = {
    "CKV_AWS_24": (["SG001", "SG003"], "22"),
    "CKV_AWS_25": (["SG001", "SG003"], "3389"),
    "CKV_AWS_260": (["SG003", "SG004"], "80"),
}


def offenders(netlint, root, templates, codes, port=None, message=None):
    """Logical ids netlint's `codes` point at in `templates` (a parameters file is passed on)."""
    paths = [t for t in templates if not t.endswith("bad_cidr.json")]
    args = [netlint, "check", *paths, "--no-config", "--format", "json",
            "--select=" + ",".join(codes), "--preview"]
    for t in templates:
        if t.endswith("bad_cidr.json"):
            args += ["--parameters", t]
    run = subprocess.run(args, cwd=root, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        return None, run.stderr.strip()
    ids, places = set(), set()
    for finding in json.loads(run.stdout)["findings"]:
        if message and not re.search(message, finding["message"]):
            continue
        if port and not re.search(r"(/%s\b|all traffic|all ports|every)" % port, finding["message"]):
            if not re.search(r"\d+-\d+", finding["message"]):
                continue
        pointer = finding["location"].get("pointer", "")
        match = re.match(r"/Resources/([^/]+)", pointer)
        # The group a rule opens, and the resource that declares the rule (a standalone
        # ingress): peers name one or the other.
        ids.add(finding["resource"])
        places.add(match.group(1) if match else finding["resource"])
    return (ids, places), ""


def main():
    netlint = str(pathlib.Path(sys.argv[1]).resolve())
    corpus = pathlib.Path(sys.argv[2])
    rows = []
    nag = json.loads((corpus / "cfn_nag/expected_results.json").read_text())
    nag_root = corpus / "cfn_nag/spec/test_templates"
    for name, rule in nag["rules"].items():
        peer = rule["rule_id"]
        for case in rule["cases"]:
            expected = set(case["expected_offending_logical_ids"][0]) if case[
                "expected_offending_logical_ids"] else set()
            if case.get("violation_check") is not None:
                expected = {"(some)"} if "not nil" in case["violation_check"][0] else set()
            fixture = " + ".join(case["templates"])
            codes = NAG.get(peer)
            if codes is None:
                rows.append((peer, "-", fixture, expected, None, "no counterpart"))
                continue
            both, error = offenders(netlint, nag_root, case["templates"], codes,
                                    message=MESSAGE.get(peer))
            if both is None:
                rows.append((peer, ",".join(codes), fixture, expected, set(), "error: " + error))
                continue
            found, places = both
            if expected == {"(some)"}:
                verdict = "agree" if found else "DISAGREE"
            else:
                verdict = "agree" if expected in (found, places, found | places) else "DISAGREE"
            shown = places if places != found else found
            rows.append((peer, ",".join(codes), fixture, expected, shown, verdict))
    checkov = json.loads((corpus / "checkov/expected_results.json").read_text())
    for name, check in checkov["cloudformation_resource_checks"].items():
        peer = check["check_id"]
        folder = corpus / "checkov" / check["fixture_dir"]
        for template in sorted(folder.glob("*.y*ml")):
            outcome = "FAILED" if "FAILED" in template.name else (
                "UNKNOWN" if "UNKNOWN" in template.name else "PASSED")
            fixture = template.name
            if peer not in CHECKOV:
                rows.append((peer, "-", fixture, {outcome}, None, "no counterpart"))
                continue
            codes, port = CHECKOV[peer]
            both, error = offenders(netlint, folder, [template.name], codes, port)
            found = both[0] if both else set()
            flagged = bool(found)
            verdict = "agree" if flagged == (outcome == "FAILED") else "DISAGREE"
            rows.append((peer, ",".join(codes), fixture, {outcome}, found, verdict))
    print("| peer rule | netlint | fixture | peer's offenders | netlint's | verdict |")
    print("|---|---|---|---|---|---|")
    for peer, codes, fixture, expected, found, verdict in rows:
        show = lambda ids: ", ".join(sorted(ids)) if ids else "none"
        print(f"| {peer} | {codes} | {fixture} | {show(expected)} | "
              f"{'-' if found is None else show(found)} | {verdict} |")


if __name__ == "__main__":
    main()
