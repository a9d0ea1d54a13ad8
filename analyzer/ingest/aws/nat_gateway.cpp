// ec2 describe-nat-gateways -> NatGateways[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

void ParseNatGateway(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("NatGatewayId");
  if (id.empty()) {
    record.Report("", "NAT gateway record without NatGatewayId is skipped");
    return;
  }
  RecordReader nat_record = record;
  nat_record.SetResource(id);
  model::NatGateway nat;
  static_cast<model::Resource&>(nat) = ResourceBase(nat_record, context, id);
  nat.vpc_id = nat_record.String("VpcId");
  nat.subnet_id = nat_record.String("SubnetId");
  nat.state = nat_record.String("State");
  // A private NAT gateway has no public address: routed to, it still gives no internet egress.
  nat.is_private = nat_record.String("ConnectivityType") == "private";
  nat.regional = nat_record.String("AvailabilityMode") == "regional";
  nat_record.ForEach("NatGatewayAddresses", [&](const RecordReader& entry) {
    model::NatGatewayAddress address;
    address.allocation_id = entry.String("AllocationId");
    address.network_interface_id = entry.String("NetworkInterfaceId");
    address.private_ip = entry.Ipv4("PrivateIp");
    address.public_ip = entry.Ipv4("PublicIp");
    nat.addresses.push_back(std::move(address));
  });
  context.network.nat_gateways.push_back(std::move(nat));
}

}  // namespace netlint::ingest::aws
