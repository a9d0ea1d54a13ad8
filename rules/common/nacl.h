#pragma once

// Network ACL evaluation shared by the NACL rules: entries in evaluation order, what an entry
// matches as sets (protocol, then ports or ICMP type/code, then addresses), first-match
// evaluation with address-set arithmetic, and which subnets a NACL actually governs.
//
// AWS evaluates a NACL's entries of one direction in ascending rule number and the first entry
// that matches a packet decides. Within one protocol, an entry matches a set of "selectors"
// (ports for TCP and UDP, type and code for ICMP) and a set of addresses, so splitting the
// selector range at every entry's boundaries gives segments in which each entry matches either
// every selector or none; per segment, first-match is then exact arithmetic on address sets.

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "netlint/model/topology.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {

// Rule numbers 32767 (IPv4) and 32768 (IPv6): the implicit final "*" deny every NACL has.
bool IsFinalDenyEntry(const model::NaclEntry& entry);

// The entries of one direction in evaluation order (ascending rule number, document order for
// equal numbers), the final "*" entries included.
std::vector<const model::NaclEntry*> EntriesOf(const model::NetworkAcl& acl,
                                               model::Direction direction);

// The addresses an entry matches (its one IPv4 or IPv6 block).
model::AddressSet AddressesOf(const model::NaclEntry& entry);

// The selectors of `protocol` (a concrete protocol, never "all") that `traffic` matches: ports
// for TCP and UDP, type * 256 + code for ICMP and ICMPv6, and the whole range for any other
// protocol (AWS matches all of its traffic). Empty when `traffic` is of another protocol.
model::PortSet SelectorsOf(const model::TrafficSelector& traffic, model::Protocol protocol);

// Concrete protocols that stand for every protocol as far as `entries` can tell them apart:
// tcp, udp, icmp, icmpv6, each other protocol an entry names, and one protocol none names.
std::vector<model::Protocol> ProtocolClasses(std::span<const model::NaclEntry* const> entries);

// `within` split at every boundary of the entries' selectors of `protocol`: in each segment,
// every entry matches all selectors or none.
std::vector<model::PortRange> SelectorSegments(std::span<const model::NaclEntry* const> entries,
                                               model::Protocol protocol,
                                               const model::PortSet& within);

// Whether `entry` matches the selectors of segment `segment` of `protocol` (the segment must
// come from SelectorSegments over a list holding the entry). False for unknown traffic.
bool MatchesSegment(const model::NaclEntry& entry, model::Protocol protocol,
                    const model::PortRange& segment);

// The outcome of first-match evaluation of traffic of one protocol and segment from a set of
// addresses. Entries whose traffic is unknown never make an address certainly admitted or
// certainly denied: an unknown deny leaves the addresses it covers undecided, an unknown allow
// leaves them to the entries after it (if those admit them, they are admitted either way).
struct FirstMatchResult {
  struct Decision {
    const model::NaclEntry* entry = nullptr;
    model::AddressSet addresses;  // the addresses this entry is the first match for
  };
  std::vector<Decision> decisions;  // known entries that matched something, in order
  model::AddressSet admitted;       // certainly allowed
};
FirstMatchResult EvaluateFirstMatch(std::span<const model::NaclEntry* const> entries,
                                    model::Protocol protocol, const model::PortRange& segment,
                                    const model::AddressSet& addresses);

// What a direction of a NACL admits from every public address of a family: per TCP and UDP
// the ports (1-65535 counted) open to all of the internet, and whether every protocol is.
struct NaclInternetOpening {
  model::PortSet tcp_ports;
  model::PortSet udp_ports;
  bool all_traffic = false;
  std::vector<const model::NaclEntry*> entries;  // the allow entries that admit it, in order

  // Whether every usable port of TCP or UDP, or every protocol, is open: what NACL002 reports,
  // so that NACL001 leaves those protocols to it.
  [[nodiscard]] bool EveryPortOpen(model::Protocol protocol) const;
  [[nodiscard]] bool AnyEveryPortOpen() const;
};
NaclInternetOpening InternetOpening(const model::NetworkAcl& acl, model::Direction direction,
                                    model::IpFamily family);

// Which subnets each NACL governs: its explicit associations (the NACL record names them, so
// they count even when the subnets are not in the input) and, for a VPC's default NACL, the
// subnets of the input that have no association of their own (Topology::NetworkAclFor).
using GovernedSubnets = std::unordered_map<const model::NetworkAcl*, std::vector<std::string>>;
GovernedSubnets SubnetsGovernedByNacls(const model::Topology& topology);

// "entry 100 (ingress allow tcp/22 from 0.0.0.0/0)"
std::string DescribeEntry(const model::NaclEntry& entry);
// "entry 100"
std::string EntryNumber(const model::NaclEntry& entry);

}  // namespace netlint::rules
