#pragma once

// Reachability changes between two versions of a network (`netlint diff`): flows between the
// internet, AWS services and every workload that the head version newly allows or newly
// blocks, grouped so that one change is one entry.

#include <string>
#include <unordered_map>
#include <vector>

#include "netlint/engine/engine.h"
#include "netlint/model/traffic.h"
#include "netlint/reach/reach.h"

namespace netlint::diff {

// Resources that kept their meaning under another name in head (a renamed logical id):
// base id -> head id. Flows are compared under head's names.
using Renames = std::unordered_map<std::string, std::string>;

// One class of flows: from one end to another, over one protocol, on a set of ports.
struct Flow {
  std::string from;      // as `netlint reach` names ends: "internet", "aws:ecr", a resource id
  std::string to;
  std::string protocol;  // "tcp" or "udp" (flows of other protocols are not compared yet)
  // IPv6 only for flows with the internet, when the workload has an IPv6 address.
  model::IpFamily family = model::IpFamily::kV4;
  model::PortSet ports;  // empty for protocols without ports
  // The path in head for an opened flow, in base for a closed one (for the lowest port; for
  // aws:ecr, that of ecr.api unless ecr.dkr alone decides the verdict).
  reach::PathResult trace;
  // The verdicts on either side: reachable and blocked for a closed flow, the reverse for an
  // opened one; for an uncertain one, which side is unknown.
  reach::Verdict base_verdict = reach::Verdict::kBlocked;
  reach::Verdict head_verdict = reach::Verdict::kReachable;
};

struct FlowChanges {
  // Reachable in head and blocked in base (an end that base does not have is blocked there);
  // sorted by (from, to, protocol, ports).
  std::vector<Flow> opened;
  std::vector<Flow> closed;  // reachable in base and blocked in head; same order
  // Flows whose verdict is unknown on one side and reachable or blocked on the other (a value
  // the input does not know decides them): neither opened nor closed, said rather than
  // guessed. The trace is head's, or base's when the flow is unknown in head.
  std::vector<Flow> uncertain;
  // Reachability questions asked of both versions together; none when nothing that decides a
  // path changed.
  std::size_t queries = 0;
};

// Flows are compared between the internet, the AWS services that matter to workloads ("aws:ecr"
// for ecr.api and ecr.dkr together, "aws:s3", "aws:logs" and every service with an endpoint in
// either version) and every workload: instances, interfaces of no described workload, ECS
// services, load balancers, databases and caches. Only flows with an end whose path may have
// changed (a resource that decides it differs between the versions) are evaluated, so an
// unchanged network asks nothing. TCP and UDP over IPv4.
FlowChanges DiffFlows(const engine::LoadedModel& base, const engine::LoadedModel& head,
                      const Renames& renames);

}  // namespace netlint::diff
