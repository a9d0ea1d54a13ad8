#include "netlint/model/network.h"

namespace netlint::model {

void IdIndex::Clear() {
  head_.clear();
  next_.clear();
}

// Positions are added in increasing order; the chain keeps them in insertion order.
void IdIndex::Add(std::string_view id, std::uint32_t position) {
  if (next_.size() <= position) next_.resize(position + 1, kNone);
  auto [it, inserted] = head_.try_emplace(id, position);
  if (inserted) return;
  std::uint32_t last = it->second;
  while (next_[last] != kNone) last = next_[last];
  next_[last] = position;
}

std::uint32_t IdIndex::First(std::string_view id) const {
  auto it = head_.find(id);
  return it == head_.end() ? kNone : it->second;
}

Network::Network() { scopes.push_back(Scope{}); complete_.emplace_back(); }

ScopeId Network::InternScope(const Scope& scope) {
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    if (scopes[i] == scope) return static_cast<ScopeId>(i);
  }
  scopes.push_back(scope);
  complete_.emplace_back();
  return static_cast<ScopeId>(scopes.size() - 1);
}

void Network::MarkComplete(ScopeId scope, ResourceKind kind) {
  if (scope < complete_.size()) complete_[scope].set(static_cast<std::size_t>(kind));
}

bool Network::IsComplete(ScopeId scope, ResourceKind kind) const {
  return scope < complete_.size() && complete_[scope].test(static_cast<std::size_t>(kind));
}

void Network::MarkGroupCarriersComplete(ScopeId scope) {
  if (scope < complete_.size()) complete_[scope].set(kGroupCarriersBit);
}

bool Network::GroupCarriersComplete(ScopeId scope) const {
  return scope < complete_.size() && complete_[scope].test(kGroupCarriersBit);
}

bool Network::AnyComplete(ResourceKind kind) const {
  for (const auto& bits : complete_) {
    if (bits.test(static_cast<std::size_t>(kind))) return true;
  }
  return false;
}

namespace {

template <typename T>
void MoveAppend(std::vector<T>& to, std::vector<T>& from, const std::vector<ScopeId>& scopes) {
  if (to.empty()) {
    to = std::move(from);
    for (T& item : to) item.scope = scopes[item.scope];
    return;
  }
  to.reserve(to.size() + from.size());
  for (T& item : from) {
    item.scope = scopes[item.scope];
    to.push_back(std::move(item));
  }
  // Give the emptied list's memory back now: `from` may live on (a loader's per-file network)
  // and its buffer may be as large as the one it was appended to.
  std::vector<T>().swap(from);
}

template <typename T>
void IndexAll(const std::vector<T>& items, IdIndex& index) {
  index.Clear();
  for (std::size_t i = 0; i < items.size(); ++i) {
    index.Add(items[i].id, static_cast<std::uint32_t>(i));
  }
}

}  // namespace

std::vector<ScopeId> Network::Absorb(Network&& other) {
  std::vector<ScopeId> scope_map;
  scope_map.reserve(other.scopes.size());
  for (std::size_t i = 0; i < other.scopes.size(); ++i) {
    const ScopeId mapped = InternScope(other.scopes[i]);
    scope_map.push_back(mapped);
    complete_[mapped] |= other.complete_[i];
  }
  MoveAppend(vpcs, other.vpcs, scope_map);
  MoveAppend(subnets, other.subnets, scope_map);
  MoveAppend(route_tables, other.route_tables, scope_map);
  MoveAppend(internet_gateways, other.internet_gateways, scope_map);
  MoveAppend(egress_only_internet_gateways, other.egress_only_internet_gateways, scope_map);
  MoveAppend(nat_gateways, other.nat_gateways, scope_map);
  MoveAppend(vpc_endpoints, other.vpc_endpoints, scope_map);
  MoveAppend(prefix_lists, other.prefix_lists, scope_map);
  MoveAppend(security_groups, other.security_groups, scope_map);
  MoveAppend(network_acls, other.network_acls, scope_map);
  MoveAppend(network_interfaces, other.network_interfaces, scope_map);
  MoveAppend(instances, other.instances, scope_map);
  MoveAppend(vpc_peerings, other.vpc_peerings, scope_map);
  MoveAppend(transit_gateway_attachments, other.transit_gateway_attachments, scope_map);
  MoveAppend(load_balancers, other.load_balancers, scope_map);
  MoveAppend(listeners, other.listeners, scope_map);
  MoveAppend(target_groups, other.target_groups, scope_map);
  MoveAppend(ecs_services, other.ecs_services, scope_map);
  MoveAppend(task_definitions, other.task_definitions, scope_map);
  MoveAppend(container_instances, other.container_instances, scope_map);
  MoveAppend(db_instances, other.db_instances, scope_map);
  MoveAppend(db_subnet_groups, other.db_subnet_groups, scope_map);
  MoveAppend(cache_clusters, other.cache_clusters, scope_map);
  MoveAppend(replication_groups, other.replication_groups, scope_map);
  MoveAppend(cache_subnet_groups, other.cache_subnet_groups, scope_map);
  return scope_map;
}

void Network::Freeze() {
  auto at = [this](ResourceKind kind) -> IdIndex& {
    return indexes_[static_cast<std::size_t>(kind)];
  };
  IndexAll(vpcs, at(ResourceKind::kVpc));
  IndexAll(subnets, at(ResourceKind::kSubnet));
  IndexAll(route_tables, at(ResourceKind::kRouteTable));
  IndexAll(internet_gateways, at(ResourceKind::kInternetGateway));
  IndexAll(egress_only_internet_gateways, at(ResourceKind::kEgressOnlyInternetGateway));
  IndexAll(nat_gateways, at(ResourceKind::kNatGateway));
  IndexAll(vpc_endpoints, at(ResourceKind::kVpcEndpoint));
  IndexAll(prefix_lists, at(ResourceKind::kPrefixList));
  IndexAll(security_groups, at(ResourceKind::kSecurityGroup));
  IndexAll(network_acls, at(ResourceKind::kNetworkAcl));
  IndexAll(network_interfaces, at(ResourceKind::kNetworkInterface));
  IndexAll(instances, at(ResourceKind::kInstance));
  IndexAll(vpc_peerings, at(ResourceKind::kVpcPeering));
  IndexAll(transit_gateway_attachments, at(ResourceKind::kTransitGatewayAttachment));
  IndexAll(load_balancers, at(ResourceKind::kLoadBalancer));
  IndexAll(listeners, at(ResourceKind::kListener));
  IndexAll(target_groups, at(ResourceKind::kTargetGroup));
  IndexAll(ecs_services, at(ResourceKind::kEcsService));
  IndexAll(task_definitions, at(ResourceKind::kTaskDefinition));
  IndexAll(container_instances, at(ResourceKind::kContainerInstance));
  IndexAll(db_instances, at(ResourceKind::kDbInstance));
  IndexAll(db_subnet_groups, at(ResourceKind::kDbSubnetGroup));
  IndexAll(cache_clusters, at(ResourceKind::kCacheCluster));
  IndexAll(replication_groups, at(ResourceKind::kReplicationGroup));
  IndexAll(cache_subnet_groups, at(ResourceKind::kCacheSubnetGroup));
  frozen_ = true;
}

// Prefers, in order: the same scope, the same account, the same region, then the first one.
template <typename T>
const T* Network::Find(const std::vector<T>& items, const IdIndex& index, std::string_view id,
                       ScopeId near) const {
  std::uint32_t position = index.First(id);
  if (position == IdIndex::kNone) return nullptr;
  const Scope& wanted = scopes[near];
  const T* best = nullptr;
  int best_rank = -1;
  for (; position != IdIndex::kNone; position = index.Next(position)) {
    const T& item = items[position];
    int rank = 0;
    if (item.scope == near) {
      return &item;
    }
    const Scope& scope = scopes[item.scope];
    if (!wanted.account.empty() && scope.account == wanted.account) {
      rank = 2;
    } else if (!wanted.region.empty() && scope.region == wanted.region) {
      rank = 1;
    }
    if (rank > best_rank) {
      best = &item;
      best_rank = rank;
    }
  }
  return best;
}

#define NETLINT_DEFINE_FIND(Type, Method, member, kind)                                      \
  const Type* Network::Method(std::string_view id, ScopeId near) const {                   \
    return Find(member, indexes_[static_cast<std::size_t>(ResourceKind::kind)], id, near); \
  }

NETLINT_DEFINE_FIND(Vpc, FindVpc, vpcs, kVpc)
NETLINT_DEFINE_FIND(Subnet, FindSubnet, subnets, kSubnet)
NETLINT_DEFINE_FIND(RouteTable, FindRouteTable, route_tables, kRouteTable)
NETLINT_DEFINE_FIND(InternetGateway, FindInternetGateway, internet_gateways, kInternetGateway)
NETLINT_DEFINE_FIND(EgressOnlyInternetGateway, FindEgressOnlyInternetGateway,
                    egress_only_internet_gateways, kEgressOnlyInternetGateway)
NETLINT_DEFINE_FIND(NatGateway, FindNatGateway, nat_gateways, kNatGateway)
NETLINT_DEFINE_FIND(VpcEndpoint, FindVpcEndpoint, vpc_endpoints, kVpcEndpoint)
NETLINT_DEFINE_FIND(PrefixList, FindPrefixList, prefix_lists, kPrefixList)
NETLINT_DEFINE_FIND(SecurityGroup, FindSecurityGroup, security_groups, kSecurityGroup)
NETLINT_DEFINE_FIND(NetworkAcl, FindNetworkAcl, network_acls, kNetworkAcl)
NETLINT_DEFINE_FIND(NetworkInterface, FindNetworkInterface, network_interfaces,
                    kNetworkInterface)
NETLINT_DEFINE_FIND(Instance, FindInstance, instances, kInstance)
NETLINT_DEFINE_FIND(VpcPeering, FindVpcPeering, vpc_peerings, kVpcPeering)
NETLINT_DEFINE_FIND(LoadBalancer, FindLoadBalancer, load_balancers, kLoadBalancer)
NETLINT_DEFINE_FIND(TargetGroup, FindTargetGroup, target_groups, kTargetGroup)
NETLINT_DEFINE_FIND(TaskDefinition, FindTaskDefinition, task_definitions, kTaskDefinition)
NETLINT_DEFINE_FIND(DbSubnetGroup, FindDbSubnetGroup, db_subnet_groups, kDbSubnetGroup)
NETLINT_DEFINE_FIND(CacheSubnetGroup, FindCacheSubnetGroup, cache_subnet_groups,
                    kCacheSubnetGroup)
NETLINT_DEFINE_FIND(CacheCluster, FindCacheCluster, cache_clusters, kCacheCluster)

#undef NETLINT_DEFINE_FIND

std::size_t Network::ResourceCount() const {
  return vpcs.size() + subnets.size() + route_tables.size() + internet_gateways.size() +
         egress_only_internet_gateways.size() + nat_gateways.size() + vpc_endpoints.size() +
         prefix_lists.size() + security_groups.size() + network_acls.size() +
         network_interfaces.size() + instances.size() + vpc_peerings.size() +
         transit_gateway_attachments.size() + load_balancers.size() + listeners.size() +
         target_groups.size() + ecs_services.size() + task_definitions.size() +
         container_instances.size() + db_instances.size() + db_subnet_groups.size() +
         cache_clusters.size() + replication_groups.size() + cache_subnet_groups.size();
}

}  // namespace netlint::model
