#include "analyzer/ingest/scope_from_path.h"

#include <gtest/gtest.h>

namespace netlint::ingest {
namespace {

model::Scope S(std::string account, std::string region) { return {account, region}; }

TEST(ScopeFromPathTest, BatfishLayouts) {
  EXPECT_EQ(ScopeFromPath("snap/aws_configs/accounts/123456789012/us-west-2/Vpcs.json"),
            S("123456789012", "us-west-2"));
  EXPECT_EQ(ScopeFromPath("snap/aws_configs/accounts/111/us-west-1/Vpcs.json"),
            S("111", "us-west-1"));
  EXPECT_EQ(ScopeFromPath("snap/aws_configs/eu-central-1/Subnets.json"), S("", "eu-central-1"));
  EXPECT_EQ(ScopeFromPath("snap/aws_configs/Vpcs.json"), S("", ""));
  EXPECT_EQ(ScopeFromPath("testrig/aws_configs/Vpcs-us-west-2.json"), S("", "us-west-2"));
  EXPECT_EQ(ScopeFromPath("x/SecurityGroups-us-gov-west-1.json"), S("", "us-gov-west-1"));
}

TEST(ScopeFromPathTest, CloudMapperLayout) {
  EXPECT_EQ(ScopeFromPath("account-data/demo/us-east-1/ec2-describe-vpcs.json"),
            S("demo", "us-east-1"));
}

TEST(ScopeFromPathTest, LooksLikeRegionIsStrict) {
  EXPECT_TRUE(LooksLikeRegion("us-east-1"));
  EXPECT_TRUE(LooksLikeRegion("ap-southeast-3"));
  EXPECT_TRUE(LooksLikeRegion("us-gov-east-1"));
  EXPECT_FALSE(LooksLikeRegion("us-east"));
  EXPECT_FALSE(LooksLikeRegion("US-EAST-1"));
  EXPECT_FALSE(LooksLikeRegion("describe-vpcs-1"));
  EXPECT_FALSE(LooksLikeRegion("ec2-describe-vpcs"));
}

TEST(ScopeFromPathTest, FileNamesThatLookLikeCallsAreNotRegions) {
  EXPECT_EQ(ScopeFromPath("ec2-describe-vpcs.json"), S("", ""));
  EXPECT_EQ(ScopeFromPath("out/ec2-describe-vpc-attribute-enableDnsSupport.json"), S("", ""));
}

}  // namespace
}  // namespace netlint::ingest
