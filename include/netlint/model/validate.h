#pragma once

#include "netlint/base/diagnostics.h"
#include "netlint/model/topology.h"

namespace netlint::model {

// Checks that references between resources resolve (IN003) and says once per scope what the
// input leaves out that the analysis assumes (IN004 notes). Routes and security group rules are
// checked by their own rules (RT004, SG010).
void ValidateReferences(const Topology& topology, DiagnosticSink& diagnostics);

}  // namespace netlint::model
