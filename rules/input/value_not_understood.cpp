// IN004: a value netlint cannot interpret or does not model yet.

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "IN004",
      .name = "value-not-understood",
      .category = "input",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "A value cannot be interpreted, or describes something netlint does not model",
      .rationale =
          "An invalid CIDR block, a port outside 0-65535, an unknown protocol, a field of the "
          "wrong type or a route target netlint does not model: the value is skipped and "
          "analysis that depends on it is unknown, never a silent allow or deny. netlint names "
          "the file and JSON Pointer (and line) of the value. Inputs that leave something out "
          "(a snapshot without network ACLs, a prefix list without its entries) are noted "
          "once, so that the silence of other rules is not mistaken for a clean bill.",
      .bad_example = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.300.0/24"}]})",
      .good_example = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.3.0/24"}], "NetworkAcls": []})",
      .exceptions = "Notes about parts of the input that are absent are informational; select "
                    "or ignore IN004 like any rule.",
      .fix =
          "Correct the value at the reported place (a typo in a protocol, a port outside "
          "0-65535, a malformed CIDR, an unknown key in .netlint.yaml or an inline suppression "
          "without a reason), or, when it describes something netlint does not model yet, "
          "accept the note: the affected checks skip that value rather than guess.",
      .options = {},
      .references = {},
  };
  return meta;
}

class ValueNotUnderstood final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }
  void Check(const AnalysisContext& /*context*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> MakeValueNotUnderstood() {
  return std::make_unique<ValueNotUnderstood>();
}

}  // namespace netlint::rules
