#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "netlint/base/severity.h"
#include "netlint/base/source.h"
#include "netlint/config/policy.h"
#include "netlint/model/network.h"
#include "netlint/model/topology.h"
#include "netlint/reach/reach.h"

namespace netlint::rules {

enum class RuleStatus { kStable, kPreview };

// A setting a rule reads, with its default and documentation. Values are written as text the
// way a user writes them in .netlint.yaml ("22, 3389", "24").
struct RuleOption {
  std::string_view name;     // kebab-case
  std::string_view type;     // "ports", "integer", "boolean", "strings"
  std::string_view default_value;
  std::string_view doc;      // one line
};

// Everything about a rule except its check: what `netlint rules`, `netlint rule CODE`, the
// README index and (later) SARIF's tool.driver.rules are generated from.
struct RuleMeta {
  std::string_view code;      // "SG001": never reused
  std::string_view name;      // kebab-case, names the flagged pattern
  std::string_view category;  // "security-group", "addressing", "routing", "input"
  Severity default_severity = Severity::kWarning;
  RuleStatus status = RuleStatus::kStable;
  std::string_view since;      // version that introduced it
  std::string_view summary;    // one line, no trailing period
  std::string_view rationale;  // why it matters, a paragraph
  // A minimal describe-JSON document that makes the rule fire, and one close miss that must
  // not. Tests feed both to the loader, so the documentation cannot go stale.
  std::string_view bad_example;
  std::string_view good_example;
  // A `.netlint.yaml` the examples are checked with (the policy rules need one), or empty.
  std::string_view example_config = {};
  std::string_view exceptions;  // when a finding is acceptable and what netlint already exempts
  std::string_view fix = {};  // how to fix a finding: the concrete change to make
  std::vector<RuleOption> options;
  std::vector<std::string_view> references;  // URLs
  // Reported from two versions of the inputs (`netlint diff`, `check --git-base`): a single
  // input never fires it, so it has no examples or fixtures of its own.
  bool compares_versions = false;
};

// One related resource of a finding: the other subnet of an overlap, the rule entries that
// together open a port, the resources a group is attached to.
struct Related {
  std::string resource;
  std::string message;
  SourceRef source;
};

struct Finding {
  std::string rule;  // code
  Severity severity = Severity::kWarning;
  std::string resource;       // primary resource id
  std::string resource_kind;  // ResourceKindName() of the primary resource, or empty
  std::string resource_name;  // a human name (Name tag, group name), or empty
  std::string message;        // starts lowercase, states facts
  SourceRef source;
  std::vector<Related> related;
  model::ScopeId scope = 0;
  // Path rules: the hops of the flow the finding is about, with the settings each applies.
  std::vector<reach::Hop> path;
  // Tells apart findings a rule makes at the same place of the same resource (one per service a
  // task needs, one per target of a load balancer); part of the finding's fingerprint.
  std::string key;
};

// "22, 3389, 5985-5986" -> the port set; malformed items are skipped (configuration is
// validated before it reaches a rule).
model::PortSet ParsePortList(std::string_view text);

// Options of one rule, as configured; falls back to the rule's documented defaults.
class RuleOptions {
 public:
  RuleOptions() = default;
  RuleOptions(const RuleMeta& meta, std::map<std::string, std::string, std::less<>> values);

  [[nodiscard]] std::string_view Text(std::string_view name) const;
  [[nodiscard]] model::PortSet Ports(std::string_view name) const;
  [[nodiscard]] long Integer(std::string_view name) const;

 private:
  const RuleMeta* meta_ = nullptr;
  std::map<std::string, std::string, std::less<>> values_;
};

// What a rule may read: the model, the derived topology, its options. Nothing else.
struct AnalysisContext {
  const model::Network& network;
  const model::Topology& topology;
  const RuleOptions& options;
  // Answers path questions; null only in tests of rules that ask none.
  const reach::Reachability* reachability = nullptr;
  // The intents declared in the configuration (POL001, POL002 read them).
  std::span<const config::Policy> policies = {};
};

// Collects a rule's findings; fills in the code and default severity.
class FindingSink {
 public:
  explicit FindingSink(const RuleMeta& meta) : meta_(meta) {}

  // A finding at the rule's default severity.
  Finding& Report(const model::Resource& resource, model::ResourceKind kind,
                  std::string message, SourceRef source);
  Finding& Report(const model::Resource& resource, model::ResourceKind kind,
                  std::string message) {
    return Report(resource, kind, std::move(message), resource.source);
  }

  // A finding about no single resource (a policy of the configuration), at `source`.
  Finding& Report(std::string message, SourceRef source);

  [[nodiscard]] const RuleMeta& meta() const { return meta_; }
  std::vector<Finding> Take() { return std::move(findings_); }

 private:
  const RuleMeta& meta_;
  std::vector<Finding> findings_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  [[nodiscard]] virtual const RuleMeta& Meta() const = 0;
  // Must only read the context and report; the engine turns an exception into IN002.
  virtual void Check(const AnalysisContext& context, FindingSink& sink) const = 0;
};

using RuleFactory = std::unique_ptr<Rule> (*)();

}  // namespace netlint::rules
