#include "rules/common/workload.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "rules/common/exposure.h"

#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

using model::ResourceKind;

void AddSubnet(std::vector<const model::Subnet*>& subnets, const model::Network& network,
               const std::string& id, model::ScopeId scope) {
  const model::Subnet* subnet = network.FindSubnet(id, scope);
  if (subnet != nullptr && std::find(subnets.begin(), subnets.end(), subnet) == subnets.end()) {
    subnets.push_back(subnet);
  }
}

}  // namespace

bool IsDataTierOrEndpoint(const model::SgUser& user) {
  switch (user.kind) {
    case ResourceKind::kDbInstance:
    case ResourceKind::kCacheCluster:
    case ResourceKind::kReplicationGroup:
      return true;
    case ResourceKind::kVpcEndpoint:
      return static_cast<const model::VpcEndpoint*>(user.resource)->type ==
             model::EndpointType::kInterface;
    case ResourceKind::kNetworkInterface: {
      const auto owner = static_cast<const model::NetworkInterface*>(user.resource)->owner;
      return owner == model::InterfaceOwner::kDbInstance ||
             owner == model::InterfaceOwner::kCacheCluster ||
             owner == model::InterfaceOwner::kVpcEndpoint;
    }
    default:
      return false;
  }
}

std::vector<const model::Subnet*> SubnetsOf(const model::SgUser& user,
                                            const model::Topology& topology) {
  const model::Network& network = topology.network();
  std::vector<const model::Subnet*> subnets;
  const model::ScopeId scope = user.resource->scope;
  switch (user.kind) {
    case ResourceKind::kNetworkInterface:
      AddSubnet(subnets, network,
                static_cast<const model::NetworkInterface*>(user.resource)->subnet_id, scope);
      break;
    case ResourceKind::kInstance:
      AddSubnet(subnets, network, static_cast<const model::Instance*>(user.resource)->subnet_id,
                scope);
      break;
    case ResourceKind::kLoadBalancer:
      for (const auto& entry : static_cast<const model::LoadBalancer*>(user.resource)->subnets) {
        AddSubnet(subnets, network, entry.subnet_id, scope);
      }
      break;
    case ResourceKind::kVpcEndpoint:
      for (const auto& id : static_cast<const model::VpcEndpoint*>(user.resource)->subnet_ids) {
        AddSubnet(subnets, network, id, scope);
      }
      break;
    case ResourceKind::kEcsService: {
      const auto& service = *static_cast<const model::EcsService*>(user.resource);
      if (service.network) {
        for (const auto& id : service.network->subnet_ids) AddSubnet(subnets, network, id, scope);
      }
      break;
    }
    case ResourceKind::kDbInstance: {
      const auto& db = *static_cast<const model::DbInstance*>(user.resource);
      std::vector<std::string> ids = db.subnet_ids;
      if (ids.empty()) {
        if (const auto* group = network.FindDbSubnetGroup(db.subnet_group, scope)) {
          ids = group->subnet_ids;
        }
      }
      for (const auto& id : ids) AddSubnet(subnets, network, id, scope);
      break;
    }
    case ResourceKind::kCacheCluster:
    case ResourceKind::kReplicationGroup: {
      const std::string& group_name =
          user.kind == ResourceKind::kCacheCluster
              ? static_cast<const model::CacheCluster*>(user.resource)->subnet_group
              : static_cast<const model::ReplicationGroup*>(user.resource)->subnet_group;
      if (const auto* group = network.FindCacheSubnetGroup(group_name, scope)) {
        for (const auto& id : group->subnet_ids) AddSubnet(subnets, network, id, scope);
      }
      break;
    }
    default:
      break;
  }
  return subnets;
}

std::string InternetRouteTarget(const model::Subnet& subnet, const model::Topology& topology) {
  const model::RouteTable* table = topology.RouteTableFor(subnet).table;
  if (table == nullptr) return {};
  const model::Network& network = topology.network();
  const auto egress = [&](const model::Route& route) {
    switch (route.target_kind) {
      case model::RouteTargetKind::kInternetGateway:
        return DetachedGateway(route, *table, network) == nullptr;
      case model::RouteTargetKind::kEgressOnlyInternetGateway:
        return true;
      case model::RouteTargetKind::kNatGateway: {
        const model::NatGateway* nat = network.FindNatGateway(route.target_id, table->scope);
        return nat != nullptr && nat->IsLive() && !nat->is_private;
      }
      default:
        return false;
    }
  };
  for (const model::IpFamily family : {model::IpFamily::kV4, model::IpFamily::kV6}) {
    const InternetRouting routing = InternetCoverage(*table, family, egress);
    if (routing.covered == Tristate::kYes) return routing.routes.front()->target_id;
  }
  return {};
}

std::optional<bool> IsPublicSubnet(const model::Subnet& subnet, const model::Topology& topology) {
  const model::RouteTable* table = topology.RouteTableFor(subnet).table;
  if (table == nullptr) return std::nullopt;
  model::AddressSet to_internet_gateway;
  for (const model::Route& route : table->routes) {
    if (route.state != model::RouteState::kActive ||
        route.target_kind != model::RouteTargetKind::kInternetGateway ||
        DetachedGateway(route, *table, topology.network()) != nullptr) {
      continue;
    }
    if (route.destination_v4) to_internet_gateway.Add(*route.destination_v4);
    if (route.destination_v6) to_internet_gateway.Add(*route.destination_v6);
  }
  if (subnet.ipv6_native) return to_internet_gateway.v6.ContainsAll(PublicIpv6());
  return to_internet_gateway.v4.ContainsAll(PublicIpv4());
}

bool IsLiveEndpoint(const model::VpcEndpoint& endpoint) {
  // State is lower-cased by the ingest; an empty state (templates, plans) means it will exist.
  static constexpr std::array<std::string_view, 5> kGone = {"deleted", "deleting", "failed",
                                                            "rejected", "expired"};
  return std::find(kGone.begin(), kGone.end(), endpoint.state) == kGone.end();
}

std::string DescribeUser(const model::SgUser& user) {
  std::string text = std::string(model::ResourceKindName(user.kind)) + " ";
  if (user.kind == ResourceKind::kLoadBalancer) {
    text += static_cast<const model::LoadBalancer*>(user.resource)->name;
  } else if (user.kind == ResourceKind::kEcsService) {
    text += static_cast<const model::EcsService*>(user.resource)->name;
  } else {
    text += user.resource->id;
  }
  if (user.kind == ResourceKind::kNetworkInterface) {
    const auto& eni = *static_cast<const model::NetworkInterface*>(user.resource);
    if (eni.owner != model::InterfaceOwner::kOther &&
        eni.owner != model::InterfaceOwner::kUnattached) {
      text += " (" + std::string(model::InterfaceOwnerName(eni.owner)) +
              (eni.owner_ref.empty() ? "" : " " + eni.owner_ref) + ")";
    }
  }
  return text;
}

}  // namespace netlint::rules
