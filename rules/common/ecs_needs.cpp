#include "rules/common/ecs_needs.h"

namespace netlint::rules {

namespace {

bool IsEcrImage(const std::string& image) {
  return image.find(".dkr.ecr.") != std::string::npos &&
         image.find("amazonaws.com") != std::string::npos;
}

}  // namespace

std::vector<ServiceNeed> NeedsOf(const model::TaskDefinition& definition) {
  std::vector<ServiceNeed> needs;
  bool ecr = false;
  bool other_registry = false;
  bool logs = false;
  bool secrets_manager = false;
  bool ssm = false;
  for (const model::ContainerDefinition& container : definition.containers) {
    if (IsEcrImage(container.image)) {
      ecr = true;
    } else if (!container.image.empty()) {
      other_registry = true;
    }
    if (container.log_driver == "awslogs") logs = true;
    for (const std::string& source : container.secret_sources) {
      if (source.find(":secretsmanager:") != std::string::npos) {
        secrets_manager = true;
      } else {
        ssm = true;  // an SSM parameter ARN or a bare parameter name
      }
    }
  }
  if (ecr) {
    needs.push_back({"ecr.api", "to get the registry credentials that image pulls need"});
    needs.push_back({"ecr.dkr", "to pull image manifests from ECR"});
    needs.push_back({"s3", "to download the image layers ECR stores in S3"});
  }
  if (other_registry) needs.push_back({"internet", "to pull images from a registry outside ECR"});
  if (logs) needs.push_back({"logs", "for the awslogs log driver"});
  if (secrets_manager) needs.push_back({"secretsmanager", "to fetch the task's secrets"});
  if (ssm) needs.push_back({"ssm", "to fetch the task's SSM parameters"});
  return needs;
}

std::vector<ServiceNeed> ContainerInstanceNeeds() {
  return {{"ecs", "for the ECS agent to register and receive tasks"},
          {"ecs-agent", "for the ECS agent's connection to the control plane"},
          {"ecs-telemetry", "for the ECS agent's metrics"}};
}

}  // namespace netlint::rules
