// ec2 describe-vpc-peering-connections -> VpcPeeringConnections[].

#include <algorithm>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

model::PeeringSide ParseSide(const RecordReader& side) {
  model::PeeringSide result;
  result.vpc_id = side.String("VpcId");
  result.owner_id = side.String("OwnerId");
  result.region = side.String("Region");
  auto add_v4 = [&](const model::Ipv4Prefix& cidr) {
    if (std::find(result.cidrs_v4.begin(), result.cidrs_v4.end(), cidr) == result.cidrs_v4.end()) {
      result.cidrs_v4.push_back(cidr);
    }
  };
  if (auto primary = side.Ipv4Cidr("CidrBlock")) add_v4(*primary);
  side.ForEach("CidrBlockSet", [&](const RecordReader& entry) {
    if (auto cidr = entry.Ipv4Cidr("CidrBlock")) add_v4(*cidr);
  });
  side.ForEach("Ipv6CidrBlockSet", [&](const RecordReader& entry) {
    if (auto cidr = entry.Ipv6Cidr("Ipv6CidrBlock")) result.cidrs_v6.push_back(*cidr);
  });
  return result;
}

}  // namespace

void ParseVpcPeering(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("VpcPeeringConnectionId");
  if (id.empty()) {
    record.Report("", "peering record without VpcPeeringConnectionId is skipped");
    return;
  }
  RecordReader peering_record = record;
  peering_record.SetResource(id);
  model::VpcPeering peering;
  static_cast<model::Resource&>(peering) = ResourceBase(peering_record, context, id);
  if (auto status = peering_record.Object("Status")) peering.status = status->String("Code");
  if (auto requester = peering_record.Object("RequesterVpcInfo")) {
    peering.requester = ParseSide(*requester);
  }
  if (auto accepter = peering_record.Object("AccepterVpcInfo")) {
    peering.accepter = ParseSide(*accepter);
  }
  context.network.vpc_peerings.push_back(std::move(peering));
}

}  // namespace netlint::ingest::aws
