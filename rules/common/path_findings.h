#pragma once

// How path rules turn a reachability answer into a finding: the hops go into Finding::path and
// the settings that decide the answer into related[], so every reporter can show what to change.

#include <string>
#include <vector>

#include "netlint/reach/reach.h"
#include "netlint/rules/rule.h"

namespace netlint::rules {

// Copies the path's hops into the finding and appends its checks of `verdict` (the blocking
// ones, the unknown ones, or the ones that let the flow through) as related entries.
void AttachPath(Finding& finding, const reach::PathResult& path, reach::Verdict verdict);

// "via NAT gateway nat-0abc, blocked by 2 settings: rtb-0a has no route ...; ..." (the first
// setting's text in full, the count of the rest).
std::string BlockedSummary(const reach::PathResult& path);

// The texts of the path's unknown checks, joined with "; ".
std::string UnknownSummary(const reach::PathResult& path);

// A resource that runs code and holds addresses: what reachability rules ask about.
struct Workload {
  model::ResourceKind kind;
  const model::Resource* resource;
};

// Every workload of the network: running or unknown-state instances, awsvpc ECS services,
// databases, caches (a replication group once, not each member), and interfaces of Lambda
// functions, EFS, and ECS tasks of services the input does not describe.
std::vector<Workload> Workloads(const model::Network& network);

// "ecs-service api", "instance i-0abc (bastion)"
std::string WorkloadName(const Workload& workload);

// The subnets a set of paths starts in, in order, without repeats: "subnet-0a, subnet-0b".
std::string SourceSubnets(const std::vector<const reach::PathResult*>& paths);

}  // namespace netlint::rules
