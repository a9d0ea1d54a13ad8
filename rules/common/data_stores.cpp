#include "rules/common/data_stores.h"

#include <algorithm>
#include <cctype>

namespace netlint::rules {
namespace {

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

void AddUnique(std::vector<std::string>& ids, const std::vector<std::string>& more) {
  for (const std::string& id : more) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

DataStore Make(model::ResourceKind kind, const model::Resource& resource, std::string engine,
               std::optional<std::uint16_t> port, std::vector<std::string> groups) {
  DataStore store{kind, &resource, std::move(engine), port, false, std::move(groups)};
  if (!store.port) {
    store.port = DefaultEnginePort(store.engine);
    store.default_port = store.port.has_value();
  }
  return store;
}

}  // namespace

std::optional<std::uint16_t> DefaultEnginePort(std::string_view engine) {
  std::string lower(engine);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // "aurora-postgresql" before "aurora".
  if (Has(lower, "postgres")) return 5432;
  if (Has(lower, "aurora") || Has(lower, "mysql") || Has(lower, "mariadb")) return 3306;
  if (Has(lower, "oracle")) return 1521;
  if (Has(lower, "sqlserver")) return 1433;
  if (Has(lower, "db2")) return 50000;
  if (Has(lower, "docdb")) return 27017;
  if (Has(lower, "neptune")) return 8182;
  if (Has(lower, "redis") || Has(lower, "valkey")) return 6379;
  if (Has(lower, "memcached")) return 11211;
  return std::nullopt;
}

std::vector<DataStore> DataStores(const model::Network& network) {
  std::vector<DataStore> stores;
  for (const model::DbInstance& db : network.db_instances) {
    stores.push_back(
        Make(model::ResourceKind::kDbInstance, db, db.engine, db.port, db.security_group_ids));
  }
  for (const model::ReplicationGroup& group : network.replication_groups) {
    std::string engine;
    std::vector<std::string> groups = group.security_group_ids;
    std::optional<std::uint16_t> port = group.port;
    for (const std::string& member : group.member_clusters) {
      const model::CacheCluster* cluster = network.FindCacheCluster(member, group.scope);
      if (cluster == nullptr) continue;
      if (engine.empty()) engine = cluster->engine;
      if (!port) port = cluster->port;
      AddUnique(groups, cluster->security_group_ids);
    }
    // Replication groups are Redis OSS or Valkey; both listen on 6379 by default.
    if (engine.empty()) engine = "redis";
    stores.push_back(Make(model::ResourceKind::kReplicationGroup, group, std::move(engine), port,
                          std::move(groups)));
  }
  for (const model::CacheCluster& cluster : network.cache_clusters) {
    // A member of a replication group in the input is judged with its group.
    const bool grouped = std::any_of(
        network.replication_groups.begin(), network.replication_groups.end(),
        [&](const model::ReplicationGroup& group) {
          return group.id == cluster.replication_group_id && group.scope == cluster.scope;
        });
    if (grouped) continue;
    stores.push_back(Make(model::ResourceKind::kCacheCluster, cluster, cluster.engine, cluster.port,
                          cluster.security_group_ids));
  }
  return stores;
}

}  // namespace netlint::rules
