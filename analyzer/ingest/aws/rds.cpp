// rds describe-db-instances -> DBInstances[]; rds describe-db-subnet-groups -> DBSubnetGroups[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

// The inner shape both calls share; subnets are named by SubnetIdentifier.
void ReadSubnetGroup(const RecordReader& group, std::string& vpc_id,
                     std::vector<std::string>& subnet_ids) {
  vpc_id = group.String("VpcId");
  group.ForEach("Subnets", [&](const RecordReader& subnet) {
    std::string id = subnet.String("SubnetIdentifier");
    if (!id.empty()) subnet_ids.push_back(std::move(id));
  });
}

}  // namespace

void ParseDbInstance(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("DBInstanceIdentifier");
  if (id.empty()) {
    record.Report("", "DB instance record without DBInstanceIdentifier is skipped");
    return;
  }
  RecordReader db_record = record;
  db_record.SetResource(id);
  model::DbInstance db;
  static_cast<model::Resource&>(db) = ResourceBase(db_record, context, id, "TagList");
  db.arn = db_record.String("DBInstanceArn");
  db.engine = db_record.String("Engine");
  db.status = db_record.String("DBInstanceStatus");
  if (auto endpoint = db_record.Object("Endpoint")) db.port = endpoint->Port("Port");
  if (!db.port) db.port = db_record.Port("DbInstancePort");
  if (db.port && *db.port == 0) db.port.reset();  // DbInstancePort is 0 for non-Aurora members
  db.publicly_accessible = db_record.Bool("PubliclyAccessible");
  db.multi_az = db_record.Bool("MultiAZ");
  db.cluster_id = db_record.String("DBClusterIdentifier");
  db_record.ForEach("VpcSecurityGroups", [&](const RecordReader& group) {
    std::string group_id = group.String("VpcSecurityGroupId");
    if (!group_id.empty() && group.String("Status") != "removing") {
      db.security_group_ids.push_back(std::move(group_id));
    }
  });
  if (auto group = db_record.Object("DBSubnetGroup")) {
    db.subnet_group = group->String("DBSubnetGroupName");
    ReadSubnetGroup(*group, db.vpc_id, db.subnet_ids);
  }
  context.network.db_instances.push_back(std::move(db));
}

void ParseDbSubnetGroup(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("DBSubnetGroupName");
  if (id.empty()) {
    record.Report("", "DB subnet group record without DBSubnetGroupName is skipped");
    return;
  }
  RecordReader group_record = record;
  group_record.SetResource(id);
  model::DbSubnetGroup group;
  static_cast<model::Resource&>(group) = ResourceBase(group_record, context, id);
  group.status = group_record.String("SubnetGroupStatus");
  ReadSubnetGroup(group_record, group.vpc_id, group.subnet_ids);
  context.network.db_subnet_groups.push_back(std::move(group));
}

}  // namespace netlint::ingest::aws
