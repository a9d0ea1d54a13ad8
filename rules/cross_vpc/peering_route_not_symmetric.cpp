// XVPC003: a route table sends (part of) a subnet of a peered VPC over a peering connection, but
// that subnet's route table does not send the first subnet back over the same connection, so
// replies never return.

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "netlint/reach/route_lookup.h"
#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "XVPC003",
      .name = "peering-route-not-symmetric",
      .category = "cross-vpc",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Route over a VPC peering connection has no return route on the other side",
      .rationale =
          "A peering connection carries traffic only where both VPCs route it: the route table "
          "of the client's subnet must send the server's addresses to the connection, and the "
          "route table of the server's subnet must send the client's addresses back to the "
          "same connection. When only one side has its route, connections time out: the SYN "
          "arrives and the reply is dropped, or sent to a NAT or transit gateway that does not "
          "lead back. Routes are chosen by longest prefix, so a return route can exist and "
          "still lose to a more specific route to somewhere else. netlint checks every subnet "
          "pair a peering route covers, with the same longest-prefix match the reachability "
          "engine uses, and names the route table that lacks the return route.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0c3a00000000000a1", "CidrBlock": "10.1.0.0/16"},
          {"VpcId": "vpc-0c3b00000000000b1", "CidrBlock": "10.2.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0c3a0000000000a1", "VpcId": "vpc-0c3a00000000000a1", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0c3b0000000000b1", "VpcId": "vpc-0c3b00000000000b1", "CidrBlock": "10.2.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-0c3a0000000000001", "Status": {"Code": "active"},
  "RequesterVpcInfo": {"VpcId": "vpc-0c3a00000000000a1", "CidrBlock": "10.1.0.0/16"},
  "AccepterVpcInfo": {"VpcId": "vpc-0c3b00000000000b1", "CidrBlock": "10.2.0.0/16"}}],
 "RouteTables": [{"RouteTableId": "rtb-0c3a0000000000a1", "VpcId": "vpc-0c3a00000000000a1",
   "Associations": [{"Main": true, "RouteTableId": "rtb-0c3a0000000000a1"}],
   "Routes": [{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local", "State": "active"},
              {"DestinationCidrBlock": "10.2.0.0/16", "VpcPeeringConnectionId": "pcx-0c3a0000000000001", "State": "active"}]},
  {"RouteTableId": "rtb-0c3b0000000000b1", "VpcId": "vpc-0c3b00000000000b1",
   "Associations": [{"Main": true, "RouteTableId": "rtb-0c3b0000000000b1"}],
   "Routes": [{"DestinationCidrBlock": "10.2.0.0/16", "GatewayId": "local", "State": "active"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0c3a00000000000a1", "CidrBlock": "10.1.0.0/16"},
          {"VpcId": "vpc-0c3b00000000000b1", "CidrBlock": "10.2.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0c3a0000000000a1", "VpcId": "vpc-0c3a00000000000a1", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0c3b0000000000b1", "VpcId": "vpc-0c3b00000000000b1", "CidrBlock": "10.2.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-0c3a0000000000001", "Status": {"Code": "active"},
  "RequesterVpcInfo": {"VpcId": "vpc-0c3a00000000000a1", "CidrBlock": "10.1.0.0/16"},
  "AccepterVpcInfo": {"VpcId": "vpc-0c3b00000000000b1", "CidrBlock": "10.2.0.0/16"}}],
 "RouteTables": [{"RouteTableId": "rtb-0c3a0000000000a1", "VpcId": "vpc-0c3a00000000000a1",
   "Associations": [{"Main": true, "RouteTableId": "rtb-0c3a0000000000a1"}],
   "Routes": [{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local", "State": "active"},
              {"DestinationCidrBlock": "10.2.0.0/16", "VpcPeeringConnectionId": "pcx-0c3a0000000000001", "State": "active"}]},
  {"RouteTableId": "rtb-0c3b0000000000b1", "VpcId": "vpc-0c3b00000000000b1",
   "Associations": [{"Main": true, "RouteTableId": "rtb-0c3b0000000000b1"}],
   "Routes": [{"DestinationCidrBlock": "10.2.0.0/16", "GatewayId": "local", "State": "active"},
              {"DestinationCidrBlock": "10.1.1.0/24", "VpcPeeringConnectionId": "pcx-0c3a0000000000001", "State": "active"}]}]})",
      .exceptions =
          "Only active peering connections, and only subnets and route tables in the input: a "
          "peered VPC of another account or region that the input does not describe cannot be "
          "checked. A route covers a subnet of the other VPC when, by longest prefix, some of "
          "the subnet's addresses leave the route table through the connection; the return "
          "route must send all of the first subnet's addresses back through the same connection "
          "(a blackhole route, a route to another target, or no route at all are all missing "
          "returns). One finding per route table, peering connection and route table of the "
          "other side, listing the subnets on both sides. IPv4 and IPv6 are checked "
          "separately. Transit gateways are not judged: their route tables, associations and "
          "propagations are not in the input netlint reads, so symmetry across them cannot be "
          "decided and netlint says nothing rather than guess.",
      .fix =
          "Add the return route in the other VPC's route table: the destination is the block of "
          "the subnets that send traffic, the target is the same peering connection. Peering "
          "routes are not symmetric by themselves, so each side needs its own route.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html",
                     "https://docs.aws.amazon.com/vpc/latest/peering/"
                     "peering-configurations-partial-access.html",
                     "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html"},
  };
  return meta;
}

// The blocks of a subnet of one family.
model::AddressSet SubnetAddresses(const model::Subnet& subnet, model::IpFamily family) {
  model::AddressSet set;
  if (family == model::IpFamily::kV4) {
    if (subnet.cidr_v4) set.Add(*subnet.cidr_v4);
  } else {
    for (const model::Ipv6Prefix& prefix : subnet.cidrs_v6) set.Add(prefix);
  }
  return set;
}

// The addresses of `destinations` that `table` sends to `peering_id`.
model::AddressSet RoutedTo(const model::RouteTable& table, const model::AddressSet& destinations,
                           const std::string& peering_id, const model::Topology& topology) {
  model::AddressSet routed;
  for (const reach::RouteShare& share : reach::LookupRoutes(table, destinations, topology)) {
    if (share.route != nullptr && share.route->state == model::RouteState::kActive &&
        share.route->target_kind == model::RouteTargetKind::kVpcPeering &&
        share.route->target_id == peering_id) {
      routed.Add(share.addresses);
    }
  }
  return routed;
}

// Where a table sends `addresses` instead of the peering: "sends 10.1.1.0/24 to nat-0abc",
// "has no route for 10.1.1.0/24", "has a blackhole route for ...".
std::string Elsewhere(const model::RouteTable& table, const model::AddressSet& addresses,
                      const std::string& peering_id, const model::Topology& topology) {
  std::string text;
  for (const reach::RouteShare& share : reach::LookupRoutes(table, addresses, topology)) {
    const bool right = share.route != nullptr && share.route->state == model::RouteState::kActive &&
                       share.route->target_kind == model::RouteTargetKind::kVpcPeering &&
                       share.route->target_id == peering_id;
    if (right) continue;
    if (!text.empty()) text += ", ";
    if (share.route == nullptr) {
      text += "has no route for " + share.addresses.ToString();
    } else if (share.route->state == model::RouteState::kBlackhole) {
      text += "has a blackhole route " + share.route->DestinationText() + " to " +
              share.route->target_id + " for " + share.addresses.ToString();
    } else {
      text += "sends " + share.addresses.ToString() + " to " + share.route->target_id + " (route " +
              share.route->DestinationText() + ")";
    }
  }
  return text;
}

std::string Join(const std::vector<const model::Subnet*>& subnets) {
  std::string text;
  for (const model::Subnet* subnet : subnets) {
    if (!text.empty()) text += ", ";
    text += subnet->id;
    if (!subnet->Name().empty()) text += " (" + std::string(subnet->Name()) + ")";
  }
  return text;
}

class PeeringRouteNotSymmetric final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::RouteTable& table : context.network.route_tables) {
      CheckTable(context, table, sink);
    }
  }

 private:
  // One finding's worth: route table here, peering, route table there.
  struct Gap {
    const model::Route* route = nullptr;  // the first route of `table` that goes to the peering
    std::vector<const model::Subnet*> here;
    std::vector<const model::Subnet*> there;
    std::string elsewhere;  // what the other table does with the missing addresses
    model::AddressSet missing;
  };

  static void CheckTable(const AnalysisContext& context, const model::RouteTable& table,
                         FindingSink& sink) {
    const model::Network& network = context.network;
    const model::Topology& topology = context.topology;
    const auto here_subnets = topology.SubnetsUsing(table);
    if (here_subnets.empty()) return;
    // Peerings this table routes to, in table order, with their first route.
    std::vector<std::pair<const model::VpcPeering*, const model::Route*>> peerings;
    for (const model::Route& route : table.routes) {
      if (route.target_kind != model::RouteTargetKind::kVpcPeering ||
          route.state != model::RouteState::kActive) {
        continue;
      }
      const model::VpcPeering* peering = network.FindVpcPeering(route.target_id, table.scope);
      if (peering == nullptr || !peering->IsActive()) continue;
      const bool seen = std::any_of(peerings.begin(), peerings.end(),
                                    [&](const auto& entry) { return entry.first == peering; });
      if (!seen) peerings.emplace_back(peering, &route);
    }
    for (const auto& [peering, first_route] : peerings) {
      const model::PeeringSide* other_side = nullptr;
      if (peering->requester.vpc_id == table.vpc_id) {
        other_side = &peering->accepter;
      } else if (peering->accepter.vpc_id == table.vpc_id) {
        other_side = &peering->requester;
      }
      // Not this VPC's connection (IN003-like input problems are not this rule's), or a VPC
      // peered with itself.
      if (other_side == nullptr || other_side->vpc_id == table.vpc_id) continue;
      const model::Vpc* other_vpc = network.FindVpc(other_side->vpc_id, peering->scope);
      if (other_vpc == nullptr) continue;
      // Keyed by the other side's route table, in the order first met.
      std::vector<std::pair<const model::RouteTable*, Gap>> gaps;
      // What each route table of the other side returns of each subnet here, asked once.
      std::map<std::tuple<const model::RouteTable*, const model::Subnet*, model::IpFamily>,
               model::AddressSet>
          returns;
      for (const model::Subnet* there : topology.SubnetsOf(*other_vpc)) {
        const model::RouteTable* back = topology.RouteTableFor(*there).table;
        if (back == nullptr) continue;
        for (const model::IpFamily family : {model::IpFamily::kV4, model::IpFamily::kV6}) {
          const model::AddressSet there_addresses = SubnetAddresses(*there, family);
          if (there_addresses.Empty()) continue;
          if (RoutedTo(table, there_addresses, peering->id, topology).Empty()) continue;
          for (const model::Subnet* here : here_subnets) {
            const model::AddressSet here_addresses = SubnetAddresses(*here, family);
            if (here_addresses.Empty()) continue;
            const auto key = std::make_tuple(back, here, family);
            auto cached = returns.find(key);
            if (cached == returns.end()) {
              cached = returns.emplace(key, RoutedTo(*back, here_addresses, peering->id, topology))
                           .first;
            }
            const model::AddressSet& returned = cached->second;
            const model::AddressSet missing = here_addresses.Subtract(returned);
            if (missing.Empty()) continue;
            auto it = std::find_if(gaps.begin(), gaps.end(),
                                   [&](const auto& entry) { return entry.first == back; });
            if (it == gaps.end()) {
              gaps.emplace_back(back, Gap{first_route, {}, {}, {}, {}});
              it = gaps.end() - 1;
            }
            Gap& gap = it->second;
            if (std::find(gap.here.begin(), gap.here.end(), here) == gap.here.end()) {
              gap.here.push_back(here);
            }
            if (std::find(gap.there.begin(), gap.there.end(), there) == gap.there.end()) {
              gap.there.push_back(there);
            }
            gap.missing.Add(missing);
          }
        }
      }
      for (auto& [back, gap] : gaps) {
        gap.elsewhere = Elsewhere(*back, gap.missing, peering->id, topology);
        Finding& finding =
            sink.Report(table, model::ResourceKind::kRouteTable,
                        "sends traffic from " + Join(gap.here) + " to " + Join(gap.there) + " in " +
                            other_vpc->id + " over " + peering->id + ", but their route table " +
                            back->id + " does not route " + gap.missing.ToString() + " back over " +
                            peering->id + ": it " + gap.elsewhere + "; replies never return",
                        gap.route->source);
        finding.related.push_back({back->id,
                                   "should route " + gap.missing.ToString() + " to " + peering->id,
                                   back->source});
        finding.related.push_back(
            {peering->id, "active peering between " + table.vpc_id + " and " + other_vpc->id,
             peering->source});
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePeeringRouteNotSymmetric() {
  return std::make_unique<PeeringRouteNotSymmetric>();
}

}  // namespace netlint::rules
