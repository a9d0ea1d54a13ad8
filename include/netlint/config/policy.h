#pragma once

// A team's intent about its network, declared in `.netlint.yaml` under `policies:` and checked
// with the reachability engine by POL001 (deny) and POL002 (allow). Plain data: the
// configuration reader fills it, the policy rules read it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "netlint/base/source.h"
#include "netlint/model/traffic.h"

namespace netlint::config {

// One criterion of a selector. A selector's criteria must all hold for a resource to match.
struct SelectorCriterion {
  enum class Kind : std::uint8_t {
    kIdOrName,       // a resource id, Name tag, service, load balancer or DB name
    kTag,            // `key` = `value` (an empty value matches any value of the key)
    kType,           // a resource kind name: instance, ecs-service, db-instance, ...
    kEcsService,     // an ECS service name or ARN
    kSubnet,         // workloads placed in the subnet (id or Name tag)
    kSecurityGroup,  // workloads carrying the group (id or group name)
    kCidr,           // workloads of subnets inside the block; outside every VPC, the addresses
  };
  Kind kind = Kind::kIdOrName;
  std::string key;  // kTag only
  std::string value;
};

// An end of a policy's flow: the internet, an AWS service, or the resources that match every
// criterion.
struct PolicySelector {
  enum class Kind : std::uint8_t { kInternet, kAwsService, kResources };
  Kind kind = Kind::kResources;
  std::string service;  // kAwsService: "ecr", "s3", ...
  std::vector<SelectorCriterion> criteria;
  SourceRef source;

  // As a user would write it: "internet", "aws:ecr", "tag tier=db", "ecs-service api and
  // subnet app-a".
  [[nodiscard]] std::string ToString() const;
};

struct Policy {
  enum class Intent : std::uint8_t { kDeny, kAllow };
  std::string name;
  Intent intent = Intent::kDeny;
  PolicySelector from;
  PolicySelector to;
  // Unset: tcp. A deny without a protocol from the internet covers every protocol.
  std::optional<model::Protocol> protocol;
  // TCP and UDP: the destination ports (one, or a range of at most kMaxPolicyPorts); ICMP: the
  // type in `first`. Unset: a deny from the internet covers every port (the engine lists every
  // exposed port); an allow to an AWS service means 443; anything else needs a port.
  std::optional<model::PortRange> ports;
  SourceRef source;  // the policy's entry in the configuration
};

// The widest port range a policy may give: each port is one question to the engine.
inline constexpr std::uint32_t kMaxPolicyPorts = 1024;

}  // namespace netlint::config
