#include "analyzer/ingest/aws/record_reader.h"

#include <cmath>

namespace netlint::ingest::aws {

RecordReader::RecordReader(JsonValue value, SourceRef source, DiagnosticSink& diagnostics)
    : value_(value), source_(std::move(source)), diagnostics_(diagnostics) {}

std::string RecordReader::TypeName(const JsonValue& value) {
  switch (value.type()) {
    case JsonType::kNull:
      return "null";
    case JsonType::kObject:
      return "an object";
    case JsonType::kArray:
      return "an array";
    case JsonType::kString:
      return "the string \"" + std::string(value.string().substr(0, 60)) + "\"";
    case JsonType::kBool:
      return value.boolean() ? "true" : "false";
    case JsonType::kInteger:
    case JsonType::kUnsigned:
    case JsonType::kFloat:
      return "the number " + value.Dump();
  }
  return "an unexpected value";
}

void RecordReader::ReportAt(const SourceRef& where, std::string message,
                            Severity severity) const {
  diagnostics_.Report("IN004", severity, resource_, std::move(message), where);
}

void RecordReader::Report(std::string_view key, std::string message, Severity severity) const {
  ReportAt(key.empty() ? source_ : source_.Child(key), std::move(message), severity);
}

JsonValue RecordReader::Member(std::string_view key) const {
  if (!IsObject()) return {};
  const JsonValue member = value_.Find(key);
  if (!member.valid() || member.is_null()) return {};
  return member;
}

bool RecordReader::Has(std::string_view key) const { return Member(key).valid(); }

JsonValue RecordReader::Array(std::string_view key) const {
  const JsonValue member = Member(key);
  if (!member.valid()) return {};
  if (!member.is_array()) {
    Report(key, std::string(key) + " should be an array, found " + TypeName(member));
    return {};
  }
  return member;
}

std::optional<std::string_view> RecordReader::StringMember(std::string_view key) const {
  const JsonValue member = Member(key);
  if (!member.valid()) return std::nullopt;
  if (!member.is_string()) {
    Report(key, std::string(key) + " should be a string, found " + TypeName(member));
    return std::nullopt;
  }
  return member.string();
}

std::string RecordReader::String(std::string_view key) const {
  const std::optional<std::string_view> text = StringMember(key);
  return text ? std::string(*text) : std::string();
}

std::optional<std::string> RecordReader::OptString(std::string_view key) const {
  const std::optional<std::string_view> text = StringMember(key);
  if (!text) return std::nullopt;
  return std::string(*text);
}

std::string RecordReader::StringOrNumber(std::string_view key) const {
  const JsonValue member = Member(key);
  if (member.valid() && member.is_integer()) return member.Dump();
  return String(key);
}

std::optional<bool> RecordReader::Bool(std::string_view key) const {
  const JsonValue member = Member(key);
  if (!member.valid()) return std::nullopt;
  if (member.is_bool()) return member.boolean();
  if (member.is_string()) {
    const std::string_view text = member.string();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  Report(key, std::string(key) + " should be true or false, found " + TypeName(member));
  return std::nullopt;
}

std::optional<std::int64_t> RecordReader::Integer(std::string_view key) const {
  const JsonValue member = Member(key);
  if (!member.valid()) return std::nullopt;
  if (member.type() == JsonType::kInteger) return member.integer();
  if (member.type() == JsonType::kUnsigned) {
    Report(key, std::string(key) + " is out of range: " + member.Dump());
    return std::nullopt;
  }
  if (member.type() == JsonType::kFloat) {
    const double value = member.number();
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
      return static_cast<std::int64_t>(value);
    }
  }
  Report(key, std::string(key) + " should be an integer, found " + TypeName(member));
  return std::nullopt;
}

std::optional<std::uint16_t> RecordReader::Port(std::string_view key) const {
  const std::optional<std::int64_t> value = Integer(key);
  if (!value) return std::nullopt;
  if (*value < 0 || *value > 65535) {
    Report(key, std::string(key) + " " + std::to_string(*value) + " is not a port (0-65535)");
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(*value);
}

std::optional<model::Ipv4Prefix> RecordReader::Ipv4Cidr(std::string_view key) const {
  const std::optional<std::string_view> text = StringMember(key);
  if (!text) return std::nullopt;
  auto prefix = model::Ipv4Prefix::Parse(*text);
  if (!prefix) {
    Report(key, "invalid IPv4 CIDR block \"" + std::string(*text) + "\" in " + std::string(key));
  }
  return prefix;
}

std::optional<model::Ipv6Prefix> RecordReader::Ipv6Cidr(std::string_view key) const {
  const std::optional<std::string_view> text = StringMember(key);
  if (!text) return std::nullopt;
  auto prefix = model::Ipv6Prefix::Parse(*text);
  if (!prefix) {
    Report(key, "invalid IPv6 CIDR block \"" + std::string(*text) + "\" in " + std::string(key));
  }
  return prefix;
}

std::optional<model::Ipv4Address> RecordReader::Ipv4(std::string_view key) const {
  const std::optional<std::string_view> text = StringMember(key);
  if (!text) return std::nullopt;
  auto address = model::Ipv4Address::Parse(*text);
  if (!address) {
    Report(key, "invalid IPv4 address \"" + std::string(*text) + "\" in " + std::string(key));
  }
  return address;
}

std::optional<model::Ipv6Address> RecordReader::Ipv6(std::string_view key) const {
  const std::optional<std::string_view> text = StringMember(key);
  if (!text) return std::nullopt;
  auto address = model::Ipv6Address::Parse(*text);
  if (!address) {
    Report(key, "invalid IPv6 address \"" + std::string(*text) + "\" in " + std::string(key));
  }
  return address;
}

std::optional<model::Protocol> RecordReader::Protocol(std::string_view key) const {
  const JsonValue member = Member(key);
  if (!member.valid()) return std::nullopt;
  std::optional<model::Protocol> protocol;
  if (member.is_string()) {
    protocol = model::Protocol::Parse(member.string());
  } else if (member.type() == JsonType::kInteger) {
    protocol = model::Protocol::Parse(member.Dump());
  }
  if (!protocol) {
    const std::string shown =
        member.is_string() ? "\"" + std::string(member.string()) + "\"" : member.Dump();
    Report(key, "unknown protocol " + shown + " in " + std::string(key));
  }
  return protocol;
}

std::vector<std::string> RecordReader::StringList(std::string_view key) const {
  std::vector<std::string> result;
  const JsonValue array = Array(key);
  if (!array.valid()) return result;
  std::size_t index = 0;
  for (const JsonValue element : array) {
    if (element.is_string()) {
      result.emplace_back(element.string());
    } else {
      ReportAt(source_.Child(key).Child(index),
               "expected a string in " + std::string(key) + ", found " + TypeName(element));
    }
    ++index;
  }
  return result;
}

std::vector<model::Tag> RecordReader::Tags(std::string_view key) const {
  std::vector<model::Tag> tags;
  ForEach(key, [&](const RecordReader& tag) {
    const char* key_name = tag.Has("Key") ? "Key" : "key";
    const char* value_name = tag.Has("Value") ? "Value" : "value";
    tags.push_back({tag.String(key_name), tag.String(value_name)});
  });
  return tags;
}

std::optional<RecordReader> RecordReader::Object(std::string_view key) const {
  const JsonValue member = Member(key);
  if (!member.valid()) return std::nullopt;
  if (!member.is_object()) {
    Report(key, std::string(key) + " should be an object, found " + TypeName(member));
    return std::nullopt;
  }
  RecordReader reader(member, source_.Child(key), diagnostics_);
  reader.resource_ = resource_;
  return reader;
}

}  // namespace netlint::ingest::aws
