// CIDR004: workloads in a default VPC.

#include <set>

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

constexpr std::size_t kWorkloadsNamed = 3;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "CIDR004",
      .name = "default-vpc-in-use",
      .category = "addressing",
      .default_severity = Severity::kNote,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Workloads run in a default VPC",
      .rationale =
          "AWS creates a default VPC in every region with a public subnet in every Availability "
          "Zone, automatic public IP addresses and a route to an internet gateway: whatever is "
          "launched there without thought is on the internet. Its 172.31.0.0/16 range is the "
          "same in every account and region, so it cannot be peered or connected to other "
          "networks later. Workloads belong in VPCs designed for them.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0default00000001", "CidrBlock": "172.31.0.0/16", "IsDefault": true}],
 "Reservations": [{"Instances": [{"InstanceId": "i-0a1b2c3d4e5f60718", "State": {"Name": "running"},
   "VpcId": "vpc-0default00000001", "SubnetId": "subnet-0a1b2c3d4e5f60718", "PrivateIpAddress": "172.31.5.10"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0default00000001", "CidrBlock": "172.31.0.0/16", "IsDefault": true},
          {"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16", "IsDefault": false}],
 "Reservations": [{"Instances": [{"InstanceId": "i-0a1b2c3d4e5f60718", "State": {"Name": "running"},
   "VpcId": "vpc-0a1b2c3d4e5f60718", "SubnetId": "subnet-0a1b2c3d4e5f60718", "PrivateIpAddress": "10.0.5.10"}]}]})",
      .exceptions =
          "An unused default VPC is not a finding: AWS creates one in every region, and "
          "deleting it is a separate decision. Network interfaces, instances, load balancers, "
          "VPC endpoints, ECS services, databases and caches count as workloads.",
      .fix =
          "Move the workloads to a VPC you created, with private subnets for everything that "
          "needs no public address, then leave the default VPC empty (or delete it). For a new "
          "template, set the VpcId and SubnetIds of every resource explicitly instead of "
          "relying on the default VPC.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html"},
  };
  return meta;
}

class DefaultVpcInUse final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::Vpc& vpc : context.network.vpcs) {
      if (!vpc.is_default.value_or(false)) continue;
      const std::vector<std::string> workloads = WorkloadsIn(vpc, context);
      if (workloads.empty()) continue;
      std::string named;
      for (std::size_t i = 0; i < workloads.size() && i < kWorkloadsNamed; ++i) {
        if (i > 0) named += ", ";
        named += workloads[i];
      }
      if (workloads.size() > kWorkloadsNamed) {
        named += " and " + std::to_string(workloads.size() - kWorkloadsNamed) + " more";
      }
      sink.Report(vpc, model::ResourceKind::kVpc,
                  "default VPC hosts " + std::to_string(workloads.size()) + " workload" +
                      (workloads.size() == 1 ? "" : "s") + ": " + named);
    }
  }

 private:
  // Instances, load balancers and other named workloads, then the interfaces that belong to none
  // of them (so that an instance and its interface count once).
  static std::vector<std::string> WorkloadsIn(const model::Vpc& vpc,
                                              const AnalysisContext& context) {
    const model::Network& network = context.network;
    std::vector<std::string> workloads;
    auto in_vpc = [&](const std::string& vpc_id, const std::string& subnet_id,
                      model::ScopeId scope) {
      if (!vpc_id.empty()) return network.FindVpc(vpc_id, scope) == &vpc;
      const model::Subnet* subnet = network.FindSubnet(subnet_id, scope);
      return subnet != nullptr && context.topology.VpcOf(*subnet) == &vpc;
    };
    std::set<std::string> instances;
    std::set<model::InterfaceOwner> owners_listed;
    for (const model::Instance& instance : network.instances) {
      if (!in_vpc(instance.vpc_id, instance.subnet_id, instance.scope)) continue;
      workloads.push_back("instance " + instance.id);
      instances.insert(instance.id);
    }
    for (const model::LoadBalancer& lb : network.load_balancers) {
      if (network.FindVpc(lb.vpc_id, lb.scope) != &vpc) continue;
      workloads.push_back("load balancer " + lb.name);
      owners_listed.insert(model::InterfaceOwner::kLoadBalancer);
    }
    for (const model::EcsService& service : network.ecs_services) {
      if (!service.network || service.network->subnet_ids.empty() ||
          !in_vpc("", service.network->subnet_ids.front(), service.scope)) {
        continue;
      }
      workloads.push_back("ECS service " + service.name);
      owners_listed.insert(model::InterfaceOwner::kEcsTask);
    }
    for (const model::DbInstance& db : network.db_instances) {
      const std::string first_subnet = db.subnet_ids.empty() ? "" : db.subnet_ids.front();
      if (!in_vpc(db.vpc_id, first_subnet, db.scope)) continue;
      workloads.push_back("DB instance " + db.id);
      owners_listed.insert(model::InterfaceOwner::kDbInstance);
    }
    for (const model::VpcEndpoint& endpoint : network.vpc_endpoints) {
      if (network.FindVpc(endpoint.vpc_id, endpoint.scope) != &vpc) continue;
      workloads.push_back("VPC endpoint " + endpoint.id);
      owners_listed.insert(model::InterfaceOwner::kVpcEndpoint);
    }
    for (const model::NetworkInterface* eni : context.topology.InterfacesOf(vpc)) {
      if (eni->owner == model::InterfaceOwner::kInstance && instances.count(eni->owner_ref) != 0) {
        continue;
      }
      if (owners_listed.count(eni->owner) != 0) continue;
      workloads.push_back("network interface " + eni->id + " (" +
                          std::string(model::InterfaceOwnerName(eni->owner)) + ")");
    }
    return workloads;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDefaultVpcInUse() { return std::make_unique<DefaultVpcInUse>(); }

}  // namespace netlint::rules
