#include "analyzer/ingest/cfn/template_adapter.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/base/string_hash.h"
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

// Digits with an optional sign: a number too large for ParseInt is still a number.
bool LooksLikeInteger(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

constexpr std::string_view kPortText = "a port (0-65535)";

// An integer property as read: its value when usable.
struct IntProperty {
  std::optional<std::int64_t> value;
  bool present = false;  // given (known, unknown or invalid)
  bool usable = true;    // false: decided at deployment, or reported as invalid
};

// A standalone SecurityGroupIngress/Egress, a Route, an association: facts about an entity
// declared elsewhere in the template, joined once every resource has been read.
struct PendingRule {
  std::string group_id;
  model::SgRule rule;
  std::string logical_id;
  SourceRef group_source;  // GroupId, for a group the template does not declare
  SourceRef resource_source;  // the AWS::EC2::SecurityGroupIngress/Egress resource
};
struct PendingRoute {
  std::string table_id;
  model::Route route;
  std::string logical_id;
  SourceRef table_source;  // RouteTableId, for a table the template does not declare
};
struct PendingLink {
  std::string from;  // the entity that receives the link (route table, NACL, IGW)
  std::string to;    // subnet or VPC
  SourceRef source;
  std::string logical_id;
  SourceRef from_source;  // where `from` is named, for one the template does not declare
};
struct PendingNaclEntry {
  std::string acl_id;
  model::NaclEntry entry;
  std::string logical_id;
  SourceRef acl_source;  // NetworkAclId, for an ACL the template does not declare
};
// AWS::EC2::VPCCidrBlock: a block added to a VPC declared elsewhere.
struct PendingVpcBlock {
  std::string vpc_id;
  std::optional<model::Ipv4Prefix> cidr_v4;
  std::optional<model::Ipv6Prefix> cidr_v6;
  bool unknown = false;  // IPAM, Amazon-provided IPv6 or an unresolved value
  SourceRef source;
  std::string logical_id;
};
// A boolean property as the template gives it.
enum class Flag : std::uint8_t { kAbsent, kTrue, kFalse, kUnknown };

// An instance's interface declared as its own resource, and the launch template it may take
// its network settings from.
struct PendingInstanceLinks {
  std::string instance_id;
  std::vector<std::string> interface_ids;
  std::string launch_template_id;
  // Its NetworkInterfaces: how many, the primary's AssociatePublicIpAddress, and the primary
  // when it is declared as its own resource (AWS gives an existing interface no public IP).
  std::size_t interface_count = 0;
  Flag associate_public_ip = Flag::kAbsent;
  std::string primary_interface_id;
};
struct LaunchTemplateNetwork {
  std::string subnet_id;
  std::vector<std::string> security_group_ids;
  std::size_t interface_count = 0;
  Flag associate_public_ip = Flag::kAbsent;
};
// AWS::EC2::EIP with InstanceId, or AWS::EC2::EIPAssociation: an Elastic IP for an instance's
// primary interface or for one interface.
struct PendingElasticIp {
  std::string instance_id;
  std::string interface_id;
};

// The logical ids a node names through Ref, GetAtt or Sub (short or long form), anywhere inside
// it.
void CollectNames(const Node& node, std::set<std::string, std::less<>>& names) {
  auto from_sub = [&](std::string_view text) {
    for (std::size_t open = text.find("${"); open != std::string_view::npos;
         open = text.find("${", open + 2)) {
      const std::size_t close = text.find('}', open);
      if (close == std::string_view::npos) return;
      std::string_view name = text.substr(open + 2, close - open - 2);
      if (name.starts_with('!')) continue;  // ${!Literal}
      names.insert(std::string(name.substr(0, name.find('.'))));
    }
  };
  auto named = [&](std::string_view function, const Node& argument) {
    if (function == "Ref" && argument.IsScalar()) {
      names.insert(argument.scalar);
    } else if (function == "GetAtt" || function == "Fn::GetAtt") {
      if (argument.IsScalar()) names.insert(argument.scalar.substr(0, argument.scalar.find('.')));
      if (argument.IsSequence() && !argument.items.empty() && argument.items[0].IsScalar()) {
        names.insert(argument.items[0].scalar);
      }
    } else if (function == "Sub" || function == "Fn::Sub") {
      if (argument.IsScalar()) from_sub(argument.scalar);
      if (argument.IsSequence() && !argument.items.empty() && argument.items[0].IsScalar()) {
        from_sub(argument.items[0].scalar);
      }
    }
  };
  if (!node.tag.empty()) named(node.tag, node);
  for (const Node& item : node.items) CollectNames(item, names);
  for (const auto& [key, member] : node.members) {
    named(key, member);
    CollectNames(member, names);
  }
}

// Finds an entity of one of the network's lists by id, as the first match of a linear search
// would, in constant time: a template may declare thousands of each kind, and every route,
// rule and association looks one up. Learns the items appended since its last call; entities
// are never removed while templates are mapped.
class IdLookup {
 public:
  template <typename T>
  T* Find(std::vector<T>& items, std::string_view id) {
    Index& index = indexes_[static_cast<const void*>(&items)];
    for (; index.learned < items.size(); ++index.learned) {
      index.positions.emplace(items[index.learned].id, index.learned);
    }
    const auto found = index.positions.find(id);
    return found == index.positions.end() ? nullptr : &items[found->second];
  }

 private:
  struct Index {
    std::size_t learned = 0;
    std::unordered_map<std::string, std::size_t, TransparentStringHash, std::equal_to<>> positions;
  };
  std::map<const void*, Index> indexes_;
};

class Mapper {
 public:
  Mapper(Resolver& resolver, model::Network& network, DiagnosticSink& diagnostics, FileId file,
         model::ScopeId scope, const Node* globals, const Node* outputs,
         std::string id_prefix = "")
      : resolver_(resolver), network_(network), diagnostics_(diagnostics), file_(file),
        scope_(scope), globals_(globals), outputs_(outputs), id_prefix_(std::move(id_prefix)),
        first_vpc_(network.vpcs.size()), first_route_table_(network.route_tables.size()),
        first_network_acl_(network.network_acls.size()) {}

  void Map(const std::string& logical_id, const Node& resource, const std::string& type);
  // Joins standalone rules, routes and associations to their entities, which may have been
  // declared by another template mapped into the same network.
  void JoinPending();
  // Marks the end of this template's entities in the network's lists.
  void EndOfTemplate() {
    end_vpc_ = network_.vpcs.size();
    end_route_table_ = network_.route_tables.size();
    end_network_acl_ = network_.network_acls.size();
  }
  // What AWS creates with this template's VPCs; after every template's JoinPending.
  void AddDefaults();
  void NoteType(const std::string& logical_id, const std::string& type) {
    types_[id_prefix_ + logical_id] = type;
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
  Flag ReadFlag(const Node* properties, std::string_view key) {
    if (!Get(properties, key)) return Flag::kAbsent;
    const std::optional<bool> value = Bool(properties, key);
    if (!value) return Flag::kUnknown;
    return *value ? Flag::kTrue : Flag::kFalse;
  }
  std::optional<std::int64_t> Int(const Node* properties, std::string_view key) {
    std::optional<Value> value = Get(properties, key);
    if (!value || !value->IsString()) return std::nullopt;
    return ParseInt(value->text);
  }
  // An integer property. One that is there but is not an integer, or lies outside [min, max],
  // is reported at its value (`what` names the range: "a port (0-65535)") and is not used; one
  // decided at deployment is not used either, silently.
  IntProperty ReadInt(const std::string& logical_id, const Node* parent, std::string_view key,
                      const std::string& parent_pointer, std::string_view what,
                      std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                      std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
    IntProperty result;
    const std::optional<Value> value = Get(parent, key);
    if (!value) return result;
    result.present = true;
    result.usable = false;
    if (value->IsUnknown()) return result;
    const Node* node = parent->Find(key);
    const SourceRef at = At(*node, parent_pointer + "/" + std::string(key));
    if (!value->IsString()) {
      Warn(logical_id, at,
           std::string(key) + " should be an integer, found " + value->Describe());
      return result;
    }
    const std::optional<std::int64_t> number = ParseInt(value->text);
    if (!number && !LooksLikeInteger(value->text)) {
      Warn(logical_id, at,
           std::string(key) + " should be an integer, found '" + value->text + "'");
      return result;
    }
    if (!number || *number < min || *number > max) {
      Warn(logical_id, at, std::string(key) + " " + value->text + " is not " + std::string(what));
      return result;
    }
    result.value = number;
    result.usable = true;
    return result;
  }
  std::optional<std::uint16_t> ReadPort(const std::string& logical_id, const Node* parent,
                                        std::string_view key, const std::string& parent_pointer) {
    const IntProperty port = ReadInt(logical_id, parent, key, parent_pointer, kPortText, 0, 65535);
    if (!port.value) return std::nullopt;
    return static_cast<std::uint16_t>(*port.value);
  }
  void Warn(const std::string& logical_id, const SourceRef& source, std::string message) {
    diagnostics_.Report("IN004", Severity::kWarning, logical_id, std::move(message), source);
  }
  model::Resource Base(const std::string& logical_id, const Node& resource,
                       const Node* properties) {
    model::Resource base;
    base.id = id_prefix_ + logical_id;
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

  // The node of a property and its pointer, or the resource when the property is absent.
  SourceRef PropertyAt(const std::string& logical_id, const Node& resource,
                       const Node* properties, std::string_view key) const {
    const Node* node = properties != nullptr ? properties->Find(key) : nullptr;
    const std::string pointer = "/Resources/" + EscapePointerToken(logical_id);
    return node != nullptr ? At(*node, pointer + "/Properties/" + std::string(key))
                           : At(resource, pointer);
  }
  // The first of `keys` the properties have, located; the resource when none is there.
  SourceRef FirstPropertyAt(const std::string& logical_id, const Node& resource,
                            const Node* properties,
                            std::initializer_list<std::string_view> keys) const {
    for (std::string_view key : keys) {
      if (properties != nullptr && properties->Find(key) != nullptr) {
        return PropertyAt(logical_id, resource, properties, key);
      }
    }
    return At(resource, "/Resources/" + EscapePointerToken(logical_id));
  }
  static void AddUnique(std::vector<std::string>& ids, const std::string& id) {
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }

  // `standalone`: the item is an AWS::EC2::SecurityGroupIngress/Egress's properties, which
  // findings show at the peer they admit rather than at the first property.
  std::vector<model::SgRule> SgRules(const std::string& logical_id, const Node* item,
                                     const std::string& pointer, model::Direction direction,
                                     bool standalone);
  void MapInstance(const std::string& logical_id, const Node& resource, const Node* properties);
  void MapNetworkInterface(const std::string& logical_id, const Node& resource,
                           const Node* properties);
  void MapLoadBalancing(const std::string& logical_id, const Node& resource,
                        const Node* properties, const std::string& type);
  void MapDataStore(const std::string& logical_id, const Node& resource, const Node* properties,
                    const std::string& type);
  void MapFunction(const std::string& logical_id, const Node& resource, const Node* properties);
  void AddGatewayEndpointRoutes();
  void LinkWorkloads();
  void AssignPublicAddresses();
  // The security groups `node` names, by their ids in the model: the template's own (prefixed
  // in a nested stack) and those a parent stack passes in through parameters.
  [[nodiscard]] std::set<std::string, std::less<>> GroupsNamedIn(const Node& node) const;
  // The groups the model gives the resource `logical_id` of `type` to carry.
  // Per resource type, the groups each carrier (by id) carries.
  using CarrierIndex = std::map<std::string_view,
                                std::unordered_map<std::string_view, const std::vector<std::string>*>,
                                std::less<>>;
  [[nodiscard]] std::vector<std::string> CarriedGroups(const std::string& logical_id,
                                                       const std::string& type,
                                                       const CarrierIndex& index) const;
  [[nodiscard]] bool GroupCarriersDeclared() const;
  [[nodiscard]] std::set<ResourceKind> KindsNamedOutside() const;
  model::RouteTargetKind TargetKind(const Value& target, model::RouteTargetKind fallback) const;

  Resolver& resolver_;
  model::Network& network_;
  mutable IdLookup ids_;  // a cache: looking an id up changes no result
  DiagnosticSink& diagnostics_;
  FileId file_;
  model::ScopeId scope_;
  const Node* globals_;  // a SAM template's Globals section
  const Node* outputs_;
  // Resource (prefixed id) -> the security groups its properties name (GroupsNamedIn).
  std::unordered_map<std::string, std::set<std::string, std::less<>>> group_mentions_;
  std::string id_prefix_;
  // Where this template's entities start in the network's lists (other templates' come first).
  std::size_t first_vpc_;
  std::size_t first_route_table_;
  std::size_t first_network_acl_;
  std::size_t end_vpc_ = 0;
  std::size_t end_route_table_ = 0;
  std::size_t end_network_acl_ = 0;
  // logical id -> Type; hashed, since a large template has a million of them
  std::unordered_map<std::string, std::string> types_;
  std::vector<PendingRule> rules_;
  // Some standalone rule belongs to a group outside the input (judged in a stand-in group).
  bool adds_to_outside_groups_ = false;
  std::vector<PendingRoute> routes_;
  std::vector<PendingLink> route_associations_;
  std::vector<PendingLink> acl_associations_;
  std::vector<PendingLink> gateway_attachments_;
  std::vector<PendingNaclEntry> acl_entries_;
  std::vector<PendingVpcBlock> vpc_blocks_;
  std::vector<PendingInstanceLinks> instance_links_;
  std::vector<PendingElasticIp> elastic_ips_;
  std::map<std::string, LaunchTemplateNetwork, std::less<>> launch_templates_;
  std::vector<std::pair<std::string, std::vector<std::string>>> rule_target_groups_;  // listener
  std::map<std::string, SourceRef, std::less<>> endpoint_tables_source_;  // RouteTableIds
};

std::vector<model::SgRule> Mapper::SgRules(const std::string& logical_id, const Node* item,
                                           const std::string& pointer,
                                           model::Direction direction, bool standalone) {
  std::vector<model::SgRule> rules;
  const bool ingress = direction == model::Direction::kIngress;
  const char* group_key = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  const char* list_key = ingress ? "SourcePrefixListId" : "DestinationPrefixListId";
  SourceRef peer_at = At(*item, pointer);
  for (std::string_view key : {std::string_view("CidrIp"), std::string_view("CidrIpv6"),
                               std::string_view(group_key), std::string_view(list_key),
                               std::string_view("SourceSecurityGroupName")}) {
    if (const Node* node = item->Find(key)) {
      peer_at = At(*node, pointer + "/" + std::string(key));
      break;
    }
  }
  const SourceRef statement = standalone ? peer_at : At(*item, pointer);
  const std::optional<Value> protocol_value = Get(item, "IpProtocol");
  std::optional<model::TrafficSelector> traffic;
  if (!protocol_value) {
    Warn(logical_id, statement, "security group rule without IpProtocol");
  } else if (!protocol_value->IsString()) {
    Warn(logical_id, statement,
         "protocol of this rule is unknown: " + protocol_value->Describe());
  } else if (std::optional<model::Protocol> protocol = model::Protocol::Parse(protocol_value->text)) {
    // For ICMP the two ports hold the type and the code.
    const bool icmp = protocol->IsIcmp();
    const IntProperty from = ReadInt(logical_id, item, "FromPort", pointer,
                                     icmp ? "an ICMP type (-1-255)" : kPortText);
    const IntProperty to = ReadInt(logical_id, item, "ToPort", pointer,
                                   icmp ? "an ICMP code (-1-255)" : kPortText);
    if (from.usable && to.usable) {
      model::TrafficParse parsed = model::SecurityGroupTraffic(*protocol, from.value, to.value);
      if (!parsed.problem.empty()) Warn(logical_id, statement, parsed.problem);
      traffic = parsed.traffic;
    }
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
  rule.source = peer_at;
  rule.statement = statement;
  model::SgPeer& peer = rule.peer;
  auto unknown = [&](const Value& value) {
    peer.SetUnknown(value.IsUnknown() ? value.text : value.Describe());
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
    peer.SetReference(Text(item, ingress ? "SourceSecurityGroupOwnerId" : ""), "", "", "");
  } else if (std::optional<Value> list = Get(item, list_key)) {
    peer.kind = model::SgPeer::Kind::kPrefixList;
    peer.id = TextOf(*list);
    if (peer.id.empty()) unknown(*list);
  } else if (ingress && Get(item, "SourceSecurityGroupName")) {
    peer.SetUnknown("group named by SourceSecurityGroupName (default VPC only)");
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
  if (properties != nullptr) {
    std::set<std::string, std::less<>> groups = GroupsNamedIn(*properties);
    if (!groups.empty()) group_mentions_[id_prefix_ + logical_id] = std::move(groups);
  }
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
    if (const Flag map = ReadFlag(properties, "MapPublicIpOnLaunch"); map != Flag::kUnknown) {
      subnet.map_public_ip_on_launch = map == Flag::kTrue;
    }
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
    pending.table_source = PropertyAt(logical_id, resource, properties, "RouteTableId");
    model::Route& route = pending.route;
    route.source = FirstPropertyAt(
        logical_id, resource, properties,
        {"DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId"});
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
                                   PropertyAt(logical_id, resource, properties, "SubnetId"),
                                   logical_id,
                                   PropertyAt(logical_id, resource, properties, "RouteTableId")});
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
      gateway_attachments_.push_back(
          {gateway, Text(properties, "VpcId"),
           At(resource, "/Resources/" + EscapePointerToken(logical_id)), logical_id,
           PropertyAt(logical_id, resource, properties, "InternetGatewayId")});
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
                     ingress ? model::Direction::kIngress : model::Direction::kEgress, false)) {
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
    // An unknown group (a parameter without a value, an import no template exports) leaves
    // the rule to be judged on its own (JoinPending).
    std::string group = Text(properties, "GroupId");
    if (properties == nullptr) return;
    const SourceRef resource_source = At(resource, "/Resources/" + EscapePointerToken(logical_id));
    for (model::SgRule& rule : SgRules(logical_id, properties, pointer,
                                       ingress ? model::Direction::kIngress
                                               : model::Direction::kEgress,
                                       true)) {
      rules_.push_back({group, std::move(rule), logical_id,
                        PropertyAt(logical_id, resource, properties, "GroupId"), resource_source});
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
    pending.acl_source = PropertyAt(logical_id, resource, properties, "NetworkAclId");
    model::NaclEntry& entry = pending.entry;
    entry.source = FirstPropertyAt(logical_id, resource, properties, {"CidrBlock", "Ipv6CidrBlock"});
    const IntProperty number =
        ReadInt(logical_id, properties, "RuleNumber", pointer, "a rule number (1-32766)", 1, 32766);
    if (!number.value) {
      if (!number.present || Get(properties, "RuleNumber")->IsUnknown()) {
        Warn(logical_id, entry.source, "RuleNumber is unknown; the entry is ignored");
      }
      return;
    }
    entry.rule_number = static_cast<int>(*number.value);
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
      const IntProperty from =
          ReadInt(logical_id, ports, "From", pointer + "/PortRange", kPortText, 0, 65535);
      const IntProperty to =
          ReadInt(logical_id, ports, "To", pointer + "/PortRange", kPortText, 0, 65535);
      const IntProperty icmp_type =
          ReadInt(logical_id, icmp, "Type", pointer + "/Icmp", "an ICMP type (-1-255)");
      const IntProperty icmp_code =
          ReadInt(logical_id, icmp, "Code", pointer + "/Icmp", "an ICMP code (-1-255)");
      if (from.usable && to.usable && icmp_type.usable && icmp_code.usable) {
        model::TrafficParse parsed = model::NetworkAclTraffic(*protocol, from.value, to.value,
                                                              icmp_type.value, icmp_code.value);
        if (!parsed.problem.empty()) Warn(logical_id, entry.source, parsed.problem);
        entry.traffic = parsed.traffic;
      }
    } else {
      Warn(logical_id, entry.source, "entry protocol is unknown; what it matches is unknown");
    }
    acl_entries_.push_back(std::move(pending));
  } else if (type == "AWS::EC2::SubnetNetworkAclAssociation") {
    acl_associations_.push_back({Text(properties, "NetworkAclId"), Text(properties, "SubnetId"),
                                 PropertyAt(logical_id, resource, properties, "SubnetId"),
                                 logical_id,
                                 PropertyAt(logical_id, resource, properties, "NetworkAclId")});
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
    endpoint_tables_source_[endpoint.id] =
        PropertyAt(logical_id, resource, properties, "RouteTableIds");
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
    if (const IntProperty count = ReadInt(logical_id, properties, "DesiredCount", pointer,
                                          "a task count", 0, std::numeric_limits<int>::max());
        count.value) {
      service.desired_count = static_cast<int>(*count.value);
    }
    const Node* network = properties != nullptr ? properties->Find("NetworkConfiguration") : nullptr;
    const Node* awsvpc = network != nullptr ? network->Find("AwsvpcConfiguration") : nullptr;
    if (awsvpc != nullptr) {
      model::AwsvpcConfiguration configuration;
      configuration.subnet_ids = Ids(awsvpc, "Subnets");
      configuration.security_group_ids = Ids(awsvpc, "SecurityGroups");
      // DISABLED is the default; a value the template does not know leaves it unknown.
      if (const std::optional<Value> assign = Get(awsvpc, "AssignPublicIp"); !assign) {
        configuration.assign_public_ip = false;
      } else if (assign->IsString()) {
        configuration.assign_public_ip = assign->text == "ENABLED";
      }
      service.network = std::move(configuration);
    }
    for (const Value& item : List(properties, "LoadBalancers")) {
      if (item.kind != Value::Kind::kObject) continue;
      model::ServiceLoadBalancer balancer;
      balancer.target_group_id = Text(item.object, "TargetGroupArn");
      balancer.load_balancer_name = Text(item.object, "LoadBalancerName");
      balancer.container_name = Text(item.object, "ContainerName");
      balancer.container_port =
          ReadPort(logical_id, item.object, "ContainerPort", pointer + "/LoadBalancers");
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
        port.container_port =
            ReadPort(logical_id, mapping.object, "ContainerPort", pointer + "/ContainerDefinitions");
        port.host_port =
            ReadPort(logical_id, mapping.object, "HostPort", pointer + "/ContainerDefinitions");
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
  } else if (type == "AWS::EC2::VPCCidrBlock") {
    PendingVpcBlock block;
    block.logical_id = logical_id;
    block.vpc_id = Text(properties, "VpcId");
    block.source = FirstPropertyAt(logical_id, resource, properties,
                                   {"CidrBlock", "Ipv6CidrBlock", "AmazonProvidedIpv6CidrBlock",
                                    "Ipv4IpamPoolId", "Ipv6IpamPoolId"});
    if (std::optional<Value> cidr = Get(properties, "CidrBlock")) {
      if (cidr->IsString()) block.cidr_v4 = model::Ipv4Prefix::Parse(cidr->text);
      if (!block.cidr_v4) block.unknown = true;
      if (!block.cidr_v4 && cidr->IsString()) {
        Warn(logical_id, block.source, "CidrBlock '" + cidr->text + "' is not an IPv4 CIDR block");
      }
    } else if (std::optional<Value> cidr6 = Get(properties, "Ipv6CidrBlock")) {
      if (cidr6->IsString()) block.cidr_v6 = model::Ipv6Prefix::Parse(cidr6->text);
      if (!block.cidr_v6) block.unknown = true;
    } else {
      // An Amazon-provided or IPAM block: present, but its value is decided at deployment.
      block.unknown = true;
    }
    vpc_blocks_.push_back(std::move(block));
  } else if (type == "AWS::EC2::PrefixList") {
    model::PrefixList list;
    static_cast<model::Resource&>(list) = Base(logical_id, resource, properties);
    list.name = Text(properties, "PrefixListName");
    list.family = Text(properties, "AddressFamily") == "IPv6" ? model::IpFamily::kV6
                                                             : model::IpFamily::kV4;
    if (const IntProperty max = ReadInt(logical_id, properties, "MaxEntries", pointer,
                                        "an entry count", 1, std::numeric_limits<int>::max());
        max.value) {
      list.max_entries = static_cast<int>(*max.value);
    }
    list.entries_known = true;
    std::optional<Value> entries = Get(properties, "Entries");
    if (entries && entries->IsUnknown()) list.entries_known = false;
    for (const Value& item : List(properties, "Entries")) {
      if (item.kind != Value::Kind::kObject) {
        if (item.kind != Value::Kind::kNoValue) list.entries_known = false;
        continue;
      }
      model::PrefixListEntry entry;
      entry.description = Text(item.object, "Description");
      std::optional<Value> cidr = Get(item.object, "Cidr");
      if (!cidr || !cidr->IsString()) {
        list.entries_known = false;
        continue;
      }
      entry.cidr_v4 = model::Ipv4Prefix::Parse(cidr->text);
      if (!entry.cidr_v4) entry.cidr_v6 = model::Ipv6Prefix::Parse(cidr->text);
      if (!entry.cidr_v4 && !entry.cidr_v6) {
        Warn(logical_id, At(*item.object, pointer + "/Entries"),
             "prefix list entry '" + cidr->text + "' is not a CIDR block");
        list.entries_known = false;
        continue;
      }
      list.entries.push_back(std::move(entry));
    }
    network_.prefix_lists.push_back(std::move(list));
  } else if (type == "AWS::EC2::VPCPeeringConnection") {
    model::VpcPeering peering;
    static_cast<model::Resource&>(peering) = Base(logical_id, resource, properties);
    peering.requester.vpc_id = Text(properties, "VpcId");
    peering.accepter.vpc_id = Text(properties, "PeerVpcId");
    peering.accepter.owner_id = Text(properties, "PeerOwnerId");
    peering.accepter.region = Text(properties, "PeerRegion");
    // CloudFormation accepts a peering it can: in the same account, or another account that
    // lends it PeerRoleArn. Otherwise the other side has to accept it.
    const bool other_account = properties != nullptr && properties->Find("PeerOwnerId") != nullptr;
    const bool role = properties != nullptr && properties->Find("PeerRoleArn") != nullptr;
    peering.status = !other_account || role ? "active" : "pending-acceptance";
    network_.vpc_peerings.push_back(std::move(peering));
  } else if (type == "AWS::EC2::Instance") {
    MapInstance(logical_id, resource, properties);
  } else if (type == "AWS::EC2::LaunchTemplate") {
    LaunchTemplateNetwork network;
    const Node* data = properties != nullptr ? properties->Find("LaunchTemplateData") : nullptr;
    network.security_group_ids = Ids(data, "SecurityGroupIds");
    for (const std::string& id : Ids(data, "SecurityGroups")) AddUnique(network.security_group_ids, id);
    for (const Value& item : List(data, "NetworkInterfaces")) {
      if (item.kind != Value::Kind::kObject) continue;
      ++network.interface_count;
      const std::string device = Text(item.object, "DeviceIndex");
      if (!device.empty() && device != "0") continue;
      network.subnet_id = Text(item.object, "SubnetId");
      network.associate_public_ip = ReadFlag(item.object, "AssociatePublicIpAddress");
      for (const std::string& id : Ids(item.object, "Groups")) AddUnique(network.security_group_ids, id);
    }
    launch_templates_[logical_id] = std::move(network);
  } else if (type == "AWS::EC2::NetworkInterface") {
    MapNetworkInterface(logical_id, resource, properties);
  } else if (type == "AWS::EC2::EIP" || type == "AWS::EC2::EIPAssociation") {
    PendingElasticIp address{Text(properties, "InstanceId"), Text(properties, "NetworkInterfaceId")};
    if (!address.instance_id.empty() || !address.interface_id.empty()) {
      elastic_ips_.push_back(std::move(address));
    }
  } else if (type.rfind("AWS::ElasticLoadBalancingV2::", 0) == 0) {
    MapLoadBalancing(logical_id, resource, properties, type);
  } else if (type.rfind("AWS::RDS::", 0) == 0 || type.rfind("AWS::ElastiCache::", 0) == 0) {
    MapDataStore(logical_id, resource, properties, type);
  } else if (type == "AWS::Serverless::Function" || type == "AWS::Lambda::Function") {
    MapFunction(logical_id, resource, properties);
  }
}

void Mapper::MapInstance(const std::string& logical_id, const Node& resource,
                         const Node* properties) {
  model::Instance instance;
  static_cast<model::Resource&>(instance) = Base(logical_id, resource, properties);
  instance.subnet_id = Text(properties, "SubnetId");
  for (const char* key : {"SecurityGroupIds", "SecurityGroups"}) {
    for (const std::string& id : Ids(properties, key)) AddUnique(instance.security_group_ids, id);
  }
  if (std::optional<bool> check = Bool(properties, "SourceDestCheck")) {
    instance.source_dest_check = check;
  }
  PendingInstanceLinks links;
  links.instance_id = logical_id;
  for (const Value& item : List(properties, "NetworkInterfaces")) {
    if (item.kind != Value::Kind::kObject) continue;
    ++links.interface_count;
    const std::string device = Text(item.object, "DeviceIndex");
    const std::string interface_id = Text(item.object, "NetworkInterfaceId");
    if (!interface_id.empty()) {
      links.interface_ids.push_back(interface_id);
      if (device == "0") links.primary_interface_id = interface_id;
      continue;
    }
    if (device == "0") {
      links.associate_public_ip = ReadFlag(item.object, "AssociatePublicIpAddress");
    }
    // The primary interface decides the instance's subnet; every interface's groups apply.
    if (device == "0" || instance.subnet_id.empty()) {
      const std::string subnet = Text(item.object, "SubnetId");
      if (!subnet.empty()) instance.subnet_id = subnet;
    }
    for (const std::string& id : Ids(item.object, "GroupSet")) {
      AddUnique(instance.security_group_ids, id);
    }
  }
  if (const Node* launch = properties != nullptr ? properties->Find("LaunchTemplate") : nullptr) {
    links.launch_template_id = Text(launch, "LaunchTemplateId");
  }
  instance_links_.push_back(std::move(links));
  network_.instances.push_back(std::move(instance));
}

void Mapper::MapNetworkInterface(const std::string& logical_id, const Node& resource,
                                 const Node* properties) {
  model::NetworkInterface eni;
  static_cast<model::Resource&>(eni) = Base(logical_id, resource, properties);
  eni.subnet_id = Text(properties, "SubnetId");
  eni.description = Text(properties, "Description");
  eni.interface_type = Text(properties, "InterfaceType");
  eni.security_group_ids = Ids(properties, "GroupSet");
  eni.source_dest_check = Bool(properties, "SourceDestCheck").value_or(true);
  eni.owner = model::InterfaceOwner::kUnattached;
  if (std::optional<Value> address = Get(properties, "PrivateIpAddress"); address && address->IsString()) {
    if (auto ip = model::Ipv4Address::Parse(address->text)) eni.private_ips.push_back(*ip);
  }
  network_.network_interfaces.push_back(std::move(eni));
}

void Mapper::MapLoadBalancing(const std::string& logical_id, const Node& resource,
                              const Node* properties, const std::string& type) {
  const std::string pointer = "/Resources/" + EscapePointerToken(logical_id) + "/Properties";
  // Forward actions name target groups directly or through ForwardConfig.
  auto forward_groups = [&](const Value& action, std::vector<std::string>& groups) {
    if (action.kind != Value::Kind::kObject) return;
    AddUnique(groups, Text(action.object, "TargetGroupArn"));
    if (const Node* forward = action.object->Find("ForwardConfig")) {
      for (const Value& group : List(forward, "TargetGroups")) {
        if (group.kind == Value::Kind::kObject) AddUnique(groups, Text(group.object, "TargetGroupArn"));
      }
    }
  };
  if (type == "AWS::ElasticLoadBalancingV2::LoadBalancer") {
    model::LoadBalancer lb;
    static_cast<model::Resource&>(lb) = Base(logical_id, resource, properties);
    lb.name = Text(properties, "Name");
    if (lb.name.empty()) lb.name = logical_id;
    const std::string lb_type = Text(properties, "Type");
    lb.type = lb_type.empty() || lb_type == "application" ? model::LoadBalancerType::kApplication
              : lb_type == "network"                     ? model::LoadBalancerType::kNetwork
              : lb_type == "gateway"                     ? model::LoadBalancerType::kGateway
                                                         : model::LoadBalancerType::kUnknown;
    const std::optional<Value> scheme = Get(properties, "Scheme");
    if (!scheme) {
      lb.internet_facing = true;
    } else if (scheme->IsString()) {
      if (scheme->text == "internet-facing") lb.internet_facing = true;
      if (scheme->text == "internal") lb.internet_facing = false;
    }
    lb.state = "active";
    lb.ip_address_type = Text(properties, "IpAddressType");
    for (const std::string& subnet : Ids(properties, "Subnets")) lb.subnets.push_back({subnet, ""});
    for (const Value& mapping : List(properties, "SubnetMappings")) {
      if (mapping.kind != Value::Kind::kObject) continue;
      const std::string subnet = Text(mapping.object, "SubnetId");
      if (!subnet.empty()) lb.subnets.push_back({subnet, ""});
    }
    const std::optional<Value> groups = Get(properties, "SecurityGroups");
    lb.security_group_ids = Ids(properties, "SecurityGroups");
    // An ALB always has groups (the VPC's default when none is named); an NLB only when
    // created with them; a gateway LB never.
    lb.has_security_groups = lb.type == model::LoadBalancerType::kApplication ||
                             (lb.type == model::LoadBalancerType::kNetwork && groups.has_value());
    network_.load_balancers.push_back(std::move(lb));
  } else if (type == "AWS::ElasticLoadBalancingV2::Listener") {
    model::Listener listener;
    static_cast<model::Resource&>(listener) = Base(logical_id, resource, properties);
    listener.load_balancer_id = Text(properties, "LoadBalancerArn");
    listener.port = ReadPort(logical_id, properties, "Port", pointer);
    listener.protocol = Text(properties, "Protocol");
    for (const Value& action : List(properties, "DefaultActions")) {
      if (action.kind != Value::Kind::kObject) continue;
      AddUnique(listener.action_types, Text(action.object, "Type"));
      forward_groups(action, listener.target_group_ids);
    }
    network_.listeners.push_back(std::move(listener));
  } else if (type == "AWS::ElasticLoadBalancingV2::ListenerRule") {
    std::vector<std::string> groups;
    for (const Value& action : List(properties, "Actions")) forward_groups(action, groups);
    rule_target_groups_.emplace_back(Text(properties, "ListenerArn"), std::move(groups));
  } else if (type == "AWS::ElasticLoadBalancingV2::TargetGroup") {
    model::TargetGroup group;
    static_cast<model::Resource&>(group) = Base(logical_id, resource, properties);
    group.name = Text(properties, "Name");
    if (group.name.empty()) group.name = logical_id;
    group.protocol = Text(properties, "Protocol");
    group.port = ReadPort(logical_id, properties, "Port", pointer);
    group.vpc_id = Text(properties, "VpcId");
    group.target_type = Text(properties, "TargetType");
    if (group.target_type.empty()) group.target_type = "instance";
    group.health_check_port = Text(properties, "HealthCheckPort");
    group.health_check_protocol = Text(properties, "HealthCheckProtocol");
    // Targets registered by ECS or Auto Scaling are not in the template: only a Targets list
    // makes them known.
    if (const Node* targets = properties != nullptr ? properties->Find("Targets") : nullptr) {
      group.targets_known = true;
      std::size_t index = 0;
      for (const Value& item : List(properties, "Targets")) {
        if (item.kind != Value::Kind::kObject) continue;
        model::Target target;
        target.id = Text(item.object, "Id");
        target.port = ReadPort(logical_id, item.object, "Port",
                               pointer + "/Targets/" + std::to_string(index));
        target.availability_zone = Text(item.object, "AvailabilityZone");
        const Node* at = targets->IsSequence() && index < targets->items.size()
                             ? &targets->items[index]
                             : targets;
        target.source = At(*at, "/Resources/" + EscapePointerToken(logical_id) +
                                    "/Properties/Targets/" + std::to_string(index));
        ++index;
        if (target.id.empty()) {
          group.targets_known = false;
          continue;
        }
        group.targets.push_back(std::move(target));
      }
    }
    network_.target_groups.push_back(std::move(group));
  }
}

void Mapper::MapDataStore(const std::string& logical_id, const Node& resource,
                          const Node* properties, const std::string& type) {
  const std::string pointer = "/Resources/" + EscapePointerToken(logical_id) + "/Properties";
  if (type == "AWS::RDS::DBInstance") {
    model::DbInstance db;
    static_cast<model::Resource&>(db) = Base(logical_id, resource, properties);
    db.engine = Text(properties, "Engine");
    db.status = "available";
    db.port = ReadPort(logical_id, properties, "Port", pointer);
    db.multi_az = Bool(properties, "MultiAZ");
    db.cluster_id = Text(properties, "DBClusterIdentifier");
    db.security_group_ids = Ids(properties, "VPCSecurityGroups");
    db.subnet_group = Text(properties, "DBSubnetGroupName");
    if (Get(properties, "PubliclyAccessible")) {
      db.publicly_accessible = Bool(properties, "PubliclyAccessible");
    } else if (!db.subnet_group.empty() && db.subnet_group != "default") {
      // CreateDBInstance's documented default with a subnet group other than "default".
      // Without one the default depends on the account's default VPC: left unknown.
      db.publicly_accessible = false;
    }
    network_.db_instances.push_back(std::move(db));
  } else if (type == "AWS::RDS::DBSubnetGroup") {
    model::DbSubnetGroup group;
    static_cast<model::Resource&>(group) = Base(logical_id, resource, properties);
    group.subnet_ids = Ids(properties, "SubnetIds");
    group.status = "Complete";
    network_.db_subnet_groups.push_back(std::move(group));
  } else if (type == "AWS::ElastiCache::SubnetGroup") {
    model::CacheSubnetGroup group;
    static_cast<model::Resource&>(group) = Base(logical_id, resource, properties);
    group.subnet_ids = Ids(properties, "SubnetIds");
    network_.cache_subnet_groups.push_back(std::move(group));
  } else if (type == "AWS::ElastiCache::CacheCluster") {
    model::CacheCluster cache;
    static_cast<model::Resource&>(cache) = Base(logical_id, resource, properties);
    cache.engine = Text(properties, "Engine");
    cache.status = "available";
    cache.subnet_group = Text(properties, "CacheSubnetGroupName");
    cache.security_group_ids = Ids(properties, "VpcSecurityGroupIds");
    cache.port = ReadPort(logical_id, properties, "Port", pointer);
    network_.cache_clusters.push_back(std::move(cache));
  } else if (type == "AWS::ElastiCache::ReplicationGroup") {
    model::ReplicationGroup group;
    static_cast<model::Resource&>(group) = Base(logical_id, resource, properties);
    group.status = "available";
    group.subnet_group = Text(properties, "CacheSubnetGroupName");
    group.security_group_ids = Ids(properties, "SecurityGroupIds");
    group.port = ReadPort(logical_id, properties, "Port", pointer);
    network_.replication_groups.push_back(std::move(group));
  }
}

// A function in a VPC has one interface per subnet, owned by Lambda and carrying the
// function's groups. Their addresses are decided at deployment.
void Mapper::MapFunction(const std::string& logical_id, const Node& resource,
                         const Node* properties) {
  const Node* config = properties != nullptr ? properties->Find("VpcConfig") : nullptr;
  if (config == nullptr && globals_ != nullptr) {
    if (const Node* function = globals_->Find("Function")) config = function->Find("VpcConfig");
  }
  if (config == nullptr) return;
  const std::vector<std::string> groups = Ids(config, "SecurityGroupIds");
  for (const std::string& subnet : Ids(config, "SubnetIds")) {
    model::NetworkInterface eni;
    static_cast<model::Resource&>(eni) = Base(logical_id, resource, properties);
    eni.id = logical_id;
    eni.id += ".Interface.";
    eni.id += subnet;
    eni.subnet_id = subnet;
    eni.security_group_ids = groups;
    eni.interface_type = "lambda";
    eni.owner = model::InterfaceOwner::kLambda;
    eni.owner_ref = logical_id;
    eni.derived = true;
    network_.network_interfaces.push_back(std::move(eni));
  }
}

void Mapper::JoinPending() {
  auto find = [this](auto& items, std::string_view id) { return ids_.Find(items, id); };
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
    model::SecurityGroup* group =
        pending.group_id.empty() ? nullptr : find(network_.security_groups, pending.group_id);
    if (group == nullptr) {
      // A group outside the input (another stack's, an imported or passed-in id): what this
      // rule opens, it opens whatever else the group holds, so the rule is judged on its own,
      // in a stand-in named after the rule's resource (as cfn_nag names it).
      const std::string stand_in_id = id_prefix_ + pending.logical_id;
      group = find(network_.security_groups, stand_in_id);
      if (group == nullptr) {
        if (pending.group_id.empty()) {
          diagnostics_.Report("IN004", Severity::kNote, pending.logical_id,
                              "the group of this rule is unknown; the rule is judged on its own",
                              pending.resource_source);
        } else {
          diagnostics_.Report("IN003", Severity::kNote, pending.logical_id,
                              "security group " + pending.group_id +
                                  " is not declared in the template; the rule is judged on its own",
                              pending.group_source);
        }
        model::SecurityGroup stand_in;
        stand_in.id = stand_in_id;
        stand_in.scope = scope_;
        stand_in.source = pending.resource_source;
        network_.security_groups.push_back(std::move(stand_in));
        group = &network_.security_groups.back();
        adds_to_outside_groups_ = true;
      }
    }
    (pending.rule.direction == model::Direction::kIngress ? group->ingress : group->egress)
        .push_back(std::move(pending.rule));
  }
  for (PendingLink& link : gateway_attachments_) {
    model::InternetGateway* gateway = find(network_.internet_gateways, link.from);
    if (gateway == nullptr) {
      dangling(link.logical_id, link.from_source, "internet gateway", link.from);
      continue;
    }
    gateway->attachments.push_back({link.to, true});
  }
  for (PendingLink& link : route_associations_) {
    model::RouteTable* table = find(network_.route_tables, link.from);
    if (table == nullptr) {
      dangling(link.logical_id, link.from_source, "route table", link.from);
      continue;
    }
    table->associations.push_back({link.to, "", false, link.source});
  }
  for (PendingLink& link : acl_associations_) {
    model::NetworkAcl* acl = find(network_.network_acls, link.from);
    if (acl == nullptr) {
      dangling(link.logical_id, link.from_source, "network ACL", link.from);
      continue;
    }
    acl->subnet_ids.push_back(link.to);
  }
  for (PendingRoute& pending : routes_) {
    model::RouteTable* table = find(network_.route_tables, pending.table_id);
    if (table == nullptr) {
      dangling(pending.logical_id, pending.table_source, "route table", pending.table_id);
      continue;
    }
    table->routes.push_back(std::move(pending.route));
  }
  for (PendingNaclEntry& pending : acl_entries_) {
    model::NetworkAcl* acl = find(network_.network_acls, pending.acl_id);
    if (acl == nullptr) {
      dangling(pending.logical_id, pending.acl_source, "network ACL", pending.acl_id);
      continue;
    }
    acl->entries.push_back(std::move(pending.entry));
  }
  for (PendingVpcBlock& block : vpc_blocks_) {
    model::Vpc* vpc = find(network_.vpcs, block.vpc_id);
    if (vpc == nullptr) {
      dangling(block.logical_id, block.source, "VPC", block.vpc_id);
      continue;
    }
    if (block.cidr_v4) vpc->cidrs_v4.push_back({*block.cidr_v4, true, block.source});
    if (block.cidr_v6) vpc->cidrs_v6.push_back({*block.cidr_v6, true, block.source});
    if (block.unknown) vpc->cidrs_known = false;
  }
  // NAT gateways in a subnet belong to its VPC.
  for (model::NatGateway& gateway : network_.nat_gateways) {
    if (!gateway.vpc_id.empty()) continue;
    if (const model::Subnet* subnet = find(network_.subnets, gateway.subnet_id)) {
      gateway.vpc_id = subnet->vpc_id;
    }
  }
}

void Mapper::AddDefaults() {
  auto find = [this](auto& items, std::string_view id) { return ids_.Find(items, id); };

  for (model::VpcPeering& peering : network_.vpc_peerings) {
    for (model::PeeringSide* side : {&peering.requester, &peering.accepter}) {
      const model::Vpc* vpc = find(network_.vpcs, side->vpc_id);
      // Every template's mapper passes here: fill each side once.
      if (vpc == nullptr || !side->cidrs_v4.empty() || !side->cidrs_v6.empty()) continue;
      for (const model::VpcCidrV4& block : vpc->cidrs_v4) side->cidrs_v4.push_back(block.cidr);
      for (const model::VpcCidrV6& block : vpc->cidrs_v6) side->cidrs_v6.push_back(block.cidr);
    }
  }

  // What AWS creates with every VPC: the main route table (local routes only), the default
  // network ACL (allows everything) and the default security group.
  const std::unordered_map<std::string, std::vector<std::string>> default_acl_subnets =
      model::SubnetsOfDefaultAcls(network_.subnets, model::SubnetsListedByAcls(network_.network_acls));
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
  for (std::size_t i = first_route_table_; i < end_route_table_; ++i) {
    model::RouteTable& table = network_.route_tables[i];
    if (const model::Vpc* vpc = find(network_.vpcs, table.vpc_id)) local_routes(*vpc, table);
  }
  for (std::size_t i = first_network_acl_; i < end_network_acl_; ++i) {
    final_deny(network_.network_acls[i]);
  }
  for (std::size_t i = first_vpc_; i < end_vpc_; ++i) {
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
    acl.implicit = true;
    if (auto subnets = default_acl_subnets.find(vpc.id); subnets != default_acl_subnets.end()) {
      acl.subnet_ids = subnets->second;
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

    model::SecurityGroup group =
        model::DefaultSecurityGroup(vpc, vpc.id + ".DefaultSecurityGroup", scope_);
    network_.security_groups.push_back(std::move(group));
  }
  for (model::NetworkAcl& acl : network_.network_acls) {
    std::stable_sort(acl.entries.begin(), acl.entries.end(),
                     [](const model::NaclEntry& a, const model::NaclEntry& b) {
                       if (a.direction != b.direction) return a.direction < b.direction;
                       return a.rule_number < b.rule_number;
                     });
  }
  AddGatewayEndpointRoutes();
  LinkWorkloads();
  AssignPublicAddresses();
  const std::set<ResourceKind> external = KindsNamedOutside();
  for (ResourceKind kind :
       {ResourceKind::kVpc, ResourceKind::kSubnet, ResourceKind::kRouteTable,
        ResourceKind::kInternetGateway, ResourceKind::kEgressOnlyInternetGateway,
        ResourceKind::kNatGateway, ResourceKind::kVpcEndpoint, ResourceKind::kSecurityGroup,
        ResourceKind::kNetworkAcl, ResourceKind::kEcsService, ResourceKind::kTaskDefinition}) {
    if (!external.contains(kind)) network_.MarkComplete(scope_, kind);
  }
  // Not complete: peerings, load balancers, listeners and target groups are often declared by
  // another stack and named here by a literal id or ARN; interfaces' addresses are decided at
  // deployment, so a template cannot say that no interface has an address.
  if (GroupCarriersDeclared()) network_.MarkGroupCarriersComplete(scope_);
}

std::set<std::string, std::less<>> Mapper::GroupsNamedIn(const Node& node) const {
  std::set<std::string, std::less<>> names;
  CollectNames(node, names);
  std::set<std::string, std::less<>> groups;
  const Node* parameters = resolver_.sections().parameters;
  for (const std::string& name : names) {
    // Resources are known by their prefixed ids (a nested stack's "Network/AppSg").
    auto type = types_.find(id_prefix_ + name);
    if (type != types_.end()) {
      if (type->second == "AWS::EC2::SecurityGroup") groups.insert(id_prefix_ + name);
      continue;
    }
    // A group a parent stack passes to this nested stack arrives as a parameter's value.
    if (parameters == nullptr || parameters->Find(name) == nullptr) continue;
    Node ref;
    ref.kind = Node::Kind::kMap;
    Node argument;
    argument.kind = Node::Kind::kScalar;
    argument.scalar = name;
    ref.members.emplace_back("Ref", std::move(argument));
    const Value value = resolver_.Resolve(ref);
    const std::vector<Value> values = value.kind == Value::Kind::kList ? value.list : std::vector<Value>{value};
    for (const Value& each : values) {
      if (each.kind != Value::Kind::kReference && each.kind != Value::Kind::kString) continue;
      if (ids_.Find(network_.security_groups, each.text) != nullptr) groups.insert(each.text);
    }
  }
  return groups;
}

std::vector<std::string> Mapper::CarriedGroups(const std::string& logical_id,
                                               const std::string& type,
                                               const CarrierIndex& index) const {
  if (auto list = index.find(type); list != index.end()) {
    auto found = list->second.find(logical_id);
    if (found == list->second.end() || found->second == nullptr) return {};
    return *found->second;
  }
  if (type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function") {
    // A function's interfaces name it by its logical id as written.
    const std::string_view written = std::string_view(logical_id).substr(id_prefix_.size());
    std::vector<std::string> groups;
    for (const model::NetworkInterface& eni : network_.network_interfaces) {
      if (eni.owner == model::InterfaceOwner::kLambda && eni.source.file == file_ && eni.owner_ref == written) {
        for (const std::string& group : eni.security_group_ids) AddUnique(groups, group);
      }
    }
    return groups;
  }
  return {};
}

// Whether the model holds every carrier of the template's security groups: the template
// declares workloads, and each resource that names a group is a workload netlint maps and
// carries it there, or a rule of a group. A template of groups alone is there for others to
// use (by an id looked up later); a group named by an output (another stack may use it), a
// launch template (Auto Scaling groups), a type netlint does not map (EFS, Aurora clusters,
// EKS), or a workload whose placement is not known (a function whose subnets are unknown) may
// be carried by something the model lacks.
bool Mapper::GroupCarriersDeclared() const {
  if (outputs_ != nullptr && !GroupsNamedIn(*outputs_).empty()) return false;
  // Rules for another stack's groups: the template is part of a deployment it does not show,
  // and the stand-ins holding those rules have carriers nobody here can list.
  if (adds_to_outside_groups_) return false;
  auto declared = [&](const auto& items) {
    return std::any_of(items.begin(), items.end(),
                       [&](const auto& item) { return item.source.file == file_; });
  };
  const bool workloads = declared(network_.instances) || declared(network_.network_interfaces) ||
                         declared(network_.load_balancers) || declared(network_.ecs_services) ||
                         declared(network_.db_instances) || declared(network_.cache_clusters) ||
                         declared(network_.replication_groups) ||
                         std::any_of(network_.vpc_endpoints.begin(), network_.vpc_endpoints.end(),
                                     [&](const model::VpcEndpoint& endpoint) {
                                       return endpoint.source.file == file_ &&
                                              endpoint.type == model::EndpointType::kInterface;
                                     });
  if (!workloads) return false;
  // Each list indexed by id once (the first item with an id wins, as a scan would find it):
  // looking every mention up by a scan of the list grew with the square of a large template.
  CarrierIndex index;
  auto add = [&](std::string_view type, const auto& items) {
    auto& by_id = index[type];
    for (const auto& item : items) by_id.emplace(item.id, &item.security_group_ids);
  };
  add("AWS::EC2::Instance", network_.instances);
  add("AWS::EC2::NetworkInterface", network_.network_interfaces);
  add("AWS::EC2::VPCEndpoint", network_.vpc_endpoints);
  add("AWS::ElasticLoadBalancingV2::LoadBalancer", network_.load_balancers);
  add("AWS::RDS::DBInstance", network_.db_instances);
  add("AWS::ElastiCache::CacheCluster", network_.cache_clusters);
  add("AWS::ElastiCache::ReplicationGroup", network_.replication_groups);
  for (const model::EcsService& service : network_.ecs_services) {
    // The first service with the id and a network configuration.
    if (service.network) {
      index["AWS::ECS::Service"].emplace(service.id, &service.network->security_group_ids);
    }
  }
  for (const auto& [logical_id, groups] : group_mentions_) {  // prefixed ids
    const std::string& type = types_.at(logical_id);
    if (type == "AWS::EC2::SecurityGroup" || type == "AWS::EC2::SecurityGroupIngress" ||
        type == "AWS::EC2::SecurityGroupEgress") {
      continue;
    }
    const std::vector<std::string> carried = CarriedGroups(logical_id, type, index);
    for (const std::string& group : groups) {
      if (std::find(carried.begin(), carried.end(), group) == carried.end()) return false;
    }
  }
  return true;
}

// The kinds this template names by a literal id (sg-0abc..., a parameter's default, an
// imported value that resolved): resources that exist outside the template. For those kinds
// the template is not the whole list, so a missing id is not a dangling reference.
std::set<ResourceKind> Mapper::KindsNamedOutside() const {
  // Views of ids that outlive this function: types_ and the network are not changed here.
  std::unordered_set<std::string_view> known;
  known.reserve(types_.size());
  for (const auto& [logical_id, type] : types_) known.insert(logical_id);
  auto collect = [&](const auto& items) {
    for (const auto& item : items) {
      if (item.source.file == file_) known.insert(item.id);
    }
  };
  collect(network_.vpcs);
  collect(network_.route_tables);
  collect(network_.network_acls);
  collect(network_.security_groups);
  collect(network_.network_interfaces);
  std::set<ResourceKind> external;
  auto note = [&](ResourceKind kind, const std::string& id) {
    if (!id.empty() && !known.contains(id)) external.insert(kind);
  };
  auto note_all = [&](ResourceKind kind, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) note(kind, id);
  };
  auto mine = [&](const model::Resource& resource) { return resource.source.file == file_; };
  for (const model::Subnet& subnet : network_.subnets) {
    if (mine(subnet)) note(ResourceKind::kVpc, subnet.vpc_id);
  }
  for (const model::RouteTable& table : network_.route_tables) {
    if (!mine(table)) continue;
    note(ResourceKind::kVpc, table.vpc_id);
    for (const model::RouteTableAssociation& association : table.associations) {
      note(ResourceKind::kSubnet, association.subnet_id);
    }
    for (const model::Route& route : table.routes) {
      switch (route.target_kind) {
        case model::RouteTargetKind::kInternetGateway:
          note(ResourceKind::kInternetGateway, route.target_id);
          break;
        case model::RouteTargetKind::kEgressOnlyInternetGateway:
          note(ResourceKind::kEgressOnlyInternetGateway, route.target_id);
          break;
        case model::RouteTargetKind::kNatGateway:
          note(ResourceKind::kNatGateway, route.target_id);
          break;
        case model::RouteTargetKind::kGatewayEndpoint:
          note(ResourceKind::kVpcEndpoint, route.target_id);
          break;
        default:
          break;
      }
    }
  }
  for (const model::SecurityGroup& group : network_.security_groups) {
    if (!mine(group)) continue;
    note(ResourceKind::kVpc, group.vpc_id);
    for (const auto* rules : {&group.ingress, &group.egress}) {
      for (const model::SgRule& rule : *rules) {
        if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup) {
          note(ResourceKind::kSecurityGroup, rule.peer.id);
        }
      }
    }
  }
  for (const model::NetworkAcl& acl : network_.network_acls) {
    if (!mine(acl)) continue;
    note(ResourceKind::kVpc, acl.vpc_id);
    note_all(ResourceKind::kSubnet, acl.subnet_ids);
  }
  for (const model::NatGateway& nat : network_.nat_gateways) {
    if (mine(nat)) note(ResourceKind::kSubnet, nat.subnet_id);
  }
  for (const model::InternetGateway& gateway : network_.internet_gateways) {
    if (!mine(gateway)) continue;
    for (const model::GatewayAttachment& attachment : gateway.attachments) {
      note(ResourceKind::kVpc, attachment.vpc_id);
    }
  }
  for (const model::VpcEndpoint& endpoint : network_.vpc_endpoints) {
    if (!mine(endpoint)) continue;
    note(ResourceKind::kVpc, endpoint.vpc_id);
    note_all(ResourceKind::kSubnet, endpoint.subnet_ids);
    note_all(ResourceKind::kSecurityGroup, endpoint.security_group_ids);
    note_all(ResourceKind::kRouteTable, endpoint.route_table_ids);
  }
  for (const model::NetworkInterface& eni : network_.network_interfaces) {
    if (!mine(eni)) continue;
    note(ResourceKind::kSubnet, eni.subnet_id);
    note_all(ResourceKind::kSecurityGroup, eni.security_group_ids);
  }
  for (const model::Instance& instance : network_.instances) {
    if (!mine(instance)) continue;
    note(ResourceKind::kSubnet, instance.subnet_id);
    note_all(ResourceKind::kSecurityGroup, instance.security_group_ids);
  }
  for (const model::LoadBalancer& lb : network_.load_balancers) {
    if (!mine(lb)) continue;
    for (const model::LoadBalancerSubnet& placement : lb.subnets) {
      note(ResourceKind::kSubnet, placement.subnet_id);
    }
    note_all(ResourceKind::kSecurityGroup, lb.security_group_ids);
  }
  for (const model::EcsService& service : network_.ecs_services) {
    if (!mine(service)) continue;
    note(ResourceKind::kTaskDefinition, service.task_definition);
    if (service.network) {
      note_all(ResourceKind::kSubnet, service.network->subnet_ids);
      note_all(ResourceKind::kSecurityGroup, service.network->security_group_ids);
    }
  }
  for (const model::DbInstance& db : network_.db_instances) {
    if (mine(db)) note_all(ResourceKind::kSecurityGroup, db.security_group_ids);
  }
  for (const model::DbSubnetGroup& group : network_.db_subnet_groups) {
    if (mine(group)) note_all(ResourceKind::kSubnet, group.subnet_ids);
  }
  for (const model::CacheCluster& cache : network_.cache_clusters) {
    if (mine(cache)) note_all(ResourceKind::kSecurityGroup, cache.security_group_ids);
  }
  for (const model::ReplicationGroup& group : network_.replication_groups) {
    if (mine(group)) note_all(ResourceKind::kSecurityGroup, group.security_group_ids);
  }
  for (const model::CacheSubnetGroup& group : network_.cache_subnet_groups) {
    if (mine(group)) note_all(ResourceKind::kSubnet, group.subnet_ids);
  }
  return external;
}

// A gateway endpoint adds a route to its service's prefix list in each of its route tables.
// AWS picks the list's id; the name used here only has to match between the route and the
// endpoint, which is how the reachability analysis learns the list's service.
void Mapper::AddGatewayEndpointRoutes() {
  for (const model::VpcEndpoint& endpoint : network_.vpc_endpoints) {
    // Only this template's endpoints: every template's mapper runs this over the one network.
    if (endpoint.type != model::EndpointType::kGateway ||
        !endpoint_tables_source_.contains(endpoint.id)) {
      continue;
    }
    for (const std::string& table_id : endpoint.route_table_ids) {
      // By index, not by a scan of every table per endpoint (one endpoint per VPC makes that
      // grow with the square of a large template).
      model::RouteTable* table = ids_.Find(network_.route_tables, table_id);
      if (table == nullptr) continue;
      model::Route route;
      route.destination_prefix_list = "pl-of-" + endpoint.id;
      route.target_kind = model::RouteTargetKind::kGatewayEndpoint;
      route.target_id = endpoint.id;
      route.origin = "CreateRouteTable";
      route.source = endpoint_tables_source_.at(endpoint.id);
      table->routes.push_back(std::move(route));
    }
  }
}

// Whether an instance's primary interface gets a public IPv4 address at launch: its own
// AssociatePublicIpAddress, else its launch template's, else its subnet's MapPublicIpOnLaunch
// (which AWS applies only to an instance launched with one new interface). An interface
// declared as its own resource never gets one at launch. Elastic IPs give one to whatever
// they are associated with.
void Mapper::AssignPublicAddresses() {
  auto find = [this](auto& items, std::string_view id) { return ids_.Find(items, id); };
  for (const PendingInstanceLinks& links : instance_links_) {
    model::Instance* instance = find(network_.instances, links.instance_id);
    if (instance == nullptr) continue;
    Flag associate = links.associate_public_ip;
    std::size_t interfaces = links.interface_count;
    if (interfaces == 0) {
      if (auto launch = launch_templates_.find(links.launch_template_id);
          launch != launch_templates_.end()) {
        associate = launch->second.associate_public_ip;
        interfaces = launch->second.interface_count;
      } else if (!links.launch_template_id.empty()) {
        associate = Flag::kUnknown;  // a launch template declared elsewhere
      }
    }
    // An existing primary interface, an explicit "no", and a launch with several interfaces
    // (where MapPublicIpOnLaunch does not apply) all leave it without one.
    const bool none = !links.primary_interface_id.empty() || associate == Flag::kFalse ||
                      (associate == Flag::kAbsent && interfaces > 1);
    if (none) {
      instance->public_ipv4 = model::PublicIpv4Origin::kListed;
    } else if (associate == Flag::kTrue) {
      instance->public_ipv4 = model::PublicIpv4Origin::kAtLaunch;
    } else if (associate == Flag::kUnknown) {
      instance->public_ipv4 = model::PublicIpv4Origin::kUnknown;
    } else {
      const model::Subnet* subnet = find(network_.subnets, instance->subnet_id);
      if (subnet == nullptr || !subnet->map_public_ip_on_launch) {
        instance->public_ipv4 = model::PublicIpv4Origin::kUnknown;
      } else {
        instance->public_ipv4 = *subnet->map_public_ip_on_launch ? model::PublicIpv4Origin::kAtLaunch
                                                                 : model::PublicIpv4Origin::kListed;
      }
    }
  }
  auto primary_of = [&](const std::string& instance_id) -> model::NetworkInterface* {
    for (const PendingInstanceLinks& links : instance_links_) {
      if (links.instance_id == instance_id && !links.primary_interface_id.empty()) {
        return find(network_.network_interfaces, links.primary_interface_id);
      }
    }
    return nullptr;
  };
  for (const PendingElasticIp& address : elastic_ips_) {
    if (model::Instance* instance = find(network_.instances, address.instance_id)) {
      instance->public_ipv4 = model::PublicIpv4Origin::kElasticIp;
      if (model::NetworkInterface* primary = primary_of(instance->id)) {
        primary->public_ipv4 = model::PublicIpv4Origin::kElasticIp;
      }
    }
    if (model::NetworkInterface* eni = find(network_.network_interfaces, address.interface_id)) {
      eni->public_ipv4 = model::PublicIpv4Origin::kElasticIp;
      if (eni->owner == model::InterfaceOwner::kInstance && primary_of(eni->owner_ref) == eni) {
        if (model::Instance* instance = find(network_.instances, eni->owner_ref)) {
          instance->public_ipv4 = model::PublicIpv4Origin::kElasticIp;
        }
      }
    }
  }
}

// What a resource learns from the others: instances from their launch template and
// interfaces, VPCs from subnets, target groups from the listeners that forward to them.
void Mapper::LinkWorkloads() {
  auto find = [this](auto& items, std::string_view id) { return ids_.Find(items, id); };
  auto vpc_of_subnet = [&](const std::string& subnet_id) -> std::string {
    const model::Subnet* subnet = find(network_.subnets, subnet_id);
    return subnet != nullptr ? subnet->vpc_id : std::string();
  };
  for (const PendingInstanceLinks& links : instance_links_) {
    model::Instance* instance = find(network_.instances, links.instance_id);
    if (instance == nullptr) continue;
    if (auto launch = launch_templates_.find(links.launch_template_id);
        launch != launch_templates_.end()) {
      // Settings on the instance override its launch template's.
      if (instance->subnet_id.empty()) instance->subnet_id = launch->second.subnet_id;
      if (instance->security_group_ids.empty()) {
        instance->security_group_ids = launch->second.security_group_ids;
      }
    }
    for (const std::string& interface_id : links.interface_ids) {
      model::NetworkInterface* eni = find(network_.network_interfaces, interface_id);
      if (eni == nullptr) continue;
      eni->owner = model::InterfaceOwner::kInstance;
      eni->owner_ref = instance->id;
      if (instance->subnet_id.empty()) instance->subnet_id = eni->subnet_id;
      for (const std::string& group : eni->security_group_ids) {
        AddUnique(instance->security_group_ids, group);
      }
      // Reachability starts from an interface's addresses; one whose address AWS picks is
      // represented by the instance's subnet instead.
      if (!eni->private_ips.empty()) AddUnique(instance->network_interface_ids, eni->id);
    }
    instance->vpc_id = vpc_of_subnet(instance->subnet_id);
  }
  for (model::NetworkInterface& eni : network_.network_interfaces) {
    if (eni.vpc_id.empty()) eni.vpc_id = vpc_of_subnet(eni.subnet_id);
  }
  for (model::LoadBalancer& lb : network_.load_balancers) {
    if (lb.source.file != file_) continue;
    for (const model::LoadBalancerSubnet& placement : lb.subnets) {
      if (lb.vpc_id.empty()) lb.vpc_id = vpc_of_subnet(placement.subnet_id);
    }
    // An ALB created without groups gets its VPC's default group.
    if (lb.type == model::LoadBalancerType::kApplication && lb.security_group_ids.empty() &&
        find(network_.vpcs, lb.vpc_id) != nullptr) {
      lb.security_group_ids.push_back(lb.vpc_id + ".DefaultSecurityGroup");
    }
  }
  for (auto& [listener_id, groups] : rule_target_groups_) {
    if (model::Listener* listener = find(network_.listeners, listener_id)) {
      for (const std::string& group : groups) AddUnique(listener->target_group_ids, group);
    }
  }
  for (const model::Listener& listener : network_.listeners) {
    for (const std::string& group_id : listener.target_group_ids) {
      if (model::TargetGroup* group = find(network_.target_groups, group_id)) {
        AddUnique(group->load_balancer_ids, listener.load_balancer_id);
      }
    }
  }
  for (model::DbSubnetGroup& group : network_.db_subnet_groups) {
    for (const std::string& subnet : group.subnet_ids) {
      if (group.vpc_id.empty()) group.vpc_id = vpc_of_subnet(subnet);
    }
  }
  for (model::CacheSubnetGroup& group : network_.cache_subnet_groups) {
    for (const std::string& subnet : group.subnet_ids) {
      if (group.vpc_id.empty()) group.vpc_id = vpc_of_subnet(subnet);
    }
  }
  for (model::DbInstance& db : network_.db_instances) {
    if (const model::DbSubnetGroup* group = find(network_.db_subnet_groups, db.subnet_group)) {
      db.subnet_ids = group->subnet_ids;
      db.vpc_id = group->vpc_id;
    }
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
  const TemplateToMap single{&*parsed.root, file, scope, settings};
  load.resources = MapTemplates(std::span(&single, 1), network, diagnostics).front().resources;
  return load;
}

std::vector<MappedTemplate> MapTemplates(std::span<const TemplateToMap> templates,
                                         model::Network& network, DiagnosticSink& diagnostics) {
  std::vector<MappedTemplate> results(templates.size());
  std::vector<std::unique_ptr<Resolver>> resolvers;
  std::vector<std::unique_ptr<Mapper>> mappers;
  for (std::size_t i = 0; i < templates.size(); ++i) {
    const TemplateToMap& input = templates[i];
    const FileId file = input.file;
    auto& resolver = *resolvers.emplace_back(
        std::make_unique<Resolver>(*input.root, input.settings, diagnostics, file));
    resolver.CheckParameterValues();
    auto& mapper = *mappers.emplace_back(std::make_unique<Mapper>(
        resolver, network, diagnostics, file, input.scope, input.root->Find("Globals"),
        input.root->Find("Outputs"), input.settings.id_prefix));
    const Node* resources = resolver.sections().resources;
    if (resources == nullptr || !resources->IsMap()) continue;
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
      ++results[i].resources;
      mapper.Map(logical_id, resource, type->scalar);
    }
    mapper.EndOfTemplate();
  }
  for (auto& mapper : mappers) mapper->JoinPending();
  for (auto& mapper : mappers) mapper->AddDefaults();
  for (std::size_t i = 0; i < templates.size(); ++i) {
    results[i].unmatched_imports = resolvers[i]->unmatched_imports();
  }
  return results;
}

}  // namespace netlint::ingest::cfn
