#include "rules/common/subnet_role.h"

#include <gtest/gtest.h>

namespace netlint::rules {
namespace {

using model::IpFamily;
using model::RouteTargetKind;

template <typename T>
T Named(std::string id) {
  T item;
  item.id = std::move(id);
  return item;
}

model::Route V4Route(const char* destination, RouteTargetKind kind, std::string target,
                     model::RouteState state = model::RouteState::kActive) {
  model::Route route;
  route.destination_v4 = *model::Ipv4Prefix::Parse(destination);
  route.target_kind = kind;
  route.target_id = std::move(target);
  route.state = state;
  return route;
}

model::Route V6Route(const char* destination, RouteTargetKind kind, std::string target) {
  model::Route route;
  route.destination_v6 = *model::Ipv6Prefix::Parse(destination);
  route.target_kind = kind;
  route.target_id = std::move(target);
  return route;
}

model::RouteTable Table(std::vector<model::Route> routes) {
  model::RouteTable table = Named<model::RouteTable>("rtb-1");
  table.routes = std::move(routes);
  return table;
}

constexpr auto kIgw = RouteTargetKind::kInternetGateway;

// A network that describes no gateway: every route is taken at its word.
const model::Network& NoGateways() {
  static model::Network network;
  if (!network.frozen()) network.Freeze();
  return network;
}

TEST(MentionsWordTest, SplitsWordsAndIgnoresNegations) {
  EXPECT_TRUE(MentionsWord("shop-public-a", "public"));
  EXPECT_TRUE(MentionsWord("PublicSubnet1", "public"));
  EXPECT_TRUE(MentionsWord("Vpc/PUBLIC", "public"));
  EXPECT_TRUE(MentionsWord("private2", "private"));
  EXPECT_TRUE(MentionsWord("Private Subnet (AZ1)", "private"));
  EXPECT_FALSE(MentionsWord("nonpublic", "public"));
  EXPECT_FALSE(MentionsWord("non-public", "public"));
  EXPECT_FALSE(MentionsWord("NonPublic", "public"));
  EXPECT_FALSE(MentionsWord("not_public", "public"));
  EXPECT_FALSE(MentionsWord("publicly-reachable", "public"));
  EXPECT_FALSE(MentionsWord("", "public"));
}

TEST(NamedIntentTest, NameOrTagValueSaysPrivateOrPublic) {
  model::Subnet subnet;
  subnet.tags = {{"Tier", "data"}, {"Name", "app-private-a"}};
  auto intent = NamedIntentOf(subnet);
  ASSERT_TRUE(intent.has_value());
  EXPECT_EQ(intent->kind, SubnetRoleKind::kNamedPrivate);
  EXPECT_EQ(intent->description, "Name tag \"app-private-a\"");

  subnet.tags = {{"aws-cdk:subnet-type", "Public"}};
  intent = NamedIntentOf(subnet);
  ASSERT_TRUE(intent.has_value());
  EXPECT_EQ(intent->kind, SubnetRoleKind::kNamedPublic);
  EXPECT_EQ(intent->description, "tag aws-cdk:subnet-type = \"Public\"");

  subnet.tags = {{"Name", "private-to-public-bridge"}};
  EXPECT_FALSE(NamedIntentOf(subnet).has_value()) << "contradictory names say nothing";
  subnet.tags = {{"Name", "nonpublic-batch"}};
  EXPECT_FALSE(NamedIntentOf(subnet).has_value());
}

TEST(InternetGatewayRoutingTest, DefaultRouteToInternetGatewayIsPublic) {
  const model::RouteTable table = Table({V4Route("0.0.0.0/0", kIgw, "igw-1")});
  const InternetRouting routing = InternetGatewayRouting(table, IpFamily::kV4, NoGateways());
  EXPECT_EQ(routing.covered, Tristate::kYes);
  ASSERT_EQ(routing.routes.size(), 1u);
  EXPECT_EQ(InternetGatewayRouting(table, IpFamily::kV6, NoGateways()).covered, Tristate::kNo);
}

TEST(InternetGatewayRoutingTest, HalvesTogetherCoverTheInternet) {
  const model::RouteTable halves =
      Table({V4Route("0.0.0.0/1", kIgw, "igw-1"), V4Route("128.0.0.0/1", kIgw, "igw-1")});
  EXPECT_EQ(InternetGatewayRouting(halves, IpFamily::kV4, NoGateways()).covered, Tristate::kYes);
  const model::RouteTable half = Table({V4Route("0.0.0.0/1", kIgw, "igw-1")});
  EXPECT_EQ(InternetGatewayRouting(half, IpFamily::kV4, NoGateways()).covered, Tristate::kNo);
  // Private space is not the internet: routing it to an internet gateway changes nothing.
  const model::RouteTable private_only = Table({V4Route("10.0.0.0/8", kIgw, "igw-1")});
  EXPECT_EQ(InternetGatewayRouting(private_only, IpFamily::kV4, NoGateways()).covered, Tristate::kNo);
}

TEST(InternetGatewayRoutingTest, BlackholesEgressOnlyAndNatNeverMakeAPublicSubnet) {
  const model::RouteTable table =
      Table({V4Route("0.0.0.0/0", kIgw, "igw-1", model::RouteState::kBlackhole),
             V4Route("0.0.0.0/1", RouteTargetKind::kNatGateway, "nat-1"),
             V6Route("::/0", RouteTargetKind::kEgressOnlyInternetGateway, "eigw-1")});
  EXPECT_EQ(InternetGatewayRouting(table, IpFamily::kV4, NoGateways()).covered, Tristate::kNo);
  EXPECT_EQ(InternetGatewayRouting(table, IpFamily::kV6, NoGateways()).covered, Tristate::kNo);
  const model::RouteTable v6 = Table({V6Route("::/0", kIgw, "igw-1")});
  EXPECT_EQ(InternetGatewayRouting(v6, IpFamily::kV6, NoGateways()).covered, Tristate::kYes);
}

TEST(InternetGatewayRoutingTest, InspectionHopsAreUnknown) {
  const model::RouteTable firewall =
      Table({V4Route("0.0.0.0/0", RouteTargetKind::kGatewayEndpoint, "vpce-1")});
  const InternetRouting routing = InternetGatewayRouting(firewall, IpFamily::kV4, NoGateways());
  EXPECT_EQ(routing.covered, Tristate::kUnknown);
  EXPECT_EQ(routing.unresolved_routes.size(), 1u);
  const model::RouteTable mixed =
      Table({V4Route("0.0.0.0/1", kIgw, "igw-1"),
             V4Route("128.0.0.0/1", RouteTargetKind::kInstance, "i-1")});
  EXPECT_EQ(InternetGatewayRouting(mixed, IpFamily::kV4, NoGateways()).covered, Tristate::kUnknown);
}

TEST(InternetGatewayRoutingTest, GatewayNotAttachedToTheVpcCarriesNothing) {
  model::Network network;
  model::InternetGateway detached = Named<model::InternetGateway>("igw-detached");
  detached.attachments.push_back({"vpc-other", true});
  network.internet_gateways.push_back(detached);
  model::InternetGateway attached = Named<model::InternetGateway>("igw-attached");
  attached.attachments.push_back({"vpc-1", true});
  network.internet_gateways.push_back(attached);
  model::InternetGateway detaching = Named<model::InternetGateway>("igw-detaching");
  detaching.attachments.push_back({"vpc-1", false});
  network.internet_gateways.push_back(detaching);
  network.Freeze();

  model::RouteTable table = Table({V4Route("0.0.0.0/0", kIgw, "igw-detached")});
  table.vpc_id = "vpc-1";
  InternetRouting routing = InternetGatewayRouting(table, IpFamily::kV4, network);
  EXPECT_EQ(routing.covered, Tristate::kNo);
  EXPECT_TRUE(routing.routes.empty());
  ASSERT_EQ(routing.detached_routes.size(), 1u);
  EXPECT_EQ(routing.detached_routes.front(), &table.routes.front());
  EXPECT_EQ(DetachedGateway(table.routes.front(), table, network),
            &network.internet_gateways.front());

  table.routes = {V4Route("0.0.0.0/0", kIgw, "igw-detaching")};
  EXPECT_EQ(InternetGatewayRouting(table, IpFamily::kV4, network).covered, Tristate::kNo);

  table.routes = {V4Route("0.0.0.0/0", kIgw, "igw-attached")};
  routing = InternetGatewayRouting(table, IpFamily::kV4, network);
  EXPECT_EQ(routing.covered, Tristate::kYes);
  EXPECT_TRUE(routing.detached_routes.empty());

  // A gateway the input does not describe is taken at the route's word.
  table.routes = {V4Route("0.0.0.0/0", kIgw, "igw-elsewhere")};
  EXPECT_EQ(InternetGatewayRouting(table, IpFamily::kV4, network).covered, Tristate::kYes);
  EXPECT_EQ(DetachedGateway(table.routes.front(), table, network), nullptr);
}

class SubnetRoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model::Vpc vpc = Named<model::Vpc>("vpc-1");
    vpc.cidrs_v4.push_back({*model::Ipv4Prefix::Parse("10.0.0.0/16"), true, {}});
    network_.vpcs.push_back(vpc);
    model::Vpc bare = Named<model::Vpc>("vpc-2");  // no route tables in the input
    network_.vpcs.push_back(bare);
    for (const auto& [id, vpc_id] :
         {std::pair{"subnet-public", "vpc-1"}, std::pair{"subnet-implicit", "vpc-1"},
          std::pair{"subnet-unknown", "vpc-2"}}) {
      model::Subnet subnet = Named<model::Subnet>(id);
      subnet.vpc_id = vpc_id;
      network_.subnets.push_back(subnet);
    }
    network_.subnets[1].tags = {{"Name", "db-private-b"}};
    model::RouteTable main = Table({V4Route("0.0.0.0/0", RouteTargetKind::kNatGateway, "nat-1")});
    main.id = "rtb-main";
    main.vpc_id = "vpc-1";
    main.associations.push_back({"", "", true, {}});
    model::RouteTable custom = Table({V4Route("0.0.0.0/0", kIgw, "igw-1")});
    custom.id = "rtb-public";
    custom.vpc_id = "vpc-1";
    custom.associations.push_back({"subnet-public", "", false, {}});
    network_.route_tables = {main, custom};

    model::LoadBalancer web = Named<model::LoadBalancer>("arn:web");
    web.name = "web";
    web.internet_facing = true;
    web.subnets = {{"subnet-public", "a"}};
    model::LoadBalancer api = Named<model::LoadBalancer>("arn:api");
    api.name = "api";
    api.internet_facing = false;
    api.subnets = {{"subnet-implicit", "b"}};
    model::LoadBalancer unknown_scheme = Named<model::LoadBalancer>("arn:unknown");
    unknown_scheme.subnets = {{"subnet-implicit", "b"}};
    network_.load_balancers = {web, api, unknown_scheme};

    auto nat = [](const char* id, const char* subnet) {
      model::NatGateway gateway = Named<model::NatGateway>(id);
      gateway.vpc_id = "vpc-1";
      gateway.subnet_id = subnet;
      gateway.state = "available";
      return gateway;
    };
    model::NatGateway public_nat = nat("nat-1", "subnet-public");
    model::NatGateway private_nat = nat("nat-2", "subnet-implicit");
    private_nat.is_private = true;
    model::NatGateway deleted_nat = nat("nat-3", "subnet-implicit");
    deleted_nat.state = "deleted";
    network_.nat_gateways = {public_nat, private_nat, deleted_nat};

    model::DbSubnetGroup group = Named<model::DbSubnetGroup>("orders");
    group.subnet_ids = {"subnet-implicit", "subnet-missing"};
    network_.db_subnet_groups.push_back(group);
    model::DbInstance embedded = Named<model::DbInstance>("reports");
    embedded.subnet_group = "reports-subnets";
    embedded.subnet_ids = {"subnet-implicit"};
    model::DbInstance described = Named<model::DbInstance>("orders-1");
    described.subnet_group = "orders";
    described.subnet_ids = {"subnet-implicit"};
    network_.db_instances = {embedded, described};
    model::CacheSubnetGroup cache = Named<model::CacheSubnetGroup>("sessions");
    cache.subnet_ids = {"subnet-unknown"};
    network_.cache_subnet_groups.push_back(cache);
    network_.Freeze();
  }

  const model::Subnet& SubnetNamed(std::string_view id) const {
    return *network_.FindSubnet(id, 0);
  }

  model::Network network_;
};

TEST_F(SubnetRoleTest, EffectiveRouteTableDecidesPublicness) {
  const model::Topology topology(network_);
  const SubnetRouting explicit_public = RoutingOf(SubnetNamed("subnet-public"), topology);
  EXPECT_TRUE(explicit_public.explicit_association);
  EXPECT_EQ(explicit_public.IsPublic(IpFamily::kV4), Tristate::kYes);
  EXPECT_EQ(explicit_public.GatewayRoutesText(IpFamily::kV4), "0.0.0.0/0 to igw-1");

  const SubnetRouting implicit = RoutingOf(SubnetNamed("subnet-implicit"), topology);
  EXPECT_FALSE(implicit.explicit_association);
  ASSERT_NE(implicit.table, nullptr);
  EXPECT_EQ(implicit.table->id, "rtb-main");
  EXPECT_EQ(implicit.IsPublic(IpFamily::kV4), Tristate::kNo);
  EXPECT_EQ(implicit.TableText(), "the main route table rtb-main (implicit association)");
  EXPECT_EQ(implicit.MissingRouteText(IpFamily::kV4),
            "sends 0.0.0.0/0 to nat-1, not to an internet gateway");

  const SubnetRouting unknown = RoutingOf(SubnetNamed("subnet-unknown"), topology);
  EXPECT_EQ(unknown.table, nullptr);
  EXPECT_EQ(unknown.IsPublic(IpFamily::kV4), Tristate::kUnknown);
  EXPECT_EQ(unknown.IsPublic(IpFamily::kV6), Tristate::kUnknown);
}

TEST_F(SubnetRoleTest, RolesNameTheResourceThatGivesThem) {
  const model::Topology topology(network_);
  const SubnetRoles roles(topology);
  const model::Subnet& public_subnet = SubnetNamed("subnet-public");
  EXPECT_TRUE(roles.Has(public_subnet, SubnetRoleKind::kInternetFacingLoadBalancer));
  EXPECT_TRUE(roles.Has(public_subnet, SubnetRoleKind::kPublicNatGateway));
  EXPECT_FALSE(roles.Has(public_subnet, SubnetRoleKind::kDbSubnetGroup));

  const model::Subnet& implicit = SubnetNamed("subnet-implicit");
  EXPECT_TRUE(roles.Has(implicit, SubnetRoleKind::kInternalLoadBalancer));
  EXPECT_FALSE(roles.Has(implicit, SubnetRoleKind::kPublicNatGateway))
      << "private and deleted NAT gateways give no public role";
  EXPECT_TRUE(roles.Has(implicit, SubnetRoleKind::kNamedPrivate));
  std::vector<std::string> db_groups;
  for (const SubnetRole& role : roles.Of(implicit)) {
    if (role.kind == SubnetRoleKind::kDbSubnetGroup) db_groups.push_back(role.description);
  }
  // The described group once (not again through orders-1), and the embedded-only group.
  EXPECT_EQ(db_groups, (std::vector<std::string>{"DB subnet group orders",
                                                 "DB subnet group reports-subnets"}));
  int internal_lbs = 0;
  for (const SubnetRole& role : roles.Of(implicit)) {
    if (role.kind == SubnetRoleKind::kInternalLoadBalancer) {
      ++internal_lbs;
      EXPECT_EQ(role.description, "internal load balancer api");
      EXPECT_EQ(role.giver->id, "arn:api");
    }
  }
  EXPECT_EQ(internal_lbs, 1) << "a load balancer with an unknown scheme gives no role";
  EXPECT_TRUE(roles.Has(SubnetNamed("subnet-unknown"), SubnetRoleKind::kCacheSubnetGroup));
}

TEST_F(SubnetRoleTest, DataSubnetGroupsSkipMissingSubnets) {
  const std::vector<DataSubnetGroup> groups = DataSubnetGroups(network_);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].name, "orders");
  EXPECT_EQ(groups[0].subnets.size(), 1u);
  EXPECT_EQ(groups[1].name, "reports-subnets");
  EXPECT_EQ(groups[1].kind, model::ResourceKind::kDbInstance);
  EXPECT_EQ(groups[2].role, SubnetRoleKind::kCacheSubnetGroup);
}

}  // namespace
}  // namespace netlint::rules
