// SG004: any other port open to the internet, judged in context: the listener ports of a group
// that only internet-facing load balancers carry are their purpose, not a finding.

#include <algorithm>
#include <span>
#include <string>
#include <vector>

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
          "balancers (and their network interfaces): that is what a public load balancer is for. "
          "When those load balancers' listeners are not in the input, ports 80 and 443 are exempt "
          "and other ports are reported. A group that is also attached to an instance, task, "
          "interface or internal load balancer gets no exemption, and its findings name what "
          "carries it. Administration ports (SG001), data and plaintext ports (SG002) and groups "
          "that open every protocol or every port of TCP or UDP (SG003) are reported by those "
          "rules, not again here. This rule skips their default port lists: changing the "
          "admin-ports or sensitive-ports options of SG001 and SG002 does not change what this "
          "rule reports (yet). ICMP and protocols without ports are not judged here.",
      .fix =
          "Remove the rule or narrow its source: admit the port from the load balancer's "
          "security group if the workload sits behind one, or from the specific address ranges "
          "that need it. If the workload really must serve the internet directly on that port, "
          "put it behind an internet-facing load balancer instead.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html",
           "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18",
           "https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html"},
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

// How a carrier of the group is named in a message: "instance i-...", "internal load balancer
// back", "network interface eni-... of instance i-...".
std::string DescribeCarrier(const model::SgUser& user) {
  if (user.kind == model::ResourceKind::kLoadBalancer) {
    const auto* lb = static_cast<const model::LoadBalancer*>(user.resource);
    const std::string_view scheme = !lb->internet_facing ? "load balancer"
                                    : *lb->internet_facing ? "internet-facing load balancer"
                                                           : "internal load balancer";
    return std::string(scheme) + " " + (lb->name.empty() ? lb->id : lb->name);
  }
  std::string text = std::string(model::ResourceKindNoun(user.kind)) + " " + user.resource->id;
  if (user.kind == model::ResourceKind::kNetworkInterface) {
    const auto* eni = static_cast<const model::NetworkInterface*>(user.resource);
    if (eni->owner == model::InterfaceOwner::kInstance && !eni->owner_ref.empty()) {
      text += " of instance " + eni->owner_ref;
    }
  }
  return text;
}

// Whether a load balancer node's interface belongs to a load balancer among the carriers (its
// description names "app/<name>/<id>", the end of the load balancer's ARN).
bool BelongsToDescribedLoadBalancer(const model::NetworkInterface& eni,
                                    std::span<const model::SgUser> users) {
  if (eni.owner != model::InterfaceOwner::kLoadBalancer || eni.owner_ref.empty()) return false;
  return std::any_of(users.begin(), users.end(), [&](const model::SgUser& user) {
    if (user.kind != model::ResourceKind::kLoadBalancer) return false;
    const std::string& arn = user.resource->id;
    return arn.size() >= eni.owner_ref.size() &&
           arn.compare(arn.size() - eni.owner_ref.size(), eni.owner_ref.size(), eni.owner_ref) ==
               0;
  });
}

// For a group that an internet-facing load balancer carries together with something else, the
// carriers: the reason its listener ports are not exempt. Empty otherwise.
std::string MixedCarriersText(const model::SecurityGroup& group, const model::Topology& topology) {
  const auto users = topology.UsersOf(group);
  const bool has_public_lb = std::any_of(users.begin(), users.end(), [](const model::SgUser& user) {
    return user.kind == model::ResourceKind::kLoadBalancer &&
           static_cast<const model::LoadBalancer*>(user.resource)->internet_facing.value_or(false);
  });
  if (!has_public_lb) return {};
  // An interface adds nothing to the load balancer or instance it belongs to when that one
  // carries the group too.
  std::vector<std::string_view> instances;
  for (const model::SgUser& user : users) {
    if (user.kind == model::ResourceKind::kInstance) instances.push_back(user.resource->id);
  }
  auto redundant = [&](const model::SgUser& user) {
    if (user.kind != model::ResourceKind::kNetworkInterface) return false;
    const auto* eni = static_cast<const model::NetworkInterface*>(user.resource);
    return BelongsToDescribedLoadBalancer(*eni, users) ||
           (eni->owner == model::InterfaceOwner::kInstance &&
            std::find(instances.begin(), instances.end(), eni->owner_ref) != instances.end());
  };
  // Load balancers first (they are why the exemption was considered), then the rest.
  std::vector<std::string> carriers;
  for (const bool load_balancers : {true, false}) {
    for (const model::SgUser& user : users) {
      if ((user.kind == model::ResourceKind::kLoadBalancer) != load_balancers) continue;
      if (redundant(user)) continue;
      std::string carrier = DescribeCarrier(user);
      if (std::find(carriers.begin(), carriers.end(), carrier) == carriers.end()) {
        carriers.push_back(std::move(carrier));
      }
    }
  }
  constexpr std::size_t kMaxNamed = 4;
  std::string text = "; carried by ";
  for (std::size_t i = 0; i < carriers.size(); ++i) {
    if (i == kMaxNamed) {
      text += " and " + std::to_string(carriers.size() - kMaxNamed) + " more";
      break;
    }
    if (i > 0) text += i + 1 == carriers.size() ? " and " : ", ";
    text += carriers[i];
  }
  return text;
}

// Context appended to a group's findings: the listener ports of the internet-facing load
// balancers that alone carry it, or every carrier when such a load balancer shares it.
std::string ContextText(const model::SecurityGroup& group, const LoadBalancerContext& lbs,
                        const model::Topology& topology) {
  if (lbs.only_internet_facing_lbs) {
    if (lbs.listeners_unknown) return {};
    return "; the load balancers carrying it listen on " +
           (lbs.listener_ports.Empty() ? std::string("no port")
                                       : model::DescribePortSet(lbs.listener_ports));
  }
  return MixedCarriersText(group, topology);
}

class SgPortOpenToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    ReportInternetOpenPorts(context, sink, PortsOtherRulesOwn().Complement(),
                            [&](const model::SecurityGroup& group, const LoadBalancerContext& lbs) {
                              return ContextText(group, lbs, context.topology);
                            });
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgPortOpenToInternet() {
  return std::make_unique<SgPortOpenToInternet>();
}

}  // namespace netlint::rules
