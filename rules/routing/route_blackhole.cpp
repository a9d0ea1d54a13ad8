// RT004: routes that lead nowhere: blackhole state, or a target that does not exist or no longer
// carries traffic.

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

using model::RouteTargetKind;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "RT004",
      .name = "route-blackhole",
      .category = "routing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Route is a blackhole: its target no longer exists or carries no traffic",
      .rationale =
          "When a route's target (a NAT gateway, a peering connection, an instance or network "
          "interface) is deleted, AWS keeps the route in state \"blackhole\" and drops every "
          "packet that matches it. Workloads in the subnets using the table lose that path "
          "silently: private tasks cannot pull images, peered services time out. Reachability "
          "analyzers only see this on deployed accounts; netlint sees it in the snapshot.",
      .bad_example = R"({"NatGateways": [],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f60718",
              "State": "blackhole"}]}]})",
      .good_example = R"({"NatGateways": [{"NatGatewayId": "nat-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0a1b2c3d4e5f60718", "State": "available"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a1b2c3d4e5f60718",
              "State": "active"}]}]})",
      .exceptions =
          "A target that is merely absent from the input is reported only when the input lists "
          "every resource of that kind for the account and region; otherwise IN003 notes that "
          "the reference could not be checked. Local routes, routes filtered by a route server, "
          "and targets netlint does not model (transit and virtual private gateways, local and "
          "carrier gateways) are not judged.",
      .fix =
          "Delete the blackhole route, or replace it with a route to a target that exists (aws "
          "ec2 replace-route): the new NAT gateway, the re-created peering connection or the "
          "current instance or interface. Traffic matching a blackhole route is dropped "
          "silently.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html"},
  };
  return meta;
}

// Why a route's target cannot carry traffic, or empty when it can (or cannot be judged).
std::string DeadTarget(const model::Route& route, const model::RouteTable& table,
                       const model::Network& network) {
  const std::string& id = route.target_id;
  const model::ScopeId scope = table.scope;
  auto missing = [&](model::ResourceKind kind, bool found) -> std::string {
    if (found || !network.IsComplete(scope, kind)) return {};
    return "targets " + id + ", which does not exist";
  };
  switch (route.target_kind) {
    case RouteTargetKind::kNatGateway: {
      const model::NatGateway* nat = network.FindNatGateway(id, scope);
      if (nat != nullptr && !nat->IsLive()) return "targets " + id + ", which is " + nat->state;
      return missing(model::ResourceKind::kNatGateway, nat != nullptr);
    }
    case RouteTargetKind::kVpcPeering: {
      const model::VpcPeering* peering = network.FindVpcPeering(id, scope);
      if (peering != nullptr && !peering->IsActive()) {
        return "targets " + id + ", which is " +
               (peering->status.empty() ? std::string("not active") : peering->status);
      }
      return missing(model::ResourceKind::kVpcPeering, peering != nullptr);
    }
    case RouteTargetKind::kInternetGateway:
      return missing(model::ResourceKind::kInternetGateway,
                     network.FindInternetGateway(id, scope) != nullptr);
    case RouteTargetKind::kEgressOnlyInternetGateway:
      return missing(model::ResourceKind::kEgressOnlyInternetGateway,
                     network.FindEgressOnlyInternetGateway(id, scope) != nullptr);
    case RouteTargetKind::kNetworkInterface:
      return missing(model::ResourceKind::kNetworkInterface,
                     network.FindNetworkInterface(id, scope) != nullptr);
    case RouteTargetKind::kInstance:
      return missing(model::ResourceKind::kInstance, network.FindInstance(id, scope) != nullptr);
    case RouteTargetKind::kGatewayEndpoint:
      return missing(model::ResourceKind::kVpcEndpoint,
                     network.FindVpcEndpoint(id, scope) != nullptr);
    default:
      return {};
  }
}

class RouteBlackhole final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::RouteTable& table : context.network.route_tables) {
      for (const model::Route& route : table.routes) {
        if (route.target_kind == RouteTargetKind::kLocal ||
            route.state == model::RouteState::kFiltered) {
          continue;
        }
        std::string problem;
        if (route.state == model::RouteState::kBlackhole) {
          problem = "is a blackhole: its target " +
                    (route.target_id.empty() ? std::string("") : route.target_id + " ") +
                    "no longer exists, so matching traffic is dropped";
        } else {
          problem = DeadTarget(route, table, context.network);
          if (!problem.empty()) problem += ", so matching traffic is dropped";
        }
        if (problem.empty()) continue;
        sink.Report(table, model::ResourceKind::kRouteTable,
                    "route " + route.DestinationText() + " " + problem, route.source);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeRouteBlackhole() { return std::make_unique<RouteBlackhole>(); }

}  // namespace netlint::rules
