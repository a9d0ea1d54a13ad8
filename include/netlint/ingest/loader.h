#pragma once

#include <span>
#include <string>

#include "netlint/base/diagnostics.h"
#include "netlint/base/source.h"
#include "netlint/ingest/template_parameters.h"
#include "netlint/model/network.h"

namespace netlint::ingest {

struct LoadStats {
  std::size_t files_seen = 0;          // regular files found under the given paths
  std::size_t files_recognised = 0;    // files that held at least one recognised document
  std::size_t files_unreadable = 0;    // could not be read or parsed at all
  std::size_t records = 0;             // records handed to adapters
  std::size_t missing_paths = 0;       // paths given that do not exist
};

struct LoadOptions {
  // Values for the parameters of CloudFormation templates (the top-level ones); a later value
  // for the same key overrides an earlier one.
  std::vector<TemplateParameter> template_parameters;
};

// Reads every input under `paths` (files, or folders walked recursively in name order),
// recognises each document by its content, and appends what it describes to `network`.
// Problems become diagnostics (IN001, IN003, IN004); nothing here throws on bad input.
// Does not freeze the network.
LoadStats LoadInputs(std::span<const std::string> paths, model::Network& network,
                     FileTable& files, DiagnosticSink& diagnostics,
                     const LoadOptions& options = {});

}  // namespace netlint::ingest
