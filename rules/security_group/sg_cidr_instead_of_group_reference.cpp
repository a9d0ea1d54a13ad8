// SG007: an intra-VPC tier rule written as a CIDR range where a security group reference would
// say the same thing precisely.

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

constexpr std::size_t kGroupsNamed = 5;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG007",
      .name = "sg-cidr-instead-of-group-reference",
      .category = "security-group",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group admits a range of its own VPC where a security group reference "
                 "would name the workloads precisely",
      .rationale =
          "A database group that admits 10.0.0.0/16 on 5432 admits every workload in the VPC, "
          "today's and tomorrow's, not just the application that needs the database. A "
          "reference to the application's security group admits exactly the interfaces that "
          "carry it, follows them when they move to other subnets, and survives re-addressing. "
          "netlint names the groups of the interfaces the range covers today.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.20.0.0/16"}],
 "SecurityGroups": [
  {"GroupId": "sg-0db00000000000001", "GroupName": "db", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                      "IpRanges": [{"CidrIp": "10.20.10.0/24"}]}]},
  {"GroupId": "sg-0app0000000000001", "GroupName": "app", "VpcId": "vpc-0a1b2c3d4e5f60718"}],
 "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0app0000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0app000000000001", "PrivateIpAddress": "10.20.10.15",
   "Groups": [{"GroupId": "sg-0app0000000000001"}]},
  {"NetworkInterfaceId": "eni-0db00000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0db0000000000001", "PrivateIpAddress": "10.20.20.40",
   "Description": "RDSNetworkInterface", "Groups": [{"GroupId": "sg-0db00000000000001"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.20.0.0/16"}],
 "SecurityGroups": [
  {"GroupId": "sg-0db00000000000001", "GroupName": "db", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                      "UserIdGroupPairs": [{"GroupId": "sg-0app0000000000001"}]}]},
  {"GroupId": "sg-0app0000000000001", "GroupName": "app", "VpcId": "vpc-0a1b2c3d4e5f60718"}],
 "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0app0000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0app000000000001", "PrivateIpAddress": "10.20.10.15",
   "Groups": [{"GroupId": "sg-0app0000000000001"}]},
  {"NetworkInterfaceId": "eni-0db00000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0db0000000000001", "PrivateIpAddress": "10.20.20.40",
   "Description": "RDSNetworkInterface", "Groups": [{"GroupId": "sg-0db00000000000001"}]}]})",
      .exceptions =
          "Sources outside every known VPC (on-premises and VPN ranges) cannot be referenced "
          "by group and are not reported. Neither are ranges that cover no interface (nothing "
          "to reference), nor an interface endpoint's group admitting tcp/443 from its VPC "
          "(AWS's own recommendation for endpoints), nor groups nothing carries (SG009). Interfaces of "
          "endpoints, NAT and transit gateways, databases and caches only forward or answer, and "
          "the group's own members are the rule's destination, so none of them count as "
          "clients. Ranges of a VPC peered by an active "
          "peering connection count like the group's own VPC. A template's workloads, whose "
          "addresses AWS picks at launch, count when every subnet they sit in lies inside the "
          "range. When the input lists neither the account and region's network interfaces nor "
          "every carrier of groups (a template does), the rule cannot see what a range covers "
          "and stays silent.",
      .fix =
          "Replace the CIDR source with a reference to the security group that the intended "
          "clients carry (SourceSecurityGroupId). The rule then follows the workloads when they "
          "move or scale, and admits nothing else that happens to be in the range.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing",
           "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html"},
  };
  return meta;
}

// Interfaces of endpoints, NAT and transit gateways only forward, and databases and caches only
// answer; they are not the clients a tier rule is written for, so they are neither counted nor
// suggested.
bool InitiatesConnections(const model::NetworkInterface& eni) {
  switch (eni.owner) {
    case model::InterfaceOwner::kDbInstance:
    case model::InterfaceOwner::kCacheCluster:
    case model::InterfaceOwner::kVpcEndpoint:
    case model::InterfaceOwner::kGatewayLoadBalancerEndpoint:
    case model::InterfaceOwner::kNatGateway:
    case model::InterfaceOwner::kTransitGateway:
      return false;
    default:
      return true;
  }
}

bool IsInterfaceEndpointGroup(const model::SecurityGroup& group, const model::Topology& topology) {
  const auto users = topology.UsersOf(group);
  return !users.empty() && std::all_of(users.begin(), users.end(), [](const model::SgUser& user) {
    if (user.kind == model::ResourceKind::kVpcEndpoint) return true;
    return user.kind == model::ResourceKind::kNetworkInterface &&
           static_cast<const model::NetworkInterface*>(user.resource)->owner ==
               model::InterfaceOwner::kVpcEndpoint;
  });
}

class SgCidrInsteadOfGroupReference final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const model::Topology& topology = context.topology;
    std::optional<PlacedIndex> placed_index;  // built when first needed
    for (const model::SecurityGroup& group : context.network.security_groups) {
      if (!topology.UsersKnown(group)) continue;
      // An unused group's rules admit nobody today; SG009 reports the group itself.
      if (topology.UsersOf(group).empty()) continue;
      const model::Vpc* own_vpc = context.network.FindVpc(group.vpc_id, group.scope);
      if (own_vpc == nullptr) continue;
      const std::vector<const model::Vpc*> vpcs = ReachableVpcs(*own_vpc, context);
      const bool endpoint_group = IsInterfaceEndpointGroup(group, topology);
      for (const model::SgRule& rule : group.ingress) {
        if (rule.peer.kind != model::SgPeer::Kind::kCidrV4 || !rule.traffic) continue;
        if (endpoint_group && rule.traffic->protocol.HasPorts() &&
            rule.traffic->ports == model::PortRange::Single(443)) {
          continue;
        }
        CheckRule(group, rule, vpcs, topology, placed_index, sink);
      }
    }
  }

 private:
  // The group's VPC and the VPCs peered with it by an active connection.
  static std::vector<const model::Vpc*> ReachableVpcs(const model::Vpc& vpc,
                                                      const AnalysisContext& context) {
    std::vector<const model::Vpc*> vpcs{&vpc};
    for (const model::VpcPeering* peering : context.topology.PeeringsOf(vpc)) {
      for (const model::PeeringSide* side : {&peering->requester, &peering->accepter}) {
        const model::Vpc* other = context.network.FindVpc(side->vpc_id, peering->scope);
        if (other != nullptr && std::find(vpcs.begin(), vpcs.end(), other) == vpcs.end()) {
          vpcs.push_back(other);
        }
      }
    }
    return vpcs;
  }

  // A workload whose address is not in the input (a template's instances, services, load
  // balancers and functions): whatever address AWS gives it lies in one of its subnets.
  struct PlacedClient {
    const std::vector<std::string>* carried = nullptr;  // its security groups
    std::vector<const model::Vpc*> vpcs;                 // of each subnet
    model::Ipv4Set addresses;                            // the union of its subnets' ranges
  };
  // Placed clients by the VPC of their first subnet, built once per run: a client counts only
  // when all its subnets' VPCs are among the rule's, so the first one always is, and each rule
  // looks at the clients of its own VPCs rather than at every workload of the input.
  using PlacedIndex = std::unordered_map<const model::Vpc*, std::vector<PlacedClient>>;

  static PlacedIndex IndexPlacedClients(const model::Topology& topology) {
    const model::Network& network = topology.network();
    PlacedIndex index;
    auto add = [&](const std::vector<std::string>& subnet_ids,
                   const std::vector<std::string>& carried, model::ScopeId scope) {
      if (subnet_ids.empty() || carried.empty()) return;
      PlacedClient client{&carried, {}, {}};
      for (const std::string& id : subnet_ids) {
        const model::Subnet* subnet = network.FindSubnet(id, scope);
        if (subnet == nullptr || !subnet->cidr_v4) return;  // its place is not known
        client.vpcs.push_back(topology.VpcOf(*subnet));
        client.addresses.Add(model::Ipv4Set(subnet->cidr_v4->First(), subnet->cidr_v4->Last()));
      }
      index[client.vpcs.front()].push_back(std::move(client));
    };
    for (const model::Instance& instance : network.instances) {
      if (instance.network_interface_ids.empty()) {
        add({instance.subnet_id}, instance.security_group_ids, instance.scope);
      }
    }
    for (const model::EcsService& service : network.ecs_services) {
      if (service.network) {
        add(service.network->subnet_ids, service.network->security_group_ids, service.scope);
      }
    }
    for (const model::LoadBalancer& lb : network.load_balancers) {
      std::vector<std::string> subnet_ids;
      for (const model::LoadBalancerSubnet& placement : lb.subnets) {
        subnet_ids.push_back(placement.subnet_id);
      }
      add(subnet_ids, lb.security_group_ids, lb.scope);
    }
    for (const model::NetworkInterface& eni : network.network_interfaces) {
      if (eni.owner == model::InterfaceOwner::kLambda && eni.private_ips.empty()) {
        add({eni.subnet_id}, eni.security_group_ids, eni.scope);
      }
    }
    return index;
  }

  // Placed clients (other than the group's own members) whose every subnet lies inside
  // `range` in one of `vpcs`. Used only when the input does not list every interface, which
  // otherwise name these clients by address.
  static std::size_t PlacedClients(const model::SecurityGroup& group,
                                   const model::Ipv4Set& range,
                                   const std::vector<const model::Vpc*>& vpcs,
                                   const PlacedIndex& index, std::set<std::string>& groups) {
    std::size_t clients = 0;
    for (const model::Vpc* vpc : vpcs) {
      const auto found = index.find(vpc);
      if (found == index.end()) continue;
      for (const PlacedClient& client : found->second) {
        const std::vector<std::string>& carried = *client.carried;
        if (std::find(carried.begin(), carried.end(), group.id) != carried.end()) continue;
        const bool inside =
            std::all_of(client.vpcs.begin(), client.vpcs.end(),
                        [&](const model::Vpc* own) {
                          return std::find(vpcs.begin(), vpcs.end(), own) != vpcs.end();
                        }) &&
            range.ContainsAll(client.addresses);
        if (!inside) continue;
        ++clients;
        groups.insert(carried.begin(), carried.end());
      }
    }
    return clients;
  }

  static void CheckRule(const model::SecurityGroup& group, const model::SgRule& rule,
                        const std::vector<const model::Vpc*>& vpcs,
                        const model::Topology& topology, std::optional<PlacedIndex>& placed_index,
                        FindingSink& sink) {
    const model::Ipv4Prefix& cidr = rule.peer.cidr_v4;
    const model::Ipv4Set range(cidr.First(), cidr.Last());
    std::size_t interfaces = 0;
    std::set<std::string> groups;
    for (const model::Vpc* vpc : vpcs) {
      if (!vpc->AddressSpace().v4.ContainsAll(range)) continue;
      for (const model::NetworkInterface* eni :
           topology.InterfacesInRange(*vpc, cidr.First(), cidr.Last())) {
        if (eni->security_group_ids.empty() || !InitiatesConnections(*eni)) continue;
        // The group's own members are the destination of the rule, not its clients.
        if (std::find(eni->security_group_ids.begin(), eni->security_group_ids.end(), group.id) !=
            eni->security_group_ids.end()) {
          continue;
        }
        ++interfaces;
        groups.insert(eni->security_group_ids.begin(), eni->security_group_ids.end());
      }
    }
    std::size_t placed = 0;
    std::vector<const model::Vpc*> containing;
    for (const model::Vpc* vpc : vpcs) {
      if (vpc->AddressSpace().v4.ContainsAll(range)) containing.push_back(vpc);
    }
    if (!containing.empty() &&
        !topology.network().IsComplete(group.scope, model::ResourceKind::kNetworkInterface)) {
      if (!placed_index) placed_index = IndexPlacedClients(topology);
      placed = PlacedClients(group, range, containing, *placed_index, groups);
    }
    if (interfaces == 0 && placed == 0) return;
    std::string clients;
    if (interfaces > 0) {
      clients = std::to_string(interfaces) + " interface" + (interfaces == 1 ? "" : "s") +
                " in that range";
    }
    if (placed > 0) {
      if (!clients.empty()) clients += " and the ";
      clients += std::to_string(placed) + " workload" + (placed == 1 ? "" : "s") +
                 " whose subnets lie inside it";
    }
    ReportOnGroup(sink, group,
                  "admits " + cidr.ToString() + " to " + rule.traffic->ToString() +
                      " instead of referencing the security groups of the " + clients + ": " +
                      NameGroups(groups, topology, group.scope),
                  rule.source);
  }

  static std::string NameGroups(const std::set<std::string>& ids, const model::Topology& topology,
                                model::ScopeId scope) {
    std::string text;
    std::size_t named = 0;
    for (const std::string& id : ids) {
      if (named == kGroupsNamed) {
        text += " and " + std::to_string(ids.size() - kGroupsNamed) + " more";
        break;
      }
      if (named > 0) text += ", ";
      text += id;
      const model::SecurityGroup* found = topology.network().FindSecurityGroup(id, scope);
      if (found != nullptr && !found->name.empty()) text += " (" + found->name + ")";
      ++named;
    }
    return text;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgCidrInsteadOfGroupReference() {
  return std::make_unique<SgCidrInsteadOfGroupReference>();
}

}  // namespace netlint::rules
