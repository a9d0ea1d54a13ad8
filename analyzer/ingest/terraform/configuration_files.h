#pragma once

// Where each resource of a plan is written in the `.tf` files beside it: the plan's JSON says
// which module a resource belongs to and where each local module's folder is, and a resource
// block opens with `resource "TYPE" "NAME"`, which a line scan finds without parsing HCL.

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/ingest/json/json_value.h"
#include "analyzer/ingest/terraform/plan_index.h"

namespace netlint::ingest::terraform {

// The resource whose planned values lie under `pointer` (in the plan) is written at
// `path`:`line`:`column`.
struct ConfigurationPlace {
  std::string pointer;
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// `plan_path` is the plan as the user named it; `.tf` paths are given relative to the same
// place. Resources whose block is not found (no `.tf` files, a module from a registry that
// is not installed under .terraform/modules) are left out.
std::vector<ConfigurationPlace> FindResourceBlocks(const PlanIndex& index, JsonValue root,
                                                   const std::string& plan_path);

}  // namespace netlint::ingest::terraform
