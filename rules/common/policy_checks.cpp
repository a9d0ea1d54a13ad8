#include "rules/common/policy_checks.h"

#include <algorithm>
#include <set>

#include "rules/common/path_findings.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

using config::SelectorCriterion;
using model::ResourceKind;

// Workloads and load balancers: every resource a policy's flow can start or end at.
std::vector<Workload> Candidates(const model::Network& network) {
  std::vector<Workload> candidates = Workloads(network);
  for (const model::LoadBalancer& lb : network.load_balancers) {
    candidates.push_back({ResourceKind::kLoadBalancer, &lb});
  }
  return candidates;
}

// The names a user may call a resource by besides its id.
std::vector<std::string_view> NamesOf(const Workload& candidate) {
  std::vector<std::string_view> names;
  if (const std::string_view tag = candidate.resource->Name(); !tag.empty()) names.push_back(tag);
  if (candidate.kind == ResourceKind::kEcsService) {
    names.push_back(static_cast<const model::EcsService*>(candidate.resource)->name);
  } else if (candidate.kind == ResourceKind::kLoadBalancer) {
    names.push_back(static_cast<const model::LoadBalancer*>(candidate.resource)->name);
  }
  return names;
}

bool Named(const Workload& candidate, std::string_view text) {
  if (candidate.resource->id == text) return true;
  const auto names = NamesOf(candidate);
  return std::find(names.begin(), names.end(), text) != names.end();
}

class CriterionMatcher {
 public:
  CriterionMatcher(const SelectorCriterion& criterion, const AnalysisContext& context)
      : criterion_(criterion), context_(context) {
    if (criterion.kind == SelectorCriterion::Kind::kSecurityGroup) {
      for (const model::SecurityGroup& group : context.network.security_groups) {
        if (group.id != criterion.value && group.name != criterion.value) continue;
        for (const model::SgUser& user : context.topology.UsersOf(group)) {
          carriers_.insert(user.resource);
        }
      }
    }
    if (criterion.kind == SelectorCriterion::Kind::kCidr) {
      cidr_ = model::Ipv4Prefix::Parse(criterion.value);
    }
  }

  [[nodiscard]] bool Matches(const Workload& candidate) const {
    switch (criterion_.kind) {
      case SelectorCriterion::Kind::kIdOrName:
        return Named(candidate, criterion_.value);
      case SelectorCriterion::Kind::kTag: {
        const std::string* value = candidate.resource->FindTag(criterion_.key);
        return value != nullptr && (criterion_.value.empty() || *value == criterion_.value);
      }
      case SelectorCriterion::Kind::kType:
        return model::ResourceKindName(candidate.kind) == criterion_.value;
      case SelectorCriterion::Kind::kEcsService:
        return candidate.kind == ResourceKind::kEcsService && Named(candidate, criterion_.value);
      case SelectorCriterion::Kind::kSubnet: {
        const auto subnets = Subnets(candidate);
        return std::any_of(subnets.begin(), subnets.end(), [&](const model::Subnet* subnet) {
          return subnet->id == criterion_.value || subnet->Name() == criterion_.value;
        });
      }
      case SelectorCriterion::Kind::kSecurityGroup:
        return carriers_.count(candidate.resource) != 0;
      case SelectorCriterion::Kind::kCidr: {
        if (!cidr_) return false;
        const auto subnets = Subnets(candidate);
        return std::any_of(subnets.begin(), subnets.end(), [&](const model::Subnet* subnet) {
          return subnet->cidr_v4 && cidr_->Contains(*subnet->cidr_v4);
        });
      }
    }
    return false;
  }

 private:
  [[nodiscard]] std::vector<const model::Subnet*> Subnets(const Workload& candidate) const {
    return SubnetsOf(model::SgUser{candidate.kind, candidate.resource}, context_.topology);
  }

  const SelectorCriterion& criterion_;
  const AnalysisContext& context_;
  std::set<const model::Resource*> carriers_;
  std::optional<model::Ipv4Prefix> cidr_;
};

// A selector that is a single CIDR outside every VPC of the input: an address range.
std::optional<model::Ipv4Prefix> OutsideCidr(const config::PolicySelector& selector,
                                             const model::Network& network) {
  if (selector.criteria.size() != 1 ||
      selector.criteria.front().kind != SelectorCriterion::Kind::kCidr) {
    return std::nullopt;
  }
  auto cidr = model::Ipv4Prefix::Parse(selector.criteria.front().value);
  if (!cidr) return std::nullopt;
  const model::AddressSet block = model::AddressSet::Of(*cidr);
  for (const model::Vpc& vpc : network.vpcs) {
    if (vpc.AddressSpace().Overlaps(block)) return std::nullopt;
  }
  return cidr;
}

}  // namespace

PolicyEnds ResolvePolicyEnds(const config::PolicySelector& selector, bool as_source,
                             const AnalysisContext& context) {
  PolicyEnds result;
  switch (selector.kind) {
    case config::PolicySelector::Kind::kInternet:
      result.ends.push_back({reach::Endpoint::Internet(), "internet", nullptr, {}});
      return result;
    case config::PolicySelector::Kind::kAwsService:
      if (as_source) {
        result.problem = "an AWS service cannot be the source of a flow";
        return result;
      }
      for (const std::string& service : reach::Reachability::ExpandServiceName(selector.service)) {
        result.ends.push_back({reach::Endpoint::AwsService(service), "aws:" + service, nullptr, {}});
      }
      return result;
    case config::PolicySelector::Kind::kResources:
      break;
  }
  if (auto cidr = OutsideCidr(selector, context.network)) {
    if (as_source) {
      result.problem = cidr->ToString() +
                       " lies outside every VPC of the input; of the addresses outside, only "
                       "internet can be a source";
      return result;
    }
    PolicyEnd end;
    end.endpoint.kind = reach::Endpoint::Kind::kAddress;
    end.endpoint.address = model::AddressSet::Of(*cidr);
    end.name = cidr->ToString();
    result.ends.push_back(std::move(end));
    return result;
  }
  std::vector<CriterionMatcher> matchers;
  for (const SelectorCriterion& criterion : selector.criteria) matchers.emplace_back(criterion, context);
  for (const Workload& candidate : Candidates(context.network)) {
    const bool matches = std::all_of(matchers.begin(), matchers.end(),
                                     [&](const CriterionMatcher& m) { return m.Matches(candidate); });
    if (!matches) continue;
    result.ends.push_back({reach::Endpoint::Resource(candidate.kind, *candidate.resource),
                           WorkloadName(candidate), candidate.resource, candidate.kind});
  }
  if (result.ends.empty()) {
    result.problem = "no workload or load balancer in the input matches " + selector.ToString();
  }
  return result;
}

std::vector<reach::FlowSpec> PolicyFlows(const config::Policy& policy) {
  const model::Protocol protocol = policy.protocol.value_or(model::Protocol::Tcp());
  std::vector<reach::FlowSpec> flows;
  reach::FlowSpec flow;
  flow.protocol = protocol;
  if (protocol.HasPorts()) {
    const model::PortRange ports = policy.ports.value_or(model::PortRange::Single(443));
    for (std::uint32_t port = ports.first; port <= ports.last; ++port) {
      flow.port = static_cast<std::uint16_t>(port);
      flows.push_back(flow);
    }
  } else {
    // ICMP: the type (echo request unless given); all traffic: no port.
    flow.port = policy.ports ? policy.ports->first : std::uint16_t{8};
    flows.push_back(flow);
  }
  return flows;
}

std::string PolicyLabel(const config::Policy& policy) { return "policy \"" + policy.name + "\""; }

bool ResolvePolicy(const config::Policy& policy, const AnalysisContext& context,
                   FindingSink& sink, std::vector<PolicyEnd>& sources,
                   std::vector<PolicyEnd>& destinations) {
  PolicyEnds from = ResolvePolicyEnds(policy.from, true, context);
  PolicyEnds to = ResolvePolicyEnds(policy.to, false, context);
  bool usable = true;
  for (const auto& [end, ends] : {std::pair<std::string_view, const PolicyEnds*>{"from", &from},
                                  std::pair<std::string_view, const PolicyEnds*>{"to", &to}}) {
    if (ends->problem.empty()) continue;
    Finding& finding = sink.Report("configuration: " + PolicyLabel(policy) + " is not checked: " +
                                       std::string(end) + ": " + ends->problem,
                                   policy.source);
    finding.rule = "IN004";
    finding.severity = Severity::kWarning;
    usable = false;
  }
  sources = std::move(from.ends);
  destinations = std::move(to.ends);
  return usable;
}

Finding& ReportPolicyPair(const config::Policy& policy, const PolicyEnd& source,
                          const PolicyEnd& destination, bool on_destination, std::string message,
                          FindingSink& sink) {
  const PolicyEnd& primary =
      (on_destination && destination.resource != nullptr) || source.resource == nullptr
          ? destination
          : source;
  const PolicyEnd& other = &primary == &source ? destination : source;
  Finding& finding = primary.resource != nullptr
                         ? sink.Report(*primary.resource, primary.kind, std::move(message),
                                       policy.source)
                         : sink.Report(std::move(message), policy.source);
  if (primary.kind == ResourceKind::kEcsService && primary.resource != nullptr) {
    finding.resource_name = static_cast<const model::EcsService*>(primary.resource)->name;
  }
  if (other.resource != nullptr) {
    finding.related.push_back(
        {other.resource->id, "the other end of the flow: " + other.name, other.resource->source});
  }
  finding.key = policy.name + "|" + source.name + "|" + destination.name;
  return finding;
}

}  // namespace netlint::rules
