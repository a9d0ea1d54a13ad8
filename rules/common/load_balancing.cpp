#include "rules/common/load_balancing.h"

#include <charconv>
#include <set>
#include <tuple>

namespace netlint::rules {
namespace {

std::optional<std::uint16_t> HealthCheckPort(const model::TargetGroup& group, std::uint16_t port) {
  const std::string& text = group.health_check_port;
  if (text.empty() || text == "traffic-port") return std::nullopt;
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > 65535 || value == port) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::vector<TargetBinding> TargetBindings(const model::Topology& topology) {
  const model::Network& network = topology.network();
  std::vector<TargetBinding> bindings;
  std::set<std::tuple<const void*, const void*, const void*>> seen;
  auto add = [&](const model::TargetGroup& group, model::ResourceKind kind,
                 const model::Resource& target, std::optional<std::uint16_t> port) {
    const std::uint16_t target_port = port.value_or(group.port.value_or(0));
    if (target_port == 0) return;
    for (const std::string& lb_id : group.load_balancer_ids) {
      const model::LoadBalancer* lb = network.FindLoadBalancer(lb_id, group.scope);
      if (lb == nullptr || !seen.insert({lb, &group, &target}).second) continue;
      bindings.push_back({lb, &group, kind, &target, target_port,
                          HealthCheckPort(group, target_port)});
    }
  };
  for (const model::EcsService& service : network.ecs_services) {
    for (const model::ServiceLoadBalancer& binding : service.load_balancers) {
      if (const auto* group = network.FindTargetGroup(binding.target_group_id, service.scope)) {
        add(*group, model::ResourceKind::kEcsService, service, binding.container_port);
      }
    }
  }
  for (const model::TargetGroup& group : network.target_groups) {
    if (group.target_type != "instance") continue;
    for (const model::Target& target : group.targets) {
      if (const auto* instance = network.FindInstance(target.id, group.scope)) {
        add(group, model::ResourceKind::kInstance, *instance, target.port);
      }
    }
  }
  return bindings;
}

}  // namespace netlint::rules
