#include "rules/common/ecs_clients.h"

#include <algorithm>

#include "rules/common/ecs_needs.h"

namespace netlint::rules {
namespace {

bool Needs(const std::vector<ServiceNeed>& needs, std::string_view service) {
  return std::any_of(needs.begin(), needs.end(),
                     [&](const ServiceNeed& need) { return need.service == service; });
}

}  // namespace

std::vector<ServiceClient> ClientsOf(const model::Topology& topology, const model::Vpc& vpc,
                                     std::string_view service) {
  const model::Network& network = topology.network();
  std::vector<ServiceClient> clients;
  for (const model::EcsService& ecs : network.ecs_services) {
    if (!ecs.network || ecs.network->subnet_ids.empty()) continue;
    const model::Subnet* subnet = network.FindSubnet(ecs.network->subnet_ids.front(), ecs.scope);
    if (subnet == nullptr || topology.VpcOf(*subnet) != &vpc) continue;
    const model::TaskDefinition* definition =
        network.FindTaskDefinition(ecs.task_definition, ecs.scope);
    if (definition == nullptr || !Needs(NeedsOf(*definition), service)) continue;
    clients.push_back({reach::Endpoint::Resource(model::ResourceKind::kEcsService, ecs),
                       "ecs-service " + ecs.name, &vpc});
  }
  if (Needs(ContainerInstanceNeeds(), service)) {
    for (const model::ContainerInstance& instance : network.container_instances) {
      const model::Instance* ec2 = network.FindInstance(instance.ec2_instance_id, instance.scope);
      if (ec2 == nullptr) continue;
      const model::Subnet* subnet = network.FindSubnet(ec2->subnet_id, ec2->scope);
      if (subnet == nullptr || topology.VpcOf(*subnet) != &vpc) continue;
      clients.push_back(
          {reach::Endpoint::Resource(model::ResourceKind::kContainerInstance, instance),
           "container instance " + instance.ec2_instance_id, &vpc});
    }
  }
  return clients;
}

ClientIndex::ClientIndex(const model::Topology& topology) {
  const model::Network& network = topology.network();
  for (const model::EcsService& ecs : network.ecs_services) {
    if (!ecs.network || ecs.network->subnet_ids.empty()) continue;
    const model::Subnet* subnet = network.FindSubnet(ecs.network->subnet_ids.front(), ecs.scope);
    if (subnet == nullptr || topology.VpcOf(*subnet) == nullptr) continue;
    const model::TaskDefinition* definition =
        network.FindTaskDefinition(ecs.task_definition, ecs.scope);
    if (definition == nullptr) continue;
    by_vpc_[topology.VpcOf(*subnet)].push_back(
        {reach::Endpoint::Resource(model::ResourceKind::kEcsService, ecs),
         "ecs-service " + ecs.name, definition});
  }
  for (const model::ContainerInstance& instance : network.container_instances) {
    const model::Instance* ec2 = network.FindInstance(instance.ec2_instance_id, instance.scope);
    if (ec2 == nullptr) continue;
    const model::Subnet* subnet = network.FindSubnet(ec2->subnet_id, ec2->scope);
    if (subnet == nullptr || topology.VpcOf(*subnet) == nullptr) continue;
    by_vpc_[topology.VpcOf(*subnet)].push_back(
        {reach::Endpoint::Resource(model::ResourceKind::kContainerInstance, instance),
         "container instance " + instance.ec2_instance_id, nullptr});
  }
}

std::vector<ServiceClient> ClientIndex::ClientsOf(const model::Vpc& vpc,
                                                  std::string_view service) const {
  std::vector<ServiceClient> clients;
  const auto found = by_vpc_.find(&vpc);
  if (found == by_vpc_.end()) return clients;
  const bool instances_need = Needs(ContainerInstanceNeeds(), service);
  for (const Workload& workload : found->second) {
    const bool needs = workload.definition != nullptr ? Needs(NeedsOf(*workload.definition), service)
                                                      : instances_need;
    if (needs) clients.push_back({workload.endpoint, workload.name, &vpc});
  }
  return clients;
}

}  // namespace netlint::rules
