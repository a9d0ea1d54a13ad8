// REACH005: a change opens a flow that its base version did not allow. Reported by
// `netlint diff` and `netlint check --git-base` from the flows of two versions; one version
// alone never shows it, so the rule's own check reports nothing.

#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "REACH005",
      .name = "flow-opened-by-change",
      .category = "reachability",
      .default_severity = Severity::kNote,
      .status = RuleStatus::kStable,
      .since = "0.4.0",
      .summary = "A change opens a flow between the internet, an AWS service or a workload that "
                 "the base version blocked",
      .rationale =
          "In code review the question is what a change does to the network. netlint checks "
          "the base and the head version of the same inputs, asks the reachability engine "
          "about every pair of the internet, the AWS services and the workloads whose path the "
          "change could touch, and reports each flow that head allows and base blocked, with "
          "its path in head. A flow from the internet is an error, since it exposes a "
          "workload; other flows are notes, since changes often open internal flows on purpose "
          "(a new endpoint, a new tier).",
      .bad_example = {},
      .good_example = {},
      .exceptions =
          "Flows that are unknown in either version (a value not known before deployment) are "
          "not reported as opened. Renaming a resource or moving it in its file opens nothing. "
          "Reported only when two versions are compared (netlint diff, netlint check "
          "--git-base); netlint check of one version never reports it.",
      .fix = "If the flow was not meant to open, restore the setting on its path that the "
             "change relaxed (the last setting the finding points at, usually the security "
             "group rule admitting the source); otherwise accept it in review.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html"},
      .compares_versions = true,
  };
  return meta;
}

class FlowOpenedByChange final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }
  void Check(const AnalysisContext& /*context*/, FindingSink& /*sink*/) const override {}
};

}  // namespace

std::unique_ptr<Rule> MakeFlowOpenedByChange() { return std::make_unique<FlowOpenedByChange>(); }

}  // namespace netlint::rules
