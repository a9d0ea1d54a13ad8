// NAT003: subnets route the internet to a NAT gateway whose own way out does not work.

#include <map>

#include "rules/common/path_findings.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NAT003",
      .name = "nat-path-to-internet-broken",
      .category = "nat",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Subnets send internet traffic to a NAT gateway, but the path beyond it does not "
                 "work",
      .rationale =
          "A private subnet's default route to a NAT gateway is only the first hop. The NAT "
          "gateway must be available and public, its own subnet must route the internet to an "
          "attached internet gateway, and the network ACLs of both subnets must pass the "
          "traffic and its replies (the NAT gateway's subnet sees the replies on ports "
          "1024-65535). netlint follows the whole path from a workload in each subnet, "
          "security groups aside, and reports every setting that breaks it, on the route that "
          "sends the subnets there.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e5a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e5a2b3c4d5e6f701", "VpcId": "vpc-0e5a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e5a2b3c4d5e6f702", "VpcId": "vpc-0e5a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "NatGateways": [{"NatGatewayId": "nat-0e5a2b3c4d5e6f701", "VpcId": "vpc-0e5a2b3c4d5e6f701", "SubnetId": "subnet-0e5a2b3c4d5e6f701", "State": "available",
  "NatGatewayAddresses": [{"PrivateIp": "10.0.0.10", "PublicIp": "203.0.113.10"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0e5a2b3c4d5e6f701", "VpcId": "vpc-0e5a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e5a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0e5a2b3c4d5e6f701", "State": "active"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e5a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e5a2b3c4d5e6f701", "VpcId": "vpc-0e5a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e5a2b3c4d5e6f702", "VpcId": "vpc-0e5a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0e5a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0e5a2b3c4d5e6f701", "State": "available"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0e5a2b3c4d5e6f701", "VpcId": "vpc-0e5a2b3c4d5e6f701", "SubnetId": "subnet-0e5a2b3c4d5e6f701", "State": "available",
  "NatGatewayAddresses": [{"PrivateIp": "10.0.0.10", "PublicIp": "203.0.113.10"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0e5a2b3c4d5e6f701", "VpcId": "vpc-0e5a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e5a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0e5a2b3c4d5e6f701", "State": "active"}]},
  {"RouteTableId": "rtb-0e5a2b3c4d5e6f702", "VpcId": "vpc-0e5a2b3c4d5e6f701",
  "Associations": [{"Main": false, "SubnetId": "subnet-0e5a2b3c4d5e6f701", "RouteTableId": "rtb-0e5a2b3c4d5e6f702"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0e5a2b3c4d5e6f701", "State": "active"}]}]})",
      .exceptions =
          "Private NAT gateways (no internet by design) and NAT gateways that no longer exist "
          "(RT004 reports the blackhole route) are skipped. Security groups are not part of "
          "this check: whether a given workload's group lets it out is a question for ECS001 "
          "or `netlint reach`. A NAT gateway in a subnet without an internet route is also "
          "NAT002's finding, on the NAT gateway; NAT003 reports the subnets that depend on it.",
      .fix =
          "Fix the part of the path after the NAT gateway that the finding names: the NAT "
          "gateway's subnet needs a 0.0.0.0/0 route to an attached internet gateway, an Elastic "
          "IP, and network ACLs that let the traffic out and the replies back in (inbound tcp "
          "1024-65535).",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html"},
  };
  return meta;
}

class NatPathToInternetBroken final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    const model::Network& network = context.network;
    struct Group {
      const model::RouteTable* table = nullptr;
      const model::Route* route = nullptr;
      const model::NatGateway* nat = nullptr;
      std::vector<const model::Subnet*> subnets;
    };
    std::map<const model::Route*, Group> groups;
    for (const model::Subnet& subnet : network.subnets) {
      const model::RouteTable* table = context.topology.RouteTableFor(subnet).table;
      if (table == nullptr) continue;
      const model::Route* route = DefaultRoute(*table, model::IpFamily::kV4);
      if (route == nullptr || route->target_kind != model::RouteTargetKind::kNatGateway) continue;
      const model::NatGateway* nat = network.FindNatGateway(route->target_id, table->scope);
      if (nat == nullptr || nat->is_private || !nat->IsLive()) continue;
      Group& group = groups[route];
      group.table = table;
      group.route = route;
      group.nat = nat;
      group.subnets.push_back(&subnet);
    }
    for (const auto& [route, group] : groups) {
      std::vector<const model::Subnet*> broken;
      std::optional<reach::PathResult> nearest;
      for (const model::Subnet* subnet : group.subnets) {
        const auto answer_shared = context.reachability->QueryShared(
            reach::Endpoint::Resource(model::ResourceKind::kSubnet, *subnet),
            reach::Endpoint::Internet(), reach::FlowSpec{});
        const reach::Answer& answer = *answer_shared;
        // The path through this NAT gateway, whatever the other candidates do.
        const std::string via = "NAT gateway " + group.nat->id;
        const reach::PathResult* through_nat = nullptr;
        for (const auto* paths : {&answer.paths, &answer.alternatives}) {
          for (const reach::PathResult& path : *paths) {
            if (through_nat == nullptr && path.via == via) through_nat = &path;
          }
        }
        if (through_nat == nullptr || through_nat->verdict != reach::Verdict::kBlocked) continue;
        broken.push_back(subnet);
        if (!nearest) nearest = *through_nat;
      }
      if (broken.empty()) continue;
      std::string subnets;
      for (const model::Subnet* subnet : broken) {
        if (!subnets.empty()) subnets += ", ";
        subnets += subnet->id;
      }
      Finding& finding = sink.Report(
          *group.table, model::ResourceKind::kRouteTable,
          "sends the internet traffic of " + subnets + " to " + group.nat->id +
              ", but the path to the internet beyond it is broken: it goes " +
              BlockedSummary(*nearest),
          route->source);
      AttachPath(finding, *nearest, reach::Verdict::kBlocked);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNatPathToInternetBroken() {
  return std::make_unique<NatPathToInternetBroken>();
}

}  // namespace netlint::rules
