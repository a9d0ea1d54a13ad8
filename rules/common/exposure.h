#pragma once

// How a security group's rules open it to the internet, with set semantics: the rules of a
// group are merged per protocol and port before asking whether their sources cover the public
// internet, so 0.0.0.0/1 plus 128.0.0.0/1 on two rules is the whole internet, and 10.0.0.0/8 is
// never part of it. Shared by the exposure rules (SG001-SG006) so they agree on what "open to
// the internet" means.

#include <string>
#include <vector>

#include "netlint/model/topology.h"
#include "netlint/rules/rule.h"

namespace netlint::rules {

// Ports of one protocol that the group opens to every public address of one family, and the
// rules that together do it.
struct ExposedRange {
  model::Protocol protocol;  // tcp, udp, or all (the segment is then "every protocol")
  model::IpFamily family = model::IpFamily::kV4;
  model::PortRange ports;
  std::vector<const model::SgRule*> rules;  // in document order
};

struct GroupExposure {
  std::vector<ExposedRange> ranges;
  // Some rule's source could not be resolved (a prefix list without entries, an unknown
  // value): an exposure may exist that these ranges do not show.
  bool unknown = false;
  std::vector<std::string> unknown_sources;  // ids of unresolved prefix lists, or reasons

  // Ports of `protocol` (tcp or udp) open to `family`, including through all-protocol rules.
  [[nodiscard]] model::PortSet OpenPorts(model::Protocol protocol, model::IpFamily family) const;
  // Whether every protocol is open to `family` (rules with protocol -1 whose sources together
  // cover the public internet).
  [[nodiscard]] bool AllTrafficOpen(model::IpFamily family) const;
  // Whether every usable port (1-65535) of `protocol` is open to `family`, through
  // all-protocol rules or port rules: what SG003 reports, so the other exposure rules skip it.
  [[nodiscard]] bool EveryPortOpen(model::Protocol protocol, model::IpFamily family) const;
};

// Exposure of a group's rules in one direction. For egress, "sources" are destinations.
GroupExposure ComputeExposure(const model::SecurityGroup& group, model::Direction direction,
                              const model::Topology& topology);

// The public internet of each family: everything but NonPublicIpv4/NonPublicIpv6.
const model::Ipv4Set& PublicIpv4();
const model::Ipv6Set& PublicIpv6();

// "0.0.0.0/0", "::/0" or the family name, for messages.
std::string_view InternetText(model::IpFamily family);

// A port with a well-known service name ("22 (SSH)"), or the bare number.
std::string PortWithService(model::Protocol protocol, std::uint16_t port);
// "tcp/22 (SSH), tcp/3389 (RDP)" for the ports of `set`, at most `limit` items then "...".
std::string DescribeServicePorts(model::Protocol protocol, const model::PortSet& set,
                                 std::size_t limit = 8);

// Whether the group is carried only by internet-facing load balancers (and their interfaces),
// and if so the listener ports those load balancers accept. `listeners_unknown` is set when a
// load balancer's listeners are not in the input.
struct LoadBalancerContext {
  bool only_internet_facing_lbs = false;
  model::PortSet listener_ports;
  bool listeners_unknown = false;
  std::vector<std::string> load_balancers;
};
LoadBalancerContext LoadBalancerOnlyContext(const model::SecurityGroup& group,
                                            const model::Topology& topology);

// The listener ports a public-LB-only group may open to the internet without a finding: the
// load balancers' listener ports, or 80 and 443 when the listeners are not in the input.
model::PortSet ExemptListenerPorts(const LoadBalancerContext& context);

}  // namespace netlint::rules
