#include "analyzer/report/json_writer.h"

#include <array>
#include <cstdint>

namespace netlint::report {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t min = 0;
  std::uint32_t code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    min = 0x80;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    min = 0x800;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    min = 0x10000;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

void JsonWriter::WriteString(std::ostream& out, std::string_view text) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  out.put('"');
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out << "\xEF\xBF\xBD";  // U+FFFD replacement character
        ++i;
      } else {
        out.write(text.data() + i, static_cast<std::streamsize>(length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\b': out << "\\b"; break;
      case '\f': out << "\\f"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (c < 0x20) {
          out << "\\u00" << kHex[c >> 4] << kHex[c & 0xF];
        } else {
          out.put(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.put('"');
}

void JsonWriter::Indent(std::size_t depth) {
  out_.put('\n');
  for (std::size_t i = 0; i < depth * 2; ++i) out_.put(' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_elements_.empty()) return;
  if (has_elements_.back()) out_.put(',');
  has_elements_.back() = true;
  Indent(has_elements_.size());
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  WriteString(out_, key);
  out_ << ": ";
  after_key_ = true;
}

void JsonWriter::OpenContainer(char open) {
  BeforeValue();
  out_.put(open);
  has_elements_.push_back(false);
}

void JsonWriter::CloseContainer(char close) {
  const bool had_elements = has_elements_.back();
  has_elements_.pop_back();
  if (had_elements) Indent(has_elements_.size());
  out_.put(close);
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  WriteString(out_, value);
}

void JsonWriter::Number(long long value) {
  BeforeValue();
  out_ << value;
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ << (value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_ << "null";
}

}  // namespace netlint::report
