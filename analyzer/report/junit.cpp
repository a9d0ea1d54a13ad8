// JUnit XML for CI systems that show test reports (GitLab, Jenkins).

#include <map>
#include <vector>

#include "analyzer/report/formats.h"

namespace netlint::report {
namespace {

std::string Xml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

// One test case per rule that ran, failing with one failure element per finding at or above
// --fail-on.
class JunitReporter final : public Reporter {
 public:
  explicit JunitReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    std::map<std::string, std::vector<const rules::Finding*>, std::less<>> by_rule;
    for (const auto& [code, seconds] : result.timings.per_rule) {
      (void)seconds;
      by_rule[code];
    }
    for (const rules::Finding& finding : result.findings) {
      if (finding.severity >= options_.fail_on) by_rule[finding.rule].push_back(&finding);
    }
    std::size_t failures = 0;
    for (const auto& [code, findings] : by_rule) failures += findings.empty() ? 0 : 1;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"netlint\" tests=\"" << by_rule.size() << "\" failures=\""
        << failures << "\">\n";
    out << "  <testsuite name=\"netlint\" tests=\"" << by_rule.size() << "\" failures=\""
        << failures << "\" errors=\"0\" skipped=\"0\">\n";
    for (const auto& [code, findings] : by_rule) {
      out << "    <testcase classname=\"netlint\" name=\"" << Xml(code) << "\"";
      if (findings.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      for (const rules::Finding* finding : findings) {
        std::string where;
        if (finding->source.HasFile()) {
          where = DisplayPath(result.files.Path(finding->source.file), options_);
          if (finding->source.line != 0) where += ":" + std::to_string(finding->source.line);
        }
        const std::string subject =
            finding->resource.empty() ? std::string() : finding->resource + ": ";
        out << "      <failure type=\"" << SeverityName(finding->severity) << "\" message=\""
            << Xml(subject + finding->message) << "\">" << Xml(where.empty() ? "" : where + " ")
            << Xml(subject + finding->message) << "</failure>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
  }

 private:
  ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> MakeJunitReporter(ReportOptions options) {
  return std::make_unique<JunitReporter>(std::move(options));
}

}  // namespace netlint::report
