// ec2 describe-vpcs -> Vpcs[]; ec2 describe-vpc-attribute -> {VpcId, EnableDns*: {Value}}.

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

// CidrBlockState.State: only "associated" blocks carry traffic; the others are in transition
// or failed.
bool IsAssociated(const RecordReader& association, std::string_view state_key) {
  auto state = association.Object(state_key);
  if (!state) return true;
  const std::string value = state->String("State");
  return value.empty() || value == "associated";
}

}  // namespace

void ParseVpc(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("VpcId");
  if (id.empty()) {
    record.Report("", "VPC record without VpcId is skipped");
    return;
  }
  RecordReader vpc_record = record;
  vpc_record.SetResource(id);
  model::Vpc vpc;
  static_cast<model::Resource&>(vpc) = ResourceBase(vpc_record, context, id);
  vpc.owner_id = vpc_record.String("OwnerId");
  vpc.is_default = vpc_record.Bool("IsDefault");

  // Every associated block, the primary (CidrBlock) first. The association set repeats the
  // primary, so it is added once.
  const std::optional<model::Ipv4Prefix> primary = vpc_record.Ipv4Cidr("CidrBlock");
  if (primary) vpc.cidrs_v4.push_back({*primary, true, vpc_record.SourceOf("CidrBlock")});
  vpc_record.ForEach("CidrBlockAssociationSet", [&](const RecordReader& association) {
    const std::optional<model::Ipv4Prefix> cidr = association.Ipv4Cidr("CidrBlock");
    if (!cidr) return;
    const bool associated = IsAssociated(association, "CidrBlockState");
    for (model::VpcCidrV4& known : vpc.cidrs_v4) {
      if (known.cidr == *cidr) {
        known.associated = associated;
        return;
      }
    }
    vpc.cidrs_v4.push_back({*cidr, associated, association.source()});
  });
  vpc_record.ForEach("Ipv6CidrBlockAssociationSet", [&](const RecordReader& association) {
    const std::optional<model::Ipv6Prefix> cidr = association.Ipv6Cidr("Ipv6CidrBlock");
    if (!cidr) return;
    vpc.cidrs_v6.push_back(
        {*cidr, IsAssociated(association, "Ipv6CidrBlockState"), association.source()});
  });
  context.network.vpcs.push_back(std::move(vpc));
}

void ParseVpcAttribute(const RecordReader& document, DescribeContext& context) {
  VpcAttributeFact fact;
  fact.vpc_id = document.String("VpcId");
  fact.scope = context.scope;
  fact.source = document.source();
  if (auto support = document.Object("EnableDnsSupport")) fact.dns_support = support->Bool("Value");
  if (auto hostnames = document.Object("EnableDnsHostnames")) {
    fact.dns_hostnames = hostnames->Bool("Value");
  }
  if (fact.vpc_id.empty()) return;
  context.pending.vpc_attributes.push_back(std::move(fact));
}

}  // namespace netlint::ingest::aws
