#include "netlint/model/entities.h"

namespace netlint::model {

std::string_view ResourceKindName(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kVpc: return "vpc";
    case ResourceKind::kSubnet: return "subnet";
    case ResourceKind::kRouteTable: return "route-table";
    case ResourceKind::kInternetGateway: return "internet-gateway";
    case ResourceKind::kEgressOnlyInternetGateway: return "egress-only-internet-gateway";
    case ResourceKind::kNatGateway: return "nat-gateway";
    case ResourceKind::kVpcEndpoint: return "vpc-endpoint";
    case ResourceKind::kPrefixList: return "prefix-list";
    case ResourceKind::kSecurityGroup: return "security-group";
    case ResourceKind::kNetworkAcl: return "network-acl";
    case ResourceKind::kNetworkInterface: return "network-interface";
    case ResourceKind::kInstance: return "instance";
    case ResourceKind::kVpcPeering: return "vpc-peering-connection";
    case ResourceKind::kTransitGatewayAttachment: return "transit-gateway-attachment";
    case ResourceKind::kLoadBalancer: return "load-balancer";
    case ResourceKind::kListener: return "listener";
    case ResourceKind::kTargetGroup: return "target-group";
    case ResourceKind::kEcsService: return "ecs-service";
    case ResourceKind::kTaskDefinition: return "task-definition";
    case ResourceKind::kContainerInstance: return "container-instance";
    case ResourceKind::kDbInstance: return "db-instance";
    case ResourceKind::kDbSubnetGroup: return "db-subnet-group";
    case ResourceKind::kCacheCluster: return "cache-cluster";
    case ResourceKind::kReplicationGroup: return "replication-group";
    case ResourceKind::kCacheSubnetGroup: return "cache-subnet-group";
  }
  return "resource";
}

std::string_view PendingPublicIpv4Text(PublicIpv4Origin origin) {
  switch (origin) {
    case PublicIpv4Origin::kAtLaunch: return "assigned at launch";
    case PublicIpv4Origin::kElasticIp: return "an Elastic IP";
    case PublicIpv4Origin::kListed:
    case PublicIpv4Origin::kUnknown: return "";
  }
  return "";
}

std::optional<bool> HasPublicIpv4(PublicIpv4Origin origin, bool listed_any) {
  if (listed_any) return true;
  switch (origin) {
    case PublicIpv4Origin::kListed: return false;
    case PublicIpv4Origin::kAtLaunch:
    case PublicIpv4Origin::kElasticIp: return true;
    case PublicIpv4Origin::kUnknown: return std::nullopt;
  }
  return std::nullopt;
}

std::string_view ResourceKindNoun(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kVpc: return "VPC";
    case ResourceKind::kSubnet: return "subnet";
    case ResourceKind::kRouteTable: return "route table";
    case ResourceKind::kInternetGateway: return "internet gateway";
    case ResourceKind::kEgressOnlyInternetGateway: return "egress-only internet gateway";
    case ResourceKind::kNatGateway: return "NAT gateway";
    case ResourceKind::kVpcEndpoint: return "VPC endpoint";
    case ResourceKind::kPrefixList: return "prefix list";
    case ResourceKind::kSecurityGroup: return "security group";
    case ResourceKind::kNetworkAcl: return "network ACL";
    case ResourceKind::kNetworkInterface: return "network interface";
    case ResourceKind::kInstance: return "instance";
    case ResourceKind::kVpcPeering: return "VPC peering connection";
    case ResourceKind::kTransitGatewayAttachment: return "transit gateway attachment";
    case ResourceKind::kLoadBalancer: return "load balancer";
    case ResourceKind::kListener: return "listener";
    case ResourceKind::kTargetGroup: return "target group";
    case ResourceKind::kEcsService: return "ECS service";
    case ResourceKind::kTaskDefinition: return "task definition";
    case ResourceKind::kContainerInstance: return "container instance";
    case ResourceKind::kDbInstance: return "DB instance";
    case ResourceKind::kDbSubnetGroup: return "DB subnet group";
    case ResourceKind::kCacheCluster: return "cache cluster";
    case ResourceKind::kReplicationGroup: return "replication group";
    case ResourceKind::kCacheSubnetGroup: return "cache subnet group";
  }
  return "resource";
}

std::string_view RouteTargetKindName(RouteTargetKind kind) {
  switch (kind) {
    case RouteTargetKind::kLocal: return "local";
    case RouteTargetKind::kInternetGateway: return "internet gateway";
    case RouteTargetKind::kEgressOnlyInternetGateway: return "egress-only internet gateway";
    case RouteTargetKind::kVirtualPrivateGateway: return "virtual private gateway";
    case RouteTargetKind::kNatGateway: return "NAT gateway";
    case RouteTargetKind::kTransitGateway: return "transit gateway";
    case RouteTargetKind::kVpcPeering: return "VPC peering connection";
    case RouteTargetKind::kGatewayEndpoint: return "gateway endpoint";
    case RouteTargetKind::kNetworkInterface: return "network interface";
    case RouteTargetKind::kInstance: return "instance";
    case RouteTargetKind::kLocalGateway: return "local gateway";
    case RouteTargetKind::kCarrierGateway: return "carrier gateway";
    case RouteTargetKind::kCoreNetwork: return "core network";
    case RouteTargetKind::kUnknown: return "unknown target";
  }
  return "unknown target";
}

std::string_view EndpointTypeName(EndpointType type) {
  switch (type) {
    case EndpointType::kGateway: return "Gateway";
    case EndpointType::kInterface: return "Interface";
    case EndpointType::kGatewayLoadBalancer: return "GatewayLoadBalancer";
    case EndpointType::kResource: return "Resource";
    case EndpointType::kServiceNetwork: return "ServiceNetwork";
    case EndpointType::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view DirectionName(Direction direction) {
  return direction == Direction::kIngress ? "ingress" : "egress";
}

std::string_view InterfaceOwnerName(InterfaceOwner owner) {
  switch (owner) {
    case InterfaceOwner::kInstance: return "instance";
    case InterfaceOwner::kLoadBalancer: return "load balancer";
    case InterfaceOwner::kNatGateway: return "NAT gateway";
    case InterfaceOwner::kVpcEndpoint: return "VPC endpoint";
    case InterfaceOwner::kGatewayLoadBalancerEndpoint: return "gateway load balancer endpoint";
    case InterfaceOwner::kDbInstance: return "DB instance";
    case InterfaceOwner::kCacheCluster: return "cache cluster";
    case InterfaceOwner::kLambda: return "Lambda function";
    case InterfaceOwner::kEcsTask: return "ECS task";
    case InterfaceOwner::kTransitGateway: return "transit gateway";
    case InterfaceOwner::kEfs: return "EFS mount target";
    case InterfaceOwner::kOther: return "AWS service";
    case InterfaceOwner::kUnattached: return "nothing";
  }
  return "AWS service";
}

std::string_view LoadBalancerTypeName(LoadBalancerType type) {
  switch (type) {
    case LoadBalancerType::kApplication: return "application";
    case LoadBalancerType::kNetwork: return "network";
    case LoadBalancerType::kGateway: return "gateway";
    case LoadBalancerType::kUnknown: return "unknown";
  }
  return "unknown";
}

const std::string* Resource::FindTag(std::string_view key) const {
  for (const Tag& tag : tags) {
    if (tag.key == key) return &tag.value;
  }
  return nullptr;
}

std::string_view Resource::Name() const {
  const std::string* name = FindTag("Name");
  return name == nullptr ? std::string_view() : std::string_view(*name);
}

AddressSet Vpc::AddressSpace() const {
  AddressSet space;
  for (const VpcCidrV4& block : cidrs_v4) {
    if (block.associated) space.Add(block.cidr);
  }
  for (const VpcCidrV6& block : cidrs_v6) {
    if (block.associated) space.Add(block.cidr);
  }
  return space;
}

std::string Route::DestinationText() const {
  if (destination_v4) return destination_v4->ToString();
  if (destination_v6) return destination_v6->ToString();
  if (!destination_prefix_list.empty()) return destination_prefix_list;
  return "(unknown destination)";
}

bool RouteTable::IsMain() const {
  for (const RouteTableAssociation& association : associations) {
    if (association.main) return true;
  }
  return false;
}

bool NatGateway::IsLive() const {
  return state != "deleted" && state != "deleting" && state != "failed";
}

std::string_view VpcEndpoint::ServiceShortName() const {
  std::string_view name(service_name);
  // com.amazonaws.<region>.<service>; other partitions add a prefix (cn.com.amazonaws...).
  const std::size_t marker = name.find("amazonaws.");
  if (marker == std::string_view::npos) return name;
  std::string_view rest = name.substr(marker + 10);
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return name;
  return rest.substr(dot + 1);
}

AddressSet PrefixList::Addresses() const {
  AddressSet set;
  for (const PrefixListEntry& entry : entries) {
    if (entry.cidr_v4) set.Add(*entry.cidr_v4);
    if (entry.cidr_v6) set.Add(*entry.cidr_v6);
  }
  return set;
}

namespace {
const std::string& Detail(const std::shared_ptr<const SgPeerDetails>& details,
                          std::string SgPeerDetails::*field) {
  static const std::string kNone;
  return details ? (*details).*field : kNone;
}
}  // namespace

const std::string& SgPeer::user_id() const { return Detail(details, &SgPeerDetails::user_id); }
const std::string& SgPeer::vpc_id() const { return Detail(details, &SgPeerDetails::vpc_id); }
const std::string& SgPeer::peering_id() const {
  return Detail(details, &SgPeerDetails::peering_id);
}
const std::string& SgPeer::peering_status() const {
  return Detail(details, &SgPeerDetails::peering_status);
}
const std::string& SgPeer::unknown_reason() const {
  return Detail(details, &SgPeerDetails::unknown_reason);
}

void SgPeer::SetReference(std::string user_id, std::string vpc_id, std::string peering_id,
                          std::string peering_status) {
  if (user_id.empty() && vpc_id.empty() && peering_id.empty() && peering_status.empty() &&
      details == nullptr) {
    return;
  }
  auto changed = details ? std::make_shared<SgPeerDetails>(*details)
                         : std::make_shared<SgPeerDetails>();
  changed->user_id = std::move(user_id);
  changed->vpc_id = std::move(vpc_id);
  changed->peering_id = std::move(peering_id);
  changed->peering_status = std::move(peering_status);
  details = std::move(changed);
}

void SgPeer::SetUnknown(std::string reason) {
  kind = Kind::kUnknown;
  auto changed = details ? std::make_shared<SgPeerDetails>(*details)
                         : std::make_shared<SgPeerDetails>();
  changed->unknown_reason = std::move(reason);
  details = std::move(changed);
}

std::string SgPeer::ToString() const {
  switch (kind) {
    case Kind::kCidrV4: return cidr_v4.ToString();
    case Kind::kCidrV6: return cidr_v6.ToString();
    case Kind::kPrefixList:
    case Kind::kSecurityGroup: return id;
    case Kind::kUnknown: return "(unknown: " + unknown_reason() + ")";
  }
  return "(unknown)";
}

}  // namespace netlint::model
