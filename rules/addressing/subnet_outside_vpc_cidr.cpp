// CIDR001: a subnet's CIDR block lies outside the CIDR blocks of its VPC.

#include "netlint/rules/rule.h"

namespace netlint::rules {
namespace {

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "CIDR001",
      .name = "subnet-outside-vpc-cidr",
      .category = "addressing",
      .default_severity = Severity::kError,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Subnet CIDR block is not inside one CIDR block of its VPC",
      .rationale =
          "AWS creates a subnet only inside one of its VPC's associated CIDR blocks (primary or "
          "secondary). A template or plan that declares one outside fails at deployment, after "
          "the review; in a snapshot it means the VPC's secondary block was disassociated or "
          "the data is inconsistent. A subnet that spans two adjacent blocks is rejected too: "
          "it must fit inside one.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
              "CidrBlock": "10.1.5.0/24"}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16",
   "CidrBlockAssociationSet": [{"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
                               {"CidrBlock": "10.1.0.0/16", "CidrBlockState": {"State": "associated"}}]}],
 "Subnets": [{"SubnetId": "subnet-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
              "CidrBlock": "10.1.5.0/24"}]})",
      .exceptions =
          "Secondary CIDR blocks count once they are associated; blocks that are still "
          "associating, or were disassociated or failed, do not. Subnets whose VPC is not in "
          "the input are reported by IN003, and values unknown before deployment are not "
          "judged.",
      .fix =
          "Recreate the subnet with a CIDR block that lies inside one associated block of its "
          "VPC, or first associate a secondary CIDR block that contains it (aws ec2 "
          "associate-vpc-cidr-block; AWS::EC2::VPCCidrBlock) and wait until it is associated. A "
          "subnet's block cannot be changed in place: move its workloads to the new subnet, "
          "then delete the old one.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html"},
  };
  return meta;
}

template <typename Prefix, typename Block>
std::string CheckBlock(const Prefix& subnet_cidr, const std::vector<Block>& blocks,
                       const std::string& vpc_id) {
  std::string listed;
  model::AddressSet union_of_blocks;
  for (const Block& block : blocks) {
    if (!block.associated) continue;
    if (block.cidr.Contains(subnet_cidr)) return {};
    if (!listed.empty()) listed += ", ";
    listed += block.cidr.ToString();
    union_of_blocks.Add(block.cidr);
  }
  if (union_of_blocks.ContainsAll(model::AddressSet::Of(subnet_cidr))) {
    return subnet_cidr.ToString() + " spans several CIDR blocks of " + vpc_id + " (" + listed +
           "); a subnet must lie inside one";
  }
  return subnet_cidr.ToString() + " is outside the CIDR blocks of " + vpc_id + " (" +
         (listed.empty() ? std::string("none associated") : listed) + ")";
}

class SubnetOutsideVpcCidr final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    for (const model::Subnet& subnet : context.network.subnets) {
      const model::Vpc* vpc = context.topology.VpcOf(subnet);
      if (vpc == nullptr || !vpc->cidrs_known) continue;
      if (subnet.cidr_v4) {
        std::string problem = CheckBlock(*subnet.cidr_v4, vpc->cidrs_v4, vpc->id);
        if (!problem.empty()) {
          sink.Report(subnet, model::ResourceKind::kSubnet, std::move(problem),
                      subnet.source.Child("CidrBlock"));
        }
      }
      for (const model::Ipv6Prefix& cidr : subnet.cidrs_v6) {
        std::string problem = CheckBlock(cidr, vpc->cidrs_v6, vpc->id);
        if (!problem.empty()) {
          sink.Report(subnet, model::ResourceKind::kSubnet, std::move(problem),
                      subnet.source.Child("Ipv6CidrBlockAssociationSet"));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSubnetOutsideVpcCidr() {
  return std::make_unique<SubnetOutsideVpcCidr>();
}

}  // namespace netlint::rules
