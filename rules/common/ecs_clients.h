#pragma once

// Which ECS workloads depend on an AWS service, from their task definitions.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "netlint/model/network.h"
#include "netlint/reach/reach.h"

namespace netlint::rules {

struct ServiceClient {
  reach::Endpoint endpoint;
  std::string name;  // "ecs-service orders"
  const model::Vpc* vpc = nullptr;
};

// ECS services (through their task definitions) and container instances (for the ECS control
// plane) in `vpc` that need `service` ("ecr.api", "s3", ...).
std::vector<ServiceClient> ClientsOf(const model::Topology& topology, const model::Vpc& vpc,
                                     std::string_view service);

// The same question for many VPCs: the workloads are placed in their VPCs once. ClientsOf walks
// every ECS service of the estate, so asking it for each VPC or endpoint grows with their
// product (10,000 VPCs and 40,000 services: hours).
class ClientIndex {
 public:
  explicit ClientIndex(const model::Topology& topology);

  // As ClientsOf(topology, vpc, service), in the same order.
  [[nodiscard]] std::vector<ServiceClient> ClientsOf(const model::Vpc& vpc,
                                                     std::string_view service) const;

 private:
  struct Workload {
    reach::Endpoint endpoint;
    std::string name;
    const model::TaskDefinition* definition = nullptr;  // null: a container instance
  };
  std::unordered_map<const model::Vpc*, std::vector<Workload>> by_vpc_;
};

}  // namespace netlint::rules
