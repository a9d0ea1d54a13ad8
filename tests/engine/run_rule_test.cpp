#include <gtest/gtest.h>

#include <stdexcept>

#include "netlint/engine/engine.h"

namespace netlint::engine {
namespace {

class ThrowingRule final : public rules::Rule {
 public:
  [[nodiscard]] const rules::RuleMeta& Meta() const override {
    static const rules::RuleMeta meta = [] {
      rules::RuleMeta m;
      m.code = "XX001";
      m.name = "throws";
      return m;
    }();
    return meta;
  }
  void Check(const rules::AnalysisContext& /*context*/, rules::FindingSink& sink) const override {
    model::Resource resource;
    resource.id = "r-1";
    sink.Report(resource, model::ResourceKind::kVpc, "partial finding, dropped with the failure");
    throw std::runtime_error("index out of range");
  }
};

TEST(RunRuleTest, AnExceptionBecomesAnIn002FindingNamingTheRule) {
  model::Network network;
  network.Freeze();
  const model::Topology topology(network);
  const rules::RuleOptions options;
  const rules::AnalysisContext context{network, topology, options};
  const std::vector<rules::Finding> findings = RunRule(ThrowingRule(), context);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "IN002");
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].message,
            "rule XX001 failed and its findings are missing: index out of range");
}

}  // namespace
}  // namespace netlint::engine
