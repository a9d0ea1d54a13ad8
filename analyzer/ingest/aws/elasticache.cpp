// elasticache describe-cache-clusters -> CacheClusters[]; describe-replication-groups ->
// ReplicationGroups[]; describe-cache-subnet-groups -> CacheSubnetGroups[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

void ParseCacheCluster(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("CacheClusterId");
  if (id.empty()) {
    record.Report("", "cache cluster record without CacheClusterId is skipped");
    return;
  }
  RecordReader cache_record = record;
  cache_record.SetResource(id);
  model::CacheCluster cache;
  static_cast<model::Resource&>(cache) = ResourceBase(cache_record, context, id);
  cache.arn = cache_record.String("ARN");
  cache.engine = cache_record.String("Engine");
  cache.status = cache_record.String("CacheClusterStatus");
  cache.subnet_group = cache_record.String("CacheSubnetGroupName");
  cache.replication_group_id = cache_record.String("ReplicationGroupId");
  // The key is absent, not empty, when no group is attached.
  cache_record.ForEach("SecurityGroups", [&](const RecordReader& group) {
    std::string group_id = group.String("SecurityGroupId");
    if (!group_id.empty()) cache.security_group_ids.push_back(std::move(group_id));
  });
  if (auto endpoint = cache_record.Object("ConfigurationEndpoint")) {
    cache.port = endpoint->Port("Port");
  }
  cache_record.ForEach("CacheNodes", [&](const RecordReader& node) {
    if (cache.port) return;
    if (auto endpoint = node.Object("Endpoint")) cache.port = endpoint->Port("Port");
  });
  context.network.cache_clusters.push_back(std::move(cache));
}

void ParseReplicationGroup(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("ReplicationGroupId");
  if (id.empty()) {
    record.Report("", "replication group record without ReplicationGroupId is skipped");
    return;
  }
  RecordReader group_record = record;
  group_record.SetResource(id);
  model::ReplicationGroup group;
  static_cast<model::Resource&>(group) = ResourceBase(group_record, context, id);
  group.arn = group_record.String("ARN");
  group.status = group_record.String("Status");
  group.member_clusters = group_record.StringList("MemberClusters");
  if (auto endpoint = group_record.Object("ConfigurationEndpoint")) {
    group.port = endpoint->Port("Port");
  }
  group_record.ForEach("NodeGroups", [&](const RecordReader& node_group) {
    if (group.port) return;
    if (auto endpoint = node_group.Object("PrimaryEndpoint")) group.port = endpoint->Port("Port");
  });
  context.network.replication_groups.push_back(std::move(group));
}

void ParseCacheSubnetGroup(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("CacheSubnetGroupName");
  if (id.empty()) {
    record.Report("", "cache subnet group record without CacheSubnetGroupName is skipped");
    return;
  }
  RecordReader group_record = record;
  group_record.SetResource(id);
  model::CacheSubnetGroup group;
  static_cast<model::Resource&>(group) = ResourceBase(group_record, context, id);
  group.vpc_id = group_record.String("VpcId");
  group_record.ForEach("Subnets", [&](const RecordReader& subnet) {
    std::string subnet_id = subnet.String("SubnetIdentifier");
    if (!subnet_id.empty()) group.subnet_ids.push_back(std::move(subnet_id));
  });
  context.network.cache_subnet_groups.push_back(std::move(group));
}

}  // namespace netlint::ingest::aws
