#include "analyzer/engine/inline_suppressions.h"

#include <algorithm>
#include <cctype>

#include "netlint/rules/registry.h"

namespace netlint::engine {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

// Whether `text` opens with something shaped like a rule code or prefix followed by a colon or
// the end ("SG001:", "SG", "REACH001 : ...").
bool OpensWithCode(std::string_view text) {
  text = Trim(text);
  std::size_t i = 0;
  while (i < text.size() && std::isupper(static_cast<unsigned char>(text[i])) != 0) ++i;
  if (i < 2) return false;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) ++i;
  const std::string_view rest = Trim(text.substr(i));
  return rest.empty() || rest.front() == ':';
}

bool KnownRuleSelector(std::string_view selector) {
  if (selector == "ALL") return true;
  return std::any_of(rules::AllRules().begin(), rules::AllRules().end(),
                     [&](const rules::RegisteredRule& rule) {
                       return rule.code.substr(0, selector.size()) == selector;
                     });
}

bool Accepts(const model::InlineSuppression& suppression, std::string_view code) {
  return suppression.rule == "ALL" || code.substr(0, suppression.rule.size()) == suppression.rule;
}

// Calls `visit(resource, kind)` for every entity of the network.
template <typename Visit>
void ForEachResource(const model::Network& network, Visit&& visit) {
  using model::ResourceKind;
  auto each = [&](const auto& items, ResourceKind kind) {
    for (const auto& item : items) visit(item, kind);
  };
  each(network.vpcs, ResourceKind::kVpc);
  each(network.subnets, ResourceKind::kSubnet);
  each(network.route_tables, ResourceKind::kRouteTable);
  each(network.internet_gateways, ResourceKind::kInternetGateway);
  each(network.egress_only_internet_gateways, ResourceKind::kEgressOnlyInternetGateway);
  each(network.nat_gateways, ResourceKind::kNatGateway);
  each(network.vpc_endpoints, ResourceKind::kVpcEndpoint);
  each(network.prefix_lists, ResourceKind::kPrefixList);
  each(network.security_groups, ResourceKind::kSecurityGroup);
  each(network.network_acls, ResourceKind::kNetworkAcl);
  each(network.network_interfaces, ResourceKind::kNetworkInterface);
  each(network.instances, ResourceKind::kInstance);
  each(network.vpc_peerings, ResourceKind::kVpcPeering);
  each(network.transit_gateway_attachments, ResourceKind::kTransitGatewayAttachment);
  each(network.load_balancers, ResourceKind::kLoadBalancer);
  each(network.listeners, ResourceKind::kListener);
  each(network.target_groups, ResourceKind::kTargetGroup);
  each(network.ecs_services, ResourceKind::kEcsService);
  each(network.task_definitions, ResourceKind::kTaskDefinition);
  each(network.container_instances, ResourceKind::kContainerInstance);
  each(network.db_instances, ResourceKind::kDbInstance);
  each(network.db_subnet_groups, ResourceKind::kDbSubnetGroup);
  each(network.cache_clusters, ResourceKind::kCacheCluster);
  each(network.replication_groups, ResourceKind::kReplicationGroup);
  each(network.cache_subnet_groups, ResourceKind::kCacheSubnetGroup);
}

}  // namespace

std::vector<model::InlineSuppression> ParseIgnoreTag(std::string_view value,
                                                     const SourceRef& source) {
  // Items: split at ';' always, at ',' only where a rule code follows.
  std::vector<std::string_view> items;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const bool end = i == value.size();
    const bool split = end || value[i] == ';' || (value[i] == ',' && OpensWithCode(value.substr(i + 1)));
    if (!split) continue;
    items.push_back(value.substr(start, i - start));
    start = i + 1;
  }
  std::vector<model::InlineSuppression> suppressions;
  for (std::string_view item : items) {
    item = Trim(item);
    if (item.empty()) continue;
    const std::size_t colon = item.find(':');
    model::InlineSuppression suppression;
    suppression.rule = std::string(Trim(item.substr(0, colon)));
    if (colon != std::string_view::npos) suppression.reason = std::string(Trim(item.substr(colon + 1)));
    suppression.source = source;
    suppressions.push_back(std::move(suppression));
  }
  return suppressions;
}

InlineSuppressions::InlineSuppressions(const model::Network& network,
                                       std::vector<rules::Finding>& problems) {
  ForEachResource(network, [&](const model::Resource& resource, model::ResourceKind kind) {
    if (!resource.suppressions.empty() || resource.FindTag(kIgnoreTag) != nullptr) {
      Add(resource, kind, problems);
    }
  });
}

void InlineSuppressions::Add(const model::Resource& resource, model::ResourceKind kind,
                             std::vector<rules::Finding>& problems) {
  std::vector<model::InlineSuppression> all = resource.suppressions;
  if (const std::string* tag = resource.FindTag(kIgnoreTag)) {
    for (auto& parsed : ParseIgnoreTag(*tag, resource.source)) all.push_back(std::move(parsed));
  }
  auto problem = [&](const model::InlineSuppression& suppression, std::string message) {
    rules::Finding finding;
    finding.rule = "IN004";
    finding.severity = Severity::kWarning;
    finding.resource = resource.id;
    finding.resource_kind = std::string(model::ResourceKindName(kind));
    finding.resource_name = std::string(resource.Name());
    finding.scope = resource.scope;
    finding.message = std::move(message);
    finding.source = suppression.source;
    problems.push_back(std::move(finding));
  };
  std::vector<model::InlineSuppression> valid;
  for (model::InlineSuppression& suppression : all) {
    if (suppression.rule.empty()) {
      problem(suppression, "an inline suppression names no rule: write 'RULE: why the finding "
                           "is accepted'");
    } else if (!KnownRuleSelector(suppression.rule)) {
      problem(suppression, "an inline suppression names '" + suppression.rule +
                               "', which no rule code starts with; it suppresses nothing");
    } else if (suppression.reason.empty()) {
      problem(suppression, "the inline suppression of " + suppression.rule +
                               " has no reason, so it suppresses nothing: write '" +
                               suppression.rule + ": why the finding is accepted'");
    } else {
      valid.push_back(std::move(suppression));
    }
  }
  if (valid.empty()) return;
  auto& entries = by_resource_[{resource.scope, resource.id}];
  for (auto& suppression : valid) entries.push_back(std::move(suppression));
}

const model::InlineSuppression* InlineSuppressions::Find(const rules::Finding& finding) const {
  if (finding.resource.empty()) return nullptr;
  const auto found = by_resource_.find(std::pair{finding.scope, finding.resource});
  if (found == by_resource_.end()) return nullptr;
  for (const model::InlineSuppression& suppression : found->second) {
    if (Accepts(suppression, finding.rule)) return &suppression;
  }
  return nullptr;
}

}  // namespace netlint::engine
