// SG010: a rule references a security group that does not exist, or reaches it over a peering
// connection that no longer carries traffic.

#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG010",
      .name = "sg-stale-group-reference",
      .category = "security-group",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group rule references a group that does not exist or is not reachable",
      .rationale =
          "A rule that names a deleted group admits nobody, so the path it was written for is "
          "broken; over a deleted peering connection AWS keeps such rules as \"stale\" until "
          "someone removes them. A reference to a group in another VPC only works across an "
          "active peering connection. Either way the rule does not do what its author "
          "intended, and a later group that reuses the name will not be what it refers to.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0endpoints0000001", "GroupName": "endpoints",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "OwnerId": "111122223333",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "UserIdGroupPairs": [{"GroupId": "sg-0deadbeef0000000", "UserId": "111122223333"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0endpoints0000001", "GroupName": "endpoints",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "OwnerId": "111122223333",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "UserIdGroupPairs": [{"GroupId": "sg-0app0000000000001", "UserId": "111122223333"}]}]},
  {"GroupId": "sg-0app0000000000001", "GroupName": "app", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "OwnerId": "111122223333"}]})",
      .exceptions =
          "Groups of other accounts (a reference whose UserId differs from the group's owner) "
          "are outside the input and not judged. A missing group is only reported when the "
          "input lists every security group of the account and region; a reference to a group "
          "in another VPC without an active peering between the two VPCs is a warning (the "
          "peering may be in another input).",
      .fix =
          "Remove the rule, or replace the reference with a group that exists in the same VPC "
          "(or a peered VPC in the same region). A reference to a deleted group admits nothing, "
          "so the access it was meant to grant is broken.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html",
           "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing"},
  };
  return meta;
}

bool PeeredActively(const model::Vpc& a, const std::string& other_vpc_id,
                    const model::Topology& topology) {
  for (const model::VpcPeering* peering : topology.PeeringsOf(a)) {
    if (peering->requester.vpc_id == other_vpc_id || peering->accepter.vpc_id == other_vpc_id) {
      return true;
    }
  }
  return false;
}

class SgStaleGroupReference final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::SecurityGroup& group : context.network.security_groups) {
      for (const auto* rules : {&group.ingress, &group.egress}) {
        for (const model::SgRule& rule : *rules) {
          if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup) {
            CheckReference(group, rule, context, sink);
          }
        }
      }
    }
  }

 private:
  static void CheckReference(const model::SecurityGroup& group, const model::SgRule& rule,
                             const AnalysisContext& context, FindingSink& sink) {
    const model::SgPeer& peer = rule.peer;
    const std::string direction(model::DirectionName(rule.direction));
    if (!peer.peering_status().empty() && peer.peering_status() != "active") {
      ReportOnGroup(sink, group,
                    direction + " rule references " + peer.id + " through peering " +
                        (peer.peering_id().empty() ? std::string("connection") : peer.peering_id()) +
                        ", which is " + peer.peering_status(),
                    rule.source);
      return;
    }
    const bool other_account =
        !peer.user_id().empty() && !group.owner_id.empty() && peer.user_id() != group.owner_id;
    if (other_account) return;
    const model::SecurityGroup* target = context.network.FindSecurityGroup(peer.id, group.scope);
    if (target == nullptr) {
      if (!context.network.IsComplete(group.scope, model::ResourceKind::kSecurityGroup)) return;
      ReportOnGroup(sink, group,
                    direction + " rule references " + peer.id + ", which does not exist",
                    rule.source);
      return;
    }
    if (target->vpc_id.empty() || group.vpc_id.empty() || target->vpc_id == group.vpc_id) return;
    const model::Vpc* vpc = context.network.FindVpc(group.vpc_id, group.scope);
    if (vpc != nullptr && PeeredActively(*vpc, target->vpc_id, context.topology)) return;
    ReportOnGroup(sink, group,
                  direction + " rule references " + peer.id + " of " + target->vpc_id +
                      ", but no active peering connects it to " + group.vpc_id,
                  rule.source)
        .severity = Severity::kWarning;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgStaleGroupReference() {
  return std::make_unique<SgStaleGroupReference>();
}

}  // namespace netlint::rules
