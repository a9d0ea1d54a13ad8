#pragma once

// A CloudFormation template as a plain tree that remembers where every node was written.
// YAML and JSON templates are both read with yaml-cpp (JSON is YAML), so a JSON template's
// nodes carry lines and columns too. Short-form tags (`!Ref x`) are kept on the node; the
// intrinsic-function resolver treats `!Ref x` and `{Ref: x}` alike.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netlint::ingest::cfn {

struct NodeMember;

struct Node {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  bool quoted = false;  // a quoted scalar is always a string ("true" stays text)
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based
  std::string tag;     // "Ref", "GetAtt", ... for short forms ("!" removed); empty otherwise
  std::string scalar;  // kScalar
  std::vector<Node> items;                          // kSequence
  std::vector<NodeMember> members;  // kMap, in document order
  // A large map's member positions sorted by key, so that Find is a binary search: a template's
  // Resources may hold thousands of members and every Ref looks one up. Shared, since a node is
  // never changed once built and alias expansion copies nodes.
  std::shared_ptr<const std::vector<std::uint32_t>> members_by_key;

  [[nodiscard]] bool IsMap() const { return kind == Kind::kMap; }
  [[nodiscard]] bool IsSequence() const { return kind == Kind::kSequence; }
  [[nodiscard]] bool IsScalar() const { return kind == Kind::kScalar; }
  // The member `key` of a map, or null.
  [[nodiscard]] const Node* Find(std::string_view key) const;
};

// A map's member. Not a std::pair: a pair needs Node complete where Node declares its members.
struct NodeMember {
  NodeMember(std::string key, Node value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  Node second;
};

struct TreeError {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
};

// Limits that keep hostile input (deep nesting, "billion laughs" aliases) from hanging or
// exhausting memory. Real templates stay far below them.
struct TreeLimits {
  std::size_t max_depth = 200;
  // Nodes in all, counting every copy an alias expands to: this many, or one per
  // `bytes_per_node` bytes of text when that is more (a written node takes a few bytes of text,
  // so only aliases can make a short text expand; real templates take about 16 bytes a node).
  std::size_t max_nodes = 2'000'000;
  std::size_t bytes_per_node = 12;
  // Alias copies alone never exceed max_nodes, whatever the text's size.
};

struct TreeParse {
  std::optional<Node> root;  // the first document; empty on error or for an empty text
  std::optional<TreeError> error;
};

TreeParse ParseTree(const std::string& text, const TreeLimits& limits = {});

// Where the node named by a JSON Pointer's (unescaped) tokens was written, or its nearest
// written ancestor below the root. Rules name a resource's properties as children of the
// resource ("/Resources/Db/PubliclyAccessible"): such a token is looked up in the resource's
// Properties. Empty when not even the first token exists.
std::optional<std::pair<std::uint32_t, std::uint32_t>> LocateInTree(
    const Node& root, const std::vector<std::string>& tokens);

}  // namespace netlint::ingest::cfn
