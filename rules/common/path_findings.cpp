#include "rules/common/path_findings.h"

#include <algorithm>

namespace netlint::rules {

using model::ResourceKind;

void AttachPath(Finding& finding, const reach::PathResult& path, reach::Verdict verdict) {
  finding.path = path.hops;
  for (const reach::Check* check : path.ChecksWith(verdict)) {
    // Texts usually open with the resource; the reporters print the resource already.
    std::string text = check->text;
    if (text.size() > check->resource.size() + 1 && text.rfind(check->resource + " ", 0) == 0) {
      text.erase(0, check->resource.size() + 1);
    }
    finding.related.push_back({check->resource, std::move(text), check->source});
  }
}

std::string BlockedSummary(const reach::PathResult& path) {
  const auto blocking = path.ChecksWith(reach::Verdict::kBlocked);
  std::string text = "via " + path.via;
  if (blocking.empty()) return text;
  text += ", blocked by " + std::to_string(blocking.size()) +
          (blocking.size() == 1 ? " setting: " : " settings: ") + blocking.front()->text;
  if (blocking.size() > 1) {
    text += " (and " + std::to_string(blocking.size() - 1) + " more)";
  }
  return text;
}

std::string UnknownSummary(const reach::PathResult& path) {
  std::string text;
  for (const reach::Check* check : path.ChecksWith(reach::Verdict::kUnknown)) {
    if (!text.empty()) text += "; ";
    text += check->text;
  }
  return text;
}

std::vector<Workload> Workloads(const model::Network& network) {
  std::vector<Workload> workloads;
  for (const model::Instance& instance : network.instances) {
    if (instance.state.empty() || instance.state == "running" || instance.state == "pending") {
      workloads.push_back({ResourceKind::kInstance, &instance});
    }
  }
  for (const model::EcsService& service : network.ecs_services) {
    if (service.network) workloads.push_back({ResourceKind::kEcsService, &service});
  }
  for (const model::DbInstance& db : network.db_instances) {
    workloads.push_back({ResourceKind::kDbInstance, &db});
  }
  for (const model::ReplicationGroup& group : network.replication_groups) {
    workloads.push_back({ResourceKind::kReplicationGroup, &group});
  }
  for (const model::CacheCluster& cluster : network.cache_clusters) {
    if (cluster.replication_group_id.empty()) {
      workloads.push_back({ResourceKind::kCacheCluster, &cluster});
    }
  }
  const bool services_described = !network.ecs_services.empty();
  for (const model::NetworkInterface& eni : network.network_interfaces) {
    const bool standalone =
        eni.owner == model::InterfaceOwner::kLambda || eni.owner == model::InterfaceOwner::kEfs ||
        (eni.owner == model::InterfaceOwner::kEcsTask && !services_described) ||
        (eni.owner == model::InterfaceOwner::kInstance && !eni.derived &&
         network.FindInstance(eni.owner_ref, eni.scope) == nullptr);
    if (standalone) workloads.push_back({ResourceKind::kNetworkInterface, &eni});
  }
  return workloads;
}

std::string WorkloadName(const Workload& workload) {
  return reach::Endpoint::Resource(workload.kind, *workload.resource).ToString();
}

std::string SourceSubnets(const std::vector<const reach::PathResult*>& paths) {
  std::vector<std::string> subnets;
  for (const reach::PathResult* path : paths) {
    if (!path->source_subnet.empty() &&
        std::find(subnets.begin(), subnets.end(), path->source_subnet) == subnets.end()) {
      subnets.push_back(path->source_subnet);
    }
  }
  std::string text;
  for (const std::string& subnet : subnets) {
    if (!text.empty()) text += ", ";
    text += subnet;
  }
  return text;
}

}  // namespace netlint::rules
