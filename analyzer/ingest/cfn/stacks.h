#pragma once

// The templates of one run as the stacks they form: nested stacks whose TemplateURL is a local
// file (as `aws cloudformation package` takes it) are loaded under their parent with the
// parameter values the parent passes, and Fn::ImportValue finds the Exports of every template
// of the run. Everything is mapped into one network, so references between stacks link.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "analyzer/ingest/cfn/template_tree.h"
#include "netlint/base/diagnostics.h"
#include "netlint/base/source.h"
#include "netlint/ingest/template_parameters.h"
#include "netlint/model/network.h"

namespace netlint::ingest::cfn {

struct GivenTemplate {
  std::string path;  // as displayed
  FileId file = 0;
  Node root;
};

struct StacksLoad {
  std::size_t resources = 0;
};

// `parameters` apply to the top-level stacks (not to nested ones, which get theirs from their
// parent). Problems go to `diagnostics` with file, line and column.
StacksLoad LoadStacks(std::vector<GivenTemplate> templates,
                      std::span<const TemplateParameter> parameters, FileTable& files,
                      model::Network& network, DiagnosticSink& diagnostics);

}  // namespace netlint::ingest::cfn
