// Address parsing and CIDR arithmetic. The invalid spellings are ones seen in real exports or
// hand-edited fixtures; every one must be rejected rather than half-parsed.

#include "netlint/model/address.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace netlint::model {
namespace {

constexpr Uint128 kU128Max = ~Uint128{0};

Ipv4Prefix V4(std::string_view text) {
  const std::optional<Ipv4Prefix> prefix = Ipv4Prefix::Parse(text);
  EXPECT_TRUE(prefix.has_value()) << text;
  return prefix.value_or(Ipv4Prefix());
}

Ipv6Prefix V6(std::string_view text) {
  const std::optional<Ipv6Prefix> prefix = Ipv6Prefix::Parse(text);
  EXPECT_TRUE(prefix.has_value()) << text;
  return prefix.value_or(Ipv6Prefix());
}

Uint128 V6Value(std::string_view text) {
  const std::optional<Ipv6Address> address = Ipv6Address::Parse(text);
  EXPECT_TRUE(address.has_value()) << text;
  return address ? address->value() : 0;
}

std::string Canonical(std::string_view text) {
  const std::optional<Ipv6Address> address = Ipv6Address::Parse(text);
  return address ? address->ToString() : "<invalid: " + std::string(text) + ">";
}

Uint128 Groups(std::uint16_t g0, std::uint16_t g1, std::uint16_t g2, std::uint16_t g3,
               std::uint16_t g4, std::uint16_t g5, std::uint16_t g6, std::uint16_t g7) {
  Uint128 value = 0;
  for (std::uint16_t group : {g0, g1, g2, g3, g4, g5, g6, g7}) value = (value << 16) | group;
  return value;
}

// --- Ipv4Address -------------------------------------------------------------------------

TEST(Ipv4AddressTest, ParsesDottedQuads) {
  EXPECT_EQ(Ipv4Address::Parse("10.0.0.157"), Ipv4Address(0x0a00009du));
  EXPECT_EQ(Ipv4Address::Parse("0.0.0.0"), Ipv4Address(0));
  EXPECT_EQ(Ipv4Address::Parse("255.255.255.255"), Ipv4Address(0xffffffffu));
  EXPECT_EQ(Ipv4Address::Parse("1.2.3.0"), Ipv4Address(0x01020300u));
}

TEST(Ipv4AddressTest, ToStringRoundTrips) {
  EXPECT_EQ(Ipv4Address(0x0a00009du).ToString(), "10.0.0.157");
  EXPECT_EQ(Ipv4Address(0).ToString(), "0.0.0.0");
  EXPECT_EQ(Ipv4Address(0xffffffffu).ToString(), "255.255.255.255");
  EXPECT_EQ(Ipv4Address::Parse("192.168.100.1")->ToString(), "192.168.100.1");
}

TEST(Ipv4AddressTest, RejectsMalformedText) {
  for (const char* text :
       {"10-0-0-157", "198.11.222.333", "1.2.3",      "1.2.3.4.5",  "",          "1..2.3",
        ".1.2.3",     "1.2.3.",         " 1.2.3.4",   "1.2.3.4 ",   "1. 2.3.4",  "+1.2.3.4",
        "1.+2.3.4",   "-1.2.3.4",       "0001.2.3.4", "1.2.3.0256", "256.0.0.0", "a.b.c.d",
        "1.2.3.0x1",  "1.2.3.4/32",     "::1",        "1.2.3.4\n"}) {
    EXPECT_FALSE(Ipv4Address::Parse(text).has_value()) << '"' << text << '"';
  }
}

TEST(Ipv4AddressTest, RejectsLeadingZerosAsAmbiguousOctal) {
  EXPECT_FALSE(Ipv4Address::Parse("010.0.0.1").has_value());
  EXPECT_FALSE(Ipv4Address::Parse("10.0.0.01").has_value());
  EXPECT_FALSE(Ipv4Address::Parse("10.00.0.1").has_value());
  EXPECT_TRUE(Ipv4Address::Parse("10.0.0.0").has_value());  // a lone zero is fine
}

// --- Ipv6Address -------------------------------------------------------------------------

TEST(Ipv6AddressTest, ParsesFullAndCompressedForms) {
  EXPECT_EQ(V6Value("::"), Uint128{0});
  EXPECT_EQ(V6Value("::1"), Uint128{1});
  EXPECT_EQ(V6Value("1::"), Groups(1, 0, 0, 0, 0, 0, 0, 0));
  EXPECT_EQ(V6Value("2001:db8::1"), Groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
  EXPECT_EQ(V6Value("2001:0db8:0000:0000:0000:ff00:0042:8329"),
            Groups(0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329));
  EXPECT_EQ(V6Value("0:0:0:0:0:0:0:0"), Uint128{0});
  EXPECT_EQ(V6Value("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), kU128Max);
  EXPECT_EQ(V6Value("1:2:3:4:5:6:7::"), Groups(1, 2, 3, 4, 5, 6, 7, 0));  // "::" for one group
  EXPECT_EQ(V6Value("::2:3:4:5:6:7:8"), Groups(0, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_EQ(V6Value("1:2::7:8"), Groups(1, 2, 0, 0, 0, 0, 7, 8));
}

TEST(Ipv6AddressTest, HexIsCaseInsensitive) {
  EXPECT_EQ(V6Value("2001:DB8::ABCD"), V6Value("2001:db8::abcd"));
  EXPECT_EQ(V6Value("FE80::aBcD"), Groups(0xfe80, 0, 0, 0, 0, 0, 0, 0xabcd));
}

TEST(Ipv6AddressTest, ParsesEmbeddedIpv4InLast32Bits) {
  EXPECT_EQ(V6Value("::ffff:1.2.3.4"), Groups(0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304));
  EXPECT_EQ(V6Value("::1.2.3.4"), Uint128{0x01020304});
  EXPECT_EQ(V6Value("1:2:3:4:5:6:10.0.0.1"), Groups(1, 2, 3, 4, 5, 6, 0x0a00, 0x0001));
  EXPECT_EQ(V6Value("64:ff9b::192.0.2.33"), Groups(0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x0221));
}

TEST(Ipv6AddressTest, RejectsMalformedText) {
  for (const char* text : {"",
                           ":",
                           ":::",
                           "1:::2",
                           "1::2::3",
                           "::1::",
                           "fe80::1%eth0",
                           "fe80::1%1",
                           "1:2:3:4:5:6:7:8:9",
                           "1:2:3:4:5:6:7",
                           "1:2:3:4:5:6:7:8::",
                           "::1:2:3:4:5:6:7:8",
                           "1:2:3:4::5:6:7:8",
                           "12345::",
                           "g::",
                           ":1::",
                           "1::2:",
                           ":1:2:3:4:5:6:7:8",
                           "1:2:3:4:5:6:7:8:",
                           "::1.2.3",
                           "::1.2.3.256",
                           "::01.2.3.4",
                           "1.2.3.4::",
                           "::1.2.3.4:5",
                           "1.2.3.4",
                           "1:2:3:4:5:6:7:1.2.3.4",
                           "[::1]",
                           " ::1",
                           "::1 ",
                           "::+1",
                           "2001:db8::/32",
                           "0x1::"}) {
    EXPECT_FALSE(Ipv6Address::Parse(text).has_value()) << '"' << text << '"';
  }
}

TEST(Ipv6AddressTest, ToStringCompressesLongestZeroRun) {
  EXPECT_EQ(Canonical("0:0:0:0:0:0:0:0"), "::");
  EXPECT_EQ(Canonical("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(Canonical("1:0:0:0:0:0:0:0"), "1::");
  EXPECT_EQ(Canonical("2001:0db8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
  EXPECT_EQ(Canonical("2001:0:0:1:0:0:0:1"), "2001:0:0:1::1");
}

TEST(Ipv6AddressTest, ToStringPrefersFirstRunOnTie) {
  EXPECT_EQ(Canonical("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
  EXPECT_EQ(Canonical("0:0:1:2:3:4:0:0"), "::1:2:3:4:0:0");
}

TEST(Ipv6AddressTest, ToStringDoesNotCompressSingleZeroGroup) {
  EXPECT_EQ(Canonical("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
  EXPECT_EQ(Canonical("0:1:0:1:0:1:0:1"), "0:1:0:1:0:1:0:1");
  EXPECT_EQ(Canonical("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");
}

TEST(Ipv6AddressTest, ToStringIsLowerCaseWithoutLeadingZeros) {
  EXPECT_EQ(Canonical("2001:DB8:00AB:000C:0d00:FFFF:0001:0010"), "2001:db8:ab:c:d00:ffff:1:10");
  EXPECT_EQ(Ipv6Address(kU128Max).ToString(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

TEST(Ipv6AddressTest, ToStringUsesDottedQuadOnlyForIpv4Mapped) {
  EXPECT_EQ(Canonical("::FFFF:c000:0201"), "::ffff:192.0.2.1");
  EXPECT_EQ(Canonical("::1.2.3.4"), "::102:304");  // deprecated IPv4-compatible form
  EXPECT_EQ(Canonical("::1:ffff:1.2.3.4"), "::1:ffff:102:304");
}

TEST(Ipv6AddressTest, ToStringRoundTripsRandomZeroHeavyAddresses) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 5000; ++i) {
    Uint128 value = 0;
    for (int group = 0; group < 8; ++group) {
      const std::uint64_t r = random();
      // Mostly zero groups, so runs of every length and position appear.
      const std::uint16_t g = (r % 3 == 0) ? static_cast<std::uint16_t>(r >> 16) : 0;
      value = (value << 16) | g;
    }
    const std::string text = Ipv6Address(value).ToString();
    const std::optional<Ipv6Address> parsed = Ipv6Address::Parse(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    ASSERT_TRUE(parsed->value() == value) << text;
    ASSERT_EQ(text.find(":::"), std::string::npos) << text;
  }
}

// --- Prefixes ----------------------------------------------------------------------------

TEST(Ipv4PrefixTest, ParsesNetworkAndLength) {
  const Ipv4Prefix prefix = V4("10.0.0.0/16");
  EXPECT_EQ(prefix.network(), Ipv4Address(0x0a000000u));
  EXPECT_EQ(prefix.length(), 16);
  EXPECT_FALSE(prefix.had_host_bits());
  EXPECT_EQ(prefix.ToString(), "10.0.0.0/16");
}

TEST(Ipv4PrefixTest, ClearsHostBitsAndRemembersThem) {
  const Ipv4Prefix prefix = V4("10.0.0.5/16");
  EXPECT_EQ(prefix, V4("10.0.0.0/16"));
  EXPECT_TRUE(prefix.had_host_bits());
  EXPECT_EQ(prefix.ToString(), "10.0.0.0/16");

  const Ipv4Prefix whole = V4("1.2.3.4/0");
  EXPECT_EQ(whole, Ipv4Prefix::Any());
  EXPECT_TRUE(whole.had_host_bits());
  EXPECT_EQ(whole.ToString(), "0.0.0.0/0");

  EXPECT_FALSE(V4("1.2.3.4/32").had_host_bits());
  EXPECT_TRUE(V4("10.0.0.1/31").had_host_bits());
}

TEST(Ipv4PrefixTest, ConstructorMasksHostBits) {
  const Ipv4Prefix prefix(Ipv4Address(0x0a0b0c0du), 8);
  EXPECT_EQ(prefix.network(), Ipv4Address(0x0a000000u));
  EXPECT_TRUE(prefix.had_host_bits());
  EXPECT_EQ(Ipv4Prefix(Ipv4Address(0xffffffffu), 0), Ipv4Prefix::Any());
  EXPECT_FALSE(Ipv4Prefix(Ipv4Address(0x0a000000u), 8).had_host_bits());
}

TEST(Ipv4PrefixTest, RejectsMalformedText) {
  for (const char* text :
       {"10.0.0.0", "10.0.0.0/", "/8", "10.0.0.0/33", "10.0.0.0/+8", "10.0.0.0/08", "10.0.0.0/00",
        "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/ 8", "10.0.0.0/8 ", "10.0.0.0/0x8",
        "10.0.0.0/1000", "10.0.0/8", "010.0.0.0/8", "2001:db8::/32", ""}) {
    EXPECT_FALSE(Ipv4Prefix::Parse(text).has_value()) << '"' << text << '"';
  }
  EXPECT_TRUE(Ipv4Prefix::Parse("10.0.0.0/0").has_value());
  EXPECT_TRUE(Ipv4Prefix::Parse("10.0.0.0/32").has_value());
}

TEST(Ipv4PrefixTest, LastIsTheBroadcastAddress) {
  EXPECT_EQ(V4("10.0.0.0/16").Last(), 0x0a00ffffu);
  EXPECT_EQ(V4("0.0.0.0/0").Last(), 0xffffffffu);
  EXPECT_EQ(V4("1.2.3.4/32").Last(), 0x01020304u);
  EXPECT_EQ(V4("128.0.0.0/1").Last(), 0xffffffffu);
}

TEST(Ipv4PrefixTest, ContainsAndOverlaps) {
  const Ipv4Prefix block = V4("10.0.0.0/16");
  EXPECT_TRUE(block.Contains(*Ipv4Address::Parse("10.0.255.255")));
  EXPECT_FALSE(block.Contains(*Ipv4Address::Parse("10.1.0.0")));
  EXPECT_TRUE(block.Contains(V4("10.0.128.0/17")));
  EXPECT_TRUE(block.Contains(block));
  EXPECT_FALSE(block.Contains(V4("10.0.0.0/15")));  // wider: contains block, not vice versa
  EXPECT_TRUE(block.Overlaps(V4("10.0.0.0/8")));
  EXPECT_TRUE(V4("10.0.0.0/8").Overlaps(block));
  EXPECT_FALSE(block.Overlaps(V4("10.1.0.0/16")));
  EXPECT_TRUE(Ipv4Prefix::Any().Contains(V4("255.255.255.255/32")));
}

TEST(Ipv6PrefixTest, ParsesAndMasks) {
  const Ipv6Prefix prefix = V6("2001:db8::/32");
  EXPECT_EQ(prefix.length(), 32);
  EXPECT_FALSE(prefix.had_host_bits());
  EXPECT_EQ(prefix.ToString(), "2001:db8::/32");

  const Ipv6Prefix with_host = V6("2001:DB8:1::1/32");
  EXPECT_EQ(with_host, prefix);
  EXPECT_TRUE(with_host.had_host_bits());
  EXPECT_EQ(V6("fe80::1/0"), Ipv6Prefix::Any());
  EXPECT_EQ(Ipv6Prefix::Any().ToString(), "::/0");
  EXPECT_EQ(V6("::1/128").ToString(), "::1/128");
}

TEST(Ipv6PrefixTest, RejectsMalformedText) {
  for (const char* text :
       {"2001:db8::", "2001:db8::/", "2001:db8::/129", "2001:db8::/032", "2001:db8::/+32",
        "2001:db8::/1280", "2001:db8::%eth0/32", "10.0.0.0/8", "/64", "2001:db8:::/32"}) {
    EXPECT_FALSE(Ipv6Prefix::Parse(text).has_value()) << '"' << text << '"';
  }
  EXPECT_TRUE(Ipv6Prefix::Parse("::/128").has_value());
}

TEST(Ipv6PrefixTest, LastAndContainment) {
  EXPECT_TRUE(V6("::/0").Last() == kU128Max);
  EXPECT_TRUE(V6("2001:db8::/32").Last() == V6Value("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
  EXPECT_TRUE(V6("::1/128").Last() == Uint128{1});
  const Ipv6Prefix doc = V6("2001:db8::/32");
  EXPECT_TRUE(doc.Contains(*Ipv6Address::Parse("2001:db8:ffff::1")));
  EXPECT_FALSE(doc.Contains(*Ipv6Address::Parse("2001:db9::")));
  EXPECT_TRUE(doc.Contains(V6("2001:db8:1::/48")));
  EXPECT_FALSE(doc.Contains(V6("2001::/16")));
  EXPECT_TRUE(doc.Overlaps(V6("2001::/16")));
  EXPECT_FALSE(doc.Overlaps(V6("2001:db9::/32")));
}

// --- AddressSet and CIDR descriptions ----------------------------------------------------

TEST(AddressSetTest, EverythingAndEmptyPrint) {
  EXPECT_EQ(AddressSet::Everything().ToString(), "0.0.0.0/0, ::/0");
  EXPECT_EQ(AddressSet().ToString(), "(none)");
  EXPECT_TRUE(AddressSet().Empty());
  EXPECT_EQ(AddressSet::Of(V6("2001:db8::/32")).ToString(), "2001:db8::/32");
  EXPECT_EQ(AddressSet::Of(V4("10.0.0.7/8")).ToString(), "10.0.0.0/8");
}

TEST(AddressSetTest, HalvesUnionToEverythingOnlyWhenTheyTouch) {
  const AddressSet halves =
      AddressSet::Of(V4("0.0.0.0/1")).Union(AddressSet::Of(V4("128.0.0.0/1")));
  EXPECT_TRUE(halves.v4.IsFull());
  EXPECT_EQ(halves.ToString(), "0.0.0.0/0");

  const AddressSet gapped =
      AddressSet::Of(V4("0.0.0.0/1")).Union(AddressSet::Of(V4("128.0.0.0/2")));
  EXPECT_FALSE(gapped.v4.IsFull());
  EXPECT_EQ(gapped.ToString(), "0.0.0.0/1, 128.0.0.0/2");

  AddressSet v6_halves = AddressSet::Of(V6("::/1"));
  v6_halves.Add(V6("8000::/1"));
  EXPECT_TRUE(v6_halves.v6.IsFull());
}

TEST(AddressSetTest, SetOperationsWorkPerFamily) {
  AddressSet set = AddressSet::Of(V4("10.0.0.0/8"));
  set.Add(V6("2001:db8::/32"));
  const AddressSet everything = AddressSet::Everything();
  EXPECT_TRUE(everything.ContainsAll(set));
  EXPECT_FALSE(set.ContainsAll(everything));
  EXPECT_EQ(everything.Intersect(set), set);
  EXPECT_EQ(set.Subtract(AddressSet::Of(V4("10.0.0.0/9"))).ToString(),
            "10.128.0.0/9, 2001:db8::/32");
  EXPECT_EQ(everything.Subtract(set).Union(set), everything);
  // Different families never overlap, even when the numbers coincide.
  EXPECT_FALSE(AddressSet::Of(V4("0.0.0.0/8")).Overlaps(AddressSet::Of(V6("::/8"))));
  EXPECT_TRUE(set.Overlaps(AddressSet::Of(V6("2001:db8:5::/48"))));
}

TEST(AddressSetTest, ContainsAllWithEmptySets) {
  const AddressSet empty;
  EXPECT_TRUE(empty.ContainsAll(empty));
  EXPECT_TRUE(AddressSet::Of(V4("10.0.0.0/8")).ContainsAll(empty));
  EXPECT_FALSE(empty.ContainsAll(AddressSet::Of(V4("10.0.0.1/32"))));
  EXPECT_FALSE(empty.Overlaps(AddressSet::Everything()));
}

TEST(AddressSetTest, AddSetMergesBothFamilies) {
  AddressSet set = AddressSet::Of(V4("10.0.0.0/9"));
  AddressSet other = AddressSet::Of(V4("10.128.0.0/9"));
  other.Add(V6("::1/128"));
  set.Add(other);
  EXPECT_EQ(set.ToString(), "10.0.0.0/8, ::1/128");
}

TEST(DescribeSetTest, MinimalIpv4Decomposition) {
  Ipv4Set set(V4("10.0.0.0/16").First(), V4("10.1.0.0/16").Last());
  set.Add(V4("10.3.0.0/16").First(), V4("10.3.0.0/16").Last());
  EXPECT_EQ(DescribeIpv4Set(set), "10.0.0.0/15, 10.3.0.0/16");
  EXPECT_EQ(DescribeIpv4Set(Ipv4Set(0x0a000001u, 0x0a000006u)),
            "10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32");
  EXPECT_EQ(DescribeIpv4Set(Ipv4Set()), "(none)");
  EXPECT_EQ(DescribeIpv4Set(Ipv4Set::Full()), "0.0.0.0/0");
}

TEST(DescribeSetTest, Ipv4DecompositionAtBothEndsOfTheSpace) {
  const std::string without_zero = DescribeIpv4Set(Ipv4Set(1, 0xffffffffu));
  EXPECT_EQ(without_zero.substr(0, 34), "0.0.0.1/32, 0.0.0.2/31, 0.0.0.4/30");
  EXPECT_TRUE(without_zero.ends_with(", 64.0.0.0/2, 128.0.0.0/1")) << without_zero;

  const std::string without_broadcast = DescribeIpv4Set(Ipv4Set(0, 0xfffffffeu));
  EXPECT_TRUE(without_broadcast.starts_with("0.0.0.0/1, 128.0.0.0/2, ")) << without_broadcast;
  EXPECT_TRUE(without_broadcast.ends_with(", 255.255.255.252/31, 255.255.255.254/32"))
      << without_broadcast;
}

TEST(DescribeSetTest, Ipv6DecompositionIncludingTheTopAddress) {
  EXPECT_EQ(DescribeIpv6Set(Ipv6Set::Full()), "::/0");
  EXPECT_EQ(DescribeIpv6Set(Ipv6Set()), "(none)");
  EXPECT_EQ(
      DescribeIpv6Set(Ipv6Set(kU128Max - 2, kU128Max)),
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd/128, ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127");
  const std::string without_zero = DescribeIpv6Set(Ipv6Set(1, kU128Max));
  EXPECT_TRUE(without_zero.starts_with("::1/128, ::2/127, ::4/126")) << without_zero;
  EXPECT_TRUE(without_zero.ends_with(", 4000::/2, 8000::/1")) << without_zero;
}

// Property: the blocks cover exactly the set, in order, and no two sibling blocks remain
// (two siblings would be one block of the parent, so the list would not be minimal).
TEST(DescribeSetTest, RandomDecompositionsAreExactAndMinimal) {
  std::mt19937 random(99);
  for (int round = 0; round < 300; ++round) {
    Ipv4Set set;
    for (int i = 0; i < 3; ++i) {
      const std::uint32_t first = static_cast<std::uint32_t>(random());
      const std::uint32_t span = static_cast<std::uint32_t>(random()) >> (random() % 32);
      set.Add(first, first > 0xffffffffu - span ? 0xffffffffu : first + span);
    }
    const std::string text = DescribeIpv4Set(set);
    Ipv4Set rebuilt;
    std::vector<Ipv4Prefix> blocks;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find(", ", start);
      if (end == std::string::npos) end = text.size();
      const std::optional<Ipv4Prefix> block = Ipv4Prefix::Parse(text.substr(start, end - start));
      ASSERT_TRUE(block.has_value()) << text;
      ASSERT_FALSE(block->had_host_bits()) << text;
      if (!blocks.empty()) {
        ASSERT_LT(blocks.back().Last(), block->First()) << text;
        const Ipv4Prefix& previous = blocks.back();
        const bool siblings = previous.length() == block->length() && block->length() > 0 &&
                              Ipv4Prefix(previous.network(), block->length() - 1) ==
                                  Ipv4Prefix(block->network(), block->length() - 1);
        ASSERT_FALSE(siblings) << text;
      }
      rebuilt.Add(block->First(), block->Last());
      blocks.push_back(*block);
      start = end + 2;
    }
    ASSERT_EQ(rebuilt, set) << text;
  }
}

// --- Special-purpose ranges --------------------------------------------------------------

TEST(SpecialRangesTest, NonPublicIpv4IsTheIanaList) {
  EXPECT_EQ(DescribeIpv4Set(NonPublicIpv4()),
            "0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, "
            "192.0.0.0/24, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15, "
            "198.51.100.0/24, 203.0.113.0/24, 224.0.0.0/3");  // multicast + reserved merge
}

TEST(SpecialRangesTest, NonPublicIpv4BoundaryAddresses) {
  const auto non_public = [](std::string_view text) {
    return NonPublicIpv4().Contains(Ipv4Address::Parse(text)->value());
  };
  EXPECT_TRUE(non_public("255.255.255.255"));
  EXPECT_TRUE(non_public("100.127.255.255"));
  EXPECT_FALSE(non_public("100.128.0.0"));
  EXPECT_TRUE(non_public("172.31.255.255"));
  EXPECT_FALSE(non_public("172.32.0.0"));
  EXPECT_FALSE(non_public("192.0.1.0"));
  EXPECT_TRUE(non_public("198.19.255.255"));
  EXPECT_FALSE(non_public("198.20.0.0"));
  EXPECT_FALSE(non_public("8.8.8.8"));
  EXPECT_FALSE(non_public("223.255.255.255"));
}

TEST(SpecialRangesTest, NonPublicIpv6IsEverythingButGlobalUnicastMinusReserved) {
  EXPECT_EQ(DescribeIpv6Set(NonPublicIpv6()), "::/3, 2001::/23, 2001:db8::/32, 4000::/2, 8000::/1");
  const auto non_public = [](std::string_view text) {
    return NonPublicIpv6().Contains(Ipv6Address::Parse(text)->value());
  };
  EXPECT_TRUE(non_public("::1"));
  EXPECT_TRUE(non_public("::ffff:8.8.8.8"));
  EXPECT_TRUE(non_public("fe80::1"));
  EXPECT_TRUE(non_public("fd00::1"));
  EXPECT_TRUE(non_public("ff02::1"));
  EXPECT_TRUE(non_public("2001:db8::1"));
  EXPECT_TRUE(non_public("2001:1ff:ffff::"));
  EXPECT_FALSE(non_public("2001:200::"));
  EXPECT_FALSE(non_public("2001:4860:4860::8888"));
  EXPECT_FALSE(non_public("2002::1"));  // 6to4 counts as public
  EXPECT_FALSE(non_public("2600:1f18::1"));
  EXPECT_FALSE(non_public("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
}

TEST(SpecialRangesTest, PrivateIpv4IsRfc1918PlusCgnat) {
  EXPECT_EQ(DescribeIpv4Set(PrivateIpv4()),
            "10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12, 192.168.0.0/16");
  EXPECT_TRUE(NonPublicIpv4().ContainsAll(PrivateIpv4()));
  EXPECT_EQ(&PrivateIpv4(), &PrivateIpv4());  // built once
}

}  // namespace
}  // namespace netlint::model
