// RT001: a subnet meant to be public (it hosts an internet-facing load balancer or a public NAT
// gateway, it is named public, it gives instances public addresses) has no route to an internet
// gateway in its effective route table.

#include <string>
#include <vector>

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

using model::IpFamily;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "RT001",
      .name = "public-subnet-without-internet-route",
      .category = "routing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Subnet meant to be public has no route to an internet gateway",
      .rationale =
          "What makes a subnet public is its route table: the internet must go to an internet "
          "gateway. An internet-facing load balancer placed in a subnet without that route is "
          "unreachable in that zone, a public NAT gateway there forwards into nothing, and "
          "instances that get public addresses (MapPublicIpOnLaunch, a \"public\" name) cannot "
          "be reached nor reach out. The mistake is easy to make: a new subnet implicitly uses "
          "the VPC's main table, or is associated with the private table by a wrong index, and "
          "nothing fails until traffic does.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a", "MapPublicIpOnLaunch": true,
  "Tags": [{"Key": "Name", "Value": "web-public-a"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a", "MapPublicIpOnLaunch": true,
  "Tags": [{"Key": "Name", "Value": "web-public-a"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/1", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"},
             {"DestinationCidrBlock": "128.0.0.0/1", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]}]})",
      .exceptions =
          "A subnet is meant to be public when it hosts an internet-facing load balancer or a "
          "live public zonal NAT gateway (error), or when its Name or a tag value says "
          "\"public\" as a word, or it has MapPublicIpOnLaunch on (warning; not when it is "
          "also named private or belongs to a DB or cache subnet group). It is public when the "
          "active internet-gateway routes of its effective route table (explicit association, "
          "else the VPC's main table) together cover every public address of the family: "
          "0.0.0.0/1 plus 128.0.0.0/1 counts, egress-only gateways and NAT gateways do not. "
          "IPv6 is required only of subnets with an IPv6 block that host a dualstack "
          "internet-facing load balancer, or IPv6-only subnets named public; a "
          "dualstack-without-public-ipv4 load balancer needs only IPv6. Nothing is said when "
          "the route table is not in the input, or when the internet goes through a Gateway "
          "Load Balancer or firewall endpoint, a network interface or an instance. RT001 is "
          "the subnet's side of a pair: the same missing route is reported on the load "
          "balancer by LB002 (the zones where it is unreachable) and on the NAT gateway by "
          "NAT002 (its dead egress); RT001 names the route table to fix and every reason the "
          "subnet should be public. Use --ignore RT001 (or LB002, NAT002) for one finding per "
          "cause.",
      .fix =
          "Add a route 0.0.0.0/0 (and ::/0 for IPv6) to the VPC's attached internet gateway in "
          "the route table associated with the subnet, or associate the subnet with the public "
          "route table explicitly. If the subnet is meant to be private, rename it or move the "
          "internet-facing load balancer or NAT gateway to a public subnet.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
                     "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
                     "application-load-balancers.html#subnets-load-balancer"},
  };
  return meta;
}

// One reason a subnet should be public for a family.
struct Intent {
  std::string text;
  bool breaks_something = false;  // a load balancer or NAT gateway depends on it: an error
  std::string giver_id;
  SourceRef giver_source;
};

class PublicSubnetWithoutInternetRoute final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const SubnetRoles roles(context.topology);
    for (const model::Subnet& subnet : context.network.subnets) {
      std::vector<Intent> v4;
      std::vector<Intent> v6;
      CollectIntents(subnet, roles, v4, v6);
      if (v4.empty() && v6.empty()) continue;
      const SubnetRouting routing = RoutingOf(subnet, context.topology);
      if (!v4.empty() && routing.IsPublic(IpFamily::kV4) == Tristate::kNo) {
        Report(subnet, routing, IpFamily::kV4, v4, sink);
      }
      if (!v6.empty() && routing.IsPublic(IpFamily::kV6) == Tristate::kNo) {
        Report(subnet, routing, IpFamily::kV6, v6, sink);
      }
    }
  }

 private:
  static void CollectIntents(const model::Subnet& subnet, const SubnetRoles& roles,
                             std::vector<Intent>& v4, std::vector<Intent>& v6) {
    const bool has_v6_block = !subnet.cidrs_v6.empty();
    for (const SubnetRole& role : roles.Of(subnet)) {
      switch (role.kind) {
        case SubnetRoleKind::kInternetFacingLoadBalancer: {
          const auto& lb = *static_cast<const model::LoadBalancer*>(role.giver);
          const bool dualstack = lb.ip_address_type.starts_with("dualstack");
          if (lb.ip_address_type != "dualstack-without-public-ipv4" && !subnet.ipv6_native) {
            v4.push_back({"hosts " + role.description, true, lb.id, lb.source});
          }
          if (dualstack && has_v6_block) {
            v6.push_back(
                {"hosts " + lb.ip_address_type + " " + role.description, true, lb.id, lb.source});
          }
          break;
        }
        case SubnetRoleKind::kPublicNatGateway:
          v4.push_back({"hosts " + role.description, true, role.giver->id, role.giver->source});
          break;
        case SubnetRoleKind::kNamedPublic:
          if (subnet.ipv6_native) {
            v6.push_back({role.description, false, {}, {}});
          } else {
            v4.push_back({role.description, false, {}, {}});
          }
          break;
        default:
          break;
      }
    }
    // MapPublicIpOnLaunch is often left on by templates; it only states intent when nothing
    // says the subnet is private.
    const bool private_role = roles.Has(subnet, SubnetRoleKind::kNamedPrivate) ||
                              roles.Has(subnet, SubnetRoleKind::kDbSubnetGroup) ||
                              roles.Has(subnet, SubnetRoleKind::kCacheSubnetGroup);
    if (subnet.map_public_ip_on_launch.value_or(false) && !private_role && !subnet.ipv6_native) {
      v4.push_back({"MapPublicIpOnLaunch is true", false, subnet.id,
                    subnet.source.Child("MapPublicIpOnLaunch")});
    }
  }

  static void Report(const model::Subnet& subnet, const SubnetRouting& routing, IpFamily family,
                     const std::vector<Intent>& intents, FindingSink& sink) {
    std::string reasons;
    bool breaks_something = false;
    for (const Intent& intent : intents) {
      if (!reasons.empty()) reasons += "; ";
      reasons += intent.text;
      breaks_something = breaks_something || intent.breaks_something;
    }
    const std::string family_text = family == IpFamily::kV4 ? "" : " for IPv6";
    const model::Route* default_route = DefaultRoute(*routing.table, family);
    // The default route is the line to change; without one, the association decides the table.
    const SourceRef location =
        default_route != nullptr ? default_route->source : routing.association_source;
    Finding& finding =
        sink.Report(subnet, model::ResourceKind::kSubnet,
                    "is meant to be public" + family_text + " (" + reasons + ") but " +
                        routing.TableText() + " " + routing.MissingRouteText(family),
                    location);
    finding.severity = breaks_something ? Severity::kError : Severity::kWarning;
    if (default_route != nullptr) {
      finding.related.push_back(
          {routing.table->id,
           std::string(routing.explicit_association ? "associated with " : "used implicitly by ") +
               subnet.id,
           routing.association_source});
    } else if (!routing.explicit_association) {
      finding.related.push_back({routing.table->id,
                                 "the VPC's main route table, used implicitly by " + subnet.id,
                                 routing.table->source});
    }
    for (const Intent& intent : intents) {
      if (intent.giver_id.empty()) continue;
      finding.related.push_back({intent.giver_id, intent.text, intent.giver_source});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePublicSubnetWithoutInternetRoute() {
  return std::make_unique<PublicSubnetWithoutInternetRoute>();
}

}  // namespace netlint::rules
