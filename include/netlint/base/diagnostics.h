#pragma once

#include <string>
#include <vector>

#include "netlint/base/severity.h"
#include "netlint/base/source.h"

namespace netlint {

// Problems with the input itself (IN001 unreadable file, IN003 dangling reference, IN004 value
// that cannot be interpreted). They are reported as findings so that SARIF, JSON and exit codes
// treat them like any other rule.
struct Diagnostic {
  std::string code;      // "IN001", "IN003", "IN004"
  Severity severity = Severity::kWarning;
  std::string resource;  // the resource the problem belongs to, or empty
  std::string message;
  SourceRef source;
};

class DiagnosticSink {
 public:
  void Report(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }
  void Report(std::string code, Severity severity, std::string resource, std::string message,
              SourceRef source) {
    diagnostics_.push_back(
        {std::move(code), severity, std::move(resource), std::move(message), std::move(source)});
  }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic> Take() { return std::move(diagnostics_); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace netlint
