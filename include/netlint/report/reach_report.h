#pragma once

#include <ostream>
#include <vector>

#include "netlint/base/source.h"
#include "netlint/reach/reach.h"
#include "netlint/report/reporter.h"

namespace netlint::report {

// `netlint reach` output: the verdict, each path hop by hop with the setting that let the flow
// through or stopped it, and the list of blocking settings to change.
void WriteAnswersText(const std::vector<reach::Answer>& answers, const FileTable& files,
                      const ReportOptions& options, std::ostream& out);
// The same as JSON: {"version", "answers": [{"from", "to", "flow", "verdict", "notes",
// "paths": [{"verdict", "via", "hops": [{"node", "kind", "label", "checks": [...]}]}]}]}.
void WriteAnswersJson(const std::vector<reach::Answer>& answers, const FileTable& files,
                      const ReportOptions& options, std::ostream& out);

// "reachable", "blocked", "unknown": the tokens of the JSON outputs.
std::string_view VerdictToken(reach::Verdict verdict);
// One path as an arrow list, "eni-0a -> subnet-0b -> nat-0c -> internet".
std::string PathSummary(const std::vector<reach::Hop>& hops);

}  // namespace netlint::report
