// TEMPORARY stubs for parsers not written yet (ELBv2, ECS, RDS and ElastiCache parsers). Remove each stub when its real
// parser exists; delete this file when it is empty.

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

void ParseLoadBalancer(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseListener(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseListenerGroup(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseTargetGroup(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseTargetHealth(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseTargetHealthGroup(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseEcsService(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseTaskDefinition(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseContainerInstance(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseDbInstance(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseDbSubnetGroup(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseCacheCluster(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseReplicationGroup(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseCacheSubnetGroup(const RecordReader& /*record*/, DescribeContext& /*context*/) {}

}  // namespace netlint::ingest::aws
