// NACL003: a network ACL drops the replies of a connection the network is built to carry.

#include <algorithm>
#include <map>
#include <string_view>

#include "rules/common/ecs_needs.h"
#include "rules/common/load_balancing.h"
#include "rules/common/path_findings.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NACL003",
      .name = "nacl-blocks-return-traffic",
      .category = "network-acl",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "A network ACL drops the replies of a connection the network is built to "
                 "carry",
      .rationale =
          "Network ACLs are stateless: a reply is a new packet, to the client's ephemeral port, "
          "and must be allowed on its own (inbound at the client's subnet, outbound at the "
          "server's). NAT gateways and load balancers use ports 1024-65535, Linux clients "
          "32768-60999. An ACL that allows the request but not the reply breaks the connection "
          "in a way security groups (stateful) never do, and it is hard to see in the console. "
          "netlint evaluates the connections the network exists for (load balancer to "
          "targets, tasks to the services they need, clients to internet-facing load "
          "balancers, workloads to the databases that admit their groups) and reports each ACL "
          "that drops replies, with the flows it breaks.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e8a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e8a2b3c4d5e6f701", "VpcId": "vpc-0e8a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e8a2b3c4d5e6f702", "VpcId": "vpc-0e8a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e8a2b3c4d5e6f701", "VpcId": "vpc-0e8a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e8a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "NetworkAcls": [{"NetworkAclId": "acl-0e8a2b3c4d5e6f701", "VpcId": "vpc-0e8a2b3c4d5e6f701", "IsDefault": false,
   "Associations": [{"SubnetId": "subnet-0e8a2b3c4d5e6f702"}],
   "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 8080, "To": 8080}},
               {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 443, "To": 443}}]}],
 "SecurityGroups": [{"GroupId": "sg-0e8a2b3c4d5e6f701", "GroupName": "alb", "VpcId": "vpc-0e8a2b3c4d5e6f701", "IpPermissions": [],
   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
  {"GroupId": "sg-0e8a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0e8a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "sg-0e8a2b3c4d5e6f701"}]}], "IpPermissionsEgress": []}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e8a2b3c4d5e6f70",
   "LoadBalancerName": "web", "Type": "application", "Scheme": "internal", "VpcId": "vpc-0e8a2b3c4d5e6f701",
   "AvailabilityZones": [{"SubnetId": "subnet-0e8a2b3c4d5e6f701", "ZoneName": "eu-west-1a"}], "SecurityGroups": ["sg-0e8a2b3c4d5e6f701"]}],
 "TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e8a2b3c4d5e6f70",
   "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-0e8a2b3c4d5e6f701", "TargetType": "ip",
   "LoadBalancerArns": ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e8a2b3c4d5e6f70"]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e8a2b3c4d5e6f70", "containerName": "app", "containerPort": 8080}],
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e8a2b3c4d5e6f702"], "securityGroups": ["sg-0e8a2b3c4d5e6f702"], "assignPublicIp": "DISABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e8a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e8a2b3c4d5e6f701", "VpcId": "vpc-0e8a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"},
             {"SubnetId": "subnet-0e8a2b3c4d5e6f702", "VpcId": "vpc-0e8a2b3c4d5e6f701", "CidrBlock": "10.0.10.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e8a2b3c4d5e6f701", "VpcId": "vpc-0e8a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e8a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "NetworkAcls": [{"NetworkAclId": "acl-0e8a2b3c4d5e6f701", "VpcId": "vpc-0e8a2b3c4d5e6f701", "IsDefault": false,
   "Associations": [{"SubnetId": "subnet-0e8a2b3c4d5e6f702"}],
   "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 8080, "To": 8080}},
               {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 1024, "To": 65535}}]}],
 "SecurityGroups": [{"GroupId": "sg-0e8a2b3c4d5e6f701", "GroupName": "alb", "VpcId": "vpc-0e8a2b3c4d5e6f701", "IpPermissions": [],
   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
  {"GroupId": "sg-0e8a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0e8a2b3c4d5e6f701",
   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": "sg-0e8a2b3c4d5e6f701"}]}], "IpPermissionsEgress": []}],
 "LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e8a2b3c4d5e6f70",
   "LoadBalancerName": "web", "Type": "application", "Scheme": "internal", "VpcId": "vpc-0e8a2b3c4d5e6f701",
   "AvailabilityZones": [{"SubnetId": "subnet-0e8a2b3c4d5e6f701", "ZoneName": "eu-west-1a"}], "SecurityGroups": ["sg-0e8a2b3c4d5e6f701"]}],
 "TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e8a2b3c4d5e6f70",
   "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-0e8a2b3c4d5e6f701", "TargetType": "ip",
   "LoadBalancerArns": ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0e8a2b3c4d5e6f70"]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0e8a2b3c4d5e6f70", "containerName": "app", "containerPort": 8080}],
  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0e8a2b3c4d5e6f702"], "securityGroups": ["sg-0e8a2b3c4d5e6f702"], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "Only replies are judged here; an ACL that drops the request itself shows up in the "
          "blocked path of ECS001, LB003 or `netlint reach`. An ACL that allows only part of "
          "the client's ephemeral range (32768-65535 for a NAT gateway that uses 1024-65535) is "
          "reported too, since connections then fail at random.",
      .fix =
          "Add an entry that allows the reply traffic the finding names: for connections opened "
          "from the subnet, inbound tcp 1024-65535 from the destination (0.0.0.0/0 for the "
          "internet); for connections accepted, outbound tcp 1024-65535 to the clients. Give it "
          "a rule number lower than any deny that matches the same traffic.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"},
  };
  return meta;
}

struct Flow {
  std::string name;  // "load balancer web to ecs-service app on tcp/8080"
  reach::Endpoint from;
  reach::Endpoint to;
  reach::FlowSpec spec;
};

std::vector<Flow> IntendedFlows(const AnalysisContext& context) {
  const model::Network& network = context.network;
  std::vector<Flow> flows;
  for (const TargetBinding& binding : TargetBindings(context.topology)) {
    const reach::Endpoint from =
        reach::Endpoint::Resource(model::ResourceKind::kLoadBalancer, *binding.load_balancer);
    const reach::Endpoint to = reach::Endpoint::Resource(binding.target_kind, *binding.target);
    flows.push_back({"load balancer " + binding.load_balancer->name + " to " + to.ToString() +
                         " on tcp/" + std::to_string(binding.port),
                     from, to, {model::Protocol::Tcp(), binding.port}});
  }
  for (const model::LoadBalancer& lb : network.load_balancers) {
    if (!lb.internet_facing.value_or(false)) continue;
    for (const model::Listener* listener : context.topology.ListenersOf(lb)) {
      if (!listener->port || listener->protocol == "UDP") continue;
      flows.push_back({"the internet to load balancer " + lb.name + " on tcp/" +
                           std::to_string(*listener->port),
                       reach::Endpoint::Internet(),
                       reach::Endpoint::Resource(model::ResourceKind::kLoadBalancer, lb),
                       {model::Protocol::Tcp(), *listener->port}});
    }
  }
  for (const model::EcsService& service : network.ecs_services) {
    if (!service.network) continue;
    const model::TaskDefinition* definition =
        network.FindTaskDefinition(service.task_definition, service.scope);
    if (definition == nullptr) continue;
    for (const ServiceNeed& need : NeedsOf(*definition)) {
      flows.push_back({"ecs-service " + service.name + " to " + need.service + " on tcp/443",
                       reach::Endpoint::Resource(model::ResourceKind::kEcsService, service),
                       need.service == "internet" ? reach::Endpoint::Internet()
                                                  : reach::Endpoint::AwsService(need.service),
                       {}});
    }
  }
  return flows;
}

class NaclBlocksReturnTraffic final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    struct Broken {
      std::vector<std::string> flows;
      std::vector<reach::Check> checks;
      std::optional<reach::PathResult> example;
    };
    std::map<std::string, Broken> by_acl;
    // Checks name the ACL by id, whatever the input's id scheme (acl-..., a template's logical
    // id, a plan's address); of ACLs sharing an id, the last one is reported.
    std::map<std::string_view, const model::NetworkAcl*> acls_by_id;
    for (const model::NetworkAcl& acl : context.network.network_acls) acls_by_id[acl.id] = &acl;
    for (const Flow& flow : IntendedFlows(context)) {
      const auto answer_shared = context.reachability->QueryShared(flow.from, flow.to, flow.spec);
      const reach::Answer& answer = *answer_shared;
      for (const reach::PathResult& path : answer.paths) {
        for (const reach::Check* check : path.ChecksWith(reach::Verdict::kBlocked)) {
          if (!acls_by_id.contains(check->resource) ||
              check->text.rfind("return traffic: ", 0) != 0) {
            continue;
          }
          Broken& broken = by_acl[check->resource];
          if (std::find(broken.flows.begin(), broken.flows.end(), flow.name) == broken.flows.end()) {
            broken.flows.push_back(flow.name);
            broken.checks.push_back(*check);
          }
          if (!broken.example) broken.example = path;
        }
      }
    }
    for (const auto& [acl_id, broken] : by_acl) {
      const model::NetworkAcl* acl = acls_by_id.at(acl_id);
      std::string flows;
      for (const std::string& name : broken.flows) flows += (flows.empty() ? "" : "; ") + name;
      Finding& finding = sink.Report(
          *acl, model::ResourceKind::kNetworkAcl,
          "drops the replies of " + std::to_string(broken.flows.size()) +
              (broken.flows.size() == 1 ? " connection" : " connections") +
              " the network is built for (" + flows + "): " +
              broken.checks.front().text.substr(std::string("return traffic: ").size()),
          broken.checks.front().source.HasFile() ? broken.checks.front().source : acl->source);
      finding.path = broken.example->hops;
      for (const reach::Check& check : broken.checks) {
        finding.related.push_back({check.resource, check.text, check.source});
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNaclBlocksReturnTraffic() {
  return std::make_unique<NaclBlocksReturnTraffic>();
}

}  // namespace netlint::rules
