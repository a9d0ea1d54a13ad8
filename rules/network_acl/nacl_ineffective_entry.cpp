// NACL004: network ACL entries that never decide anything (shadowed by earlier entries, or a
// deny that later denies already cover) and rule numbers used twice in one direction.

#include <algorithm>
#include <string>
#include <vector>

#include "rules/common/nacl.h"

namespace netlint::rules {
namespace {

using model::AddressSet;
using model::NaclEntry;
using model::Protocol;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NACL004",
      .name = "nacl-ineffective-entry",
      .category = "network-acl",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Network ACL entry never takes effect: shadowed by earlier entries, redundant, "
                 "or sharing its rule number",
      .rationale =
          "AWS evaluates a network ACL's entries in ascending rule number and stops at the "
          "first match. An entry whose traffic and addresses earlier entries already match in "
          "full never matches anything: an allow placed after a broader deny does not open what "
          "its author meant, a deny placed after a broader allow blocks nothing. Such entries "
          "mislead every reader and usually hide a numbering mistake. A deny whose traffic the "
          "entries after it deny anyway is dead weight of the same kind. Two entries with one "
          "rule number in a direction cannot both exist in AWS; in a template the deployment "
          "fails.",
      .bad_example = R"({"NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IsDefault": false, "Associations": [],
  "Entries": [{"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "6",
               "PortRange": {"From": 0, "To": 65535}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 110, "Egress": false, "RuleAction": "deny", "Protocol": "6",
               "PortRange": {"From": 22, "To": 22}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"}]}]})",
      .good_example = R"({"NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IsDefault": false, "Associations": [],
  "Entries": [{"RuleNumber": 90, "Egress": false, "RuleAction": "deny", "Protocol": "6",
               "PortRange": {"From": 22, "To": 22}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "6",
               "PortRange": {"From": 0, "To": 65535}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"}]}]})",
      .exceptions =
          "The final \"*\" entries (32767 and 32768) are never reported, and a deny whose "
          "traffic would otherwise only reach them is not reported either: an explicit deny in "
          "front of allows that may be added later (tcp/22 from 0.0.0.0/0 at a low number) is a "
          "deliberate safeguard. A deny is reported as redundant only when explicit deny entries "
          "after it, with no allow in between for any of its traffic, deny everything it "
          "decides. Shadowing is exact set arithmetic over protocols, ports, ICMP types and "
          "addresses, so an entry covered by several earlier entries together (10.0.0.0/9 and "
          "10.128.0.0/9 before 10.0.0.0/8) is found. Entries whose protocol, ports or addresses "
          "are unknown neither shadow nor are judged. Every network ACL is checked, whether or not it "
          "governs a subnet.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"},
  };
  return meta;
}

std::string ActionName(const NaclEntry& entry) {
  return entry.action == model::RuleAction::kAllow ? "allow" : "deny";
}

// Whether `outer` matches at least everything `inner` matches.
bool Covers(const NaclEntry& outer, const NaclEntry& inner,
            const std::vector<Protocol>& classes) {
  if (!AddressesOf(outer).ContainsAll(AddressesOf(inner))) return false;
  return std::all_of(classes.begin(), classes.end(), [&](Protocol protocol) {
    return SelectorsOf(*outer.traffic, protocol)
        .ContainsAll(SelectorsOf(*inner.traffic, protocol));
  });
}

// "entry 100" / "entries 100 and 110" / "entries 100, 110 and 120"
std::string EntryNumbers(const std::vector<const NaclEntry*>& entries) {
  std::string text = entries.size() == 1 ? "entry " : "entries ";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) text += i + 1 == entries.size() ? " and " : ", ";
    text += std::to_string(entries[i]->rule_number);
  }
  return text;
}

class NaclIneffectiveEntry final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::NetworkAcl& acl : context.network.network_acls) {
      for (model::Direction direction : {model::Direction::kIngress, model::Direction::kEgress}) {
        std::vector<const NaclEntry*> entries = EntriesOf(acl, direction);
        std::erase_if(entries, [](const NaclEntry* entry) { return IsFinalDenyEntry(*entry); });
        const std::vector<Protocol> classes = ProtocolClasses(entries);
        for (std::size_t index = 0; index < entries.size(); ++index) {
          const NaclEntry& entry = *entries[index];
          if (index > 0 && entries[index - 1]->rule_number == entry.rule_number) {
            ReportDuplicateNumber(acl, *entries[index - 1], entry, sink);
          }
          // An entry whose addresses are unknown (a template parameter without a value) would
          // otherwise look matched by nothing at all, i.e. "shadowed" by no entry.
          if (!entry.traffic || AddressesOf(entry).Empty()) continue;
          CheckEntry(acl, entries, index, classes, sink);
        }
      }
    }
  }

 private:
  static void ReportDuplicateNumber(const model::NetworkAcl& acl, const NaclEntry& first,
                                    const NaclEntry& second, FindingSink& sink) {
    Finding& finding = sink.Report(
        acl, model::ResourceKind::kNetworkAcl,
        "rule number " + std::to_string(second.rule_number) + " is used by two " +
            std::string(model::DirectionName(second.direction)) +
            " entries; AWS allows one entry per number and direction, so which one is "
            "evaluated first is undefined",
        second.source);
    finding.related.push_back({acl.id, "also " + DescribeEntry(first), first.source});
  }

  // Reports the entry at `index` when the entries before it match all of its traffic, or, for
  // a deny, when the explicit denies after it deny everything it decides.
  static void CheckEntry(const model::NetworkAcl& acl,
                         const std::vector<const NaclEntry*>& entries, std::size_t index,
                         const std::vector<Protocol>& classes, FindingSink& sink) {
    const NaclEntry& entry = *entries[index];
    const std::span<const NaclEntry* const> earlier(entries.data(), index);
    const std::span<const NaclEntry* const> later(entries.data() + index + 1,
                                                  entries.size() - index - 1);
    const AddressSet addresses = AddressesOf(entry);
    const std::vector<Protocol> own_classes =
        entry.traffic->protocol.IsAll() ? classes
                                        : std::vector<Protocol>{entry.traffic->protocol};
    bool shadowed = true;
    bool later_denies_all = entry.action == model::RuleAction::kDeny;
    std::vector<const NaclEntry*> shadowing;     // earlier entries that match part of it
    std::vector<const NaclEntry*> later_denies;  // later denies that take over its traffic
    for (Protocol protocol : own_classes) {
      for (const model::PortRange& segment :
           SelectorSegments(entries, protocol, SelectorsOf(*entry.traffic, protocol))) {
        AddressSet residual = addresses;
        for (const NaclEntry* other : earlier) {
          if (!MatchesSegment(*other, protocol, segment)) continue;
          const AddressSet other_addresses = AddressesOf(*other);
          if (!other_addresses.Overlaps(residual)) continue;
          residual = residual.Subtract(other_addresses);
          AddUnique(shadowing, other);
        }
        if (residual.Empty()) continue;
        shadowed = false;
        if (later_denies_all) {
          later_denies_all = LaterDeniesAll(later, protocol, segment, residual, later_denies);
        }
      }
    }
    if (shadowed) {
      ReportShadowed(acl, entry, Shadowing(entry, shadowing, classes), sink);
    } else if (later_denies_all && !later_denies.empty()) {
      std::sort(later_denies.begin(), later_denies.end(),
                [](const NaclEntry* a, const NaclEntry* b) {
                  return a->rule_number < b->rule_number;
                });
      Finding& finding = sink.Report(
          acl, model::ResourceKind::kNetworkAcl,
          DescribeEntry(entry) + " denies nothing new: " + EntryNumbers(later_denies) +
              (later_denies.size() == 1 ? " after it denies" : " after it deny") +
              " all the traffic it decides, and no entry in between allows any of it",
          entry.source);
      for (const NaclEntry* deny : later_denies) {
        finding.related.push_back({acl.id, "denies it anyway: " + DescribeEntry(*deny),
                                   deny->source});
      }
    }
  }

  // Walks the entries after a deny over what the deny decides in one protocol segment: true
  // when explicit denies match all of it before any allow could (entries of unknown traffic
  // count as possible allows and never as denies).
  static bool LaterDeniesAll(std::span<const NaclEntry* const> later, Protocol protocol,
                             const model::PortRange& segment, AddressSet residual,
                             std::vector<const NaclEntry*>& later_denies) {
    for (const NaclEntry* other : later) {
      const AddressSet other_addresses = AddressesOf(*other);
      if (!other_addresses.Overlaps(residual)) continue;
      if (!other->traffic) {
        if (other->action == model::RuleAction::kAllow) return false;
        continue;
      }
      if (!MatchesSegment(*other, protocol, segment)) continue;
      if (other->action == model::RuleAction::kAllow) return false;
      residual = residual.Subtract(other_addresses);
      AddUnique(later_denies, other);
      if (residual.Empty()) return true;
    }
    return false;  // part of it reaches only the final "*" deny: a deliberate safeguard
  }

  // The earlier entries to name: one that covers the entry by itself if there is one, else all
  // that match part of it.
  static std::vector<const NaclEntry*> Shadowing(const NaclEntry& entry,
                                                 const std::vector<const NaclEntry*>& overlapping,
                                                 const std::vector<Protocol>& classes) {
    std::vector<const NaclEntry*> sorted = overlapping;
    std::sort(sorted.begin(), sorted.end(), [](const NaclEntry* a, const NaclEntry* b) {
      return a->rule_number < b->rule_number;
    });
    for (const NaclEntry* other : sorted) {
      if (Covers(*other, entry, classes)) return {other};
    }
    return sorted;
  }

  static void ReportShadowed(const model::NetworkAcl& acl, const NaclEntry& entry,
                             const std::vector<const NaclEntry*>& shadowing, FindingSink& sink) {
    const bool same_action =
        std::all_of(shadowing.begin(), shadowing.end(),
                    [&](const NaclEntry* other) { return other->action == entry.action; });
    const bool opposite_action =
        std::none_of(shadowing.begin(), shadowing.end(),
                     [&](const NaclEntry* other) { return other->action == entry.action; });
    std::string consequence;
    if (same_action) {
      consequence = "; it is redundant";
    } else if (opposite_action) {
      consequence = entry.action == model::RuleAction::kAllow
                        ? "; what it allows is denied first"
                        : "; what it denies is allowed first";
    } else {
      consequence = "; its " + ActionName(entry) + " never takes effect";
    }
    Finding& finding = sink.Report(
        acl, model::ResourceKind::kNetworkAcl,
        DescribeEntry(entry) + " never matches: " + EntryNumbers(shadowing) +
            (shadowing.size() == 1 ? " matches" : " together match") +
            " all of its traffic first" + consequence,
        entry.source);
    for (const NaclEntry* other : shadowing) {
      finding.related.push_back({acl.id, "matches first: " + DescribeEntry(*other),
                                 other->source});
    }
  }

  static void AddUnique(std::vector<const NaclEntry*>& entries, const NaclEntry* entry) {
    if (std::find(entries.begin(), entries.end(), entry) == entries.end()) {
      entries.push_back(entry);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNaclIneffectiveEntry() { return std::make_unique<NaclIneffectiveEntry>(); }

}  // namespace netlint::rules
