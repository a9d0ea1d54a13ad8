// The engine's building blocks on hand-made entities: first-match NACLs over address and port
// sets, security groups with references and quantifiers, longest-prefix route splits.

#include <gtest/gtest.h>

#include "analyzer/reach/flow_parts.h"

namespace netlint::reach {
namespace {

using model::AddressSet;
using model::Direction;
using model::Ipv4Prefix;
using model::Protocol;

Ipv4Prefix P(std::string_view text) { return *Ipv4Prefix::Parse(text); }

model::NaclEntry Entry(int number, Direction direction, model::RuleAction action,
                       std::string_view cidr, Protocol protocol = Protocol::All(),
                       model::PortRange ports = model::PortRange::All()) {
  model::NaclEntry entry;
  entry.rule_number = number;
  entry.direction = direction;
  entry.action = action;
  entry.cidr_v4 = P(cidr);
  entry.traffic = model::TrafficSelector{protocol, ports, {}};
  return entry;
}

AddressSpec Spec(std::string_view cidr, Quantifier quantifier) {
  return {AddressSet::Of(P(cidr)), quantifier, {}, {}};
}

constexpr auto kAllow = model::RuleAction::kAllow;
constexpr auto kDeny = model::RuleAction::kDeny;

class NaclTest : public ::testing::Test {
 protected:
  NaclTest() {
    acl.id = "acl-1";
    subnet.id = "subnet-1";
  }
  model::NetworkAcl acl;
  model::Subnet subnet;
};

TEST_F(NaclTest, FirstMatchByRuleNumberWithSets) {
  // A deny for 0.0.0.0/1 before an allow-all still lets 128.0.0.0/1 in.
  acl.entries = {Entry(90, Direction::kIngress, kDeny, "0.0.0.0/1"),
                 Entry(100, Direction::kIngress, kAllow, "0.0.0.0/0"),
                 Entry(32767, Direction::kIngress, kDeny, "0.0.0.0/0")};
  AddressSpec internet = Spec("0.0.0.0/0", Quantifier::kSome);
  FilterOutcome outcome = EvaluateNacl(&acl, subnet, Direction::kIngress, Protocol::Tcp(),
                                       model::PortRange::Single(22), false, internet, false);
  EXPECT_EQ(outcome.allowed, AddressSet::Of(P("128.0.0.0/1")));
  EXPECT_EQ(Judge(outcome, internet), Verdict::kReachable);
  EXPECT_EQ(internet.set, AddressSet::Of(P("128.0.0.0/1")));  // narrowed to what passed

  AddressSpec low_half = Spec("10.0.0.0/8", Quantifier::kEvery);
  outcome = EvaluateNacl(&acl, subnet, Direction::kIngress, Protocol::Tcp(),
                         model::PortRange::Single(22), false, low_half, false);
  EXPECT_EQ(Judge(outcome, low_half), Verdict::kBlocked);
  EXPECT_EQ(outcome.check.text, "acl-1 inbound entry 90 denies tcp/22 from 0.0.0.0/1");
}

TEST_F(NaclTest, EntriesOfTheOtherDirectionAndOtherPortsDoNotMatch) {
  acl.entries = {Entry(100, Direction::kEgress, kAllow, "0.0.0.0/0"),
                 Entry(110, Direction::kIngress, kAllow, "0.0.0.0/0", Protocol::Tcp(), {443, 443})};
  AddressSpec peer = Spec("10.0.0.0/16", Quantifier::kEvery);
  FilterOutcome outcome = EvaluateNacl(&acl, subnet, Direction::kIngress, Protocol::Tcp(),
                                       model::PortRange::Single(22), false, peer, false);
  EXPECT_EQ(Judge(outcome, peer), Verdict::kBlocked);
  EXPECT_EQ(outcome.check.text,
            "acl-1 inbound: no entry allows tcp/22 from 10.0.0.0/16, so the final * entry "
            "denies it");
}

TEST_F(NaclTest, ReturnTrafficNeedsEveryEphemeralPort) {
  acl.entries = {Entry(100, Direction::kEgress, kAllow, "0.0.0.0/0", Protocol::Tcp(),
                       {32768, 65535})};
  AddressSpec client = Spec("10.0.1.0/24", Quantifier::kEvery);
  FilterOutcome outcome = EvaluateNacl(&acl, subnet, Direction::kEgress, Protocol::Tcp(),
                                       {1024, 65535}, true, client, true);
  EXPECT_EQ(Judge(outcome, client), Verdict::kBlocked);
  EXPECT_EQ(outcome.check.text,
            "return traffic: acl-1 outbound allows tcp only on ports 32768-65535 of the "
            "ephemeral range 1024-65535 to 10.0.1.0/24; connections whose client port falls "
            "outside fail");
  // An attacker picks the port: for exposure one allowed port is enough.
  AddressSpec attacker = Spec("0.0.0.0/0", Quantifier::kSome);
  outcome = EvaluateNacl(&acl, subnet, Direction::kEgress, Protocol::Tcp(), {1024, 65535}, false,
                         attacker, true);
  EXPECT_EQ(Judge(outcome, attacker), Verdict::kReachable);
}

TEST_F(NaclTest, NoAclMeansTheDefaultAllowAll) {
  AddressSpec peer = Spec("0.0.0.0/0", Quantifier::kSome);
  FilterOutcome outcome = EvaluateNacl(nullptr, subnet, Direction::kIngress, Protocol::Udp(),
                                       model::PortRange::Single(53), false, peer, false);
  EXPECT_EQ(Judge(outcome, peer), Verdict::kReachable);
}

TEST(JudgeTest, PartOfEveryAddressIsUnknownPartOfSomeIsReachable) {
  FilterOutcome outcome;
  outcome.allowed = AddressSet::Of(P("10.0.1.0/25"));
  AddressSpec task = Spec("10.0.1.0/24", Quantifier::kEvery);
  EXPECT_EQ(Judge(outcome, task), Verdict::kUnknown);
  EXPECT_EQ(task.set, AddressSet::Of(P("10.0.1.0/25")));

  FilterOutcome again;
  again.allowed = AddressSet::Of(P("10.0.1.0/25"));
  AddressSpec any = Spec("10.0.1.0/24", Quantifier::kSome);
  EXPECT_EQ(Judge(again, any), Verdict::kReachable);

  FilterOutcome nothing;
  nothing.maybe = true;
  AddressSpec other = Spec("10.0.1.0/24", Quantifier::kEvery);
  EXPECT_EQ(Judge(nothing, other), Verdict::kUnknown);
}

class GroupsTest : public ::testing::Test {
 protected:
  GroupsTest() {
    model::Vpc vpc;
    vpc.id = "vpc-1";
    vpc.cidrs_v4.push_back({P("10.0.0.0/16"), true, {}});
    network.vpcs.push_back(vpc);
    model::SecurityGroup app;
    app.id = "sg-app";
    app.name = "app";
    app.vpc_id = "vpc-1";
    model::SecurityGroup alb;
    alb.id = "sg-alb";
    alb.name = "alb";
    alb.vpc_id = "vpc-1";
    model::SgRule from_alb;
    from_alb.traffic = model::TrafficSelector{Protocol::Tcp(), {8080, 8080}, {}};
    from_alb.peer.kind = model::SgPeer::Kind::kSecurityGroup;
    from_alb.peer.id = "sg-alb";
    app.ingress.push_back(from_alb);
    model::SgRule from_office;
    from_office.traffic = model::TrafficSelector{Protocol::Tcp(), {22, 22}, {}};
    from_office.peer.kind = model::SgPeer::Kind::kCidrV4;
    from_office.peer.cidr_v4 = P("198.51.100.0/24");
    app.ingress.push_back(from_office);
    model::SgRule from_pl;
    from_pl.traffic = model::TrafficSelector{Protocol::Tcp(), {9000, 9000}, {}};
    from_pl.peer.kind = model::SgPeer::Kind::kPrefixList;
    from_pl.peer.id = "pl-unknown";
    app.ingress.push_back(from_pl);
    network.security_groups = {app, alb};
    network.Freeze();
    topology = std::make_unique<model::Topology>(network);
  }

  Vantage AppVantage() const {
    Vantage vantage;
    vantage.node = "eni-app";
    vantage.groups = {&network.security_groups[0]};
    vantage.vpc = &network.vpcs[0];
    return vantage;
  }

  model::Network network;
  std::unique_ptr<model::Topology> topology;
  std::map<std::string, std::string, std::less<>> services;
};

TEST_F(GroupsTest, ReferenceMatchesMembersOfTheGroupOnly) {
  const FlowContext context{*topology, services};
  const Identity alb_node{{&network.security_groups[1]}, &network.vpcs[0]};
  AddressSpec alb_addresses = Spec("10.0.0.0/24", Quantifier::kEvery);
  FilterOutcome outcome = EvaluateGroups(AppVantage(), Direction::kIngress,
                                         {Protocol::Tcp(), 8080, model::IpFamily::kV4},
                                         alb_addresses, alb_node, context);
  EXPECT_EQ(Judge(outcome, alb_addresses), Verdict::kReachable);
  EXPECT_EQ(outcome.check.text, "sg-app (app) ingress rule tcp/8080 from sg-alb allows it");

  // The internet carries no group, whatever its addresses.
  AddressSpec internet = Spec("0.0.0.0/0", Quantifier::kSome);
  outcome = EvaluateGroups(AppVantage(), Direction::kIngress,
                           {Protocol::Tcp(), 8080, model::IpFamily::kV4}, internet, Identity{},
                           context);
  EXPECT_EQ(Judge(outcome, internet), Verdict::kBlocked);
}

TEST_F(GroupsTest, CidrRulesNarrowAndUnknownPrefixListsAreUnknown) {
  const FlowContext context{*topology, services};
  AddressSpec internet = Spec("0.0.0.0/0", Quantifier::kSome);
  FilterOutcome outcome = EvaluateGroups(AppVantage(), Direction::kIngress,
                                         {Protocol::Tcp(), 22, model::IpFamily::kV4}, internet,
                                         Identity{}, context);
  EXPECT_EQ(Judge(outcome, internet), Verdict::kReachable);
  EXPECT_EQ(internet.set, AddressSet::Of(P("198.51.100.0/24")));

  AddressSpec anyone = Spec("0.0.0.0/0", Quantifier::kSome);
  outcome = EvaluateGroups(AppVantage(), Direction::kIngress,
                           {Protocol::Tcp(), 9000, model::IpFamily::kV4}, anyone, Identity{},
                           context);
  EXPECT_EQ(Judge(outcome, anyone), Verdict::kUnknown);
  EXPECT_NE(outcome.check.text.find("the addresses of pl-unknown are not in the input"),
            std::string::npos);
}

TEST(RouteSplitTest, LongestPrefixWinsAndServiceListsBeatTheDefaultRoute) {
  model::Network network;
  network.Freeze();
  const model::Topology topology(network);
  const std::map<std::string, std::string, std::less<>> services{{"pl-s3", "s3"}};
  const FlowContext context{topology, services};
  model::RouteTable table;
  table.id = "rtb-1";
  auto route = [](std::string_view destination, std::string target) {
    model::Route r;
    r.destination_v4 = P(destination);
    r.target_id = std::move(target);
    return r;
  };
  table.routes = {route("10.0.0.0/16", "local"), route("0.0.0.0/0", "nat-1"),
                  route("10.1.0.0/16", "pcx-1")};
  model::Route s3;
  s3.destination_prefix_list = "pl-s3";
  s3.target_id = "vpce-s3";
  table.routes.push_back(s3);

  AddressSpec peer = Spec("10.1.2.3/32", Quantifier::kEvery);
  std::vector<RouteShare> shares = SplitByRoute(table, peer, context);
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0].route->target_id, "pcx-1");

  AddressSpec wide = Spec("10.0.0.0/15", Quantifier::kEvery);  // 10.0/16 local, 10.1/16 peering
  shares = SplitByRoute(table, wide, context);
  ASSERT_EQ(shares.size(), 2u);

  AddressSpec s3_addresses{AddressSet::Of(P("52.0.0.0/8")), Quantifier::kEvery, "s3", {}};
  shares = SplitByRoute(table, s3_addresses, context);
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0].route->target_id, "vpce-s3");

  model::RouteTable local_only;
  local_only.routes = {route("10.0.0.0/16", "local")};
  AddressSpec outside = Spec("8.8.8.8/32", Quantifier::kEvery);
  shares = SplitByRoute(local_only, outside, context);
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0].route, nullptr);  // no route
}

}  // namespace
}  // namespace netlint::reach
