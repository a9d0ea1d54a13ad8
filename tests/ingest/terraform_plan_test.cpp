// Terraform plan JSON as input: recognition, mapping onto the model, and links recovered from
// configuration references for ids unknown before apply.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/ingest/terraform/plan_index.h"
#include "netlint/engine/engine.h"
#include "netlint/ingest/loader.h"
#include "netlint/report/reporter.h"
#include "tests/support/golden.h"

namespace netlint::ingest {
namespace {

namespace fs = std::filesystem;

struct Loaded {
  model::Network network;
  FileTable files;
  DiagnosticSink diagnostics;
  LoadStats stats;
};

std::unique_ptr<Loaded> Load(const fs::path& path) {
  auto loaded = std::make_unique<Loaded>();
  loaded->stats = LoadInputs(std::vector<std::string>{path.string()}, loaded->network,
                             loaded->files, loaded->diagnostics);
  loaded->network.Freeze();
  return loaded;
}

fs::path WriteTemp(const std::string& name, const std::string& bytes) {
  const fs::path path = fs::temp_directory_path() / ("netlint-tf-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(TerraformPlanTest, RecoversLinksOfNewResourcesFromReferences) {
  const auto loaded = Load(testing::FixturesDir() / "rules/ECS001/good-plan-endpoints.json");
  const model::Network& network = loaded->network;
  EXPECT_EQ(loaded->stats.files_recognised, 1u);
  const model::Subnet* subnet = network.FindSubnet("aws_subnet.private[1]", 0);
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->vpc_id, "aws_vpc.main");
  ASSERT_EQ(network.ecs_services.size(), 1u);
  const model::EcsService& service = network.ecs_services[0];
  ASSERT_TRUE(service.network.has_value());
  EXPECT_EQ(service.network->subnet_ids,
            (std::vector<std::string>{"aws_subnet.private[0]", "aws_subnet.private[1]"}));
  EXPECT_EQ(service.network->security_group_ids,
            std::vector<std::string>{"aws_security_group.app"});
  EXPECT_EQ(service.task_definition, "aws_ecs_task_definition.orders");
  // count.index picks the same instance on both sides.
  const model::RouteTable* table = network.FindRouteTable("aws_route_table.private", 0);
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->associations.size(), 2u);
  EXPECT_EQ(table->associations[0].subnet_id, "aws_subnet.private[0]");
  EXPECT_EQ(table->associations[1].subnet_id, "aws_subnet.private[1]");
  // Local route first; the gateway endpoint's route to its service.
  ASSERT_EQ(table->routes.size(), 2u);
  EXPECT_EQ(table->routes[0].target_kind, model::RouteTargetKind::kLocal);
  EXPECT_EQ(table->routes[1].target_id, "aws_vpc_endpoint.s3");
  // The VPC's main table is implicit.
  const model::RouteTable* main = network.FindRouteTable("aws_vpc.main.main_route_table", 0);
  ASSERT_NE(main, nullptr);
  EXPECT_TRUE(main->implicit);
  EXPECT_TRUE(main->IsMain());
  // No egress block: Terraform leaves the group without egress rules.
  const model::SecurityGroup* endpoints = network.FindSecurityGroup("aws_security_group.endpoints", 0);
  ASSERT_NE(endpoints, nullptr);
  EXPECT_TRUE(endpoints->rules_known);
  EXPECT_TRUE(endpoints->egress.empty());
  ASSERT_EQ(network.task_definitions.size(), 1u);
  ASSERT_EQ(network.task_definitions[0].containers.size(), 1u);
  EXPECT_EQ(network.task_definitions[0].containers[0].log_driver, "awslogs");
}

TEST(TerraformPlanTest, ModulesOutputsVariablesAndDeletions) {
  const auto loaded = Load(testing::FixturesDir() / "rules/SG001/bad-plan-module-variable.json");
  const model::Network& network = loaded->network;
  const model::SecurityGroup* group =
      network.FindSecurityGroup("module.bastion.aws_security_group.this", 0);
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->vpc_id, "aws_vpc.main") << "var.vpc_id followed into the module call";
  ASSERT_EQ(group->ingress.size(), 2u) << "the standalone rule joins through module.bastion.group_id";
  EXPECT_EQ(network.FindSecurityGroup("aws_security_group.old", 0), nullptr) << "deleted";
}

TEST(TerraformPlanTest, RejectsFormatVersion2WithAClearMessage) {
  const fs::path path = WriteTemp("v2.json", R"({"format_version":"2.0","planned_values":{}})");
  const auto loaded = Load(path);
  ASSERT_EQ(loaded->diagnostics.diagnostics().size(), 1u);
  EXPECT_EQ(loaded->diagnostics.diagnostics()[0].code, "IN004");
  EXPECT_NE(loaded->diagnostics.diagnostics()[0].message.find("\"2.0\" is not supported"),
            std::string::npos);
  fs::remove(path);
}

TEST(TerraformPlanTest, ReadsUtf16WithByteOrderMark) {
  const std::string text =
      R"({"format_version":"0.1","planned_values":{"root_module":{"resources":[)"
      R"({"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","values":{"id":"vpc-1","cidr_block":"10.0.0.0/16"}}]}}})";
  std::string utf16 = "\xFF\xFE";
  for (char c : text) {
    utf16 += c;
    utf16 += '\0';
  }
  const fs::path path = WriteTemp("utf16.json", utf16);
  const auto loaded = Load(path);
  ASSERT_EQ(loaded->network.vpcs.size(), 1u);
  EXPECT_EQ(loaded->network.vpcs[0].id, "vpc-1") << "known ids are kept";
  fs::remove(path);
}

std::vector<std::string> Notes(const Loaded& loaded, std::string_view resource) {
  std::vector<std::string> notes;
  for (const Diagnostic& diagnostic : loaded.diagnostics.diagnostics()) {
    if (diagnostic.resource == resource) notes.push_back(diagnostic.message);
  }
  return notes;
}

TEST(TerraformPlanTest, MapsVpcDefaultsAdditionsAndGateways) {
  const auto loaded = Load(testing::FixturesDir() / "rules/IN004/bad-plan-unknown-links.json");
  const model::Network& network = loaded->network;
  const model::Vpc* main = network.FindVpc("aws_vpc.main", 0);
  ASSERT_NE(main, nullptr);
  ASSERT_EQ(main->cidrs_v4.size(), 2u) << "the secondary block joins the VPC";
  EXPECT_EQ(main->cidrs_v4[1].cidr.ToString(), "10.1.0.0/16");
  EXPECT_TRUE(main->cidrs_known);
  EXPECT_FALSE(network.FindVpc("aws_vpc.other", 0)->cidrs_known) << "an IPAM block unknown before apply";
  // aws_default_route_table is the main table; aws_vpc.main.main_route_table_id names it.
  const model::RouteTable* table = network.FindRouteTable("aws_default_route_table.main", 0);
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->IsMain());
  EXPECT_EQ(table->vpc_id, "aws_vpc.main");
  EXPECT_EQ(network.FindRouteTable("aws_vpc.main.main_route_table", 0), nullptr) << "no implicit table";
  ASSERT_EQ(table->routes.size(), 5u);  // two local, two inline, the standalone aws_route
  EXPECT_EQ(table->routes[2].target_kind, model::RouteTargetKind::kInternetGateway);
  EXPECT_EQ(table->routes[2].target_id, "aws_internet_gateway.igw");
  EXPECT_EQ(table->routes[3].target_kind, model::RouteTargetKind::kEgressOnlyInternetGateway);
  EXPECT_EQ(table->routes[3].target_id, "aws_egress_only_internet_gateway.eigw");
  EXPECT_EQ(table->routes[4].target_kind, model::RouteTargetKind::kVpcPeering);
  EXPECT_EQ(table->routes[4].target_id, "aws_vpc_peering_connection.peer");
  // Two route blocks wait for a NAT gateway each: which is which is not guessed.
  const model::RouteTable* private_table = network.FindRouteTable("aws_route_table.private", 0);
  ASSERT_NE(private_table, nullptr);
  ASSERT_EQ(private_table->routes.size(), 4u);  // a local route for each of the VPC's blocks
  EXPECT_EQ(private_table->routes[2].target_kind, model::RouteTargetKind::kUnknown);
  EXPECT_EQ(private_table->routes[3].target_kind, model::RouteTargetKind::kUnknown);
  const model::InternetGateway* igw = network.FindInternetGateway("aws_internet_gateway.igw", 0);
  ASSERT_NE(igw, nullptr);
  ASSERT_EQ(igw->attachments.size(), 1u);
  EXPECT_EQ(igw->attachments[0].vpc_id, "aws_vpc.main");
  const model::EgressOnlyInternetGateway* eigw =
      network.FindEgressOnlyInternetGateway("aws_egress_only_internet_gateway.eigw", 0);
  ASSERT_NE(eigw, nullptr);
  EXPECT_EQ(eigw->attachments.at(0).vpc_id, "aws_vpc.main");
  const model::VpcPeering* peering = network.FindVpcPeering("aws_vpc_peering_connection.peer", 0);
  ASSERT_NE(peering, nullptr);
  EXPECT_EQ(peering->status, "active") << "auto_accept on the accepter";
  EXPECT_EQ(peering->accepter.vpc_id, "aws_vpc.other");
  EXPECT_EQ(peering->requester.cidrs_v4.size(), 2u);
  // The default group and ACL, with exactly the rules the configuration gives.
  const model::SecurityGroup* group = network.FindSecurityGroup("aws_default_security_group.default", 0);
  ASSERT_NE(group, nullptr);
  EXPECT_TRUE(group->IsDefault());
  EXPECT_TRUE(group->ingress.empty());
  EXPECT_TRUE(group->egress.empty());
  const model::NetworkAcl* acl = network.FindNetworkAcl("aws_default_network_acl.default", 0);
  ASSERT_NE(acl, nullptr);
  EXPECT_TRUE(acl->is_default.value_or(false));
  EXPECT_EQ(acl->vpc_id, "aws_vpc.main");
  ASSERT_EQ(acl->entries.size(), 3u);  // the allow, and the implicit deny of each direction
  EXPECT_FALSE(acl->entries[0].cidr_v6.has_value()) << "\"\" is unset, not an invalid block";
  EXPECT_EQ(network.FindSubnet("aws_subnet.either", 0)->vpc_id, "") << "one of two VPCs";
  EXPECT_EQ(Notes(*loaded, "aws_subnet.either"),
            std::vector<std::string>{"vpc_id is one of aws_vpc.main, aws_vpc.other, decided at "
                                     "apply time; links through it are unknown"});
  EXPECT_EQ(Notes(*loaded, "aws_security_group.from_data"),
            std::vector<std::string>{"vpc_id depends on a data source read at apply time; links "
                                     "through it are unknown"});
  EXPECT_EQ(Notes(*loaded, "aws_security_group.from_local"),
            std::vector<std::string>{"vpc_id depends on local.vpc_id (locals are not in plan "
                                     "JSON); links through it are unknown"});
  EXPECT_EQ(Notes(*loaded, "aws_default_network_acl.default"), std::vector<std::string>{});
}

// A plan resource: planned values, the change that creates it (with the attributes unknown
// before apply) and its configuration with references.
void AddPlanResource(nlohmann::json& plan, const std::string& type, const std::string& name,
                     nlohmann::json values, const nlohmann::json& references,
                     const std::vector<std::string>& unknown = {}) {
  const std::string address = type + "." + name;
  plan["planned_values"]["root_module"]["resources"].push_back(
      {{"address", address}, {"mode", "managed"}, {"type", type}, {"name", name}, {"values", values}});
  nlohmann::json after_unknown = {{"id", true}};
  for (const std::string& key : unknown) after_unknown[key] = true;
  plan["resource_changes"].push_back({{"address", address},
                                      {"mode", "managed"},
                                      {"type", type},
                                      {"name", name},
                                      {"change",
                                       {{"actions", {"create"}},
                                        {"before", nullptr},
                                        {"after", values},
                                        {"after_unknown", after_unknown}}}});
  nlohmann::json expressions = nlohmann::json::object();
  for (const auto& [key, targets] : references.items()) expressions[key] = {{"references", targets}};
  plan["configuration"]["root_module"]["resources"].push_back(
      {{"address", address}, {"mode", "managed"}, {"type", type}, {"name", name}, {"expressions", expressions}});
}

TEST(TerraformPlanTest, EveryVpcHasTheDefaultAclAndGroupAwsCreatesUnlessThePlanAdoptsThem) {
  nlohmann::json plan = {{"format_version", "1.2"}};
  const std::vector<std::string> vpc_unknown = {"default_network_acl_id", "default_security_group_id",
                                                "default_route_table_id", "main_route_table_id"};
  AddPlanResource(plan, "aws_vpc", "main", {{"cidr_block", "10.0.0.0/16"}}, nlohmann::json::object(),
                  vpc_unknown);
  AddPlanResource(plan, "aws_vpc", "adopted", {{"cidr_block", "10.1.0.0/16"}}, nlohmann::json::object(),
                  vpc_unknown);
  AddPlanResource(plan, "aws_subnet", "app", {{"cidr_block", "10.0.1.0/24"}},
                  {{"vpc_id", {"aws_vpc.main.id", "aws_vpc.main"}}}, {"vpc_id"});
  AddPlanResource(plan, "aws_subnet", "data", {{"cidr_block", "10.0.2.0/24"}},
                  {{"vpc_id", {"aws_vpc.main.id", "aws_vpc.main"}}}, {"vpc_id"});
  AddPlanResource(plan, "aws_subnet", "shared", {{"cidr_block", "10.2.1.0/24"}, {"vpc_id", "vpc-0123456789abcdef0"}},
                  nlohmann::json::object());
  AddPlanResource(plan, "aws_network_acl", "data", {{"ingress", nlohmann::json::array()}},
                  {{"vpc_id", {"aws_vpc.main.id", "aws_vpc.main"}}}, {"vpc_id"});
  AddPlanResource(plan, "aws_network_acl_association", "data", nlohmann::json::object(),
                  {{"network_acl_id", {"aws_network_acl.data.id", "aws_network_acl.data"}},
                   {"subnet_id", {"aws_subnet.data.id", "aws_subnet.data"}}},
                  {"network_acl_id", "subnet_id"});
  // A rule added to the default group through the VPC's attribute joins it.
  AddPlanResource(plan, "aws_security_group_rule", "default_https",
                  {{"type", "ingress"}, {"protocol", "tcp"}, {"from_port", 443}, {"to_port", 443},
                   {"cidr_blocks", {"10.9.0.0/16"}}},
                  {{"security_group_id", {"aws_vpc.main.default_security_group_id", "aws_vpc.main"}}},
                  {"security_group_id"});
  AddPlanResource(plan, "aws_default_network_acl", "adopted", nlohmann::json::object(),
                  {{"default_network_acl_id", {"aws_vpc.adopted.default_network_acl_id", "aws_vpc.adopted"}}},
                  {"default_network_acl_id", "vpc_id"});
  AddPlanResource(plan, "aws_default_security_group", "adopted", nlohmann::json::object(),
                  {{"vpc_id", {"aws_vpc.adopted.id", "aws_vpc.adopted"}}}, {"vpc_id"});
  const fs::path path = WriteTemp("vpc-defaults.json", plan.dump(1));
  const auto loaded = Load(path);
  fs::remove(path);
  const model::Network& network = loaded->network;

  const model::NetworkAcl* acl = network.FindNetworkAcl("aws_vpc.main.default_network_acl", 0);
  ASSERT_NE(acl, nullptr);
  EXPECT_TRUE(acl->implicit);
  EXPECT_TRUE(acl->is_default.value_or(false));
  EXPECT_EQ(acl->vpc_id, "aws_vpc.main");
  EXPECT_EQ(acl->subnet_ids, std::vector<std::string>{"aws_subnet.app"}) << "the data subnet has its own";
  ASSERT_EQ(acl->entries.size(), 4u);  // rule 100 allows everything, then the final deny, each way
  for (const model::NaclEntry& entry : acl->entries) {
    EXPECT_EQ(entry.action == model::RuleAction::kAllow, entry.rule_number == 100);
    EXPECT_EQ(entry.cidr_v4->ToString(), "0.0.0.0/0");
  }
  const model::SecurityGroup* group = network.FindSecurityGroup("aws_vpc.main.default_security_group", 0);
  ASSERT_NE(group, nullptr);
  EXPECT_TRUE(group->implicit);
  EXPECT_TRUE(group->IsDefault());
  ASSERT_EQ(group->ingress.size(), 2u);  // from itself, and the plan's rule
  EXPECT_EQ(group->ingress[0].peer.kind, model::SgPeer::Kind::kSecurityGroup);
  EXPECT_EQ(group->ingress[0].peer.id, group->id);
  EXPECT_EQ(group->ingress[1].peer.cidr_v4.ToString(), "10.9.0.0/16");
  ASSERT_EQ(group->egress.size(), 1u);
  EXPECT_EQ(group->egress[0].peer.cidr_v4.ToString(), "0.0.0.0/0");
  // Adopted defaults replace AWS's: exactly the rules the configuration gives, none here.
  EXPECT_EQ(network.FindNetworkAcl("aws_vpc.adopted.default_network_acl", 0), nullptr);
  EXPECT_EQ(network.FindSecurityGroup("aws_vpc.adopted.default_security_group", 0), nullptr);
  const model::NetworkAcl* adopted_acl = network.FindNetworkAcl("aws_default_network_acl.adopted", 0);
  ASSERT_NE(adopted_acl, nullptr);
  EXPECT_FALSE(adopted_acl->implicit);
  EXPECT_EQ(adopted_acl->entries.size(), 2u) << "only the final denies";
  const model::SecurityGroup* adopted_group =
      network.FindSecurityGroup("aws_default_security_group.adopted", 0);
  ASSERT_NE(adopted_group, nullptr);
  EXPECT_EQ(adopted_group->vpc_id, "aws_vpc.adopted");
  EXPECT_TRUE(adopted_group->ingress.empty());
  // The plan's network ACLs are the whole story for its VPCs; only the subnet of a VPC outside
  // it is said once.
  std::vector<std::string> notes;
  for (const Diagnostic& diagnostic : loaded->diagnostics.diagnostics()) notes.push_back(diagnostic.message);
  EXPECT_EQ(notes, std::vector<std::string>{
                       "1 subnet (such as aws_subnet.shared) of a VPC outside this plan has no network "
                       "ACL in it; it is assumed to use the VPC's default network ACL, which allows all "
                       "traffic"});
}

TEST(TerraformPlanTest, RulesForGroupsOutsideThePlanAreJudgedOnTheirOwn) {
  nlohmann::json plan = {{"format_version", "1.2"}};
  const nlohmann::json ssh = {{"type", "ingress"}, {"protocol", "tcp"}, {"from_port", 22}, {"to_port", 22},
                              {"cidr_blocks", {"0.0.0.0/0"}}, {"security_group_id", "sg-0123456789abcdef0"}};
  AddPlanResource(plan, "aws_security_group_rule", "ssh", ssh, nlohmann::json::object());
  nlohmann::json office = ssh;
  office["cidr_blocks"] = {"198.51.100.0/24"};
  AddPlanResource(plan, "aws_security_group_rule", "office", office, nlohmann::json::object());
  const fs::path folder = fs::temp_directory_path() / "netlint-tf-outside";
  fs::remove_all(folder);
  fs::create_directories(folder);
  std::ofstream(folder / "plan.json") << plan.dump(1);
  EXPECT_EQ(testing::RunConcise({(folder / "plan.json").string()}, {"SG001", "IN004"}, folder),
            "IN004 plan.json:31:16 aws_security_group_rule.ssh adds a rule to sg-0123456789abcdef0, a "
            "security group outside this plan; the rule is judged on its own\n"
            "SG001 plan.json:31:16 aws_security_group_rule.ssh allows tcp/22 (SSH) from 0.0.0.0/0\n"
            "IN004 plan.json:47:16 aws_security_group_rule.office adds a rule to sg-0123456789abcdef0, a "
            "security group outside this plan; the rule is judged on its own\n");
  fs::remove_all(folder);
}

TEST(TerraformPlanTest, MapsWorkloadsLoadBalancingAndCaches) {
  const auto loaded = Load(testing::FixturesDir() / "rules/IN004/bad-plan-unknown-links.json");
  const model::Network& network = loaded->network;
  // The launch template gives the instance its subnet, groups and (no) public address.
  const model::Instance* web = network.FindInstance("aws_instance.web", 0);
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->subnet_id, "aws_subnet.private");
  EXPECT_EQ(web->vpc_id, "aws_vpc.main");
  EXPECT_EQ(web->security_group_ids, std::vector<std::string>{"aws_security_group.web"});
  EXPECT_EQ(web->HasPublicIpv4(), std::optional<bool>(false));
  // Without associate_public_ip_address the subnet's map_public_ip_on_launch decides.
  EXPECT_EQ(network.FindInstance("aws_instance.pub", 0)->HasPublicIpv4(), std::optional<bool>(true));
  const model::TargetGroup* group = network.FindTargetGroup("aws_lb_target_group.web", 0);
  ASSERT_NE(group, nullptr);
  ASSERT_EQ(group->targets.size(), 1u);
  EXPECT_EQ(group->targets[0].id, "aws_instance.web");
  EXPECT_EQ(group->targets[0].port, std::optional<std::uint16_t>(8080));
  EXPECT_EQ(group->health_check_port, "8081");
  EXPECT_EQ(group->load_balancer_ids, std::vector<std::string>{"aws_lb.web"})
      << "through the listener rule's forward action";
  ASSERT_EQ(network.listeners.size(), 1u);
  EXPECT_EQ(network.listeners[0].target_group_ids, std::vector<std::string>{"aws_lb_target_group.web"});
  const model::VpcEndpoint* endpoint = network.FindVpcEndpoint("aws_vpc_endpoint.logs", 0);
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(endpoint->security_group_ids, std::vector<std::string>{"aws_security_group.web"});
  const model::CacheSubnetGroup* cache_subnets = network.FindCacheSubnetGroup("cache", 0);
  ASSERT_NE(cache_subnets, nullptr);
  EXPECT_EQ(cache_subnets->vpc_id, "aws_vpc.main");
  ASSERT_EQ(network.replication_groups.size(), 1u);
  EXPECT_EQ(network.replication_groups[0].id, "sessions");
  EXPECT_EQ(network.replication_groups[0].subnet_group, "cache");
  EXPECT_EQ(network.replication_groups[0].security_group_ids,
            std::vector<std::string>{"aws_security_group.web"});
  const model::CacheCluster* memo = network.FindCacheCluster("memo", 0);
  ASSERT_NE(memo, nullptr);
  EXPECT_EQ(memo->engine, "memcached");
  EXPECT_EQ(memo->port, std::optional<std::uint16_t>(11211));
}

TEST(TerraformPlanTest, KeepsForEachInstancesApart) {
  const auto loaded = Load(testing::FixturesDir() / "rules/CIDR001/bad-plan-for-each.json");
  const model::Network& network = loaded->network;
  std::vector<std::string> subnets;
  for (const model::Subnet& subnet : network.subnets) {
    subnets.push_back(subnet.id);
    EXPECT_FALSE(subnet.vpc_id.empty()) << subnet.id;
  }
  ASSERT_FALSE(subnets.empty());
  for (const std::string& id : subnets) {
    EXPECT_NE(id.find("[\""), std::string::npos) << id << " keeps its for_each key";
  }
}

TEST(TerraformPlanTest, FindingsPointAtTheResourceBlockOfTheTfFileBesideThePlan) {
  const fs::path folder = testing::FixturesDir() / "terraform/located";
  const std::string actual = testing::RunConcise({(folder / "plan.json").string()}, {"SG001"}, folder);
  EXPECT_EQ(actual,
            "SG001 bastion.tf.json:5:7 aws_security_group.bastion allows tcp/22 (SSH) from 0.0.0.0/0\n"
            "SG001 main.tf:12:1 aws_security_group.admin[\"audit\"] allows tcp/3389 (RDP) from 0.0.0.0/0\n"
            "SG001 main.tf:12:1 aws_security_group.admin[\"ops\"] allows tcp/3389 (RDP) from 0.0.0.0/0\n"
            "SG001 modules/web/main.tf:5:1 module.web.aws_security_group.web allows tcp/22 (SSH) from 0.0.0.0/0\n"
            "SG001 plan.json:86:8 aws_security_group.elsewhere allows tcp/22 (SSH) from 0.0.0.0/0\n");
  // SARIF names the .tf file and line.
  engine::CheckOptions options;
  options.paths = {(folder / "plan.json").string()};
  options.select = {"SG001"};
  const engine::CheckResult result = engine::RunCheck(options);
  report::ReportOptions report_options;
  report_options.relative_to = folder.string();
  std::ostringstream out;
  report::MakeReporter(report::OutputFormat::kSarif, report_options)->Write(result, out);
  const auto sarif = nlohmann::json::parse(out.str());
  std::vector<std::string> places;
  for (const auto& finding : sarif["runs"][0]["results"]) {
    const auto& location = finding["locations"][0]["physicalLocation"];
    places.push_back(location["artifactLocation"]["uri"].get<std::string>() + ":" +
                     std::to_string(location["region"]["startLine"].get<int>()));
  }
  EXPECT_EQ(places, (std::vector<std::string>{"bastion.tf.json:5", "main.tf:12", "main.tf:12",
                                               "modules/web/main.tf:5", "plan.json:86"}));
}

TEST(TerraformPlanTest, FindsResourcesInTfJsonFilesInEitherBlockForm) {
  const fs::path folder = fs::temp_directory_path() / "netlint-tf-json";
  fs::remove_all(folder);
  fs::create_directories(folder);
  // Terraform's JSON syntax allows a block's body as an array of objects too; an escaped
  // quote earlier in the file must not throw the locator off.
  std::ofstream(folder / "groups.tf.json")
      << "{\"resource\": [\n"
      << "  {\"aws_instance\": {\"x\": {\"tags\": {\"k\": \"a\\\"b\"}}}},\n"
      << "  {\"aws_security_group\": [\n"
      << "    {\"ssh\":\n"
      << "       {\"name\": \"ssh\"}}]}]}\n";
  std::ofstream(folder / "broken.tf.json") << "{\"resource\": ";  // skipped, as Terraform fails on it
  std::ofstream(folder / "plan.json")
      << R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[)"
      << R"({"address":"aws_security_group.ssh","mode":"managed","type":"aws_security_group",)"
      << R"("name":"ssh","values":{"name":"ssh","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp",)"
      << R"("cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],)"
      << R"("self":false,"description":""}]}}]}},)"
      << R"("configuration":{"root_module":{"resources":[{"address":"aws_security_group.ssh","mode":"managed",)"
      << R"("type":"aws_security_group","name":"ssh","expressions":{}}]}}})";
  EXPECT_EQ(testing::RunConcise({(folder / "plan.json").string()}, {"SG001"}, folder),
            "SG001 groups.tf.json:4:6 aws_security_group.ssh allows tcp/22 (SSH) from 0.0.0.0/0\n");
  fs::remove_all(folder);
}

TEST(TerraformPlanTest, FindsBlocksOfRegistryModulesWhereTerraformInitInstalledThem) {
  const fs::path folder = fs::temp_directory_path() / "netlint-tf-installed";
  fs::remove_all(folder);
  fs::create_directories(folder / ".terraform/modules/net");
  std::ofstream(folder / ".terraform/modules/modules.json")
      << R"({"Modules":[{"Key":"","Source":"","Dir":"."},)"
      << R"({"Key":"net","Source":"registry.terraform.io/acme/net/aws","Dir":".terraform/modules/net"}]})";
  std::ofstream(folder / ".terraform/modules/net/main.tf")
      << "variable \"cidr\" {}\n\nresource \"aws_security_group\" \"ssh\" {\n  name = \"ssh\"\n}\n";
  std::ofstream(folder / "plan.json")
      << R"({"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.net",)"
      << R"("resources":[{"address":"module.net.aws_security_group.ssh","mode":"managed","type":"aws_security_group",)"
      << R"("name":"ssh","values":{"name":"ssh","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp",)"
      << R"("cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],)"
      << R"("self":false,"description":""}]}}]}]}},)"
      << R"("configuration":{"root_module":{"module_calls":{"net":{"source":"acme/net/aws",)"
      << R"("module":{"resources":[{"address":"aws_security_group.ssh","mode":"managed",)"
      << R"("type":"aws_security_group","name":"ssh","expressions":{}}]}}}}}})";
  EXPECT_EQ(testing::RunConcise({(folder / "plan.json").string()}, {"SG001"}, folder),
            "SG001 .terraform/modules/net/main.tf:3:1 module.net.aws_security_group.ssh allows "
            "tcp/22 (SSH) from 0.0.0.0/0\n");
  fs::remove_all(folder);
}

TEST(TerraformPlanTest, SplitsReferences) {
  using terraform::SplitReference;
  EXPECT_EQ(SplitReference("aws_subnet.private[\"a.b\"].id"),
            (std::vector<std::string>{"aws_subnet", "private", "[\"a.b\"]", "id"}));
  EXPECT_EQ(SplitReference("module.vpc[0].private_subnets"),
            (std::vector<std::string>{"module", "vpc", "[0]", "private_subnets"}));
}

}  // namespace
}  // namespace netlint::ingest
