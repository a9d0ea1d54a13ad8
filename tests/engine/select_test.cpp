#include <gtest/gtest.h>

#include <algorithm>

#include "netlint/engine/engine.h"
#include "netlint/rules/registry.h"

namespace netlint::engine {
namespace {

bool Contains(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST(SelectRuleCodesTest, EmptySelectionRunsEveryStableRule) {
  std::vector<std::string> unknown;
  const auto codes = SelectRuleCodes(CheckOptions{}, unknown);
  EXPECT_TRUE(unknown.empty());
  for (const auto& rule : rules::MakeAllRules()) {
    // Rules that compare two versions are never run on one.
    const bool stable = rule->Meta().status == rules::RuleStatus::kStable &&
                        !rule->Meta().compares_versions;
    EXPECT_EQ(Contains(codes, std::string(rule->Meta().code)), stable) << rule->Meta().code;
  }
}

TEST(SelectRuleCodesTest, PrefixSelectsAFamilyAndIgnoreRemovesFromIt) {
  CheckOptions options;
  options.select = {"SG00"};
  options.ignore = {"SG001"};
  options.preview = true;
  std::vector<std::string> unknown;
  const auto codes = SelectRuleCodes(options, unknown);
  EXPECT_TRUE(unknown.empty());
  EXPECT_FALSE(Contains(codes, "SG001"));
  EXPECT_TRUE(Contains(codes, "SG002"));
  EXPECT_FALSE(Contains(codes, "SG010")) << "SG00 is not a prefix of SG010";
  EXPECT_FALSE(Contains(codes, "CIDR001"));
}

TEST(SelectRuleCodesTest, AllSelectsEverything) {
  CheckOptions options;
  options.select = {"ALL"};
  options.preview = true;
  std::vector<std::string> unknown;
  const auto codes = SelectRuleCodes(options, unknown);
  EXPECT_EQ(codes.size(), rules::AllRules().size() - 1);  // all but REACH005, which compares
  EXPECT_FALSE(Contains(codes, std::string("REACH005")));
}

TEST(SelectRuleCodesTest, UnknownSelectorsAreReturned) {
  CheckOptions options;
  options.select = {"SG0001", "SG"};
  options.ignore = {"XYZ"};
  std::vector<std::string> unknown;
  SelectRuleCodes(options, unknown);
  EXPECT_EQ(unknown, (std::vector<std::string>{"SG0001", "XYZ"}));
}

TEST(SelectRuleCodesTest, ExactSelectionRunsAPreviewRuleWithoutTheFlag) {
  for (const auto& rule : rules::MakeAllRules()) {
    if (rule->Meta().status != rules::RuleStatus::kPreview) continue;
    CheckOptions options;
    options.select = {std::string(rule->Meta().code)};
    std::vector<std::string> unknown;
    EXPECT_TRUE(Contains(SelectRuleCodes(options, unknown), std::string(rule->Meta().code)));
  }
}

}  // namespace
}  // namespace netlint::engine
