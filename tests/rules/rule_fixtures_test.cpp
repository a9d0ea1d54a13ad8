// Runs every rule alone on each of its fixtures and compares the findings with the golden
// `.expected` file beside the input: an extra or a missing finding fails the test.
//
// fixtures/rules/<CODE>/<name>.json           one describe-JSON input
// fixtures/rules/<CODE>/<name>.yaml           one CloudFormation template
// fixtures/rules/<CODE>/<name>/               a snapshot folder
// fixtures/rules/<CODE>/<name>.netlint.yaml   a configuration for the input (policies), optional
// fixtures/rules/<CODE>/<name>.expected       concise findings, paths relative to <CODE>/

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

struct RuleFixture {
  std::string code;
  fs::path input;
  fs::path expected;
  fs::path config;  // empty: none
};

bool IsConfig(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 13 && name.substr(name.size() - 13) == ".netlint.yaml";
}

// Test names and failure messages show the fixture path, not the struct's bytes.
void PrintTo(const RuleFixture& fixture, std::ostream* out) { *out << fixture.input.string(); }

std::vector<RuleFixture> AllRuleFixtures() {
  std::vector<RuleFixture> fixtures;
  const fs::path root = FixturesDir() / "rules";
  if (!fs::exists(root)) return fixtures;
  for (const auto& rule_dir : fs::directory_iterator(root)) {
    if (!rule_dir.is_directory()) continue;
    const std::string code = rule_dir.path().filename().string();
    for (const auto& entry : fs::directory_iterator(rule_dir.path())) {
      const fs::path& path = entry.path();
      const bool is_input =
          entry.is_directory() ||
          ((path.extension() == ".json" || path.extension() == ".yaml") && entry.is_regular_file() &&
           !IsConfig(path));
      if (!is_input) continue;
      fs::path expected = path;
      expected.replace_extension(".expected");
      if (entry.is_directory()) expected = path.string() + ".expected";
      fs::path config = path;
      config.replace_extension(".netlint.yaml");
      if (entry.is_directory()) config = path.string() + ".netlint.yaml";
      fixtures.push_back({code, path, expected, fs::exists(config) ? config : fs::path()});
    }
  }
  std::sort(fixtures.begin(), fixtures.end(),
            [](const RuleFixture& a, const RuleFixture& b) { return a.input < b.input; });
  return fixtures;
}

std::string FixtureName(const ::testing::TestParamInfo<RuleFixture>& info) {
  std::string name = info.param.code + "_" + info.param.input.filename().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

class RuleFixtureTest : public ::testing::TestWithParam<RuleFixture> {};

TEST_P(RuleFixtureTest, MatchesExpected) {
  const RuleFixture& fixture = GetParam();
  ASSERT_TRUE(fs::exists(fixture.expected) || std::getenv("NETLINT_UPDATE_GOLDEN") != nullptr)
      << "missing " << fixture.expected;
  const std::string actual =
      RunConcise({fixture.input.string()}, {fixture.code}, fixture.input.parent_path(),
                 fixture.config);
  EXPECT_EQ(CompareWithGolden(fixture.expected, actual), "");
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtureTest, ::testing::ValuesIn(AllRuleFixtures()),
                         FixtureName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixtureTest);

}  // namespace
}  // namespace netlint::testing
