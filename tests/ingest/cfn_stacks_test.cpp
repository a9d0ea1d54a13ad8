// CloudFormation templates of one run as stacks: parameter values from the command line and
// parameter files, nested stacks with local templates, exports and imports across templates,
// and the places of the problems they can have.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer/ingest/cfn/intrinsics.h"
#include "analyzer/ingest/cfn/template_adapter.h"
#include "analyzer/ingest/cfn/template_tree.h"
#include "netlint/ingest/loader.h"
#include "netlint/ingest/template_parameters.h"
#include "tests/support/command.h"

namespace netlint::ingest {
namespace {

const std::string kStacks = std::string(NETLINT_FIXTURES_DIR) + "/cfn/stacks/";

// One diagnostic as "CODE file:line:col message", the file relative to the stack fixtures.
std::string Line(const Diagnostic& diagnostic, const FileTable& files) {
  std::string path = diagnostic.source.line == 0 ? "" : files.Path(diagnostic.source.file);
  if (path.rfind(kStacks, 0) == 0) path = path.substr(kStacks.size());
  return diagnostic.code + " " + path + ":" + std::to_string(diagnostic.source.line) + ":" +
         std::to_string(diagnostic.source.column) + " " + diagnostic.message;
}

struct Loaded {
  model::Network network;
  FileTable files;
  DiagnosticSink diagnostics;
  LoadStats stats;

  explicit Loaded(std::vector<std::string> paths, LoadOptions options = {}) {
    for (std::string& path : paths) path = kStacks + path;
    stats = LoadInputs(paths, network, files, diagnostics, options);
  }
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
      lines.push_back(Line(diagnostic, files));
    }
    return lines;
  }
  const model::SecurityGroup& Group(const std::string& id) const {
    for (const model::SecurityGroup& group : network.security_groups) {
      if (group.id == id) return group;
    }
    throw std::runtime_error("no security group " + id);
  }
  const model::Subnet& Subnet(const std::string& id) const {
    for (const model::Subnet& subnet : network.subnets) {
      if (subnet.id == id) return subnet;
    }
    throw std::runtime_error("no subnet " + id);
  }
};

TEST(CfnStacksTest, NestedStackGetsParametersAndGivesOutputs) {
  Loaded loaded({"nested/parent.yaml"});
  // The parent's default VpcCidr reaches the child, whose subnets are carved from it.
  EXPECT_EQ(loaded.Subnet("Network/SubnetA").cidr_v4->ToString(), "10.20.0.0/24");
  EXPECT_EQ(loaded.Subnet("Network/SubnetB").cidr_v4->ToString(), "10.20.1.0/24");
  EXPECT_EQ(loaded.Subnet("Network/SubnetA").vpc_id, "Network/Vpc");
  // The child's output is the child's resource, under its nested id.
  EXPECT_EQ(loaded.Group("AppSg").vpc_id, "Network/Vpc");
  // A standalone rule of the parent joins the child's group.
  const model::SecurityGroup& edge = loaded.Group("Network/EdgeSg");
  ASSERT_EQ(edge.ingress.size(), 1u);
  EXPECT_EQ(edge.ingress[0].peer.cidr_v4.ToString(), "0.0.0.0/0");
  // A comma-joined list handed to a List parameter keeps its elements.
  ASSERT_EQ(loaded.network.ecs_services.size(), 1u);
  const model::EcsService& service = loaded.network.ecs_services[0];
  EXPECT_EQ(service.id, "Service/Service");
  ASSERT_TRUE(service.network);
  EXPECT_EQ(service.network->subnet_ids,
            (std::vector<std::string>{"Network/SubnetA", "Network/SubnetB"}));
  EXPECT_EQ(service.network->security_group_ids, std::vector<std::string>{"AppSg"});
  // One set of AWS defaults per VPC, though three templates were mapped together.
  std::size_t main_tables = 0;
  for (const model::RouteTable& table : loaded.network.route_tables) main_tables += table.implicit;
  EXPECT_EQ(main_tables, 1u);
  EXPECT_EQ(
      loaded.Lines(),
      (std::vector<std::string>{
          "IN004 nested/parent.yaml:38:20 nested stack Remote: its template is not a local file "
          "(https://s3.amazonaws.com/bucket/remote.yaml), so its resources are not analysed; "
          "give it as a path relative to this template, as `aws cloudformation package` takes "
          "it",
          "IN003 nested/parent.yaml:42:20 nested stack Missing: its template " + kStacks +
              "nested/absent.yaml does not exist; its resources are not analysed"}));
}

TEST(CfnStacksTest, GivenParametersReachNestedStacksThroughTheirParent) {
  LoadOptions options;
  options.template_parameters.push_back({"VpcCidr", "10.50.0.0/16", "with --parameter"});
  Loaded loaded({"nested/parent.yaml"}, options);
  EXPECT_EQ(loaded.Subnet("Network/SubnetB").cidr_v4->ToString(), "10.50.1.0/24");
}

TEST(CfnStacksTest, AGivenChildTemplateIsLoadedOnlyUnderItsParent) {
  Loaded loaded({"nested"});
  std::size_t vpcs = 0;
  for (const model::Vpc& vpc : loaded.network.vpcs) vpcs += vpc.id == "Network/Vpc";
  EXPECT_EQ(vpcs, 1u);
  EXPECT_EQ(loaded.network.vpcs.size(), 1u);
}

TEST(CfnStacksTest, NestedStackConditionsAndPassedValuesAreChecked) {
  Loaded without({"conditional/parent.yaml"});
  ASSERT_EQ(without.network.vpcs.size(), 1u);  // Optional's condition is false
  EXPECT_EQ(without.network.vpcs[0].id, "Always/Vpc");
  // The rejected value makes the parameter unknown, not 'db'.
  ASSERT_EQ(without.network.vpcs[0].tags.size(), 1u);
  EXPECT_EQ(without.network.vpcs[0].tags[0].value, "");
  EXPECT_EQ(without.Lines(),
            (std::vector<std::string>{
                "IN004 conditional/child.yaml:4:20 parameter Tier: value 'db' passed by nested "
                "stack Always of " + kStacks + "conditional/parent.yaml:13:5 is not one of its "
                "AllowedValues (web, app); CloudFormation would refuse it, so the parameter is "
                "unknown",
                "IN004 conditional/parent.yaml:16:39 nested stack Always passes parameter "
                "Unknown, which " + kStacks + "conditional/child.yaml does not declare"}));
  LoadOptions options;
  options.template_parameters.push_back({"Enable", "yes", "with --parameter"});
  Loaded with({"conditional/parent.yaml"}, options);
  ASSERT_EQ(with.network.vpcs.size(), 2u);
  EXPECT_EQ(with.network.vpcs[0].id, "Optional/Vpc");
  EXPECT_EQ(with.network.vpcs[0].tags.at(0).value, "web");
}

TEST(CfnStacksTest, ATemplateNestingItsAncestorIsAnErrorAtItsTemplateUrl) {
  Loaded loaded({"cycle"});
  EXPECT_EQ(loaded.Lines(),
            (std::vector<std::string>{
                "IN001 cycle/b.yaml:5:20 nested stack Back nests its own ancestor (" + kStacks +
                "cycle/a.yaml -> " + kStacks + "cycle/b.yaml -> " + kStacks +
                "cycle/a.yaml); CloudFormation cannot create it, and the cycle is not followed"}));
  ASSERT_EQ(loaded.network.vpcs.size(), 1u);
  EXPECT_EQ(loaded.network.vpcs[0].id, "Inner/Vpc");
}

TEST(CfnStacksTest, StacksSharingLogicalIdsAreNamedByFile) {
  Loaded loaded({"twins"});
  EXPECT_TRUE(loaded.Lines().empty());
  EXPECT_EQ(loaded.Group("blue.yaml/Web").vpc_id, "blue.yaml/Vpc");
  EXPECT_EQ(loaded.Group("green.yaml/Web").vpc_id, "green.yaml/Vpc");
  // The standalone rule joins its own stack's group only.
  EXPECT_EQ(loaded.Group("blue.yaml/Web").ingress.size(), 1u);
  EXPECT_TRUE(loaded.Group("green.yaml/Web").ingress.empty());
  EXPECT_EQ(loaded.network.vpcs.size(), 2u);
  std::size_t main_tables = 0;
  for (const model::RouteTable& table : loaded.network.route_tables) main_tables += table.implicit;
  EXPECT_EQ(main_tables, 2u);
}

TEST(CfnStacksTest, BrokenTemplatesAreErrorsAtTheirPlace) {
  Loaded loaded({"broken"});
  EXPECT_EQ(loaded.Lines(),
            (std::vector<std::string>{
                "IN001 broken/template.json:7:1 invalid JSON: expected ',' or '}' after an object "
                "member, found the end of the input",
                "IN001 broken/template.yaml:3:66 invalid YAML: illegal flow end"}));
  EXPECT_EQ(loaded.stats.files_unreadable, 2u);
}

TEST(CfnStacksTest, ImportsFindTheExportsOfOtherTemplates) {
  Loaded loaded({"exports/network.yaml", "exports/service.yaml"});
  // The rule on an imported group joins the exporting template's group.
  const model::SecurityGroup& service = loaded.Group("ServiceSg");
  ASSERT_EQ(service.ingress.size(), 1u);
  EXPECT_EQ(service.ingress[0].source.line, 12u);  // the rule's source, CidrIp
  // "${AWS::StackName}:VpcId" matched by the import "core-network:VpcId".
  EXPECT_EQ(loaded.Group("ClientSg").vpc_id, "Vpc");
  EXPECT_EQ(loaded.Group("Other").vpc_id, "");
  EXPECT_EQ(loaded.Lines(),
            (std::vector<std::string>{
                "IN004 exports/network.yaml:10:3 stack name taken as 'core-network', the name "
                "under which other templates of this run import its exports",
                "IN003 exports/service.yaml:23:14 Fn::ImportValue not-exported-anywhere: no "
                "template of this run exports it; the value is unknown"}));
}

// Nathan Peck's networking and service stacks: the service's imports name the network stack
// "production" (its StackName parameter's default); the exports say "${AWS::StackName}:...".
TEST(CfnStacksTest, RealServiceStackImportsFromRealNetworkStack) {
  model::Network network;
  FileTable files;
  DiagnosticSink diagnostics;
  LoadInputs(std::vector<std::string>{std::string(NETLINT_FIXTURES_DIR) + "/cfn/corpus/nathanpeck"},
             network, files, diagnostics);
  ASSERT_EQ(network.ecs_services.size(), 1u);
  const model::EcsService& service = network.ecs_services[0];
  ASSERT_TRUE(service.network);
  EXPECT_EQ(service.network->subnet_ids,
            (std::vector<std::string>{"PrivateSubnetOne", "PrivateSubnetTwo"}));
  EXPECT_EQ(service.network->security_group_ids,
            std::vector<std::string>{"FargateContainerSecurityGroup"});
  EXPECT_EQ(service.cluster, "ECSCluster");
  std::vector<std::string> messages;
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
    messages.push_back(diagnostic.code + " " + diagnostic.message);
  }
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "IN004 stack name taken as 'production', the name under which other "
                          "templates of this run import its exports"}));
}

TEST(CfnStacksTest, AnImportAloneStaysUnknownWithANote) {
  Loaded loaded({"exports/service.yaml"});
  EXPECT_EQ(loaded.Group("ClientSg").vpc_id, "");
  EXPECT_EQ(loaded.Lines(),
            (std::vector<std::string>{
                "IN004 exports/service.yaml:6:5 the group of this rule is unknown; the rule is "
                "judged on its own",
                "IN003 exports/service.yaml:8:16 Fn::ImportValue shared-service-sg: no template "
                "of this run exports it; the value is unknown",
                "IN003 exports/service.yaml:18:9 Fn::ImportValue core-network:VpcId: no template "
                "of this run exports it; the value is unknown",
                "IN003 exports/service.yaml:23:14 Fn::ImportValue not-exported-anywhere: no "
                "template of this run exports it; the value is unknown"}));
}

TEST(CfnStacksTest, RegionAndAccountAreGivenLikeParameters) {
  // Unknown unless given: zones of the stack's region are told apart from another region's,
  // and values built from the region or account stay unknown.
  Loaded unknown({"region/template.yaml"});
  EXPECT_EQ(unknown.Subnet("A").availability_zone, "zone 1 of the stack's region");
  EXPECT_EQ(unknown.Subnet("B").availability_zone, "zone 2 of eu-west-1");
  EXPECT_EQ(unknown.Subnet("Nested/C").availability_zone, "zone 2 of the stack's region");
  // Text kept for its shape names what it does not know.
  EXPECT_EQ(unknown.Group("Sg").description,
            "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/app");
  EXPECT_EQ(unknown.Group("Nested/Sg").description, "${AWS::Region} ${AWS::AccountId}");
  EXPECT_EQ(unknown.Lines(), std::vector<std::string>{});

  LoadOptions options;
  std::string error;
  for (const char* assignment : {"AWS::Region=eu-west-1", "AWS::AccountId=123456789012"}) {
    options.template_parameters.push_back(*ParseParameterAssignment(assignment, error));
  }
  Loaded given({"region/template.yaml"}, options);
  // eu-west-1 is now the stack's region: B's zone is the nested stack's C's.
  EXPECT_EQ(given.Subnet("B").availability_zone, "zone 2 of the stack's region");
  EXPECT_EQ(given.Subnet("Nested/C").availability_zone, given.Subnet("B").availability_zone);
  EXPECT_EQ(given.Group("Sg").description, "arn:aws:ec2:eu-west-1:123456789012:security-group/app");
  EXPECT_EQ(given.Group("Nested/Sg").description, "eu-west-1 123456789012") << "one deployment";
  EXPECT_EQ(given.Lines(), std::vector<std::string>{}) << "no template declares them, rightly";

  LoadOptions malformed;
  for (const char* assignment : {"AWS::Region=Ireland", "AWS::AccountId=1234"}) {
    malformed.template_parameters.push_back(*ParseParameterAssignment(assignment, error));
  }
  Loaded refused({"region/template.yaml"}, malformed);
  EXPECT_EQ(refused.Group("Sg").description, unknown.Group("Sg").description);
  EXPECT_EQ(refused.Lines(),
            (std::vector<std::string>{
                "IN004 :0:0 AWS::Region 'Ireland' given with --parameter is not a region name "
                "(such as eu-west-1); it is ignored",
                "IN004 :0:0 AWS::AccountId '1234' given with --parameter is not an account id "
                "(12 digits); it is ignored"}));
}

TEST(CfnStacksTest, ParameterValuesFromAFileAndAllowedValues) {
  std::vector<TemplateParameter> parameters;
  std::string error;
  ASSERT_TRUE(ReadParametersFile(kStacks + "parameters/deploy.json", parameters, error)) << error;
  LoadOptions options;
  options.template_parameters = parameters;
  Loaded loaded({"parameters/template.yaml"}, options);
  EXPECT_EQ(loaded.Lines(),
            (std::vector<std::string>{
                "IN004 parameters/template.yaml:6:20 parameter Environment: value 'staging' given "
                "in " + kStacks + "parameters/deploy.json:3:20 is not one of its AllowedValues "
                "(dev, prod); CloudFormation would refuse it, so the parameter is unknown"}));
  EXPECT_EQ(loaded.diagnostics.diagnostics()[0].severity, Severity::kError);
  EXPECT_EQ(loaded.Group("AdminSg").ingress[0].peer.cidr_v4.ToString(), "192.168.0.0/16");
  // The condition on the rejected value is unknown: the resource is kept.
  EXPECT_NO_THROW(loaded.Group("ProdOnlySg"));
}

TEST(CfnStacksTest, ParameterDefaultsAndConditions) {
  Loaded defaults({"parameters/template.yaml"});
  EXPECT_TRUE(defaults.Lines().empty());
  EXPECT_EQ(defaults.Group("AdminSg").ingress[0].peer.cidr_v4.ToString(), "10.0.0.0/8");
  EXPECT_THROW(defaults.Group("ProdOnlySg"), std::runtime_error);  // Environment is dev
  LoadOptions options;
  options.template_parameters.push_back({"Environment", "prod", "with --parameter"});
  options.template_parameters.push_back({"Undeclared", "x", "with --parameter"});
  Loaded prod({"parameters/template.yaml"}, options);
  EXPECT_NO_THROW(prod.Group("ProdOnlySg"));
  EXPECT_EQ(prod.Lines(), (std::vector<std::string>{
                              "IN004 :0:0 parameter Undeclared given with --parameter is not "
                              "declared by any top-level template"}));
}

TEST(CfnStacksTest, PreviousValuesAreUnknown) {
  LoadOptions options;
  options.template_parameters.push_back({"AdminCidr", std::nullopt, "in p.json:2:3"});
  Loaded loaded({"parameters/template.yaml"}, options);
  const model::SgRule& rule = loaded.Group("AdminSg").ingress.at(0);
  EXPECT_EQ(rule.peer.kind, model::SgPeer::Kind::kUnknown);
  EXPECT_EQ(rule.peer.unknown_reason(),
            "depends on parameter AdminCidr, given as the deployed stack's previous value");
}

TEST(CfnParametersFileTest, TheFormsOfCreateStackAndDeploy) {
  std::vector<TemplateParameter> parameters;
  std::string error;
  ASSERT_TRUE(ReadParametersFile(kStacks + "parameters/create-stack.json", parameters, error));
  ASSERT_TRUE(ReadParametersFile(kStacks + "parameters/deploy.json", parameters, error));
  ASSERT_EQ(parameters.size(), 4u);
  EXPECT_EQ(parameters[1].key, "AdminCidr");
  EXPECT_EQ(parameters[1].value, "0.0.0.0/0");
  EXPECT_EQ(parameters[1].origin, "in " + kStacks + "parameters/create-stack.json:3:51");
  EXPECT_EQ(parameters[2].key, "Environment");
  EXPECT_EQ(parameters[2].value, "staging");

  EXPECT_FALSE(ReadParametersFile(kStacks + "parameters/broken.json", parameters, error));
  EXPECT_EQ(error, kStacks + "parameters/broken.json:3:3: expected an object with ParameterKey");
  EXPECT_FALSE(ReadParametersFile(kStacks + "parameters/none.json", parameters, error));

  std::optional<TemplateParameter> assignment = ParseParameterAssignment("Url=a=b", error);
  ASSERT_TRUE(assignment);
  EXPECT_EQ(assignment->key, "Url");
  EXPECT_EQ(assignment->value, "a=b");
  EXPECT_FALSE(ParseParameterAssignment("=x", error));
  EXPECT_EQ(error, "expected Key=Value, got '=x'");
}

TEST(CfnParametersCliTest, CheckTakesParametersAndRefusesBadOnes) {
  using testing::RunNetlint;
  const std::string base =
      "check fixtures/cfn/stacks/parameters/template.yaml --select SG001 --format concise";
  EXPECT_EQ(RunNetlint(base).exit_code, 0);
  const testing::CommandResult given = RunNetlint(base + " --parameter AdminCidr=0.0.0.0/0");
  EXPECT_EQ(given.exit_code, 1) << given.err;
  EXPECT_EQ(given.out,
            "SG001 fixtures/cfn/stacks/parameters/template.yaml:21:11 AdminSg allows tcp/22 (SSH) "
            "from 0.0.0.0/0\n");
  // Each flag takes one value, so paths may follow it.
  const testing::CommandResult before_paths = RunNetlint(
      "check --parameter AdminCidr=0.0.0.0/0 --parameter Environment=prod --parameters "
      "fixtures/cfn/stacks/parameters/create-stack.json "
      "fixtures/cfn/stacks/parameters/template.yaml --select=SG001 --format concise");
  EXPECT_EQ(before_paths.exit_code, 1) << before_paths.err;
  EXPECT_EQ(before_paths.out, given.out);
  // The command line overrides the file, whatever the order of the flags.
  const testing::CommandResult overridden =
      RunNetlint(base + " --parameter AdminCidr=10.1.0.0/16 --parameters "
                        "fixtures/cfn/stacks/parameters/create-stack.json");
  EXPECT_EQ(overridden.exit_code, 0) << overridden.out;
  const testing::CommandResult broken =
      RunNetlint(base + " --parameters fixtures/cfn/stacks/parameters/broken.json");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_EQ(broken.err,
            "netlint: --parameters: fixtures/cfn/stacks/parameters/broken.json:3:3: expected an "
            "object with ParameterKey\n");
  const testing::CommandResult malformed = RunNetlint(base + " --parameter AdminCidr");
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_EQ(malformed.err, "netlint: --parameter: expected Key=Value, got 'AdminCidr'\n");
}

// cfn_nag's W2 case with its parameters file: the group opens SSH to ::/0 only with the file.
TEST(CfnParametersCliTest, CfnNagParameterFileOpensTheGroup) {
  using testing::RunNetlint;
  const std::string base =
      "check fixtures/cfn/corpus/cfn_nag/bad_cidr_in_parameter.yml --select=SG001 --format concise";
  EXPECT_EQ(RunNetlint(base).out, "");
  EXPECT_EQ(RunNetlint(base + " --parameters fixtures/cfn/corpus/cfn_nag/bad_cidr.json").out,
            "SG001 fixtures/cfn/corpus/cfn_nag/bad_cidr_in_parameter.yml:13:11 "
            "InstanceSecurityGroup allows tcp/22 (SSH) from ::/0\n");
}

TEST(CfnParametersCliTest, ReachTakesParameters) {
  using testing::RunNetlint;
  const testing::CommandResult broken = RunNetlint(
      "reach fixtures/cfn/stacks/parameters/template.yaml --from internet --to AdminSg "
      "--port 22 --parameter x");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_EQ(broken.err, "netlint: --parameter: expected Key=Value, got 'x'\n");
}

}  // namespace
}  // namespace netlint::ingest

namespace netlint::ingest::cfn {
namespace {

// Problems the resolver finds, at their exact place.
std::vector<std::string> ResolveOutputs(const std::string& text) {
  TreeParse parsed = ParseTree(text);
  EXPECT_FALSE(parsed.error);
  DiagnosticSink diagnostics;
  Resolver resolver(*parsed.root, {}, diagnostics, 0);
  for (const auto& [name, output] : parsed.root->Find("Outputs")->members) {
    resolver.Resolve(*output.Find("Value"));
  }
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
    lines.push_back(diagnostic.code + " " + std::to_string(diagnostic.source.line) + ":" +
                    std::to_string(diagnostic.source.column) + " " + diagnostic.message);
  }
  return lines;
}

TEST(CfnResolverPlacesTest, UndefinedNamesAndCircularConditions) {
  EXPECT_EQ(ResolveOutputs(R"(Conditions:
  A: !Condition B
  B:
    Fn::Not: [{Condition: A}]
Resources:
  Vpc: {Type: AWS::EC2::VPC}
Outputs:
  Circular: {Value: !If [A, 1, 2]}
  Undefined: {Value: !Ref Nowhere}
  Attribute: {Value: !GetAtt Ghost.GroupId}
  SubAttribute: {Value: !Sub '${Ghost.Arn}'}
  Imported:
    Value:
      Fn::ImportValue: !Sub '${Vpc}-x'
)"),
            (std::vector<std::string>{
                "IN001 2:6 circular condition: A depends on itself",
                "IN004 9:22 Ref to Nowhere, which is neither a parameter nor a resource",
                "IN004 10:22 Fn::GetAtt names Ghost, which is not a resource of the template",
                "IN004 11:25 Fn::Sub names Ghost, which is not a resource of the template"}));
}

// An object chosen by a short-form function is the template's own node, still readable once
// the function has been resolved (it was once a copy that died with the call).
TEST(CfnResolverPlacesTest, ObjectsFromShortFormsOutliveTheirFunction) {
  const std::string text = R"(Conditions:
  Always: !Equals [a, a]
Mappings:
  Cidrs: {any: {v4: 0.0.0.0/0}}
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupEgress:
        - !If
            - Always
            - {IpProtocol: '-1', CidrIp: !FindInMap [Cidrs, any, v4]}
            - {}
)";
  model::Network network;
  DiagnosticSink diagnostics;
  ASSERT_TRUE(LoadTemplate(text, 0, 0, network, diagnostics).recognised);
  EXPECT_TRUE(diagnostics.diagnostics().empty());
  ASSERT_EQ(network.security_groups.size(), 1u);
  const model::SecurityGroup& group = network.security_groups[0];
  ASSERT_EQ(group.egress.size(), 1u);
  EXPECT_EQ(group.egress[0].peer.cidr_v4.ToString(), "0.0.0.0/0");
  EXPECT_TRUE(group.egress[0].traffic->IsAllTraffic());
  EXPECT_EQ(group.egress[0].source.line, 13u);
}

}  // namespace
}  // namespace netlint::ingest::cfn
