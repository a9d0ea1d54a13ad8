#pragma once

// What a subnet is, asked the same way by every rule that cares: whether it is public for IPv4
// and for IPv6 (judged from its effective route table with set semantics), and which roles it
// plays (hosts an internet-facing load balancer, holds a public NAT gateway, is in a DB subnet
// group, is named private, ...), each with the resource that gives it the role.
//
// A subnet is public for a family when the active internet-gateway routes of its effective route
// table (its explicit association, else its VPC's main table) together cover every public
// address of that family: 0.0.0.0/1 plus 128.0.0.0/1 to an internet gateway is a default route;
// egress-only gateways and NAT gateways never make a subnet public. When the route table is not
// in the input, or the internet is sent through a hop netlint does not follow (a Gateway Load
// Balancer or firewall endpoint, an appliance's interface or instance), the answer is "unknown"
// and rules that need a yes or a no stay silent.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "netlint/model/topology.h"

namespace netlint::rules {

// A yes/no question the input may leave unanswered.
enum class Tristate : std::uint8_t { kNo, kYes, kUnknown };

// How a route table sends the public internet of one address family.
struct InternetRouting {
  // kYes: the active routes `counts` accepts together cover every public address of the family.
  // kNo: they do not, and the rest goes to targets netlint follows (NAT and transit gateways,
  // peering, virtual private gateways) or nowhere.
  // kUnknown: the table is unknown, or the rest is covered only with the help of
  // `unresolved_routes`, whose onward path netlint cannot follow.
  Tristate covered = Tristate::kUnknown;
  // Active routes `counts` accepts for this family, in table order (when covered: the routes
  // that do it; otherwise whatever partial coverage there is).
  std::vector<const model::Route*> routes;
  // Routes for this family that reach the public internet through a target netlint does not
  // follow (Gateway Load Balancer or firewall endpoints, network interfaces, instances, local and
  // carrier gateways, values unknown before deployment, routes in an unknown state).
  std::vector<const model::Route*> unresolved_routes;
  // Active routes for this family to an internet gateway that is not attached to the table's
  // VPC (a template without its VPCGatewayAttachment): they carry nothing and never count.
  std::vector<const model::Route*> detached_routes;
};

// Which routes carry traffic toward the internet for the question being asked (for example,
// "to an internet gateway", or "to an internet gateway, egress-only gateway or public NAT").
using RouteFilter = std::function<bool(const model::Route&)>;

// Whether the routes `counts` accepts cover the public internet of `family`. Blackhole and
// filtered routes never count, and prefix-list destinations are never the internet.
InternetRouting InternetCoverage(const model::RouteTable& table, model::IpFamily family,
                                 const RouteFilter& counts);

// The internet gateway a route sends to, when the input describes it and it is not attached to
// the route table's VPC; null otherwise (a gateway the input does not describe is taken at the
// route's word, as describe output marks routes to a detached gateway blackhole).
const model::InternetGateway* DetachedGateway(const model::Route& route,
                                              const model::RouteTable& table,
                                              const model::Network& network);

// Whether the table makes its subnets public for `family`: InternetCoverage with the active
// routes to internet gateways that are not known to be detached from the table's VPC.
InternetRouting InternetGatewayRouting(const model::RouteTable& table, model::IpFamily family,
                                       const model::Network& network);

// The active route whose destination is the whole space of `family` (0.0.0.0/0 or ::/0), or
// null.
const model::Route* DefaultRoute(const model::RouteTable& table, model::IpFamily family);

// The route table that governs a subnet and what it makes of the subnet.
struct SubnetRouting {
  const model::RouteTable* table = nullptr;  // null: not in the input, so everything is unknown
  bool explicit_association = false;
  // Where to point a finding about the subnet's routing: its explicit association entry, else
  // the subnet itself (nothing in the main table names the subnet).
  SourceRef association_source;
  InternetRouting v4;
  InternetRouting v6;

  [[nodiscard]] const InternetRouting& Of(model::IpFamily family) const {
    return family == model::IpFamily::kV4 ? v4 : v6;
  }
  [[nodiscard]] Tristate IsPublic(model::IpFamily family) const { return Of(family).covered; }
  // "route table rtb-0abc" or "the main route table rtb-0abc (implicit association)".
  [[nodiscard]] std::string TableText() const;
  // Why the subnet is not public for `family`, for messages: "has no 0.0.0.0/0 route", "sends
  // 0.0.0.0/0 to nat-0abc", "sends only 0.0.0.0/1 to igw-0abc".
  [[nodiscard]] std::string MissingRouteText(model::IpFamily family) const;
  // The internet-gateway routes that make the subnet public for `family`: "0.0.0.0/0 to igw-0abc".
  [[nodiscard]] std::string GatewayRoutesText(model::IpFamily family) const;
};

SubnetRouting RoutingOf(const model::Subnet& subnet, const model::Topology& topology);

// ---------------------------------------------------------------------------------------------
// Roles

enum class SubnetRoleKind : std::uint8_t {
  kInternetFacingLoadBalancer,
  kInternalLoadBalancer,
  kPublicNatGateway,
  kDbSubnetGroup,
  kCacheSubnetGroup,
  kNamedPrivate,  // its Name or a tag value says "private"
  kNamedPublic,   // its Name or a tag value says "public"
};

struct SubnetRole {
  SubnetRoleKind kind;
  // What gives the role: the load balancer, the NAT gateway, the DB or cache subnet group (a DB
  // instance when its group is known only from the instance), or the subnet itself for names.
  model::ResourceKind giver_kind;
  const model::Resource* giver;
  // "internet-facing load balancer web", "public NAT gateway nat-0abc", "DB subnet group orders",
  // "Name tag \"shop-private-a\"".
  std::string description;
};

// A DB or cache subnet group with its subnets, whether described by its own call
// (describe-db-subnet-groups, describe-cache-subnet-groups) or known only because a DB instance
// embeds it.
struct DataSubnetGroup {
  SubnetRoleKind role;              // kDbSubnetGroup or kCacheSubnetGroup
  model::ResourceKind kind;         // kDbSubnetGroup, kCacheSubnetGroup or kDbInstance
  const model::Resource* resource;  // the group, or the first DB instance that embeds it
  std::string name;
  std::vector<const model::Subnet*> subnets;  // those in the input, in the group's order
};
std::vector<DataSubnetGroup> DataSubnetGroups(const model::Network& network);

// Every subnet's roles, computed once per rule run.
class SubnetRoles {
 public:
  explicit SubnetRoles(const model::Topology& topology);

  [[nodiscard]] std::span<const SubnetRole> Of(const model::Subnet& subnet) const;
  [[nodiscard]] bool Has(const model::Subnet& subnet, SubnetRoleKind kind) const;

 private:
  void Add(const model::Subnet& subnet, SubnetRole role);

  std::unordered_map<const model::Subnet*, std::vector<SubnetRole>> roles_;
};

// Whether `text` holds `word` as a word, ignoring case. Words are split at anything that is not
// a letter or digit, at a lower-to-upper case change ("PublicSubnet1") and between letters and
// digits ("private2"); a word right after "non" or "not" does not count ("non-public",
// "NonPublic"), and a word inside another ("nonpublic", "publicly") is a different word.
bool MentionsWord(std::string_view text, std::string_view word);

// The tag-given intent of a resource: kNamedPrivate or kNamedPublic when its Name or a tag value
// mentions exactly one of "private" and "public", with the tag that says so; nothing when
// neither or both are mentioned.
struct NamedIntent {
  SubnetRoleKind kind;
  std::string description;  // "Name tag \"shop-private-a\"", "tag Tier = \"public\""
};
std::optional<NamedIntent> NamedIntentOf(const model::Resource& resource);

}  // namespace netlint::rules
