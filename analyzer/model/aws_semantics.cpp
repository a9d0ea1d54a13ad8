#include "netlint/model/aws_semantics.h"


namespace netlint::model {
namespace {

bool IsPort(std::int64_t value) { return value >= 0 && value <= 65535; }

std::string RangeText(std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  auto text = [](std::optional<std::int64_t> v) { return v ? std::to_string(*v) : "(none)"; };
  return text(from) + "-" + text(to);
}

TrafficParse PortTraffic(Protocol protocol, std::optional<std::int64_t> from,
                         std::optional<std::int64_t> to) {
  TrafficParse result;
  if (!from && !to) {
    result.problem = protocol.Name() + " rule without a port range";
    return result;
  }
  const std::int64_t first = from.value_or(*to);
  const std::int64_t last = to.value_or(*from);
  if (first == -1 && last == -1) {
    result.traffic = TrafficSelector{protocol, PortRange::All(), {}};
    result.problem = "port range -1 is not valid for " + protocol.Name() +
                     "; read as all ports (0-65535)";
    return result;
  }
  if (!IsPort(first) || !IsPort(last)) {
    result.problem = "port range " + RangeText(from, to) + " is outside 0-65535";
    return result;
  }
  if (first > last) {
    result.problem = "port range " + RangeText(from, to) + " starts after it ends";
    return result;
  }
  result.traffic = TrafficSelector{
      protocol, PortRange{static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last)},
      {}};
  return result;
}

TrafficParse IcmpTraffic(Protocol protocol, std::optional<std::int64_t> type,
                         std::optional<std::int64_t> code) {
  TrafficParse result;
  const std::int64_t icmp_type = type.value_or(-1);
  const std::int64_t icmp_code = code.value_or(-1);
  if (icmp_type < -1 || icmp_type > 255 || icmp_code < -1 || icmp_code > 255) {
    result.problem = "ICMP type/code " + RangeText(type, code) + " is outside -1-255";
    return result;
  }
  result.traffic = TrafficSelector{protocol, PortRange::All(),
                                   IcmpMatch{static_cast<int>(icmp_type),
                                             static_cast<int>(icmp_code)}};
  return result;
}

}  // namespace

TrafficParse SecurityGroupTraffic(Protocol protocol, std::optional<std::int64_t> from_port,
                                  std::optional<std::int64_t> to_port) {
  if (protocol.IsAll()) return {TrafficSelector::AllTraffic(), ""};
  if (protocol.HasPorts()) return PortTraffic(protocol, from_port, to_port);
  if (protocol.IsIcmp()) return IcmpTraffic(protocol, from_port, to_port);
  return {TrafficSelector{protocol, PortRange::All(), {}}, ""};
}

TrafficParse NetworkAclTraffic(Protocol protocol, std::optional<std::int64_t> from_port,
                               std::optional<std::int64_t> to_port,
                               std::optional<std::int64_t> icmp_type,
                               std::optional<std::int64_t> icmp_code) {
  if (protocol.IsAll()) return {TrafficSelector::AllTraffic(), ""};
  if (protocol.HasPorts()) {
    if (!from_port && !to_port) return {TrafficSelector{protocol, PortRange::All(), {}}, ""};
    return PortTraffic(protocol, from_port, to_port);
  }
  if (protocol.IsIcmp()) return IcmpTraffic(protocol, icmp_type, icmp_code);
  return {TrafficSelector{protocol, PortRange::All(), {}}, ""};
}

std::unordered_set<std::string> SubnetsListedByAcls(const std::vector<NetworkAcl>& acls) {
  std::unordered_set<std::string> listed;
  for (const NetworkAcl& acl : acls) listed.insert(acl.subnet_ids.begin(), acl.subnet_ids.end());
  return listed;
}

std::unordered_map<std::string, std::vector<std::string>> SubnetsOfDefaultAcls(
    const std::vector<Subnet>& subnets, const std::unordered_set<std::string>& listed) {
  std::unordered_map<std::string, std::vector<std::string>> by_vpc;
  for (const Subnet& subnet : subnets) {
    if (!listed.contains(subnet.id)) by_vpc[subnet.vpc_id].push_back(subnet.id);
  }
  return by_vpc;
}

SecurityGroup DefaultSecurityGroup(const Vpc& vpc, std::string id, ScopeId scope) {
  SecurityGroup group;
  group.id = std::move(id);
  group.scope = scope;
  group.source = vpc.source;
  group.name = "default";
  group.description = "default VPC security group";
  group.vpc_id = vpc.id;
  group.implicit = true;
  SgRule self;
  self.direction = Direction::kIngress;
  self.traffic = TrafficSelector::AllTraffic();
  self.peer.kind = SgPeer::Kind::kSecurityGroup;
  self.peer.id = group.id;
  self.source = self.statement = vpc.source;
  group.ingress.push_back(std::move(self));
  SgRule egress;
  egress.direction = Direction::kEgress;
  egress.traffic = TrafficSelector::AllTraffic();
  egress.peer.kind = SgPeer::Kind::kCidrV4;
  egress.peer.cidr_v4 = Ipv4Prefix::Any();
  egress.source = egress.statement = vpc.source;
  group.egress.push_back(std::move(egress));
  return group;
}

}  // namespace netlint::model
