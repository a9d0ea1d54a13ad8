#include "analyzer/reach/vantages.h"

namespace netlint::reach {
namespace {

using model::ResourceKind;

// Source ports a client uses. NAT gateways, load balancers and Lambda use 1024-65535 (AWS
// VPC user guide, "Ephemeral ports"); instances and tasks are taken as Linux (32768-60999),
// which is what ECS on Fargate and Amazon Linux use.
model::PortRange EphemeralPorts(model::InterfaceOwner owner) {
  switch (owner) {
    case model::InterfaceOwner::kNatGateway:
    case model::InterfaceOwner::kLoadBalancer:
    case model::InterfaceOwner::kLambda:
      return {1024, 65535};
    default:
      return {32768, 60999};
  }
}

}  // namespace

std::string DescribeResource(ResourceKind kind, const model::Resource& resource) {
  std::string text = std::string(model::ResourceKindName(kind)) + " ";
  switch (kind) {
    case ResourceKind::kEcsService:
      text += static_cast<const model::EcsService&>(resource).name;
      break;
    case ResourceKind::kLoadBalancer:
      text += static_cast<const model::LoadBalancer&>(resource).name;
      break;
    default: {
      text += resource.id;
      const std::string_view name = resource.Name();
      if (!name.empty()) text += " (" + std::string(name) + ")";
      break;
    }
  }
  return text;
}

VantageFinder::VantageFinder(const model::Topology& topology) : topology_(topology) {
  for (const model::NetworkInterface& eni : topology.network().network_interfaces) {
    for (const model::Ipv4Address& address : eni.private_ips) by_private_ip_.emplace(address.value(), &eni);
    for (const model::Ipv4Address& address : eni.public_ips) by_public_ip_.emplace(address.value(), &eni);
    for (const model::Ipv6Address& address : eni.ipv6_addresses) by_ipv6_.emplace(address.value(), &eni);
    if (eni.owner == model::InterfaceOwner::kLoadBalancer && !eni.owner_ref.empty()) {
      lb_interfaces_[eni.owner_ref].push_back(&eni);
    }
  }
}

const model::NetworkInterface* VantageFinder::InterfaceWithAddress(model::Ipv4Address address,
                                                                   bool public_address) const {
  const auto& index = public_address ? by_public_ip_ : by_private_ip_;
  auto found = index.find(address.value());
  return found == index.end() ? nullptr : found->second;
}

const model::NetworkInterface* VantageFinder::InterfaceWithAddress(
    model::Ipv6Address address) const {
  auto found = by_ipv6_.find(address.value());
  return found == by_ipv6_.end() ? nullptr : found->second;
}

std::pair<ResourceKind, const model::Resource*> VantageFinder::OwnerOf(
    const model::NetworkInterface& eni) const {
  const model::Network& network = topology_.network();
  if (eni.owner == model::InterfaceOwner::kInstance) {
    if (const model::Instance* instance = network.FindInstance(eni.owner_ref, eni.scope)) {
      return {ResourceKind::kInstance, instance};
    }
  }
  if (eni.owner == model::InterfaceOwner::kVpcEndpoint) {
    if (const model::VpcEndpoint* endpoint = network.FindVpcEndpoint(eni.owner_ref, eni.scope)) {
      return {ResourceKind::kVpcEndpoint, endpoint};
    }
  }
  return {ResourceKind::kNetworkInterface, &eni};
}

void VantageFinder::ResolveGroups(Vantage& vantage, const std::vector<std::string>& ids,
                                  model::ScopeId scope) const {
  for (const std::string& id : ids) {
    if (const model::SecurityGroup* group = topology_.network().FindSecurityGroup(id, scope)) {
      vantage.groups.push_back(group);
    } else {
      vantage.missing_groups.push_back(id);
    }
  }
}

Vantage VantageFinder::FromInterface(const model::NetworkInterface& eni, ResourceKind kind,
                                     const model::Resource& owner) const {
  const model::Network& network = topology_.network();
  Vantage vantage;
  vantage.kind = kind;
  vantage.resource = &owner;
  vantage.interface = &eni;
  // An instance is named by its id, as people and Batfish name it; the interface is the label.
  const bool instance = kind == ResourceKind::kInstance;
  vantage.node = instance ? owner.id : eni.id;
  vantage.node_kind = instance ? "instance" : "network-interface";
  vantage.label = &owner == &eni ? std::string(eni.Name()) : DescribeResource(kind, owner);
  if (instance) vantage.label += " via " + eni.id;
  vantage.subnet = network.FindSubnet(eni.subnet_id, eni.scope);
  vantage.vpc = vantage.subnet != nullptr ? topology_.VpcOf(*vantage.subnet)
                                          : network.FindVpc(eni.vpc_id, eni.scope);
  for (const model::Ipv4Address& address : eni.private_ips) {
    vantage.addresses.set.v4.Add(address.value(), address.value());
  }
  for (const model::Ipv6Address& address : eni.ipv6_addresses) {
    vantage.addresses.set.v6.Add(address.value(), address.value());
  }
  vantage.addresses.quantifier = Quantifier::kEvery;
  ResolveGroups(vantage, eni.security_group_ids, eni.scope);
  vantage.public_ip = eni.HasPublicIpv4();
  if (eni.public_ips.empty()) {
    vantage.pending_public_ip = model::PendingPublicIpv4Text(eni.public_ipv4);
  }
  vantage.ephemeral = EphemeralPorts(eni.owner);
  if (eni.owner == model::InterfaceOwner::kNatGateway) {
    vantage.refuses =
        "a NAT gateway only translates connections its VPC opens; nothing can connect to it";
    vantage.node = eni.owner_ref.empty() ? eni.id : eni.owner_ref;
    vantage.node_kind = "nat-gateway";
    vantage.label = eni.id;
  }
  if (kind == ResourceKind::kVpcEndpoint) {
    vantage.endpoint = static_cast<const model::VpcEndpoint*>(&owner);
  }
  return vantage;
}

Vantage VantageFinder::InSubnet(ResourceKind kind, const model::Resource& owner,
                                const model::Subnet& subnet,
                                const std::vector<std::string>& group_ids,
                                std::optional<bool> public_ip) const {
  Vantage vantage;
  vantage.kind = kind;
  vantage.resource = &owner;
  vantage.node = DescribeResource(kind, owner) + " in " + subnet.id;
  vantage.node_kind = std::string(model::ResourceKindName(kind));
  vantage.label = DescribeResource(kind, owner);
  vantage.subnet = &subnet;
  vantage.vpc = topology_.VpcOf(subnet);
  if (subnet.cidr_v4) {
    vantage.addresses.set = model::AddressSet::Of(*subnet.cidr_v4);
    vantage.addresses.text = "any address of " + subnet.id + " (" + subnet.cidr_v4->ToString() + ")";
  } else if (vantage.vpc != nullptr && !vantage.vpc->AddressSpace().Empty()) {
    vantage.addresses.set = vantage.vpc->AddressSpace();
    vantage.addresses.text = "any address of " + vantage.vpc->id;
  } else {
    vantage.addresses.set.v4 = model::Ipv4Set::Full();
    vantage.addresses.text = "the unknown addresses of " + subnet.id;
  }
  vantage.addresses.quantifier = Quantifier::kEvery;
  ResolveGroups(vantage, group_ids, owner.scope);
  vantage.public_ip = public_ip;
  return vantage;
}

std::optional<Vantage> VantageFinder::AtAddress(model::Ipv4Address address,
                                               bool interfaces_listed) const {
  for (const model::Subnet& subnet : topology_.network().subnets) {
    if (!subnet.cidr_v4 || !subnet.cidr_v4->Contains(address)) continue;
    Vantage vantage;
    vantage.kind = ResourceKind::kSubnet;
    vantage.resource = &subnet;
    vantage.node = address.ToString();
    vantage.node_kind = "address";
    vantage.label = "in " + subnet.id;
    vantage.subnet = &subnet;
    vantage.vpc = topology_.VpcOf(subnet);
    vantage.addresses.set.v4.Add(address.value(), address.value());
    // No interface has the address, so no public IPv4 address maps to it; without every
    // interface in the input that is not known.
    if (interfaces_listed) vantage.public_ip = false;
    vantage.refuses = interfaces_listed
                          ? "no interface in the input has " + address.ToString() +
                                ", and the input lists every interface: nothing answers"
                          : "no interface in the input has " + address.ToString();
    return vantage;
  }
  for (const model::Vpc& vpc : topology_.network().vpcs) {
    if (!vpc.AddressSpace().v4.Contains(address.value())) continue;
    Vantage vantage;
    vantage.kind = ResourceKind::kVpc;
    vantage.resource = &vpc;
    vantage.node = address.ToString();
    vantage.node_kind = "address";
    vantage.label = "in " + vpc.id;
    vantage.vpc = &vpc;
    vantage.addresses.set.v4.Add(address.value(), address.value());
    vantage.refuses = address.ToString() + " is inside " + vpc.id +
                      " but in none of its subnets: the VPC drops traffic to it";
    return vantage;
  }
  return std::nullopt;
}

std::vector<Vantage> VantageFinder::Of(ResourceKind kind, const model::Resource& resource) const {
  const model::Network& network = topology_.network();
  std::vector<Vantage> vantages;
  auto in_subnets = [&](const std::vector<std::string>& subnet_ids,
                        const std::vector<std::string>& groups, std::optional<bool> public_ip) {
    for (const std::string& id : subnet_ids) {
      if (const model::Subnet* subnet = network.FindSubnet(id, resource.scope)) {
        vantages.push_back(InSubnet(kind, resource, *subnet, groups, public_ip));
      }
    }
  };
  switch (kind) {
    case ResourceKind::kNetworkInterface: {
      const auto& eni = static_cast<const model::NetworkInterface&>(resource);
      // A load balancer's interface (one of its addresses) is that load balancer's node in the
      // interface's subnet: its listeners decide, not the interface's (absent) security groups.
      if (eni.owner == model::InterfaceOwner::kLoadBalancer && !eni.owner_ref.empty()) {
        for (const model::LoadBalancer& lb : network.load_balancers) {
          const std::size_t tail = lb.id.find(":loadbalancer/");
          if (lb.scope != eni.scope || tail == std::string::npos ||
              lb.id.compare(tail + 14, std::string::npos, eni.owner_ref) != 0) {
            continue;
          }
          for (Vantage& node : Of(ResourceKind::kLoadBalancer, lb)) {
            if (node.interface == &eni) vantages.push_back(std::move(node));
          }
        }
        if (!vantages.empty()) break;
      }
      auto [owner_kind, owner] = OwnerOf(eni);
      vantages.push_back(FromInterface(eni, owner_kind, *owner));
      break;
    }
    case ResourceKind::kInstance: {
      const auto& instance = static_cast<const model::Instance&>(resource);
      for (const std::string& id : instance.network_interface_ids) {
        if (const auto* eni = network.FindNetworkInterface(id, instance.scope)) {
          vantages.push_back(FromInterface(*eni, kind, instance));
        }
      }
      if (vantages.empty() && !instance.subnet_id.empty()) {
        in_subnets({instance.subnet_id}, instance.security_group_ids, instance.HasPublicIpv4());
        for (Vantage& vantage : vantages) {
          if (!instance.public_ip) {
            vantage.pending_public_ip = model::PendingPublicIpv4Text(instance.public_ipv4);
          }
          if (instance.private_ip) {
            vantage.addresses.set = {};
            vantage.addresses.set.v4.Add(instance.private_ip->value(), instance.private_ip->value());
            vantage.addresses.text.clear();
          }
        }
      }
      break;
    }
    case ResourceKind::kEcsService: {
      const auto& service = static_cast<const model::EcsService&>(resource);
      if (!service.network) break;
      std::vector<std::string> groups = service.network->security_group_ids;
      in_subnets(service.network->subnet_ids, groups, service.network->assign_public_ip);
      if (groups.empty()) {
        // Without groups, tasks get their VPC's default group.
        for (Vantage& vantage : vantages) {
          if (vantage.vpc == nullptr) continue;
          if (const auto* fallback = topology_.DefaultSecurityGroup(*vantage.vpc)) {
            vantage.groups.push_back(fallback);
          } else {
            vantage.missing_groups.push_back("the default security group of " + vantage.vpc->id);
          }
        }
      }
      break;
    }
    case ResourceKind::kSubnet: {
      // A hypothetical workload in the subnet whose security groups allow everything: what the
      // subnet's routes and network ACLs alone permit.
      Vantage vantage = InSubnet(kind, resource, static_cast<const model::Subnet&>(resource), {},
                                 false);
      vantage.filtered_by_groups = false;
      vantage.label = "a workload in " + resource.id;
      vantages.push_back(std::move(vantage));
      break;
    }
    case ResourceKind::kContainerInstance: {
      const auto& container_instance = static_cast<const model::ContainerInstance&>(resource);
      if (const auto* instance =
              network.FindInstance(container_instance.ec2_instance_id, resource.scope)) {
        return Of(ResourceKind::kInstance, *instance);
      }
      break;
    }
    case ResourceKind::kDbInstance: {
      const auto& db = static_cast<const model::DbInstance&>(resource);
      std::vector<std::string> subnet_ids = db.subnet_ids;
      if (subnet_ids.empty()) {
        if (const auto* group = network.FindDbSubnetGroup(db.subnet_group, db.scope)) {
          subnet_ids = group->subnet_ids;
        }
      }
      in_subnets(subnet_ids, db.security_group_ids, db.publicly_accessible);
      break;
    }
    case ResourceKind::kCacheCluster:
    case ResourceKind::kReplicationGroup: {
      const bool cluster = kind == ResourceKind::kCacheCluster;
      const std::string& group_name =
          cluster ? static_cast<const model::CacheCluster&>(resource).subnet_group
                  : static_cast<const model::ReplicationGroup&>(resource).subnet_group;
      const std::vector<std::string>& groups =
          cluster ? static_cast<const model::CacheCluster&>(resource).security_group_ids
                  : static_cast<const model::ReplicationGroup&>(resource).security_group_ids;
      if (const auto* subnet_group = network.FindCacheSubnetGroup(group_name, resource.scope)) {
        in_subnets(subnet_group->subnet_ids, groups, false);
      }
      break;
    }
    case ResourceKind::kLoadBalancer: {
      const auto& lb = static_cast<const model::LoadBalancer&>(resource);
      // Interfaces name the load balancer as "app/<name>/<id>", the tail of its ARN.
      const std::size_t tail = lb.id.find(":loadbalancer/");
      const auto interfaces = tail == std::string::npos
                                  ? lb_interfaces_.end()
                                  : lb_interfaces_.find(lb.id.substr(tail + 14));
      for (const model::LoadBalancerSubnet& placement : lb.subnets) {
        const model::Subnet* subnet = network.FindSubnet(placement.subnet_id, lb.scope);
        if (subnet == nullptr) continue;
        Vantage vantage = InSubnet(kind, lb, *subnet, lb.security_group_ids, lb.internet_facing);
        if (interfaces != lb_interfaces_.end()) {
          for (const model::NetworkInterface* eni : interfaces->second) {
            if (eni->subnet_id != subnet->id || eni->private_ips.empty()) continue;
            vantage.addresses.set = {};
            for (const auto& address : eni->private_ips) vantage.addresses.set.v4.Add(address.value(), address.value());
            vantage.addresses.text.clear();
            vantage.interface = eni;
            vantage.node = eni->id;
          }
        }
        vantage.node_kind = "load-balancer";
        vantage.filtered_by_groups = lb.has_security_groups;
        vantage.ephemeral = {1024, 65535};
        vantage.load_balancer = &lb;
        vantages.push_back(std::move(vantage));
      }
      break;
    }
    case ResourceKind::kVpcEndpoint: {
      const auto& endpoint = static_cast<const model::VpcEndpoint&>(resource);
      if (endpoint.type != model::EndpointType::kInterface) break;
      for (const std::string& id : endpoint.network_interface_ids) {
        if (const auto* eni = network.FindNetworkInterface(id, endpoint.scope)) {
          Vantage vantage = FromInterface(*eni, kind, endpoint);
          if (vantage.groups.empty() && vantage.missing_groups.empty()) {
            ResolveGroups(vantage, endpoint.security_group_ids, endpoint.scope);
          }
          vantages.push_back(std::move(vantage));
        }
      }
      if (vantages.empty()) in_subnets(endpoint.subnet_ids, endpoint.security_group_ids, false);
      for (Vantage& vantage : vantages) vantage.endpoint = &endpoint;
      break;
    }
    default:
      break;
  }
  return vantages;
}

}  // namespace netlint::reach
