#include "netlint/model/validate.h"

#include <map>
#include <set>
#include <string>

namespace netlint::model {
namespace {

// Collects references that could not be checked because the input has no list of their kind,
// to report them once per (scope, kind) instead of once per reference.
class ReferenceChecker {
 public:
  ReferenceChecker(const Network& network, DiagnosticSink& diagnostics)
      : network_(network), diagnostics_(diagnostics) {}

  // `found` says whether the lookup succeeded; `holder` is the resource holding the reference.
  void Check(bool found, ResourceKind target_kind, std::string_view target_id,
             const Resource& holder, ResourceKind holder_kind, const SourceRef& where) {
    if (found || target_id.empty()) return;
    if (network_.IsComplete(holder.scope, target_kind)) {
      diagnostics_.Report(
          "IN003", Severity::kWarning, holder.id,
          std::string(ResourceKindNoun(holder_kind)) + " " + holder.id + " refers to " +
              std::string(ResourceKindNoun(target_kind)) + " " + std::string(target_id) +
              ", which is not in the input",
          where);
      return;
    }
    Unchecked& unchecked = unchecked_[{holder.scope, target_kind}];
    if (unchecked.count == 0) unchecked.example = std::string(target_id);
    if (unchecked.count == 0) unchecked.where = where;
    ++unchecked.count;
  }

  void ReportUnchecked() {
    for (const auto& [key, unchecked] : unchecked_) {
      const auto& [scope, kind] = key;
      const Scope& where = network_.ScopeOf(scope);
      std::string scope_text;
      if (!where.account.empty() || !where.region.empty()) {
        scope_text = " in " + (where.account.empty() ? std::string() : where.account + "/") +
                     (where.region.empty() ? std::string("(any region)") : where.region);
      }
      diagnostics_.Report(
          "IN003", Severity::kNote, "",
          std::to_string(unchecked.count) + " reference" + (unchecked.count == 1 ? "" : "s") +
              " to " + std::string(ResourceKindNoun(kind)) + "s" + scope_text + " (such as " +
              unchecked.example + ") could not be checked: the input does not list them",
          unchecked.where);
    }
  }

 private:
  struct Unchecked {
    std::size_t count = 0;
    std::string example;
    SourceRef where;
  };
  const Network& network_;
  DiagnosticSink& diagnostics_;
  std::map<std::pair<ScopeId, ResourceKind>, Unchecked> unchecked_;
};

void CheckVpcRef(ReferenceChecker& checker, const Network& network, const std::string& vpc_id,
                 const Resource& holder, ResourceKind kind) {
  checker.Check(network.FindVpc(vpc_id, holder.scope) != nullptr, ResourceKind::kVpc, vpc_id,
                holder, kind, holder.source);
}

void CheckSubnetRefs(ReferenceChecker& checker, const Network& network,
                     const std::vector<std::string>& subnet_ids, const Resource& holder,
                     ResourceKind kind) {
  for (const std::string& id : subnet_ids) {
    checker.Check(network.FindSubnet(id, holder.scope) != nullptr, ResourceKind::kSubnet, id,
                  holder, kind, holder.source);
  }
}

void CheckGroupRefs(ReferenceChecker& checker, const Network& network,
                    const std::vector<std::string>& group_ids, const Resource& holder,
                    ResourceKind kind) {
  for (const std::string& id : group_ids) {
    checker.Check(network.FindSecurityGroup(id, holder.scope) != nullptr,
                  ResourceKind::kSecurityGroup, id, holder, kind, holder.source);
  }
}

void NoteMissingNetworkAcls(const Network& network, DiagnosticSink& diagnostics) {
  std::set<ScopeId> reported;
  for (const Subnet& subnet : network.subnets) {
    if (network.IsComplete(subnet.scope, ResourceKind::kNetworkAcl)) continue;
    if (!reported.insert(subnet.scope).second) continue;
    diagnostics.Report(
        "IN004", Severity::kNote, "",
        "the input has no network ACLs (describe-network-acls) for these subnets; every subnet "
        "is assumed to use its VPC's default network ACL, which allows all traffic",
        subnet.source);
  }
}

}  // namespace

void ValidateReferences(const Topology& topology, DiagnosticSink& diagnostics) {
  const Network& network = topology.network();
  ReferenceChecker checker(network, diagnostics);
  using K = ResourceKind;
  for (const Subnet& subnet : network.subnets) {
    CheckVpcRef(checker, network, subnet.vpc_id, subnet, K::kSubnet);
  }
  for (const RouteTable& table : network.route_tables) {
    CheckVpcRef(checker, network, table.vpc_id, table, K::kRouteTable);
    for (const RouteTableAssociation& association : table.associations) {
      if (association.subnet_id.empty()) continue;
      checker.Check(network.FindSubnet(association.subnet_id, table.scope) != nullptr,
                    K::kSubnet, association.subnet_id, table, K::kRouteTable,
                    association.source);
    }
  }
  for (const SecurityGroup& group : network.security_groups) {
    CheckVpcRef(checker, network, group.vpc_id, group, K::kSecurityGroup);
  }
  for (const NetworkAcl& acl : network.network_acls) {
    CheckVpcRef(checker, network, acl.vpc_id, acl, K::kNetworkAcl);
    CheckSubnetRefs(checker, network, acl.subnet_ids, acl, K::kNetworkAcl);
  }
  for (const NatGateway& nat : network.nat_gateways) {
    if (!nat.IsLive()) continue;
    if (!nat.subnet_id.empty()) {
      CheckSubnetRefs(checker, network, {nat.subnet_id}, nat, K::kNatGateway);
    }
  }
  for (const VpcEndpoint& endpoint : network.vpc_endpoints) {
    CheckVpcRef(checker, network, endpoint.vpc_id, endpoint, K::kVpcEndpoint);
    CheckSubnetRefs(checker, network, endpoint.subnet_ids, endpoint, K::kVpcEndpoint);
    CheckGroupRefs(checker, network, endpoint.security_group_ids, endpoint, K::kVpcEndpoint);
    for (const std::string& id : endpoint.route_table_ids) {
      checker.Check(network.FindRouteTable(id, endpoint.scope) != nullptr, K::kRouteTable, id,
                    endpoint, K::kVpcEndpoint, endpoint.source);
    }
  }
  for (const NetworkInterface& eni : network.network_interfaces) {
    if (!eni.subnet_id.empty()) {
      CheckSubnetRefs(checker, network, {eni.subnet_id}, eni, K::kNetworkInterface);
    }
    CheckGroupRefs(checker, network, eni.security_group_ids, eni, K::kNetworkInterface);
  }
  for (const Instance& instance : network.instances) {
    if (!instance.subnet_id.empty()) {
      CheckSubnetRefs(checker, network, {instance.subnet_id}, instance, K::kInstance);
    }
    CheckGroupRefs(checker, network, instance.security_group_ids, instance, K::kInstance);
  }
  for (const LoadBalancer& lb : network.load_balancers) {
    for (const LoadBalancerSubnet& subnet : lb.subnets) {
      checker.Check(network.FindSubnet(subnet.subnet_id, lb.scope) != nullptr, K::kSubnet,
                    subnet.subnet_id, lb, K::kLoadBalancer, lb.source);
    }
    CheckGroupRefs(checker, network, lb.security_group_ids, lb, K::kLoadBalancer);
  }
  for (const Listener& listener : network.listeners) {
    checker.Check(network.FindLoadBalancer(listener.load_balancer_id, listener.scope) != nullptr,
                  K::kLoadBalancer, listener.load_balancer_id, listener, K::kListener,
                  listener.source);
  }
  for (const EcsService& service : network.ecs_services) {
    if (!service.network) continue;
    CheckSubnetRefs(checker, network, service.network->subnet_ids, service, K::kEcsService);
    CheckGroupRefs(checker, network, service.network->security_group_ids, service,
                   K::kEcsService);
  }
  for (const DbInstance& db : network.db_instances) {
    CheckSubnetRefs(checker, network, db.subnet_ids, db, K::kDbInstance);
    CheckGroupRefs(checker, network, db.security_group_ids, db, K::kDbInstance);
  }
  for (const CacheCluster& cache : network.cache_clusters) {
    CheckGroupRefs(checker, network, cache.security_group_ids, cache, K::kCacheCluster);
  }
  checker.ReportUnchecked();
  NoteMissingNetworkAcls(network, diagnostics);
}

}  // namespace netlint::model
