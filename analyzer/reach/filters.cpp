// Security groups, NACLs and route tables, evaluated on sets of addresses so that one
// evaluation answers for every address a flow's end may have.

#include <algorithm>

#include "analyzer/reach/flow_parts.h"

namespace netlint::reach {
namespace {

using model::AddressSet;
using model::Direction;

std::string GroupName(const model::SecurityGroup& group) {
  return group.name.empty() ? group.id : group.id + " (" + group.name + ")";
}

std::string PeerText(const model::SgRule& rule) { return rule.peer.ToString(); }

bool CarriesGroup(const Identity& identity, const model::SecurityGroup& group) {
  return std::any_of(identity.groups.begin(), identity.groups.end(),
                     [&](const model::SecurityGroup* carried) {
                       return carried == &group ||
                              (carried->id == group.id && carried->scope == group.scope);
                     });
}

// Addresses a rule's peer covers of `peer`, or nullopt when they depend on unknown values.
std::optional<AddressSet> RulePeerAddresses(const model::SgRule& rule, const AddressSpec& peer,
                                            const Identity& peer_identity,
                                            const model::SecurityGroup& owner,
                                            const FlowContext& context) {
  const model::Network& network = context.topology.network();
  switch (rule.peer.kind) {
    case model::SgPeer::Kind::kSecurityGroup: {
      const model::SecurityGroup* referenced =
          network.FindSecurityGroup(rule.peer.id, owner.scope);
      if (referenced == nullptr || peer_identity.vpc == nullptr) return AddressSet{};
      return CarriesGroup(peer_identity, *referenced) ? peer.set : AddressSet{};
    }
    case model::SgPeer::Kind::kPrefixList: {
      const auto service = context.prefix_list_services.find(rule.peer.id);
      if (!peer.service.empty() && service != context.prefix_list_services.end() &&
          service->second == peer.service) {
        return peer.set;
      }
      bool unknown = false;
      AddressSet covered = context.topology.PeerAddresses(rule.peer, owner.scope, unknown);
      if (unknown) return std::nullopt;
      return covered.Intersect(peer.set);
    }
    case model::SgPeer::Kind::kUnknown:
      return std::nullopt;
    case model::SgPeer::Kind::kCidrV4:
    case model::SgPeer::Kind::kCidrV6: {
      bool unknown = false;
      return context.topology.PeerAddresses(rule.peer, owner.scope, unknown).Intersect(peer.set);
    }
  }
  return std::nullopt;
}

std::string FamilyRest(const AddressSpec& spec, const AddressSet& allowed) {
  return DescribeSpec({spec.set.Subtract(allowed), spec.quantifier, {}, {}});
}

}  // namespace

std::string DescribeSpec(const AddressSpec& spec) {
  if (!spec.text.empty()) return spec.text;
  if (spec.set.v6.Empty() && spec.set.v4.intervals().size() == 1 &&
      spec.set.v4.intervals().front().first == spec.set.v4.intervals().front().last) {
    return model::Ipv4Address(spec.set.v4.intervals().front().first).ToString();
  }
  if (spec.set.v4.Empty() && spec.set.v6.intervals().size() == 1 &&
      spec.set.v6.intervals().front().first == spec.set.v6.intervals().front().last) {
    return model::Ipv6Address(spec.set.v6.intervals().front().first).ToString();
  }
  return spec.set.ToString();
}

Verdict Judge(FilterOutcome& outcome, AddressSpec& spec) {
  Verdict verdict;
  if (outcome.allowed.ContainsAll(spec.set) && !spec.set.Empty()) {
    verdict = Verdict::kReachable;
  } else if (outcome.allowed.Empty()) {
    verdict = outcome.maybe ? Verdict::kUnknown : Verdict::kBlocked;
    if (outcome.maybe && !outcome.unknown_reason.empty()) {
      outcome.check.text += " (" + outcome.unknown_reason + ")";
    }
  } else {
    verdict = spec.quantifier == Quantifier::kSome ? Verdict::kReachable : Verdict::kUnknown;
    outcome.check.text += " only for " + DescribeSpec({outcome.allowed, spec.quantifier, {}, {}});
    if (spec.quantifier == Quantifier::kEvery) {
      outcome.check.text += ", not for " + FamilyRest(spec, outcome.allowed) +
                            ", and which address the flow uses is not known";
    }
    spec.set = outcome.allowed;
    spec.text.clear();
  }
  outcome.check.verdict = verdict;
  return verdict;
}

FilterOutcome EvaluateGroups(const Vantage& self, Direction direction, const FlowSpec& flow,
                             const AddressSpec& peer, const Identity& peer_identity,
                             const FlowContext& context) {
  FilterOutcome outcome;
  const bool ingress = direction == Direction::kIngress;
  const std::string toward = ingress ? " from " : " to ";
  const std::string rule_kind = ingress ? "ingress" : "egress";
  if (!self.filtered_by_groups) {
    outcome.allowed = peer.set;
    outcome.check = {Verdict::kReachable, self.node,
                     self.load_balancer == nullptr
                         ? "security groups not considered (" + self.label + ")"
                     : ingress ? "no security groups (the load balancer admits what its "
                                 "listeners accept)"
                               : "no security groups (the load balancer sends to its targets "
                                 "unfiltered)",
                     {}};
    return outcome;
  }
  std::string group_list;
  for (const model::SecurityGroup* group : self.groups) {
    if (!group_list.empty()) group_list += ", ";
    group_list += GroupName(*group);
  }
  for (const std::string& missing : self.missing_groups) {
    if (!group_list.empty()) group_list += ", ";
    group_list += missing;
  }
  const model::SgRule* first_rule = nullptr;
  const model::SecurityGroup* first_owner = nullptr;
  for (const model::SecurityGroup* group : self.groups) {
    if (!group->rules_known) {
      outcome.maybe = true;
      outcome.unknown_reason = "the rules of " + group->id + " are not in the input";
      continue;
    }
    for (const model::SgRule& rule : group->Rules(direction)) {
      if (!rule.traffic) {
        outcome.maybe = true;
        outcome.unknown_reason = "a rule of " + group->id + " has an unknown protocol or port";
        continue;
      }
      if (!rule.traffic->Matches(flow.protocol, flow.port)) continue;
      const std::optional<AddressSet> covered =
          RulePeerAddresses(rule, peer, peer_identity, *group, context);
      if (!covered) {
        outcome.maybe = true;
        outcome.unknown_reason = "the addresses of " + PeerText(rule) + " are not in the input";
        continue;
      }
      if (covered->Empty()) continue;
      if (first_rule == nullptr || !outcome.allowed.ContainsAll(*covered)) {
        if (first_rule == nullptr) {
          first_rule = &rule;
          first_owner = group;
        }
      }
      outcome.allowed.Add(*covered);
    }
  }
  if (!self.missing_groups.empty()) {
    outcome.maybe = true;
    outcome.unknown_reason = "security group " + self.missing_groups.front() + " is not in the input";
  }
  if (first_rule == nullptr && self.groups.empty() && !self.missing_groups.empty()) {
    outcome.unknown_reason.clear();
    outcome.check = {Verdict::kUnknown, self.missing_groups.front(),
                     "the rules of " + group_list + " are not in the input", {}};
    return outcome;
  }
  if (first_rule != nullptr) {
    outcome.check = {Verdict::kReachable, first_owner->id,
                     GroupName(*first_owner) + " " + rule_kind + " rule " +
                         first_rule->traffic->ToString() + toward + PeerText(*first_rule) +
                         " allows it",
                     first_rule->statement.HasFile() ? first_rule->statement : first_rule->source};
  } else {
    const model::SecurityGroup* anchor = self.groups.empty() ? nullptr : self.groups.front();
    outcome.check = {Verdict::kBlocked, anchor != nullptr ? anchor->id : self.node,
                     self.groups.empty() && self.missing_groups.empty()
                         ? self.node + " carries no security group, so nothing is allowed"
                         : "no " + rule_kind + " rule of " + group_list + " allows " +
                               flow.ToString() + toward + DescribeSpec(peer),
                     anchor != nullptr ? anchor->source : SourceRef{}};
  }
  return outcome;
}

namespace {

bool EntryCoversFamily(const model::NaclEntry& entry, AddressSet& out) {
  if (entry.cidr_v4) {
    out = AddressSet::Of(*entry.cidr_v4);
    return true;
  }
  if (entry.cidr_v6) {
    out = AddressSet::Of(*entry.cidr_v6);
    return true;
  }
  return false;
}

std::string EntryName(const model::NaclEntry& entry) {
  if (entry.rule_number >= 32767) return "*";
  return std::to_string(entry.rule_number);
}

std::string EntryPeer(const model::NaclEntry& entry) {
  if (entry.cidr_v4) return entry.cidr_v4->ToString();
  if (entry.cidr_v6) return entry.cidr_v6->ToString();
  return "?";
}

struct AtomResult {
  model::PortRange ports;
  AddressSet allowed;
  const model::NaclEntry* decider = nullptr;  // first entry that matched part of the addresses
};

}  // namespace

FilterOutcome EvaluateNacl(const model::NetworkAcl* acl, const model::Subnet& subnet,
                           Direction direction, model::Protocol protocol, model::PortRange ports,
                           bool every_port, const AddressSpec& peer, bool return_traffic) {
  FilterOutcome outcome;
  const bool inbound = direction == Direction::kIngress;
  const std::string way = inbound ? "inbound" : "outbound";
  const std::string toward = inbound ? " from " : " to ";
  const std::string prefix = return_traffic ? "return traffic: " : "";
  const std::string traffic_text =
      protocol.HasPorts() ? protocol.Name() + "/" + ports.ToString() : protocol.Name();
  if (acl == nullptr) {
    outcome.allowed = peer.set;
    outcome.check = {Verdict::kReachable, subnet.id,
                     prefix + "no network ACL for " + subnet.id +
                         " in the input; the VPC's default ACL allows all traffic",
                     {}};
    return outcome;
  }
  std::vector<const model::NaclEntry*> entries;
  for (const model::NaclEntry& entry : acl->entries) {
    if (entry.direction == direction) entries.push_back(&entry);
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto* a, const auto* b) { return a->rule_number < b->rule_number; });
  // Port atoms: within one, every entry matches all ports or none.
  std::vector<std::uint32_t> cuts{ports.first, static_cast<std::uint32_t>(ports.last) + 1};
  if (protocol.HasPorts()) {
    for (const model::NaclEntry* entry : entries) {
      if (!entry->traffic || !entry->traffic->protocol.HasPorts()) continue;
      for (std::uint32_t cut : {static_cast<std::uint32_t>(entry->traffic->ports.first),
                                static_cast<std::uint32_t>(entry->traffic->ports.last) + 1}) {
        if (cut > ports.first && cut <= ports.last) cuts.push_back(cut);
      }
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<AtomResult> atoms;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    AtomResult atom{{static_cast<std::uint16_t>(cuts[i]), static_cast<std::uint16_t>(cuts[i + 1] - 1)}, {}, nullptr};
    AddressSet remaining = peer.set;
    for (const model::NaclEntry* entry : entries) {
      if (remaining.Empty()) break;
      AddressSet covered;
      if (!EntryCoversFamily(*entry, covered)) continue;
      const AddressSet part = remaining.Intersect(covered);
      if (part.Empty()) continue;
      if (!entry->traffic) {
        outcome.maybe = true;
        outcome.unknown_reason = "entry " + EntryName(*entry) + " has an unknown protocol or port";
        continue;
      }
      if (!entry->traffic->Matches(protocol, atom.ports.first)) continue;
      if (atom.decider == nullptr) atom.decider = entry;
      if (entry->action == model::RuleAction::kAllow) atom.allowed.Add(part);
      remaining = remaining.Subtract(part);
    }
    atoms.push_back(std::move(atom));
  }
  AddressSet allowed = every_port ? peer.set : AddressSet{};
  for (const AtomResult& atom : atoms) {
    allowed = every_port ? allowed.Intersect(atom.allowed) : allowed.Union(atom.allowed);
  }
  outcome.allowed = allowed;
  // The entry that explains the outcome: the first allowing one when it passes, else the first
  // deciding one of a failing atom.
  const AtomResult* shown = nullptr;
  for (const AtomResult& atom : atoms) {
    const bool passes = !atom.allowed.Empty();
    if (!allowed.Empty() ? passes : !atom.allowed.ContainsAll(peer.set)) {
      shown = &atom;
      break;
    }
  }
  if (shown == nullptr && !atoms.empty()) shown = &atoms.front();
  const model::NaclEntry* decider = shown != nullptr ? shown->decider : nullptr;
  const std::string where = acl->id + " " + way;
  if (!allowed.Empty()) {
    std::string text = prefix + where + " entry " +
                       (decider != nullptr ? EntryName(*decider) : std::string("?")) + " allows " +
                       (decider != nullptr && decider->traffic ? decider->traffic->ToString()
                                                               : traffic_text) +
                       toward + (decider != nullptr ? EntryPeer(*decider) : DescribeSpec(peer));
    outcome.check = {Verdict::kReachable, acl->id, text,
                     decider != nullptr ? decider->source : acl->source};
    return outcome;
  }
  // Blocked: say which ports pass, if any, so a partial ephemeral range is plain.
  model::PortSet passing;
  for (const AtomResult& atom : atoms) {
    if (!atom.allowed.Empty()) passing.Add(atom.ports.first, atom.ports.last);
  }
  std::string text;
  if (decider != nullptr && decider->action == model::RuleAction::kDeny &&
      decider->rule_number < 32767) {
    text = prefix + where + " entry " + EntryName(*decider) + " denies " + traffic_text + toward +
           EntryPeer(*decider);
  } else {
    text = prefix + where + ": no entry allows " + traffic_text + toward + DescribeSpec(peer) +
           ", so the final * entry denies it";
  }
  if (every_port && !passing.Empty()) {
    text = prefix + where + " allows " + protocol.Name() + " only on ports " +
           model::DescribePortSet(passing) + " of the ephemeral range " + ports.ToString() + toward +
           DescribeSpec(peer) + "; connections whose client port falls outside fail";
  }
  outcome.check = {Verdict::kBlocked, acl->id, text,
                   decider != nullptr && decider->rule_number < 32767 ? decider->source
                                                                      : acl->source};
  return outcome;
}

std::vector<RouteShare> SplitByRoute(const model::RouteTable& table, const AddressSpec& dst,
                                     const FlowContext& context) {
  struct Piece {
    const model::Route* route;
    AddressSet set;
    int length;
  };
  std::vector<Piece> pieces;
  const model::Network& network = context.topology.network();
  for (const model::Route& route : table.routes) {
    if (route.state == model::RouteState::kFiltered) continue;
    if (route.destination_v4) {
      pieces.push_back({&route, AddressSet::Of(*route.destination_v4),
                        route.destination_v4->length()});
    } else if (route.destination_v6) {
      pieces.push_back({&route, AddressSet::Of(*route.destination_v6),
                        route.destination_v6->length()});
    } else if (!route.destination_prefix_list.empty()) {
      const auto service = context.prefix_list_services.find(route.destination_prefix_list);
      if (!dst.service.empty() && service != context.prefix_list_services.end() &&
          service->second == dst.service) {
        pieces.push_back({&route, dst.set, 129});  // the service's own list: every entry wins
        continue;
      }
      const model::PrefixList* list =
          network.FindPrefixList(route.destination_prefix_list, table.scope);
      if (list == nullptr || !list->entries_known) continue;
      for (const model::PrefixListEntry& entry : list->entries) {
        if (entry.cidr_v4) pieces.push_back({&route, AddressSet::Of(*entry.cidr_v4), entry.cidr_v4->length()});
        if (entry.cidr_v6) pieces.push_back({&route, AddressSet::Of(*entry.cidr_v6), entry.cidr_v6->length()});
      }
    }
  }
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const Piece& a, const Piece& b) { return a.length > b.length; });
  std::vector<RouteShare> shares;
  AddressSet remaining = dst.set;
  for (const Piece& piece : pieces) {
    if (remaining.Empty()) break;
    AddressSet part = remaining.Intersect(piece.set);
    if (part.Empty()) continue;
    remaining = remaining.Subtract(part);
    auto existing = std::find_if(shares.begin(), shares.end(),
                                 [&](const RouteShare& share) { return share.route == piece.route; });
    if (existing != shares.end()) {
      existing->addresses.Add(part);
    } else {
      shares.push_back({piece.route, std::move(part)});
    }
  }
  if (!remaining.Empty()) shares.push_back({nullptr, std::move(remaining)});
  return shares;
}

std::vector<RouteShare> LookupRoutes(const model::RouteTable& table,
                                     const model::AddressSet& destinations,
                                     const model::Topology& topology) {
  // Without the engine's knowledge of which prefix lists belong to which service, prefix-list
  // routes count with their entries only.
  const std::map<std::string, std::string, std::less<>> no_services;
  const FlowContext context{topology, no_services};
  AddressSpec spec;
  spec.set = destinations;
  return SplitByRoute(table, spec, context);
}

}  // namespace netlint::reach
