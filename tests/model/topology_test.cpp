#include "netlint/model/topology.h"

#include <gtest/gtest.h>

namespace netlint::model {
namespace {

template <typename T>
T Named(std::string id) {
  T item;
  item.id = std::move(id);
  return item;
}

class TopologyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Vpc vpc = Named<Vpc>("vpc-1");
    vpc.cidrs_v4.push_back({*Ipv4Prefix::Parse("10.0.0.0/16"), true, {}});
    network_.vpcs.push_back(vpc);
    for (const char* id : {"subnet-a", "subnet-b"}) {
      Subnet subnet = Named<Subnet>(id);
      subnet.vpc_id = "vpc-1";
      network_.subnets.push_back(subnet);
    }
    RouteTable main = Named<RouteTable>("rtb-main");
    main.vpc_id = "vpc-1";
    main.associations.push_back({"", "", true, {}});
    RouteTable custom = Named<RouteTable>("rtb-custom");
    custom.vpc_id = "vpc-1";
    custom.associations.push_back({"subnet-b", "", false, {}});
    network_.route_tables = {main, custom};
    NetworkAcl default_acl = Named<NetworkAcl>("acl-default");
    default_acl.vpc_id = "vpc-1";
    default_acl.is_default = true;
    NetworkAcl custom_acl = Named<NetworkAcl>("acl-custom");
    custom_acl.vpc_id = "vpc-1";
    custom_acl.subnet_ids = {"subnet-a"};
    network_.network_acls = {default_acl, custom_acl};
    SecurityGroup default_group = Named<SecurityGroup>("sg-default");
    default_group.name = "default";
    default_group.vpc_id = "vpc-1";
    SecurityGroup app = Named<SecurityGroup>("sg-app");
    app.vpc_id = "vpc-1";
    SgRule reference;
    reference.peer.kind = SgPeer::Kind::kSecurityGroup;
    reference.peer.id = "sg-app";
    app.ingress.push_back(reference);
    network_.security_groups = {default_group, app};
    for (const auto& [id, ip] : {std::pair{"eni-2", "10.0.2.9"}, std::pair{"eni-1", "10.0.1.5"}}) {
      NetworkInterface eni = Named<NetworkInterface>(id);
      eni.vpc_id = "vpc-1";
      eni.private_ips = {*Ipv4Address::Parse(ip)};
      eni.security_group_ids = {"sg-app"};
      network_.network_interfaces.push_back(eni);
    }
    EcsService service = Named<EcsService>("svc");
    service.network = AwsvpcConfiguration{{"subnet-a"}, {}, false};
    network_.ecs_services.push_back(service);
    network_.MarkComplete(0, ResourceKind::kNetworkInterface);
    network_.Freeze();
  }

  Network network_;
};

TEST_F(TopologyTest, SubnetsUseTheirExplicitTableElseTheMainOne) {
  const Topology topology(network_);
  const RouteTableBinding a = topology.RouteTableFor(network_.subnets[0]);
  EXPECT_EQ(a.table->id, "rtb-main");
  EXPECT_FALSE(a.explicit_association);
  const RouteTableBinding b = topology.RouteTableFor(network_.subnets[1]);
  EXPECT_EQ(b.table->id, "rtb-custom");
  EXPECT_TRUE(b.explicit_association);
  EXPECT_EQ(topology.SubnetsUsing(network_.route_tables[0]).size(), 1u);
}

TEST_F(TopologyTest, SubnetsUseTheirExplicitAclElseTheDefaultOne) {
  const Topology topology(network_);
  EXPECT_EQ(topology.NetworkAclFor(network_.subnets[0])->id, "acl-custom");
  EXPECT_EQ(topology.NetworkAclFor(network_.subnets[1])->id, "acl-default");
}

TEST_F(TopologyTest, GroupUsersIncludeEcsServicesWithoutGroupsOnTheDefaultGroup) {
  const Topology topology(network_);
  const auto default_users = topology.UsersOf(network_.security_groups[0]);
  ASSERT_EQ(default_users.size(), 1u);
  EXPECT_EQ(default_users[0].kind, ResourceKind::kEcsService);
  EXPECT_EQ(topology.UsersOf(network_.security_groups[1]).size(), 2u);
  EXPECT_TRUE(topology.UsersKnown(network_.security_groups[1]));
  EXPECT_EQ(topology.DefaultSecurityGroup(network_.vpcs[0])->id, "sg-default");
}

TEST(TopologyCarriersTest, DeclaredCarriersMakeUsersKnownExceptForDefaultGroups) {
  Network network;
  const ScopeId declared = network.InternScope({"111122223333", "eu-west-1"});
  const ScopeId listed = network.InternScope({"111122223333", "us-east-1"});
  const ScopeId neither = network.InternScope({"444455556666", "eu-west-1"});
  for (const ScopeId scope : {declared, listed, neither}) {
    for (const char* name : {"default", "app"}) {
      SecurityGroup group = Named<SecurityGroup>(std::string("sg-") + name);
      group.name = name;
      group.scope = scope;
      network.security_groups.push_back(group);
    }
  }
  network.MarkGroupCarriersComplete(declared);
  network.MarkComplete(listed, ResourceKind::kNetworkInterface);
  network.Freeze();
  EXPECT_TRUE(network.GroupCarriersComplete(declared));
  EXPECT_FALSE(network.GroupCarriersComplete(listed));
  // Declaring the carriers says nothing of their addresses.
  EXPECT_FALSE(network.IsComplete(declared, ResourceKind::kNetworkInterface));
  const Topology topology(network);
  const auto& groups = network.security_groups;
  EXPECT_FALSE(topology.UsersKnown(groups[0]));  // default group: launches outside the input
  EXPECT_TRUE(topology.UsersKnown(groups[1]));
  EXPECT_TRUE(topology.UsersKnown(groups[2]));  // a complete interface list knows them all
  EXPECT_TRUE(topology.UsersKnown(groups[3]));
  EXPECT_FALSE(topology.UsersKnown(groups[4]));
  EXPECT_FALSE(topology.UsersKnown(groups[5]));

  // Absorbing a network keeps the mark on the scope it maps to.
  Network merged;
  Network part;
  const ScopeId part_scope = part.InternScope({"111122223333", "eu-west-1"});
  part.MarkGroupCarriersComplete(part_scope);
  const std::vector<ScopeId> mapping = merged.Absorb(std::move(part));
  EXPECT_TRUE(merged.GroupCarriersComplete(mapping[part_scope]));
  EXPECT_FALSE(merged.GroupCarriersComplete(0));
}

TEST_F(TopologyTest, ReferencesAndRuleOwners) {
  const Topology topology(network_);
  const auto references = topology.ReferencesTo(network_.security_groups[1]);
  ASSERT_EQ(references.size(), 1u);
  EXPECT_EQ(topology.OwnerOf(*references[0]), &network_.security_groups[1]);
}

TEST_F(TopologyTest, InterfacesAreOrderedByAddressAndFoundByRange) {
  const Topology topology(network_);
  const auto all = topology.InterfacesOf(network_.vpcs[0]);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]->id, "eni-1");
  const auto prefix = *Ipv4Prefix::Parse("10.0.2.0/24");
  const auto in_range = topology.InterfacesInRange(network_.vpcs[0], prefix.First(), prefix.Last());
  ASSERT_EQ(in_range.size(), 1u);
  EXPECT_EQ(in_range[0]->id, "eni-2");
}

}  // namespace
}  // namespace netlint::model
