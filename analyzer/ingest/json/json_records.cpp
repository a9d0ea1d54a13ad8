#include "analyzer/ingest/json/json_records.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace netlint::ingest {
namespace {

using nlohmann::json;

// Builds one JSON value from SAX events (the same technique as nlohmann's DOM parser, but for
// one record at a time).
class ValueBuilder {
 public:
  [[nodiscard]] bool active() const { return active_; }

  void Begin() {
    root_ = json();
    stack_.clear();
    active_ = true;
  }

  // Places a scalar or opens a container. Returns true when the value is complete (a scalar at
  // the root level, which only happens if Begin() was followed by a scalar).
  void Scalar(json value) { Place(std::move(value)); }
  void Open(json container) {
    json* placed = Place(std::move(container));
    stack_.push_back(placed);
  }
  // Closes the innermost container; returns true when that finished the root value.
  bool Close() {
    stack_.pop_back();
    return stack_.empty();
  }
  void Key(std::string key) { key_ = std::move(key); }

  json Finish() {
    active_ = false;
    stack_.clear();
    return std::move(root_);
  }

 private:
  json* Place(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool active_ = false;
  json root_;
  std::vector<json*> stack_;
  std::string key_;
};

class RecordSax {
 public:
  RecordSax(RecordConsumer& consumer, std::size_t max_depth)
      : consumer_(consumer), max_depth_(max_depth) {}

  bool null() { return Scalar(json(nullptr)); }
  bool boolean(bool value) { return Scalar(json(value)); }
  bool number_integer(json::number_integer_t value) { return Scalar(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return Scalar(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
    return Scalar(json(value));
  }
  bool string(json::string_t& value) { return Scalar(json(std::move(value))); }
  bool binary(json::binary_t& /*value*/) { return true; }  // not produced by the JSON lexer

  bool key(json::string_t& value) {
    if (builder_.active()) {
      builder_.Key(std::move(value));
    } else if (depth_ == 1) {
      member_key_ = std::move(value);
    }
    return true;
  }

  bool start_object(std::size_t /*size*/) { return Open(json::object()); }
  bool start_array(std::size_t /*size*/) {
    if (!builder_.active() && depth_ == 1 && top_is_object_) {
      ++depth_;
      if (consumer_.StreamMember(member_key_)) {
        streaming_ = true;
        element_index_ = 0;
        return true;
      }
      BeginValue(Target::kRemainderMember);
      builder_.Open(json::array());
      return true;
    }
    return Open(json::array());
  }
  bool end_object() { return Close(); }
  bool end_array() {
    if (!builder_.active() && streaming_ && depth_ == 2) {
      streaming_ = false;
      --depth_;
      return true;
    }
    return Close();
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    error_offset_ = position;
    error_message_ = error.what();
    return false;
  }

  [[nodiscard]] bool depth_exceeded() const { return depth_exceeded_; }
  [[nodiscard]] std::size_t error_offset() const { return error_offset_; }
  [[nodiscard]] const std::string& error_message() const { return error_message_; }
  json TakeRemainder() { return std::move(remainder_); }

 private:
  enum class Target { kRecord, kRemainderMember, kTopLevel };

  void BeginValue(Target target) {
    target_ = target;
    builder_.Begin();
  }

  void Deliver() {
    json value = builder_.Finish();
    switch (target_) {
      case Target::kRecord:
        consumer_.OnRecord(top_is_object_ ? std::string_view(member_key_) : std::string_view(),
                           element_index_++, std::move(value));
        break;
      case Target::kRemainderMember:
        remainder_[member_key_] = std::move(value);
        break;
      case Target::kTopLevel:
        remainder_ = std::move(value);
        break;
    }
  }

  // Where a value that starts now belongs, when no builder is running.
  Target TargetHere() const {
    if (depth_ == 0) return Target::kTopLevel;
    if (depth_ == 1 && top_is_object_) return Target::kRemainderMember;
    return Target::kRecord;  // element of a streamed member, or of a top-level array
  }

  bool Scalar(json value) {
    if (builder_.active()) {
      builder_.Scalar(std::move(value));
      return true;
    }
    BeginValue(TargetHere());
    builder_.Scalar(std::move(value));
    Deliver();
    return true;
  }

  bool Open(json container) {
    if (depth_ + 1 > max_depth_) {
      depth_exceeded_ = true;
      return false;
    }
    if (!builder_.active()) {
      if (depth_ == 0) {
        // The document itself: its members (or elements) are dispatched individually.
        top_is_object_ = container.is_object();
        depth_ = 1;
        return true;
      }
      BeginValue(TargetHere());
    }
    builder_.Open(std::move(container));
    ++depth_;
    return true;
  }

  bool Close() {
    --depth_;
    if (builder_.active()) {
      if (builder_.Close()) Deliver();
    }
    return true;
  }

  RecordConsumer& consumer_;
  std::size_t max_depth_;
  ValueBuilder builder_;
  Target target_ = Target::kRecord;
  std::size_t depth_ = 0;
  bool top_is_object_ = false;
  bool streaming_ = false;
  std::string member_key_;
  std::size_t element_index_ = 0;
  json remainder_ = json::object();
  bool depth_exceeded_ = false;
  std::size_t error_offset_ = 0;
  std::string error_message_;
};

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 2:
// syntax error while parsing value - ...". The location is reported separately, so keep the
// part after the location.
std::string CleanParseMessage(const std::string& what) {
  std::string_view text(what);
  if (auto pos = text.find(": syntax error"); pos != std::string_view::npos) {
    text.remove_prefix(pos + 2);
  } else if (auto close = text.find("] "); close != std::string_view::npos) {
    text.remove_prefix(close + 2);
  }
  return std::string(text);
}

}  // namespace

void CompactJsonWhitespace(std::string& text) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  auto is_structural = [](char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == '"';
  };
  char* const begin = text.data();
  const char* in = begin;
  const char* const end = begin + text.size();
  char* out = begin;
  while (in < end) {
    const char c = *in;
    if (c == '"') {
      // Copy the whole string, escapes included.
      *out++ = *in++;
      while (in < end) {
        const char d = *in++;
        *out++ = d;
        if (d == '\\') {
          if (in < end) *out++ = *in++;
        } else if (d == '"') {
          break;
        }
      }
    } else if (is_space(c)) {
      const char* next = in + 1;
      while (next < end && is_space(*next)) ++next;
      if (out > begin && next < end && !is_structural(out[-1]) && !is_structural(*next)) {
        *out++ = ' ';
      }
      in = next;
    } else {
      *out++ = *in++;
    }
  }
  text.resize(static_cast<std::size_t>(out - begin));
}

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
  RecordSax sax(consumer, max_depth);
  const bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (ok) {
    consumer.OnRemainder(sax.TakeRemainder());
    return std::nullopt;
  }
  JsonParseError error;
  if (sax.depth_exceeded()) {
    // The parser stopped at the container that went too deep; locate it by scanning.
    std::size_t depth = 0;
    bool in_string = false;
    std::size_t offset = 0;
    for (; offset < text.size(); ++offset) {
      const char c = text[offset];
      if (in_string) {
        if (c == '\\') {
          ++offset;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        if (++depth > max_depth) break;
      } else if (c == '}' || c == ']') {
        --depth;
      }
    }
    error.offset = offset;
    error.message = "nesting deeper than " + std::to_string(max_depth) + " levels";
  } else {
    // nlohmann reports the count of characters read; the offending one is the last of them.
    error.offset = sax.error_offset() > 0 ? sax.error_offset() - 1 : 0;
    error.message = CleanParseMessage(sax.error_message());
  }
  std::tie(error.line, error.column) = LineColumnAt(text, error.offset);
  return error;
}

}  // namespace netlint::ingest
