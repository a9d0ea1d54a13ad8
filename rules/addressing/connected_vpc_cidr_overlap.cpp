// CIDR003: VPCs connected by a peering connection or a transit gateway whose CIDR blocks
// overlap.

#include <algorithm>
#include <map>

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "CIDR003",
      .name = "connected-vpc-cidr-overlap",
      .category = "addressing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "VPCs connected by peering or a transit gateway have overlapping CIDR blocks",
      .rationale =
          "Traffic between connected VPCs is routed by destination address, so a range both "
          "VPCs use cannot be reached across the connection: AWS refuses to peer VPCs whose "
          "blocks overlap (a secondary block added later still breaks routing), and a transit "
          "gateway accepts both attachments but sends the overlapping range to only one of "
          "them (the longest matching route, then whichever route it learned first), so "
          "workloads in the other VPC silently become unreachable.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16"},
          {"VpcId": "vpc-0aaaaaaaaaaaaaaa2", "CidrBlock": "10.0.128.0/17"}],
 "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-0aaaaaaaaaaaaaaa1", "Status": {"Code": "active"},
   "RequesterVpcInfo": {"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16"},
   "AccepterVpcInfo": {"VpcId": "vpc-0aaaaaaaaaaaaaaa2", "CidrBlock": "10.0.128.0/17"}}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16"},
          {"VpcId": "vpc-0aaaaaaaaaaaaaaa2", "CidrBlock": "10.1.0.0/16"}],
 "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-0aaaaaaaaaaaaaaa1", "Status": {"Code": "active"},
   "RequesterVpcInfo": {"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16"},
   "AccepterVpcInfo": {"VpcId": "vpc-0aaaaaaaaaaaaaaa2", "CidrBlock": "10.1.0.0/16"}}]})",
      .exceptions =
          "Peering connections that are not active (pending acceptance, rejected, deleted) "
          "connect nothing and are not judged. VPCs that are not connected may reuse ranges. "
          "Transit gateway overlaps are warnings: the transit gateway may be meant to prefer "
          "one VPC for the shared range. Overlaps with on-premises ranges behind VPN or Direct "
          "Connect are not judged yet.",
      .fix =
          "Renumber one of the two VPCs into a range that the other does not use (add a "
          "non-overlapping secondary block and move subnets into it), or stop routing between "
          "them. Until then, narrow the routes over the peering or transit gateway to the "
          "subnets that do not overlap. Allocate VPC ranges from one plan (an IPAM pool) so "
          "connected VPCs never share addresses.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html",
                     "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html"},
  };
  return meta;
}

// Every block a peering side has: those the peering record lists and those of the VPC itself.
model::AddressSet SideAddresses(const model::PeeringSide& side, const model::Network& network,
                                model::ScopeId scope) {
  model::AddressSet addresses;
  for (const model::Ipv4Prefix& cidr : side.cidrs_v4) addresses.Add(cidr);
  for (const model::Ipv6Prefix& cidr : side.cidrs_v6) addresses.Add(cidr);
  if (const model::Vpc* vpc = network.FindVpc(side.vpc_id, scope)) {
    addresses.Add(vpc->AddressSpace());
  }
  return addresses;
}

bool IsLiveAttachment(const model::TransitGatewayAttachment& attachment) {
  const std::string& state = attachment.state;
  return state != "deleted" && state != "deleting" && state != "failed" &&
         state != "rejected" && state != "failing";
}

class ConnectedVpcCidrOverlap final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    CheckPeerings(context, sink);
    CheckTransitGateways(context, sink);
  }

 private:
  static void CheckPeerings(const AnalysisContext& context, FindingSink& sink) {
    for (const model::VpcPeering& peering : context.network.vpc_peerings) {
      if (!peering.IsActive()) continue;
      const model::AddressSet overlap =
          SideAddresses(peering.requester, context.network, peering.scope)
              .Intersect(SideAddresses(peering.accepter, context.network, peering.scope));
      if (overlap.Empty()) continue;
      sink.Report(peering, model::ResourceKind::kVpcPeering,
                  "peers " + peering.requester.vpc_id + " with " + peering.accepter.vpc_id +
                      ", whose CIDR blocks overlap in " + overlap.ToString());
    }
  }

  // Per transit gateway, every pair of attached VPCs with overlapping blocks.
  static void CheckTransitGateways(const AnalysisContext& context, FindingSink& sink) {
    struct Attached {
      const model::TransitGatewayAttachment* attachment;
      model::AddressSet addresses;
    };
    std::map<std::pair<model::ScopeId, std::string>, std::vector<Attached>> by_gateway;
    for (const model::TransitGatewayAttachment& attachment :
         context.network.transit_gateway_attachments) {
      if (attachment.resource_type != "vpc" || !IsLiveAttachment(attachment)) continue;
      const model::Vpc* vpc = context.network.FindVpc(attachment.resource_id, attachment.scope);
      if (vpc == nullptr || !vpc->cidrs_known) continue;  // its blocks are unknown
      by_gateway[{attachment.scope, attachment.transit_gateway_id}].push_back(
          {&attachment, vpc->AddressSpace()});
    }
    for (auto& [gateway, attached] : by_gateway) {
      for (std::size_t later = 1; later < attached.size(); ++later) {
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
          const Attached& a = attached[earlier];
          const Attached& b = attached[later];
          if (a.attachment->resource_id == b.attachment->resource_id) continue;
          const model::AddressSet overlap = a.addresses.Intersect(b.addresses);
          if (overlap.Empty()) continue;
          Finding& finding = sink.Report(
              *b.attachment, model::ResourceKind::kTransitGatewayAttachment,
              "attaches " + b.attachment->resource_id + " to " + gateway.second +
                  ", which already reaches " + a.attachment->resource_id + " in " +
                  overlap.ToString() + "; the transit gateway routes that range to only one "
                  "of them");
          finding.severity = Severity::kWarning;
          finding.related.push_back({a.attachment->id, "attachment of " +
                                                           a.attachment->resource_id,
                                     a.attachment->source});
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeConnectedVpcCidrOverlap() {
  return std::make_unique<ConnectedVpcCidrOverlap>();
}

}  // namespace netlint::rules
