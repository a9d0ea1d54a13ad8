#pragma once

// Suppressions written in a resource's own definition: the CloudFormation Metadata an adapter
// put into Resource::suppressions, and the `netlint:ignore` tag of any input, read here (the one
// place tags become suppressions). The engine applies them like the configuration's ignore
// entries: a finding on resource R for rule C is accepted.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netlint/model/network.h"
#include "netlint/rules/rule.h"

namespace netlint::engine {

inline constexpr std::string_view kIgnoreTag = "netlint:ignore";

// "SG001: reason; SG002: reason" (items separated by ';' or ','; a comma inside a reason is kept
// unless a rule code and a colon follow it). An item without a colon or with nothing after it
// has an empty reason.
std::vector<model::InlineSuppression> ParseIgnoreTag(std::string_view value,
                                                     const SourceRef& source);

class InlineSuppressions {
 public:
  // Gathers the suppressions of every resource. Those without a reason or naming no rule are
  // reported as IN004 findings in `problems` and accept nothing.
  InlineSuppressions(const model::Network& network, std::vector<rules::Finding>& problems);

  // The suppression that accepts the finding, or null.
  [[nodiscard]] const model::InlineSuppression* Find(const rules::Finding& finding) const;
  [[nodiscard]] bool empty() const { return by_resource_.empty(); }

 private:
  void Add(const model::Resource& resource, model::ResourceKind kind,
           std::vector<rules::Finding>& problems);

  std::map<std::pair<model::ScopeId, std::string>, std::vector<model::InlineSuppression>,
           std::less<>>
      by_resource_;
};

}  // namespace netlint::engine
