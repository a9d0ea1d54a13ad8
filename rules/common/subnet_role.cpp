#include "rules/common/subnet_role.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "rules/common/exposure.h"

namespace netlint::rules {
namespace {

using model::IpFamily;
using model::ResourceKind;
using model::RouteTargetKind;

// Targets that may forward internet traffic to an internet gateway somewhere netlint does not
// look (an inspection appliance behind a Gateway Load Balancer endpoint, a firewall instance, an
// Outposts or Wavelength gateway), or whose kind is not known.
bool IsUnfollowedTarget(RouteTargetKind kind) {
  switch (kind) {
    case RouteTargetKind::kGatewayEndpoint:
    case RouteTargetKind::kNetworkInterface:
    case RouteTargetKind::kInstance:
    case RouteTargetKind::kLocalGateway:
    case RouteTargetKind::kCarrierGateway:
    case RouteTargetKind::kUnknown:
      return true;
    default:
      return false;
  }
}

// The addresses of `family` a route's destination holds; empty for the other family and for
// prefix lists (AWS service ranges, never the internet).
model::AddressSet DestinationOf(const model::Route& route, IpFamily family) {
  model::AddressSet set;
  if (family == IpFamily::kV4 && route.destination_v4) set.Add(*route.destination_v4);
  if (family == IpFamily::kV6 && route.destination_v6) set.Add(*route.destination_v6);
  return set;
}

bool CoversPublic(const model::AddressSet& set, IpFamily family) {
  return family == IpFamily::kV4 ? set.v4.ContainsAll(PublicIpv4())
                                 : set.v6.ContainsAll(PublicIpv6());
}

bool TouchesPublic(const model::AddressSet& set, IpFamily family) {
  return family == IpFamily::kV4 ? set.v4.Overlaps(PublicIpv4()) : set.v6.Overlaps(PublicIpv6());
}

std::string RouteText(const model::Route& route) {
  return route.DestinationText() + " to " + route.target_id;
}

std::string JoinRoutes(const std::vector<const model::Route*>& routes) {
  std::string text;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (i > 0) text += i + 1 == routes.size() ? " and " : ", ";
    text += RouteText(*routes[i]);
  }
  return text;
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Lower-cased words of a name, split as MentionsWord documents.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!IsAlnum(c)) {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (!current.empty()) {
      const char previous = text[i - 1];
      const bool case_change = IsUpper(c) && IsLower(previous);
      const bool digit_change = IsDigit(c) != IsDigit(previous);
      if (case_change || digit_change) {
        words.push_back(std::move(current));
        current.clear();
      }
    }
    current.push_back(Lower(c));
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string LoadBalancerText(const model::LoadBalancer& lb) {
  return lb.name.empty() ? lb.id : lb.name;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Routing

InternetRouting InternetCoverage(const model::RouteTable& table, IpFamily family,
                                 const RouteFilter& counts) {
  InternetRouting result;
  model::AddressSet counted;
  model::AddressSet unresolved;
  for (const model::Route& route : table.routes) {
    if (route.state == model::RouteState::kBlackhole ||
        route.state == model::RouteState::kFiltered) {
      continue;
    }
    const model::AddressSet destination = DestinationOf(route, family);
    if (destination.Empty()) continue;
    const bool active = route.state == model::RouteState::kActive;
    if (active && counts(route)) {
      counted.Add(destination);
      result.routes.push_back(&route);
    } else if ((!active || IsUnfollowedTarget(route.target_kind)) &&
               TouchesPublic(destination, family)) {
      unresolved.Add(destination);
      result.unresolved_routes.push_back(&route);
    }
  }
  if (CoversPublic(counted, family)) {
    result.covered = Tristate::kYes;
  } else if (CoversPublic(counted.Union(unresolved), family)) {
    result.covered = Tristate::kUnknown;
  } else {
    result.covered = Tristate::kNo;
  }
  return result;
}

const model::InternetGateway* DetachedGateway(const model::Route& route,
                                              const model::RouteTable& table,
                                              const model::Network& network) {
  if (route.target_kind != RouteTargetKind::kInternetGateway) return nullptr;
  const model::InternetGateway* gateway = network.FindInternetGateway(route.target_id, table.scope);
  if (gateway == nullptr) return nullptr;
  const bool attached = std::any_of(gateway->attachments.begin(), gateway->attachments.end(),
                                    [&](const model::GatewayAttachment& attachment) {
                                      return attachment.attached &&
                                             attachment.vpc_id == table.vpc_id;
                                    });
  return attached ? nullptr : gateway;
}

InternetRouting InternetGatewayRouting(const model::RouteTable& table, IpFamily family,
                                       const model::Network& network) {
  InternetRouting routing = InternetCoverage(table, family, [&](const model::Route& route) {
    return route.target_kind == RouteTargetKind::kInternetGateway &&
           DetachedGateway(route, table, network) == nullptr;
  });
  for (const model::Route& route : table.routes) {
    if (route.state == model::RouteState::kActive && !DestinationOf(route, family).Empty() &&
        DetachedGateway(route, table, network) != nullptr) {
      routing.detached_routes.push_back(&route);
    }
  }
  return routing;
}

const model::Route* DefaultRoute(const model::RouteTable& table, IpFamily family) {
  for (const model::Route& route : table.routes) {
    if (route.state != model::RouteState::kActive) continue;
    if (family == IpFamily::kV4 && route.destination_v4 && route.destination_v4->length() == 0) {
      return &route;
    }
    if (family == IpFamily::kV6 && route.destination_v6 && route.destination_v6->length() == 0) {
      return &route;
    }
  }
  return nullptr;
}

SubnetRouting RoutingOf(const model::Subnet& subnet, const model::Topology& topology) {
  SubnetRouting routing;
  const model::RouteTableBinding binding = topology.RouteTableFor(subnet);
  routing.table = binding.table;
  routing.explicit_association = binding.explicit_association;
  routing.association_source = subnet.source;
  if (routing.table == nullptr) return routing;
  if (routing.explicit_association) {
    for (const model::RouteTableAssociation& association : routing.table->associations) {
      if (association.subnet_id == subnet.id) {
        routing.association_source = association.source;
        break;
      }
    }
  }
  routing.v4 = InternetGatewayRouting(*routing.table, IpFamily::kV4, topology.network());
  routing.v6 = InternetGatewayRouting(*routing.table, IpFamily::kV6, topology.network());
  return routing;
}

std::string SubnetRouting::TableText() const {
  if (table == nullptr) return "an unknown route table";
  if (explicit_association) return "route table " + table->id;
  return "the main route table " + table->id + " (implicit association)";
}

std::string SubnetRouting::MissingRouteText(IpFamily family) const {
  const std::string any(InternetText(family));
  if (table == nullptr) return "is not in the input";
  const InternetRouting& routing = Of(family);
  if (!routing.routes.empty()) {
    return "sends only " + JoinRoutes(routing.routes) + ", not every public " +
           (family == IpFamily::kV4 ? "IPv4" : "IPv6") + " address, to an internet gateway";
  }
  if (const model::Route* route = DefaultRoute(*table, family)) {
    const auto& detached = routing.detached_routes;
    if (std::find(detached.begin(), detached.end(), route) != detached.end()) {
      return "sends " + any + " to " + route->target_id +
             ", an internet gateway not attached to " + table->vpc_id;
    }
    return "sends " + any + " to " + route->target_id + ", not to an internet gateway";
  }
  return "has no " + any + " route";
}

std::string SubnetRouting::GatewayRoutesText(IpFamily family) const {
  return JoinRoutes(Of(family).routes);
}

// ---------------------------------------------------------------------------------------------
// Roles

std::vector<DataSubnetGroup> DataSubnetGroups(const model::Network& network) {
  std::vector<DataSubnetGroup> groups;
  auto subnets_of = [&](const std::vector<std::string>& ids, model::ScopeId scope) {
    std::vector<const model::Subnet*> subnets;
    for (const std::string& id : ids) {
      const model::Subnet* subnet = network.FindSubnet(id, scope);
      if (subnet != nullptr && std::find(subnets.begin(), subnets.end(), subnet) == subnets.end()) {
        subnets.push_back(subnet);
      }
    }
    return subnets;
  };
  for (const model::DbSubnetGroup& group : network.db_subnet_groups) {
    groups.push_back({SubnetRoleKind::kDbSubnetGroup, ResourceKind::kDbSubnetGroup, &group,
                      group.id, subnets_of(group.subnet_ids, group.scope)});
  }
  // Groups only embedded in describe-db-instances output: once per group name and scope.
  std::set<std::pair<model::ScopeId, std::string>> embedded_seen;
  for (const model::DbInstance& db : network.db_instances) {
    if (db.subnet_group.empty() || db.subnet_ids.empty()) continue;
    if (network.FindDbSubnetGroup(db.subnet_group, db.scope) != nullptr) continue;
    if (!embedded_seen.emplace(db.scope, db.subnet_group).second) continue;
    groups.push_back({SubnetRoleKind::kDbSubnetGroup, ResourceKind::kDbInstance, &db,
                      db.subnet_group, subnets_of(db.subnet_ids, db.scope)});
  }
  for (const model::CacheSubnetGroup& group : network.cache_subnet_groups) {
    groups.push_back({SubnetRoleKind::kCacheSubnetGroup, ResourceKind::kCacheSubnetGroup, &group,
                      group.id, subnets_of(group.subnet_ids, group.scope)});
  }
  return groups;
}

SubnetRoles::SubnetRoles(const model::Topology& topology) {
  const model::Network& network = topology.network();
  for (const model::LoadBalancer& lb : network.load_balancers) {
    // Gateway Load Balancers take no client traffic from the internet; an unknown scheme says
    // nothing.
    if (lb.type == model::LoadBalancerType::kGateway || !lb.internet_facing) continue;
    const bool internet_facing = *lb.internet_facing;
    for (const model::LoadBalancerSubnet& entry : lb.subnets) {
      const model::Subnet* subnet = network.FindSubnet(entry.subnet_id, lb.scope);
      if (subnet == nullptr) continue;
      Add(*subnet, {internet_facing ? SubnetRoleKind::kInternetFacingLoadBalancer
                                    : SubnetRoleKind::kInternalLoadBalancer,
                    ResourceKind::kLoadBalancer, &lb,
                    std::string(internet_facing ? "internet-facing" : "internal") +
                        " load balancer " + LoadBalancerText(lb)});
    }
  }
  for (const model::NatGateway& nat : network.nat_gateways) {
    if (!nat.IsLive() || nat.is_private || nat.regional || nat.subnet_id.empty()) continue;
    if (const model::Subnet* subnet = network.FindSubnet(nat.subnet_id, nat.scope)) {
      Add(*subnet, {SubnetRoleKind::kPublicNatGateway, ResourceKind::kNatGateway, &nat,
                    "public NAT gateway " + nat.id});
    }
  }
  for (const DataSubnetGroup& group : DataSubnetGroups(network)) {
    const std::string noun =
        group.role == SubnetRoleKind::kDbSubnetGroup ? "DB subnet group " : "cache subnet group ";
    for (const model::Subnet* subnet : group.subnets) {
      Add(*subnet, {group.role, group.kind, group.resource, noun + group.name});
    }
  }
  for (const model::Subnet& subnet : network.subnets) {
    if (auto intent = NamedIntentOf(subnet)) {
      Add(subnet, {intent->kind, ResourceKind::kSubnet, &subnet, std::move(intent->description)});
    }
  }
}

void SubnetRoles::Add(const model::Subnet& subnet, SubnetRole role) {
  std::vector<SubnetRole>& roles = roles_[&subnet];
  // One load balancer lists a subnet once, but a DB group may be embedded by several instances.
  const bool known = std::any_of(roles.begin(), roles.end(), [&](const SubnetRole& existing) {
    return existing.kind == role.kind && existing.giver == role.giver;
  });
  if (!known) roles.push_back(std::move(role));
}

std::span<const SubnetRole> SubnetRoles::Of(const model::Subnet& subnet) const {
  auto it = roles_.find(&subnet);
  if (it == roles_.end()) return {};
  return it->second;
}

bool SubnetRoles::Has(const model::Subnet& subnet, SubnetRoleKind kind) const {
  const std::span<const SubnetRole> roles = Of(subnet);
  return std::any_of(roles.begin(), roles.end(),
                     [&](const SubnetRole& role) { return role.kind == kind; });
}

bool MentionsWord(std::string_view text, std::string_view word) {
  std::string wanted;
  for (char c : word) wanted.push_back(Lower(c));
  const std::vector<std::string> words = Words(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] != wanted) continue;
    if (i > 0 && (words[i - 1] == "non" || words[i - 1] == "not")) continue;
    return true;
  }
  return false;
}

std::optional<NamedIntent> NamedIntentOf(const model::Resource& resource) {
  std::string private_tag;
  std::string public_tag;
  // The Name tag first, so that it is the one named when several tags agree.
  std::vector<const model::Tag*> tags;
  for (const model::Tag& tag : resource.tags) {
    if (tag.key == "Name")
      tags.insert(tags.begin(), &tag);
    else
      tags.push_back(&tag);
  }
  for (const model::Tag* tag_pointer : tags) {
    const model::Tag& tag = *tag_pointer;
    const std::string description = tag.key == "Name"
                                        ? "Name tag \"" + tag.value + "\""
                                        : "tag " + tag.key + " = \"" + tag.value + "\"";
    if (private_tag.empty() && MentionsWord(tag.value, "private")) private_tag = description;
    if (public_tag.empty() && MentionsWord(tag.value, "public")) public_tag = description;
  }
  if (!private_tag.empty() && !public_tag.empty()) return std::nullopt;  // contradictory
  if (!private_tag.empty()) return NamedIntent{SubnetRoleKind::kNamedPrivate, private_tag};
  if (!public_tag.empty()) return NamedIntent{SubnetRoleKind::kNamedPublic, public_tag};
  return std::nullopt;
}

}  // namespace netlint::rules
