// Path evaluation. A question (from, to, flow) becomes candidate paths taken from the
// forwarding graph (through each NAT gateway, endpoint, gateway or peering the VPC has); every
// candidate is checked hop by hop in the order AWS applies its settings, and checking goes on
// after a setting blocks, so that a blocked path lists everything that stands in the way.
// The best candidate is the answer: the one routing actually selects when it works, else the
// one with the fewest blocking settings.

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/reach/flow_parts.h"
#include "analyzer/reach/graph.h"
#include "analyzer/reach/vantages.h"
#include "netlint/reach/reach.h"

namespace netlint::reach {

using model::Direction;
using model::ResourceKind;

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kReachable: return "reachable";
    case Verdict::kBlocked: return "not reachable";
    case Verdict::kUnknown: return "unknown";
  }
  return "unknown";
}

Verdict Worse(Verdict a, Verdict b) {
  auto rank = [](Verdict verdict) {
    return verdict == Verdict::kBlocked ? 2 : verdict == Verdict::kUnknown ? 1 : 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

std::vector<const Check*> PathResult::ChecksWith(Verdict wanted) const {
  std::vector<const Check*> checks;
  for (const Hop& hop : hops) {
    for (const Check& check : hop.checks) {
      if (check.verdict == wanted) checks.push_back(&check);
    }
  }
  return checks;
}

std::string FlowSpec::ToString() const {
  if (protocol.HasPorts()) return protocol.Name() + "/" + std::to_string(port);
  std::string name = protocol.Name();
  // A protocol without a name is shown as "protocol 47", not as a bare number.
  if (!name.empty() && name.front() >= '0' && name.front() <= '9') name = "protocol " + name;
  return name;
}

Endpoint Endpoint::AwsService(std::string short_name) {
  Endpoint endpoint;
  endpoint.kind = Kind::kAwsService;
  endpoint.service = std::move(short_name);
  return endpoint;
}

Endpoint Endpoint::Resource(ResourceKind kind, const model::Resource& resource) {
  Endpoint endpoint;
  endpoint.kind = Kind::kResource;
  endpoint.resource_kind = kind;
  endpoint.resource = &resource;
  return endpoint;
}

std::string Endpoint::ToString() const {
  switch (kind) {
    case Kind::kInternet: return "internet";
    case Kind::kAwsService: return "aws:" + service;
    case Kind::kAddress: return DescribeSpec({address, Quantifier::kEvery, {}, {}});
    case Kind::kResource: return DescribeResource(resource_kind, *resource);
  }
  return "?";
}

std::vector<std::string> Reachability::ExpandServiceName(std::string_view name) {
  if (name == "ecr") return {"ecr.api", "ecr.dkr"};
  if (name == "ecs-control-plane") return {"ecs", "ecs-agent", "ecs-telemetry"};
  return {std::string(name)};
}

namespace {

// How a vantage is named inside a check's text: the workload, not the interface it uses.
std::string Subject(const Vantage& vantage) {
  if (vantage.node_kind == "instance" && vantage.resource != nullptr) {
    return DescribeResource(vantage.kind, *vantage.resource);
  }
  // An address no interface has is labelled "in subnet-...": name the address itself.
  return vantage.label.empty() || vantage.node_kind == "address" ? vantage.node : vantage.label;
}

// " (assigned at launch; the address is not known before deployment)", or empty when the
// address is known or there is none.
std::string PendingAddressText(const Vantage& vantage) {
  if (vantage.pending_public_ip.empty()) return "";
  return " (" + vantage.pending_public_ip + "; the address is not known before deployment)";
}

// Builds one path's hops and keeps its verdict.
class PathBuilder {
 public:
  explicit PathBuilder(std::string via) { result_.via = std::move(via); }

  [[nodiscard]] std::size_t HopCount() const { return result_.hops.size(); }
  // A path that already ends at the hop (a load balancer node that now forwards) goes on from
  // there rather than listing it twice.
  std::size_t AddHop(std::string node, std::string kind, std::string label) {
    if (!result_.hops.empty() && result_.hops.back().node == node &&
        result_.hops.back().kind == kind) {
      return result_.hops.size() - 1;
    }
    result_.hops.push_back({std::move(node), std::move(kind), std::move(label), {}});
    return result_.hops.size() - 1;
  }
  void Add(std::size_t hop, Check check) {
    result_.verdict = Worse(result_.verdict, check.verdict);
    result_.hops[hop].checks.push_back(std::move(check));
  }
  PathResult Take() { return std::move(result_); }

 private:
  PathResult result_;
};

// The two ends' addresses and identities as they change along a path (a NAT gateway replaces
// the source), and the source's client ports for return traffic.
struct FlowState {
  AddressSpec src;
  Identity src_identity;
  AddressSpec dst;
  Identity dst_identity;
  model::PortRange client_ports{32768, 60999};
  bool every_return_port = true;  // connectivity; exposure needs one working client port
};

std::string NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kInternet: return "internet";
    case NodeKind::kAwsService: return "aws-service";
    case NodeKind::kInternetGateway: return "internet-gateway";
    case NodeKind::kEgressOnlyGateway: return "egress-only-internet-gateway";
    case NodeKind::kNatGateway: return "nat-gateway";
    case NodeKind::kGatewayEndpoint:
    case NodeKind::kInterfaceEndpoint: return "vpc-endpoint";
    case NodeKind::kVpcPeering: return "vpc-peering-connection";
    case NodeKind::kTransitGateway: return "transit-gateway";
    case NodeKind::kSubnet: return "subnet";
  }
  return "node";
}

AddressSpec PublicInternet(model::IpFamily family) {
  AddressSpec spec;
  if (family == model::IpFamily::kV4) {
    spec.set.v4 = model::PublicIpv4();
    spec.text = "the internet (0.0.0.0/0)";
  } else {
    spec.set.v6 = model::PublicIpv6();
    spec.text = "the internet (::/0)";
  }
  spec.quantifier = Quantifier::kSome;
  return spec;
}

// The public addresses that reach a port, for messages: empty for the whole internet, "0.0.0.0/0
// except ..." when that is shorter, and at most four ranges either way.
std::string SourcesText(const model::AddressSet& sources, const model::AddressSet& internet,
                        model::IpFamily family) {
  if (sources == internet) return {};
  auto ranges = [](const model::AddressSet& set) {
    std::vector<std::string> list;
    const std::string text = set.ToString();
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t comma = text.find(", ", start);
      list.push_back(text.substr(start, comma == std::string::npos ? std::string::npos
                                                                    : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    return list;
  };
  auto limited = [](const std::vector<std::string>& list) {
    constexpr std::size_t kShown = 4;
    std::string text;
    for (std::size_t i = 0; i < list.size() && i < kShown; ++i) {
      if (i > 0) text += ", ";
      text += list[i];
    }
    if (list.size() > kShown) text += " and " + std::to_string(list.size() - kShown) + " more ranges";
    return text;
  };
  const std::vector<std::string> reaching = ranges(sources);
  const std::vector<std::string> missing = ranges(internet.Subtract(sources));
  if (missing.size() < reaching.size()) {
    return std::string(family == model::IpFamily::kV4 ? "0.0.0.0/0" : "::/0") + " except " +
           limited(missing);
  }
  return limited(reaching);
}

int Rank(const PathResult& path) {
  return path.verdict == Verdict::kReachable ? 0 : path.verdict == Verdict::kUnknown ? 1 : 2;
}

bool Better(const PathResult& a, const PathResult& b) {
  if (Rank(a) != Rank(b)) return Rank(a) < Rank(b);
  const auto blocked_a = a.ChecksWith(Verdict::kBlocked).size();
  const auto blocked_b = b.ChecksWith(Verdict::kBlocked).size();
  if (blocked_a != blocked_b) return blocked_a < blocked_b;
  return a.ChecksWith(Verdict::kUnknown).size() < b.ChecksWith(Verdict::kUnknown).size();
}

}  // namespace

class Reachability::Impl {
 public:
  explicit Impl(const model::Topology& topology)
      : topology_(topology), graph_(topology), vantages_(topology) {
    LearnPrefixListServices();
    IndexInternetGateways();
    IndexLoadBalancerTargets();
    every_interface_listed_ = ComputeEveryInterfaceListed();
  }

  const model::Topology& topology() const { return topology_; }
  const ReachGraph& graph() const { return graph_; }
  const VantageFinder& vantages() const { return vantages_; }
  FlowContext Context() const { return {topology_, prefix_list_services_}; }

  Answer Query(const Endpoint& from, const Endpoint& to, const FlowSpec& flow,
               const QueryOptions& options) const;
  std::vector<Exposure> InternetExposure(const Endpoint& workload) const;

 private:
  struct LbTarget {
    const model::LoadBalancer* lb;
    const model::Listener* listener;
    std::uint16_t target_port;
  };

  void LearnPrefixListServices();
  void IndexInternetGateways();
  void IndexLoadBalancerTargets();

  // Internet gateways with an attachment naming the VPC id, once per such attachment, in input
  // order: a question from the internet looks at its VPC's gateways, not at every gateway.
  [[nodiscard]] std::span<const model::InternetGateway* const> GatewaysAttachedTo(
      const std::string& vpc_id) const;

  // Checks shared by the paths.
  void SgEgress(PathBuilder& path, std::size_t hop, const Vantage& src, FlowState& state,
                const FlowSpec& flow) const;
  void SgIngress(PathBuilder& path, std::size_t hop, const Vantage& dst, FlowState& state,
                 const FlowSpec& flow) const;
  void Nacl(PathBuilder& path, std::size_t hop, const model::Subnet& subnet, Direction direction,
            AddressSpec& peer, const FlowSpec& flow) const;
  void NaclReturn(PathBuilder& path, std::size_t hop, const model::Subnet& subnet,
                  Direction direction, AddressSpec& peer, const FlowState& state,
                  const FlowSpec& flow) const;
  void Route(PathBuilder& path, std::size_t hop, const model::Subnet& subnet, AddressSpec& dst,
             const std::string& target, const std::string& target_text, bool return_route) const;
  std::size_t SubnetHop(PathBuilder& path, const model::Subnet& subnet) const;
  std::size_t VantageHop(PathBuilder& path, const Vantage& vantage) const;

  // Candidate paths.
  PathResult WithinVpc(const Vantage& src, const Vantage& dst, const FlowSpec& flow,
                       FlowState state, PathBuilder* continuing = nullptr) const;
  PathResult AcrossVpcs(const Vantage& src, const Vantage& dst, const Node& link,
                        const FlowSpec& flow, FlowState state) const;
  PathResult ThroughGateway(const Vantage& src, const Node& gateway, const AddressSpec& dst,
                            const Node& end, const FlowSpec& flow) const;
  PathResult ThroughNat(const Vantage& src, const model::NatGateway& nat, const AddressSpec& dst,
                        const Node& end, const FlowSpec& flow) const;
  // Out of the VPC through a virtual private gateway: VPN connections and the networks behind
  // them are not in the model, so what happens beyond the gateway is unknown.
  PathResult ThroughVpnGateway(const Vantage& src, const std::string& gateway,
                               const AddressSpec& dst, const FlowSpec& flow) const;
  PathResult ThroughGatewayEndpoint(const Vantage& src, const model::VpcEndpoint& endpoint,
                                    const AddressSpec& dst, const FlowSpec& flow) const;
  PathResult ThroughInterfaceEndpoint(const Vantage& src, const Vantage& endpoint,
                                      const FlowSpec& flow) const;
  PathResult FromInternet(const Vantage& dst, const model::InternetGateway& igw,
                          const FlowSpec& flow, PathBuilder* continuing = nullptr,
                          FlowState* state_out = nullptr) const;
  PathResult ViaLoadBalancer(const Endpoint& from, const Vantage* src, const LbTarget& target,
                             const Vantage& dst, const FlowSpec& flow) const;
  // To an address of a VPC that lies in none of its subnets: as far as the routes take it.
  PathResult ToUnplacedAddress(const Vantage& src, const Vantage& dst, const FlowSpec& flow) const;

  std::vector<PathResult> Candidates(const Endpoint& from, const Vantage* src,
                                     const Endpoint& to, const Vantage* dst,
                                     const FlowSpec& flow, std::vector<std::string>& notes) const;
  std::vector<PathResult> ToOutside(const Vantage& src, const AddressSpec& dst, const Node& end,
                                    const FlowSpec& flow) const;
  std::vector<PathResult> ToService(const Vantage& src, const std::string& service,
                                    const FlowSpec& flow) const;
  AddressSpec ServiceAddresses(const std::string& service, model::ScopeId scope) const;
  // Whether the input lists every interface of every scope that has VPCs, so that an address
  // no interface has is known to be unused. Decided once.
  bool EveryInterfaceListed() const { return every_interface_listed_; }
  bool ComputeEveryInterfaceListed() const {
    const model::Network& network = topology_.network();
    for (const model::Vpc& vpc : network.vpcs) {
      if (!network.IsComplete(vpc.scope, ResourceKind::kNetworkInterface)) return false;
    }
    return true;
  }
  bool LoadBalancerListens(const Vantage& lb, const FlowSpec& flow, Check& check) const;
  // Load balancers accept only their listeners' ports; NAT gateways accept no connections.
  void AcceptsConnections(PathBuilder& path, std::size_t hop, const Vantage& dst,
                          const FlowSpec& flow) const;

  const model::Topology& topology_;
  ReachGraph graph_;
  VantageFinder vantages_;
  std::map<std::string, std::string, std::less<>> prefix_list_services_;
  // Per service, the ids (ascending) of its lists that the input describes. Most learned ids
  // name no described list (a template's gateway endpoint routes name "pl-of-<endpoint>"), and
  // looking them all up for every question made each question cost as much as the estate.
  std::map<std::string, std::vector<std::string>, std::less<>> described_lists_of_service_;
  std::unordered_map<std::string, std::vector<const model::InternetGateway*>> gateways_by_vpc_;
  std::map<const model::Resource*, std::vector<LbTarget>> lb_targets_;
  bool every_interface_listed_ = false;
};

void Reachability::Impl::LearnPrefixListServices() {
  const model::Network& network = topology_.network();
  for (const model::PrefixList& list : network.prefix_lists) {
    constexpr std::string_view kPrefix = "com.amazonaws.";
    if (list.name.rfind(kPrefix, 0) != 0) continue;
    const std::string rest = list.name.substr(kPrefix.size());
    const std::size_t dot = rest.find('.');
    if (dot != std::string::npos) prefix_list_services_[list.id] = rest.substr(dot + 1);
  }
  // Describe output names a gateway endpoint's list only in the routes the endpoint adds.
  for (const model::VpcEndpoint& endpoint : network.vpc_endpoints) {
    if (endpoint.type != model::EndpointType::kGateway) continue;
    for (const std::string& table_id : endpoint.route_table_ids) {
      const model::RouteTable* table = network.FindRouteTable(table_id, endpoint.scope);
      if (table == nullptr) continue;
      for (const model::Route& route : table->routes) {
        if (route.target_id == endpoint.id && !route.destination_prefix_list.empty()) {
          prefix_list_services_.emplace(route.destination_prefix_list,
                                        std::string(endpoint.ServiceShortName()));
        }
      }
    }
  }
  std::unordered_set<std::string_view> described;
  for (const model::PrefixList& list : network.prefix_lists) described.insert(list.id);
  for (const auto& [list_id, service] : prefix_list_services_) {
    if (described.contains(list_id)) described_lists_of_service_[service].push_back(list_id);
  }
}

void Reachability::Impl::IndexInternetGateways() {
  for (const model::InternetGateway& igw : topology_.network().internet_gateways) {
    for (const auto& attachment : igw.attachments) {
      gateways_by_vpc_[attachment.vpc_id].push_back(&igw);
    }
  }
}

std::span<const model::InternetGateway* const> Reachability::Impl::GatewaysAttachedTo(
    const std::string& vpc_id) const {
  const auto found = gateways_by_vpc_.find(vpc_id);
  if (found == gateways_by_vpc_.end()) return {};
  return found->second;
}

void Reachability::Impl::IndexLoadBalancerTargets() {
  const model::Network& network = topology_.network();
  auto add = [&](const model::Resource* resource, const model::TargetGroup& group,
                 std::optional<std::uint16_t> port) {
    const std::uint16_t target_port = port.value_or(group.port.value_or(0));
    if (target_port == 0) return;
    for (const std::string& lb_id : group.load_balancer_ids) {
      const model::LoadBalancer* lb = network.FindLoadBalancer(lb_id, group.scope);
      if (lb == nullptr) continue;
      for (const model::Listener* listener : topology_.ListenersOf(*lb)) {
        if (std::find(listener->target_group_ids.begin(), listener->target_group_ids.end(),
                      group.id) != listener->target_group_ids.end()) {
          lb_targets_[resource].push_back({lb, listener, target_port});
        }
      }
    }
  };
  for (const model::EcsService& service : network.ecs_services) {
    for (const model::ServiceLoadBalancer& binding : service.load_balancers) {
      if (const auto* group = network.FindTargetGroup(binding.target_group_id, service.scope)) {
        add(&service, *group, binding.container_port);
      }
    }
  }
  for (const model::TargetGroup& group : network.target_groups) {
    for (const model::Target& target : group.targets) {
      if (group.target_type == "instance") {
        if (const auto* instance = network.FindInstance(target.id, group.scope)) {
          add(instance, group, target.port);
        }
      } else if (group.target_type == "ip") {
        if (auto address = model::Ipv4Address::Parse(target.id)) {
          if (const auto* eni = vantages_.InterfaceWithAddress(*address, false)) {
            add(vantages_.OwnerOf(*eni).second, group, target.port);
          }
        }
      }
    }
  }
}

// ----------------------------------------------------------------------------------------
// Checks

std::size_t Reachability::Impl::SubnetHop(PathBuilder& path, const model::Subnet& subnet) const {
  return path.AddHop(subnet.id, "subnet", std::string(subnet.Name()));
}

std::size_t Reachability::Impl::VantageHop(PathBuilder& path, const Vantage& vantage) const {
  return path.AddHop(vantage.node, vantage.node_kind, vantage.label);
}

void Reachability::Impl::SgEgress(PathBuilder& path, std::size_t hop, const Vantage& src,
                                  FlowState& state, const FlowSpec& flow) const {
  if (src.node_kind == "address" && !src.refuses.empty()) {
    // An address no interface has (a spoofed source): nothing there sends.
    path.Add(hop, {EveryInterfaceListed() ? Verdict::kBlocked : Verdict::kUnknown, src.node,
                   "no interface in the input has " + src.node + ", so nothing sends from it",
                   {}});
    return;
  }
  FilterOutcome outcome = EvaluateGroups(src, Direction::kEgress, flow, state.dst,
                                         state.dst_identity, Context());
  Judge(outcome, state.dst);
  path.Add(hop, std::move(outcome.check));
}

void Reachability::Impl::SgIngress(PathBuilder& path, std::size_t hop, const Vantage& dst,
                                   FlowState& state, const FlowSpec& flow) const {
  if (!dst.refuses.empty()) return;
  FilterOutcome outcome = EvaluateGroups(dst, Direction::kIngress, flow, state.src,
                                         state.src_identity, Context());
  Judge(outcome, state.src);
  path.Add(hop, std::move(outcome.check));
}

void Reachability::Impl::Nacl(PathBuilder& path, std::size_t hop, const model::Subnet& subnet,
                              Direction direction, AddressSpec& peer,
                              const FlowSpec& flow) const {
  FilterOutcome outcome =
      EvaluateNacl(topology_.NetworkAclFor(subnet), subnet, direction, flow.protocol,
                   model::PortRange::Single(flow.port), false, peer, false);
  Judge(outcome, peer);
  path.Add(hop, std::move(outcome.check));
}

void Reachability::Impl::NaclReturn(PathBuilder& path, std::size_t hop,
                                    const model::Subnet& subnet, Direction direction,
                                    AddressSpec& peer, const FlowState& state,
                                    const FlowSpec& flow) const {
  FilterOutcome outcome =
      EvaluateNacl(topology_.NetworkAclFor(subnet), subnet, direction, flow.protocol,
                   state.client_ports, state.every_return_port, peer, true);
  Judge(outcome, peer);
  path.Add(hop, std::move(outcome.check));
}

void Reachability::Impl::Route(PathBuilder& path, std::size_t hop, const model::Subnet& subnet,
                               AddressSpec& dst, const std::string& target,
                               const std::string& target_text, bool return_route) const {
  const std::string prefix = return_route ? "return traffic: " : "";
  const model::RouteTableBinding binding = topology_.RouteTableFor(subnet);
  if (binding.table == nullptr) {
    path.Add(hop, {Verdict::kUnknown, subnet.id,
                   prefix + "the route table of " + subnet.id + " is not in the input", {}});
    return;
  }
  const model::RouteTable& table = *binding.table;
  const std::string table_text =
      table.id + (binding.explicit_association ? "" : " (the main route table)");
  const std::vector<RouteShare> shares = SplitByRoute(table, dst, Context());
  const RouteShare* wanted = nullptr;
  const RouteShare* largest = nullptr;
  for (const RouteShare& share : shares) {
    if (share.route != nullptr && share.route->target_id == target) wanted = &share;
    if (largest == nullptr || (share.addresses.ContainsAll(largest->addresses))) largest = &share;
  }
  if (wanted == nullptr) {
    std::string text = prefix + table_text;
    const RouteShare* shown = largest;
    if (shown == nullptr || shown->route == nullptr) {
      text += " has no route for " + DescribeSpec(dst) + " (needed: a route to " + target_text + ")";
    } else {
      text += " sends " + DescribeSpec(dst) + " to " + shown->route->target_id + " (route " +
              shown->route->DestinationText() +
              (shown->route->state == model::RouteState::kBlackhole
                   ? ", a blackhole: its target no longer exists"
                   : "") +
              "), not to " + target_text;
    }
    path.Add(hop, {Verdict::kBlocked, table.id, text,
                   shown != nullptr && shown->route != nullptr ? shown->route->source : table.source});
    return;
  }
  const model::Route& route = *wanted->route;
  Verdict verdict = Verdict::kReachable;
  std::string text = prefix + table_text + " routes " + route.DestinationText() + " to " + target;
  if (route.state == model::RouteState::kBlackhole) {
    verdict = Verdict::kBlocked;
    text += ", but the route is a blackhole (its target no longer exists)";
  } else if (!wanted->addresses.ContainsAll(dst.set)) {
    if (dst.quantifier == Quantifier::kSome) {
      dst.set = wanted->addresses;
      dst.text.clear();
    } else {
      verdict = Verdict::kUnknown;
      text += ", which covers only part of " + DescribeSpec(dst);
      dst.set = wanted->addresses;
      dst.text.clear();
    }
  }
  path.Add(hop, {verdict, table.id, text, route.source});
}

bool Reachability::Impl::LoadBalancerListens(const Vantage& lb, const FlowSpec& flow,
                                             Check& check) const {
  const auto listeners = topology_.ListenersOf(*lb.load_balancer);
  std::string ports;
  for (const model::Listener* listener : listeners) {
    if (listener->port && *listener->port == flow.port) {
      const bool udp = listener->protocol == "UDP" || listener->protocol == "TCP_UDP";
      const bool tcp = listener->protocol != "UDP";
      if ((flow.protocol == model::Protocol::Tcp() && tcp) ||
          (flow.protocol == model::Protocol::Udp() && udp)) {
        check = {Verdict::kReachable, listener->id,
                 "listener " + listener->protocol + ":" + std::to_string(*listener->port) +
                     " accepts it",
                 listener->source};
        return true;
      }
    }
    if (listener->port) {
      if (!ports.empty()) ports += ", ";
      ports += listener->protocol + ":" + std::to_string(*listener->port);
    }
  }
  if (listeners.empty() && !topology_.network().IsComplete(lb.load_balancer->scope,
                                                            ResourceKind::kListener)) {
    check = {Verdict::kUnknown, lb.load_balancer->id,
             "the listeners of " + lb.load_balancer->name + " are not in the input",
             lb.load_balancer->source};
    return false;
  }
  check = {Verdict::kBlocked, lb.load_balancer->id,
           lb.load_balancer->name + " has no listener for " + flow.ToString() +
               (ports.empty() ? "" : " (listeners: " + ports + ")"),
           lb.load_balancer->source};
  return false;
}

void Reachability::Impl::AcceptsConnections(PathBuilder& path, std::size_t hop,
                                            const Vantage& dst, const FlowSpec& flow) const {
  if (dst.load_balancer != nullptr) {
    Check listener;
    LoadBalancerListens(dst, flow, listener);
    path.Add(hop, std::move(listener));
  }
  if (!dst.refuses.empty()) {
    const bool known = dst.kind != ResourceKind::kSubnet || EveryInterfaceListed();
    (void)flow;
    path.Add(hop, {known ? Verdict::kBlocked : Verdict::kUnknown, dst.node, dst.refuses, {}});
  }
}

// ----------------------------------------------------------------------------------------
// Candidate paths

PathResult Reachability::Impl::WithinVpc(const Vantage& src, const Vantage& dst,
                                         const FlowSpec& flow, FlowState state,
                                         PathBuilder* continuing) const {
  PathBuilder own("local route");
  PathBuilder& path = continuing != nullptr ? *continuing : own;
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  std::size_t dst_subnet_hop = src_hop;
  if (src.subnet != dst.subnet && src.subnet != nullptr && dst.subnet != nullptr) {
    const std::size_t src_subnet_hop = SubnetHop(path, *src.subnet);
    Nacl(path, src_subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
    Route(path, src_subnet_hop, *src.subnet, state.dst, "local", "the VPC (local)", false);
    dst_subnet_hop = SubnetHop(path, *dst.subnet);
    Nacl(path, dst_subnet_hop, *dst.subnet, Direction::kIngress, state.src, flow);
    const std::size_t dst_hop = VantageHop(path, dst);
    AcceptsConnections(path, dst_hop, dst, flow);
    SgIngress(path, dst_hop, dst, state, flow);
    NaclReturn(path, dst_subnet_hop, *dst.subnet, Direction::kEgress, state.src, state, flow);
    Route(path, dst_subnet_hop, *dst.subnet, state.src, "local", "the VPC (local)", true);
    NaclReturn(path, src_subnet_hop, *src.subnet, Direction::kIngress, state.dst, state, flow);
  } else {
    const std::size_t dst_hop = VantageHop(path, dst);
    AcceptsConnections(path, dst_hop, dst, flow);
    SgIngress(path, dst_hop, dst, state, flow);
  }
  return continuing != nullptr ? PathResult{} : own.Take();
}

PathResult Reachability::Impl::AcrossVpcs(const Vantage& src, const Vantage& dst,
                                          const Node& link, const FlowSpec& flow,
                                          FlowState state) const {
  const bool peering = link.kind == NodeKind::kVpcPeering;
  PathBuilder path((peering ? "VPC peering " : "transit gateway ") + link.id);
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  const std::size_t src_subnet_hop = SubnetHop(path, *src.subnet);
  Nacl(path, src_subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
  Route(path, src_subnet_hop, *src.subnet, state.dst, link.id, link.id, false);
  const std::size_t link_hop = path.AddHop(link.id, NodeKindName(link.kind), "");
  if (peering) {
    const auto& connection = *static_cast<const model::VpcPeering*>(link.resource);
    path.Add(link_hop, {connection.IsActive() ? Verdict::kReachable : Verdict::kBlocked,
                        connection.id, "peering connection is " + connection.status,
                        connection.source});
  } else {
    // A VPC's attachment carries traffic only for the zones it has a subnet in (Transit
    // Gateway guide, "Transit gateway attachments to a VPC"): a zone without one cannot send
    // to the transit gateway, and replies cannot go back to it.
    auto zone_check = [&](const Vantage& end, bool return_traffic) {
      const model::TransitGatewayAttachment* attachment = nullptr;
      for (const model::TransitGatewayAttachment& candidate :
           topology_.network().transit_gateway_attachments) {
        if (candidate.transit_gateway_id == link.id && candidate.resource_type == "vpc" &&
            end.vpc != nullptr && candidate.resource_id == end.vpc->id &&
            (attachment == nullptr || attachment->subnet_ids.empty())) {
          attachment = &candidate;  // describe-transit-gateway-vpc-attachments names subnets
        }
      }
      if (attachment == nullptr || attachment->subnet_ids.empty() || end.subnet == nullptr) return;
      std::string zones;
      for (const std::string& id : attachment->subnet_ids) {
        const model::Subnet* subnet = topology_.network().FindSubnet(id, attachment->scope);
        if (subnet == nullptr) return;  // zones unknown
        if (subnet->availability_zone == end.subnet->availability_zone) return;
        zones += (zones.empty() ? "" : ", ") + subnet->availability_zone;
      }
      path.Add(link_hop, {Verdict::kBlocked, attachment->id,
                          std::string(return_traffic ? "return traffic: " : "") +
                              attachment->id + " attaches " + end.vpc->id + " in " + zones +
                              " only, so " + end.subnet->id + " in " +
                              end.subnet->availability_zone +
                              " cannot reach the transit gateway (add a subnet of that zone "
                              "to the attachment)",
                          attachment->source});
    };
    zone_check(src, false);
    path.Add(link_hop, {Verdict::kUnknown, link.id,
                        "transit gateway route tables are not modelled: whether " + link.id +
                            " forwards to " + dst.vpc->id + " is unknown",
                        {}});
    zone_check(dst, true);
  }
  const std::size_t dst_subnet_hop = SubnetHop(path, *dst.subnet);
  Nacl(path, dst_subnet_hop, *dst.subnet, Direction::kIngress, state.src, flow);
  const std::size_t dst_hop = VantageHop(path, dst);
  AcceptsConnections(path, dst_hop, dst, flow);
  SgIngress(path, dst_hop, dst, state, flow);
  NaclReturn(path, dst_subnet_hop, *dst.subnet, Direction::kEgress, state.src, state, flow);
  Route(path, dst_subnet_hop, *dst.subnet, state.src, link.id, link.id, true);
  NaclReturn(path, src_subnet_hop, *src.subnet, Direction::kIngress, state.dst, state, flow);
  return path.Take();
}

PathResult Reachability::Impl::ThroughGateway(const Vantage& src, const Node& gateway,
                                              const AddressSpec& dst, const Node& end,
                                              const FlowSpec& flow) const {
  const bool egress_only = gateway.kind == NodeKind::kEgressOnlyGateway;
  PathBuilder path((egress_only ? "egress-only internet gateway " : "internet gateway ") +
                   gateway.id);
  FlowState state{src.addresses, src.Ident(), dst, {}, src.ephemeral, true};
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  const std::size_t subnet_hop = SubnetHop(path, *src.subnet);
  Nacl(path, subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
  Route(path, subnet_hop, *src.subnet, state.dst, gateway.id, gateway.id, false);
  const std::size_t gateway_hop = path.AddHop(gateway.id, NodeKindName(gateway.kind), "");
  if (flow.family == model::IpFamily::kV4) {
    if (egress_only) {
      path.Add(gateway_hop, {Verdict::kBlocked, gateway.id,
                             "an egress-only internet gateway carries IPv6 only", {}});
    } else if (!src.public_ip.has_value()) {
      path.Add(gateway_hop, {Verdict::kUnknown, gateway.id,
                             "whether " + Subject(src) + " gets a public IPv4 address is not known",
                             {}});
    } else if (!*src.public_ip) {
      path.Add(gateway_hop,
               {Verdict::kBlocked, gateway.id,
                Subject(src) + " has no public IPv4 address, so " + gateway.id +
                    " cannot carry its traffic (it needs a NAT gateway or a public IP)",
                {}});
    } else {
      path.Add(gateway_hop, {Verdict::kReachable, gateway.id,
                             "translates the source to " + Subject(src) + "'s public IPv4 address" +
                                 PendingAddressText(src),
                             {}});
    }
  }
  NaclReturn(path, subnet_hop, *src.subnet, Direction::kIngress, state.dst, state, flow);
  path.AddHop(end.id, NodeKindName(end.kind), "");
  return path.Take();
}

PathResult Reachability::Impl::ThroughNat(const Vantage& src, const model::NatGateway& nat,
                                          const AddressSpec& dst, const Node& end,
                                          const FlowSpec& flow) const {
  const model::Network& network = topology_.network();
  PathBuilder path("NAT gateway " + nat.id);
  FlowState state{src.addresses, src.Ident(), dst, {}, src.ephemeral, true};
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  const model::Subnet* nat_subnet = network.FindSubnet(nat.subnet_id, nat.scope);
  const bool same_subnet = nat_subnet == src.subnet;
  const std::size_t subnet_hop = SubnetHop(path, *src.subnet);
  if (!same_subnet) Nacl(path, subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
  Route(path, subnet_hop, *src.subnet, state.dst, nat.id, nat.id, false);
  const std::size_t nat_hop = path.AddHop(nat.id, "nat-gateway", std::string(nat.Name()));
  if (!nat.IsLive()) {
    path.Add(nat_hop, {Verdict::kBlocked, nat.id, "the NAT gateway is " + nat.state, nat.source});
  }
  if (!flow.protocol.HasPorts() && !flow.protocol.IsIcmp()) {
    path.Add(nat_hop, {Verdict::kBlocked, nat.id,
                       "a NAT gateway translates only TCP, UDP and ICMP", nat.source});
  }
  if (nat.is_private) {
    path.Add(nat_hop, {Verdict::kBlocked, nat.id,
                       "a private NAT gateway has no internet access (it translates to private "
                       "addresses only)",
                       nat.source});
  }
  // After translation the source is the NAT gateway: references to the task's groups no longer
  // match, and the NAT gateway's own subnet filters its traffic.
  AddressSpec nat_side;
  for (const model::NatGatewayAddress& address : nat.addresses) {
    if (address.private_ip) nat_side.set.v4.Add(address.private_ip->value(), address.private_ip->value());
  }
  if (nat_subnet == nullptr) {
    path.Add(nat_hop, {Verdict::kUnknown, nat.id,
                       "the subnet of " + nat.id + " is not in the input", nat.source});
    path.AddHop(end.id, NodeKindName(end.kind), "");
    return path.Take();
  }
  if (nat_side.set.Empty()) {
    nat_side.set = nat_subnet->cidr_v4 ? model::AddressSet::Of(*nat_subnet->cidr_v4)
                                       : model::AddressSet::Of(model::Ipv4Prefix::Any());
    nat_side.text = "the NAT gateway's address";
  }
  const std::size_t nat_subnet_hop = SubnetHop(path, *nat_subnet);
  if (!same_subnet) Nacl(path, nat_subnet_hop, *nat_subnet, Direction::kIngress, state.src, flow);
  Nacl(path, nat_subnet_hop, *nat_subnet, Direction::kEgress, state.dst, flow);
  // The NAT gateway's subnet must route the destination to an internet gateway, or to a
  // gateway endpoint of the destination's service (S3 through a NAT gateway whose subnet has
  // the endpoint's route goes through the endpoint).
  std::string igw_id;
  std::string endpoint_id;
  if (const model::RouteTable* table = topology_.RouteTableFor(*nat_subnet).table) {
    for (const RouteShare& share : SplitByRoute(*table, state.dst, Context())) {
      if (share.route == nullptr) continue;
      if (share.route->target_kind == model::RouteTargetKind::kInternetGateway) {
        igw_id = share.route->target_id;
      } else if (share.route->target_kind == model::RouteTargetKind::kGatewayEndpoint &&
                 share.addresses.ContainsAll(state.dst.set)) {
        endpoint_id = share.route->target_id;
      }
    }
  }
  if (!endpoint_id.empty()) {
    Route(path, nat_subnet_hop, *nat_subnet, state.dst, endpoint_id, endpoint_id, false);
  } else {
    Route(path, nat_subnet_hop, *nat_subnet, state.dst, igw_id.empty() ? "igw-" : igw_id,
          igw_id.empty() ? "an internet gateway" : igw_id, false);
  }
  // Replies come back to the NAT gateway's ports 1024-65535, then to the task's own port.
  FlowState nat_return = state;
  nat_return.client_ports = {1024, 65535};
  NaclReturn(path, nat_subnet_hop, *nat_subnet, Direction::kIngress, state.dst, nat_return, flow);
  if (!same_subnet) {
    NaclReturn(path, nat_subnet_hop, *nat_subnet, Direction::kEgress, state.src, state, flow);
    NaclReturn(path, subnet_hop, *src.subnet, Direction::kIngress, state.dst, state, flow);
  }
  if (!endpoint_id.empty()) {
    path.AddHop(endpoint_id, "vpc-endpoint", "");
  } else if (!igw_id.empty()) {
    const std::size_t igw_hop = path.AddHop(igw_id, "internet-gateway", "");
    // A template may declare the gateway and the route but forget the VPCGatewayAttachment.
    const model::InternetGateway* igw = topology_.network().FindInternetGateway(igw_id, nat.scope);
    const model::Vpc* vpc = topology_.VpcOf(*nat_subnet);
    if (igw != nullptr && vpc != nullptr &&
        std::none_of(igw->attachments.begin(), igw->attachments.end(),
                     [&](const model::GatewayAttachment& attachment) {
                       return attachment.attached && attachment.vpc_id == vpc->id;
                     })) {
      path.Add(igw_hop, {Verdict::kBlocked, igw->id, igw->id + " is not attached to " + vpc->id,
                         igw->source});
    }
  }
  path.AddHop(end.id, NodeKindName(end.kind), "");
  return path.Take();
}

PathResult Reachability::Impl::ThroughVpnGateway(const Vantage& src, const std::string& gateway,
                                                 const AddressSpec& dst,
                                                 const FlowSpec& flow) const {
  PathBuilder path("virtual private gateway " + gateway);
  FlowState state{src.addresses, src.Ident(), dst, {}, src.ephemeral, true};
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  const std::size_t subnet_hop = SubnetHop(path, *src.subnet);
  Nacl(path, subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
  Route(path, subnet_hop, *src.subnet, state.dst, gateway, gateway, false);
  NaclReturn(path, subnet_hop, *src.subnet, Direction::kIngress, state.dst, state, flow);
  const std::size_t gateway_hop = path.AddHop(gateway, "virtual-private-gateway", "");
  path.Add(gateway_hop, {Verdict::kUnknown, gateway,
                         "VPN connections and the networks behind " + gateway +
                             " are not modelled: whether they route " + DescribeSpec(dst) +
                             " is unknown",
                         {}});
  return path.Take();
}

PathResult Reachability::Impl::ThroughGatewayEndpoint(const Vantage& src,
                                                      const model::VpcEndpoint& endpoint,
                                                      const AddressSpec& dst,
                                                      const FlowSpec& flow) const {
  PathBuilder path("gateway endpoint " + endpoint.id);
  FlowState state{src.addresses, src.Ident(), dst, {}, src.ephemeral, true};
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  const std::size_t subnet_hop = SubnetHop(path, *src.subnet);
  Nacl(path, subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
  Route(path, subnet_hop, *src.subnet, state.dst, endpoint.id,
        endpoint.id + "; associate the endpoint with this subnet's route table", false);
  NaclReturn(path, subnet_hop, *src.subnet, Direction::kIngress, state.dst, state, flow);
  const std::size_t endpoint_hop = path.AddHop(endpoint.id, "vpc-endpoint", endpoint.service_name);
  if (!endpoint.state.empty() && endpoint.state != "available" && endpoint.state != "Available") {
    path.Add(endpoint_hop, {Verdict::kBlocked, endpoint.id, "the endpoint is " + endpoint.state,
                            endpoint.source});
  }
  path.AddHop("aws:" + std::string(endpoint.ServiceShortName()), "aws-service", "");
  return path.Take();
}

PathResult Reachability::Impl::ThroughInterfaceEndpoint(const Vantage& src,
                                                        const Vantage& endpoint_vantage,
                                                        const FlowSpec& flow) const {
  const model::VpcEndpoint& endpoint = *endpoint_vantage.endpoint;
  PathBuilder path("interface endpoint " + endpoint.id);
  // Only private DNS makes the service's usual name resolve to the endpoint: checked at the
  // client, where the name is resolved.
  std::vector<Check> dns;
  if (!endpoint.private_dns_enabled.has_value()) {
    dns.push_back({Verdict::kUnknown, endpoint.id,
                   "whether private DNS is enabled on " + endpoint.id + " is not known",
                   endpoint.source});
  } else if (!*endpoint.private_dns_enabled) {
    dns.push_back({Verdict::kBlocked, endpoint.id,
                   "private DNS is disabled on " + endpoint.id +
                       ", so the service's name resolves to its public addresses, not to the "
                       "endpoint",
                   endpoint.source});
  } else {
    dns.push_back({Verdict::kReachable, endpoint.id,
                   "private DNS resolves the service's name to " + endpoint.id, endpoint.source});
  }
  if (src.vpc != nullptr) {
    // AWS refuses to enable private DNS on an endpoint unless both attributes are on, so a
    // deployed endpoint with private DNS proves they were on when it was created.
    const bool deployed_with_private_dns = endpoint.private_dns_enabled == true &&
                                           (endpoint.state == "available" ||
                                            endpoint.state == "Available");
    auto attribute = [&](const std::optional<bool>& value, std::string_view name) {
      if (!value.has_value() && deployed_with_private_dns) {
        dns.push_back({Verdict::kReachable, src.vpc->id,
                       std::string(name) + " of " + src.vpc->id +
                           " is not in the input; AWS requires it to enable private DNS on " +
                           endpoint.id + ", which is available with private DNS",
                       endpoint.source});
      } else if (!value.has_value()) {
        dns.push_back({Verdict::kUnknown, src.vpc->id,
                       std::string(name) + " of " + src.vpc->id + " is not known",
                       src.vpc->source});
      } else if (!*value) {
        dns.push_back({Verdict::kBlocked, src.vpc->id,
                       std::string(name) + " is off for " + src.vpc->id +
                           ", which private DNS for endpoints requires",
                       src.vpc->source});
      }
    };
    attribute(src.vpc->dns_support, "enableDnsSupport");
    attribute(src.vpc->dns_hostnames, "enableDnsHostnames");
  }
  if (!endpoint.state.empty() && endpoint.state != "available" && endpoint.state != "Available") {
    dns.push_back({Verdict::kBlocked, endpoint.id, endpoint.id + " is " + endpoint.state,
                   endpoint.source});
  }
  FlowState state{src.addresses, src.Ident(), endpoint_vantage.addresses,
                  endpoint_vantage.Ident(), src.ephemeral, true};
  WithinVpc(src, endpoint_vantage, flow, state, &path);
  for (Check& check : dns) path.Add(0, std::move(check));
  path.AddHop("aws:" + std::string(endpoint.ServiceShortName()), "aws-service", "");
  return path.Take();
}

PathResult Reachability::Impl::FromInternet(const Vantage& dst, const model::InternetGateway& igw,
                                            const FlowSpec& flow, PathBuilder* continuing,
                                            FlowState* state_out) const {
  PathBuilder own("internet gateway " + igw.id);
  PathBuilder& path = continuing != nullptr ? *continuing : own;
  FlowState state{PublicInternet(flow.family), {}, dst.addresses, dst.Ident(), {1024, 65535},
                  false};
  path.AddHop("internet", "internet", "");
  const std::size_t igw_hop = path.AddHop(igw.id, "internet-gateway", std::string(igw.Name()));
  const bool attached = std::any_of(igw.attachments.begin(), igw.attachments.end(),
                                    [&](const model::GatewayAttachment& attachment) {
                                      return attachment.attached && dst.vpc != nullptr &&
                                             attachment.vpc_id == dst.vpc->id;
                                    });
  if (!attached) {
    path.Add(igw_hop, {Verdict::kBlocked, igw.id, igw.id + " is not attached to the VPC",
                       igw.source});
  }
  if (flow.family == model::IpFamily::kV4) {
    if (!dst.public_ip.has_value()) {
      path.Add(igw_hop, {Verdict::kUnknown, igw.id,
                         "whether " + Subject(dst) + " gets a public IPv4 address is not known", {}});
    } else if (!*dst.public_ip) {
      path.Add(igw_hop, {Verdict::kBlocked, igw.id,
                         Subject(dst) + " has no public IPv4 address", {}});
    } else {
      path.Add(igw_hop, {Verdict::kReachable, igw.id,
                         "translates " + Subject(dst) + "'s public IPv4 address" +
                             PendingAddressText(dst) + " to its private one",
                         {}});
    }
  }
  const std::size_t subnet_hop = SubnetHop(path, *dst.subnet);
  Nacl(path, subnet_hop, *dst.subnet, Direction::kIngress, state.src, flow);
  const std::size_t dst_hop = VantageHop(path, dst);
  AcceptsConnections(path, dst_hop, dst, flow);
  SgIngress(path, dst_hop, dst, state, flow);
  NaclReturn(path, subnet_hop, *dst.subnet, Direction::kEgress, state.src, state, flow);
  Route(path, subnet_hop, *dst.subnet, state.src, igw.id, igw.id, true);
  if (state_out != nullptr) *state_out = state;
  return continuing != nullptr ? PathResult{} : own.Take();
}

PathResult Reachability::Impl::ViaLoadBalancer(const Endpoint& from, const Vantage* src,
                                               const LbTarget& target, const Vantage& dst,
                                               const FlowSpec& flow) const {
  PathBuilder path("load balancer " + target.lb->name);
  const std::vector<Vantage> nodes = vantages_.Of(ResourceKind::kLoadBalancer, *target.lb);
  // The node in the target's subnet's AZ when there is one; any node otherwise.
  const Vantage* node = nullptr;
  for (const Vantage& candidate : nodes) {
    if (node == nullptr || (dst.subnet != nullptr && candidate.subnet != nullptr &&
                            candidate.subnet->availability_zone == dst.subnet->availability_zone)) {
      node = &candidate;
    }
  }
  if (node == nullptr) return {Verdict::kBlocked, "load balancer " + target.lb->name, {}, {}, {}};
  if (from.kind == Endpoint::Kind::kInternet) {
    const model::InternetGateway* igw = nullptr;
    if (node->vpc != nullptr && !GatewaysAttachedTo(node->vpc->id).empty()) {
      igw = GatewaysAttachedTo(node->vpc->id).back();
    }
    if (igw == nullptr) return {Verdict::kBlocked, "load balancer " + target.lb->name, {}, {}, {}};
    FromInternet(*node, *igw, flow, &path);
  } else if (src != nullptr) {
    FlowState state{src->addresses, src->Ident(), node->addresses, node->Ident(), src->ephemeral,
                    true};
    WithinVpc(*src, *node, flow, state, &path);
  }
  FlowSpec target_flow = flow;
  target_flow.port = target.target_port;
  FlowState second{node->addresses, node->Ident(), dst.addresses, dst.Ident(), {1024, 65535}, true};
  WithinVpc(*node, dst, target_flow, second, &path);
  return path.Take();
}

PathResult Reachability::Impl::ToUnplacedAddress(const Vantage& src, const Vantage& dst,
                                                  const FlowSpec& flow) const {
  PathBuilder path(dst.vpc == src.vpc ? "local route" : "the route to " + dst.vpc->id);
  FlowState state{src.addresses, src.Ident(), dst.addresses, {}, src.ephemeral, true};
  const std::size_t src_hop = VantageHop(path, src);
  SgEgress(path, src_hop, src, state, flow);
  const std::size_t subnet_hop = SubnetHop(path, *src.subnet);
  Nacl(path, subnet_hop, *src.subnet, Direction::kEgress, state.dst, flow);
  std::string link;
  bool link_is_peering = false;
  if (dst.vpc == src.vpc) {
    link = "local";
  } else {
    Vertex subnet_vertex{};
    if (graph_.Find(src.subnet, subnet_vertex)) {
      for (Vertex hop : graph_.Next(subnet_vertex, EdgeKind::kSubnetEgress)) {
        const Node& node = graph_.node(hop);
        if (node.kind != NodeKind::kVpcPeering && node.kind != NodeKind::kTransitGateway) continue;
        for (Vertex across : graph_.Next(hop, EdgeKind::kCrossVpc)) {
          const auto* subnet = static_cast<const model::Subnet*>(graph_.node(across).resource);
          if (topology_.VpcOf(*subnet) == dst.vpc) {
            link = node.id;
            link_is_peering = node.kind == NodeKind::kVpcPeering;  // ids need not be pcx-
          }
        }
      }
    }
  }
  Route(path, subnet_hop, *src.subnet, state.dst, link.empty() ? "pcx-" : link,
        link.empty() ? "a peering connection or transit gateway to " + dst.vpc->id
                     : link == "local" ? "the VPC (local)" : link,
        false);
  if (!link.empty() && link != "local") {
    path.AddHop(link, link_is_peering ? "vpc-peering-connection" : "transit-gateway", "");
  }
  const std::size_t end = path.AddHop(dst.node, dst.node_kind, dst.label);
  path.Add(end, {Verdict::kBlocked, dst.vpc->id, dst.refuses, {}});
  return path.Take();
}

AddressSpec Reachability::Impl::ServiceAddresses(const std::string& service,
                                                 model::ScopeId scope) const {
  AddressSpec spec;
  spec.quantifier = Quantifier::kEvery;
  spec.service = service;
  spec.text = "the public addresses of " + service;
  const model::Network& network = topology_.network();
  if (const auto lists = described_lists_of_service_.find(service);
      lists != described_lists_of_service_.end()) {
    for (const std::string& list_id : lists->second) {
      const model::PrefixList* list = network.FindPrefixList(list_id, scope);
      if (list != nullptr && list->entries_known && !list->entries.empty()) {
        spec.set = list->Addresses();
        spec.text = "the addresses of ";
        spec.text += service;
        spec.text += " (" + list_id + ")";
        return spec;
      }
    }
  }
  spec.set.v4 = model::PublicIpv4();
  return spec;
}

std::vector<PathResult> Reachability::Impl::ToOutside(const Vantage& src, const AddressSpec& dst,
                                                      const Node& end,
                                                      const FlowSpec& flow) const {
  std::vector<PathResult> paths;
  Vertex subnet_vertex{};
  if (src.subnet == nullptr || !graph_.Find(src.subnet, subnet_vertex)) return paths;
  // Virtual private gateways are not vertices (nothing behind them is modelled); a route to
  // one is a candidate that ends in an unknown hop.
  if (const model::RouteTable* table = topology_.RouteTableFor(*src.subnet).table) {
    std::vector<std::string> gateways;
    for (const model::Route& route : table->routes) {
      if (route.target_kind == model::RouteTargetKind::kVirtualPrivateGateway &&
          std::find(gateways.begin(), gateways.end(), route.target_id) == gateways.end()) {
        gateways.push_back(route.target_id);
      }
    }
    for (const std::string& gateway : gateways) {
      paths.push_back(ThroughVpnGateway(src, gateway, dst, flow));
    }
  }
  for (Vertex hop : graph_.Next(subnet_vertex, EdgeKind::kSubnetEgress)) {
    const Node& node = graph_.node(hop);
    if (node.kind == NodeKind::kInternetGateway || node.kind == NodeKind::kEgressOnlyGateway) {
      if ((node.kind == NodeKind::kEgressOnlyGateway) != (flow.family == model::IpFamily::kV6)) {
        continue;
      }
      paths.push_back(ThroughGateway(src, node, dst, end, flow));
    } else if (node.kind == NodeKind::kNatGateway && flow.family == model::IpFamily::kV4) {
      const auto& nat = *static_cast<const model::NatGateway*>(node.resource);
      if (nat.IsLive() || nat.state.empty()) paths.push_back(ThroughNat(src, nat, dst, end, flow));
    } else if (node.kind == NodeKind::kGatewayEndpoint && dst.quantifier == Quantifier::kEvery &&
               dst.service.empty()) {
      // An address may be one of S3's or DynamoDB's: the prefix-list route then wins. When the
      // input lists the service's addresses and this one is not among them, the endpoint cannot
      // carry it whatever the routes say, so it is no candidate.
      const auto& endpoint = *static_cast<const model::VpcEndpoint*>(node.resource);
      const AddressSpec served =
          ServiceAddresses(std::string(endpoint.ServiceShortName()), endpoint.scope);
      if (!served.set.Overlaps(dst.set)) continue;
      paths.push_back(ThroughGatewayEndpoint(src, endpoint, dst, flow));
    }
  }
  return paths;
}

std::vector<PathResult> Reachability::Impl::ToService(const Vantage& src,
                                                      const std::string& service,
                                                      const FlowSpec& flow) const {
  std::vector<PathResult> paths;
  Vertex subnet_vertex{};
  if (src.subnet == nullptr || !graph_.Find(src.subnet, subnet_vertex)) return paths;
  const AddressSpec dst = ServiceAddresses(service, src.resource->scope);
  bool private_dns_endpoint = false;
  for (Vertex hop : graph_.Next(subnet_vertex, EdgeKind::kSubnetEgress)) {
    const Node& node = graph_.node(hop);
    if (node.kind != NodeKind::kGatewayEndpoint && node.kind != NodeKind::kInterfaceEndpoint) {
      continue;
    }
    const auto& endpoint = *static_cast<const model::VpcEndpoint*>(node.resource);
    if (endpoint.ServiceShortName() != service) continue;
    if (node.kind == NodeKind::kGatewayEndpoint) {
      paths.push_back(ThroughGatewayEndpoint(src, endpoint, dst, flow));
      continue;
    }
    const bool dns_works = endpoint.private_dns_enabled.value_or(false) &&
                           src.vpc != nullptr && src.vpc->dns_support.value_or(true) &&
                           src.vpc->dns_hostnames.value_or(true);
    private_dns_endpoint = private_dns_endpoint || dns_works;
    // Every interface of the endpoint is a candidate; the client's own AZ first.
    std::vector<Vantage> interfaces = vantages_.Of(ResourceKind::kVpcEndpoint, endpoint);
    std::stable_partition(interfaces.begin(), interfaces.end(), [&](const Vantage& candidate) {
      return candidate.subnet != nullptr && src.subnet != nullptr &&
             candidate.subnet->availability_zone == src.subnet->availability_zone;
    });
    for (const Vantage& candidate : interfaces) {
      paths.push_back(ThroughInterfaceEndpoint(src, candidate, flow));
    }
  }
  // With private DNS, the service's name resolves to the endpoint: the NAT or internet
  // gateway is not used for it, whatever the routes say.
  if (!private_dns_endpoint) {
    Vertex service_vertex{};
    Node end{NodeKind::kAwsService, "aws:" + service, nullptr};
    if (graph_.FindService(service, service_vertex)) end = graph_.node(service_vertex);
    for (PathResult& path : ToOutside(src, dst, end, flow)) paths.push_back(std::move(path));
  }
  return paths;
}

std::vector<PathResult> Reachability::Impl::Candidates(const Endpoint& from, const Vantage* src,
                                                       const Endpoint& to, const Vantage* dst,
                                                       const FlowSpec& flow,
                                                       std::vector<std::string>& notes) const {
  std::vector<PathResult> paths;
  if (from.kind == Endpoint::Kind::kInternet) {
    if (dst == nullptr || dst->subnet == nullptr) return paths;
    if (dst->vpc != nullptr) {
      for (const model::InternetGateway* igw : GatewaysAttachedTo(dst->vpc->id)) {
        paths.push_back(FromInternet(*dst, *igw, flow));
      }
    }
    if (auto targets = lb_targets_.find(dst->resource); targets != lb_targets_.end()) {
      for (const LbTarget& target : targets->second) {
        if (target.listener->port == flow.port && target.lb->internet_facing.value_or(false)) {
          paths.push_back(ViaLoadBalancer(from, nullptr, target, *dst, flow));
        }
      }
    }
    if (paths.empty()) {
      notes.push_back((dst->vpc != nullptr ? dst->vpc->id : std::string("the VPC")) +
                      " has no internet gateway");
    }
    return paths;
  }
  if (src == nullptr || src->subnet == nullptr) return paths;
  switch (to.kind) {
    case Endpoint::Kind::kInternet: {
      Vertex internet = graph_.internet();
      for (PathResult& path : ToOutside(*src, PublicInternet(flow.family), graph_.node(internet), flow)) {
        paths.push_back(std::move(path));
      }
      break;
    }
    case Endpoint::Kind::kAwsService:
      paths = ToService(*src, to.service, flow);
      break;
    case Endpoint::Kind::kAddress:
    case Endpoint::Kind::kResource: {
      if (dst == nullptr) {
        AddressSpec outside{to.address, Quantifier::kEvery, {}, {}};
        paths = ToOutside(*src, outside, graph_.node(graph_.internet()), flow);
        break;
      }
      if (dst->subnet == nullptr) {
        if (dst->vpc != nullptr) paths.push_back(ToUnplacedAddress(*src, *dst, flow));
        break;
      }
      if (dst->vpc == src->vpc) {
        FlowState state{src->addresses, src->Ident(), dst->addresses, dst->Ident(), src->ephemeral,
                        true};
        paths.push_back(WithinVpc(*src, *dst, flow, state));
      } else if (dst->vpc != nullptr) {
        Vertex subnet_vertex{};
        if (graph_.Find(src->subnet, subnet_vertex)) {
          for (Vertex hop : graph_.Next(subnet_vertex, EdgeKind::kSubnetEgress)) {
            const Node& link = graph_.node(hop);
            if (link.kind != NodeKind::kVpcPeering && link.kind != NodeKind::kTransitGateway) continue;
            const auto across = graph_.Next(hop, EdgeKind::kCrossVpc);
            Vertex dst_vertex{};
            if (dst->subnet == nullptr || !graph_.Find(dst->subnet, dst_vertex) ||
                std::find(across.begin(), across.end(), dst_vertex) == across.end()) {
              continue;
            }
            // SG references work across a peering in one region, never across a TGW.
            FlowState state{src->addresses, link.kind == NodeKind::kVpcPeering ? src->Ident() : Identity{},
                            dst->addresses,
                            link.kind == NodeKind::kVpcPeering ? dst->Ident() : Identity{},
                            src->ephemeral, true};
            paths.push_back(AcrossVpcs(*src, *dst, link, flow, state));
          }
        }
        if (paths.empty()) {
          notes.push_back("no peering connection or transit gateway joins " +
                          (src->vpc != nullptr ? src->vpc->id : std::string("the source VPC")) +
                          " and " + dst->vpc->id);
        }
      }
      if (auto targets = lb_targets_.find(dst->resource); targets != lb_targets_.end()) {
        for (const LbTarget& target : targets->second) {
          // A load balancer reaching its own targets does not go through itself again.
          if (target.listener->port == flow.port && from.resource != target.lb) {
            paths.push_back(ViaLoadBalancer(from, src, target, *dst, flow));
          }
        }
      }
      break;
    }
  }
  return paths;
}

Answer Reachability::Impl::Query(const Endpoint& from, const Endpoint& to,
                                 const FlowSpec& flow, const QueryOptions& options) const {
  Answer answer;
  answer.from = from.ToString();
  answer.to = to.ToString();
  answer.flow = flow.ToString();
  answer.verdict = Verdict::kReachable;

  auto vantages_of = [&](const Endpoint& end, bool as_destination) {
    std::vector<Vantage> found;
    if (end.kind == Endpoint::Kind::kResource) {
      found = vantages_.Of(end.resource_kind, *end.resource);
    } else if (end.kind == Endpoint::Kind::kAddress && !end.address.v4.Empty()) {
      const model::Ipv4Address address(end.address.v4.intervals().front().first);
      const bool from_internet = from.kind == Endpoint::Kind::kInternet && as_destination;
      if (const auto* eni = vantages_.InterfaceWithAddress(address, from_internet)) {
        found.push_back(vantages_.Of(ResourceKind::kNetworkInterface, *eni).front());
      } else if (!from_internet) {
        if (auto vantage = vantages_.AtAddress(address, EveryInterfaceListed())) {
          found.push_back(std::move(*vantage));
        }
      }
    } else if (end.kind == Endpoint::Kind::kAddress && !end.address.v6.Empty()) {
      const model::Ipv6Address address(end.address.v6.intervals().front().first);
      if (const auto* eni = vantages_.InterfaceWithAddress(address)) {
        Vantage vantage = vantages_.Of(ResourceKind::kNetworkInterface, *eni).front();
        // An IPv6 flow uses the interface's IPv6 address, reachable without translation.
        vantage.addresses.set = model::AddressSet{};
        vantage.addresses.set.v6.Add(address.value(), address.value());
        vantage.addresses.text.clear();
        found.push_back(std::move(vantage));
      }
    }
    return found;
  };

  std::vector<Vantage> sources;
  if (from.kind != Endpoint::Kind::kInternet) {
    sources = vantages_of(from, false);
    if (sources.empty()) {
      answer.verdict = Verdict::kUnknown;
      answer.notes.push_back(answer.from + " has no place in a VPC the input describes");
      return answer;
    }
  }
  if (from.kind == Endpoint::Kind::kInternet && to.kind == Endpoint::Kind::kAddress &&
      !to.address.v4.Overlaps(model::PublicIpv4()) && !to.address.v6.Overlaps(model::PublicIpv6())) {
    answer.verdict = Verdict::kBlocked;
    answer.notes.push_back(answer.to +
                           " is not a public address: the internet does not route to it");
    return answer;
  }
  std::vector<Vantage> destinations;
  if (to.kind == Endpoint::Kind::kResource ||
      (to.kind == Endpoint::Kind::kAddress &&
       (from.kind == Endpoint::Kind::kInternet ||
        !to.address.v4.Intersect(model::PrivateIpv4()).Empty() ||
        (!to.address.v6.Empty() && vantages_.InterfaceWithAddress(model::Ipv6Address(
                                       to.address.v6.intervals().front().first)) != nullptr)))) {
    destinations = vantages_of(to, true);
    if (destinations.empty()) {
      answer.verdict = Verdict::kUnknown;
      if (to.kind != Endpoint::Kind::kAddress) {
        answer.notes.push_back(answer.to + " has no place in a VPC the input describes");
      } else if (EveryInterfaceListed()) {
        // The input lists every interface, so nothing in the described network has it.
        answer.verdict = Verdict::kBlocked;
        const bool in_a_vpc = std::any_of(
            topology_.network().vpcs.begin(), topology_.network().vpcs.end(),
            [&](const model::Vpc& vpc) { return vpc.AddressSpace().Overlaps(to.address); });
        answer.notes.push_back(
            in_a_vpc ? "no interface in the input has the address " + answer.to +
                           ", and the input lists every interface"
                     : answer.to + " is outside every VPC of the input and no interface has it "
                                   "as a public address: the described network does not "
                                   "deliver to it");
      } else {
        answer.notes.push_back("no interface in the input has the address " + answer.to +
                               " (the input does not list every interface)");
      }
      return answer;
    }
  }
  if (from.kind == Endpoint::Kind::kInternet && destinations.empty()) {
    answer.verdict = Verdict::kBlocked;
    answer.notes.push_back("the internet reaches only addresses inside a VPC");
    return answer;
  }

  auto evaluate = [&](const Vantage* src, const Vantage* dst) {
    std::vector<PathResult> paths = Candidates(from, src, to, dst, flow, answer.notes);
    if (src != nullptr && src->vpc != nullptr &&
        (to.kind == Endpoint::Kind::kAwsService || to.kind == Endpoint::Kind::kInternet)) {
      const bool nat = std::any_of(paths.begin(), paths.end(), [](const PathResult& path) {
        return path.via.rfind("NAT gateway", 0) == 0;
      });
      const bool endpoint = std::any_of(paths.begin(), paths.end(), [](const PathResult& path) {
        return path.via.find("endpoint") != std::string::npos;
      });
      if (!nat && !endpoint) {
        answer.notes.push_back(src->vpc->id + " has no NAT gateway" +
                               (to.kind == Endpoint::Kind::kAwsService
                                    ? " and no VPC endpoint for " + to.service
                                    : std::string()));
      }
    }
    if (paths.empty()) {
      PathBuilder path("no path");
      const std::size_t hop = src != nullptr ? VantageHop(path, *src) : path.AddHop("internet", "internet", "");
      std::string what = to.kind == Endpoint::Kind::kAwsService
                             ? "no NAT gateway, internet gateway or endpoint for " + to.service
                             : to.kind == Endpoint::Kind::kInternet || dst == nullptr
                                   ? "no NAT gateway or internet gateway"
                                   : "no path to " + answer.to;
      const model::Vpc* vpc = src != nullptr ? src->vpc : dst != nullptr ? dst->vpc : nullptr;
      path.Add(hop, {Verdict::kBlocked, vpc != nullptr ? vpc->id : std::string(),
                     (vpc != nullptr ? vpc->id + " has " : std::string("there is ")) + what,
                     vpc != nullptr ? vpc->source : SourceRef{}});
      paths.push_back(path.Take());
    }
    std::stable_sort(paths.begin(), paths.end(), Better);
    answer.verdict = Worse(answer.verdict, paths.front().verdict);
    if (src != nullptr && src->subnet != nullptr) paths.front().source_subnet = src->subnet->id;
    if (dst != nullptr && dst->subnet != nullptr) {
      paths.front().destination_subnet = dst->subnet->id;
    }
    answer.paths.push_back(std::move(paths.front()));
    // Alternatives matter only where the chosen path does not work (what else could have
    // carried the flow); keeping them for working answers would only cost memory.
    if (options.alternatives && answer.paths.back().verdict != Verdict::kReachable) {
      for (std::size_t i = 1; i < paths.size(); ++i) {
        paths[i].source_subnet = answer.paths.back().source_subnet;
        paths[i].destination_subnet = answer.paths.back().destination_subnet;
        answer.alternatives.push_back(std::move(paths[i]));
      }
    }
  };
  if (sources.empty()) {
    for (const Vantage& dst : destinations) evaluate(nullptr, &dst);
  } else if (destinations.empty()) {
    for (const Vantage& src : sources) evaluate(&src, nullptr);
  } else {
    for (const Vantage& src : sources) {
      for (const Vantage& dst : destinations) evaluate(&src, &dst);
    }
  }
  std::sort(answer.notes.begin(), answer.notes.end());
  answer.notes.erase(std::unique(answer.notes.begin(), answer.notes.end()), answer.notes.end());
  return answer;
}

std::vector<Exposure> Reachability::Impl::InternetExposure(const Endpoint& workload) const {
  std::vector<Exposure> exposures;
  if (workload.kind != Endpoint::Kind::kResource) return exposures;
  const auto& facing = graph_.SubnetsFacingInternet();
  for (const Vantage& vantage : vantages_.Of(workload.resource_kind, *workload.resource)) {
    if (vantage.subnet == nullptr ||
        std::find(facing.begin(), facing.end(), vantage.subnet) == facing.end()) {
      continue;
    }
    for (model::IpFamily family : {model::IpFamily::kV4, model::IpFamily::kV6}) {
      if (family == model::IpFamily::kV4 && vantage.public_ip == false) continue;
      if (family == model::IpFamily::kV6 && vantage.addresses.set.v6.Empty()) continue;
      const AddressSpec internet = PublicInternet(family);
      for (model::Protocol protocol : {model::Protocol::Tcp(), model::Protocol::Udp()}) {
        // Ports some rule opens to some public address, cut where any rule or entry changes.
        model::PortSet candidate;
        std::vector<std::uint32_t> cuts;
        // Without its groups' rules (not in the input) or without groups at all, every port is
        // a candidate: the path then says which ports are open or unknown.
        if (!vantage.filtered_by_groups || !vantage.missing_groups.empty()) {
          candidate = model::PortSet::Full();
        }
        for (const model::SecurityGroup* group : vantage.groups) {
          for (const model::SgRule& rule : group->ingress) {
            if (!rule.traffic) continue;
            const model::PortSet ports = rule.traffic->PortsOf(protocol);
            if (ports.Empty()) continue;
            bool unknown = false;
            const model::AddressSet peers =
                topology_.PeerAddresses(rule.peer, group->scope, unknown);
            if (!unknown && !peers.Overlaps(internet.set)) continue;
            candidate.Add(ports);
            cuts.push_back(rule.traffic->PortsOf(protocol).intervals().front().first);
            cuts.push_back(static_cast<std::uint32_t>(ports.intervals().back().last) + 1);
          }
        }
        if (candidate.Empty()) continue;
        if (const model::NetworkAcl* acl = topology_.NetworkAclFor(*vantage.subnet)) {
          for (const model::NaclEntry& entry : acl->entries) {
            if (entry.direction != Direction::kIngress || !entry.traffic ||
                !entry.traffic->protocol.HasPorts()) {
              continue;
            }
            cuts.push_back(entry.traffic->ports.first);
            cuts.push_back(static_cast<std::uint32_t>(entry.traffic->ports.last) + 1);
          }
        }
        for (const auto& interval : candidate.intervals()) {
          cuts.push_back(interval.first);
          cuts.push_back(static_cast<std::uint32_t>(interval.last) + 1);
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::vector<Exposure> found;
        for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
          if (cuts[i] > 65535) break;
          const auto first = static_cast<std::uint16_t>(cuts[i]);
          const auto last = static_cast<std::uint16_t>(std::min<std::uint32_t>(cuts[i + 1] - 1, 65535));
          if (!candidate.Contains(first)) continue;
          FlowSpec flow{protocol, first, family};
          std::optional<PathResult> best;
          std::string sources;
          const std::span<const model::InternetGateway* const> gateways =
              vantage.vpc != nullptr ? GatewaysAttachedTo(vantage.vpc->id)
                                     : std::span<const model::InternetGateway* const>();
          for (const model::InternetGateway* igw : gateways) {
            FlowState state;
            PathResult path = FromInternet(vantage, *igw, flow, nullptr, &state);
            if (!best || Better(path, *best)) {
              best = std::move(path);
              sources = SourcesText(state.src.set, internet.set, family);
            }
          }
          if (!best || best->verdict == Verdict::kBlocked) continue;
          best->destination_subnet = vantage.subnet->id;
          auto same = std::find_if(found.begin(), found.end(), [&](const Exposure& exposure) {
            return exposure.sources == sources &&
                   exposure.unknown == (best->verdict == Verdict::kUnknown);
          });
          if (same == found.end()) {
            found.push_back({protocol, family, {}, sources,
                             best->verdict == Verdict::kUnknown, *best,
                             family == model::IpFamily::kV4 ? vantage.pending_public_ip : ""});
            same = found.end() - 1;
          }
          same->ports.Add(first, last);
        }
        for (Exposure& exposure : found) exposures.push_back(std::move(exposure));
      }
    }
  }
  return exposures;
}

// ----------------------------------------------------------------------------------------

Reachability::Reachability(const model::Topology& topology)
    : impl_(std::make_unique<Impl>(topology)) {}
Reachability::~Reachability() = default;

const model::Topology& Reachability::topology() const { return impl_->topology(); }

std::shared_ptr<const Answer> Reachability::QueryShared(const Endpoint& from,
                                                        const Endpoint& to,
                                                        const FlowSpec& flow) const {
  // Several rules ask the same questions (every ECS service's path to each service it needs):
  // answers are kept, alternatives included, so each is computed once per run whichever rule
  // asks first.
  auto endpoint_key = [](const Endpoint& end) {
    std::string key = std::to_string(static_cast<int>(end.kind)) + ':' +
                      std::to_string(reinterpret_cast<std::uintptr_t>(end.resource)) + ':' +
                      end.service;
    if (end.kind == Endpoint::Kind::kAddress) key += ':' + end.address.ToString();
    return key;
  };
  std::string key = endpoint_key(from) + '|' + endpoint_key(to) + '|' +
                    std::to_string(flow.protocol.number()) + '|' + std::to_string(flow.port) +
                    (flow.family == model::IpFamily::kV4 ? "|4" : "|6");
  // Rules run side by side and often ask the same question at the same moment: the first asker
  // computes, the others wait for its answer instead of computing it again.
  std::promise<std::shared_ptr<const Answer>> promise;
  {
    std::unique_lock<std::mutex> lock(cache_mutex_);
    if (auto found = cache_.find(key); found != cache_.end()) {
      std::shared_future<std::shared_ptr<const Answer>> pending = found->second;
      lock.unlock();
      return pending.get();
    }
    cache_.emplace(key, promise.get_future().share());
  }
  try {
    auto answer =
        std::make_shared<const Answer>(impl_->Query(from, to, flow, QueryOptions{true}));
    promise.set_value(answer);
    return answer;
  } catch (...) {
    promise.set_exception(std::current_exception());
    throw;
  }
}

Answer Reachability::Query(const Endpoint& from, const Endpoint& to, const FlowSpec& flow,
                           const QueryOptions& options) const {
  Answer answer = *QueryShared(from, to, flow);
  if (!options.alternatives) answer.alternatives.clear();
  return answer;
}

Answer Reachability::QueryOnce(const Endpoint& from, const Endpoint& to,
                               const FlowSpec& flow) const {
  return impl_->Query(from, to, flow, QueryOptions{false});
}

std::vector<Exposure> Reachability::InternetExposure(const Endpoint& workload) const {
  return impl_->InternetExposure(workload);
}

}  // namespace netlint::reach
