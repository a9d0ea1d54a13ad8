// `terraform show -json` (plan or state) -> the model. The aws provider's attribute names are
// in ../shared/formats.md §3.4; ids unknown before apply are replaced by resource addresses and
// links to them recovered from configuration references (plan_index.cpp).

#include "analyzer/ingest/terraform/plan_document.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <unordered_set>
#include <unordered_map>

#include "analyzer/base/string_hash.h"
#include "analyzer/ingest/aws/record_reader.h"
#include "analyzer/ingest/json/json_records.h"
#include "analyzer/ingest/terraform/plan_index.h"
#include "netlint/model/aws_semantics.h"

namespace netlint::ingest::terraform {
namespace {

using aws::RecordReader;
using model::Direction;

// A standalone rule (aws_security_group_rule, aws_vpc_security_group_*_rule) waiting for its
// group, which may come later in the document.
struct PendingSgRule {
  std::vector<std::string> group_ids;
  model::SgRule rule;
  std::string address;
};

// What an aws_launch_template gives the instances launched from it.
struct LaunchTemplate {
  std::string subnet_id;
  std::vector<std::string> security_group_ids;
  std::optional<bool> public_ip;
};

// What an aws_instance leaves to be settled once every resource is mapped.
struct InstanceLinks {
  std::string instance_id;
  std::vector<std::string> template_keys;  // launch template id or name
  std::vector<std::string> group_names;     // security_groups given by name
  std::vector<std::string> interface_ids;   // network_interface blocks
  std::optional<bool> public_ip;            // associate_public_ip_address, when set
};

struct Mapper {
  Mapper(const PlanIndex& plan, PlanContext& load) : index(plan), context(load) {}

  const PlanIndex& index;
  PlanContext& context;
  std::vector<PendingSgRule> sg_rules;
  std::vector<std::pair<std::string, model::NaclEntry>> nacl_rules;       // acl id, entry
  std::vector<std::pair<std::string, std::string>> nacl_associations;     // acl id, subnet
  std::vector<std::pair<std::string, model::Route>> routes;               // table id, route
  std::vector<std::pair<std::string, model::RouteTableAssociation>> associations;
  std::map<std::string, std::string> main_tables;                         // vpc id -> table id
  std::vector<std::pair<std::string, std::string>> endpoint_tables;       // endpoint, table
  std::vector<std::pair<std::string, std::string>> endpoint_subnets;      // endpoint, subnet
  std::map<std::string, std::string> eip_addresses;                       // eip id -> ip
  std::set<std::string> explicit_main_vpcs;  // VPCs with an aws_main_route_table_association
  std::map<std::string, std::string> default_tables;                      // vpc id -> table id
  std::vector<std::pair<std::string, model::VpcCidrV4>> secondary_cidrs;  // vpc id, block
  std::vector<std::string> vpcs_with_unknown_cidrs;
  std::vector<std::pair<std::string, std::string>> igw_attachments;       // gateway, vpc
  std::set<std::string> accepted_peerings;
  std::vector<std::pair<std::string, model::Target>> targets;             // group id, target
  std::vector<std::pair<std::string, std::string>> listener_groups;       // listener, group
  std::vector<std::pair<std::string, std::string>> endpoint_groups;       // endpoint, group
  std::map<std::string, LaunchTemplate> launch_templates;                 // id or name
  std::vector<InstanceLinks> instance_links;
  std::vector<std::string> default_subnets;  // aws_default_subnet without a known VPC
  // The ids of the network ACL and security group AWS creates with each VPC.
  std::map<std::string, std::pair<std::string, std::string>> vpc_defaults;  // vpc -> acl, group
  std::set<std::string> adopted_acl_vpcs;    // VPCs with an aws_default_network_acl
  std::set<std::string> adopted_group_vpcs;  // VPCs with an aws_default_security_group
  bool default_acl_vpc_unknown = false;      // an aws_default_network_acl of an unknown VPC
  bool default_group_vpc_unknown = false;    // an aws_default_security_group of an unknown VPC
  std::size_t mapped = 0;

  RecordReader Reader(const ResourceInstance& instance) const {
    RecordReader reader(instance.block.values, Source(instance), context.diagnostics);
    reader.SetResource(instance.address);
    return reader;
  }
  SourceRef Source(const ResourceInstance& instance) const {
    SourceRef source = instance.block.source;
    source.file = context.file;
    return source;
  }
  model::Resource Base(const ResourceInstance& instance, const std::string& id = "") const {
    model::Resource resource;
    resource.id = id.empty() ? instance.id : id;
    resource.scope = context.scope;
    resource.source = Source(instance);
    const JsonValue tags = instance.block.values.Find("tags");
    if (tags.valid() && tags.is_object()) {
      for (JsonValue tag : tags) {
        if (tag.is_string()) resource.tags.push_back({std::string(tag.key()), std::string(tag.string())});
      }
    }
    return resource;
  }
  // The ids an attribute links to; says so once when some cannot be recovered.
  Link Ids(const ResourceInstance& instance, std::string_view attribute,
           const Block* block = nullptr) {
    Link link = index.Ids(instance, block != nullptr ? *block : instance.block, attribute);
    if (link.unknown && !link.unset) {
      context.diagnostics.Report("IN004", Severity::kNote, instance.address,
                                 link.why + "; links through it are unknown",
                                 Where(instance, block).Child(attribute));
    }
    return link;
  }
  // The block an attribute belongs to (a nested block, or the resource's own).
  SourceRef Where(const ResourceInstance& instance, const Block* block) const {
    if (block == nullptr) return Source(instance);
    SourceRef source = block->source;
    source.file = context.file;
    return source;
  }
  // A single id: references that could name several resources (an index decided at apply
  // time, a conditional) leave it unknown rather than picking one.
  std::string Id(const ResourceInstance& instance, std::string_view attribute,
                 const Block* block = nullptr) {
    const Link link = Ids(instance, attribute, block);
    if (link.ids.size() > 1) {
      std::string candidates;
      for (const std::string& id : link.ids) candidates += (candidates.empty() ? "" : ", ") + id;
      context.diagnostics.Report("IN004", Severity::kNote, instance.address,
                                 std::string(attribute) + " is one of " + candidates +
                                     ", decided at apply time; links through it are unknown",
                                 Where(instance, block).Child(attribute));
      return "";
    }
    return link.First();
  }

  void Map(const ResourceInstance& instance);
  void Vpc(const ResourceInstance& instance);
  void Subnet(const ResourceInstance& instance);
  void RouteTable(const ResourceInstance& instance);
  model::Route ReadRoute(const ResourceInstance& instance, const RecordReader& route,
                         const Block& block, bool standalone);
  void SecurityGroup(const ResourceInstance& instance);
  void SgRuleResource(const ResourceInstance& instance);
  void VpcSgRule(const ResourceInstance& instance, Direction direction);
  void NetworkAcl(const ResourceInstance& instance);
  void Endpoint(const ResourceInstance& instance);
  void Ecs(const ResourceInstance& instance);
  void TaskDefinition(const ResourceInstance& instance);
  void LoadBalancer(const ResourceInstance& instance);
  void Listener(const ResourceInstance& instance);
  void TargetGroup(const ResourceInstance& instance);
  void DbInstance(const ResourceInstance& instance);
  void DefaultRouteTable(const ResourceInstance& instance);
  void DefaultNetworkAcl(const ResourceInstance& instance);
  void VpcAddition(const ResourceInstance& instance);
  void Peering(const ResourceInstance& instance);
  void TargetAttachment(const ResourceInstance& instance);
  void ListenerRule(const ResourceInstance& instance);
  void ElastiCache(const ResourceInstance& instance);
  void Ec2Instance(const ResourceInstance& instance);
  void LaunchTemplateResource(const ResourceInstance& instance);
  void NetworkInterface(const ResourceInstance& instance);
  std::vector<std::string> ForwardGroups(const ResourceInstance& instance, const Block& action);
  void AddVpcDefaults();
  void Finish();
};

// The aws provider writes "" for string attributes left unset (a route's other destination
// kinds, an ACL entry's other address family): absent, not invalid.
std::optional<model::Ipv4Prefix> Ipv4CidrOf(const RecordReader& reader, std::string_view key) {
  return reader.String(key).empty() ? std::nullopt : reader.Ipv4Cidr(key);
}
std::optional<model::Ipv6Prefix> Ipv6CidrOf(const RecordReader& reader, std::string_view key) {
  return reader.String(key).empty() ? std::nullopt : reader.Ipv6Cidr(key);
}
std::optional<model::Ipv4Address> Ipv4Of(const RecordReader& reader, std::string_view key) {
  return reader.String(key).empty() ? std::nullopt : reader.Ipv4(key);
}

std::optional<model::TrafficSelector> SgTraffic(const RecordReader& rule, std::string_view protocol_key) {
  const std::optional<model::Protocol> protocol = rule.Protocol(protocol_key);
  if (!protocol) return std::nullopt;
  model::TrafficParse parsed =
      model::SecurityGroupTraffic(*protocol, rule.Integer("from_port"), rule.Integer("to_port"));
  if (!parsed.problem.empty()) rule.Report("", parsed.problem);
  return parsed.traffic;
}

model::SgPeer CidrPeer(const RecordReader& rule, std::string_view key, bool v6) {
  model::SgPeer peer;
  if (!v6) {
    if (auto cidr = Ipv4CidrOf(rule, key)) {
      peer.kind = model::SgPeer::Kind::kCidrV4;
      peer.cidr_v4 = *cidr;
    }
  } else if (auto cidr = Ipv6CidrOf(rule, key)) {
    peer.kind = model::SgPeer::Kind::kCidrV6;
    peer.cidr_v6 = *cidr;
  }
  return peer;
}

// The inline `ingress`/`egress` objects and aws_security_group_rule share these keys.
void ExpandRule(const RecordReader& rule, Direction direction, const std::optional<model::TrafficSelector>& traffic,
                const std::vector<std::string>& group_peers, bool self, const std::string& own_group,
                std::vector<model::SgRule>& out) {
  auto add = [&](model::SgPeer peer, const SourceRef& source) {
    model::SgRule entry;
    entry.direction = direction;
    entry.traffic = traffic;
    entry.peer = std::move(peer);
    entry.description = rule.String("description");
    entry.source = source;
    entry.statement = rule.source();
    out.push_back(std::move(entry));
  };
  const JsonValue values = rule.raw();
  auto each_string = [&](std::string_view key, auto&& visit) {
    const JsonValue list = values.Find(key);
    if (!list.valid() || !list.is_array()) return;
    std::size_t i = 0;
    for (JsonValue element : list) {
      const SourceRef at = rule.source().Child(key).Child(i++);
      if (element.is_string()) visit(element.string(), at);
    }
  };
  each_string("cidr_blocks", [&](std::string_view text, const SourceRef& at) {
    if (auto cidr = model::Ipv4Prefix::Parse(text)) {
      model::SgPeer peer;
      peer.kind = model::SgPeer::Kind::kCidrV4;
      peer.cidr_v4 = *cidr;
      add(peer, at);
    } else {
      rule.ReportAt(at, "not an IPv4 CIDR: \"" + std::string(text) + "\"");
    }
  });
  each_string("ipv6_cidr_blocks", [&](std::string_view text, const SourceRef& at) {
    if (auto cidr = model::Ipv6Prefix::Parse(text)) {
      model::SgPeer peer;
      peer.kind = model::SgPeer::Kind::kCidrV6;
      peer.cidr_v6 = *cidr;
      add(peer, at);
    } else {
      rule.ReportAt(at, "not an IPv6 CIDR: \"" + std::string(text) + "\"");
    }
  });
  each_string("prefix_list_ids", [&](std::string_view text, const SourceRef& at) {
    model::SgPeer peer;
    peer.kind = model::SgPeer::Kind::kPrefixList;
    peer.id = std::string(text);
    add(peer, at);
  });
  for (const std::string& group : group_peers) {
    model::SgPeer peer;
    peer.kind = model::SgPeer::Kind::kSecurityGroup;
    peer.id = group;
    add(peer, rule.source());
  }
  if (self) {
    model::SgPeer peer;
    peer.kind = model::SgPeer::Kind::kSecurityGroup;
    peer.id = own_group;
    add(peer, rule.SourceOf("self"));
  }
}

void Mapper::Map(const ResourceInstance& instance) {
  static const std::map<std::string_view, void (Mapper::*)(const ResourceInstance&)> kMappers = {
      {"aws_vpc", &Mapper::Vpc},
      {"aws_default_vpc", &Mapper::Vpc},
      {"aws_subnet", &Mapper::Subnet},
      {"aws_default_subnet", &Mapper::Subnet},
      {"aws_route_table", &Mapper::RouteTable},
      {"aws_route", &Mapper::RouteTable},
      {"aws_route_table_association", &Mapper::RouteTable},
      {"aws_main_route_table_association", &Mapper::RouteTable},
      {"aws_security_group", &Mapper::SecurityGroup},
      {"aws_security_group_rule", &Mapper::SgRuleResource},
      {"aws_network_acl", &Mapper::NetworkAcl},
      {"aws_network_acl_rule", &Mapper::NetworkAcl},
      {"aws_network_acl_association", &Mapper::NetworkAcl},
      {"aws_vpc_endpoint", &Mapper::Endpoint},
      {"aws_vpc_endpoint_route_table_association", &Mapper::Endpoint},
      {"aws_vpc_endpoint_subnet_association", &Mapper::Endpoint},
      {"aws_internet_gateway", &Mapper::Endpoint},
      {"aws_nat_gateway", &Mapper::Endpoint},
      {"aws_eip", &Mapper::Endpoint},
      {"aws_ecs_service", &Mapper::Ecs},
      {"aws_ecs_task_definition", &Mapper::TaskDefinition},
      {"aws_lb", &Mapper::LoadBalancer},
      {"aws_alb", &Mapper::LoadBalancer},
      {"aws_lb_listener", &Mapper::Listener},
      {"aws_alb_listener", &Mapper::Listener},
      {"aws_lb_target_group", &Mapper::TargetGroup},
      {"aws_alb_target_group", &Mapper::TargetGroup},
      {"aws_db_instance", &Mapper::DbInstance},
      {"aws_db_subnet_group", &Mapper::DbInstance},
      {"aws_default_route_table", &Mapper::DefaultRouteTable},
      {"aws_default_security_group", &Mapper::SecurityGroup},
      {"aws_default_network_acl", &Mapper::DefaultNetworkAcl},
      {"aws_vpc_ipv4_cidr_block_association", &Mapper::VpcAddition},
      {"aws_internet_gateway_attachment", &Mapper::VpcAddition},
      {"aws_egress_only_internet_gateway", &Mapper::VpcAddition},
      {"aws_vpc_endpoint_security_group_association", &Mapper::VpcAddition},
      {"aws_vpc_peering_connection", &Mapper::Peering},
      {"aws_vpc_peering_connection_accepter", &Mapper::Peering},
      {"aws_lb_target_group_attachment", &Mapper::TargetAttachment},
      {"aws_alb_target_group_attachment", &Mapper::TargetAttachment},
      {"aws_lb_listener_rule", &Mapper::ListenerRule},
      {"aws_alb_listener_rule", &Mapper::ListenerRule},
      {"aws_elasticache_cluster", &Mapper::ElastiCache},
      {"aws_elasticache_replication_group", &Mapper::ElastiCache},
      {"aws_elasticache_subnet_group", &Mapper::ElastiCache},
      {"aws_instance", &Mapper::Ec2Instance},
      {"aws_launch_template", &Mapper::LaunchTemplateResource},
      {"aws_network_interface", &Mapper::NetworkInterface},
  };
  if (instance.type == "aws_vpc_security_group_ingress_rule") {
    ++mapped;
    VpcSgRule(instance, Direction::kIngress);
    return;
  }
  if (instance.type == "aws_vpc_security_group_egress_rule") {
    ++mapped;
    VpcSgRule(instance, Direction::kEgress);
    return;
  }
  const auto found = kMappers.find(instance.type);
  if (found == kMappers.end()) return;
  if (!instance.block.values.valid() || !instance.block.values.is_object()) return;
  ++mapped;
  (this->*found->second)(instance);
}

void Mapper::Vpc(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::Vpc vpc;
  static_cast<model::Resource&>(vpc) = Base(instance);
  if (auto cidr = Ipv4CidrOf(reader, "cidr_block")) {
    vpc.cidrs_v4.push_back({*cidr, true, reader.SourceOf("cidr_block")});
  } else if (instance.block.IsUnknown("cidr_block")) {
    vpc.cidrs_known = false;  // IPAM-allocated
  }
  if (auto cidr = Ipv6CidrOf(reader, "ipv6_cidr_block")) {
    vpc.cidrs_v6.push_back({*cidr, true, reader.SourceOf("ipv6_cidr_block")});
  } else if (instance.block.IsUnknown("ipv6_cidr_block") &&
             reader.Bool("assign_generated_ipv6_cidr_block").value_or(false)) {
    vpc.cidrs_known = false;
  }
  // aws_default_vpc adopts the region's default VPC (its block is known once adopted).
  vpc.is_default = instance.type == "aws_default_vpc";
  if (vpc.is_default == true && vpc.cidrs_v4.empty()) vpc.cidrs_known = false;
  vpc.dns_support = reader.Bool("enable_dns_support").value_or(true);
  vpc.dns_hostnames = reader.Bool("enable_dns_hostnames").value_or(false);
  vpc.dns_support_source = reader.SourceOf("enable_dns_support");
  vpc.dns_hostnames_source = reader.SourceOf("enable_dns_hostnames");
  const std::string main_table = reader.String("main_route_table_id");
  if (!main_table.empty()) main_tables.emplace(vpc.id, main_table);
  // Known once the VPC exists; before that, the names references to them get (plan_index.cpp).
  std::string acl = reader.String("default_network_acl_id");
  std::string group = reader.String("default_security_group_id");
  vpc_defaults[vpc.id] = {acl.empty() ? vpc.id + ".default_network_acl" : std::move(acl),
                          group.empty() ? vpc.id + ".default_security_group" : std::move(group)};
  context.network.vpcs.push_back(std::move(vpc));
}

void Mapper::Subnet(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::Subnet subnet;
  static_cast<model::Resource&>(subnet) = Base(instance);
  subnet.vpc_id = Id(instance, "vpc_id");
  subnet.cidr_v4 = Ipv4CidrOf(reader, "cidr_block");
  if (auto v6 = Ipv6CidrOf(reader, "ipv6_cidr_block")) subnet.cidrs_v6.push_back(*v6);
  subnet.availability_zone = reader.String("availability_zone");
  subnet.availability_zone_id = reader.String("availability_zone_id");
  subnet.map_public_ip_on_launch = reader.Bool("map_public_ip_on_launch").value_or(false);
  subnet.default_for_az = instance.type == "aws_default_subnet";
  // A default subnet belongs to the region's default VPC, which the provider fills in.
  if (subnet.default_for_az == true && subnet.vpc_id.empty()) default_subnets.push_back(subnet.id);
  subnet.ipv6_native = reader.Bool("ipv6_native").value_or(false);
  context.network.subnets.push_back(std::move(subnet));
}

model::Route Mapper::ReadRoute(const ResourceInstance& instance, const RecordReader& route,
                               const Block& block, bool standalone) {
  model::Route result;
  result.source = route.source();
  result.origin = standalone ? "CreateRoute" : "CreateRouteTable";
  const std::string v4_key = standalone ? "destination_cidr_block" : "cidr_block";
  const std::string v6_key = standalone ? "destination_ipv6_cidr_block" : "ipv6_cidr_block";
  const std::string pl_key = "destination_prefix_list_id";  // the same in both
  result.destination_v4 = Ipv4CidrOf(route, v4_key);
  if (!result.destination_v4) result.destination_v6 = Ipv6CidrOf(route, v6_key);
  if (!result.destination_v4 && !result.destination_v6) result.destination_prefix_list = route.String(pl_key);
  struct TargetKey {
    std::string_view key;
    model::RouteTargetKind kind;
  };
  static constexpr TargetKey kTargets[] = {
      {"gateway_id", model::RouteTargetKind::kInternetGateway},
      {"nat_gateway_id", model::RouteTargetKind::kNatGateway},
      {"transit_gateway_id", model::RouteTargetKind::kTransitGateway},
      {"vpc_peering_connection_id", model::RouteTargetKind::kVpcPeering},
      {"network_interface_id", model::RouteTargetKind::kNetworkInterface},
      {"egress_only_gateway_id", model::RouteTargetKind::kEgressOnlyInternetGateway},
      {"vpc_endpoint_id", model::RouteTargetKind::kGatewayEndpoint},
      {"local_gateway_id", model::RouteTargetKind::kLocalGateway},
      {"carrier_gateway_id", model::RouteTargetKind::kCarrierGateway},
      {"core_network_arn", model::RouteTargetKind::kCoreNetwork},
  };
  for (const TargetKey& target : kTargets) {
    const bool set = !route.String(target.key).empty() || block.IsUnknown(target.key);
    if (!set) continue;
    const Link link = Ids(instance, target.key, &block);
    result.target_id = link.First();
    result.target_kind = result.target_id.empty() ? model::RouteTargetKind::kUnknown : target.kind;
    // gateway_id also takes vgw-, nat- and vpce- ids (the API is forgiving).
    if (target.key == "gateway_id") {
      const std::string& id = result.target_id;
      if (id.starts_with("vgw-")) result.target_kind = model::RouteTargetKind::kVirtualPrivateGateway;
      if (id.starts_with("vpce-") || id.find("aws_vpc_endpoint.") != std::string::npos) {
        result.target_kind = model::RouteTargetKind::kGatewayEndpoint;
      }
      if (id.starts_with("nat-") || id.find("aws_nat_gateway.") != std::string::npos) {
        result.target_kind = model::RouteTargetKind::kNatGateway;
      }
      if (id == "local") result.target_kind = model::RouteTargetKind::kLocal;
    }
    break;
  }
  return result;
}

// Route tables and everything that changes one (routes, associations, main association).
void Mapper::RouteTable(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  if (instance.type == "aws_route") {
    const std::string table = Id(instance, "route_table_id");
    if (!table.empty()) routes.emplace_back(table, ReadRoute(instance, reader, instance.block, true));
    return;
  }
  if (instance.type == "aws_route_table_association") {
    model::RouteTableAssociation association;
    association.subnet_id = Id(instance, "subnet_id");
    if (association.subnet_id.empty()) association.gateway_id = Id(instance, "gateway_id");
    association.source = Source(instance);
    const std::string table = Id(instance, "route_table_id");
    if (!table.empty()) associations.emplace_back(table, std::move(association));
    return;
  }
  if (instance.type == "aws_main_route_table_association") {
    const std::string vpc = Id(instance, "vpc_id");
    const std::string table = Id(instance, "route_table_id");
    if (!vpc.empty() && !table.empty()) {
      main_tables[vpc] = table;
      explicit_main_vpcs.insert(vpc);
    }
    if (!table.empty()) {
      model::RouteTableAssociation association;
      association.main = true;
      association.source = Source(instance);
      associations.emplace_back(table, std::move(association));
    }
    return;
  }
  model::RouteTable table;
  static_cast<model::Resource&>(table) = Base(instance);
  table.vpc_id = Id(instance, "vpc_id");
  const JsonValue inline_routes = instance.block.values.Find("route");
  if (inline_routes.valid() && inline_routes.is_array()) {
    std::size_t i = 0;
    reader.ForEach("route", [&](const RecordReader& route) {
      const Block block = instance.block.Child("route", i++);
      table.routes.push_back(ReadRoute(instance, route, block, false));
    });
  } else if (instance.block.IsUnknown("route") && instance.block.expressions.valid() &&
             instance.block.expressions.Find("route").valid()) {
    context.diagnostics.Report("IN004", Severity::kNote, instance.address,
                               "its inline routes are unknown before apply "
                                                  "(they name resources created with it); "
                                                  "paths through this table are unknown",
                               Source(instance).Child("route"));
  }
  context.network.route_tables.push_back(std::move(table));
}

void Mapper::SecurityGroup(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::SecurityGroup group;
  static_cast<model::Resource&>(group) = Base(instance);
  // aws_default_security_group adopts the group AWS creates with the VPC, named "default".
  group.name = instance.type == "aws_default_security_group" ? "default" : reader.String("name");
  group.description = reader.String("description");
  group.vpc_id = Id(instance, "vpc_id");
  if (instance.type == "aws_default_security_group") {
    if (group.vpc_id.empty()) default_group_vpc_unknown = true;
    else adopted_group_vpcs.insert(group.vpc_id);
  }
  for (const auto direction : {Direction::kIngress, Direction::kEgress}) {
    const std::string key = direction == Direction::kIngress ? "ingress" : "egress";
    std::vector<model::SgRule>& rules = direction == Direction::kIngress ? group.ingress : group.egress;
    const JsonValue list = instance.block.values.Find(key);
    if (list.valid() && list.is_array()) {
      std::size_t i = 0;
      reader.ForEach(key, [&](const RecordReader& rule) {
        const Block block = instance.block.Child(key, i++);
        std::vector<std::string> peers;
        const JsonValue groups = rule.raw().Find("security_groups");
        if (groups.valid() && groups.is_array() && groups.size() > 0) {
          peers = Ids(instance, "security_groups", &block).ids;
          // Terraform gives one expression for all of a group's rule blocks, so a group
          // created with this one is not known to be this block's peer: an unknown peer.
          if (peers.empty()) peers.emplace_back();
        }
        ExpandRule(rule, direction, SgTraffic(rule, "protocol"), peers,
                   rule.Bool("self").value_or(false), group.id, rules);
      });
    } else if (instance.block.IsUnknown(key) &&
               (!instance.block.expressions.valid() || instance.block.expressions.Find(key).valid())) {
      // Rules that name groups created in the same apply make the whole set unknown. Without
      // any block in the configuration the set is only "computed": it will be empty.
      group.rules_known = false;
      context.diagnostics.Report("IN004", Severity::kNote, instance.address,
                                 "its " + key +
                                     " rules are unknown before apply; findings about them are "
                                     "incomplete",
                                 Source(instance).Child(key));
    }
    // No block at all: Terraform revokes AWS's default allow-all egress, so no rules.
  }
  context.network.security_groups.push_back(std::move(group));
}

void Mapper::SgRuleResource(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  PendingSgRule pending;
  pending.address = instance.address;
  pending.group_ids = Ids(instance, "security_group_id").ids;
  const Direction direction = reader.String("type") == "egress" ? Direction::kEgress : Direction::kIngress;
  std::vector<std::string> peers;
  if (!reader.String("source_security_group_id").empty() ||
      instance.block.IsUnknown("source_security_group_id")) {
    peers = Ids(instance, "source_security_group_id").ids;
  }
  std::vector<model::SgRule> rules;
  ExpandRule(reader, direction, SgTraffic(reader, "protocol"), peers,
             reader.Bool("self").value_or(false), pending.group_ids.empty() ? "" : pending.group_ids[0], rules);
  for (model::SgRule& rule : rules) {
    PendingSgRule one = pending;
    one.rule = std::move(rule);
    sg_rules.push_back(std::move(one));
  }
}

void Mapper::VpcSgRule(const ResourceInstance& instance, Direction direction) {
  if (!instance.block.values.valid() || !instance.block.values.is_object()) return;
  const RecordReader reader = Reader(instance);
  PendingSgRule pending;
  pending.address = instance.address;
  pending.group_ids = Ids(instance, "security_group_id").ids;
  pending.rule.direction = direction;
  pending.rule.traffic = SgTraffic(reader, "ip_protocol");
  pending.rule.description = reader.String("description");
  pending.rule.source = Source(instance);
  pending.rule.statement = Source(instance);
  if (reader.Has("cidr_ipv4")) {
    pending.rule.peer = CidrPeer(reader, "cidr_ipv4", false);
  } else if (reader.Has("cidr_ipv6")) {
    pending.rule.peer = CidrPeer(reader, "cidr_ipv6", true);
  } else if (reader.Has("prefix_list_id") || instance.block.IsUnknown("prefix_list_id")) {
    pending.rule.peer.kind = model::SgPeer::Kind::kPrefixList;
    pending.rule.peer.id = Id(instance, "prefix_list_id");
  } else {
    pending.rule.peer.kind = model::SgPeer::Kind::kSecurityGroup;
    pending.rule.peer.id = Id(instance, "referenced_security_group_id");
  }
  if (pending.rule.peer.id.empty() && (pending.rule.peer.kind == model::SgPeer::Kind::kPrefixList ||
                                       pending.rule.peer.kind == model::SgPeer::Kind::kSecurityGroup)) {
    pending.rule.peer.SetUnknown("a value unknown before apply");
  }
  sg_rules.push_back(std::move(pending));
}

model::NaclEntry ReadNaclEntry(const RecordReader& entry, Direction direction, std::string_view number_key,
                               std::string_view action_key) {
  model::NaclEntry result;
  result.direction = direction;
  result.rule_number = static_cast<int>(entry.Integer(number_key).value_or(0));
  result.action = entry.String(action_key) == "allow" ? model::RuleAction::kAllow : model::RuleAction::kDeny;
  result.cidr_v4 = Ipv4CidrOf(entry, "cidr_block");
  result.cidr_v6 = Ipv6CidrOf(entry, "ipv6_cidr_block");
  result.source = entry.source();
  if (const std::optional<model::Protocol> protocol = entry.Protocol("protocol")) {
    model::TrafficParse parsed = model::NetworkAclTraffic(
        *protocol, entry.Integer("from_port"), entry.Integer("to_port"), entry.Integer("icmp_type"),
        entry.Integer("icmp_code"));
    if (!parsed.problem.empty()) entry.Report("", parsed.problem);
    result.traffic = parsed.traffic;
  }
  return result;
}

void Mapper::NetworkAcl(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  if (instance.type == "aws_network_acl_rule") {
    const std::string acl = Id(instance, "network_acl_id");
    const Direction direction = reader.Bool("egress").value_or(false) ? Direction::kEgress : Direction::kIngress;
    if (!acl.empty()) nacl_rules.emplace_back(acl, ReadNaclEntry(reader, direction, "rule_number", "rule_action"));
    return;
  }
  if (instance.type == "aws_network_acl_association") {
    const std::string acl = Id(instance, "network_acl_id");
    const std::string subnet = Id(instance, "subnet_id");
    if (!acl.empty() && !subnet.empty()) nacl_associations.emplace_back(acl, subnet);
    return;
  }
  model::NetworkAcl acl;
  static_cast<model::Resource&>(acl) = Base(instance);
  acl.vpc_id = Id(instance, "vpc_id");
  acl.is_default = false;
  acl.subnet_ids = Ids(instance, "subnet_ids").ids;
  for (const auto direction : {Direction::kIngress, Direction::kEgress}) {
    reader.ForEach(direction == Direction::kIngress ? "ingress" : "egress", [&](const RecordReader& entry) {
      acl.entries.push_back(ReadNaclEntry(entry, direction, "rule_no", "action"));
    });
  }
  context.network.network_acls.push_back(std::move(acl));
}

// Gateways, endpoints and addresses.
void Mapper::Endpoint(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  if (instance.type == "aws_eip") {
    const std::string ip = reader.String("public_ip");
    if (!ip.empty()) eip_addresses[instance.id] = ip;
    return;
  }
  if (instance.type == "aws_internet_gateway") {
    model::InternetGateway gateway;
    static_cast<model::Resource&>(gateway) = Base(instance);
    const std::string vpc = Id(instance, "vpc_id");
    if (!vpc.empty()) gateway.attachments.push_back({vpc, true});
    context.network.internet_gateways.push_back(std::move(gateway));
    return;
  }
  if (instance.type == "aws_nat_gateway") {
    model::NatGateway nat;
    static_cast<model::Resource&>(nat) = Base(instance);
    nat.subnet_id = Id(instance, "subnet_id");
    nat.state = "available";
    nat.is_private = reader.String("connectivity_type") == "private";
    model::NatGatewayAddress address;
    address.allocation_id = nat.is_private ? "" : Id(instance, "allocation_id");
    address.private_ip = Ipv4Of(reader, "private_ip");
    address.public_ip = Ipv4Of(reader, "public_ip");
    nat.addresses.push_back(std::move(address));
    context.network.nat_gateways.push_back(std::move(nat));
    return;
  }
  if (instance.type == "aws_vpc_endpoint_route_table_association") {
    endpoint_tables.emplace_back(Id(instance, "vpc_endpoint_id"), Id(instance, "route_table_id"));
    return;
  }
  if (instance.type == "aws_vpc_endpoint_subnet_association") {
    endpoint_subnets.emplace_back(Id(instance, "vpc_endpoint_id"), Id(instance, "subnet_id"));
    return;
  }
  model::VpcEndpoint endpoint;
  static_cast<model::Resource&>(endpoint) = Base(instance);
  endpoint.vpc_id = Id(instance, "vpc_id");
  endpoint.service_name = reader.String("service_name");
  const std::string type = reader.String("vpc_endpoint_type");
  endpoint.type = type == "Interface"               ? model::EndpointType::kInterface
                  : type.empty() || type == "Gateway" ? model::EndpointType::kGateway
                  : type == "GatewayLoadBalancer"   ? model::EndpointType::kGatewayLoadBalancer
                                                    : model::EndpointType::kUnknown;
  endpoint.state = "available";
  endpoint.route_table_ids = Ids(instance, "route_table_ids").ids;
  endpoint.subnet_ids = Ids(instance, "subnet_ids").ids;
  endpoint.security_group_ids = Ids(instance, "security_group_ids").ids;
  endpoint.private_dns_enabled = reader.Bool("private_dns_enabled").value_or(false);
  endpoint.policy_document = reader.String("policy");
  context.network.vpc_endpoints.push_back(std::move(endpoint));
}

void Mapper::Ecs(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::EcsService service;
  static_cast<model::Resource&>(service) = Base(instance);
  service.name = reader.String("name");
  service.cluster = Id(instance, "cluster");
  service.launch_type = reader.String("launch_type");
  service.task_definition = Id(instance, "task_definition");
  service.status = "ACTIVE";
  if (auto desired = reader.Integer("desired_count")) service.desired_count = static_cast<int>(*desired);
  const JsonValue network = instance.block.values.Find("network_configuration");
  if (network.valid() && network.is_array() && network.size() > 0) {
    const Block block = instance.block.Child("network_configuration", 0);
    const RecordReader config(block.values, block.source, context.diagnostics);
    model::AwsvpcConfiguration awsvpc;
    awsvpc.subnet_ids = Ids(instance, "subnets", &block).ids;
    awsvpc.security_group_ids = Ids(instance, "security_groups", &block).ids;
    awsvpc.assign_public_ip = config.Bool("assign_public_ip").value_or(false);
    service.network = std::move(awsvpc);
  }
  const JsonValue balancers = instance.block.values.Find("load_balancer");
  if (balancers.valid() && balancers.is_array()) {
    for (std::size_t i = 0; i < balancers.size(); ++i) {
      const Block block = instance.block.Child("load_balancer", i);
      const RecordReader entry(block.values, block.source, context.diagnostics);
      model::ServiceLoadBalancer lb;
      lb.target_group_id = Id(instance, "target_group_arn", &block);
      lb.load_balancer_name = entry.String("elb_name");
      lb.container_name = entry.String("container_name");
      lb.container_port = entry.Port("container_port");
      service.load_balancers.push_back(std::move(lb));
    }
  }
  context.network.ecs_services.push_back(std::move(service));
}

void Mapper::TaskDefinition(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::TaskDefinition task;
  const std::string arn = reader.String("arn");
  static_cast<model::Resource&>(task) = Base(instance, arn);
  task.family = reader.String("family");
  if (auto revision = reader.Integer("revision")) task.revision = static_cast<int>(*revision);
  task.network_mode = reader.String("network_mode");
  task.requires_compatibilities = reader.StringList("requires_compatibilities");
  task.execution_role = reader.String("execution_role_arn");
  if (task.execution_role.empty() && instance.block.IsUnknown("execution_role_arn")) {
    task.execution_role = Id(instance, "execution_role_arn");
  }
  // container_definitions is JSON text inside the plan, in the ECS API's camelCase.
  const std::string text = reader.String("container_definitions");
  JsonArena arena;
  if (!text.empty()) {
    if (auto error = ParseJson(text, arena)) {
      reader.Report("container_definitions", "container_definitions is not valid JSON: " + error->message);
    } else if (arena.Root().is_array()) {
      std::size_t i = 0;
      for (JsonValue element : arena.Root()) {
        // Positions inside the string are not JSON pointers of the plan: point at the string.
        RecordReader entry(element, reader.SourceOf("container_definitions"), context.diagnostics);
        ++i;
        if (!element.is_object()) continue;
        model::ContainerDefinition container;
        container.name = entry.String("name");
        container.image = entry.String("image");
        entry.ForEach("portMappings", [&](const RecordReader& mapping) {
          container.port_mappings.push_back(
              {mapping.Port("containerPort"), mapping.Port("hostPort"), mapping.String("protocol")});
        });
        if (auto logging = entry.Object("logConfiguration")) container.log_driver = logging->String("logDriver");
        entry.ForEach("secrets", [&](const RecordReader& secret) {
          std::string source = secret.String("valueFrom");
          if (!source.empty()) container.secret_sources.push_back(std::move(source));
        });
        task.containers.push_back(std::move(container));
      }
    }
  }
  context.network.task_definitions.push_back(std::move(task));
}

void Mapper::LoadBalancer(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::LoadBalancer lb;
  static_cast<model::Resource&>(lb) = Base(instance);
  lb.name = reader.String("name");
  const std::string type = reader.String("load_balancer_type");
  lb.type = type.empty() || type == "application" ? model::LoadBalancerType::kApplication
            : type == "network"                  ? model::LoadBalancerType::kNetwork
            : type == "gateway"                  ? model::LoadBalancerType::kGateway
                                                 : model::LoadBalancerType::kUnknown;
  lb.internet_facing = !reader.Bool("internal").value_or(false);
  lb.state = "active";
  lb.vpc_id = reader.String("vpc_id");
  for (std::string& subnet : Ids(instance, "subnets").ids) lb.subnets.push_back({std::move(subnet), ""});
  const JsonValue mappings = instance.block.values.Find("subnet_mapping");
  if (mappings.valid() && mappings.is_array()) {
    for (std::size_t i = 0; i < mappings.size(); ++i) {
      const Block block = instance.block.Child("subnet_mapping", i);
      const std::string subnet = Id(instance, "subnet_id", &block);
      if (!subnet.empty() && std::none_of(lb.subnets.begin(), lb.subnets.end(),
                                          [&](const auto& s) { return s.subnet_id == subnet; })) {
        lb.subnets.push_back({subnet, ""});
      }
    }
  }
  lb.security_group_ids = Ids(instance, "security_groups").ids;
  lb.has_security_groups = !lb.security_group_ids.empty() || lb.type == model::LoadBalancerType::kApplication;
  context.network.load_balancers.push_back(std::move(lb));
}

void Mapper::Listener(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::Listener listener;
  static_cast<model::Resource&>(listener) = Base(instance);
  listener.load_balancer_id = Id(instance, "load_balancer_arn");
  listener.port = reader.Port("port");
  listener.protocol = reader.String("protocol");
  const JsonValue actions = instance.block.values.Find("default_action");
  if (actions.valid() && actions.is_array()) {
    for (std::size_t i = 0; i < actions.size(); ++i) {
      const Block block = instance.block.Child("default_action", i);
      const RecordReader action(block.values, block.source, context.diagnostics);
      listener.action_types.push_back(action.String("type"));
      if (action.String("type") == "forward") {
        for (std::string& group : ForwardGroups(instance, block)) {
          listener.target_group_ids.push_back(std::move(group));
        }
      }
    }
  }
  context.network.listeners.push_back(std::move(listener));
}

void Mapper::TargetGroup(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::TargetGroup group;
  static_cast<model::Resource&>(group) = Base(instance);
  group.name = reader.String("name");
  group.protocol = reader.String("protocol");
  group.port = reader.Port("port");
  group.vpc_id = Id(instance, "vpc_id");
  group.target_type = reader.String("target_type");
  if (group.target_type.empty()) group.target_type = "instance";
  const JsonValue checks = instance.block.values.Find("health_check");
  if (checks.valid() && checks.is_array() && checks.size() > 0) {
    const Block block = instance.block.Child("health_check", 0);
    const RecordReader check(block.values, block.source, context.diagnostics);
    group.health_check_port = check.StringOrNumber("port");
    group.health_check_protocol = check.String("protocol");
  }
  context.network.target_groups.push_back(std::move(group));
}

void Mapper::DbInstance(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  if (instance.type == "aws_db_subnet_group") {
    model::DbSubnetGroup group;
    const std::string name = reader.String("name");
    static_cast<model::Resource&>(group) = Base(instance, name);
    group.subnet_ids = Ids(instance, "subnet_ids").ids;
    context.network.db_subnet_groups.push_back(std::move(group));
    return;
  }
  model::DbInstance db;
  const std::string identifier = reader.String("identifier");
  static_cast<model::Resource&>(db) = Base(instance, identifier);
  db.arn = reader.String("arn");
  db.engine = reader.String("engine");
  db.status = "available";
  db.port = reader.Port("port");
  db.publicly_accessible = reader.Bool("publicly_accessible").value_or(false);
  db.multi_az = reader.Bool("multi_az");
  db.security_group_ids = Ids(instance, "vpc_security_group_ids").ids;
  db.subnet_group = Id(instance, "db_subnet_group_name");
  context.network.db_instances.push_back(std::move(db));
}

// The target groups a forward action sends to: target_group_arn, or the weighted groups of
// its forward block.
std::vector<std::string> Mapper::ForwardGroups(const ResourceInstance& instance, const Block& action) {
  std::vector<std::string> groups;
  const RecordReader reader(action.values, action.source, context.diagnostics);
  if (!reader.String("target_group_arn").empty() || action.IsUnknown("target_group_arn") ||
      (action.expressions.valid() && action.expressions.is_object() &&
       action.expressions.Find("target_group_arn").valid())) {
    groups = Ids(instance, "target_group_arn", &action).ids;
  }
  const JsonValue forwards = action.values.valid() ? action.values.Find("forward") : JsonValue{};
  if (!forwards.valid() || !forwards.is_array() || forwards.size() == 0) return groups;
  const Block forward = action.Child("forward", 0);
  const JsonValue weighted = forward.values.valid() ? forward.values.Find("target_group") : JsonValue{};
  if (!weighted.valid() || !weighted.is_array()) return groups;
  for (std::size_t i = 0; i < weighted.size(); ++i) {
    const Block group = forward.Child("target_group", i);
    for (std::string& id : Ids(instance, "arn", &group).ids) {
      if (std::find(groups.begin(), groups.end(), id) == groups.end()) groups.push_back(std::move(id));
    }
  }
  return groups;
}

// aws_default_route_table adopts the main route table AWS creates with the VPC.
void Mapper::DefaultRouteTable(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::RouteTable table;
  static_cast<model::Resource&>(table) = Base(instance);
  table.vpc_id = reader.String("vpc_id");  // computed: known once the VPC exists
  if (table.vpc_id.empty()) table.vpc_id = index.DefaultResourceVpc(instance.address);
  std::size_t i = 0;
  reader.ForEach("route", [&](const RecordReader& route) {
    const Block block = instance.block.Child("route", i++);
    table.routes.push_back(ReadRoute(instance, route, block, false));
  });
  if (!table.vpc_id.empty()) {
    default_tables[table.vpc_id] = table.id;
  } else {
    context.diagnostics.Report("IN004", Severity::kNote, instance.address,
                               "which VPC's main route table it manages is unknown before apply; "
                               "it is not taken as any VPC's main table",
                               Source(instance).Child("default_route_table_id"));
  }
  context.network.route_tables.push_back(std::move(table));
}

// aws_default_network_acl adopts the ACL AWS creates with the VPC; Terraform removes the
// entries its configuration does not list.
void Mapper::DefaultNetworkAcl(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::NetworkAcl acl;
  static_cast<model::Resource&>(acl) = Base(instance);
  acl.vpc_id = reader.String("vpc_id");
  if (acl.vpc_id.empty()) acl.vpc_id = index.DefaultResourceVpc(instance.address);
  acl.is_default = true;
  if (acl.vpc_id.empty()) default_acl_vpc_unknown = true;
  else adopted_acl_vpcs.insert(acl.vpc_id);
  acl.subnet_ids = Ids(instance, "subnet_ids").ids;
  for (const auto direction : {Direction::kIngress, Direction::kEgress}) {
    reader.ForEach(direction == Direction::kIngress ? "ingress" : "egress", [&](const RecordReader& entry) {
      acl.entries.push_back(ReadNaclEntry(entry, direction, "rule_no", "action"));
    });
  }
  context.network.network_acls.push_back(std::move(acl));
}

// Resources that add to a VPC, gateway or endpoint mapped elsewhere.
void Mapper::VpcAddition(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  if (instance.type == "aws_vpc_ipv4_cidr_block_association") {
    const std::string vpc = Id(instance, "vpc_id");
    if (vpc.empty()) return;
    if (auto cidr = Ipv4CidrOf(reader, "cidr_block")) {
      secondary_cidrs.emplace_back(vpc, model::VpcCidrV4{*cidr, true, reader.SourceOf("cidr_block")});
    } else if (instance.block.IsUnknown("cidr_block")) {
      vpcs_with_unknown_cidrs.push_back(vpc);  // allocated from IPAM at apply time
    }
    return;
  }
  if (instance.type == "aws_internet_gateway_attachment") {
    const std::string gateway = Id(instance, "internet_gateway_id");
    const std::string vpc = Id(instance, "vpc_id");
    if (!gateway.empty() && !vpc.empty()) igw_attachments.emplace_back(gateway, vpc);
    return;
  }
  if (instance.type == "aws_vpc_endpoint_security_group_association") {
    const std::string endpoint = Id(instance, "vpc_endpoint_id");
    const std::string group = Id(instance, "security_group_id");
    if (!endpoint.empty() && !group.empty()) endpoint_groups.emplace_back(endpoint, group);
    return;
  }
  model::EgressOnlyInternetGateway gateway;
  static_cast<model::Resource&>(gateway) = Base(instance);
  const std::string vpc = Id(instance, "vpc_id");
  if (!vpc.empty()) gateway.attachments.push_back({vpc, true});
  context.network.egress_only_internet_gateways.push_back(std::move(gateway));
}

void Mapper::Peering(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  if (instance.type == "aws_vpc_peering_connection_accepter") {
    // The accepting side of a connection requested elsewhere (often another account).
    const std::string connection = Id(instance, "vpc_peering_connection_id");
    if (!connection.empty() && reader.Bool("auto_accept").value_or(false)) accepted_peerings.insert(connection);
    return;
  }
  model::VpcPeering peering;
  static_cast<model::Resource&>(peering) = Base(instance);
  peering.requester.vpc_id = Id(instance, "vpc_id");
  peering.accepter.vpc_id = Id(instance, "peer_vpc_id");
  peering.accepter.owner_id = reader.String("peer_owner_id");
  peering.accepter.region = reader.String("peer_region");
  const std::string status = reader.String("accept_status");
  // Without auto_accept (or an accepter resource) the connection waits for the peer.
  peering.status = !status.empty()                             ? status
                   : reader.Bool("auto_accept").value_or(false) ? "active"
                                                                : "pending-acceptance";
  context.network.vpc_peerings.push_back(std::move(peering));
}

void Mapper::TargetAttachment(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  const std::string group = Id(instance, "target_group_arn");
  model::Target target;
  target.id = Id(instance, "target_id");
  target.port = reader.Port("port");
  target.availability_zone = reader.String("availability_zone");
  target.source = Source(instance);
  if (!group.empty() && !target.id.empty()) targets.emplace_back(group, std::move(target));
}

void Mapper::ListenerRule(const ResourceInstance& instance) {
  const std::string listener = Id(instance, "listener_arn");
  if (listener.empty()) return;
  const JsonValue actions = instance.block.values.Find("action");
  if (!actions.valid() || !actions.is_array()) return;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const Block block = instance.block.Child("action", i);
    const RecordReader action(block.values, block.source, context.diagnostics);
    if (action.String("type") != "forward") continue;
    for (std::string& group : ForwardGroups(instance, block)) listener_groups.emplace_back(listener, std::move(group));
  }
}

void Mapper::ElastiCache(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  // Named resources are known by their names, which references to them give.
  auto named = [&](std::string_view key) {
    std::string name = reader.String(key);
    return name.empty() ? instance.id : name;
  };
  if (instance.type == "aws_elasticache_subnet_group") {
    model::CacheSubnetGroup group;
    static_cast<model::Resource&>(group) = Base(instance, named("name"));
    group.subnet_ids = Ids(instance, "subnet_ids").ids;
    context.network.cache_subnet_groups.push_back(std::move(group));
    return;
  }
  if (instance.type == "aws_elasticache_replication_group") {
    model::ReplicationGroup group;
    static_cast<model::Resource&>(group) = Base(instance, named("replication_group_id"));
    group.arn = reader.String("arn");
    group.status = "available";
    group.port = reader.Port("port");
    group.security_group_ids = Ids(instance, "security_group_ids").ids;
    group.subnet_group = Id(instance, "subnet_group_name");
    group.member_clusters = reader.StringList("member_clusters");
    context.network.replication_groups.push_back(std::move(group));
    return;
  }
  model::CacheCluster cluster;
  static_cast<model::Resource&>(cluster) = Base(instance, named("cluster_id"));
  cluster.arn = reader.String("arn");
  cluster.engine = reader.String("engine");
  cluster.status = "available";
  cluster.port = reader.Port("port");
  cluster.subnet_group = Id(instance, "subnet_group_name");
  cluster.security_group_ids = Ids(instance, "security_group_ids").ids;
  if (reader.Has("replication_group_id") || instance.block.IsUnknown("replication_group_id")) {
    cluster.replication_group_id = Id(instance, "replication_group_id");
  }
  context.network.cache_clusters.push_back(std::move(cluster));
}

// The launch template keys an instance or template block names (id or name).
std::vector<std::string> TemplateKeys(Mapper& mapper, const ResourceInstance& instance, const Block& block) {
  std::vector<std::string> keys;
  for (std::string_view attribute : {"id", "name"}) {
    const RecordReader reader(block.values, block.source, mapper.context.diagnostics);
    if (reader.String(attribute).empty() && !block.IsUnknown(attribute)) continue;
    for (std::string& key : mapper.index.Ids(instance, block, attribute).ids) keys.push_back(std::move(key));
  }
  return keys;
}

void Mapper::Ec2Instance(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::Instance ec2;
  static_cast<model::Resource&>(ec2) = Base(instance);
  ec2.state = "running";
  ec2.subnet_id = Id(instance, "subnet_id");
  ec2.security_group_ids = Ids(instance, "vpc_security_group_ids").ids;
  ec2.private_ip = Ipv4Of(reader, "private_ip");
  ec2.public_ip = Ipv4Of(reader, "public_ip");
  ec2.source_dest_check = reader.Bool("source_dest_check").value_or(true);
  InstanceLinks links;
  links.instance_id = ec2.id;
  links.public_ip = reader.Bool("associate_public_ip_address");
  // security_groups takes ids or names; ids of groups in the plan are recognised in Finish.
  const JsonValue groups = instance.block.values.Find("security_groups");
  if ((groups.valid() && groups.is_array() && groups.size() > 0) || instance.block.IsUnknown("security_groups")) {
    links.group_names = Ids(instance, "security_groups").ids;
  }
  const JsonValue interfaces = instance.block.values.Find("network_interface");
  if (interfaces.valid() && interfaces.is_array()) {
    for (std::size_t i = 0; i < interfaces.size(); ++i) {
      const Block block = instance.block.Child("network_interface", i);
      for (std::string& id : Ids(instance, "network_interface_id", &block).ids) links.interface_ids.push_back(std::move(id));
    }
  }
  const JsonValue templates = instance.block.values.Find("launch_template");
  if (templates.valid() && templates.is_array() && templates.size() > 0) {
    links.template_keys = TemplateKeys(*this, instance, instance.block.Child("launch_template", 0));
  }
  instance_links.push_back(std::move(links));
  context.network.instances.push_back(std::move(ec2));
}

void Mapper::LaunchTemplateResource(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  LaunchTemplate launch;
  launch.security_group_ids = Ids(instance, "vpc_security_group_ids").ids;
  const JsonValue interfaces = instance.block.values.Find("network_interfaces");
  if (interfaces.valid() && interfaces.is_array() && interfaces.size() > 0) {
    // The first interface (device 0) decides the instance's subnet and address.
    const Block block = instance.block.Child("network_interfaces", 0);
    const RecordReader primary(block.values, block.source, context.diagnostics);
    launch.subnet_id = Id(instance, "subnet_id", &block);
    for (std::string& group : Ids(instance, "security_groups", &block).ids) {
      launch.security_group_ids.push_back(std::move(group));
    }
    // The provider writes this boolean as a string ("true", "false", "").
    const std::string public_ip = primary.StringOrNumber("associate_public_ip_address");
    if (public_ip == "true") launch.public_ip = true;
    if (public_ip == "false") launch.public_ip = false;
    if (!launch.public_ip) launch.public_ip = primary.Bool("associate_public_ip_address");
  }
  launch_templates[instance.id] = launch;
  const std::string name = reader.String("name");
  if (!name.empty()) launch_templates[name] = launch;
}

void Mapper::NetworkInterface(const ResourceInstance& instance) {
  const RecordReader reader = Reader(instance);
  model::NetworkInterface eni;
  static_cast<model::Resource&>(eni) = Base(instance);
  eni.subnet_id = Id(instance, "subnet_id");
  eni.security_group_ids = Ids(instance, "security_groups").ids;
  eni.description = reader.String("description");
  eni.source_dest_check = reader.Bool("source_dest_check").value_or(true);
  eni.interface_type = reader.String("interface_type");
  eni.owner = model::InterfaceOwner::kUnattached;
  eni.status = "available";
  for (const std::string& address : reader.StringList("private_ips")) {
    if (auto parsed = model::Ipv4Address::Parse(address)) eni.private_ips.push_back(*parsed);
  }
  if (eni.private_ips.empty()) {
    if (auto primary = Ipv4Of(reader, "private_ip")) eni.private_ips.push_back(*primary);
  }
  context.network.network_interfaces.push_back(std::move(eni));
}

// Finds resources of one kind by id. Plans have thousands of each, so a linear search per
// link made loading quadratic. Resources are added while links are joined: the index is
// rebuilt when the list has grown since it was built. The first resource with an id wins.
template <typename T>
class ById {
 public:
  explicit ById(std::vector<T>& items) : items_(items) {}

  T* Find(std::string_view id) {
    if (indexed_ != items_.size()) Rebuild();
    const auto found = positions_.find(id);
    return found == positions_.end() ? nullptr : &items_[found->second];
  }

 private:
  void Rebuild() {
    positions_.clear();
    positions_.reserve(items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) positions_.try_emplace(items_[i].id, i);
    indexed_ = items_.size();
  }

  std::vector<T>& items_;
  std::unordered_map<std::string, std::size_t, TransparentStringHash, std::equal_to<>> positions_;
  std::size_t indexed_ = static_cast<std::size_t>(-1);
};

// The default network ACL and security group AWS creates with each VPC, unless the plan
// adopts them with aws_default_network_acl or aws_default_security_group: a plan shows neither.
void Mapper::AddVpcDefaults() {
  model::Network& network = context.network;
  const std::unordered_set<std::string> associated = model::SubnetsListedByAcls(network.network_acls);
  // With an adopted default of unknown VPC, a synthesized one could stand for the same ACL or
  // group with AWS's rules instead of the plan's: then there is none rather than a wrong one.
  const bool add_acls = !default_acl_vpc_unknown;
  const bool add_groups = !default_group_vpc_unknown;
  const std::unordered_map<std::string, std::vector<std::string>> unassociated =
      model::SubnetsOfDefaultAcls(network.subnets, associated);
  for (const model::Vpc& vpc : network.vpcs) {
    const auto ids = vpc_defaults.find(vpc.id);
    if (ids == vpc_defaults.end()) continue;
    if (add_acls && !adopted_acl_vpcs.contains(vpc.id)) {
      model::NetworkAcl acl;
      acl.id = ids->second.first;
      acl.scope = vpc.scope;
      acl.source = vpc.source;
      acl.vpc_id = vpc.id;
      acl.is_default = true;
      acl.implicit = true;
      if (const auto subnets = unassociated.find(vpc.id); subnets != unassociated.end()) acl.subnet_ids = subnets->second;
      // Rule 100 allows everything, IPv4 and (rule 101) IPv6 when the VPC has an IPv6 block.
      for (const auto direction : {Direction::kIngress, Direction::kEgress}) {
        model::NaclEntry allow;
        allow.direction = direction;
        allow.rule_number = 100;
        allow.action = model::RuleAction::kAllow;
        allow.traffic = model::TrafficSelector::AllTraffic();
        allow.cidr_v4 = model::Ipv4Prefix::Any();
        allow.source = vpc.source;
        acl.entries.push_back(allow);
        if (!vpc.cidrs_v6.empty()) {
          allow.rule_number = 101;
          allow.cidr_v4.reset();
          allow.cidr_v6 = model::Ipv6Prefix::Any();
          acl.entries.push_back(std::move(allow));
        }
      }
      network.network_acls.push_back(std::move(acl));
    }
    if (add_groups && !adopted_group_vpcs.contains(vpc.id)) {
      model::SecurityGroup group = model::DefaultSecurityGroup(vpc, ids->second.second, vpc.scope);
      network.security_groups.push_back(std::move(group));
    }
  }
  if (!add_acls) return;
  // The plan lists every network ACL of its VPCs now; subnets of a VPC outside it are said once.
  network.MarkComplete(context.scope, model::ResourceKind::kNetworkAcl);
  std::size_t outside = 0;
  const model::Subnet* example = nullptr;
  for (const model::Subnet& subnet : network.subnets) {
    // A subnet of an unknown VPC has been said to be one already.
    if (subnet.vpc_id.empty() || associated.contains(subnet.id) || vpc_defaults.contains(subnet.vpc_id)) continue;
    if (example == nullptr) example = &subnet;
    ++outside;
  }
  if (example != nullptr) {
    context.diagnostics.Report(
        "IN004", Severity::kNote, "",
        std::to_string(outside) + (outside == 1 ? " subnet" : " subnets") + " (such as " + example->id +
            ") of a VPC outside this plan " + (outside == 1 ? "has" : "have") + " no network ACL in it; " + (outside == 1 ? "it is" : "they are") +
            " assumed to use the VPC's default network ACL, which allows all traffic",
        example->source);
  }
}

// Joins what standalone resources add to other resources, and adds what AWS creates implicitly
// (each VPC's main route table, the local routes).
void Mapper::Finish() {
  model::Network& network = context.network;
  ById acls_by_id(network.network_acls);
  ById db_subnet_groups_by_id(network.db_subnet_groups);
  ById endpoints_by_id(network.vpc_endpoints);
  ById gateways_by_id(network.internet_gateways);
  ById groups_by_id(network.security_groups);
  ById instances_by_id(network.instances);
  ById interfaces_by_id(network.network_interfaces);
  ById listeners_by_id(network.listeners);
  ById subnets_by_id(network.subnets);
  ById tables_by_id(network.route_tables);
  ById target_groups_by_id(network.target_groups);
  ById vpcs_by_id(network.vpcs);
  for (auto& [acl_id, subnet] : nacl_associations) {
    if (model::NetworkAcl* acl = acls_by_id.Find(acl_id)) acl->subnet_ids.push_back(subnet);
  }
  AddVpcDefaults();
  // Groups standing in for those outside the plan, by the address of the rule they hold
  // (added after the loop, which looks groups up).
  std::map<std::string, model::SecurityGroup, std::less<>> stand_ins;
  // After the defaults: rules may be added to a VPC's default network ACL or group.
  for (auto& [acl_id, entry] : nacl_rules) {
    if (model::NetworkAcl* acl = acls_by_id.Find(acl_id)) acl->entries.push_back(std::move(entry));
  }
  for (PendingSgRule& pending : sg_rules) {
    bool joined = false;
    for (const std::string& group_id : pending.group_ids) {
      model::SecurityGroup* group = groups_by_id.Find(group_id);
      if (group == nullptr) continue;
      model::SgRule rule = pending.rule;
      if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup && rule.peer.id.empty()) rule.peer.id = group->id;
      (rule.direction == Direction::kIngress ? group->ingress : group->egress).push_back(std::move(rule));
      joined = true;
    }
    if (joined) continue;
    // A plan covers part of an account: the group is real but outside it (or its link is
    // unknown, which was said). What the rule opens, it opens whatever else the group holds,
    // so it is judged on its own, in a stand-in named after the rule's resource.
    if (!pending.group_ids.empty()) {
      context.diagnostics.Report("IN004", Severity::kNote, pending.address,
                                 "adds a rule to " + pending.group_ids[0] +
                                     ", a security group outside this plan; the rule is judged "
                                     "on its own",
                                 pending.rule.statement);
    }
    auto [entry, added] = stand_ins.try_emplace(pending.address);
    model::SecurityGroup& stand_in = entry->second;
    if (added) {
      stand_in.id = pending.address;
      stand_in.scope = context.scope;
      stand_in.source = pending.rule.statement;
    }
    model::SgRule rule = pending.rule;
    if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup && rule.peer.id.empty()) rule.peer.id = stand_in.id;
    (rule.direction == Direction::kIngress ? stand_in.ingress : stand_in.egress).push_back(std::move(rule));
  }
  for (auto& [address, stand_in] : stand_ins) network.security_groups.push_back(std::move(stand_in));
  for (model::NetworkAcl& acl : network.network_acls) {
    // Every ACL ends with the implicit deny of each direction.
    for (const auto direction : {Direction::kIngress, Direction::kEgress}) {
      model::NaclEntry deny;
      deny.direction = direction;
      deny.rule_number = 32767;
      deny.action = model::RuleAction::kDeny;
      deny.traffic = model::TrafficSelector::AllTraffic();
      deny.cidr_v4 = model::Ipv4Prefix::Parse("0.0.0.0/0");
      deny.source = acl.source;
      acl.entries.push_back(deny);
    }
    std::stable_sort(acl.entries.begin(), acl.entries.end(), [](const model::NaclEntry& a, const model::NaclEntry& b) {
      if (a.direction != b.direction) return a.direction < b.direction;
      return a.rule_number < b.rule_number;
    });
  }
  for (auto& [table_id, route] : routes) {
    if (model::RouteTable* table = tables_by_id.Find(table_id)) table->routes.push_back(std::move(route));
  }
  for (auto& [table_id, association] : associations) {
    if (model::RouteTable* table = tables_by_id.Find(table_id)) {
      table->associations.push_back(std::move(association));
    }
  }
  const model::Vpc* default_vpc = nullptr;
  std::size_t default_vpcs = 0;
  for (const model::Vpc& vpc : network.vpcs) {
    if (vpc.is_default.value_or(false)) {
      default_vpc = &vpc;
      ++default_vpcs;
    }
  }
  for (const std::string& subnet_id : default_subnets) {
    model::Subnet* subnet = subnets_by_id.Find(subnet_id);
    if (subnet != nullptr && default_vpcs == 1) subnet->vpc_id = default_vpc->id;
  }
  for (auto& [vpc_id, cidr] : secondary_cidrs) {
    if (model::Vpc* vpc = vpcs_by_id.Find(vpc_id)) vpc->cidrs_v4.push_back(std::move(cidr));
  }
  for (const std::string& vpc_id : vpcs_with_unknown_cidrs) {
    if (model::Vpc* vpc = vpcs_by_id.Find(vpc_id)) vpc->cidrs_known = false;
  }
  for (auto& [gateway_id, vpc_id] : igw_attachments) {
    if (model::InternetGateway* gateway = gateways_by_id.Find(gateway_id)) {
      gateway->attachments.push_back({vpc_id, true});
    }
  }
  for (auto& [endpoint_id, group] : endpoint_groups) {
    if (model::VpcEndpoint* endpoint = endpoints_by_id.Find(endpoint_id)) {
      if (std::find(endpoint->security_group_ids.begin(), endpoint->security_group_ids.end(), group) ==
          endpoint->security_group_ids.end()) {
        endpoint->security_group_ids.push_back(group);
      }
    }
  }
  for (model::VpcPeering& peering : network.vpc_peerings) {
    if (accepted_peerings.contains(peering.id)) peering.status = "active";
    for (model::PeeringSide* side : {&peering.requester, &peering.accepter}) {
      const model::Vpc* vpc = vpcs_by_id.Find(side->vpc_id);
      if (vpc == nullptr) continue;
      for (const model::VpcCidrV4& cidr : vpc->cidrs_v4) side->cidrs_v4.push_back(cidr.cidr);
      for (const model::VpcCidrV6& cidr : vpc->cidrs_v6) side->cidrs_v6.push_back(cidr.cidr);
    }
  }
  for (auto& [group_id, target] : targets) {
    if (model::TargetGroup* group = target_groups_by_id.Find(group_id)) group->targets.push_back(std::move(target));
  }
  for (auto& [listener_id, group] : listener_groups) {
    model::Listener* listener = listeners_by_id.Find(listener_id);
    if (listener != nullptr && std::find(listener->target_group_ids.begin(), listener->target_group_ids.end(),
                                         group) == listener->target_group_ids.end()) {
      listener->target_group_ids.push_back(group);
    }
  }
  // A target group serves the load balancers whose listeners forward to it.
  for (const model::Listener& listener : network.listeners) {
    for (const std::string& group_id : listener.target_group_ids) {
      model::TargetGroup* group = target_groups_by_id.Find(group_id);
      if (group == nullptr || listener.load_balancer_id.empty()) continue;
      if (std::find(group->load_balancer_ids.begin(), group->load_balancer_ids.end(), listener.load_balancer_id) ==
          group->load_balancer_ids.end()) {
        group->load_balancer_ids.push_back(listener.load_balancer_id);
      }
    }
  }
  // Groups named by instances' security_groups; of several with one name, the last.
  std::map<std::string, std::string, std::less<>> group_by_name;
  if (!instance_links.empty()) {
    for (const model::SecurityGroup& group : network.security_groups) {
      if (!group.name.empty()) group_by_name[group.name] = group.id;
    }
  }
  for (const InstanceLinks& links : instance_links) {
    model::Instance* ec2 = instances_by_id.Find(links.instance_id);
    if (ec2 == nullptr) continue;
    std::optional<bool> public_ip = links.public_ip;
    for (const std::string& key : links.template_keys) {
      const auto launch = launch_templates.find(key);
      if (launch == launch_templates.end()) continue;
      if (ec2->subnet_id.empty()) ec2->subnet_id = launch->second.subnet_id;
      if (ec2->security_group_ids.empty()) ec2->security_group_ids = launch->second.security_group_ids;
      if (!public_ip) public_ip = launch->second.public_ip;
      break;
    }
    for (const std::string& name_or_id : links.group_names) {
      std::string id = name_or_id;
      if (const auto named = group_by_name.find(name_or_id); named != group_by_name.end() && named->second != name_or_id) {
        id = named->second;
      }
      if (std::find(ec2->security_group_ids.begin(), ec2->security_group_ids.end(), id) == ec2->security_group_ids.end()) {
        ec2->security_group_ids.push_back(std::move(id));
      }
    }
    for (const std::string& interface_id : links.interface_ids) {
      model::NetworkInterface* eni = interfaces_by_id.Find(interface_id);
      if (eni == nullptr) continue;
      eni->owner = model::InterfaceOwner::kInstance;
      eni->owner_ref = ec2->id;
      eni->status = "in-use";
      ec2->network_interface_ids.push_back(eni->id);
      for (const std::string& group : eni->security_group_ids) {
        if (std::find(ec2->security_group_ids.begin(), ec2->security_group_ids.end(), group) ==
            ec2->security_group_ids.end()) {
          ec2->security_group_ids.push_back(group);
        }
      }
      if (ec2->subnet_id.empty()) ec2->subnet_id = eni->subnet_id;
    }
    const model::Subnet* subnet = subnets_by_id.Find(ec2->subnet_id);
    if (subnet != nullptr) ec2->vpc_id = subnet->vpc_id;
    // Left unset, the subnet's map_public_ip_on_launch decides.
    if (!public_ip && subnet != nullptr) public_ip = subnet->map_public_ip_on_launch;
    // Before apply the address itself is unknown: say whether one will exist.
    ec2->public_ipv4 = ec2->public_ip.has_value() ? model::PublicIpv4Origin::kListed
                       : !public_ip.has_value()   ? model::PublicIpv4Origin::kUnknown
                       : *public_ip               ? model::PublicIpv4Origin::kAtLaunch
                                                  : model::PublicIpv4Origin::kListed;
  }
  for (model::NetworkInterface& eni : network.network_interfaces) {
    if (const model::Subnet* subnet = subnets_by_id.Find(eni.subnet_id)) eni.vpc_id = subnet->vpc_id;
  }
  for (model::CacheSubnetGroup& group : network.cache_subnet_groups) {
    for (const std::string& subnet_id : group.subnet_ids) {
      if (const model::Subnet* subnet = subnets_by_id.Find(subnet_id)) {
        group.vpc_id = subnet->vpc_id;
        break;
      }
    }
  }
  ById replication_groups_by_id(network.replication_groups);
  for (const model::CacheCluster& cluster : network.cache_clusters) {
    model::ReplicationGroup* group = replication_groups_by_id.Find(cluster.replication_group_id);
    if (group != nullptr && std::find(group->member_clusters.begin(), group->member_clusters.end(), cluster.id) ==
                                group->member_clusters.end()) {
      group->member_clusters.push_back(cluster.id);
    }
  }
  for (auto& [endpoint_id, table] : endpoint_tables) {
    if (model::VpcEndpoint* endpoint = endpoints_by_id.Find(endpoint_id)) endpoint->route_table_ids.push_back(table);
  }
  for (auto& [endpoint_id, subnet] : endpoint_subnets) {
    if (model::VpcEndpoint* endpoint = endpoints_by_id.Find(endpoint_id)) endpoint->subnet_ids.push_back(subnet);
  }
  // A gateway endpoint adds a route to its service's prefix list in each of its tables. The
  // list's id is decided by AWS; its name here only has to be the same in the route and for
  // the endpoint.
  for (const model::VpcEndpoint& endpoint : network.vpc_endpoints) {
    if (endpoint.type != model::EndpointType::kGateway) continue;
    for (const std::string& table_id : endpoint.route_table_ids) {
      model::RouteTable* table = tables_by_id.Find(table_id);
      if (table == nullptr) continue;
      model::Route route;
      route.destination_prefix_list = "pl-of-" + endpoint.id;
      route.target_kind = model::RouteTargetKind::kGatewayEndpoint;
      route.target_id = endpoint.id;
      route.origin = "CreateRouteTable";
      route.source = endpoint.source;
      table->routes.push_back(std::move(route));
    }
  }
  for (model::NatGateway& nat : network.nat_gateways) {
    if (const model::Subnet* subnet = subnets_by_id.Find(nat.subnet_id)) nat.vpc_id = subnet->vpc_id;
    for (model::NatGatewayAddress& address : nat.addresses) {
      const auto ip = eip_addresses.find(address.allocation_id);
      if (ip != eip_addresses.end() && !address.public_ip) address.public_ip = model::Ipv4Address::Parse(ip->second);
    }
  }
  for (model::SecurityGroup& group : network.security_groups) {
    for (auto* rules : {&group.ingress, &group.egress}) {
      for (model::SgRule& rule : *rules) {
        if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup && rule.peer.id.empty()) {
          rule.peer.SetUnknown("a security group unknown before apply");
        }
      }
    }
  }
  // An aws_default_route_table is its VPC's main table unless an association names another.
  for (const auto& [vpc_id, table_id] : default_tables) {
    if (!explicit_main_vpcs.contains(vpc_id)) main_tables[vpc_id] = table_id;
  }
  // Each VPC's main table: the one named by aws_main_route_table_association, else the table
  // AWS creates with the VPC, which Terraform does not show and which holds only local routes.
  // Those are added after the loop: adding one at a time would rebuild the index each time.
  std::vector<model::RouteTable> implicit_tables;
  for (const model::Vpc& vpc : network.vpcs) {
    const auto main = main_tables.find(vpc.id);
    model::RouteTable* table = main != main_tables.end() ? tables_by_id.Find(main->second) : nullptr;
    if (table == nullptr) {
      model::RouteTable implicit;
      implicit.id = main != main_tables.end() ? main->second : vpc.id + ".main_route_table";
      implicit.scope = vpc.scope;
      implicit.source = vpc.source;
      implicit.vpc_id = vpc.id;
      implicit.implicit = true;
      model::RouteTableAssociation association;
      association.main = true;
      association.source = vpc.source;
      implicit.associations.push_back(std::move(association));
      implicit_tables.push_back(std::move(implicit));
    } else if (!table->IsMain()) {
      model::RouteTableAssociation association;
      association.main = true;
      association.source = table->source;
      table->associations.push_back(std::move(association));
    }
  }
  std::move(implicit_tables.begin(), implicit_tables.end(), std::back_inserter(network.route_tables));
  for (model::RouteTable& table : network.route_tables) {
    const model::Vpc* vpc = vpcs_by_id.Find(table.vpc_id);
    if (vpc == nullptr) continue;
    std::vector<model::Route> local;
    for (const model::VpcCidrV4& cidr : vpc->cidrs_v4) {
      model::Route route;
      route.destination_v4 = cidr.cidr;
      route.target_kind = model::RouteTargetKind::kLocal;
      route.target_id = "local";
      route.origin = "CreateRouteTable";
      route.source = table.source;
      local.push_back(std::move(route));
    }
    for (const model::VpcCidrV6& cidr : vpc->cidrs_v6) {
      model::Route route;
      route.destination_v6 = cidr.cidr;
      route.target_kind = model::RouteTargetKind::kLocal;
      route.target_id = "local";
      route.origin = "CreateRouteTable";
      route.source = table.source;
      local.push_back(std::move(route));
    }
    table.routes.insert(table.routes.begin(), local.begin(), local.end());
  }
  for (model::DbInstance& db : network.db_instances) {
    if (const model::DbSubnetGroup* group = db_subnet_groups_by_id.Find(db.subnet_group)) {
      db.subnet_ids = group->subnet_ids;
    }
  }
  for (model::DbSubnetGroup& group : network.db_subnet_groups) {
    for (const std::string& subnet_id : group.subnet_ids) {
      if (const model::Subnet* subnet = subnets_by_id.Find(subnet_id)) {
        group.vpc_id = subnet->vpc_id;
        break;
      }
    }
  }
  for (model::LoadBalancer& lb : network.load_balancers) {
    for (const model::LoadBalancerSubnet& entry : lb.subnets) {
      if (const model::Subnet* subnet = subnets_by_id.Find(entry.subnet_id)) {
        if (lb.vpc_id.empty()) lb.vpc_id = subnet->vpc_id;
      }
    }
  }
}

std::optional<int> MajorVersion(std::string_view version) {
  int major = 0;
  const auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), major);
  if (error != std::errc() || end == version.data()) return std::nullopt;
  return major;
}

}  // namespace

bool MayBeTerraformJson(std::string_view text) {
  return text.find("\"format_version\"") != std::string_view::npos ||
         text.find("\"planned_values\"") != std::string_view::npos;
}

bool IsTerraformJson(JsonValue root) {
  if (!root.valid() || !root.is_object()) return false;
  const JsonValue version = root.Find("format_version");
  if (!version.valid()) {
    // Trimmed plans (test fixtures of other tools) drop the version but keep the shape.
    const JsonValue planned = root.Find("planned_values");
    return planned.valid() && planned.is_object() && planned.Find("root_module").valid();
  }
  if (!version.is_string()) return false;
  for (std::string_view key : {"planned_values", "resource_changes", "configuration", "values", "prior_state"}) {
    if (root.Find(key).valid()) return true;
  }
  // An empty state (`terraform show -json` with nothing applied) has only the version.
  return root.size() <= 2;
}

std::size_t LoadTerraformJson(JsonValue root, PlanContext& context) {
  const JsonValue version_value = root.Find("format_version");
  const std::string version(version_value.valid() ? version_value.string() : "1.0");
  const std::optional<int> major = MajorVersion(version);
  if (!major || *major > 1) {
    context.diagnostics.Report(
        "IN004", Severity::kError, "",
        "Terraform JSON format_version \"" + version +
            "\" is not supported (netlint reads 0.1 through 1.x); nothing of it was loaded",
        SourceRef{context.file, 0, 0, "/format_version"});
    return 0;
  }
  const PlanIndex index(root);
  if (!context.path.empty()) context.configuration_places = FindResourceBlocks(index, root, context.path);
  Mapper mapper{index, context};
  for (const ResourceInstance& instance : index.instances()) mapper.Map(instance);
  mapper.Finish();
  return mapper.mapped;
}

}  // namespace netlint::ingest::terraform
