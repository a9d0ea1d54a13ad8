#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ingest/json/json_value.h"
#include "netlint/base/diagnostics.h"
#include "netlint/base/source.h"
#include "netlint/model/address.h"
#include "netlint/model/entities.h"
#include "netlint/model/traffic.h"

namespace netlint::ingest::aws {

// Typed, forgiving access to one JSON object of a describe-* record. Optional members are
// omitted in AWS output, so a missing key is never an error; a key with the wrong type or an
// uninterpretable value is reported once as IN004 (with the JSON Pointer of the value) and read
// as absent, so one bad field never loses the rest of the record.
class RecordReader {
 public:
  RecordReader(JsonValue value, SourceRef source, DiagnosticSink& diagnostics);

  [[nodiscard]] bool IsObject() const { return value_.valid() && value_.is_object(); }
  [[nodiscard]] const SourceRef& source() const { return source_; }
  [[nodiscard]] JsonValue raw() const { return value_; }
  [[nodiscard]] bool Has(std::string_view key) const;

  // The resource the record describes, named in diagnostics once known.
  void SetResource(std::string id) { resource_ = std::move(id); }
  [[nodiscard]] const std::string& resource() const { return resource_; }

  [[nodiscard]] std::string String(std::string_view key) const;
  [[nodiscard]] std::optional<std::string> OptString(std::string_view key) const;
  // JSON booleans, and the strings "true"/"false" some tools write.
  [[nodiscard]] std::optional<bool> Bool(std::string_view key) const;
  [[nodiscard]] std::optional<std::int64_t> Integer(std::string_view key) const;
  // An integer 0-65535; out of range is reported.
  [[nodiscard]] std::optional<std::uint16_t> Port(std::string_view key) const;
  [[nodiscard]] std::optional<model::Ipv4Prefix> Ipv4Cidr(std::string_view key) const;
  [[nodiscard]] std::optional<model::Ipv6Prefix> Ipv6Cidr(std::string_view key) const;
  [[nodiscard]] std::optional<model::Ipv4Address> Ipv4(std::string_view key) const;
  [[nodiscard]] std::optional<model::Ipv6Address> Ipv6(std::string_view key) const;
  [[nodiscard]] std::optional<model::Protocol> Protocol(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> StringList(std::string_view key) const;
  // A string, or a number written as its decimal text (fields AWS documents as strings but
  // hand-made files write as numbers, like HealthCheckPort).
  [[nodiscard]] std::string StringOrNumber(std::string_view key) const;
  // [{"Key": k, "Value": v}] under `key` ("Tags", "TagSet", "TagList"); also lower-case
  // {"key","value"} as ECS writes it.
  [[nodiscard]] std::vector<model::Tag> Tags(std::string_view key) const;

  // A member object, or empty (reported when present but not an object).
  [[nodiscard]] std::optional<RecordReader> Object(std::string_view key) const;
  // Calls `visit(RecordReader&)` for each element of the array under `key`; non-object
  // elements are reported and skipped.
  template <typename Visit>
  void ForEach(std::string_view key, Visit&& visit) const {
    const JsonValue array = Array(key);
    if (!array.valid()) return;
    std::size_t index = 0;
    for (const JsonValue element : array) {
      SourceRef child = source_.Child(key).Child(index++);
      if (!element.is_object()) {
        ReportAt(child, "expected an object, found " + TypeName(element));
        continue;
      }
      RecordReader reader(element, std::move(child), diagnostics_);
      reader.resource_ = resource_;
      visit(reader);
    }
  }

  // An IN004 diagnostic about the member `key` (or the record itself when `key` is empty).
  void Report(std::string_view key, std::string message,
              Severity severity = Severity::kWarning) const;
  void ReportAt(const SourceRef& where, std::string message,
                Severity severity = Severity::kWarning) const;

  [[nodiscard]] SourceRef SourceOf(std::string_view key) const { return source_.Child(key); }
  static std::string TypeName(const JsonValue& value);

 private:
  // The member, or an invalid value when absent or null.
  [[nodiscard]] JsonValue Member(std::string_view key) const;
  [[nodiscard]] JsonValue Array(std::string_view key) const;
  // The member if it is a string; reports other non-null types.
  [[nodiscard]] std::optional<std::string_view> StringMember(std::string_view key) const;

  JsonValue value_;
  SourceRef source_;
  DiagnosticSink& diagnostics_;
  std::string resource_;
};

}  // namespace netlint::ingest::aws
