// IN002: a rule failed internally.

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "IN002",
      .name = "rule-failed",
      .category = "input",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "A rule failed internally; its findings for this run are missing",
      .rationale =
          "A rule that throws must not take the whole run down with it: the engine catches the "
          "failure, reports it under IN002 with the rule's code and the reason, and runs the "
          "other rules. An IN002 finding is always a netlint bug; please report it with the "
          "input that caused it.",
      .bad_example = "",
      .good_example = "",
      .exceptions = "None.",
      .fix =
          "This is a bug in netlint, not in your network: rerun to confirm, then report the "
          "message and, if possible, a minimal input that triggers it. Until it is fixed, the "
          "rule's findings are missing, so do not read the rest of the report as a pass for "
          "that rule.",
      .options = {},
      .references = {},
  };
  return meta;
}

class RuleFailed final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }
  void Check(const AnalysisContext& /*context*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> MakeRuleFailed() { return std::make_unique<RuleFailed>(); }

}  // namespace netlint::rules
