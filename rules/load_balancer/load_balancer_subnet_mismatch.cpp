// LB002: an internet-facing load balancer in subnets that are not public (it is unreachable in
// their zones), or an internal load balancer in public subnets.

#include <algorithm>
#include <string>
#include <vector>

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

using model::IpFamily;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "LB002",
      .name = "load-balancer-subnet-mismatch",
      .category = "load-balancer",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary =
          "Internet-facing load balancer in a subnet that is not public, or internal "
          "load balancer in a public subnet",
      .rationale =
          "An internet-facing load balancer gets a public address in every subnet it is given, "
          "and DNS hands those addresses to clients; in a subnet whose route table does not "
          "send the internet to an internet gateway, that node can neither be reached nor "
          "answer, so a share of all connections (one zone's worth) time out while health "
          "checks stay green. An internal load balancer belongs in private subnets: placed in "
          "public ones it takes their addresses and blurs the boundary between the tiers that "
          "the subnets were meant to draw.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
  {"SubnetId": "subnet-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1b"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f6071a"}],
   "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]},
  {"RouteTableId": "rtb-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "Associations": [{"Main": true}],
   "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188",
  "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "AvailabilityZones": [{"ZoneName": "eu-west-1a", "SubnetId": "subnet-0a1b2c3d4e5f6071a"},
                        {"ZoneName": "eu-west-1b", "SubnetId": "subnet-0a1b2c3d4e5f6071b"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
  {"SubnetId": "subnet-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1b"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f6071a"},
                    {"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f6071b"}],
   "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]},
  {"RouteTableId": "rtb-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "Associations": [{"Main": true}],
   "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188",
  "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "AvailabilityZones": [{"ZoneName": "eu-west-1a", "SubnetId": "subnet-0a1b2c3d4e5f6071a"},
                        {"ZoneName": "eu-west-1b", "SubnetId": "subnet-0a1b2c3d4e5f6071b"}]}]})",
      .exceptions =
          "Internet-facing load balancers need IPv4 internet routes in every subnet (IPv6 ones "
          "too when dualstack; only IPv6 when dualstack-without-public-ipv4); an internal load "
          "balancer is reported (warning) when a subnet is public for IPv4, or for IPv6 when "
          "the subnet has an IPv6 block. A subnet is public when the active internet-gateway "
          "routes of its effective route table (explicit association, else the VPC's main "
          "table) together cover every public address of the family: 0.0.0.0/1 plus "
          "128.0.0.0/1 counts, egress-only and NAT gateways do not. Gateway Load Balancers and "
          "load balancers whose scheme is unknown are not judged; subnets whose route table is "
          "not in the input, or that send the internet through a Gateway Load Balancer or "
          "firewall endpoint or an appliance (an inspection design), are not judged either. "
          "LB002 is the load balancer's side of a pair: RT001 reports the same subnets on the "
          "subnet, naming the route table to fix; LB002 names the zones where the load "
          "balancer is unreachable, once per load balancer.",
      .fix =
          "Put an internet-facing load balancer into public subnets (route 0.0.0.0/0 to an "
          "internet gateway) and an internal one into private subnets. A load balancer's scheme "
          "cannot change: create a new one with the right scheme and subnets, move listeners "
          "and DNS to it, then delete the old one.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
                     "application-load-balancers.html#subnets-load-balancer",
                     "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/"
                     "network-load-balancers.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html"},
  };
  return meta;
}

class LoadBalancerSubnetMismatch final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::LoadBalancer& lb : context.network.load_balancers) {
      if (lb.type == model::LoadBalancerType::kGateway || !lb.internet_facing) continue;
      std::vector<IpFamily> needed;  // internet-facing: families that must be public
      if (lb.ip_address_type != "dualstack-without-public-ipv4") needed.push_back(IpFamily::kV4);
      if (lb.ip_address_type.starts_with("dualstack")) needed.push_back(IpFamily::kV6);
      std::vector<std::string> zones;
      std::vector<std::string> problems;
      std::vector<Related> related;
      std::vector<IpFamily> failed_families;  // internet-facing: families some subnet lacks
      for (const model::LoadBalancerSubnet& entry : lb.subnets) {
        const model::Subnet* subnet = context.network.FindSubnet(entry.subnet_id, lb.scope);
        if (subnet == nullptr) continue;  // IN003 reports the dangling reference
        const SubnetRouting routing = RoutingOf(*subnet, context.topology);
        const std::string zone =
            entry.availability_zone.empty() ? subnet->availability_zone : entry.availability_zone;
        std::string problem;
        if (*lb.internet_facing) {
          for (const IpFamily family : needed) {
            if (family == IpFamily::kV6 && subnet->cidrs_v6.empty()) continue;
            if (routing.IsPublic(family) != Tristate::kNo) continue;
            if (std::find(failed_families.begin(), failed_families.end(), family) ==
                failed_families.end()) {
              failed_families.push_back(family);
            }
            if (!problem.empty()) problem += ", and ";
            problem += routing.MissingRouteText(family);
          }
          if (problem.empty()) continue;
          problem = subnet->id + " (" + zone + "): " + routing.TableText() + " " + problem;
        } else {
          std::string routes;
          for (const IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
            const bool applies =
                family == IpFamily::kV4 ? !subnet->ipv6_native : !subnet->cidrs_v6.empty();
            if (!applies || routing.IsPublic(family) != Tristate::kYes) continue;
            if (!routes.empty()) routes += " and ";
            routes += routing.GatewayRoutesText(family);
          }
          if (routes.empty()) continue;
          problem = subnet->id + " (" + zone + "): " + routing.TableText() + " sends " + routes;
        }
        if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
        problems.push_back(problem);
        related.push_back(
            {subnet->id, std::string(*lb.internet_facing ? "not public" : "public") + " in " + zone,
             routing.association_source});
      }
      if (problems.empty()) continue;
      std::string listed;
      for (const std::string& problem : problems) {
        if (!listed.empty()) listed += "; ";
        listed += problem;
      }
      std::string zone_list;
      for (std::size_t i = 0; i < zones.size(); ++i) {
        if (i > 0) zone_list += i + 1 == zones.size() ? " and " : ", ";
        zone_list += zones[i];
      }
      std::string message;
      if (*lb.internet_facing) {
        // Only when every failure is IPv6 is the load balancer still reachable over IPv4.
        const bool ipv6_only = failed_families.size() == 1 && failed_families[0] == IpFamily::kV6;
        const std::size_t total = lb.subnets.size();
        std::string which;
        if (total == 1) {
          which = "its only subnet is not";
        } else if (problems.size() == total) {
          which = "none of its " + std::to_string(total) + " subnets is";
        } else {
          which = std::to_string(problems.size()) + " of its " + std::to_string(total) +
                  (problems.size() == 1 ? " subnets is not" : " subnets are not");
        }
        message = "is internet-facing but " + which + " public" + (ipv6_only ? " for IPv6" : "") +
                  ", so it is unreachable from the internet" + (ipv6_only ? " over IPv6" : "") +
                  " in " + zone_list + ": " + listed;
      } else {
        message = "is internal but sits in public " +
                  std::string(problems.size() == 1 ? "subnet " : "subnets ") + listed;
      }
      Finding& finding = sink.Report(lb, model::ResourceKind::kLoadBalancer, message);
      if (!lb.name.empty()) finding.resource_name = lb.name;
      if (!*lb.internet_facing) finding.severity = Severity::kWarning;
      finding.related = std::move(related);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeLoadBalancerSubnetMismatch() {
  return std::make_unique<LoadBalancerSubnetMismatch>();
}

}  // namespace netlint::rules
