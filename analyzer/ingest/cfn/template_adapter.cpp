#include "analyzer/ingest/cfn/template_adapter.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "analyzer/ingest/cfn/metadata_suppressions.h"
#include "analyzer/ingest/cfn/template_tree.h"
#include "netlint/model/aws_semantics.h"

namespace netlint::ingest::cfn {
namespace {

using model::ResourceKind;

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::uint16_t> ParsePort(std::string_view text) {
  const std::optional<std::int64_t> value = ParseInt(text);
  if (!value || *value < 0 || *value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(*value);
}

// A standalone SecurityGroupIngress/Egress, a Route, an association: facts about an entity
// declared elsewhere in the template, joined once every resource has been read.
struct PendingRule {
  std::string group_id;
  model::SgRule rule;
  std::string logical_id;
};
struct PendingRoute {
  std::string table_id;
  model::Route route;
  std::string logical_id;
};
struct PendingLink {
  std::string from;  // the entity that receives the link (route table, NACL, IGW)
  std::string to;    // subnet or VPC
  SourceRef source;
  std::string logical_id;
};
struct PendingNaclEntry {
  std::string acl_id;
  model::NaclEntry entry;
  std::string logical_id;
};

class Mapper {
 public:
  Mapper(Resolver& resolver, model::Network& network, DiagnosticSink& diagnostics, FileId file,
         model::ScopeId scope)
      : resolver_(resolver), network_(network), diagnostics_(diagnostics), file_(file),
        scope_(scope) {}

  void Map(const std::string& logical_id, const Node& resource, const std::string& type);
  void Finish();
  void NoteType(const std::string& logical_id, const std::string& type) {
    types_[logical_id] = type;
  }

 private:
  SourceRef At(const Node& node, const std::string& pointer) const {
    return SourceRef{file_, node.line, node.column, pointer};
  }
  // The resolved property, or empty when absent or removed by AWS::NoValue.
  std::optional<Value> Get(const Node* properties, std::string_view key) {
    if (properties == nullptr) return std::nullopt;
    const Node* node = properties->Find(key);
    if (node == nullptr) return std::nullopt;
    Value value = resolver_.Resolve(*node);
    if (value.kind == Value::Kind::kNoValue) return std::nullopt;
    return value;
  }
  // Text for names and ids: strings, logical ids of references, zones; empty when unknown.
  std::string Text(const Node* properties, std::string_view key) {
    if (properties == nullptr) return "";
    const Node* node = properties->Find(key);
    if (node == nullptr) return "";
    const Value value = resolver_.ResolveText(*node);
    return TextOf(value);
  }
  static std::string TextOf(const Value& value) {
    switch (value.kind) {
      case Value::Kind::kString:
      case Value::Kind::kReference:
      case Value::Kind::kZone:
        return value.Describe();
      default:
        return "";
    }
  }
  // A list property; a single value where a list is expected counts as a one-element list.
  std::vector<Value> List(const Node* properties, std::string_view key) {
    std::optional<Value> value = Get(properties, key);
    if (!value) return {};
    if (value->kind == Value::Kind::kList) return value->list;
    return {*value};
  }
  std::vector<std::string> Ids(const Node* properties, std::string_view key) {
    std::vector<std::string> ids;
    for (const Value& item : List(properties, key)) {
      if (item.kind == Value::Kind::kList) {
        for (const Value& inner : item.list) ids.push_back(TextOf(inner));
      } else {
        std::string id = TextOf(item);
        if (!id.empty()) ids.push_back(std::move(id));
      }
    }
    std::erase(ids, std::string());
    return ids;
  }
  std::optional<bool> Bool(const Node* properties, std::string_view key) {
    std::optional<Value> value = Get(properties, key);
    if (!value || !value->IsString()) return std::nullopt;
    std::string text = value->text;
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
      return static_cast<char>(std::tolower(c));
    });
    if (text == "true") return true;
    if (text == "false") return false;
    return std::nullopt;
  }
  std::optional<std::int64_t> Int(const Node* properties, std::string_view key) {
    std::optional<Value> value = Get(properties, key);
    if (!value || !value->IsString()) return std::nullopt;
    return ParseInt(value->text);
  }
  void Warn(const std::string& logical_id, const SourceRef& source, std::string message) {
    diagnostics_.Report("IN004", Severity::kWarning, logical_id, std::move(message), source);
  }
  model::Resource Base(const std::string& logical_id, const Node& resource,
                       const Node* properties) {
    model::Resource base;
    base.id = logical_id;
    base.scope = scope_;
    base.source = At(resource, "/Resources/" + EscapePointerToken(logical_id));
    for (const Value& tag : List(properties, "Tags")) {
      if (tag.kind != Value::Kind::kObject) continue;
      std::string key = Text(tag.object, "Key");
      if (!key.empty()) base.tags.push_back({std::move(key), Text(tag.object, "Value")});
    }
    base.suppressions = MetadataSuppressions(resource, file_, logical_id, diagnostics_);
    return base;
  }

  std::vector<model::SgRule> SgRules(const std::string& logical_id, const Node* item,
                                     const std::string& pointer, model::Direction direction);
  model::RouteTargetKind TargetKind(const Value& target, model::RouteTargetKind fallback) const;

  Resolver& resolver_;
  model::Network& network_;
  DiagnosticSink& diagnostics_;
  FileId file_;
  model::ScopeId scope_;
  std::map<std::string, std::string, std::less<>> types_;  // logical id -> Type
  std::vector<PendingRule> rules_;
  std::vector<PendingRoute> routes_;
  std::vector<PendingLink> route_associations_;
  std::vector<PendingLink> acl_associations_;
  std::vector<PendingLink> gateway_attachments_;
  std::vector<PendingNaclEntry> acl_entries_;
};

std::vector<model::SgRule> Mapper::SgRules(const std::string& logical_id, const Node* item,
                                           const std::string& pointer,
                                           model::Direction direction) {
  std::vector<model::SgRule> rules;
  const SourceRef statement = At(*item, pointer);
  const std::optional<Value> protocol_value = Get(item, "IpProtocol");
  std::optional<model::TrafficSelector> traffic;
  if (!protocol_value) {
    Warn(logical_id, statement, "security group rule without IpProtocol");
  } else if (!protocol_value->IsString()) {
    Warn(logical_id, statement,
         "protocol of this rule is unknown: " + protocol_value->Describe());
  } else if (std::optional<model::Protocol> protocol = model::Protocol::Parse(protocol_value->text)) {
    model::TrafficParse parsed =
        model::SecurityGroupTraffic(*protocol, Int(item, "FromPort"), Int(item, "ToPort"));
    if (!parsed.problem.empty()) Warn(logical_id, statement, parsed.problem);
    traffic = parsed.traffic;
  } else {
    Warn(logical_id, statement, "unknown IpProtocol '" + protocol_value->text + "'");
  }
  // CDK writes this rule to mean "no egress at all": it matches nothing.
  if (Text(item, "CidrIp") == "255.255.255.255/32" && Text(item, "Description") == "Disallow all traffic") {
    return rules;
  }
  model::SgRule rule;
  rule.direction = direction;
  rule.traffic = traffic;
  rule.description = Text(item, "Description");
  rule.source = statement;
  rule.statement = statement;
  const bool ingress = direction == model::Direction::kIngress;
  const char* group_key = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  const char* list_key = ingress ? "SourcePrefixListId" : "DestinationPrefixListId";
  model::SgPeer& peer = rule.peer;
  auto unknown = [&](const Value& value) {
    peer.kind = model::SgPeer::Kind::kUnknown;
    peer.unknown_reason = value.IsUnknown() ? value.text : value.Describe();
  };
  if (std::optional<Value> cidr = Get(item, "CidrIp")) {
    if (cidr->IsString()) {
      if (std::optional<model::Ipv4Prefix> prefix = model::Ipv4Prefix::Parse(cidr->text)) {
        peer.kind = model::SgPeer::Kind::kCidrV4;
        peer.cidr_v4 = *prefix;
      } else {
        Warn(logical_id, statement, "CidrIp '" + cidr->text + "' is not an IPv4 CIDR block");
        return rules;
      }
    } else {
      unknown(*cidr);
    }
  } else if (std::optional<Value> cidr6 = Get(item, "CidrIpv6")) {
    if (cidr6->IsString()) {
      if (std::optional<model::Ipv6Prefix> prefix = model::Ipv6Prefix::Parse(cidr6->text)) {
        peer.kind = model::SgPeer::Kind::kCidrV6;
        peer.cidr_v6 = *prefix;
      } else {
        Warn(logical_id, statement, "CidrIpv6 '" + cidr6->text + "' is not an IPv6 CIDR block");
        return rules;
      }
    } else {
      unknown(*cidr6);
    }
  } else if (std::optional<Value> group = Get(item, group_key)) {
    peer.kind = model::SgPeer::Kind::kSecurityGroup;
    peer.id = TextOf(*group);
    if (peer.id.empty()) unknown(*group);
    peer.user_id = Text(item, ingress ? "SourceSecurityGroupOwnerId" : "");
  } else if (std::optional<Value> list = Get(item, list_key)) {
    peer.kind = model::SgPeer::Kind::kPrefixList;
    peer.id = TextOf(*list);
    if (peer.id.empty()) unknown(*list);
  } else if (ingress && Get(item, "SourceSecurityGroupName")) {
    peer.kind = model::SgPeer::Kind::kUnknown;
    peer.unknown_reason = "group named by SourceSecurityGroupName (default VPC only)";
  } else {
    Warn(logical_id, statement, "security group rule without a source or destination");
    return rules;
  }
  rules.push_back(std::move(rule));
  return rules;
}

model::RouteTargetKind Mapper::TargetKind(const Value& target,
                                          model::RouteTargetKind fallback) const {
  if (target.kind == Value::Kind::kReference) {
    auto found = types_.find(target.text);
    if (found != types_.end()) {
      const std::string& type = found->second;
      if (type == "AWS::EC2::InternetGateway") return model::RouteTargetKind::kInternetGateway;
      if (type == "AWS::EC2::VPNGateway") return model::RouteTargetKind::kVirtualPrivateGateway;
      if (type == "AWS::EC2::NatGateway") return model::RouteTargetKind::kNatGateway;
      if (type == "AWS::EC2::VPCEndpoint") return model::RouteTargetKind::kGatewayEndpoint;
      if (type == "AWS::EC2::EgressOnlyInternetGateway") {
        return model::RouteTargetKind::kEgressOnlyInternetGateway;
      }
      if (type == "AWS::EC2::TransitGateway") return model::RouteTargetKind::kTransitGateway;
      if (type == "AWS::EC2::VPCPeeringConnection") return model::RouteTargetKind::kVpcPeering;
    }
    return fallback;
  }
  if (target.IsString()) {
    const std::string& id = target.text;
    auto starts = [&](std::string_view prefix) { return id.rfind(prefix, 0) == 0; };
    if (starts("igw-")) return model::RouteTargetKind::kInternetGateway;
    if (starts("vgw-")) return model::RouteTargetKind::kVirtualPrivateGateway;
    if (starts("nat-")) return model::RouteTargetKind::kNatGateway;
    if (starts("vpce-")) return model::RouteTargetKind::kGatewayEndpoint;
    if (starts("tgw-")) return model::RouteTargetKind::kTransitGateway;
    if (starts("pcx-")) return model::RouteTargetKind::kVpcPeering;
    if (starts("eigw-")) return model::RouteTargetKind::kEgressOnlyInternetGateway;
  }
  return fallback;
}

void Mapper::Map(const std::string& logical_id, const Node& resource, const std::string& type) {
  const Node* properties = resource.Find("Properties");
  const std::string pointer = "/Resources/" + EscapePointerToken(logical_id) + "/Properties";
  auto at_property = [&](std::string_view key) {
    const Node* node = properties != nullptr ? properties->Find(key) : nullptr;
    return node != nullptr ? At(*node, pointer + "/" + std::string(key))
                           : At(resource, "/Resources/" + EscapePointerToken(logical_id));
  };
  if (type == "AWS::EC2::VPC") {
    model::Vpc vpc;
    static_cast<model::Resource&>(vpc) = Base(logical_id, resource, properties);
    if (std::optional<Value> cidr = Get(properties, "CidrBlock")) {
      std::optional<model::Ipv4Prefix> prefix;
      if (cidr->IsString()) prefix = model::Ipv4Prefix::Parse(cidr->text);
      if (prefix) {
        vpc.cidrs_v4.push_back({*prefix, true, at_property("CidrBlock")});
      } else {
        vpc.cidrs_known = false;
        if (cidr->IsString()) {
          Warn(logical_id, at_property("CidrBlock"),
               "CidrBlock '" + cidr->text + "' is not an IPv4 CIDR block");
        }
      }
    } else {
      vpc.cidrs_known = false;  // IPAM-allocated
    }
    vpc.is_default = false;
    vpc.dns_support = Bool(properties, "EnableDnsSupport").value_or(true);
    vpc.dns_hostnames = Bool(properties, "EnableDnsHostnames").value_or(false);
    vpc.dns_support_source = at_property("EnableDnsSupport");
    vpc.dns_hostnames_source = at_property("EnableDnsHostnames");
    network_.vpcs.push_back(std::move(vpc));
  } else if (type == "AWS::EC2::Subnet") {
    model::Subnet subnet;
    static_cast<model::Resource&>(subnet) = Base(logical_id, resource, properties);
    subnet.vpc_id = Text(properties, "VpcId");
    if (std::optional<Value> cidr = Get(properties, "CidrBlock"); cidr && cidr->IsString()) {
      subnet.cidr_v4 = model::Ipv4Prefix::Parse(cidr->text);
      if (!subnet.cidr_v4) {
        Warn(logical_id, at_property("CidrBlock"),
             "CidrBlock '" + cidr->text + "' is not an IPv4 CIDR block");
      }
    }
    if (std::optional<Value> cidr6 = Get(properties, "Ipv6CidrBlock"); cidr6 && cidr6->IsString()) {
      if (auto prefix = model::Ipv6Prefix::Parse(cidr6->text)) subnet.cidrs_v6.push_back(*prefix);
    }
    subnet.availability_zone = Text(properties, "AvailabilityZone");
    subnet.availability_zone_id = Text(properties, "AvailabilityZoneId");
    subnet.map_public_ip_on_launch = Bool(properties, "MapPublicIpOnLaunch").value_or(false);
    subnet.default_for_az = false;
    subnet.ipv6_native = Bool(properties, "Ipv6Native").value_or(false);
    network_.subnets.push_back(std::move(subnet));
  } else if (type == "AWS::EC2::RouteTable") {
    model::RouteTable table;
    static_cast<model::Resource&>(table) = Base(logical_id, resource, properties);
    table.vpc_id = Text(properties, "VpcId");
    network_.route_tables.push_back(std::move(table));
  } else if (type == "AWS::EC2::Route") {
    PendingRoute pending;
    pending.logical_id = logical_id;
    pending.table_id = Text(properties, "RouteTableId");
    model::Route& route = pending.route;
    route.source = At(resource, "/Resources/" + EscapePointerToken(logical_id));
    route.origin = "CreateRoute";
    if (std::optional<Value> v4 = Get(properties, "DestinationCidrBlock"); v4 && v4->IsString()) {
      route.destination_v4 = model::Ipv4Prefix::Parse(v4->text);
    }
    if (std::optional<Value> v6 = Get(properties, "DestinationIpv6CidrBlock"); v6 && v6->IsString()) {
      route.destination_v6 = model::Ipv6Prefix::Parse(v6->text);
    }
    route.destination_prefix_list = Text(properties, "DestinationPrefixListId");
    struct TargetKey {
      std::string_view key;
      model::RouteTargetKind kind;
    };
    static constexpr TargetKey kTargets[] = {
        {"GatewayId", model::RouteTargetKind::kUnknown},
        {"NatGatewayId", model::RouteTargetKind::kNatGateway},
        {"TransitGatewayId", model::RouteTargetKind::kTransitGateway},
        {"VpcPeeringConnectionId", model::RouteTargetKind::kVpcPeering},
        {"EgressOnlyInternetGatewayId", model::RouteTargetKind::kEgressOnlyInternetGateway},
        {"NetworkInterfaceId", model::RouteTargetKind::kNetworkInterface},
        {"InstanceId", model::RouteTargetKind::kInstance},
        {"VpcEndpointId", model::RouteTargetKind::kGatewayEndpoint},
        {"LocalGatewayId", model::RouteTargetKind::kLocalGateway},
        {"CarrierGatewayId", model::RouteTargetKind::kCarrierGateway},
        {"CoreNetworkArn", model::RouteTargetKind::kCoreNetwork},
    };
    for (const TargetKey& target : kTargets) {
      std::optional<Value> value = Get(properties, target.key);
      if (!value) continue;
      route.target_kind = TargetKind(*value, target.kind);
      route.target_id = TextOf(*value);
      break;
    }
    if (!route.destination_v4 && !route.destination_v6 && route.destination_prefix_list.empty()) {
      Warn(logical_id, route.source, "route destination is unknown or missing");
      return;
    }
    routes_.push_back(std::move(pending));
  } else if (type == "AWS::EC2::SubnetRouteTableAssociation") {
    route_associations_.push_back({Text(properties, "RouteTableId"), Text(properties, "SubnetId"),
                                   At(resource, "/Resources/" + EscapePointerToken(logical_id)),
                                   logical_id});
  } else if (type == "AWS::EC2::InternetGateway") {
    model::InternetGateway gateway;
    static_cast<model::Resource&>(gateway) = Base(logical_id, resource, properties);
    network_.internet_gateways.push_back(std::move(gateway));
  } else if (type == "AWS::EC2::EgressOnlyInternetGateway") {
    model::EgressOnlyInternetGateway gateway;
    static_cast<model::Resource&>(gateway) = Base(logical_id, resource, properties);
    gateway.attachments.push_back({Text(properties, "VpcId"), true});
    network_.egress_only_internet_gateways.push_back(std::move(gateway));
  } else if (type == "AWS::EC2::VPCGatewayAttachment") {
    std::string gateway = Text(properties, "InternetGatewayId");
    if (!gateway.empty()) {
      gateway_attachments_.push_back({gateway, Text(properties, "VpcId"),
                                      At(resource, "/Resources/" + EscapePointerToken(logical_id)),
                                      logical_id});
    }
  } else if (type == "AWS::EC2::NatGateway") {
    model::NatGateway gateway;
    static_cast<model::Resource&>(gateway) = Base(logical_id, resource, properties);
    gateway.subnet_id = Text(properties, "SubnetId");
    gateway.vpc_id = Text(properties, "VpcId");
    gateway.state = "available";
    gateway.is_private = Text(properties, "ConnectivityType") == "private";
    gateway.regional = Text(properties, "AvailabilityMode") == "regional";
    model::NatGatewayAddress address;
    address.allocation_id = Text(properties, "AllocationId");
    gateway.addresses.push_back(std::move(address));
    network_.nat_gateways.push_back(std::move(gateway));
  } else if (type == "AWS::EC2::SecurityGroup") {
    model::SecurityGroup group;
    static_cast<model::Resource&>(group) = Base(logical_id, resource, properties);
    group.name = Text(properties, "GroupName");
    if (group.name.empty()) group.name = logical_id;
    group.description = Text(properties, "GroupDescription");
    group.vpc_id = Text(properties, "VpcId");
    bool inline_egress = false;
    for (const char* key : {"SecurityGroupIngress", "SecurityGroupEgress"}) {
      const bool ingress = key == std::string_view("SecurityGroupIngress");
      const Node* list = properties != nullptr ? properties->Find(key) : nullptr;
      if (list == nullptr) continue;
      const Value resolved = resolver_.Resolve(*list);
      std::vector<Value> items;
      if (resolved.kind == Value::Kind::kList) items = resolved.list;
      else if (resolved.kind == Value::Kind::kObject) items.push_back(resolved);
      else if (resolved.IsUnknown()) {
        group.rules_known = false;
        Warn(logical_id, At(*list, pointer + "/" + key), "rules unknown: " + resolved.text);
      }
      if (!ingress && (resolved.kind == Value::Kind::kList || resolved.kind == Value::Kind::kObject)) {
        inline_egress = true;
      }
      // Items keep their position in the written list for the pointer.
      for (const Value& item : items) {
        if (item.kind != Value::Kind::kObject) continue;
        std::size_t index = 0;
        if (list->IsSequence()) {
          for (std::size_t i = 0; i < list->items.size(); ++i) {
            if (&list->items[i] == item.object) index = i;
          }
        }
        for (model::SgRule& rule :
             SgRules(logical_id, item.object, pointer + "/" + key + "/" + std::to_string(index),
                     ingress ? model::Direction::kIngress : model::Direction::kEgress)) {
          (ingress ? group.ingress : group.egress).push_back(std::move(rule));
        }
      }
    }
    if (!inline_egress) {
      // CloudFormation's default: a group declared without egress rules allows all egress.
      model::SgRule rule;
      rule.direction = model::Direction::kEgress;
      rule.traffic = model::TrafficSelector::AllTraffic();
      rule.peer.kind = model::SgPeer::Kind::kCidrV4;
      rule.peer.cidr_v4 = model::Ipv4Prefix::Any();
      rule.description = "default egress rule";
      rule.source = group.source;
      rule.statement = group.source;
      group.egress.push_back(std::move(rule));
    }
    network_.security_groups.push_back(std::move(group));
  } else if (type == "AWS::EC2::SecurityGroupIngress" || type == "AWS::EC2::SecurityGroupEgress") {
    const bool ingress = type == "AWS::EC2::SecurityGroupIngress";
    std::string group = Text(properties, "GroupId");
    if (group.empty()) {
      Warn(logical_id, At(resource, "/Resources/" + EscapePointerToken(logical_id)),
           "the group of this rule is unknown; the rule is ignored");
      return;
    }
    if (properties == nullptr) return;
    for (model::SgRule& rule : SgRules(logical_id, properties, pointer,
                                       ingress ? model::Direction::kIngress
                                               : model::Direction::kEgress)) {
      rules_.push_back({group, std::move(rule), logical_id});
    }
  } else if (type == "AWS::EC2::NetworkAcl") {
    model::NetworkAcl acl;
    static_cast<model::Resource&>(acl) = Base(logical_id, resource, properties);
    acl.vpc_id = Text(properties, "VpcId");
    acl.is_default = false;
    network_.network_acls.push_back(std::move(acl));
  } else if (type == "AWS::EC2::NetworkAclEntry") {
    PendingNaclEntry pending;
    pending.logical_id = logical_id;
    pending.acl_id = Text(properties, "NetworkAclId");
    model::NaclEntry& entry = pending.entry;
    entry.source = At(resource, "/Resources/" + EscapePointerToken(logical_id));
    const std::optional<std::int64_t> number = Int(properties, "RuleNumber");
    if (!number) {
      Warn(logical_id, entry.source, "RuleNumber is unknown; the entry is ignored");
      return;
    }
    entry.rule_number = static_cast<int>(*number);
    entry.direction = Bool(properties, "Egress").value_or(false) ? model::Direction::kEgress
                                                                 : model::Direction::kIngress;
    entry.action = Text(properties, "RuleAction") == "allow" ? model::RuleAction::kAllow
                                                            : model::RuleAction::kDeny;
    if (std::optional<Value> cidr = Get(properties, "CidrBlock"); cidr && cidr->IsString()) {
      entry.cidr_v4 = model::Ipv4Prefix::Parse(cidr->text);
    }
    if (std::optional<Value> cidr = Get(properties, "Ipv6CidrBlock"); cidr && cidr->IsString()) {
      entry.cidr_v6 = model::Ipv6Prefix::Parse(cidr->text);
    }
    std::optional<model::Protocol> protocol;
    if (std::optional<Value> value = Get(properties, "Protocol"); value && value->IsString()) {
      protocol = model::Protocol::Parse(value->text);
    }
    if (protocol) {
      const Node* ports = properties->Find("PortRange");
      const Node* icmp = properties->Find("Icmp");
      model::TrafficParse parsed = model::NetworkAclTraffic(
          *protocol, Int(ports, "From"), Int(ports, "To"), Int(icmp, "Type"), Int(icmp, "Code"));
      if (!parsed.problem.empty()) Warn(logical_id, entry.source, parsed.problem);
      entry.traffic = parsed.traffic;
    } else {
      Warn(logical_id, entry.source, "entry protocol is unknown; what it matches is unknown");
    }
    acl_entries_.push_back(std::move(pending));
  } else if (type == "AWS::EC2::SubnetNetworkAclAssociation") {
    acl_associations_.push_back({Text(properties, "NetworkAclId"), Text(properties, "SubnetId"),
                                 At(resource, "/Resources/" + EscapePointerToken(logical_id)),
                                 logical_id});
  } else if (type == "AWS::EC2::VPCEndpoint") {
    model::VpcEndpoint endpoint;
    static_cast<model::Resource&>(endpoint) = Base(logical_id, resource, properties);
    endpoint.vpc_id = Text(properties, "VpcId");
    const std::string endpoint_type = Text(properties, "VpcEndpointType");
    endpoint.type = endpoint_type.empty() || endpoint_type == "Gateway"
                        ? model::EndpointType::kGateway
                    : endpoint_type == "Interface"           ? model::EndpointType::kInterface
                    : endpoint_type == "GatewayLoadBalancer" ? model::EndpointType::kGatewayLoadBalancer
                    : endpoint_type == "Resource"            ? model::EndpointType::kResource
                    : endpoint_type == "ServiceNetwork"      ? model::EndpointType::kServiceNetwork
                                                             : model::EndpointType::kUnknown;
    endpoint.service_name = Text(properties, "ServiceName");
    endpoint.state = "available";
    endpoint.route_table_ids = Ids(properties, "RouteTableIds");
    endpoint.subnet_ids = Ids(properties, "SubnetIds");
    endpoint.security_group_ids = Ids(properties, "SecurityGroupIds");
    endpoint.private_dns_enabled = Bool(properties, "PrivateDnsEnabled").value_or(false);
    network_.vpc_endpoints.push_back(std::move(endpoint));
  } else if (type == "AWS::ECS::Service") {
    model::EcsService service;
    static_cast<model::Resource&>(service) = Base(logical_id, resource, properties);
    service.name = Text(properties, "ServiceName");
    if (service.name.empty()) service.name = logical_id;
    service.cluster = Text(properties, "Cluster");
    service.launch_type = Text(properties, "LaunchType");
    service.task_definition = Text(properties, "TaskDefinition");
    service.status = "ACTIVE";
    if (std::optional<std::int64_t> count = Int(properties, "DesiredCount")) {
      service.desired_count = static_cast<int>(*count);
    }
    const Node* network = properties != nullptr ? properties->Find("NetworkConfiguration") : nullptr;
    const Node* awsvpc = network != nullptr ? network->Find("AwsvpcConfiguration") : nullptr;
    if (awsvpc != nullptr) {
      model::AwsvpcConfiguration configuration;
      configuration.subnet_ids = Ids(awsvpc, "Subnets");
      configuration.security_group_ids = Ids(awsvpc, "SecurityGroups");
      configuration.assign_public_ip = Text(awsvpc, "AssignPublicIp") == "ENABLED";
      service.network = std::move(configuration);
    }
    for (const Value& item : List(properties, "LoadBalancers")) {
      if (item.kind != Value::Kind::kObject) continue;
      model::ServiceLoadBalancer balancer;
      balancer.target_group_id = Text(item.object, "TargetGroupArn");
      balancer.load_balancer_name = Text(item.object, "LoadBalancerName");
      balancer.container_name = Text(item.object, "ContainerName");
      balancer.container_port = ParsePort(Text(item.object, "ContainerPort"));
      service.load_balancers.push_back(std::move(balancer));
    }
    network_.ecs_services.push_back(std::move(service));
  } else if (type == "AWS::ECS::TaskDefinition") {
    model::TaskDefinition task;
    static_cast<model::Resource&>(task) = Base(logical_id, resource, properties);
    task.family = Text(properties, "Family");
    task.network_mode = Text(properties, "NetworkMode");
    if (task.network_mode.empty()) task.network_mode = "bridge";
    for (const Value& item : List(properties, "RequiresCompatibilities")) {
      if (item.IsString()) task.requires_compatibilities.push_back(item.text);
    }
    task.execution_role = Text(properties, "ExecutionRoleArn");
    for (const Value& item : List(properties, "ContainerDefinitions")) {
      if (item.kind != Value::Kind::kObject) continue;
      model::ContainerDefinition container;
      container.name = Text(item.object, "Name");
      container.image = Text(item.object, "Image");
      for (const Value& mapping : List(item.object, "PortMappings")) {
        if (mapping.kind != Value::Kind::kObject) continue;
        model::PortMapping port;
        port.container_port = ParsePort(Text(mapping.object, "ContainerPort"));
        port.host_port = ParsePort(Text(mapping.object, "HostPort"));
        port.protocol = Text(mapping.object, "Protocol");
        if (port.protocol.empty()) port.protocol = "tcp";
        container.port_mappings.push_back(std::move(port));
      }
      if (const Node* logging = item.object->Find("LogConfiguration")) {
        container.log_driver = Text(logging, "LogDriver");
      }
      for (const Value& secret : List(item.object, "Secrets")) {
        if (secret.kind == Value::Kind::kObject) {
          container.secret_sources.push_back(Text(secret.object, "ValueFrom"));
        }
      }
      task.containers.push_back(std::move(container));
    }
    network_.task_definitions.push_back(std::move(task));
  }
}

void Mapper::Finish() {
  auto find = [](auto& items, std::string_view id) -> decltype(&items[0]) {
    for (auto& item : items) {
      if (item.id == id) return &item;
    }
    return nullptr;
  };
  auto dangling = [&](const std::string& logical_id, const SourceRef& source,
                      const std::string& what, const std::string& id) {
    if (id.empty()) {
      Warn(logical_id, source, what + " is unknown; ignored");
    } else {
      diagnostics_.Report("IN003", Severity::kNote, logical_id,
                          what + " " + id + " is not declared in the template; ignored", source);
    }
  };
  for (PendingRule& pending : rules_) {
    model::SecurityGroup* group = find(network_.security_groups, pending.group_id);
    if (group == nullptr) {
      dangling(pending.logical_id, pending.rule.statement, "security group", pending.group_id);
      continue;
    }
    (pending.rule.direction == model::Direction::kIngress ? group->ingress : group->egress)
        .push_back(std::move(pending.rule));
  }
  for (PendingLink& link : gateway_attachments_) {
    model::InternetGateway* gateway = find(network_.internet_gateways, link.from);
    if (gateway == nullptr) {
      dangling(link.logical_id, link.source, "internet gateway", link.from);
      continue;
    }
    gateway->attachments.push_back({link.to, true});
  }
  for (PendingLink& link : route_associations_) {
    model::RouteTable* table = find(network_.route_tables, link.from);
    if (table == nullptr) {
      dangling(link.logical_id, link.source, "route table", link.from);
      continue;
    }
    table->associations.push_back({link.to, "", false, link.source});
  }
  for (PendingLink& link : acl_associations_) {
    model::NetworkAcl* acl = find(network_.network_acls, link.from);
    if (acl == nullptr) {
      dangling(link.logical_id, link.source, "network ACL", link.from);
      continue;
    }
    acl->subnet_ids.push_back(link.to);
  }
  for (PendingRoute& pending : routes_) {
    model::RouteTable* table = find(network_.route_tables, pending.table_id);
    if (table == nullptr) {
      dangling(pending.logical_id, pending.route.source, "route table", pending.table_id);
      continue;
    }
    table->routes.push_back(std::move(pending.route));
  }
  for (PendingNaclEntry& pending : acl_entries_) {
    model::NetworkAcl* acl = find(network_.network_acls, pending.acl_id);
    if (acl == nullptr) {
      dangling(pending.logical_id, pending.entry.source, "network ACL", pending.acl_id);
      continue;
    }
    acl->entries.push_back(std::move(pending.entry));
  }
  // NAT gateways in a subnet belong to its VPC.
  for (model::NatGateway& gateway : network_.nat_gateways) {
    if (!gateway.vpc_id.empty()) continue;
    if (const model::Subnet* subnet = find(network_.subnets, gateway.subnet_id)) {
      gateway.vpc_id = subnet->vpc_id;
    }
  }

  // What AWS creates with every VPC: the main route table (local routes only), the default
  // network ACL (allows everything) and the default security group.
  std::set<std::string> associated_with_table;
  for (const model::RouteTable& table : network_.route_tables) {
    for (const model::RouteTableAssociation& association : table.associations) {
      associated_with_table.insert(association.subnet_id);
    }
  }
  std::set<std::string> associated_with_acl;
  for (const model::NetworkAcl& acl : network_.network_acls) {
    associated_with_acl.insert(acl.subnet_ids.begin(), acl.subnet_ids.end());
  }
  auto local_routes = [](const model::Vpc& vpc, model::RouteTable& table) {
    for (const model::VpcCidrV4& block : vpc.cidrs_v4) {
      model::Route route;
      route.destination_v4 = block.cidr;
      route.target_kind = model::RouteTargetKind::kLocal;
      route.target_id = "local";
      route.origin = "CreateRouteTable";
      route.source = block.source;
      table.routes.insert(table.routes.begin(), std::move(route));
    }
  };
  auto final_deny = [](model::NetworkAcl& acl) {
    for (model::Direction direction : {model::Direction::kIngress, model::Direction::kEgress}) {
      model::NaclEntry deny;
      deny.rule_number = 32767;
      deny.direction = direction;
      deny.action = model::RuleAction::kDeny;
      deny.traffic = model::TrafficSelector::AllTraffic();
      deny.cidr_v4 = model::Ipv4Prefix::Any();
      deny.source = acl.source;
      acl.entries.push_back(std::move(deny));
    }
  };
  for (model::RouteTable& table : network_.route_tables) {
    if (const model::Vpc* vpc = find(network_.vpcs, table.vpc_id)) local_routes(*vpc, table);
  }
  for (model::NetworkAcl& acl : network_.network_acls) final_deny(acl);
  const std::size_t vpc_count = network_.vpcs.size();
  for (std::size_t i = 0; i < vpc_count; ++i) {
    const model::Vpc vpc = network_.vpcs[i];
    model::RouteTable main;
    main.id = vpc.id + ".MainRouteTable";
    main.scope = scope_;
    main.source = vpc.source;
    main.vpc_id = vpc.id;
    main.implicit = true;
    main.associations.push_back({"", "", true, vpc.source});
    local_routes(vpc, main);
    network_.route_tables.push_back(std::move(main));

    model::NetworkAcl acl;
    acl.id = vpc.id + ".DefaultNetworkAcl";
    acl.scope = scope_;
    acl.source = vpc.source;
    acl.vpc_id = vpc.id;
    acl.is_default = true;
    for (const model::Subnet& subnet : network_.subnets) {
      if (subnet.vpc_id == vpc.id && !associated_with_acl.contains(subnet.id)) {
        acl.subnet_ids.push_back(subnet.id);
      }
    }
    for (model::Direction direction : {model::Direction::kIngress, model::Direction::kEgress}) {
      model::NaclEntry allow;
      allow.rule_number = 100;
      allow.direction = direction;
      allow.action = model::RuleAction::kAllow;
      allow.traffic = model::TrafficSelector::AllTraffic();
      allow.cidr_v4 = model::Ipv4Prefix::Any();
      allow.source = vpc.source;
      acl.entries.push_back(std::move(allow));
    }
    final_deny(acl);
    network_.network_acls.push_back(std::move(acl));

    model::SecurityGroup group;
    group.id = vpc.id + ".DefaultSecurityGroup";
    group.scope = scope_;
    group.source = vpc.source;
    group.name = "default";
    group.description = "default VPC security group";
    group.vpc_id = vpc.id;
    model::SgRule self;
    self.direction = model::Direction::kIngress;
    self.traffic = model::TrafficSelector::AllTraffic();
    self.peer.kind = model::SgPeer::Kind::kSecurityGroup;
    self.peer.id = group.id;
    self.source = self.statement = vpc.source;
    group.ingress.push_back(self);
    model::SgRule egress;
    egress.direction = model::Direction::kEgress;
    egress.traffic = model::TrafficSelector::AllTraffic();
    egress.peer.kind = model::SgPeer::Kind::kCidrV4;
    egress.peer.cidr_v4 = model::Ipv4Prefix::Any();
    egress.source = egress.statement = vpc.source;
    group.egress.push_back(std::move(egress));
    network_.security_groups.push_back(std::move(group));
  }
  for (model::NetworkAcl& acl : network_.network_acls) {
    std::stable_sort(acl.entries.begin(), acl.entries.end(),
                     [](const model::NaclEntry& a, const model::NaclEntry& b) {
                       if (a.direction != b.direction) return a.direction < b.direction;
                       return a.rule_number < b.rule_number;
                     });
  }
  for (ResourceKind kind :
       {ResourceKind::kVpc, ResourceKind::kSubnet, ResourceKind::kRouteTable,
        ResourceKind::kInternetGateway, ResourceKind::kEgressOnlyInternetGateway,
        ResourceKind::kNatGateway, ResourceKind::kVpcEndpoint, ResourceKind::kSecurityGroup,
        ResourceKind::kNetworkAcl, ResourceKind::kEcsService, ResourceKind::kTaskDefinition}) {
    network_.MarkComplete(scope_, kind);
  }
}

}  // namespace

bool MightBeJsonTemplate(std::string_view text) {
  return text.find("\"AWSTemplateFormatVersion\"") != std::string_view::npos ||
         (text.find("\"Resources\"") != std::string_view::npos &&
          text.find("\"AWS::") != std::string_view::npos);
}

bool IsTemplate(const Node& root) {
  if (!root.IsMap()) return false;
  if (root.Find("AWSTemplateFormatVersion") != nullptr) return true;
  const Node* resources = root.Find("Resources");
  if (resources == nullptr || !resources->IsMap() || resources->members.empty()) return false;
  for (const auto& [logical_id, resource] : resources->members) {
    const Node* type = resource.Find("Type");
    if (type == nullptr || !type->IsScalar() || type->scalar.rfind("AWS::", 0) != 0) return false;
  }
  return true;
}

TemplateLoad LoadTemplate(const std::string& text, FileId file, model::ScopeId scope,
                          model::Network& network, DiagnosticSink& diagnostics,
                          const ResolveSettings& settings) {
  TemplateLoad load;
  TreeParse parsed = ParseTree(text);
  if (parsed.error) {
    load.parse_failed = true;
    diagnostics.Report("IN001", Severity::kError, "", "invalid YAML: " + parsed.error->message,
                       SourceRef{file, parsed.error->line, parsed.error->column, ""});
    return load;
  }
  if (!parsed.root || !IsTemplate(*parsed.root)) return load;
  load.recognised = true;
  const Node& root = *parsed.root;
  Resolver resolver(root, settings, diagnostics, file);
  Mapper mapper(resolver, network, diagnostics, file, scope);
  const Node* resources = resolver.sections().resources;
  if (resources == nullptr || !resources->IsMap()) return load;
  for (const auto& [logical_id, resource] : resources->members) {
    if (const Node* type = resource.Find("Type"); type != nullptr && type->IsScalar()) {
      mapper.NoteType(logical_id, type->scalar);
    }
  }
  for (const auto& [logical_id, resource] : resources->members) {
    const Node* type = resource.Find("Type");
    if (type == nullptr || !type->IsScalar()) {
      diagnostics.Report("IN004", Severity::kWarning, logical_id, "resource without a Type",
                         SourceRef{file, resource.line, resource.column, ""});
      continue;
    }
    // A resource whose condition is false does not exist; an unknown condition keeps it.
    if (const Node* condition = resource.Find("Condition"); condition && condition->IsScalar()) {
      if (resolver.Condition(condition->scalar, condition) == false) continue;
    }
    ++load.resources;
    mapper.Map(logical_id, resource, type->scalar);
  }
  mapper.Finish();
  return load;
}

}  // namespace netlint::ingest::cfn
