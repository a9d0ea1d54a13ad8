#pragma once

// The vendor-neutral network model: one plain struct per AWS entity, filled by the ingest
// adapters (describe JSON, CloudFormation, Terraform plans) and read by the rules. Nothing here
// knows a file format. Fields an input may not know (values decided at deploy time) are
// std::optional: empty means "unknown", never "absent" or "false".

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netlint/base/source.h"
#include "netlint/model/address.h"
#include "netlint/model/traffic.h"

namespace netlint::model {

enum class ResourceKind : std::uint8_t {
  kVpc,
  kSubnet,
  kRouteTable,
  kInternetGateway,
  kEgressOnlyInternetGateway,
  kNatGateway,
  kVpcEndpoint,
  kPrefixList,
  kSecurityGroup,
  kNetworkAcl,
  kNetworkInterface,
  kInstance,
  kVpcPeering,
  kTransitGatewayAttachment,
  kLoadBalancer,
  kListener,
  kTargetGroup,
  kEcsService,
  kTaskDefinition,
  kContainerInstance,
  kDbInstance,
  kDbSubnetGroup,
  kCacheCluster,
  kReplicationGroup,
  kCacheSubnetGroup,
};
inline constexpr int kResourceKindCount = static_cast<int>(ResourceKind::kCacheSubnetGroup) + 1;

// "vpc", "subnet", "security-group", ... (stable: used in JSON output and config selectors)
std::string_view ResourceKindName(ResourceKind kind);
// "VPC", "subnet", "security group", ... for messages
std::string_view ResourceKindNoun(ResourceKind kind);

// Which account and region a resource belongs to. Index into Network::scopes; the same id in
// two scopes denotes two resources.
using ScopeId = std::uint16_t;
struct Scope {
  std::string account;  // empty when unknown
  std::string region;   // empty when unknown
  friend bool operator==(const Scope&, const Scope&) = default;
};

struct Tag {
  std::string key;
  std::string value;
};

// A finding the resource's own definition accepts (an adapter fills these from where its format
// says so, e.g. CloudFormation Metadata; the `netlint:ignore` tag is read from `tags` by the
// engine). `rule` is a code or code prefix. An empty reason is reported and suppresses nothing.
struct InlineSuppression {
  std::string rule;
  std::string reason;
  SourceRef source;
};

// What every entity has.
struct Resource {
  std::string id;
  ScopeId scope = 0;
  SourceRef source;
  std::vector<Tag> tags;
  std::vector<InlineSuppression> suppressions;

  [[nodiscard]] const std::string* FindTag(std::string_view key) const;
  // The Name tag, or empty.
  [[nodiscard]] std::string_view Name() const;
};

// ---------------------------------------------------------------------------------------------
// VPC and addressing

struct VpcCidrV4 {
  Ipv4Prefix cidr;
  bool associated = true;  // false while associating/disassociating or after failure
  SourceRef source;
};
struct VpcCidrV6 {
  Ipv6Prefix cidr;
  bool associated = true;
  SourceRef source;
};

struct Vpc : Resource {
  std::string owner_id;
  std::vector<VpcCidrV4> cidrs_v4;  // every associated block, primary first
  std::vector<VpcCidrV6> cidrs_v6;
  bool cidrs_known = true;          // false when a block's value is unknown before deployment
  std::optional<bool> is_default;
  std::optional<bool> dns_support;    // enableDnsSupport
  std::optional<bool> dns_hostnames;  // enableDnsHostnames
  // Where each attribute was read (describe-vpc-attribute), for findings about it.
  SourceRef dns_support_source;
  SourceRef dns_hostnames_source;

  // Associated blocks only.
  [[nodiscard]] AddressSet AddressSpace() const;
};

struct Subnet : Resource {
  std::string vpc_id;
  std::string owner_id;
  std::optional<Ipv4Prefix> cidr_v4;  // empty: unknown, or an IPv6-only subnet
  std::vector<Ipv6Prefix> cidrs_v6;
  std::string availability_zone;
  std::string availability_zone_id;
  std::optional<bool> map_public_ip_on_launch;
  std::optional<bool> default_for_az;
  bool ipv6_native = false;
};

// ---------------------------------------------------------------------------------------------
// Routing

enum class RouteTargetKind : std::uint8_t {
  kLocal,
  kInternetGateway,
  kEgressOnlyInternetGateway,
  kVirtualPrivateGateway,
  kNatGateway,
  kTransitGateway,
  kVpcPeering,
  kGatewayEndpoint,  // vpce- as a gateway id: S3/DynamoDB gateway or GWLB endpoint
  kNetworkInterface,
  kInstance,
  kLocalGateway,
  kCarrierGateway,
  kCoreNetwork,
  kUnknown,  // a target netlint does not model, or a value unknown before deployment
};
std::string_view RouteTargetKindName(RouteTargetKind kind);

enum class RouteState : std::uint8_t { kActive, kBlackhole, kFiltered, kUnknown };

struct Route {
  // Exactly one destination kind is set.
  std::optional<Ipv4Prefix> destination_v4;
  std::optional<Ipv6Prefix> destination_v6;
  std::string destination_prefix_list;  // pl-... (gateway endpoint routes)
  RouteTargetKind target_kind = RouteTargetKind::kUnknown;
  std::string target_id;  // "local", igw-..., nat-..., pcx-..., ...
  RouteState state = RouteState::kActive;
  std::string origin;  // CreateRouteTable, CreateRoute, EnableVgwRoutePropagation, ...
  SourceRef source;

  [[nodiscard]] std::string DestinationText() const;
};

struct RouteTableAssociation {
  std::string subnet_id;   // empty for the main association and gateway associations
  std::string gateway_id;  // edge association (igw-/vgw-)
  bool main = false;
  SourceRef source;
};

struct RouteTable : Resource {
  std::string vpc_id;
  std::string owner_id;
  std::vector<Route> routes;
  std::vector<RouteTableAssociation> associations;
  std::vector<std::string> propagating_gateways;
  // Main tables of templates and plans are not declared; they hold only local routes. Adapters
  // that synthesise one mark it.
  bool implicit = false;

  [[nodiscard]] bool IsMain() const;
};

struct GatewayAttachment {
  std::string vpc_id;
  bool attached = true;  // "available"/"attached"
};

struct InternetGateway : Resource {
  std::string owner_id;
  std::vector<GatewayAttachment> attachments;
};

struct EgressOnlyInternetGateway : Resource {
  std::vector<GatewayAttachment> attachments;
};

struct NatGatewayAddress {
  std::string allocation_id;
  std::string network_interface_id;
  std::optional<Ipv4Address> private_ip;
  std::optional<Ipv4Address> public_ip;
};

struct NatGateway : Resource {
  std::string vpc_id;
  std::string subnet_id;  // empty for regional NAT gateways
  std::string state;      // available, pending, deleting, deleted, failed
  bool is_private = false;  // ConnectivityType private: no internet egress
  bool regional = false;    // AvailabilityMode regional
  std::vector<NatGatewayAddress> addresses;

  [[nodiscard]] bool IsLive() const;  // not deleted/deleting/failed
};

enum class EndpointType : std::uint8_t {
  kGateway,
  kInterface,
  kGatewayLoadBalancer,
  kResource,
  kServiceNetwork,
  kUnknown
};
std::string_view EndpointTypeName(EndpointType type);

struct VpcEndpoint : Resource {
  std::string vpc_id;
  EndpointType type = EndpointType::kUnknown;
  std::string service_name;  // com.amazonaws.us-east-1.s3
  std::string state;
  std::vector<std::string> route_table_ids;     // gateway endpoints
  std::vector<std::string> subnet_ids;          // interface endpoints
  std::vector<std::string> security_group_ids;  // interface endpoints
  std::vector<std::string> network_interface_ids;
  std::optional<bool> private_dns_enabled;
  std::string policy_document;  // JSON text, as given

  // The part after "com.amazonaws.<region>." ("s3", "ecr.dkr"), or the whole name when it does
  // not follow that pattern.
  [[nodiscard]] std::string_view ServiceShortName() const;
};

struct PrefixListEntry {
  std::optional<Ipv4Prefix> cidr_v4;
  std::optional<Ipv6Prefix> cidr_v6;
  std::string description;
};

struct PrefixList : Resource {
  std::string name;      // com.amazonaws.us-east-1.s3 for AWS-managed lists
  std::string owner_id;  // "AWS" for AWS-managed lists
  IpFamily family = IpFamily::kV4;
  std::optional<int> max_entries;
  bool entries_known = false;  // entries come from a separate call and may be missing
  std::vector<PrefixListEntry> entries;

  [[nodiscard]] AddressSet Addresses() const;
  [[nodiscard]] bool IsAwsManaged() const { return owner_id == "AWS"; }
};

// ---------------------------------------------------------------------------------------------
// Filtering

enum class Direction : std::uint8_t { kIngress, kEgress };
std::string_view DirectionName(Direction direction);

// The other end of a security group rule.
// What few peers carry beyond their kind and id, kept apart from SgPeer because an estate has
// hundreds of thousands of rules and nearly all of them name a CIDR block.
struct SgPeerDetails {
  std::string user_id;         // owner account of a referenced group
  std::string vpc_id;          // VPC of a referenced group (peered references)
  std::string peering_id;      // pcx-... of a peered reference
  std::string peering_status;  // active, deleted, ...
  std::string unknown_reason;  // for kUnknown: what the value depends on
};

struct SgPeer {
  enum class Kind : std::uint8_t { kCidrV4, kCidrV6, kPrefixList, kSecurityGroup, kUnknown };
  Kind kind = Kind::kUnknown;
  Ipv4Prefix cidr_v4;
  Ipv6Prefix cidr_v6;
  std::string id;  // pl-... or sg-...
  std::shared_ptr<const SgPeerDetails> details;  // null when every detail is empty

  [[nodiscard]] const std::string& user_id() const;
  [[nodiscard]] const std::string& vpc_id() const;
  [[nodiscard]] const std::string& peering_id() const;
  [[nodiscard]] const std::string& peering_status() const;
  [[nodiscard]] const std::string& unknown_reason() const;
  // A referenced group's owner, VPC and peering connection (empty when not given).
  void SetReference(std::string user_id, std::string vpc_id, std::string peering_id,
                    std::string peering_status);
  // Makes the peer unknown, saying what it depends on.
  void SetUnknown(std::string reason);

  [[nodiscard]] std::string ToString() const;
};

struct SgRule {
  Direction direction = Direction::kIngress;
  // Empty when the protocol or ports are unknown (e.g. a template parameter without a default).
  std::optional<TrafficSelector> traffic;
  SgPeer peer;
  std::string description;
  SourceRef source;     // the source entry (one CIDR, group or prefix list)
  // The statement the rule was written in (an IpPermission, a template's ingress item): one
  // statement may expand into several rules, and findings point at the statement.
  SourceRef statement;
};

struct SecurityGroup : Resource {
  std::string name;  // GroupName
  std::string description;
  std::string vpc_id;
  std::string owner_id;
  std::vector<SgRule> ingress;
  std::vector<SgRule> egress;
  // False when the input named the group but not its rules (rules then are unknown).
  bool rules_known = true;
  // Created by AWS with its VPC and not declared in a template or plan: its rules are AWS's,
  // not a choice anybody made.
  bool implicit = false;

  [[nodiscard]] bool IsDefault() const { return name == "default"; }
  [[nodiscard]] const std::vector<SgRule>& Rules(Direction direction) const {
    return direction == Direction::kIngress ? ingress : egress;
  }
};

enum class RuleAction : std::uint8_t { kAllow, kDeny };

struct NaclEntry {
  int rule_number = 0;  // 32767 (IPv4) and 32768 (IPv6) are the implicit final deny "*"
  Direction direction = Direction::kIngress;
  RuleAction action = RuleAction::kDeny;
  std::optional<TrafficSelector> traffic;
  std::optional<Ipv4Prefix> cidr_v4;
  std::optional<Ipv6Prefix> cidr_v6;
  SourceRef source;
};

struct NetworkAcl : Resource {
  std::string vpc_id;
  std::string owner_id;
  std::optional<bool> is_default;
  // Created by AWS with its VPC and not declared in a template or plan (see SecurityGroup).
  bool implicit = false;
  std::vector<std::string> subnet_ids;  // explicit associations
  std::vector<NaclEntry> entries;       // both directions, sorted by (direction, rule number)
};

// ---------------------------------------------------------------------------------------------
// Workloads

// How the input knows a workload's public IPv4 address. Describe output lists the addresses
// themselves; a template or plan can say that one will exist before AWS picks it.
enum class PublicIpv4Origin : std::uint8_t {
  kListed,     // the input lists the addresses (public_ip, public_ips): none when it lists none
  kAtLaunch,   // AWS assigns one at launch (AssociatePublicIpAddress, MapPublicIpOnLaunch)
  kElasticIp,  // an Elastic IP is associated with it; its address is allocated at deployment
  kUnknown,    // whether it gets one depends on a value the input does not know
};
// "assigned at launch", "an Elastic IP"; empty for kListed and kUnknown.
std::string_view PendingPublicIpv4Text(PublicIpv4Origin origin);
// Whether a workload has a public IPv4 address: yes when it lists one or one is pending, no when
// it lists none, empty when unknown.
std::optional<bool> HasPublicIpv4(PublicIpv4Origin origin, bool listed_any);

// Who a network interface belongs to; decides which rules and paths it takes part in.
enum class InterfaceOwner : std::uint8_t {
  kInstance,
  kLoadBalancer,
  kNatGateway,
  kVpcEndpoint,
  kGatewayLoadBalancerEndpoint,
  kDbInstance,
  kCacheCluster,
  kLambda,
  kEcsTask,
  kTransitGateway,
  kEfs,
  kOther,  // an AWS-managed interface of a service netlint does not model
  kUnattached,
};
std::string_view InterfaceOwnerName(InterfaceOwner owner);

struct NetworkInterface : Resource {
  std::string vpc_id;
  std::string subnet_id;
  std::string availability_zone;
  std::string interface_type;  // InterfaceType as AWS writes it
  std::string description;
  std::string status;
  std::string requester_id;
  bool requester_managed = false;
  bool source_dest_check = true;
  std::vector<std::string> security_group_ids;
  std::vector<Ipv4Address> private_ips;  // primary first
  std::vector<Ipv4Address> public_ips;   // auto-assigned or Elastic IP
  PublicIpv4Origin public_ipv4 = PublicIpv4Origin::kListed;
  std::vector<Ipv6Address> ipv6_addresses;
  InterfaceOwner owner = InterfaceOwner::kOther;
  std::string owner_ref;  // instance id, LB name ("app/web/1234"), nat-..., vpce-..., ...
  // Synthesised from another record (an instance's embedded interface) rather than read from
  // describe-network-interfaces.
  bool derived = false;

  [[nodiscard]] std::optional<bool> HasPublicIpv4() const {
    return model::HasPublicIpv4(public_ipv4, !public_ips.empty());
  }
};

struct Instance : Resource {
  std::string state;  // running, stopped, ...
  std::string vpc_id;
  std::string subnet_id;
  std::vector<std::string> network_interface_ids;
  std::vector<std::string> security_group_ids;  // all interfaces
  std::optional<Ipv4Address> private_ip;
  std::optional<Ipv4Address> public_ip;
  // Of its primary interface when that interface is not in the input.
  PublicIpv4Origin public_ipv4 = PublicIpv4Origin::kListed;
  std::optional<bool> source_dest_check;

  [[nodiscard]] std::optional<bool> HasPublicIpv4() const {
    return model::HasPublicIpv4(public_ipv4, public_ip.has_value());
  }
};

struct PeeringSide {
  std::string vpc_id;
  std::string owner_id;
  std::string region;
  std::vector<Ipv4Prefix> cidrs_v4;
  std::vector<Ipv6Prefix> cidrs_v6;
};

struct VpcPeering : Resource {
  std::string status;  // active, pending-acceptance, deleted, ...
  PeeringSide requester;
  PeeringSide accepter;

  [[nodiscard]] bool IsActive() const { return status == "active"; }
};

struct TransitGatewayAttachment : Resource {
  std::string transit_gateway_id;
  std::string resource_type;  // vpc, vpn, peering, ...
  std::string resource_id;    // vpc-... for VPC attachments
  std::string state;
  std::vector<std::string> subnet_ids;
};

// ---------------------------------------------------------------------------------------------
// Load balancing

enum class LoadBalancerType : std::uint8_t { kApplication, kNetwork, kGateway, kUnknown };
std::string_view LoadBalancerTypeName(LoadBalancerType type);

struct LoadBalancerSubnet {
  std::string subnet_id;
  std::string availability_zone;
};

struct LoadBalancer : Resource {  // id: the ARN
  std::string name;
  LoadBalancerType type = LoadBalancerType::kUnknown;
  std::optional<bool> internet_facing;  // Scheme
  std::string vpc_id;
  std::string state;
  std::string ip_address_type;
  std::vector<LoadBalancerSubnet> subnets;
  std::vector<std::string> security_group_ids;
  // NLBs created without security groups have none and admit everything the listeners accept.
  bool has_security_groups = true;
};

struct Listener : Resource {  // id: the ARN
  std::string load_balancer_id;
  std::optional<std::uint16_t> port;
  std::string protocol;  // HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, ...
  std::vector<std::string> target_group_ids;  // forward actions
  std::vector<std::string> action_types;
};

struct Target {
  std::string id;  // instance id, IP address, Lambda ARN or ALB ARN
  std::optional<std::uint16_t> port;
  std::string availability_zone;
  std::string health;
  SourceRef source;
};

struct TargetGroup : Resource {  // id: the ARN
  std::string name;
  std::string protocol;
  std::optional<std::uint16_t> port;
  std::string vpc_id;
  std::string target_type;  // instance, ip, lambda, alb
  std::vector<std::string> load_balancer_ids;
  std::string health_check_port;  // "traffic-port" or a number
  std::string health_check_protocol;
  bool targets_known = false;
  std::vector<Target> targets;
};

// ---------------------------------------------------------------------------------------------
// ECS

struct AwsvpcConfiguration {
  std::vector<std::string> subnet_ids;
  std::vector<std::string> security_group_ids;  // empty: the VPC's default group
  std::optional<bool> assign_public_ip;
};

struct ServiceLoadBalancer {
  std::string target_group_id;
  std::string load_balancer_name;  // classic load balancers
  std::string container_name;
  std::optional<std::uint16_t> container_port;
};

struct EcsService : Resource {  // id: the ARN
  std::string name;
  std::string cluster;  // ARN or name
  std::string launch_type;  // FARGATE, EC2, EXTERNAL, or empty with capacity providers
  std::string task_definition;
  std::string status;
  std::optional<AwsvpcConfiguration> network;  // absent: bridge/host networking
  std::vector<ServiceLoadBalancer> load_balancers;
  std::optional<int> desired_count;
};

struct PortMapping {
  std::optional<std::uint16_t> container_port;
  std::optional<std::uint16_t> host_port;
  std::string protocol;  // tcp, udp
};

struct ContainerDefinition {
  std::string name;
  std::string image;
  std::vector<PortMapping> port_mappings;
  std::string log_driver;
  std::vector<std::string> secret_sources;  // valueFrom ARNs of secrets
};

struct TaskDefinition : Resource {  // id: the ARN (or family:revision)
  std::string family;
  std::optional<int> revision;
  std::string network_mode;  // awsvpc, bridge, host, none
  std::vector<std::string> requires_compatibilities;
  std::vector<ContainerDefinition> containers;
  std::string execution_role;
};

struct ContainerInstance : Resource {  // id: the ARN
  std::string cluster;
  std::string ec2_instance_id;
  std::string status;
  std::string subnet_id;  // from the ecs.subnet-id attribute, when given
  std::string vpc_id;
};

// ---------------------------------------------------------------------------------------------
// Data stores

struct DbSubnetGroup : Resource {  // id: the name
  std::string vpc_id;
  std::vector<std::string> subnet_ids;
  std::string status;
};

struct DbInstance : Resource {  // id: DBInstanceIdentifier
  std::string arn;
  std::string engine;
  std::string status;
  std::optional<std::uint16_t> port;
  std::optional<bool> publicly_accessible;
  std::optional<bool> multi_az;
  std::string cluster_id;
  std::vector<std::string> security_group_ids;
  std::string subnet_group;  // name of the DB subnet group
  std::string vpc_id;
  std::vector<std::string> subnet_ids;  // of its subnet group, when the input embeds it
};

struct CacheSubnetGroup : Resource {  // id: the name
  std::string vpc_id;
  std::vector<std::string> subnet_ids;
};

struct CacheCluster : Resource {  // id: CacheClusterId
  std::string arn;
  std::string engine;  // redis, memcached, valkey
  std::string status;
  std::string subnet_group;
  std::vector<std::string> security_group_ids;
  std::string replication_group_id;
  std::optional<std::uint16_t> port;
};

struct ReplicationGroup : Resource {  // id: ReplicationGroupId
  std::string arn;
  std::string status;
  std::vector<std::string> member_clusters;
  std::optional<std::uint16_t> port;
  std::vector<std::string> security_group_ids;  // templates and plans name them on the group
  std::string subnet_group;
};

}  // namespace netlint::model
