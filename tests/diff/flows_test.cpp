// Flow changes between two versions of small networks (fixtures/diff/flows): each test names
// the exact flows opened, closed and uncertain, and the trace of some.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzer/diff/flow_changes.h"
#include "netlint/diff/flows.h"
#include "netlint/engine/engine.h"
#include "tests/support/golden.h"

namespace netlint::diff {
namespace {

// Each version is loaded once for the whole test program.
const engine::LoadedModel& Version(const std::string& path) {
  static std::map<std::string, std::unique_ptr<engine::LoadedModel>> loaded;
  auto& slot = loaded[path];
  if (!slot) {
    const std::string file = (testing::FixturesDir() / "diff" / "flows" / path).string();
    slot = std::make_unique<engine::LoadedModel>(engine::LoadModel({file}));
  }
  return *slot;
}

// "internet -> Bastion tcp/22", the form the assertions compare.
std::vector<std::string> Lines(const std::vector<Flow>& flows) {
  std::vector<std::string> lines;
  for (const Flow& flow : flows) {
    std::string line = flow.from + " -> " + flow.to + " " + flow.protocol;
    if (!flow.ports.Empty()) line += "/" + model::DescribePortSet(flow.ports);
    if (flow.family == model::IpFamily::kV6) line += " over IPv6";
    if (flow.base_verdict != reach::Verdict::kBlocked ||
        flow.head_verdict != reach::Verdict::kReachable) {
      if (flow.base_verdict != reach::Verdict::kReachable ||
          flow.head_verdict != reach::Verdict::kBlocked) {
        line += std::string(" (") + std::string(reach::VerdictName(flow.base_verdict)) + " -> " +
                std::string(reach::VerdictName(flow.head_verdict)) + ")";
      }
    }
    lines.push_back(line);
  }
  return lines;
}

using Lines_ = std::vector<std::string>;

std::set<std::string> Sorted(const std::unordered_set<std::string>& names) {
  return {names.begin(), names.end()};
}

FlowChanges Diff(const std::string& base, const std::string& head, const Renames& renames = {}) {
  return DiffFlows(Version(base), Version(head), renames);
}

// public/renamed.yaml is public/base.yaml with every logical id renamed.
const Renames& PublicRenames() {
  static const Renames renames = {
      {"Vpc", "Network"},         {"Igw", "Gateway"},         {"IgwAttachment", "GatewayAttachment"},
      {"Public", "DmzSubnet"},    {"Private", "AppSubnet"},   {"PublicRoutes", "DmzRoutes"},
      {"PublicDefault", "DmzDefault"}, {"PublicRouting", "DmzRouting"}, {"AdminSg", "JumpSg"},
      {"WebSg", "FrontSg"},       {"WorkerSg", "BatchSg"},    {"Bastion", "JumpHost"},
      {"Web", "Front"},           {"Worker", "Batch"}};
  return renames;
}

TEST(DiffFlows, OpeningSshToTheWorldOpensOneFlow) {
  const FlowChanges changes = Diff("public/base.yaml", "public/ssh-world.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_({"internet -> Bastion tcp/22"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  ASSERT_EQ(changes.opened.size(), 1U);
  // The trace is head's path for the lowest port, through the internet gateway.
  const reach::PathResult& trace = changes.opened.front().trace;
  EXPECT_EQ(trace.verdict, reach::Verdict::kReachable);
  EXPECT_EQ(trace.via, "internet gateway Igw");
  EXPECT_EQ(trace.destination_subnet, "Public");
}

// The bastion has an IPv6 address and a route to the internet gateway for ::/0: admitting ssh
// from ::/0 opens the flow over IPv6 (its IPv4 address is private, so IPv4 stays closed).
TEST(DiffFlows, OpeningSshToTheWorldOverIpv6OpensAnIpv6Flow) {
  const FlowChanges changes = Diff("ipv6/base.json", "ipv6/ssh-world-v6.json");
  EXPECT_EQ(Lines(changes.opened), Lines_({"internet -> i-0f60000000000001 tcp/22 over IPv6"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  ASSERT_EQ(changes.opened.size(), 1U);
  EXPECT_EQ(changes.opened.front().trace.via, "internet gateway igw-0f60000000000001");
}

// Close miss: the same rule on a workload without an IPv6 address opens nothing.
TEST(DiffFlows, AnIpv6RuleOnAWorkloadWithoutAnIpv6AddressOpensNothing) {
  const FlowChanges changes =
      Diff("ipv6/no-address.json", "ipv6/no-address-ssh-world-v6.json");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

TEST(DiffFlows, ClosingItAgainClosesTheSameFlowWithBasesTrace) {
  const FlowChanges changes = Diff("public/ssh-world.yaml", "public/base.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_({"internet -> Bastion tcp/22"}));
  ASSERT_EQ(changes.closed.size(), 1U);
  EXPECT_EQ(changes.closed.front().trace.verdict, reach::Verdict::kReachable);
}

TEST(DiffFlows, SshToTheWorldOnAPrivateWorkloadChangesNoFlow) {
  // Close miss: the rule admits the internet, but nothing routes from it to the worker.
  const FlowChanges changes = Diff("public/base.yaml", "public/private-ssh-world.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  EXPECT_GT(changes.queries, 0U);  // the worker's flows were looked at
}

TEST(DiffFlows, WideningAPortRangeOpensOnlyTheNewPorts) {
  const FlowChanges changes = Diff("public/base.yaml", "public/port-range.yaml");
  // Port 81 opens to everyone the rule admits, inside the VPC too.
  EXPECT_EQ(Lines(changes.opened), Lines_({"Bastion -> Web tcp/81", "Worker -> Web tcp/81",
                                           "internet -> Web tcp/81"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
}

TEST(DiffFlows, ANaclEntryInsideAnOpenedRangeSplitsIt) {
  // The group opens 81-90 more; the new NACL denies tcp/85 into the public subnet. Within the
  // subnet the NACL does not apply, so the bastion gets 85 too. One change per pair.
  const FlowChanges changes = Diff("public/base.yaml", "public/port-range-nacl.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_({"Bastion -> Web tcp/81-90", "Worker -> Web tcp/81-84, 86-90",
                                           "internet -> Web tcp/81-84, 86-90"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

TEST(DiffFlows, APrefixListWithoutEntriesMakesFlowsUncertain) {
  // The template does not say which addresses the list holds: whether the internet, or the
  // other workloads, reach the bastion is unknown, so nothing is opened or closed.
  const FlowChanges changes = Diff("public/base.yaml", "public/ssh-prefix-list.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain),
            Lines_({"Web -> Bastion tcp/22 (reachable -> unknown)",
                    "Worker -> Bastion tcp/22 (reachable -> unknown)",
                    "internet -> Bastion tcp/22 (not reachable -> unknown)"}));
}

TEST(DiffFlows, AnUnchangedNetworkAsksNothing) {
  const FlowChanges changes = Diff("public/base.yaml", "public/base.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(changes.queries, 0U);
}

TEST(DiffFlows, RenamedLogicalIdsAreNoChange) {
  const FlowChanges changes = Diff("public/base.yaml", "public/renamed.yaml", PublicRenames());
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  EXPECT_EQ(changes.queries, 0U);
}

TEST(DiffFlows, WithoutTheRenamesTheWorkloadsAreReplaced) {
  // Close miss of the test above: the same pair of files, but nothing says the ids are renamed,
  // so the old workloads' flows close and the new ones' open.
  const FlowChanges changes = Diff("public/base.yaml", "public/renamed.yaml");
  // The worker in the private subnet has no way out in either version, so it gains nothing.
  EXPECT_EQ(Lines(changes.opened),
            Lines_({"Batch -> Front tcp/80", "Batch -> JumpHost tcp/22", "Front -> Batch tcp/22",
                    "Front -> JumpHost tcp/22", "Front -> aws:ecr tcp/443",
                    "Front -> aws:logs tcp/443", "Front -> aws:s3 tcp/443",
                    "Front -> internet tcp/all", "Front -> internet udp/all",
                    "JumpHost -> Batch tcp/22", "JumpHost -> Front tcp/80",
                    "JumpHost -> aws:ecr tcp/443", "JumpHost -> aws:logs tcp/443",
                    "JumpHost -> aws:s3 tcp/443", "JumpHost -> internet tcp/all",
                    "JumpHost -> internet udp/all", "internet -> Front tcp/80"}));
  EXPECT_EQ(Lines(changes.closed),
            Lines_({"Bastion -> Web tcp/80", "Bastion -> Worker tcp/22",
                    "Bastion -> aws:ecr tcp/443", "Bastion -> aws:logs tcp/443",
                    "Bastion -> aws:s3 tcp/443", "Bastion -> internet tcp/all",
                    "Bastion -> internet udp/all", "Web -> Bastion tcp/22", "Web -> Worker tcp/22",
                    "Web -> aws:ecr tcp/443", "Web -> aws:logs tcp/443", "Web -> aws:s3 tcp/443",
                    "Web -> internet tcp/all", "Web -> internet udp/all",
                    "Worker -> Bastion tcp/22", "Worker -> Web tcp/80", "internet -> Web tcp/80"}));
}

TEST(DiffFlows, RemovingTheNatRouteClosesTheServicesWayOut) {
  const FlowChanges changes = Diff("private-service/base.yaml", "private-service/no-nat-route.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  // The way in, through the load balancer, stays.
  EXPECT_EQ(Lines(changes.closed),
            Lines_({"Api -> aws:ecr tcp/443", "Api -> aws:logs tcp/443", "Api -> aws:s3 tcp/443",
                    "Api -> internet tcp/all", "Api -> internet udp/all"}));
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  ASSERT_FALSE(changes.closed.empty());
  // A closed flow shows base's path, the one that worked.
  EXPECT_EQ(changes.closed.front().trace.verdict, reach::Verdict::kReachable);
  EXPECT_EQ(changes.closed.front().trace.via, "NAT gateway Nat");
}

TEST(DiffFlows, ClosingTheLoadBalancerToTheInternetClosesTheWayToItsTargets) {
  // The service is reached from the internet through its load balancer's listener (tcp/443);
  // the service's own group is unchanged.
  const FlowChanges changes =
      Diff("private-service/base.yaml", "private-service/alb-internal-only.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_({"internet -> Alb tcp/443", "internet -> Api tcp/443"}));
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  ASSERT_EQ(changes.closed.size(), 2U);
  EXPECT_EQ(changes.closed[1].trace.via, "load balancer api");
}

// The load balancer's group now sends only tcp/443 into the VPC: its targets (the service's
// tasks on 8080) lose the internet's flow through it, the load balancer itself keeps its own.
TEST(DiffFlows, ALoadBalancersEgressClosesTheWayToItsTargetsOnly) {
  const FlowChanges changes =
      Diff("private-service/base.yaml", "private-service/alb-egress-443-only.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_({"internet -> Api tcp/443"}));
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

TEST(DiffFlows, AddingEndpointsOpensTheIsolatedServicesFlowsToThem) {
  const FlowChanges changes = Diff("isolated-service/base.yaml", "isolated-service/endpoints.yaml");
  EXPECT_EQ(Lines(changes.opened),
            Lines_({"Service -> aws:ecr tcp/443", "Service -> aws:logs tcp/443",
                    "Service -> aws:s3 tcp/443"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

// The interface endpoints' group admits the service on the wrong port: its flows to the
// services behind interface endpoints close (S3 goes through the gateway endpoint, no group).
TEST(DiffFlows, AnEndpointsGroupClosesTheServicesFlowsThroughIt) {
  const FlowChanges changes =
      Diff("isolated-service/endpoints.yaml", "isolated-service/endpoints-wrong-port.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed),
            Lines_({"Service -> aws:ecr tcp/443", "Service -> aws:logs tcp/443"}));
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  const ChangeScope scope =
      FindChanges(*Version("isolated-service/endpoints.yaml").topology,
                  *Version("isolated-service/endpoints-wrong-port.yaml").topology, {});
  EXPECT_EQ(Sorted(scope.vpcs), std::set<std::string>{});
  EXPECT_EQ(Sorted(scope.service_vpcs), std::set<std::string>{"Vpc"});
}

TEST(DiffFlows, AnSgReferenceAdmittingTheSameWorkloadsIsNoChange) {
  const FlowChanges changes =
      Diff("private-service/base.yaml", "private-service/sg-reference.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
  EXPECT_GT(changes.queries, 0U);
}

TEST(DiffFlows, AnSgReferenceToAnotherGroupClosesTheServicesFlow) {
  // Close miss of the test above: the group the database now admits is not the service's.
  const FlowChanges changes =
      Diff("private-service/base.yaml", "private-service/sg-other-reference.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_({"Api -> Db tcp/5432"}));
}

TEST(DiffFlows, APrefixListGainingAPublicRangeOpensSsh) {
  // The group is unchanged; the list it names is not.
  const FlowChanges changes = Diff("prefix-list/base.yaml", "prefix-list/public-entry.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_({"internet -> Bastion tcp/22"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

TEST(DiffFlows, DescribeSnapshotsWithoutTheNatRoute) {
  // The same change as above on AWS CLI output: the service's tasks lose their way out.
  const FlowChanges changes = Diff("describe-nat/base.json", "describe-nat/no-nat-route.json");
  const std::string service = "arn:aws:ecs:eu-west-1:111122223333:service/shop/orders";
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed),
            Lines_({service + " -> aws:ecr tcp/443", service + " -> aws:logs tcp/443",
                    service + " -> aws:s3 tcp/443", service + " -> internet tcp/all",
                    service + " -> internet udp/all"}));
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

TEST(DiffFlows, TerraformPlansAddingEndpoints) {
  const FlowChanges changes =
      Diff("plan-isolated-service/base.json", "plan-isolated-service/endpoints.json");
  EXPECT_EQ(Lines(changes.opened),
            Lines_({"aws_ecs_service.orders -> aws:ecr tcp/443",
                    "aws_ecs_service.orders -> aws:logs tcp/443",
                    "aws_ecs_service.orders -> aws:s3 tcp/443"}));
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(Lines(changes.uncertain), Lines_{});
}

// What the diff looks at again: only the ends a change can reach.

TEST(FindChanges, ARuleChangeTouchesItsGroupOnly) {
  const ChangeScope scope = FindChanges(*Version("public/base.yaml").topology,
                                        *Version("public/ssh-world.yaml").topology, {});
  EXPECT_FALSE(scope.everything);
  EXPECT_EQ(Sorted(scope.vpcs), std::set<std::string>{});
  EXPECT_EQ(Sorted(scope.resources), std::set<std::string>{"AdminSg"});
}

// A group that only workloads carry and whose rules alone changed is narrowed to the ports of
// the rules that differ (old and new): flows of its carriers can change there only.
TEST(FindChanges, ARuleChangeIsNarrowedToItsPorts) {
  const ChangeScope ssh = FindChanges(*Version("public/base.yaml").topology,
                                      *Version("public/ssh-world.yaml").topology, {});
  ASSERT_EQ(ssh.group_ports.size(), 1U);
  EXPECT_EQ(model::DescribePortSet(ssh.group_ports.at("AdminSg").tcp), "22");
  EXPECT_TRUE(ssh.group_ports.at("AdminSg").udp.Empty());
  const ChangeScope range = FindChanges(*Version("public/base.yaml").topology,
                                        *Version("public/port-range.yaml").topology, {});
  EXPECT_EQ(model::DescribePortSet(range.group_ports.at("WebSg").tcp), "80-81");
}

// Rule order means nothing to a security group: reordering is a change of the group's text but
// of no port, so no question is asked.
TEST(FindChanges, ReorderedRulesTouchNoPort) {
  const ChangeScope scope =
      FindChanges(*Version("public/web-two-rules.yaml").topology,
                  *Version("public/web-two-rules-reordered.yaml").topology, {});
  EXPECT_EQ(Sorted(scope.resources), std::set<std::string>{"WebSg"});
  ASSERT_EQ(scope.group_ports.size(), 1U);
  EXPECT_TRUE(scope.group_ports.at("WebSg").tcp.Empty());
  const FlowChanges changes =
      Diff("public/web-two-rules.yaml", "public/web-two-rules-reordered.yaml");
  EXPECT_EQ(Lines(changes.opened), Lines_{});
  EXPECT_EQ(Lines(changes.closed), Lines_{});
  EXPECT_EQ(changes.queries, 0U);
}

// A group a load balancer carries decides the flows to the load balancer's targets on every
// port: the load balancer is touched, not the whole VPC; the group's own carriers on the ports
// of the rules that differ. The flows themselves are in ClosingTheLoadBalancerToTheInternet...
TEST(FindChanges, ALoadBalancersGroupTouchesItsTargets) {
  const ChangeScope scope =
      FindChanges(*Version("private-service/base.yaml").topology,
                  *Version("private-service/alb-internal-only.yaml").topology, {});
  EXPECT_EQ(Sorted(scope.vpcs), std::set<std::string>{});
  EXPECT_EQ(Sorted(scope.resources), (std::set<std::string>{"Alb", "AlbSg"}));
  EXPECT_EQ(model::DescribePortSet(scope.group_ports.at("AlbSg").tcp), "443");
}

TEST(FindChanges, ARouteChangeTouchesItsVpc) {
  const ChangeScope scope = FindChanges(*Version("private-service/base.yaml").topology,
                                        *Version("private-service/no-nat-route.yaml").topology, {});
  EXPECT_FALSE(scope.everything);
  EXPECT_EQ(Sorted(scope.vpcs), std::set<std::string>{"Vpc"});
  EXPECT_EQ(Sorted(scope.resources), std::set<std::string>{});
}

TEST(FindChanges, ACustomerPrefixListTouchesTheGroupsNamingIt) {
  const ChangeScope scope = FindChanges(*Version("prefix-list/base.yaml").topology,
                                        *Version("prefix-list/public-entry.yaml").topology, {});
  EXPECT_FALSE(scope.everything);
  EXPECT_EQ(Sorted(scope.vpcs), std::set<std::string>{});
  EXPECT_EQ(Sorted(scope.resources), std::set<std::string>{"AdminSg"});
}

TEST(FindChanges, RenamesApplyToWhatTemplatesImply) {
  // The VPC's implied default group, NACL and main route table are named after it.
  EXPECT_TRUE(FindChanges(*Version("public/base.yaml").topology,
                          *Version("public/renamed.yaml").topology, PublicRenames())
                  .Empty());
  EXPECT_EQ(HeadName("Vpc.DefaultSecurityGroup", nullptr), "Vpc.DefaultSecurityGroup");
  const Renames renames = {{"Vpc", "Network"}};
  EXPECT_EQ(HeadName("Vpc.DefaultSecurityGroup", &renames), "Network.DefaultSecurityGroup");
  EXPECT_EQ(HeadName("Vpc", &renames), "Network");
  EXPECT_EQ(HeadName("VpcX", &renames), "VpcX");
  EXPECT_EQ(HeadName(".Vpc", &renames), ".Vpc");
}

}  // namespace
}  // namespace netlint::diff
