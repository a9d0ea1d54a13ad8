// THE rule table: every rule netlint has, sorted by code. Adding a rule means adding its
// factory declaration and one line here (rules/registry_test checks the order and metadata).

#include "netlint/rules/registry.h"

#include <algorithm>
#include <array>

namespace netlint::rules {

std::unique_ptr<Rule> MakeSubnetOutsideVpcCidr();
std::unique_ptr<Rule> MakeSubnetCidrOverlap();
std::unique_ptr<Rule> MakeConnectedVpcCidrOverlap();
std::unique_ptr<Rule> MakeDefaultVpcInUse();
std::unique_ptr<Rule> MakeRdsPubliclyAccessible();
std::unique_ptr<Rule> MakeDataSubnetGroupHasPublicSubnet();
std::unique_ptr<Rule> MakeDataStoreAdmitsNonAppSources();
std::unique_ptr<Rule> MakeInputUnreadable();
std::unique_ptr<Rule> MakeRuleFailed();
std::unique_ptr<Rule> MakeReferenceMissing();
std::unique_ptr<Rule> MakeValueNotUnderstood();
std::unique_ptr<Rule> MakeLoadBalancerSubnetMismatch();
std::unique_ptr<Rule> MakeNatGatewayInOtherAz();
std::unique_ptr<Rule> MakePublicNatGatewayInPrivateSubnet();
std::unique_ptr<Rule> MakePublicSubnetWithoutInternetRoute();
std::unique_ptr<Rule> MakePrivateSubnetRoutesToInternetGateway();
std::unique_ptr<Rule> MakeAlbSingleAvailabilityZone();
std::unique_ptr<Rule> MakeNaclAdminPortOpenToInternet();
std::unique_ptr<Rule> MakeNaclAllowsAllTraffic();
std::unique_ptr<Rule> MakeNaclIneffectiveEntry();
std::unique_ptr<Rule> MakeMainRouteTableRoutesToInternet();
std::unique_ptr<Rule> MakeRouteBlackhole();
std::unique_ptr<Rule> MakeSgAdminPortOpenToInternet();
std::unique_ptr<Rule> MakeSgDataPortOpenToInternet();
std::unique_ptr<Rule> MakeSgAllPortsOpenToInternet();
std::unique_ptr<Rule> MakeSgPortOpenToInternet();
std::unique_ptr<Rule> MakeSgBroadPublicCidr();
std::unique_ptr<Rule> MakeSgUnrestrictedEgress();
std::unique_ptr<Rule> MakeSgCidrInsteadOfGroupReference();
std::unique_ptr<Rule> MakeSgDefaultGroupInUse();
std::unique_ptr<Rule> MakeSgUnused();
std::unique_ptr<Rule> MakeSgStaleGroupReference();
std::unique_ptr<Rule> MakeTaskCannotReachRequiredService();
std::unique_ptr<Rule> MakeWorkloadReachableFromInternet();
std::unique_ptr<Rule> MakeFlowOpenedByChange();
std::unique_ptr<Rule> MakeAssignPublicIpMismatch();
std::unique_ptr<Rule> MakeTargetIngressNotOnlyFromLoadBalancer();
std::unique_ptr<Rule> MakeLoadBalancerCannotReachTargets();
std::unique_ptr<Rule> MakeNatPathToInternetBroken();
std::unique_ptr<Rule> MakeEndpointGroupDeniesClients();
std::unique_ptr<Rule> MakeGatewayEndpointMissingRouteTable();
std::unique_ptr<Rule> MakeNaclBlocksReturnTraffic();
std::unique_ptr<Rule> MakeVpcePrivateDnsWithoutVpcDns();
std::unique_ptr<Rule> MakeVpceMissingClientAvailabilityZone();
std::unique_ptr<Rule> MakeVpceDuplicatePrivateDns();
std::unique_ptr<Rule> MakePrivateWorkloadEgressViaInternetGateway();
std::unique_ptr<Rule> MakePeeringRouteNotSymmetric();
std::unique_ptr<Rule> MakeDenyIntentViolated();
std::unique_ptr<Rule> MakeAllowIntentUnmet();

namespace {

constexpr std::array kRules = {
    RegisteredRule{"CIDR001", &MakeSubnetOutsideVpcCidr},
    RegisteredRule{"CIDR002", &MakeSubnetCidrOverlap},
    RegisteredRule{"CIDR003", &MakeConnectedVpcCidrOverlap},
    RegisteredRule{"CIDR004", &MakeDefaultVpcInUse},
    RegisteredRule{"DATA001", &MakeRdsPubliclyAccessible},
    RegisteredRule{"DATA002", &MakeDataSubnetGroupHasPublicSubnet},
    RegisteredRule{"DATA003", &MakeDataStoreAdmitsNonAppSources},
    RegisteredRule{"ECS001", &MakeTaskCannotReachRequiredService},
    RegisteredRule{"ECS002", &MakeAssignPublicIpMismatch},
    RegisteredRule{"ECS003", &MakeTargetIngressNotOnlyFromLoadBalancer},
    RegisteredRule{"IN001", &MakeInputUnreadable},
    RegisteredRule{"IN002", &MakeRuleFailed},
    RegisteredRule{"IN003", &MakeReferenceMissing},
    RegisteredRule{"IN004", &MakeValueNotUnderstood},
    RegisteredRule{"LB001", &MakeAlbSingleAvailabilityZone},
    RegisteredRule{"LB002", &MakeLoadBalancerSubnetMismatch},
    RegisteredRule{"LB003", &MakeLoadBalancerCannotReachTargets},
    RegisteredRule{"NACL001", &MakeNaclAdminPortOpenToInternet},
    RegisteredRule{"NACL002", &MakeNaclAllowsAllTraffic},
    RegisteredRule{"NACL003", &MakeNaclBlocksReturnTraffic},
    RegisteredRule{"NACL004", &MakeNaclIneffectiveEntry},
    RegisteredRule{"NAT001", &MakeNatGatewayInOtherAz},
    RegisteredRule{"NAT002", &MakePublicNatGatewayInPrivateSubnet},
    RegisteredRule{"NAT003", &MakeNatPathToInternetBroken},
    RegisteredRule{"POL001", &MakeDenyIntentViolated},
    RegisteredRule{"POL002", &MakeAllowIntentUnmet},
    RegisteredRule{"REACH001", &MakeWorkloadReachableFromInternet},
    RegisteredRule{"REACH002", &MakePrivateWorkloadEgressViaInternetGateway},
    RegisteredRule{"REACH005", &MakeFlowOpenedByChange},
    RegisteredRule{"RT001", &MakePublicSubnetWithoutInternetRoute},
    RegisteredRule{"RT002", &MakePrivateSubnetRoutesToInternetGateway},
    RegisteredRule{"RT003", &MakeMainRouteTableRoutesToInternet},
    RegisteredRule{"RT004", &MakeRouteBlackhole},
    RegisteredRule{"SG001", &MakeSgAdminPortOpenToInternet},
    RegisteredRule{"SG002", &MakeSgDataPortOpenToInternet},
    RegisteredRule{"SG003", &MakeSgAllPortsOpenToInternet},
    RegisteredRule{"SG004", &MakeSgPortOpenToInternet},
    RegisteredRule{"SG005", &MakeSgBroadPublicCidr},
    RegisteredRule{"SG006", &MakeSgUnrestrictedEgress},
    RegisteredRule{"SG007", &MakeSgCidrInsteadOfGroupReference},
    RegisteredRule{"SG008", &MakeSgDefaultGroupInUse},
    RegisteredRule{"SG009", &MakeSgUnused},
    RegisteredRule{"SG010", &MakeSgStaleGroupReference},
    RegisteredRule{"VPCE001", &MakeEndpointGroupDeniesClients},
    RegisteredRule{"VPCE002", &MakeVpcePrivateDnsWithoutVpcDns},
    RegisteredRule{"VPCE003", &MakeGatewayEndpointMissingRouteTable},
    RegisteredRule{"VPCE004", &MakeVpceMissingClientAvailabilityZone},
    RegisteredRule{"VPCE005", &MakeVpceDuplicatePrivateDns},
    RegisteredRule{"XVPC003", &MakePeeringRouteNotSymmetric},
};

}  // namespace

std::span<const RegisteredRule> AllRules() { return kRules; }

std::unique_ptr<Rule> MakeRule(std::string_view code) {
  for (const RegisteredRule& rule : kRules) {
    if (rule.code == code) return rule.factory();
  }
  return nullptr;
}

std::vector<std::unique_ptr<Rule>> MakeAllRules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.reserve(kRules.size());
  for (const RegisteredRule& rule : kRules) rules.push_back(rule.factory());
  return rules;
}

}  // namespace netlint::rules
