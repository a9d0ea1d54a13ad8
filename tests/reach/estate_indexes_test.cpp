// Questions whose answer the engine finds through its indexes rather than a scan of the whole
// estate: the internet gateways of the destination's VPC, and the prefix lists the input
// describes for a service. fixtures/networks/two-gateways.json has two VPCs with a gateway
// each (the other VPC's listed first) and an S3 gateway endpoint whose route names a list the
// input does not describe, beside the described S3 list.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "netlint/engine/engine.h"
#include "netlint/reach/reach.h"
#include "tests/support/golden.h"

namespace netlint::reach {
namespace {

constexpr const char* kWeb = "i-0a70100000000002";

const engine::LoadedModel& TwoGateways() {
  static const auto loaded = std::make_unique<engine::LoadedModel>(engine::LoadModel(
      {(testing::FixturesDir() / "networks" / "two-gateways.json").string()}));
  return *loaded;
}

Endpoint Resolve(const std::string& text) {
  std::string error;
  const auto endpoint = TwoGateways().reachability->Resolve(text, error);
  EXPECT_TRUE(endpoint.has_value()) << text << ": " << error;
  return endpoint.value_or(Endpoint::Internet());
}

std::vector<std::string> Vias(const Answer& answer) {
  std::vector<std::string> vias;
  for (const PathResult& path : answer.paths) vias.push_back(path.via);
  for (const PathResult& path : answer.alternatives) vias.push_back(path.via);
  return vias;
}

TEST(EstateIndexes, InternetEntersThroughTheGatewayOfTheDestinationsVpcOnly) {
  ASSERT_NE(TwoGateways().reachability, nullptr);
  const Answer answer = TwoGateways().reachability->Query(
      Endpoint::Internet(), Resolve(kWeb), {model::Protocol::Tcp(), 443, model::IpFamily::kV4});
  EXPECT_EQ(answer.verdict, Verdict::kReachable);
  EXPECT_EQ(Vias(answer), std::vector<std::string>{"internet gateway igw-0a70100000000002"});
}

TEST(EstateIndexes, ExposureIsFoundThroughTheGatewayOfTheWorkloadsVpc) {
  ASSERT_NE(TwoGateways().reachability, nullptr);
  const std::vector<Exposure> exposures =
      TwoGateways().reachability->InternetExposure(Resolve(kWeb));
  ASSERT_EQ(exposures.size(), 1u);
  EXPECT_EQ(exposures.front().protocol.Name(), "tcp");
  EXPECT_EQ(model::DescribePortSet(exposures.front().ports), "443");
  EXPECT_EQ(exposures.front().example.via, "internet gateway igw-0a70100000000002");
}

TEST(EstateIndexes, ServiceAddressesComeFromTheDescribedListNotTheRoutesUndescribedOne) {
  ASSERT_NE(TwoGateways().reachability, nullptr);
  const Answer answer = TwoGateways().reachability->Query(
      Resolve(kWeb), Endpoint::AwsService("s3"),
      {model::Protocol::Tcp(), 443, model::IpFamily::kV4});
  EXPECT_EQ(answer.verdict, Verdict::kBlocked);
  ASSERT_EQ(Vias(answer), std::vector<std::string>{"gateway endpoint vpce-0a70100000000002"});
  const std::vector<const Check*> blocked = answer.paths.front().ChecksWith(Verdict::kBlocked);
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_EQ(blocked.front()->text,
            "no egress rule of sg-0a70100000000002 (web) allows tcp/443 to the addresses of s3 "
            "(pl-0a701000000000f1)");
}

}  // namespace
}  // namespace netlint::reach
