// SARIF 2.1.0 for code scanning: one run whose driver lists every rule from its metadata, and
// one result per finding with its physical location (repository-relative when the file lies
// below the working folder), the resource as a logical location, related resources, the hops of
// path findings as a code flow, and a fingerprint that survives unrelated edits.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>

#include "analyzer/report/formats.h"
#include "analyzer/report/json_writer.h"
#include "netlint/report/fingerprint.h"
#include "netlint/report/reach_report.h"
#include "netlint/report/rule_docs.h"
#include "netlint/rules/registry.h"

namespace netlint::report {
namespace {

// GitHub sorts alerts by this 0-10 score ("security-severity").
std::string_view SecuritySeverity(Severity severity) {
  switch (severity) {
    case Severity::kError: return "8.0";
    case Severity::kWarning: return "5.0";
    case Severity::kNote: return "2.0";
  }
  return "5.0";
}

// Findings first, then suppressed findings, as in the report; within each, more severe first.
// Ties keep the report's order, so the choice is deterministic.
std::vector<bool> KeptResults(const engine::CheckResult& result, std::size_t cap) {
  const std::size_t total = result.findings.size() + result.suppressed.size();
  std::vector<bool> kept(total, true);
  if (total <= cap) return kept;
  auto severity_of = [&](std::size_t i) {
    return i < result.findings.size() ? result.findings[i].severity
                                      : result.suppressed[i - result.findings.size()].finding.severity;
  };
  std::vector<std::size_t> order(total);
  for (std::size_t i = 0; i < total; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool a_suppressed = a >= result.findings.size();
    const bool b_suppressed = b >= result.findings.size();
    if (a_suppressed != b_suppressed) return !a_suppressed;
    return severity_of(a) > severity_of(b);
  });
  for (std::size_t rank = cap; rank < total; ++rank) kept[order[rank]] = false;
  return kept;
}

std::string SarifCapMessage(std::size_t left_out, std::size_t total) {
  const std::size_t cap = total - left_out;
  return std::to_string(left_out) + " of " + std::to_string(total) +
         " results were left out of this SARIF run to stay within " + std::to_string(cap) +
         " results per run (GitHub code scanning rejects a run with more than 25,000); the " +
         "most severe were kept, and the other formats list every finding";
}

class SarifReporter final : public Reporter {
 public:
  explicit SarifReporter(ReportOptions options) : options_(std::move(options)) {}

  void Write(const engine::CheckResult& result, std::ostream& out) const override {
    JsonWriter json(out);
    json.BeginObject();
    json.Key("$schema");
    json.String("https://json.schemastore.org/sarif-2.1.0.json");
    json.Key("version");
    json.String("2.1.0");
    json.Key("runs");
    json.BeginArray();
    json.BeginObject();
    std::map<std::string, long long, std::less<>> rule_index;
    WriteTool(json, rule_index);
    json.Key("columnKind");
    json.String("unicodeCodePoints");
    const std::vector<bool> kept = KeptResults(result, options_.max_sarif_results);
    const std::size_t left_out =
        static_cast<std::size_t>(std::count(kept.begin(), kept.end(), false));
    if (left_out > 0) WriteLeftOutNotification(left_out, kept.size(), json);
    json.Key("results");
    json.BeginArray();
    for (std::size_t i = 0; i < result.findings.size(); ++i) {
      if (kept[i]) WriteResult(result, result.findings[i], rule_index, json, nullptr);
    }
    for (std::size_t i = 0; i < result.suppressed.size(); ++i) {
      const auto& accepted = result.suppressed[i];
      if (kept[result.findings.size() + i]) {
        WriteResult(result, accepted.finding, rule_index, json, &accepted);
      }
    }
    json.EndArray();
    json.EndObject();
    json.EndArray();
    json.EndObject();
    out << '\n';
  }

 private:
  // The run's invocation, saying how many results the cap left out: code scanning shows it, and
  // a reader of the file knows it is not the whole report.
  static void WriteLeftOutNotification(std::size_t left_out, std::size_t total, JsonWriter& json) {
    json.Key("invocations");
    json.BeginArray();
    json.BeginObject();
    json.Key("executionSuccessful");
    json.Bool(true);
    json.Key("toolExecutionNotifications");
    json.BeginArray();
    json.BeginObject();
    json.Key("level");
    json.String("warning");
    json.Key("message");
    json.BeginObject();
    json.Key("text");
    json.String(SarifCapMessage(left_out, total));
    json.EndObject();
    json.EndObject();
    json.EndArray();
    json.EndObject();
    json.EndArray();
  }

  static void WriteTool(JsonWriter& json, std::map<std::string, long long, std::less<>>& index) {
    json.Key("tool");
    json.BeginObject();
    json.Key("driver");
    json.BeginObject();
    json.Key("name");
    json.String("netlint");
    json.Key("informationUri");
    json.String("https://github.com/netlint/netlint");
    json.Key("version");
    json.String(NETLINT_VERSION);
    json.Key("semanticVersion");
    json.String(NETLINT_VERSION);
    json.Key("rules");
    json.BeginArray();
    for (const auto& registered : rules::AllRules()) {
      const auto rule = registered.factory();
      const rules::RuleMeta& meta = rule->Meta();
      index.emplace(std::string(meta.code), static_cast<long long>(index.size()));
      json.BeginObject();
      json.Key("id");
      json.String(meta.code);
      json.Key("name");
      json.String(meta.name);
      json.Key("shortDescription");
      json.BeginObject();
      json.Key("text");
      json.String(meta.summary);
      json.EndObject();
      json.Key("fullDescription");
      json.BeginObject();
      json.Key("text");
      json.String(meta.rationale);
      json.EndObject();
      const std::string markdown = RuleDocMarkdown(meta);
      json.Key("help");
      json.BeginObject();
      json.Key("text");
      json.String(std::string(meta.summary) + ". " + std::string(meta.rationale) +
                  (meta.fix.empty() ? std::string() : " How to fix: " + std::string(meta.fix)));
      json.Key("markdown");
      json.String(markdown);
      json.EndObject();
      if (!meta.references.empty()) {
        json.Key("helpUri");
        json.String(meta.references.front());
      }
      json.Key("defaultConfiguration");
      json.BeginObject();
      json.Key("level");
      json.String(SeverityName(meta.default_severity));
      json.EndObject();
      json.Key("properties");
      json.BeginObject();
      json.Key("tags");
      json.BeginArray();
      json.String("security");
      json.String("network");
      json.String(meta.category);
      json.EndArray();
      json.Key("precision");
      json.String("very-high");
      json.Key("security-severity");
      json.String(SecuritySeverity(meta.default_severity));
      json.EndObject();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    json.EndObject();
  }

  // A URI for a file: relative (forward slashes, percent-encoded) when it lies below the working
  // folder, which is where CI runs from (the repository root), else a file:// URI.
  std::string Uri(const std::string& path) const {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    const std::filesystem::path base = std::filesystem::absolute(
        options_.relative_to.empty() ? std::filesystem::current_path(ec)
                                     : std::filesystem::path(options_.relative_to),
        ec);
    std::filesystem::path relative = absolute.lexically_relative(base);
    const bool inside = !relative.empty() && *relative.begin() != "..";
    const std::string text = inside ? relative.generic_string() : absolute.generic_string();
    std::string encoded = inside ? "" : "file://";
    for (unsigned char c : text) {
      if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded += static_cast<char>(c);
      } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        encoded += '%';
        encoded += kHex[c >> 4];
        encoded += kHex[c & 0xf];
      }
    }
    return encoded;
  }

  void WritePhysical(const engine::CheckResult& result, const SourceRef& source,
                     JsonWriter& json) const {
    json.Key("physicalLocation");
    json.BeginObject();
    json.Key("artifactLocation");
    json.BeginObject();
    json.Key("uri");
    json.String(Uri(result.files.Path(source.file)));
    json.EndObject();
    json.Key("region");
    json.BeginObject();
    json.Key("startLine");
    json.Number(source.line != 0 ? source.line : 1);
    if (source.column != 0) {
      json.Key("startColumn");
      json.Number(source.column);
    }
    json.EndObject();
    json.EndObject();
  }

  // `suppressed`: how the finding was accepted (an ignore entry of the configuration, or a
  // suppression in the resource's definition), or null.
  void WriteResult(const engine::CheckResult& result, const rules::Finding& finding,
                   const std::map<std::string, long long, std::less<>>& rule_index,
                   JsonWriter& json, const engine::CheckResult::Suppressed* suppressed) const {
    json.BeginObject();
    json.Key("ruleId");
    json.String(finding.rule);
    if (auto found = rule_index.find(finding.rule); found != rule_index.end()) {
      json.Key("ruleIndex");
      json.Number(found->second);
    }
    json.Key("level");
    json.String(SeverityName(finding.severity));
    json.Key("message");
    json.BeginObject();
    json.Key("text");
    std::string text = finding.resource.empty() ? std::string() : finding.resource;
    if (!finding.resource_name.empty()) text += " (" + finding.resource_name + ")";
    json.String(text.empty() ? finding.message : text + ": " + finding.message);
    json.EndObject();
    json.Key("locations");
    json.BeginArray();
    json.BeginObject();
    // Code scanning needs a file for every result; a finding about the run itself (a rule that
    // failed) has none and points at the first input.
    const SourceRef anchor = finding.source.HasFile()
                                 ? finding.source
                                 : SourceRef{result.files.size() > 0 ? FileId{0} : kNoFile, 1, 1, ""};
    if (anchor.HasFile()) WritePhysical(result, anchor, json);
    if (!finding.resource.empty()) {
      json.Key("logicalLocations");
      json.BeginArray();
      json.BeginObject();
      json.Key("name");
      json.String(finding.resource_name.empty() ? finding.resource : finding.resource_name);
      json.Key("fullyQualifiedName");
      json.String(finding.resource);
      json.Key("kind");
      json.String("resource");
      json.EndObject();
      json.EndArray();
    }
    json.EndObject();
    json.EndArray();
    WriteRelated(result, finding, json);
    WriteCodeFlow(result, finding, json);
    json.Key("partialFingerprints");
    json.BeginObject();
    json.Key("netlintFinding/v1");
    json.String(FindingFingerprint(
        finding, finding.source.HasFile() ? Uri(result.files.Path(finding.source.file)) : ""));
    json.EndObject();
    if (suppressed != nullptr) {
      json.Key("suppressions");
      json.BeginArray();
      json.BeginObject();
      json.Key("kind");
      json.String(suppressed->in_source ? "inSource" : "external");
      json.Key("status");
      json.String("accepted");
      json.Key("justification");
      json.String(suppressed->reason);
      json.EndObject();
      json.EndArray();
    }
    json.Key("properties");
    json.BeginObject();
    json.Key("resourceKind");
    json.String(finding.resource_kind);
    json.EndObject();
    json.EndObject();
  }

  void WriteRelated(const engine::CheckResult& result, const rules::Finding& finding,
                    JsonWriter& json) const {
    bool any = false;
    long long id = 0;
    for (const rules::Related& related : finding.related) {
      ++id;
      if (!related.source.HasFile()) continue;
      if (!any) {
        json.Key("relatedLocations");
        json.BeginArray();
        any = true;
      }
      json.BeginObject();
      json.Key("id");
      json.Number(id);
      WritePhysical(result, related.source, json);
      json.Key("message");
      json.BeginObject();
      json.Key("text");
      json.String(related.resource + ": " + related.message);
      json.EndObject();
      json.EndObject();
    }
    if (any) json.EndArray();
  }

  // The hops of a path finding, each with its checks, as one thread flow.
  void WriteCodeFlow(const engine::CheckResult& result, const rules::Finding& finding,
                     JsonWriter& json) const {
    if (finding.path.empty()) return;
    json.Key("codeFlows");
    json.BeginArray();
    json.BeginObject();
    json.Key("message");
    json.BeginObject();
    json.Key("text");
    json.String(PathSummary(finding.path));
    json.EndObject();
    json.Key("threadFlows");
    json.BeginArray();
    json.BeginObject();
    json.Key("locations");
    json.BeginArray();
    for (const reach::Hop& hop : finding.path) {
      std::string text = hop.node + " [" + hop.kind + "]";
      const SourceRef* where = nullptr;
      for (const reach::Check& check : hop.checks) {
        text += "; " + std::string(VerdictToken(check.verdict)) + ": " + check.text;
        if (where == nullptr && check.source.HasFile()) where = &check.source;
      }
      json.BeginObject();
      json.Key("location");
      json.BeginObject();
      if (where != nullptr) WritePhysical(result, *where, json);
      json.Key("message");
      json.BeginObject();
      json.Key("text");
      json.String(text);
      json.EndObject();
      json.EndObject();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    json.EndArray();
    json.EndObject();
    json.EndArray();
  }

  ReportOptions options_;
};

}  // namespace

std::size_t SarifResultsLeftOut(const engine::CheckResult& result, const ReportOptions& options) {
  const std::size_t total = result.findings.size() + result.suppressed.size();
  return total > options.max_sarif_results ? total - options.max_sarif_results : 0;
}

std::unique_ptr<Reporter> MakeSarifReporter(ReportOptions options) {
  return std::make_unique<SarifReporter>(std::move(options));
}

}  // namespace netlint::report
