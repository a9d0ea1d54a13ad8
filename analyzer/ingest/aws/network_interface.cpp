// ec2 describe-network-interfaces -> NetworkInterfaces[], and who owns each interface.

#include <algorithm>
#include <array>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

using model::InterfaceOwner;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// InterfaceType values that name their owner outright.
struct TypeOwner {
  std::string_view interface_type;
  InterfaceOwner owner;
};
constexpr std::array kTypeOwners = {
    TypeOwner{"natGateway", InterfaceOwner::kNatGateway},
    TypeOwner{"nat_gateway", InterfaceOwner::kNatGateway},
    TypeOwner{"vpc_endpoint", InterfaceOwner::kVpcEndpoint},
    TypeOwner{"gateway_load_balancer_endpoint", InterfaceOwner::kGatewayLoadBalancerEndpoint},
    TypeOwner{"network_load_balancer", InterfaceOwner::kLoadBalancer},
    TypeOwner{"load_balancer", InterfaceOwner::kLoadBalancer},
    TypeOwner{"gateway_load_balancer", InterfaceOwner::kLoadBalancer},
    TypeOwner{"lambda", InterfaceOwner::kLambda},
    TypeOwner{"transit_gateway", InterfaceOwner::kTransitGateway},
};

// Description prefixes AWS services write on the interfaces they manage. These are observed
// conventions, not a documented contract, so InterfaceType wins when it is specific.
struct DescriptionOwner {
  std::string_view prefix;
  InterfaceOwner owner;
};
constexpr std::array kDescriptionOwners = {
    DescriptionOwner{"Interface for NAT Gateway ", InterfaceOwner::kNatGateway},
    DescriptionOwner{"VPC Endpoint Interface ", InterfaceOwner::kVpcEndpoint},
    DescriptionOwner{"ELB app/", InterfaceOwner::kLoadBalancer},
    DescriptionOwner{"ELB net/", InterfaceOwner::kLoadBalancer},
    DescriptionOwner{"ELB gwy/", InterfaceOwner::kLoadBalancer},
    DescriptionOwner{"ELB ", InterfaceOwner::kLoadBalancer},
    DescriptionOwner{"RDSNetworkInterface", InterfaceOwner::kDbInstance},
    DescriptionOwner{"ElastiCache ", InterfaceOwner::kCacheCluster},
    DescriptionOwner{"AWS Lambda VPC ENI", InterfaceOwner::kLambda},
    DescriptionOwner{"arn:aws:ecs:", InterfaceOwner::kEcsTask},
    DescriptionOwner{"EFS mount target", InterfaceOwner::kEfs},
    DescriptionOwner{"Network Interface for Transit Gateway", InterfaceOwner::kTransitGateway},
};

// The part of the description that names the owning resource ("nat-0abc", "app/web/123", the
// cluster id), or empty.
std::string OwnerRefFromDescription(std::string_view description, std::string_view prefix) {
  std::string_view rest = description.substr(prefix.size());
  if (prefix == "ELB app/" || prefix == "ELB net/" || prefix == "ELB gwy/") {
    return std::string(description.substr(4));  // "app/<name>/<id>"
  }
  if (prefix == "RDSNetworkInterface" || prefix == "arn:aws:ecs:") return {};
  return std::string(rest.substr(0, rest.find(' ')));
}

void ClassifyOwner(model::NetworkInterface& eni, const std::string& attached_instance) {
  for (const TypeOwner& entry : kTypeOwners) {
    if (eni.interface_type == entry.interface_type) {
      eni.owner = entry.owner;
      break;
    }
  }
  for (const DescriptionOwner& entry : kDescriptionOwners) {
    if (!StartsWith(eni.description, entry.prefix)) continue;
    if (eni.owner == InterfaceOwner::kOther) eni.owner = entry.owner;
    if (eni.owner == entry.owner) eni.owner_ref = OwnerRefFromDescription(eni.description, entry.prefix);
    break;
  }
  if (eni.owner != InterfaceOwner::kOther) return;
  if (!attached_instance.empty()) {
    eni.owner = InterfaceOwner::kInstance;
    eni.owner_ref = attached_instance;
  } else if (!eni.requester_managed) {
    eni.owner = InterfaceOwner::kUnattached;
  }
}

}  // namespace

void ParseNetworkInterface(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("NetworkInterfaceId");
  if (id.empty()) {
    record.Report("", "network interface record without NetworkInterfaceId is skipped");
    return;
  }
  RecordReader eni_record = record;
  eni_record.SetResource(id);
  model::NetworkInterface eni;
  static_cast<model::Resource&>(eni) = ResourceBase(eni_record, context, id, "TagSet");
  eni.vpc_id = eni_record.String("VpcId");
  eni.subnet_id = eni_record.String("SubnetId");
  eni.availability_zone = eni_record.String("AvailabilityZone");
  eni.interface_type = eni_record.String("InterfaceType");
  eni.description = eni_record.String("Description");
  eni.status = eni_record.String("Status");
  eni.requester_id = eni_record.String("RequesterId");
  eni.requester_managed = eni_record.Bool("RequesterManaged").value_or(false);
  eni.source_dest_check = eni_record.Bool("SourceDestCheck").value_or(true);
  eni_record.ForEach("Groups", [&](const RecordReader& group) {
    std::string group_id = group.String("GroupId");
    if (!group_id.empty()) eni.security_group_ids.push_back(std::move(group_id));
  });
  const std::optional<model::Ipv4Address> primary = eni_record.Ipv4("PrivateIpAddress");
  if (primary) eni.private_ips.push_back(*primary);
  auto add_public = [&](const RecordReader& holder) {
    if (auto association = holder.Object("Association")) {
      if (auto public_ip = association->Ipv4("PublicIp")) {
        if (std::find(eni.public_ips.begin(), eni.public_ips.end(), *public_ip) ==
            eni.public_ips.end()) {
          eni.public_ips.push_back(*public_ip);
        }
      }
    }
  };
  add_public(eni_record);
  eni_record.ForEach("PrivateIpAddresses", [&](const RecordReader& entry) {
    const std::optional<model::Ipv4Address> address = entry.Ipv4("PrivateIpAddress");
    if (address && (!primary || *address != *primary)) eni.private_ips.push_back(*address);
    add_public(entry);
  });
  eni_record.ForEach("Ipv6Addresses", [&](const RecordReader& entry) {
    if (auto address = entry.Ipv6("Ipv6Address")) eni.ipv6_addresses.push_back(*address);
  });
  std::string attached_instance;
  if (auto attachment = eni_record.Object("Attachment")) {
    attached_instance = attachment->String("InstanceId");
  }
  ClassifyOwner(eni, attached_instance);
  context.network.network_interfaces.push_back(std::move(eni));
}

}  // namespace netlint::ingest::aws
