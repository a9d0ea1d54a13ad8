// CloudFormation resources beyond the network core: what each type gives the model, in the
// value shapes real templates use, and where each mapped entry points in the template.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "analyzer/ingest/cfn/template_adapter.h"
#include "analyzer/ingest/cfn/template_tree.h"

namespace netlint::ingest::cfn {
namespace {

struct Loaded {
  model::Network network;
  DiagnosticSink diagnostics;
};

std::unique_ptr<Loaded> Load(const std::string& text) {
  auto loaded = std::make_unique<Loaded>();
  const TemplateLoad load = LoadTemplate(text, 0, 0, loaded->network, loaded->diagnostics);
  EXPECT_TRUE(load.recognised);
  return loaded;
}

template <typename T>
const T& Named(const std::vector<T>& items, std::string_view id) {
  auto found = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  if (found == items.end()) throw std::runtime_error("no " + std::string(id));
  return *found;
}

TEST(CfnMappingTest, SecondaryBlocksAndPeerings) {
  auto loaded = Load(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Extra:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, CidrBlock: 100.64.0.0/16}
  V6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
  Other: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
  Peering:
    Type: AWS::EC2::VPCPeeringConnection
    Properties: {VpcId: !Ref Vpc, PeerVpcId: !Ref Other}
  Foreign:
    Type: AWS::EC2::VPCPeeringConnection
    Properties: {VpcId: !Ref Vpc, PeerVpcId: vpc-0a1b2c3d4e5f60718, PeerOwnerId: '111122223333'}
)");
  const model::Vpc& vpc = Named(loaded->network.vpcs, "Vpc");
  ASSERT_EQ(vpc.cidrs_v4.size(), 2u);
  EXPECT_EQ(vpc.cidrs_v4[1].cidr.ToString(), "100.64.0.0/16");
  EXPECT_EQ(vpc.cidrs_v4[1].source.line, 5u);  // the VPCCidrBlock's CidrBlock
  // The Amazon-provided IPv6 block exists but its value is decided at deployment.
  EXPECT_TRUE(vpc.cidrs_v6.empty());
  EXPECT_FALSE(vpc.cidrs_known);
  const model::VpcPeering& peering = Named(loaded->network.vpc_peerings, "Peering");
  EXPECT_TRUE(peering.IsActive());
  EXPECT_EQ(peering.accepter.vpc_id, "Other");
  ASSERT_EQ(peering.accepter.cidrs_v4.size(), 1u);
  EXPECT_EQ(peering.accepter.cidrs_v4[0].ToString(), "10.1.0.0/16");
  // Another account accepts it unless CloudFormation is lent a role to do so.
  EXPECT_EQ(Named(loaded->network.vpc_peerings, "Foreign").status, "pending-acceptance");
}

TEST(CfnMappingTest, PrefixListsAndTheirUse) {
  auto loaded = Load(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Office:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: office
      AddressFamily: IPv4
      MaxEntries: '3'
      Entries: [{Cidr: 198.51.100.0/24}, {Cidr: 203.0.113.0/28, Description: vpn}]
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref Office}
)");
  const model::PrefixList& list = Named(loaded->network.prefix_lists, "Office");
  EXPECT_EQ(list.name, "office");
  EXPECT_EQ(list.max_entries, 3);
  ASSERT_TRUE(list.entries_known);
  ASSERT_EQ(list.entries.size(), 2u);
  EXPECT_EQ(list.entries[1].cidr_v4->ToString(), "203.0.113.0/28");
  EXPECT_EQ(list.entries[1].description, "vpn");
  const model::SecurityGroup& group = Named(loaded->network.security_groups, "Sg");
  ASSERT_EQ(group.ingress.size(), 1u);
  EXPECT_EQ(group.ingress[0].peer.kind, model::SgPeer::Kind::kPrefixList);
  EXPECT_EQ(group.ingress[0].peer.id, "Office");
}

TEST(CfnMappingTest, InstancesTakeSettingsFromInterfacesAndLaunchTemplates) {
  auto loaded = Load(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  Web: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, VpcId: !Ref Vpc}}
  Ops: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: ops, VpcId: !Ref Vpc}}
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces: [{DeviceIndex: 0, SubnetId: !Ref B, Groups: [!Ref Ops]}]
  FromTemplate:
    Type: AWS::EC2::Instance
    Properties: {LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: '1'}}
  WithInterfaces:
    Type: AWS::EC2::Instance
    Properties:
      NetworkInterfaces:
        - {DeviceIndex: '0', SubnetId: !Ref A, GroupSet: [!Ref Web], AssociatePublicIpAddress: true}
        - {DeviceIndex: '1', NetworkInterfaceId: !Ref Second}
  Second:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: !Ref B, GroupSet: [!Ref Ops], PrivateIpAddress: 10.0.1.10}
)");
  const model::Instance& from_template = Named(loaded->network.instances, "FromTemplate");
  EXPECT_EQ(from_template.subnet_id, "B");
  EXPECT_EQ(from_template.vpc_id, "Vpc");
  EXPECT_EQ(from_template.security_group_ids, std::vector<std::string>{"Ops"});
  const model::Instance& instance = Named(loaded->network.instances, "WithInterfaces");
  EXPECT_EQ(instance.subnet_id, "A");
  EXPECT_EQ(instance.security_group_ids, (std::vector<std::string>{"Web", "Ops"}));
  EXPECT_EQ(instance.network_interface_ids, std::vector<std::string>{"Second"});
  // A public address is assigned but its value is unknown before launch: not invented.
  EXPECT_FALSE(instance.public_ip.has_value());
  const model::NetworkInterface& second = Named(loaded->network.network_interfaces, "Second");
  EXPECT_EQ(second.owner, model::InterfaceOwner::kInstance);
  EXPECT_EQ(second.owner_ref, "WithInterfaces");
  ASSERT_EQ(second.private_ips.size(), 1u);
  EXPECT_EQ(second.private_ips[0].ToString(), "10.0.1.10");
}

TEST(CfnMappingTest, LoadBalancersListenersAndTargetGroups) {
  auto loaded = Load(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {SubnetMappings: [{SubnetId: !Ref A}, {SubnetId: !Ref B}]}
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Type: network, Scheme: internal, Subnets: !Ref A}
  Web:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {VpcId: !Ref Vpc, Port: '8080', Protocol: HTTP, TargetType: ip}
  Admin:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {VpcId: !Ref Vpc, Port: 9000, Protocol: HTTP, Targets: [{Id: 10.0.0.5, Port: '9001'}]}
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: '443'
      Protocol: HTTPS
      DefaultActions: [{Type: forward, ForwardConfig: {TargetGroups: [{TargetGroupArn: !Ref Web, Weight: 1}]}}]
  AdminRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Https
      Priority: 10
      Conditions: [{Field: path-pattern, Values: [/admin/*]}]
      Actions: [{Type: forward, TargetGroupArn: !Ref Admin}]
)");
  const model::LoadBalancer& alb = Named(loaded->network.load_balancers, "Alb");
  EXPECT_EQ(alb.type, model::LoadBalancerType::kApplication);
  EXPECT_EQ(alb.internet_facing, true);  // CloudFormation's default scheme
  EXPECT_EQ(alb.vpc_id, "Vpc");
  ASSERT_EQ(alb.subnets.size(), 2u);
  // An ALB without groups gets the VPC's default.
  EXPECT_EQ(alb.security_group_ids, std::vector<std::string>{"Vpc.DefaultSecurityGroup"});
  const model::LoadBalancer& nlb = Named(loaded->network.load_balancers, "Nlb");
  EXPECT_EQ(nlb.internet_facing, false);
  EXPECT_FALSE(nlb.has_security_groups);
  const model::Listener& https = Named(loaded->network.listeners, "Https");
  EXPECT_EQ(https.port, 443);
  EXPECT_EQ(https.target_group_ids, (std::vector<std::string>{"Web", "Admin"}));
  const model::TargetGroup& web = Named(loaded->network.target_groups, "Web");
  EXPECT_EQ(web.port, 8080);
  EXPECT_EQ(web.load_balancer_ids, std::vector<std::string>{"Alb"});
  EXPECT_FALSE(web.targets_known);  // registered by ECS or Auto Scaling, not in the template
  const model::TargetGroup& admin = Named(loaded->network.target_groups, "Admin");
  ASSERT_TRUE(admin.targets_known);
  ASSERT_EQ(admin.targets.size(), 1u);
  EXPECT_EQ(admin.targets[0].port, 9001);
  EXPECT_EQ(admin.targets[0].source.line, 16u);
}

TEST(CfnMappingTest, DataStoresAndFunctions) {
  auto loaded = Load(R"(Transform: AWS::Serverless-2016-10-31
Globals:
  Function: {VpcConfig: {SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!Ref Fn]}}
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  Fn: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: fn, VpcId: !Ref Vpc}}
  DbGroup: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupDescription: x, SubnetIds: [!Ref A, !Ref B]}}
  Db:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBSubnetGroupName: !Ref DbGroup, VPCSecurityGroups: [!Ref Fn], Port: '3307'}
  Legacy:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, PubliclyAccessible: 'true'}
  CacheGroup: {Type: AWS::ElastiCache::SubnetGroup, Properties: {Description: x, SubnetIds: [!Ref A]}}
  Cache:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {Engine: memcached, CacheSubnetGroupName: !Ref CacheGroup, VpcSecurityGroupIds: [!Ref Fn]}
  Handler:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: app.handler}
)");
  const model::DbInstance& db = Named(loaded->network.db_instances, "Db");
  EXPECT_EQ(db.port, 3307);
  EXPECT_EQ(db.subnet_ids, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(db.vpc_id, "Vpc");
  EXPECT_EQ(db.publicly_accessible, false);  // the API default with a subnet group
  EXPECT_EQ(Named(loaded->network.db_instances, "Legacy").publicly_accessible, true);
  const model::CacheCluster& cache = Named(loaded->network.cache_clusters, "Cache");
  EXPECT_EQ(cache.subnet_group, "CacheGroup");
  EXPECT_FALSE(cache.port.has_value());  // the engine's default is the rules' business
  EXPECT_EQ(Named(loaded->network.cache_subnet_groups, "CacheGroup").vpc_id, "Vpc");
  // The function's VPC settings come from Globals: one Lambda interface per subnet.
  std::vector<std::string> interfaces;
  for (const model::NetworkInterface& eni : loaded->network.network_interfaces) {
    EXPECT_EQ(eni.owner, model::InterfaceOwner::kLambda);
    EXPECT_EQ(eni.security_group_ids, std::vector<std::string>{"Fn"});
    interfaces.push_back(eni.subnet_id);
  }
  EXPECT_EQ(interfaces, (std::vector<std::string>{"A", "B"}));
}

TEST(CfnMappingTest, GatewayEndpointsRouteTheirServicePrefixList) {
  auto loaded = Load(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Routes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      RouteTableIds: [!Ref Routes]
)");
  const model::RouteTable& table = Named(loaded->network.route_tables, "Routes");
  ASSERT_EQ(table.routes.size(), 2u);  // the local route, then the endpoint's
  EXPECT_EQ(table.routes[1].target_kind, model::RouteTargetKind::kGatewayEndpoint);
  EXPECT_EQ(table.routes[1].target_id, "S3");
  EXPECT_FALSE(table.routes[1].destination_prefix_list.empty());
  EXPECT_EQ(table.routes[1].source.line, 9u);  // RouteTableIds
}

TEST(CfnMappingTest, EntriesPointAtTheirOffendingProperty) {
  auto loaded = Load(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Routes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  Default:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: igw-0a1b2c3d4e5f60718
  Acl: {Type: AWS::EC2::NetworkAcl, Properties: {VpcId: !Ref Vpc}}
  Ssh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 22, To: 22}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x, VpcId: !Ref Vpc}}
  Rdp:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Sg
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      CidrIp: 0.0.0.0/0
)");
  const model::RouteTable& table = Named(loaded->network.route_tables, "Routes");
  const model::Route& route = table.routes.back();
  EXPECT_EQ(route.source.line, 8u);
  EXPECT_EQ(route.source.column, 29u);
  EXPECT_EQ(route.source.pointer, "/Resources/Default/Properties/DestinationCidrBlock");
  const model::NetworkAcl& acl = Named(loaded->network.network_acls, "Acl");
  EXPECT_EQ(acl.entries.front().source.line, 18u);
  const model::SecurityGroup& group = Named(loaded->network.security_groups, "Sg");
  ASSERT_EQ(group.ingress.size(), 1u);
  EXPECT_EQ(group.ingress[0].statement.line, 28u);
  EXPECT_EQ(group.ingress[0].statement.pointer, "/Resources/Rdp/Properties/CidrIp");
}

TEST(CfnMappingTest, LiteralIdsNameResourcesOutsideTheTemplate) {
  // A group given by id (here a parameter's default) exists outside the template: the
  // template is then not the whole list of groups, and missing ones are not dangling.
  auto loaded = Load(R"(Parameters:
  Shared: {Type: String, Default: sg-0a1b2c3d4e5f60718}
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref Shared}]
  Routes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  ToNat:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}
  Nat: {Type: AWS::EC2::NatGateway, Properties: {SubnetId: !Ref Sub}}
  Sub: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
)");
  EXPECT_FALSE(loaded->network.IsComplete(0, model::ResourceKind::kSecurityGroup));
  // Everything else it names is its own, default groups included.
  EXPECT_TRUE(loaded->network.IsComplete(0, model::ResourceKind::kNatGateway));
  EXPECT_TRUE(loaded->network.IsComplete(0, model::ResourceKind::kSubnet));
  EXPECT_TRUE(loaded->network.IsComplete(0, model::ResourceKind::kVpc));
}

TEST(CfnMappingTest, RulesNamingAPropertyOfAResourceFindItInTheTree) {
  TreeParse parsed = ParseTree(R"(Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.9.0.0/24
)");
  ASSERT_TRUE(parsed.root);
  auto at = LocateInTree(*parsed.root, {"Resources", "Subnet", "CidrBlock"});
  ASSERT_TRUE(at);
  EXPECT_EQ(*at, std::make_pair(6u, 18u));
  // A property the template does not have: the resource, not its first other property.
  at = LocateInTree(*parsed.root, {"Resources", "Subnet", "Ipv6CidrBlockAssociationSet"});
  ASSERT_TRUE(at);
  EXPECT_EQ(at->first, 3u);
  EXPECT_FALSE(LocateInTree(*parsed.root, {"Vpcs", "0"}));
}

}  // namespace
}  // namespace netlint::ingest::cfn
