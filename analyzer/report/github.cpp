// GitHub Actions workflow commands (`::error file=...,line=...::message`): annotations on the
// pull request's changed files, no upload step needed.

#include "analyzer/report/formats.h"

namespace netlint::report {
namespace {

// Workflow commands know error, warning and notice.
std::string_view Level(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "notice";
  }
  return "warning";
}

// GitHub Actions workflow commands: one annotation per finding, shown on the pull request.
std::string EscapeData(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view text) {
  std::string out = EscapeData(text);
  std::string escaped;
  for (char c : out) {
    if (c == ':') {
      escaped += "%3A";
    } else if (c == ',') {
      escaped += "%2C";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

class GithubReporter final : public Reporter {
 public:
  explicit GithubReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    for (const rules::Finding& finding : result.findings) {
      out << "::" << Level(finding.severity);
      std::string properties;
      if (finding.source.HasFile()) {
        properties += "file=" + EscapeProperty(DisplayPath(result.files.Path(finding.source.file),
                                                           options_));
        if (finding.source.line != 0) {
          properties += ",line=" + std::to_string(finding.source.line);
          if (finding.source.column != 0) {
            properties += ",col=" + std::to_string(finding.source.column);
          }
        }
        properties += ",";
      }
      properties += "title=" + EscapeProperty(finding.rule);
      out << ' ' << properties << "::";
      std::string text = finding.resource.empty() ? std::string() : finding.resource + ": ";
      out << EscapeData(text + finding.message) << '\n';
    }
  }

 private:
  ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> MakeGithubReporter(ReportOptions options) {
  return std::make_unique<GithubReporter>(std::move(options));
}

}  // namespace netlint::report
