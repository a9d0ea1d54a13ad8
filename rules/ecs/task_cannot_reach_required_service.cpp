// ECS001: ECS tasks and container instances must reach what they need before their containers
// run: ECR (API and registry) and S3 for image layers, CloudWatch Logs for awslogs, Secrets
// Manager or SSM for secrets, the ECS control plane for container instances.

#include <string>
#include <vector>

#include "rules/common/ecs_needs.h"
#include "rules/common/path_findings.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "ECS001",
      .name = "ecs-task-cannot-reach-required-service",
      .category = "ecs",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "ECS tasks or container instances have no working path to a service they need "
                 "to start",
      .rationale =
          "Before a task's containers run, the ECS agent (or Fargate) calls the ECR API for an "
          "authorisation token, pulls the image manifest from the ECR registry and its layers "
          "from S3, creates the awslogs stream in CloudWatch Logs, and fetches the task's "
          "secrets from Secrets Manager or SSM Parameter Store. Container instances "
          "additionally talk to the ECS control plane. In a private subnet each of these needs "
          "a NAT gateway route or a VPC endpoint, and the task's security group egress, both "
          "subnets' network ACLs (both ways: they are stateless), the endpoint's security group "
          "and private DNS must all agree. When one piece is missing the service loops on "
          "CannotPullContainerError or ResourceInitializationError and never starts. netlint "
          "evaluates every path the subnet has (NAT, endpoints, internet gateway) and reports "
          "each missing service with every setting that blocks the nearest path, so one round "
          "of fixes makes it work.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e1a2b3c4d5e6f701", "VpcId": "vpc-0e1a2b3c4d5e6f701", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e1a2b3c4d5e6f701", "VpcId": "vpc-0e1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e1a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e1a2b3c4d5e6f701", "IpPermissions": [],
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0e1a2b3c4d5e6f701"], "securityGroups": ["sg-0e1a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e1a2b3c4d5e6f701", "VpcId": "vpc-0e1a2b3c4d5e6f701", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e1a2b3c4d5e6f702", "VpcId": "vpc-0e1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0e1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0e1a2b3c4d5e6f701", "State": "available"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0e1a2b3c4d5e6f701", "VpcId": "vpc-0e1a2b3c4d5e6f701", "SubnetId": "subnet-0e1a2b3c4d5e6f702", "State": "available",
  "NatGatewayAddresses": [{"PrivateIp": "10.0.0.10", "PublicIp": "203.0.113.10"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0e1a2b3c4d5e6f701", "VpcId": "vpc-0e1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0e1a2b3c4d5e6f701", "State": "active"}]},
  {"RouteTableId": "rtb-0e1a2b3c4d5e6f702", "VpcId": "vpc-0e1a2b3c4d5e6f701",
  "Associations": [{"Main": false, "SubnetId": "subnet-0e1a2b3c4d5e6f702", "RouteTableId": "rtb-0e1a2b3c4d5e6f702"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0e1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e1a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e1a2b3c4d5e6f701", "IpPermissions": [],
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0e1a2b3c4d5e6f701"], "securityGroups": ["sg-0e1a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Services with bridge or host networking are judged through their container "
          "instances. Images outside ECR (Docker Hub, public.ecr.aws, other registries) need "
          "the internet instead of ECR and S3. When the task definition is not in the input, "
          "the image's registry is unknown: the service is reported only if it can reach "
          "neither ECR nor the internet. A path whose answer depends on values the input does "
          "not hold (a VPC attribute not described, a prefix list without entries) gives a "
          "note, not an error. Container instances are checked for the ECS control plane "
          "(ecs, ecs-agent, ecs-telemetry).",
      .fix =
          "Give the tasks a working path to each service the finding names: add interface VPC "
          "endpoints (ecr.api, ecr.dkr, logs, secretsmanager, ...) with private DNS plus the S3 "
          "gateway endpoint in the route tables of the tasks' subnets, or route 0.0.0.0/0 to a "
          "NAT gateway in a public subnet. Then make sure the tasks' security group allows "
          "tcp/443 out and the endpoints' group admits it; the finding's blocking settings say "
          "which of these is missing.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
           "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
           "https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets",
           "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html"},
  };
  return meta;
}

class TaskCannotReachRequiredService final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    const model::Network& network = context.network;
    for (const model::EcsService& service : network.ecs_services) {
      if (!service.network) continue;
      const reach::Endpoint from =
          reach::Endpoint::Resource(model::ResourceKind::kEcsService, service);
      const model::TaskDefinition* definition =
          network.FindTaskDefinition(service.task_definition, service.scope);
      if (definition == nullptr) {
        CheckUnknownImageSource(context, service, from, sink);
        continue;
      }
      for (const ServiceNeed& need : NeedsOf(*definition)) {
        CheckNeed(context, service, model::ResourceKind::kEcsService, from, need, "tasks",
                  sink);
      }
    }
    for (const model::ContainerInstance& container_instance : network.container_instances) {
      const reach::Endpoint from = reach::Endpoint::Resource(
          model::ResourceKind::kContainerInstance, container_instance);
      for (const ServiceNeed& need : ContainerInstanceNeeds()) {
        CheckNeed(context, container_instance, model::ResourceKind::kContainerInstance, from,
                  need, "the container instance", sink);
      }
    }
  }

 private:
  static std::shared_ptr<const reach::Answer> Ask(const AnalysisContext& context,
                                                  const reach::Endpoint& from,
                                                  const std::string& service) {
    const reach::Endpoint to = service == "internet" ? reach::Endpoint::Internet()
                                                     : reach::Endpoint::AwsService(service);
    return context.reachability->QueryShared(from, to, reach::FlowSpec{});
  }

  static void CheckNeed(const AnalysisContext& context, const model::Resource& resource,
                        model::ResourceKind kind, const reach::Endpoint& from, const ServiceNeed& need,
                        std::string_view who, FindingSink& sink) {
    const auto shared = Ask(context, from, need.service);
    const reach::Answer& answer = *shared;
    if (answer.verdict == reach::Verdict::kReachable) return;
    std::vector<const reach::PathResult*> failing;
    for (const reach::PathResult& path : answer.paths) {
      if (path.verdict == answer.verdict) failing.push_back(&path);
    }
    if (failing.empty()) return;
    const reach::PathResult& nearest = *failing.front();
    const std::string target = need.service == "internet" ? "the internet" : need.service;
    const std::string subnets = SourceSubnets(failing);
    const std::string where = subnets.empty() ? "" : " in " + subnets;
    if (answer.verdict == reach::Verdict::kBlocked) {
      Finding& finding =
          sink.Report(resource, kind,
                      std::string(who) + where + " cannot reach " + target + " on tcp/443 (" +
                          need.why + "); the nearest path goes " + BlockedSummary(nearest) +
                          Notes(answer));
      Name(finding, resource, kind);
      finding.key = need.service;
      AttachPath(finding, nearest, reach::Verdict::kBlocked);
    } else {
      Finding& finding = sink.Report(
          resource, kind,
          "whether " + std::string(who) + where + " can reach " + target + " on tcp/443 (" +
              need.why + ") is unknown: " + UnknownSummary(nearest));
      finding.severity = Severity::kNote;
      Name(finding, resource, kind);
      finding.key = need.service;
      AttachPath(finding, nearest, reach::Verdict::kUnknown);
    }
  }

  // Without the task definition the registry is unknown: ECR and the internet both serve.
  static void CheckUnknownImageSource(const AnalysisContext& context,
                                      const model::EcsService& service,
                                      const reach::Endpoint& from, FindingSink& sink) {
    for (const char* ecr_part : {"ecr.api", "ecr.dkr", "s3"}) {
      const auto ecr_shared = Ask(context, from, ecr_part);
      const reach::Answer& ecr = *ecr_shared;
      if (ecr.verdict != reach::Verdict::kBlocked) continue;
      if (Ask(context, from, "internet")->verdict != reach::Verdict::kBlocked) return;
      const reach::PathResult& nearest = ecr.paths.front();
      std::vector<const reach::PathResult*> failing;
      for (const reach::PathResult& path : ecr.paths) failing.push_back(&path);
      Finding& finding = sink.Report(
          service, model::ResourceKind::kEcsService,
          "tasks in " + SourceSubnets(failing) + " can pull images neither from ECR (" +
              ecr_part + " on tcp/443 is not reachable; the nearest path goes " +
              BlockedSummary(nearest) + ") nor from the internet (the task definition " +
              service.task_definition + " is not in the input, so its registry is unknown)");
      finding.resource_name = service.name;
      finding.key = ecr_part;
      AttachPath(finding, nearest, reach::Verdict::kBlocked);
      return;
    }
  }

  static std::string Notes(const reach::Answer& answer) {
    std::string text;
    for (const std::string& note : answer.notes) text += "; " + note;
    return text;
  }

  static void Name(Finding& finding, const model::Resource& resource, model::ResourceKind kind) {
    if (kind == model::ResourceKind::kEcsService) {
      finding.resource_name = static_cast<const model::EcsService&>(resource).name;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTaskCannotReachRequiredService() {
  return std::make_unique<TaskCannotReachRequiredService>();
}

}  // namespace netlint::rules
