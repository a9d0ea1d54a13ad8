// VPCE001: an interface endpoint's security group does not admit tcp/443 from the workloads
// that depend on it.

#include <set>

#include "rules/common/ecs_clients.h"
#include "rules/common/path_findings.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "VPCE001",
      .name = "endpoint-group-denies-clients",
      .category = "endpoint",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "An interface endpoint's security group does not admit tcp/443 from the "
                 "workloads that depend on it",
      .rationale =
          "With private DNS on, the service's usual name (ecr.api.eu-west-1.amazonaws.com) "
          "resolves to the endpoint's interfaces for the whole VPC, so every client goes "
          "there and nowhere else: a NAT gateway does not help any more. The endpoint's "
          "security group must then admit tcp/443 from every workload that calls the "
          "service; AWS's ECR guide says it plainly (\"The security group attached to the VPC "
          "endpoint must allow incoming connections on port 443 from the private subnet of the "
          "VPC\"). netlint finds the clients from the task definitions of ECS services (ECR, "
          "S3, Logs, Secrets Manager, SSM) and from container instances (the ECS control "
          "plane), and reports the endpoint once, naming the clients it turns away.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e6a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "VpcId": "vpc-0e6a2b3c4d5e6f701", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true},
 "Subnets": [{"SubnetId": "subnet-0e6a2b3c4d5e6f701", "VpcId": "vpc-0e6a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "SecurityGroups": [{"GroupId": "sg-0e6a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e6a2b3c4d5e6f701", "IpPermissions": [],
   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
  {"GroupId": "sg-0e6a2b3c4d5e6f702", "GroupName": "endpoints", "VpcId": "vpc-0e6a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.99.0/24"}]}], "IpPermissionsEgress": []}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0e6a2b3c4d5e6f701", "VpcEndpointType": "Interface", "VpcId": "vpc-0e6a2b3c4d5e6f701",
   "ServiceName": "com.amazonaws.eu-west-1.logs", "State": "available", "SubnetIds": ["subnet-0e6a2b3c4d5e6f701"],
   "Groups": [{"GroupId": "sg-0e6a2b3c4d5e6f702"}], "PrivateDnsEnabled": true}],
 "taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1", "family": "app", "networkMode": "awsvpc",
   "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "logConfiguration": {"logDriver": "awslogs"}}]},
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1",
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e6a2b3c4d5e6f701"], "securityGroups": ["sg-0e6a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e6a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "VpcId": "vpc-0e6a2b3c4d5e6f701", "EnableDnsSupport": {"Value": true}, "EnableDnsHostnames": {"Value": true},
 "Subnets": [{"SubnetId": "subnet-0e6a2b3c4d5e6f701", "VpcId": "vpc-0e6a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "SecurityGroups": [{"GroupId": "sg-0e6a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e6a2b3c4d5e6f701", "IpPermissions": [],
   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
  {"GroupId": "sg-0e6a2b3c4d5e6f702", "GroupName": "endpoints", "VpcId": "vpc-0e6a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}], "IpPermissionsEgress": []}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0e6a2b3c4d5e6f701", "VpcEndpointType": "Interface", "VpcId": "vpc-0e6a2b3c4d5e6f701",
   "ServiceName": "com.amazonaws.eu-west-1.logs", "State": "available", "SubnetIds": ["subnet-0e6a2b3c4d5e6f701"],
   "Groups": [{"GroupId": "sg-0e6a2b3c4d5e6f702"}], "PrivateDnsEnabled": true}],
 "taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1", "family": "app", "networkMode": "awsvpc",
   "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "logConfiguration": {"logDriver": "awslogs"}}]},
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app:1",
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e6a2b3c4d5e6f701"], "securityGroups": ["sg-0e6a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Only clients netlint can name are judged: ECS services with their task definition "
          "in the input, and container instances. Instances and Lambda functions may call the "
          "service too; `netlint reach --from <instance> --to aws:<service>` answers for them. "
          "ECS001 reports the same gap from the client's side, with the full path. Endpoints "
          "without private DNS are skipped: clients reach the service by its public name, "
          "not through them.",
      .fix =
          "Add an ingress rule on tcp/443 to the interface endpoint's security group with the "
          "client workloads' security group as source (or the client subnets' ranges). Each "
          "interface endpoint needs this for the tasks that use it.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
                     "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html"},
  };
  return meta;
}

std::string Message(const std::string& service, const std::string& denied) {
  std::string text = "the endpoint's security groups do not admit tcp/443 from workloads that need ";
  text += service;
  text += ": ";
  text += denied;
  text += "; with private DNS on, they have no other way to ";
  text += service;
  return text;
}

class EndpointGroupDeniesClients final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    const ClientIndex client_index(context.topology);
    for (const model::VpcEndpoint& endpoint : context.network.vpc_endpoints) {
      // Without private DNS the service's usual name does not lead here, so clients go
      // elsewhere and the endpoint's group does not stand in their way.
      if (endpoint.type != model::EndpointType::kInterface ||
          endpoint.private_dns_enabled != true) {
        continue;
      }
      const model::Vpc* vpc = context.network.FindVpc(endpoint.vpc_id, endpoint.scope);
      if (vpc == nullptr) continue;
      const std::string service(endpoint.ServiceShortName());
      const std::set<std::string> groups(endpoint.security_group_ids.begin(),
                                         endpoint.security_group_ids.end());
      const std::string via = "interface endpoint " + endpoint.id;
      std::string denied;
      std::vector<std::shared_ptr<const reach::Answer>> answers;
      std::optional<reach::PathResult> example;
      for (const ServiceClient& client : client_index.ClientsOf(*vpc, service)) {
        answers.push_back(context.reachability->QueryShared(
            client.endpoint, reach::Endpoint::AwsService(service), reach::FlowSpec{}));
        std::vector<const reach::PathResult*> turned_away;
        for (const auto* paths : {&answers.back()->paths, &answers.back()->alternatives}) {
          for (const reach::PathResult& path : *paths) {
            if (path.via != via) continue;
            for (const reach::Check* check : path.ChecksWith(reach::Verdict::kBlocked)) {
              if (groups.count(check->resource) != 0 &&
                  check->text.find("ingress") != std::string::npos) {
                turned_away.push_back(&path);
                if (!example) example = path;
                break;
              }
            }
          }
        }
        if (turned_away.empty()) continue;
        if (!denied.empty()) denied += "; ";
        denied += client.name + " (from " + SourceSubnets(turned_away) + ")";
      }
      if (denied.empty()) continue;
      Finding& finding = sink.Report(
          endpoint, model::ResourceKind::kVpcEndpoint,
          Message(service, denied));
      AttachPath(finding, *example, reach::Verdict::kBlocked);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeEndpointGroupDeniesClients() {
  return std::make_unique<EndpointGroupDeniesClients>();
}

}  // namespace netlint::rules
