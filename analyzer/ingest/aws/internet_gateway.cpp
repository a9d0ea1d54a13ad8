// ec2 describe-internet-gateways -> InternetGateways[];
// ec2 describe-egress-only-internet-gateways -> EgressOnlyInternetGateways[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

// The API's enum says "attached", but real output says "available" for an attached gateway.
std::vector<model::GatewayAttachment> ParseAttachments(const RecordReader& record) {
  std::vector<model::GatewayAttachment> attachments;
  record.ForEach("Attachments", [&](const RecordReader& entry) {
    const std::string state = entry.String("State");
    model::GatewayAttachment attachment;
    attachment.vpc_id = entry.String("VpcId");
    attachment.attached = state.empty() || state == "available" || state == "attached";
    if (!attachment.vpc_id.empty()) attachments.push_back(std::move(attachment));
  });
  return attachments;
}

}  // namespace

void ParseInternetGateway(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("InternetGatewayId");
  if (id.empty()) {
    record.Report("", "internet gateway record without InternetGatewayId is skipped");
    return;
  }
  RecordReader gateway_record = record;
  gateway_record.SetResource(id);
  model::InternetGateway gateway;
  static_cast<model::Resource&>(gateway) = ResourceBase(gateway_record, context, id);
  gateway.owner_id = gateway_record.String("OwnerId");
  gateway.attachments = ParseAttachments(gateway_record);
  context.network.internet_gateways.push_back(std::move(gateway));
}

void ParseEgressOnlyInternetGateway(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("EgressOnlyInternetGatewayId");
  if (id.empty()) {
    record.Report("", "egress-only internet gateway record without an id is skipped");
    return;
  }
  RecordReader gateway_record = record;
  gateway_record.SetResource(id);
  model::EgressOnlyInternetGateway gateway;
  static_cast<model::Resource&>(gateway) = ResourceBase(gateway_record, context, id);
  gateway.attachments = ParseAttachments(gateway_record);
  context.network.egress_only_internet_gateways.push_back(std::move(gateway));
}

}  // namespace netlint::ingest::aws
