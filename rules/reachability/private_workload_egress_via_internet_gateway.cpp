// REACH002: a private workload (a database or cache, or any workload in a subnet meant to be
// private) reaches the internet directly through an internet gateway instead of through a NAT
// gateway or firewall.

#include <string>
#include <vector>

#include "rules/common/path_findings.h"
#include "rules/common/subnet_role.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "REACH002",
      .name = "private-workload-egress-via-internet-gateway",
      .category = "reachability",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary =
          "A private workload reaches the internet directly through an internet gateway, "
          "not through a NAT gateway or firewall",
      .rationale =
          "Databases, caches and the workloads of subnets meant to be private should reach the "
          "internet, if at all, through a NAT gateway or an inspection firewall: both allow "
          "connections out but never in, and they are where egress is logged, filtered and "
          "given stable addresses. A private workload whose connections leave through an "
          "internet gateway has a public address of its own and a route back from the "
          "internet, so one security group rule is all that stands between it and inbound "
          "traffic, and its egress bypasses whatever controls the NAT or firewall path holds. "
          "netlint asks the reachability engine for the path the workload's HTTPS traffic "
          "takes to the internet (security groups, network ACLs both ways, routes, public "
          "address) and reports the workloads whose working path is the internet gateway.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a",
  "Tags": [{"Key": "Name", "Value": "app-private-a"}]}],
 "InternetGateways": [{"InternetGatewayId": "igw-0e2a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0e2a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e2a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0e2a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e2a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e2a2b3c4d5e6f701", "IpPermissions": [],
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0e2a2b3c4d5e6f701"], "securityGroups": ["sg-0e2a2b3c4d5e6f701"], "assignPublicIp": "ENABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a",
  "Tags": [{"Key": "Name", "Value": "app-private-a"}]},
  {"SubnetId": "subnet-0e2a2b3c4d5e6f702", "VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0e2a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0e2a2b3c4d5e6f701", "State": "available"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701", "SubnetId": "subnet-0e2a2b3c4d5e6f702", "State": "available",
  "NatGatewayAddresses": [{"PrivateIp": "10.0.0.10", "PublicIp": "203.0.113.10"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e2a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0e2a2b3c4d5e6f701", "State": "active"}]},
  {"RouteTableId": "rtb-0e2a2b3c4d5e6f702", "VpcId": "vpc-0e2a2b3c4d5e6f701",
  "Associations": [{"Main": false, "SubnetId": "subnet-0e2a2b3c4d5e6f702", "RouteTableId": "rtb-0e2a2b3c4d5e6f702"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0e2a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e2a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0e2a2b3c4d5e6f701", "IpPermissions": [],
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0e2a2b3c4d5e6f701"], "securityGroups": ["sg-0e2a2b3c4d5e6f701"], "assignPublicIp": "ENABLED"}}}]})",
      .exceptions =
          "Private workloads are databases and caches wherever they run, and any other workload "
          "(instance, ECS service, standalone interface) in a subnet that is in a DB or cache "
          "subnet group or whose Name or a tag value says \"private\" (subnet_role semantics, "
          "as RT002). The question is tcp/443 to the public internet over IPv4; the finding "
          "needs a working path, so a private subnet that routes to an internet gateway but "
          "whose workloads have no public address (they reach nothing) is RT002's alone. A "
          "workload whose public address is not known yet (an ECS service without "
          "assignPublicIp in the input) gives a note. Traffic sent to a Gateway Load Balancer "
          "or firewall endpoint is not followed further by the engine and is never reported. "
          "RT002 reports the route of the subnet; REACH002 reports each workload that actually "
          "uses it.",
      .fix =
          "Route the private subnet's 0.0.0.0/0 to a NAT gateway (or your inspection firewall) "
          "instead of the internet gateway, and remove the workload's public IP (assignPublicIp "
          "DISABLED, no Elastic IP, PubliclyAccessible false). Add VPC endpoints for the AWS "
          "services it calls so that traffic need not leave the VPC.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
                     "https://docs.aws.amazon.com/whitepapers/latest/"
                     "building-scalable-secure-multi-vpc-network-infrastructure/"
                     "centralized-egress-to-internet.html"},
  };
  return meta;
}

bool IsDataTier(model::ResourceKind kind) {
  return kind == model::ResourceKind::kDbInstance || kind == model::ResourceKind::kCacheCluster ||
         kind == model::ResourceKind::kReplicationGroup;
}

// Why a subnet is meant to be private, or empty when it is not.
std::string PrivateReason(const model::Subnet& subnet, const SubnetRoles& roles) {
  for (const SubnetRole& role : roles.Of(subnet)) {
    if (role.kind == SubnetRoleKind::kNamedPrivate || role.kind == SubnetRoleKind::kDbSubnetGroup ||
        role.kind == SubnetRoleKind::kCacheSubnetGroup) {
      return role.description;
    }
  }
  return {};
}

bool ViaInternetGateway(const reach::PathResult& path) {
  return path.via.rfind("internet gateway ", 0) == 0;
}

class PrivateWorkloadEgressViaInternetGateway final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    const SubnetRoles roles(context.topology);
    for (const Workload& workload : Workloads(context.network)) {
      const bool data_tier = IsDataTier(workload.kind);
      if (!data_tier && !InPrivateSubnet(workload, context.topology, roles)) continue;
      const reach::Answer answer =
          context.reachability->Query(reach::Endpoint::Resource(workload.kind, *workload.resource),
                                      reach::Endpoint::Internet(), reach::FlowSpec{});
      std::vector<const reach::PathResult*> direct;
      std::vector<const reach::PathResult*> maybe;
      std::string why;
      for (const reach::PathResult& path : answer.paths) {
        if (!ViaInternetGateway(path) || path.verdict == reach::Verdict::kBlocked) continue;
        std::string reason;
        if (data_tier) {
          reason = "it is a data store";
        } else {
          const model::Subnet* subnet =
              context.network.FindSubnet(path.source_subnet, workload.resource->scope);
          if (subnet == nullptr) continue;
          const std::string role = PrivateReason(*subnet, roles);
          if (role.empty()) continue;
          reason = path.source_subnet;
          reason += " is meant to be private: ";
          reason += role;
        }
        if (why.empty()) why = reason;
        (path.verdict == reach::Verdict::kReachable ? direct : maybe).push_back(&path);
      }
      if (!direct.empty()) {
        Report(workload, *direct.front(), direct, why, false, sink);
      } else if (!maybe.empty()) {
        Report(workload, *maybe.front(), maybe, why, true, sink);
      }
    }
  }

 private:
  static bool InPrivateSubnet(const Workload& workload, const model::Topology& topology,
                              const SubnetRoles& roles) {
    for (const model::Subnet* subnet :
         SubnetsOf(model::SgUser{workload.kind, workload.resource}, topology)) {
      if (!PrivateReason(*subnet, roles).empty()) return true;
    }
    return false;
  }

  static void Report(const Workload& workload, const reach::PathResult& first,
                     const std::vector<const reach::PathResult*>& paths, const std::string& why,
                     bool unknown, FindingSink& sink) {
    const std::string subnets = SourceSubnets(paths);
    const std::string where = subnets.empty() ? "" : " from " + subnets;
    std::string message = unknown
                              ? "may reach the internet directly through " + first.via + where +
                                    ", not through a NAT gateway or firewall (" + why +
                                    "); unknown: " + UnknownSummary(first)
                              : "reaches the internet on tcp/443 directly through " + first.via +
                                    where + ", not through a NAT gateway or firewall (" + why + ")";
    Finding& finding = sink.Report(*workload.resource, workload.kind, std::move(message));
    if (workload.kind == model::ResourceKind::kEcsService) {
      finding.resource_name = static_cast<const model::EcsService*>(workload.resource)->name;
    }
    if (unknown) finding.severity = Severity::kNote;
    AttachPath(finding, first, unknown ? reach::Verdict::kUnknown : reach::Verdict::kReachable);
  }
};

}  // namespace

std::unique_ptr<Rule> MakePrivateWorkloadEgressViaInternetGateway() {
  return std::make_unique<PrivateWorkloadEgressViaInternetGateway>();
}

}  // namespace netlint::rules
