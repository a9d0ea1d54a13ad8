// Pairs the resources of two versions of a network. Ids decide first; the rest are paired by a
// content signature in which every reference to another resource is written as what that
// resource became in head ("=id"), as unpaired ("?"), or, for ids the input does not define
// (an AWS-managed prefix list, a group of another account), as the id itself ("!id"). Each
// round pairs the signatures that occur exactly once on each side, which may let references
// resolve in the next round; rounds stop when one pairs nothing.

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analyzer/diff/resource_entries.h"
#include "netlint/diff/diff.h"

namespace netlint::diff {
namespace {

using model::ResourceKind;
using Entry = ResourceEntry;

using RefToken = std::function<std::string(const std::string&)>;

// Accumulates the parts of a signature, each in a form that cannot run into the next.
class Signature {
 public:
  explicit Signature(const RefToken& ref) : ref_(ref) {}

  Signature& Text(std::string_view text) {
    text_ += std::to_string(text.size());
    text_ += ':';
    text_ += text;
    return *this;
  }
  Signature& Ref(const std::string& id) { return Text(id.empty() ? std::string() : ref_(id)); }
  // A set of references: order carries no meaning.
  Signature& Refs(const std::vector<std::string>& ids) {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (const std::string& id : ids) tokens.push_back(id.empty() ? std::string() : ref_(id));
    return Set(std::move(tokens));
  }
  Signature& Set(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    text_ += '[';
    for (const std::string& item : items) Text(item);
    text_ += ']';
    return *this;
  }
  template <typename T>
  Signature& Optional(const std::optional<T>& value) {
    if (!value) return Text("unknown");
    if constexpr (std::is_same_v<T, bool>) {
      return Text(*value ? "true" : "false");
    } else if constexpr (std::is_integral_v<T>) {
      return Text(std::to_string(*value));
    } else {
      return Text(value->ToString());
    }
  }
  [[nodiscard]] std::string Take() { return std::move(text_); }

 private:
  const RefToken& ref_;
  std::string text_;
};

std::string SelectorText(const std::optional<model::TrafficSelector>& traffic) {
  return traffic ? traffic->ToString() : std::string("unknown traffic");
}

std::string PeerText(const model::SgPeer& peer, const RefToken& ref) {
  switch (peer.kind) {
    case model::SgPeer::Kind::kCidrV4:
      return "v4 " + peer.cidr_v4.ToString();
    case model::SgPeer::Kind::kCidrV6:
      return "v6 " + peer.cidr_v6.ToString();
    case model::SgPeer::Kind::kPrefixList:
      return "pl " + ref(peer.id);
    case model::SgPeer::Kind::kSecurityGroup:
      return "sg " + ref(peer.id) + " " + peer.user_id();
    case model::SgPeer::Kind::kUnknown:
      return "unknown " + peer.unknown_reason();
  }
  return "unknown";
}

std::string SgRulesText(const std::vector<model::SgRule>& rules, const RefToken& ref) {
  std::vector<std::string> items;
  items.reserve(rules.size());
  for (const model::SgRule& rule : rules) {
    items.push_back(SelectorText(rule.traffic) + " " + PeerText(rule.peer, ref));
  }
  Signature signature(ref);
  return signature.Set(std::move(items)).Take();
}

std::vector<std::string> TargetIds(const std::vector<model::Target>& targets, const RefToken& ref) {
  std::vector<std::string> items;
  items.reserve(targets.size());
  for (const model::Target& target : targets) {
    items.push_back(ref(target.id) + ":" +
                    (target.port ? std::to_string(*target.port) : std::string("-")));
  }
  return items;
}

// The attributes of a resource that decide how traffic flows and what the rules say of it.
// Names, tags and descriptions are left out: they are what a rename changes.
std::string ContentSignature(const Entry& entry, const RefToken& ref) {
  Signature s(ref);
  s.Text(model::ResourceKindName(entry.kind));
  const model::Resource& resource = *entry.resource;
  switch (entry.kind) {
    case ResourceKind::kVpc: {
      const auto& vpc = static_cast<const model::Vpc&>(resource);
      std::vector<std::string> cidrs;
      for (const auto& cidr : vpc.cidrs_v4) cidrs.push_back(cidr.cidr.ToString());
      for (const auto& cidr : vpc.cidrs_v6) cidrs.push_back(cidr.cidr.ToString());
      s.Set(std::move(cidrs)).Text(vpc.cidrs_known ? "known" : "unknown").Optional(vpc.is_default);
      break;
    }
    case ResourceKind::kSubnet: {
      const auto& subnet = static_cast<const model::Subnet&>(resource);
      std::vector<std::string> v6;
      for (const auto& cidr : subnet.cidrs_v6) v6.push_back(cidr.ToString());
      s.Ref(subnet.vpc_id)
          .Optional(subnet.cidr_v4)
          .Set(std::move(v6))
          .Text(subnet.availability_zone)
          .Optional(subnet.map_public_ip_on_launch);
      break;
    }
    case ResourceKind::kRouteTable: {
      const auto& table = static_cast<const model::RouteTable&>(resource);
      std::vector<std::string> routes;
      for (const model::Route& route : table.routes) {
        // A gateway endpoint's route goes to its service's prefix list, which the endpoint
        // (the target) already says; templates name that list after the endpoint's id.
        const bool to_endpoint = route.target_kind == model::RouteTargetKind::kGatewayEndpoint &&
                                 !route.destination_prefix_list.empty();
        routes.push_back((to_endpoint ? std::string("endpoint's list")
                          : route.destination_prefix_list.empty()
                              ? route.DestinationText()
                              : ref(route.destination_prefix_list)) +
                         " " + std::string(model::RouteTargetKindName(route.target_kind)) + " " +
                         (route.target_id == "local" ? route.target_id : ref(route.target_id)));
      }
      std::vector<std::string> associations;
      for (const auto& association : table.associations) {
        associations.push_back((association.main ? "main " : "") +
                               (association.subnet_id.empty() ? "" : ref(association.subnet_id)) +
                               (association.gateway_id.empty() ? "" : ref(association.gateway_id)));
      }
      s.Ref(table.vpc_id)
          .Set(std::move(routes))
          .Set(std::move(associations))
          .Refs(table.propagating_gateways)
          .Text(table.implicit ? "implicit" : "declared");
      break;
    }
    case ResourceKind::kInternetGateway: {
      const auto& gateway = static_cast<const model::InternetGateway&>(resource);
      std::vector<std::string> vpcs;
      for (const auto& attachment : gateway.attachments) vpcs.push_back(attachment.vpc_id);
      s.Refs(vpcs);
      break;
    }
    case ResourceKind::kEgressOnlyInternetGateway: {
      const auto& gateway = static_cast<const model::EgressOnlyInternetGateway&>(resource);
      std::vector<std::string> vpcs;
      for (const auto& attachment : gateway.attachments) vpcs.push_back(attachment.vpc_id);
      s.Refs(vpcs);
      break;
    }
    case ResourceKind::kNatGateway: {
      const auto& nat = static_cast<const model::NatGateway&>(resource);
      s.Ref(nat.vpc_id)
          .Ref(nat.subnet_id)
          .Text(nat.is_private ? "private" : "public")
          .Text(nat.regional ? "regional" : "zonal");
      break;
    }
    case ResourceKind::kVpcEndpoint: {
      const auto& endpoint = static_cast<const model::VpcEndpoint&>(resource);
      s.Ref(endpoint.vpc_id)
          .Text(model::EndpointTypeName(endpoint.type))
          .Text(endpoint.ServiceShortName())
          .Refs(endpoint.route_table_ids)
          .Refs(endpoint.subnet_ids)
          .Refs(endpoint.security_group_ids)
          .Optional(endpoint.private_dns_enabled);
      break;
    }
    case ResourceKind::kPrefixList: {
      const auto& list = static_cast<const model::PrefixList&>(resource);
      std::vector<std::string> entries;
      for (const auto& item : list.entries) {
        entries.push_back(item.cidr_v4   ? item.cidr_v4->ToString()
                          : item.cidr_v6 ? item.cidr_v6->ToString()
                                         : "");
      }
      s.Text(list.name).Text(list.owner_id).Set(std::move(entries));
      break;
    }
    case ResourceKind::kSecurityGroup: {
      const auto& group = static_cast<const model::SecurityGroup&>(resource);
      s.Ref(group.vpc_id)
          .Text(group.IsDefault() ? "default" : "")
          .Text(SgRulesText(group.ingress, ref))
          .Text(SgRulesText(group.egress, ref))
          .Text(group.rules_known ? "known" : "unknown");
      break;
    }
    case ResourceKind::kNetworkAcl: {
      const auto& acl = static_cast<const model::NetworkAcl&>(resource);
      std::vector<std::string> entries;
      for (const auto& item : acl.entries) {
        entries.push_back(std::to_string(item.rule_number) + " " +
                          std::string(model::DirectionName(item.direction)) +
                          (item.action == model::RuleAction::kAllow ? " allow " : " deny ") +
                          SelectorText(item.traffic) + " " +
                          (item.cidr_v4 ? item.cidr_v4->ToString() : "") +
                          (item.cidr_v6 ? item.cidr_v6->ToString() : ""));
      }
      s.Ref(acl.vpc_id).Optional(acl.is_default).Refs(acl.subnet_ids).Set(std::move(entries));
      break;
    }
    case ResourceKind::kNetworkInterface: {
      const auto& eni = static_cast<const model::NetworkInterface&>(resource);
      std::vector<std::string> addresses;
      for (const auto& address : eni.private_ips) addresses.push_back(address.ToString());
      s.Ref(eni.subnet_id)
          .Refs(eni.security_group_ids)
          .Set(std::move(addresses))
          .Text(model::InterfaceOwnerName(eni.owner))
          .Ref(eni.owner_ref)
          .Text(eni.source_dest_check ? "check" : "no-check")
          .Text(std::to_string(static_cast<int>(eni.public_ipv4)));
      break;
    }
    case ResourceKind::kInstance: {
      const auto& instance = static_cast<const model::Instance&>(resource);
      s.Ref(instance.subnet_id)
          .Refs(instance.security_group_ids)
          .Refs(instance.network_interface_ids)
          .Optional(instance.private_ip)
          .Text(std::to_string(static_cast<int>(instance.public_ipv4)))
          .Text(instance.state);
      break;
    }
    case ResourceKind::kVpcPeering: {
      const auto& peering = static_cast<const model::VpcPeering&>(resource);
      s.Ref(peering.requester.vpc_id).Ref(peering.accepter.vpc_id).Text(peering.status);
      break;
    }
    case ResourceKind::kTransitGatewayAttachment: {
      const auto& attachment = static_cast<const model::TransitGatewayAttachment&>(resource);
      s.Ref(attachment.transit_gateway_id)
          .Ref(attachment.resource_id)
          .Text(attachment.resource_type)
          .Refs(attachment.subnet_ids);
      break;
    }
    case ResourceKind::kLoadBalancer: {
      const auto& balancer = static_cast<const model::LoadBalancer&>(resource);
      std::vector<std::string> subnets;
      for (const auto& subnet : balancer.subnets) subnets.push_back(subnet.subnet_id);
      s.Text(model::LoadBalancerTypeName(balancer.type))
          .Optional(balancer.internet_facing)
          .Refs(subnets)
          .Refs(balancer.security_group_ids)
          .Text(balancer.has_security_groups ? "groups" : "no-groups");
      break;
    }
    case ResourceKind::kListener: {
      const auto& listener = static_cast<const model::Listener&>(resource);
      s.Ref(listener.load_balancer_id)
          .Optional(listener.port)
          .Text(listener.protocol)
          .Refs(listener.target_group_ids);
      break;
    }
    case ResourceKind::kTargetGroup: {
      const auto& group = static_cast<const model::TargetGroup&>(resource);
      s.Text(group.protocol)
          .Optional(group.port)
          .Ref(group.vpc_id)
          .Text(group.target_type)
          .Set(TargetIds(group.targets, ref))
          .Text(group.health_check_port);
      break;
    }
    case ResourceKind::kEcsService: {
      const auto& service = static_cast<const model::EcsService&>(resource);
      s.Text(service.launch_type).Ref(service.task_definition);
      if (service.network) {
        s.Refs(service.network->subnet_ids)
            .Refs(service.network->security_group_ids)
            .Optional(service.network->assign_public_ip);
      } else {
        s.Text("no awsvpc");
      }
      std::vector<std::string> balancers;
      for (const auto& balancer : service.load_balancers) {
        balancers.push_back(ref(balancer.target_group_id) + " " + balancer.container_name + ":" +
                            (balancer.container_port ? std::to_string(*balancer.container_port)
                                                     : std::string("-")));
      }
      s.Set(std::move(balancers));
      break;
    }
    case ResourceKind::kTaskDefinition: {
      const auto& task = static_cast<const model::TaskDefinition&>(resource);
      std::vector<std::string> containers;
      for (const auto& container : task.containers) {
        std::string text = container.name + " " + container.image + " " + container.log_driver;
        for (const auto& mapping : container.port_mappings) {
          text += " " + (mapping.container_port ? std::to_string(*mapping.container_port) : "-") +
                  "/" + mapping.protocol;
        }
        containers.push_back(std::move(text));
      }
      s.Text(task.network_mode).Set(task.requires_compatibilities).Set(std::move(containers));
      break;
    }
    case ResourceKind::kContainerInstance: {
      const auto& instance = static_cast<const model::ContainerInstance&>(resource);
      s.Ref(instance.ec2_instance_id).Ref(instance.subnet_id);
      break;
    }
    case ResourceKind::kDbInstance: {
      const auto& db = static_cast<const model::DbInstance&>(resource);
      s.Text(db.engine)
          .Optional(db.port)
          .Optional(db.publicly_accessible)
          .Refs(db.security_group_ids)
          .Ref(db.subnet_group)
          .Refs(db.subnet_ids);
      break;
    }
    case ResourceKind::kDbSubnetGroup: {
      const auto& group = static_cast<const model::DbSubnetGroup&>(resource);
      s.Ref(group.vpc_id).Refs(group.subnet_ids);
      break;
    }
    case ResourceKind::kCacheCluster: {
      const auto& cache = static_cast<const model::CacheCluster&>(resource);
      s.Text(cache.engine)
          .Ref(cache.subnet_group)
          .Refs(cache.security_group_ids)
          .Ref(cache.replication_group_id)
          .Optional(cache.port);
      break;
    }
    case ResourceKind::kReplicationGroup: {
      const auto& group = static_cast<const model::ReplicationGroup&>(resource);
      s.Refs(group.security_group_ids)
          .Ref(group.subnet_group)
          .Optional(group.port)
          .Refs(group.member_clusters);
      break;
    }
    case ResourceKind::kCacheSubnetGroup: {
      const auto& group = static_cast<const model::CacheSubnetGroup&>(resource);
      s.Ref(group.vpc_id).Refs(group.subnet_ids);
      break;
    }
  }
  return s.Take();
}

}  // namespace

Renames MatchResources(const model::Network& base, const model::Network& head) {
  const std::vector<Entry> base_entries = ResourceEntries(base);
  const std::vector<Entry> head_entries = ResourceEntries(head);

  // Views into the two networks' ids, which outlive this function.
  using IdSet = std::unordered_set<std::string_view>;
  std::array<IdSet, model::kResourceKindCount> base_by_kind;
  std::array<IdSet, model::kResourceKindCount> head_by_kind;
  IdSet base_ids(base_entries.size());
  IdSet head_ids(head_entries.size());
  for (const Entry& entry : base_entries) {
    base_ids.insert(entry.resource->id);
    base_by_kind[static_cast<std::size_t>(entry.kind)].insert(entry.resource->id);
  }
  for (const Entry& entry : head_entries) {
    head_ids.insert(entry.resource->id);
    head_by_kind[static_cast<std::size_t>(entry.kind)].insert(entry.resource->id);
  }

  // base id -> head id for every paired resource, and the head ids already taken.
  std::unordered_map<std::string_view, std::string_view> paired(base_entries.size());
  IdSet head_taken(head_entries.size());
  std::vector<const Entry*> base_open;
  for (const Entry& entry : base_entries) {
    if (head_by_kind[static_cast<std::size_t>(entry.kind)].count(entry.resource->id) != 0) {
      paired.emplace(entry.resource->id, entry.resource->id);
      head_taken.insert(entry.resource->id);
    } else {
      base_open.push_back(&entry);
    }
  }
  std::vector<const Entry*> head_open;
  for (const Entry& entry : head_entries) {
    if (base_by_kind[static_cast<std::size_t>(entry.kind)].count(entry.resource->id) == 0) {
      head_open.push_back(&entry);
    }
  }

  // An id the input does not define may still be named after one it does: a template's
  // derived values ("Vpc.DefaultSecurityGroup", an endpoint's prefix list) follow their
  // resource's logical id, so they are written through that resource's pairing.
  const auto through_owner = [](const IdSet& ids, const std::string& id,
                                const RefToken& ref) -> std::string {
    const std::size_t dot = id.find('.');
    if (dot != std::string::npos && dot > 0 &&
        ids.count(std::string_view(id).substr(0, dot)) != 0) {
      return ref(id.substr(0, dot)) + id.substr(dot);
    }
    return "!" + id;
  };
  RefToken base_ref;
  base_ref = [&](const std::string& id) -> std::string {
    if (base_ids.count(id) == 0) return through_owner(base_ids, id, base_ref);
    const auto found = paired.find(id);
    return found == paired.end() ? std::string("?") : "=" + std::string(found->second);
  };
  RefToken head_ref;
  head_ref = [&](const std::string& id) -> std::string {
    if (head_ids.count(id) == 0) return through_owner(head_ids, id, head_ref);
    return head_taken.count(id) != 0 ? "=" + id : std::string("?");
  };

  Renames renames;
  while (!base_open.empty() && !head_open.empty()) {
    // signature -> (base candidates, head candidates)
    std::map<std::string, std::pair<std::vector<const Entry*>, std::vector<const Entry*>>> groups;
    for (const Entry* entry : base_open) {
      groups[ContentSignature(*entry, base_ref)].first.push_back(entry);
    }
    for (const Entry* entry : head_open) {
      groups[ContentSignature(*entry, head_ref)].second.push_back(entry);
    }
    std::unordered_set<const Entry*> newly_paired;
    for (const auto& [signature, candidates] : groups) {
      if (candidates.first.size() != 1 || candidates.second.size() != 1) continue;
      const std::string_view from = candidates.first.front()->resource->id;
      const std::string_view to = candidates.second.front()->resource->id;
      // An id paired already (the same id of another kind) keeps its first pairing.
      if (paired.count(from) != 0 || head_taken.count(to) != 0) continue;
      paired.emplace(from, to);
      head_taken.insert(to);
      renames.emplace(std::string(from), std::string(to));
      newly_paired.insert(candidates.first.front());
      newly_paired.insert(candidates.second.front());
    }
    if (newly_paired.empty()) break;
    auto is_paired = [&](const Entry* entry) { return newly_paired.count(entry) != 0; };
    std::erase_if(base_open, is_paired);
    std::erase_if(head_open, is_paired);
  }
  return renames;
}

}  // namespace netlint::diff
