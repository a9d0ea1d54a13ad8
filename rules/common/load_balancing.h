#pragma once

// Which workloads each load balancer forwards to, on which port: from ECS services' load
// balancer bindings and from target groups' registered instance and IP targets.

#include <cstdint>
#include <optional>
#include <vector>

#include "netlint/model/topology.h"

namespace netlint::rules {

struct TargetBinding {
  const model::LoadBalancer* load_balancer = nullptr;
  const model::TargetGroup* target_group = nullptr;
  model::ResourceKind target_kind = model::ResourceKind::kEcsService;
  const model::Resource* target = nullptr;
  std::uint16_t port = 0;                          // where the load balancer sends traffic
  std::optional<std::uint16_t> health_check_port;  // when it differs from `port`
};

// One binding per (load balancer, target group, target). Targets the input does not describe
// (an IP no interface has, an instance not listed) are left out.
std::vector<TargetBinding> TargetBindings(const model::Topology& topology);

}  // namespace netlint::rules
