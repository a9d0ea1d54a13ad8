#pragma once

#include <string>

#include "netlint/rules/rule.h"

namespace netlint::report {

// A finding's identity across runs: 16 hex digits of a 64-bit FNV-1a hash of the rule, the
// resource's kind and id, the JSON Pointer inside the resource's record where the finding
// points, and the rule's key for findings at the same place (Finding::key). None of them moves when lines are added elsewhere in the file; all of them change when
// the finding is about something else. SARIF's partialFingerprints and baselines use it.
// `file` is the finding's file as reports display it (the same resource id in two files is two
// findings). A finding without a resource (a note about the input as a whole) is told apart by
// its message.
std::string FindingFingerprint(const rules::Finding& finding, std::string_view file);

}  // namespace netlint::report
