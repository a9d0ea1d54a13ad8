#pragma once

// Which ECS workloads depend on an AWS service, from their task definitions.

#include <string>
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

}  // namespace netlint::rules
