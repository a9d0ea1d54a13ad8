#include "analyzer/ingest/cfn/template_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <istream>
#include <iterator>
#include <map>
#include <optional>
#include <streambuf>
#include <string_view>
#include <unordered_map>

#include "analyzer/ingest/json/json_records.h"
#include "analyzer/ingest/text_decoding.h"

namespace netlint::ingest::cfn {
namespace {

struct LimitExceeded {
  TreeError error;
};

std::size_t CountNodes(const Node& node) {
  std::size_t count = 1;
  for (const Node& item : node.items) count += CountNodes(item);
  for (const auto& member : node.members) count += 1 + CountNodes(member.second);
  return count;
}

// Builds Nodes from yaml-cpp's events. Aliases are expanded by copying the anchored node, which
// is counted against the node budget before the copy is made.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(const TreeLimits& limits, std::size_t text_size)
      : limits_(limits),
        max_nodes_(std::max(limits.max_nodes, text_size / limits.bytes_per_node)) {}

  std::optional<Node> TakeRoot() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override { done_ = true; }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node node = Start(Node::Kind::kNull, mark, "");
    Finish(std::move(node), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto found = anchors_.find(anchor);
    if (found == anchors_.end()) Fail(mark, "alias to an unknown anchor");
    const std::size_t size = found->second.second;
    if (alias_nodes_ + size > limits_.max_nodes || nodes_ + size > max_nodes_) {
      Fail(mark, "YAML aliases expand to more than " + std::to_string(limits_.max_nodes) +
                     " nodes (refused: alias expansion bomb?)");
    }
    alias_nodes_ += size;
    nodes_ += size;
    Node copy = found->second.first;
    Finish(std::move(copy), 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node node = Start(Node::Kind::kScalar, mark, tag);
    node.scalar = value;
    node.quoted = tag == "!";
    Finish(std::move(node), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(Start(Node::Kind::kSequence, mark, tag), anchor, mark);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(Start(Node::Kind::kMap, mark, tag), anchor, mark);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    std::optional<std::string> key;  // maps: the key waiting for its value
  };

  // What an open sequence or map has gathered so far, one per nesting depth and reused by every
  // node opened at that depth: children are moved once into a vector of the exact size when
  // their node closes, rather than growing each node's own vector by doubling (whose moves and
  // slack were much of a large template's cost).
  struct Level {
    std::vector<Node> items;
    std::vector<NodeMember> members;
    // maps: the line of each member's key, in member order. A key given twice is an error, as
    // it is to CloudFormation (which value would win is not defined).
    std::vector<std::uint32_t> key_lines;
    // maps of kIndexedMapSize keys or more: each key's member position. Smaller maps are
    // searched, which saves a hash table per map (most maps hold a handful of keys).
    std::unordered_map<std::string, std::size_t> key_positions;

    void Clear() {
      // A level that held a very large node (a template's Resources) gives its room back.
      if (items.capacity() > kKeptCapacity) std::vector<Node>().swap(items);
      if (members.capacity() > kKeptCapacity) std::vector<NodeMember>().swap(members);
      if (key_lines.capacity() > kKeptCapacity) std::vector<std::uint32_t>().swap(key_lines);
      if (key_positions.size() > kKeptCapacity) {
        std::unordered_map<std::string, std::size_t>().swap(key_positions);
      }
      items.clear();
      members.clear();
      key_lines.clear();
      key_positions.clear();
    }
  };

  // Maps this large get a sorted index; smaller ones are searched faster without one.
  static constexpr std::size_t kIndexedMapSize = 32;
  static constexpr std::size_t kKeptCapacity = 4096;

  static void IndexMembers(Node& map) {
    auto positions = std::make_shared<std::vector<std::uint32_t>>(map.members.size());
    for (std::size_t i = 0; i < positions->size(); ++i) {
      (*positions)[i] = static_cast<std::uint32_t>(i);
    }
    std::sort(positions->begin(), positions->end(), [&](std::uint32_t a, std::uint32_t b) {
      return map.members[a].first < map.members[b].first;
    });
    map.members_by_key = std::move(positions);
  }

  [[noreturn]] static void Fail(const YAML::Mark& mark, std::string message) {
    throw LimitExceeded{{static_cast<std::uint32_t>(mark.line + 1),
                         static_cast<std::uint32_t>(mark.column + 1), std::move(message)}};
  }

  Node Start(Node::Kind kind, const YAML::Mark& mark, const std::string& tag) {
    if (++nodes_ > max_nodes_) Fail(mark, "too many YAML nodes");
    Node node;
    node.kind = kind;
    node.line = static_cast<std::uint32_t>(mark.line + 1);
    node.column = static_cast<std::uint32_t>(mark.column + 1);
    // yaml-cpp reports "?" for untagged plain nodes and "!" for quoted ones.
    if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') node.tag = tag.substr(1);
    return node;
  }

  void Open(Node node, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (stack_.size() >= limits_.max_depth) {
      Fail(mark, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    stack_.push_back({std::move(node), anchor, std::nullopt});
    if (levels_.size() < stack_.size()) levels_.emplace_back();
  }

  template <typename T>
  static std::vector<T> ExactCopy(std::vector<T>& gathered) {
    std::vector<T> exact;
    exact.reserve(gathered.size());
    std::move(gathered.begin(), gathered.end(), std::back_inserter(exact));
    return exact;
  }

  void Close() {
    Frame frame = std::move(stack_.back());
    Level& level = levels_[stack_.size() - 1];
    stack_.pop_back();
    frame.node.items = ExactCopy(level.items);
    frame.node.members = ExactCopy(level.members);
    level.Clear();
    if (frame.node.members.size() >= kIndexedMapSize) IndexMembers(frame.node);
    Finish(std::move(frame.node), frame.anchor);
  }

  // The member position of `key` in the map being built at `level`, if it has that key already.
  static std::optional<std::size_t> PositionOfKey(Level& level, const std::string& key) {
    const std::vector<NodeMember>& members = level.members;
    if (members.size() < kIndexedMapSize) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].first == key) return i;
      }
      return std::nullopt;
    }
    if (level.key_positions.empty()) {
      for (std::size_t i = 0; i < members.size(); ++i) level.key_positions.emplace(members[i].first, i);
    }
    const auto found = level.key_positions.find(key);
    if (found == level.key_positions.end()) return std::nullopt;
    return found->second;
  }

  void Finish(Node node, YAML::anchor_t anchor) {
    if (done_) return;
    if (anchor != 0) {
      const std::size_t size = CountNodes(node);
      anchors_[anchor] = {node, size};
    }
    if (stack_.empty()) {
      if (!root_) root_ = std::move(node);
      return;
    }
    Frame& parent = stack_.back();
    Level& level = levels_[stack_.size() - 1];
    if (parent.node.kind == Node::Kind::kSequence) {
      level.items.push_back(std::move(node));
      return;
    }
    if (!parent.key) {
      if (node.kind != Node::Kind::kScalar && node.kind != Node::Kind::kNull) {
        throw LimitExceeded{{node.line, node.column, "a mapping key must be a plain value"}};
      }
      if (const std::optional<std::size_t> seen = PositionOfKey(level, node.scalar)) {
        throw LimitExceeded{{node.line, node.column,
                             "duplicate key '" + node.scalar + "' in one mapping (first at line " +
                                 std::to_string(level.key_lines[*seen]) + ")"}};
      }
      if (!level.key_positions.empty()) level.key_positions.emplace(node.scalar, level.members.size());
      level.key_lines.push_back(node.line);
      parent.key = std::move(node.scalar);
      return;
    }
    level.members.emplace_back(std::move(*parent.key), std::move(node));
    parent.key.reset();
  }

  const TreeLimits& limits_;
  std::vector<Frame> stack_;
  std::vector<Level> levels_;  // levels_[d] gathers the children of stack_[d]
  std::map<YAML::anchor_t, std::pair<Node, std::size_t>> anchors_;
  std::optional<Node> root_;
  std::size_t max_nodes_;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;  // nodes made by copying anchored ones
  bool done_ = false;
};

// Hands yaml-cpp the text where it lies: a std::istringstream would copy it, and a large
// template's text is hundreds of megabytes.
class TextBuffer final : public std::streambuf {
 public:
  explicit TextBuffer(const std::string& text) {
    // The get area is only ever read; std::streambuf just has no const form of it.
    char* begin = const_cast<char*>(text.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    setg(begin, begin, begin + text.size());
  }
};

// Offset of the first byte YAML does not allow: invalid UTF-8, or a C0 control character other
// than tab, line feed and carriage return, or DEL.
std::optional<std::size_t> FirstNonPrintable(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x80) {
      const std::size_t length = ingest::Utf8Length(text, pos);
      if (length == 0) return pos;
      pos += length;
      continue;
    }
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) return pos;
    ++pos;
  }
  return std::nullopt;
}

}  // namespace

const Node* Node::Find(std::string_view key) const {
  if (members_by_key) {
    const auto found = std::lower_bound(
        members_by_key->begin(), members_by_key->end(), key,
        [this](std::uint32_t position, std::string_view k) { return members[position].first < k; });
    if (found != members_by_key->end() && members[*found].first == key) {
      return &members[*found].second;
    }
    return nullptr;
  }
  for (const auto& member : members) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> LocateInTree(
    const Node& root, const std::vector<std::string>& tokens) {
  const Node* node = &root;
  const Node* deepest = nullptr;
  for (const std::string& token : tokens) {
    const Node* next = nullptr;
    if (node->IsMap()) {
      next = node->Find(token);
      const Node* properties = node->Find("Properties");
      if (next == nullptr && properties != nullptr && node->Find("Type") != nullptr) {
        next = properties->Find(token);
      }
    } else if (node->IsSequence()) {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (error == std::errc() && end == token.data() + token.size() && index < node->items.size()) {
        next = &node->items[index];
      }
    }
    if (next == nullptr) break;
    node = next;
    // A missing property is better shown at its resource than at the first other property.
    if (token != "Properties") deepest = node;
  }
  if (deepest == nullptr) return std::nullopt;
  return std::make_pair(deepest->line, deepest->column);
}

TreeParse ParseTree(const std::string& text, const TreeLimits& limits) {
  TreeParse result;
  // yaml-cpp passes invalid UTF-8 and control characters through (or stops at a NUL as if the
  // text ended there): refuse them first, at their place, as YAML 1.2 and CloudFormation do.
  if (const std::optional<std::size_t> bad = FirstNonPrintable(text)) {
    const auto [line, column] = LineColumnAt(text, *bad);
    const auto byte = static_cast<unsigned char>(text[*bad]);
    char code[8];
    std::snprintf(code, sizeof(code), "0x%02X", byte);
    result.error = TreeError{line, column,
                             byte >= 0x80 ? std::string("invalid UTF-8 (byte ") + code + ")"
                                          : std::string("control character ") + code +
                                                " is not allowed in YAML"};
    return result;
  }
  TextBuffer buffer(text);
  std::istream stream(&buffer);
  TreeBuilder builder(limits, text.size());
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
  } catch (const LimitExceeded& failure) {
    result.error = failure.error;
    return result;
  } catch (const YAML::Exception& failure) {
    result.error = TreeError{static_cast<std::uint32_t>(failure.mark.line + 1),
                             static_cast<std::uint32_t>(failure.mark.column + 1), failure.msg};
    return result;
  }
  result.root = builder.TakeRoot();
  return result;
}

}  // namespace netlint::ingest::cfn
