// NAT002: a public NAT gateway sits in a subnet whose route table does not send the internet to
// an internet gateway, so nothing it translates ever leaves the VPC.

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NAT002",
      .name = "public-nat-gateway-in-private-subnet",
      .category = "nat",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Public NAT gateway sits in a subnet without an internet-gateway route",
      .rationale =
          "A public NAT gateway forwards what private subnets send it through its own subnet's "
          "route table, which must send the internet to an internet gateway: only there does "
          "its private address become its Elastic IP. Created in a private subnet (an easy slip "
          "when subnets are picked by index, or when the NAT gateway's subnet uses the private "
          "route table that points back at the NAT gateway), it is \"available\" and accepts "
          "traffic, but every connection from the subnets that route to it times out: image "
          "pulls, package installs and API calls fail with nothing in the NAT gateway itself "
          "to show why.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f60718", "State": "active"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "SubnetId": "subnet-0a1b2c3d4e5f60718", "State": "available", "ConnectivityType": "public"}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "SubnetId": "subnet-0a1b2c3d4e5f60718", "State": "available", "ConnectivityType": "public"}]})",
      .exceptions =
          "Private NAT gateways (ConnectivityType private) need no internet gateway and are "
          "exempt, as are regional NAT gateways (they live in no subnet) and NAT gateways that "
          "are deleted, deleting or failed. The subnet counts as public when its effective route "
          "table (its explicit association, else the VPC's main table) has active "
          "internet-gateway routes that together cover every public IPv4 address, so "
          "0.0.0.0/1 plus 128.0.0.0/1 is enough. Nothing is said when the route table is not in "
          "the input, or when the internet goes through a Gateway Load Balancer or firewall "
          "endpoint, a network interface or an instance (an inspection hop may forward it to "
          "an internet gateway). The subnet's own view of the same mistake is RT001, which "
          "names the missing route on the subnet; NAT002 names the NAT gateway whose egress is "
          "dead.",
      .fix =
          "Recreate the public NAT gateway in a public subnet (one whose route table sends "
          "0.0.0.0/0 to an internet gateway) and point the private subnets' routes to the new "
          "gateway; or, if the subnet is meant to be public, add the 0.0.0.0/0 route to the "
          "internet gateway to its route table.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html"},
  };
  return meta;
}

class PublicNatGatewayInPrivateSubnet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::NatGateway& nat : context.network.nat_gateways) {
      if (!nat.IsLive() || nat.is_private || nat.regional || nat.subnet_id.empty()) continue;
      const model::Subnet* subnet = context.network.FindSubnet(nat.subnet_id, nat.scope);
      if (subnet == nullptr) continue;  // IN003 reports the dangling reference
      const SubnetRouting routing = RoutingOf(*subnet, context.topology);
      if (routing.IsPublic(model::IpFamily::kV4) != Tristate::kNo) continue;
      std::string why = routing.MissingRouteText(model::IpFamily::kV4);
      const model::Route* default_route = DefaultRoute(*routing.table, model::IpFamily::kV4);
      if (default_route != nullptr && default_route->target_id == nat.id) {
        why = "sends 0.0.0.0/0 back to this NAT gateway";  // the private table, picked by mistake
      }
      std::string subnet_text = subnet->id;
      if (!subnet->Name().empty()) subnet_text += " (" + std::string(subnet->Name()) + ")";
      Finding& finding = sink.Report(
          nat, model::ResourceKind::kNatGateway,
          "public NAT gateway sits in subnet " + subnet_text +
              ", which is not public: " + routing.TableText() + " " + why +
              "; its egress path is dead, so nothing routed to it reaches the internet");
      finding.related.push_back(
          {routing.table->id,
           std::string(routing.explicit_association ? "associated with " : "used implicitly by ") +
               subnet->id,
           routing.association_source});
      if (default_route != nullptr) {
        finding.related.push_back(
            {routing.table->id,
             "route " + default_route->DestinationText() + " to " + default_route->target_id,
             default_route->source});
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePublicNatGatewayInPrivateSubnet() {
  return std::make_unique<PublicNatGatewayInPrivateSubnet>();
}

}  // namespace netlint::rules
