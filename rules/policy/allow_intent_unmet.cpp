// POL002: a flow the configuration declares allowed has no working path; the finding carries
// the settings that block it.

#include <optional>

#include "rules/common/exposure.h"
#include "rules/common/path_findings.h"
#include "rules/common/policy_checks.h"

namespace netlint::rules {
namespace {

constexpr std::string_view kExampleConfig = R"(policies:
  - name: the app can pull its images
    allow: {from: {ecs-service: app}, to: aws:ecr, port: 443}
)";

// The bad network gives the service no public address in a subnet without a NAT gateway or
// endpoints; the good one gives it a public address.
constexpr std::string_view kNetwork = R"({"Vpcs": [{"VpcId": "vpc-0b1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0b1a2b3c4d5e6f701", "VpcId": "vpc-0b1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0b1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0b1a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0b1a2b3c4d5e6f701", "VpcId": "vpc-0b1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0b1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0b1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0b1a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0b1a2b3c4d5e6f701", "IpPermissions": [],
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0b1a2b3c4d5e6f701"], "securityGroups": ["sg-0b1a2b3c4d5e6f701"], "assignPublicIp": "@"}}}]})";

std::string ExampleNetwork(std::string_view assign_public_ip) {
  std::string text(kNetwork);
  text.replace(text.find('@'), 1, assign_public_ip);
  return text;
}

const RuleMeta& Meta() {
  static const std::string bad = ExampleNetwork("DISABLED");
  static const std::string good = ExampleNetwork("ENABLED");
  static const RuleMeta meta{
      .code = "POL002",
      .name = "allow-intent-unmet",
      .category = "policy",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.3.0",
      .summary = "A flow a policy of the configuration allows has no working path",
      .rationale =
          "A policy can also state what must keep working (\"the api service can pull its "
          "images\"). Connectivity breaks silently: a tightened egress rule, a route table "
          "swapped during a refactor or a missing VPC endpoint only shows when tasks fail to "
          "start or requests time out in production. netlint asks the reachability engine "
          "whether each source the policy names reaches each destination on the policy's "
          "protocol and ports, and reports every pair without a working path together with "
          "the settings that block it, so that one round of changes makes it work.",
      .bad_example = bad,
      .good_example = good,
      .example_config = kExampleConfig,
      .exceptions =
          "Only policies with allow in .netlint.yaml are checked. An allow needs a port (an "
          "allow to an AWS service means 443 without one); a range of at most 1024 ports is "
          "asked port by port and must work on every port. aws:ecr stands for both ECR "
          "services (ecr.api and ecr.dkr), each checked. A flow whose answer depends on "
          "values unknown before deployment gives a note saying what is unknown. A selector "
          "that matches nothing is reported as IN004 at the policy's line. A policy whose "
          "selectors match many resources reports each pair without a path, at most 10 per "
          "policy, and then one finding with the number of pairs left.",

      .fix =
          "Open each blocking setting the finding lists, in order along the path: egress rule "
          "of the source's security group, ingress rule of the destination's group (reference "
          "the source's group), the route (NAT gateway or VPC endpoint for AWS services), and "
          "network ACL entries both ways. For AWS services, an interface endpoint with private "
          "DNS or a NAT gateway route gives the path.",      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html",
                     "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html"},
  };
  return meta;
}

std::string JoinNotes(const std::vector<std::string>& notes) {
  std::string text;
  for (const std::string& note : notes) {
    if (!text.empty()) text += "; ";
    text += note;
  }
  return text;
}

struct PairResult {
  bool blocked = false;
  bool unknown = false;
  std::string flows;  // the flows that fail ("tcp/443", "tcp/8000-8010")
  reach::PathResult witness;  // the most nearly working path of the first failing flow
  std::string why;
};

class AllowIntentUnmet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    for (const config::Policy& policy : context.policies) {
      if (policy.intent != config::Policy::Intent::kAllow) continue;
      std::vector<PolicyEnd> sources;
      std::vector<PolicyEnd> destinations;
      if (!ResolvePolicy(policy, context, sink, sources, destinations)) continue;
      CheckPolicyPairs(
          policy, sources, destinations, sink,
          "have no working path or may not (not listed; fix the ones above or narrow the selectors)",
          [&](const PolicyEnd& source, const PolicyEnd& destination) {
            return CheckPair(policy, source, destination, *context.reachability);
          },
          [](const PairResult& pair) { return pair.blocked || pair.unknown; },
          [&](const PolicyEnd& source, const PolicyEnd& destination, const PairResult& pair) {
            Report(policy, source, destination, pair, sink);
          });
    }
  }

 private:
  static PairResult CheckPair(const config::Policy& policy, const PolicyEnd& source,
                              const PolicyEnd& destination,
                              const reach::Reachability& reachability) {
    PairResult result;
    model::PortSet failing;
    std::optional<reach::FlowSpec> first_failing;
    auto remember = [&](const reach::FlowSpec& flow, const reach::Answer& answer) {
      first_failing = flow;
      if (!answer.paths.empty()) result.witness = answer.paths.front();
      result.why = answer.verdict == reach::Verdict::kBlocked
                       ? (answer.paths.empty() ? JoinNotes(answer.notes)
                                               : BlockedSummary(answer.paths.front()))
                       : (answer.paths.empty() || UnknownSummary(answer.paths.front()).empty()
                              ? JoinNotes(answer.notes)
                              : UnknownSummary(answer.paths.front()));
    };
    for (const reach::FlowSpec& flow : PolicyFlows(policy)) {
      const auto answer = reachability.QueryShared(source.endpoint, destination.endpoint, flow);
      if (answer->verdict == reach::Verdict::kReachable) continue;
      if (answer->verdict == reach::Verdict::kBlocked) {
        // A blocked port outweighs an unknown one: it is the one to report.
        if (!result.blocked) {
          failing = model::PortSet();
          remember(flow, *answer);
        }
        result.blocked = true;
        failing.Add(flow.port, flow.port);
      } else if (!result.blocked) {
        if (!result.unknown) remember(flow, *answer);
        result.unknown = true;
        failing.Add(flow.port, flow.port);
      }
    }
    if (result.blocked) result.unknown = false;
    if (first_failing) {
      result.flows = first_failing->protocol.HasPorts()
                         ? DescribeServicePorts(first_failing->protocol, failing)
                         : first_failing->ToString();
    }
    return result;
  }

  static void Report(const config::Policy& policy, const PolicyEnd& source,
                     const PolicyEnd& destination, const PairResult& pair, FindingSink& sink) {
    std::string message =
        pair.blocked
            ? PolicyLabel(policy) + " is not met: " + source.name + " does not reach " +
                  destination.name + " on " + pair.flows + ": " + pair.why
            : PolicyLabel(policy) + " may not be met: whether " + source.name + " reaches " +
                  destination.name + " on " + pair.flows +
                  " depends on values the input does not hold: " + pair.why;
    Finding& finding = ReportPolicyPair(policy, source, destination, false, std::move(message), sink);
    if (!pair.blocked) finding.severity = Severity::kNote;
    if (!pair.witness.hops.empty()) {
      AttachPath(finding, pair.witness,
                 pair.blocked ? reach::Verdict::kBlocked : reach::Verdict::kUnknown);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAllowIntentUnmet() { return std::make_unique<AllowIntentUnmet>(); }

}  // namespace netlint::rules
