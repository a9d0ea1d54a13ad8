#pragma once

// Reports of `netlint diff` and `netlint check --git-base`.

#include <optional>
#include <ostream>
#include <string_view>

#include "netlint/base/severity.h"
#include "netlint/diff/diff.h"
#include "netlint/report/reporter.h"

namespace netlint::report {

enum class DiffFormat { kText, kJson, kSarif, kMarkdown };
std::optional<DiffFormat> ParseDiffFormat(std::string_view name);

// text: new and fixed findings as the check prints them, then opened and closed flows, one line
//   each with the path underneath, then a summary line.
// json: {"fixed": [finding], "flows": {"closed": [flow], "opened": [flow]}, "new": [finding],
//   "unchanged": N}; a finding as `netlint check --format json` writes it, a flow as
//   {"from", "ports", "protocol", "to", "trace"} with trace in the shape of a finding's "path".
// sarif: the new findings and the opened flows (REACH005), located in head (what a
// code-scanning upload should flag).
// markdown: a summary for a pull-request comment.
void WriteDiff(const diff::DiffResult& result, DiffFormat format, const ReportOptions& options,
               std::ostream& out);

// A flow's ports as text: "22", "80,443", "1024-65535"; empty for protocols without ports.
std::string PortsText(const model::PortSet& ports);

// How much an opened flow matters, for --fail-on: a flow from the internet is an error, any
// other opened flow a note (a change usually opens flows on purpose; the internet is where
// reviewers want to look twice). Closed flows do not count: they show up as findings when a
// workload loses a path it needs. A severity the configuration gives REACH005 replaces both.
Severity OpenedFlowSeverity(const diff::DiffResult& result, const diff::Flow& flow);

// Whether the change introduces anything at or above `fail_on`: a new finding or an opened flow.
bool DiffHasFailures(const diff::DiffResult& result, Severity fail_on);

// A check result holding only what the change introduces, in head's files: the new findings
// and, as REACH005 findings, the opened flows (each at the last setting of its path that lets it
// through, with the path). What `check --git-base` and the diff's SARIF report.
engine::CheckResult IntroducedFindings(const diff::DiffResult& result);


}  // namespace netlint::report
