// SG006: every protocol allowed out to the whole internet.

#include <algorithm>

#include "rules/common/exposure.h"
#include "rules/common/rule_helpers.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

using model::IpFamily;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG006",
      .name = "sg-unrestricted-egress",
      .category = "security-group",
      .default_severity = Severity::kNote,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group allows all traffic out to the internet",
      .rationale =
          "An allow-all egress rule (AWS adds one to every new group) lets a compromised "
          "workload download tools and send data anywhere. Restricting egress to the services "
          "a workload needs (its database, AWS endpoints, a proxy) limits the damage. The risk "
          "is highest for data stores and VPC endpoints, which never need to open connections "
          "to the internet at all.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0app0000000000001", "GroupName": "app",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0app0000000000001", "GroupName": "app",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                           "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                          {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}]})",
      .exceptions =
          "A note by default: allow-all egress is AWS's default and usually intended for "
          "application tiers, and escalating it everywhere is why peers' equivalents (trivy "
          "AVD-AWS-0104) are mass-suppressed. It is a warning when the group is carried by a "
          "database, a cache or an interface VPC endpoint, which never need the internet. "
          "Applications routed through a NAT gateway are not escalated: internet egress is what "
          "the NAT gateway is for; the message says whether the carriers' subnets route to the "
          "internet. Groups that nothing carries are left to SG009. Egress limited by port (tcp/443 to 0.0.0.0/0) or to private ranges is not "
          "reported.",
      .fix =
          "Replace the allow-all egress rule with rules for the destinations the workload "
          "needs: tcp/443 to the VPC endpoints' security group or a prefix list "
          "(com.amazonaws.region.s3), the database's group on its port, and 0.0.0.0/0 on "
          "tcp/443 only if it must call the internet through a NAT gateway.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
           "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"},
  };
  return meta;
}

class SgUnrestrictedEgress final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::SecurityGroup& group : context.network.security_groups) {
      if (!group.rules_known || group.egress.empty()) continue;
      // Nothing sends traffic through a group nothing carries (SG009 reports those).
      if (context.topology.UsersKnown(group) && context.topology.UsersOf(group).empty()) continue;
      // AWS's own default group, which the input never declared, is nobody's choice until
      // something is launched into it.
      if (group.implicit && context.topology.UsersOf(group).empty()) continue;
      const GroupExposure exposure =
          ComputeExposure(group, model::Direction::kEgress, context.topology);
      ExposureReport report;
      for (const ExposedRange& range : exposure.ranges) {
        if (range.protocol.IsAll()) report.AddAllTraffic(range);
      }
      if (report.Empty()) continue;
      const std::string context_text = CarrierContext(group, context.topology);
      const bool data_tier = std::any_of(
          context.topology.UsersOf(group).begin(), context.topology.UsersOf(group).end(),
          [](const model::SgUser& user) { return IsDataTierOrEndpoint(user); });
      report.Emit(
          group, sink,
          [&](const ExposureReport::Entry& entry) {
            return "allows all traffic to " + entry.SourcesText() + context_text;
          },
          data_tier ? Severity::kWarning : Severity::kNote);
    }
  }

 private:
  // "; carried by db-instance orders-db" for data stores and endpoints, and whether the
  // carriers' subnets route to the internet.
  static std::string CarrierContext(const model::SecurityGroup& group,
                                    const model::Topology& topology) {
    std::string data_carrier;
    std::string route;
    for (const model::SgUser& user : topology.UsersOf(group)) {
      if (data_carrier.empty() && IsDataTierOrEndpoint(user)) data_carrier = DescribeUser(user);
      if (!route.empty()) continue;
      for (const model::Subnet* subnet : SubnetsOf(user, topology)) {
        route = InternetRouteTarget(*subnet, topology);
        if (!route.empty()) break;
      }
    }
    std::string text;
    if (!data_carrier.empty()) text += "; carried by " + data_carrier;
    if (!route.empty()) text += "; its carriers' subnets route to the internet through " + route;
    return text;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgUnrestrictedEgress() {
  return std::make_unique<SgUnrestrictedEgress>();
}

}  // namespace netlint::rules
