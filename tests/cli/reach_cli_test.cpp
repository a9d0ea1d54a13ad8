// `netlint reach` through the real binary: the text and JSON answers word for word (goldens under
// fixtures/reach, NETLINT_UPDATE_GOLDEN=1 rewrites them), exit codes 0/1/2/3 and usage errors.
// The networks are the Batfish snapshots of fixtures/corpus; tests/reach/batfish_scenarios_test
// checks the same answers against what the Batfish authors assert.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/command.h"
#include "tests/support/golden.h"

namespace netlint::testing {
namespace {

namespace fs = std::filesystem;

// Runs `netlint reach <args>` from the source folder.
CommandResult RunReach(const std::string& args) { return RunNetlint("reach " + args); }

fs::path Golden(const std::string& name) { return FixturesDir() / "reach" / (name + ".expected"); }

constexpr const char* kNat = "fixtures/corpus/batfish-test-nat-gateway";
constexpr const char* kEndpointGateway = "fixtures/corpus/batfish-test-vpc-endpoint-gateway";
constexpr const char* kLoadBalancer = "fixtures/corpus/batfish-test-load-balancer";
constexpr const char* kTransitGateway = "fixtures/corpus/batfish-test-transit-gateway";

// Reachable, exit 0: the private instance goes out through the NAT gateway and the internet
// gateway, every check ok.
TEST(ReachCliTest, ReachableThroughNatGatewayExitsZero) {
  const CommandResult result =
      RunReach(std::string(kNat) + " --from i-0a128d26e59be60f3 --to 8.8.8.8 --port 80");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(CompareWithGolden(Golden("nat-gateway-reachable"), result.out), "");
}

// Not reachable, exit 1, with two blocking settings: the private subnet's table has no route for
// a non-S3 address (the S3 endpoint cannot carry it), and the instance has no public IP.
TEST(ReachCliTest, BlockedWithSeveralSettingsExitsOne) {
  const CommandResult result = RunReach(std::string(kEndpointGateway) +
                                        " --from private-web01 --to 54.222.57.1 --port 443");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(CompareWithGolden(Golden("endpoint-gateway-blocked"), result.out), "");
}

// Unknown, exit 3: SSH from A to B is allowed everywhere netlint can see, but the transit
// gateway's route tables are not modelled, so the answer says so instead of guessing.
TEST(ReachCliTest, UnknownExitsThree) {
  const CommandResult result =
      RunReach(std::string(kTransitGateway) + " --from i-06ba034d88c84ef07 --to 192.168.1.106 --port 22");
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(CompareWithGolden(Golden("transit-gateway-unknown"), result.out), "");
}

// One query as JSON: the client reaches a target of the internal NLB through the node in the
// target's zone; the tool version is replaced so the golden survives releases.
TEST(ReachCliTest, JsonAnswerThroughLoadBalancer) {
  CommandResult result = RunReach(std::string(kLoadBalancer) +
                                  " --from 'Jump Host' --to test20 --port 80 --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  const std::string version = std::string("\"version\": \"") + NETLINT_VERSION + "\"";
  const std::size_t at = result.out.find(version);
  ASSERT_NE(at, std::string::npos) << result.out;
  result.out.replace(at, version.size(), "\"version\": \"<tool version>\"");
  EXPECT_EQ(CompareWithGolden(Golden("load-balancer-target.json"), result.out), "");
}

// A port without a listener, through the load balancer's address: not reachable at the node.
TEST(ReachCliTest, LoadBalancerAddressWithoutListenerExitsOne) {
  const CommandResult result =
      RunReach(std::string(kLoadBalancer) + " --from 'Jump Host' --to 10.1.20.123 --port 81");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(CompareWithGolden(Golden("load-balancer-no-listener"), result.out), "");
}

TEST(ReachCliTest, UnknownNameIsAUsageError) {
  const CommandResult result =
      RunReach(std::string(kNat) + " --from no-such-host --to 8.8.8.8 --port 80");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "netlint: --from: nothing in the input is named 'no-such-host' (ids, Name tags, ECS "
            "service and load balancer names and ARNs, DB and cache ids, internet, aws:SERVICE or "
            "an IP address)\n");
}

// Two snapshots loaded together both have an instance named "Jump Host".
TEST(ReachCliTest, AmbiguousNameIsAUsageError) {
  const CommandResult result = RunReach(std::string(kNat) + " " + kLoadBalancer +
                                        " --from 'Jump Host' --to 8.8.8.8 --port 80");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "netlint: --from: 'Jump Host' is ambiguous: it names instance i-0b31b509174d7f5de "
            "(Jump Host), instance i-0c8ce8bbdd98cc4e8 (Jump Host); use an id\n");
}

TEST(ReachCliTest, TcpToAnAddressNeedsAPort) {
  const CommandResult result = RunReach(std::string(kNat) + " --from test1 --to 8.8.8.8");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "netlint: --port is required for tcp\n");
}

TEST(ReachCliTest, SubnetIsNotAnEndOfAFlow) {
  const CommandResult result =
      RunReach(std::string(kNat) + " --from subnet-06f469bcee42e408e --to 8.8.8.8 --port 80");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "netlint: --from: subnet-06f469bcee42e408e is not an end of a flow: name a workload, "
            "an interface, a load balancer, internet, aws:SERVICE or an IP address\n");
}

TEST(ReachCliTest, NoUsableInputIsAUsageError) {
  const CommandResult result =
      RunReach("fixtures/reach --from internet --to 8.8.8.8 --port 80");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "netlint: no usable input: none of the given paths holds AWS CLI JSON, a "
            "CloudFormation template or a Terraform plan that netlint recognises\n");
}

constexpr const char* kDualStack = "fixtures/networks/dual-stack.json";

// IPv6: the internet reaches the public subnet's instance by its IPv6 address (no translation,
// no public IPv4 needed) but not the private subnet's, whose replies go to an egress-only
// gateway; the private instance reaches the internet through that gateway.
TEST(ReachCliTest, Ipv6ThroughInternetAndEgressOnlyGateways) {
  CommandResult result =
      RunReach(std::string(kDualStack) + " --from internet --to 2600:1f18:aaaa:bb00::10 --port 443");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(CompareWithGolden(Golden("ipv6-internet-to-public-instance"), result.out), "");
  result =
      RunReach(std::string(kDualStack) + " --from internet --to 2600:1f18:aaaa:bb0a::20 --port 443");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(CompareWithGolden(Golden("ipv6-internet-to-private-instance"), result.out), "");
  result = RunReach(std::string(kDualStack) + " --from worker-v6 --to 2600:1f18:1234::1 --port 443");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(CompareWithGolden(Golden("ipv6-egress-only-gateway"), result.out), "");
}

TEST(ReachCliTest, AddressesOfTwoFamiliesAreAUsageError) {
  const CommandResult result =
      RunReach(std::string(kDualStack) + " --from 10.0.0.5 --to 2600:1f18:1234::1 --port 443");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "netlint: --from and --to are addresses of different families\n");
}

}  // namespace
}  // namespace netlint::testing
