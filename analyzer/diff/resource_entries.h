#pragma once

// Every resource of a network with its kind, for the passes of a diff that treat all kinds
// alike.

#include <vector>

#include "netlint/model/network.h"

namespace netlint::diff {

struct ResourceEntry {
  model::ResourceKind kind;
  const model::Resource* resource;
};

namespace detail {
template <typename T>
void Collect(const std::vector<T>& items, model::ResourceKind kind,
             std::vector<ResourceEntry>& out) {
  for (const T& item : items) out.push_back({kind, &item});
}
}  // namespace detail

inline std::vector<ResourceEntry> ResourceEntries(const model::Network& network) {
  std::vector<ResourceEntry> entries;
  detail::Collect(network.vpcs, model::ResourceKind::kVpc, entries);
  detail::Collect(network.subnets, model::ResourceKind::kSubnet, entries);
  detail::Collect(network.route_tables, model::ResourceKind::kRouteTable, entries);
  detail::Collect(network.internet_gateways, model::ResourceKind::kInternetGateway, entries);
  detail::Collect(network.egress_only_internet_gateways,
                  model::ResourceKind::kEgressOnlyInternetGateway, entries);
  detail::Collect(network.nat_gateways, model::ResourceKind::kNatGateway, entries);
  detail::Collect(network.vpc_endpoints, model::ResourceKind::kVpcEndpoint, entries);
  detail::Collect(network.prefix_lists, model::ResourceKind::kPrefixList, entries);
  detail::Collect(network.security_groups, model::ResourceKind::kSecurityGroup, entries);
  detail::Collect(network.network_acls, model::ResourceKind::kNetworkAcl, entries);
  detail::Collect(network.network_interfaces, model::ResourceKind::kNetworkInterface, entries);
  detail::Collect(network.instances, model::ResourceKind::kInstance, entries);
  detail::Collect(network.vpc_peerings, model::ResourceKind::kVpcPeering, entries);
  detail::Collect(network.transit_gateway_attachments,
                  model::ResourceKind::kTransitGatewayAttachment, entries);
  detail::Collect(network.load_balancers, model::ResourceKind::kLoadBalancer, entries);
  detail::Collect(network.listeners, model::ResourceKind::kListener, entries);
  detail::Collect(network.target_groups, model::ResourceKind::kTargetGroup, entries);
  detail::Collect(network.ecs_services, model::ResourceKind::kEcsService, entries);
  detail::Collect(network.task_definitions, model::ResourceKind::kTaskDefinition, entries);
  detail::Collect(network.container_instances, model::ResourceKind::kContainerInstance, entries);
  detail::Collect(network.db_instances, model::ResourceKind::kDbInstance, entries);
  detail::Collect(network.db_subnet_groups, model::ResourceKind::kDbSubnetGroup, entries);
  detail::Collect(network.cache_clusters, model::ResourceKind::kCacheCluster, entries);
  detail::Collect(network.replication_groups, model::ResourceKind::kReplicationGroup, entries);
  detail::Collect(network.cache_subnet_groups, model::ResourceKind::kCacheSubnetGroup, entries);
  return entries;
}

}  // namespace netlint::diff
