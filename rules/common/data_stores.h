#pragma once

// Databases and caches as the data-tier rules see them: one entry per store (a DB instance, a
// replication group, a cache cluster outside any replication group), with its engine, the port
// it listens on and the security groups in front of it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netlint/model/network.h"

namespace netlint::rules {

// The default port of a database or cache engine as AWS names it ("postgres", "aurora-mysql",
// "sqlserver-se", "redis", ...): aurora, mysql and mariadb 3306, postgres 5432, oracle 1521,
// sqlserver 1433, db2 50000, docdb 27017, neptune 8182, redis and valkey 6379, memcached 11211.
// Empty for an engine netlint does not know.
std::optional<std::uint16_t> DefaultEnginePort(std::string_view engine);

struct DataStore {
  model::ResourceKind kind;  // kDbInstance, kReplicationGroup or kCacheCluster
  const model::Resource* resource;
  std::string engine;  // empty when the input does not say
  // The port it listens on: the input's, else the engine's default; empty when neither is known.
  std::optional<std::uint16_t> port;
  bool default_port = false;  // the port is the engine's default, not the input's
  std::vector<std::string> security_group_ids;
};

// Every DB instance, every replication group (with the groups and engine of its member clusters
// when the group itself does not name them) and every cache cluster outside a replication group.
std::vector<DataStore> DataStores(const model::Network& network);

}  // namespace netlint::rules
