// SG004: any other port open to the internet, judged in context: the listener ports of a group
// that only internet-facing load balancers carry are their purpose, not a finding.

#include "rules/common/exposure.h"
#include "rules/common/port_sets.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG004",
      .name = "sg-port-open-to-internet",
      .category = "security-group",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group opens a port to the internet that is not a public load "
                 "balancer's listener",
      .rationale =
          "The intended entry points of a network are its internet-facing load balancers. A "
          "security group that admits the whole internet on some other port exposes whatever "
          "listens there on every instance, task or interface that carries it: application "
          "ports meant for the load balancer, debug endpoints, metrics exporters. Put the "
          "service behind the load balancer and admit only the load balancer's group.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0app0000000000001", "GroupName": "app",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8443, "ToPort": 8443,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0alb0000000000001", "GroupName": "alb",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef",
  "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "SecurityGroups": ["sg-0alb0000000000001"]}],
 "Listeners": [{"ListenerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/0123456789abcdef/0123456789abcdef",
  "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef",
  "Port": 443, "Protocol": "HTTPS"}]})",
      .exceptions =
          "No finding for the listener ports of a group carried only by internet-facing load "
          "balancers (and their network interfaces): that is what a public load balancer is "
          "for. When those load balancers' listeners are not in the input, ports 80 and 443 are "
          "exempt and other ports are reported. A group that is also attached to an instance, "
          "task or internal load balancer gets no exemption. Administration ports (SG001), data "
          "and plaintext ports (SG002) and groups that open every port (SG003) are reported by "
          "those rules, not again here; this rule uses their default port lists. ICMP and "
          "protocols without ports are not judged here.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html",
           "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"},
  };
  return meta;
}

model::PortSet PortsOtherRulesOwn() {
  model::PortSet owned;
  for (std::string_view list : {kDefaultAdminPorts, kDefaultSensitivePorts}) {
    owned.Add(ParsePortList(list));
  }
  return owned;
}

class SgPortOpenToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    ReportInternetOpenPorts(
        context, sink, PortsOtherRulesOwn().Complement(), [](const LoadBalancerContext& lbs) {
          if (!lbs.only_internet_facing_lbs || lbs.listeners_unknown) return std::string();
          return "; the load balancers carrying it listen on " +
                 (lbs.listener_ports.Empty() ? std::string("no port")
                                             : model::DescribePortSet(lbs.listener_ports));
        });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgPortOpenToInternet() {
  return std::make_unique<SgPortOpenToInternet>();
}

}  // namespace netlint::rules
