#include "netlint/base/severity.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace netlint {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "error") return Severity::kError;
  if (lower == "warning") return Severity::kWarning;
  if (lower == "note" || lower == "info") return Severity::kNote;
  return std::nullopt;
}

}  // namespace netlint
