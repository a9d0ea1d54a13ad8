// VPCE002: an interface endpoint with private DNS in a VPC whose DNS support or DNS hostnames
// attribute is off.

#include <string>

#include "netlint/rules/rule.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "VPCE002",
      .name = "vpce-private-dns-without-vpc-dns",
      .category = "vpc-endpoint",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Interface endpoint has private DNS enabled in a VPC without DNS support or DNS "
                 "hostnames",
      .rationale =
          "Private DNS makes the service's public name (ecr.api, logs, secretsmanager, ...) "
          "resolve to the endpoint's private addresses through a private hosted zone, and AWS "
          "serves private hosted zones only in VPCs with both enableDnsSupport and "
          "enableDnsHostnames on. With either off, clients resolve the public name to public "
          "addresses: private workloads without a NAT path time out (an ECS task fails with "
          "ResourceInitializationError or CannotPullContainerError), and those with one "
          "silently bypass the endpoint. Creating such an endpoint fails; turning an attribute "
          "off later breaks it without a word.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.ecr.api",
  "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-0a1b2c3d4e5f60718"]}],
 "VpcId": "vpc-0a1b2c3d4e5f60718", "EnableDnsHostnames": {"Value": false}})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "VpcEndpoints": [{"VpcEndpointId": "vpce-0a1b2c3d4e5f60718", "VpcEndpointType": "Interface",
  "VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.eu-west-1.ecr.api",
  "State": "available", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-0a1b2c3d4e5f60718"]}],
 "VpcId": "vpc-0a1b2c3d4e5f60718", "EnableDnsHostnames": {"Value": true}})",
      .exceptions =
          "Only an attribute the input states as false counts. describe-vpcs does not report "
          "the DNS attributes (describe-vpc-attribute does, one call per attribute), so an "
          "attribute that is not in the input is unknown and never guessed, not even as a "
          "note: AWS turns DNS support on by default and most snapshots would get a note per "
          "endpoint for nothing. Endpoints with private DNS disabled, gateway endpoints, "
          "endpoints whose VPC is not in the input, and deleted or failed endpoints are not "
          "judged.",
      .fix =
          "Enable both DNS attributes of the VPC (aws ec2 modify-vpc-attribute "
          "--enable-dns-support and --enable-dns-hostnames; EnableDnsSupport and "
          "EnableDnsHostnames true in the template). Without them the endpoint's private DNS "
          "names do not resolve and clients fall back to the public endpoint.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#private-dns",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-support",
                     "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html"},
  };
  return meta;
}

class VpcePrivateDnsWithoutVpcDns final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::VpcEndpoint& endpoint : context.network.vpc_endpoints) {
      if (endpoint.type != model::EndpointType::kInterface || !IsLiveEndpoint(endpoint) ||
          !endpoint.private_dns_enabled.value_or(false)) {
        continue;
      }
      const model::Vpc* vpc = context.network.FindVpc(endpoint.vpc_id, endpoint.scope);
      if (vpc == nullptr) continue;
      const bool support_off = vpc->dns_support.has_value() && !*vpc->dns_support;
      const bool hostnames_off = vpc->dns_hostnames.has_value() && !*vpc->dns_hostnames;
      if (!support_off && !hostnames_off) continue;
      std::string off;
      if (support_off) off = "enableDnsSupport";
      if (hostnames_off) off += std::string(off.empty() ? "" : " and ") + "enableDnsHostnames";
      Finding& finding = sink.Report(
          endpoint, model::ResourceKind::kVpcEndpoint,
          "has private DNS enabled for " + endpoint.service_name + ", but " + vpc->id + " has " +
              off + " set to false, so the service name does not resolve to the endpoint",
          endpoint.source.Child("PrivateDnsEnabled"));
      if (support_off) {
        finding.related.push_back(
            {vpc->id, "enableDnsSupport is false", AttributeSource(*vpc, vpc->dns_support_source)});
      }
      if (hostnames_off) {
        finding.related.push_back({vpc->id, "enableDnsHostnames is false",
                                   AttributeSource(*vpc, vpc->dns_hostnames_source)});
      }
    }
  }

 private:
  // Where the attribute was read, or the VPC itself when the input did not say.
  static SourceRef AttributeSource(const model::Vpc& vpc, const SourceRef& attribute) {
    return attribute.HasFile() ? attribute : vpc.source;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVpcePrivateDnsWithoutVpcDns() {
  return std::make_unique<VpcePrivateDnsWithoutVpcDns>();
}

}  // namespace netlint::rules
