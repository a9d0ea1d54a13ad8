// IN001: an input file could not be read or parsed.

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "IN001",
      .name = "input-unreadable",
      .category = "input",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "An input file could not be read or parsed",
      .rationale =
          "A file that cannot be parsed leaves part of the network out of the analysis, so "
          "findings that depend on it cannot be reported. netlint names the file, line and "
          "column and the parser's reason, loads the records it read before the error, and "
          "goes on with the other files. The run exits with code 2 only when no input at all "
          "could be used.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718",}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718"}]})",
      .exceptions = "None: fix or remove the file. Files in folders that are not JSON (READMEs, "
                    "router configurations) are skipped without a finding.",
      .fix =
          "Open the file at the reported line and column and fix the syntax (a missing comma or "
          "bracket, a truncated download, a wrong encoding), or regenerate it with the AWS CLI "
          "or terraform show -json. Remove files that are not network descriptions from the "
          "input paths.",
      .options = {},
      .references = {"https://www.rfc-editor.org/rfc/rfc8259"},
  };
  return meta;
}

// Input diagnostics are produced while loading; the rule carries their documentation and lets
// --select/--ignore and severity settings apply to them like to any rule.
class InputUnreadable final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }
  void Check(const AnalysisContext& /*context*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> MakeInputUnreadable() { return std::make_unique<InputUnreadable>(); }

}  // namespace netlint::rules
