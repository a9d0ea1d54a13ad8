// Flow changes between two versions of a network.
//
// Which flows: every pair of ends that could talk, in either version. Sources are the workloads
// that open connections (instances, interfaces of no described workload, ECS services);
// destinations are the internet, AWS services and every workload, load balancers, databases
// and caches included (they only answer connections, so they are no source). A workload pair
// is considered only where some ingress rule of the destination could admit the source (or a
// load balancer in front of the destination listens), in the same VPC or a peered one.
//
// Which ports: never all 65,536. The candidates are the ports some rule could open for the
// pair (the destination's ingress rules that may admit the source, the source's egress rules
// to the internet, the listeners of the destination or of a load balancer in front of it),
// cut wherever any security group rule, NACL entry or listener of the VPCs involved changes,
// in either version; every setting is then uniform inside a segment, so one question per
// segment and version is exact. Outside the candidates no rule admits the flow in either
// version, so it is blocked in both. AWS services are asked on tcp/443 only: their APIs (and
// ECR's registry) answer HTTPS alone. Flows with the internet are also asked over IPv6 when the
// workload has an IPv6 address in either version; the others over IPv4.
//
// Which verdicts: a flow is opened when it is reachable in head and blocked in base (an end
// missing from a version counts as blocked there), closed in the reverse case. A flow unknown
// on one side is neither: it goes to `uncertain` with both verdicts, so that a value the input
// does not know is said rather than guessed either way.
//
// Cost: ends whose paths cannot have changed are skipped (FindChanges compares a content
// signature of every resource), so an unchanged estate asks nothing.

#include "netlint/diff/flows.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analyzer/diff/flow_changes.h"
#include "analyzer/reach/vantages.h"

namespace netlint::diff {
namespace {

using model::IpFamily;
using model::Protocol;
using model::PortSet;
using model::ResourceKind;
using reach::Endpoint;
using reach::Verdict;

constexpr std::string_view kInternet = "internet";
constexpr std::string_view kServicePrefix = "aws:";
constexpr std::uint16_t kHttps = 443;

// A workload as one version has it.
struct End {
  std::string name;  // head's name
  Endpoint endpoint;
  bool opens_connections = false;  // a source of flows (compute), not only a destination
  std::vector<reach::Vantage> vantages;
  std::vector<std::string> vpcs;    // head names
  std::vector<std::string> groups;  // head names of the groups it carries
  // Listener ports of load balancers that forward to it (never the end itself).
  struct Front {
    const model::LoadBalancer* lb;
    const model::Listener* listener;
  };
  std::vector<Front> fronts;
};

// Ports a rule set may open for a pair, and where its settings change.
struct PortPlan {
  PortSet candidates;
  std::vector<std::uint32_t> cuts;
  // Whether a port outside the candidates is certainly blocked in this version, so that it
  // needs no question: both ends are placed, and the filter that decides (the destination's
  // groups, or the source's egress to the internet) is known. A load balancer's listeners may
  // be missing from the input, which the engine answers "unknown": it is always asked.
  bool decisive = false;

  void Cut(std::uint32_t first, std::uint32_t last) {
    cuts.push_back(first);
    cuts.push_back(last + 1);
  }
  void Open(const PortSet& ports) {
    candidates.Add(ports);
    for (const auto& interval : ports.intervals()) Cut(interval.first, interval.last);
  }
};

bool ListenerCarries(const model::Listener& listener, Protocol protocol) {
  const bool udp = listener.protocol == "UDP" || listener.protocol == "TCP_UDP";
  const bool tcp = listener.protocol != "UDP";
  return protocol == Protocol::Tcp() ? tcp : udp;
}

// The AWS services a flow name stands for ("aws:ecr" is ecr.api and ecr.dkr).
std::vector<std::string> ServicesOf(std::string_view name) {
  return reach::Reachability::ExpandServiceName(name.substr(kServicePrefix.size()));
}

// The flow name of an endpoint's service: ecr.api and ecr.dkr are one, "aws:ecr".
std::string ServiceFlowName(std::string_view short_name) {
  if (short_name == "ecr.api" || short_name == "ecr.dkr") return "aws:ecr";
  return std::string(kServicePrefix) + std::string(short_name);
}

class Version {
 public:
  Version(const engine::LoadedModel& model, const Renames* renames)
      : topology_(*model.topology),
        reachability_(*model.reachability),
        renames_(renames),
        finder_(topology_) {
    CollectEnds();
    IndexFronts();
    IndexAcls();
    for (auto& [name, end] : ends_) {
      for (const std::string& vpc : end.vpcs) by_vpc_[vpc].push_back(&end);
    }
  }

  [[nodiscard]] const std::map<std::string, End>& ends() const { return ends_; }
  [[nodiscard]] const End* Find(const std::string& name) const {
    auto found = ends_.find(name);
    return found == ends_.end() ? nullptr : &found->second;
  }
  [[nodiscard]] std::string Name(std::string_view id) const {
    return HeadName(id, renames_);
  }

  // Ends in the VPC or in a VPC peered with it.
  [[nodiscard]] std::vector<const End*> Neighbours(const End& end) const {
    std::set<std::string> vpcs(end.vpcs.begin(), end.vpcs.end());
    for (const reach::Vantage& vantage : end.vantages) {
      if (vantage.vpc == nullptr) continue;
      for (const model::VpcPeering* peering : topology_.PeeringsOf(*vantage.vpc)) {
        vpcs.insert(Name(peering->requester.vpc_id));
        vpcs.insert(Name(peering->accepter.vpc_id));
      }
    }
    std::vector<const End*> found;
    for (const std::string& vpc : vpcs) {
      auto in_vpc = by_vpc_.find(vpc);
      if (in_vpc == by_vpc_.end()) continue;
      found.insert(found.end(), in_vpc->second.begin(), in_vpc->second.end());
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
  }

  // The services worth asking about in this version: ECR, S3 and CloudWatch Logs (what every
  // container workload needs) and every service an endpoint serves.
  void AddServices(std::set<std::string>& services) const {
    for (std::string_view service : {"aws:ecr", "aws:s3", "aws:logs"}) {
      services.emplace(service);
    }
    for (const model::VpcEndpoint& endpoint : topology_.network().vpc_endpoints) {
      const std::string_view short_name = endpoint.ServiceShortName();
      if (!short_name.empty() && short_name.find('/') == std::string_view::npos) {
        services.insert(ServiceFlowName(short_name));
      }
    }
  }

  // Ports on which `from` (null: the internet) may reach `to` over `protocol`.
  [[nodiscard]] PortPlan Plan(const End* from, const End& to, Protocol protocol,
                              IpFamily family = IpFamily::kV4) const;
  // Whether Plan(&from, to, protocol) has a candidate, without the plan.
  [[nodiscard]] bool MayAdmit(const End& from, const End& to, Protocol protocol) const;
  // Ports on which `from` may send to the internet.
  [[nodiscard]] PortPlan PlanToInternet(const End& from, Protocol protocol,
                                        IpFamily family = IpFamily::kV4) const;

  // The verdict for one port, and its path when `path` is given. A missing end makes it
  // blocked: the flow does not exist in this version. Answers are not kept: a change that
  // reaches every VPC of a large estate asks millions of distinct questions, each once.
  [[nodiscard]] Verdict Ask(const std::string& from, const std::string& to, Protocol protocol,
                            IpFamily family, std::uint16_t port, std::size_t& queries,
                            std::optional<reach::PathResult>* path = nullptr) const;
  // Whether the end has an IPv6 address (flows with the internet are then compared over IPv6
  // too).
  [[nodiscard]] bool HasIpv6(const std::string& name) const {
    const End* end = Find(name);
    return end != nullptr &&
           std::any_of(end->vantages.begin(), end->vantages.end(), [](const reach::Vantage& v) {
             return !v.addresses.set.v6.Empty();
           });
  }

 private:
  void CollectEnds();
  void AddEnd(ResourceKind kind, const model::Resource& resource, bool opens_connections);
  void IndexFronts();
  void IndexAcls();
  void CutAcls(const End& end, PortPlan& plan) const;
  // Whether a rule's peer may be one of `from`'s addresses (null: the public internet).
  [[nodiscard]] bool MayAdmit(const model::SgRule& rule, const model::SecurityGroup& group,
                              const End* from, IpFamily family = IpFamily::kV4) const;

  const model::Topology& topology_;
  const reach::Reachability& reachability_;
  const Renames* renames_;
  reach::VantageFinder finder_;
  std::map<std::string, End> ends_;
  std::unordered_map<std::string, std::vector<const End*>> by_vpc_;
  std::unordered_map<std::string, std::vector<const model::NetworkAcl*>> acls_by_vpc_;
};

void Version::AddEnd(ResourceKind kind, const model::Resource& resource, bool opens_connections) {
  End end;
  end.name = Name(resource.id);
  end.endpoint = Endpoint::Resource(kind, resource);
  end.opens_connections = opens_connections;
  end.vantages = finder_.Of(kind, resource);
  for (const reach::Vantage& vantage : end.vantages) {
    if (vantage.vpc != nullptr) end.vpcs.push_back(Name(vantage.vpc->id));
    for (const model::SecurityGroup* group : vantage.groups) end.groups.push_back(Name(group->id));
    for (const std::string& missing : vantage.missing_groups) end.groups.push_back(Name(missing));
  }
  for (auto* names : {&end.vpcs, &end.groups}) {
    std::sort(names->begin(), names->end());
    names->erase(std::unique(names->begin(), names->end()), names->end());
  }
  // One id in two scopes: the first keeps the name (the diff names ends as `reach` does).
  ends_.emplace(end.name, std::move(end));
}

void Version::CollectEnds() {
  const model::Network& network = topology_.network();
  for (const model::Instance& instance : network.instances) {
    AddEnd(ResourceKind::kInstance, instance, true);
  }
  // Interfaces stand for themselves only when no described workload owns them: an instance's,
  // a load balancer's or an endpoint's interface is that resource's, and a NAT gateway's or a
  // transit gateway's is no workload. Tasks', databases' and caches' interfaces stand for
  // their service only when the input does not describe the service.
  for (const model::NetworkInterface& eni : network.network_interfaces) {
    bool own = false;
    switch (eni.owner) {
      case model::InterfaceOwner::kInstance:
        own = network.FindInstance(eni.owner_ref, eni.scope) == nullptr;
        break;
      case model::InterfaceOwner::kEcsTask: own = network.ecs_services.empty(); break;
      case model::InterfaceOwner::kDbInstance: own = network.db_instances.empty(); break;
      case model::InterfaceOwner::kCacheCluster: own = network.cache_clusters.empty(); break;
      case model::InterfaceOwner::kLambda:
      case model::InterfaceOwner::kEfs:
      case model::InterfaceOwner::kOther:
        own = true;
        break;
      default:
        break;
    }
    if (own) AddEnd(ResourceKind::kNetworkInterface, eni, eni.owner != model::InterfaceOwner::kEfs);
  }
  for (const model::EcsService& service : network.ecs_services) {
    AddEnd(ResourceKind::kEcsService, service, true);
  }
  for (const model::LoadBalancer& lb : network.load_balancers) {
    AddEnd(ResourceKind::kLoadBalancer, lb, false);
  }
  for (const model::DbInstance& db : network.db_instances) {
    AddEnd(ResourceKind::kDbInstance, db, false);
  }
  for (const model::ReplicationGroup& group : network.replication_groups) {
    AddEnd(ResourceKind::kReplicationGroup, group, false);
  }
  for (const model::CacheCluster& cache : network.cache_clusters) {
    // A member of a described replication group is reached as the group.
    const bool member = std::any_of(
        network.replication_groups.begin(), network.replication_groups.end(),
        [&](const model::ReplicationGroup& group) {
          return group.id == cache.replication_group_id ||
                 std::find(group.member_clusters.begin(), group.member_clusters.end(),
                           cache.id) != group.member_clusters.end();
        });
    if (!member) AddEnd(ResourceKind::kCacheCluster, cache, false);
  }
}

// The load balancers in front of each end, as the reachability engine finds them: an ECS
// service's target groups, instance targets by id, IP targets by interface address.
void Version::IndexFronts() {
  const model::Network& network = topology_.network();
  std::unordered_map<const model::Resource*, End*> by_resource;
  for (auto& [name, end] : ends_) by_resource[end.endpoint.resource] = &end;
  auto add = [&](const model::Resource* resource, const model::TargetGroup& group) {
    auto end = by_resource.find(resource);
    if (end == by_resource.end()) return;
    for (const std::string& lb_id : group.load_balancer_ids) {
      const model::LoadBalancer* lb = network.FindLoadBalancer(lb_id, group.scope);
      if (lb == nullptr) continue;
      for (const model::Listener* listener : topology_.ListenersOf(*lb)) {
        if (std::find(listener->target_group_ids.begin(), listener->target_group_ids.end(),
                      group.id) != listener->target_group_ids.end()) {
          end->second->fronts.push_back({lb, listener});
        }
      }
    }
  };
  for (const model::EcsService& service : network.ecs_services) {
    for (const model::ServiceLoadBalancer& binding : service.load_balancers) {
      if (const auto* group = network.FindTargetGroup(binding.target_group_id, service.scope)) {
        add(&service, *group);
      }
    }
  }
  for (const model::TargetGroup& group : network.target_groups) {
    for (const model::Target& target : group.targets) {
      if (group.target_type == "instance") {
        if (const auto* instance = network.FindInstance(target.id, group.scope)) {
          add(instance, group);
        }
      } else if (group.target_type == "ip") {
        if (auto address = model::Ipv4Address::Parse(target.id)) {
          if (const auto* eni = finder_.InterfaceWithAddress(*address, false)) {
            add(finder_.OwnerOf(*eni).second, group);
          }
        }
      }
    }
  }
}

void Version::IndexAcls() {
  for (const model::NetworkAcl& acl : topology_.network().network_acls) {
    acls_by_vpc_[Name(acl.vpc_id)].push_back(&acl);
  }
}

// Every NACL entry of the end's VPCs: a flow crosses the NACLs of its own subnets, and of a
// NAT gateway's or a load balancer's subnet on the way.
void Version::CutAcls(const End& end, PortPlan& plan) const {
  for (const std::string& vpc : end.vpcs) {
    auto acls = acls_by_vpc_.find(vpc);
    if (acls == acls_by_vpc_.end()) continue;
    for (const model::NetworkAcl* acl : acls->second) {
      for (const model::NaclEntry& entry : acl->entries) {
        if (entry.traffic && entry.traffic->protocol.HasPorts()) {
          plan.Cut(entry.traffic->ports.first, entry.traffic->ports.last);
        }
      }
    }
  }
}

bool Version::MayAdmit(const model::SgRule& rule, const model::SecurityGroup& group,
                       const End* from, IpFamily family) const {
  if (rule.peer.kind == model::SgPeer::Kind::kUnknown) return true;
  if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup) {
    if (from == nullptr) return false;  // a group reference never matches the internet
    for (const reach::Vantage& vantage : from->vantages) {
      for (const model::SecurityGroup* carried : vantage.groups) {
        if (carried->id == rule.peer.id) return true;
      }
      for (const std::string& missing : vantage.missing_groups) {
        if (missing == rule.peer.id) return true;
      }
    }
    return false;
  }
  bool unknown = false;
  const model::AddressSet peers = topology_.PeerAddresses(rule.peer, group.scope, unknown);
  if (unknown) return true;
  if (from == nullptr) {
    return family == IpFamily::kV4 ? peers.v4.Overlaps(model::PublicIpv4())
                                   : peers.v6.Overlaps(model::PublicIpv6());
  }
  for (const reach::Vantage& vantage : from->vantages) {
    if (peers.Overlaps(vantage.addresses.set)) return true;
  }
  return false;
}

PortPlan Version::Plan(const End* from, const End& to, Protocol protocol,
                       IpFamily family) const {
  PortPlan plan;
  const bool lb = to.endpoint.resource_kind == ResourceKind::kLoadBalancer;
  plan.decisive = !lb && !to.vantages.empty() && (from == nullptr || !from->vantages.empty());
  for (const reach::Vantage& vantage : to.vantages) {
    const bool any_port = !vantage.filtered_by_groups || !vantage.missing_groups.empty();
    bool admitted = any_port;
    for (const model::SecurityGroup* group : vantage.groups) {
      if (!group->rules_known) admitted = true;
      for (const model::SgRule& rule : group->ingress) {
        const PortSet ports = rule.traffic ? rule.traffic->PortsOf(protocol) : PortSet::Full();
        if (ports.Empty()) continue;
        for (const auto& interval : ports.intervals()) plan.Cut(interval.first, interval.last);
        if (!MayAdmit(rule, *group, from, family)) continue;
        admitted = true;
        if (!lb) plan.Open(ports);
      }
    }
    if (!lb && any_port) plan.Open(PortSet::Full());
    // A load balancer answers on its listeners' ports only.
    if (lb && admitted && vantage.load_balancer != nullptr) {
      for (const model::Listener* listener : topology_.ListenersOf(*vantage.load_balancer)) {
        if (listener->port && ListenerCarries(*listener, protocol)) {
          plan.Open(PortSet(*listener->port, *listener->port));
        }
      }
    }
  }
  for (const End::Front& front : to.fronts) {
    if (from != nullptr && from->endpoint.resource == front.lb) continue;
    if (!front.listener->port) continue;
    plan.Open(PortSet(*front.listener->port, *front.listener->port));
    for (const std::string& id : front.lb->security_group_ids) {
      if (const auto* group = topology_.network().FindSecurityGroup(id, front.lb->scope)) {
        for (const model::SgRule& rule : group->ingress) {
          if (!rule.traffic) continue;
          const PortSet ports = rule.traffic->PortsOf(protocol);
          for (const auto& interval : ports.intervals()) plan.Cut(interval.first, interval.last);
        }
      }
    }
  }
  if (plan.candidates.Empty()) return plan;
  CutAcls(to, plan);
  if (from != nullptr) {
    CutAcls(*from, plan);
    for (const reach::Vantage& vantage : from->vantages) {
      for (const model::SecurityGroup* group : vantage.groups) {
        for (const model::SgRule& rule : group->egress) {
          if (!rule.traffic) continue;
          const PortSet ports = rule.traffic->PortsOf(protocol);
          for (const auto& interval : ports.intervals()) plan.Cut(interval.first, interval.last);
        }
      }
    }
  }
  return plan;
}

bool Version::MayAdmit(const End& from, const End& to, Protocol protocol) const {
  const bool lb = to.endpoint.resource_kind == ResourceKind::kLoadBalancer;
  for (const reach::Vantage& vantage : to.vantages) {
    const bool any_port = !vantage.filtered_by_groups || !vantage.missing_groups.empty();
    if (!lb && any_port) return true;
    bool admitted = any_port;
    for (const model::SecurityGroup* group : vantage.groups) {
      if (!group->rules_known) admitted = true;
      for (const model::SgRule& rule : group->ingress) {
        if (admitted && lb) break;
        if (rule.traffic && rule.traffic->PortsOf(protocol).Empty()) continue;
        if (!MayAdmit(rule, *group, &from)) continue;
        if (!lb) return true;
        admitted = true;
      }
    }
    if (lb && admitted && vantage.load_balancer != nullptr) {
      for (const model::Listener* listener : topology_.ListenersOf(*vantage.load_balancer)) {
        if (listener->port && ListenerCarries(*listener, protocol)) return true;
      }
    }
  }
  return std::any_of(to.fronts.begin(), to.fronts.end(), [&](const End::Front& front) {
    return from.endpoint.resource != front.lb && front.listener->port.has_value();
  });
}

PortPlan Version::PlanToInternet(const End& from, Protocol protocol, IpFamily family) const {
  PortPlan plan;
  plan.decisive = !from.vantages.empty();
  for (const reach::Vantage& vantage : from.vantages) {
    if (!vantage.filtered_by_groups || !vantage.missing_groups.empty()) {
      plan.Open(PortSet::Full());
    }
    for (const model::SecurityGroup* group : vantage.groups) {
      if (!group->rules_known) plan.Open(PortSet::Full());
      for (const model::SgRule& rule : group->egress) {
        const PortSet ports = rule.traffic ? rule.traffic->PortsOf(protocol) : PortSet::Full();
        if (ports.Empty()) continue;
        for (const auto& interval : ports.intervals()) plan.Cut(interval.first, interval.last);
        bool unknown = false;
        if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup) continue;
        const model::AddressSet peers =
            rule.peer.kind == model::SgPeer::Kind::kUnknown
                ? model::AddressSet::Everything()
                : topology_.PeerAddresses(rule.peer, group->scope, unknown);
        const bool public_peer = family == IpFamily::kV4
                                     ? peers.v4.Overlaps(model::PublicIpv4())
                                     : peers.v6.Overlaps(model::PublicIpv6());
        if (unknown || public_peer) plan.Open(ports);
      }
    }
  }
  if (!plan.candidates.Empty()) CutAcls(from, plan);
  return plan;
}

Verdict Version::Ask(const std::string& from, const std::string& to, Protocol protocol,
                     IpFamily family, std::uint16_t port, std::size_t& queries,
                     std::optional<reach::PathResult>* path) const {
  Endpoint source = Endpoint::Internet();
  if (from != kInternet) {
    const End* end = Find(from);
    if (end == nullptr) return Verdict::kBlocked;
    source = end->endpoint;
  }
  std::vector<Endpoint> destinations;
  if (to == kInternet) {
    destinations.push_back(Endpoint::Internet());
  } else if (to.rfind(kServicePrefix, 0) == 0) {
    for (std::string& service : ServicesOf(to)) {
      destinations.push_back(Endpoint::AwsService(std::move(service)));
    }
  } else {
    const End* end = Find(to);
    if (end == nullptr) return Verdict::kBlocked;
    destinations.push_back(end->endpoint);
  }
  const reach::FlowSpec flow{protocol, port, family};
  Verdict verdict = Verdict::kReachable;
  for (const Endpoint& destination : destinations) {
    ++queries;
    reach::Answer answer = reachability_.QueryOnce(source, destination, flow);
    const Verdict before = verdict;
    verdict = reach::Worse(verdict, answer.verdict);
    // The path shown is that of the service that decides the verdict (the first that is not
    // reachable, else the first).
    if (path != nullptr && !answer.paths.empty() && (!path->has_value() || verdict != before)) {
      *path = std::move(answer.paths.front());
    }
  }
  return verdict;
}

// One change class of one pair and protocol before it becomes a Flow.
struct Pending {
  Verdict base;
  Verdict head;
  PortSet ports;
  // The paths of the lowest port in each version (segments are visited from the lowest).
  std::optional<reach::PathResult> base_path;
  std::optional<reach::PathResult> head_path;
};

class Differ {
 public:
  Differ(const engine::LoadedModel& base, const engine::LoadedModel& head,
         const Renames& renames)
      : base_model_(base), head_model_(head), renames_(renames) {}

  FlowChanges Run() {
    scope_ = FindChanges(*base_model_.topology, *head_model_.topology, renames_);
    if (scope_.Empty()) return {};
    // The ends of both versions are collected only now: an unchanged network needs none.
    RunInParallel(2, [&](std::size_t side) {
      if (side == 0) {
        base_.emplace(base_model_, &renames_);
      } else {
        head_.emplace(head_model_, nullptr);
      }
    });
    Run(*base_, *head_);
    return std::move(changes_);
  }

 private:
  void Run(const Version& base, const Version& head) {
    base.AddServices(services_);
    head.AddServices(services_);
    CollectPairs(base);
    CollectPairs(head);
    // Pairs are independent: each is compared on its own, and the results are put together
    // in pair order.
    const std::vector<std::pair<std::string, std::string>> pairs(pairs_.begin(), pairs_.end());
    std::vector<FlowChanges> results(pairs.size());
    RunInParallel(pairs.size(), [&](std::size_t i) {
      results[i] = Compare(base, head, pairs[i].first, pairs[i].second);
    });
    for (FlowChanges& result : results) {
      changes_.queries += result.queries;
      for (auto [into, from] : {std::pair(&changes_.opened, &result.opened),
                                std::pair(&changes_.closed, &result.closed),
                                std::pair(&changes_.uncertain, &result.uncertain)}) {
        std::move(from->begin(), from->end(), std::back_inserter(*into));
      }
    }
    auto order = [](const Flow& a, const Flow& b) {
      const auto first = [](const Flow& flow) {
        return flow.ports.Empty() ? 0 : static_cast<int>(flow.ports.intervals().front().first);
      };
      return std::tuple(a.from, a.to, a.protocol, a.family, first(a)) <
             std::tuple(b.from, b.to, b.protocol, b.family, first(b));
    };
    for (auto* flows : {&changes_.opened, &changes_.closed, &changes_.uncertain}) {
      std::sort(flows->begin(), flows->end(), order);
    }
  }

  // How the change can touch flows with an end: not at all, on some ports only (its groups'
  // rules alone changed), or on every port.
  struct Touch {
    bool every_port = false;
    PortSet tcp;
    PortSet udp;

    void Add(const Touch& other) {
      every_port = every_port || other.every_port;
      tcp.Add(other.tcp);
      udp.Add(other.udp);
    }
    [[nodiscard]] bool Reaches(Protocol protocol, std::uint16_t first, std::uint16_t last) const {
      return every_port || (protocol == Protocol::Tcp() ? tcp : udp).Overlaps(PortSet(first, last));
    }
  };

  // Whether a load balancer in front of the end changed (its groups, or itself).
  [[nodiscard]] bool FrontChanged(const Version& version, const End& end) const {
    return std::any_of(end.fronts.begin(), end.fronts.end(), [&](const End::Front& front) {
      return scope_.resources.contains(version.Name(front.lb->id));
    });
  }

  // `to_service`: the flow goes to an AWS service (through the VPC's endpoints).
  [[nodiscard]] Touch TouchOf(const Version& version, const End& end, bool to_service) const {
    Touch touch;
    touch.every_port = scope_.everything || scope_.resources.contains(end.name) ||
                       std::any_of(end.vpcs.begin(), end.vpcs.end(), [&](const std::string& vpc) {
                         return scope_.vpcs.contains(vpc) ||
                                (to_service && scope_.service_vpcs.contains(vpc));
                       }) ||
                       FrontChanged(version, end);
    if (touch.every_port) return touch;
    for (const std::string& group : end.groups) {
      if (!scope_.resources.contains(group)) continue;
      auto ports = scope_.group_ports.find(group);
      if (ports == scope_.group_ports.end()) {
        touch.every_port = true;
        return touch;
      }
      touch.tcp.Add(ports->second.tcp);
      touch.udp.Add(ports->second.udp);
    }
    return touch;
  }

  // Both ends in both versions (the internet and services change only through a workload's
  // path to them, which its own touch covers).
  [[nodiscard]] Touch TouchOf(const Version& base, const Version& head, const std::string& from,
                              const std::string& to) const {
    Touch touch;
    const bool to_service = to.rfind(kServicePrefix, 0) == 0;
    for (const Version* version : {&base, &head}) {
      for (const std::string* name : {&from, &to}) {
        if (const End* end = version->Find(*name)) touch.Add(TouchOf(*version, *end, to_service));
      }
    }
    return touch;
  }

  [[nodiscard]] bool Affected(const Version& version, const End& end) const {
    if (scope_.everything || scope_.resources.contains(end.name)) return true;
    for (const std::string& vpc : end.vpcs) {
      if (scope_.vpcs.contains(vpc) || scope_.service_vpcs.contains(vpc)) return true;
    }
    if (FrontChanged(version, end)) return true;
    for (const std::string& group : end.groups) {
      if (scope_.resources.contains(group)) return true;
    }
    // An end placed nowhere is affected by any change of its own only.
    return false;
  }

  void CollectPairs(const Version& version) {
    for (const auto& [name, end] : version.ends()) {
      if (!Affected(version, end)) continue;
      pairs_.emplace(std::string(kInternet), name);
      for (const End* other : version.Neighbours(end)) {
        if (other == &end) continue;
        if (end.opens_connections && Admits(version, end, *other)) pairs_.emplace(name, other->name);
        if (other->opens_connections && Admits(version, *other, end)) {
          pairs_.emplace(other->name, name);
        }
      }
      if (!end.opens_connections) continue;
      pairs_.emplace(name, std::string(kInternet));
      for (const std::string& service : services_) pairs_.emplace(name, service);
    }
  }

  static bool Admits(const Version& version, const End& from, const End& to) {
    return version.MayAdmit(from, to, Protocol::Tcp()) ||
           version.MayAdmit(from, to, Protocol::Udp());
  }

  // The plan of a pair in one version; empty when an end is missing there.
  static PortPlan PlanIn(const Version& version, const std::string& from, const std::string& to,
                         Protocol protocol, IpFamily family) {
    if (to.rfind(kServicePrefix, 0) == 0) {
      PortPlan plan;
      if (protocol == Protocol::Tcp() && family == IpFamily::kV4) plan.Open(PortSet(kHttps, kHttps));
      return plan;
    }
    if (to == kInternet) {
      const End* source = version.Find(from);
      return source == nullptr ? PortPlan{} : version.PlanToInternet(*source, protocol, family);
    }
    const End* destination = version.Find(to);
    if (destination == nullptr) return {};
    if (from == kInternet) return version.Plan(nullptr, *destination, protocol, family);
    if (family != IpFamily::kV4) return {};
    const End* source = version.Find(from);
    return source == nullptr ? PortPlan{} : version.Plan(source, *destination, protocol);
  }

  [[nodiscard]] FlowChanges Compare(const Version& base_version, const Version& head_version,
                                    const std::string& from, const std::string& to) const {
    FlowChanges changes;
    const Touch touch = TouchOf(base_version, head_version, from, to);
    // Flows with the internet are compared over IPv6 too when the workload has an IPv6
    // address in either version; flows between workloads and to services over IPv4 only.
    std::vector<IpFamily> families{IpFamily::kV4};
    const std::string* workload = from == kInternet ? &to : to == kInternet ? &from : nullptr;
    if (workload != nullptr &&
        (base_version.HasIpv6(*workload) || head_version.HasIpv6(*workload))) {
      families.push_back(IpFamily::kV6);
    }
    for (IpFamily family : families) {
      for (Protocol protocol : {Protocol::Tcp(), Protocol::Udp()}) {
        PortPlan before = PlanIn(base_version, from, to, protocol, family);
        PortPlan after = PlanIn(head_version, from, to, protocol, family);
        const PortSet candidates = before.candidates.Union(after.candidates);
        if (candidates.Empty()) continue;
        std::vector<std::uint32_t> cuts = before.cuts;
        cuts.insert(cuts.end(), after.cuts.begin(), after.cuts.end());
        for (const auto& interval : candidates.intervals()) {
          cuts.push_back(interval.first);
          cuts.push_back(static_cast<std::uint32_t>(interval.last) + 1);
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::vector<Pending> pending;
        for (std::size_t i = 0; i + 1 < cuts.size() && cuts[i] <= 65535; ++i) {
          const auto first = static_cast<std::uint16_t>(cuts[i]);
          const auto last = static_cast<std::uint16_t>(std::min<std::uint32_t>(cuts[i + 1] - 1, 65535));
          if (!candidates.Contains(first)) continue;
          // Settings the change did not touch give the same verdict in both versions.
          if (!touch.Reaches(protocol, first, last)) continue;
          std::optional<reach::PathResult> base_path;
          std::optional<reach::PathResult> head_path;
          auto verdict_in = [&](const Version& version, const PortPlan& plan,
                                std::optional<reach::PathResult>& path) {
            if (plan.decisive && !plan.candidates.Contains(first)) return Verdict::kBlocked;
            return version.Ask(from, to, protocol, family, first, changes.queries, &path);
          };
          const Verdict base = verdict_in(base_version, before, base_path);
          const Verdict head = verdict_in(head_version, after, head_path);
          if (base == head) continue;
          auto same = std::find_if(pending.begin(), pending.end(), [&](const Pending& item) {
            return item.base == base && item.head == head;
          });
          if (same == pending.end()) {
            pending.push_back({base, head, {}, std::move(base_path), std::move(head_path)});
            same = pending.end() - 1;
          }
          same->ports.Add(first, last);
        }
        for (Pending& item : pending) {
          Emit(from, to, protocol, family, std::move(item), changes);
        }
      }
    }
    return changes;
  }

  static void Emit(const std::string& from, const std::string& to, Protocol protocol,
                   IpFamily family, Pending item, FlowChanges& changes) {
    Flow flow;
    flow.from = from;
    flow.to = to;
    flow.protocol = protocol.Name();
    flow.family = family;
    flow.base_verdict = item.base;
    flow.head_verdict = item.head;
    flow.ports = std::move(item.ports);
    const bool closed = item.base == Verdict::kReachable && item.head == Verdict::kBlocked;
    const bool opened = item.base == Verdict::kBlocked && item.head == Verdict::kReachable;
    // The trace is the side where the flow is reachable, or known when the other is unknown.
    const bool from_base = closed || (!opened && item.head == Verdict::kUnknown);
    std::optional<reach::PathResult>& path = from_base ? item.base_path : item.head_path;
    if (path) flow.trace = std::move(*path);
    (opened ? changes.opened : closed ? changes.closed : changes.uncertain)
        .push_back(std::move(flow));
  }

  const engine::LoadedModel& base_model_;
  const engine::LoadedModel& head_model_;
  const Renames& renames_;
  ChangeScope scope_;
  std::optional<Version> base_;
  std::optional<Version> head_;
  std::set<std::string> services_;
  std::set<std::pair<std::string, std::string>> pairs_;
  FlowChanges changes_;
};

}  // namespace

FlowChanges DiffFlows(const engine::LoadedModel& base, const engine::LoadedModel& head,
                      const Renames& renames) {
  return Differ(base, head, renames).Run();
}

}  // namespace netlint::diff
