// The JSON report: a stable contract for scripts (README "JSON output"). Fields are only ever
// added, never renamed or removed; `version` is the schema version. Keys are written in
// alphabetical order.

#include "analyzer/report/formats.h"
#include "analyzer/report/json_writer.h"
#include "netlint/report/reach_report.h"

namespace netlint::report {

// One finding as every JSON output writes it (the check's "findings", the diff's "new" and
// "fixed").
void WriteJsonFinding(JsonWriter& json, const rules::Finding& finding, const FileTable& files,
                      const ReportOptions& options) {
  json.BeginObject();
  WriteJsonLocation(json, finding.source, files, options);
  json.Key("message");
  json.String(finding.message);
  json.Key("path");
  WriteJsonHops(json, finding.path, files, options);
  json.Key("related");
  json.BeginArray();
  for (const rules::Related& related : finding.related) {
    json.BeginObject();
    WriteJsonLocation(json, related.source, files, options);
    json.Key("message");
    json.String(related.message);
    json.Key("resource");
    json.String(related.resource);
    json.EndObject();
  }
  json.EndArray();
  json.Key("resource");
  json.String(finding.resource);
  json.Key("resource_kind");
  json.String(finding.resource_kind);
  json.Key("resource_name");
  json.String(finding.resource_name);
  json.Key("rule");
  json.String(finding.rule);
  json.Key("severity");
  json.String(SeverityName(finding.severity));
  json.EndObject();
}

namespace {

constexpr std::string_view kSchemaVersion = "1";

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    JsonWriter json(out);
    json.BeginObject();
    json.Key("findings");
    json.BeginArray();
    for (const rules::Finding& finding : result.findings) {
      WriteJsonFinding(json, finding, result.files, options_);
    }
    json.EndArray();
    WriteSummary(result, json);
    json.Key("tool");
    json.BeginObject();
    json.Key("name");
    json.String("netlint");
    json.Key("version");
    json.String(NETLINT_VERSION);
    json.EndObject();
    json.Key("version");
    json.String(kSchemaVersion);
    json.EndObject();
    out << '\n';
  }

 private:
  void WriteSummary(const engine::CheckResult& result, JsonWriter& json) const {
    const engine::CheckSummary& summary = result.summary;
    const auto count = [&](Severity severity) {
      return static_cast<long long>(summary.by_severity[static_cast<std::size_t>(severity)]);
    };
    json.Key("summary");
    json.BeginObject();
    json.Key("baselined");
    json.Number(static_cast<long long>(summary.baselined));
    json.Key("errors");
    json.Number(count(Severity::kError));
    json.Key("fail_on");
    json.String(SeverityName(options_.fail_on));
    json.Key("failed");
    json.Bool(HasFailures(result, options_.fail_on));
    json.Key("files_recognised");
    json.Number(static_cast<long long>(summary.files_recognised));
    json.Key("files_seen");
    json.Number(static_cast<long long>(summary.files_seen));
    json.Key("findings");
    json.Number(static_cast<long long>(result.findings.size()));
    json.Key("notes");
    json.Number(count(Severity::kNote));
    json.Key("resources");
    json.Number(static_cast<long long>(summary.resources));
    json.Key("rules_run");
    json.Number(static_cast<long long>(summary.rules_run));
    json.Key("suppressed");
    json.Number(static_cast<long long>(summary.suppressed));
    json.Key("warnings");
    json.Number(count(Severity::kWarning));
    json.EndObject();
  }

  ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> MakeJsonReporter(ReportOptions options) {
  return std::make_unique<JsonReporter>(std::move(options));
}

}  // namespace netlint::report
