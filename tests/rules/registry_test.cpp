// Lints the rule table and every rule's metadata: the documentation and fixtures a rule must
// have, and its examples, which must behave as documented.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>

#include "netlint/rules/registry.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

TEST(RegistryTest, CodesAreSortedUniqueAndWellFormed) {
  const std::regex code_pattern("^[A-Z]{2,5}[0-9]{3}$");
  std::string previous;
  for (const rules::RegisteredRule& rule : rules::AllRules()) {
    const std::string code(rule.code);
    EXPECT_TRUE(std::regex_match(code, code_pattern)) << code;
    EXPECT_LT(previous, code) << "registry must be sorted by code, no duplicates";
    previous = code;
  }
}

TEST(RegistryTest, FactoryCodeMatchesMetadata) {
  for (const rules::RegisteredRule& rule : rules::AllRules()) {
    EXPECT_EQ(rule.factory()->Meta().code, rule.code);
    EXPECT_NE(rules::MakeRule(rule.code), nullptr);
  }
  EXPECT_EQ(rules::MakeRule("XX999"), nullptr);
}

TEST(RegistryTest, NamesAreUniqueKebabCase) {
  const std::regex name_pattern("^[a-z0-9]+(-[a-z0-9]+)*$");
  std::set<std::string> names;
  for (const auto& rule : rules::MakeAllRules()) {
    const std::string name(rule->Meta().name);
    EXPECT_TRUE(std::regex_match(name, name_pattern)) << name;
    EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
  }
}

TEST(RegistryTest, EveryRuleIsDocumented) {
  for (const auto& rule : rules::MakeAllRules()) {
    const rules::RuleMeta& meta = rule->Meta();
    SCOPED_TRACE(std::string(meta.code));
    EXPECT_FALSE(meta.summary.empty());
    EXPECT_NE(meta.summary.back(), '.') << "summaries have no trailing period";
    EXPECT_GE(meta.rationale.size(), 80u) << "the rationale explains why, in a paragraph";
    EXPECT_FALSE(meta.exceptions.empty());
    EXPECT_GE(meta.fix.size(), 60u) << "the fix says what to change, concretely";
    EXPECT_NE(meta.fix.find(' '), std::string_view::npos);
    EXPECT_FALSE(meta.since.empty());
    EXPECT_FALSE(meta.category.empty());
    for (const rules::RuleOption& option : meta.options) {
      EXPECT_FALSE(option.default_value.empty()) << option.name;
      EXPECT_FALSE(option.doc.empty()) << option.name;
    }
    // A rule crash cannot be shown by an input, nor a change by one version.
    if (meta.code != "IN002" && !meta.compares_versions) {
      EXPECT_FALSE(meta.bad_example.empty());
      EXPECT_FALSE(meta.good_example.empty());
    }
  }
}

TEST(RegistryTest, EveryRuleHasBadAndGoodFixtures) {
  for (const rules::RegisteredRule& rule : rules::AllRules()) {
    if (rule.code == "IN002" || rule.factory()->Meta().compares_versions) continue;
    SCOPED_TRACE(std::string(rule.code));
    const fs::path dir = FixturesDir() / "rules" / std::string(rule.code);
    ASSERT_TRUE(fs::is_directory(dir));
    bool has_bad = false;
    bool has_good = false;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".expected") {
        const std::string expected = ReadFile(entry.path());
        if (name.rfind("bad", 0) == 0) {
          has_bad = has_bad || !expected.empty();
        } else if (name.rfind("good", 0) == 0) {
          has_good = true;
          EXPECT_EQ(expected, "") << name << " must expect no finding";
        }
      }
    }
    EXPECT_TRUE(has_bad) << "needs a bad* fixture with expected findings";
    EXPECT_TRUE(has_good) << "needs a good* fixture with no findings";
  }
}

// The documentation's examples are executable: the bad one fires, the good one does not.
TEST(RegistryTest, DocumentedExamplesBehaveAsDocumented) {
  const fs::path dir = fs::temp_directory_path() / ("netlint-examples-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const auto& rule : rules::MakeAllRules()) {
    const rules::RuleMeta& meta = rule->Meta();
    if (meta.bad_example.empty()) continue;
    SCOPED_TRACE(std::string(meta.code));
    const fs::path bad = dir / (std::string(meta.code) + "-bad.json");
    const fs::path good = dir / (std::string(meta.code) + "-good.json");
    WriteFile(bad, std::string(meta.bad_example));
    WriteFile(good, std::string(meta.good_example));
    fs::path config;
    if (!meta.example_config.empty()) {
      config = dir / (std::string(meta.code) + ".netlint.yaml");
      WriteFile(config, std::string(meta.example_config));
    }
    const std::string code(meta.code);
    EXPECT_NE(RunConcise({bad.string()}, {code}, dir, config).find(code + " "), std::string::npos)
        << "the bad example must fire";
    EXPECT_EQ(RunConcise({good.string()}, {code}, dir, config), "")
        << "the good example must not fire";
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace netlint::testing
