// RT002: a subnet that should be private (it holds databases or caches, or is named private) is
// public: its effective route table sends the internet to an internet gateway.

#include <string>
#include <vector>

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

using model::IpFamily;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "RT002",
      .name = "private-subnet-routes-to-internet-gateway",
      .category = "routing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Subnet meant to be private routes the internet to an internet gateway",
      .rationale =
          "Subnets that hold databases and caches, or that their owners named private, are "
          "meant to have no path from the internet. A route to an internet gateway makes them "
          "public: one publicly accessible flag, one public address or one security group rule "
          "away from exposure, with nothing in the network left to stop it. Private subnets "
          "reach the internet through a NAT gateway (IPv4) or an egress-only internet gateway "
          "(IPv6), which allow connections out but not in. The usual cause is a shared or main "
          "route table with an internet route, or a subnet group that picked up public "
          "subnets.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.20.0/24", "AvailabilityZone": "eu-west-1a",
  "Tags": [{"Key": "Name", "Value": "app-private-a"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.20.0/24", "AvailabilityZone": "eu-west-1a",
  "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2001:db8:1234:1a00::/64",
   "Ipv6CidrBlockState": {"State": "associated"}}],
  "Tags": [{"Key": "Name", "Value": "app-private-a"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f60718", "State": "active"},
             {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-0a1b2c3d4e5f60718", "State": "active"}]}]})",
      .exceptions =
          "A subnet is meant to be private when it is in a DB subnet group (from "
          "describe-db-subnet-groups, or embedded in describe-db-instances) or a cache subnet "
          "group (error), or when its Name or a tag value says \"private\" as a word and none "
          "says \"public\" (warning; \"nonpublic\" and \"non-public\" are not \"public\"). It is "
          "public when the active internet-gateway routes of its effective route table "
          "(explicit association, else the VPC's main table) together cover every public "
          "address of a family, so 0.0.0.0/1 plus 128.0.0.0/1 counts; NAT gateways and "
          "egress-only internet gateways never make a subnet public. IPv6 routes count only "
          "for subnets with an IPv6 block, and IPv4 routes not for IPv6-only subnets. Nothing "
          "is said when the route table is not in the input. DATA002 reports the same public "
          "subnets once per DB or cache subnet group (the group to fix); RT002 names the "
          "route and table of each subnet (the routing to fix).",
      .fix =
          "Point the subnet's default route at a NAT gateway instead of the internet gateway, "
          "by associating it with a private route table; keep the internet gateway route only "
          "in the public route table. If the subnet is really meant to be public, rename or "
          "retag it and take it out of DB and cache subnet groups.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
           "https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html",
           "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
           "USER_VPC.WorkingWithRDSInstanceinaVPC.html"},
  };
  return meta;
}

class PrivateSubnetRoutesToInternetGateway final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const SubnetRoles roles(context.topology);
    for (const model::Subnet& subnet : context.network.subnets) {
      std::vector<const SubnetRole*> reasons;
      bool data_tier = false;
      for (const SubnetRole& role : roles.Of(subnet)) {
        const bool data = role.kind == SubnetRoleKind::kDbSubnetGroup ||
                          role.kind == SubnetRoleKind::kCacheSubnetGroup;
        if (data || role.kind == SubnetRoleKind::kNamedPrivate) reasons.push_back(&role);
        data_tier = data_tier || data;
      }
      if (reasons.empty()) continue;
      const SubnetRouting routing = RoutingOf(subnet, context.topology);
      std::vector<IpFamily> public_families;
      if (!subnet.ipv6_native && routing.IsPublic(IpFamily::kV4) == Tristate::kYes) {
        public_families.push_back(IpFamily::kV4);
      }
      if (!subnet.cidrs_v6.empty() && routing.IsPublic(IpFamily::kV6) == Tristate::kYes) {
        public_families.push_back(IpFamily::kV6);
      }
      if (public_families.empty()) continue;
      Report(subnet, routing, reasons, public_families, data_tier, sink);
    }
  }

 private:
  static void Report(const model::Subnet& subnet, const SubnetRouting& routing,
                     const std::vector<const SubnetRole*>& reasons,
                     const std::vector<IpFamily>& families, bool data_tier, FindingSink& sink) {
    std::string why;
    for (const SubnetRole* role : reasons) {
      if (!why.empty()) why += "; ";
      why += role->kind == SubnetRoleKind::kNamedPrivate ? "its " + role->description
                                                         : "it is in " + role->description;
    }
    std::string routes;
    for (const IpFamily family : families) {
      if (!routes.empty()) routes += " and ";
      routes += routing.GatewayRoutesText(family);
    }
    // The first internet-gateway route is the line to change.
    const model::Route* first = routing.Of(families.front()).routes.front();
    Finding& finding =
        sink.Report(subnet, model::ResourceKind::kSubnet,
                    "is meant to be private (" + why + ") but is public: " + routing.TableText() +
                        " sends " + routes,
                    first->source);
    finding.severity = data_tier ? Severity::kError : Severity::kWarning;
    finding.related.push_back(
        {routing.table->id,
         std::string(routing.explicit_association ? "associated with " : "used implicitly by ") +
             subnet.id,
         routing.association_source});
    for (const SubnetRole* role : reasons) {
      if (role->giver == &subnet) continue;
      finding.related.push_back({role->giver->id, role->description, role->giver->source});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePrivateSubnetRoutesToInternetGateway() {
  return std::make_unique<PrivateSubnetRoutesToInternetGateway>();
}

}  // namespace netlint::rules
