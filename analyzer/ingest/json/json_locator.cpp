#include "analyzer/ingest/json/json_locator.h"

#include <algorithm>
#include <charconv>

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

JsonLocator::JsonLocator(std::string text) : text_(std::move(text)) {}

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

const std::vector<std::size_t>& JsonLocator::ElementOffsets(std::size_t array_pos) {
  auto [it, inserted] = element_offsets_.try_emplace(array_pos);
  if (!inserted) return it->second;
  std::vector<std::size_t>& offsets = it->second;
  std::size_t pos = SkipSpace(array_pos + 1);
  if (pos < text_.size() && text_[pos] == ']') return offsets;
  while (pos < text_.size()) {
    pos = SkipSpace(pos);
    offsets.push_back(pos);
    pos = SkipValue(pos);
    if (pos == kNpos) break;
    pos = SkipSpace(pos);
    if (pos >= text_.size() || text_[pos] != ',') break;
    ++pos;
  }
  return offsets;
}

std::size_t JsonLocator::Child(std::size_t pos, const std::string& token) const {
  if (text_[pos] != '{') return kNpos;
  pos = SkipSpace(pos + 1);
  while (pos < text_.size() && text_[pos] == '"') {
    std::string key;
    pos = ScanString(pos, &key);
    if (pos == kNpos) return kNpos;
    pos = SkipSpace(pos);
    if (pos >= text_.size() || text_[pos] != ':') return kNpos;
    pos = SkipSpace(pos + 1);
    if (key == token) return pos;
    pos = SkipValue(pos);
    if (pos == kNpos) return kNpos;
    pos = SkipSpace(pos);
    if (pos >= text_.size() || text_[pos] != ',') return kNpos;
    pos = SkipSpace(pos + 1);
  }
  return kNpos;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> JsonLocator::Locate(
    std::string_view pointer) {
  std::size_t pos = SkipSpace(0);
  if (pos >= text_.size()) return std::nullopt;
  for (const std::string& token : SplitPointer(pointer)) {
    std::size_t next = kNpos;
    if (text_[pos] == '[') {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec == std::errc() && end == token.data() + token.size()) {
        const std::vector<std::size_t>& offsets = ElementOffsets(pos);
        if (index < offsets.size()) next = offsets[index];
      }
    } else {
      next = Child(pos, token);
    }
    if (next == kNpos || next >= text_.size()) break;  // nearest existing ancestor
    pos = next;
  }
  return LineColumn(pos);
}

std::pair<std::uint32_t, std::uint32_t> JsonLocator::LineColumn(std::size_t offset) {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin());
  return {static_cast<std::uint32_t>(line),
          static_cast<std::uint32_t>(offset - line_starts_[line - 1] + 1)};
}

}  // namespace netlint::ingest
