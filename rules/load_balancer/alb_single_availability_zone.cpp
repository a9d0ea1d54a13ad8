// LB001: an application load balancer must have subnets in at least two Availability Zones.

#include <algorithm>
#include <string>
#include <vector>

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "LB001",
      .name = "alb-single-availability-zone",
      .category = "load-balancer",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Application load balancer has subnets in fewer than two Availability Zones",
      .rationale =
          "AWS requires an Application Load Balancer to have subnets in at least two "
          "Availability Zones, and that is what makes it survive the loss of one: two subnets "
          "in the same zone are still one zone. A template or plan with a single zone fails at "
          "deploy time; a live load balancer in that state (a subnet deleted or moved, a "
          "hand-edited snapshot) has lost its zone redundancy.",
      .bad_example = R"({"LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188",
  "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "AvailabilityZones": [{"ZoneName": "eu-west-1a", "SubnetId": "subnet-0a1b2c3d4e5f60718"},
                        {"ZoneName": "eu-west-1a", "SubnetId": "subnet-0a1b2c3d4e5f60719"}]}]})",
      .good_example = R"({"LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188",
  "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "AvailabilityZones": [{"ZoneName": "eu-west-1a", "SubnetId": "subnet-0a1b2c3d4e5f60718"},
                        {"ZoneName": "eu-west-1b", "SubnetId": "subnet-0a1b2c3d4e5f60719"}]}]})",
      .exceptions =
          "Network and Gateway Load Balancers may legally run in one Availability Zone and are "
          "not judged. Zones are counted distinct, by the zone the load balancer record names "
          "for each subnet or, when it names none, the subnet's own zone; when the zone of a "
          "subnet is not known and the known ones are fewer than two, nothing is concluded. A "
          "load balancer record without any subnet says nothing about its zones and is skipped.",
      .fix =
          "Add subnets of a second (better, a third) Availability Zone to the load balancer "
          "(aws elbv2 set-subnets, or more Subnets in the template), each a public subnet for "
          "an internet-facing load balancer, and run targets in those zones too. Create the "
          "subnets first if the VPC has only one zone.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones",
                     "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"},
  };
  return meta;
}

class AlbSingleAvailabilityZone final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::LoadBalancer& lb : context.network.load_balancers) {
      if (lb.type != model::LoadBalancerType::kApplication || lb.subnets.empty()) continue;
      std::vector<std::string> zones;
      bool zone_unknown = false;
      for (const model::LoadBalancerSubnet& entry : lb.subnets) {
        std::string zone = entry.availability_zone;
        if (zone.empty()) {
          if (const model::Subnet* subnet = context.network.FindSubnet(entry.subnet_id, lb.scope)) {
            zone = subnet->availability_zone;
          }
        }
        if (zone.empty()) {
          zone_unknown = true;
        } else if (std::find(zones.begin(), zones.end(), zone) == zones.end()) {
          zones.push_back(zone);
        }
      }
      if (zones.size() >= 2 || zone_unknown) continue;
      std::string subnets;
      for (const model::LoadBalancerSubnet& entry : lb.subnets) {
        if (!subnets.empty()) subnets += ", ";
        subnets += entry.subnet_id;
      }
      std::string message = "application load balancer has ";
      message += lb.subnets.size() == 1
                     ? "one subnet (" + subnets + "), in "
                     : std::to_string(lb.subnets.size()) + " subnets (" + subnets + "), all in ";
      message += zones.front();
      message += "; AWS requires subnets in at least two Availability Zones";
      Finding& finding = sink.Report(lb, model::ResourceKind::kLoadBalancer, std::move(message),
                                     lb.source.Child("AvailabilityZones"));
      finding.resource_name = lb.name;
      for (const model::LoadBalancerSubnet& entry : lb.subnets) {
        if (const model::Subnet* subnet = context.network.FindSubnet(entry.subnet_id, lb.scope)) {
          finding.related.push_back({subnet->id, "in " + zones.front(), subnet->source});
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAlbSingleAvailabilityZone() {
  return std::make_unique<AlbSingleAvailabilityZone>();
}

}  // namespace netlint::rules
