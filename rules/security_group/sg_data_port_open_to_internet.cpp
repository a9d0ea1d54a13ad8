// SG002: data-store, cache, queue, cluster-management and legacy plaintext ports open to the
// internet.

#include "rules/common/exposure.h"
#include "rules/common/port_sets.h"
#include "rules/common/rule_helpers.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "SG002",
      .name = "sg-data-port-open-to-internet",
      .category = "security-group",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Security group opens a database, cache, queue or plaintext-service port to the "
                 "internet",
      .rationale =
          "Databases (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Cassandra), caches (Redis, "
          "Memcached), search and queues (Elasticsearch, Kafka, RabbitMQ), cluster managers "
          "(Docker, etcd, Kubernetes) and plaintext services (FTP, Telnet, SMTP, SNMP, SMB, NFS) "
          "are found by internet-wide scanners within minutes and are the usual source of data "
          "breaches and ransom notes. They should be reachable only from the application tier "
          "that uses them, by security group reference.",
      .bad_example = R"({"SecurityGroups": [{"GroupId": "sg-0db00000000000001", "GroupName": "db",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})",
      .good_example = R"({"SecurityGroups": [{"GroupId": "sg-0db00000000000001", "GroupName": "db",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                     "UserIdGroupPairs": [{"GroupId": "sg-0app0000000000001"}]}]}]})",
      .exceptions =
          "Groups that open every protocol, or every port of TCP or UDP, to an address family are "
          "reported for it by SG003 only; administration ports by SG001. A group carried only by "
          "internet-facing load balancers may open their listener ports (80 and 443 when the "
          "listeners are not in the input). Sources are merged with set semantics and private "
          "ranges never count as the internet; prefix lists count with their entries when the "
          "input has them.",
      .fix =
          "Delete the rule that opens the database, cache, queue or plaintext port to the "
          "internet and admit the port only from the security groups of the applications that "
          "use it (SourceSecurityGroupId). Keep data stores in private subnets; expose an API "
          "in front of them instead of the port itself.",
      .options = {{"sensitive-ports", "ports", kDefaultSensitivePorts,
                   "ports treated as data, management or plaintext services (TCP and UDP)"}},
      .references =
          {"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19"},
  };
  return meta;
}

class SgDataPortOpenToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    ReportInternetOpenPorts(context, sink, context.options.Ports("sensitive-ports"));
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSgDataPortOpenToInternet() {
  return std::make_unique<SgDataPortOpenToInternet>();
}

}  // namespace netlint::rules
