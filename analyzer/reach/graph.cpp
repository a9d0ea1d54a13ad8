#include "analyzer/reach/graph.h"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>

namespace netlint::reach {
namespace {

using model::Subnet;

// Whether a subnet's route table sends anything to the gateway: without such a route the
// subnet's replies cannot leave through it, so nothing behind it is reachable from it.
bool RoutesTo(const model::Topology& topology, const Subnet& subnet, const std::string& target) {
  const model::RouteTable* table = topology.RouteTableFor(subnet).table;
  if (table == nullptr) return false;
  for (const model::Route& route : table->routes) {
    if (route.state == model::RouteState::kActive && route.target_id == target) return true;
  }
  return false;
}

}  // namespace

Vertex ReachGraph::AddNode(NodeKind kind, std::string id, const model::Resource* resource) {
  const Vertex vertex = boost::add_vertex(Node{kind, std::move(id), resource}, graph_);
  if (resource != nullptr) by_resource_.emplace(resource, vertex);
  return vertex;
}

Vertex ReachGraph::ServiceVertex(const std::string& name) {
  auto found = services_.find(name);
  if (found != services_.end()) return found->second;
  const Vertex vertex = AddNode(NodeKind::kAwsService, "aws:" + name, nullptr);
  services_.emplace(name, vertex);
  return vertex;
}

ReachGraph::ReachGraph(const model::Topology& topology) {
  const model::Network& network = topology.network();
  internet_ = AddNode(NodeKind::kInternet, "internet", nullptr);
  for (const char* service : {"ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager", "ssm",
                              "sts", "ecs", "ecs-agent", "ecs-telemetry"}) {
    const Vertex vertex = ServiceVertex(service);
    (void)vertex;
  }
  for (const Subnet& subnet : network.subnets) AddNode(NodeKind::kSubnet, subnet.id, &subnet);

  auto connect_vpc = [&](const model::Vpc& vpc, Vertex hop, EdgeKind to_hop, EdgeKind from_hop) {
    for (const Subnet* subnet : topology.SubnetsOf(vpc)) {
      const Vertex subnet_vertex = by_resource_.at(subnet);
      boost::add_edge(subnet_vertex, hop, Edge{to_hop}, graph_);
      if (from_hop != to_hop) boost::add_edge(hop, subnet_vertex, Edge{from_hop}, graph_);
    }
  };

  for (const model::InternetGateway& igw : network.internet_gateways) {
    const Vertex vertex = AddNode(NodeKind::kInternetGateway, igw.id, &igw);
    boost::add_edge(vertex, internet_, Edge{EdgeKind::kToInternet}, graph_);
    boost::add_edge(internet_, vertex, Edge{EdgeKind::kFromInternet}, graph_);
    for (const model::GatewayAttachment& attachment : igw.attachments) {
      if (const model::Vpc* vpc = network.FindVpc(attachment.vpc_id, igw.scope)) {
        connect_vpc(*vpc, vertex, EdgeKind::kSubnetEgress, EdgeKind::kGatewayToVpc);
      }
    }
  }
  for (const model::EgressOnlyInternetGateway& eigw : network.egress_only_internet_gateways) {
    const Vertex vertex = AddNode(NodeKind::kEgressOnlyGateway, eigw.id, &eigw);
    boost::add_edge(vertex, internet_, Edge{EdgeKind::kToInternet}, graph_);
    for (const model::GatewayAttachment& attachment : eigw.attachments) {
      if (const model::Vpc* vpc = network.FindVpc(attachment.vpc_id, eigw.scope)) {
        connect_vpc(*vpc, vertex, EdgeKind::kSubnetEgress, EdgeKind::kSubnetEgress);
      }
    }
  }
  for (const model::NatGateway& nat : network.nat_gateways) {
    const Vertex vertex = AddNode(NodeKind::kNatGateway, nat.id, &nat);
    if (const model::Vpc* vpc = network.FindVpc(nat.vpc_id, nat.scope)) {
      connect_vpc(*vpc, vertex, EdgeKind::kSubnetEgress, EdgeKind::kSubnetEgress);
    }
    if (const Subnet* own = network.FindSubnet(nat.subnet_id, nat.scope)) {
      boost::add_edge(vertex, by_resource_.at(own), Edge{EdgeKind::kNatToSubnet}, graph_);
    }
  }
  for (const model::VpcEndpoint& endpoint : network.vpc_endpoints) {
    const bool gateway = endpoint.type == model::EndpointType::kGateway;
    if (!gateway && endpoint.type != model::EndpointType::kInterface) continue;
    const Vertex vertex = AddNode(
        gateway ? NodeKind::kGatewayEndpoint : NodeKind::kInterfaceEndpoint, endpoint.id,
        &endpoint);
    boost::add_edge(vertex, ServiceVertex(std::string(endpoint.ServiceShortName())),
                    Edge{EdgeKind::kToService}, graph_);
    if (const model::Vpc* vpc = network.FindVpc(endpoint.vpc_id, endpoint.scope)) {
      connect_vpc(*vpc, vertex, EdgeKind::kSubnetEgress, EdgeKind::kSubnetEgress);
    }
  }
  for (const model::VpcPeering& peering : network.vpc_peerings) {
    const Vertex vertex = AddNode(NodeKind::kVpcPeering, peering.id, &peering);
    for (const model::PeeringSide* side : {&peering.requester, &peering.accepter}) {
      if (const model::Vpc* vpc = network.FindVpc(side->vpc_id, peering.scope)) {
        connect_vpc(*vpc, vertex, EdgeKind::kSubnetEgress, EdgeKind::kCrossVpc);
      }
    }
  }
  std::unordered_map<std::string, Vertex> transit_gateways;
  for (const model::TransitGatewayAttachment& attachment : network.transit_gateway_attachments) {
    if (attachment.resource_type != "vpc") continue;
    auto [entry, added] = transit_gateways.try_emplace(attachment.transit_gateway_id, Vertex{});
    if (added) {
      entry->second = AddNode(NodeKind::kTransitGateway, attachment.transit_gateway_id, nullptr);
    }
    if (const model::Vpc* vpc = network.FindVpc(attachment.resource_id, attachment.scope)) {
      connect_vpc(*vpc, entry->second, EdgeKind::kSubnetEgress, EdgeKind::kCrossVpc);
    }
  }
  ComputeInternetFacing(topology);
}

bool ReachGraph::Find(const model::Resource* resource, Vertex& vertex) const {
  auto found = by_resource_.find(resource);
  if (found == by_resource_.end()) return false;
  vertex = found->second;
  return true;
}

bool ReachGraph::FindService(std::string_view name, Vertex& vertex) const {
  auto found = services_.find(std::string(name));
  if (found == services_.end()) return false;
  vertex = found->second;
  return true;
}

std::vector<Vertex> ReachGraph::Next(Vertex from, EdgeKind kind) const {
  std::vector<Vertex> next;
  for (auto [edge, end] = boost::out_edges(from, graph_); edge != end; ++edge) {
    if (graph_[*edge].kind == kind) next.push_back(boost::target(*edge, graph_));
  }
  return next;
}

// Inbound edges only, and a gateway-to-subnet edge only where the subnet routes back. A named
// type because the filtered graph copies and default-constructs its predicate.
struct InboundEdges {
  const ForwardingGraph* graph = nullptr;
  const model::Topology* topology = nullptr;
  bool operator()(ForwardingGraph::edge_descriptor edge) const {
    const EdgeKind kind = (*graph)[edge].kind;
    if (kind == EdgeKind::kFromInternet) return true;
    if (kind != EdgeKind::kGatewayToVpc) return false;
    const Node& gateway = (*graph)[boost::source(edge, *graph)];
    const auto* subnet = static_cast<const Subnet*>((*graph)[boost::target(edge, *graph)].resource);
    return RoutesTo(*topology, *subnet, gateway.id);
  }
};

class SubnetRecorder : public boost::default_bfs_visitor {
 public:
  explicit SubnetRecorder(std::vector<Vertex>& reached) : reached_(&reached) {}
  template <typename Graph>
  void discover_vertex(Vertex vertex, const Graph& /*graph*/) const {
    reached_->push_back(vertex);
  }

 private:
  std::vector<Vertex>* reached_;
};

void ReachGraph::ComputeInternetFacing(const model::Topology& topology) {
  const boost::filtered_graph<ForwardingGraph, InboundEdges> view(graph_,
                                                                  InboundEdges{&graph_, &topology});
  std::vector<boost::default_color_type> colors(boost::num_vertices(graph_));
  std::vector<Vertex> reached;
  boost::breadth_first_search(
      view, internet_,
      boost::visitor(SubnetRecorder(reached))
          .color_map(boost::make_iterator_property_map(colors.begin(),
                                                       boost::get(boost::vertex_index, graph_))));
  for (Vertex vertex : reached) {
    if (graph_[vertex].kind == NodeKind::kSubnet) {
      facing_internet_.push_back(static_cast<const Subnet*>(graph_[vertex].resource));
    }
  }
}

}  // namespace netlint::reach
