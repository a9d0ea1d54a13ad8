#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netlint::ingest {

// Turns a JSON Pointer into the line and column where that value starts, for reports. Loading
// never tracks positions (it streams); a finding's location is resolved here afterwards, only
// for the findings that need it. Array elements and object members are indexed as lookups reach
// them, so many lookups in one large file cost about one scan of it.
class JsonLocator {
 public:
  explicit JsonLocator(std::string text);
  // Locates in `text` without a copy of it; the caller keeps it alive (a mapped file).
  static JsonLocator Over(std::string_view text) { return JsonLocator(Borrowed{}, text); }
  // The view of the text would not follow a moved or copied string.
  JsonLocator(const JsonLocator&) = delete;
  JsonLocator& operator=(const JsonLocator&) = delete;

  // 1-based (line, column) of the value `pointer` names, or of its nearest existing ancestor.
  // Empty when the text is not JSON enough to walk.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> Locate(std::string_view pointer);

  // Byte offset of the value `pointer` names (or of its nearest existing ancestor).
  std::optional<std::size_t> Offset(std::string_view pointer);
  // (line, column) of many offsets at once, in one pass over the text.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> LineColumns(
      const std::vector<std::size_t>& offsets) const;

 private:
  std::size_t SkipSpace(std::size_t pos) const;
  // pos at '"'; returns the position after the closing quote, or npos. Decodes into `out` when
  // given (simple escapes; \u sequences are kept verbatim, which pointer tokens never need).
  std::size_t ScanString(std::size_t pos, std::string* out) const;
  // Whether the string at `pos` (a '"') spells `token`; `end` receives the position after it.
  bool StringEquals(std::size_t pos, const std::string& token, std::size_t& end) const;
  // Position of element `index` of the array at `array_pos`, or npos.
  std::size_t Element(std::size_t array_pos, std::size_t index);
  std::size_t SkipValue(std::size_t pos) const;
  // Position of the member named by `token` of the object at `object_pos`, or npos.
  std::size_t Child(std::size_t object_pos, const std::string& token);
  std::size_t FindChild(std::size_t object_pos, const std::string& token) const;

  struct ElementIndex {
    std::vector<std::size_t> offsets;
    std::size_t resume = 0;  // where indexing goes on
    bool complete = false;
  };
  struct Borrowed {};
  JsonLocator(Borrowed /*unused*/, std::string_view text) : text_(text) {}

  std::string owned_;
  std::string_view text_;
  std::map<std::size_t, ElementIndex> element_offsets_;  // by the array's position
  std::map<std::pair<std::size_t, std::string>, std::size_t> member_offsets_;
};

}  // namespace netlint::ingest
