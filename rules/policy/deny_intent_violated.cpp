// POL001: a flow the configuration declares denied exists; the finding carries the witness flow
// and the settings that let it through.

#include <algorithm>
#include <optional>

#include "rules/common/exposure.h"
#include "rules/common/path_findings.h"
#include "rules/common/policy_checks.h"

namespace netlint::rules {
namespace {

// A configuration and a network for the documentation's examples: the bad network gives the
// service a public address, the good one does not.
constexpr std::string_view kExampleConfig = R"(policies:
  - name: the app is reached only through its load balancer
    deny: {from: internet, to: {ecs-service: app}, port: 8080}
)";

constexpr std::string_view kNetwork = R"({"Vpcs": [{"VpcId": "vpc-0a1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1a2b3c4d5e6f701", "VpcId": "vpc-0a1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0a1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0a1a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0a1a2b3c4d5e6f701", "VpcId": "vpc-0a1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0a1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0a1a2b3c4d5e6f701", "GroupName": "app", "VpcId": "vpc-0a1a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}],
 "services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/c/app", "serviceName": "app",
  "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
   "subnets": ["subnet-0a1a2b3c4d5e6f701"], "securityGroups": ["sg-0a1a2b3c4d5e6f701"], "assignPublicIp": "@"}}}]})";

std::string ExampleNetwork(std::string_view assign_public_ip) {
  std::string text(kNetwork);
  text.replace(text.find('@'), 1, assign_public_ip);
  return text;
}

const RuleMeta& Meta() {
  static const std::string bad = ExampleNetwork("ENABLED");
  static const std::string good = ExampleNetwork("DISABLED");
  static const RuleMeta meta{
      .code = "POL001",
      .name = "deny-intent-violated",
      .category = "policy",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.3.0",
      .summary = "A flow a policy of the configuration denies exists",
      .rationale =
          "A policy states what must never happen (\"databases are never reachable from the "
          "internet\") independently of how the network is built today. Security groups, "
          "network ACLs, routes and public addresses change one at a time, in different "
          "templates and by different people, and no single change looks like it breaks the "
          "intent. netlint asks the reachability engine, with AWS semantics, whether any "
          "source the policy names reaches any destination it names on the policy's protocol "
          "and ports, and reports each pair that does with the witness path and the settings "
          "that let the flow through, so the intent is checked on every change rather than "
          "remembered.",
      .bad_example = bad,
      .good_example = good,
      .example_config = kExampleConfig,
      .exceptions =
          "Only policies with deny in .netlint.yaml are checked. A deny from the internet "
          "without a port covers every port and protocol the internet reaches (the ports "
          "REACH001 would list); other denies need a port or a range of at most 1024 ports, "
          "asked port by port. protocol: all asks whether all traffic passes (settings that "
          "admit every protocol), not whether some port does. A flow that depends on values "
          "unknown before deployment (a public IP an ECS service may get, a prefix list "
          "without entries) gives a note saying what is unknown. A selector that matches "
          "nothing is reported as IN004 at the policy's line, never passed silently. A policy "
          "whose selectors match many resources reports each violating pair, at most 10 per "
          "policy, and then one finding with the number of pairs left.",

      .fix =
          "Remove the setting the witness path shows as letting the flow through, at the hop "
          "closest to the destination: the security group rule that admits the source, the "
          "public IP or internet-facing placement, or the route that carries the traffic. If "
          "the flow is now intended, change the policy (or narrow its selectors) in "
          ".netlint.yaml in the same change, so the intent stays written down.",      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/infrastructure-security.html"},
  };
  return meta;
}

std::string ProtocolPorts(const reach::Exposure& exposure) {
  std::string text = DescribeServicePorts(exposure.protocol, exposure.ports, 8);
  if (exposure.family == model::IpFamily::kV6) text += " over IPv6";
  if (!exposure.sources.empty()) text += " from " + exposure.sources;
  return text;
}

// What one source and destination pair shows: a flow that exists, one that may, or neither.
struct PairResult {
  std::string flows;  // "tcp/5432", "tcp 22, 5432"
  reach::PathResult witness;
  std::string unknown_notes;
  bool reachable = false;
  bool unknown = false;
};

class DenyIntentViolated final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    for (const config::Policy& policy : context.policies) {
      if (policy.intent != config::Policy::Intent::kDeny) continue;
      std::vector<PolicyEnd> sources;
      std::vector<PolicyEnd> destinations;
      if (!ResolvePolicy(policy, context, sink, sources, destinations)) continue;
      CheckPolicyPairs(
          policy, sources, destinations, sink,
          "violate it or may (not listed; fix the ones above or narrow the selectors)",
          [&](const PolicyEnd& source, const PolicyEnd& destination) {
            return CheckPair(policy, source, destination, *context.reachability);
          },
          [](const PairResult& pair) { return pair.reachable || pair.unknown; },
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
    const bool every_port = source.endpoint.kind == reach::Endpoint::Kind::kInternet &&
                            !policy.ports && destination.resource != nullptr;
    if (every_port) {
      const auto wanted = policy.protocol;
      std::vector<const reach::Exposure*> certain;
      std::vector<const reach::Exposure*> maybe;
      const std::vector<reach::Exposure> exposures =
          reachability.InternetExposure(destination.endpoint);
      for (const reach::Exposure& exposure : exposures) {
        if (wanted && !wanted->IsAll() && !(exposure.protocol == *wanted)) continue;
        (exposure.unknown ? maybe : certain).push_back(&exposure);
      }
      const auto& shown = certain.empty() ? maybe : certain;
      std::vector<std::string> texts;  // one per protocol, family and sources
      for (const reach::Exposure* exposure : shown) {
        std::string text = ProtocolPorts(*exposure);
        if (std::find(texts.begin(), texts.end(), text) != texts.end()) continue;
        if (!result.flows.empty()) result.flows += ", ";
        result.flows += text;
        texts.push_back(std::move(text));
      }
      if (!shown.empty()) result.witness = shown.front()->example;
      result.reachable = !certain.empty();
      result.unknown = certain.empty() && !maybe.empty();
      if (result.unknown) result.unknown_notes = UnknownSummary(result.witness);
      return result;
    }
    model::PortSet reachable_ports;
    std::optional<reach::FlowSpec> first_reachable;
    for (const reach::FlowSpec& flow : PolicyFlows(policy)) {
      const auto answer = reachability.QueryShared(source.endpoint, destination.endpoint, flow);
      if (answer->verdict == reach::Verdict::kReachable) {
        if (!first_reachable) {
          first_reachable = flow;
          if (!answer->paths.empty()) result.witness = answer->paths.front();
        }
        reachable_ports.Add(flow.port, flow.port);
      } else if (answer->verdict == reach::Verdict::kUnknown && !result.unknown) {
        result.unknown = true;
        result.flows = flow.ToString();
        if (!answer->paths.empty()) {
          result.witness = answer->paths.front();
          result.unknown_notes = UnknownSummary(result.witness);
        }
        if (result.unknown_notes.empty()) {
          for (const std::string& note : answer->notes) {
            if (!result.unknown_notes.empty()) result.unknown_notes += "; ";
            result.unknown_notes += note;
          }
        }
      }
    }
    if (first_reachable) {
      result.reachable = true;
      result.unknown = false;
      result.flows = first_reachable->protocol.HasPorts()
                         ? DescribeServicePorts(first_reachable->protocol, reachable_ports)
                         : first_reachable->ToString();
    }
    return result;
  }

  static void Report(const config::Policy& policy, const PolicyEnd& source,
                     const PolicyEnd& destination, const PairResult& pair, FindingSink& sink) {
    const std::string via = pair.witness.via.empty() ? "" : " via " + pair.witness.via;
    std::string message =
        pair.reachable
            ? PolicyLabel(policy) + " is violated: " + source.name + " reaches " +
                  destination.name + " on " + pair.flows + via
            : PolicyLabel(policy) + " may be violated: " + source.name + " may reach " +
                  destination.name + " on " + pair.flows + via +
                  "; it depends on values the input does not hold: " + pair.unknown_notes;
    Finding& finding = ReportPolicyPair(policy, source, destination, true, std::move(message), sink);
    if (!pair.reachable) finding.severity = Severity::kNote;
    if (!pair.witness.hops.empty()) {
      AttachPath(finding, pair.witness,
                 pair.reachable ? reach::Verdict::kReachable : reach::Verdict::kUnknown);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDenyIntentViolated() { return std::make_unique<DenyIntentViolated>(); }

}  // namespace netlint::rules
