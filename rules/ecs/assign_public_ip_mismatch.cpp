// ECS002: assignPublicIp disagrees with the subnets a service runs in.

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "ECS002",
      .name = "ecs-assign-public-ip-mismatch",
      .category = "ecs",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "An ECS service's assignPublicIp setting does not fit its subnets",
      .rationale =
          "assignPublicIp only matters in subnets whose route table sends the internet to an "
          "internet gateway. ENABLED in such a public subnet makes every task addressable from "
          "the internet; that is a choice to make deliberately, behind a load balancer or not "
          "at all. ENABLED in a private subnet does nothing (traffic leaves through the NAT "
          "gateway), which usually means the author believed the tasks were public. Peers flag "
          "every ENABLED service regardless of the subnet; netlint judges it in context.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e2a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0e2a2b3c4d5e6f701"], "securityGroups": [], "assignPublicIp": "ENABLED"}}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "RouteTables": [{"RouteTableId": "rtb-0e2a2b3c4d5e6f701", "VpcId": "vpc-0e2a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0e2a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0e2a2b3c4d5e6f701"], "securityGroups": [], "assignPublicIp": "DISABLED"}}}]})",
      .exceptions =
          "ENABLED in a public subnet is accepted when a load balancer fronts the service (a "
          "common way to pull images without a NAT gateway; REACH001 still reports any port "
          "the tasks expose directly). DISABLED in a public subnet without a NAT gateway or "
          "endpoints leaves the tasks without a way to pull images: ECS001 reports that with "
          "the blocked path, so ECS002 does not repeat it. Subnets whose routing is unknown "
          "are skipped.",
      .fix =
          "Make assignPublicIp fit the subnets: in private subnets set it to DISABLED (a public "
          "IP there does nothing); in public subnets without a NAT gateway or endpoints either "
          "set it to ENABLED so tasks can pull images, or better, move the service to private "
          "subnets with a NAT gateway or VPC endpoints and keep DISABLED.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
                     "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html"},
  };
  return meta;
}

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += ", ";
    text += item;
  }
  return text;
}

class AssignPublicIpMismatch final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::EcsService& service : context.network.ecs_services) {
      if (!service.network || service.network->assign_public_ip != true) continue;
      std::vector<std::string> private_subnets;
      std::vector<std::string> public_subnets;
      std::string private_reason;
      for (const std::string& id : service.network->subnet_ids) {
        const model::Subnet* subnet = context.network.FindSubnet(id, service.scope);
        if (subnet == nullptr) continue;
        const SubnetRouting routing = RoutingOf(*subnet, context.topology);
        switch (routing.IsPublic(model::IpFamily::kV4)) {
          case Tristate::kNo:
            private_subnets.push_back(id);
            if (private_reason.empty()) {
              private_reason = id + " " + routing.MissingRouteText(model::IpFamily::kV4);
            }
            break;
          case Tristate::kYes:
            public_subnets.push_back(id);
            break;
          case Tristate::kUnknown:
            break;
        }
      }
      if (!private_subnets.empty()) {
        Finding& finding = sink.Report(
            service, model::ResourceKind::kEcsService,
            "assignPublicIp is ENABLED but " + Join(private_subnets) +
                (private_subnets.size() == 1 ? " is" : " are") +
                " private (" + private_reason +
                "): the public IP is never used, and the tasks are not public as the setting "
                "suggests");
        finding.severity = Severity::kNote;
        finding.resource_name = service.name;
      }
      if (!public_subnets.empty() && service.load_balancers.empty()) {
        Finding& finding = sink.Report(
            service, model::ResourceKind::kEcsService,
            "assignPublicIp is ENABLED in public " +
                std::string(public_subnets.size() == 1 ? "subnet " : "subnets ") +
                Join(public_subnets) +
                " and no load balancer fronts the service: every task is addressable from the "
                "internet (REACH001 shows which ports are open)");
        finding.resource_name = service.name;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAssignPublicIpMismatch() {
  return std::make_unique<AssignPublicIpMismatch>();
}

}  // namespace netlint::rules
