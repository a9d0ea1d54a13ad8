#pragma once

// Where a named end of a flow sits in the network: the interfaces of an instance, the subnets an
// ECS service's tasks start in, a load balancer's nodes, an endpoint's interfaces.

#include <map>
#include <unordered_map>
#include <vector>

#include "analyzer/reach/flow_parts.h"

namespace netlint::reach {

class VantageFinder {
 public:
  explicit VantageFinder(const model::Topology& topology);

  // Empty when the resource has no place in a VPC the input describes.
  [[nodiscard]] std::vector<Vantage> Of(model::ResourceKind kind,
                                        const model::Resource& resource) const;
  // An address no interface has, in the subnet that contains it: paths to it are evaluated up
  // to its subnet, where nothing answers.
  [[nodiscard]] std::optional<Vantage> AtAddress(model::Ipv4Address address,
                                                 bool interfaces_listed) const;
  // The interface that has `address` as a private (or, with `public_address`, public) address.
  [[nodiscard]] const model::NetworkInterface* InterfaceWithAddress(model::Ipv4Address address,
                                                                    bool public_address) const;
  // IPv6 addresses are global: one index serves private and public questions.
  [[nodiscard]] const model::NetworkInterface* InterfaceWithAddress(
      model::Ipv6Address address) const;
  // The resource an interface belongs to, when the input describes it (an instance, a load
  // balancer, an endpoint), else the interface itself.
  [[nodiscard]] std::pair<model::ResourceKind, const model::Resource*> OwnerOf(
      const model::NetworkInterface& eni) const;

 private:
  Vantage FromInterface(const model::NetworkInterface& eni, model::ResourceKind kind,
                        const model::Resource& owner) const;
  Vantage InSubnet(model::ResourceKind kind, const model::Resource& owner,
                   const model::Subnet& subnet, const std::vector<std::string>& group_ids,
                   std::optional<bool> public_ip) const;
  void ResolveGroups(Vantage& vantage, const std::vector<std::string>& ids,
                     model::ScopeId scope) const;

  const model::Topology& topology_;
  std::unordered_map<std::uint32_t, const model::NetworkInterface*> by_private_ip_;
  std::unordered_map<std::uint32_t, const model::NetworkInterface*> by_public_ip_;
  std::map<model::Uint128, const model::NetworkInterface*> by_ipv6_;
  std::unordered_map<std::string, std::vector<const model::NetworkInterface*>> lb_interfaces_;
};

// "ecs-service web", "instance i-0abc (bastion)"
std::string DescribeResource(model::ResourceKind kind, const model::Resource& resource);

}  // namespace netlint::reach
