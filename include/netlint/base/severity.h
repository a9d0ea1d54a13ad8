#pragma once

#include <optional>
#include <string_view>

namespace netlint {

// Ordered from least to most severe so that `a >= b` reads as "at least as severe".
// The names match SARIF's result levels (note, warning, error).
enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity severity);

// Accepts "error", "warning", "note" and the alias "info" (case-insensitive).
std::optional<Severity> ParseSeverity(std::string_view text);

}  // namespace netlint
