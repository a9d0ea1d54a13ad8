// SG009: a security group nothing carries and no other group references.

#include <algorithm>

#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG009",
      .name = "sg-unused",
      .category = "security-group",
      .default_severity = Severity::kNote,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group is attached to nothing and referenced by no other group",
      .rationale =
          "Unused groups accumulate: they count against the account's quota, clutter every "
          "review, and their rules (often broad, from a past experiment) become live again the "
          "moment someone picks the group from a list to launch something. Deleting them keeps "
          "the set of groups a true picture of the network's intended paths.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0jenkins00000001", "GroupName": "legacy-jenkins",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                     "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]}],
 "NetworkInterfaces": []})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0jenkins00000001", "GroupName": "jenkins",
  "VpcId": "vpc-0a1b2c3d4e5f60718"}],
 "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "PrivateIpAddress": "10.0.1.5", "Groups": [{"GroupId": "sg-0jenkins00000001"}]}]})",
      .exceptions =
          "Default groups are SG008's concern (they cannot be deleted). A group referenced by "
          "another group's rule is in use even if nothing carries it yet. netlint only "
          "concludes \"unused\" when the input lists the account's network interfaces "
          "(describe-network-interfaces), which every attached resource has, or is a template "
          "that declares workloads and names its groups only in workloads netlint maps and in "
          "rules (not in outputs, launch templates or resource types it does not map); "
          "otherwise it says "
          "nothing. Launch templates and Auto Scaling groups scaled to zero are not in describe "
          "output: check them before deleting a group.",
      .fix =
          "Delete the group if nothing will use it (aws ec2 delete-security-group), or attach "
          "it to the workload it was created for. Unused groups with rules become dangerous "
          "when someone attaches them later because of their name.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/deleting-security-groups.html",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-22"},
  };
  return meta;
}

class SgUnused final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const model::Topology& topology = context.topology;
    for (const model::SecurityGroup& group : context.network.security_groups) {
      if (group.IsDefault() || !topology.UsersKnown(group)) continue;
      if (!topology.UsersOf(group).empty()) continue;
      const auto references = topology.ReferencesTo(group);
      const bool referenced_by_other =
          std::any_of(references.begin(), references.end(), [&](const model::SgRule* rule) {
            return topology.OwnerOf(*rule) != &group;
          });
      if (referenced_by_other) continue;
      ReportOnGroup(sink, group, "is not attached to anything and no other group references it",
                    group.source);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgUnused() { return std::make_unique<SgUnused>(); }

}  // namespace netlint::rules
