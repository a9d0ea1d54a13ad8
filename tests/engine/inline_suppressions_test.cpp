// Suppressions in a resource's own definition: the netlint:ignore tag (describe output and
// Terraform plans) and CloudFormation Metadata. A suppression with a reason accepts the finding
// (counted in the summary, a suppressed result with kind inSource in SARIF); one without a
// reason, or naming no rule, is reported as IN004 at its place and accepts nothing.

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/engine/inline_suppressions.h"
#include "netlint/engine/engine.h"
#include "netlint/report/reporter.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

std::vector<std::string> Items(std::string_view tag) {
  std::vector<std::string> items;
  for (const model::InlineSuppression& item : engine::ParseIgnoreTag(tag, {})) {
    items.push_back(item.rule + " | " + item.reason);
  }
  return items;
}

TEST(InlineSuppressionsTest, TagItemsSplitAtSemicolonsAndAtCommasBeforeACode) {
  EXPECT_EQ(Items("SG001: open to partners, reviewed in May; SG006: egress reviewed"),
            (std::vector<std::string>{"SG001 | open to partners, reviewed in May",
                                      "SG006 | egress reviewed"}));
  EXPECT_EQ(Items("SG001: a, b, RT002: c ,REACH: d"),
            (std::vector<std::string>{"SG001 | a, b", "RT002 | c", "REACH | d"}));
  EXPECT_EQ(Items("SG001, SG002:  ;; NAT001:"),
            (std::vector<std::string>{"SG001 | ", "SG002 | ", "NAT001 | "}));
  EXPECT_EQ(Items(""), std::vector<std::string>{});
}

// The concise report, the summary's count and each SARIF suppression, for one input.
std::string Describe(const std::string& input) {
  engine::CheckOptions options;
  options.paths = {(FixturesDir() / "suppressions" / input).string()};
  options.select = {"SG001", "IN004"};
  const engine::CheckResult result = engine::RunCheck(options);
  report::ReportOptions report_options;
  report_options.relative_to = (FixturesDir() / "suppressions").string();
  std::ostringstream concise;
  report::MakeReporter(report::OutputFormat::kConcise, report_options)->Write(result, concise);
  std::ostringstream sarif_text;
  report::MakeReporter(report::OutputFormat::kSarif, report_options)->Write(result, sarif_text);
  std::string text = concise.str();
  text += "suppressed: " + std::to_string(result.summary.suppressed) + "\n";
  const nlohmann::json sarif = nlohmann::json::parse(sarif_text.str());
  for (const auto& entry : sarif["runs"][0]["results"]) {
    if (!entry.contains("suppressions")) continue;
    const auto& suppression = entry["suppressions"][0];
    text += "sarif: " + entry["ruleId"].get<std::string>() + " " +
            entry["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].get<std::string>() +
            " " + suppression["kind"].get<std::string>() + " " +
            suppression["status"].get<std::string>() + ": " +
            suppression["justification"].get<std::string>() + "\n";
  }
  return text;
}

TEST(InlineSuppressionsTest, TagOnDescribeOutput) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "suppressions" / "describe.expected",
                              Describe("describe.json")),
            "");
}

TEST(InlineSuppressionsTest, MetadataAndTagInATemplate) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "suppressions" / "template.expected",
                              Describe("template.yaml")),
            "");
}

TEST(InlineSuppressionsTest, TagInATerraformPlan) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "suppressions" / "plan.expected",
                              Describe("plan.json")),
            "");
}

}  // namespace
}  // namespace netlint::testing
