#pragma once

// `.netlint.yaml`: which rules run, at what severity, with which options, and which findings a
// team has accepted (with a reason, until a date). Looked up from the working folder upwards,
// or given with --config; command-line flags override it.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netlint/base/diagnostics.h"
#include "netlint/base/severity.h"
#include "netlint/base/source.h"
#include "netlint/config/policy.h"

namespace netlint::config {

// A finding a team accepts: `rule` (a code or prefix) on `resource` (an id or name; empty: every
// resource), for `reason`, until `expires` (YYYY-MM-DD; empty: no end).
struct IgnoreEntry {
  std::string rule;
  std::string resource;
  std::string reason;
  std::string expires;
  SourceRef source;
};

struct Config {
  std::string path;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::map<std::string, Severity, std::less<>> severity;  // rule code -> severity
  // rule code -> option name -> value as written ("22, 3389")
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> options;
  std::vector<IgnoreEntry> ignores;
  std::vector<Policy> policies;
};

// The nearest `.netlint.yaml` in `start` or a folder above it, or empty.
std::filesystem::path FindConfig(const std::filesystem::path& start);

// Reads a configuration file. Unknown keys, values of the wrong type, unknown rule codes and
// option names, ignore entries without a reason and malformed policies are reported to `diagnostics` as IN004 with
// the file, line and column; what is right still applies. Returns nothing when the file cannot
// be read or is not YAML (reported as IN001).
std::optional<Config> LoadConfig(const std::string& path, FileTable& files,
                                 DiagnosticSink& diagnostics);

// Today as YYYY-MM-DD (UTC), for expiry.
std::string Today();

}  // namespace netlint::config
