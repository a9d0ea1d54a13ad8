#pragma once

#include <memory>
#include <ostream>

#include "netlint/report/reporter.h"

namespace netlint::report {

std::unique_ptr<Reporter> MakeTextReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeJsonReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeConciseReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeSarifReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeGithubReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeJunitReporter(ReportOptions options);

// One finding as the text report prints it: its line, then its path and related lines.
void WriteTextFinding(const rules::Finding& finding, const FileTable& files,
                      const ReportOptions& options, std::ostream& out);

}  // namespace netlint::report
