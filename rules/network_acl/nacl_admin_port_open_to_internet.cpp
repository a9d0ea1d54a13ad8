// NACL001: a network ACL that governs a subnet lets the internet in to an administration port.

#include <algorithm>
#include <string>
#include <vector>

#include "rules/common/exposure.h"
#include "rules/common/nacl.h"

namespace netlint::rules {
namespace {

using model::AddressSet;
using model::IpFamily;
using model::NaclEntry;
using model::Protocol;

constexpr std::size_t kSubnetsNamed = 5;
constexpr std::size_t kBlocksNamed = 3;
// SSH and RDP, as CIS 5.1 and Security Hub EC2.21 check network ACLs.
constexpr std::string_view kDefaultNaclAdminPorts = "22, 3389";

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "NACL001",
      .name = "nacl-admin-port-open-to-internet",
      .category = "network-acl",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.2.0",
      .summary = "Network ACL lets the internet in to an administration port (SSH, RDP)",
      .rationale =
          "A network ACL is the subnet-wide layer in front of the security groups: when it "
          "admits SSH or RDP from the internet, a single security group that opens the port "
          "(a debugging rule, a new instance launched with a permissive group) exposes the "
          "host. CIS AWS Foundations 5.1 asks that no network ACL admit remote administration "
          "from 0.0.0.0/0. netlint evaluates entries the way AWS does, first match by rule "
          "number with address-set arithmetic, so an earlier deny of part of the internet "
          "still leaves the rest admitted.",
      .bad_example = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IsDefault": false,
  "Associations": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Entries": [{"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "6",
               "PortRange": {"From": 22, "To": 22}, "CidrBlock": "0.0.0.0/0"},
              {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"}]}]})",
      .good_example = R"({"Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
 "NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "IsDefault": false,
  "Associations": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "SubnetId": "subnet-0a1b2c3d4e5f60718"}],
  "Entries": [{"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "6",
               "PortRange": {"From": 22, "To": 22}, "CidrBlock": "10.0.0.0/8"},
              {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1",
               "CidrBlock": "0.0.0.0/0"}]}]})",
      .exceptions =
          "Only network ACLs that govern a subnet are judged: those with an association, and a "
          "VPC's default ACL for the subnets without one; an ACL associated with nothing filters "
          "nothing. A network ACL whose ingress admits every TCP or UDP port, or every protocol, "
          "from the whole internet is reported once by NACL002 instead (the VPC default ACL does "
          "that by design), as SG003 takes over from SG001 for security groups. Sources count by "
          "the public addresses that actually reach the entry after earlier entries: a deny of "
          "0.0.0.0/1 before an allow of 0.0.0.0/0 still admits 128.0.0.0/1 and is reported; "
          "private, shared and reserved space (10.0.0.0/8, 100.64.0.0/10, ...) never counts, and "
          "a public range no wider than one /24 (IPv4) or /48 (IPv6), such as an office, is not "
          "the internet (SG005's thresholds). Entries whose protocol or ports are unknown never "
          "make a port count as open. TCP and UDP are judged separately. The default ports are "
          "those of CIS AWS Foundations 5.1 and Security Hub EC2.21 (22, 3389); add 20-21 to "
          "admin-ports to include FTP as checkov does, or SG001's 5900 and 5985-5986.",
      .fix =
          "Remove the network ACL entry that allows SSH or RDP from the internet, or narrow its "
          "source to the addresses administrators use. Better, close the port entirely and use "
          "SSM Session Manager or a bastion host; security groups, not NACLs, should express "
          "per-workload access.",
      .options = {{"admin-ports", "ports", kDefaultNaclAdminPorts,
                   "ports treated as remote administration (TCP and UDP)"},
                  {"ipv4-min-prefix-length", "integer", "24",
                   "admitting more public IPv4 addresses than one block of this length counts "
                   "as the internet"},
                  {"ipv6-min-prefix-length", "integer", "48",
                   "admitting more public IPv6 addresses than one block of this length counts "
                   "as the internet"}},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
                     "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21"},
  };
  return meta;
}

// The public part of `addresses` in one family.
AddressSet PublicPart(const AddressSet& addresses, IpFamily family) {
  AddressSet result;
  if (family == IpFamily::kV4) {
    result.v4 = addresses.v4.Intersect(PublicIpv4());
  } else {
    result.v6 = addresses.v6.Intersect(PublicIpv6());
  }
  return result;
}

// Whether the public addresses are more than one block of the given prefix length holds.
bool IsInternetWide(const AddressSet& public_part, IpFamily family, long v4_length,
                    long v6_length) {
  if (family == IpFamily::kV4) {
    const long length = std::clamp(v4_length, 1L, 32L);
    return public_part.v4.Count() > (std::uint32_t{1} << (32 - length));
  }
  const long length = std::clamp(v6_length, 1L, 128L);
  return public_part.v6.Count() > (model::Uint128{1} << (128 - length));
}

bool CoversInternet(const AddressSet& public_part, IpFamily family) {
  return family == IpFamily::kV4 ? public_part.v4.ContainsAll(PublicIpv4())
                                 : public_part.v6.ContainsAll(PublicIpv6());
}

// "0.0.0.0/0" for every public address, else the admitted blocks ("128.0.0.0/1").
std::string SourcesText(const AddressSet& admitted, IpFamily family) {
  if (CoversInternet(PublicPart(admitted, family), family)) {
    return std::string(InternetText(family));
  }
  const std::string blocks = family == IpFamily::kV4 ? model::DescribeIpv4Set(admitted.v4)
                                                     : model::DescribeIpv6Set(admitted.v6);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= blocks.size()) {
    const std::size_t comma = blocks.find(", ", start);
    items.push_back(blocks.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return JoinLimited(items, kBlocksNamed);
}

// What one allow entry admits to administration ports: per source text, the ports of each
// protocol (tcp before udp).
struct AnchorReport {
  const NaclEntry* anchor = nullptr;
  struct Item {
    std::string sources;
    model::PortSet tcp;
    model::PortSet udp;
  };
  std::vector<Item> items;
  std::vector<const NaclEntry*> earlier_denies;  // deny entries that decided part first

  void Add(Protocol protocol, std::string sources, const model::PortRange& segment) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const Item& item) { return item.sources == sources; });
    if (it == items.end()) {
      items.push_back({std::move(sources), {}, {}});
      it = std::prev(items.end());
    }
    (protocol == Protocol::Tcp() ? it->tcp : it->udp).Add(segment.first, segment.last);
  }
};

class NaclAdminPortOpenToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    const model::PortSet admin_ports = context.options.Ports("admin-ports");
    const long v4_length = context.options.Integer("ipv4-min-prefix-length");
    const long v6_length = context.options.Integer("ipv6-min-prefix-length");
    const GovernedSubnets governed = SubnetsGovernedByNacls(context.topology);
    for (const model::NetworkAcl& acl : context.network.network_acls) {
      auto subnets = governed.find(&acl);
      if (subnets == governed.end() || subnets->second.empty()) continue;
      const std::vector<const NaclEntry*> entries = EntriesOf(acl, model::Direction::kIngress);
      std::vector<AnchorReport> reports;
      for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
        const NaclInternetOpening opening =
            InternetOpening(acl, model::Direction::kIngress, family);
        const AddressSet everything = family == IpFamily::kV4
                                          ? AddressSet{model::Ipv4Set::Full(), {}}
                                          : AddressSet{{}, model::Ipv6Set::Full()};
        for (Protocol protocol : {Protocol::Tcp(), Protocol::Udp()}) {
          if (opening.EveryPortOpen(protocol)) continue;  // NACL002's finding
          for (const model::PortRange& segment :
               SelectorSegments(entries, protocol, admin_ports)) {
            const FirstMatchResult result =
                EvaluateFirstMatch(entries, protocol, segment, everything);
            if (!IsInternetWide(PublicPart(result.admitted, family), family, v4_length,
                                v6_length)) {
              continue;
            }
            for (const FirstMatchResult::Decision* anchor :
                 Anchors(result, family, v4_length, v6_length)) {
              AnchorReport& report = ReportFor(reports, anchor->entry);
              report.Add(protocol, SourcesText(anchor->addresses, family), segment);
              for (const FirstMatchResult::Decision& decision : result.decisions) {
                if (decision.entry->action == model::RuleAction::kDeny &&
                    decision.entry->rule_number < anchor->entry->rule_number &&
                    decision.addresses.Overlaps(AddressesOf(*anchor->entry)) &&
                    std::find(report.earlier_denies.begin(), report.earlier_denies.end(),
                              decision.entry) == report.earlier_denies.end()) {
                  report.earlier_denies.push_back(decision.entry);
                }
              }
            }
          }
        }
      }
      std::sort(reports.begin(), reports.end(), [](const AnchorReport& a, const AnchorReport& b) {
        return a.anchor->rule_number < b.anchor->rule_number;
      });
      for (const AnchorReport& report : reports) Emit(acl, report, subnets->second, sink);
    }
  }

 private:
  // The allow entries a finding names: those that alone admit an internet-wide set, or when
  // none does, every allow entry that admits public addresses (together they do).
  static std::vector<const FirstMatchResult::Decision*> Anchors(const FirstMatchResult& result,
                                                                IpFamily family, long v4_length,
                                                                long v6_length) {
    std::vector<const FirstMatchResult::Decision*> wide;
    std::vector<const FirstMatchResult::Decision*> contributing;
    for (const FirstMatchResult::Decision& decision : result.decisions) {
      if (decision.entry->action != model::RuleAction::kAllow) continue;
      const AddressSet public_part = PublicPart(decision.addresses, family);
      if (public_part.Empty()) continue;
      contributing.push_back(&decision);
      if (IsInternetWide(public_part, family, v4_length, v6_length)) wide.push_back(&decision);
    }
    return wide.empty() ? contributing : wide;
  }

  static AnchorReport& ReportFor(std::vector<AnchorReport>& reports, const NaclEntry* anchor) {
    auto it = std::find_if(reports.begin(), reports.end(),
                           [&](const AnchorReport& report) { return report.anchor == anchor; });
    if (it != reports.end()) return *it;
    reports.push_back(AnchorReport{anchor, {}, {}});
    return reports.back();
  }

  // An entry that opens a port range (often 1024-65535 for return traffic) admits the
  // administration ports inside it by accident: say how to close them without narrowing it.
  static std::string RangeHint(const NaclEntry& anchor) {
    if (!anchor.traffic || !anchor.traffic->protocol.HasPorts()) return {};
    const model::PortRange& ports = anchor.traffic->ports;
    if (ports.first == ports.last || ports.IsAll()) return {};
    return "; the entry admits " + anchor.traffic->ToString() +
           ", and a deny entry numbered below it closes them without narrowing the range";
  }

  static void Emit(const model::NetworkAcl& acl, const AnchorReport& report,
                   const std::vector<std::string>& subnets, FindingSink& sink) {
    std::string opened;
    for (std::size_t i = 0; i < report.items.size(); ++i) {
      const AnchorReport::Item& item = report.items[i];
      if (i > 0) opened += i + 1 == report.items.size() ? " and " : ", ";
      std::string ports;
      if (!item.tcp.Empty()) ports = DescribeServicePorts(Protocol::Tcp(), item.tcp);
      if (!item.udp.Empty()) {
        ports += (ports.empty() ? "" : ", ") + DescribeServicePorts(Protocol::Udp(), item.udp);
      }
      opened += ports + " from " + item.sources;
    }
    Finding& finding = sink.Report(
        acl, model::ResourceKind::kNetworkAcl,
        "allows " + opened + " at " + EntryNumber(*report.anchor) + " (ingress), governing " +
            JoinLimited(subnets, kSubnetsNamed) + RangeHint(*report.anchor),
        report.anchor->source);
    for (const NaclEntry* deny : report.earlier_denies) {
      finding.related.push_back(
          {acl.id, DescribeEntry(*deny) + " decides part of the sources first", deny->source});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeNaclAdminPortOpenToInternet() {
  return std::make_unique<NaclAdminPortOpenToInternet>();
}

}  // namespace netlint::rules
