// NACL002: a network ACL that governs a subnet admits every port or protocol from the internet;
// a warning only when a security group behind it is wide open too.

#include <algorithm>
#include <array>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "rules/common/exposure.h"
#include "rules/common/nacl.h"
#include "rules/common/workload.h"

namespace netlint::rules {
namespace {

using model::IpFamily;
using model::NaclEntry;
using model::Protocol;

constexpr std::size_t kSubnetsNamed = 5;
constexpr std::size_t kGroupsNamed = 3;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NACL002",
      .name = "nacl-allows-all-traffic",
      .category = "network-acl",
      .default_severity = Severity::kNote,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Network ACL admits every protocol, or every TCP or UDP port, from the internet",
      .rationale =
          "A network ACL that admits everything leaves all filtering to the security groups. "
          "That is how AWS creates every VPC's default network ACL, and with tight security "
          "groups it is a sound design, so by default this is a note. It becomes a warning when "
          "a subnet the ACL governs holds something whose security group also opens every port "
          "to the internet (SG003): then no layer filters inbound traffic to it at all, and a "
          "few deny entries for administration and data ports would have limited the damage.",
      .bad_example = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IsDefault": false,
  "Associations": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Entries": [{"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"}]}]})",
      .good_example = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IsDefault": false,
  "Associations": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Entries": [{"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "6",
               "PortRange": {"From": 443, "To": 443}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 110, "Egress": false, "RuleAction": "allow", "Protocol": "6",
               "PortRange": {"From": 1024, "To": 65535}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"}]}]})",
      .exceptions =
          "Only ingress decides: egress to everywhere is what stateless return traffic needs, "
          "so it is mentioned in the finding but never reported alone. Only ACLs that govern a "
          "subnet are judged (an association, or a VPC's default ACL for the subnets without "
          "one). One finding per network ACL, whatever the number of entries and address "
          "families involved. Entries are evaluated first match by rule number with set "
          "semantics: an earlier deny of any public range (or of one port, such as tcp/22) means "
          "the ACL no longer admits everything, and NACL001 then judges the administration "
          "ports. TCP and UDP count as wide open from port 1 to 65535 (port 0 is not usable). "
          "The warning needs the security group and its carrier in the input: without them "
          "the finding stays a note.",
      .fix =
          "Replace the allow-all ingress entry with entries for the ports the subnet serves "
          "(for example tcp/443 from 0.0.0.0/0 for a public load balancer subnet) plus the "
          "ephemeral ports 1024-65535 for replies to connections the subnet opens. Keep the "
          "final deny; the security groups still filter per workload.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/infrastructure-security.html"},
  };
  return meta;
}

// What one direction admits from the internet, IPv4 first.
using Openings = std::array<NaclInternetOpening, 2>;

// "all traffic", "tcp/all ports", "tcp/all ports and udp/all ports"
std::string OpeningText(const NaclInternetOpening& opening) {
  if (opening.all_traffic) return "all traffic";
  std::vector<std::string> parts;
  if (opening.EveryPortOpen(Protocol::Tcp())) parts.emplace_back("tcp/all ports");
  if (opening.EveryPortOpen(Protocol::Udp())) parts.emplace_back("udp/all ports");
  return parts.size() == 2 ? parts[0] + " and " + parts[1] : parts.front();
}

// "all traffic from 0.0.0.0/0 and ::/0 at entries 100, 101 (ingress)"
std::string DirectionText(const Openings& openings, model::Direction direction) {
  const bool ingress = direction == model::Direction::kIngress;
  std::map<std::string, std::vector<std::string>> families_by_opening;
  std::vector<std::string> order;
  std::vector<std::string> numbers;
  for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
    const NaclInternetOpening& opening = openings[family == IpFamily::kV4 ? 0 : 1];
    if (!opening.AnyEveryPortOpen()) continue;
    const std::string what = OpeningText(opening);
    if (families_by_opening.count(what) == 0) order.push_back(what);
    families_by_opening[what].emplace_back(InternetText(family));
    for (const NaclEntry* entry : opening.entries) {
      const std::string number = std::to_string(entry->rule_number);
      if (std::find(numbers.begin(), numbers.end(), number) == numbers.end()) {
        numbers.push_back(number);
      }
    }
  }
  std::string text;
  for (const std::string& what : order) {
    if (!text.empty()) text += " and ";
    const std::vector<std::string>& families = families_by_opening[what];
    text += what + (ingress ? " from " : " to ") + families.front();
    if (families.size() > 1) text += " and " + families[1];
  }
  text += numbers.size() == 1 ? " at entry " : " at entries ";
  text += JoinLimited(numbers, numbers.size());
  return text + (ingress ? " (ingress)" : " (egress)");
}

// A security group that opens every port to the internet, carried by something in a subnet.
struct WideOpenCarrier {
  const model::SecurityGroup* group = nullptr;
  std::string carrier;  // "network-interface eni-... (instance i-...)"
  std::string subnet_id;
  // Per family (IPv4, IPv6): whether every TCP and every UDP port is open.
  std::array<bool, 2> tcp = {false, false};
  std::array<bool, 2> udp = {false, false};
};

std::vector<WideOpenCarrier> WideOpenCarriers(const AnalysisContext& context) {
  std::vector<WideOpenCarrier> carriers;
  for (const model::SecurityGroup& group : context.network.security_groups) {
    const GroupExposure exposure =
        ComputeExposure(group, model::Direction::kIngress, context.topology);
    if (exposure.ranges.empty()) continue;
    WideOpenCarrier open{&group, {}, {}, {}, {}};
    bool any = false;
    for (int index : {0, 1}) {
      const IpFamily family = index == 0 ? IpFamily::kV4 : IpFamily::kV6;
      open.tcp[index] = exposure.EveryPortOpen(Protocol::Tcp(), family);
      open.udp[index] = exposure.EveryPortOpen(Protocol::Udp(), family);
      any = any || open.tcp[index] || open.udp[index];
    }
    if (!any) continue;
    for (const model::SgUser& user : context.topology.UsersOf(group)) {
      for (const model::Subnet* subnet : SubnetsOf(user, context.topology)) {
        WideOpenCarrier carrier = open;
        carrier.carrier = DescribeUser(user);
        carrier.subnet_id = subnet->id;
        carriers.push_back(std::move(carrier));
      }
    }
  }
  return carriers;
}

class NaclAllowsAllTraffic final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const GovernedSubnets governed = SubnetsGovernedByNacls(context.topology);
    std::optional<std::vector<WideOpenCarrier>> carriers;  // computed on the first finding
    for (const model::NetworkAcl& acl : context.network.network_acls) {
      auto subnets = governed.find(&acl);
      if (subnets == governed.end() || subnets->second.empty()) continue;
      const Openings ingress = {
          InternetOpening(acl, model::Direction::kIngress, IpFamily::kV4),
          InternetOpening(acl, model::Direction::kIngress, IpFamily::kV6)};
      if (!ingress[0].AnyEveryPortOpen() && !ingress[1].AnyEveryPortOpen()) continue;
      const Openings egress = {
          InternetOpening(acl, model::Direction::kEgress, IpFamily::kV4),
          InternetOpening(acl, model::Direction::kEgress, IpFamily::kV6)};
      std::string message = "admits " + DirectionText(ingress, model::Direction::kIngress);
      if (egress[0].AnyEveryPortOpen() || egress[1].AnyEveryPortOpen()) {
        message += " and " + DirectionText(egress, model::Direction::kEgress);
      }
      message += ", governing " + JoinLimited(subnets->second, kSubnetsNamed);
      if (acl.is_default.value_or(false)) {
        message += "; it is " + acl.vpc_id + "'s default network ACL, allow-all by design";
      }
      if (!carriers) carriers = WideOpenCarriers(context);
      const std::vector<const WideOpenCarrier*> exposed =
          ExposedBehind(ingress, subnets->second, *carriers);
      // The note alone is noise on the ACL AWS creates with a VPC the input never declared;
      // that nothing filters inbound traffic at all is worth saying whoever made the ACL.
      if (acl.implicit && exposed.empty()) continue;
      if (!exposed.empty()) {
        message += "; nothing filters inbound traffic to " + Names(exposed) +
                   ", whose security group opens every port to the internet as well";
      }
      const NaclEntry* anchor = FirstEntry(ingress);
      Finding& finding = sink.Report(acl, model::ResourceKind::kNetworkAcl, std::move(message),
                                     anchor != nullptr ? anchor->source : acl.source);
      if (!exposed.empty()) finding.severity = Severity::kWarning;
      AddRelatedEntries(acl, anchor, ingress, egress, finding);
      for (const WideOpenCarrier* carrier : exposed) {
        finding.related.push_back({carrier->group->id,
                                   "opens every port to the internet; carried by " +
                                       carrier->carrier + " in " + carrier->subnet_id,
                                   carrier->group->source});
      }
    }
  }

 private:
  // Carriers in governed subnets whose group is wide open for a family and protocol for which
  // the ACL is wide open too: one per security group, at most kGroupsNamed.
  static std::vector<const WideOpenCarrier*> ExposedBehind(
      const Openings& ingress, const std::vector<std::string>& subnets,
      const std::vector<WideOpenCarrier>& carriers) {
    std::vector<const WideOpenCarrier*> exposed;
    for (const WideOpenCarrier& carrier : carriers) {
      if (std::find(subnets.begin(), subnets.end(), carrier.subnet_id) == subnets.end()) continue;
      bool both_open = false;
      for (int index : {0, 1}) {
        both_open = both_open ||
                    (carrier.tcp[index] && ingress[index].EveryPortOpen(Protocol::Tcp())) ||
                    (carrier.udp[index] && ingress[index].EveryPortOpen(Protocol::Udp()));
      }
      if (!both_open) continue;
      const bool group_named =
          std::any_of(exposed.begin(), exposed.end(), [&](const WideOpenCarrier* named) {
            return named->group == carrier.group;
          });
      if (!group_named && exposed.size() < kGroupsNamed) exposed.push_back(&carrier);
    }
    return exposed;
  }

  static std::string Names(const std::vector<const WideOpenCarrier*>& carriers) {
    std::vector<std::string> names;
    names.reserve(carriers.size());
    for (const WideOpenCarrier* carrier : carriers) names.push_back(carrier->carrier);
    return JoinLimited(names, names.size());
  }

  static const NaclEntry* FirstEntry(const Openings& ingress) {
    const NaclEntry* first = nullptr;
    for (const NaclInternetOpening& opening : ingress) {
      if (!opening.AnyEveryPortOpen() || opening.entries.empty()) continue;
      if (first == nullptr || opening.entries.front()->rule_number < first->rule_number) {
        first = opening.entries.front();
      }
    }
    return first;
  }

  static void AddRelatedEntries(const model::NetworkAcl& acl, const NaclEntry* anchor,
                                const Openings& ingress,
                                const Openings& egress, Finding& finding) {
    std::vector<const NaclEntry*> named = {anchor};
    for (const auto* openings : {&ingress, &egress}) {
      for (const NaclInternetOpening& opening : *openings) {
        if (!opening.AnyEveryPortOpen()) continue;
        for (const NaclEntry* entry : opening.entries) {
          if (std::find(named.begin(), named.end(), entry) != named.end()) continue;
          named.push_back(entry);
          finding.related.push_back({acl.id, DescribeEntry(*entry), entry->source});
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNaclAllowsAllTraffic() { return std::make_unique<NaclAllowsAllTraffic>(); }

}  // namespace netlint::rules
