// TEMPORARY stubs for parsers not written yet (EC2 parsers). Remove each stub when its real
// parser exists; delete this file when it is empty.

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

void ParseRouteTable(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseNetworkAcl(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseVpcEndpoint(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseNatGateway(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseInternetGateway(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseEgressOnlyInternetGateway(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParsePrefixList(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParsePrefixListEntries(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseNetworkInterface(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseReservation(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseVpcPeering(const RecordReader& /*record*/, DescribeContext& /*context*/) {}
void ParseTransitGatewayAttachment(const RecordReader& /*record*/, DescribeContext& /*context*/) {}

}  // namespace netlint::ingest::aws
