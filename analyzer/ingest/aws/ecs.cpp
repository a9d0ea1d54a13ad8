// ecs describe-services -> services[]; ecs describe-task-definition -> {taskDefinition};
// ecs describe-container-instances -> containerInstances[]. ECS writes camelCase keys.

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

std::optional<model::AwsvpcConfiguration> ParseNetworkConfiguration(const RecordReader& holder) {
  auto network = holder.Object("networkConfiguration");
  if (!network) return std::nullopt;
  auto awsvpc = network->Object("awsvpcConfiguration");
  if (!awsvpc) return std::nullopt;
  model::AwsvpcConfiguration configuration;
  configuration.subnet_ids = awsvpc->StringList("subnets");
  configuration.security_group_ids = awsvpc->StringList("securityGroups");
  const std::string assign = awsvpc->String("assignPublicIp");
  if (assign == "ENABLED") {
    configuration.assign_public_ip = true;
  } else if (assign.empty() || assign == "DISABLED") {
    configuration.assign_public_ip = false;  // the API's default
  } else {
    awsvpc->Report("assignPublicIp", "assignPublicIp should be ENABLED or DISABLED, found \"" +
                                         assign + "\"");
  }
  return configuration;
}

}  // namespace

void ParseEcsService(const RecordReader& record, DescribeContext& context) {
  std::string id = record.String("serviceArn");
  const std::string name = record.String("serviceName");
  if (id.empty()) id = name;
  if (id.empty()) {
    record.Report("", "ECS service record without serviceArn or serviceName is skipped");
    return;
  }
  RecordReader service_record = record;
  service_record.SetResource(id);
  model::EcsService service;
  static_cast<model::Resource&>(service) = ResourceBase(service_record, context, id, "tags");
  service.name = name;
  service.cluster = service_record.String("clusterArn");
  service.launch_type = service_record.String("launchType");
  service.task_definition = service_record.String("taskDefinition");
  service.status = service_record.String("status");
  if (auto desired = service_record.Integer("desiredCount")) {
    service.desired_count = static_cast<int>(*desired);
  }
  service.network = ParseNetworkConfiguration(service_record);
  if (!service.network) {
    // Older outputs carry the network configuration only on the deployments.
    service_record.ForEach("deployments", [&](const RecordReader& deployment) {
      if (!service.network && deployment.String("status") == "PRIMARY") {
        service.network = ParseNetworkConfiguration(deployment);
      }
    });
  }
  service_record.ForEach("loadBalancers", [&](const RecordReader& entry) {
    model::ServiceLoadBalancer lb;
    lb.target_group_id = entry.String("targetGroupArn");
    lb.load_balancer_name = entry.String("loadBalancerName");
    lb.container_name = entry.String("containerName");
    lb.container_port = entry.Port("containerPort");
    service.load_balancers.push_back(std::move(lb));
  });
  context.network.ecs_services.push_back(std::move(service));
}

void ParseTaskDefinition(const RecordReader& record, DescribeContext& context) {
  std::string id = record.String("taskDefinitionArn");
  const std::string family = record.String("family");
  const std::optional<std::int64_t> revision = record.Integer("revision");
  if (id.empty() && !family.empty()) {
    id = family;
    if (revision) {
      id += ':';
      id += std::to_string(*revision);
    }
  }
  if (id.empty()) {
    record.Report("", "task definition without taskDefinitionArn or family is skipped");
    return;
  }
  RecordReader task_record = record;
  task_record.SetResource(id);
  model::TaskDefinition task;
  static_cast<model::Resource&>(task) = ResourceBase(task_record, context, id, "tags");
  task.family = family;
  if (revision) task.revision = static_cast<int>(*revision);
  task.network_mode = task_record.String("networkMode");
  task.requires_compatibilities = task_record.StringList("requiresCompatibilities");
  task.execution_role = task_record.String("executionRoleArn");
  task_record.ForEach("containerDefinitions", [&](const RecordReader& entry) {
    model::ContainerDefinition container;
    container.name = entry.String("name");
    container.image = entry.String("image");
    entry.ForEach("portMappings", [&](const RecordReader& mapping) {
      container.port_mappings.push_back(
          {mapping.Port("containerPort"), mapping.Port("hostPort"), mapping.String("protocol")});
    });
    if (auto logging = entry.Object("logConfiguration")) {
      container.log_driver = logging->String("logDriver");
    }
    entry.ForEach("secrets", [&](const RecordReader& secret) {
      std::string source = secret.String("valueFrom");
      if (!source.empty()) container.secret_sources.push_back(std::move(source));
    });
    task.containers.push_back(std::move(container));
  });
  context.network.task_definitions.push_back(std::move(task));
}

void ParseContainerInstance(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("containerInstanceArn");
  if (id.empty()) {
    record.Report("", "container instance without containerInstanceArn is skipped");
    return;
  }
  RecordReader instance_record = record;
  instance_record.SetResource(id);
  model::ContainerInstance instance;
  static_cast<model::Resource&>(instance) = ResourceBase(instance_record, context, id, "tags");
  instance.ec2_instance_id = instance_record.String("ec2InstanceId");
  instance.status = instance_record.String("status");
  // arn:aws:ecs:<region>:<account>:container-instance/<cluster>/<id> (the newer ARN format).
  const std::size_t marker = id.find(":container-instance/");
  if (marker != std::string::npos) {
    const std::string rest = id.substr(marker + 20);
    if (const std::size_t slash = rest.find('/'); slash != std::string::npos) {
      instance.cluster = rest.substr(0, slash);
    }
  }
  instance_record.ForEach("attributes", [&](const RecordReader& attribute) {
    const std::string name = attribute.String("name");
    if (name == "ecs.subnet-id") instance.subnet_id = attribute.String("value");
    if (name == "ecs.vpc-id") instance.vpc_id = attribute.String("value");
  });
  context.network.container_instances.push_back(std::move(instance));
}

}  // namespace netlint::ingest::aws
