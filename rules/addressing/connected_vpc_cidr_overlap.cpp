// CIDR003: STUB, to be written (metadata, documentation, check, fixtures).

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "CIDR003",
      .name = "connected-vpc-cidr-overlap",
      .category = "addressing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kPreview,
      .since = "0.1.0",
      .summary = "Not written yet",
      .rationale = "",
      .bad_example = "",
      .good_example = "",
      .exceptions = "",
      .options = {},
      .references = {},
  };
  return meta;
}

class ConnectedVpcCidrOverlap final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }
  void Check(const AnalysisContext& /*context*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> MakeConnectedVpcCidrOverlap() { return std::make_unique<ConnectedVpcCidrOverlap>(); }

}  // namespace netlint::rules
