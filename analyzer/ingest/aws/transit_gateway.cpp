// ec2 describe-transit-gateway-attachments -> TransitGatewayAttachments[], and Batfish's
// describe-transit-gateway-vpc-attachments -> TransitGatewayVpcAttachments[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

void ParseTransitGatewayAttachment(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("TransitGatewayAttachmentId");
  if (id.empty()) {
    record.Report("", "transit gateway attachment without TransitGatewayAttachmentId is skipped");
    return;
  }
  RecordReader attachment_record = record;
  attachment_record.SetResource(id);
  model::TransitGatewayAttachment attachment;
  static_cast<model::Resource&>(attachment) = ResourceBase(attachment_record, context, id);
  attachment.transit_gateway_id = attachment_record.String("TransitGatewayId");
  attachment.state = attachment_record.String("State");
  if (attachment_record.Has("VpcId")) {
    // The VPC-attachment call names the VPC directly.
    attachment.resource_type = "vpc";
    attachment.resource_id = attachment_record.String("VpcId");
  } else {
    attachment.resource_type = attachment_record.String("ResourceType");
    attachment.resource_id = attachment_record.String("ResourceId");
  }
  attachment.subnet_ids = attachment_record.StringList("SubnetIds");
  context.network.transit_gateway_attachments.push_back(std::move(attachment));
}

}  // namespace netlint::ingest::aws
