#pragma once

// The forwarding graph: which hops a packet can move between, before any filter or route is
// consulted. Vertices are the internet, AWS services, gateways, NAT gateways, endpoints,
// peering connections, transit gateways and subnets; an edge says "can hand traffic to" and
// names why (an attachment, a VPC's membership, an endpoint's service). Path candidates are
// walks of this graph; the route tables, NACLs and security groups then decide each of them.

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "netlint/model/topology.h"

namespace netlint::reach {

enum class NodeKind : std::uint8_t {
  kInternet,
  kAwsService,
  kInternetGateway,
  kEgressOnlyGateway,
  kNatGateway,
  kGatewayEndpoint,
  kInterfaceEndpoint,
  kVpcPeering,
  kTransitGateway,
  kSubnet,
};

struct Node {
  NodeKind kind = NodeKind::kInternet;
  std::string id;  // "internet", "aws:s3", igw-..., subnet-...
  const model::Resource* resource = nullptr;
};

enum class EdgeKind : std::uint8_t {
  kToInternet,     // gateway -> internet
  kFromInternet,   // internet -> internet gateway
  kGatewayToVpc,   // internet gateway -> a subnet of its VPC (addresses it translates)
  kSubnetEgress,   // subnet -> a gateway, NAT, endpoint, peering or TGW its VPC can route to
  kNatToSubnet,    // NAT gateway -> its own subnet, whose table routes its traffic on
  kToService,      // endpoint -> the AWS service it serves
  kCrossVpc,       // peering / transit gateway -> a subnet of the other VPC
};

struct Edge {
  EdgeKind kind = EdgeKind::kSubnetEgress;
};

using ForwardingGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge>;
using Vertex = ForwardingGraph::vertex_descriptor;

class ReachGraph {
 public:
  explicit ReachGraph(const model::Topology& topology);

  [[nodiscard]] const ForwardingGraph& graph() const { return graph_; }
  [[nodiscard]] Vertex internet() const { return internet_; }
  [[nodiscard]] const Node& node(Vertex vertex) const { return graph_[vertex]; }
  // The vertex of an entity, if it has one.
  [[nodiscard]] bool Find(const model::Resource* resource, Vertex& vertex) const;
  // Vertex of an AWS service by short name; created for every service an endpoint serves and
  // for the services the rules ask about.
  [[nodiscard]] bool FindService(std::string_view name, Vertex& vertex) const;

  // Hops reachable from `from` along edges of `kind`.
  [[nodiscard]] std::vector<Vertex> Next(Vertex from, EdgeKind kind) const;

  // Subnets the internet can hand traffic to through an attached internet gateway whose VPC
  // routes back to it (a breadth-first search of the graph): the only places a workload can be
  // exposed directly.
  [[nodiscard]] const std::vector<const model::Subnet*>& SubnetsFacingInternet() const {
    return facing_internet_;
  }

 private:
  Vertex AddNode(NodeKind kind, std::string id, const model::Resource* resource);
  Vertex ServiceVertex(const std::string& name);
  void ComputeInternetFacing(const model::Topology& topology);

  ForwardingGraph graph_;
  Vertex internet_{};
  std::unordered_map<const model::Resource*, Vertex> by_resource_;
  std::unordered_map<std::string, Vertex> services_;
  std::vector<const model::Subnet*> facing_internet_;
};

}  // namespace netlint::reach
