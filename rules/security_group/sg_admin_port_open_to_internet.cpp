// SG001: administration ports (SSH, RDP, WinRM, VNC) open to the internet.

#include "rules/common/exposure.h"
#include "rules/common/port_sets.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG001",
      .name = "sg-admin-port-open-to-internet",
      .category = "security-group",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group opens an administration port (SSH, RDP, WinRM, VNC) to the "
                 "internet",
      .rationale =
          "Remote administration services are the most scanned and brute-forced ports on the "
          "internet. A security group that admits them from every address exposes every "
          "instance that carries it as soon as the instance has a public IP address or sits "
          "behind an internet-facing network load balancer. Reach administration hosts through "
          "Session Manager, a VPN or a bastion that admits only known ranges.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0bastion0000000001", "GroupName": "bastion",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0bastion0000000001", "GroupName": "bastion",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                     "IpRanges": [{"CidrIp": "203.0.113.0/28", "Description": "office"}]}]}]})",
      .exceptions =
          "Rules that open every protocol, or every port of TCP or UDP, to the internet are "
          "reported once, by SG003. A group "
          "carried only by internet-facing load balancers may open their listener ports (an "
          "NLB that forwards SSH to a Git server is intended). Sources are merged with set "
          "semantics: 0.0.0.0/1 plus 128.0.0.0/1 is the internet; private ranges such as "
          "10.0.0.0/8 never are. Prefix lists count with their entries; when their entries are "
          "not in the input the rule says nothing about them (IN004 reports the gap).",
      .fix =
          "Delete the rule that opens the administration port to 0.0.0.0/0 or ::/0. Reach "
          "instances through SSM Session Manager (no inbound port at all) or, if you must, a "
          "bastion or VPN whose security group you reference as the only source, or the "
          "specific office addresses.",
      .options = {{"admin-ports", "ports", kDefaultAdminPorts,
                   "ports treated as remote administration (TCP and UDP)"}},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13"},
  };
  return meta;
}

class SgAdminPortOpenToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    ReportInternetOpenPorts(context, sink, context.options.Ports("admin-ports"));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgAdminPortOpenToInternet() {
  return std::make_unique<SgAdminPortOpenToInternet>();
}

}  // namespace netlint::rules
