#include "netlint/report/fingerprint.h"

#include <cstdint>

namespace netlint::report {

std::string FindingFingerprint(const rules::Finding& finding, std::string_view file) {
  std::uint64_t hash = 14695981039346656037ULL;
  auto mix = [&](std::string_view part) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // a separator, so ("ab", "c") and ("a", "bc") differ
    hash *= 1099511628211ULL;
  };
  mix(finding.rule);
  mix(finding.resource_kind);
  mix(finding.resource);
  mix(finding.source.pointer);
  mix(finding.key);
  mix(file);
  if (finding.resource.empty()) mix(finding.message);  // notes about the input as a whole
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = kHex[hash & 0xf];
    hash >>= 4;
  }
  return text;
}

}  // namespace netlint::report
