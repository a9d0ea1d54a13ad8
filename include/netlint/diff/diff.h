#pragma once

// `netlint diff`: what a change does to a network. Both versions are checked; resources are
// matched across them (a renamed logical id or a moved resource is the same resource), findings
// are split into new, fixed and unchanged, and the flows the change opens or closes are listed.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netlint/diff/flows.h"
#include "netlint/engine/engine.h"
#include "netlint/model/network.h"
#include "netlint/rules/rule.h"

namespace netlint::diff {

// Which head resource each base resource became. A resource whose kind and id exist in both
// versions is the same resource (and is not listed); the others are paired by content: the
// attributes that decide how traffic flows, with references to other resources compared through
// their own pairing. Only unambiguous pairs are made: two equal candidates on one side leave
// both unpaired rather than guessed. Returns base id -> head id for resources whose id changed.
Renames MatchResources(const model::Network& base, const model::Network& head);

// One side of a diff: the inputs of one version. Files are identified across the two versions
// by their position in `paths` and their path below it, so that `diff old/ new/` and a base
// extracted into a temporary folder compare file by file.
struct DiffSide {
  std::vector<std::string> paths;
  // A path that does not exist is an empty version of it rather than an input error (the base
  // of a file the change adds).
  bool missing_is_empty = false;
};

struct DiffOptions {
  DiffSide base;
  DiffSide head;
  engine::CheckOptions check;  // rules, configuration, parameters; its paths are ignored
  // Reports name base files by the head path they correspond to (the base is a temporary copy
  // of the same paths, read from git).
  bool base_named_as_head = false;
};

struct FindingsDiff {
  std::vector<rules::Finding> added;  // in head only (files of head's FileTable)
  std::vector<rules::Finding> fixed;  // in base only (files of base's FileTable)
  std::size_t unchanged = 0;
};

struct DiffResult {
  // The two checks; their `analysis` holds each version's loaded model. Their findings are not
  // located (line 0: findings pair by JSON Pointer); `findings.added` and `findings.fixed` are.
  std::unique_ptr<engine::CheckResult> base;
  std::unique_ptr<engine::CheckResult> head;
  Renames renames;
  FindingsDiff findings;
  FlowChanges flows;
  // Flows are compared when REACH005, the rule that reports the opened ones, is selected (by
  // --select and --ignore, or the configuration's select and ignore).
  bool flows_compared = false;
  // Opened flows an ignore entry of head's configuration accepts for REACH005 (on either end of
  // the flow, or on every flow): left out of `flows.opened`, counted here.
  std::size_t flows_suppressed = 0;
  // The severity head's configuration gives REACH005, if any.
  std::optional<Severity> opened_flow_severity;
  // Wall time of each stage, for --timings and the benchmarks.
  struct Timings {
    double checks = 0;    // both checks, side by side
    double pairing = 0;   // MatchResources
    double findings = 0;  // DiffFindings and locating the new and fixed findings
    double flows = 0;     // DiffFlows and locating the traces
    double total = 0;
  } timings;
};

// Splits two checks' findings. `base_file_keys` and `head_file_keys` give, per file id of each
// FileTable, the name under which the file is the same file in the other version.
FindingsDiff DiffFindings(const engine::CheckResult& base,
                          const std::vector<std::string>& base_file_keys,
                          const engine::CheckResult& head,
                          const std::vector<std::string>& head_file_keys, const Renames& renames);

// Checks both versions (side by side), matches their resources, diffs findings and flows.
// Throws std::runtime_error for what RunCheck throws on (an unreadable baseline).
DiffResult RunDiff(const DiffOptions& options);

// The version of `paths` (relative to the working folder, inside a git work tree) at revision
// `revision`, written below a new temporary folder, which the returned object removes when it
// goes. A path that did not exist at the revision is simply absent (an empty base). Throws
// std::runtime_error when git fails (not a repository, unknown revision).
class GitSnapshot {
 public:
  GitSnapshot(const std::string& revision, const std::vector<std::string>& paths);
  ~GitSnapshot();
  GitSnapshot(const GitSnapshot&) = delete;
  GitSnapshot& operator=(const GitSnapshot&) = delete;

  // Where each of the given paths lies in the snapshot, in the same order (it may not exist).
  [[nodiscard]] const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::string root_;
  std::vector<std::string> paths_;
};

}  // namespace netlint::diff
