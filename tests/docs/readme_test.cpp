// The README's rule index is generated from the rule table; this keeps it from going stale.
// NETLINT_UPDATE_GOLDEN=1 rewrites the section between the markers.

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "netlint/config/config.h"
#include "netlint/report/rule_docs.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

TEST(ReadmeTest, RuleIndexMatchesTheRuleTable) {
  const std::filesystem::path readme = std::filesystem::path(NETLINT_SOURCE_DIR) / "README.md";
  std::string text = ReadFile(readme);
  const std::string begin = "<!-- rules:begin -->\n";
  const std::string end = "<!-- rules:end -->";
  const std::size_t start = text.find(begin);
  const std::size_t stop = text.find(end);
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(stop, std::string::npos);
  std::ostringstream generated;
  report::WriteRuleList(generated, "markdown");
  const std::string current = text.substr(start + begin.size(), stop - start - begin.size());
  const char* update = std::getenv("NETLINT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    text.replace(start + begin.size(), stop - start - begin.size(), generated.str());
    WriteFile(readme, text);
    return;
  }
  EXPECT_EQ(current, generated.str())
      << "README rule index is stale: rerun with NETLINT_UPDATE_GOLDEN=1";
}

// The README's configuration example is a real configuration: it loads without a single problem
// and means what the README says.
TEST(ReadmeTest, ConfigurationExampleIsValid) {
  const std::string text =
      ReadFile(std::filesystem::path(NETLINT_SOURCE_DIR) / "README.md");
  const std::string begin = "<!-- config-example:begin -->\n```yaml\n";
  const std::size_t start = text.find(begin);
  ASSERT_NE(start, std::string::npos);
  const std::size_t stop = text.find("```\n<!-- config-example:end -->", start);
  ASSERT_NE(stop, std::string::npos);
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "netlint-readme-example.yaml";
  WriteFile(file, text.substr(start + begin.size(), stop - start - begin.size()));
  FileTable files;
  DiagnosticSink problems;
  const auto loaded = config::LoadConfig(file.string(), files, problems);
  ASSERT_TRUE(loaded.has_value());
  for (const Diagnostic& problem : problems.diagnostics()) ADD_FAILURE() << problem.message;
  EXPECT_EQ(loaded->select, (std::vector<std::string>{"SG", "RT", "NAT", "ECS", "REACH"}));
  EXPECT_EQ(loaded->severity.at("NAT001"), Severity::kError);
  EXPECT_EQ(loaded->options.at("SG001").at("admin-ports"), "22, 3389, 2222");
  ASSERT_EQ(loaded->ignores.size(), 1u);
  EXPECT_EQ(loaded->ignores[0].expires, "2099-03-31");
  ASSERT_EQ(loaded->policies.size(), 2u);
  EXPECT_EQ(loaded->policies[0].intent, config::Policy::Intent::kDeny);
  EXPECT_EQ(loaded->policies[0].to.ToString(), "tag tier=db");
  EXPECT_EQ(loaded->policies[1].intent, config::Policy::Intent::kAllow);
  EXPECT_EQ(loaded->policies[1].from.ToString(), "ecs-service api");
  EXPECT_EQ(loaded->policies[1].to.ToString(), "aws:ecr");
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace netlint::testing
