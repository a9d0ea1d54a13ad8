// SG003: every protocol, or every TCP or UDP port, open to the internet.

#include <algorithm>

#include "rules/common/exposure.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

using model::IpFamily;
using model::Protocol;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG003",
      .name = "sg-all-ports-open-to-internet",
      .category = "security-group",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group opens every protocol, or every TCP or UDP port, to the internet",
      .rationale =
          "A rule that admits all traffic (protocol -1) or the whole TCP or UDP port range from "
          "every address exposes every service on every interface that carries the group, "
          "including ones started later for debugging or by a dependency. No workload needs "
          "that: a load balancer needs its listener ports, a server its service port. It is "
          "usually a leftover from troubleshooting or a copy of the default egress rule into "
          "ingress.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0debug000000000001", "GroupName": "debug",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0debug000000000001", "GroupName": "debug",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
      .exceptions =
          "None, not even for the groups of internet-facing load balancers, which need only their "
          "listener ports. Rules are merged with set semantics, so two rules with 0.0.0.0/1 and "
          "128.0.0.0/1, or tcp 0-32767 and 32768-65535, are found together; TCP 1-65535 counts as "
          "every port (port 0 is not usable). The ports such a group opens are reported here once "
          "and not again by SG001, SG002 or SG004. Private sources (10.0.0.0/8, 172.16.0.0/12, "
          "192.168.0.0/16, 100.64.0.0/10) are never the internet.",
      .fix =
          "Replace the all-traffic or all-ports rule with rules for the ports the workload "
          "serves (for example tcp/443), with the narrowest source that works: a load "
          "balancer's security group, a partner's address range, or the internet only for a "
          "public load balancer's listener ports.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18"},
  };
  return meta;
}

// One synthetic range holding every rule that contributes to the given ranges, in document
// order, so that a coverage split over several statements becomes one finding.
ExposedRange Combine(const std::vector<const ExposedRange*>& ranges, Protocol protocol,
                     IpFamily family) {
  ExposedRange combined{protocol, family, model::PortRange::All(), {}};
  for (const ExposedRange* range : ranges) {
    for (const model::SgRule* rule : range->rules) {
      if (std::find(combined.rules.begin(), combined.rules.end(), rule) == combined.rules.end()) {
        combined.rules.push_back(rule);
      }
    }
  }
  // Rules of one group live in one vector, so address order is document order.
  std::sort(combined.rules.begin(), combined.rules.end());
  return combined;
}

class SgAllPortsOpenToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::SecurityGroup& group : context.network.security_groups) {
      const GroupExposure exposure =
          ComputeExposure(group, model::Direction::kIngress, context.topology);
      if (exposure.ranges.empty()) continue;
      ExposureReport report;
      for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
        if (exposure.AllTrafficOpen(family)) {
          std::vector<const ExposedRange*> all;
          for (const ExposedRange& range : exposure.ranges) {
            if (range.family == family && range.protocol.IsAll()) all.push_back(&range);
          }
          report.AddAllTraffic(Combine(all, Protocol::All(), family));
          continue;
        }
        for (Protocol protocol : {Protocol::Tcp(), Protocol::Udp()}) {
          if (!exposure.EveryPortOpen(protocol, family)) continue;
          std::vector<const ExposedRange*> ranges;
          for (const ExposedRange& range : exposure.ranges) {
            if (range.family == family && range.protocol == protocol) ranges.push_back(&range);
          }
          report.Add(Combine(ranges, protocol, family), model::PortSet::Full());
        }
      }
      report.Emit(group, sink, [](const ExposureReport::Entry& entry) {
        return "allows " + entry.PortsText() + " from " + entry.SourcesText();
      });
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgAllPortsOpenToInternet() {
  return std::make_unique<SgAllPortsOpenToInternet>();
}

}  // namespace netlint::rules
