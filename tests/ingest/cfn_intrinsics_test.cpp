// CloudFormation template loading and intrinsic functions: short forms and full forms resolve
// alike, unknown values stay unknown with their reason, and hostile YAML is refused quickly.

#include <gtest/gtest.h>

#include <string>

#include "analyzer/ingest/cfn/intrinsics.h"
#include "analyzer/ingest/cfn/template_adapter.h"
#include "analyzer/ingest/cfn/template_tree.h"

namespace netlint::ingest::cfn {
namespace {

// Resolves `Outputs.<name>.Value` of a template.
class Resolved {
 public:
  explicit Resolved(const std::string& text, ResolveSettings settings = {}) {
    TreeParse parsed = ParseTree(text);
    EXPECT_FALSE(parsed.error) << parsed.error->message;
    root_ = std::move(*parsed.root);
    resolver_.emplace(root_, std::move(settings), diagnostics_, 0);
  }
  Value Output(const std::string& name) {
    const Node* value = root_.Find("Outputs")->Find(name)->Find("Value");
    return resolver_->Resolve(*value);
  }
  Resolver& resolver() { return *resolver_; }
  DiagnosticSink& diagnostics() { return diagnostics_; }

 private:
  Node root_;
  DiagnosticSink diagnostics_;
  std::optional<Resolver> resolver_;
};

constexpr const char* kTemplate = R"(
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpcCidr: {Type: String, Default: 10.0.0.0/16}
  NoDefault: {Type: String}
  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1, subnet-2'}
  Env: {Type: String, Default: prod}
  Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /aws/ami}
Mappings:
  Sizes: {prod: {Cidr: 10.1.0.0/16}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, {Condition: NotProd}]
  Unknowable: !Equals [!Ref NoDefault, x]
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref VpcCidr}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}
Outputs:
  Param: {Value: !Ref VpcCidr}
  ParamFull: {Value: {Ref: VpcCidr}}
  NoDefault: {Value: !Ref NoDefault}
  List: {Value: !Ref Subnets}
  Ssm: {Value: !Ref Ami}
  Resource: {Value: !Ref Vpc}
  GroupId: {Value: !GetAtt Sg.GroupId}
  GroupIdList: {Value: {'Fn::GetAtt': [Sg, GroupId]}}
  VpcBlock: {Value: !GetAtt Vpc.CidrBlock}
  Region: {Value: !Ref 'AWS::Region'}
  Sub: {Value: !Sub '${VpcCidr}-${!Literal}'}
  SubVars: {Value: !Sub ['${A}.${B}', {A: x, B: !Ref Env}]}
  SubRef: {Value: !Sub '${Vpc}'}
  SubUnknown: {Value: !Sub 'arn:${AWS::Partition}:s3:::b'}
  Join: {Value: !Join ['-', [a, !Ref Env, c]]}
  Split: {Value: !Split ['|', 'a||c|']}
  Select: {Value: !Select ['1', [a, b, c]]}
  Zone0: {Value: !Select [0, !GetAZs '']}
  Zone1: {Value: !Select [1, {'Fn::GetAZs': {Ref: 'AWS::Region'}}]}
  Cidr: {Value: !Cidr ['192.168.0.0/24', '6', 5]}
  CidrOfVpc: {Value: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 1, 8]]}
  If: {Value: !If [IsProd, yes, no]}
  IfNot: {Value: !If [NotProd, yes, no]}
  IfAnd: {Value: !If [Both, yes, no]}
  IfUnknown: {Value: !If [Unknowable, yes, no]}
  Map: {Value: !FindInMap [Sizes, !Ref Env, Cidr]}
  Import: {Value: !ImportValue shared-vpc}
  Base64: {Value: !Base64 'hello'}
)";

TEST(CfnIntrinsicsTest, ParametersAndPseudoParameters) {
  Resolved t(kTemplate);
  EXPECT_EQ(t.Output("Param").text, "10.0.0.0/16");
  EXPECT_EQ(t.Output("ParamFull").text, "10.0.0.0/16");
  const Value no_default = t.Output("NoDefault");
  EXPECT_TRUE(no_default.IsUnknown());
  EXPECT_EQ(no_default.text, "depends on parameter NoDefault without default");
  const Value list = t.Output("List");
  ASSERT_EQ(list.kind, Value::Kind::kList);
  ASSERT_EQ(list.list.size(), 2u);
  EXPECT_EQ(list.list[1].text, "subnet-2");
  EXPECT_TRUE(t.Output("Ssm").IsUnknown());
  EXPECT_TRUE(t.Output("Region").IsUnknown());
  ResolveSettings in_region;
  in_region.region = "eu-west-1";
  Resolved with_region(kTemplate, in_region);
  EXPECT_EQ(with_region.Output("Region").text, "eu-west-1");
  EXPECT_EQ(with_region.Output("SubUnknown").text, "arn:aws:s3:::b");
}

TEST(CfnIntrinsicsTest, ResourcesAreSymbolicNeverInvented) {
  Resolved t(kTemplate);
  const Value vpc = t.Output("Resource");
  EXPECT_EQ(vpc.kind, Value::Kind::kReference);
  EXPECT_EQ(vpc.Describe(), "Vpc");
  EXPECT_EQ(t.Output("GroupId").Describe(), "Sg");
  EXPECT_EQ(t.Output("GroupIdList").Describe(), "Sg");
  EXPECT_EQ(t.Output("VpcBlock").text, "10.0.0.0/16");
  EXPECT_EQ(t.Output("SubRef").Describe(), "Vpc");
}

TEST(CfnIntrinsicsTest, StringFunctions) {
  Resolved t(kTemplate);
  EXPECT_EQ(t.Output("Sub").text, "10.0.0.0/16-${Literal}");
  EXPECT_EQ(t.Output("SubVars").text, "x.prod");
  const Value unknown = t.Output("SubUnknown");
  EXPECT_TRUE(unknown.IsUnknown());
  EXPECT_EQ(unknown.text, "depends on the stack's region");
  EXPECT_EQ(t.Output("Join").text, "a-prod-c");
  const Value split = t.Output("Split");
  ASSERT_EQ(split.list.size(), 4u);
  EXPECT_EQ(split.list[1].text, "");
  EXPECT_EQ(split.list[3].text, "");
  EXPECT_EQ(t.Output("Select").text, "b");
  EXPECT_EQ(t.Output("Base64").text, "aGVsbG8=");
}

TEST(CfnIntrinsicsTest, ZonesAreDistinctThoughUnnamed) {
  Resolved t(kTemplate);
  const Value zone0 = t.Output("Zone0");
  const Value zone1 = t.Output("Zone1");
  EXPECT_EQ(zone0.kind, Value::Kind::kZone);
  EXPECT_EQ(zone1.kind, Value::Kind::kZone);
  EXPECT_NE(zone0.Describe(), zone1.Describe());
  EXPECT_EQ(zone0.Describe(), "zone 1 of the stack's region");
}

TEST(CfnIntrinsicsTest, CidrFollowsTheAwsAlgorithm) {
  Resolved t(kTemplate);
  const Value blocks = t.Output("Cidr");
  ASSERT_EQ(blocks.list.size(), 6u);
  EXPECT_EQ(blocks.list[0].text, "192.168.0.0/27");
  EXPECT_EQ(blocks.list[1].text, "192.168.0.32/27");
  EXPECT_EQ(blocks.list[5].text, "192.168.0.160/27");
  EXPECT_EQ(t.Output("CidrOfVpc").text, "10.0.0.0/24");
  std::string error;
  auto v6 = ComputeCidr("2001:db8::/56", 2, 64, error);
  ASSERT_TRUE(v6);
  EXPECT_EQ((*v6)[0], "2001:db8::/64");
  EXPECT_EQ((*v6)[1], "2001:db8:0:1::/64");
  EXPECT_FALSE(ComputeCidr("10.0.0.0/24", 9, 5, error));  // 8 /27s fit, not 9
  EXPECT_FALSE(ComputeCidr("10.0.0.0/24", 1, 9, error));  // a /23 does not fit in a /24
}

TEST(CfnIntrinsicsTest, ConditionsMappingsImports) {
  Resolved t(kTemplate);
  EXPECT_EQ(t.Output("If").text, "yes");
  EXPECT_EQ(t.Output("IfNot").text, "no");
  EXPECT_EQ(t.Output("IfAnd").text, "no");
  const Value unknown = t.Output("IfUnknown");
  EXPECT_TRUE(unknown.IsUnknown());
  EXPECT_EQ(unknown.text, "depends on condition Unknowable");
  EXPECT_EQ(t.Output("Map").text, "10.1.0.0/16");
  const Value import = t.Output("Import");
  EXPECT_TRUE(import.IsUnknown());
  ResolveSettings settings;
  settings.exports["shared-vpc"] = Value::String("vpc-123");
  Resolved with_exports(kTemplate, settings);
  EXPECT_EQ(with_exports.Output("Import").text, "vpc-123");
}

TEST(CfnIntrinsicsTest, CircularConditionsAreAnErrorWithTheirPlace) {
  Resolved t(R"(Conditions:
  A: !Condition B
  B:
    Fn::Not: [{Condition: A}]
Resources: {}
Outputs:
  X: {Value: !If [A, 1, 2]}
)");
  EXPECT_TRUE(t.Output("X").IsUnknown());
  bool found = false;
  for (const Diagnostic& diagnostic : t.diagnostics().diagnostics()) {
    if (diagnostic.message.find("circular condition") == std::string::npos) continue;
    found = true;
    EXPECT_EQ(diagnostic.code, "IN001");
    EXPECT_GT(diagnostic.source.line, 0u);
    EXPECT_GT(diagnostic.source.column, 0u);
  }
  EXPECT_TRUE(found);
}

TEST(CfnTreeTest, NodesKeepLineAndColumnInYamlAndJson) {
  TreeParse yaml = ParseTree("a:\n  b: !Ref X\n");
  ASSERT_TRUE(yaml.root);
  const Node* b = yaml.root->Find("a")->Find("b");
  EXPECT_EQ(b->tag, "Ref");
  EXPECT_EQ(b->line, 2u);
  EXPECT_EQ(b->column, 6u);
  TreeParse json = ParseTree("{\n  \"a\": {\"b\": [1, \"x\"]}\n}");
  ASSERT_TRUE(json.root);
  const Node* list = json.root->Find("a")->Find("b");
  EXPECT_EQ(list->line, 2u);
  EXPECT_EQ(list->items[1].column, 18u);
  EXPECT_TRUE(list->items[1].quoted);
}

TEST(CfnTreeTest, BrokenYamlHasAPlace) {
  TreeParse parsed = ParseTree("a: [1, 2\nb: c\n");
  ASSERT_TRUE(parsed.error);
  EXPECT_GT(parsed.error->line, 0u);
}

TEST(CfnTreeTest, HostileYamlIsRefused) {
  std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name, ++previous) {
    laughs += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) laughs += std::string(i ? ", *" : "*") + previous;
    laughs += "]\n";
  }
  TreeParse bomb = ParseTree(laughs);
  ASSERT_TRUE(bomb.error);
  EXPECT_NE(bomb.error->message.find("alias"), std::string::npos);

  TreeParse deep = ParseTree(std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_TRUE(deep.error);
}

TEST(CfnTemplateTest, RecognisedByContentNotByName) {
  TreeParse describe = ParseTree(R"({"Vpcs": [{"VpcId": "vpc-1"}]})");
  EXPECT_FALSE(IsTemplate(*describe.root));
  TreeParse bare = ParseTree("Resources:\n  Q: {Type: 'AWS::SQS::Queue'}\n");
  EXPECT_TRUE(IsTemplate(*bare.root));
  TreeParse compose = ParseTree("services:\n  web: {image: nginx}\n");
  EXPECT_FALSE(IsTemplate(*compose.root));
}

TEST(CfnTemplateTest, SecurityGroupDefaultsAndStandaloneRules) {
  model::Network network;
  DiagnosticSink diagnostics;
  const TemplateLoad load = LoadTemplate(R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  AlbSg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: alb, VpcId: !Ref Vpc,
          SecurityGroupIngress: {IpProtocol: tcp, FromPort: '443', ToPort: 443, CidrIp: 0.0.0.0/0}}}
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: -1, CidrIp: 10.0.0.0/8}
  AppFromAlb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !GetAtt AppSg.GroupId, IpProtocol: tcp, FromPort: 8080, ToPort: 8080,
                 SourceSecurityGroupId: !GetAtt AlbSg.GroupId}
)",
                                         0, 0, network, diagnostics);
  ASSERT_TRUE(load.recognised);
  const model::SecurityGroup* alb = nullptr;
  const model::SecurityGroup* app = nullptr;
  for (const model::SecurityGroup& group : network.security_groups) {
    if (group.id == "AlbSg") alb = &group;
    if (group.id == "AppSg") app = &group;
  }
  ASSERT_TRUE(alb && app);
  ASSERT_EQ(alb->ingress.size(), 1u);  // a single object where a list is expected
  EXPECT_EQ(alb->ingress[0].source.line, 4u);
  ASSERT_EQ(alb->egress.size(), 1u);  // CloudFormation's default allow-all egress
  EXPECT_TRUE(alb->egress[0].traffic->IsAllTraffic());
  ASSERT_EQ(app->egress.size(), 1u);
  EXPECT_EQ(app->egress[0].peer.cidr_v4.ToString(), "10.0.0.0/8");
  ASSERT_EQ(app->ingress.size(), 1u);
  EXPECT_EQ(app->ingress[0].peer.id, "AlbSg");
  EXPECT_EQ(app->ingress[0].source.pointer,
            "/Resources/AppFromAlb/Properties/SourceSecurityGroupId");
  // The VPC's main route table, default NACL and default group are synthesised.
  ASSERT_EQ(network.route_tables.size(), 1u);
  EXPECT_TRUE(network.route_tables[0].implicit);
  EXPECT_TRUE(network.IsComplete(0, model::ResourceKind::kSubnet));
}

}  // namespace
}  // namespace netlint::ingest::cfn
