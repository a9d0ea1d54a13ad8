// Terraform plan JSON as input: recognition, mapping onto the model, and links recovered from
// configuration references for ids unknown before apply.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analyzer/ingest/terraform/plan_index.h"
#include "netlint/ingest/loader.h"
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

TEST(TerraformPlanTest, SplitsReferences) {
  using terraform::SplitReference;
  EXPECT_EQ(SplitReference("aws_subnet.private[\"a.b\"].id"),
            (std::vector<std::string>{"aws_subnet", "private", "[\"a.b\"]", "id"}));
  EXPECT_EQ(SplitReference("module.vpc[0].private_subnets"),
            (std::vector<std::string>{"module", "vpc", "[0]", "private_subnets"}));
}

}  // namespace
}  // namespace netlint::ingest
