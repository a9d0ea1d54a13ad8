// VPCE005: two interface endpoints of one VPC with private DNS for the same service.

#include <map>
#include <string>
#include <tuple>

#include "netlint/rules/rule.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "VPCE005",
      .name = "vpce-duplicate-private-dns",
      .category = "vpc-endpoint",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Two interface endpoints of one VPC have private DNS enabled for the same "
                 "service",
      .rationale =
          "Private DNS attaches a private hosted zone for the service's public name to the VPC, "
          "and a VPC can hold only one zone for a name: AWS refuses to enable private DNS on a "
          "second endpoint for the same service (\"there is already a conflicting DNS domain\"). "
          "In a template or plan the deployment of the second endpoint fails; in a snapshot "
          "one of the two is not what clients resolve to, and its security group, policy and "
          "subnets are not the ones in effect.",
      .bad_example = R"({"VpcEndpoints": [
 {"VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.logs",
  "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-0a1b2c3d4e5f60718"]},
 {"VpcEndpointId": "vpce-0a1b2c3d4e5f60719", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.logs",
  "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-0a1b2c3d4e5f60719"]}]})",
      .good_example = R"({"VpcEndpoints": [
 {"VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.logs",
  "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-0a1b2c3d4e5f60718"]},
 {"VpcEndpointId": "vpce-0a1b2c3d4e5f60719", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.logs",
  "State": "available", "PrivateDnsEnabled": false, "SubnetIds": ["subnet-0a1b2c3d4e5f60719"]}]})",
      .exceptions =
          "Several endpoints for one service in a VPC are fine when at most one has private "
          "DNS (the others are reached by their own endpoint DNS names). Endpoints in different "
          "VPCs, accounts or regions never conflict, and deleted, failed or rejected endpoints "
          "are not counted. The later endpoint in input order is reported, naming the first; "
          "describe output does not say which was created first in a way every input keeps.",
      .fix =
          "Keep private DNS enabled on one endpoint per service and VPC and disable it on the "
          "others (aws ec2 modify-vpc-endpoint --no-private-dns-enabled); clients of the others "
          "use their endpoint-specific DNS names. Or delete the duplicate endpoints.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#private-dns",
                     "https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html"},
  };
  return meta;
}

class VpceDuplicatePrivateDns final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    using Key = std::tuple<model::ScopeId, std::string, std::string>;  // scope, VPC, service
    std::map<Key, const model::VpcEndpoint*> first_by_service;
    for (const model::VpcEndpoint& endpoint : context.network.vpc_endpoints) {
      if (endpoint.type != model::EndpointType::kInterface || !IsLiveEndpoint(endpoint) ||
          !endpoint.private_dns_enabled.value_or(false) || endpoint.vpc_id.empty() ||
          endpoint.service_name.empty()) {
        continue;
      }
      const auto [it, inserted] = first_by_service.try_emplace(
          Key{endpoint.scope, endpoint.vpc_id, endpoint.service_name}, &endpoint);
      if (inserted) continue;
      const model::VpcEndpoint& first = *it->second;
      Finding& finding = sink.Report(
          endpoint, model::ResourceKind::kVpcEndpoint,
          "has private DNS enabled for " + endpoint.service_name + " in " + endpoint.vpc_id +
              ", as " + first.id +
              " already has; a VPC takes one private DNS endpoint per service, so AWS rejects "
              "this one",
          endpoint.source.Child("PrivateDnsEnabled"));
      finding.related.push_back({first.id, "has private DNS for " + first.service_name + " first",
                                 first.source.Child("PrivateDnsEnabled")});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVpceDuplicatePrivateDns() {
  return std::make_unique<VpceDuplicatePrivateDns>();
}

}  // namespace netlint::rules
