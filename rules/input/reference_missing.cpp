// IN003: a reference names a resource that is not in the input.

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "IN003",
      .name = "reference-missing",
      .category = "input",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "A reference names a resource that is not in the input",
      .rationale =
          "A subnet in a VPC that does not exist, an interface in a missing subnet, an ECS "
          "service whose security group is gone: the analysis through such a reference is "
          "unknown. When the input lists every resource of that kind for the account and region "
          "(the whole output of the describe call), the reference is dangling and reported as a "
          "warning on the resource that holds it. When the input has no such list at all (a "
          "partial snapshot), netlint says once per kind, as a note, that references to it "
          "could not be checked. Routes and security group rules have their own rules for "
          "missing targets (RT004, SG010).",
      .bad_example = R"({"Vpcs": [], "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718",
  "VpcId": "vpc-0deadbeef00000000", "CidrBlock": "10.0.1.0/24"}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
  "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24"}]})",
      .exceptions = "Cross-account references (another account's security group or peer VPC) "
                    "are expected to be outside the input and are not reported.",
      .fix =
          "Add the missing resource's description to the input (for example the describe call "
          "or template that defines it), or fix the reference if the id is wrong. A reference "
          "to a deleted resource usually means a stale rule or route that should be removed.",
      .options = {},
      .references = {},
  };
  return meta;
}

class ReferenceMissing final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }
  void Check(const AnalysisContext& /*context*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> MakeReferenceMissing() { return std::make_unique<ReferenceMissing>(); }

}  // namespace netlint::rules
