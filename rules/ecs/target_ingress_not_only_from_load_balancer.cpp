// ECS003: a load balancer's targets admit other sources than the load balancer on the target
// port (ALB-only ingress).

#include <algorithm>
#include <set>

#include "rules/common/exposure.h"
#include "rules/common/load_balancing.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "ECS003",
      .name = "target-ingress-not-only-from-load-balancer",
      .category = "ecs",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "A load balancer's targets admit other sources than the load balancer on the "
                 "target port",
      .rationale =
          "Services behind a load balancer should accept their traffic port only from the load "
          "balancer's security group: then TLS termination, the WAF, authentication and "
          "health-based routing cannot be bypassed, and moving the tasks between subnets "
          "changes nothing. A rule that also admits a CIDR block or another group on the same "
          "port opens a side door; from public addresses it is an error, from private ones a "
          "warning (other workloads in the VPC can skip the load balancer). Whether the load "
          "balancer itself gets through (its egress, the targets' ingress, the NACLs, the "
          "health-check port) is LB003's question.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e3a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "SecurityGroups": [{"GroupId": "sg-0e3a2b3c4d5e6f701", "GroupName": "alb", "VpcId": "vpc-0e3a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []},
  {"GroupId": "sg-0e3a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0e3a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e3a2b3c4d5e6f70",
   "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing", "VpcId": "vpc-0e3a2b3c4d5e6f701", "SecurityGroups": ["sg-0e3a2b3c4d5e6f701"]}],
 "TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e3a2b3c4d5e6f70",
   "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-0e3a2b3c4d5e6f701", "TargetType": "ip",
   "LoadBalancerArns": ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e3a2b3c4d5e6f70"]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e3a2b3c4d5e6f70", "containerName": "app", "containerPort": 8080}],
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": [], "securityGroups": ["sg-0e3a2b3c4d5e6f702"], "assignPublicIp": "DISABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e3a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "SecurityGroups": [{"GroupId": "sg-0e3a2b3c4d5e6f701", "GroupName": "alb", "VpcId": "vpc-0e3a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []},
  {"GroupId": "sg-0e3a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0e3a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "sg-0e3a2b3c4d5e6f701"}]}], "IpPermissionsEgress": []}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e3a2b3c4d5e6f70",
   "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing", "VpcId": "vpc-0e3a2b3c4d5e6f701", "SecurityGroups": ["sg-0e3a2b3c4d5e6f701"]}],
 "TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e3a2b3c4d5e6f70",
   "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-0e3a2b3c4d5e6f701", "TargetType": "ip",
   "LoadBalancerArns": ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e3a2b3c4d5e6f70"]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e3a2b3c4d5e6f70", "containerName": "app", "containerPort": 8080}],
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": [], "securityGroups": ["sg-0e3a2b3c4d5e6f702"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Sources inside the load balancer's own subnets are accepted (that is where its "
          "nodes live). Targets of load balancers without security groups (network load "
          "balancers created without them) are not judged: such a load balancer passes the "
          "clients' own addresses through, so the targets must admit the clients. A rule for all traffic counts like a rule for the target port. Rules "
          "on other ports are not judged here (the SG rules report them).",
      .fix =
          "Change the target's ingress rule on the target port so its only source is the load "
          "balancer's security group (SourceSecurityGroupId) instead of address ranges or other "
          "groups. Keep other sources on a separate port (health checks use the target port and "
          "come from the load balancer too).",
      .options = {},
      .references = {"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html",
                     "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-network.html"},
  };
  return meta;
}

// The security groups a target carries.
std::vector<const model::SecurityGroup*> GroupsOf(const TargetBinding& binding,
                                                  const model::Topology& topology) {
  const model::Network& network = topology.network();
  std::vector<std::string> ids;
  const model::Vpc* vpc = nullptr;
  if (binding.target_kind == model::ResourceKind::kEcsService) {
    const auto& service = static_cast<const model::EcsService&>(*binding.target);
    if (service.network) {
      ids = service.network->security_group_ids;
      for (const std::string& subnet_id : service.network->subnet_ids) {
        if (const auto* subnet = network.FindSubnet(subnet_id, service.scope)) {
          vpc = topology.VpcOf(*subnet);
        }
      }
    }
    if (ids.empty() && vpc == nullptr) vpc = network.FindVpc(binding.target_group->vpc_id, service.scope);
  } else {
    ids = static_cast<const model::Instance&>(*binding.target).security_group_ids;
  }
  std::vector<const model::SecurityGroup*> groups;
  for (const std::string& id : ids) {
    if (const auto* group = network.FindSecurityGroup(id, binding.target->scope)) {
      groups.push_back(group);
    }
  }
  if (ids.empty() && vpc != nullptr) {
    if (const auto* fallback = topology.DefaultSecurityGroup(*vpc)) groups.push_back(fallback);
  }
  return groups;
}

std::string SideDoorMessage(const std::string& target, const std::string& lb, std::uint16_t port,
                            const std::string& sources, bool public_source) {
  std::string text = target;
  text += " sits behind load balancer ";
  text += lb;
  text += " but also admits tcp/" + std::to_string(port) + " from ";
  text += sources;
  text += public_source ? ", which lets the internet bypass the load balancer"
                        : ", which lets other workloads bypass the load balancer";
  text += "; admit only the load balancer's security group";
  return text;
}

class TargetIngressNotOnlyFromLoadBalancer final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const model::Network& network = context.network;
    std::set<std::pair<const model::Resource*, std::uint16_t>> reported;
    for (const TargetBinding& binding : TargetBindings(context.topology)) {
      const model::LoadBalancer& lb = *binding.load_balancer;
      // A load balancer without security groups (a network load balancer created without
      // them) preserves the clients' addresses: its targets must admit the clients themselves,
      // and there is no group to restrict them to.
      if (!lb.has_security_groups || lb.security_group_ids.empty()) continue;
      if (!reported.insert({binding.target, binding.port}).second) continue;
      model::AddressSet lb_subnets;
      for (const model::LoadBalancerSubnet& placement : lb.subnets) {
        const model::Subnet* subnet = network.FindSubnet(placement.subnet_id, lb.scope);
        if (subnet != nullptr && subnet->cidr_v4) lb_subnets.Add(*subnet->cidr_v4);
      }
      std::vector<const model::SgRule*> side_doors;
      bool public_source = false;
      std::string sources;
      for (const model::SecurityGroup* group : GroupsOf(binding, context.topology)) {
        for (const model::SgRule& rule : group->ingress) {
          if (!rule.traffic || !rule.traffic->Matches(model::Protocol::Tcp(), binding.port)) {
            continue;
          }
          if (rule.peer.kind == model::SgPeer::Kind::kSecurityGroup) {
            const bool lb_group =
                std::find(lb.security_group_ids.begin(), lb.security_group_ids.end(),
                          rule.peer.id) != lb.security_group_ids.end();
            if (lb_group) continue;
          } else {
            bool unknown = false;
            const model::AddressSet addresses =
                context.topology.PeerAddresses(rule.peer, group->scope, unknown);
            if (!unknown && lb_subnets.ContainsAll(addresses)) continue;
            if (addresses.v4.Overlaps(PublicIpv4()) || addresses.v6.Overlaps(PublicIpv6())) {
              public_source = true;
            }
          }
          side_doors.push_back(&rule);
          if (!sources.empty()) sources += ", ";
          sources += rule.peer.ToString();
        }
      }
      if (side_doors.empty()) continue;
      const std::string target = reach::Endpoint::Resource(binding.target_kind, *binding.target).ToString();
      Finding& finding = sink.Report(
          *binding.target, binding.target_kind,
          SideDoorMessage(target, lb.name, binding.port, sources, public_source),
          side_doors.front()->statement.HasFile() ? side_doors.front()->statement
                                                  : side_doors.front()->source);
      if (!public_source) finding.severity = Severity::kWarning;
      if (binding.target_kind == model::ResourceKind::kEcsService) {
        finding.resource_name = static_cast<const model::EcsService&>(*binding.target).name;
      }
      for (const model::SgRule* rule : side_doors) {
        const model::SecurityGroup* owner = context.topology.OwnerOf(*rule);
        finding.related.push_back({owner != nullptr ? owner->id : std::string(),
                                   "ingress rule " + rule->traffic->ToString() + " from " +
                                       rule->peer.ToString(),
                                   rule->statement.HasFile() ? rule->statement : rule->source});
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeTargetIngressNotOnlyFromLoadBalancer() {
  return std::make_unique<TargetIngressNotOnlyFromLoadBalancer>();
}

}  // namespace netlint::rules
