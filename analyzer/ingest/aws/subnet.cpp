// ec2 describe-subnets -> Subnets[].

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {

void ParseSubnet(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("SubnetId");
  if (id.empty()) {
    record.Report("", "subnet record without SubnetId is skipped");
    return;
  }
  RecordReader subnet_record = record;
  subnet_record.SetResource(id);
  model::Subnet subnet;
  static_cast<model::Resource&>(subnet) = ResourceBase(subnet_record, context, id);
  subnet.vpc_id = subnet_record.String("VpcId");
  subnet.owner_id = subnet_record.String("OwnerId");
  subnet.cidr_v4 = subnet_record.Ipv4Cidr("CidrBlock");
  subnet_record.ForEach("Ipv6CidrBlockAssociationSet", [&](const RecordReader& association) {
    if (auto state = association.Object("Ipv6CidrBlockState")) {
      const std::string value = state->String("State");
      if (!value.empty() && value != "associated") return;
    }
    if (auto cidr = association.Ipv6Cidr("Ipv6CidrBlock")) subnet.cidrs_v6.push_back(*cidr);
  });
  subnet.availability_zone = subnet_record.String("AvailabilityZone");
  subnet.availability_zone_id = subnet_record.String("AvailabilityZoneId");
  subnet.map_public_ip_on_launch = subnet_record.Bool("MapPublicIpOnLaunch");
  subnet.default_for_az = subnet_record.Bool("DefaultForAz");
  subnet.ipv6_native = subnet_record.Bool("Ipv6Native").value_or(false);
  context.network.subnets.push_back(std::move(subnet));
}

}  // namespace netlint::ingest::aws
