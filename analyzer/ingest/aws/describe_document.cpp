#include "analyzer/ingest/aws/describe_document.h"

#include <algorithm>
#include <array>
#include <optional>

namespace netlint::ingest::aws {
namespace {

using model::ResourceKind;

struct ListKind {
  std::string_view key;  // the API's top-level list key
  RecordParser parse;
  // The kind whose complete list this key holds for the scope, if the call lists everything
  // (describe-listeners and describe-services take explicit ids, so they do not).
  std::optional<ResourceKind> complete;
};

// Sorted by key for binary search.
constexpr std::array kListKinds = {
    ListKind{"CacheClusters", ParseCacheCluster, ResourceKind::kCacheCluster},
    ListKind{"CacheSubnetGroups", ParseCacheSubnetGroup, ResourceKind::kCacheSubnetGroup},
    ListKind{"DBInstances", ParseDbInstance, ResourceKind::kDbInstance},
    ListKind{"DBSubnetGroups", ParseDbSubnetGroup, ResourceKind::kDbSubnetGroup},
    ListKind{"EgressOnlyInternetGateways", ParseEgressOnlyInternetGateway,
             ResourceKind::kEgressOnlyInternetGateway},
    ListKind{"InternetGateways", ParseInternetGateway, ResourceKind::kInternetGateway},
    ListKind{"Listeners", ParseListener, std::nullopt},
    ListKind{"LoadBalancerListeners", ParseListenerGroup, ResourceKind::kListener},
    ListKind{"LoadBalancerTargetHealth", ParseTargetHealthGroup, std::nullopt},
    ListKind{"LoadBalancers", ParseLoadBalancer, ResourceKind::kLoadBalancer},
    ListKind{"NatGateways", ParseNatGateway, ResourceKind::kNatGateway},
    ListKind{"NetworkAcls", ParseNetworkAcl, ResourceKind::kNetworkAcl},
    ListKind{"NetworkInterfaces", ParseNetworkInterface, ResourceKind::kNetworkInterface},
    ListKind{"PrefixLists", ParsePrefixList, std::nullopt},  // completeness decided per record
    ListKind{"ReplicationGroups", ParseReplicationGroup, ResourceKind::kReplicationGroup},
    ListKind{"Reservations", ParseReservation, ResourceKind::kInstance},
    ListKind{"RouteTables", ParseRouteTable, ResourceKind::kRouteTable},
    ListKind{"SecurityGroupRules", ParseSecurityGroupRule, std::nullopt},
    ListKind{"SecurityGroups", ParseSecurityGroup, ResourceKind::kSecurityGroup},
    ListKind{"Subnets", ParseSubnet, ResourceKind::kSubnet},
    ListKind{"TargetGroups", ParseTargetGroup, ResourceKind::kTargetGroup},
    ListKind{"TransitGatewayAttachments", ParseTransitGatewayAttachment,
             ResourceKind::kTransitGatewayAttachment},
    ListKind{"TransitGatewayVpcAttachments", ParseTransitGatewayAttachment, std::nullopt},
    ListKind{"VpcEndpoints", ParseVpcEndpoint, ResourceKind::kVpcEndpoint},
    ListKind{"VpcPeeringConnections", ParseVpcPeering, ResourceKind::kVpcPeering},
    ListKind{"Vpcs", ParseVpc, ResourceKind::kVpc},
    ListKind{"containerInstances", ParseContainerInstance, std::nullopt},
    ListKind{"services", ParseEcsService, std::nullopt},
};

// Describe output netlint recognises but does not model yet: said once per file, never
// silently dropped, because paths through these resources are then unknown.
struct UnmodelledKind {
  std::string_view key;
  std::string_view what;
};
constexpr std::array kUnmodelledKinds = {
    UnmodelledKind{"DomainStatusList", "OpenSearch/Elasticsearch domains"},
    UnmodelledKind{"LoadBalancerDescriptions", "classic load balancers"},
    UnmodelledKind{"TransitGatewayRouteTables", "transit gateway route tables"},
    UnmodelledKind{"TransitGateways", "transit gateways"},
    UnmodelledKind{"VpnConnections", "VPN connections"},
    UnmodelledKind{"VpnGateways", "virtual private gateways"},
};

const ListKind* FindListKind(std::string_view key) {
  auto it = std::lower_bound(kListKinds.begin(), kListKinds.end(), key,
                             [](const ListKind& kind, std::string_view k) { return kind.key < k; });
  return it != kListKinds.end() && it->key == key ? &*it : nullptr;
}

const UnmodelledKind* FindUnmodelledKind(std::string_view key) {
  for (const UnmodelledKind& kind : kUnmodelledKinds) {
    if (kind.key == key) return &kind;
  }
  return nullptr;
}

}  // namespace

bool IsDescribeListKey(std::string_view key) { return FindListKind(key) != nullptr; }

bool DescribeDocument::StreamMember(std::string_view key) {
  const ListKind* kind = FindListKind(key);
  if (kind == nullptr) {
    if (const UnmodelledKind* unmodelled = FindUnmodelledKind(key)) {
      recognised_ = true;
      SourceRef where{context_.file, 0, 0, ""};
      where = where.Child(key);
      context_.diagnostics.Report(
          "IN004", Severity::kNote, "",
          std::string(unmodelled->what) + " (" + std::string(key) +
              ") are not modelled yet; paths through them are unknown",
          std::move(where));
    }
    return false;
  }
  recognised_ = true;
  if (kind->complete) context_.network.MarkComplete(context_.scope, *kind->complete);
  return true;
}

void DescribeDocument::OnRecord(std::string_view key, std::size_t index, JsonValue record) {
  SourceRef where{context_.file, 0, 0, ""};
  if (!key.empty()) where = where.Child(key);
  where = where.Child(index);
  RecordReader reader(record, where, context_.diagnostics);
  if (!record.is_object()) {
    if (!key.empty()) {
      reader.Report("", "expected an object in " + std::string(key) + ", found " +
                            RecordReader::TypeName(record));
    }
    return;
  }
  if (key.empty()) {
    // A top-level array: only the aggregate shapes of snapshot tools are known.
    if (reader.Has("TargetGroupArn") && reader.Has("TargetHealthDescriptions")) {
      recognised_ = true;
      ++records_;
      ParseTargetHealthGroup(reader, context_);
    } else if (reader.Has("LoadBalancerArn") && reader.Has("Listeners")) {
      recognised_ = true;
      ++records_;
      ParseListenerGroup(reader, context_);
    }
    return;
  }
  if (const ListKind* kind = FindListKind(key)) {
    ++records_;
    kind->parse(reader, context_);
  }
}

void DescribeDocument::OnRemainder(JsonValue remainder) {
  if (!remainder.is_object()) return;
  RecordReader document(remainder, SourceRef{context_.file, 0, 0, ""}, context_.diagnostics);
  if (document.Has("taskDefinition")) {
    if (auto task = document.Object("taskDefinition")) {
      recognised_ = true;
      ++records_;
      ParseTaskDefinition(*task, context_);
    }
  }
  if (document.Has("VpcId") &&
      (document.Has("EnableDnsSupport") || document.Has("EnableDnsHostnames"))) {
    recognised_ = true;
    ++records_;
    ParseVpcAttribute(document, context_);
  }
  if (document.Has("Entries")) {
    recognised_ = true;
    ++records_;
    ParsePrefixListEntries(document, context_);
  }
  if (document.Has("TargetHealthDescriptions")) {
    recognised_ = true;
    ++records_;
    ParseTargetHealth(document, context_);
  }
}

}  // namespace netlint::ingest::aws
