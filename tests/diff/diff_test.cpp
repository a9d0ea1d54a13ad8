// The parts of `netlint diff` below the command line: pairing resources across versions,
// telling findings apart when their place shifts, and the report helpers.

#include "netlint/diff/diff.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "netlint/engine/engine.h"
#include "netlint/report/diff_report.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> Sorted(const diff::Renames& renames) {
  return {renames.begin(), renames.end()};
}

// Every logical id of the template renamed and the resources reversed: each model resource is
// paired with its new name by content, including the VPC's implicit default group and ACL.
TEST(MatchResourcesTest, PairsRenamedLogicalIdsByContent) {
  const fs::path pair = FixturesDir() / "diff/renamed-cfn";
  const auto base = engine::LoadModel({(pair / "base").string()});
  const auto head = engine::LoadModel({(pair / "head").string()});
  const std::map<std::string, std::string> expected = {
      {"AppA", "TasksA"},
      {"AppB", "TasksB"},
      {"AppRoutes", "TaskRoutes"},
      {"AppSg", "TasksSg"},
      {"EcrApi", "RegistryApi"},
      {"EcrDkr", "RegistryDocker"},
      {"EndpointSg", "InterfaceSg"},
      {"Logs", "LogsEndpoint"},
      {"S3", "S3Gateway"},
      {"Service", "OrdersService"},
      {"TaskDef", "OrdersTask"},
      {"Vpc", "Network"},
      {"Vpc.DefaultNetworkAcl", "Network.DefaultNetworkAcl"},
      {"Vpc.DefaultSecurityGroup", "Network.DefaultSecurityGroup"},
      {"Vpc.MainRouteTable", "Network.MainRouteTable"},
  };
  EXPECT_EQ(Sorted(diff::MatchResources(*base.network, *head.network)), expected);
}

// Terraform addresses renamed (a `moved` block): the resources and the instances of a counted
// resource pair with their new addresses.
TEST(MatchResourcesTest, PairsRenamedTerraformAddresses) {
  const fs::path pair = FixturesDir() / "diff/renamed-plan";
  const auto base = engine::LoadModel({(pair / "base").string()});
  const auto head = engine::LoadModel({(pair / "head").string()});
  const std::map<std::string, std::string> expected = {
      {"aws_ecs_service.orders", "aws_ecs_service.checkout"},
      {"aws_internet_gateway.igw", "aws_internet_gateway.edge"},
      {"aws_route_table.private", "aws_route_table.app"},
      {"aws_security_group.app", "aws_security_group.tasks"},
      {"aws_subnet.private[0]", "aws_subnet.app[0]"},
      {"aws_subnet.private[1]", "aws_subnet.app[1]"},
      {"aws_vpc.main", "aws_vpc.shop"},
      // What AWS creates with every VPC follows the VPC's pairing.
      {"aws_vpc.main.default_network_acl", "aws_vpc.shop.default_network_acl"},
      {"aws_vpc.main.default_security_group", "aws_vpc.shop.default_security_group"},
      {"aws_vpc.main.main_route_table", "aws_vpc.shop.main_route_table"},
  };
  EXPECT_EQ(Sorted(diff::MatchResources(*base.network, *head.network)), expected);
}

TEST(MatchResourcesTest, PairsReplacedDescribeResources) {
  const fs::path pair = FixturesDir() / "diff/replaced-describe";
  const auto base = engine::LoadModel({(pair / "base").string()});
  const auto head = engine::LoadModel({(pair / "head").string()});
  const std::map<std::string, std::string> expected = {
      {"rtb-0e00600000000003", "rtb-0e006000000000bb"},
      {"sg-0e00600000000002", "sg-0e006000000000aa"},
  };
  EXPECT_EQ(Sorted(diff::MatchResources(*base.network, *head.network)), expected);
}

TEST(MatchResourcesTest, SameIdsNeedNoRenames) {
  const fs::path pair = FixturesDir() / "diff/moved-describe";
  const auto base = engine::LoadModel({(pair / "base").string()});
  const auto head = engine::LoadModel({(pair / "head").string()});
  EXPECT_TRUE(diff::MatchResources(*base.network, *head.network).empty());
}

// Two resources of the same content on one side: neither is paired, since which became which
// cannot be known.
TEST(MatchResourcesTest, AmbiguousCandidatesStayUnpaired) {
  model::Network base;
  model::Network head;
  for (const char* id : {"OldA", "OldB"}) {
    model::Subnet subnet;
    subnet.id = id;
    subnet.vpc_id = "vpc-1";
    base.subnets.push_back(subnet);
  }
  for (const char* id : {"NewA", "NewB"}) {
    model::Subnet subnet;
    subnet.id = id;
    subnet.vpc_id = "vpc-1";
    head.subnets.push_back(subnet);
  }
  base.Freeze();
  head.Freeze();
  EXPECT_TRUE(diff::MatchResources(base, head).empty());
  // Tell them apart and they pair.
  base.subnets[0].cidr_v4 = *model::Ipv4Prefix::Parse("10.0.1.0/24");
  head.subnets[1].cidr_v4 = *model::Ipv4Prefix::Parse("10.0.1.0/24");
  const std::map<std::string, std::string> expected = {{"OldA", "NewB"}, {"OldB", "NewA"}};
  EXPECT_EQ(Sorted(diff::MatchResources(base, head)), expected);
}

class TemplatePair : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("netlint-diff-unit-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "base");
    fs::create_directories(root_ / "head");
  }
  void TearDown() override { fs::remove_all(root_); }

  diff::DiffResult Diff(const std::string& base, const std::string& head) {
    WriteFile(root_ / "base/stack.yaml", base);
    WriteFile(root_ / "head/stack.yaml", head);
    diff::DiffOptions options;
    options.base.paths = {(root_ / "base").string()};
    options.head.paths = {(root_ / "head").string()};
    options.check.select = {"SG001"};
    return diff::RunDiff(options);
  }

  fs::path root_;
};

std::string Group(const std::string& ingress) {
  return "Resources:\n"
         "  Vpc:\n"
         "    Type: AWS::EC2::VPC\n"
         "    Properties: {CidrBlock: 10.0.0.0/16}\n"
         "  Web:\n"
         "    Type: AWS::EC2::SecurityGroup\n"
         "    Properties:\n"
         "      GroupDescription: web\n"
         "      VpcId: !Ref Vpc\n"
         "      SecurityGroupIngress:\n" +
         ingress;
}

constexpr const char* kSshFromAnywhere =
    "        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n";
constexpr const char* kRdpFromAnywhere =
    "        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}\n";
constexpr const char* kHttpsFromOffice =
    "        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 203.0.113.0/24}\n";

// A rule written before the flagged one moves the finding to another index of the same group:
// the same finding, not a fixed one and a new one.
TEST_F(TemplatePair, FindingWhoseRuleMovedInsideItsGroupIsUnchanged) {
  const diff::DiffResult result =
      Diff(Group(kSshFromAnywhere), Group(std::string(kHttpsFromOffice) + kSshFromAnywhere));
  EXPECT_TRUE(result.findings.added.empty());
  EXPECT_TRUE(result.findings.fixed.empty());
  EXPECT_EQ(result.findings.unchanged, 1U);
}

// A finding is identified by its place, as for baselines: at the same rule entry with other
// words (the entry now opens RDP instead of SSH) it is the same finding, unchanged.
TEST_F(TemplatePair, FindingAtTheSamePlaceWithOtherWordsIsUnchanged) {
  const diff::DiffResult result = Diff(Group(kSshFromAnywhere), Group(kRdpFromAnywhere));
  EXPECT_TRUE(result.findings.added.empty());
  EXPECT_TRUE(result.findings.fixed.empty());
  EXPECT_EQ(result.findings.unchanged, 1U);
}

// The flagged entry removed and another added elsewhere in the group with other words: one
// finding fixed, one new.
TEST_F(TemplatePair, FindingMovedWithOtherWordsIsFixedAndNew) {
  const diff::DiffResult result = Diff(Group(std::string(kSshFromAnywhere) + kHttpsFromOffice),
                                       Group(std::string(kHttpsFromOffice) + kRdpFromAnywhere));
  ASSERT_EQ(result.findings.added.size(), 1U);
  EXPECT_EQ(result.findings.added[0].message, "allows tcp/3389 (RDP) from 0.0.0.0/0");
  ASSERT_EQ(result.findings.fixed.size(), 1U);
  EXPECT_EQ(result.findings.fixed[0].message, "allows tcp/22 (SSH) from 0.0.0.0/0");
  EXPECT_EQ(result.findings.unchanged, 0U);
}

TEST(DiffReportTest, PortsAsText) {
  model::PortSet ports;
  EXPECT_EQ(report::PortsText(ports), "");
  ports.Add(22, 22);
  EXPECT_EQ(report::PortsText(ports), "22");
  ports.Add(80, 80);
  ports.Add(443, 443);
  EXPECT_EQ(report::PortsText(ports), "22,80,443");
  EXPECT_EQ(report::PortsText(model::PortSet(1024, 65535)), "1024-65535");
}

diff::DiffResult EmptyDiff() {
  diff::DiffResult result;
  result.base = std::make_unique<engine::CheckResult>();
  result.head = std::make_unique<engine::CheckResult>();
  result.flows_compared = true;
  return result;
}

TEST(DiffReportTest, MarkdownEscapesTableCells) {
  diff::DiffResult result = EmptyDiff();
  rules::Finding finding;
  finding.rule = "SG001";
  finding.severity = Severity::kWarning;
  finding.resource = "web|sg";
  finding.message = "allows `tcp/22` from <anywhere> | & more\nsecond line";
  result.findings.added.push_back(finding);
  diff::Flow flow;
  flow.from = "internet";
  flow.to = "web|sg";
  flow.protocol = "tcp";
  flow.ports = model::PortSet(22, 22);
  result.flows.opened.push_back(flow);
  std::ostringstream out;
  report::WriteDiff(result, report::DiffFormat::kMarkdown, {}, out);
  EXPECT_EQ(out.str(),
            "### netlint: what this change does to the network\n"
            "\n"
            "**1 flow opened, 0 closed; 1 new finding, 0 fixed, 0 unchanged.**\n"
            "\n"
            "#### Opened flows (1)\n"
            "\n"
            "| From | To | Protocol | Ports | Path |\n"
            "|---|---|---|---|---|\n"
            "| internet | web\\|sg | tcp | 22 |  |\n"
            "\n"
            "#### New findings (1)\n"
            "\n"
            "| Severity | Rule | Resource | Finding | Where |\n"
            "|---|---|---|---|---|\n"
            "| warning | SG001 | web\\|sg | allows \\`tcp/22\\` from &lt;anywhere&gt; \\| &amp; "
            "more second line |  |\n");
}

// A comment stays within GitHub's size limit: 50 rows per table, then how many more.
TEST(DiffReportTest, MarkdownTablesStopAtFiftyRows) {
  diff::DiffResult result = EmptyDiff();
  for (int i = 0; i < 52; ++i) {
    rules::Finding finding;
    finding.rule = "SG001";
    finding.resource = "sg-" + std::to_string(100 + i);
    finding.message = "allows tcp/22 (SSH) from 0.0.0.0/0";
    result.findings.added.push_back(finding);
  }
  std::ostringstream out;
  report::WriteDiff(result, report::DiffFormat::kMarkdown, {}, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("| sg-149 |"), std::string::npos);
  EXPECT_EQ(text.find("| sg-150 |"), std::string::npos);
  EXPECT_TRUE(
      text.ends_with("| warning | SG001 | sg-149 | allows tcp/22 (SSH) from 0.0.0.0/0 |  |\n"
                     "\n"
                     "… and 2 more (the JSON or SARIF output lists every one).\n"))
      << text;
}

// Past 50 flows, a table by protocol and ports comes first, so that one change opening a port
// between many workloads is one line.
TEST(DiffReportTest, ManyFlowsAreSummarisedByPortFirst) {
  diff::DiffResult result = EmptyDiff();
  for (int i = 0; i < 60; ++i) {
    diff::Flow flow;
    flow.from = "i-" + std::to_string(100 + i % 6);
    flow.to = "i-" + std::to_string(200 + i / 6);
    flow.protocol = "tcp";
    flow.ports = model::PortSet(8443, 8443);
    result.flows.opened.push_back(flow);
  }
  diff::Flow from_internet;
  from_internet.from = "internet";
  from_internet.to = "i-200";
  from_internet.protocol = "tcp";
  from_internet.ports = model::PortSet(22, 22);
  result.flows.opened.push_back(from_internet);
  std::ostringstream out;
  report::WriteDiff(result, report::DiffFormat::kMarkdown, {}, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("#### Opened flows (61)\n"
                      "\n"
                      "| Protocol | Ports | Flows | From | To |\n"
                      "|---|---|---|---|---|\n"
                      "| tcp | 8443 | 60 | 6 workloads | 10 workloads |\n"
                      "| tcp | 22 | 1 | internet | i-200 |\n"
                      "\n"
                      "| From | To | Protocol | Ports | Path |\n"),
            std::string::npos)
      << text;
  std::ostringstream plain;
  report::WriteDiff(result, report::DiffFormat::kText, {}, plain);
  EXPECT_TRUE(plain.str().starts_with(
      "Opened flows (61)\n"
      "  by port: tcp/8443: 60 flows from 6 workloads to 10 workloads\n"
      "  by port: tcp/22: 1 flow from internet to i-200\n"
      "  + i-100 -> i-200 tcp/8443\n"))
      << plain.str();
}

// Opened flows count for --fail-on: from the internet as errors, others as notes.
TEST(DiffReportTest, OpenedFlowsCountTowardsFailOn) {
  diff::DiffResult result = EmptyDiff();
  diff::Flow internal;
  internal.from = "Api";
  internal.to = "aws:ecr";
  internal.protocol = "tcp";
  result.flows.opened.push_back(internal);
  EXPECT_FALSE(report::DiffHasFailures(result, Severity::kWarning));
  EXPECT_TRUE(report::DiffHasFailures(result, Severity::kNote));
  diff::Flow from_internet = internal;
  from_internet.from = "internet";
  result.flows.opened.push_back(from_internet);
  EXPECT_TRUE(report::DiffHasFailures(result, Severity::kError));
  // Closed flows never fail a change.
  diff::DiffResult closed = EmptyDiff();
  closed.flows.closed.push_back(from_internet);
  EXPECT_FALSE(report::DiffHasFailures(closed, Severity::kNote));
}

TEST(DiffReportTest, TextListsFlowsWithTheirPath) {
  diff::DiffResult result = EmptyDiff();
  diff::Flow flow;
  flow.from = "internet";
  flow.to = "Bastion";
  flow.protocol = "tcp";
  flow.ports = model::PortSet(22, 22);
  flow.trace.hops = {{"internet", "internet", "", {}},
                     {"Gateway", "internet-gateway", "", {}},
                     {"Bastion", "instance", "", {}}};
  result.flows.opened.push_back(flow);
  diff::Flow closed;
  closed.from = "Api";
  closed.to = "aws:ecr.api";
  closed.protocol = "tcp";
  closed.ports = model::PortSet(443, 443);
  result.flows.closed.push_back(closed);
  std::ostringstream out;
  report::WriteDiff(result, report::DiffFormat::kText, {}, out);
  EXPECT_EQ(out.str(),
            "Opened flows (1)\n"
            "  + internet -> Bastion tcp/22\n"
            "      path: internet -> Gateway -> Bastion\n"
            "\n"
            "Closed flows (1)\n"
            "  - Api -> aws:ecr.api tcp/443\n"
            "\n"
            "0 new findings, 0 fixed, 0 unchanged; 1 flow opened, 1 closed.\n");
}

TEST(DiffReportTest, JsonFlowShape) {
  diff::DiffResult result = EmptyDiff();
  diff::Flow flow;
  flow.from = "internet";
  flow.to = "Web";
  flow.protocol = "tcp";
  flow.ports.Add(80, 80);
  flow.ports.Add(443, 443);
  flow.trace.hops = {{"internet", "internet", "", {}}};
  result.flows.opened.push_back(flow);
  std::ostringstream out;
  report::WriteDiff(result, report::DiffFormat::kJson, {}, out);
  EXPECT_EQ(out.str(),
            "{\n"
            "  \"fixed\": [],\n"
            "  \"flows\": {\n"
            "    \"closed\": [],\n"
            "    \"compared\": true,\n"
            "    \"opened\": [\n"
            "      {\n"
            "        \"family\": \"ipv4\",\n"
            "        \"from\": \"internet\",\n"
            "        \"ports\": \"80,443\",\n"
            "        \"protocol\": \"tcp\",\n"
            "        \"to\": \"Web\",\n"
            "        \"trace\": [\n"
            "          {\n"
            "            \"checks\": [],\n"
            "            \"kind\": \"internet\",\n"
            "            \"label\": \"\",\n"
            "            \"node\": \"internet\"\n"
            "          }\n"
            "        ]\n"
            "      }\n"
            "    ],\n"
            "    \"suppressed\": 0\n"
            "  },\n"
            "  \"new\": [],\n"
            "  \"unchanged\": 0\n"
            "}\n");
}

}  // namespace
}  // namespace netlint::testing
