// REACH001: a workload is reachable from the internet directly, not through a load balancer.

#include <algorithm>

#include "rules/common/exposure.h"
#include "rules/common/path_findings.h"
#include "rules/common/port_sets.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "REACH001",
      .name = "workload-reachable-from-internet",
      .category = "reachability",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "A workload is reachable from the internet directly, not through a load "
                 "balancer",
      .rationale =
          "A security group that admits the internet is only half of an exposure: the "
          "workload also needs a public IP address, a subnet whose route table returns "
          "traffic to an internet gateway, and network ACLs that let the connection in and "
          "its replies out. netlint evaluates all of them together for every instance, ECS "
          "service, database, cache and standalone interface, and reports the ports on which "
          "the whole path is open. Application containers should be reached through the load "
          "balancer in front of them; a direct path bypasses its TLS termination, WAF and "
          "health checks. Ports used for administration or by data stores make it an error.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0f1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0f1a2b3c4d5e6f701", "VpcId": "vpc-0f1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0f1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0f1a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0f1a2b3c4d5e6f701", "VpcId": "vpc-0f1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0f1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0f1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0f1a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0f1a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0f1a2b3c4d5e6f701"], "securityGroups": ["sg-0f1a2b3c4d5e6f701"], "assignPublicIp": "ENABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0f1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0f1a2b3c4d5e6f701", "VpcId": "vpc-0f1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0f1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0f1a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0f1a2b3c4d5e6f701", "VpcId": "vpc-0f1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0f1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0f1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0f1a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0f1a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0f1a2b3c4d5e6f701"], "securityGroups": ["sg-0f1a2b3c4d5e6f701"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Load balancers, NAT gateways and VPC endpoints are the intended entry points and are "
          "never findings (netlint reach --from internet still shows them). A workload whose "
          "public IP is not known yet (an ECS service whose assignPublicIp is not set in the "
          "input, a template's instance whose subnet's MapPublicIpOnLaunch is a parameter) "
          "gives a note when everything else is open. A template's instance whose public IP "
          "will exist (AssociatePublicIpAddress, MapPublicIpOnLaunch, an Elastic IP) is "
          "reported, saying that its address is not known before deployment. The internet reaching a workload "
          "through a load balancer is not a finding: ECS003 judges the target's ingress.",
      .fix =
          "Remove the direct path: put the workload in a private subnet or disable its public "
          "IP (assignPublicIp DISABLED, no Elastic IP), and admit the port only from the load "
          "balancer's security group. Serve the traffic through an internet-facing load "
          "balancer; reach administration ports through SSM Session Manager or a bastion.",
      .options = {{"admin-ports", "ports", "22, 3389, 5900, 5985-5986",
                   "exposure of these ports is an error"}},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
                     "https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html"},
  };
  return meta;
}

class WorkloadReachableFromInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    const model::PortSet severe =
        context.options.Ports("admin-ports").Union(ParsePortList(kDefaultSensitivePorts));
    for (const Workload& workload : Workloads(context.network)) {
      // One entry per protocol, family and sources, whichever subnets of the workload they
      // come from (a database in two subnets is one exposure, not two).
      std::vector<reach::Exposure> exposures;
      for (reach::Exposure& exposure : context.reachability->InternetExposure(
               reach::Endpoint::Resource(workload.kind, *workload.resource))) {
        auto same = std::find_if(exposures.begin(), exposures.end(), [&](const reach::Exposure& seen) {
          return seen.protocol == exposure.protocol && seen.family == exposure.family &&
                 seen.sources == exposure.sources && seen.unknown == exposure.unknown;
        });
        if (same == exposures.end()) {
          exposures.push_back(std::move(exposure));
        } else {
          same->ports.Add(exposure.ports);
        }
      }
      if (exposures.empty()) continue;
      std::string ports;
      bool error = false;
      bool all_unknown = true;
      for (const reach::Exposure& exposure : exposures) {
        if (!ports.empty()) ports += ", ";
        ports += DescribeServicePorts(exposure.protocol, exposure.ports);
        if (!exposure.sources.empty()) {
          ports += " from " + exposure.sources;
        } else {
          ports += exposure.family == model::IpFamily::kV6 ? " from ::/0" : " from 0.0.0.0/0";
        }
        all_unknown = all_unknown && exposure.unknown;
        if (!exposure.unknown && exposure.protocol == model::Protocol::Tcp() &&
            exposure.ports.Overlaps(severe)) {
          error = true;
        }
      }
      const reach::Exposure& first = exposures.front();
      std::string message =
          all_unknown ? "may be reachable from the internet directly (not through a load "
                        "balancer) on " + ports + ": " + UnknownSummary(first.example)
                      : "is reachable from the internet directly, not through a load "
                        "balancer, on " + ports + " (" + first.example.via + ")";
      const auto pending = std::find_if(exposures.begin(), exposures.end(),
                                        [](const reach::Exposure& exposure) {
                                          return !exposure.pending_public_ip.empty();
                                        });
      if (pending != exposures.end()) {
        message += "; its public IPv4 address (" + pending->pending_public_ip +
                   ") is not known before deployment";
      }
      Finding& finding = sink.Report(*workload.resource, workload.kind, std::move(message));
      if (workload.kind == model::ResourceKind::kEcsService) {
        finding.resource_name = static_cast<const model::EcsService*>(workload.resource)->name;
      }
      if (all_unknown) {
        finding.severity = Severity::kNote;
      } else if (error) {
        finding.severity = Severity::kError;
      }
      AttachPath(finding, first.example,
                 all_unknown ? reach::Verdict::kUnknown : reach::Verdict::kReachable);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeWorkloadReachableFromInternet() {
  return std::make_unique<WorkloadReachableFromInternet>();
}

}  // namespace netlint::rules
