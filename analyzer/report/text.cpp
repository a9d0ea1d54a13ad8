// The report for people: findings grouped by file, one line each, then a summary. Colours only
// when asked for (the CLI asks when stdout is a terminal and NO_COLOR is unset).

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "analyzer/report/formats.h"
#include "netlint/report/reach_report.h"

namespace netlint::report {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kCyan = "\x1b[36m";

std::string Plural(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string Paint(const ReportOptions& options, std::string_view colour, std::string_view text) {
  if (!options.color) return std::string(text);
  return std::string(colour) + std::string(text) + std::string(kReset);
}

std::string_view SeverityColour(Severity severity) {
  switch (severity) {
    case Severity::kError: return kRed;
    case Severity::kWarning: return kYellow;
    case Severity::kNote: return kCyan;
  }
  return kReset;
}

std::string Position(const SourceRef& source) {
  if (source.line != 0) {
    return std::to_string(source.line) + ":" + std::to_string(source.column);
  }
  return source.pointer.empty() ? std::string("-") : "#" + source.pointer;
}

void WriteFindingLines(const rules::Finding& finding, const FileTable& files,
                       const ReportOptions& options, std::ostream& out) {
  std::ostringstream severity;
  severity << std::left << std::setw(7) << SeverityName(finding.severity);
  std::ostringstream position;
  position << std::left << std::setw(8) << Position(finding.source);
  std::string resource = finding.resource.empty() ? "" : finding.resource;
  if (!finding.resource_name.empty()) resource += " (" + finding.resource_name + ")";
  out << "  " << Paint(options, kDim, position.str()) << ' '
      << Paint(options, SeverityColour(finding.severity), severity.str()) << ' '
      << Paint(options, kBold, finding.rule) << "  " << resource << (resource.empty() ? "" : ": ")
      << finding.message << '\n';
  if (!finding.path.empty()) {
    out << "            " << Paint(options, kDim, "path: ") << PathSummary(finding.path) << '\n';
  }
  for (const rules::Related& related : finding.related) {
    std::string where;
    if (related.source.HasFile()) {
      where = DisplayPath(files.Path(related.source.file), options);
      if (related.source.line != 0) where += ":" + std::to_string(related.source.line);
    }
    out << "            " << Paint(options, kDim, "related: ") << related.resource << ' '
        << related.message << (where.empty() ? "" : " (" + where + ")") << '\n';
  }
}

class TextReporter final : public Reporter {
 public:
  explicit TextReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    std::string current_file;
    bool first = true;
    for (const rules::Finding& finding : result.findings) {
      const std::string file = finding.source.HasFile()
                                   ? DisplayPath(result.files.Path(finding.source.file), options_)
                                   : std::string("(no file)");
      if (first || file != current_file) {
        if (!first) out << '\n';
        out << Paint(options_, kBold, file) << '\n';
        current_file = file;
        first = false;
      }
      WriteFindingLines(finding, result.files, options_, out);
    }
    if (!result.findings.empty()) out << '\n';
    WriteSummary(result, out);
  }

 private:
  void WriteSummary(const engine::CheckResult& result, std::ostream& out) const {
    const auto& by = result.summary.by_severity;
    const std::size_t errors = by[static_cast<std::size_t>(Severity::kError)];
    const std::size_t warnings = by[static_cast<std::size_t>(Severity::kWarning)];
    const std::size_t notes = by[static_cast<std::size_t>(Severity::kNote)];
    if (result.findings.empty()) {
      out << "No findings";
    } else {
      out << Paint(options_, kBold, "Found " + Plural(result.findings.size(), "finding")) << " ("
          << Plural(errors, "error") << ", " << Plural(warnings, "warning") << ", "
          << Plural(notes, "note") << ")";
    }
    out << " in " << Plural(result.summary.files_recognised, "input file") << ", "
        << Plural(result.summary.resources, "resource") << ", "
        << Plural(result.summary.rules_run, "rule");
    const auto in_source = static_cast<std::size_t>(
        std::count_if(result.suppressed.begin(), result.suppressed.end(),
                      [](const engine::CheckResult::Suppressed& entry) { return entry.in_source; }));
    if (result.summary.suppressed > in_source) {
      out << "; " << result.summary.suppressed - in_source
          << " accepted by the configuration's ignores";
    }
    if (in_source > 0) out << "; " << in_source << " accepted by inline suppressions";
    if (result.summary.baselined > 0) {
      out << "; " << result.summary.baselined << " already in the baseline";
    }
    out << ".\n";
  }

  ReportOptions options_;
};

}  // namespace

void WriteTextFinding(const rules::Finding& finding, const FileTable& files,
                      const ReportOptions& options, std::ostream& out) {
  WriteFindingLines(finding, files, options, out);
}

std::unique_ptr<Reporter> MakeTextReporter(ReportOptions options) {
  return std::make_unique<TextReporter>(std::move(options));
}

}  // namespace netlint::report
