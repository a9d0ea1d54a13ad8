#pragma once

// The pieces a path evaluation is made of: the ends of a flow as the network sees them
// (vantages), the addresses a flow may carry, and the three filters and the route lookup that
// decide each hop. Internal to the reachability engine.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netlint/reach/reach.h"
#include "netlint/reach/route_lookup.h"

namespace netlint::reach {

// How a set of addresses stands for one end of a flow. A task's address is one of its subnet's,
// unknown until it starts: a filter must admit every one of them to be sure (kEvery; admitting
// some makes the answer unknown). "The internet" as a source is any public host, and one is
// enough to be exposed (kSome).
enum class Quantifier : std::uint8_t { kSome, kEvery };

struct AddressSpec {
  model::AddressSet set;
  Quantifier quantifier = Quantifier::kEvery;
  // When the set stands for an AWS service whose addresses the input does not list ("s3"), the
  // service; prefix lists known to belong to it then match the whole set.
  std::string service;
  std::string text;  // how to name the addresses in messages ("0.0.0.0/0", "10.0.1.0/24")
};

// The security groups an end carries, for rules that reference groups. Empty after address
// translation (a NAT gateway, the internet) because references then match nothing.
struct Identity {
  std::vector<const model::SecurityGroup*> groups;
  const model::Vpc* vpc = nullptr;
};

// One end of a flow inside a VPC: an interface, or a workload's presence in one subnet when its
// interfaces are not in the input (an ECS service's tasks, a database, a load balancer node).
struct Vantage {
  model::ResourceKind kind = model::ResourceKind::kNetworkInterface;
  const model::Resource* resource = nullptr;           // the workload
  const model::NetworkInterface* interface = nullptr;  // when a concrete interface
  std::string node;                                    // hop id
  std::string node_kind;                               // hop kind
  std::string label;
  const model::Subnet* subnet = nullptr;
  const model::Vpc* vpc = nullptr;
  AddressSpec addresses;
  std::vector<const model::SecurityGroup*> groups;
  std::vector<std::string> missing_groups;  // ids the input does not describe
  bool filtered_by_groups = true;           // false: an NLB without security groups
  // Why nothing at this end accepts connections (a NAT gateway's interface, an address no
  // interface has), or empty.
  std::string refuses;
  std::optional<bool> public_ip;            // IPv4 public or Elastic IP
  // How a public IPv4 address that exists but is not known yet comes ("assigned at launch"):
  // a path from the internet needs only its existence, and messages say the address is unknown.
  std::string pending_public_ip;
  model::PortRange ephemeral{32768, 60999};  // source ports it uses as a client
  const model::LoadBalancer* load_balancer = nullptr;  // a load balancer node
  const model::VpcEndpoint* endpoint = nullptr;        // an interface endpoint's interface

  [[nodiscard]] Identity Ident() const { return {groups, vpc}; }
};

// What a filter lets through of a set of addresses.
struct FilterOutcome {
  model::AddressSet allowed;
  bool maybe = false;  // part of the rest depends on values the input does not know
  std::string unknown_reason;
  Check check;         // the verdict is filled in by Judge()
};

// Turns an outcome into a verdict for `spec` and narrows `spec` to what passed.
Verdict Judge(FilterOutcome& outcome, AddressSpec& spec);

struct FlowContext {
  const model::Topology& topology;
  // pl-... -> AWS service short name, learned from prefix list names and gateway endpoint
  // routes (describe output names the list only by id).
  const std::map<std::string, std::string, std::less<>>& prefix_list_services;
};

// Security group rules of `groups` in one direction for the flow, against the other end's
// addresses and identity.
FilterOutcome EvaluateGroups(const Vantage& self, model::Direction direction,
                             const FlowSpec& flow, const AddressSpec& peer,
                             const Identity& peer_identity, const FlowContext& context);

// A NACL's first-match evaluation in one direction for `ports` (one port forward, a client's
// ephemeral range for return traffic). With `every_port`, an address passes only when every
// port passes (a connection must not depend on the port the client happened to pick).
FilterOutcome EvaluateNacl(const model::NetworkAcl* acl, const model::Subnet& subnet,
                           model::Direction direction, model::Protocol protocol,
                           model::PortRange ports, bool every_port, const AddressSpec& peer,
                           bool return_traffic);

// The route a table picks for a destination: each route's share of the addresses.
std::vector<RouteShare> SplitByRoute(const model::RouteTable& table, const AddressSpec& dst,
                                     const FlowContext& context);

// A short name for a flow's addresses: the single address, the CIDR list, or the spec's text.
std::string DescribeSpec(const AddressSpec& spec);

}  // namespace netlint::reach
