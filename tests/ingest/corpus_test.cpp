// A real snapshot written by others (Batfish's NAT gateway test network, fixtures/corpus), loaded
// end to end: exact facts of the model it becomes, and the findings netlint reports on it.

#include <gtest/gtest.h>

#include "netlint/ingest/loader.h"
#include "netlint/model/topology.h"
#include "tests/support/golden.h"

namespace netlint::ingest {
namespace {

class BatfishNatGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = (testing::FixturesDir() / "corpus" / "batfish-test-nat-gateway").string();
    stats_ = LoadInputs(std::vector<std::string>{dir}, network_, files_, diagnostics_);
    network_.Freeze();
  }

  model::Network network_;
  FileTable files_;
  DiagnosticSink diagnostics_;
  LoadStats stats_;
};

TEST_F(BatfishNatGatewayTest, LoadsEveryFileAndEntity) {
  EXPECT_EQ(stats_.files_seen, 10u);  // nine snapshot files and PROVENANCE.md
  EXPECT_EQ(stats_.files_recognised, 9u);
  EXPECT_EQ(network_.vpcs.size(), 1u);
  EXPECT_EQ(network_.subnets.size(), 3u);
  EXPECT_EQ(network_.route_tables.size(), 3u);
  EXPECT_EQ(network_.security_groups.size(), 3u);
  EXPECT_EQ(network_.network_acls.size(), 2u);
  EXPECT_EQ(network_.internet_gateways.size(), 1u);
  EXPECT_EQ(network_.nat_gateways.size(), 1u);
  EXPECT_EQ(network_.instances.size(), 3u);
  EXPECT_EQ(network_.network_interfaces.size(), 4u) << "embedded copies are merged";
  EXPECT_TRUE(diagnostics_.diagnostics().empty());
}

TEST_F(BatfishNatGatewayTest, NatGatewayAndInterfaceOwners) {
  const model::NatGateway* nat = network_.FindNatGateway("nat-07ab4846da51f4612", 0);
  ASSERT_NE(nat, nullptr);
  EXPECT_EQ(nat->subnet_id, "subnet-0428892a357fa1f94");
  ASSERT_EQ(nat->addresses.size(), 1u);
  EXPECT_EQ(nat->addresses[0].public_ip->ToString(), "3.135.127.225");
  EXPECT_EQ(nat->addresses[0].private_ip->ToString(), "10.1.250.210");
  const model::NetworkInterface* nat_eni = network_.FindNetworkInterface("eni-017aaec115610308a", 0);
  ASSERT_NE(nat_eni, nullptr);
  EXPECT_EQ(nat_eni->owner, model::InterfaceOwner::kNatGateway);
  EXPECT_EQ(nat_eni->owner_ref, "nat-07ab4846da51f4612");
  EXPECT_EQ(network_.FindNetworkInterface("eni-0e4ce6a7777b9bff8", 0)->owner_ref,
            "i-0a128d26e59be60f3");
}

TEST_F(BatfishNatGatewayTest, EffectiveRouteTables) {
  const model::Topology topology(network_);
  const model::Subnet* private_subnet = network_.FindSubnet("subnet-06f469bcee42e408e", 0);
  ASSERT_NE(private_subnet, nullptr);
  const model::RouteTableBinding binding = topology.RouteTableFor(*private_subnet);
  ASSERT_NE(binding.table, nullptr);
  EXPECT_TRUE(binding.explicit_association);
  bool routes_to_nat = false;
  for (const model::Route& route : binding.table->routes) {
    routes_to_nat |= route.target_kind == model::RouteTargetKind::kNatGateway &&
                     route.target_id == "nat-07ab4846da51f4612" &&
                     route.DestinationText() == "0.0.0.0/0";
  }
  EXPECT_TRUE(routes_to_nat);
  // The third subnet has no explicit association: the main table, with only the local route.
  const model::Subnet* unassociated = network_.FindSubnet("subnet-02ff259e663e9613e", 0);
  const model::RouteTableBinding main = topology.RouteTableFor(*unassociated);
  ASSERT_NE(main.table, nullptr);
  EXPECT_FALSE(main.explicit_association);
  EXPECT_EQ(main.table->id, "rtb-0e169c4a1e0b27b55");
  ASSERT_EQ(main.table->routes.size(), 1u);
  EXPECT_EQ(main.table->routes[0].target_kind, model::RouteTargetKind::kLocal);
}

TEST(CorpusFindingsTest, BatfishNatGatewaySnapshot) {
  const auto dir = testing::FixturesDir() / "corpus" / "batfish-test-nat-gateway";
  EXPECT_EQ(testing::CompareWithGolden(dir.parent_path() / "batfish-test-nat-gateway.expected",
                                       testing::RunConcise({dir.string()}, {"ALL"}, dir)),
            "");
}

}  // namespace
}  // namespace netlint::ingest
