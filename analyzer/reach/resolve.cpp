// What `--from` and `--to` name: ids, names and ARNs of the resources a flow can start or end
// at, "internet", AWS services, and addresses.

#include <algorithm>
#include <cctype>

#include "analyzer/reach/vantages.h"
#include "netlint/reach/reach.h"

namespace netlint::reach {
namespace {

using model::ResourceKind;

struct Match {
  ResourceKind kind;
  const model::Resource* resource;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <typename T, typename NameOf>
void Collect(const std::vector<T>& items, ResourceKind kind, std::string_view text,
             NameOf name_of, std::vector<Match>& by_id, std::vector<Match>& by_name) {
  for (const T& item : items) {
    if (item.id == text) {
      by_id.push_back({kind, &item});
    } else if (const std::string_view name = name_of(item); !name.empty() && name == text) {
      by_name.push_back({kind, &item});
    }
  }
}

}  // namespace

std::optional<Endpoint> Reachability::Resolve(std::string_view text, std::string& error) const {
  if (EqualsIgnoreCase(text, "internet")) return Endpoint::Internet();
  if (text.rfind("aws:", 0) == 0) {
    const std::string_view service = text.substr(4);
    if (service.empty()) {
      error = "name an AWS service after aws: (aws:ecr.api, aws:s3, aws:logs, ...)";
      return std::nullopt;
    }
    return Endpoint::AwsService(std::string(service));
  }
  if (auto address = model::Ipv4Address::Parse(text)) {
    Endpoint endpoint;
    endpoint.kind = Endpoint::Kind::kAddress;
    endpoint.address.v4.Add(address->value(), address->value());
    return endpoint;
  }
  if (auto address = model::Ipv6Address::Parse(text)) {
    Endpoint endpoint;
    endpoint.kind = Endpoint::Kind::kAddress;
    endpoint.address.v6.Add(address->value(), address->value());
    return endpoint;
  }
  const model::Network& network = topology().network();
  std::vector<Match> by_id;
  std::vector<Match> by_name;
  auto tag_name = [](const auto& item) { return item.Name(); };
  Collect(network.network_interfaces, ResourceKind::kNetworkInterface, text, tag_name, by_id, by_name);
  Collect(network.instances, ResourceKind::kInstance, text, tag_name, by_id, by_name);
  Collect(network.ecs_services, ResourceKind::kEcsService, text,
          [](const model::EcsService& service) { return std::string_view(service.name); }, by_id,
          by_name);
  Collect(network.load_balancers, ResourceKind::kLoadBalancer, text,
          [](const model::LoadBalancer& lb) { return std::string_view(lb.name); }, by_id, by_name);
  Collect(network.db_instances, ResourceKind::kDbInstance, text, tag_name, by_id, by_name);
  Collect(network.cache_clusters, ResourceKind::kCacheCluster, text, tag_name, by_id, by_name);
  Collect(network.replication_groups, ResourceKind::kReplicationGroup, text, tag_name, by_id,
          by_name);
  Collect(network.vpc_endpoints, ResourceKind::kVpcEndpoint, text, tag_name, by_id, by_name);
  Collect(network.container_instances, ResourceKind::kContainerInstance, text,
          [](const model::ContainerInstance& instance) {
            return std::string_view(instance.ec2_instance_id);
          },
          by_id, by_name);
  // An instance's own interfaces share its Name tag; the instance is what the user means.
  auto drop_owned_interfaces = [](std::vector<Match>& matches) {
    const bool has_instance = std::any_of(matches.begin(), matches.end(), [](const Match& match) {
      return match.kind == ResourceKind::kInstance;
    });
    if (!has_instance) return;
    std::erase_if(matches, [](const Match& match) {
      return match.kind == ResourceKind::kNetworkInterface;
    });
  };
  drop_owned_interfaces(by_name);
  const std::vector<Match>& matches = by_id.empty() ? by_name : by_id;
  if (matches.size() == 1) return Endpoint::Resource(matches.front().kind, *matches.front().resource);
  if (matches.size() > 1) {
    error = "'" + std::string(text) + "' is ambiguous: it names ";
    for (std::size_t i = 0; i < matches.size() && i < 4; ++i) {
      if (i > 0) error += ", ";
      error += DescribeResource(matches[i].kind, *matches[i].resource);
    }
    error += "; use an id";
    return std::nullopt;
  }
  for (std::string_view prefix : {"subnet-", "sg-", "vpc-", "rtb-", "acl-"}) {
    if (text.rfind(prefix, 0) == 0) {
      error = std::string(text) +
              " is not an end of a flow: name a workload, an interface, a load balancer, "
              "internet, aws:SERVICE or an IP address";
      return std::nullopt;
    }
  }
  error = "nothing in the input is named '" + std::string(text) +
          "' (ids, Name tags, ECS service and load balancer names and ARNs, DB and cache ids, "
          "internet, aws:SERVICE or an IP address)";
  return std::nullopt;
}

}  // namespace netlint::reach
