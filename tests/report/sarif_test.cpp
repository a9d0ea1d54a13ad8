// SARIF, GitHub annotations and JUnit XML: the SARIF document's structure (every finding a
// result, rule indexes, code flows for path findings), fingerprints that survive unrelated
// edits and change with the resource, and the exact GitHub and JUnit output of the example.
// Validity against Microsoft's multitool and the OASIS schema is tests/sarif/check.sh.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "netlint/engine/engine.h"
#include "netlint/report/reporter.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

std::string Render(const std::vector<std::string>& paths, report::OutputFormat format) {
  engine::CheckOptions options;
  options.paths = paths;
  const engine::CheckResult result = engine::RunCheck(options);
  report::ReportOptions report_options;
  report_options.relative_to = NETLINT_SOURCE_DIR;
  std::ostringstream out;
  report::MakeReporter(format, report_options)->Write(result, out);
  return std::move(out).str();
}

const std::string kExample = std::string(NETLINT_SOURCE_DIR) + "/examples/ecs-fargate-snapshot";

TEST(SarifTest, EveryFindingIsAResultOfAKnownRuleAndPathsAreCodeFlows) {
  engine::CheckOptions options;
  options.paths = {kExample};
  const engine::CheckResult result = engine::RunCheck(options);
  const auto sarif = nlohmann::json::parse(Render({kExample}, report::OutputFormat::kSarif));
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), result.findings.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& entry = results[i];
    const rules::Finding& finding = result.findings[i];
    EXPECT_EQ(entry["ruleId"], finding.rule);
    EXPECT_EQ(rules[entry["ruleIndex"].get<std::size_t>()]["id"], finding.rule);
    EXPECT_EQ(entry["locations"][0]["physicalLocation"]["region"]["startLine"], finding.source.line);
    EXPECT_EQ(entry["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], finding.resource);
    EXPECT_EQ(entry["partialFingerprints"]["netlintFinding/v1"].get<std::string>().size(), 16u);
    if (finding.path.empty()) {
      EXPECT_FALSE(entry.contains("codeFlows"));
    } else {
      EXPECT_EQ(entry["codeFlows"][0]["threadFlows"][0]["locations"].size(), finding.path.size());
    }
  }
  // The example's ECS001 findings are path findings.
  EXPECT_TRUE(std::any_of(results.begin(), results.end(), [](const auto& entry) {
    return entry["ruleId"] == "ECS001" && entry.contains("codeFlows");
  }));
  // URIs are relative to the repository root, where CI runs.
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .get<std::string>()
                .rfind("examples/ecs-fargate-snapshot/", 0),
            0u);
}

// {rule + resource -> (fingerprint, line)} of one run over one file.
std::map<std::string, std::pair<std::string, int>> Fingerprints(const fs::path& file) {
  const auto sarif = nlohmann::json::parse(Render({file.string()}, report::OutputFormat::kSarif));
  std::map<std::string, std::pair<std::string, int>> prints;
  for (const auto& entry : sarif["runs"][0]["results"]) {
    if (!entry["locations"][0].contains("logicalLocations")) continue;  // about the file itself
    const std::string key = entry["ruleId"].get<std::string>() + " " +
                            entry["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                                .get<std::string>();
    prints[key] = {entry["partialFingerprints"]["netlintFinding/v1"],
                   entry["locations"][0]["physicalLocation"]["region"]["startLine"]};
  }
  return prints;
}

TEST(SarifTest, FingerprintsSurviveUnrelatedEditsAndFollowTheResource) {
  const fs::path source = FixturesDir() / "rules" / "SG001" / "bad.json";
  const std::string text = ReadFile(source);
  ASSERT_FALSE(text.empty());
  const fs::path dir = fs::temp_directory_path() / ("netlint-fingerprint-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "security-groups.json";
  WriteFile(file, text);
  const auto before = Fingerprints(file);
  ASSERT_FALSE(before.empty());

  WriteFile(file, "\n\n\n" + text);  // three lines inserted above every finding
  const auto moved = Fingerprints(file);
  ASSERT_EQ(moved.size(), before.size());
  for (const auto& [key, print] : before) {
    ASSERT_TRUE(moved.count(key)) << key;
    EXPECT_EQ(moved.at(key).first, print.first) << key;
    EXPECT_EQ(moved.at(key).second, print.second + 3) << key;
  }

  // The same finding on another resource is another finding.
  std::string renamed = text;
  const std::string old_id = before.begin()->first.substr(before.begin()->first.find(' ') + 1);
  for (std::size_t at = renamed.find(old_id); at != std::string::npos;
       at = renamed.find(old_id, at + 1)) {
    renamed.replace(at, old_id.size(), old_id.substr(0, old_id.size() - 1) + "f");
  }
  WriteFile(file, renamed);
  const auto after = Fingerprints(file);
  const std::string rule = before.begin()->first.substr(0, before.begin()->first.find(' '));
  const std::string new_key = rule + " " + old_id.substr(0, old_id.size() - 1) + "f";
  ASSERT_TRUE(after.count(new_key)) << new_key;
  EXPECT_NE(after.at(new_key).first, before.begin()->second.first);
  fs::remove_all(dir);
}

TEST(CiFormatsTest, GithubAnnotationsOfTheExampleNetwork) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "report" / "example.github.expected",
                              Render({kExample}, report::OutputFormat::kGithub)),
            "");
}

TEST(CiFormatsTest, JunitReportOfTheExampleNetwork) {
  EXPECT_EQ(CompareWithGolden(FixturesDir() / "report" / "example.junit.expected",
                              Render({kExample}, report::OutputFormat::kJunit)),
            "");
}

TEST(SarifTest, FindingsAcceptedByTheConfigurationAreSuppressedResults) {
  engine::CheckOptions options;
  options.paths = {kExample};
  options.config_path = (FixturesDir() / "config" / "netlint.yaml").string();
  const engine::CheckResult result = engine::RunCheck(options);
  report::ReportOptions report_options;
  report_options.relative_to = NETLINT_SOURCE_DIR;
  std::ostringstream out;
  report::MakeReporter(report::OutputFormat::kSarif, report_options)->Write(result, out);
  const auto sarif = nlohmann::json::parse(out.str());
  std::vector<std::string> suppressed;
  for (const auto& entry : sarif["runs"][0]["results"]) {
    if (!entry.contains("suppressions")) continue;
    EXPECT_EQ(entry["suppressions"][0]["kind"], "external");
    suppressed.push_back(entry["ruleId"].get<std::string>() + ": " +
                         entry["suppressions"][0]["justification"].get<std::string>());
  }
  EXPECT_EQ(suppressed, (std::vector<std::string>{
                            "REACH001: reviewed",
                            "SG001: the bastion is replaced by SSM Session Manager in Q1"}));
  EXPECT_EQ(result.summary.suppressed, 2u);
}

// A run over the cap keeps the most severe results (findings before suppressed ones, ties in
// report order) and says in its invocation how many it left out.
TEST(SarifTest, ResultsOverTheCapKeepTheMostSevereAndSayHowManyWereLeftOut) {
  engine::CheckOptions options;
  options.paths = {kExample};
  options.config_path = (FixturesDir() / "config" / "netlint.yaml").string();
  const engine::CheckResult result = engine::RunCheck(options);
  const std::size_t total = result.findings.size() + result.suppressed.size();
  ASSERT_GT(result.findings.size(), 4u);
  report::ReportOptions report_options;
  report_options.relative_to = NETLINT_SOURCE_DIR;
  report_options.max_sarif_results = 4;
  EXPECT_EQ(report::SarifResultsLeftOut(result, report_options), total - 4);
  std::ostringstream out;
  report::MakeReporter(report::OutputFormat::kSarif, report_options)->Write(result, out);
  const auto run = nlohmann::json::parse(out.str())["runs"][0];
  // The expected choice, computed independently: stable order by descending severity.
  std::vector<const rules::Finding*> ranked;
  for (const rules::Finding& finding : result.findings) ranked.push_back(&finding);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) {
    return a->severity > b->severity;
  });
  std::vector<std::string> expected;
  for (const rules::Finding& finding : result.findings) {
    if (std::find(ranked.begin(), ranked.begin() + 4, &finding) != ranked.begin() + 4) {
      expected.push_back(finding.rule + " " + finding.resource);
    }
  }
  std::vector<std::string> kept;
  for (const auto& entry : run["results"]) {
    EXPECT_FALSE(entry.contains("suppressions"));
    kept.push_back(entry["ruleId"].get<std::string>() + " " +
                   entry["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].get<std::string>());
  }
  EXPECT_EQ(kept, expected);
  // Each rule's help carries how to fix its findings.
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    EXPECT_NE(rule["help"]["text"].get<std::string>().find(" How to fix: "), std::string::npos);
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find("## How to fix"), std::string::npos);
  }
  const auto& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], true);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["level"], "warning");
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["message"]["text"],
            std::to_string(total - 4) + " of " + std::to_string(total) +
                " results were left out of this SARIF run to stay within 4 results per run "
                "(GitHub code scanning rejects a run with more than 25,000); the most severe "
                "were kept, and the other formats list every finding");
  // Under the cap nothing is left out and the run has no invocation notice.
  report_options.max_sarif_results = total;
  EXPECT_EQ(report::SarifResultsLeftOut(result, report_options), 0u);
  std::ostringstream whole;
  report::MakeReporter(report::OutputFormat::kSarif, report_options)->Write(result, whole);
  const auto whole_run = nlohmann::json::parse(whole.str())["runs"][0];
  EXPECT_EQ(whole_run["results"].size(), total);
  EXPECT_FALSE(whole_run.contains("invocations"));
}

}  // namespace
}  // namespace netlint::testing
