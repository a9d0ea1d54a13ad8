#include "netlint/report/reporter.h"

#include <algorithm>
#include <filesystem>

#include "analyzer/report/formats.h"

namespace netlint::report {

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "concise") return OutputFormat::kConcise;
  if (name == "sarif") return OutputFormat::kSarif;
  if (name == "github") return OutputFormat::kGithub;
  if (name == "junit") return OutputFormat::kJunit;
  return std::nullopt;
}

std::unique_ptr<Reporter> MakeReporter(OutputFormat format, ReportOptions options) {
  switch (format) {
    case OutputFormat::kText:
      return MakeTextReporter(std::move(options));
    case OutputFormat::kJson:
      return MakeJsonReporter(std::move(options));
    case OutputFormat::kConcise:
      return MakeConciseReporter(std::move(options));
    case OutputFormat::kSarif:
      return MakeSarifReporter(std::move(options));
    case OutputFormat::kGithub:
      return MakeGithubReporter(std::move(options));
    case OutputFormat::kJunit:
      return MakeJunitReporter(std::move(options));
  }
  return MakeTextReporter(std::move(options));
}

std::string DisplayPath(const std::string& path, const ReportOptions& options) {
  if (options.relative_to.empty()) return path;
  std::error_code ec;
  const std::filesystem::path relative = std::filesystem::relative(
      std::filesystem::absolute(path, ec), std::filesystem::absolute(options.relative_to, ec),
      ec);
  return ec || relative.empty() ? path : relative.generic_string();
}

bool HasFailures(const engine::CheckResult& result, Severity fail_on) {
  return std::any_of(result.findings.begin(), result.findings.end(),
                     [&](const rules::Finding& finding) { return finding.severity >= fail_on; });
}

}  // namespace netlint::report
