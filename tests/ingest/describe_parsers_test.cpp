// The describe-JSON adapter, entity by entity: the exact model each real output shape becomes,
// including the traps of ../shared/formats.md (key spellings, strings for numbers, ids that only
// the file name carries, invalid values in AWS's own examples).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "netlint/ingest/loader.h"
#include "netlint/model/topology.h"
#include "tests/support/golden.h"

namespace netlint::ingest {
namespace {

namespace fs = std::filesystem;
using model::InterfaceOwner;
using model::RouteTargetKind;

// Loads documents given as {file name: JSON text} from a fresh folder.
class Loaded {
 public:
  explicit Loaded(std::initializer_list<std::pair<std::string, std::string>> documents) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("netlint-parsers-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
    for (const auto& [name, text] : documents) {
      fs::create_directories((dir_ / name).parent_path());
      testing::WriteFile(dir_ / name, text);
    }
    stats = LoadInputs(std::vector<std::string>{dir_.string()}, network, files, diagnostics);
    network.Freeze();
  }
  ~Loaded() { fs::remove_all(dir_); }
  Loaded(const Loaded&) = delete;
  Loaded& operator=(const Loaded&) = delete;

  // "CODE pointer message" of every diagnostic, for exact comparisons.
  std::vector<std::string> Diagnostics() const {
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics.diagnostics()) {
      lines.push_back(d.code + " " + d.source.pointer + " " + d.message);
    }
    return lines;
  }

  model::Network network;
  FileTable files;
  DiagnosticSink diagnostics;
  LoadStats stats;

 private:
  fs::path dir_;
};

TEST(DescribeParsersTest, VpcKeepsEveryAssociatedBlockOnce) {
  Loaded loaded({{"vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1", "OwnerId": "111", "CidrBlock": "10.0.0.0/16",
      "IsDefault": false,
      "CidrBlockAssociationSet": [
        {"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
        {"CidrBlock": "10.1.0.0/16", "CidrBlockState": {"State": "associated"}},
        {"CidrBlock": "10.2.0.0/16", "CidrBlockState": {"State": "disassociated"}}],
      "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18::/56",
        "Ipv6CidrBlockState": {"State": "associated"}}]}]})"},
                 {"attr.json", R"({"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": true}})"}});
  ASSERT_EQ(loaded.network.vpcs.size(), 1u);
  const model::Vpc& vpc = loaded.network.vpcs[0];
  ASSERT_EQ(vpc.cidrs_v4.size(), 3u);
  EXPECT_EQ(vpc.cidrs_v4[0].cidr.ToString(), "10.0.0.0/16");
  EXPECT_FALSE(vpc.cidrs_v4[2].associated);
  EXPECT_EQ(vpc.AddressSpace().ToString(), "10.0.0.0/15, 2600:1f18::/56");
  EXPECT_EQ(vpc.is_default, false);
  EXPECT_EQ(vpc.dns_hostnames, true);
  EXPECT_EQ(vpc.dns_support, std::nullopt) << "unknown, not false";
  EXPECT_TRUE(loaded.network.IsComplete(0, model::ResourceKind::kVpc));
}

TEST(DescribeParsersTest, RouteTargetsAreClassifiedByKeyAndIdPrefix) {
  Loaded loaded({{"rt.json", R"({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
      "Associations": [{"Main": true, "RouteTableId": "rtb-1"},
                       {"Main": false, "SubnetId": "subnet-1"},
                       {"Main": false, "SubnetId": "subnet-2", "AssociationState": {"State": "disassociated"}},
                       {"Main": false, "GatewayId": "igw-1"}],
      "PropagatingVgws": [{"GatewayId": "vgw-1"}],
      "Routes": [
        {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
        {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "blackhole"},
        {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-1", "State": "active"},
        {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
        {"DestinationCidrBlock": "192.168.0.0/16", "NetworkInterfaceId": "eni-1", "InstanceId": "i-1"},
        {"DestinationCidrBlock": "172.16.0.0/12", "GatewayId": "nat-2"},
        {"DestinationCidrBlock": "100.64.0.0/10", "TransitGatewayId": "tgw-1", "State": "filtered"},
        {"DestinationCidrBlock": "198.18.0.0/15", "GatewayId": "mystery-1"}]}]})"}});
  ASSERT_EQ(loaded.network.route_tables.size(), 1u);
  const model::RouteTable& table = loaded.network.route_tables[0];
  EXPECT_TRUE(table.IsMain());
  ASSERT_EQ(table.associations.size(), 3u) << "the disassociated one is dropped";
  EXPECT_EQ(table.associations[2].gateway_id, "igw-1");
  EXPECT_EQ(table.propagating_gateways, std::vector<std::string>{"vgw-1"});
  ASSERT_EQ(table.routes.size(), 8u);
  EXPECT_EQ(table.routes[0].target_kind, RouteTargetKind::kLocal);
  EXPECT_EQ(table.routes[1].target_kind, RouteTargetKind::kNatGateway);
  EXPECT_EQ(table.routes[1].state, model::RouteState::kBlackhole);
  EXPECT_EQ(table.routes[2].target_kind, RouteTargetKind::kGatewayEndpoint);
  EXPECT_EQ(table.routes[2].destination_prefix_list, "pl-63a5400a");
  EXPECT_EQ(table.routes[3].target_kind, RouteTargetKind::kEgressOnlyInternetGateway);
  EXPECT_EQ(table.routes[3].destination_v6->ToString(), "::/0");
  EXPECT_EQ(table.routes[4].target_kind, RouteTargetKind::kNetworkInterface);
  EXPECT_EQ(table.routes[5].target_kind, RouteTargetKind::kNatGateway) << "nat- in GatewayId";
  EXPECT_EQ(table.routes[6].state, model::RouteState::kFiltered);
  EXPECT_EQ(table.routes[7].target_kind, RouteTargetKind::kUnknown);
  EXPECT_EQ(loaded.Diagnostics(),
            std::vector<std::string>{
                "IN004 /RouteTables/0/Routes/7 route 198.18.0.0/15 targets mystery-1, which "
                "netlint does not model; paths through it are unknown"});
}

TEST(DescribeParsersTest, SecurityGroupPermissionsExpandToOneRulePerSource) {
  Loaded loaded({{"sg.json", R"({"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web",
      "Description": "d", "VpcId": "vpc-1", "OwnerId": "111",
      "IpPermissions": [
        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-1", "UserId": "111"}]},
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
         "IpRanges": [{"CidrIp": "203.0.113.0/24", "Description": "office"}],
         "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32"}], "PrefixListIds": [{"PrefixListId": "pl-1"}]},
        {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        {"IpProtocol": "50", "FromPort": 7, "ToPort": 9, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
      "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})"}});
  ASSERT_EQ(loaded.network.security_groups.size(), 1u);
  const model::SecurityGroup& group = loaded.network.security_groups[0];
  EXPECT_EQ(group.name, "web");
  ASSERT_EQ(group.ingress.size(), 6u);
  EXPECT_TRUE(group.ingress[0].traffic->IsAllTraffic());
  EXPECT_EQ(group.ingress[0].peer.kind, model::SgPeer::Kind::kSecurityGroup);
  EXPECT_EQ(group.ingress[1].traffic->ToString(), "tcp/22");
  EXPECT_EQ(group.ingress[1].description, "office");
  EXPECT_EQ(group.ingress[1].source.pointer, "/SecurityGroups/0/IpPermissions/1/IpRanges/0");
  EXPECT_EQ(group.ingress[1].statement.pointer, "/SecurityGroups/0/IpPermissions/1");
  EXPECT_EQ(group.ingress[2].peer.kind, model::SgPeer::Kind::kCidrV6);
  EXPECT_EQ(group.ingress[3].peer.id, "pl-1");
  EXPECT_EQ(group.ingress[4].traffic->ToString(), "icmp type 8");
  EXPECT_EQ(group.ingress[5].traffic->ToString(), "protocol 50") << "no ports for protocol 50";
  ASSERT_EQ(group.egress.size(), 1u);
  EXPECT_TRUE(loaded.Diagnostics().empty());
}

// Tens of thousands of references name one account: they share one copy of what they name.
TEST(DescribeParsersTest, GroupReferencesNamingTheSameOwnerShareTheirDetails) {
  Loaded loaded({{"sg.json", R"({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
      "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [
        {"GroupId": "sg-1", "UserId": "111"}, {"GroupId": "sg-2", "UserId": "111"},
        {"GroupId": "sg-3", "UserId": "222", "VpcId": "vpc-9",
         "VpcPeeringConnectionId": "pcx-1", "PeeringStatus": "active"},
        {"GroupId": "sg-4"}]}]}]})"}});
  ASSERT_EQ(loaded.network.security_groups.size(), 1u);
  const std::vector<model::SgRule>& rules = loaded.network.security_groups[0].ingress;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].peer.user_id(), "111");
  EXPECT_EQ(rules[1].peer.user_id(), "111");
  EXPECT_EQ(rules[0].peer.details, rules[1].peer.details);
  EXPECT_EQ(rules[2].peer.user_id(), "222");
  EXPECT_EQ(rules[2].peer.vpc_id(), "vpc-9");
  EXPECT_EQ(rules[2].peer.peering_id(), "pcx-1");
  EXPECT_EQ(rules[2].peer.peering_status(), "active");
  EXPECT_NE(rules[2].peer.details, rules[0].peer.details);
  EXPECT_EQ(rules[3].peer.details, nullptr) << "nothing to share";
}

TEST(DescribeParsersTest, FlatSecurityGroupRulesOnlyForGroupsNotOtherwiseDescribed) {
  Loaded loaded({{"groups.json", R"({"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "a",
      "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                         "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}]})"},
                 {"rules.json", R"({"SecurityGroupRules": [
      {"SecurityGroupRuleId": "sgr-1", "GroupId": "sg-1", "IsEgress": false, "IpProtocol": "tcp",
       "FromPort": 443, "ToPort": 443, "CidrIpv4": "10.0.0.0/8"},
      {"SecurityGroupRuleId": "sgr-2", "GroupId": "sg-2", "GroupOwnerId": "111", "IsEgress": true,
       "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv4": "0.0.0.0/0"},
      {"SecurityGroupRuleId": "sgr-3", "GroupId": "sg-2", "IsEgress": false, "IpProtocol": "tcp",
       "FromPort": 5432, "ToPort": 5432, "ReferencedGroupInfo": {"GroupId": "sg-1", "UserId": "111"}}]})"}});
  ASSERT_EQ(loaded.network.security_groups.size(), 2u);
  EXPECT_EQ(loaded.network.security_groups[0].ingress.size(), 1u) << "no duplicate from sgr-1";
  const model::SecurityGroup& flat = loaded.network.security_groups[1];
  EXPECT_EQ(flat.id, "sg-2");
  ASSERT_EQ(flat.egress.size(), 1u);
  EXPECT_TRUE(flat.egress[0].traffic->IsAllTraffic());
  ASSERT_EQ(flat.ingress.size(), 1u);
  EXPECT_EQ(flat.ingress[0].peer.id, "sg-1");
}

TEST(DescribeParsersTest, NetworkAclEntriesAreSortedPerDirectionWithAwsProtocolNumbers) {
  Loaded loaded({{"acl.json", R"({"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1",
      "IsDefault": false, "Associations": [{"SubnetId": "subnet-1"}],
      "Entries": [
        {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"},
        {"RuleNumber": 200, "Egress": false, "RuleAction": "allow", "Protocol": "6", "CidrBlock": "0.0.0.0/0",
         "PortRange": {"From": 443, "To": 443}},
        {"RuleNumber": 100, "Egress": false, "RuleAction": "deny", "Protocol": "1", "CidrBlock": "0.0.0.0/0",
         "IcmpTypeCode": {"Type": 8, "Code": -1}},
        {"RuleNumber": 101, "Egress": true, "RuleAction": "allow", "Protocol": "-1", "Ipv6CidrBlock": "::/0"},
        {"RuleNumber": 40000, "Egress": true, "RuleAction": "allow", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}]}]})"}});
  ASSERT_EQ(loaded.network.network_acls.size(), 1u);
  const model::NetworkAcl& acl = loaded.network.network_acls[0];
  EXPECT_EQ(acl.subnet_ids, std::vector<std::string>{"subnet-1"});
  ASSERT_EQ(acl.entries.size(), 4u);
  EXPECT_EQ(acl.entries[0].rule_number, 100);
  EXPECT_EQ(acl.entries[0].traffic->ToString(), "icmp type 8");
  EXPECT_EQ(acl.entries[1].traffic->ToString(), "tcp/443");
  EXPECT_EQ(acl.entries[2].rule_number, 32767);
  EXPECT_EQ(acl.entries[3].direction, model::Direction::kEgress);
  EXPECT_TRUE(acl.entries[3].cidr_v6.has_value());
  EXPECT_EQ(loaded.Diagnostics(),
            std::vector<std::string>{"IN004 /NetworkAcls/0/Entries/4/RuleNumber rule number "
                                     "40000 is outside 1-32768; the entry is skipped"});
}

TEST(DescribeParsersTest, GatewaysAndTheAwsExamplesInvalidAddress) {
  Loaded loaded({{"igw.json", R"({"InternetGateways": [{"InternetGatewayId": "igw-1",
      "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}],
      "EgressOnlyInternetGateways": [{"EgressOnlyInternetGatewayId": "eigw-1",
      "Attachments": [{"State": "detached", "VpcId": "vpc-1"}]}]})"},
                 {"nat.json", R"({"NatGateways": [
      {"NatGatewayId": "nat-1", "SubnetId": "subnet-1", "VpcId": "vpc-1", "State": "available",
       "NatGatewayAddresses": [{"AllocationId": "eipalloc-1", "NetworkInterfaceId": "eni-9",
                                "PrivateIp": "10.0.0.149", "PublicIp": "198.11.222.333"}]},
      {"NatGatewayId": "nat-2", "VpcId": "vpc-1", "State": "available", "ConnectivityType": "private",
       "AvailabilityMode": "regional"}]})"}});
  EXPECT_TRUE(loaded.network.internet_gateways[0].attachments[0].attached);
  EXPECT_FALSE(loaded.network.egress_only_internet_gateways[0].attachments[0].attached);
  ASSERT_EQ(loaded.network.nat_gateways.size(), 2u);
  const model::NatGateway& nat = loaded.network.nat_gateways[0];
  EXPECT_EQ(nat.addresses[0].private_ip->ToString(), "10.0.0.149");
  EXPECT_FALSE(nat.addresses[0].public_ip.has_value());
  EXPECT_TRUE(loaded.network.nat_gateways[1].is_private);
  EXPECT_TRUE(loaded.network.nat_gateways[1].regional);
  EXPECT_EQ(loaded.Diagnostics(),
            std::vector<std::string>{"IN004 /NatGateways/0/NatGatewayAddresses/0/PublicIp invalid "
                                     "IPv4 address \"198.11.222.333\" in PublicIp"});
}

TEST(DescribeParsersTest, PrefixListEntriesTakeTheirIdFromTheFileName) {
  Loaded loaded({{"lists.json", R"({"PrefixLists": [{"PrefixListId": "pl-0abc12345", "PrefixListName": "office",
      "AddressFamily": "IPv4", "OwnerId": "111", "MaxEntries": 5},
      {"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3", "Cidrs": ["52.216.0.0/15"]}]})"},
                 {"entries/ec2-get-managed-prefix-list-entries-pl-0abc12345.json",
                  R"({"Entries": [{"Cidr": "203.0.113.0/27", "Description": "office"}, {"Cidr": "bad"}]})"},
                 {"orphan-entries.json", R"({"Entries": [{"Cidr": "10.0.0.0/8"}]})"}});
  ASSERT_EQ(loaded.network.prefix_lists.size(), 2u);
  const model::PrefixList& office = loaded.network.prefix_lists[0];
  EXPECT_TRUE(office.entries_known);
  EXPECT_EQ(office.Addresses().ToString(), "203.0.113.0/27");
  EXPECT_EQ(office.max_entries, 5);
  EXPECT_TRUE(loaded.network.prefix_lists[1].entries_known);
  EXPECT_EQ(loaded.network.prefix_lists[1].Addresses().ToString(), "52.216.0.0/15");
  EXPECT_TRUE(loaded.network.IsComplete(0, model::ResourceKind::kPrefixList));
  EXPECT_EQ(loaded.Diagnostics(),
            (std::vector<std::string>{
                "IN004 /Entries/1/Cidr invalid CIDR block \"bad\" in Cidr",
                "IN004 /Entries cannot tell which prefix list these entries belong to; name the "
                "file after the prefix list id (e.g. pl-0123abcd.json) or add a PrefixListId key"}));
}

TEST(DescribeParsersTest, InterfaceOwnersFromTypeAndDescription) {
  Loaded loaded({{"eni.json", R"({"NetworkInterfaces": [
      {"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "InterfaceType": "nat_gateway",
       "Description": "Interface for NAT Gateway nat-0abc", "PrivateIpAddress": "10.0.0.5",
       "RequesterManaged": true},
      {"NetworkInterfaceId": "eni-2", "InterfaceType": "interface", "Description": "ELB app/web/50dc6c495c0c9188",
       "RequesterId": "amazon-elb", "RequesterManaged": true, "Groups": [{"GroupId": "sg-1"}],
       "PrivateIpAddress": "10.0.0.6", "Association": {"PublicIp": "3.3.3.3"},
       "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.0.6", "Primary": true},
                              {"PrivateIpAddress": "10.0.0.7", "Association": {"PublicIp": "4.4.4.4"}}]},
      {"NetworkInterfaceId": "eni-3", "Description": "RDSNetworkInterface", "RequesterId": "amazon-rds"},
      {"NetworkInterfaceId": "eni-4", "Description": "ElastiCache sessions-001"},
      {"NetworkInterfaceId": "eni-5", "InterfaceType": "vpc_endpoint", "Description": "VPC Endpoint Interface vpce-1"},
      {"NetworkInterfaceId": "eni-6", "Description": "arn:aws:ecs:us-east-1:111:attachment/abc"},
      {"NetworkInterfaceId": "eni-7", "InterfaceType": "lambda", "Description": "AWS Lambda VPC ENI-fn"},
      {"NetworkInterfaceId": "eni-8", "Attachment": {"InstanceId": "i-1"}, "TagSet": [{"Key": "Name", "Value": "app"}]},
      {"NetworkInterfaceId": "eni-9", "RequesterManaged": false},
      {"NetworkInterfaceId": "eni-10", "RequesterManaged": true, "Description": "something new"}]})"}});
  const auto& enis = loaded.network.network_interfaces;
  ASSERT_EQ(enis.size(), 10u);
  EXPECT_EQ(enis[0].owner, InterfaceOwner::kNatGateway);
  EXPECT_EQ(enis[0].owner_ref, "nat-0abc");
  EXPECT_EQ(enis[1].owner, InterfaceOwner::kLoadBalancer);
  EXPECT_EQ(enis[1].owner_ref, "app/web/50dc6c495c0c9188");
  EXPECT_EQ(enis[1].private_ips.size(), 2u);
  EXPECT_EQ(enis[1].public_ips.size(), 2u);
  EXPECT_EQ(enis[2].owner, InterfaceOwner::kDbInstance);
  EXPECT_EQ(enis[3].owner, InterfaceOwner::kCacheCluster);
  EXPECT_EQ(enis[3].owner_ref, "sessions-001");
  EXPECT_EQ(enis[4].owner, InterfaceOwner::kVpcEndpoint);
  EXPECT_EQ(enis[4].owner_ref, "vpce-1");
  EXPECT_EQ(enis[5].owner, InterfaceOwner::kEcsTask);
  EXPECT_EQ(enis[6].owner, InterfaceOwner::kLambda);
  EXPECT_EQ(enis[7].owner, InterfaceOwner::kInstance);
  EXPECT_EQ(enis[7].owner_ref, "i-1");
  EXPECT_EQ(enis[7].Name(), "app") << "interfaces carry TagSet, not Tags";
  EXPECT_EQ(enis[8].owner, InterfaceOwner::kUnattached);
  EXPECT_EQ(enis[9].owner, InterfaceOwner::kOther);
}

TEST(DescribeParsersTest, InstancesSkipTerminatedAndYieldTheirInterfaces) {
  Loaded loaded({{"instances.json", R"({"Reservations": [{"Instances": [
      {"InstanceId": "i-1", "State": {"Code": 16, "Name": "running"}, "SubnetId": "subnet-1",
       "VpcId": "vpc-1", "PrivateIpAddress": "10-0-0-157", "PublicIpAddress": "34.253.223.13",
       "SecurityGroups": [{"GroupId": "sg-1"}],
       "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
         "Groups": [{"GroupId": "sg-1"}, {"GroupId": "sg-2"}], "PrivateIpAddress": "10.0.0.157",
         "Association": {"PublicIp": "34.253.223.13"}}]},
      {"InstanceId": "i-2", "State": {"Code": 48, "Name": "terminated"}}]}]})"},
                 {"z-enis.json", R"({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1",
       "SubnetId": "subnet-1", "Groups": [{"GroupId": "sg-1"}], "Attachment": {"InstanceId": "i-1"}}]})"}});
  ASSERT_EQ(loaded.network.instances.size(), 1u);
  const model::Instance& instance = loaded.network.instances[0];
  EXPECT_EQ(instance.security_group_ids, (std::vector<std::string>{"sg-1", "sg-2"}));
  EXPECT_FALSE(instance.private_ip.has_value()) << "10-0-0-157 is not an address";
  EXPECT_EQ(instance.public_ip->ToString(), "34.253.223.13");
  ASSERT_EQ(loaded.network.network_interfaces.size(), 1u) << "the standalone record wins";
  EXPECT_FALSE(loaded.network.network_interfaces[0].derived);
  EXPECT_EQ(loaded.Diagnostics(),
            std::vector<std::string>{"IN004 /Reservations/0/Instances/0/PrivateIpAddress invalid "
                                     "IPv4 address \"10-0-0-157\" in PrivateIpAddress"});
}

TEST(DescribeParsersTest, EmbeddedInterfacesNoStandaloneRecordDescribesJoinAfterThem) {
  Loaded loaded({{"instances.json", R"({"Reservations": [{"Instances": [
      {"InstanceId": "i-1", "State": {"Name": "running"}, "SubnetId": "subnet-1", "VpcId": "vpc-1",
       "NetworkInterfaces": [
         {"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-1", "Groups": [{"GroupId": "sg-2"}]},
         {"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "Groups": [{"GroupId": "sg-1"}]}]}]},
      {"Instances": [{"InstanceId": "i-3", "State": {"Name": "running"}, "NetworkInterfaces": [
         {"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-1"}]}]}]})"},
                 {"z-enis.json", R"({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1",
       "SubnetId": "subnet-1", "Groups": [{"GroupId": "sg-1"}], "Attachment": {"InstanceId": "i-1"}}]})"}});
  const auto& enis = loaded.network.network_interfaces;
  ASSERT_EQ(enis.size(), 2u);
  EXPECT_EQ(enis[0].id, "eni-1");
  EXPECT_FALSE(enis[0].derived);
  EXPECT_EQ(enis[1].id, "eni-2");
  EXPECT_TRUE(enis[1].derived);
  EXPECT_EQ(enis[1].owner_ref, "i-1");
  EXPECT_EQ(enis[1].security_group_ids, std::vector<std::string>{"sg-2"});
  EXPECT_EQ(loaded.Diagnostics(),
            std::vector<std::string>{"IN004 /Reservations/1/Instances/0/NetworkInterfaces/0 network "
                                     "interface eni-2 is "
                                     "listed more than once; the first listing is used"});
}

TEST(DescribeParsersTest, PeeringTransitGatewayAndEndpoints) {
  Loaded loaded({{"net.json", R"({
    "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "active"},
      "RequesterVpcInfo": {"VpcId": "vpc-1", "OwnerId": "111", "Region": "us-east-1", "CidrBlock": "10.0.0.0/16",
                           "CidrBlockSet": [{"CidrBlock": "10.0.0.0/16"}, {"CidrBlock": "10.1.0.0/16"}]},
      "AccepterVpcInfo": {"VpcId": "vpc-2", "OwnerId": "222", "CidrBlock": "192.168.0.0/16",
                          "Ipv6CidrBlockSet": [{"Ipv6CidrBlock": "2600:1f18::/56"}]}}],
    "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1",
      "ResourceType": "vpc", "ResourceId": "vpc-1", "State": "available"}],
    "TransitGatewayVpcAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-2", "TransitGatewayId": "tgw-1",
      "VpcId": "vpc-2", "SubnetIds": ["subnet-9"], "State": "available"}],
    "VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
      "ServiceName": "com.amazonaws.us-east-1.ecr.dkr", "State": "Available", "SubnetIds": ["subnet-1"],
      "Groups": [{"GroupId": "sg-1", "GroupName": "default"}], "PrivateDnsEnabled": true,
      "PolicyDocument": "{\"Statement\": []}"}]})"}});
  const model::VpcPeering& peering = loaded.network.vpc_peerings[0];
  EXPECT_TRUE(peering.IsActive());
  EXPECT_EQ(peering.requester.cidrs_v4.size(), 2u);
  EXPECT_EQ(peering.accepter.cidrs_v6.size(), 1u);
  ASSERT_EQ(loaded.network.transit_gateway_attachments.size(), 2u);
  EXPECT_EQ(loaded.network.transit_gateway_attachments[1].resource_type, "vpc");
  EXPECT_EQ(loaded.network.transit_gateway_attachments[1].resource_id, "vpc-2");
  const model::VpcEndpoint& endpoint = loaded.network.vpc_endpoints[0];
  EXPECT_EQ(endpoint.type, model::EndpointType::kInterface);
  EXPECT_EQ(endpoint.ServiceShortName(), "ecr.dkr");
  EXPECT_EQ(endpoint.state, "available");
  EXPECT_EQ(endpoint.security_group_ids, std::vector<std::string>{"sg-1"});
  EXPECT_EQ(endpoint.private_dns_enabled, true);
}

TEST(DescribeParsersTest, LoadBalancersListenersAndTargetHealthFromUrlEncodedNames) {
  const std::string lb = "arn:aws:elasticloadbalancing:us-west-2:123:loadbalancer/net/nlb/50dc";
  const std::string tg = "arn:aws:elasticloadbalancing:us-west-2:123:targetgroup/api/73e2d6bc24d8a067";
  Loaded loaded(
      {{"lb.json", R"({"LoadBalancers": [{"LoadBalancerArn": ")" + lb + R"(", "LoadBalancerName": "nlb",
          "Scheme": "internal", "Type": "network", "VpcId": "vpc-1",
          "AvailabilityZones": [{"SubnetId": "subnet-1", "ZoneName": "us-west-2a"}]}],
        "Listeners": [{"ListenerArn": "l-1", "LoadBalancerArn": ")" + lb + R"(", "Port": 443, "Protocol": "TLS",
          "DefaultActions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": ")" + tg + R"("}]}}]}],
        "TargetGroups": [{"TargetGroupArn": ")" + tg + R"(", "TargetGroupName": "api", "Port": 8080,
          "Protocol": "TCP", "TargetType": "ip", "HealthCheckPort": "traffic-port"}]})"},
       {"elbv2-describe-target-health/arn%3Aaws%3Aelasticloadbalancing%3Aus-west-2%3A123%3Atargetgroup%2Fapi%2F73e2d6bc24d8a067",
        R"({"TargetHealthDescriptions": [{"Target": {"Id": "10.0.1.5", "Port": 8080}, "TargetHealth": {"State": "healthy"}}]})"},
       {"aggregate.json", R"([{"LoadBalancerArn": "x", "Listeners": [{"ListenerArn": "l-2",
          "LoadBalancerArn": "x", "Port": 80, "Protocol": "HTTP"}]}])"}});
  ASSERT_EQ(loaded.network.load_balancers.size(), 1u);
  const model::LoadBalancer& nlb = loaded.network.load_balancers[0];
  EXPECT_EQ(nlb.type, model::LoadBalancerType::kNetwork);
  EXPECT_EQ(nlb.internet_facing, false);
  EXPECT_FALSE(nlb.has_security_groups) << "an NLB created without groups";
  ASSERT_EQ(loaded.network.listeners.size(), 2u);
  EXPECT_EQ(loaded.network.listeners[0].port, 80) << "aggregate file comes first by name";
  EXPECT_EQ(loaded.network.listeners[1].target_group_ids, std::vector<std::string>{tg});
  const model::TargetGroup& group = loaded.network.target_groups[0];
  EXPECT_EQ(group.health_check_port, "traffic-port");
  ASSERT_TRUE(group.targets_known);
  ASSERT_EQ(group.targets.size(), 1u);
  EXPECT_EQ(group.targets[0].id, "10.0.1.5");
  EXPECT_EQ(group.targets[0].health, "healthy");
}

TEST(DescribeParsersTest, EcsServicesAreCamelCaseWithAwsDefaults) {
  Loaded loaded({{"services.json", R"({"services": [
      {"serviceArn": "arn:aws:ecs:us-east-1:111:service/c/api", "serviceName": "api", "launchType": "FARGATE",
       "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "securityGroups": [],
                                                        "assignPublicIp": "ENABLED"}},
       "loadBalancers": [{"targetGroupArn": "tg-1", "containerName": "api", "containerPort": 8080}],
       "createdAt": 1557119253.821, "tags": [{"key": "team", "value": "shop"}]},
      {"serviceName": "legacy", "deployments": [{"status": "PRIMARY", "networkConfiguration":
        {"awsvpcConfiguration": {"subnets": ["subnet-2"], "securityGroups": ["sg-2"]}}}]},
      {"serviceName": "bridge"}], "failures": []})"},
                 {"task.json", R"({"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:111:task-definition/api:8",
      "family": "api", "revision": 8, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
      "containerDefinitions": [{"name": "api", "image": "111.dkr.ecr.us-east-1.amazonaws.com/api:1",
        "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
        "logConfiguration": {"logDriver": "awslogs"},
        "secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:111:secret:db"}]}]}, "tags": []})"}});
  const auto& services = loaded.network.ecs_services;
  ASSERT_EQ(services.size(), 3u);
  EXPECT_EQ(services[0].network->assign_public_ip, true);
  EXPECT_TRUE(services[0].network->security_group_ids.empty());
  EXPECT_EQ(services[0].load_balancers[0].container_port, 8080);
  EXPECT_EQ(services[0].Name(), "") << "no Name tag; the service name is `name`";
  EXPECT_EQ(services[0].tags[0].key, "team");
  EXPECT_EQ(services[1].id, "legacy");
  EXPECT_EQ(services[1].network->subnet_ids, std::vector<std::string>{"subnet-2"});
  EXPECT_EQ(services[1].network->assign_public_ip, false) << "DISABLED is the default";
  EXPECT_FALSE(services[2].network.has_value());
  const model::TaskDefinition& task = loaded.network.task_definitions[0];
  EXPECT_EQ(task.network_mode, "awsvpc");
  EXPECT_EQ(task.containers[0].log_driver, "awslogs");
  EXPECT_EQ(task.containers[0].secret_sources.size(), 1u);
  EXPECT_TRUE(loaded.Diagnostics().empty());
}

TEST(DescribeParsersTest, DatabasesAndCaches) {
  Loaded loaded({{"rds.json", R"({"DBInstances": [{"DBInstanceIdentifier": "db", "Engine": "mysql",
      "Endpoint": {"Port": 3306}, "PubliclyAccessible": true,
      "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-1", "Status": "active"}],
      "DBSubnetGroup": {"DBSubnetGroupName": "default", "VpcId": "vpc-1",
        "Subnets": [{"SubnetIdentifier": "subnet-########"}]}}]})"},
                 {"cache.json", R"({"CacheClusters": [
      {"CacheClusterId": "c-001", "Engine": "redis", "CacheSubnetGroupName": "g", "ReplicationGroupId": "rg",
       "SecurityGroups": [{"SecurityGroupId": "sg-2"}], "CacheNodes": [{"Endpoint": {"Port": 6379}}]},
      {"CacheClusterId": "m-1", "Engine": "memcached", "ConfigurationEndpoint": {"Port": 11211}}],
      "ReplicationGroups": [{"ReplicationGroupId": "rg", "MemberClusters": ["c-001"],
        "NodeGroups": [{"PrimaryEndpoint": {"Port": 6379}}]}],
      "CacheSubnetGroups": [{"CacheSubnetGroupName": "g", "VpcId": "vpc-1", "Subnets": [{"SubnetIdentifier": "subnet-3"}]}]})"}});
  const model::DbInstance& db = loaded.network.db_instances[0];
  EXPECT_EQ(db.port, 3306);
  EXPECT_EQ(db.publicly_accessible, true);
  EXPECT_EQ(db.subnet_group, "default");
  EXPECT_EQ(db.subnet_ids, std::vector<std::string>{"subnet-########"});
  EXPECT_EQ(loaded.network.cache_clusters[0].port, 6379);
  EXPECT_TRUE(loaded.network.cache_clusters[1].security_group_ids.empty());
  EXPECT_EQ(loaded.network.cache_clusters[1].port, 11211);
  const model::ReplicationGroup& group = loaded.network.replication_groups[0];
  EXPECT_EQ(group.security_group_ids, std::vector<std::string>{"sg-2"}) << "from its members";
  EXPECT_EQ(group.subnet_group, "g");
  EXPECT_EQ(loaded.network.cache_subnet_groups[0].subnet_ids, std::vector<std::string>{"subnet-3"});
}

TEST(DescribeParsersTest, WrongTypesAreReportedWithTheirPointerAndTheRestLoads) {
  Loaded loaded({{"sg.json", R"({"SecurityGroups": [
      {"GroupId": "sg-1", "GroupName": 7, "IpPermissions": {"not": "an array"}},
      {"GroupName": "no id"},
      "not an object",
      {"GroupId": "sg-2", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 99999999999999999999,
        "ToPort": 80, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}]})"}});
  ASSERT_EQ(loaded.network.security_groups.size(), 2u);
  EXPECT_EQ(loaded.Diagnostics(),
            (std::vector<std::string>{
                "IN004 /SecurityGroups/0/GroupName GroupName should be a string, found the number 7",
                "IN004 /SecurityGroups/0/IpPermissions IpPermissions should be an array, found an "
                "object",
                "IN004 /SecurityGroups/1 security group record without GroupId is skipped",
                "IN004 /SecurityGroups/2 expected an object in SecurityGroups, found the string "
                "\"not an object\"",
                "IN004 /SecurityGroups/3/IpPermissions/0/FromPort FromPort should be an integer, "
                "found the number 1e+20"}));
}

TEST(DescribeParsersTest, DuplicateRecordsKeepTheFirstAndSaySo) {
  const std::string vpc = R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})";
  Loaded loaded({{"a.json", vpc}, {"b.json", vpc}});
  EXPECT_EQ(loaded.network.vpcs.size(), 1u);
  EXPECT_EQ(loaded.Diagnostics(),
            std::vector<std::string>{
                "IN004 /Vpcs/0 VPC vpc-1 is listed more than once; the first listing is used"});
}

TEST(DescribeParsersTest, AccountsAndRegionsStayDistinct) {
  const std::string vpc = R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})";
  Loaded loaded({{"accounts/111111111111/us-east-1/Vpcs.json", vpc},
                 {"accounts/222222222222/us-east-1/Vpcs.json", vpc},
                 {"accounts/111111111111/us-east-1/Subnets.json",
                  R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}]})"}});
  ASSERT_EQ(loaded.network.vpcs.size(), 2u) << "same id, two accounts: two VPCs";
  const model::Subnet& subnet = loaded.network.subnets[0];
  const model::Vpc* vpc_of_subnet = loaded.network.FindVpc(subnet.vpc_id, subnet.scope);
  ASSERT_NE(vpc_of_subnet, nullptr);
  EXPECT_EQ(loaded.network.ScopeOf(vpc_of_subnet->scope).account, "111111111111");
  EXPECT_TRUE(loaded.Diagnostics().empty());
}

}  // namespace
}  // namespace netlint::ingest
