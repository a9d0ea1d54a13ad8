#include "analyzer/diff/flow_changes.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace netlint::diff {
namespace {

using model::ResourceKind;

// A resource's content in a form two versions can compare. Every value is written with a
// terminator so that ("ab", "c") and ("a", "bc") differ; ids of other resources are written
// under head's names so that a renamed reference is no change.
class Signature {
 public:
  explicit Signature(const Renames* renames) : renames_(renames) {}

  Signature& Text(std::string_view text) {
    text_ += text;
    text_ += '\x1f';
    return *this;
  }
  Signature& Ref(std::string_view id) {
    if (renames_ == nullptr || renames_->empty()) return Text(id);
    return Text(HeadName(id, renames_));
  }
  Signature& Refs(const std::vector<std::string>& ids) {
    Number(static_cast<long long>(ids.size()));
    for (const std::string& id : ids) Ref(id);
    return *this;
  }
  Signature& Number(long long value) { return Text(std::to_string(value)); }
  Signature& Flag(bool value) { return Text(value ? "1" : "0"); }
  Signature& OptFlag(const std::optional<bool>& value) {
    return Text(!value ? "?" : *value ? "1" : "0");
  }
  template <typename T>
  Signature& OptNumber(const std::optional<T>& value) {
    return value ? Number(static_cast<long long>(*value)) : Text("?");
  }
  Signature& V4(const model::Ipv4Prefix& prefix) {
    return Number(prefix.First()).Number(prefix.length());
  }
  Signature& V6(const model::Ipv6Prefix& prefix) { return Text(prefix.ToString()); }
  Signature& OptV4(const std::optional<model::Ipv4Prefix>& prefix) {
    return prefix ? V4(*prefix) : Text("?");
  }
  Signature& OptV6(const std::optional<model::Ipv6Prefix>& prefix) {
    return prefix ? V6(*prefix) : Text("?");
  }
  Signature& Address(const model::Ipv4Address& address) { return Number(address.value()); }
  Signature& Traffic(const std::optional<model::TrafficSelector>& traffic) {
    if (!traffic) return Text("?");
    return Number(traffic->protocol.number())
        .Number(traffic->ports.first)
        .Number(traffic->ports.last)
        .Number(traffic->icmp.type)
        .Number(traffic->icmp.code);
  }
  Signature& Scope(model::ScopeId scope, const model::Network& network) {
    const model::Scope& where = network.ScopeOf(scope);
    return Text(where.account).Text(where.region);
  }

  std::string Take() { return std::move(text_); }
  [[nodiscard]] const std::string& Peek() const { return text_; }
  [[nodiscard]] std::size_t Size() const { return text_.size(); }

 private:
  const Renames* renames_;
  std::string text_;
};

// What a change of one resource can affect.
struct Impact {
  std::vector<std::string> vpcs;          // head names
  std::vector<std::string> resources;     // head names of ends, groups and load balancers
  std::vector<std::string> service_vpcs;  // head names: flows to AWS services from there
  bool everything = false;
};

// A security group's rules one by one, so that a change of rules alone can be narrowed to the
// ports of the rules that differ.
struct GroupRules {
  std::string header;  // everything but the rules
  struct Rule {
    std::string signature;
    model::PortSet tcp;
    model::PortSet udp;
  };
  std::vector<Rule> rules;  // sorted by signature
};

struct Entry {
  std::string signature;
  Impact impact;
  std::optional<GroupRules> group;
  bool ambiguous = false;  // one id in several scopes
};

// Every resource of one version, keyed by kind and head name.
class Inventory {
 public:
  Inventory(const model::Topology& topology, const Renames* renames)
      : topology_(topology), network_(topology.network()), renames_(renames) {
    IndexPrefixListUsers();
    Collect();
  }

  const std::unordered_map<std::string, Entry>& entries() const { return entries_; }

 private:
  Signature Sign() const { return Signature(renames_); }
  std::string Name(std::string_view id) const { return HeadName(id, renames_); }

  void Add(ResourceKind kind, const model::Resource& resource, Signature signature,
           Impact impact) {
    signature.Scope(resource.scope, network_);
    std::string key = std::to_string(static_cast<int>(kind));
    key += '\x1e';
    key += HeadName(resource.id, renames_);
    // Two resources with one id in different scopes: both must be equal for no change.
    Entry& entry = entries_[key];
    entry.ambiguous = !entry.signature.empty();
    entry.signature += signature.Take();
    entry.signature += '\x1d';
    for (std::string& vpc : impact.vpcs) entry.impact.vpcs.push_back(std::move(vpc));
    for (std::string& name : impact.resources) entry.impact.resources.push_back(std::move(name));
    for (std::string& vpc : impact.service_vpcs) entry.impact.service_vpcs.push_back(std::move(vpc));
    entry.impact.everything = entry.impact.everything || impact.everything;
  }

  // Who a group's rules decide flows for: its carriers'; through a load balancer that carries
  // it, the flows to the load balancer's targets; through an interface endpoint, the flows of
  // its VPC to AWS services; through an interface that forwards for others (a NAT gateway's,
  // a transit gateway's, an appliance's), every flow of its VPC.
  Impact GroupImpact(const model::SecurityGroup& group) const {
    Impact impact = Self(group);
    const std::span<const model::SgUser> users = topology_.UsersOf(group);
    const bool load_balancer_listed =
        std::any_of(users.begin(), users.end(), [](const model::SgUser& user) {
          return user.kind == ResourceKind::kLoadBalancer;
        });
    auto whole_vpc = [&] {
      Impact vpc = InVpc(group.vpc_id);
      impact.everything = impact.everything || vpc.everything;
      for (std::string& id : vpc.vpcs) impact.vpcs.push_back(std::move(id));
    };
    auto services = [&] {
      if (group.vpc_id.empty()) {
        impact.everything = true;
      } else {
        impact.service_vpcs.push_back(Name(group.vpc_id));
      }
    };
    for (const model::SgUser& user : users) {
      if (user.kind == ResourceKind::kLoadBalancer) {
        impact.resources.push_back(Name(user.resource->id));
      } else if (user.kind == ResourceKind::kVpcEndpoint) {
        services();
      } else if (user.kind == ResourceKind::kNetworkInterface) {
        const auto& eni = static_cast<const model::NetworkInterface&>(*user.resource);
        if (!ServesTheVpc(eni)) continue;
        if (eni.owner == model::InterfaceOwner::kVpcEndpoint) {
          services();
        } else if (eni.owner != model::InterfaceOwner::kLoadBalancer || !load_balancer_listed) {
          whole_vpc();  // a load balancer's interface without the load balancer: unknown targets
        }
      }
    }
    return impact;
  }

  Impact Self(const model::Resource& resource) const {
    Impact impact;
    impact.resources.push_back(Name(resource.id));
    return impact;
  }

  // Interfaces that carry traffic of others: a load balancer's, an endpoint's, a NAT gateway's,
  // a transit gateway's, or one that forwards (source/destination check off).
  static bool ServesTheVpc(const model::NetworkInterface& eni) {
    switch (eni.owner) {
      case model::InterfaceOwner::kLoadBalancer:
      case model::InterfaceOwner::kNatGateway:
      case model::InterfaceOwner::kVpcEndpoint:
      case model::InterfaceOwner::kGatewayLoadBalancerEndpoint:
      case model::InterfaceOwner::kTransitGateway:
        return true;
      default:
        return !eni.source_dest_check;
    }
  }

  Impact InVpc(std::string_view vpc_id) const {
    Impact impact;
    if (vpc_id.empty()) {
      impact.everything = true;
    } else {
      impact.vpcs.push_back(Name(vpc_id));
    }
    return impact;
  }

  // The VPC of a group of subnets (a DB or cache subnet group, which templates give without
  // one), from the subnets themselves.
  Impact InSubnets(std::string_view vpc_id, const std::vector<std::string>& subnet_ids,
                   model::ScopeId scope) const {
    if (!vpc_id.empty()) return InVpc(vpc_id);
    Impact impact;
    for (const std::string& id : subnet_ids) {
      const model::Subnet* subnet = network_.FindSubnet(id, scope);
      if (subnet == nullptr || subnet->vpc_id.empty()) {
        impact.everything = true;
      } else {
        impact.vpcs.push_back(Name(subnet->vpc_id));
      }
    }
    return impact;
  }

  // A customer-managed list changes the security group rules and routes that name it; an
  // AWS-managed one stands for a service's addresses, which flows from every VPC may use.
  Impact PrefixListImpact(const model::PrefixList& list) const {
    Impact impact;
    if (list.IsAwsManaged() || list.name.rfind("com.amazonaws.", 0) == 0) {
      impact.everything = true;
      return impact;
    }
    if (auto users = prefix_list_users_.find(list.id); users != prefix_list_users_.end()) {
      impact = users->second;
    }
    return impact;
  }

  // Who names each customer-managed prefix list (one pass over groups and route tables, and
  // only when the version has lists at all).
  void IndexPrefixListUsers() {
    if (network_.prefix_lists.empty()) return;
    for (const model::SecurityGroup& group : network_.security_groups) {
      std::vector<const std::string*> named;
      for (const auto* rules : {&group.ingress, &group.egress}) {
        for (const model::SgRule& rule : *rules) {
          if (rule.peer.kind == model::SgPeer::Kind::kPrefixList) named.push_back(&rule.peer.id);
        }
      }
      std::sort(named.begin(), named.end(), [](auto* a, auto* b) { return *a < *b; });
      named.erase(std::unique(named.begin(), named.end(), [](auto* a, auto* b) { return *a == *b; }),
                  named.end());
      for (const std::string* id : named) prefix_list_users_[*id].resources.push_back(Name(group.id));
    }
    for (const model::RouteTable& table : network_.route_tables) {
      for (const model::Route& route : table.routes) {
        if (!route.destination_prefix_list.empty()) {
          prefix_list_users_[route.destination_prefix_list].vpcs.push_back(Name(table.vpc_id));
        }
      }
    }
  }

  void Collect();
  void CollectAddressing();
  void CollectFiltering();
  void CollectWorkloads();
  void CollectLoadBalancing();

  const model::Topology& topology_;
  const model::Network& network_;
  const Renames* renames_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, Impact> prefix_list_users_;
};

void Inventory::Collect() {
  CollectAddressing();
  CollectFiltering();
  CollectWorkloads();
  CollectLoadBalancing();
}

void Inventory::CollectAddressing() {
  for (const model::Vpc& vpc : network_.vpcs) {
    Signature sig = Sign();
    sig.Number(static_cast<long long>(vpc.cidrs_v4.size()));
    for (const auto& block : vpc.cidrs_v4) sig.V4(block.cidr).Flag(block.associated);
    sig.Number(static_cast<long long>(vpc.cidrs_v6.size()));
    for (const auto& block : vpc.cidrs_v6) sig.V6(block.cidr).Flag(block.associated);
    sig.Flag(vpc.cidrs_known).OptFlag(vpc.dns_support).OptFlag(vpc.dns_hostnames);
    Add(ResourceKind::kVpc, vpc, std::move(sig), InVpc(vpc.id));
  }
  for (const model::Subnet& subnet : network_.subnets) {
    Signature sig = Sign();
    sig.Ref(subnet.vpc_id).OptV4(subnet.cidr_v4).Number(static_cast<long long>(subnet.cidrs_v6.size()));
    for (const auto& block : subnet.cidrs_v6) sig.V6(block);
    sig.Text(subnet.availability_zone).Text(subnet.availability_zone_id)
        .OptFlag(subnet.map_public_ip_on_launch).Flag(subnet.ipv6_native);
    Add(ResourceKind::kSubnet, subnet, std::move(sig), InVpc(subnet.vpc_id));
  }
  for (const model::RouteTable& table : network_.route_tables) {
    Signature sig = Sign();
    sig.Ref(table.vpc_id).Flag(table.implicit).Number(static_cast<long long>(table.routes.size()));
    for (const model::Route& route : table.routes) {
      sig.OptV4(route.destination_v4).OptV6(route.destination_v6)
          .Ref(route.destination_prefix_list)
          .Number(static_cast<int>(route.target_kind))
          .Ref(route.target_id)
          .Number(static_cast<int>(route.state));
    }
    sig.Number(static_cast<long long>(table.associations.size()));
    for (const auto& association : table.associations) {
      sig.Ref(association.subnet_id).Ref(association.gateway_id).Flag(association.main);
    }
    sig.Refs(table.propagating_gateways);
    Add(ResourceKind::kRouteTable, table, std::move(sig), InVpc(table.vpc_id));
  }
  auto gateway = [&](ResourceKind kind, const model::Resource& resource,
                     const std::vector<model::GatewayAttachment>& attachments) {
    Signature sig = Sign();
    Impact impact;
    for (const auto& attachment : attachments) {
      sig.Ref(attachment.vpc_id).Flag(attachment.attached);
      if (!attachment.vpc_id.empty()) impact.vpcs.push_back(Name(attachment.vpc_id));
    }
    Add(kind, resource, std::move(sig), std::move(impact));
  };
  for (const auto& igw : network_.internet_gateways) {
    gateway(ResourceKind::kInternetGateway, igw, igw.attachments);
  }
  for (const auto& eigw : network_.egress_only_internet_gateways) {
    gateway(ResourceKind::kEgressOnlyInternetGateway, eigw, eigw.attachments);
  }
  for (const model::NatGateway& nat : network_.nat_gateways) {
    Signature sig = Sign();
    sig.Ref(nat.vpc_id).Ref(nat.subnet_id).Text(nat.state).Flag(nat.is_private).Flag(nat.regional);
    for (const auto& address : nat.addresses) {
      sig.Ref(address.network_interface_id).Flag(address.public_ip.has_value());
      if (address.public_ip) sig.Address(*address.public_ip);
      if (address.private_ip) sig.Address(*address.private_ip);
    }
    Add(ResourceKind::kNatGateway, nat, std::move(sig),
        InSubnets(nat.vpc_id, {nat.subnet_id}, nat.scope));
  }
  for (const model::VpcEndpoint& endpoint : network_.vpc_endpoints) {
    Signature sig = Sign();
    sig.Ref(endpoint.vpc_id).Number(static_cast<int>(endpoint.type)).Text(endpoint.service_name)
        .Text(endpoint.state).Refs(endpoint.route_table_ids).Refs(endpoint.subnet_ids)
        .Refs(endpoint.security_group_ids).Refs(endpoint.network_interface_ids)
        .OptFlag(endpoint.private_dns_enabled).Text(endpoint.policy_document);
    Add(ResourceKind::kVpcEndpoint, endpoint, std::move(sig),
        InSubnets(endpoint.vpc_id, endpoint.subnet_ids, endpoint.scope));
  }
  for (const model::PrefixList& list : network_.prefix_lists) {
    Signature sig = Sign();
    sig.Text(list.name).Text(list.owner_id).Number(static_cast<int>(list.family))
        .Flag(list.entries_known);
    for (const auto& entry : list.entries) sig.OptV4(entry.cidr_v4).OptV6(entry.cidr_v6);
    Add(ResourceKind::kPrefixList, list, std::move(sig), PrefixListImpact(list));
  }
  for (const model::VpcPeering& peering : network_.vpc_peerings) {
    Signature sig = Sign();
    sig.Text(peering.status);
    Impact impact;
    for (const model::PeeringSide* side : {&peering.requester, &peering.accepter}) {
      sig.Ref(side->vpc_id).Text(side->owner_id).Text(side->region);
      for (const auto& block : side->cidrs_v4) sig.V4(block);
      for (const auto& block : side->cidrs_v6) sig.V6(block);
      if (side->vpc_id.empty()) {
        impact.everything = true;
      } else {
        impact.vpcs.push_back(Name(side->vpc_id));
      }
    }
    Add(ResourceKind::kVpcPeering, peering, std::move(sig), std::move(impact));
  }
  std::unordered_map<std::string, std::vector<const model::TransitGatewayAttachment*>> by_gateway;
  for (const model::TransitGatewayAttachment& attachment : network_.transit_gateway_attachments) {
    by_gateway[attachment.transit_gateway_id].push_back(&attachment);
  }
  for (const model::TransitGatewayAttachment& attachment : network_.transit_gateway_attachments) {
    Signature sig = Sign();
    sig.Ref(attachment.transit_gateway_id).Text(attachment.resource_type)
        .Ref(attachment.resource_id).Text(attachment.state).Refs(attachment.subnet_ids);
    // The transit gateway joins every VPC attached to it.
    Impact impact;
    for (const model::TransitGatewayAttachment* other : by_gateway[attachment.transit_gateway_id]) {
      if (other->resource_type == "vpc" && !other->resource_id.empty()) {
        impact.vpcs.push_back(Name(other->resource_id));
      } else if (!other->subnet_ids.empty()) {
        Impact placed = InSubnets("", other->subnet_ids, other->scope);
        impact.everything = impact.everything || placed.everything;
        for (std::string& vpc : placed.vpcs) impact.vpcs.push_back(std::move(vpc));
      }
    }
    if (attachment.resource_type != "vpc" && attachment.subnet_ids.empty()) {
      impact.everything = true;  // a VPN or peering attachment: anything behind it
    }
    Add(ResourceKind::kTransitGatewayAttachment, attachment, std::move(sig), std::move(impact));
  }
}

void Inventory::CollectFiltering() {
  for (const model::SecurityGroup& group : network_.security_groups) {
    Signature sig = Sign();
    // The name matters only as "default"; templates derive the others from the logical id.
    sig.Flag(group.IsDefault()).Ref(group.vpc_id).Text(group.owner_id).Flag(group.rules_known);
    GroupRules rules_alone;
    rules_alone.header = sig.Peek();
    Signature where = Sign();
    rules_alone.header += where.Scope(group.scope, network_).Take();
    for (const auto* rules : {&group.ingress, &group.egress}) {
      sig.Number(static_cast<long long>(rules->size()));
      for (const model::SgRule& rule : *rules) {
        const std::size_t rule_start = sig.Size();
        sig.Number(static_cast<int>(rule.direction)).Traffic(rule.traffic)
            .Number(static_cast<int>(rule.peer.kind));
        switch (rule.peer.kind) {
          case model::SgPeer::Kind::kCidrV4: sig.V4(rule.peer.cidr_v4); break;
          case model::SgPeer::Kind::kCidrV6: sig.V6(rule.peer.cidr_v6); break;
          case model::SgPeer::Kind::kPrefixList:
          case model::SgPeer::Kind::kSecurityGroup:
            sig.Ref(rule.peer.id).Text(rule.peer.user_id()).Ref(rule.peer.vpc_id())
                .Ref(rule.peer.peering_id()).Text(rule.peer.peering_status());
            break;
          case model::SgPeer::Kind::kUnknown: sig.Text(rule.peer.unknown_reason()); break;
        }
        rules_alone.rules.push_back(
            {sig.Peek().substr(rule_start),
             rule.traffic ? rule.traffic->PortsOf(model::Protocol::Tcp()) : model::PortSet::Full(),
             rule.traffic ? rule.traffic->PortsOf(model::Protocol::Udp()) : model::PortSet::Full()});
      }
    }
    std::sort(rules_alone.rules.begin(), rules_alone.rules.end(),
              [](const auto& a, const auto& b) { return a.signature < b.signature; });
    Impact impact = GroupImpact(group);
    Add(ResourceKind::kSecurityGroup, group, std::move(sig), std::move(impact));
    Entry& entry = entries_[std::to_string(static_cast<int>(ResourceKind::kSecurityGroup)) +
                            '\x1e' + Name(group.id)];
    if (entry.ambiguous) {
      entry.group.reset();
    } else if (entry.impact.vpcs.empty() && !entry.impact.everything) {
      // Its rules decide on their own ports only, for its carriers; what goes through a load
      // balancer or an endpoint that carries it is touched on every port.
      entry.group = std::move(rules_alone);
    }
  }
  for (const model::NetworkAcl& acl : network_.network_acls) {
    Signature sig = Sign();
    sig.Ref(acl.vpc_id).OptFlag(acl.is_default).Refs(acl.subnet_ids);
    for (const model::NaclEntry& entry : acl.entries) {
      sig.Number(entry.rule_number).Number(static_cast<int>(entry.direction))
          .Number(static_cast<int>(entry.action)).Traffic(entry.traffic)
          .OptV4(entry.cidr_v4).OptV6(entry.cidr_v6);
    }
    Add(ResourceKind::kNetworkAcl, acl, std::move(sig), InVpc(acl.vpc_id));
  }
}

void Inventory::CollectWorkloads() {
  for (const model::NetworkInterface& eni : network_.network_interfaces) {
    Signature sig = Sign();
    sig.Ref(eni.vpc_id).Ref(eni.subnet_id).Text(eni.interface_type).Text(eni.status)
        .Flag(eni.requester_managed).Flag(eni.source_dest_check).Refs(eni.security_group_ids)
        .Number(static_cast<int>(eni.public_ipv4)).Number(static_cast<int>(eni.owner))
        .Ref(eni.owner_ref);
    for (const auto& address : eni.private_ips) sig.Address(address);
    sig.Text("/");
    for (const auto& address : eni.public_ips) sig.Address(address);
    for (const auto& address : eni.ipv6_addresses) sig.Text(address.ToString());
    // The interface of a load balancer, endpoint, NAT gateway or appliance carries flows of
    // the whole VPC; any other is its workload's own.
    Impact impact = ServesTheVpc(eni) ? InSubnets(eni.vpc_id, {eni.subnet_id}, eni.scope) : Impact{};
    impact.resources.push_back(Name(eni.id));
    if (!eni.owner_ref.empty()) impact.resources.push_back(Name(eni.owner_ref));
    Add(ResourceKind::kNetworkInterface, eni, std::move(sig), std::move(impact));
  }
  for (const model::Instance& instance : network_.instances) {
    Signature sig = Sign();
    sig.Text(instance.state).Ref(instance.vpc_id).Ref(instance.subnet_id)
        .Refs(instance.network_interface_ids).Refs(instance.security_group_ids)
        .Number(static_cast<int>(instance.public_ipv4)).OptFlag(instance.source_dest_check)
        .Flag(instance.private_ip.has_value()).Flag(instance.public_ip.has_value());
    if (instance.private_ip) sig.Address(*instance.private_ip);
    if (instance.public_ip) sig.Address(*instance.public_ip);
    // An instance that forwards others' traffic (a route target) carries flows of its VPC.
    Impact impact = instance.source_dest_check == false
                        ? InSubnets(instance.vpc_id, {instance.subnet_id}, instance.scope)
                        : Impact{};
    impact.resources.push_back(Name(instance.id));
    Add(ResourceKind::kInstance, instance, std::move(sig), std::move(impact));
  }
  for (const model::EcsService& service : network_.ecs_services) {
    Signature sig = Sign();
    sig.Text(service.status).Flag(service.network.has_value());
    if (service.network) {
      sig.Refs(service.network->subnet_ids).Refs(service.network->security_group_ids)
          .OptFlag(service.network->assign_public_ip);
    }
    for (const auto& balancer : service.load_balancers) {
      sig.Ref(balancer.target_group_id).Text(balancer.load_balancer_name)
          .Text(balancer.container_name).OptNumber(balancer.container_port);
    }
    Add(ResourceKind::kEcsService, service, std::move(sig), Self(service));
  }
  for (const model::DbInstance& db : network_.db_instances) {
    Signature sig = Sign();
    sig.Text(db.status).OptNumber(db.port).OptFlag(db.publicly_accessible)
        .Refs(db.security_group_ids).Ref(db.subnet_group).Ref(db.vpc_id).Refs(db.subnet_ids);
    Add(ResourceKind::kDbInstance, db, std::move(sig), Self(db));
  }
  for (const model::DbSubnetGroup& group : network_.db_subnet_groups) {
    Signature sig = Sign();
    sig.Ref(group.vpc_id).Refs(group.subnet_ids).Text(group.status);
    Add(ResourceKind::kDbSubnetGroup, group, std::move(sig),
        InSubnets(group.vpc_id, group.subnet_ids, group.scope));
  }
  for (const model::CacheCluster& cache : network_.cache_clusters) {
    Signature sig = Sign();
    sig.Text(cache.status).Ref(cache.subnet_group).Refs(cache.security_group_ids)
        .Ref(cache.replication_group_id).OptNumber(cache.port);
    Add(ResourceKind::kCacheCluster, cache, std::move(sig), Self(cache));
  }
  for (const model::ReplicationGroup& group : network_.replication_groups) {
    Signature sig = Sign();
    sig.Text(group.status).Refs(group.member_clusters).OptNumber(group.port)
        .Refs(group.security_group_ids).Ref(group.subnet_group);
    Add(ResourceKind::kReplicationGroup, group, std::move(sig), Self(group));
  }
  for (const model::CacheSubnetGroup& group : network_.cache_subnet_groups) {
    Signature sig = Sign();
    sig.Ref(group.vpc_id).Refs(group.subnet_ids);
    Add(ResourceKind::kCacheSubnetGroup, group, std::move(sig),
        InSubnets(group.vpc_id, group.subnet_ids, group.scope));
  }
  // Task definitions and container instances decide no path (`netlint reach` resolves a
  // container instance to its EC2 instance), so they are not compared.
}

void Inventory::CollectLoadBalancing() {
  for (const model::LoadBalancer& lb : network_.load_balancers) {
    Signature sig = Sign();
    sig.Number(static_cast<int>(lb.type)).OptFlag(lb.internet_facing).Ref(lb.vpc_id)
        .Text(lb.state).Text(lb.ip_address_type).Refs(lb.security_group_ids)
        .Flag(lb.has_security_groups);
    std::vector<std::string> subnet_ids;
    for (const auto& placement : lb.subnets) {
      sig.Ref(placement.subnet_id).Text(placement.availability_zone);
      subnet_ids.push_back(placement.subnet_id);
    }
    // Its targets are reached through it: the VPC is looked at again.
    Impact impact = InSubnets(lb.vpc_id, subnet_ids, lb.scope);
    impact.resources.push_back(Name(lb.id));
    Add(ResourceKind::kLoadBalancer, lb, std::move(sig), std::move(impact));
  }
  for (const model::Listener& listener : network_.listeners) {
    Signature sig = Sign();
    sig.Ref(listener.load_balancer_id).OptNumber(listener.port).Text(listener.protocol)
        .Refs(listener.target_group_ids).Refs(listener.action_types);
    const model::LoadBalancer* lb =
        network_.FindLoadBalancer(listener.load_balancer_id, listener.scope);
    Impact impact;
    if (lb == nullptr) {
      impact.everything = true;
    } else {
      impact = InVpc(lb->vpc_id);
      impact.resources.push_back(Name(lb->id));
    }
    Add(ResourceKind::kListener, listener, std::move(sig), std::move(impact));
  }
  for (const model::TargetGroup& group : network_.target_groups) {
    Signature sig = Sign();
    sig.Text(group.protocol).OptNumber(group.port).Ref(group.vpc_id).Text(group.target_type)
        .Refs(group.load_balancer_ids).Text(group.health_check_port)
        .Flag(group.targets_known);
    for (const auto& target : group.targets) {
      sig.Ref(target.id).OptNumber(target.port).Text(target.availability_zone);
    }
    Add(ResourceKind::kTargetGroup, group, std::move(sig), InVpc(group.vpc_id));
  }
}

}  // namespace

std::string HeadName(std::string_view id, const Renames* renames) {
  if (renames == nullptr || renames->empty()) return std::string(id);
  if (auto found = renames->find(std::string(id)); found != renames->end()) return found->second;
  // Adapters name what a template implies after its owner ("Vpc.DefaultSecurityGroup",
  // "vpc.main_route_table"): it is renamed with its owner.
  const std::size_t dot = id.find('.');
  if (dot != std::string_view::npos && dot > 0) {
    if (auto owner = renames->find(std::string(id.substr(0, dot))); owner != renames->end()) {
      return owner->second + std::string(id.substr(dot));
    }
  }
  return std::string(id);
}

ChangeScope FindChanges(const model::Topology& base, const model::Topology& head,
                        const Renames& renames) {
  // The two versions are independent: one thread each.
  std::optional<Inventory> before;
  std::optional<Inventory> after;
  RunInParallel(2, [&](std::size_t side) {
    if (side == 0) {
      before.emplace(base, &renames);
    } else {
      after.emplace(head, nullptr);
    }
  });
  ChangeScope scope;
  auto apply = [&](const Entry& entry) {
    if (entry.impact.everything) scope.everything = true;
    for (const std::string& vpc : entry.impact.vpcs) scope.vpcs.insert(vpc);
    for (const std::string& name : entry.impact.resources) scope.resources.insert(name);
    for (const std::string& vpc : entry.impact.service_vpcs) scope.service_vpcs.insert(vpc);
  };
  // A group of workloads whose rules alone changed: only the ports of the rules that differ.
  auto rule_ports = [&](const std::string& key, const Entry& old_entry, const Entry& new_entry) {
    if (!old_entry.group || !new_entry.group ||
        old_entry.group->header != new_entry.group->header) {
      return;
    }
    ChangeScope::Ports ports;
    const auto& a = old_entry.group->rules;
    const auto& b = new_entry.group->rules;
    auto add = [&](const GroupRules::Rule& rule) {
      ports.tcp.Add(rule.tcp);
      ports.udp.Add(rule.udp);
    };
    // The rules in one version and not the other (as multisets: order does not matter to a
    // security group).
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a[i].signature < b[j].signature)) {
        add(a[i++]);
      } else if (i == a.size() || b[j].signature < a[i].signature) {
        add(b[j++]);
      } else {
        ++i;
        ++j;
      }
    }
    scope.group_ports.emplace(key.substr(key.find('\x1e') + 1), std::move(ports));
  };
  for (const auto& [key, entry] : before->entries()) {
    auto other = after->entries().find(key);
    if (other == after->entries().end()) {
      apply(entry);
    } else if (other->second.signature != entry.signature) {
      apply(entry);
      apply(other->second);
      rule_ports(key, entry, other->second);
    }
  }
  for (const auto& [key, entry] : after->entries()) {
    if (!before->entries().contains(key)) apply(entry);
  }
  return scope;
}

}  // namespace netlint::diff
