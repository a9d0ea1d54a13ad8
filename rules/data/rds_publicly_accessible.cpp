// DATA001: an RDS instance is publicly accessible; an error when the internet also reaches its
// engine port.

#include <string>
#include <vector>

#include "rules/common/data_stores.h"
#include "rules/common/exposure.h"
#include "rules/common/path_findings.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "DATA001",
      .name = "rds-publicly-accessible",
      .category = "data",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary =
          "RDS instance is publicly accessible, and an error when the internet reaches "
          "its engine port",
      .rationale =
          "PubliclyAccessible gives a DB instance a public IP address and makes its endpoint "
          "name resolve to it from outside the VPC. Whether the internet then reaches the "
          "database depends on the rest of the path: a subnet whose route table sends replies "
          "to an internet gateway, network ACLs that let the connection in and its replies out, "
          "and a security group that admits the client on the engine port. netlint evaluates "
          "the whole path on the engine port: when it is open the database is on the internet "
          "and is found by scanners within minutes (error); when something else stops it, the "
          "flag is one route, ACL entry or security group rule away from exposure and should "
          "be turned off (warning, naming the setting that holds today).",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0d1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0d1a2b3c4d5e6f701", "VpcId": "vpc-0d1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0d1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0d1a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0d1a2b3c4d5e6f701", "VpcId": "vpc-0d1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0d1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0d1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0d1a2b3c4d5e6f701", "GroupName": "db", "VpcId": "vpc-0d1a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}],
 "DBInstances": [{"DBInstanceIdentifier": "orders", "Engine": "postgres", "Endpoint": {"Port": 5432}, "PubliclyAccessible": true,
  "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0d1a2b3c4d5e6f701"}],
  "DBSubnetGroup": {"DBSubnetGroupName": "orders", "VpcId": "vpc-0d1a2b3c4d5e6f701", "Subnets": [{"SubnetIdentifier": "subnet-0d1a2b3c4d5e6f701"}]}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0d1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0d1a2b3c4d5e6f701", "VpcId": "vpc-0d1a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0d1a2b3c4d5e6f701", "Attachments": [{"VpcId": "vpc-0d1a2b3c4d5e6f701", "State": "available"}]}],
 "RouteTables": [{"RouteTableId": "rtb-0d1a2b3c4d5e6f701", "VpcId": "vpc-0d1a2b3c4d5e6f701",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0d1a2b3c4d5e6f701"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0d1a2b3c4d5e6f701", "State": "active"}]}],
 "SecurityGroups": [{"GroupId": "sg-0d1a2b3c4d5e6f701", "GroupName": "db", "VpcId": "vpc-0d1a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []}],
 "DBInstances": [{"DBInstanceIdentifier": "orders", "Engine": "postgres", "Endpoint": {"Port": 5432}, "PubliclyAccessible": false,
  "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0d1a2b3c4d5e6f701"}],
  "DBSubnetGroup": {"DBSubnetGroupName": "orders", "VpcId": "vpc-0d1a2b3c4d5e6f701", "Subnets": [{"SubnetIdentifier": "subnet-0d1a2b3c4d5e6f701"}]}}]})",
      .exceptions =
          "Only instances whose PubliclyAccessible is true in the input are judged; when the "
          "input leaves it out, the API's default depends on the subnet group and netlint does "
          "not guess. The engine port is the instance's endpoint port, else the engine's "
          "default (3306 for Aurora MySQL, MySQL and MariaDB, 5432 for PostgreSQL, 1521 for "
          "Oracle, 1433 for SQL Server); with neither, any TCP port the internet reaches makes "
          "it an error. A DB instance may run in any subnet of its subnet group: it is an error "
          "when the path is open in one of them. When the answer depends on values the input "
          "does not hold, the finding stays a warning and says what is unknown. The security "
          "group's rule is also SG002's (per group) and the path REACH001's (per workload, all "
          "ports); DATA001 is the RDS setting to turn off.",
      .fix =
          "Set PubliclyAccessible to false (aws rds modify-db-instance "
          "--no-publicly-accessible, or PubliclyAccessible: false in the template) and place "
          "the instance in a DB subnet group of private subnets. Applications then reach it "
          "from inside the VPC; administrators through a bastion, SSM port forwarding or a VPN. "
          "If the internet reaches the engine port, also remove the security group rule that "
          "admits public addresses.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
           "USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
           "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2",
           "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html"},
  };
  return meta;
}

// The path with the fewest blocking settings: the one a single round of changes would open.
const reach::PathResult* Nearest(const reach::Answer& answer) {
  const reach::PathResult* nearest = nullptr;
  for (const reach::PathResult& path : answer.paths) {
    if (nearest == nullptr || path.ChecksWith(reach::Verdict::kBlocked).size() <
                                  nearest->ChecksWith(reach::Verdict::kBlocked).size()) {
      nearest = &path;
    }
  }
  return nearest;
}

std::string Sources(const reach::Exposure& exposure) {
  if (!exposure.sources.empty()) return exposure.sources;
  return std::string(InternetText(exposure.family));
}

class RdsPubliclyAccessible final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    if (context.reachability == nullptr) return;
    for (const DataStore& store : DataStores(context.network)) {
      if (store.kind != model::ResourceKind::kDbInstance) continue;
      const auto& db = static_cast<const model::DbInstance&>(*store.resource);
      if (db.publicly_accessible != true) continue;
      CheckInstance(context, db, store.port, sink);
    }
  }

 private:
  static void CheckInstance(const AnalysisContext& context, const model::DbInstance& db,
                            std::optional<std::uint16_t> port, FindingSink& sink) {
    const reach::Endpoint endpoint =
        reach::Endpoint::Resource(model::ResourceKind::kDbInstance, db);
    const std::vector<reach::Exposure> exposures = context.reachability->InternetExposure(endpoint);
    const reach::Exposure* open = nullptr;
    const reach::Exposure* maybe = nullptr;
    for (const reach::Exposure& exposure : exposures) {
      if (exposure.protocol != model::Protocol::Tcp()) continue;
      if (port && !exposure.ports.Contains(*port)) continue;
      const reach::Exposure*& slot = exposure.unknown ? maybe : open;
      if (slot == nullptr) slot = &exposure;
    }
    if (open != nullptr) {
      const std::uint16_t shown = port.value_or(open->ports.intervals().front().first);
      const std::string ports =
          port ? DescribeServicePorts(model::Protocol::Tcp(), model::PortSet(*port, *port))
               : DescribeServicePorts(model::Protocol::Tcp(), open->ports);
      // The exposure's example is its lowest port; ask again for the port being reported.
      const reach::Answer answer =
          context.reachability->Query(reach::Endpoint::Internet(), endpoint,
                                      reach::FlowSpec{model::Protocol::Tcp(), shown, open->family});
      const reach::PathResult* path = &open->example;
      for (const reach::PathResult& candidate : answer.paths) {
        if (candidate.verdict == reach::Verdict::kReachable) {
          path = &candidate;
          break;
        }
      }
      Finding& finding = sink.Report(
          db, model::ResourceKind::kDbInstance,
          "is publicly accessible and the internet reaches it on " + ports + " from " +
              Sources(*open) + " (" + path->via +
              (path->destination_subnet.empty() ? "" : ", in " + path->destination_subnet) + ")");
      finding.severity = Severity::kError;
      AttachPath(finding, *path, reach::Verdict::kReachable);
      return;
    }
    const std::string what =
        port ? DescribeServicePorts(model::Protocol::Tcp(), model::PortSet(*port, *port))
             : std::string("any TCP port");
    if (maybe != nullptr) {
      Finding& finding =
          sink.Report(db, model::ResourceKind::kDbInstance,
                      "is publicly accessible, and whether the internet reaches it on " + what +
                          " is unknown: " + UnknownSummary(maybe->example));
      AttachPath(finding, maybe->example, reach::Verdict::kUnknown);
      return;
    }
    // Nothing is open: name what stops the nearest path today.
    const reach::Answer answer = context.reachability->Query(
        reach::Endpoint::Internet(), endpoint,
        reach::FlowSpec{model::Protocol::Tcp(), port.value_or(0), model::IpFamily::kV4});
    const reach::PathResult* nearest = Nearest(answer);
    std::string notes;
    for (const std::string& note : answer.notes) notes += (notes.empty() ? "" : "; ") + note;
    if (nearest == nullptr) {
      // Not placed in any subnet the input describes: nothing can be concluded.
      sink.Report(
          db, model::ResourceKind::kDbInstance,
          "is publicly accessible, and whether the internet reaches it on " + what +
              " is unknown: " + (notes.empty() ? "its subnets are not in the input" : notes));
      return;
    }
    std::string why;
    if (nearest->via == "no path" && !notes.empty()) {
      why = notes;  // "vpc-0abc has no internet gateway"
    } else {
      for (const reach::Check* check : nearest->ChecksWith(reach::Verdict::kBlocked)) {
        why += (why.empty() ? "" : "; ") + check->text;
      }
      if (why.empty()) why = nearest->via;
    }
    Finding& finding = sink.Report(
        db, model::ResourceKind::kDbInstance,
        "is publicly accessible (PubliclyAccessible is true), but the internet does not reach "
        "it on " +
            what +
            (nearest->destination_subnet.empty() ? std::string()
                                                 : " in " + nearest->destination_subnet) +
            ": " + why);
    AttachPath(finding, *nearest, reach::Verdict::kBlocked);
  }
};

}  // namespace

std::unique_ptr<Rule> MakeRdsPubliclyAccessible() {
  return std::make_unique<RdsPubliclyAccessible>();
}

}  // namespace netlint::rules
