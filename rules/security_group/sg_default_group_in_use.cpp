// SG008: the VPC's default security group is used, or keeps rules nobody needs.

#include "rules/common/rule_helpers.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

constexpr std::size_t kCarriersNamed = 5;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG008",
      .name = "sg-default-group-in-use",
      .category = "security-group",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "The VPC's default security group is attached to something, or has rules",
      .rationale =
          "Everything launched without an explicit group lands in the default group, and its "
          "default rules admit all traffic from every other member. Resources that share it "
          "can reach each other on every port without anyone having decided so, and the group "
          "cannot be deleted or renamed to make its purpose clear. CIS AWS Foundations 5.4 asks "
          "that it restrict all traffic and that workloads use groups of their own. An ECS "
          "service declared without security groups uses it too.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0default000000001", "GroupName": "default",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-0default000000001"}]}]}],
 "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "PrivateIpAddress": "10.0.1.5", "Groups": [{"GroupId": "sg-0default000000001"}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0default000000001", "GroupName": "default",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "IpPermissions": [], "IpPermissionsEgress": []}],
 "NetworkInterfaces": []})",
      .exceptions =
          "A default group that nothing carries but that still has rules (AWS creates it with "
          "a self-referencing all-traffic ingress rule and an all-traffic egress rule) is a "
          "note, not a warning: it is harmless until something is launched into it. That note "
          "needs the input to list the account's network interfaces; without them netlint "
          "cannot tell that the group is unused and says nothing. Templates cannot empty the "
          "default group (it is created by AWS), so there the note is the whole story.",
      .fix =
          "Create a dedicated security group for each workload and attach it instead of the "
          "default group; then remove every rule from the default group so that anything "
          "launched into it by mistake can neither receive nor send traffic.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2"},
  };
  return meta;
}

class SgDefaultGroupInUse final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::SecurityGroup& group : context.network.security_groups) {
      if (!group.IsDefault()) continue;
      const auto users = context.topology.UsersOf(group);
      if (!users.empty()) {
        std::string carriers;
        for (std::size_t i = 0; i < users.size() && i < kCarriersNamed; ++i) {
          if (i > 0) carriers += ", ";
          carriers += DescribeUser(users[i]);
        }
        if (users.size() > kCarriersNamed) {
          carriers += " and " + std::to_string(users.size() - kCarriersNamed) + " more";
        }
        ReportOnGroup(sink, group,
                      "the VPC's default security group is attached to " +
                          std::to_string(users.size()) + " resource" +
                          (users.size() == 1 ? "" : "s") + ": " + carriers,
                      group.source);
        continue;
      }
      const std::size_t rules = group.ingress.size() + group.egress.size();
      if (rules == 0 || !context.topology.UsersKnown(group)) continue;
      ReportOnGroup(sink, group,
                    "the VPC's default security group is unused but still has " +
                        std::to_string(rules) + (rules == 1 ? " rule entry" : " rule entries") +
                        " (" + std::to_string(group.ingress.size()) + " ingress, " +
                        std::to_string(group.egress.size()) + " egress)",
                    group.source)
          .severity = Severity::kNote;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgDefaultGroupInUse() {
  return std::make_unique<SgDefaultGroupInUse>();
}

}  // namespace netlint::rules
