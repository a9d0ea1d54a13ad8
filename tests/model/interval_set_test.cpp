// IntervalSet is the arithmetic behind every port and address question the rules ask, so these
// tests dwell on the edges: the maximum element, adjacency, and holes left by subtraction.

#include "netlint/model/interval_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <utility>
#include <vector>

namespace netlint::model {
namespace {

using U8Set = IntervalSet<std::uint8_t>;
using U16Set = IntervalSet<std::uint16_t>;
using U32Set = IntervalSet<std::uint32_t>;
using U128Set = IntervalSet<Uint128>;

constexpr std::uint32_t kU32Max = 0xffffffffu;
constexpr Uint128 kU128Max = ~Uint128{0};

template <typename T>
std::vector<typename IntervalSet<T>::Interval> Intervals(
    std::initializer_list<std::pair<T, T>> ranges) {
  std::vector<typename IntervalSet<T>::Interval> result;
  for (const auto& [first, last] : ranges) result.push_back({first, last});
  return result;
}

TEST(IntervalSetTest, DefaultIsEmpty) {
  const U32Set set;
  EXPECT_TRUE(set.Empty());
  EXPECT_FALSE(set.IsFull());
  EXPECT_EQ(set.Count(), 0u);
  EXPECT_FALSE(set.Contains(0));
}

TEST(IntervalSetTest, ReversedRangeIsIgnored) {
  U32Set set(5, 4);
  EXPECT_TRUE(set.Empty());
  set.Add(10, 9);
  EXPECT_TRUE(set.Empty());
}

TEST(IntervalSetTest, AddMergesOverlappingAndAdjacentButNotGapped) {
  U32Set set;
  set.Add(10, 20);
  set.Add(21, 30);  // adjacent on the right
  set.Add(5, 9);    // adjacent on the left
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{5, 30}}));
  set.Add(32, 40);  // one value (31) apart: stays separate
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{5, 30}, {32, 40}}));
  set.Add(31, 31);  // fills the hole
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{5, 40}}));
}

TEST(IntervalSetTest, AddSpanningSeveralIntervalsSwallowsThem) {
  U32Set set;
  set.Add(0, 1);
  set.Add(10, 11);
  set.Add(20, 21);
  set.Add(30, 31);
  set.Add(5, 25);
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{0, 1}, {5, 25}, {30, 31}}));
  set.Add(2, 29);
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{0, 31}}));
}

TEST(IntervalSetTest, AddInsertsBeforeExistingIntervals) {
  U32Set set(100, 200);
  set.Add(1, 2);
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{1, 2}, {100, 200}}));
}

TEST(IntervalSetTest, AddMergesAdjacentAtUint32Max) {
  U32Set set(kU32Max, kU32Max);
  set.Add(kU32Max - 10, kU32Max - 1);
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{kU32Max - 10, kU32Max}}));
  set.Add(0, kU32Max - 11);
  EXPECT_TRUE(set.IsFull());
}

TEST(IntervalSetTest, AddAfterIntervalEndingAtMaxDoesNotWrapToZero) {
  // last + 1 wraps to 0 at the maximum; the set must not think 0 is adjacent to the max.
  U32Set set(kU32Max - 1, kU32Max);
  set.Add(0, 0);
  EXPECT_EQ(set.intervals(), Intervals<std::uint32_t>({{0, 0}, {kU32Max - 1, kU32Max}}));
  EXPECT_FALSE(set.IsFull());
}

TEST(IntervalSetTest, AddMergesAdjacentAtUint128Max) {
  U128Set set(kU128Max, kU128Max);
  set.Add(kU128Max - 1, kU128Max - 1);
  EXPECT_EQ(set.intervals(), Intervals<Uint128>({{kU128Max - 1, kU128Max}}));
  set.Add(0, 0);
  EXPECT_EQ(set.intervals().size(), 2u);
  set.Add(1, kU128Max - 2);
  EXPECT_TRUE(set.IsFull());
}

TEST(IntervalSetTest, UnionOfHalvesIsFull) {
  const U32Set low(0, 0x7fffffffu);
  const U32Set high(0x80000000u, kU32Max);
  EXPECT_TRUE(low.Union(high).IsFull());
  EXPECT_TRUE(high.Union(low).IsFull());
  EXPECT_EQ(low.Union(high), U32Set::Full());
}

TEST(IntervalSetTest, UnionWithOneValueGapIsNotFull) {
  const U32Set low(0, 0x7ffffffeu);
  const U32Set high(0x80000000u, kU32Max);
  const U32Set both = low.Union(high);
  EXPECT_FALSE(both.IsFull());
  EXPECT_FALSE(both.Contains(0x7fffffffu));
  EXPECT_EQ(both.Count(), kU32Max);  // 2^32 - 1 exactly, no saturation involved
}

TEST(IntervalSetTest, UnionMergesAcrossBothInputs) {
  U32Set a;
  a.Add(0, 4);
  a.Add(20, 24);
  U32Set b;
  b.Add(5, 9);
  b.Add(15, 19);
  EXPECT_EQ(a.Union(b).intervals(), Intervals<std::uint32_t>({{0, 9}, {15, 24}}));
  EXPECT_EQ(a.Union(U32Set()), a);
  EXPECT_EQ(U32Set().Union(a), a);
}

TEST(IntervalSetTest, AddSetMatchesUnion) {
  U32Set a(1, 3);
  a.Add(U32Set(4, 8));
  EXPECT_EQ(a.intervals(), Intervals<std::uint32_t>({{1, 8}}));
}

TEST(IntervalSetTest, IntersectKeepsOnlyCommonParts) {
  U32Set a;
  a.Add(0, 10);
  a.Add(20, 30);
  U32Set b;
  b.Add(5, 25);
  b.Add(30, 40);
  EXPECT_EQ(a.Intersect(b).intervals(), Intervals<std::uint32_t>({{5, 10}, {20, 25}, {30, 30}}));
  EXPECT_EQ(a.Intersect(b), b.Intersect(a));
  EXPECT_TRUE(a.Intersect(U32Set()).Empty());
  EXPECT_EQ(a.Intersect(U32Set::Full()), a);
}

TEST(IntervalSetTest, IntersectOfAdjacentSetsIsEmpty) {
  EXPECT_TRUE(U32Set(0, 9).Intersect(U32Set(10, 20)).Empty());
}

TEST(IntervalSetTest, SubtractLeavesHolesAtBothEnds) {
  const U32Set full = U32Set::Full();
  const U32Set middle(1, kU32Max - 1);
  EXPECT_EQ(full.Subtract(middle).intervals(),
            Intervals<std::uint32_t>({{0, 0}, {kU32Max, kU32Max}}));
}

TEST(IntervalSetTest, SubtractEndsOfFullSpace) {
  U32Set ends;
  ends.Add(0, 0);
  ends.Add(kU32Max, kU32Max);
  EXPECT_EQ(U32Set::Full().Subtract(ends).intervals(),
            Intervals<std::uint32_t>({{1, kU32Max - 1}}));
  U128Set ends128;
  ends128.Add(0, 0);
  ends128.Add(kU128Max, kU128Max);
  EXPECT_EQ(U128Set::Full().Subtract(ends128).intervals(), Intervals<Uint128>({{1, kU128Max - 1}}));
}

TEST(IntervalSetTest, SubtractSplitsOneIntervalManyTimes) {
  U32Set cuts;
  cuts.Add(12, 13);
  cuts.Add(15, 15);
  cuts.Add(19, 25);  // runs past the end of the minuend
  EXPECT_EQ(U32Set(10, 20).Subtract(cuts).intervals(),
            Intervals<std::uint32_t>({{10, 11}, {14, 14}, {16, 18}}));
}

TEST(IntervalSetTest, SubtractOneCutSpanningSeveralIntervals) {
  U32Set minuend;
  minuend.Add(0, 5);
  minuend.Add(10, 15);
  minuend.Add(20, 25);
  EXPECT_EQ(minuend.Subtract(U32Set(3, 22)).intervals(),
            Intervals<std::uint32_t>({{0, 2}, {23, 25}}));
}

TEST(IntervalSetTest, SubtractEverythingOrNothing) {
  const U32Set set(5, 10);
  EXPECT_TRUE(set.Subtract(set).Empty());
  EXPECT_TRUE(set.Subtract(U32Set::Full()).Empty());
  EXPECT_EQ(set.Subtract(U32Set()), set);
  EXPECT_EQ(set.Subtract(U32Set(11, 20)), set);
}

TEST(IntervalSetTest, ComplementRoundTrips) {
  U32Set set;
  set.Add(0, 9);
  set.Add(100, 200);
  EXPECT_EQ(set.Complement().intervals(), Intervals<std::uint32_t>({{10, 99}, {201, kU32Max}}));
  EXPECT_EQ(set.Complement().Complement(), set);
  EXPECT_TRUE(U32Set().Complement().IsFull());
  EXPECT_TRUE(U128Set::Full().Complement().Empty());
}

TEST(IntervalSetTest, ContainsChecksBothBoundsOfEachInterval) {
  U32Set set;
  set.Add(10, 20);
  set.Add(kU32Max, kU32Max);
  EXPECT_FALSE(set.Contains(9));
  EXPECT_TRUE(set.Contains(10));
  EXPECT_TRUE(set.Contains(20));
  EXPECT_FALSE(set.Contains(21));
  EXPECT_TRUE(set.Contains(kU32Max));
  EXPECT_FALSE(set.Contains(kU32Max - 1));
}

TEST(IntervalSetTest, ContainsAllWithEmptySets) {
  const U32Set empty;
  const U32Set some(1, 2);
  EXPECT_TRUE(empty.ContainsAll(empty));  // vacuously
  EXPECT_TRUE(some.ContainsAll(empty));
  EXPECT_FALSE(empty.ContainsAll(some));
}

TEST(IntervalSetTest, ContainsAllNeedsEveryElement) {
  U32Set set;
  set.Add(0, 10);
  set.Add(12, 20);
  EXPECT_TRUE(set.ContainsAll(U32Set(2, 8)));
  EXPECT_FALSE(set.ContainsAll(U32Set(5, 15)));  // 11 is missing
  EXPECT_TRUE(U32Set::Full().ContainsAll(set));
  EXPECT_FALSE(set.ContainsAll(U32Set::Full()));
}

TEST(IntervalSetTest, OverlapsDetectsSingleSharedElement) {
  EXPECT_TRUE(U32Set(0, 10).Overlaps(U32Set(10, 20)));
  EXPECT_FALSE(U32Set(0, 9).Overlaps(U32Set(10, 20)));  // adjacent is not overlapping
  EXPECT_FALSE(U32Set().Overlaps(U32Set::Full()));
  U32Set comb;
  comb.Add(0, 0);
  comb.Add(2, 2);
  comb.Add(4, 4);
  EXPECT_FALSE(comb.Overlaps(U32Set(1, 1)));
  EXPECT_TRUE(comb.Overlaps(U32Set(3, 4)));
}

TEST(IntervalSetTest, CountIsExactBelowTheFullSpace) {
  U32Set set;
  set.Add(0, 9);
  set.Add(20, 20);
  EXPECT_EQ(set.Count(), 11u);
  EXPECT_EQ(U16Set::Full().Count(), 65535u);  // saturates: 65536 does not fit
  EXPECT_EQ(U16Set(1, 65535).Count(), 65535u);
}

TEST(IntervalSetTest, CountSaturatesForFull128BitSpace) {
  EXPECT_EQ(U128Set::Full().Count(), kU128Max);
  EXPECT_EQ(U128Set(1, kU128Max).Count(), kU128Max);  // exactly 2^128 - 1
  U128Set two_halves(0, kU128Max >> 1);
  two_halves.Add((kU128Max >> 1) + 1, kU128Max);
  EXPECT_TRUE(two_halves.IsFull());
  EXPECT_EQ(two_halves.Count(), kU128Max);
  U128Set near_full(0, kU128Max - 2);
  near_full.Add(kU128Max, kU128Max);
  EXPECT_EQ(near_full.Count(), kU128Max);  // 2^128 - 1 elements, exact
}

TEST(IntervalSetTest, PortSetFullRangeMergesAtMax) {
  U16Set ports(0, 1023);
  ports.Add(1024, 65535);
  EXPECT_TRUE(ports.IsFull());
  EXPECT_EQ(ports.intervals().size(), 1u);
}

// Checks every operation on 8-bit sets against a bitmap, so adjacency at 0 and at 255 and every
// overlap shape are covered without listing them by hand.
TEST(IntervalSetTest, RandomOperationsMatchBitmapModel) {
  using Bits = std::bitset<256>;
  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> value(0, 255);
  std::uniform_int_distribution<int> span(0, 40);

  const auto random_set = [&](U8Set& set, Bits& bits) {
    const int count = std::uniform_int_distribution<int>(0, 5)(random);
    for (int i = 0; i < count; ++i) {
      const int first = value(random);
      const int last = std::min(255, first + span(random));
      set.Add(static_cast<std::uint8_t>(first), static_cast<std::uint8_t>(last));
      for (int v = first; v <= last; ++v) bits.set(static_cast<std::size_t>(v));
    }
  };
  const auto as_bits = [](const U8Set& set) {
    Bits bits;
    for (const auto& iv : set.intervals()) {
      for (int v = iv.first; v <= iv.last; ++v) bits.set(static_cast<std::size_t>(v));
    }
    return bits;
  };
  const auto is_canonical = [](const U8Set& set) {
    const auto& ivs = set.intervals();
    for (std::size_t i = 0; i < ivs.size(); ++i) {
      if (ivs[i].first > ivs[i].last) return false;
      if (i > 0 && ivs[i - 1].last + 1 >= ivs[i].first) return false;  // overlapping/adjacent
    }
    return true;
  };

  int failures = 0;
  for (int round = 0; round < 2000 && failures == 0; ++round) {
    U8Set a;
    U8Set b;
    Bits a_bits;
    Bits b_bits;
    random_set(a, a_bits);
    random_set(b, b_bits);
    SCOPED_TRACE(round);
    const U8Set sum = a.Union(b);
    const U8Set common = a.Intersect(b);
    const U8Set difference = a.Subtract(b);
    const U8Set complement = a.Complement();
    for (const U8Set* result :
         std::initializer_list<const U8Set*>{&a, &b, &sum, &common, &difference, &complement}) {
      EXPECT_TRUE(is_canonical(*result));
    }
    EXPECT_EQ(as_bits(a), a_bits);
    EXPECT_EQ(as_bits(sum), a_bits | b_bits);
    EXPECT_EQ(as_bits(common), a_bits & b_bits);
    EXPECT_EQ(as_bits(difference), a_bits & ~b_bits);
    EXPECT_EQ(as_bits(complement), ~a_bits);
    EXPECT_EQ(a.ContainsAll(b), (b_bits & ~a_bits).none());
    EXPECT_EQ(a.Overlaps(b), (a_bits & b_bits).any());
    EXPECT_EQ(a.IsFull(), a_bits.all());
    EXPECT_EQ(a.Count(), std::min<std::size_t>(a_bits.count(), 255));
    const int probe = value(random);
    EXPECT_EQ(a.Contains(static_cast<std::uint8_t>(probe)),
              a_bits.test(static_cast<std::size_t>(probe)));
    if (::testing::Test::HasFailure()) ++failures;
  }
}

// The 8-bit model above cannot catch wrap-around: uint8_t arithmetic is done in int. For 32- and
// 128-bit sets, values are drawn from the bottom and top 64 of the domain plus one stand-in for
// everything in between, so "last + 1" really does wrap at the maximum. Index 64 of the model is
// the whole middle [64, max - 64]; every endpoint an operation can produce stays on the grid.
template <typename T>
class WideIntervalSetTest : public ::testing::Test {};
using WideTypes = ::testing::Types<std::uint32_t, Uint128>;
TYPED_TEST_SUITE(WideIntervalSetTest, WideTypes);

TYPED_TEST(WideIntervalSetTest, RandomOperationsAtBothEndsMatchModel) {
  using T = TypeParam;
  using Set = IntervalSet<T>;
  using Bits = std::bitset<129>;
  constexpr int kMiddle = 64;
  constexpr T kMax = IntervalBound<T>::kMax;
  const auto first_of = [](int index) -> T {
    return index <= kMiddle ? static_cast<T>(index) : static_cast<T>(kMax - (128 - index));
  };
  const auto last_of = [&](int index) -> T {
    return index == kMiddle ? static_cast<T>(kMax - kMiddle) : first_of(index);
  };
  const auto index_of = [](T value) -> int {
    if (value < static_cast<T>(kMiddle)) return static_cast<int>(value);
    if (value <= static_cast<T>(kMax - kMiddle)) return kMiddle;
    return 128 - static_cast<int>(kMax - value);
  };
  const auto as_bits = [&](const Set& set) {
    Bits bits;
    for (const auto& iv : set.intervals()) {
      for (int i = index_of(iv.first); i <= index_of(iv.last); ++i) {
        bits.set(static_cast<std::size_t>(i));
      }
    }
    return bits;
  };
  const auto is_canonical = [](const Set& set) {
    const auto& ivs = set.intervals();
    for (std::size_t i = 0; i < ivs.size(); ++i) {
      if (ivs[i].first > ivs[i].last) return false;
      if (i > 0 && (ivs[i - 1].last >= ivs[i].first || ivs[i - 1].last + 1 == ivs[i].first)) {
        return false;
      }
    }
    return true;
  };

  std::mt19937 random(4242);
  std::uniform_int_distribution<int> index(0, 128);
  std::uniform_int_distribution<int> span(0, 12);
  const auto random_set = [&](Set& set, Bits& bits) {
    const int count = std::uniform_int_distribution<int>(0, 6)(random);
    for (int i = 0; i < count; ++i) {
      const int first = index(random);
      const int last = std::min(128, first + span(random));
      set.Add(first_of(first), last_of(last));
      for (int v = first; v <= last; ++v) bits.set(static_cast<std::size_t>(v));
    }
  };

  for (int round = 0; round < 3000; ++round) {
    Set a;
    Set b;
    Bits a_bits;
    Bits b_bits;
    random_set(a, a_bits);
    random_set(b, b_bits);
    SCOPED_TRACE(round);
    const Set sum = a.Union(b);
    const Set common = a.Intersect(b);
    const Set difference = a.Subtract(b);
    const Set complement = a.Complement();
    ASSERT_TRUE(is_canonical(a));
    ASSERT_TRUE(is_canonical(sum));
    ASSERT_TRUE(is_canonical(common));
    ASSERT_TRUE(is_canonical(difference));
    ASSERT_TRUE(is_canonical(complement));
    ASSERT_EQ(as_bits(a), a_bits);
    ASSERT_EQ(as_bits(sum), a_bits | b_bits);
    ASSERT_EQ(as_bits(common), a_bits & b_bits);
    ASSERT_EQ(as_bits(difference), a_bits & ~b_bits);
    ASSERT_EQ(as_bits(complement), ~a_bits);
    Set added = a;
    added.Add(b);
    ASSERT_EQ(added, sum);
    ASSERT_EQ(a.ContainsAll(b), (b_bits & ~a_bits).none());
    ASSERT_EQ(a.Overlaps(b), (a_bits & b_bits).any());
    ASSERT_EQ(a.IsFull(), a_bits.all());
    ASSERT_EQ(a.Contains(kMax), a_bits.test(128));
    ASSERT_EQ(a.Contains(T{0}), a_bits.test(0));
  }
}

}  // namespace
}  // namespace netlint::model
