#include "analyzer/ingest/scope_from_path.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

namespace netlint::ingest {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool AllLower(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c); });
}

}  // namespace

bool LooksLikeRegion(std::string_view text) {
  // <area>[-gov|-iso...]-<direction>-<digit>: two or more dash-separated lower-case words and
  // a final number. The first word is a two-letter area code.
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = text.find('-', start);
    parts.push_back(text.substr(start, dash == std::string_view::npos ? dash : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() < 3 || parts.size() > 4) return false;
  if (parts.front().size() != 2 || !AllLower(parts.front())) return false;
  if (!AllDigits(parts.back()) || parts.back().size() > 2) return false;
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    if (!AllLower(parts[i])) return false;
  }
  return true;
}

model::Scope ScopeFromPath(std::string_view path) {
  model::Scope scope;
  std::vector<std::string> components;
  for (const auto& part : std::filesystem::path(std::string(path))) {
    components.push_back(part.string());
  }
  for (std::size_t i = 0; i < components.size(); ++i) {
    const std::string& part = components[i];
    const bool is_last = i + 1 == components.size();
    if (!is_last && (part == "accounts" || part == "account-data") &&
        i + 2 < components.size()) {
      scope.account = components[i + 1];
    } else if (!is_last && part.size() == 12 && AllDigits(part)) {
      scope.account = part;
    } else if (!is_last && LooksLikeRegion(part)) {
      scope.region = part;
    }
  }
  if (scope.region.empty() && !components.empty()) {
    // Batfish's `<Api>-<region>.json`: the region is the file stem's last three or four words.
    const std::string stem = std::filesystem::path(components.back()).stem().string();
    for (int words = 3; words <= 4 && scope.region.empty(); ++words) {
      std::size_t pos = stem.size();
      for (int w = 0; w < words && pos != std::string::npos; ++w) {
        pos = pos == 0 ? std::string::npos : stem.rfind('-', pos - 1);
      }
      if (pos != std::string::npos && LooksLikeRegion(stem.substr(pos + 1))) {
        scope.region = stem.substr(pos + 1);
      }
    }
  }
  return scope;
}

}  // namespace netlint::ingest
