// Runs the real netlint binary and checks exit codes, stdout and stderr.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/command.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;


TEST(CliTest, VersionPrintsNameAndVersion) {
  const CommandResult result = RunNetlint("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("netlint ") + NETLINT_VERSION + "\n");
}

TEST(CliTest, NoSubcommandIsAUsageError) {
  const CommandResult result = RunNetlint("");
  EXPECT_EQ(result.exit_code, 2);
}

TEST(CliTest, UnknownSubcommandIsAUsageError) {
  const CommandResult result = RunNetlint("chek fixtures/cli/clean");
  EXPECT_EQ(result.exit_code, 2);
}

TEST(CliTest, CleanNetworkExitsZero) {
  const CommandResult result = RunNetlint("check fixtures/cli/clean --color never");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out.rfind("No findings in 1 input file, 4 resources, ", 0), 0u) << result.out;
  EXPECT_EQ(result.err, "");
}

TEST(CliTest, FindingAtFailOnExitsOne) {
  const CommandResult result =
      RunNetlint("check fixtures/cli/findings.json --select SG001 --format concise");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "SG001 fixtures/cli/findings.json:10:17 sg-0f1e2a3b4c5d6e701 allows tcp/22 (SSH) "
            "from 0.0.0.0/0\n");
  EXPECT_EQ(result.err, "");
}

TEST(CliTest, FailOnErrorIgnoresWarnings) {
  const CommandResult result =
      RunNetlint("check fixtures/cli/findings.json --select SG001 --fail-on error");
  EXPECT_EQ(result.exit_code, 0);
}

TEST(CliTest, FailOnNoteCountsWarnings) {
  const CommandResult result =
      RunNetlint("check fixtures/cli/findings.json --select SG001 --fail-on note");
  EXPECT_EQ(result.exit_code, 1);
}

TEST(CliTest, IgnoringTheRuleMakesItClean) {
  const CommandResult result = RunNetlint("check fixtures/cli/findings.json --ignore SG");
  EXPECT_EQ(result.exit_code, 0) << result.out;
}

TEST(CliTest, MissingPathOnlyIsExitTwo) {
  const CommandResult result = RunNetlint("check fixtures/cli/no-such-folder --format concise");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "IN001 fixtures/cli/no-such-folder - no such file or folder\n");
  EXPECT_NE(result.err.find("no usable input"), std::string::npos) << result.err;
}

TEST(CliTest, MalformedJsonOnlyIsExitTwoWithLineAndColumn) {
  const CommandResult result = RunNetlint("check fixtures/cli/malformed.json --format concise");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out.substr(0, result.out.find(' ', 6)),
            "IN001 fixtures/cli/malformed.json:3:72");
  EXPECT_NE(result.out.find("invalid JSON"), std::string::npos) << result.out;
}

TEST(CliTest, MalformedFileBesideGoodInputStillChecksTheRest) {
  const CommandResult result = RunNetlint(
      "check fixtures/cli/malformed.json fixtures/cli/findings.json --select IN001,SG001 "
      "--format concise");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("IN001 fixtures/cli/malformed.json:3:72"), std::string::npos);
  EXPECT_NE(result.out.find("SG001 fixtures/cli/findings.json:10:17"), std::string::npos);
}

TEST(CliTest, ExplicitNonJsonFileIsANoteAndNotUsable) {
  const CommandResult result = RunNetlint("check fixtures/cli/notes.txt --format concise");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out,
            "IN004 fixtures/cli/notes.txt - not a recognised input (expected AWS CLI JSON "
            "output or a CloudFormation template)\n");
}

TEST(CliTest, UnknownRuleSelectorSuggestsTheClosestCode) {
  const CommandResult result = RunNetlint("check fixtures/cli/clean --select SG0001");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("unknown rule code or prefix 'SG0001'; did you mean 'SG001'?"),
            std::string::npos)
      << result.err;
}

TEST(CliTest, SelectAcceptsPrefixesAndLowerCase) {
  const CommandResult result =
      RunNetlint("check fixtures/cli/findings.json --select sg00 --format concise");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("SG001 "), std::string::npos);
}

TEST(CliTest, InvalidFormatIsAUsageError) {
  const CommandResult result = RunNetlint("check fixtures/cli/clean --format xml");
  EXPECT_EQ(result.exit_code, 2);
}

TEST(CliTest, JsonOutputFollowsTheDocumentedSchema) {
  const CommandResult result =
      RunNetlint("check fixtures/cli/findings.json --select SG001 --format json");
  ASSERT_EQ(result.exit_code, 1);
  const nlohmann::json report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["version"], "1");
  EXPECT_EQ(report["tool"]["name"], "netlint");
  ASSERT_EQ(report["findings"].size(), 1u);
  const nlohmann::json& finding = report["findings"][0];
  EXPECT_EQ(finding["rule"], "SG001");
  EXPECT_EQ(finding["severity"], "warning");
  EXPECT_EQ(finding["resource"], "sg-0f1e2a3b4c5d6e701");
  EXPECT_EQ(finding["resource_kind"], "security-group");
  EXPECT_EQ(finding["resource_name"], "bastion");
  EXPECT_EQ(finding["message"], "allows tcp/22 (SSH) from 0.0.0.0/0");
  EXPECT_EQ(finding["location"]["file"], "fixtures/cli/findings.json");
  EXPECT_EQ(finding["location"]["line"], 10);
  EXPECT_EQ(finding["location"]["column"], 17);
  EXPECT_EQ(finding["location"]["pointer"], "/SecurityGroups/0/IpPermissions/0");
  EXPECT_TRUE(finding["related"].is_array());
  EXPECT_EQ(report["summary"]["findings"], 1);
  EXPECT_EQ(report["summary"]["warnings"], 1);
  EXPECT_EQ(report["summary"]["errors"], 0);
  EXPECT_EQ(report["summary"]["fail_on"], "warning");
  EXPECT_EQ(report["summary"]["failed"], true);
}

TEST(CliTest, TextOutputGroupsByFileWithoutColourWhenPiped) {
  const CommandResult result = RunNetlint("check fixtures/cli/findings.json --select SG001");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << "no colours on a pipe";
  EXPECT_EQ(result.out.rfind("fixtures/cli/findings.json\n", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("10:17    warning SG001  sg-0f1e2a3b4c5d6e701 (bastion): allows "
                            "tcp/22 (SSH) from 0.0.0.0/0\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Found 1 finding (0 errors, 1 warning, 0 notes)"), std::string::npos);
}

TEST(CliTest, ColourAlwaysAddsAnsiCodes) {
  const CommandResult result =
      RunNetlint("check fixtures/cli/findings.json --select SG001 --color always");
  EXPECT_NE(result.out.find("\x1b[33mwarning"), std::string::npos) << result.out;
}

TEST(CliTest, RulesListsEveryRule) {
  const CommandResult result = RunNetlint("rules");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* code : {"CIDR001", "CIDR004", "IN001", "IN004", "RT003", "RT004", "SG001",
                           "SG010"}) {
    EXPECT_NE(result.out.find(code), std::string::npos) << code;
  }
}

TEST(CliTest, RulesAsJsonIsAnArrayOfMetadata) {
  const CommandResult result = RunNetlint("rules --format json");
  EXPECT_EQ(result.exit_code, 0);
  const nlohmann::json rules = nlohmann::json::parse(result.out);
  ASSERT_TRUE(rules.is_array());
  EXPECT_EQ(rules[0]["code"], "CIDR001");
}

TEST(CliTest, RulePrintsItsDocumentation) {
  const CommandResult result = RunNetlint("rule sg001");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("# SG001 sg-admin-port-open-to-internet\n", 0), 0u) << result.out;
  for (const char* heading : {"## What it does", "## Why is this bad?", "## Example",
                              "Use instead:", "## How to fix", "## Exceptions", "## Options",
                              "## References"}) {
    EXPECT_NE(result.out.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(result.out.find("## How to fix\n\nDelete the rule that opens the administration port"),
            std::string::npos);
}

TEST(CliTest, PolicyRuleDocumentationShowsTheConfigurationOfItsExamples) {
  const CommandResult result = RunNetlint("rule POL002");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("## Example\n\nWith this `.netlint.yaml`:\n\n```yaml\npolicies:\n"
                            "  - name: the app can pull its images\n"
                            "    allow: {from: {ecs-service: app}, to: aws:ecr, port: 443}\n```\n"),
            std::string::npos)
      << result.out;
}

TEST(CliTest, UnknownRuleSuggestsTheClosestCode) {
  const CommandResult result = RunNetlint("rule SG01");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("did you mean 'SG001'?"), std::string::npos) << result.err;
}

// --output writes the report to a file, not stdout; an unwritable place is a usage error that
// leaves nothing behind.
TEST(CliTest, OutputFileIsWrittenWholeOrNotAtAll) {
  const fs::path dir = fs::temp_directory_path() / ("netlint-output-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path report = dir / "report.sarif";
  CommandResult result =
      RunNetlint("check fixtures/cli/clean --format sarif --output '" + report.string() + "'");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  const auto sarif = nlohmann::json::parse(ReadFile(report));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_TRUE(sarif["runs"][0]["results"].empty());
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);  // no temporary file left beside it

  result = RunNetlint("check fixtures/cli/clean --format sarif --output '" +
                      (dir / "missing" / "report.sarif").string() + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("netlint: --output: cannot write ", 0), 0u) << result.err;
  EXPECT_FALSE(fs::exists(dir / "missing"));
  fs::remove_all(dir);
}

TEST(CliTest, GithubAndJunitFormatsOnACleanNetwork) {
  CommandResult result = RunNetlint("check fixtures/cli/clean --format github");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "");
  result = RunNetlint("check fixtures/cli/clean --format junit --select SG001");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"netlint\" tests=\"1\" failures=\"0\">\n"
            "  <testsuite name=\"netlint\" tests=\"1\" failures=\"0\" errors=\"0\" "
            "skipped=\"0\">\n"
            "    <testcase classname=\"netlint\" name=\"SG001\"/>\n"
            "  </testsuite>\n</testsuites>\n");
}

// A baseline records today's findings; a later run reports only what is new, and counts the rest.
TEST(CliTest, BaselineReportsOnlyNewFindings) {
  const fs::path dir = fs::temp_directory_path() / ("netlint-baseline-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string baseline = (dir / "baseline.json").string();
  CommandResult result = RunNetlint("check examples/ecs-fargate-snapshot --format concise "
                                    "--write-baseline '" + baseline + "'");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto recorded = nlohmann::json::parse(ReadFile(baseline));
  EXPECT_EQ(recorded["version"], "1");
  const std::size_t findings = static_cast<std::size_t>(
      std::count(result.out.begin(), result.out.end(), '\n'));
  EXPECT_EQ(recorded["fingerprints"].size(), findings);

  result = RunNetlint("check examples/ecs-fargate-snapshot --baseline '" + baseline + "'");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "No findings in 25 input files, 63 resources, 48 rules; " +
                            std::to_string(findings) + " already in the baseline.\n");

  // New input brings new findings; the old ones stay out.
  result = RunNetlint("check examples/ecs-fargate-snapshot fixtures/cli/clean --format json "
                      "--baseline '" + baseline + "'");
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["summary"]["baselined"], findings);

  WriteFile(dir / "broken.json", "{\"x\": 1}");
  result = RunNetlint("check examples/ecs-fargate-snapshot --baseline '" +
                      (dir / "broken.json").string() + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("has no \"fingerprints\" list"), std::string::npos) << result.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace netlint::testing
