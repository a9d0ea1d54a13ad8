// VPCE003: an S3 gateway endpoint is not associated with the route tables of private subnets
// whose workloads need S3 and have no other way to it.

#include <map>
#include <set>

#include "rules/common/ecs_clients.h"
#include "rules/common/path_findings.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "VPCE003",
      .name = "gateway-endpoint-missing-route-table",
      .category = "endpoint",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "An S3 gateway endpoint is not associated with the route table of subnets that "
                 "need S3 and have no other way to it",
      .rationale =
          "ECR keeps image layers in S3, so tasks that pull from ECR need S3 even when every "
          "ECR interface endpoint is in place. A gateway endpoint works only for subnets whose "
          "route table it is associated with (AWS adds a route for the S3 prefix list to each "
          "associated table); a subnet left out and without a NAT gateway cannot download "
          "layers and its tasks fail with CannotPullContainerError. netlint reports the "
          "endpoint with the route tables to add.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e7a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e7a2b3c4d5e6f701", "VpcId": "vpc-0e7a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e7a2b3c4d5e6f701", "VpcId": "vpc-0e7a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e7a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]},
  {"RouteTableId": "rtb-0e7a2b3c4d5e6f702", "VpcId": "vpc-0e7a2b3c4d5e6f701", "Associations": [],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationPrefixListId": "pl-6ea54007", "GatewayId": "vpce-0e7a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e7a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e7a2b3c4d5e6f701", "IpPermissions": [],
   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0e7a2b3c4d5e6f701", "VpcEndpointType": "Gateway", "VpcId": "vpc-0e7a2b3c4d5e6f701",
   "ServiceName": "com.amazonaws.eu-west-1.s3", "State": "available", "RouteTableIds": ["rtb-0e7a2b3c4d5e6f702"]}],
 "taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1", "family": "app", "networkMode": "awsvpc",
   "containerDefinitions": [{"name": "app", "image": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"}]},
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1",
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e7a2b3c4d5e6f701"], "securityGroups": ["sg-0e7a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e7a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e7a2b3c4d5e6f701", "VpcId": "vpc-0e7a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e7a2b3c4d5e6f701", "VpcId": "vpc-0e7a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e7a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationPrefixListId": "pl-6ea54007", "GatewayId": "vpce-0e7a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e7a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e7a2b3c4d5e6f701", "IpPermissions": [],
   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0e7a2b3c4d5e6f701", "VpcEndpointType": "Gateway", "VpcId": "vpc-0e7a2b3c4d5e6f701",
   "ServiceName": "com.amazonaws.eu-west-1.s3", "State": "available", "RouteTableIds": ["rtb-0e7a2b3c4d5e6f701"]}],
 "taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1", "family": "app", "networkMode": "awsvpc",
   "containerDefinitions": [{"name": "app", "image": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"}]},
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1",
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e7a2b3c4d5e6f701"], "securityGroups": ["sg-0e7a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Subnets that reach S3 another way (a NAT gateway, a public IP with an internet "
          "gateway, an S3 interface endpoint with private DNS) are not findings: the endpoint "
          "would only save NAT data charges. Clients are ECS services whose task definitions "
          "pull from ECR; other workloads that use S3 are not known to netlint.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-setting-up-s3-gateway",
                     "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html"},
  };
  return meta;
}

class GatewayEndpointMissingRouteTable final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    // Checks name the table by id, whatever the input's id scheme (rtb-..., a template's
    // logical id, a plan's address).
    std::set<std::string, std::less<>> table_ids;
    for (const model::RouteTable& table : context.network.route_tables) table_ids.insert(table.id);
    for (const model::VpcEndpoint& endpoint : context.network.vpc_endpoints) {
      if (endpoint.type != model::EndpointType::kGateway || endpoint.ServiceShortName() != "s3") {
        continue;
      }
      const model::Vpc* vpc = context.network.FindVpc(endpoint.vpc_id, endpoint.scope);
      if (vpc == nullptr) continue;
      const std::string via = "gateway endpoint " + endpoint.id;
      // route table -> (subnets, clients)
      std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> missing;
      std::optional<reach::PathResult> example;
      for (const ServiceClient& client : ClientsOf(context.topology, *vpc, "s3")) {
        const auto answer_shared = context.reachability->QueryShared(
            client.endpoint, reach::Endpoint::AwsService("s3"), reach::FlowSpec{});
        const reach::Answer& answer = *answer_shared;
        for (const reach::PathResult& best : answer.paths) {
          if (best.verdict != reach::Verdict::kBlocked) continue;  // S3 works from there
          for (const auto* paths : {&answer.paths, &answer.alternatives}) {
            for (const reach::PathResult& path : *paths) {
              if (path.via != via || path.source_subnet != best.source_subnet) continue;
              for (const reach::Check* check : path.ChecksWith(reach::Verdict::kBlocked)) {
                if (!table_ids.contains(check->resource)) continue;
                auto& entry = missing[check->resource];
                entry.first.insert(path.source_subnet);
                entry.second.insert(client.name);
                if (!example) example = path;
              }
            }
          }
        }
      }
      if (missing.empty()) continue;
      std::string tables;
      for (const auto& [table, users] : missing) {
        std::string subnets;
        for (const std::string& subnet : users.first) {
          if (!subnets.empty()) subnets += ", ";
          subnets += subnet;
        }
        std::string clients;
        for (const std::string& client : users.second) {
          if (!clients.empty()) clients += ", ";
          clients += client;
        }
        if (!tables.empty()) tables += "; ";
        tables += table;
        tables += " (subnets " + subnets + ", used by ";
        tables += clients;
        tables += ")";
      }
      Finding& finding = sink.Report(
          endpoint, model::ResourceKind::kVpcEndpoint,
          "is not associated with route tables whose subnets need S3 for ECR image layers and "
          "have no other way to it: " + tables + "; add them to the endpoint's route tables");
      AttachPath(finding, *example, reach::Verdict::kBlocked);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeGatewayEndpointMissingRouteTable() {
  return std::make_unique<GatewayEndpointMissingRouteTable>();
}

}  // namespace netlint::rules
