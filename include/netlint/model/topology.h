#pragma once

#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "netlint/model/network.h"

namespace netlint::model {

// A resource that carries a security group.
struct SgUser {
  ResourceKind kind;
  const Resource* resource;
};

// The route table that governs a subnet, and how it came to.
struct RouteTableBinding {
  const RouteTable* table = nullptr;  // null: unknown (no route table data, or no main table)
  bool explicit_association = false;
};

// Relations derived from a frozen Network once, so that every rule asks the same questions the
// same way: which route table and NACL govern a subnet, who carries a security group, which
// rules reference it, which interfaces sit in an address range. Holds pointers into the
// network, which must outlive it.
class Topology {
 public:
  explicit Topology(const Network& network);

  [[nodiscard]] const Network& network() const { return network_; }

  [[nodiscard]] const Vpc* VpcOf(const Subnet& subnet) const;
  [[nodiscard]] std::span<const Subnet* const> SubnetsOf(const Vpc& vpc) const;

  // The VPC's main route table, or null when the input has none for it.
  [[nodiscard]] const RouteTable* MainRouteTable(const Vpc& vpc) const;
  [[nodiscard]] RouteTableBinding RouteTableFor(const Subnet& subnet) const;
  // Subnets whose route table is `table` (explicitly, or implicitly through the main table).
  [[nodiscard]] std::span<const Subnet* const> SubnetsUsing(const RouteTable& table) const;

  // The NACL that filters a subnet: its explicit association, else its VPC's default NACL.
  // Null when the input has no NACL data for the subnet's scope.
  [[nodiscard]] const NetworkAcl* NetworkAclFor(const Subnet& subnet) const;

  // Everything that carries the group (interfaces, instances, load balancers, endpoints, ECS
  // services, databases, caches). An ECS service without groups carries its VPC's default group.
  [[nodiscard]] std::span<const SgUser> UsersOf(const SecurityGroup& group) const;
  // Whether the input lists every carrier of groups in the group's scope (a complete interface
  // list, or Network::GroupCarriersComplete), so that an empty UsersOf() means "unused" rather
  // than "not in the input".
  [[nodiscard]] bool UsersKnown(const SecurityGroup& group) const;
  // Rules of any group (including its own) whose peer is this group.
  [[nodiscard]] std::span<const SgRule* const> ReferencesTo(const SecurityGroup& group) const;
  // The group that owns a rule.
  [[nodiscard]] const SecurityGroup* OwnerOf(const SgRule& rule) const;

  [[nodiscard]] std::span<const Listener* const> ListenersOf(const LoadBalancer& lb) const;

  // Interfaces of the VPC ordered by primary private IPv4 address, and those whose primary
  // address lies in [first, last].
  [[nodiscard]] std::span<const NetworkInterface* const> InterfacesOf(const Vpc& vpc) const;
  [[nodiscard]] std::vector<const NetworkInterface*> InterfacesInRange(const Vpc& vpc,
                                                                       std::uint32_t first,
                                                                       std::uint32_t last) const;

  // Active peering connections with this VPC on either side.
  [[nodiscard]] std::span<const VpcPeering* const> PeeringsOf(const Vpc& vpc) const;

  // The VPC's default security group (GroupName "default"), or null.
  [[nodiscard]] const SecurityGroup* DefaultSecurityGroup(const Vpc& vpc) const;

  // Addresses a security group rule's peer denotes when it is a CIDR or a prefix list. Sets
  // `unknown` when a prefix list's entries are not in the input (its addresses then are left
  // out, and callers must not conclude anything from their absence).
  [[nodiscard]] AddressSet PeerAddresses(const SgPeer& peer, ScopeId scope, bool& unknown) const;

 private:
  void IndexSubnets();
  void IndexRouteTables();
  void IndexNetworkAcls();
  void IndexSecurityGroups();
  void IndexLoadBalancers();
  void IndexInterfaces();
  void IndexPeerings();
  void AddUser(std::string_view group_id, ScopeId scope, SgUser user);

  const Network& network_;
  std::unordered_map<const Vpc*, std::vector<const Subnet*>> subnets_of_vpc_;
  std::unordered_map<const Vpc*, const RouteTable*> main_table_;
  std::unordered_map<const Subnet*, const RouteTable*> explicit_table_;
  std::unordered_map<const RouteTable*, std::vector<const Subnet*>> subnets_using_table_;
  std::unordered_map<const Subnet*, const NetworkAcl*> explicit_nacl_;
  std::unordered_map<const Vpc*, const NetworkAcl*> default_nacl_;
  std::unordered_map<const SecurityGroup*, std::vector<SgUser>> users_;
  std::unordered_map<const SecurityGroup*, std::vector<const SgRule*>> references_;
  std::unordered_map<const SgRule*, const SecurityGroup*> rule_owner_;
  std::unordered_map<const LoadBalancer*, std::vector<const Listener*>> listeners_;
  std::unordered_map<const Vpc*, std::vector<const NetworkInterface*>> interfaces_of_vpc_;
  std::unordered_map<const Vpc*, std::vector<const VpcPeering*>> peerings_;
  std::unordered_map<const Vpc*, const SecurityGroup*> default_group_;
};

}  // namespace netlint::model
