#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/ingest/json/json_value.h"

namespace netlint::ingest {

// Receives a JSON document one record at a time. A "record" is an element of a top-level
// member array that the consumer asks to stream (`{"SecurityGroups": [record, record]}`) or an
// element of a top-level array (key empty). Everything else at the top level is collected into
// one "remainder" object. Streaming keeps memory bounded by the largest record, not the file.
// A value handed to the consumer is valid only during the call.
class RecordConsumer {
 public:
  virtual ~RecordConsumer() = default;
  virtual bool StreamMember(std::string_view key) = 0;
  virtual void OnRecord(std::string_view key, std::size_t index, JsonValue record) = 0;
  // Where the record just delivered lies in the text: [begin, end) byte offsets.
  virtual void OnRecordSpan(std::string_view /*key*/, std::size_t /*index*/,
                            std::size_t /*begin*/, std::size_t /*end*/) {}
  // Called once at the end of a document that parsed completely (also when it was an array:
  // then the remainder is an empty object). A top-level scalar arrives here as is.
  virtual void OnRemainder(JsonValue remainder) = 0;
};

struct JsonParseError {
  std::size_t offset = 0;  // byte offset into the text
  std::uint32_t line = 0;  // 1-based
  std::uint32_t column = 0;  // 1-based, in bytes
  std::string message;
};

inline constexpr std::size_t kMaxJsonDepth = 512;

// Parses `text` (UTF-8, no byte-order mark; RFC 8259, strings must be valid UTF-8) and feeds
// `consumer`. Records before a syntax error have been delivered when the error is returned; the
// remainder is then not delivered.
std::optional<JsonParseError> StreamJsonRecords(std::string_view text, RecordConsumer& consumer,
                                                std::size_t max_depth = kMaxJsonDepth);

// Parses a whole document into `arena` (its root is arena.Root()). `passed`, when given, is told
// from time to time how many bytes of the text lie behind the parser (for a mapped file to give
// back what is read); the arena holds copies, so the text is not needed after parsing.
std::optional<JsonParseError> ParseJson(std::string_view text, JsonArena& arena,
                                        std::size_t max_depth = kMaxJsonDepth,
                                        const std::function<void(std::size_t)>& passed = {});

// 1-based line and column of a byte offset.
std::pair<std::uint32_t, std::uint32_t> LineColumnAt(std::string_view text, std::size_t offset);

}  // namespace netlint::ingest
