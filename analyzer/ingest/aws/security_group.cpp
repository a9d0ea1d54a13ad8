// ec2 describe-security-groups -> SecurityGroups[] (nested IpPermissions, one permission per
// protocol/port range with many sources) and ec2 describe-security-group-rules ->
// SecurityGroupRules[] (one flat rule per source).

#include "analyzer/ingest/aws/describe_context.h"
#include "netlint/model/aws_semantics.h"

namespace netlint::ingest::aws {
namespace {

using model::SgPeer;
using model::SgRule;

// Reads protocol and ports; reports what cannot be interpreted. Empty traffic means "unknown".
std::optional<model::TrafficSelector> ReadTraffic(const RecordReader& permission) {
  const std::optional<model::Protocol> protocol = permission.Protocol("IpProtocol");
  if (!protocol) {
    if (!permission.Has("IpProtocol")) permission.Report("", "rule without IpProtocol");
    return std::nullopt;
  }
  model::TrafficParse parsed = model::SecurityGroupTraffic(
      *protocol, permission.Integer("FromPort"), permission.Integer("ToPort"));
  if (!parsed.problem.empty()) permission.Report("", parsed.problem);
  return parsed.traffic;
}

SgPeer GroupPeer(const RecordReader& pair, PeerDetailsCache& details) {
  SgPeer peer;
  peer.kind = SgPeer::Kind::kSecurityGroup;
  peer.id = pair.String("GroupId");
  details.SetReference(peer, pair.String("UserId"), pair.String("VpcId"),
                       pair.String("VpcPeeringConnectionId"), pair.String("PeeringStatus"));
  if (peer.id.empty()) {
    // EC2-Classic style references carry only a GroupName; nothing in a VPC matches them.
    peer.SetUnknown("security group reference without GroupId");
    pair.Report("", "security group reference without GroupId");
  }
  return peer;
}

// One IpPermission expands to a rule per source (CIDR, IPv6 CIDR, prefix list, group).
void ExpandPermission(const RecordReader& permission, model::Direction direction,
                      std::vector<SgRule>& rules, PeerDetailsCache& details) {
  const std::optional<model::TrafficSelector> traffic = ReadTraffic(permission);
  auto add = [&](SgPeer peer, const RecordReader& source) {
    SgRule rule;
    rule.direction = direction;
    rule.traffic = traffic;
    rule.peer = std::move(peer);
    rule.description = source.String("Description");
    rule.source = source.source();
    rule.statement = permission.source();
    rules.push_back(std::move(rule));
  };
  permission.ForEach("IpRanges", [&](const RecordReader& range) {
    if (auto cidr = range.Ipv4Cidr("CidrIp")) {
      SgPeer peer;
      peer.kind = SgPeer::Kind::kCidrV4;
      peer.cidr_v4 = *cidr;
      add(std::move(peer), range);
    }
  });
  permission.ForEach("Ipv6Ranges", [&](const RecordReader& range) {
    if (auto cidr = range.Ipv6Cidr("CidrIpv6")) {
      SgPeer peer;
      peer.kind = SgPeer::Kind::kCidrV6;
      peer.cidr_v6 = *cidr;
      add(std::move(peer), range);
    }
  });
  permission.ForEach("PrefixListIds", [&](const RecordReader& entry) {
    SgPeer peer;
    peer.kind = SgPeer::Kind::kPrefixList;
    peer.id = entry.String("PrefixListId");
    if (!peer.id.empty()) add(std::move(peer), entry);
  });
  permission.ForEach("UserIdGroupPairs",
                     [&](const RecordReader& pair) { add(GroupPeer(pair, details), pair); });
}

}  // namespace

void PeerDetailsCache::SetReference(model::SgPeer& peer, std::string user_id, std::string vpc_id,
                                    std::string peering_id, std::string peering_status) {
  if (user_id.empty() && vpc_id.empty() && peering_id.empty() && peering_status.empty()) return;
  std::array<std::string, 4> key{std::move(user_id), std::move(vpc_id), std::move(peering_id),
                                 std::move(peering_status)};
  auto found = known_.find(key);
  if (found == known_.end()) {
    auto details = std::make_shared<model::SgPeerDetails>();
    details->user_id = key[0];
    details->vpc_id = key[1];
    details->peering_id = key[2];
    details->peering_status = key[3];
    found = known_.emplace(std::move(key), std::move(details)).first;
  }
  peer.details = found->second;
}

void ParseSecurityGroup(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("GroupId");
  if (id.empty()) {
    record.Report("", "security group record without GroupId is skipped");
    return;
  }
  RecordReader group_record = record;
  group_record.SetResource(id);
  model::SecurityGroup group;
  static_cast<model::Resource&>(group) = ResourceBase(group_record, context, id);
  group.name = group_record.String("GroupName");
  group.description = group_record.String("Description");
  group.vpc_id = group_record.String("VpcId");
  group.owner_id = group_record.String("OwnerId");
  group_record.ForEach("IpPermissions", [&](const RecordReader& permission) {
    ExpandPermission(permission, model::Direction::kIngress, group.ingress,
                     context.peer_details);
  });
  group_record.ForEach("IpPermissionsEgress", [&](const RecordReader& permission) {
    ExpandPermission(permission, model::Direction::kEgress, group.egress,
                     context.peer_details);
  });
  // Hundreds of thousands of rules live as long as the model: without the slack the vectors
  // grew with, they take about a third less memory.
  group.ingress.shrink_to_fit();
  group.egress.shrink_to_fit();
  context.network.security_groups.push_back(std::move(group));
}

void ParseSecurityGroupRule(const RecordReader& record, DescribeContext& context) {
  StandaloneSgRuleFact fact;
  fact.group_id = record.String("GroupId");
  fact.owner_id = record.String("GroupOwnerId");
  fact.scope = context.scope;
  if (fact.group_id.empty()) {
    record.Report("", "security group rule without GroupId is skipped");
    return;
  }
  RecordReader rule_record = record;
  rule_record.SetResource(fact.group_id);
  SgRule& rule = fact.rule;
  const std::optional<bool> is_egress = rule_record.Bool("IsEgress");
  rule.direction = is_egress.value_or(false) ? model::Direction::kEgress
                                             : model::Direction::kIngress;
  rule.traffic = ReadTraffic(rule_record);
  rule.description = rule_record.String("Description");
  rule.source = rule_record.source();
  rule.statement = rule.source;
  if (auto cidr = rule_record.Ipv4Cidr("CidrIpv4")) {
    rule.peer.kind = SgPeer::Kind::kCidrV4;
    rule.peer.cidr_v4 = *cidr;
  } else if (auto cidr6 = rule_record.Ipv6Cidr("CidrIpv6")) {
    rule.peer.kind = SgPeer::Kind::kCidrV6;
    rule.peer.cidr_v6 = *cidr6;
  } else if (rule_record.Has("PrefixListId")) {
    rule.peer.kind = SgPeer::Kind::kPrefixList;
    rule.peer.id = rule_record.String("PrefixListId");
  } else if (auto referenced = rule_record.Object("ReferencedGroupInfo")) {
    rule.peer = GroupPeer(*referenced, context.peer_details);
  } else {
    rule_record.Report("", "security group rule without a source or destination is skipped");
    return;
  }
  context.pending.security_group_rules.push_back(std::move(fact));
}

}  // namespace netlint::ingest::aws
