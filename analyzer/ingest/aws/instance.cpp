// ec2 describe-instances -> Reservations[].Instances[]. Each instance's embedded interfaces also
// become (derived) network interfaces, so snapshots without describe-network-interfaces still
// know who carries which security group; FinalizeDescribe adds those that no standalone record
// describes.

#include <algorithm>

#include "analyzer/ingest/aws/describe_context.h"

namespace netlint::ingest::aws {
namespace {

void AddUnique(std::vector<std::string>& ids, std::string id) {
  if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
    ids.push_back(std::move(id));
  }
}

model::NetworkInterface EmbeddedInterface(const RecordReader& entry, const model::Instance& instance,
                                          const DescribeContext& context) {
  model::NetworkInterface eni;
  eni.id = entry.String("NetworkInterfaceId");
  eni.scope = context.scope;
  eni.source = entry.source();
  eni.derived = true;
  eni.owner = model::InterfaceOwner::kInstance;
  eni.owner_ref = instance.id;
  eni.vpc_id = entry.String("VpcId");
  eni.subnet_id = entry.String("SubnetId");
  eni.interface_type = entry.String("InterfaceType");
  eni.status = entry.String("Status");
  eni.source_dest_check = entry.Bool("SourceDestCheck").value_or(true);
  entry.ForEach("Groups", [&](const RecordReader& group) {
    AddUnique(eni.security_group_ids, group.String("GroupId"));
  });
  if (auto primary = entry.Ipv4("PrivateIpAddress")) eni.private_ips.push_back(*primary);
  if (auto association = entry.Object("Association")) {
    if (auto public_ip = association->Ipv4("PublicIp")) eni.public_ips.push_back(*public_ip);
  }
  entry.ForEach("Ipv6Addresses", [&](const RecordReader& address) {
    if (auto parsed = address.Ipv6("Ipv6Address")) eni.ipv6_addresses.push_back(*parsed);
  });
  return eni;
}

void ParseInstance(const RecordReader& record, DescribeContext& context) {
  const std::string id = record.String("InstanceId");
  if (id.empty()) {
    record.Report("", "instance record without InstanceId is skipped");
    return;
  }
  RecordReader instance_record = record;
  instance_record.SetResource(id);
  model::Instance instance;
  static_cast<model::Resource&>(instance) = ResourceBase(instance_record, context, id);
  if (auto state = instance_record.Object("State")) instance.state = state->String("Name");
  // Terminated instances linger for about an hour without subnet or interfaces.
  if (instance.state == "terminated") return;
  instance.vpc_id = instance_record.String("VpcId");
  instance.subnet_id = instance_record.String("SubnetId");
  instance.private_ip = instance_record.Ipv4("PrivateIpAddress");
  instance.public_ip = instance_record.Ipv4("PublicIpAddress");
  instance.source_dest_check = instance_record.Bool("SourceDestCheck");
  std::vector<model::NetworkInterface> interfaces;
  instance_record.ForEach("NetworkInterfaces", [&](const RecordReader& entry) {
    model::NetworkInterface eni = EmbeddedInterface(entry, instance, context);
    if (eni.id.empty()) {
      entry.Report("", "embedded network interface without NetworkInterfaceId is skipped");
      return;
    }
    AddUnique(instance.network_interface_ids, eni.id);
    for (const std::string& group : eni.security_group_ids) {
      AddUnique(instance.security_group_ids, group);
    }
    interfaces.push_back(std::move(eni));
  });
  // SecurityGroups lists the primary interface's groups only; interfaces are more complete.
  instance_record.ForEach("SecurityGroups", [&](const RecordReader& group) {
    AddUnique(instance.security_group_ids, group.String("GroupId"));
  });
  for (model::NetworkInterface& eni : interfaces) {
    context.pending.instance_interfaces.push_back(std::move(eni));
  }
  context.network.instances.push_back(std::move(instance));
}

}  // namespace

void ParseReservation(const RecordReader& record, DescribeContext& context) {
  record.ForEach("Instances", [&](const RecordReader& instance) { ParseInstance(instance, context); });
}

}  // namespace netlint::ingest::aws
