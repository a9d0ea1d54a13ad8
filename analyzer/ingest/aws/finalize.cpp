// Reconciles what the describe adapter read from many files into one consistent network.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

using Key = std::pair<model::ScopeId, std::string>;

// (scope, id) of a record, pointing into the record: valid while the vector is not modified.
struct KeyView {
  model::ScopeId scope;
  std::string_view id;
  friend bool operator==(const KeyView&, const KeyView&) = default;
};
struct KeyViewHash {
  std::size_t operator()(const KeyView& key) const {
    return std::hash<std::string_view>()(key.id) ^ (std::size_t{key.scope} * 0x9E3779B97F4A7C15ULL);
  }
};

// Keeps the first record of each (scope, id); the same resource listed twice (two copies of one
// call, overlapping snapshot folders) would otherwise be counted twice by every rule.
template <typename T>
void DropDuplicates(std::vector<T>& items, model::ResourceKind kind,
                    DiagnosticSink& diagnostics) {
  std::vector<bool> duplicate(items.size(), false);
  bool any = false;
  {
    std::unordered_set<KeyView, KeyViewHash> seen;
    seen.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (seen.insert({items[i].scope, items[i].id}).second) continue;
      duplicate[i] = true;
      any = true;
    }
  }
  if (!any) return;
  std::vector<T> kept;
  kept.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    T& item = items[i];
    if (duplicate[i]) {
      diagnostics.Report("IN004", Severity::kNote, item.id,
                         std::string(model::ResourceKindNoun(kind)) + " " + item.id +
                             " is listed more than once; the first listing is used",
                         item.source);
      continue;
    }
    kept.push_back(std::move(item));
  }
  items = std::move(kept);
}

// describe-transit-gateway-attachments and describe-transit-gateway-vpc-attachments describe the
// same attachments, each with fields the other lacks (the second names the subnets): one
// attachment, both halves, and no duplicate note.
void MergeTransitGatewayAttachments(std::vector<model::TransitGatewayAttachment>& attachments) {
  std::vector<model::TransitGatewayAttachment> merged;
  std::unordered_map<std::string, std::size_t> position;
  for (model::TransitGatewayAttachment& attachment : attachments) {
    const std::string key = std::to_string(attachment.scope) + '/' + attachment.id;
    auto [it, added] = position.try_emplace(key, merged.size());
    if (added) {
      merged.push_back(std::move(attachment));
      continue;
    }
    model::TransitGatewayAttachment& kept = merged[it->second];
    if (kept.subnet_ids.empty()) kept.subnet_ids = std::move(attachment.subnet_ids);
    if (kept.transit_gateway_id.empty()) kept.transit_gateway_id = attachment.transit_gateway_id;
    if (kept.resource_type.empty()) kept.resource_type = attachment.resource_type;
    if (kept.resource_id.empty()) kept.resource_id = attachment.resource_id;
    if (kept.state.empty()) kept.state = attachment.state;
  }
  attachments = std::move(merged);
}

template <typename T>
T* FindIn(std::vector<T>& items, model::ScopeId scope, std::string_view id) {
  for (T& item : items) {
    if (item.scope == scope && item.id == id) return &item;
  }
  for (T& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

void ApplyVpcAttributes(model::Network& network, const PendingFacts& pending,
                        DiagnosticSink& diagnostics) {
  for (const VpcAttributeFact& fact : pending.vpc_attributes) {
    model::Vpc* vpc = FindIn(network.vpcs, fact.scope, fact.vpc_id);
    if (vpc == nullptr) {
      diagnostics.Report("IN003", Severity::kNote, fact.vpc_id,
                         "describe-vpc-attribute names " + fact.vpc_id +
                             ", which is not in the input",
                         fact.source);
      continue;
    }
    if (fact.dns_support) {
      vpc->dns_support = fact.dns_support;
      vpc->dns_support_source = fact.source.Child("EnableDnsSupport");
    }
    if (fact.dns_hostnames) {
      vpc->dns_hostnames = fact.dns_hostnames;
      vpc->dns_hostnames_source = fact.source.Child("EnableDnsHostnames");
    }
  }
}

void ApplyPrefixListEntries(model::Network& network, PendingFacts& pending) {
  for (PrefixListEntriesFact& fact : pending.prefix_list_entries) {
    model::PrefixList* list = FindIn(network.prefix_lists, fact.scope, fact.prefix_list_id);
    if (list == nullptr) {
      model::PrefixList created;
      created.id = fact.prefix_list_id;
      created.scope = fact.scope;
      created.source = fact.source;
      network.prefix_lists.push_back(std::move(created));
      list = &network.prefix_lists.back();
    }
    list->entries_known = true;
    for (model::PrefixListEntry& entry : fact.entries) list->entries.push_back(std::move(entry));
  }
}

void ApplyTargetHealth(model::Network& network, PendingFacts& pending,
                       DiagnosticSink& diagnostics) {
  for (TargetHealthFact& fact : pending.target_health) {
    model::TargetGroup* group = FindIn(network.target_groups, fact.scope, fact.target_group_id);
    if (group == nullptr) {
      diagnostics.Report("IN003", Severity::kNote, fact.target_group_id,
                         "target health for " + fact.target_group_id +
                             ", which is not in the input (describe-target-groups)",
                         fact.source);
      continue;
    }
    group->targets_known = true;
    for (model::Target& target : fact.targets) group->targets.push_back(std::move(target));
  }
}

// describe-security-group-rules repeats what describe-security-groups nests; its rules are
// used only for groups that the input does not otherwise describe.
void ApplyStandaloneRules(model::Network& network, PendingFacts& pending) {
  std::set<Key> described;
  for (const model::SecurityGroup& group : network.security_groups) {
    described.emplace(group.scope, group.id);
  }
  std::map<Key, std::size_t> created_groups;  // position in security_groups
  for (StandaloneSgRuleFact& fact : pending.security_group_rules) {
    Key key{fact.scope, fact.group_id};
    if (described.count(key) != 0) continue;
    auto [it, inserted] = created_groups.try_emplace(key, network.security_groups.size());
    if (inserted) {
      model::SecurityGroup created;
      created.id = fact.group_id;
      created.scope = fact.scope;
      created.owner_id = fact.owner_id;
      created.source = fact.rule.source;
      network.security_groups.push_back(std::move(created));
    }
    model::SecurityGroup& group = network.security_groups[it->second];
    auto& rules = fact.rule.direction == model::Direction::kIngress ? group.ingress
                                                                     : group.egress;
    rules.push_back(std::move(fact.rule));
  }
}

// describe-instances embeds each instance's interfaces; describe-network-interfaces lists them
// with more detail. Keep the standalone record when both exist.
void AddInstanceInterfaces(model::Network& network, PendingFacts& pending) {
  std::vector<model::NetworkInterface>& embedded = pending.instance_interfaces;
  {
    std::unordered_set<KeyView, KeyViewHash> standalone;
    standalone.reserve(network.network_interfaces.size());
    for (const model::NetworkInterface& eni : network.network_interfaces) {
      if (!eni.derived) standalone.insert({eni.scope, eni.id});
    }
    std::erase_if(embedded, [&](const model::NetworkInterface& eni) {
      return standalone.count({eni.scope, eni.id}) != 0;
    });
  }
  network.network_interfaces.reserve(network.network_interfaces.size() + embedded.size());
  for (model::NetworkInterface& eni : embedded) {
    network.network_interfaces.push_back(std::move(eni));
  }
  std::vector<model::NetworkInterface>().swap(embedded);
}

// Describe output names security groups and the subnet group on a replication group's member
// clusters, not on the group; templates and plans name them on the group. Give the group its
// members' settings so that both kinds of input mean the same.
void InheritReplicationGroupSettings(model::Network& network) {
  std::map<Key, const model::CacheCluster*> clusters;
  for (const model::CacheCluster& cluster : network.cache_clusters) {
    clusters.emplace(Key{cluster.scope, cluster.id}, &cluster);
  }
  for (model::ReplicationGroup& group : network.replication_groups) {
    for (const std::string& member : group.member_clusters) {
      auto it = clusters.find({group.scope, member});
      if (it == clusters.end()) continue;
      const model::CacheCluster& cluster = *it->second;
      if (group.subnet_group.empty()) group.subnet_group = cluster.subnet_group;
      for (const std::string& id : cluster.security_group_ids) {
        if (std::find(group.security_group_ids.begin(), group.security_group_ids.end(), id) ==
            group.security_group_ids.end()) {
          group.security_group_ids.push_back(id);
        }
      }
    }
  }
}

}  // namespace

void FinalizeDescribe(model::Network& network, PendingFacts& pending,
                      DiagnosticSink& diagnostics) {
  using model::ResourceKind;
  AddInstanceInterfaces(network, pending);
  DropDuplicates(network.vpcs, ResourceKind::kVpc, diagnostics);
  DropDuplicates(network.subnets, ResourceKind::kSubnet, diagnostics);
  DropDuplicates(network.route_tables, ResourceKind::kRouteTable, diagnostics);
  DropDuplicates(network.internet_gateways, ResourceKind::kInternetGateway, diagnostics);
  DropDuplicates(network.egress_only_internet_gateways, ResourceKind::kEgressOnlyInternetGateway,
                 diagnostics);
  DropDuplicates(network.nat_gateways, ResourceKind::kNatGateway, diagnostics);
  DropDuplicates(network.vpc_endpoints, ResourceKind::kVpcEndpoint, diagnostics);
  DropDuplicates(network.prefix_lists, ResourceKind::kPrefixList, diagnostics);
  DropDuplicates(network.security_groups, ResourceKind::kSecurityGroup, diagnostics);
  DropDuplicates(network.network_acls, ResourceKind::kNetworkAcl, diagnostics);
  DropDuplicates(network.network_interfaces, ResourceKind::kNetworkInterface, diagnostics);
  DropDuplicates(network.instances, ResourceKind::kInstance, diagnostics);
  DropDuplicates(network.vpc_peerings, ResourceKind::kVpcPeering, diagnostics);
  MergeTransitGatewayAttachments(network.transit_gateway_attachments);
  DropDuplicates(network.load_balancers, ResourceKind::kLoadBalancer, diagnostics);
  DropDuplicates(network.listeners, ResourceKind::kListener, diagnostics);
  DropDuplicates(network.target_groups, ResourceKind::kTargetGroup, diagnostics);
  DropDuplicates(network.ecs_services, ResourceKind::kEcsService, diagnostics);
  DropDuplicates(network.task_definitions, ResourceKind::kTaskDefinition, diagnostics);
  DropDuplicates(network.container_instances, ResourceKind::kContainerInstance, diagnostics);
  DropDuplicates(network.db_instances, ResourceKind::kDbInstance, diagnostics);
  DropDuplicates(network.db_subnet_groups, ResourceKind::kDbSubnetGroup, diagnostics);
  DropDuplicates(network.cache_clusters, ResourceKind::kCacheCluster, diagnostics);
  DropDuplicates(network.replication_groups, ResourceKind::kReplicationGroup, diagnostics);
  DropDuplicates(network.cache_subnet_groups, ResourceKind::kCacheSubnetGroup, diagnostics);
  ApplyVpcAttributes(network, pending, diagnostics);
  ApplyPrefixListEntries(network, pending);
  ApplyTargetHealth(network, pending, diagnostics);
  ApplyStandaloneRules(network, pending);
  InheritReplicationGroupSettings(network);
}

}  // namespace netlint::ingest::aws
