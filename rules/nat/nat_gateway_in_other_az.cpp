// NAT001: a subnet routes to a zonal NAT gateway in another Availability Zone.

#include <algorithm>

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NAT001",
      .name = "nat-gateway-in-other-az",
      .category = "nat",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Subnet routes to a NAT gateway in another Availability Zone",
      .rationale =
          "A zonal NAT gateway lives in one Availability Zone. Subnets of other zones that route "
          "to it pay cross-zone data transfer on every byte they send or fetch, and lose their "
          "egress whenever that one zone has trouble, so the zone independence the workloads "
          "were spread for is gone. AWS recommends a NAT gateway in each Availability Zone, "
          "with each zone's private route table pointing at its own; a regional NAT gateway "
          "does this by itself.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
  {"SubnetId": "subnet-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.11.0/24", "AvailabilityZone": "eu-west-1b"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f6071b"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f6071a", "State": "active"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "SubnetId": "subnet-0a1b2c3d4e5f6071a", "State": "available"}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1b"},
  {"SubnetId": "subnet-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "CidrBlock": "10.0.11.0/24", "AvailabilityZone": "eu-west-1b"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": false, "SubnetId": "subnet-0a1b2c3d4e5f6071b"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f6071a", "State": "active"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "SubnetId": "subnet-0a1b2c3d4e5f6071a", "State": "available"}]})",
      .exceptions =
          "Regional NAT gateways (AvailabilityMode regional) serve every zone from the zone "
          "itself and are exempt. Every active route of the subnet's effective route table "
          "(its explicit association, else the VPC's main table) that targets a zonal NAT "
          "gateway is judged, public or private NAT gateway alike: usually the default route, "
          "but private NAT gateways are often reached by narrower routes to other networks. "
          "Nothing is said when a zone is unknown (the NAT gateway's subnet is not in the "
          "input, or a subnet has no zone), or when the NAT gateway is deleted or failed "
          "(RT004 reports that route). Zones are compared by zone id when both sides have one, "
          "else by name.",
      .fix =
          "Give each Availability Zone its own NAT gateway in a public subnet of that zone, and "
          "point the route table of each private subnet at the NAT gateway of its own zone (one "
          "route table per zone). Alternatively switch to a regional NAT gateway, which serves "
          "every zone.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html",
                     "https://aws.amazon.com/vpc/pricing/"},
  };
  return meta;
}

bool SameZone(const model::Subnet& a, const model::Subnet& b) {
  if (!a.availability_zone_id.empty() && !b.availability_zone_id.empty()) {
    return a.availability_zone_id == b.availability_zone_id;
  }
  return a.availability_zone == b.availability_zone;
}

bool ZoneKnown(const model::Subnet& subnet) {
  return !subnet.availability_zone.empty() || !subnet.availability_zone_id.empty();
}

std::string ZoneText(const model::Subnet& subnet) {
  return subnet.availability_zone.empty() ? subnet.availability_zone_id : subnet.availability_zone;
}

class NatGatewayInOtherAz final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const model::Network& network = context.network;
    for (const model::Subnet& subnet : network.subnets) {
      if (!ZoneKnown(subnet)) continue;
      const model::RouteTableBinding binding = context.topology.RouteTableFor(subnet);
      if (binding.table == nullptr) continue;
      std::vector<const model::NatGateway*> reported;
      for (const model::Route& route : binding.table->routes) {
        if (route.state != model::RouteState::kActive ||
            route.target_kind != model::RouteTargetKind::kNatGateway) {
          continue;
        }
        const model::NatGateway* nat =
            network.FindNatGateway(route.target_id, binding.table->scope);
        if (nat == nullptr || !nat->IsLive() || nat->regional) continue;
        if (std::find(reported.begin(), reported.end(), nat) != reported.end()) continue;
        const model::Subnet* nat_subnet = network.FindSubnet(nat->subnet_id, nat->scope);
        if (nat_subnet == nullptr || !ZoneKnown(*nat_subnet) || SameZone(subnet, *nat_subnet)) {
          continue;
        }
        reported.push_back(nat);
        Report(subnet, route, *binding.table, *nat, *nat_subnet, network, sink);
      }
    }
  }

 private:
  // A live zonal NAT gateway of the same VPC and connectivity in the subnet's own zone.
  static const model::NatGateway* NatInZone(const model::Subnet& subnet,
                                            const model::NatGateway& like,
                                            const model::Network& network) {
    for (const model::NatGateway& nat : network.nat_gateways) {
      if (!nat.IsLive() || nat.regional || nat.is_private != like.is_private ||
          nat.vpc_id != like.vpc_id || nat.scope != like.scope) {
        continue;
      }
      const model::Subnet* nat_subnet = network.FindSubnet(nat.subnet_id, nat.scope);
      if (nat_subnet != nullptr && ZoneKnown(*nat_subnet) && SameZone(subnet, *nat_subnet)) {
        return &nat;
      }
    }
    return nullptr;
  }

  static void Report(const model::Subnet& subnet, const model::Route& route,
                     const model::RouteTable& table, const model::NatGateway& nat,
                     const model::Subnet& nat_subnet, const model::Network& network,
                     FindingSink& sink) {
    const std::string zone = ZoneText(subnet);
    const std::string nat_zone = ZoneText(nat_subnet);
    std::string advice;
    if (const model::NatGateway* local = NatInZone(subnet, nat, network)) {
      advice = "; " + local->id + " is in " + zone;
    } else {
      advice = "; no NAT gateway of the VPC is in " + zone;
    }
    Finding& finding = sink.Report(subnet, model::ResourceKind::kSubnet,
                                   "in " + zone + " routes " + route.DestinationText() + " to " +
                                       (nat.is_private ? "private " : "") + "NAT gateway " +
                                       nat.id + " in " + nat_zone + " (route table " + table.id +
                                       "): its traffic crosses Availability Zones, paying "
                                       "cross-zone data transfer and failing when " +
                                       nat_zone + " does" + advice,
                                   route.source);
    finding.related.push_back(
        {nat.id, "NAT gateway in subnet " + nat_subnet.id + " (" + nat_zone + ")", nat.source});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNatGatewayInOtherAz() { return std::make_unique<NatGatewayInOtherAz>(); }

}  // namespace netlint::rules
