#pragma once

// The route lookup of the reachability engine, for rules that reason about route tables without
// a flow (return routes across a peering, for instance): longest prefix match over a table.

#include <vector>

#include "netlint/model/topology.h"

namespace netlint::reach {

// The route a table picks for a part of a destination set.
struct RouteShare {
  const model::Route* route = nullptr;  // null: no route covers these addresses
  model::AddressSet addresses;
};

// Which route of `table` carries each part of `destinations`: longest prefix first; blackhole
// routes take part (they win the match and drop the traffic), filtered routes do not, and
// prefix-list routes count with their entries when the input has them.
std::vector<RouteShare> LookupRoutes(const model::RouteTable& table,
                                     const model::AddressSet& destinations,
                                     const model::Topology& topology);

}  // namespace netlint::reach
