#pragma once

#include <memory>

#include "netlint/report/reporter.h"

namespace netlint::report {

std::unique_ptr<Reporter> MakeTextReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeJsonReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeConciseReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeSarifReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeGithubReporter(ReportOptions options);
std::unique_ptr<Reporter> MakeJunitReporter(ReportOptions options);

}  // namespace netlint::report
