// DATA002: a DB or cache subnet group contains public subnets.

#include <string>
#include <vector>

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

using model::IpFamily;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "DATA002",
      .name = "data-subnet-group-has-public-subnet",
      .category = "data",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "DB or cache subnet group contains public subnets",
      .rationale =
          "RDS and ElastiCache place nodes in any subnet of their subnet group, and move them "
          "there on failover, scaling or maintenance. A public subnet in the group (one whose "
          "route table sends the internet to an internet gateway) means a database or cache can "
          "land where a single publicly accessible flag or security group rule exposes it to "
          "the internet, and the data tier no longer has the network boundary it was designed "
          "with. Subnet groups should hold only private subnets.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.20.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]}],
 "DBSubnetGroups": [{"DBSubnetGroupName": "orders-db", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Subnets": [{"SubnetIdentifier": "subnet-0a1b2c3d4e5f60718"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.20.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f60718", "State": "active"}]}],
 "DBSubnetGroups": [{"DBSubnetGroupName": "orders-db", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Subnets": [{"SubnetIdentifier": "subnet-0a1b2c3d4e5f60718"}]}]})",
      .exceptions =
          "Groups come from describe-db-subnet-groups and describe-cache-subnet-groups, and from "
          "the group describe-db-instances embeds when the group itself is not in the input "
          "(the finding is then on the first DB instance using it). A subnet is public when "
          "the active internet-gateway routes of its effective route table (explicit "
          "association, else the VPC's main table) together cover every public IPv4 address, "
          "or every public IPv6 address for a subnet with an IPv6 block; NAT gateways and "
          "egress-only internet gateways never make it public. Subnets whose route table is "
          "not in the input, or that send the internet through a Gateway Load Balancer or "
          "firewall endpoint or an appliance, are not judged. RT002 reports each such subnet "
          "with its route (the routing to fix); DATA002 reports each group once (the group to "
          "fix).",
      .fix =
          "Remove the public subnets from the DB or cache subnet group and add private subnets "
          "of the same Availability Zones (subnets whose route table sends the internet to a "
          "NAT gateway or nowhere, never to an internet gateway). Create a new subnet group if "
          "the current one is shared, and move the database or cache to it.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                     "USER_VPC.WorkingWithRDSInstanceinaVPC.html",
                     "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SubnetGroups.html"},
  };
  return meta;
}

class DataSubnetGroupHasPublicSubnet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const DataSubnetGroup& group : DataSubnetGroups(context.network)) {
      std::vector<Related> public_subnets;
      std::string listed;
      for (const model::Subnet* subnet : group.subnets) {
        const SubnetRouting routing = RoutingOf(*subnet, context.topology);
        std::string routes;
        const model::Route* first = nullptr;
        for (const IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
          const bool applies =
              family == IpFamily::kV4 ? !subnet->ipv6_native : !subnet->cidrs_v6.empty();
          if (!applies || routing.IsPublic(family) != Tristate::kYes) continue;
          if (!routes.empty()) routes += " and ";
          routes += routing.GatewayRoutesText(family);
          if (first == nullptr) first = routing.Of(family).routes.front();
        }
        if (first == nullptr) continue;
        if (!listed.empty()) listed += "; ";
        listed += subnet->id + ": " + routing.TableText() + " sends " + routes;
        public_subnets.push_back(
            {subnet->id, "public: " + routing.TableText() + " sends " + routes, first->source});
      }
      if (public_subnets.empty()) continue;
      const bool db = group.role == SubnetRoleKind::kDbSubnetGroup;
      const std::size_t total = group.subnets.size();
      std::string which;
      if (total == 1) {
        which = "its only subnet is";
      } else {
        which = std::to_string(public_subnets.size()) + " of its " + std::to_string(total) +
                (public_subnets.size() == 1 ? " subnets is" : " subnets are");
      }
      // A group known only from describe-db-instances: the finding is on the instance.
      const std::string subject = group.kind == model::ResourceKind::kDbInstance
                                      ? "in its DB subnet group " + group.name + ", "
                                      : std::string();
      Finding& finding =
          sink.Report(*group.resource, group.kind,
                      subject + which + " public, so " + (db ? "DB instances" : "cache nodes") +
                          " may be placed where the internet can reach them; " + listed,
                      group.resource->source);
      finding.related = std::move(public_subnets);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDataSubnetGroupHasPublicSubnet() {
  return std::make_unique<DataSubnetGroupHasPublicSubnet>();
}

}  // namespace netlint::rules
