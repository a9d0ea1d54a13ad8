// ec2 describe-route-tables -> RouteTables[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

using model::RouteTargetKind;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// GatewayId carries several kinds of gateway (and the API accepts nat-/vpce- ids there), so the
// id prefix decides.
RouteTargetKind KindOfGatewayId(std::string_view id) {
  if (id == "local") return RouteTargetKind::kLocal;
  if (StartsWith(id, "igw-")) return RouteTargetKind::kInternetGateway;
  if (StartsWith(id, "vgw-")) return RouteTargetKind::kVirtualPrivateGateway;
  if (StartsWith(id, "vpce-")) return RouteTargetKind::kGatewayEndpoint;
  if (StartsWith(id, "nat-")) return RouteTargetKind::kNatGateway;
  if (StartsWith(id, "eigw-")) return RouteTargetKind::kEgressOnlyInternetGateway;
  if (StartsWith(id, "tgw-")) return RouteTargetKind::kTransitGateway;
  if (StartsWith(id, "lgw-")) return RouteTargetKind::kLocalGateway;
  if (StartsWith(id, "cagw-")) return RouteTargetKind::kCarrierGateway;
  return RouteTargetKind::kUnknown;
}

struct TargetKey {
  std::string_view key;
  RouteTargetKind kind;
};

// In order of precedence: an interface route to an instance carries both NetworkInterfaceId and
// InstanceId; the interface is the hop.
constexpr TargetKey kTargetKeys[] = {
    {"NatGatewayId", RouteTargetKind::kNatGateway},
    {"TransitGatewayId", RouteTargetKind::kTransitGateway},
    {"VpcPeeringConnectionId", RouteTargetKind::kVpcPeering},
    {"EgressOnlyInternetGatewayId", RouteTargetKind::kEgressOnlyInternetGateway},
    {"NetworkInterfaceId", RouteTargetKind::kNetworkInterface},
    {"InstanceId", RouteTargetKind::kInstance},
    {"LocalGatewayId", RouteTargetKind::kLocalGateway},
    {"CarrierGatewayId", RouteTargetKind::kCarrierGateway},
    {"CoreNetworkArn", RouteTargetKind::kCoreNetwork},
};

model::RouteState ParseState(std::string_view state) {
  if (state.empty() || state == "active") return model::RouteState::kActive;
  if (state == "blackhole") return model::RouteState::kBlackhole;
  if (state == "filtered") return model::RouteState::kFiltered;
  return model::RouteState::kUnknown;
}

std::optional<model::Route> ParseRoute(const RecordReader& entry) {
  model::Route route;
  route.source = entry.source();
  route.destination_v4 = entry.Ipv4Cidr("DestinationCidrBlock");
  route.destination_v6 = entry.Ipv6Cidr("DestinationIpv6CidrBlock");
  route.destination_prefix_list = entry.String("DestinationPrefixListId");
  if (!route.destination_v4 && !route.destination_v6 && route.destination_prefix_list.empty()) {
    entry.Report("", "route without a valid destination is skipped");
    return std::nullopt;
  }
  const std::string gateway = entry.String("GatewayId");
  if (!gateway.empty()) {
    route.target_kind = KindOfGatewayId(gateway);
    route.target_id = gateway;
  } else {
    for (const TargetKey& target : kTargetKeys) {
      std::string id = entry.String(target.key);
      if (id.empty()) continue;
      route.target_kind = target.kind;
      route.target_id = std::move(id);
      break;
    }
  }
  const std::string state = entry.String("State");
  route.state = ParseState(state);
  route.origin = entry.String("Origin");
  if (route.state == model::RouteState::kUnknown) {
    entry.Report("State", "unknown route state \"" + state + "\"; the route is treated as unknown");
  }
  if (route.target_kind == model::RouteTargetKind::kUnknown) {
    entry.Report("", "route " + route.DestinationText() + " targets " +
                         (route.target_id.empty() ? std::string("nothing netlint recognises")
                                                  : route.target_id) +
                         ", which netlint does not model; paths through it are unknown");
  }
  return route;
}

}  // namespace

void ParseRouteTable(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("RouteTableId");
  if (id.empty()) {
    record.Report("", "route table record without RouteTableId is skipped");
    return;
  }
  RecordReader table_record = record;
  table_record.SetResource(id);
  model::RouteTable table;
  static_cast<model::Resource&>(table) = ResourceBase(table_record, context, id);
  table.vpc_id = table_record.String("VpcId");
  table.owner_id = table_record.String("OwnerId");
  table_record.ForEach("Routes", [&](const RecordReader& entry) {
    if (auto route = ParseRoute(entry)) table.routes.push_back(std::move(*route));
  });
  table_record.ForEach("Associations", [&](const RecordReader& entry) {
    if (auto state = entry.Object("AssociationState")) {
      const std::string value = state->String("State");
      if (value == "disassociated" || value == "disassociating" || value == "failed") return;
    }
    model::RouteTableAssociation association;
    association.main = entry.Bool("Main").value_or(false);
    association.subnet_id = entry.String("SubnetId");
    association.gateway_id = entry.String("GatewayId");
    association.source = entry.source();
    table.associations.push_back(std::move(association));
  });
  table_record.ForEach("PropagatingVgws", [&](const RecordReader& entry) {
    std::string gateway = entry.String("GatewayId");
    if (!gateway.empty()) table.propagating_gateways.push_back(std::move(gateway));
  });
  context.network.route_tables.push_back(std::move(table));
}

}  // namespace netlint::ingest::aws
