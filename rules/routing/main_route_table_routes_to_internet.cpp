// RT003: the main route table routes to an internet gateway (every subnet without an explicit
// association silently becomes public); subnets that rely on the main table implicitly.

#include <algorithm>
#include <set>

#include "netlint/rules/rule.h"
#include "rules/common/subnet_role.h"

namespace netlint::rules {
namespace {

constexpr std::size_t kSubnetsNamed = 5;

const RuleMeta& Meta() {
  static const RuleMeta meta{
      .code = "RT003",
      .name = "main-route-table-routes-to-internet",
      .category = "routing",
      .default_severity = Severity::kWarning,
      .status = RuleStatus::kStable,
      .since = "0.1.0",
      .summary = "Main route table routes to an internet gateway, or a subnet uses the main "
                 "table implicitly",
      .rationale =
          "Every subnet without an explicit route table association uses its VPC's main route "
          "table. When that table sends the internet to an internet gateway, every subnet "
          "created later (by another team, another stack, a console click) is public the "
          "moment it exists, and its workloads with public IP addresses are on the internet. "
          "Keep the main table private and associate public subnets explicitly. A subnet that "
          "relies on the main table implicitly while its VPC manages route tables explicitly "
          "was usually forgotten, and changes routing whenever the main table changes.",
      .bad_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a1b2c3d4e5f60718", "State": "active"}]}]})",
      .good_example = R"({"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
 "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
  "Associations": [{"Main": true, "RouteTableId": "rtb-0a1b2c3d4e5f60718"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]}]})",
      .exceptions =
          "Routes to an egress-only internet gateway (IPv6 egress without ingress) do not make "
          "subnets public. The note about an implicit association is only given when the VPC "
          "has at least one explicitly associated route table (the owner manages routing "
          "explicitly, so a subnet on the main table was probably forgotten) and the main table "
          "has no internet route (then the warning already names the subnet). Routes are "
          "merged with set semantics: 0.0.0.0/1 plus 128.0.0.0/1 to an internet gateway is a "
          "default route.",
      .fix =
          "Keep the main route table private (only the local route, or a NAT gateway route) and "
          "put the internet gateway route in a separate public route table associated "
          "explicitly with the public subnets. Associate every subnet explicitly so that a new "
          "subnet never becomes public by default.",
      .options = {},
      .references = {"https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
                     "https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#main-route-table"},
  };
  return meta;
}

// The active internet-gateway routes of a table, in table order, of each family whose public
// addresses they cover together (the same test that makes a subnet public); empty otherwise.
std::vector<const model::Route*> InternetRoutes(const model::RouteTable& table,
                                               const model::Network& network) {
  std::vector<const model::Route*> routes;
  for (const model::IpFamily family : {model::IpFamily::kV4, model::IpFamily::kV6}) {
    const InternetRouting routing = InternetGatewayRouting(table, family, network);
    if (routing.covered != Tristate::kYes) continue;
    routes.insert(routes.end(), routing.routes.begin(), routing.routes.end());
  }
  // Route pointers point into table.routes, so their order is the table's.
  std::sort(routes.begin(), routes.end());
  return routes;
}

class MainRouteTableRoutesToInternet final : public Rule {
 public:
  [[nodiscard]] const RuleMeta& Meta() const override { return rules::Meta(); }

  void Check(const AnalysisContext& context, FindingSink& sink) const override {
    std::set<const model::Vpc*> vpcs_with_explicit_tables;
    for (const model::Subnet& subnet : context.network.subnets) {
      const model::RouteTableBinding binding = context.topology.RouteTableFor(subnet);
      if (binding.explicit_association) {
        vpcs_with_explicit_tables.insert(context.topology.VpcOf(subnet));
      }
    }
    for (const model::Vpc& vpc : context.network.vpcs) {
      const model::RouteTable* main = context.topology.MainRouteTable(vpc);
      if (main == nullptr) continue;
      std::vector<const model::Subnet*> implicit;
      for (const model::Subnet* subnet : context.topology.SubnetsUsing(*main)) {
        if (!context.topology.RouteTableFor(*subnet).explicit_association) {
          implicit.push_back(subnet);
        }
      }
      const std::vector<const model::Route*> routes = InternetRoutes(*main, context.network);
      if (!routes.empty()) {
        ReportInternetRoute(*main, routes, implicit, sink);
      } else if (vpcs_with_explicit_tables.count(&vpc) != 0) {
        for (const model::Subnet* subnet : implicit) {
          sink.Report(*subnet, model::ResourceKind::kSubnet,
                      "has no explicit route table association and uses the main route table " +
                          main->id + " implicitly")
              .severity = Severity::kNote;
        }
      }
    }
  }

 private:
  static void ReportInternetRoute(const model::RouteTable& main,
                                  const std::vector<const model::Route*>& routes,
                                  const std::vector<const model::Subnet*>& implicit,
                                  FindingSink& sink) {
    std::string destinations;
    for (const model::Route* route : routes) {
      if (!destinations.empty()) destinations += ", ";
      destinations += route->DestinationText() + " to " + route->target_id;
    }
    std::string subnets;
    if (implicit.empty()) {
      subnets = "no subnet uses it implicitly yet";
    } else {
      subnets = std::to_string(implicit.size()) +
                (implicit.size() == 1 ? " subnet uses" : " subnets use") + " it implicitly: ";
      for (std::size_t i = 0; i < implicit.size() && i < kSubnetsNamed; ++i) {
        if (i > 0) subnets += ", ";
        subnets += implicit[i]->id;
      }
      if (implicit.size() > kSubnetsNamed) {
        subnets += " and " + std::to_string(implicit.size() - kSubnetsNamed) + " more";
      }
    }
    Finding& finding = sink.Report(
        main, model::ResourceKind::kRouteTable,
        "the main route table sends " + destinations +
            ", so every subnet without an explicit association is public; " + subnets,
        routes.front()->source);
    for (std::size_t i = 1; i < routes.size(); ++i) {
      finding.related.push_back({main.id, "route " + routes[i]->DestinationText() + " to " +
                                              routes[i]->target_id,
                                 routes[i]->source});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMainRouteTableRoutesToInternet() {
  return std::make_unique<MainRouteTableRoutesToInternet>();
}

}  // namespace netlint::rules
