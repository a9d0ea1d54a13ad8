// elbv2 describe-target-groups -> TargetGroups[]; elbv2 describe-target-health ->
// {"TargetHealthDescriptions": [...]} (and Batfish's aggregate {TargetGroupArn, ...}).

#include <cctype>
#include <filesystem>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

// describe-target-health does not repeat the target group: find its ARN in the file path, as
// CloudMapper names per-resource files by the URL-encoded parameter.
std::string TargetGroupArnFromPath(std::string_view path) {
  const std::string decoded = UrlDecode(path);
  const std::size_t marker = decoded.rfind(":targetgroup/");
  if (marker == std::string::npos) return {};
  const std::size_t start = decoded.rfind("arn:", marker);
  if (start == std::string::npos) return {};
  // targetgroup/<name>/<id>: the id is hex; stop after it (file extensions and suffixes follow).
  std::size_t end = decoded.find('/', marker + 13);
  if (end == std::string::npos) return {};
  ++end;
  while (end < decoded.size() && std::isxdigit(static_cast<unsigned char>(decoded[end]))) ++end;
  return decoded.substr(start, end - start);
}

std::vector<model::Target> ParseTargets(const RecordReader& holder) {
  std::vector<model::Target> targets;
  holder.ForEach("TargetHealthDescriptions", [&](const RecordReader& description) {
    model::Target target;
    target.source = description.source();
    if (auto body = description.Object("Target")) {
      target.id = body->String("Id");
      target.port = body->Port("Port");
      target.availability_zone = body->String("AvailabilityZone");
    }
    if (auto health = description.Object("TargetHealth")) target.health = health->String("State");
    if (!target.id.empty()) targets.push_back(std::move(target));
  });
  return targets;
}

}  // namespace

void ParseTargetGroup(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("TargetGroupArn");
  if (id.empty()) {
    record.Report("", "target group record without TargetGroupArn is skipped");
    return;
  }
  RecordReader group_record = record;
  group_record.SetResource(id);
  model::TargetGroup group;
  static_cast<model::Resource&>(group) = ResourceBase(group_record, context, id);
  group.name = group_record.String("TargetGroupName");
  group.protocol = group_record.String("Protocol");
  group.port = group_record.Port("Port");
  group.vpc_id = group_record.String("VpcId");
  group.target_type = group_record.String("TargetType");
  group.load_balancer_ids = group_record.StringList("LoadBalancerArns");
  group.health_check_protocol = group_record.String("HealthCheckProtocol");
  // A string ("traffic-port" or digits) in the API; a number in some hand-made files.
  group.health_check_port = group_record.StringOrNumber("HealthCheckPort");
  context.network.target_groups.push_back(std::move(group));
}

void ParseTargetHealth(const RecordReader& document, DescribeContext& context) {
  TargetHealthFact fact;
  fact.target_group_id = document.String("TargetGroupArn");
  if (fact.target_group_id.empty()) fact.target_group_id = TargetGroupArnFromPath(context.path);
  fact.scope = context.scope;
  fact.source = document.SourceOf("TargetHealthDescriptions");
  if (fact.target_group_id.empty()) {
    document.Report("TargetHealthDescriptions",
                    "cannot tell which target group this target health belongs to; name the "
                    "file after the URL-encoded target group ARN or add a TargetGroupArn key");
    return;
  }
  RecordReader holder = document;
  holder.SetResource(fact.target_group_id);
  fact.targets = ParseTargets(holder);
  context.pending.target_health.push_back(std::move(fact));
}

void ParseTargetHealthGroup(const RecordReader& record, DescribeContext& context) {
  TargetHealthFact fact;
  fact.target_group_id = record.String("TargetGroupArn");
  fact.scope = context.scope;
  fact.source = record.source();
  if (fact.target_group_id.empty()) {
    record.Report("", "target health entry without TargetGroupArn is skipped");
    return;
  }
  RecordReader holder = record;
  holder.SetResource(fact.target_group_id);
  fact.targets = ParseTargets(holder);
  context.pending.target_health.push_back(std::move(fact));
}

}  // namespace netlint::ingest::aws
