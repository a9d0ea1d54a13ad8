#pragma once

// A compact, read-only JSON tree for one record at a time. Nodes live in one vector in
// document order (a container is followed by its children), so building a record allocates
// almost nothing once the arena has grown to the size of the largest record, and the arena is
// reused for the next record.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netlint::ingest {

enum class JsonType : std::uint8_t {
  kNull,
  kBool,
  kInteger,   // fits in int64
  kUnsigned,  // above int64's range, fits in uint64
  kFloat,     // has a fraction or exponent, or is beyond 64 bits
  kString,
  kArray,
  kObject,
};

class JsonArena;

// A handle to one value of an arena; cheap to copy, valid while the arena is not rebuilt.
class JsonValue {
 public:
  JsonValue() = default;
  JsonValue(const JsonArena* arena, std::uint32_t index) : arena_(arena), index_(index) {}

  [[nodiscard]] bool valid() const { return arena_ != nullptr; }
  [[nodiscard]] JsonType type() const;
  [[nodiscard]] bool is_null() const { return type() == JsonType::kNull; }
  [[nodiscard]] bool is_bool() const { return type() == JsonType::kBool; }
  [[nodiscard]] bool is_string() const { return type() == JsonType::kString; }
  [[nodiscard]] bool is_array() const { return type() == JsonType::kArray; }
  [[nodiscard]] bool is_object() const { return type() == JsonType::kObject; }
  [[nodiscard]] bool is_integer() const {
    return type() == JsonType::kInteger || type() == JsonType::kUnsigned;
  }
  [[nodiscard]] bool is_number() const { return is_integer() || type() == JsonType::kFloat; }

  [[nodiscard]] bool boolean() const;
  [[nodiscard]] std::int64_t integer() const;
  [[nodiscard]] std::uint64_t unsigned_integer() const;
  [[nodiscard]] double number() const;  // any numeric type, as a double
  [[nodiscard]] std::string_view string() const;

  // Containers: number of elements or members; members and elements in document order.
  [[nodiscard]] std::uint32_t size() const;
  // The first member named `key` of an object, or an invalid value.
  [[nodiscard]] JsonValue Find(std::string_view key) const;
  // The key of this value when it is an object member.
  [[nodiscard]] std::string_view key() const;

  class Iterator {
   public:
    Iterator(const JsonArena* arena, std::uint32_t index) : arena_(arena), index_(index) {}
    JsonValue operator*() const { return {arena_, index_}; }
    Iterator& operator++();
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }

   private:
    const JsonArena* arena_;
    std::uint32_t index_;
  };
  [[nodiscard]] Iterator begin() const;
  [[nodiscard]] Iterator end() const;

  // Compact JSON text of the value, for messages and tests.
  [[nodiscard]] std::string Dump() const;

 private:
  const JsonArena* arena_ = nullptr;
  std::uint32_t index_ = 0;
};

// The nodes of one or more values. Filled by the JSON reader.
class JsonArena {
 public:
  struct Node {
    JsonType type = JsonType::kNull;
    bool boolean = false;
    std::uint32_t end = 0;    // index past this node's subtree
    std::uint32_t count = 0;  // elements or members of a container
    std::uint32_t key_offset = 0;
    std::uint32_t key_length = 0;
    // A node is a string or a number, never both: sharing the room keeps a node at 32 bytes
    // (a whole Terraform plan is some 13 million nodes per 300 MB).
    struct TextSpan {
      std::uint32_t offset;  // in `strings`
      std::uint32_t length;
    };
    union {
      TextSpan text;  // kString
      std::int64_t integer;
      std::uint64_t unsigned_integer;
      double number;
    } value{};
  };

  void Clear() {
    nodes_.clear();
    strings_.clear();
  }
  [[nodiscard]] JsonValue Root() const { return {this, 0}; }
  [[nodiscard]] bool empty() const { return nodes_.empty(); }

  std::vector<Node>& nodes() { return nodes_; }
  [[nodiscard]] const std::vector<Node>& nodes() const { return nodes_; }
  std::string& strings() { return strings_; }
  [[nodiscard]] std::string_view Text(std::uint32_t offset, std::uint32_t length) const {
    return std::string_view(strings_).substr(offset, length);
  }

 private:
  std::vector<Node> nodes_;
  std::string strings_;  // decoded keys and strings, referenced by offset
};

}  // namespace netlint::ingest
