// `netlint diff` and `netlint check --git-base` through the real binary: every pair under
// fixtures/diff (written by fixtures/diff/make_diff_fixtures.py) against its text, JSON and
// Markdown goldens (NETLINT_UPDATE_GOLDEN=1 rewrites them), exact exit codes, --git-base on a
// temporary git repository, and usage errors.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/command.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

std::string Pair(const std::string& name) {
  return "fixtures/diff/" + name + "/base fixtures/diff/" + name + "/head";
}

fs::path Golden(const std::string& name, const std::string& format) {
  return FixturesDir() / "diff" / name / ("diff." + format + ".expected");
}

struct DiffCase {
  std::string name;
  int exit_code;  // under the default --fail-on warning
};

std::string CaseName(const ::testing::TestParamInfo<DiffCase>& param_info) {
  std::string name = param_info.param.name;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

class DiffGoldenTest : public ::testing::TestWithParam<DiffCase> {};

// The text report and the exit code.
TEST_P(DiffGoldenTest, TextMatchesGolden) {
  const DiffCase& diff = GetParam();
  const CommandResult result = RunNetlint("diff --no-config " + Pair(diff.name));
  EXPECT_EQ(result.exit_code, diff.exit_code) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(CompareWithGolden(Golden(diff.name, "text"), result.out), "");
}

TEST_P(DiffGoldenTest, JsonMatchesGolden) {
  const DiffCase& diff = GetParam();
  const CommandResult result = RunNetlint("diff --no-config --format json " + Pair(diff.name));
  EXPECT_EQ(result.exit_code, diff.exit_code) << result.err;
  EXPECT_EQ(CompareWithGolden(Golden(diff.name, "json"), result.out), "");
  // The documented schema, exactly: four members.
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document.size(), 4U);
  EXPECT_TRUE(document.at("new").is_array());
  EXPECT_TRUE(document.at("fixed").is_array());
  EXPECT_TRUE(document.at("unchanged").is_number_unsigned());
  EXPECT_TRUE(document.at("flows").at("opened").is_array());
  EXPECT_TRUE(document.at("flows").at("closed").is_array());
}

TEST_P(DiffGoldenTest, MarkdownMatchesGolden) {
  const DiffCase& diff = GetParam();
  const CommandResult result = RunNetlint("diff --no-config --format markdown " + Pair(diff.name));
  EXPECT_EQ(result.exit_code, diff.exit_code) << result.err;
  EXPECT_EQ(CompareWithGolden(Golden(diff.name, "markdown"), result.out), "");
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, DiffGoldenTest,
    ::testing::Values(
        // SG001 and REACH001 new: SSH open to the world on a public bastion.
        DiffCase{"ssh-to-world-cfn", 1},
        // The same on a describe snapshot: a Fargate service with public IPs.
        DiffCase{"ssh-to-world-describe", 1},
        // On a Terraform plan whose tasks have no public address: SG001 only.
        DiffCase{"ssh-to-world-plan", 1},
        // ECS001 new for every service the tasks need once the private route to the NAT
        // gateway is gone; NAT001 (the cross-zone NAT route) fixed with it.
        DiffCase{"nat-route-removed-describe", 1},
        // The same in a template (a Fargate service behind a load balancer) and in a Terraform
        // plan of it: ECS001 new, the flows to ECR, S3, logs and the internet closed.
        DiffCase{"nat-route-removed-cfn", 1},
        DiffCase{"nat-route-removed-plan", 1},
        // ECS001 fixed by the ECR, logs and S3 endpoints; the endpoints' group is new and open
        // outbound (SG006, a warning), so the change still fails at --fail-on warning.
        DiffCase{"endpoints-added-cfn", 1},
        // The same on a Terraform plan: ECS001 fixed, nothing new.
        DiffCase{"endpoints-added-plan", 0},
        // And on a describe snapshot: ECS001 fixed for all five services, their flows opened; the
        // endpoints' group, now carried, is open outbound (SG006, a warning).
        DiffCase{"endpoints-added-describe", 1},
        // SG007 and DATA003 fixed: the database group names the workloads' groups instead of
        // their subnets' range.
        DiffCase{"sg-cidr-to-reference-cfn", 0},
        // The same on a describe snapshot: SG007 fixed, and no flow changes (the groups are
        // those of the interfaces in the range).
        DiffCase{"sg-cidr-to-reference-describe", 0},
        // No change at all: logical ids renamed and resources reordered, Terraform addresses
        // renamed, describe records moved, a group and a route table replaced by identical ones
        // under new AWS ids.
        DiffCase{"renamed-cfn", 0}, DiffCase{"renamed-plan", 0}, DiffCase{"moved-describe", 0},
        DiffCase{"replaced-describe", 0}),
    CaseName);

// A rename is not a change: every finding of the renamed template is unchanged.
TEST(DiffCliTest, RenamedLogicalIdsGiveAnEmptyDiff) {
  const CommandResult result = RunNetlint("diff --no-config --format json " + Pair("renamed-cfn"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document.at("new").size(), 0U);
  EXPECT_EQ(document.at("fixed").size(), 0U);
  EXPECT_EQ(document.at("unchanged"), 2);  // the two findings of the template, renamed
}

// A resource moved to another template of the same folder keeps its findings, and so does the
// note about references the input cannot check (which sits at the first resource it counts).
TEST(DiffCliTest, AResourceMovedToAnotherFileIsNoChange) {
  const CommandResult result =
      RunNetlint("diff --no-config " + Pair("moved-between-files-cfn"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "0 new findings, 0 fixed, 4 unchanged; 0 flows opened, 0 closed.\n");
}

TEST(DiffCliTest, FailOnErrorIgnoresNewWarnings) {
  // endpoints-added-cfn brings only a new warning (SG006).
  EXPECT_EQ(RunNetlint("diff --no-config --fail-on error " + Pair("endpoints-added-cfn")).exit_code,
            0);
  // ssh-to-world-cfn brings a new error (REACH001).
  EXPECT_EQ(RunNetlint("diff --no-config --fail-on error " + Pair("ssh-to-world-cfn")).exit_code,
            1);
}

// --select applies to both versions, and to the flows: REACH005, the rule that reports them, is
// not selected, so the flows are not compared and the summary says so.
TEST(DiffCliTest, SelectAppliesToBothVersionsAndToFlows) {
  const CommandResult result =
      RunNetlint("diff --no-config " + Pair("ssh-to-world-cfn") + " --select SG001");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.out,
            "New findings (1)\n"
            "fixtures/diff/ssh-to-world-cfn/head/stack.yaml\n"
            "  31:11    warning SG001  BastionSg (BastionSg): allows tcp/22 (SSH) from 0.0.0.0/0\n"
            "\n"
            "1 new finding, 0 fixed, 0 unchanged; flows not compared (REACH005 is not selected).\n");
}

// --ignore REACH005 leaves the flows out of every format, and out of the exit code.
TEST(DiffCliTest, IgnoringReach005LeavesFlowsOut) {
  const CommandResult json = RunNetlint("diff --no-config --format json " +
                                        Pair("nat-route-removed-describe") + " --ignore REACH005");
  const auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document.at("flows"),
            nlohmann::json::parse(R"({"closed": [], "compared": false, "opened": [],)"
                                  R"( "suppressed": 0})"));
  const CommandResult sarif = RunNetlint("diff --no-config --format sarif " +
                                         Pair("ssh-to-world-cfn") + " --ignore REACH005");
  const auto sarif_document = nlohmann::json::parse(sarif.out);
  for (const auto& result : sarif_document.at("runs").at(0).at("results")) {
    EXPECT_NE(result.at("ruleId"), "REACH005");
  }
  // The opened flow from the internet alone fails the change when REACH005 runs (SG001 is a
  // warning), and nothing fails it when REACH005 is ignored.
  EXPECT_EQ(RunNetlint("diff --no-config --fail-on error " + Pair("ssh-to-world-cfn") +
                       " --select SG001,REACH005")
                .exit_code,
            1);
  EXPECT_EQ(RunNetlint("diff --no-config --fail-on error " + Pair("ssh-to-world-cfn") +
                       " --select SG001")
                .exit_code,
            0);
}

// An ignore entry of the configuration for REACH005 on an end of the flow accepts it: the flow
// is left out and counted.
TEST(DiffCliTest, ConfigurationIgnoreEntryAcceptsAnOpenedFlow) {
  const std::string config = "--config fixtures/diff/config/flows-accepted.netlint.yaml ";
  const CommandResult json = RunNetlint("diff --format json " + config + Pair("ssh-to-world-cfn"));
  const auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document.at("flows").at("opened").size(), 0U);
  EXPECT_EQ(document.at("flows").at("suppressed"), 1);
  const CommandResult text = RunNetlint("diff " + config + Pair("ssh-to-world-cfn"));
  EXPECT_TRUE(text.out.ends_with(
      "2 new findings, 0 fixed, 0 unchanged; 0 flows opened, 0 closed (1 opened accepted by an "
      "ignore entry of the configuration).\n"))
      << text.out;
  EXPECT_EQ(text.out.find("Opened flows"), std::string::npos);
}

// The configuration's severity for REACH005 replaces the default (error from the internet).
TEST(DiffCliTest, ConfigurationSeverityAppliesToOpenedFlows) {
  const std::string config = "--config fixtures/diff/config/flows-note.netlint.yaml ";
  const CommandResult sarif =
      RunNetlint("diff --format sarif " + config + Pair("ssh-to-world-cfn"));
  std::vector<std::pair<std::string, std::string>> levels;
  const auto document = nlohmann::json::parse(sarif.out);
  for (const auto& result : document.at("runs").at(0).at("results")) {
    levels.emplace_back(result.at("ruleId"), result.at("level"));
  }
  EXPECT_EQ(levels, (std::vector<std::pair<std::string, std::string>>{
                        {"REACH005", "note"}, {"SG001", "warning"}, {"REACH001", "error"}}))
      << sarif.err;
  EXPECT_EQ(RunNetlint("diff --fail-on error " + config + Pair("ssh-to-world-cfn") +
                       " --select SG001,REACH005")
                .exit_code,
            0);
}

TEST(DiffCliTest, SarifHoldsOnlyWhatTheChangeIntroducesAtItsHeadLines) {
  const CommandResult result =
      RunNetlint("diff --no-config --format sarif " + Pair("ssh-to-world-cfn"));
  ASSERT_EQ(result.exit_code, 1) << result.err;
  const auto sarif = nlohmann::json::parse(result.out);
  const auto& results = sarif.at("runs").at(0).at("results");
  ASSERT_EQ(results.size(), 3U);
  // The opened flow, at the rule that opens it (the one SG001 names), with its path.
  EXPECT_EQ(results.at(0).at("ruleId"), "REACH005");
  EXPECT_EQ(results.at(0).at("level"), "error");
  EXPECT_EQ(results.at(0).at("message").at("text"),
            "Bastion: this change opens internet -> Bastion tcp/22, which the base version "
            "blocked");
  EXPECT_TRUE(results.at(0).contains("codeFlows"));
  EXPECT_EQ(results.at(1).at("ruleId"), "SG001");
  for (int i : {0, 1}) {
    const auto& location = results.at(i).at("locations").at(0).at("physicalLocation");
    EXPECT_EQ(location.at("artifactLocation").at("uri"),
              "fixtures/diff/ssh-to-world-cfn/head/stack.yaml");
    EXPECT_EQ(location.at("region").at("startLine"), 31);
  }
  EXPECT_EQ(results.at(2).at("ruleId"), "REACH001");
}

TEST(DiffCliTest, OutputFileGetsTheReport) {
  const fs::path out =
      fs::temp_directory_path() / ("netlint-diff-output-" + std::to_string(::getpid()) + ".md");
  const CommandResult result = RunNetlint("diff --no-config --format markdown --output '" +
                                          out.string() + "' " + Pair("sg-cidr-to-reference-cfn"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(ReadFile(out), ReadFile(Golden("sg-cidr-to-reference-cfn", "markdown")));
  fs::remove(out);
}

TEST(DiffCliTest, OneInputIsAUsageError) {
  const CommandResult result = RunNetlint("diff fixtures/diff/renamed-cfn/base");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "netlint: diff takes two inputs, BASE and HEAD (or --git-base REV and the paths to "
            "compare)\n");
}

TEST(DiffCliTest, MissingInputIsAUsageError) {
  const CommandResult result = RunNetlint("diff fixtures/diff/renamed-cfn/base no/such/head");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "netlint: no such file or folder: no/such/head\n");
}

// A base with nothing netlint reads (a folder the change fills): everything in head is new.
TEST(DiffCliTest, EmptyBaseMakesEveryFindingNew) {
  const fs::path empty =
      fs::temp_directory_path() / ("netlint-diff-empty-" + std::to_string(::getpid()));
  fs::create_directories(empty);
  const CommandResult result = RunNetlint("diff --no-config --format json '" + empty.string() +
                                          "' fixtures/diff/ssh-to-world-cfn/head --select SG001");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document.at("new").size(), 1U);
  EXPECT_EQ(document.at("new").at(0).at("rule"), "SG001");
  EXPECT_EQ(document.at("fixed").size(), 0U);
  EXPECT_EQ(document.at("unchanged"), 0);
  // Nothing usable on either side is the usage error of `check`.
  const CommandResult neither =
      RunNetlint("diff --no-config '" + empty.string() + "' '" + empty.string() + "'");
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("netlint: no usable input"), std::string::npos) << neither.err;
  fs::remove_all(empty);
}

TEST(DiffCliTest, MarkdownIsNotACheckFormat) {
  EXPECT_EQ(RunNetlint("diff --format concise " + Pair("renamed-cfn")).exit_code, 2);
}

// A throwaway git repository holding the base version of a template, committed, with the head
// version in the work tree.
class GitBaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = fs::temp_directory_path() / ("netlint-git-base-" + std::to_string(::getpid()));
    fs::remove_all(repo_);
    fs::create_directories(repo_ / "infra");
    Git("init -q");
    fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/base/stack.yaml",
                  repo_ / "infra/stack.yaml");
    Git("add infra");
    Commit("base");
    fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/head/stack.yaml",
                  repo_ / "infra/stack.yaml", fs::copy_options::overwrite_existing);
  }
  void TearDown() override { fs::remove_all(repo_); }

  void Commit(const std::string& message) const {
    Git("-c user.name=netlint -c user.email=netlint@example.com commit -q -a -m " + message);
  }
  void Git(const std::string& args) const {
    const std::string command = "git -C '" + repo_.string() + "' " + args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  // Runs netlint inside the repository (paths relative to it).
  CommandResult RunInRepo(const std::string& args) const {
    return RunNetlint(args, "cd '" + repo_.string() + "' && ");
  }

  fs::path repo_;
};

TEST_F(GitBaseTest, DiffReadsTheBaseFromTheRevision) {
  const CommandResult result =
      RunInRepo("diff --no-config --select SG001 --git-base HEAD infra/stack.yaml");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "New findings (1)\n"
            "infra/stack.yaml\n"
            "  31:11    warning SG001  BastionSg (BastionSg): allows tcp/22 (SSH) from 0.0.0.0/0\n"
            "\n"
            "1 new finding, 0 fixed, 0 unchanged; flows not compared (REACH005 is not selected).\n");
}

TEST_F(GitBaseTest, FixedFindingsAreNamedByTheirPathInTheWorkTree) {
  // Swap: the committed version has SSH open, the work tree closes it.
  fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/head/stack.yaml", repo_ / "infra/stack.yaml",
                fs::copy_options::overwrite_existing);
  Commit("open");
  fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/base/stack.yaml", repo_ / "infra/stack.yaml",
                fs::copy_options::overwrite_existing);
  const CommandResult result =
      RunInRepo("diff --no-config --select SG001 --format json --git-base HEAD infra/stack.yaml");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document.at("fixed").size(), 1U);
  EXPECT_EQ(document.at("fixed").at(0).at("location").at("file"), "infra/stack.yaml");
  EXPECT_EQ(document.at("fixed").at(0).at("location").at("line"), 31);
}

TEST_F(GitBaseTest, CheckReportsOnlyWhatTheChangeIntroduces) {
  // A finding the base already had (SSH open in a group committed earlier) is not reported.
  testing::WriteFile(repo_ / "infra/legacy.json",
                     R"({"SecurityGroups": [{"GroupId": "sg-0legacy000000001", "GroupName": "legacy",
  "VpcId": "vpc-0legacy000000001", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22,
  "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})");
  Git("add infra/legacy.json");
  Git("-c user.name=netlint -c user.email=netlint@example.com commit -q -m legacy "
      "infra/legacy.json");
  const CommandResult result =
      RunInRepo("check --no-config --format concise --git-base HEAD infra");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err, "");
  // The SG001 and REACH001 the change adds; the findings already there before (unchanged) are
  // not reported.
  EXPECT_EQ(result.out,
            "REACH005 infra/stack.yaml:31:11 Bastion this change opens internet -> Bastion "
            "tcp/22, which the base version blocked\n"
            "SG001 infra/stack.yaml:31:11 BastionSg allows tcp/22 (SSH) from 0.0.0.0/0\n"
            "REACH001 infra/stack.yaml:35:5 Bastion is reachable from the internet "
            "directly, not through a load balancer, on tcp/22 (SSH) from 0.0.0.0/0 (internet "
            "gateway Gateway); its public IPv4 address (assigned at launch) is not known before "
            "deployment\n");
  const CommandResult plain = RunInRepo("check --no-config --format concise infra");
  EXPECT_NE(plain.out.find("SG001 infra/legacy.json"), std::string::npos) << plain.out;
}

TEST_F(GitBaseTest, CheckWithNothingIntroducedExitsZero) {
  Commit("head");
  const CommandResult result = RunInRepo("check --no-config --git-base HEAD infra");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("No findings", 0), 0U) << result.out;
}

TEST_F(GitBaseTest, PathMissingAtTheRevisionIsAnEmptyBase) {
  fs::create_directories(repo_ / "new");
  fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/head/stack.yaml", repo_ / "new/stack.yaml");
  const CommandResult result =
      RunInRepo("diff --no-config --select SG001 --format json --git-base HEAD new/stack.yaml");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err, "");
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document.at("new").size(), 1U);
  EXPECT_EQ(document.at("fixed").size(), 0U);
  EXPECT_EQ(document.at("unchanged"), 0);
}

// Paths reach git and tar quoted: spaces and quotes in names are just names.
TEST_F(GitBaseTest, PathsWithSpacesAndQuotes) {
  const fs::path odd = repo_ / "team's infra";
  fs::create_directories(odd);
  fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/base/stack.yaml", odd / "stack v2.yaml");
  Git("add .");
  Commit("odd");
  fs::copy_file(FixturesDir() / "diff/ssh-to-world-cfn/head/stack.yaml", odd / "stack v2.yaml",
                fs::copy_options::overwrite_existing);
  const CommandResult result = RunInRepo(
      "diff --no-config --format json --git-base HEAD \"team's infra/stack v2.yaml\" --select "
      "SG001");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document.at("new").size(), 1U);
  EXPECT_EQ(document.at("new").at(0).at("location").at("file"), "team's infra/stack v2.yaml");
  EXPECT_EQ(document.at("unchanged"), 0);
}

TEST_F(GitBaseTest, UnknownRevisionIsAUsageError) {
  const CommandResult result = RunInRepo("diff --git-base no-such-rev infra");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "netlint: --git-base: unknown revision 'no-such-rev'\n");
}

TEST(DiffCliTest, GitBaseOutsideARepositoryIsAUsageError) {
  const fs::path outside =
      fs::temp_directory_path() / ("netlint-not-git-" + std::to_string(::getpid()));
  fs::create_directories(outside);
  const CommandResult result = RunNetlint(
      "diff --git-base HEAD .", "cd '" + outside.string() + "' && GIT_CEILING_DIRECTORIES='" +
                                    outside.parent_path().string() + "' ");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("netlint: --git-base: not inside a git work tree", 0), 0U)
      << result.err;
  fs::remove_all(outside);
}

}  // namespace
}  // namespace netlint::testing
