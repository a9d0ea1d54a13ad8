// CIDR002: two subnets of one VPC whose CIDR blocks overlap.

#include <algorithm>
#include <unordered_map>

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "CIDR002",
      .name = "subnet-cidr-overlap",
      .category = "addressing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Two subnets of one VPC have overlapping CIDR blocks",
      .rationale =
          "Subnets of a VPC must not overlap: AWS rejects the second one, so a template or plan "
          "with overlapping subnets fails at deployment (typically after an earlier stack "
          "created the first). Overlaps usually come from copy-paste or from carving a new "
          "tier out of a range another tier already uses.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.1.0/24"},
             {"SubnetId": "subnet-0aaaaaaaaaaaaaaa2", "VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.1.128/25"}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.1.0/24"},
             {"SubnetId": "subnet-0aaaaaaaaaaaaaaa2", "VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.2.0/24"}]})",
      .exceptions =
          "Subnets of different VPCs may use the same ranges (that is CIDR003's concern when the "
          "VPCs are connected). Adjacent blocks (10.0.0.0/24 and 10.0.1.0/24) do not overlap.",
      .fix =
          "Give each subnet of the VPC its own, non-overlapping block: plan the VPC's address "
          "space (for example one /24 per subnet and zone), create a replacement subnet in a "
          "free range, move the workloads of one of the two subnets to it, and delete the "
          "overlapping subnet. In templates, derive subnet blocks from the VPC block with "
          "Fn::Cidr so they cannot collide.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html"},
  };
  return meta;
}

struct Block {
  model::Uint128 first;
  model::Uint128 last;
  std::size_t order;  // position in the input, to report on the later subnet
  const model::Subnet* subnet;
  std::string text;
  SourceRef where;  // the subnet's CIDR member
};

// Sort by first address and sweep, keeping the blocks still open: O(n log n + overlaps).
template <typename Report>
void SweepOverlaps(std::vector<Block>& blocks, Report&& report) {
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
    return a.first != b.first ? a.first < b.first : a.order < b.order;
  });
  std::vector<const Block*> open;
  for (const Block& block : blocks) {
    std::erase_if(open, [&](const Block* other) { return other->last < block.first; });
    for (const Block* other : open) report(*other, block);
    open.push_back(&block);
  }
}

class SubnetCidrOverlap final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    std::unordered_map<const model::Vpc*, std::vector<Block>> v4;
    std::unordered_map<const model::Vpc*, std::vector<Block>> v6;
    const auto& subnets = context.network.subnets;
    for (std::size_t i = 0; i < subnets.size(); ++i) {
      const model::Subnet& subnet = subnets[i];
      const model::Vpc* vpc = context.topology.VpcOf(subnet);
      if (vpc == nullptr) continue;
      if (subnet.cidr_v4) {
        v4[vpc].push_back({subnet.cidr_v4->First(), subnet.cidr_v4->Last(), i, &subnet,
                           subnet.cidr_v4->ToString(), subnet.source.Child("CidrBlock")});
      }
      for (const model::Ipv6Prefix& cidr : subnet.cidrs_v6) {
        v6[vpc].push_back({cidr.First(), cidr.Last(), i, &subnet, cidr.ToString(),
                           subnet.source.Child("Ipv6CidrBlockAssociationSet")});
      }
    }
    // Findings come out in a stable order: the engine sorts them by location afterwards.
    auto report = [&](const Block& a, const Block& b) {
      const Block& later = a.order > b.order ? a : b;
      const Block& earlier = a.order > b.order ? b : a;
      if (later.subnet == earlier.subnet) return;
      Finding& finding = sink.Report(*later.subnet, model::ResourceKind::kSubnet,
                                     later.text + " overlaps " + earlier.subnet->id + " (" +
                                         earlier.text + ")",
                                     later.where);
      finding.key = earlier.subnet->id;
      finding.related.push_back(
          {earlier.subnet->id, "overlapping subnet " + earlier.text, earlier.subnet->source});
    };
    for (auto* family : {&v4, &v6}) {
      for (auto& [vpc, blocks] : *family) SweepOverlaps(blocks, report);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSubnetCidrOverlap() { return std::make_unique<SubnetCidrOverlap>(); }

}  // namespace netlint::rules
