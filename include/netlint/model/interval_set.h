#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace netlint::model {

__extension__ using Uint128 = unsigned __int128;

// The largest value of each element type. std::numeric_limits is not specialised for
// unsigned __int128 in strict ISO mode, so the bound is given here.
template <typename T>
struct IntervalBound {
  static constexpr T kMax = std::numeric_limits<T>::max();
};
template <>
struct IntervalBound<Uint128> {
  static constexpr Uint128 kMax = ~Uint128{0};
};

// A set of unsigned values kept as sorted, disjoint, non-adjacent closed intervals. It is the
// one representation behind port sets and IPv4/IPv6 address sets, so union, intersection,
// difference, containment and overlap are exact and cost O(n + m).
template <typename T>
class IntervalSet {
 public:
  struct Interval {
    T first;
    T last;  // inclusive, so the full domain is representable without overflow
    friend bool operator==(const Interval&, const Interval&) = default;
  };

  IntervalSet() = default;
  IntervalSet(T first, T last) { Add(first, last); }

  static IntervalSet Full() { return IntervalSet(T{0}, IntervalBound<T>::kMax); }

  // Adds [first, last]; ignored when first > last.
  void Add(T first, T last) {
    if (first > last) return;
    // Find the first interval that could touch [first, last] (its last + 1 >= first).
    auto it = std::lower_bound(intervals_.begin(), intervals_.end(), first,
                               [](const Interval& iv, T value) {
                                 return iv.last < value && iv.last + 1 < value;
                               });
    T merged_first = first;
    T merged_last = last;
    auto erase_end = it;
    while (erase_end != intervals_.end() &&
           (erase_end->first <= merged_last ||
            (merged_last != IntervalBound<T>::kMax && erase_end->first == merged_last + 1))) {
      merged_first = std::min(merged_first, erase_end->first);
      merged_last = std::max(merged_last, erase_end->last);
      ++erase_end;
    }
    it = intervals_.erase(it, erase_end);
    intervals_.insert(it, Interval{merged_first, merged_last});
  }
  void Add(const IntervalSet& other) { *this = Union(other); }

  [[nodiscard]] bool Empty() const { return intervals_.empty(); }
  [[nodiscard]] bool IsFull() const {
    return intervals_.size() == 1 && intervals_[0].first == T{0} &&
           intervals_[0].last == IntervalBound<T>::kMax;
  }
  [[nodiscard]] const std::vector<Interval>& intervals() const { return intervals_; }

  [[nodiscard]] bool Contains(T value) const {
    auto it = std::lower_bound(intervals_.begin(), intervals_.end(), value,
                               [](const Interval& iv, T v) { return iv.last < v; });
    return it != intervals_.end() && it->first <= value;
  }
  // True when every element of `other` is in this set.
  [[nodiscard]] bool ContainsAll(const IntervalSet& other) const {
    return other.Subtract(*this).Empty();
  }
  [[nodiscard]] bool Overlaps(const IntervalSet& other) const {
    auto a = intervals_.begin();
    auto b = other.intervals_.begin();
    while (a != intervals_.end() && b != other.intervals_.end()) {
      if (a->last < b->first) {
        ++a;
      } else if (b->last < a->first) {
        ++b;
      } else {
        return true;
      }
    }
    return false;
  }

  [[nodiscard]] IntervalSet Union(const IntervalSet& other) const {
    IntervalSet result;
    result.intervals_.reserve(intervals_.size() + other.intervals_.size());
    auto a = intervals_.begin();
    auto b = other.intervals_.begin();
    while (a != intervals_.end() || b != other.intervals_.end()) {
      const Interval* next = nullptr;
      if (b == other.intervals_.end() || (a != intervals_.end() && a->first <= b->first)) {
        next = &*a++;
      } else {
        next = &*b++;
      }
      result.AppendMerging(*next);
    }
    return result;
  }

  [[nodiscard]] IntervalSet Intersect(const IntervalSet& other) const {
    IntervalSet result;
    auto a = intervals_.begin();
    auto b = other.intervals_.begin();
    while (a != intervals_.end() && b != other.intervals_.end()) {
      const T lo = std::max(a->first, b->first);
      const T hi = std::min(a->last, b->last);
      if (lo <= hi) result.intervals_.push_back({lo, hi});
      if (a->last < b->last) {
        ++a;
      } else {
        ++b;
      }
    }
    return result;
  }

  [[nodiscard]] IntervalSet Subtract(const IntervalSet& other) const {
    IntervalSet result;
    auto b = other.intervals_.begin();
    for (const Interval& iv : intervals_) {
      T start = iv.first;
      bool open = true;  // [start, iv.last] still has elements to emit
      while (b != other.intervals_.end() && b->last < start) ++b;
      auto cut = b;
      while (open && cut != other.intervals_.end() && cut->first <= iv.last) {
        if (cut->first > start) {
          result.intervals_.push_back({start, static_cast<T>(cut->first - 1)});
        }
        if (cut->last >= iv.last) {
          open = false;
        } else {
          start = static_cast<T>(cut->last + 1);
          ++cut;
        }
      }
      if (open) result.intervals_.push_back({start, iv.last});
    }
    return result;
  }

  [[nodiscard]] IntervalSet Complement() const { return Full().Subtract(*this); }

  // Number of elements, saturating at the type's maximum (the full 128-bit space has one more
  // element than fits).
  [[nodiscard]] T Count() const {
    T total{0};
    for (const Interval& iv : intervals_) {
      const T width = iv.last - iv.first;  // elements - 1
      if (width == IntervalBound<T>::kMax || total > IntervalBound<T>::kMax - width - 1) {
        return IntervalBound<T>::kMax;
      }
      total += static_cast<T>(width + 1);
    }
    return total;
  }

  friend bool operator==(const IntervalSet&, const IntervalSet&) = default;

 private:
  void AppendMerging(const Interval& iv) {
    if (!intervals_.empty()) {
      Interval& back = intervals_.back();
      if (iv.first <= back.last ||
          (back.last != IntervalBound<T>::kMax && iv.first == back.last + 1)) {
        back.last = std::max(back.last, iv.last);
        return;
      }
    }
    intervals_.push_back(iv);
  }

  std::vector<Interval> intervals_;
};

}  // namespace netlint::model
