// SG005: ingress from a public range wider than a threshold (not the whole internet, which the
// exposure rules report).

#include <optional>
#include <string>
#include <vector>

#include "rules/common/exposure.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG005",
      .name = "sg-broad-public-cidr",
      .category = "security-group",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group admits a public address range wider than a /24 (IPv4) or /48 "
                 "(IPv6)",
      .rationale =
          "A source such as 81.2.0.0/16 admits tens of thousands of addresses that belong to "
          "someone else: an ISP's customers, a cloud provider's tenants. It usually means a "
          "typo in the prefix length or a quick fix that stayed. Partner and office ranges are "
          "rarely wider than a /24; name them exactly, or use a managed prefix list.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0partner000000001", "GroupName": "partner",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "81.2.0.0/16"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0partner000000001", "GroupName": "partner",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "81.2.3.0/24"}, {"CidrIp": "10.0.0.0/8"}]}]}]})",
      .exceptions =
          "Private, shared and reserved space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, "
          "100.64.0.0/10, documentation ranges, ...) never counts: a range is weighed by its "
          "public part, so 172.0.0.0/8 is reported and 10.0.0.0/8 is not. No finding when what "
          "the rule admits is already open to the whole internet of that address family, by this "
          "rule with the group's other rules (0.0.0.0/1 next to 128.0.0.0/1 on the same port, or "
          "81.0.0.0/8 next to 0.0.0.0/0): SG001-SG004 report that exposure, and narrowing this "
          "source alone would close nothing. A range that only partly overlaps such an exposure "
          "(0.0.0.0/1 on ports the other half does not open) is reported. Prefix lists count "
          "entry by entry when their entries are in the input, and say nothing otherwise (IN004 "
          "notes the gap). Egress rules are not judged here.",
      .fix =
          "Narrow the source to the addresses that actually need access (a partner's /28, your "
          "office's /32s, a managed prefix list you maintain), or to a security group if the "
          "clients are inside AWS. A broad public range admits addresses you do not control.",
      .options = {{"ipv4-min-prefix-length", "integer", "24",
                   "IPv4 sources containing public addresses with a shorter prefix are reported"},
                  {"ipv6-min-prefix-length", "integer", "48",
                   "IPv6 sources containing public addresses with a shorter prefix are reported"}},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html"},
  };
  return meta;
}

struct Candidate {
  model::IpFamily family = model::IpFamily::kV4;
  std::string cidr;   // as the message shows it
  std::string count;  // "65536 public addresses"
  std::string via;    // " (entry of pl-...)", or empty
};

std::optional<Candidate> BroadV4(const model::Ipv4Prefix& prefix, long threshold) {
  if (prefix.length() >= threshold) return std::nullopt;
  const model::Ipv4Set public_part =
      model::Ipv4Set(prefix.First(), prefix.Last()).Intersect(PublicIpv4());
  // Nothing public is not broad, and the whole internet is the exposure rules' concern.
  if (public_part.Empty() || public_part.ContainsAll(PublicIpv4())) return std::nullopt;
  return Candidate{model::IpFamily::kV4, prefix.ToString(),
                   std::to_string(public_part.Count()) + " public addresses", ""};
}

std::optional<Candidate> BroadV6(const model::Ipv6Prefix& prefix, long threshold) {
  if (prefix.length() >= threshold) return std::nullopt;
  const model::Ipv6Set public_part =
      model::Ipv6Set(prefix.First(), prefix.Last()).Intersect(PublicIpv6());
  if (public_part.Empty() || public_part.ContainsAll(PublicIpv6())) return std::nullopt;
  return Candidate{model::IpFamily::kV6, prefix.ToString(),
                   "public IPv6 space wider than a /" + std::to_string(threshold), ""};
}

// Whether a rule with `outer` admits at least all the traffic a rule with `inner` admits (for
// protocols without ports; TCP and UDP are compared port by port through GroupExposure).
bool TrafficCovers(const model::TrafficSelector& outer, const model::TrafficSelector& inner) {
  if (outer.IsAllTraffic()) return true;
  if (outer.protocol != inner.protocol) return false;
  if (outer.protocol.IsIcmp()) {
    return outer.icmp.type == -1 ||
           (outer.icmp.type == inner.icmp.type &&
            (outer.icmp.code == -1 || outer.icmp.code == inner.icmp.code));
  }
  return true;  // other protocols match all of their traffic whatever the numbers say
}

// The group's internet-wide exposure, computed only for groups that have a broad source.
class WorldOpenCheck {
 public:
  WorldOpenCheck(const model::SecurityGroup& group, const model::Topology& topology)
      : group_(group), topology_(topology) {}

  // Whether everything `rule` admits from `family` is already open to the whole internet of
  // that family, by this rule together with the group's other rules: the exposure rules
  // (SG001-SG004) report it, and narrowing this source would not close anything.
  bool AlreadyOpen(const model::SgRule& rule, model::IpFamily family) {
    const GroupExposure& exposure = Exposure();
    if (exposure.AllTrafficOpen(family)) return true;
    const model::TrafficSelector& traffic = *rule.traffic;
    if (traffic.IsAllTraffic()) return false;
    if (traffic.protocol.HasPorts()) {
      return exposure.OpenPorts(traffic.protocol, family)
          .ContainsAll(traffic.PortsOf(traffic.protocol));
    }
    // ICMP and other protocols without ports: GroupExposure does not track them.
    model::AddressSet covered;
    for (const model::SgRule& other : group_.ingress) {
      if (!other.traffic || !TrafficCovers(*other.traffic, traffic)) continue;
      bool unknown = false;
      covered.Add(topology_.PeerAddresses(other.peer, group_.scope, unknown));
    }
    return family == model::IpFamily::kV4 ? covered.v4.ContainsAll(PublicIpv4())
                                          : covered.v6.ContainsAll(PublicIpv6());
  }

 private:
  const GroupExposure& Exposure() {
    if (!exposure_) {
      exposure_ = ComputeExposure(group_, model::Direction::kIngress, topology_);
    }
    return *exposure_;
  }

  const model::SecurityGroup& group_;
  const model::Topology& topology_;
  std::optional<GroupExposure> exposure_;
};

class SgBroadPublicCidr final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const long v4_threshold = context.options.Integer("ipv4-min-prefix-length");
    const long v6_threshold = context.options.Integer("ipv6-min-prefix-length");
    for (const model::SecurityGroup& group : context.network.security_groups) {
      WorldOpenCheck world_open(group, context.topology);
      for (const model::SgRule& rule : group.ingress) {
        if (!rule.traffic) continue;
        std::vector<Candidate> candidates;
        CollectCandidates(context, group, rule, v4_threshold, v6_threshold, candidates);
        for (const Candidate& candidate : candidates) {
          if (world_open.AlreadyOpen(rule, candidate.family)) continue;
          ReportOnGroup(sink, group,
                        "admits " + candidate.cidr + candidate.via + " to " +
                            rule.traffic->ToString() + ": " + candidate.count,
                        rule.source);
        }
      }
    }
  }

 private:
  static void CollectCandidates(const AnalysisContext& context, const model::SecurityGroup& group,
                                const model::SgRule& rule, long v4_threshold, long v6_threshold,
                                std::vector<Candidate>& out) {
    const model::SgPeer& peer = rule.peer;
    if (peer.kind == model::SgPeer::Kind::kCidrV4) {
      if (auto candidate = BroadV4(peer.cidr_v4, v4_threshold)) out.push_back(*candidate);
    } else if (peer.kind == model::SgPeer::Kind::kCidrV6) {
      if (auto candidate = BroadV6(peer.cidr_v6, v6_threshold)) out.push_back(*candidate);
    } else if (peer.kind == model::SgPeer::Kind::kPrefixList) {
      // A list whose entries are not in the input is unknown: IN004 reports the gap.
      const model::PrefixList* list = context.network.FindPrefixList(peer.id, group.scope);
      if (list == nullptr || !list->entries_known) return;
      for (const model::PrefixListEntry& entry : list->entries) {
        std::optional<Candidate> candidate;
        if (entry.cidr_v4) candidate = BroadV4(*entry.cidr_v4, v4_threshold);
        if (entry.cidr_v6) candidate = BroadV6(*entry.cidr_v6, v6_threshold);
        if (!candidate) continue;
        candidate->via = " (entry of " + peer.id + ")";
        out.push_back(*candidate);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgBroadPublicCidr() { return std::make_unique<SgBroadPublicCidr>(); }

}  // namespace netlint::rules
