#pragma once

// What ECS tasks need to reach before their containers start, from their task definition.

#include <string>
#include <vector>

#include "netlint/model/network.h"

namespace netlint::rules {

struct ServiceNeed {
  std::string service;  // AWS service short name ("ecr.api", "s3"), or "internet"
  std::string why;
};

// ECR API, registry and S3 for ECR images; the internet for other registries; Logs for awslogs;
// Secrets Manager or SSM for secrets.
std::vector<ServiceNeed> NeedsOf(const model::TaskDefinition& definition);

// The AWS services a container instance's ECS agent talks to.
std::vector<ServiceNeed> ContainerInstanceNeeds();

}  // namespace netlint::rules
