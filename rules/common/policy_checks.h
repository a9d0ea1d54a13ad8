#pragma once

// What POL001 and POL002 share: the ends a policy's selectors name in the model, the flows a
// policy asks about, and the findings about a policy that cannot be checked.

#include <string>
#include <vector>

#include "netlint/config/policy.h"
#include "netlint/reach/reach.h"
#include "netlint/rules/rule.h"

namespace netlint::rules {

// One end of a policy's flow as the reachability engine takes it.
struct PolicyEnd {
  reach::Endpoint endpoint;
  std::string name;  // "internet", "aws:ecr.api", "db-instance orders-db"
  const model::Resource* resource = nullptr;  // for resource ends
  model::ResourceKind kind = model::ResourceKind::kNetworkInterface;
};

struct PolicyEnds {
  std::vector<PolicyEnd> ends;
  // Why the selector names no end (empty when `ends` is not empty).
  std::string problem;
};

// The ends a selector names: internet, each AWS service a name stands for, or every workload
// and load balancer that meets all of the selector's criteria. A CIDR outside every VPC of
// the input is an address range, usable as a destination only.
PolicyEnds ResolvePolicyEnds(const config::PolicySelector& selector, bool as_source,
                             const AnalysisContext& context);

// The flows a policy asks about, one per port (or one for ICMP or all traffic).
std::vector<reach::FlowSpec> PolicyFlows(const config::Policy& policy);

// `policy "name"`
std::string PolicyLabel(const config::Policy& policy);

// Resolves both ends; an end that names nothing is reported as IN004 at the policy's line (a
// policy that checks nothing must not pass silently). Returns false then.
bool ResolvePolicy(const config::Policy& policy, const AnalysisContext& context,
                   FindingSink& sink, std::vector<PolicyEnd>& sources,
                   std::vector<PolicyEnd>& destinations);

// Findings of one policy beyond this many are summed up in one more finding, so that a broad
// selector does not flood the report: fixing the first ones usually fixes the pattern.
inline constexpr std::size_t kMaxFindingsPerPolicy = 10;

// Checks every pair of a policy's ends (an end is never paired with itself): `check(source,
// destination)` returns the pair's result, `failed(result)` says whether it is a finding, and
// `report(source, destination, result)` reports it, at most kMaxFindingsPerPolicy times; the
// pairs left over are summed up in one finding at the policy's line: "<label>: N more pairs of
// its sources and destinations <left_over>".
template <typename Check, typename Failed, typename Report>
void CheckPolicyPairs(const config::Policy& policy, const std::vector<PolicyEnd>& sources,
                      const std::vector<PolicyEnd>& destinations, FindingSink& sink,
                      const std::string& left_over, Check check, Failed failed, Report report) {
  std::size_t reported = 0;
  std::size_t left = 0;
  for (const PolicyEnd& source : sources) {
    for (const PolicyEnd& destination : destinations) {
      if (source.resource != nullptr && source.resource == destination.resource) continue;
      const auto result = check(source, destination);
      if (!failed(result)) continue;
      if (reported == kMaxFindingsPerPolicy) {
        ++left;
        continue;
      }
      ++reported;
      report(source, destination, result);
    }
  }
  if (left > 0) {
    sink.Report(PolicyLabel(policy) + ": " + std::to_string(left) +
                    " more pairs of its sources and destinations " + left_over,
                policy.source);
  }
}

// Reports a policy finding for the pair at the policy's line, on the end a fix is made at (the
// destination when `on_destination` and it is a resource, else the source when it is one),
// naming the other end as related.
Finding& ReportPolicyPair(const config::Policy& policy, const PolicyEnd& source,
                          const PolicyEnd& destination, bool on_destination, std::string message,
                          FindingSink& sink);

}  // namespace netlint::rules
