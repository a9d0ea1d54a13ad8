#include "netlint/model/network.h"

#include <gtest/gtest.h>

namespace netlint::model {
namespace {

Vpc MakeVpc(std::string id, ScopeId scope) {
  Vpc vpc;
  vpc.id = std::move(id);
  vpc.scope = scope;
  return vpc;
}

TEST(NetworkTest, LookupsPreferTheAskingScopeThenTheSameAccount) {
  Network network;
  const ScopeId east = network.InternScope({"111", "us-east-1"});
  const ScopeId west = network.InternScope({"111", "us-west-2"});
  const ScopeId other = network.InternScope({"222", "us-east-1"});
  network.vpcs.push_back(MakeVpc("vpc-1", other));
  network.vpcs.push_back(MakeVpc("vpc-1", west));
  network.vpcs.push_back(MakeVpc("vpc-1", east));
  network.Freeze();
  EXPECT_EQ(network.FindVpc("vpc-1", east)->scope, east);
  EXPECT_EQ(network.FindVpc("vpc-1", other)->scope, other);
  const ScopeId elsewhere = network.InternScope({"111", "eu-west-1"});
  EXPECT_EQ(network.FindVpc("vpc-1", elsewhere)->scope, west) << "same account before region";
  EXPECT_EQ(network.FindVpc("vpc-2", east), nullptr);
}

TEST(NetworkTest, InternScopeIsIdempotentAndZeroIsUnknown) {
  Network network;
  EXPECT_EQ(network.InternScope({}), 0);
  EXPECT_EQ(network.InternScope({"1", "r"}), network.InternScope({"1", "r"}));
}

TEST(NetworkTest, CompletenessIsPerScopeAndKind) {
  Network network;
  const ScopeId a = network.InternScope({"1", "r"});
  network.MarkComplete(a, ResourceKind::kSecurityGroup);
  EXPECT_TRUE(network.IsComplete(a, ResourceKind::kSecurityGroup));
  EXPECT_FALSE(network.IsComplete(a, ResourceKind::kVpc));
  EXPECT_FALSE(network.IsComplete(0, ResourceKind::kSecurityGroup));
  EXPECT_TRUE(network.AnyComplete(ResourceKind::kSecurityGroup));
}

TEST(NetworkTest, AbsorbMapsScopesAndCompleteness) {
  Network whole;
  const ScopeId existing = whole.InternScope({"1", "r"});
  whole.vpcs.push_back(MakeVpc("vpc-a", existing));
  Network part;
  const ScopeId part_scope = part.InternScope({"2", "r"});
  part.vpcs.push_back(MakeVpc("vpc-b", part_scope));
  part.MarkComplete(part_scope, ResourceKind::kVpc);
  const std::vector<ScopeId> map = whole.Absorb(std::move(part));
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0], 0);
  ASSERT_EQ(whole.vpcs.size(), 2u);
  EXPECT_EQ(whole.ScopeOf(whole.vpcs[1].scope).account, "2");
  EXPECT_TRUE(whole.IsComplete(map[part_scope], ResourceKind::kVpc));
  EXPECT_FALSE(whole.IsComplete(existing, ResourceKind::kVpc));
}

}  // namespace
}  // namespace netlint::model
