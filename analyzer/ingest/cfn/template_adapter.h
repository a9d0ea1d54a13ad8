#pragma once

// CloudFormation templates as input: recognition by content, and the mapping of a template's
// network resources into the model. Resource ids are logical ids (physical ids do not exist
// before deployment); every entity keeps the line and column where the template declares it.

#include <span>
#include <string>
#include <vector>

#include "analyzer/ingest/cfn/intrinsics.h"
#include "netlint/base/diagnostics.h"
#include "netlint/model/network.h"

namespace netlint::ingest::cfn {

// Cheap test on raw text: could this JSON text be a template? (Describe output never has these
// members; a full parse decides.)
bool MightBeJsonTemplate(std::string_view text);

// Whether a parsed document is a CloudFormation template: AWSTemplateFormatVersion, or
// Resources whose values have an AWS:: Type.
bool IsTemplate(const Node& root);

struct TemplateLoad {
  bool recognised = false;  // the text was a template (whether or not all of it mapped)
  bool parse_failed = false;
  std::size_t resources = 0;
};

// Parses `text` and, when it is a template, appends its resources to `network` in `scope`.
// Broken YAML is reported as IN001 with line and column; values netlint cannot interpret as IN004.
TemplateLoad LoadTemplate(const std::string& text, FileId file, model::ScopeId scope,
                          model::Network& network, DiagnosticSink& diagnostics,
                          const ResolveSettings& settings = {});

// One parsed template of a run, with everything its resolution depends on.
struct TemplateToMap {
  const Node* root = nullptr;
  FileId file = 0;
  model::ScopeId scope = 0;
  ResolveSettings settings;
};

struct MappedTemplate {
  std::size_t resources = 0;
  std::vector<UnmatchedImport> unmatched_imports;
};

// Maps several templates into `network` as one: a rule, route or association in one template
// joins the entity another declares (a nested stack's rule on its parent's security group, a
// route in an importing stack's table). Results are in the order of `templates`.
std::vector<MappedTemplate> MapTemplates(std::span<const TemplateToMap> templates,
                                         model::Network& network, DiagnosticSink& diagnostics);

}  // namespace netlint::ingest::cfn
