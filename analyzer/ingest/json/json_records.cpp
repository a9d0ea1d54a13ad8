#include "analyzer/ingest/json/json_records.h"

#include "analyzer/base/string_hash.h"
#include "analyzer/ingest/text_decoding.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace netlint::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Describes the byte at a position for messages: 'x' for printable ASCII, else its value.
std::string Describe(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return "the end of the input";
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "byte 0x%02X", c);
  return buffer;
}


void AppendUtf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// The keys of one object, to refuse a key given twice: RFC 8259 leaves the meaning of such an
// object open (readers differ on which value wins), and no tool netlint reads writes one. Small
// objects, nearly all of them, are checked by a scan without allocating; large ones by a set.
class ObjectKeys {
 public:
  // `storage[offset, offset + length)` is the key (storage may grow between calls). False when
  // the key was already seen; then first_pos() is where it first appeared.
  bool Add(const std::string& storage, std::uint32_t offset, std::uint32_t length,
           std::size_t pos) {
    const std::string_view key(storage.data() + offset, length);
    if (many_.empty()) {
      for (std::size_t i = 0; i < few_count_; ++i) {
        const Seen& seen = few_[i];
        if (seen.length == length && std::string_view(storage.data() + seen.offset, length) == key) {
          first_pos_ = seen.pos;
          return false;
        }
      }
      if (few_count_ < few_.size()) {
        few_[few_count_++] = {offset, length, pos};
        return true;
      }
      for (const Seen& seen : few_) {
        many_.emplace(std::string(storage.data() + seen.offset, seen.length), seen.pos);
      }
    }
    const auto [it, inserted] = many_.emplace(std::string(key), pos);
    if (!inserted) first_pos_ = it->second;
    return inserted;
  }
  [[nodiscard]] std::size_t first_pos() const { return first_pos_; }

 private:
  struct Seen {
    std::uint32_t offset;
    std::uint32_t length;
    std::size_t pos;
  };
  std::array<Seen, 16> few_{};
  std::size_t few_count_ = 0;
  std::unordered_map<std::string, std::size_t> many_;
  std::size_t first_pos_ = 0;
};

// A strict RFC 8259 reader that builds JsonArena nodes. It reads the whitespace and tokens
// directly (no token buffer), which is what makes it several times faster than a general
// purpose DOM parser on AWS CLI output, two thirds of which is indentation.
// The object keys of one whole document, each stored once in the arena: a Terraform plan
// repeats a few thousand distinct keys ten million times (a third of its string bytes).
class KeyPool {
 public:
  // `storage` ends with a key that starts at `offset`. When an equal key is pooled, that copy is
  // dropped and the pooled key's offset returned; otherwise the key is pooled (up to a limit,
  // for documents whose keys are data) and `offset` returned.
  std::uint32_t Intern(std::string& storage, std::uint32_t offset) {
    const std::string_view key(storage.data() + offset, storage.size() - offset);
    if (const auto found = offsets_.find(key); found != offsets_.end()) {
      storage.resize(offset);
      return found->second;
    }
    if (offsets_.size() < kMaxKeys) offsets_.emplace(std::string(key), offset);
    return offset;
  }

 private:
  static constexpr std::size_t kMaxKeys = std::size_t{1} << 16;
  std::unordered_map<std::string, std::uint32_t, TransparentStringHash, std::equal_to<>> offsets_;
};

class Reader {
 public:
  Reader(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

  // Stores each distinct object key once (only for a whole document in one arena: a record's
  // arena is cleared for the next record, and the pool with it would point nowhere).
  void PoolKeys() { key_pool_.emplace(); }
  // Calls `passed(bytes behind the parser)` about once a megabyte while reading a value.
  void ReportProgress(std::function<void(std::size_t)> passed) { passed_ = std::move(passed); }

  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] JsonParseError Error() const {
    JsonParseError error;
    error.offset = error_pos_;
    error.message = message_;
    std::tie(error.line, error.column) = LineColumnAt(text_, error_pos_);
    return error;
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }
  [[nodiscard]] bool AtEnd() const { return pos_ >= text_.size(); }
  [[nodiscard]] char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void Advance() { ++pos_; }

  bool Fail(std::size_t pos, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_pos_ = pos;
      message_ = std::move(message);
    }
    return false;
  }
  bool FailDuplicateKey(std::size_t pos, std::size_t first_pos) {
    const auto [line, column] = LineColumnAt(text_, first_pos);
    return Fail(pos, "duplicate key " + std::string(text_.substr(pos, KeyTextLength(pos))) +
                         " in one object (first at line " + std::to_string(line) + ", column " +
                         std::to_string(column) + ")");
  }
  // The length of the quoted key starting at `pos`, as written (escapes kept), at most 80 bytes.
  [[nodiscard]] std::size_t KeyTextLength(std::size_t pos) const {
    std::size_t end = pos + 1;
    while (end < text_.size() && text_[end] != '"' && end - pos < 80) {
      end += text_[end] == '\\' ? 2 : 1;
    }
    return std::min(end + 1, text_.size()) - pos;
  }
  bool FailFound(std::string_view expected) {
    return Fail(pos_, "expected " + std::string(expected) + ", found " + Describe(text_, pos_));
  }

  // Consumes `c` after optional whitespace.
  bool Expect(char c, std::string_view what) {
    SkipSpace();
    if (Peek() != c) return FailFound(what);
    ++pos_;
    return true;
  }

  // Reads a string at pos_ (a '"') and appends its decoded text to `out`.
  bool ReadString(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;
    while (true) {
      // Copy the run of plain characters in one go.
      std::size_t run = pos_;
      while (run < text_.size()) {
        const auto c = static_cast<unsigned char>(text_[run]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++run;
      }
      out.append(text_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= text_.size()) return Fail(start, "string is not closed before the end of the input");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        char buffer[64];
        std::snprintf(buffer, sizeof(buffer), "control character U+%04X in a string", c);
        return Fail(pos_, buffer);
      }
      if (c >= 0x80) {
        const std::size_t length = Utf8Length(text_, pos_);
        if (length == 0) return Fail(pos_, "invalid UTF-8 in a string");
        out.append(text_.data() + pos_, length);
        pos_ += length;
        continue;
      }
      if (!ReadEscape(out)) return false;
    }
  }

  bool ReadEscape(std::string& out) {
    const std::size_t start = pos_;
    if (pos_ + 1 >= text_.size()) return Fail(start, "string is not closed before the end of the input");
    const char kind = text_[pos_ + 1];
    pos_ += 2;
    switch (kind) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return Fail(start, "invalid escape \\" + std::string(1, kind) + " in a string");
    }
    std::uint32_t code = 0;
    if (!ReadHex4(code)) return Fail(start, "invalid \\u escape in a string");
    if (code >= 0xDC00 && code <= 0xDFFF) return Fail(start, "unpaired surrogate in a \\u escape");
    if (code >= 0xD800 && code <= 0xDBFF) {
      std::uint32_t low = 0;
      if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
        return Fail(start, "unpaired surrogate in a \\u escape");
      }
      pos_ += 2;
      if (!ReadHex4(low) || low < 0xDC00 || low > 0xDFFF) {
        return Fail(start, "unpaired surrogate in a \\u escape");
      }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(out, code);
    return true;
  }

  bool ReadHex4(std::uint32_t& code) {
    if (pos_ + 4 > text_.size()) return false;
    const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
    if (ec != std::errc() || end != text_.data() + pos_ + 4) return false;
    pos_ += 4;
    return true;
  }

  bool ReadNumber(JsonArena::Node& node) {
    const std::size_t start = pos_;
    std::size_t p = pos_;
    const auto digit = [&](std::size_t k) { return k < text_.size() && text_[k] >= '0' && text_[k] <= '9'; };
    if (p < text_.size() && text_[p] == '-') ++p;
    if (!digit(p)) return Fail(start, "invalid number");
    if (text_[p] == '0') {
      ++p;
    } else {
      while (digit(p)) ++p;
    }
    bool integral = true;
    if (p < text_.size() && text_[p] == '.') {
      integral = false;
      ++p;
      if (!digit(p)) return Fail(start, "invalid number: digits must follow the decimal point");
      while (digit(p)) ++p;
    }
    if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
      integral = false;
      ++p;
      if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
      if (!digit(p)) return Fail(start, "invalid number: digits must follow the exponent");
      while (digit(p)) ++p;
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + p;
    pos_ = p;
    if (integral) {
      std::int64_t value = 0;
      if (auto [end, ec] = std::from_chars(first, last, value); ec == std::errc() && end == last) {
        node.type = JsonType::kInteger;
        node.value.integer = value;
        return true;
      }
      std::uint64_t unsigned_value = 0;
      if (auto [end, ec] = std::from_chars(first, last, unsigned_value);
          ec == std::errc() && end == last) {
        node.type = JsonType::kUnsigned;
        node.value.unsigned_integer = unsigned_value;
        return true;
      }
    }
    // Fractions, exponents and integers beyond 64 bits are doubles (as in every JSON library).
    double value = 0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (end != last || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
      return Fail(start, "invalid number");
    }
    node.type = JsonType::kFloat;
    node.value.number = value;
    return true;
  }

  bool ReadLiteral(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return FailFound("a value");
    pos_ += literal.size();
    return true;
  }

  // Appends the value at pos_ (whitespace skipped) and its subtree to `arena`, as a member
  // named by (key_offset, key_length) in arena.strings().
  bool ReadValue(JsonArena& arena, std::uint32_t key_offset, std::uint32_t key_length,
                 std::size_t depth) {
    SkipSpace();
    if (passed_ && pos_ >= next_report_) {
      passed_(pos_);
      next_report_ = pos_ + kReportEvery;
    }
    auto& nodes = arena.nodes();
    const auto index = static_cast<std::uint32_t>(nodes.size());
    nodes.emplace_back();
    nodes[index].key_offset = key_offset;
    nodes[index].key_length = key_length;
    const char c = Peek();
    bool ok = true;
    if (c == '{') {
      ok = ReadObject(arena, index, depth + 1);
    } else if (c == '[') {
      ok = ReadArray(arena, index, depth + 1);
    } else if (c == '"') {
      std::string& strings = arena.strings();
      const auto offset = static_cast<std::uint32_t>(strings.size());
      ok = ReadString(strings);
      nodes[index].type = JsonType::kString;
      nodes[index].value.text = {offset, static_cast<std::uint32_t>(strings.size() - offset)};
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = ReadNumber(nodes[index]);
    } else if (c == 't') {
      ok = ReadLiteral("true");
      nodes[index].type = JsonType::kBool;
      nodes[index].boolean = true;
    } else if (c == 'f') {
      ok = ReadLiteral("false");
      nodes[index].type = JsonType::kBool;
    } else if (c == 'n') {
      ok = ReadLiteral("null");
    } else {
      ok = FailFound("a value");
    }
    nodes[index].end = static_cast<std::uint32_t>(nodes.size());
    return ok;
  }

  bool CheckDepth(std::size_t depth) {
    if (depth > max_depth_) {
      return Fail(pos_, "nesting deeper than " + std::to_string(max_depth_) + " levels");
    }
    return true;
  }

  bool ReadObject(JsonArena& arena, std::uint32_t index, std::size_t depth) {
    if (!CheckDepth(depth)) return false;
    arena.nodes()[index].type = JsonType::kObject;
    ++pos_;  // '{'
    SkipSpace();
    std::uint32_t count = 0;
    ObjectKeys keys;
    if (Peek() == '}') {
      ++pos_;
    } else {
      while (true) {
        SkipSpace();
        if (Peek() != '"') return FailFound("'\"' to start an object key");
        std::string& strings = arena.strings();
        auto key_offset = static_cast<std::uint32_t>(strings.size());
        const std::size_t key_pos = pos_;
        if (!ReadString(strings)) return false;
        const auto key_length = static_cast<std::uint32_t>(strings.size() - key_offset);
        if (key_pool_) key_offset = key_pool_->Intern(strings, key_offset);
        if (!keys.Add(strings, key_offset, key_length, key_pos)) {
          return FailDuplicateKey(key_pos, keys.first_pos());
        }
        if (!Expect(':', "':' after an object key")) return false;
        if (!ReadValue(arena, key_offset, key_length, depth)) return false;
        ++count;
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (Peek() == '}') {
          ++pos_;
          break;
        }
        return FailFound("',' or '}' after an object member");
      }
    }
    arena.nodes()[index].count = count;
    return true;
  }

  bool ReadArray(JsonArena& arena, std::uint32_t index, std::size_t depth) {
    if (!CheckDepth(depth)) return false;
    arena.nodes()[index].type = JsonType::kArray;
    ++pos_;  // '['
    SkipSpace();
    std::uint32_t count = 0;
    if (Peek() == ']') {
      ++pos_;
    } else {
      while (true) {
        if (!ReadValue(arena, 0, 0, depth)) return false;
        ++count;
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (Peek() == ']') {
          ++pos_;
          break;
        }
        return FailFound("',' or ']' after an array element");
      }
    }
    arena.nodes()[index].count = count;
    return true;
  }

  bool ExpectEndOfDocument() {
    SkipSpace();
    if (!AtEnd()) return Fail(pos_, "unexpected " + Describe(text_, pos_) + " after the end of the document");
    return true;
  }

  // Streams the document; see StreamJsonRecords.
  bool Stream(RecordConsumer& consumer) {
    JsonArena remainder;
    JsonArena record;
    SkipSpace();
    if (Peek() == '[') {
      ++pos_;
      if (!StreamElements(consumer, "", record)) return false;
      if (!ExpectEndOfDocument()) return false;
      remainder.nodes().emplace_back();
      remainder.nodes()[0].type = JsonType::kObject;
      remainder.nodes()[0].end = 1;
      consumer.OnRemainder(remainder.Root());
      return true;
    }
    if (Peek() != '{') {
      if (!ReadValue(remainder, 0, 0, 0) || !ExpectEndOfDocument()) return false;
      consumer.OnRemainder(remainder.Root());
      return true;
    }
    ++pos_;
    remainder.nodes().emplace_back();
    remainder.nodes()[0].type = JsonType::kObject;
    std::uint32_t members = 0;
    std::string key;
    ObjectKeys top_keys;
    std::string top_key_text;
    SkipSpace();
    if (Peek() == '}') {
      ++pos_;
    } else {
      while (true) {
        SkipSpace();
        if (Peek() != '"') return FailFound("'\"' to start an object key");
        key.clear();
        const std::size_t key_pos = pos_;
        if (!ReadString(key)) return false;
        const auto top_offset = static_cast<std::uint32_t>(top_key_text.size());
        top_key_text += key;
        if (!top_keys.Add(top_key_text, top_offset, static_cast<std::uint32_t>(key.size()), key_pos)) {
          return FailDuplicateKey(key_pos, top_keys.first_pos());
        }
        if (!Expect(':', "':' after an object key")) return false;
        SkipSpace();
        if (Peek() == '[' && consumer.StreamMember(key)) {
          ++pos_;
          if (!StreamElements(consumer, key, record)) return false;
        } else {
          std::string& strings = remainder.strings();
          const auto key_offset = static_cast<std::uint32_t>(strings.size());
          strings += key;
          if (!ReadValue(remainder, key_offset, static_cast<std::uint32_t>(key.size()), 1)) {
            return false;
          }
          ++members;
        }
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (Peek() == '}') {
          ++pos_;
          break;
        }
        return FailFound("',' or '}' after an object member");
      }
    }
    remainder.nodes()[0].count = members;
    remainder.nodes()[0].end = static_cast<std::uint32_t>(remainder.nodes().size());
    if (!ExpectEndOfDocument()) return false;
    consumer.OnRemainder(remainder.Root());
    return true;
  }

  // After a streamed member's '[': each element is read into `record` (reused) and delivered.
  bool StreamElements(RecordConsumer& consumer, std::string_view key, JsonArena& record) {
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      return true;
    }
    std::size_t index = 0;
    while (true) {
      record.Clear();
      SkipSpace();
      const std::size_t begin = pos_;
      if (!ReadValue(record, 0, 0, 1)) return false;
      consumer.OnRecord(key, index, record.Root());
      consumer.OnRecordSpan(key, index++, begin, pos_);
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ']') {
        ++pos_;
        return true;
      }
      return FailFound("',' or ']' after an array element");
    }
  }

 private:
  std::string_view text_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  std::size_t error_pos_ = 0;
  std::string message_;
  std::optional<KeyPool> key_pool_;
  static constexpr std::size_t kReportEvery = std::size_t{1} << 20;
  std::function<void(std::size_t)> passed_;
  std::size_t next_report_ = kReportEvery;
};

}  // namespace

std::pair<std::uint32_t, std::uint32_t> LineColumnAt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<std::uint32_t>(offset - line_start + 1)};
}

std::optional<JsonParseError> StreamJsonRecords(std::string_view text, RecordConsumer& consumer,
                                                std::size_t max_depth) {
  Reader reader(text, max_depth);
  if (reader.Stream(consumer)) return std::nullopt;
  return reader.Error();
}

std::optional<JsonParseError> ParseJson(std::string_view text, JsonArena& arena,
                                        std::size_t max_depth,
                                        const std::function<void(std::size_t)>& passed) {
  arena.Clear();
  // Room for the nodes of a document as dense as a Terraform plan (about one per 23 bytes):
  // filling it never moves the tree, which doubling a vector of hundreds of megabytes would do
  // with both copies resident. Room never filled is never touched, so it costs no memory.
  arena.nodes().reserve(text.size() / 16);
  Reader reader(text, max_depth);
  reader.PoolKeys();
  if (passed) reader.ReportProgress(passed);
  if (reader.ReadValue(arena, 0, 0, 0) && reader.ExpectEndOfDocument()) return std::nullopt;
  return reader.Error();
}

}  // namespace netlint::ingest
