#include "analyzer/ingest/aws/record_reader.h"

#include <cmath>

namespace netlint::ingest::aws {

using Json = nlohmann::json;

RecordReader::RecordReader(const Json& value, SourceRef source, DiagnosticSink& diagnostics)
    : value_(value), source_(std::move(source)), diagnostics_(diagnostics) {}

std::string RecordReader::TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "the string \"" + value.get_ref<const std::string&>().substr(0, 60) + "\"";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "the number " + value.dump();
    default:
      return "an unexpected value";
  }
}

void RecordReader::ReportAt(const SourceRef& where, std::string message,
                            Severity severity) const {
  diagnostics_.Report("IN004", severity, resource_, std::move(message), where);
}

void RecordReader::Report(std::string_view key, std::string message, Severity severity) const {
  ReportAt(key.empty() ? source_ : source_.Child(key), std::move(message), severity);
}

const Json* RecordReader::Member(std::string_view key) const {
  if (!value_.is_object()) return nullptr;
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool RecordReader::Has(std::string_view key) const { return Member(key) != nullptr; }

const Json* RecordReader::Array(std::string_view key) const {
  const Json* member = Member(key);
  if (member == nullptr) return nullptr;
  if (!member->is_array()) {
    Report(key, std::string(key) + " should be an array, found " + TypeName(*member));
    return nullptr;
  }
  return member;
}

const std::string* RecordReader::StringMember(std::string_view key) const {
  const Json* member = Member(key);
  if (member == nullptr) return nullptr;
  if (!member->is_string()) {
    Report(key, std::string(key) + " should be a string, found " + TypeName(*member));
    return nullptr;
  }
  return &member->get_ref<const std::string&>();
}

std::string RecordReader::String(std::string_view key) const {
  const std::string* text = StringMember(key);
  return text == nullptr ? std::string() : *text;
}

std::optional<std::string> RecordReader::OptString(std::string_view key) const {
  const std::string* text = StringMember(key);
  if (text == nullptr) return std::nullopt;
  return *text;
}

std::optional<bool> RecordReader::Bool(std::string_view key) const {
  const Json* member = Member(key);
  if (member == nullptr) return std::nullopt;
  if (member->is_boolean()) return member->get<bool>();
  if (member->is_string()) {
    const auto& text = member->get_ref<const std::string&>();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  Report(key, std::string(key) + " should be true or false, found " + TypeName(*member));
  return std::nullopt;
}

std::optional<std::int64_t> RecordReader::Integer(std::string_view key) const {
  const Json* member = Member(key);
  if (member == nullptr) return std::nullopt;
  if (member->is_number_integer()) {
    if (member->is_number_unsigned() &&
        member->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      Report(key, std::string(key) + " is out of range: " + member->dump());
      return std::nullopt;
    }
    return member->get<std::int64_t>();
  }
  if (member->is_number_float()) {
    const double value = member->get<double>();
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
      return static_cast<std::int64_t>(value);
    }
    Report(key, std::string(key) + " should be an integer, found " + TypeName(*member));
    return std::nullopt;
  }
  Report(key, std::string(key) + " should be an integer, found " + TypeName(*member));
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
  const std::string* text = StringMember(key);
  if (text == nullptr) return std::nullopt;
  auto prefix = model::Ipv4Prefix::Parse(*text);
  if (!prefix) Report(key, "invalid IPv4 CIDR block \"" + *text + "\" in " + std::string(key));
  return prefix;
}

std::optional<model::Ipv6Prefix> RecordReader::Ipv6Cidr(std::string_view key) const {
  const std::string* text = StringMember(key);
  if (text == nullptr) return std::nullopt;
  auto prefix = model::Ipv6Prefix::Parse(*text);
  if (!prefix) Report(key, "invalid IPv6 CIDR block \"" + *text + "\" in " + std::string(key));
  return prefix;
}

std::optional<model::Ipv4Address> RecordReader::Ipv4(std::string_view key) const {
  const std::string* text = StringMember(key);
  if (text == nullptr) return std::nullopt;
  auto address = model::Ipv4Address::Parse(*text);
  if (!address) Report(key, "invalid IPv4 address \"" + *text + "\" in " + std::string(key));
  return address;
}

std::optional<model::Ipv6Address> RecordReader::Ipv6(std::string_view key) const {
  const std::string* text = StringMember(key);
  if (text == nullptr) return std::nullopt;
  auto address = model::Ipv6Address::Parse(*text);
  if (!address) Report(key, "invalid IPv6 address \"" + *text + "\" in " + std::string(key));
  return address;
}

std::optional<model::Protocol> RecordReader::Protocol(std::string_view key) const {
  const Json* member = Member(key);
  if (member == nullptr) return std::nullopt;
  std::optional<model::Protocol> protocol;
  if (member->is_string()) {
    protocol = model::Protocol::Parse(member->get_ref<const std::string&>());
  } else if (member->is_number_integer()) {
    protocol = model::Protocol::Parse(member->dump());
  }
  if (!protocol) {
    const std::string shown =
        member->is_string() ? "\"" + member->get<std::string>() + "\"" : member->dump();
    Report(key, "unknown protocol " + shown + " in " + std::string(key));
  }
  return protocol;
}

std::vector<std::string> RecordReader::StringList(std::string_view key) const {
  std::vector<std::string> result;
  const Json* array = Array(key);
  if (array == nullptr) return result;
  std::size_t index = 0;
  for (const Json& element : *array) {
    if (element.is_string()) {
      result.push_back(element.get<std::string>());
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
  const Json* member = Member(key);
  if (member == nullptr) return std::nullopt;
  if (!member->is_object()) {
    Report(key, std::string(key) + " should be an object, found " + TypeName(*member));
    return std::nullopt;
  }
  RecordReader reader(*member, source_.Child(key), diagnostics_);
  reader.resource_ = resource_;
  return reader;
}

}  // namespace netlint::ingest::aws
