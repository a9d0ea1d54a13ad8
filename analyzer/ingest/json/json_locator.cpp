#include "analyzer/ingest/json/json_locator.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace netlint::ingest {
namespace {

constexpr std::size_t kNpos = std::string::npos;

std::vector<std::string> SplitPointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  pointer.remove_prefix(1);  // leading '/'
  while (true) {
    const std::size_t slash = pointer.find('/');
    std::string_view raw = pointer.substr(0, slash);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size()) {
        token += raw[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (slash == std::string_view::npos) break;
    pointer.remove_prefix(slash + 1);
  }
  return tokens;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

JsonLocator::JsonLocator(std::string text) : owned_(std::move(text)), text_(owned_) {}

std::size_t JsonLocator::SkipSpace(std::size_t pos) const {
  while (pos < text_.size() && IsSpace(text_[pos])) ++pos;
  return pos;
}

std::size_t JsonLocator::ScanString(std::size_t pos, std::string* out) const {
  if (pos >= text_.size() || text_[pos] != '"') return kNpos;
  for (++pos; pos < text_.size(); ++pos) {
    const char c = text_[pos];
    if (c == '"') return pos + 1;
    if (c == '\\') {
      if (++pos >= text_.size()) return kNpos;
      if (out != nullptr) {
        switch (text_[pos]) {
          case 'n': *out += '\n'; break;
          case 't': *out += '\t'; break;
          case 'r': *out += '\r'; break;
          case 'b': *out += '\b'; break;
          case 'f': *out += '\f'; break;
          case 'u': *out += "\\u"; break;
          default: *out += text_[pos]; break;
        }
      }
    } else if (out != nullptr) {
      *out += c;
    }
  }
  return kNpos;
}

std::size_t JsonLocator::SkipValue(std::size_t pos) const {
  pos = SkipSpace(pos);
  if (pos >= text_.size()) return kNpos;
  const char c = text_[pos];
  if (c == '"') return ScanString(pos, nullptr);
  if (c != '{' && c != '[') {
    while (pos < text_.size() && text_[pos] != ',' && text_[pos] != '}' && text_[pos] != ']' &&
           !IsSpace(text_[pos])) {
      ++pos;
    }
    return pos;
  }
  std::size_t depth = 0;
  for (; pos < text_.size(); ++pos) {
    const char d = text_[pos];
    if (d == '"') {
      pos = ScanString(pos, nullptr);
      if (pos == kNpos) return kNpos;
      --pos;
    } else if (d == '{' || d == '[') {
      ++depth;
    } else if (d == '}' || d == ']') {
      if (--depth == 0) return pos + 1;
    }
  }
  return kNpos;
}

std::size_t JsonLocator::Element(std::size_t array_pos, std::size_t index) {
  // Offsets are indexed lazily, only as far as the largest index asked for: one lookup near
  // the start of a 100 MB file does not pay for scanning all of it, and many lookups in one
  // large array (top-level describe lists, a plan's modules and resources) scan it once.
  auto [it, inserted] = element_offsets_.try_emplace(array_pos);
  ElementIndex& elements = it->second;
  if (inserted) {
    elements.resume = SkipSpace(array_pos + 1);
    elements.complete = elements.resume >= text_.size() || text_[elements.resume] == ']';
  }
  while (!elements.complete && elements.offsets.size() <= index) {
    std::size_t pos = SkipSpace(elements.resume);
    elements.offsets.push_back(pos);
    pos = SkipValue(pos);
    if (pos != kNpos) pos = SkipSpace(pos);
    if (pos == kNpos || pos >= text_.size() || text_[pos] != ',') {
      elements.complete = true;
      break;
    }
    elements.resume = pos + 1;
  }
  return index < elements.offsets.size() ? elements.offsets[index] : kNpos;
}

bool JsonLocator::StringEquals(std::size_t pos, const std::string& token,
                               std::size_t& end) const {
  // Fast path: compare the raw bytes; keys with escapes are decoded.
  const std::size_t close = text_.find_first_of("\"\\", pos + 1);
  if (close != std::string::npos && text_[close] == '"') {
    end = close + 1;
    return text_.substr(pos + 1, close - pos - 1) == token;
  }
  std::string key;
  end = ScanString(pos, &key);
  return end != kNpos && key == token;
}

std::size_t JsonLocator::Child(std::size_t object_pos, const std::string& token) {
  // Members found before are remembered: reaching a late member of a large object (a plan's
  // resource_changes after its planned_values) skips the members before it only once.
  const auto key = std::make_pair(object_pos, token);
  if (const auto found = member_offsets_.find(key); found != member_offsets_.end()) {
    return found->second;
  }
  const std::size_t member = FindChild(object_pos, token);
  member_offsets_.emplace(key, member);
  return member;
}

std::size_t JsonLocator::FindChild(std::size_t pos, const std::string& token) const {
  if (text_[pos] != '{') return kNpos;
  pos = SkipSpace(pos + 1);
  while (pos < text_.size() && text_[pos] == '"') {
    std::size_t after_key = kNpos;
    const bool match = StringEquals(pos, token, after_key);
    pos = after_key;
    if (pos == kNpos) return kNpos;
    pos = SkipSpace(pos);
    if (pos >= text_.size() || text_[pos] != ':') return kNpos;
    pos = SkipSpace(pos + 1);
    if (match) return pos;
    pos = SkipValue(pos);
    if (pos == kNpos) return kNpos;
    pos = SkipSpace(pos);
    if (pos >= text_.size() || text_[pos] != ',') return kNpos;
    pos = SkipSpace(pos + 1);
  }
  return kNpos;
}

std::optional<std::size_t> JsonLocator::Offset(std::string_view pointer) {
  std::size_t pos = SkipSpace(0);
  if (pos >= text_.size()) return std::nullopt;
  for (const std::string& token : SplitPointer(pointer)) {
    std::size_t next = kNpos;
    if (text_[pos] == '[') {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec == std::errc() && end == token.data() + token.size()) next = Element(pos, index);
    } else {
      next = Child(pos, token);
    }
    if (next == kNpos || next >= text_.size()) break;  // nearest existing ancestor
    pos = next;
  }
  return pos;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> JsonLocator::Locate(
    std::string_view pointer) {
  const std::optional<std::size_t> offset = Offset(pointer);
  if (!offset) return std::nullopt;
  return LineColumns({*offset}).front();
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> JsonLocator::LineColumns(
    const std::vector<std::size_t>& offsets) const {
  std::vector<std::size_t> order(offsets.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  std::vector<std::pair<std::uint32_t, std::uint32_t>> positions(offsets.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  std::size_t scanned = 0;
  for (std::size_t index : order) {
    const std::size_t offset = std::min(offsets[index], text_.size());
    // Count newlines between the previous offset and this one with memchr's speed.
    const char* cursor = text_.data() + scanned;
    const char* const end = text_.data() + offset;
    while (cursor < end) {
      const void* found = std::memchr(cursor, '\n', static_cast<std::size_t>(end - cursor));
      if (found == nullptr) break;
      ++line;
      cursor = static_cast<const char*>(found) + 1;
      line_start = static_cast<std::size_t>(cursor - text_.data());
    }
    scanned = offset;
    positions[index] = {line, static_cast<std::uint32_t>(offset - line_start + 1)};
  }
  return positions;
}

}  // namespace netlint::ingest
