#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace netlint {

// Hashes std::string keys and std::string_view lookups alike, so that an unordered container of
// strings (with std::equal_to<>) is searched by a view without making a string of it first.
struct TransparentStringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace netlint
