#pragma once

#include <string_view>

#include "analyzer/ingest/aws/describe_context.h"
#include "analyzer/ingest/json/json_records.h"

namespace netlint::ingest::aws {

// Recognises a JSON document as AWS CLI describe-* output by its top-level keys and hands each
// record to the parser for its kind. Documents of other tools (IAM, S3, ...) are recognised as
// "not ours" and ignored.
// Whether `key` is a top-level key of describe output netlint reads (a list such as
// "SecurityGroups"), so that a document opening with it needs no other test of its kind.
bool IsDescribeListKey(std::string_view key);

class DescribeDocument final : public RecordConsumer {
 public:
  explicit DescribeDocument(DescribeContext& context) : context_(context) {}

  bool StreamMember(std::string_view key) override;
  void OnRecord(std::string_view key, std::size_t index, JsonValue record) override;
  void OnRemainder(JsonValue remainder) override;

  // Whether any part of the document was describe output.
  [[nodiscard]] bool recognised() const { return recognised_; }
  [[nodiscard]] std::size_t records() const { return records_; }

 private:
  DescribeContext& context_;
  bool recognised_ = false;
  std::size_t records_ = 0;
};

}  // namespace netlint::ingest::aws
