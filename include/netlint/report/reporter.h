#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "netlint/base/severity.h"
#include "netlint/engine/engine.h"

namespace netlint::report {

enum class OutputFormat { kText, kJson, kConcise, kSarif, kGithub, kJunit };
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

struct ReportOptions {
  bool color = false;                     // ANSI colours (text format only)
  Severity fail_on = Severity::kWarning;  // recorded in the summary
  // When set, file paths are printed relative to this folder (golden tests use it).
  std::string relative_to;
  // SARIF: the most results one run may hold. GitHub code scanning rejects a run with more than
  // 25,000 results; beyond the cap the most severe are kept and the run says how many were left.
  std::size_t max_sarif_results = 25000;
};

// Formats findings. Reporters see only the check result (findings, files, summary), never the
// model, so every input kind reports the same way.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void Write(const engine::CheckResult& result, std::ostream& out) const = 0;
};

std::unique_ptr<Reporter> MakeReporter(OutputFormat format, ReportOptions options);

// The path printed for a file under the options (relative_to applied).
std::string DisplayPath(const std::string& path, const ReportOptions& options);

// How many results (findings and suppressed findings) a SARIF report under `options` leaves out
// for its cap; 0 when all fit.
std::size_t SarifResultsLeftOut(const engine::CheckResult& result, const ReportOptions& options);

// Whether any finding is at or above `fail_on`.
bool HasFailures(const engine::CheckResult& result, Severity fail_on);

}  // namespace netlint::report
