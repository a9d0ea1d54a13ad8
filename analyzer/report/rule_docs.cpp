#include "netlint/report/rule_docs.h"

#include <iomanip>

#include <nlohmann/json.hpp>

#include "netlint/rules/registry.h"

namespace netlint::report {
namespace {

nlohmann::json MetaToJson(const rules::RuleMeta& meta) {
  nlohmann::json options = nlohmann::json::array();
  for (const rules::RuleOption& option : meta.options) {
    options.push_back({{"name", option.name},
                       {"type", option.type},
                       {"default", option.default_value},
                       {"doc", option.doc}});
  }
  nlohmann::json references = nlohmann::json::array();
  for (std::string_view reference : meta.references) references.push_back(reference);
  return {{"code", meta.code},
          {"name", meta.name},
          {"category", meta.category},
          {"severity", SeverityName(meta.default_severity)},
          {"status", meta.status == rules::RuleStatus::kStable ? "stable" : "preview"},
          {"since", meta.since},
          {"summary", meta.summary},
          {"rationale", meta.rationale},
          {"exceptions", meta.exceptions},
          {"fix", meta.fix},
          {"example_config", meta.example_config},
          {"bad_example", meta.bad_example},
          {"good_example", meta.good_example},
          {"options", std::move(options)},
          {"references", std::move(references)}};
}

}  // namespace

std::string RuleDocMarkdown(const rules::RuleMeta& meta) {
  std::string doc;
  doc += "# " + std::string(meta.code) + " " + std::string(meta.name) + "\n\n";
  doc += std::string(meta.summary) + ".\n\n";
  doc += "Default severity: " + std::string(SeverityName(meta.default_severity)) +
         ". Category: " + std::string(meta.category) + ". Since " + std::string(meta.since) +
         (meta.status == rules::RuleStatus::kPreview ? " (preview: runs with --preview)" : "") +
         ".\n\n";
  doc += "## What it does\n\n" + std::string(meta.summary) + ".\n\n";
  doc += "## Why is this bad?\n\n" + std::string(meta.rationale) + "\n\n";
  if (!meta.bad_example.empty()) {
    doc += "## Example\n\n";
    if (!meta.example_config.empty()) {
      doc += "With this `.netlint.yaml`:\n\n```yaml\n" + std::string(meta.example_config) +
             "```\n\n";
    }
    doc += "```json\n" + std::string(meta.bad_example) + "\n```\n\n";
    doc += "Use instead:\n\n```json\n" + std::string(meta.good_example) + "\n```\n\n";
  }
  if (!meta.fix.empty()) doc += "## How to fix\n\n" + std::string(meta.fix) + "\n\n";
  doc += "## Exceptions\n\n" + std::string(meta.exceptions) + "\n\n";
  if (!meta.options.empty()) {
    doc += "## Options\n\n";
    for (const rules::RuleOption& option : meta.options) {
      doc += "- `" + std::string(option.name) + "` (" + std::string(option.type) + "): " +
             std::string(option.doc) + ". Default: `" + std::string(option.default_value) +
             "`.\n";
    }
    doc += "\n";
  }
  if (!meta.references.empty()) {
    doc += "## References\n\n";
    for (std::string_view reference : meta.references) {
      doc += "- " + std::string(reference) + "\n";
    }
  }
  return doc;
}

std::string RuleMetaJson(const rules::RuleMeta& meta) { return MetaToJson(meta).dump(2); }

void WriteRuleList(std::ostream& out, std::string_view format) {
  const auto rules = rules::MakeAllRules();
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& rule : rules) list.push_back(MetaToJson(rule->Meta()));
    out << list.dump(2) << '\n';
    return;
  }
  if (format == "markdown") {
    out << "| Code | Name | Severity | Summary |\n|---|---|---|---|\n";
    for (const auto& rule : rules) {
      const rules::RuleMeta& meta = rule->Meta();
      out << "| " << meta.code << " | " << meta.name << " | "
          << SeverityName(meta.default_severity) << " | " << meta.summary << " |\n";
    }
    return;
  }
  for (const auto& rule : rules) {
    const rules::RuleMeta& meta = rule->Meta();
    out << std::left << std::setw(7) << meta.code << ' ' << std::setw(36) << meta.name << ' '
        << std::setw(8) << SeverityName(meta.default_severity) << ' ' << meta.summary << '\n';
  }
}

}  // namespace netlint::report
