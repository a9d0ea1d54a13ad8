// DATA003: a database's or cache's security groups should admit, on its engine port, only
// references to the security groups of the application tier.

#include <string>
#include <vector>

#include "rules/common/data_stores.h"
#include "rules/common/exposure.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "DATA003",
      .name = "data-store-admits-non-app-sources",
      .category = "data",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary =
          "Database or cache admits address ranges, or groups no application carries, "
          "on its engine port",
      .rationale =
          "The security group of a database or cache is the last network boundary in front of "
          "the data. Written as references to the application tier's security groups, it "
          "admits exactly the workloads that use the data store, wherever they run and "
          "whatever addresses they get. An address range admits everything that is or will be "
          "in it (other services, bastions, a peered VPC, a VPN), and public addresses put "
          "the data store one route away from the internet. A reference to a group nothing "
          "carries is a leftover that admits whatever is given that group next, and a "
          "reference to the VPC's default group admits everything launched without a group of "
          "its own. netlint looks at the port the store actually listens on and reports each "
          "database or cache once, with every rule line to change.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0d3a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "SecurityGroups": [{"GroupId": "sg-0d3a2b3c4d5e6f701", "GroupName": "db", "VpcId": "vpc-0d3a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]}],
 "DBInstances": [{"DBInstanceIdentifier": "orders", "Engine": "postgres", "Endpoint": {"Port": 5432}, "PubliclyAccessible": false,
  "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0d3a2b3c4d5e6f701"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0d3a2b3c4d5e6f701", "CidrBlock": "10.0.0.0/16"}],
 "SecurityGroups": [{"GroupId": "sg-0d3a2b3c4d5e6f701", "GroupName": "db", "VpcId": "vpc-0d3a2b3c4d5e6f701",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": "sg-0d3a2b3c4d5e6f702"}]},
                    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]},
  {"GroupId": "sg-0d3a2b3c4d5e6f702", "GroupName": "app", "VpcId": "vpc-0d3a2b3c4d5e6f701"}],
 "Reservations": [{"Instances": [{"InstanceId": "i-0d3a2b3c4d5e6f701", "State": {"Name": "running"}, "VpcId": "vpc-0d3a2b3c4d5e6f701",
  "SecurityGroups": [{"GroupId": "sg-0d3a2b3c4d5e6f702"}]}]}],
 "DBInstances": [{"DBInstanceIdentifier": "orders", "Engine": "postgres", "Endpoint": {"Port": 5432}, "PubliclyAccessible": false,
  "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0d3a2b3c4d5e6f701"}]}]})",
      .exceptions =
          "Judged per DB instance, replication group (with the groups of its member clusters) "
          "and cache cluster outside a replication group, on the engine port: the input's "
          "endpoint port, else the engine's default (3306 Aurora MySQL, MySQL, MariaDB; 5432 "
          "PostgreSQL; 1521 Oracle; 1433 SQL Server; 6379 Redis and Valkey; 11211 Memcached). "
          "Rules for other ports are not its concern. Sources that include any public address "
          "make it an error; private ranges, prefix lists (public entries make it an error too) "
          "and references to the default group or to a group nothing carries give a warning. "
          "References to groups that are not in the input are SG010's and IN003's. DATA003 "
          "deliberately overlaps SG002 and SG007 and all three may fire on one rule line: "
          "SG002 reports world-open ports of its list on any group, whatever carries it, and "
          "SG007 reports in-VPC ranges that cover interfaces on any group and any port; "
          "DATA003 is the data store's view (one finding per database or cache, its real port "
          "even when non-default, every source that is not an application group reference, "
          "including on-premises ranges SG007 exempts and ranges that cover nothing today), so "
          "the owner of the data sees the whole list in one place. Run with --ignore SG007 "
          "(or --ignore DATA003) to see only one of them.",
      .fix =
          "Replace the CIDR sources of the database's or cache's ingress rule on its engine "
          "port with references to the security groups the application tier carries "
          "(SourceSecurityGroupId), and delete rules for groups no application uses. "
          "Administrators should connect through a bastion or SSM port forwarding whose group "
          "is referenced the same way.",
      .options = {},
      .references =
          {"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
           "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/elasticache-vpc-accessing.html",
           "https://docs.aws.amazon.com/vpc/latest/userguide/"
           "security-group-rules.html#security-group-referencing"},
  };
  return meta;
}

struct Source {
  std::string text;  // "10.0.0.0/16", "prefix list pl-0abc (81.2.0.0/16)"
  bool is_public = false;
};

std::string GroupText(const model::SecurityGroup& group) {
  return group.id + (group.name.empty() ? "" : " (" + group.name + ")");
}

class DataStoreAdmitsNonAppSources final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const DataStore& store : DataStores(context.network)) {
      if (!store.port) continue;
      CheckStore(context, store, sink);
    }
  }

 private:
  static void CheckStore(const AnalysisContext& context, const DataStore& store,
                         FindingSink& sink) {
    const model::Network& network = context.network;
    const model::Topology& topology = context.topology;
    const std::uint16_t port = *store.port;
    std::string listed;  // "sg-0abc db admits 10.0.0.0/16, 172.16.0.0/12; sg-0def ..."
    bool any_public = false;
    std::vector<Related> related;
    for (const std::string& id : store.security_group_ids) {
      const model::SecurityGroup* group = network.FindSecurityGroup(id, store.resource->scope);
      if (group == nullptr) continue;
      std::string admitted;
      for (const model::SgRule& rule : group->ingress) {
        if (!rule.traffic || !rule.traffic->Matches(model::Protocol::Tcp(), port)) continue;
        const std::optional<Source> source = Judge(rule, *group, topology);
        if (!source) continue;
        any_public = any_public || source->is_public;
        admitted += (admitted.empty() ? "" : ", ") + source->text;
        related.push_back({group->id,
                           "ingress " + rule.traffic->ToString() + " from " + rule.peer.ToString(),
                           rule.source});
      }
      if (admitted.empty()) continue;
      listed += (listed.empty() ? "" : "; ") + GroupText(*group) + " admits " + admitted;
    }
    if (listed.empty()) return;
    const std::string ports =
        DescribeServicePorts(model::Protocol::Tcp(), model::PortSet(port, port));
    const std::string port_text = store.default_port
                                      ? "the default " + store.engine + " port " + ports
                                      : "its engine port " + ports;
    std::string message = any_public ? "admits public addresses on " + port_text + ": " + listed
                                     : "admits sources other than app-tier security groups on " +
                                           port_text + ": " + listed;
    Finding& finding = sink.Report(*store.resource, store.kind, std::move(message));
    if (any_public) finding.severity = Severity::kError;
    finding.related = std::move(related);
  }

  // What a rule admits when it is not a reference to a group an application carries.
  static std::optional<Source> Judge(const model::SgRule& rule, const model::SecurityGroup& owner,
                                     const model::Topology& topology) {
    const model::SgPeer& peer = rule.peer;
    switch (peer.kind) {
      case model::SgPeer::Kind::kCidrV4:
        return Source{peer.cidr_v4.ToString(), model::PublicIpv4().Overlaps(model::Ipv4Set(
                                                   peer.cidr_v4.First(), peer.cidr_v4.Last()))};
      case model::SgPeer::Kind::kCidrV6:
        return Source{peer.cidr_v6.ToString(), model::PublicIpv6().Overlaps(model::Ipv6Set(
                                                   peer.cidr_v6.First(), peer.cidr_v6.Last()))};
      case model::SgPeer::Kind::kPrefixList: {
        bool unknown = false;
        const model::AddressSet addresses = topology.PeerAddresses(peer, owner.scope, unknown);
        const bool is_public = addresses.v4.Overlaps(model::PublicIpv4()) ||
                               addresses.v6.Overlaps(model::PublicIpv6());
        std::string text = "prefix list " + peer.id;
        if (unknown) {
          text += " (entries not in the input)";
        } else if (!addresses.Empty()) {
          text += " (" + addresses.ToString() + ")";
        }
        return Source{std::move(text), is_public};
      }
      case model::SgPeer::Kind::kSecurityGroup: {
        const model::SecurityGroup* referenced =
            topology.network().FindSecurityGroup(peer.id, owner.scope);
        if (referenced == nullptr) return std::nullopt;  // SG010 / IN003
        if (referenced->IsDefault()) {
          return Source{"the default security group " + referenced->id + " of " +
                            referenced->vpc_id +
                            ", which anything launched without a group "
                            "of its own carries",
                        false};
        }
        if (topology.UsersKnown(*referenced) && topology.UsersOf(*referenced).empty()) {
          return Source{"security group " + GroupText(*referenced) + ", which nothing carries",
                        false};
        }
        return std::nullopt;
      }
      case model::SgPeer::Kind::kUnknown:
        return std::nullopt;
    }
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDataStoreAdmitsNonAppSources() {
  return std::make_unique<DataStoreAdmitsNonAppSources>();
}

}  // namespace netlint::rules
