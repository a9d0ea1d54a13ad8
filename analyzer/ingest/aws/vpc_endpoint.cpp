// ec2 describe-vpc-endpoints -> VpcEndpoints[].

#include <algorithm>
#include <cctype>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

model::EndpointType ParseType(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (type == "gateway") return model::EndpointType::kGateway;
  if (type == "interface") return model::EndpointType::kInterface;
  if (type == "gatewayloadbalancer") return model::EndpointType::kGatewayLoadBalancer;
  if (type == "resource") return model::EndpointType::kResource;
  if (type == "servicenetwork") return model::EndpointType::kServiceNetwork;
  return model::EndpointType::kUnknown;
}

}  // namespace

void ParseVpcEndpoint(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("VpcEndpointId");
  if (id.empty()) {
    record.Report("", "VPC endpoint record without VpcEndpointId is skipped");
    return;
  }
  RecordReader endpoint_record = record;
  endpoint_record.SetResource(id);
  model::VpcEndpoint endpoint;
  static_cast<model::Resource&>(endpoint) = ResourceBase(endpoint_record, context, id);
  endpoint.vpc_id = endpoint_record.String("VpcId");
  const std::string type = endpoint_record.String("VpcEndpointType");
  endpoint.type = ParseType(type);
  if (endpoint.type == model::EndpointType::kUnknown && !type.empty()) {
    endpoint_record.Report("VpcEndpointType", "unknown endpoint type \"" + type + "\"");
  }
  endpoint.service_name = endpoint_record.String("ServiceName");
  // Real output spells states "available" and "Available"; keep one spelling.
  endpoint.state = endpoint_record.String("State");
  std::transform(endpoint.state.begin(), endpoint.state.end(), endpoint.state.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  endpoint.route_table_ids = endpoint_record.StringList("RouteTableIds");
  endpoint.subnet_ids = endpoint_record.StringList("SubnetIds");
  endpoint.network_interface_ids = endpoint_record.StringList("NetworkInterfaceIds");
  endpoint_record.ForEach("Groups", [&](const RecordReader& group) {
    std::string group_id = group.String("GroupId");
    if (!group_id.empty()) endpoint.security_group_ids.push_back(std::move(group_id));
  });
  endpoint.private_dns_enabled = endpoint_record.Bool("PrivateDnsEnabled");
  endpoint.policy_document = endpoint_record.String("PolicyDocument");
  context.network.vpc_endpoints.push_back(std::move(endpoint));
}

}  // namespace netlint::ingest::aws
