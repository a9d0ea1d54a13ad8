#include "rules/common/exposure.h"

#include <algorithm>
#include <array>
#include <set>

namespace netlint::rules {
namespace {

using model::AddressSet;
using model::IpFamily;
using model::PortSet;
using model::Protocol;
using model::SgRule;

struct ResolvedRule {
  const SgRule* rule;
  AddressSet public_part;  // the rule's sources inside the public internet
};

bool CoversInternet(const AddressSet& set, IpFamily family) {
  return family == IpFamily::kV4 ? set.v4.ContainsAll(PublicIpv4())
                                 : set.v6.ContainsAll(PublicIpv6());
}

bool TouchesInternet(const AddressSet& set, IpFamily family) {
  return family == IpFamily::kV4 ? !set.v4.Empty() : !set.v6.Empty();
}

// Splits 0-65535 at every boundary of the rules' port ranges for `protocol`, so that within a
// segment each rule either matches every port or none.
std::vector<model::PortRange> Segments(const std::vector<ResolvedRule>& rules,
                                       Protocol protocol) {
  std::set<std::uint32_t> cuts{0, 65536};
  for (const ResolvedRule& resolved : rules) {
    const PortSet ports = resolved.rule->traffic->PortsOf(protocol);
    for (const auto& interval : ports.intervals()) {
      cuts.insert(interval.first);
      cuts.insert(static_cast<std::uint32_t>(interval.last) + 1);
    }
  }
  std::vector<model::PortRange> segments;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    segments.push_back({static_cast<std::uint16_t>(*it),
                        static_cast<std::uint16_t>(*std::next(it) - 1)});
  }
  return segments;
}

// When one rule covers the internet by itself (0.0.0.0/0), it alone is the reason: naming the
// narrower rules beside it (an office /32) would only blur the finding.
void KeepSingleCoveringRule(const std::vector<ResolvedRule>& rules, Protocol protocol,
                            std::uint16_t port, IpFamily family,
                            std::vector<const SgRule*>& contributing) {
  for (const ResolvedRule& resolved : rules) {
    if (resolved.rule->traffic->PortsOf(protocol).Contains(port) &&
        CoversInternet(resolved.public_part, family)) {
      contributing = {resolved.rule};
      return;
    }
  }
}

void AddPortExposure(const std::vector<ResolvedRule>& rules, Protocol protocol,
                     IpFamily family, std::vector<ExposedRange>& out) {
  std::vector<ResolvedRule> relevant;
  for (const ResolvedRule& resolved : rules) {
    if (TouchesInternet(resolved.public_part, family) &&
        !resolved.rule->traffic->PortsOf(protocol).Empty()) {
      relevant.push_back(resolved);
    }
  }
  if (relevant.empty()) return;
  for (const model::PortRange& segment : Segments(relevant, protocol)) {
    AddressSet covered;
    std::vector<const SgRule*> contributing;
    for (const ResolvedRule& resolved : relevant) {
      if (!resolved.rule->traffic->PortsOf(protocol).Contains(segment.first)) continue;
      covered.Add(resolved.public_part);
      contributing.push_back(resolved.rule);
    }
    if (!CoversInternet(covered, family)) continue;
    KeepSingleCoveringRule(relevant, protocol, segment.first, family, contributing);
    // Merge with the previous range when it ends right before this one.
    if (!out.empty() && out.back().protocol == protocol && out.back().family == family &&
        out.back().ports.last + 1 == segment.first) {
      ExposedRange& previous = out.back();
      previous.ports.last = segment.last;
      for (const SgRule* rule : contributing) {
        if (std::find(previous.rules.begin(), previous.rules.end(), rule) ==
            previous.rules.end()) {
          previous.rules.push_back(rule);
        }
      }
      continue;
    }
    out.push_back({protocol, family, segment, std::move(contributing)});
  }
}

void AddAllTrafficExposure(const std::vector<ResolvedRule>& rules, IpFamily family,
                           std::vector<ExposedRange>& out) {
  AddressSet covered;
  std::vector<const SgRule*> contributing;
  for (const ResolvedRule& resolved : rules) {
    if (!resolved.rule->traffic->IsAllTraffic()) continue;
    if (!TouchesInternet(resolved.public_part, family)) continue;
    covered.Add(resolved.public_part);
    contributing.push_back(resolved.rule);
  }
  if (CoversInternet(covered, family)) {
    for (const ResolvedRule& resolved : rules) {
      if (resolved.rule->traffic->IsAllTraffic() && CoversInternet(resolved.public_part, family)) {
        contributing = {resolved.rule};
        break;
      }
    }
    out.push_back({Protocol::All(), family, model::PortRange::All(), std::move(contributing)});
  }
}

std::string_view ServiceName(std::uint16_t port) {
  struct Known {
    std::uint16_t port;
    std::string_view name;
  };
  static constexpr std::array kKnown = {
      Known{20, "FTP data"},     Known{21, "FTP"},           Known{22, "SSH"},
      Known{23, "Telnet"},       Known{25, "SMTP"},          Known{53, "DNS"},
      Known{80, "HTTP"},         Known{110, "POP3"},         Known{135, "MSRPC"},
      Known{137, "NetBIOS"},     Known{138, "NetBIOS"},      Known{139, "NetBIOS"},
      Known{143, "IMAP"},        Known{161, "SNMP"},         Known{162, "SNMP trap"},
      Known{389, "LDAP"},        Known{443, "HTTPS"},        Known{445, "SMB"},
      Known{636, "LDAPS"},       Known{1433, "SQL Server"},  Known{1434, "SQL Server browser"},
      Known{1521, "Oracle"},     Known{2049, "NFS"},         Known{2375, "Docker"},
      Known{2376, "Docker TLS"}, Known{2379, "etcd"},        Known{2380, "etcd peer"},
      Known{2483, "Oracle"},     Known{2484, "Oracle TLS"},  Known{3306, "MySQL"},
      Known{3389, "RDP"},        Known{5432, "PostgreSQL"},  Known{5601, "Kibana"},
      Known{5900, "VNC"},        Known{5985, "WinRM"},       Known{5986, "WinRM HTTPS"},
      Known{6379, "Redis"},      Known{6443, "Kubernetes API"}, Known{7000, "Cassandra"},
      Known{7001, "Cassandra TLS"}, Known{7199, "Cassandra JMX"}, Known{8080, "HTTP alternate"},
      Known{9042, "Cassandra CQL"}, Known{9092, "Kafka"},    Known{9160, "Cassandra Thrift"},
      Known{9200, "Elasticsearch"}, Known{9300, "Elasticsearch transport"},
      Known{10250, "kubelet"},   Known{11211, "Memcached"},  Known{27017, "MongoDB"},
      Known{27018, "MongoDB"},
  };
  for (const Known& known : kKnown) {
    if (known.port == port) return known.name;
  }
  return {};
}

}  // namespace

const model::Ipv4Set& PublicIpv4() { return model::PublicIpv4(); }

const model::Ipv6Set& PublicIpv6() { return model::PublicIpv6(); }

std::string_view InternetText(IpFamily family) {
  return family == IpFamily::kV4 ? "0.0.0.0/0" : "::/0";
}

PortSet GroupExposure::OpenPorts(Protocol protocol, IpFamily family) const {
  PortSet ports;
  for (const ExposedRange& range : ranges) {
    if (range.family != family) continue;
    if (range.protocol.IsAll() || range.protocol == protocol) {
      ports.Add(range.ports.first, range.ports.last);
    }
  }
  return ports;
}

bool GroupExposure::AllTrafficOpen(IpFamily family) const {
  return std::any_of(ranges.begin(), ranges.end(), [&](const ExposedRange& range) {
    return range.family == family && range.protocol.IsAll();
  });
}

bool GroupExposure::EveryPortOpen(Protocol protocol, IpFamily family) const {
  return AllTrafficOpen(family) || OpenPorts(protocol, family).ContainsAll(PortSet(1, 65535));
}

GroupExposure ComputeExposure(const model::SecurityGroup& group, model::Direction direction,
                              const model::Topology& topology) {
  GroupExposure exposure;
  std::vector<ResolvedRule> resolved;
  for (const SgRule& rule : group.Rules(direction)) {
    if (!rule.traffic) continue;
    bool unknown = false;
    const AddressSet addresses = topology.PeerAddresses(rule.peer, group.scope, unknown);
    if (unknown) {
      exposure.unknown = true;
      exposure.unknown_sources.push_back(rule.peer.kind == model::SgPeer::Kind::kPrefixList
                                             ? rule.peer.id
                                             : rule.peer.unknown_reason());
    }
    AddressSet public_part;
    public_part.v4 = addresses.v4.Intersect(PublicIpv4());
    public_part.v6 = addresses.v6.Intersect(PublicIpv6());
    if (public_part.Empty()) continue;
    resolved.push_back({&rule, std::move(public_part)});
  }
  for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
    AddAllTrafficExposure(resolved, family, exposure.ranges);
    AddPortExposure(resolved, Protocol::Tcp(), family, exposure.ranges);
    AddPortExposure(resolved, Protocol::Udp(), family, exposure.ranges);
  }
  return exposure;
}

std::string PortWithService(Protocol protocol, std::uint16_t port) {
  std::string text = protocol.Name() + "/" + std::to_string(port);
  if (std::string_view name = ServiceName(port); !name.empty()) {
    text += " (" + std::string(name) + ")";
  }
  return text;
}

std::string DescribeServicePorts(Protocol protocol, const PortSet& set, std::size_t limit) {
  // Short ranges are spelled out port by port so that each gets its service name.
  constexpr std::uint32_t kSpellOutUpTo = 3;
  std::vector<std::string> items;
  for (const auto& interval : set.intervals()) {
    if (static_cast<std::uint32_t>(interval.last) - interval.first < kSpellOutUpTo) {
      for (std::uint32_t port = interval.first; port <= interval.last; ++port) {
        items.push_back(PortWithService(protocol, static_cast<std::uint16_t>(port)));
      }
    } else {
      items.push_back(protocol.Name() + "/" + std::to_string(interval.first) + "-" +
                      std::to_string(interval.last));
    }
  }
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i == limit) {
      text += ", and " + std::to_string(items.size() - limit) + " more";
      break;
    }
    if (i > 0) text += ", ";
    text += items[i];
  }
  return text;
}

LoadBalancerContext LoadBalancerOnlyContext(const model::SecurityGroup& group,
                                            const model::Topology& topology) {
  LoadBalancerContext context;
  const auto users = topology.UsersOf(group);
  if (users.empty()) return context;
  std::vector<const model::LoadBalancer*> lbs;
  std::vector<const model::NetworkInterface*> lb_interfaces;
  for (const model::SgUser& user : users) {
    if (user.kind == model::ResourceKind::kLoadBalancer) {
      const auto* lb = static_cast<const model::LoadBalancer*>(user.resource);
      if (!lb->internet_facing.value_or(false)) return context;
      lbs.push_back(lb);
    } else if (user.kind == model::ResourceKind::kNetworkInterface) {
      const auto* eni = static_cast<const model::NetworkInterface*>(user.resource);
      if (eni->owner != model::InterfaceOwner::kLoadBalancer) return context;
      lb_interfaces.push_back(eni);
    } else {
      return context;
    }
  }
  // Every interface must belong to one of the internet-facing load balancers (its description
  // names "app/<name>/<id>", the end of the load balancer's ARN) or, for load balancers the
  // input does not describe, have a public address: the nodes of an internet-facing load
  // balancer have one, an internal one's never do.
  for (const model::NetworkInterface* eni : lb_interfaces) {
    const bool described = std::any_of(lbs.begin(), lbs.end(), [&](const model::LoadBalancer* lb) {
      return !eni->owner_ref.empty() && lb->id.size() >= eni->owner_ref.size() &&
             lb->id.compare(lb->id.size() - eni->owner_ref.size(), eni->owner_ref.size(),
                            eni->owner_ref) == 0;
    });
    if (!described && eni->public_ips.empty()) return context;
  }
  if (lbs.empty()) {
    context.only_internet_facing_lbs = true;
    context.listeners_unknown = true;
    for (const model::NetworkInterface* eni : lb_interfaces) {
      if (std::find(context.load_balancers.begin(), context.load_balancers.end(),
                    eni->owner_ref) == context.load_balancers.end()) {
        context.load_balancers.push_back(eni->owner_ref);
      }
    }
    return context;
  }
  context.only_internet_facing_lbs = true;
  for (const model::LoadBalancer* lb : lbs) {
    context.load_balancers.push_back(lb->id);
    const auto listeners = topology.ListenersOf(*lb);
    // describe-listeners is called per load balancer, so an LB with no listener in the input
    // has unknown listeners unless the input lists every listener of its scope.
    if (listeners.empty() &&
        !topology.network().IsComplete(lb->scope, model::ResourceKind::kListener)) {
      context.listeners_unknown = true;
    }
    for (const model::Listener* listener : listeners) {
      if (listener->port) context.listener_ports.Add(*listener->port, *listener->port);
    }
  }
  return context;
}

PortSet ExemptListenerPorts(const LoadBalancerContext& context) {
  if (!context.only_internet_facing_lbs) return {};
  PortSet ports = context.listener_ports;
  if (context.listeners_unknown) {
    ports.Add(80, 80);
    ports.Add(443, 443);
  }
  return ports;
}

}  // namespace netlint::rules
