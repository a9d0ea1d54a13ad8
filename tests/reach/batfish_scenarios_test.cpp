// The answers the Batfish authors assert on their AWS test snapshots (their JUnit tests
// AwsConfiguration*Test; the assertions are listed in the corpus PROVENANCE, section "Expected
// results written by the Batfish authors"), asked of netlint's reachability engine on the same
// snapshots (copied to fixtures/corpus/batfish-*, see each PROVENANCE.md).
//
// How Batfish's answers map to netlint's:
// - Dispositions: ACCEPTED and EXITS_NETWORK are "reachable"; DENIED_IN, NO_ROUTE, NULL_ROUTED
//   and NEIGHBOR_UNREACHABLE are "not reachable", and the blocking check must sit on the hop
//   Batfish names.
// - Hops: Batfish models a router per VPC ("vpc-...") and the nodes "aws-backbone" and
//   "aws-services-gateway"; netlint has none of them. netlint has hops Batfish does not: the
//   peering connection (Batfish joins the two VPC routers directly), the AWS service behind an
//   endpoint ("aws:s3"), and an address no interface has ("10.10.0.1" [address]). Both lists
//   are reduced by FromBatfish() and Comparable() below before they are compared, so every
//   difference in modelling is written down here and nowhere else.
// - Batfish's trace stops where the packet is dropped; netlint goes on checking so that it can
//   list every setting in the way. A blocked path is compared up to its first blocking hop.
// - Batfish's flows: where the Java test gives no protocol or port, the flow here is tcp/80 (the
//   security groups involved allow only tcp/22, or nothing, so every other port is denied in the
//   same place); the comment of each test says which.
//
// Where netlint disagrees with Batfish the test asserts netlint's answer and says why;
// docs/batfish-scenarios.md lists the disagreements with the AWS documentation that decides them.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "netlint/engine/engine.h"
#include "netlint/reach/reach.h"
#include "tests/support/golden.h"

namespace netlint::reach {
namespace {

using Hops = std::vector<std::string>;

// Batfish's hop list without the nodes netlint does not model. "aws-services-gateway" is where
// Batfish delivers traffic for AWS services' public addresses; netlint treats those addresses as
// any other public address beyond the internet gateway, "internet".
Hops FromBatfish(const Hops& batfish) {
  Hops hops;
  for (const std::string& node : batfish) {
    if (node.rfind("vpc-", 0) == 0 || node == "aws-backbone") continue;
    hops.push_back(node == "aws-services-gateway" ? "internet" : node);
  }
  return hops;
}

// netlint's hop list without the hops Batfish does not have; a blocked path is cut after the
// first hop that holds a blocking check.
Hops Comparable(const PathResult& path) {
  Hops hops;
  for (const Hop& hop : path.hops) {
    const bool blocked = std::any_of(hop.checks.begin(), hop.checks.end(), [](const Check& check) {
      return check.verdict == Verdict::kBlocked;
    });
    if (hop.kind != "vpc-peering-connection" && hop.kind != "aws-service" &&
        hop.kind != "address") {
      hops.push_back(hop.node);
    }
    if (blocked) break;
  }
  return hops;
}

// Every node of a path, as netlint lists it.
Hops AllHops(const PathResult& path) {
  Hops hops;
  for (const Hop& hop : path.hops) hops.push_back(hop.node);
  return hops;
}

// The first hop that holds a blocking check, and that check.
struct Block {
  const Hop* hop = nullptr;
  const Check* check = nullptr;
};
Block FirstBlock(const PathResult& path) {
  for (const Hop& hop : path.hops) {
    for (const Check& check : hop.checks) {
      if (check.verdict == Verdict::kBlocked) return {&hop, &check};
    }
  }
  return {};
}

const Hop* FindHop(const PathResult& path, const std::string& node) {
  for (const Hop& hop : path.hops) {
    if (hop.node == node) return &hop;
  }
  return nullptr;
}

bool HasCheck(const Hop& hop, Verdict verdict, const std::string& resource,
              const std::string& text_part = "") {
  return std::any_of(hop.checks.begin(), hop.checks.end(), [&](const Check& check) {
    return check.verdict == verdict && check.resource == resource &&
           check.text.find(text_part) != std::string::npos;
  });
}

FlowSpec Tcp(std::uint16_t port) { return {model::Protocol::Tcp(), port, model::IpFamily::kV4}; }

// Each snapshot is loaded once for the whole test program.
const engine::LoadedModel& Snapshot(const std::string& name) {
  static std::map<std::string, std::unique_ptr<engine::LoadedModel>> loaded;
  auto& slot = loaded[name];
  if (!slot) {
    const std::string dir = (testing::FixturesDir() / "corpus" / ("batfish-" + name)).string();
    slot = std::make_unique<engine::LoadedModel>(engine::LoadModel({dir}));
  }
  return *slot;
}

Answer Ask(const std::string& snapshot, const std::string& from, const std::string& to,
           const FlowSpec& flow) {
  const Reachability& reachability = *Snapshot(snapshot).reachability;
  std::string error;
  const auto source = reachability.Resolve(from, error);
  EXPECT_TRUE(source.has_value()) << from << ": " << error;
  const auto destination = reachability.Resolve(to, error);
  EXPECT_TRUE(destination.has_value()) << to << ": " << error;
  if (!source || !destination) return {};
  return reachability.Query(*source, *destination, flow);
}

TEST(BatfishScenarios, EverySnapshotLoadsWithoutInputFindings) {
  for (const char* name :
       {"test-nat-gateway", "test-public-private-subnet", "test-public-subnet", "test-subnet",
        "test-vpc-endpoint-gateway", "test-vpc-endpoint-interface", "test-load-balancer",
        "test-vpc-peering", "test-vpc-peering-multi-account", "test-transit-gateway"}) {
    const engine::LoadedModel& model = Snapshot(name);
    EXPECT_GT(model.stats.files_recognised, 0u) << name;
    EXPECT_FALSE(model.network->vpcs.empty()) << name;
    ASSERT_NE(model.reachability, nullptr) << name;
  }
}

// ---------------------------------------------------------------------------------------------
// test-nat-gateway (AwsConfigurationNatGatewayTest)

// TCP i-0a128d26e59be60f3 -> 8.8.8.8:80 succeeds both ways through the NAT gateway.
TEST(BatfishNatGateway, PrivateInstanceReachesInternetThroughNat) {
  const Answer answer = Ask("test-nat-gateway", "i-0a128d26e59be60f3", "8.8.8.8", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(path.via, "NAT gateway nat-07ab4846da51f4612");
  EXPECT_EQ(Comparable(path),
            FromBatfish({"i-0a128d26e59be60f3", "subnet-06f469bcee42e408e",
                         "vpc-0008a7b45e3ddf1dd", "nat-07ab4846da51f4612",
                         "subnet-0428892a357fa1f94", "vpc-0008a7b45e3ddf1dd",
                         "igw-071753b9c23d8a9b2", "aws-backbone", "internet"}));
  // The reverse trace Batfish checks is netlint's "return traffic" checks on the same path:
  // all of them pass, or the path would not be reachable.
  EXPECT_TRUE(path.ChecksWith(Verdict::kBlocked).empty());
}

// A protocol other than TCP, UDP and ICMP (Batfish uses IpProtocol.AN, 107) is DENIED_IN at the
// NAT gateway.
TEST(BatfishNatGateway, UnsupportedProtocolIsDroppedAtNat) {
  const FlowSpec flow{model::Protocol(107), 0, model::IpFamily::kV4};
  const Answer answer = Ask("test-nat-gateway", "i-0a128d26e59be60f3", "8.8.8.8", flow);
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({"i-0a128d26e59be60f3", "subnet-06f469bcee42e408e",
                         "vpc-0008a7b45e3ddf1dd", "nat-07ab4846da51f4612"}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, "nat-07ab4846da51f4612");
  EXPECT_EQ(block.check->text, "a NAT gateway translates only TCP, UDP and ICMP");
  EXPECT_EQ(path.ChecksWith(Verdict::kBlocked).size(), 1u);
}

// 8.8.8.8 -> the NAT gateway's public IP 3.135.127.225:80 without a session: DENIED_IN at the
// NAT gateway.
TEST(BatfishNatGateway, InternetCannotOpenConnectionsToNat) {
  const Answer answer = Ask("test-nat-gateway", "internet", "3.135.127.225", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({"internet", "aws-backbone", "igw-071753b9c23d8a9b2",
                         "vpc-0008a7b45e3ddf1dd", "subnet-0428892a357fa1f94",
                         "nat-07ab4846da51f4612"}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, "nat-07ab4846da51f4612");
  EXPECT_EQ(block.hop->kind, "nat-gateway");
}

// i-0b31b509174d7f5de (in the NAT gateway's subnet) -> 10.1.250.210:80: DENIED_IN at the NAT
// gateway, directly (no subnet hop within one subnet, in both tools).
TEST(BatfishNatGateway, SameSubnetInstanceCannotConnectToNat) {
  const Answer answer = Ask("test-nat-gateway", "i-0b31b509174d7f5de", "10.1.250.210", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(AllHops(path), FromBatfish({"i-0b31b509174d7f5de", "nat-07ab4846da51f4612"}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, "nat-07ab4846da51f4612");
}

// Not asserted by Batfish, noted in PROVENANCE: i-0a73a1a6021c03ddb's subnet uses the main
// route table (10.1.0.0/16 local only), so it has no way out.
TEST(BatfishNatGateway, MainRouteTableSubnetHasNoEgress) {
  const Answer answer = Ask("test-nat-gateway", "i-0a73a1a6021c03ddb", "internet", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const Block block = FirstBlock(answer.paths.front());
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, "subnet-02ff259e663e9613e");
  EXPECT_EQ(block.check->resource, "rtb-0e169c4a1e0b27b55");
  EXPECT_NE(block.check->text.find("(the main route table) has no route"), std::string::npos)
      << block.check->text;
}

// ---------------------------------------------------------------------------------------------
// test-public-private-subnet (AwsConfigurationPublicPrivateSubnetTest). The Java test's flows
// carry no protocol or port; tcp/80 here. The main route table sends 0.0.0.0/0 to
// vgw-070087240d6fa2989. netlint does not read VPN connections: a path through a virtual private
// gateway ends at the gateway with an "unknown" check, so those answers are "unknown" where
// Batfish, which reads the on-premises router, knows them.

constexpr const char* kPrivateInstance = "i-099cf38911942421c";
constexpr const char* kPublicInstance = "i-094a9e5b545a4fde4";
constexpr const char* kVgw = "vgw-070087240d6fa2989";

// private instance -> the public instance's public IP: NO_ROUTE at the VGW. netlint: the route
// sends the address to the VGW, the path ends there, and what lies beyond is unknown (VPN
// connections are not modelled). Same hops, "unknown" instead of "no route" (see
// docs/batfish-scenarios.md, "virtual private gateways").
TEST(BatfishPublicPrivateSubnet, PrivateToPublicIpEndsAtVgw) {
  const Answer answer = Ask("test-public-private-subnet", kPrivateInstance, "13.58.55.60", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kUnknown);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({kPrivateInstance, "subnet-0f263105946ad1a1d",
                                           "vpc-0b966fdeb36d5e43f", kVgw}));
  const Hop* subnet = FindHop(path, "subnet-0f263105946ad1a1d");
  ASSERT_NE(subnet, nullptr);
  EXPECT_TRUE(HasCheck(*subnet, Verdict::kReachable, "rtb-002f0eabf583bf991",
                       "routes 0.0.0.0/0 to vgw-070087240d6fa2989"));
  const Hop* vgw = FindHop(path, kVgw);
  ASSERT_NE(vgw, nullptr);
  EXPECT_TRUE(HasCheck(*vgw, Verdict::kUnknown, kVgw, "VPN connections"));
  EXPECT_TRUE(path.ChecksWith(Verdict::kBlocked).empty());
}

// private instance -> the public instance's private IP: DENIED_IN by the public instance's
// security group.
TEST(BatfishPublicPrivateSubnet, PrivateToPublicPrivateIpDeniedBySg) {
  const Answer answer = Ask("test-public-private-subnet", kPrivateInstance, "10.0.0.47", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({kPrivateInstance, "subnet-0f263105946ad1a1d", "vpc-0b966fdeb36d5e43f",
                         "subnet-0cf7a93fbd779f3a3", kPublicInstance}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPublicInstance);
  EXPECT_EQ(block.check->resource, "sg-0662342465612f419");
  EXPECT_EQ(path.ChecksWith(Verdict::kBlocked).size(), 1u);
}

// public instance -> private instance: DENIED_IN by the private instance's security group.
TEST(BatfishPublicPrivateSubnet, PublicToPrivateDeniedBySg) {
  const Answer answer = Ask("test-public-private-subnet", kPublicInstance, "10.0.1.204", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({kPublicInstance, "subnet-0cf7a93fbd779f3a3", "vpc-0b966fdeb36d5e43f",
                         "subnet-0f263105946ad1a1d", kPrivateInstance}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPrivateInstance);
  EXPECT_EQ(block.check->resource, "sg-063f2bb51713c3236");
}

// internet -> 13.58.55.60: DENIED_IN at the public instance (its group allows only tcp/22).
TEST(BatfishPublicPrivateSubnet, InternetToPublicIpDeniedAtInstance) {
  const Answer answer = Ask("test-public-private-subnet", "internet", "13.58.55.60", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({"internet", "aws-backbone", "igw-0eac198308206c358",
                         "vpc-0b966fdeb36d5e43f", "subnet-0cf7a93fbd779f3a3", kPublicInstance}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPublicInstance);
  EXPECT_EQ(block.check->resource, "sg-0662342465612f419");
}

// internet -> 10.0.0.47 (a private IP): NULL_ROUTED at the internet. netlint: not reachable,
// with no path at all and the reason as a note.
TEST(BatfishPublicPrivateSubnet, InternetToPrivateIpIsNotRouted) {
  const Answer answer = Ask("test-public-private-subnet", "internet", "10.0.0.47", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  EXPECT_TRUE(answer.paths.empty());
  EXPECT_EQ(answer.notes,
            std::vector<std::string>{
                "10.0.0.47 is not a public address: the internet does not route to it"});
}

// public instance -> 8.8.8.8: EXITS_NETWORK through the internet gateway.
TEST(BatfishPublicPrivateSubnet, PublicInstanceReachesInternet) {
  const Answer answer = Ask("test-public-private-subnet", kPublicInstance, "8.8.8.8", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(Comparable(answer.paths.front()),
            FromBatfish({kPublicInstance, "subnet-0cf7a93fbd779f3a3", "igw-0eac198308206c358",
                         "aws-backbone", "internet"}));
}

// private instance -> 8.8.8.8: NO_ROUTE at the VGW (the on-premises router has no route for
// it). netlint: the path ends at the VGW, unknown beyond, as in PrivateToPublicIpEndsAtVgw.
TEST(BatfishPublicPrivateSubnet, PrivateInstanceToInternetEndsAtVgw) {
  const Answer answer = Ask("test-public-private-subnet", kPrivateInstance, "8.8.8.8", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kUnknown);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(Comparable(answer.paths.front()),
            FromBatfish({kPrivateInstance, "subnet-0f263105946ad1a1d", kVgw}));
  const Hop* vgw = FindHop(answer.paths.front(), kVgw);
  ASSERT_NE(vgw, nullptr);
  EXPECT_TRUE(HasCheck(*vgw, Verdict::kUnknown, kVgw, "whether they route 8.8.8.8 is unknown"));
}

// public instance -> the on-premises site 19.168.0.0: EXITS_NETWORK through the internet
// gateway (the public subnet's 0.0.0.0/0 goes to the IGW).
TEST(BatfishPublicPrivateSubnet, PublicInstanceSendsSiteTrafficToInternet) {
  const Answer answer = Ask("test-public-private-subnet", kPublicInstance, "19.168.0.0", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(Comparable(answer.paths.front()),
            FromBatfish({kPublicInstance, "subnet-0cf7a93fbd779f3a3", "igw-0eac198308206c358",
                         "aws-backbone", "internet"}));
}

// DISAGREEMENT (verdict). private instance -> 19.168.0.0: Batfish: EXITS_NETWORK through the VGW
// (one trace per VPN tunnel; the VPN connection has a static route to 19.168.0.0/16). netlint
// reads neither VPN connections nor the on-premises router: the path reaches the VGW and the
// answer is "unknown", never a guess; see docs/batfish-scenarios.md.
TEST(BatfishPublicPrivateSubnet, PrivateInstanceToSiteThroughVgwIsNotModelled) {
  const Answer answer = Ask("test-public-private-subnet", kPrivateInstance, "19.168.0.0", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kUnknown);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(AllHops(answer.paths.front()),
            (Hops{kPrivateInstance, "subnet-0f263105946ad1a1d", kVgw}));
  EXPECT_TRUE(answer.paths.front().ChecksWith(Verdict::kBlocked).empty());
}

// ---------------------------------------------------------------------------------------------
// test-public-subnet (AwsConfigurationPublicSubnetTest)

constexpr const char* kPublicSubnetInstance = "i-06669a407b2ef3ae5";

// internet -> 18.216.80.133:80: DENIED_IN at the instance; the IGW translates the destination
// 18.216.80.133 to 10.0.0.91 (DEST_NAT).
TEST(BatfishPublicSubnet, InternetToPublicIpDeniedAtInstanceAfterIgwTranslation) {
  const Answer answer = Ask("test-public-subnet", "internet", "18.216.80.133", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({"internet", "aws-backbone", "igw-0a409e562d251f766",
                         "vpc-0672bce73895d7252", "subnet-0bb82ae8b3ea5dc78",
                         kPublicSubnetInstance}));
  const Hop* igw = FindHop(path, "igw-0a409e562d251f766");
  ASSERT_NE(igw, nullptr);
  EXPECT_TRUE(HasCheck(*igw, Verdict::kReachable, "igw-0a409e562d251f766",
                       "public IPv4 address to its private one"));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPublicSubnetInstance);
  EXPECT_EQ(block.check->resource, "sg-09ccba6656672061b");
}

// internet -> 54.191.107.23 (a public IP nothing has): NULL_ROUTED at aws-backbone. netlint:
// not reachable, no path, the reason as a note.
TEST(BatfishPublicSubnet, InternetToUnknownPublicIpIsNotRouted) {
  const Answer answer = Ask("test-public-subnet", "internet", "54.191.107.23", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  EXPECT_TRUE(answer.paths.empty());
  ASSERT_EQ(answer.notes.size(), 1u);
  EXPECT_EQ(answer.notes.front(),
            "54.191.107.23 is outside every VPC of the input and no interface has it as a public "
            "address: the described network does not deliver to it");
}

// internet -> 10.0.0.91 (the instance's private IP): NULL_ROUTED.
TEST(BatfishPublicSubnet, InternetToPrivateIpIsNotRouted) {
  const Answer answer = Ask("test-public-subnet", "internet", "10.0.0.91", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  EXPECT_TRUE(answer.paths.empty());
}

// DISAGREEMENT. internet -> 192.18.0.8: Batfish: EXITS_NETWORK (the packet leaves the modelled
// network toward the rest of the internet). netlint answers only whether the described network
// delivers the traffic: nothing in it has 192.18.0.8, so "not reachable". See
// docs/batfish-scenarios.md.
TEST(BatfishPublicSubnet, InternetToOutsideAddressIsNotInTheNetwork) {
  const Answer answer = Ask("test-public-subnet", "internet", "192.18.0.8", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  EXPECT_TRUE(answer.paths.empty());
}

// instance -> 8.8.8.8: EXITS_NETWORK; the IGW translates the source 10.0.0.91 to 18.216.80.133
// (SOURCE_NAT).
TEST(BatfishPublicSubnet, InstanceReachesInternetWithSourceTranslation) {
  const Answer answer = Ask("test-public-subnet", kPublicSubnetInstance, "8.8.8.8", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({kPublicSubnetInstance, "subnet-0bb82ae8b3ea5dc78",
                         "vpc-0672bce73895d7252", "igw-0a409e562d251f766", "aws-backbone",
                         "internet"}));
  const Hop* igw = FindHop(path, "igw-0a409e562d251f766");
  ASSERT_NE(igw, nullptr);
  EXPECT_TRUE(HasCheck(*igw, Verdict::kReachable, "igw-0a409e562d251f766",
                       "translates the source to"));
}

// A spoofed source 10.0.0.92 (no interface, so no public IP association) -> 8.8.8.8:80:
// DENIED_IN at the IGW. Batfish starts the flow at the subnet to get past the instance's
// anti-spoofing filter; netlint starts at the address, which no interface has: it blocks there
// too (nothing sends from it) and, as Batfish, at the IGW (no public IPv4 address to translate
// to).
TEST(BatfishPublicSubnet, SpoofedSourceIsDroppedAtIgw) {
  const Answer answer = Ask("test-public-subnet", "10.0.0.92", "8.8.8.8", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(AllHops(path), (Hops{"10.0.0.92", "subnet-0bb82ae8b3ea5dc78",
                                 "igw-0a409e562d251f766", "internet"}));
  const Hop* igw = FindHop(path, "igw-0a409e562d251f766");
  ASSERT_NE(igw, nullptr);
  EXPECT_TRUE(HasCheck(*igw, Verdict::kBlocked, "igw-0a409e562d251f766",
                       "10.0.0.92 has no public IPv4 address"));
}

// ---------------------------------------------------------------------------------------------
// test-subnet (AwsConfigurationSubnetTest). Batfish's flows carry no protocol; tcp/80 here
// (both groups allow only tcp/22 in).

// i-08ef86e76fceabd8d -> 10.10.1.44 (same subnet): DENIED_IN by i-07519d6ba3f9497e4's group;
// the path is instance to instance (no subnet hop), the egress group of eni-010f649a7fc5c1e34 at
// the first hop and the ingress group at the second.
TEST(BatfishSubnet, SameSubnetIsDirectAndDeniedByIngressGroup) {
  const Answer answer = Ask("test-subnet", "i-08ef86e76fceabd8d", "10.10.1.44", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(AllHops(path), FromBatfish({"i-08ef86e76fceabd8d", "i-07519d6ba3f9497e4"}));
  ASSERT_EQ(path.hops.size(), 2u);
  EXPECT_EQ(path.hops[0].label, "instance i-08ef86e76fceabd8d via eni-010f649a7fc5c1e34");
  EXPECT_TRUE(HasCheck(path.hops[0], Verdict::kReachable, "sg-03dbad9f9c0cd1949", "egress"));
  EXPECT_TRUE(HasCheck(path.hops[1], Verdict::kBlocked, "sg-02566e413c0030c70", "ingress"));
}

// i-08ef86e76fceabd8d -> 10.10.0.1 (in the VPC, in no subnet): NULL_ROUTED at the VPC; the NACL
// acl-07102431133dec52a's egress side is applied at the subnet hop.
TEST(BatfishSubnet, AddressOutsideEverySubnetIsDroppedByVpc) {
  const Answer answer = Ask("test-subnet", "i-08ef86e76fceabd8d", "10.10.0.1", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({"i-08ef86e76fceabd8d", "subnet-06c8307e34ffadb04",
                                           "vpc-062867d29dbf9386f"}));
  const Hop* subnet = FindHop(path, "subnet-06c8307e34ffadb04");
  ASSERT_NE(subnet, nullptr);
  EXPECT_TRUE(HasCheck(*subnet, Verdict::kReachable, "acl-07102431133dec52a", "outbound"));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, "10.10.0.1");
  EXPECT_EQ(block.check->resource, "vpc-062867d29dbf9386f");
}

// ---------------------------------------------------------------------------------------------
// test-vpc-endpoint-gateway (AwsConfigurationVpcEndpointGatewayTest): S3 gateway endpoint in both
// subnets' route tables via pl-63a5400a. Flows are tcp/443, as in the Java test.

// private instance -> 52.216.237.77:443 (in the S3 prefix list): through the endpoint.
TEST(BatfishVpcEndpointGateway, PrivateInstanceReachesS3ThroughEndpoint) {
  const Answer answer =
      Ask("test-vpc-endpoint-gateway", "i-01c6c0647fdccc89e", "52.216.237.77", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(answer.paths.front().via, "gateway endpoint vpce-0b7357542bb7b83ec");
  EXPECT_EQ(Comparable(answer.paths.front()),
            FromBatfish({"i-01c6c0647fdccc89e", "subnet-01e5f0945f6d6f47c",
                         "vpc-05d56c7295fca139b", "vpce-0b7357542bb7b83ec"}));
}

// public instance -> 52.216.237.77:443: through the endpoint, not the IGW (the prefix-list
// route is more specific than 0.0.0.0/0).
TEST(BatfishVpcEndpointGateway, PublicInstanceReachesS3ThroughEndpointNotIgw) {
  const Answer answer =
      Ask("test-vpc-endpoint-gateway", "i-0464d440ca0ee9e34", "52.216.237.77", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(answer.paths.front().via, "gateway endpoint vpce-0b7357542bb7b83ec");
  EXPECT_EQ(Comparable(answer.paths.front()),
            FromBatfish({"i-0464d440ca0ee9e34", "subnet-04391f04b912d0a73",
                         "vpc-05d56c7295fca139b", "vpce-0b7357542bb7b83ec"}));
}

// private instance -> 54.222.57.1:443 (another service, not S3): NO_ROUTE at the private subnet.
TEST(BatfishVpcEndpointGateway, PrivateInstanceHasNoRouteToOtherServices) {
  const Answer answer =
      Ask("test-vpc-endpoint-gateway", "i-01c6c0647fdccc89e", "54.222.57.1", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({"i-01c6c0647fdccc89e", "subnet-01e5f0945f6d6f47c"}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.check->resource, "rtb-04f71fc2caa8d94cf");
  EXPECT_NE(block.check->text.find("has no route for 54.222.57.1"), std::string::npos);
  // The endpoint serves only S3's listed prefixes, so it is not offered as a way there.
  EXPECT_EQ(FindHop(path, "vpce-0b7357542bb7b83ec"), nullptr);
}

// public instance -> 54.222.57.1:443: through the IGW to aws-backbone and
// aws-services-gateway ("internet" in netlint).
TEST(BatfishVpcEndpointGateway, PublicInstanceReachesOtherServicesThroughIgw) {
  const Answer answer =
      Ask("test-vpc-endpoint-gateway", "i-0464d440ca0ee9e34", "54.222.57.1", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(Comparable(answer.paths.front()),
            FromBatfish({"i-0464d440ca0ee9e34", "subnet-04391f04b912d0a73",
                         "vpc-05d56c7295fca139b", "igw-0c8afe4471084ccba", "aws-backbone",
                         "aws-services-gateway"}));
}

// ---------------------------------------------------------------------------------------------
// test-vpc-endpoint-interface (AwsConfigurationVpcEndpointInterfaceTest): the cloudtrail
// endpoint's interface eni-0084b734451ba23ca (10.1.101.97) is Batfish's node
// VpcEndpointInterface.getNodeId(subnet-0bb8615d8368ece31, vpce-083c683a6be29b889).

constexpr const char* kEndpointInterface = "eni-0084b734451ba23ca";

TEST(BatfishVpcEndpointInterface, SameSubnetInstanceReachesEndpointDirectly) {
  const Answer answer =
      Ask("test-vpc-endpoint-interface", "i-0a0fbd0cfa774970f", "10.1.101.97", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(AllHops(answer.paths.front()),
            FromBatfish({"i-0a0fbd0cfa774970f", kEndpointInterface}));
  EXPECT_EQ(answer.paths.front().hops.back().label, "vpc-endpoint vpce-083c683a6be29b889");
}

TEST(BatfishVpcEndpointInterface, OtherSubnetInstanceReachesEndpointThroughVpc) {
  const Answer answer =
      Ask("test-vpc-endpoint-interface", "i-0eb6eb395a0d09117", "10.1.101.97", Tcp(443));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  EXPECT_EQ(AllHops(answer.paths.front()),
            FromBatfish({"i-0eb6eb395a0d09117", "subnet-0611b848137c513d1",
                         "vpc-072d45b801aeffef2", "subnet-0bb8615d8368ece31",
                         kEndpointInterface}));
}

// ---------------------------------------------------------------------------------------------
// test-load-balancer (AwsConfigurationLoadBalancerTest): internal NLB test-lb, TCP:80 to the
// targets' port 22, cross-zone. Batfish's load balancer nodes are netlint's load balancer
// interfaces: eni-01f261dccaba46564 (10.1.1.237, us-east-2b, subnet-090fe152cd18ced20) and
// eni-0c82d6f7254ae6695 (10.1.20.123, us-east-2a, subnet-0873d71031a560a88).

constexpr const char* kClient = "i-0c8ce8bbdd98cc4e8";
constexpr const char* kTarget1 = "i-055b0db7be365202c";  // subnet-090fe152cd18ced20
constexpr const char* kTarget2 = "i-0f4af951d61a19245";  // subnet-0873d71031a560a88

// client -> the first node's address, port 80: accepted. netlint's answer for a load balancer's
// address stops at its listener (the targets are asked with --to <target> below); up to there
// the hops are Batfish's.
TEST(BatfishLoadBalancer, ClientReachesFirstNodeListener) {
  const Answer answer = Ask("test-load-balancer", kClient, "10.1.1.237", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(AllHops(path), FromBatfish({kClient, "subnet-065a3676df7fa9fd9",
                                        "vpc-015b20578b48c1349", "subnet-090fe152cd18ced20",
                                        "eni-01f261dccaba46564"}));
  EXPECT_EQ(path.hops.back().kind, "load-balancer");
  EXPECT_TRUE(HasCheck(path.hops.back(), Verdict::kReachable,
                       "arn:aws:elasticloadbalancing:us-east-2:554773406868:listener/net/"
                       "test-lb/725b996cb6be8fba/bad604160f6b5da7",
                       "listener TCP:80 accepts it"));
}

// client -> the second node, port 80, reaches i-0f4af951d61a19245 in the node's own subnet:
// Batfish's trace [client, client subnet, vpc, subnet S2, node 2, S2 instance] is netlint's path
// to that target through the load balancer, hop for hop.
TEST(BatfishLoadBalancer, ClientReachesSecondTargetThroughSecondNode) {
  const Answer answer = Ask("test-load-balancer", kClient, kTarget2, Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(path.via, "load balancer test-lb");
  EXPECT_EQ(AllHops(path), FromBatfish({kClient, "subnet-065a3676df7fa9fd9",
                                        "vpc-015b20578b48c1349", "subnet-0873d71031a560a88",
                                        "eni-0c82d6f7254ae6695", kTarget2}));
  // The node forwards to the target's port 22, which the target's group admits.
  EXPECT_TRUE(HasCheck(path.hops.back(), Verdict::kReachable, "sg-09dabbcbd3f44ebcf", "tcp/22"));
}

// Reachability to both targets is asserted. netlint takes the node in the target's zone; Batfish
// shows a cross-zone trace (node 1 -> S2), which netlint does not list.
TEST(BatfishLoadBalancer, ClientReachesBothTargets) {
  for (const char* target : {kTarget1, kTarget2}) {
    const Answer answer = Ask("test-load-balancer", kClient, target, Tcp(80));
    EXPECT_EQ(answer.verdict, Verdict::kReachable) << target;
  }
  const Answer first = Ask("test-load-balancer", kClient, kTarget1, Tcp(80));
  ASSERT_FALSE(first.paths.empty());
  EXPECT_EQ(AllHops(first.paths.front()),
            (Hops{kClient, "subnet-065a3676df7fa9fd9", "subnet-090fe152cd18ced20",
                  "eni-01f261dccaba46564", kTarget1}));
}

// client -> either node, port 81 (no listener): DENIED_IN at the load balancer node.
TEST(BatfishLoadBalancer, PortWithoutListenerIsDeniedAtNode) {
  const std::vector<std::pair<std::string, Hops>> nodes = {
      {"10.1.1.237", {kClient, "subnet-065a3676df7fa9fd9", "vpc-015b20578b48c1349",
                      "subnet-090fe152cd18ced20", "eni-01f261dccaba46564"}},
      {"10.1.20.123", {kClient, "subnet-065a3676df7fa9fd9", "vpc-015b20578b48c1349",
                       "subnet-0873d71031a560a88", "eni-0c82d6f7254ae6695"}}};
  for (const auto& [address, batfish] : nodes) {
    const Answer answer = Ask("test-load-balancer", kClient, address, Tcp(81));
    EXPECT_EQ(answer.verdict, Verdict::kBlocked) << address;
    ASSERT_FALSE(answer.paths.empty());
    const PathResult& path = answer.paths.front();
    EXPECT_EQ(Comparable(path), FromBatfish(batfish)) << address;
    const Block block = FirstBlock(path);
    ASSERT_NE(block.hop, nullptr);
    EXPECT_EQ(block.hop->kind, "load-balancer");
    EXPECT_EQ(block.check->text, "test-lb has no listener for tcp/81 (listeners: TCP:80)");
  }
}

// ---------------------------------------------------------------------------------------------
// test-vpc-peering (AwsConfigurationVpcPeeringTest). A (10.10.0.0/16) peers with B and C (both
// 192.168.0.0/16). Batfish's flows carry no protocol; tcp/80 here.

constexpr const char* kPeerA = "i-06ba034d88c84ef07";
constexpr const char* kPeerB = "i-0b14080af811fda3d";
constexpr const char* kSubnetA = "subnet-006a19c846f047bd7";
constexpr const char* kSubnetB = "subnet-0ebf6378a79a3e534";
constexpr const char* kVpcA = "vpc-0404e08ceddf7f650";
constexpr const char* kVpcB = "vpc-00a31ce9d0c06675c";

TEST(BatfishVpcPeering, AToBCrossesPeeringAndIsDeniedByBsGroup) {
  const Answer answer = Ask("test-vpc-peering", kPeerA, "192.168.1.106", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(path.via, "VPC peering pcx-0b89b559e3319d6cf");
  EXPECT_EQ(Comparable(path), FromBatfish({kPeerA, kSubnetA, kVpcA, kVpcB, kSubnetB, kPeerB}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPeerB);
  EXPECT_EQ(block.check->resource, "sg-065c26b39e45ae384");
}

TEST(BatfishVpcPeering, BToACrossesPeeringAndIsDeniedByAsGroup) {
  const Answer answer = Ask("test-vpc-peering", kPeerB, "10.10.10.157", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({kPeerB, kSubnetB, kVpcB, kVpcA, kSubnetA, kPeerA}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPeerA);
  EXPECT_EQ(block.check->resource, "sg-09606ce9642cac154");
}

// A -> 192.168.100.1 (unused space of B's and C's /16): NO_ROUTE at subnet A.
TEST(BatfishVpcPeering, AToUnusedPeerSpaceHasNoRouteAtSubnetA) {
  const Answer answer = Ask("test-vpc-peering", kPeerA, "192.168.100.1", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({kPeerA, kSubnetA}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kSubnetA);
  EXPECT_EQ(block.check->resource, "rtb-0891861fffaea6d52");
  EXPECT_NE(block.check->text.find("has no route for 192.168.100.1"), std::string::npos);
}

// B -> 10.10.100.1 (in A's VPC, in no subnet): NULL_ROUTED at VPC A.
TEST(BatfishVpcPeering, BToUnusedSpaceOfAIsDroppedByVpcA) {
  const Answer answer = Ask("test-vpc-peering", kPeerB, "10.10.100.1", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({kPeerB, kSubnetB, kVpcB, kVpcA}));
  EXPECT_EQ(AllHops(path),
            (Hops{kPeerB, kSubnetB, "pcx-0b89b559e3319d6cf", "10.10.100.1"}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.check->resource, kVpcA);
}

// B -> 10.10.10.11 (an unused address of subnet A): NEIGHBOR_UNREACHABLE at subnet A.
TEST(BatfishVpcPeering, BToUnusedAddressOfSubnetAFindsNoNeighbour) {
  const Answer answer = Ask("test-vpc-peering", kPeerB, "10.10.10.11", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path), FromBatfish({kPeerB, kSubnetB, kVpcB, kVpcA, kSubnetA}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, "10.10.10.11");
  EXPECT_EQ(block.hop->label, std::string("in ") + kSubnetA);
  EXPECT_NE(block.check->text.find("nothing answers"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// test-vpc-peering-multi-account (AwsConfigurationVpcPeeringCrossAccountTest): SSH A <-> B
// across accounts 123456789012 and 123456789013, accepted both ways.

TEST(BatfishVpcPeeringMultiAccount, SshAcrossAccountsBothWays) {
  const Answer ab =
      Ask("test-vpc-peering-multi-account", "i-07ae69cc808e8804e", "10.2.1.252", Tcp(22));
  EXPECT_EQ(ab.verdict, Verdict::kReachable);
  ASSERT_FALSE(ab.paths.empty());
  EXPECT_EQ(Comparable(ab.paths.front()),
            FromBatfish({"i-07ae69cc808e8804e", "subnet-03a80d08017ee39ef",
                         "vpc-0f44fae3468d2b998", "vpc-05951c91977125d2e",
                         "subnet-088d6408a3a6129fa", "i-066ce0b1efbb5602c"}));
  const Answer ba =
      Ask("test-vpc-peering-multi-account", "i-066ce0b1efbb5602c", "10.1.1.100", Tcp(22));
  EXPECT_EQ(ba.verdict, Verdict::kReachable);
  ASSERT_FALSE(ba.paths.empty());
  EXPECT_EQ(Comparable(ba.paths.front()),
            FromBatfish({"i-066ce0b1efbb5602c", "subnet-088d6408a3a6129fa",
                         "vpc-05951c91977125d2e", "vpc-0f44fae3468d2b998",
                         "subnet-03a80d08017ee39ef", "i-07ae69cc808e8804e"}));
}

// ---------------------------------------------------------------------------------------------
// test-transit-gateway (AwsConfigurationTransitGatewayTest). netlint does not model transit
// gateway route tables: the TGW hop is "unknown", and a path blocked elsewhere is still "not
// reachable". Batfish's flows carry no protocol; tcp/80 here.

constexpr const char* kTgw = "tgw-044be4464fcc69aff";
constexpr const char* kInstanceA2 = "i-075e846ed41670385";
constexpr const char* kSubnetA2 = "subnet-0b5b8ddd5a69fcfcd";

TEST(BatfishTransitGateway, AToBCrossesTgwAndIsDeniedByBsGroup) {
  const Answer answer = Ask("test-transit-gateway", kPeerA, "192.168.1.106", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({kPeerA, kSubnetA, kVpcA, kTgw, kVpcB, kSubnetB, kPeerB}));
  const Hop* tgw = FindHop(path, kTgw);
  ASSERT_NE(tgw, nullptr);
  EXPECT_TRUE(HasCheck(*tgw, Verdict::kUnknown, kTgw, "route tables are not modelled"));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPeerB);
  EXPECT_EQ(block.check->resource, "sg-065c26b39e45ae384");
}

TEST(BatfishTransitGateway, BToACrossesTgwAndIsDeniedByAsGroup) {
  const Answer answer = Ask("test-transit-gateway", kPeerB, "10.10.10.157", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(Comparable(path),
            FromBatfish({kPeerB, kSubnetB, kVpcB, kTgw, kVpcA, kSubnetA, kPeerA}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kPeerA);
}

// A2 -> B: NULL_ROUTED at subnet A2, whose zone (us-east-2a) has no subnet of VPC A's TGW
// attachment (it attaches us-east-2c only), so AWS does not forward A2's traffic to the transit
// gateway. netlint blocks at the attachment's zone check on the TGW hop (Batfish models the
// attachment as the subnet's next hop; same cause), and lists B's group as a second blocker.
TEST(BatfishTransitGateway, A2ToBIsDroppedForLackOfAnAttachmentInItsZone) {
  const Answer answer = Ask("test-transit-gateway", kInstanceA2, "192.168.1.106", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(AllHops(path), (Hops{kInstanceA2, kSubnetA2, kTgw, kSubnetB, kPeerB}));
  const Block block = FirstBlock(path);
  ASSERT_NE(block.hop, nullptr);
  EXPECT_EQ(block.hop->node, kTgw);
  EXPECT_EQ(block.check->resource, "tgw-attach-07f5ec59e9f540021");
  EXPECT_NE(block.check->text.find("in us-east-2c only, so subnet-0b5b8ddd5a69fcfcd in us-east-2a "
                                   "cannot reach the transit gateway"),
            std::string::npos)
      << block.check->text;
}

// B -> A2: DENIED_IN at A2 by its security group (PROVENANCE; an older version of the Java test
// had NULL_ROUTED at VPC A). netlint agrees on the security group and adds what Batfish's
// one-way trace does not check: A2's replies could not go back either, since its zone has no
// attachment subnet (a return-traffic block on the TGW hop).
TEST(BatfishTransitGateway, BToA2IsDeniedByA2sGroup) {
  const Answer answer = Ask("test-transit-gateway", kPeerB, "10.10.20.154", Tcp(80));
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_FALSE(answer.paths.empty());
  const PathResult& path = answer.paths.front();
  EXPECT_EQ(AllHops(path), (Hops{kPeerB, kSubnetB, kTgw, kSubnetA2, kInstanceA2}));
  const Hop* a2 = FindHop(path, kInstanceA2);
  ASSERT_NE(a2, nullptr);
  bool denied_by_group = false;
  for (const Check& check : a2->checks) {
    denied_by_group = denied_by_group || (check.verdict == Verdict::kBlocked &&
                                          check.resource == "sg-051f619de836dbaf3");
  }
  EXPECT_TRUE(denied_by_group);
  const Hop* tgw = FindHop(path, kTgw);
  ASSERT_NE(tgw, nullptr);
  EXPECT_TRUE(HasCheck(*tgw, Verdict::kBlocked, "tgw-attach-07f5ec59e9f540021",
                       "return traffic: tgw-attach-07f5ec59e9f540021 attaches"));
}

}  // namespace
}  // namespace netlint::reach
