#pragma once

// Which parts of a network a change can have touched, as far as paths are concerned: the flow
// diff evaluates only flows with an end there, so that an unchanged estate costs next to
// nothing. Internal to the flow diff.

#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/base/parallel.h"

#include "netlint/diff/flows.h"
#include "netlint/model/topology.h"

namespace netlint::diff {

// Names are head's: base ids are translated through the renames first.
struct ChangeScope {
  // Something changed whose effect is not tied to a VPC (a prefix list, a load balancer target
  // group without a VPC): every flow is evaluated.
  bool everything = false;
  // VPCs in which some path may have changed (a subnet, route table, NACL, gateway, endpoint,
  // peering, load balancer or listener of theirs changed, was added or removed).
  std::unordered_set<std::string> vpcs;
  // Workloads and security groups whose own content changed, was added or removed: flows with
  // such a workload as an end, or with an end that carries such a group, may have changed. Also
  // load balancers that carry such a group: flows to their targets may have changed.
  std::unordered_set<std::string> resources;
  // Security groups of `resources` whose rules alone changed and that no forwarding interface
  // carries (a load balancer or an endpoint may: those are touched through `resources` and
  // `service_vpcs`),
  // with the ports of the rules that differ: a flow between ends whose only change is such
  // groups can change on those ports only (a rule decides nothing outside its ports).
  struct Ports {
    model::PortSet tcp;
    model::PortSet udp;
  };
  std::unordered_map<std::string, Ports> group_ports;
  // VPCs whose flows to AWS services may have changed (an interface endpoint's group changed).
  std::unordered_set<std::string> service_vpcs;

  [[nodiscard]] bool Empty() const {
    return !everything && vpcs.empty() && resources.empty() && service_vpcs.empty();
  }
};

// Compares a content signature of every resource of the two versions (everything that decides a
// path; never where it is written, its tags or its name).
ChangeScope FindChanges(const model::Topology& base, const model::Topology& head,
                        const Renames& renames);

// ParallelFor for work that may throw (an allocation failure in a large estate): the first
// exception is passed on once every item is done.
template <typename Work>
void RunInParallel(std::size_t count, Work&& work) {
  std::mutex mutex;
  std::exception_ptr failure;
  ParallelFor(count, [&](std::size_t i) {
    try {
      work(i);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!failure) failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);
}

// The name a base id has in head (itself without renames).
std::string HeadName(std::string_view id, const Renames* renames);

}  // namespace netlint::diff
