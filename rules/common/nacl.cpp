#include "rules/common/nacl.h"

#include <algorithm>
#include <set>

#include "rules/common/exposure.h"

namespace netlint::rules {
namespace {

using model::AddressSet;
using model::NaclEntry;
using model::PortSet;
using model::Protocol;

constexpr int kFirstFinalDenyNumber = 32767;
constexpr int kIcmpCodesPerType = 256;

AddressSet PublicAddresses(model::IpFamily family) {
  AddressSet addresses;
  if (family == model::IpFamily::kV4) {
    addresses.v4 = PublicIpv4();
  } else {
    addresses.v6 = PublicIpv6();
  }
  return addresses;
}

void AddUnique(std::vector<const NaclEntry*>& entries, const NaclEntry* entry) {
  if (std::find(entries.begin(), entries.end(), entry) == entries.end()) entries.push_back(entry);
}

// Adds to `opening` the selectors of `protocol` inside `within` that the entries admit from
// every address of `internet`, and the allow entries that do it. Returns the selectors.
PortSet OpenSelectors(std::span<const NaclEntry* const> entries, Protocol protocol,
                      const PortSet& within, const AddressSet& internet,
                      std::vector<const NaclEntry*>& admitting) {
  PortSet open;
  for (const model::PortRange& segment : SelectorSegments(entries, protocol, within)) {
    const FirstMatchResult result = EvaluateFirstMatch(entries, protocol, segment, internet);
    if (!result.admitted.ContainsAll(internet)) continue;
    open.Add(segment.first, segment.last);
    for (const FirstMatchResult::Decision& decision : result.decisions) {
      if (decision.entry->action == model::RuleAction::kAllow) {
        AddUnique(admitting, decision.entry);
      }
    }
  }
  return open;
}

}  // namespace

bool IsFinalDenyEntry(const NaclEntry& entry) {
  return entry.rule_number >= kFirstFinalDenyNumber;
}

std::vector<const NaclEntry*> EntriesOf(const model::NetworkAcl& acl,
                                        model::Direction direction) {
  std::vector<const NaclEntry*> entries;
  for (const NaclEntry& entry : acl.entries) {
    if (entry.direction == direction) entries.push_back(&entry);
  }
  // The ingest sorts already; a stable sort keeps that promise local to this helper.
  std::stable_sort(entries.begin(), entries.end(), [](const NaclEntry* a, const NaclEntry* b) {
    return a->rule_number < b->rule_number;
  });
  return entries;
}

AddressSet AddressesOf(const NaclEntry& entry) {
  AddressSet addresses;
  if (entry.cidr_v4) addresses.Add(*entry.cidr_v4);
  if (entry.cidr_v6) addresses.Add(*entry.cidr_v6);
  return addresses;
}

PortSet SelectorsOf(const model::TrafficSelector& traffic, Protocol protocol) {
  if (traffic.protocol.IsAll()) return PortSet::Full();
  if (traffic.protocol != protocol) return {};
  if (protocol.HasPorts()) return traffic.ports.ToSet();
  if (protocol.IsIcmp()) {
    if (traffic.icmp.type < 0) return PortSet::Full();
    const int first = traffic.icmp.type * kIcmpCodesPerType;
    if (traffic.icmp.code < 0) {
      return PortSet(static_cast<std::uint16_t>(first),
                     static_cast<std::uint16_t>(first + kIcmpCodesPerType - 1));
    }
    const auto value = static_cast<std::uint16_t>(first + traffic.icmp.code);
    return PortSet(value, value);
  }
  return PortSet::Full();
}

std::vector<Protocol> ProtocolClasses(std::span<const NaclEntry* const> entries) {
  std::set<int> named = {Protocol::kTcp, Protocol::kUdp, Protocol::kIcmp, Protocol::kIcmpv6};
  for (const NaclEntry* entry : entries) {
    if (entry->traffic && !entry->traffic->protocol.IsAll()) {
      named.insert(entry->traffic->protocol.number());
    }
  }
  std::vector<Protocol> classes;
  classes.reserve(named.size() + 1);
  for (int number : named) classes.emplace_back(number);
  // One protocol no entry names stands for all of them: entries treat them alike.
  constexpr int kLastProtocolNumber = 255;
  for (int number = 0; number <= kLastProtocolNumber; ++number) {
    if (named.count(number) == 0) {
      classes.emplace_back(number);
      break;
    }
  }
  return classes;
}

std::vector<model::PortRange> SelectorSegments(std::span<const NaclEntry* const> entries,
                                               Protocol protocol, const PortSet& within) {
  std::set<std::uint32_t> cuts;
  auto add_bounds = [&](const PortSet& set) {
    for (const auto& interval : set.intervals()) {
      cuts.insert(interval.first);
      cuts.insert(static_cast<std::uint32_t>(interval.last) + 1);
    }
  };
  add_bounds(within);
  for (const NaclEntry* entry : entries) {
    if (entry->traffic) add_bounds(SelectorsOf(*entry->traffic, protocol));
  }
  std::vector<model::PortRange> segments;
  for (auto it = cuts.begin(); it != cuts.end() && std::next(it) != cuts.end(); ++it) {
    const auto first = static_cast<std::uint16_t>(*it);
    if (!within.Contains(first)) continue;
    segments.push_back({first, static_cast<std::uint16_t>(*std::next(it) - 1)});
  }
  return segments;
}

bool MatchesSegment(const NaclEntry& entry, Protocol protocol, const model::PortRange& segment) {
  return entry.traffic && SelectorsOf(*entry.traffic, protocol).Contains(segment.first);
}

FirstMatchResult EvaluateFirstMatch(std::span<const NaclEntry* const> entries, Protocol protocol,
                                    const model::PortRange& segment,
                                    const AddressSet& addresses) {
  FirstMatchResult result;
  AddressSet remaining = addresses;
  for (const NaclEntry* entry : entries) {
    if (remaining.Empty()) break;
    const AddressSet matched = AddressesOf(*entry).Intersect(remaining);
    if (matched.Empty()) continue;
    if (!entry->traffic) {
      // It may match: a deny leaves these addresses undecided; an allow admits them if it
      // matches and leaves them to later entries otherwise, so later entries decide.
      if (entry->action == model::RuleAction::kDeny) remaining = remaining.Subtract(matched);
      continue;
    }
    if (!MatchesSegment(*entry, protocol, segment)) continue;
    if (entry->action == model::RuleAction::kAllow) result.admitted.Add(matched);
    result.decisions.push_back({entry, matched});
    remaining = remaining.Subtract(matched);
  }
  return result;
}

bool NaclInternetOpening::EveryPortOpen(Protocol protocol) const {
  const PortSet& ports = protocol == Protocol::Tcp() ? tcp_ports : udp_ports;
  return all_traffic || ports.ContainsAll(PortSet(1, 65535));
}

bool NaclInternetOpening::AnyEveryPortOpen() const {
  return EveryPortOpen(Protocol::Tcp()) || EveryPortOpen(Protocol::Udp());
}

NaclInternetOpening InternetOpening(const model::NetworkAcl& acl, model::Direction direction,
                                    model::IpFamily family) {
  NaclInternetOpening opening;
  const std::vector<const NaclEntry*> entries = EntriesOf(acl, direction);
  const AddressSet internet = PublicAddresses(family);
  opening.tcp_ports =
      OpenSelectors(entries, Protocol::Tcp(), PortSet::Full(), internet, opening.entries);
  opening.udp_ports =
      OpenSelectors(entries, Protocol::Udp(), PortSet::Full(), internet, opening.entries);
  const PortSet usable(1, 65535);
  bool all = opening.tcp_ports.ContainsAll(usable) && opening.udp_ports.ContainsAll(usable);
  std::vector<const NaclEntry*> other_entries;
  for (Protocol protocol : ProtocolClasses(entries)) {
    if (!all) break;
    if (protocol.HasPorts()) continue;
    all = OpenSelectors(entries, protocol, PortSet::Full(), internet, other_entries).IsFull();
  }
  opening.all_traffic = all;
  if (all) {
    for (const NaclEntry* entry : other_entries) AddUnique(opening.entries, entry);
  }
  std::sort(opening.entries.begin(), opening.entries.end(),
            [](const NaclEntry* a, const NaclEntry* b) { return a->rule_number < b->rule_number; });
  return opening;
}

GovernedSubnets SubnetsGovernedByNacls(const model::Topology& topology) {
  GovernedSubnets governed;
  const model::Network& network = topology.network();
  auto add = [&](const model::NetworkAcl& acl, const std::string& subnet_id) {
    std::vector<std::string>& ids = governed[&acl];
    if (std::find(ids.begin(), ids.end(), subnet_id) == ids.end()) ids.push_back(subnet_id);
  };
  for (const model::NetworkAcl& acl : network.network_acls) {
    for (const std::string& subnet_id : acl.subnet_ids) add(acl, subnet_id);
  }
  for (const model::Subnet& subnet : network.subnets) {
    if (const model::NetworkAcl* acl = topology.NetworkAclFor(subnet)) add(*acl, subnet.id);
  }
  return governed;
}

std::string EntryNumber(const NaclEntry& entry) {
  return "entry " + std::to_string(entry.rule_number);
}

std::string DescribeEntry(const NaclEntry& entry) {
  std::string text = EntryNumber(entry) + " (" + std::string(model::DirectionName(entry.direction)) +
                     (entry.action == model::RuleAction::kAllow ? " allow " : " deny ");
  text += entry.traffic ? entry.traffic->ToString() : std::string("unknown traffic");
  text += entry.direction == model::Direction::kIngress ? " from " : " to ";
  text += entry.cidr_v4 ? entry.cidr_v4->ToString()
                        : (entry.cidr_v6 ? entry.cidr_v6->ToString() : std::string("?"));
  return text + ")";
}

}  // namespace netlint::rules
