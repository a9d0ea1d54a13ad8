#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "netlint/model/entities.h"

namespace netlint::model {

// Finds entities by id. Several entities may share an id when they live in different accounts
// or regions; lookups prefer the one in the asking resource's scope.
class IdIndex {
 public:
  static constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);

  void Clear();
  void Add(std::string_view id, std::uint32_t position);
  [[nodiscard]] std::uint32_t First(std::string_view id) const;
  [[nodiscard]] std::uint32_t Next(std::uint32_t position) const { return next_[position]; }

 private:
  std::unordered_map<std::string_view, std::uint32_t> head_;
  std::vector<std::uint32_t> next_;
};

// The whole input network: every entity of every scope, plus what the input covered.
// Adapters append entities; Freeze() builds the id indexes, after which the vectors must not
// change (lookups and the topology hold pointers into them).
class Network {
 public:
  Network();

  std::vector<Scope> scopes;  // ScopeId 0 is the unknown scope ("", "")
  std::vector<Vpc> vpcs;
  std::vector<Subnet> subnets;
  std::vector<RouteTable> route_tables;
  std::vector<InternetGateway> internet_gateways;
  std::vector<EgressOnlyInternetGateway> egress_only_internet_gateways;
  std::vector<NatGateway> nat_gateways;
  std::vector<VpcEndpoint> vpc_endpoints;
  std::vector<PrefixList> prefix_lists;
  std::vector<SecurityGroup> security_groups;
  std::vector<NetworkAcl> network_acls;
  std::vector<NetworkInterface> network_interfaces;
  std::vector<Instance> instances;
  std::vector<VpcPeering> vpc_peerings;
  std::vector<TransitGatewayAttachment> transit_gateway_attachments;
  std::vector<LoadBalancer> load_balancers;
  std::vector<Listener> listeners;
  std::vector<TargetGroup> target_groups;
  std::vector<EcsService> ecs_services;
  std::vector<TaskDefinition> task_definitions;
  std::vector<ContainerInstance> container_instances;
  std::vector<DbInstance> db_instances;
  std::vector<DbSubnetGroup> db_subnet_groups;
  std::vector<CacheCluster> cache_clusters;
  std::vector<ReplicationGroup> replication_groups;
  std::vector<CacheSubnetGroup> cache_subnet_groups;

  ScopeId InternScope(const Scope& scope);
  [[nodiscard]] const Scope& ScopeOf(ScopeId id) const { return scopes.at(id); }

  // Records that the input holds the complete list of `kind` for `scope` (a describe call's
  // whole output, a template's resources), so a reference to a missing id of that kind is a
  // dangling reference rather than a gap in the input.
  void MarkComplete(ScopeId scope, ResourceKind kind);
  [[nodiscard]] bool IsComplete(ScopeId scope, ResourceKind kind) const;
  // Whether any scope's input covers `kind`.
  [[nodiscard]] bool AnyComplete(ResourceKind kind) const;

  // Records that the input names every resource carrying a security group in `scope` (every
  // instance, interface, load balancer, endpoint, ECS service, database, cache and function),
  // so that a group nothing carries is unused. A complete interface list implies it; a template
  // declares its workloads without their addresses, so it marks this and not the interfaces.
  // It says nothing of a VPC's default group, which whatever is launched into the VPC without a
  // group carries, declared in the input or not.
  void MarkGroupCarriersComplete(ScopeId scope);
  [[nodiscard]] bool GroupCarriersComplete(ScopeId scope) const;

  // Moves every entity of `other` (a network read from another input) into this one, mapping
  // its scopes onto this network's. Returns the new id of each of `other`'s scopes.
  std::vector<ScopeId> Absorb(Network&& other);

  void Freeze();
  [[nodiscard]] bool frozen() const { return frozen_; }

  // Lookups (valid after Freeze). `near` is the scope of the resource holding the reference.
  [[nodiscard]] const Vpc* FindVpc(std::string_view id, ScopeId near) const;
  [[nodiscard]] const Subnet* FindSubnet(std::string_view id, ScopeId near) const;
  [[nodiscard]] const RouteTable* FindRouteTable(std::string_view id, ScopeId near) const;
  [[nodiscard]] const InternetGateway* FindInternetGateway(std::string_view id,
                                                           ScopeId near) const;
  [[nodiscard]] const EgressOnlyInternetGateway* FindEgressOnlyInternetGateway(
      std::string_view id, ScopeId near) const;
  [[nodiscard]] const NatGateway* FindNatGateway(std::string_view id, ScopeId near) const;
  [[nodiscard]] const VpcEndpoint* FindVpcEndpoint(std::string_view id, ScopeId near) const;
  [[nodiscard]] const PrefixList* FindPrefixList(std::string_view id, ScopeId near) const;
  [[nodiscard]] const SecurityGroup* FindSecurityGroup(std::string_view id, ScopeId near) const;
  [[nodiscard]] const NetworkAcl* FindNetworkAcl(std::string_view id, ScopeId near) const;
  [[nodiscard]] const NetworkInterface* FindNetworkInterface(std::string_view id,
                                                             ScopeId near) const;
  [[nodiscard]] const Instance* FindInstance(std::string_view id, ScopeId near) const;
  [[nodiscard]] const VpcPeering* FindVpcPeering(std::string_view id, ScopeId near) const;
  [[nodiscard]] const LoadBalancer* FindLoadBalancer(std::string_view id, ScopeId near) const;
  [[nodiscard]] const TargetGroup* FindTargetGroup(std::string_view id, ScopeId near) const;
  [[nodiscard]] const TaskDefinition* FindTaskDefinition(std::string_view id,
                                                         ScopeId near) const;
  [[nodiscard]] const DbSubnetGroup* FindDbSubnetGroup(std::string_view id, ScopeId near) const;
  [[nodiscard]] const CacheSubnetGroup* FindCacheSubnetGroup(std::string_view id,
                                                             ScopeId near) const;
  [[nodiscard]] const CacheCluster* FindCacheCluster(std::string_view id, ScopeId near) const;

  // The number of entities of every kind (for summaries and benchmarks).
  [[nodiscard]] std::size_t ResourceCount() const;

 private:
  template <typename T>
  const T* Find(const std::vector<T>& items, const IdIndex& index, std::string_view id,
                ScopeId near) const;

  bool frozen_ = false;
  // Per scope: one bit per kind, then the group-carriers bit.
  static constexpr std::size_t kGroupCarriersBit = kResourceKindCount;
  std::vector<std::bitset<kResourceKindCount + 1>> complete_;
  std::array<IdIndex, kResourceKindCount> indexes_;
};

}  // namespace netlint::model
