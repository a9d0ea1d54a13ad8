#pragma once

#include <array>
#include <memory>
#include <utility>
#include <string>
#include <vector>

#include "netlint/base/source.h"
#include "netlint/config/config.h"
#include "netlint/ingest/loader.h"
#include "netlint/reach/reach.h"
#include "netlint/rules/rule.h"

namespace netlint::engine {

struct CheckOptions {
  std::vector<std::string> paths;
  // Rule codes or code prefixes ("SG", "SG00", "SG001"). Empty select means every stable rule.
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool preview = false;  // also run preview rules
  // A `.netlint.yaml` to apply (empty: none). Its select and ignore apply when the options above
  // give none; its severities, rule options and ignore entries always apply.
  std::string config_path;
  // Findings recorded by --write-baseline are left out (empty: none). Read by RunCheck; an
  // unreadable baseline makes RunCheck throw std::runtime_error.
  std::string baseline_path;
  // How inputs are read (CloudFormation parameter values).
  ingest::LoadOptions load;
  // Whether RunCheck resolves the line and column of every finding (reading the inputs again).
  // A caller that reports only some of them (`netlint diff`) turns it off and locates those
  // with LocateFindings; findings are then sorted by file with unknown lines.
  bool locate = true;
};

struct CheckSummary {
  std::size_t files_seen = 0;
  std::size_t files_recognised = 0;
  std::size_t resources = 0;
  std::size_t rules_run = 0;
  std::array<std::size_t, 3> by_severity{};  // indexed by Severity
  // Findings accepted by an ignore entry of the configuration or an inline suppression.
  std::size_t suppressed = 0;
  std::size_t baselined = 0;   // findings already in the baseline
};

struct CheckResult;
// Writes the fingerprints of a check's findings as a baseline file (JSON), atomically.
void WriteBaseline(const std::string& path, const CheckResult& result);

// Wall time of each stage, for --timings and the benchmarks.
struct StageTimings {
  double load_seconds = 0;      // read, parse and translate every input
  double model_seconds = 0;     // index, derive the topology, validate references
  double graph_seconds = 0;     // build the reachability engine's forwarding graph
  double rules_seconds = 0;     // run the selected rules
  double locate_seconds = 0;    // resolve finding locations, sort
  std::vector<std::pair<std::string, double>> per_rule;  // code, seconds
};

struct CheckResult {
  FileTable files;
  std::vector<rules::Finding> findings;  // sorted by (file, line, column, rule, resource)
  CheckSummary summary;
  StageTimings timings;
  // False when nothing could be read: no path existed, or no file held a recognised document.
  bool usable_input = false;
  // The model the findings were computed on, for callers that go on to ask more of it. A
  // short-lived process may also choose not to tear it down (see the CLI).
  std::shared_ptr<const model::Network> network;
  // The derived indexes and the reachability engine's shared answers, kept with the result so
  // that a short-lived process may skip tearing them down too (they can be large).
  std::shared_ptr<const void> analysis;
  // Findings an ignore entry of the configuration or a suppression in the resource's own
  // definition accepts, with its reason: left out of the reports for people, kept in SARIF as
  // suppressed results.
  struct Suppressed {
    rules::Finding finding;
    std::string reason;
    bool in_source = false;  // by the resource's definition (Metadata, netlint:ignore tag)
  };
  std::vector<Suppressed> suppressed;
  // The `.netlint.yaml` that applied (null: none), for what is reported after the check from
  // two versions (the flows `netlint diff` compares, REACH005).
  std::shared_ptr<const config::Config> configuration;
};

// A loaded and indexed model, for commands that ask questions of it (`netlint reach`).
struct LoadedModel {
  FileTable files;
  std::shared_ptr<model::Network> network;
  std::unique_ptr<model::Topology> topology;
  std::unique_ptr<reach::Reachability> reachability;
  std::vector<rules::Finding> input_findings;  // IN001, IN003, IN004 met while loading
  ingest::LoadStats stats;
  double load_seconds = 0;
  double model_seconds = 0;  // index, topology, reference checks
  double graph_seconds = 0;  // reachability graph
};
LoadedModel LoadModel(const std::vector<std::string>& paths,
                      const ingest::LoadOptions& options = {});

// Resolves line and column of sources that carry only a JSON Pointer, reading each file once.
void LocateSources(const std::vector<SourceRef*>& sources, const FileTable& files);

// Locates findings (their source, related entries and path checks) and sorts them in report
// order: (file, line, column, rule, resource, message).
void LocateFindings(std::vector<rules::Finding>& findings, const FileTable& files);

// Returns the rules an option set selects, in code order; fills `unknown` with selectors that
// match no rule.
std::vector<std::string> SelectRuleCodes(const CheckOptions& options,
                                         std::vector<std::string>& unknown);

// Whether a rule is selected: by the options' select and ignore, or the configuration's where the
// options give none. Unlike SelectRuleCodes, this also answers for a rule that compares two
// versions (REACH005), which a check never runs.
bool SelectsRule(const CheckOptions& options, const config::Config* configuration,
                 std::string_view code);

// Runs one rule; an exception becomes an IN002 finding naming the rule, never a crash.
std::vector<rules::Finding> RunRule(const rules::Rule& rule, const rules::AnalysisContext& context);

// Loads, builds the model, runs the selected rules and returns sorted, located findings.
CheckResult RunCheck(const CheckOptions& options);

}  // namespace netlint::engine
