// The JSON report: a stable contract for scripts (README "JSON output"). Fields are only ever
// added, never renamed or removed; `version` is the schema version.

#include <nlohmann/json.hpp>

#include "analyzer/report/formats.h"

namespace netlint::report {
namespace {

using nlohmann::json;

constexpr std::string_view kSchemaVersion = "1";

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    json document;
    document["version"] = kSchemaVersion;
    document["tool"] = {{"name", "netlint"}, {"version", NETLINT_VERSION}};
    json findings = json::array();
    for (const rules::Finding& finding : result.findings) {
      json item;
      item["rule"] = finding.rule;
      item["severity"] = SeverityName(finding.severity);
      item["resource"] = finding.resource;
      item["resource_kind"] = finding.resource_kind;
      item["resource_name"] = finding.resource_name;
      item["message"] = finding.message;
      item["location"] = Location(result, finding.source);
      json related = json::array();
      for (const rules::Related& entry : finding.related) {
        related.push_back({{"resource", entry.resource},
                           {"message", entry.message},
                           {"location", Location(result, entry.source)}});
      }
      item["related"] = std::move(related);
      findings.push_back(std::move(item));
    }
    document["findings"] = std::move(findings);
    const engine::CheckSummary& summary = result.summary;
    const auto count = [&](Severity severity) {
      return summary.by_severity[static_cast<std::size_t>(severity)];
    };
    document["summary"] = {
        {"findings", result.findings.size()},
        {"errors", count(Severity::kError)},
        {"warnings", count(Severity::kWarning)},
        {"notes", count(Severity::kNote)},
        {"files_seen", summary.files_seen},
        {"files_recognised", summary.files_recognised},
        {"resources", summary.resources},
        {"rules_run", summary.rules_run},
        {"fail_on", SeverityName(options_.fail_on)},
        {"failed", HasFailures(result, options_.fail_on)},
    };
    out << document.dump(2) << '\n';
  }

 private:
  json Location(const engine::CheckResult& result, const SourceRef& source) const {
    json location;
    location["file"] = source.HasFile() ? json(DisplayPath(result.files.Path(source.file),
                                                           options_))
                                        : json(nullptr);
    location["line"] = source.line != 0 ? json(source.line) : json(nullptr);
    location["column"] = source.column != 0 ? json(source.column) : json(nullptr);
    location["pointer"] = source.pointer.empty() ? json(nullptr) : json(source.pointer);
    return location;
  }

  ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> MakeJsonReporter(ReportOptions options) {
  return std::make_unique<JsonReporter>(std::move(options));
}

}  // namespace netlint::report
