// LB003: a load balancer cannot reach its targets on the target port or the health-check port.

#include <map>
#include <set>
#include <tuple>

#include "rules/common/load_balancing.h"
#include "rules/common/path_findings.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "LB003",
      .name = "load-balancer-cannot-reach-targets",
      .category = "load-balancer",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "A load balancer cannot reach its targets on the traffic or health-check port",
      .rationale =
          "A load balancer forwards from its nodes in its own subnets to the targets' "
          "addresses: its security groups must allow egress to the targets on the target port "
          "(and the health-check port when it differs), the targets' groups must admit the "
          "load balancer, and both subnets' network ACLs must pass the traffic and its replies. "
          "When one of them does not, targets never become healthy and clients get 502/503 "
          "errors. netlint evaluates the path from every node of the load balancer to every "
          "placement of the target and lists every setting that blocks it. For network load "
          "balancers, whose cross-zone routing is off by default, an Availability Zone of the "
          "load balancer without targets is reported too.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e4a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e4a2b3c4d5e6f701", "VpcId": "vpc-0e4a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e4a2b3c4d5e6f702", "VpcId": "vpc-0e4a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e4a2b3c4d5e6f701", "VpcId": "vpc-0e4a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e4a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e4a2b3c4d5e6f701", "GroupName": "alb", "VpcId": "vpc-0e4a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
   "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
  {"GroupId": "sg-0e4a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0e4a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "sg-0e4a2b3c4d5e6f701"}]}], "IpPermissionsEgress": []}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e4a2b3c4d5e6f70",
   "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing", "VpcId": "vpc-0e4a2b3c4d5e6f701",
   "AvailabilityZones": [{"SubnetId": "subnet-0e4a2b3c4d5e6f701", "ZoneName": "eu-west-1a"}], "RouteTables": [{"RouteTableId": "rtb-0e4a2b3c4d5e6f701", "VpcId": "vpc-0e4a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e4a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "SecurityGroups": ["sg-0e4a2b3c4d5e6f701"]}],
 "TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e4a2b3c4d5e6f70",
   "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-0e4a2b3c4d5e6f701", "TargetType": "ip",
   "LoadBalancerArns": ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e4a2b3c4d5e6f70"]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e4a2b3c4d5e6f70", "containerName": "app", "containerPort": 8080}],
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e4a2b3c4d5e6f702"], "securityGroups": ["sg-0e4a2b3c4d5e6f702"], "assignPublicIp": "DISABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e4a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e4a2b3c4d5e6f701", "VpcId": "vpc-0e4a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e4a2b3c4d5e6f702", "VpcId": "vpc-0e4a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e4a2b3c4d5e6f701", "VpcId": "vpc-0e4a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e4a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0e4a2b3c4d5e6f701", "GroupName": "alb", "VpcId": "vpc-0e4a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
   "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "sg-0e4a2b3c4d5e6f702"}]}]},
  {"GroupId": "sg-0e4a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0e4a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "sg-0e4a2b3c4d5e6f701"}]}], "IpPermissionsEgress": []}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e4a2b3c4d5e6f70",
   "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing", "VpcId": "vpc-0e4a2b3c4d5e6f701",
   "AvailabilityZones": [{"SubnetId": "subnet-0e4a2b3c4d5e6f701", "ZoneName": "eu-west-1a"}], "RouteTables": [{"RouteTableId": "rtb-0e4a2b3c4d5e6f701", "VpcId": "vpc-0e4a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e4a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "SecurityGroups": ["sg-0e4a2b3c4d5e6f701"]}],
 "TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e4a2b3c4d5e6f70",
   "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-0e4a2b3c4d5e6f701", "TargetType": "ip",
   "LoadBalancerArns": ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e4a2b3c4d5e6f70"]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e4a2b3c4d5e6f70", "containerName": "app", "containerPort": 8080}],
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e4a2b3c4d5e6f702"], "securityGroups": ["sg-0e4a2b3c4d5e6f702"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Paths whose answer depends on values the input does not hold give a note. Lambda "
          "and ALB-type targets are not evaluated. Application load balancers route across "
          "zones always, so a zone without targets is reported only for network load "
          "balancers.",
      .fix =
          "Open the path the finding shows as blocked: let the targets' security group admit "
          "the target and health-check ports from the load balancer's security group, let the "
          "load balancer's group send to them, and make the network ACLs and routes of both "
          "subnets carry the traffic and its replies. For a network load balancer without "
          "security groups, admit the clients' addresses on the targets.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html#target-security-groups",
                     "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html"},
  };
  return meta;
}

class LoadBalancerCannotReachTargets final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    std::set<std::tuple<const void*, const void*, std::uint16_t>> asked;
    for (const TargetBinding& binding : TargetBindings(context.topology)) {
      const reach::Endpoint from =
          reach::Endpoint::Resource(model::ResourceKind::kLoadBalancer, *binding.load_balancer);
      const reach::Endpoint to = reach::Endpoint::Resource(binding.target_kind, *binding.target);
      std::vector<std::pair<std::uint16_t, std::string>> ports{{binding.port, "traffic"}};
      if (binding.health_check_port) ports.emplace_back(*binding.health_check_port, "health-check");
      for (const auto& [port, purpose] : ports) {
        if (!asked.insert({binding.load_balancer, binding.target, port}).second) continue;
        const auto answer_shared = context.reachability->QueryShared(from, to, reach::FlowSpec{model::Protocol::Tcp(), port});
        const reach::Answer& answer = *answer_shared;
        if (answer.verdict == reach::Verdict::kReachable || answer.paths.empty()) continue;
        const reach::PathResult* nearest = nullptr;
        for (const reach::PathResult& path : answer.paths) {
          if (path.verdict == answer.verdict) {
            nearest = &path;
            break;
          }
        }
        if (nearest == nullptr) continue;
        const std::string what = "its target " + to.ToString() + " on the " + purpose +
                                 " port tcp/" + std::to_string(port) + " (target group " +
                                 binding.target_group->name + ")";
        if (answer.verdict == reach::Verdict::kBlocked) {
          Finding& finding = sink.Report(*binding.load_balancer, model::ResourceKind::kLoadBalancer,
                                         "cannot reach " + what + ": the path goes " +
                                             BlockedSummary(*nearest));
          finding.resource_name = binding.load_balancer->name;
          finding.key = binding.target->id + ":" + std::to_string(port);
          AttachPath(finding, *nearest, reach::Verdict::kBlocked);
        } else {
          Finding& finding = sink.Report(
              *binding.load_balancer, model::ResourceKind::kLoadBalancer,
              "whether it can reach " + what + " is unknown: " + UnknownSummary(*nearest));
          finding.severity = Severity::kNote;
          finding.resource_name = binding.load_balancer->name;
          finding.key = binding.target->id + ":" + std::to_string(port);
          AttachPath(finding, *nearest, reach::Verdict::kUnknown);
        }
      }
    }
    ReportZonesWithoutTargets(context, sink);
  }

 private:
  static void ReportZonesWithoutTargets(const AnalysisContext& context, FindingSink& sink) {
    const model::Network& network = context.network;
    std::map<const model::LoadBalancer*, std::set<std::string>> target_zones;
    std::set<const model::LoadBalancer*> zones_known;
    for (const TargetBinding& binding : TargetBindings(context.topology)) {
      if (binding.load_balancer->type != model::LoadBalancerType::kNetwork) continue;
      std::vector<std::string> subnet_ids;
      if (binding.target_kind == model::ResourceKind::kEcsService) {
        const auto& service = static_cast<const model::EcsService&>(*binding.target);
        if (service.network) subnet_ids = service.network->subnet_ids;
      } else {
        subnet_ids = {static_cast<const model::Instance&>(*binding.target).subnet_id};
      }
      for (const std::string& id : subnet_ids) {
        if (const auto* subnet = network.FindSubnet(id, binding.target->scope)) {
          target_zones[binding.load_balancer].insert(subnet->availability_zone);
          zones_known.insert(binding.load_balancer);
        }
      }
    }
    for (const model::LoadBalancer* lb : zones_known) {
      std::string missing;
      for (const model::LoadBalancerSubnet& placement : lb->subnets) {
        if (placement.availability_zone.empty() ||
            target_zones[lb].count(placement.availability_zone) != 0) {
          continue;
        }
        if (!missing.empty()) missing += ", ";
        missing += placement.availability_zone;
      }
      if (missing.empty()) continue;
      Finding& finding = sink.Report(
          *lb, model::ResourceKind::kLoadBalancer,
          "network load balancer has no targets in " + missing +
              ": without cross-zone load balancing, clients that DNS sends to that zone's node "
              "get no answer");
      finding.severity = Severity::kWarning;
      finding.resource_name = lb->name;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeLoadBalancerCannotReachTargets() {
  return std::make_unique<LoadBalancerCannotReachTargets>();
}

}  // namespace netlint::rules
