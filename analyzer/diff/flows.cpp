#include "netlint/diff/flows.h"

namespace netlint::diff {

// Placeholder until the flow enumeration lands (work in progress on its own branch): no flow
// changes are reported yet.
FlowChanges DiffFlows(const engine::LoadedModel& /*base*/, const engine::LoadedModel& /*head*/,
                      const Renames& /*renames*/) {
  return {};
}

}  // namespace netlint::diff
