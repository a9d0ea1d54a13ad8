#pragma once

// AWS rules for interpreting the numbers of security group rules and NACL entries, shared by
// every adapter so that describe JSON, templates and plans mean the same thing.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "netlint/model/entities.h"
#include "netlint/model/traffic.h"

namespace netlint::model {

struct TrafficParse {
  std::optional<TrafficSelector> traffic;  // empty: the entry cannot be interpreted
  std::string problem;  // set when the input is wrong or ambiguous (even if traffic is set)
};

// A security group rule's protocol with its FromPort/ToPort (absent when the input omits them):
// - all protocols (-1): every port, whatever the numbers say;
// - tcp/udp: FromPort-ToPort; -1/-1 (invalid for the API, seen in hand-written templates) is read
//   as all ports and reported; a missing range is reported and left uninterpreted;
// - icmp/icmpv6: FromPort is the type and ToPort the code, -1 or absent meaning any;
// - any other protocol: all of its traffic (it has no ports).
TrafficParse SecurityGroupTraffic(Protocol protocol, std::optional<std::int64_t> from_port,
                                  std::optional<std::int64_t> to_port);

// A NACL entry: ports apply to tcp/udp only (From/To), ICMP uses type/code (absent = any for
// describe output, which always writes them when they matter).
TrafficParse NetworkAclTraffic(Protocol protocol, std::optional<std::int64_t> from_port,
                               std::optional<std::int64_t> to_port,
                               std::optional<std::int64_t> icmp_type,
                               std::optional<std::int64_t> icmp_code);

// The default security group AWS creates with every VPC: all traffic from its own members in,
// all IPv4 traffic out. Front ends that must synthesize it (a template or plan does not list
// it) take it from here, so that both say the same thing.
SecurityGroup DefaultSecurityGroup(const Vpc& vpc, std::string id, ScopeId scope);

// The subnets some network ACL of `acls` lists.
std::unordered_set<std::string> SubnetsListedByAcls(const std::vector<NetworkAcl>& acls);

// The subnets each VPC's default network ACL covers, by VPC id: AWS associates it with every
// subnet no other ACL lists (`listed`, from SubnetsListedByAcls). Each VPC's subnets keep the
// order of `subnets`. Front ends that synthesize the default ACL take its subnets from here
// (one pass, not a scan of every subnet per VPC).
std::unordered_map<std::string, std::vector<std::string>> SubnetsOfDefaultAcls(
    const std::vector<Subnet>& subnets, const std::unordered_set<std::string>& listed);

}  // namespace netlint::model
