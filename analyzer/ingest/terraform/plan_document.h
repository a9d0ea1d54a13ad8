#pragma once

// `terraform show -json` output (a plan, or a state) as netlint input. The document is small
// next to describe output and every resource may refer to any other, so it is parsed whole.

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ingest/json/json_value.h"
#include "analyzer/ingest/terraform/configuration_files.h"
#include "netlint/base/diagnostics.h"
#include "netlint/base/source.h"
#include "netlint/model/network.h"

namespace netlint::ingest::terraform {

struct PlanContext {
  model::Network& network;
  DiagnosticSink& diagnostics;
  model::ScopeId scope = 0;
  FileId file = kNoFile;
  std::string path;  // the plan as the user named it ("" : no .tf files are looked for)
  // Filled by the load: where resources are written in the .tf files beside the plan.
  std::vector<ConfigurationPlace> configuration_places;
};

// Whether a cheap look at the text says it may be Terraform JSON (worth a whole parse).
bool MayBeTerraformJson(std::string_view text);

// Whether a parsed document is `terraform show -json` output: format_version plus
// planned_values, resource_changes, configuration or (a state) values.
bool IsTerraformJson(JsonValue root);

// Fills the network with the planned (or stored) resources. Returns how many Terraform
// resources were mapped onto the model; problems become IN004 diagnostics.
std::size_t LoadTerraformJson(JsonValue root, PlanContext& context);

}  // namespace netlint::ingest::terraform
