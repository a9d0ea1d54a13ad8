#include "analyzer/ingest/json/json_value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace netlint::ingest {
namespace {

void DumpString(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void DumpValue(const JsonValue& value, std::string& out) {
  switch (value.type()) {
    case JsonType::kNull: out += "null"; break;
    case JsonType::kBool: out += value.boolean() ? "true" : "false"; break;
    case JsonType::kInteger: out += std::to_string(value.integer()); break;
    case JsonType::kUnsigned: out += std::to_string(value.unsigned_integer()); break;
    case JsonType::kFloat: {
      char buffer[32];
      const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value.number());
      out.append(buffer, result.ptr);
      break;
    }
    case JsonType::kString: DumpString(value.string(), out); break;
    case JsonType::kArray: {
      out += '[';
      bool first = true;
      for (const JsonValue element : value) {
        if (!first) out += ',';
        first = false;
        DumpValue(element, out);
      }
      out += ']';
      break;
    }
    case JsonType::kObject: {
      out += '{';
      bool first = true;
      for (const JsonValue member : value) {
        if (!first) out += ',';
        first = false;
        DumpString(member.key(), out);
        out += ':';
        DumpValue(member, out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

JsonType JsonValue::type() const { return arena_->nodes()[index_].type; }

bool JsonValue::boolean() const { return arena_->nodes()[index_].boolean; }

std::int64_t JsonValue::integer() const {
  const JsonArena::Node& node = arena_->nodes()[index_];
  if (node.type == JsonType::kInteger) return node.value.integer;
  if (node.type == JsonType::kUnsigned) return static_cast<std::int64_t>(node.value.unsigned_integer);
  if (node.type == JsonType::kFloat) return static_cast<std::int64_t>(node.value.number);
  return 0;
}

std::uint64_t JsonValue::unsigned_integer() const {
  const JsonArena::Node& node = arena_->nodes()[index_];
  if (node.type == JsonType::kUnsigned) return node.value.unsigned_integer;
  return static_cast<std::uint64_t>(integer());
}

double JsonValue::number() const {
  const JsonArena::Node& node = arena_->nodes()[index_];
  switch (node.type) {
    case JsonType::kInteger: return static_cast<double>(node.value.integer);
    case JsonType::kUnsigned: return static_cast<double>(node.value.unsigned_integer);
    case JsonType::kFloat: return node.value.number;
    default: return std::nan("");
  }
}

std::string_view JsonValue::string() const {
  const JsonArena::Node& node = arena_->nodes()[index_];
  if (node.type != JsonType::kString) return {};
  return arena_->Text(node.value.text.offset, node.value.text.length);
}

std::string_view JsonValue::key() const {
  const JsonArena::Node& node = arena_->nodes()[index_];
  return arena_->Text(node.key_offset, node.key_length);
}

std::uint32_t JsonValue::size() const { return arena_->nodes()[index_].count; }

JsonValue JsonValue::Find(std::string_view key) const {
  if (!is_object()) return {};
  for (const JsonValue member : *this) {
    if (member.key() == key) return member;
  }
  return {};
}

JsonValue::Iterator& JsonValue::Iterator::operator++() {
  index_ = arena_->nodes()[index_].end;
  return *this;
}

JsonValue::Iterator JsonValue::begin() const {
  const JsonArena::Node& node = arena_->nodes()[index_];
  const bool container = node.type == JsonType::kArray || node.type == JsonType::kObject;
  return {arena_, container && node.count > 0 ? index_ + 1 : node.end};
}

JsonValue::Iterator JsonValue::end() const { return {arena_, arena_->nodes()[index_].end}; }

std::string JsonValue::Dump() const {
  std::string out;
  DumpValue(*this, out);
  return out;
}

}  // namespace netlint::ingest
