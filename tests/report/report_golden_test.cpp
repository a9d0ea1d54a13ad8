// The bundled example network through every reporter: a change in any reporter, rule message or
// location shows up as a diff here, and the example's README stays true.

#include <gtest/gtest.h>

#include <sstream>

#include "netlint/engine/engine.h"
#include "netlint/report/reporter.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

std::string Render(report::OutputFormat format) {
  engine::CheckOptions options;
  options.paths = {std::string(NETLINT_SOURCE_DIR) + "/examples/ecs-fargate-snapshot"};
  const engine::CheckResult result = engine::RunCheck(options);
  report::ReportOptions report_options;
  report_options.relative_to = NETLINT_SOURCE_DIR;
  std::ostringstream out;
  report::MakeReporter(format, report_options)->Write(result, out);
  return std::move(out).str();
}

TEST(ReportGoldenTest, TextReportOfTheExampleNetwork) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "report" / "example.text.expected",
                              Render(report::OutputFormat::kText)),
            "");
}

TEST(ReportGoldenTest, JsonReportOfTheExampleNetwork) {
  std::string json = Render(report::OutputFormat::kJson);
  // The tool version changes with every release; the schema version is what is pinned.
  const std::string version = std::string("\"version\": \"") + NETLINT_VERSION + "\"";
  const std::size_t at = json.find(version);
  ASSERT_NE(at, std::string::npos);
  json.replace(at, version.size(), "\"version\": \"<tool version>\"");
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "report" / "example.json.expected", json), "");
}

TEST(ReportGoldenTest, ConciseReportOfTheExampleNetwork) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "report" / "example.concise.expected",
                              Render(report::OutputFormat::kConcise)),
            "");
}

}  // namespace
}  // namespace netlint::testing
