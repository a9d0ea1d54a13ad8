#include "netlint/model/topology.h"

#include <algorithm>

namespace netlint::model {
namespace {

template <typename Map, typename Key>
auto SpanOf(const Map& map, const Key& key)
    -> std::span<const typename Map::mapped_type::value_type> {
  auto it = map.find(key);
  if (it == map.end()) return {};
  return {it->second.data(), it->second.size()};
}

std::uint32_t PrimaryIpv4(const NetworkInterface& eni) {
  return eni.private_ips.empty() ? 0 : eni.private_ips.front().value();
}

}  // namespace

Topology::Topology(const Network& network) : network_(network) {
  IndexSubnets();
  IndexRouteTables();
  IndexNetworkAcls();
  IndexSecurityGroups();
  IndexLoadBalancers();
  IndexInterfaces();
  IndexPeerings();
}

void Topology::IndexSubnets() {
  for (const Subnet& subnet : network_.subnets) {
    if (const Vpc* vpc = VpcOf(subnet)) subnets_of_vpc_[vpc].push_back(&subnet);
  }
}

void Topology::IndexRouteTables() {
  for (const RouteTable& table : network_.route_tables) {
    for (const RouteTableAssociation& association : table.associations) {
      if (association.main) {
        if (const Vpc* vpc = network_.FindVpc(table.vpc_id, table.scope)) {
          main_table_.try_emplace(vpc, &table);
        }
      } else if (!association.subnet_id.empty()) {
        if (const Subnet* subnet = network_.FindSubnet(association.subnet_id, table.scope)) {
          explicit_table_.try_emplace(subnet, &table);
        }
      }
    }
  }
  for (const Subnet& subnet : network_.subnets) {
    if (const RouteTable* table = RouteTableFor(subnet).table) {
      subnets_using_table_[table].push_back(&subnet);
    }
  }
}

void Topology::IndexNetworkAcls() {
  for (const NetworkAcl& acl : network_.network_acls) {
    if (acl.is_default.value_or(false)) {
      if (const Vpc* vpc = network_.FindVpc(acl.vpc_id, acl.scope)) {
        default_nacl_.try_emplace(vpc, &acl);
      }
    }
    for (const std::string& subnet_id : acl.subnet_ids) {
      if (const Subnet* subnet = network_.FindSubnet(subnet_id, acl.scope)) {
        explicit_nacl_[subnet] = &acl;
      }
    }
  }
}

void Topology::AddUser(std::string_view group_id, ScopeId scope, SgUser user) {
  if (const SecurityGroup* group = network_.FindSecurityGroup(group_id, scope)) {
    users_[group].push_back(user);
  }
}

void Topology::IndexSecurityGroups() {
  for (const SecurityGroup& group : network_.security_groups) {
    if (group.IsDefault()) {
      if (const Vpc* vpc = network_.FindVpc(group.vpc_id, group.scope)) {
        default_group_.try_emplace(vpc, &group);
      }
    }
    for (const auto* rules : {&group.ingress, &group.egress}) {
      for (const SgRule& rule : *rules) {
        rule_owner_.emplace(&rule, &group);
        if (rule.peer.kind != SgPeer::Kind::kSecurityGroup) continue;
        if (const SecurityGroup* target = network_.FindSecurityGroup(rule.peer.id, group.scope)) {
          references_[target].push_back(&rule);
        }
      }
    }
  }
  for (const NetworkInterface& eni : network_.network_interfaces) {
    for (const std::string& id : eni.security_group_ids) {
      AddUser(id, eni.scope, {ResourceKind::kNetworkInterface, &eni});
    }
  }
  for (const Instance& instance : network_.instances) {
    for (const std::string& id : instance.security_group_ids) {
      AddUser(id, instance.scope, {ResourceKind::kInstance, &instance});
    }
  }
  for (const LoadBalancer& lb : network_.load_balancers) {
    for (const std::string& id : lb.security_group_ids) {
      AddUser(id, lb.scope, {ResourceKind::kLoadBalancer, &lb});
    }
  }
  for (const VpcEndpoint& endpoint : network_.vpc_endpoints) {
    for (const std::string& id : endpoint.security_group_ids) {
      AddUser(id, endpoint.scope, {ResourceKind::kVpcEndpoint, &endpoint});
    }
  }
  for (const EcsService& service : network_.ecs_services) {
    if (!service.network) continue;
    if (!service.network->security_group_ids.empty()) {
      for (const std::string& id : service.network->security_group_ids) {
        AddUser(id, service.scope, {ResourceKind::kEcsService, &service});
      }
      continue;
    }
    // Without groups, awsvpc tasks get the VPC's default group.
    for (const std::string& subnet_id : service.network->subnet_ids) {
      const Subnet* subnet = network_.FindSubnet(subnet_id, service.scope);
      const Vpc* vpc = subnet == nullptr ? nullptr : VpcOf(*subnet);
      if (const SecurityGroup* group = vpc == nullptr ? nullptr : DefaultSecurityGroup(*vpc)) {
        users_[group].push_back({ResourceKind::kEcsService, &service});
        break;
      }
    }
  }
  for (const DbInstance& db : network_.db_instances) {
    for (const std::string& id : db.security_group_ids) {
      AddUser(id, db.scope, {ResourceKind::kDbInstance, &db});
    }
  }
  for (const CacheCluster& cache : network_.cache_clusters) {
    for (const std::string& id : cache.security_group_ids) {
      AddUser(id, cache.scope, {ResourceKind::kCacheCluster, &cache});
    }
  }
  for (const ReplicationGroup& group : network_.replication_groups) {
    for (const std::string& id : group.security_group_ids) {
      AddUser(id, group.scope, {ResourceKind::kReplicationGroup, &group});
    }
  }
}

void Topology::IndexLoadBalancers() {
  for (const Listener& listener : network_.listeners) {
    if (const LoadBalancer* lb = network_.FindLoadBalancer(listener.load_balancer_id,
                                                           listener.scope)) {
      listeners_[lb].push_back(&listener);
    }
  }
}

void Topology::IndexInterfaces() {
  for (const NetworkInterface& eni : network_.network_interfaces) {
    const Vpc* vpc = network_.FindVpc(eni.vpc_id, eni.scope);
    if (vpc == nullptr && !eni.subnet_id.empty()) {
      if (const Subnet* subnet = network_.FindSubnet(eni.subnet_id, eni.scope)) {
        vpc = VpcOf(*subnet);
      }
    }
    if (vpc != nullptr) interfaces_of_vpc_[vpc].push_back(&eni);
  }
  for (auto& [vpc, interfaces] : interfaces_of_vpc_) {
    std::stable_sort(interfaces.begin(), interfaces.end(),
                     [](const NetworkInterface* a, const NetworkInterface* b) {
                       return PrimaryIpv4(*a) < PrimaryIpv4(*b);
                     });
  }
}

void Topology::IndexPeerings() {
  for (const VpcPeering& peering : network_.vpc_peerings) {
    if (!peering.IsActive()) continue;
    for (const PeeringSide* side : {&peering.requester, &peering.accepter}) {
      if (const Vpc* vpc = network_.FindVpc(side->vpc_id, peering.scope)) {
        peerings_[vpc].push_back(&peering);
      }
    }
  }
}

const Vpc* Topology::VpcOf(const Subnet& subnet) const {
  return network_.FindVpc(subnet.vpc_id, subnet.scope);
}

std::span<const Subnet* const> Topology::SubnetsOf(const Vpc& vpc) const {
  return SpanOf(subnets_of_vpc_, &vpc);
}

const RouteTable* Topology::MainRouteTable(const Vpc& vpc) const {
  auto it = main_table_.find(&vpc);
  return it == main_table_.end() ? nullptr : it->second;
}

RouteTableBinding Topology::RouteTableFor(const Subnet& subnet) const {
  if (auto it = explicit_table_.find(&subnet); it != explicit_table_.end()) {
    return {it->second, true};
  }
  const Vpc* vpc = VpcOf(subnet);
  return {vpc == nullptr ? nullptr : MainRouteTable(*vpc), false};
}

std::span<const Subnet* const> Topology::SubnetsUsing(const RouteTable& table) const {
  return SpanOf(subnets_using_table_, &table);
}

const NetworkAcl* Topology::NetworkAclFor(const Subnet& subnet) const {
  if (auto it = explicit_nacl_.find(&subnet); it != explicit_nacl_.end()) return it->second;
  const Vpc* vpc = VpcOf(subnet);
  if (vpc == nullptr) return nullptr;
  auto it = default_nacl_.find(vpc);
  return it == default_nacl_.end() ? nullptr : it->second;
}

std::span<const SgUser> Topology::UsersOf(const SecurityGroup& group) const {
  return SpanOf(users_, &group);
}

bool Topology::UsersKnown(const SecurityGroup& group) const {
  // Every carrier of a group in a VPC has a network interface, so a complete interface list is
  // the authoritative census; templates and plans declare their carriers instead.
  // A default group is carried by anything launched into its VPC without a group of its own,
  // declared in the template or plan or not: only the interface list knows its carriers.
  return network_.IsComplete(group.scope, ResourceKind::kNetworkInterface) ||
         (network_.GroupCarriersComplete(group.scope) && !group.IsDefault());
}

std::span<const SgRule* const> Topology::ReferencesTo(const SecurityGroup& group) const {
  return SpanOf(references_, &group);
}

const SecurityGroup* Topology::OwnerOf(const SgRule& rule) const {
  auto it = rule_owner_.find(&rule);
  return it == rule_owner_.end() ? nullptr : it->second;
}

std::span<const Listener* const> Topology::ListenersOf(const LoadBalancer& lb) const {
  return SpanOf(listeners_, &lb);
}

std::span<const NetworkInterface* const> Topology::InterfacesOf(const Vpc& vpc) const {
  return SpanOf(interfaces_of_vpc_, &vpc);
}

std::vector<const NetworkInterface*> Topology::InterfacesInRange(const Vpc& vpc,
                                                                 std::uint32_t first,
                                                                 std::uint32_t last) const {
  std::span<const NetworkInterface* const> all = InterfacesOf(vpc);
  auto begin = std::lower_bound(all.begin(), all.end(), first,
                                [](const NetworkInterface* eni, std::uint32_t value) {
                                  return PrimaryIpv4(*eni) < value;
                                });
  std::vector<const NetworkInterface*> result;
  for (auto it = begin; it != all.end() && PrimaryIpv4(**it) <= last; ++it) {
    if (!(*it)->private_ips.empty()) result.push_back(*it);
  }
  return result;
}

std::span<const VpcPeering* const> Topology::PeeringsOf(const Vpc& vpc) const {
  return SpanOf(peerings_, &vpc);
}

const SecurityGroup* Topology::DefaultSecurityGroup(const Vpc& vpc) const {
  auto it = default_group_.find(&vpc);
  return it == default_group_.end() ? nullptr : it->second;
}

AddressSet Topology::PeerAddresses(const SgPeer& peer, ScopeId scope, bool& unknown) const {
  switch (peer.kind) {
    case SgPeer::Kind::kCidrV4:
      return AddressSet::Of(peer.cidr_v4);
    case SgPeer::Kind::kCidrV6:
      return AddressSet::Of(peer.cidr_v6);
    case SgPeer::Kind::kPrefixList: {
      const PrefixList* list = network_.FindPrefixList(peer.id, scope);
      if (list == nullptr || !list->entries_known) {
        unknown = true;
        return {};
      }
      return list->Addresses();
    }
    case SgPeer::Kind::kUnknown:
      unknown = true;
      return {};
    case SgPeer::Kind::kSecurityGroup:
      return {};
  }
  return {};
}

}  // namespace netlint::model
