#include "analyzer/ingest/cfn/metadata_suppressions.h"

namespace netlint::ingest::cfn {

std::vector<model::InlineSuppression> MetadataSuppressions(const Node& resource, FileId file,
                                                           const std::string& logical_id,
                                                           DiagnosticSink& diagnostics) {
  std::vector<model::InlineSuppression> suppressions;
  const Node* metadata = resource.Find("Metadata");
  const Node* netlint = metadata != nullptr && metadata->IsMap() ? metadata->Find("netlint") : nullptr;
  if (netlint == nullptr) return suppressions;
  auto where = [&](const Node& node) { return SourceRef{file, node.line, node.column, ""}; };
  auto problem = [&](const Node& node, std::string message) {
    diagnostics.Report("IN004", Severity::kWarning, logical_id,
                       "Metadata netlint: " + std::move(message), where(node));
  };
  if (!netlint->IsMap()) {
    problem(*netlint, "must be a mapping with ignore: [{rule, reason}]");
    return suppressions;
  }
  for (const auto& [key, value] : netlint->members) {
    if (key != "ignore") {
      problem(value, "unknown key '" + key + "' (ignore)");
      continue;
    }
    if (!value.IsSequence()) {
      problem(value, "ignore must be a list of {rule, reason}");
      continue;
    }
    for (const Node& entry : value.items) {
      if (!entry.IsMap()) {
        problem(entry, "an ignore entry must be a mapping {rule, reason}");
        continue;
      }
      model::InlineSuppression suppression;
      suppression.source = where(entry);
      for (const auto& [field, text] : entry.members) {
        if (field != "rule" && field != "reason") {
          problem(text, "unknown key '" + field + "' in an ignore entry (rule, reason)");
        } else if (!text.IsScalar()) {
          problem(text, field + " must be a single value");
        } else {
          (field == "rule" ? suppression.rule : suppression.reason) = text.scalar;
        }
      }
      suppressions.push_back(std::move(suppression));
    }
  }
  return suppressions;
}

}  // namespace netlint::ingest::cfn
