#pragma once

// Inline suppressions of a CloudFormation resource:
//   Metadata:
//     netlint:
//       ignore:
//         - {rule: SG001, reason: the bastion is replaced by SSM in Q1}
// Entries keep their line and column; an entry without a reason is kept (the engine reports it
// and it suppresses nothing), a malformed one is reported here as IN004.

#include <string>
#include <vector>

#include "analyzer/ingest/cfn/template_tree.h"
#include "netlint/base/diagnostics.h"
#include "netlint/model/entities.h"

namespace netlint::ingest::cfn {

std::vector<model::InlineSuppression> MetadataSuppressions(const Node& resource, FileId file,
                                                           const std::string& logical_id,
                                                           DiagnosticSink& diagnostics);

}  // namespace netlint::ingest::cfn
