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
  std::string protocol;  // "tcp", "udp", "icmp", "all"
  model::PortSet ports;  // empty for protocols without ports
  // The path in head for an opened flow, in base for a closed one (for the lowest port).
  reach::PathResult trace;
};

struct FlowChanges {
  std::vector<Flow> opened;  // reachable in head, not in base; sorted by (from, to, protocol, ports)
  std::vector<Flow> closed;  // reachable in base, not in head; same order
};

FlowChanges DiffFlows(const engine::LoadedModel& base, const engine::LoadedModel& head,
                      const Renames& renames);

}  // namespace netlint::diff
