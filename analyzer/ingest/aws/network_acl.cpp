// ec2 describe-network-acls -> NetworkAcls[].

#include <algorithm>

#include "analyzer/ingest/aws/describe_context.h"
#include "netlint/model/aws_semantics.h"

namespace netlint::ingest::aws {
namespace {

// 1-32766 are user rules; 32767 (IPv4) and 32768 (IPv6) are the implicit final "*" deny.
constexpr std::int64_t kMaxRuleNumber = 32768;

std::optional<model::NaclEntry> ParseEntry(const RecordReader& entry) {
  model::NaclEntry result;
  result.source = entry.source();
  const std::optional<std::int64_t> number = entry.Integer("RuleNumber");
  if (!number || *number < 1 || *number > kMaxRuleNumber) {
    entry.Report("RuleNumber", number ? "rule number " + std::to_string(*number) +
                                            " is outside 1-32768; the entry is skipped"
                                      : "entry without a rule number is skipped");
    return std::nullopt;
  }
  result.rule_number = static_cast<int>(*number);
  result.direction = entry.Bool("Egress").value_or(false) ? model::Direction::kEgress
                                                          : model::Direction::kIngress;
  const std::string action = entry.String("RuleAction");
  if (action == "allow") {
    result.action = model::RuleAction::kAllow;
  } else if (action == "deny") {
    result.action = model::RuleAction::kDeny;
  } else {
    entry.Report("RuleAction", "unknown rule action \"" + action + "\"; the entry is skipped");
    return std::nullopt;
  }
  result.cidr_v4 = entry.Ipv4Cidr("CidrBlock");
  result.cidr_v6 = entry.Ipv6Cidr("Ipv6CidrBlock");
  if (!result.cidr_v4 && !result.cidr_v6) {
    entry.Report("", "entry without a valid CidrBlock or Ipv6CidrBlock is skipped");
    return std::nullopt;
  }
  if (const std::optional<model::Protocol> protocol = entry.Protocol("Protocol")) {
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    std::optional<std::int64_t> icmp_type;
    std::optional<std::int64_t> icmp_code;
    if (auto range = entry.Object("PortRange")) {
      from = range->Integer("From");
      to = range->Integer("To");
    }
    if (auto icmp = entry.Object("IcmpTypeCode")) {
      icmp_type = icmp->Integer("Type");
      icmp_code = icmp->Integer("Code");
    }
    model::TrafficParse parsed =
        model::NetworkAclTraffic(*protocol, from, to, icmp_type, icmp_code);
    if (!parsed.problem.empty()) entry.Report("", parsed.problem);
    result.traffic = parsed.traffic;
  } else if (!entry.Has("Protocol")) {
    entry.Report("", "entry without a protocol; what it matches is unknown");
  }
  return result;
}

}  // namespace

void ParseNetworkAcl(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("NetworkAclId");
  if (id.empty()) {
    record.Report("", "network ACL record without NetworkAclId is skipped");
    return;
  }
  RecordReader acl_record = record;
  acl_record.SetResource(id);
  model::NetworkAcl acl;
  static_cast<model::Resource&>(acl) = ResourceBase(acl_record, context, id);
  acl.vpc_id = acl_record.String("VpcId");
  acl.owner_id = acl_record.String("OwnerId");
  acl.is_default = acl_record.Bool("IsDefault");
  acl_record.ForEach("Associations", [&](const RecordReader& entry) {
    std::string subnet = entry.String("SubnetId");
    if (!subnet.empty()) acl.subnet_ids.push_back(std::move(subnet));
  });
  acl_record.ForEach("Entries", [&](const RecordReader& entry) {
    if (auto parsed = ParseEntry(entry)) acl.entries.push_back(std::move(*parsed));
  });
  // Evaluation order is per direction by ascending rule number.
  std::stable_sort(acl.entries.begin(), acl.entries.end(),
                   [](const model::NaclEntry& a, const model::NaclEntry& b) {
                     if (a.direction != b.direction) return a.direction < b.direction;
                     return a.rule_number < b.rule_number;
                   });
  context.network.network_acls.push_back(std::move(acl));
}

}  // namespace netlint::ingest::aws
