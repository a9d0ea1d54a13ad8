// `.netlint.yaml`: lookup upwards, and what a configuration does to a check of the bundled
// example (ignored rules, severity overrides, rule options, ignore entries with reasons and
// expiry, and every problem reported at its line).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "netlint/config/config.h"
#include "tests/support/command.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

TEST(ConfigTest, FoundInTheFolderOrAnyFolderAbove) {
  const fs::path root = fs::temp_directory_path() / ("netlint-config-" + std::to_string(::getpid()));
  fs::create_directories(root / "a" / "b" / "c");
  EXPECT_EQ(config::FindConfig(root / "a" / "b" / "c"), fs::path());
  WriteFile(root / "a" / ".netlint.yaml", "select: [SG]\n");
  EXPECT_EQ(config::FindConfig(root / "a" / "b" / "c"), root / "a" / ".netlint.yaml");
  WriteFile(root / "a" / "b" / ".netlint.yaml", "select: [RT]\n");
  EXPECT_EQ(config::FindConfig(root / "a" / "b" / "c"), root / "a" / "b" / ".netlint.yaml");
  fs::remove_all(root);
}

TEST(ConfigTest, ReadsEverySettingAndReportsProblemsAtTheirLines) {
  FileTable files;
  DiagnosticSink problems;
  const auto loaded = config::LoadConfig((FixturesDir() / "config" / "netlint.yaml").string(),
                                         files, problems);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->ignore, (std::vector<std::string>{"SG006", "SG009"}));
  EXPECT_EQ(loaded->severity.at("NAT001"), Severity::kError);
  EXPECT_EQ(loaded->options.at("SG001").at("admin-ports"), "22, 3389, 2222");
  ASSERT_EQ(loaded->ignores.size(), 3u);  // the entry without a reason is not applied
  EXPECT_EQ(loaded->ignores[0].resource, "shop-bastion");
  EXPECT_EQ(loaded->ignores[0].source.line, 9u);
  std::vector<std::string> texts;
  for (const Diagnostic& problem : problems.diagnostics()) {
    texts.push_back(std::to_string(problem.source.line) + ":" +
                    std::to_string(problem.source.column) + " " + problem.message);
  }
  EXPECT_EQ(texts,
            (std::vector<std::string>{
                "17:5 configuration: an ignore entry needs a reason: say why the finding is "
                "accepted",
                "21:5 configuration: unknown key 'owner' in an ignore entry (rule, resource, "
                "reason, expires)",
                "22:1 configuration: unknown setting 'colour' (select, ignore, severity, rules, "
                "ignores, policies)"}));
}

TEST(ConfigTest, BrokenYamlIsAnInputErrorWithItsPlace) {
  const fs::path file = fs::temp_directory_path() / ("netlint-bad-" + std::to_string(::getpid()) + ".yaml");
  WriteFile(file, "select: [SG\nignore: RT\n");
  FileTable files;
  DiagnosticSink problems;
  EXPECT_FALSE(config::LoadConfig(file.string(), files, problems).has_value());
  ASSERT_EQ(problems.diagnostics().size(), 1u);
  EXPECT_EQ(problems.diagnostics()[0].code, "IN001");
  EXPECT_NE(problems.diagnostics()[0].source.line, 0u);
  fs::remove(file);
}

TEST(ConfigTest, AppliedToTheExampleNetwork) {
  const CommandResult result = RunNetlint(
      "check examples/ecs-fargate-snapshot --config fixtures/config/netlint.yaml --format text");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "config" / "example.expected", result.out), "");
}

TEST(ConfigTest, MissingConfigFileIsAUsageError) {
  const CommandResult result =
      RunNetlint("check examples/ecs-fargate-snapshot --config fixtures/config/missing.yaml");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "netlint: --config: no such file: fixtures/config/missing.yaml\n");
}

}  // namespace
}  // namespace netlint::testing
