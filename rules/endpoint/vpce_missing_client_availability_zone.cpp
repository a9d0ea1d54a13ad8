// VPCE004: an interface endpoint has no network interface in an Availability Zone where
// private workloads of its VPC run.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "netlint/rules/rule.h"
#include "rules/common/rule_helpers.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

constexpr std::size_t kWorkloadsNamed = 3;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "VPCE004",
      .name = "vpce-missing-client-availability-zone",
      .category = "vpc-endpoint",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Interface endpoint is missing from an Availability Zone where private "
                 "workloads of its VPC run",
      .rationale =
          "An interface endpoint answers in the Availability Zones of its subnets. Workloads in "
          "another zone still reach it, across zones: every call pays inter-zone data "
          "transfer, and when the endpoint's zone fails, the workloads of the healthy zone lose "
          "the service too (image pulls, logs, secrets), which defeats running them in two "
          "zones. Give the endpoint a subnet in every zone its clients use.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
              "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
              "CidrBlock": "10.0.11.0/24", "AvailabilityZone": "eu-west-1b"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "Reservations": [{"Instances": [
  {"InstanceId": "i-0a1b2c3d4e5f6071a", "State": {"Name": "running"}, "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0a1b2c3d4e5f6071a", "PrivateIpAddress": "10.0.10.10"},
  {"InstanceId": "i-0a1b2c3d4e5f6071b", "State": {"Name": "running"}, "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0a1b2c3d4e5f6071b", "PrivateIpAddress": "10.0.11.10"}]}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.ssm",
  "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-0a1b2c3d4e5f6071a"]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f6071a", "VpcId": "vpc-0a1b2c3d4e5f60718",
              "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0a1b2c3d4e5f6071b", "VpcId": "vpc-0a1b2c3d4e5f60718",
              "CidrBlock": "10.0.11.0/24", "AvailabilityZone": "eu-west-1b"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "Reservations": [{"Instances": [
  {"InstanceId": "i-0a1b2c3d4e5f6071a", "State": {"Name": "running"}, "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0a1b2c3d4e5f6071a", "PrivateIpAddress": "10.0.10.10"},
  {"InstanceId": "i-0a1b2c3d4e5f6071b", "State": {"Name": "running"}, "VpcId": "vpc-0a1b2c3d4e5f60718",
   "SubnetId": "subnet-0a1b2c3d4e5f6071b", "PrivateIpAddress": "10.0.11.10"}]}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.ssm",
  "State": "available", "PrivateDnsEnabled": true,
  "SubnetIds": ["subnet-0a1b2c3d4e5f6071a", "subnet-0a1b2c3d4e5f6071b"]}]})",
      .exceptions =
          "Clients are the private subnets (no route of the whole internet to an internet "
          "gateway) of the endpoint's VPC that host workloads: instances that are not "
          "terminated, the subnets of ECS services that are not inactive, and network "
          "interfaces of instances, Lambda functions and ECS tasks. Public subnets are left "
          "out (their workloads may reach the public service directly), and so are subnets "
          "whose route table is not in the input. A VPC with no such client gives no finding "
          "for any of its endpoints. Which AWS service a workload calls is not in describe "
          "output, so every interface endpoint of the VPC counts as used by every client. "
          "When a subnet of the endpoint is not in the input, its zone is unknown and the "
          "endpoint is skipped. Gateway endpoints (S3, DynamoDB) are regional and not judged.",
      .fix =
          "Add a subnet of each missing Availability Zone to the interface endpoint (aws ec2 "
          "modify-vpc-endpoint --add-subnet-ids). Otherwise clients in those zones send their "
          "endpoint traffic across zones and lose the endpoint if the other zone fails.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
                     "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html",
                     "https://docs.aws.amazon.com/whitepapers/latest/aws-privatelink/what-are-vpc-endpoints.html"},
  };
  return meta;
}

// A private subnet with workloads that would use the VPC's interface endpoints.
struct ClientSubnet {
  const model::Subnet* subnet = nullptr;
  std::vector<std::string> workloads;  // "instance i-...", "ecs-service api", ...
};

using VpcKey = std::tuple<model::ScopeId, std::string>;

class ClientIndex {
 public:
  explicit ClientIndex(const AnalysisContext& context) : context_(context) {
    const model::Network& network = context.network;
    for (const model::Instance& instance : network.instances) {
      if (instance.state == "terminated" || instance.state == "shutting-down") continue;
      Add(instance.subnet_id, instance.scope, "instance " + instance.id);
    }
    for (const model::EcsService& service : network.ecs_services) {
      if (!service.network || service.status == "INACTIVE") continue;
      for (const std::string& subnet_id : service.network->subnet_ids) {
        Add(subnet_id, service.scope, "ecs-service " + service.name);
      }
    }
    for (const model::NetworkInterface& eni : network.network_interfaces) {
      switch (eni.owner) {
        case model::InterfaceOwner::kInstance:
          Add(eni.subnet_id, eni.scope,
              "instance " + (eni.owner_ref.empty() ? eni.id : eni.owner_ref));
          break;
        case model::InterfaceOwner::kLambda:
        case model::InterfaceOwner::kEcsTask:
          Add(eni.subnet_id, eni.scope,
              std::string(model::InterfaceOwnerName(eni.owner)) + " interface " + eni.id);
          break;
        default:
          break;
      }
    }
  }

  [[nodiscard]] const std::vector<ClientSubnet>* ClientsOf(model::ScopeId scope,
                                                           const std::string& vpc_id) const {
    auto it = clients_.find({scope, vpc_id});
    return it == clients_.end() ? nullptr : &it->second;
  }

 private:
  void Add(const std::string& subnet_id, model::ScopeId scope, std::string workload) {
    const model::Subnet* subnet = context_.network.FindSubnet(subnet_id, scope);
    if (subnet == nullptr || subnet->availability_zone.empty()) return;
    if (IsPublicSubnet(*subnet, context_.topology).value_or(true)) return;
    std::vector<ClientSubnet>& clients = clients_[{subnet->scope, subnet->vpc_id}];
    auto it = std::find_if(clients.begin(), clients.end(),
                           [&](const ClientSubnet& client) { return client.subnet == subnet; });
    if (it == clients.end()) {
      clients.push_back({subnet, {}});
      it = std::prev(clients.end());
    }
    if (std::find(it->workloads.begin(), it->workloads.end(), workload) == it->workloads.end()) {
      it->workloads.push_back(std::move(workload));
    }
  }

  const AnalysisContext& context_;
  std::map<VpcKey, std::vector<ClientSubnet>> clients_;
};

class VpceMissingClientAvailabilityZone final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    std::optional<ClientIndex> index;  // built on the first interface endpoint
    for (const model::VpcEndpoint& endpoint : context.network.vpc_endpoints) {
      if (endpoint.type != model::EndpointType::kInterface || !IsLiveEndpoint(endpoint) ||
          endpoint.subnet_ids.empty()) {
        continue;
      }
      std::vector<std::string> endpoint_zones;
      if (!ZonesOf(endpoint, context.network, endpoint_zones)) continue;
      if (!index) index.emplace(context);
      const std::vector<ClientSubnet>* clients = index->ClientsOf(endpoint.scope, endpoint.vpc_id);
      if (clients == nullptr) continue;
      std::map<std::string, std::vector<const ClientSubnet*>> missing;  // zone -> clients
      for (const ClientSubnet& client : *clients) {
        const std::string& zone = client.subnet->availability_zone;
        if (std::find(endpoint_zones.begin(), endpoint_zones.end(), zone) ==
            endpoint_zones.end()) {
          missing[zone].push_back(&client);
        }
      }
      if (missing.empty()) continue;
      Report(endpoint, endpoint_zones, missing, sink);
    }
  }

 private:
  // The zones of the endpoint's subnets; false when one of them is unknown.
  static bool ZonesOf(const model::VpcEndpoint& endpoint, const model::Network& network,
                      std::vector<std::string>& zones) {
    for (const std::string& subnet_id : endpoint.subnet_ids) {
      const model::Subnet* subnet = network.FindSubnet(subnet_id, endpoint.scope);
      if (subnet == nullptr || subnet->availability_zone.empty()) return false;
      if (std::find(zones.begin(), zones.end(), subnet->availability_zone) == zones.end()) {
        zones.push_back(subnet->availability_zone);
      }
    }
    std::sort(zones.begin(), zones.end());
    return true;
  }

  static void Report(const model::VpcEndpoint& endpoint, const std::vector<std::string>& zones,
                     const std::map<std::string, std::vector<const ClientSubnet*>>& missing,
                     FindingSink& sink) {
    std::string where;
    for (const auto& [zone, clients] : missing) {
      if (!where.empty()) where += "; ";
      where += zone + ": ";
      for (std::size_t i = 0; i < clients.size(); ++i) {
        if (i > 0) where += ", ";
        where += clients[i]->subnet->id + " (" + JoinLimited(clients[i]->workloads, kWorkloadsNamed) +
                 ")";
      }
    }
    std::vector<std::string> missing_zones;
    missing_zones.reserve(missing.size());
    for (const auto& entry : missing) missing_zones.push_back(entry.first);
    Finding& finding = sink.Report(
        endpoint, model::ResourceKind::kVpcEndpoint,
        "serves " + endpoint.service_name + " only in " + JoinLimited(zones, zones.size()) +
            ", not in " + JoinLimited(missing_zones, missing_zones.size()) +
            " where private workloads run (" + where +
            "); their calls cross zones and depend on another zone staying up",
        endpoint.source.Child("SubnetIds"));
    for (const auto& [zone, clients] : missing) {
      for (const ClientSubnet* client : clients) {
        finding.related.push_back({client->subnet->id,
                                   "private subnet in " + zone + " hosting " +
                                       JoinLimited(client->workloads, kWorkloadsNamed),
                                   client->subnet->source});
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVpceMissingClientAvailabilityZone() {
  return std::make_unique<VpceMissingClientAvailabilityZone>();
}

}  // namespace netlint::rules
