// The README's rule index is generated from the rule table; this keeps it from going stale.
// NETLINT_UPDATE_GOLDEN=1 rewrites the section between the markers.

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

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

}  // namespace
}  // namespace netlint::testing
