#include "netlint/model/address.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace netlint::model {
namespace {

constexpr int kIpv4Bits = 32;
constexpr int kIpv6Bits = 128;
constexpr int kIpv6Groups = 8;

bool IsDecimalDigit(char c) { return c >= '0' && c <= '9'; }

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses a non-negative decimal number of at most `max_digits` digits that is not above
// `max_value`. A leading zero is only allowed for "0" itself: inet_aton and several other
// parsers read "010" as octal 8, so such text is ambiguous and is rejected rather than guessed.
std::optional<int> ParseStrictDecimal(std::string_view text, std::size_t max_digits,
                                      int max_value) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (!IsDecimalDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max_value) return std::nullopt;
  return value;
}

std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// One to four hex digits.
std::optional<std::uint16_t> ParseHexGroup(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    const int digit = HexDigitValue(c);
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  return static_cast<std::uint16_t>(value);
}

// Appends the 16-bit groups written in `text` (colon separated, no "::"). Only when
// `may_end_with_ipv4` is set may the last group be a dotted quad, which stands for two groups.
bool AppendGroups(std::string_view text, bool may_end_with_ipv4,
                  std::vector<std::uint16_t>& groups) {
  if (text.empty()) return true;
  const std::vector<std::string_view> parts = SplitOn(text, ':');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part.find('.') != std::string_view::npos) {
      if (!may_end_with_ipv4 || i + 1 != parts.size()) return false;
      const std::optional<Ipv4Address> embedded = Ipv4Address::Parse(part);
      if (!embedded) return false;
      groups.push_back(static_cast<std::uint16_t>(embedded->value() >> 16));
      groups.push_back(static_cast<std::uint16_t>(embedded->value() & 0xffffu));
      continue;
    }
    const std::optional<std::uint16_t> group = ParseHexGroup(part);
    if (!group) return false;
    groups.push_back(*group);
  }
  return true;
}

std::array<std::uint16_t, kIpv6Groups> GroupsOf(Uint128 value) {
  std::array<std::uint16_t, kIpv6Groups> groups{};
  for (int i = kIpv6Groups - 1; i >= 0; --i) {
    groups[static_cast<std::size_t>(i)] = static_cast<std::uint16_t>(value & 0xffffu);
    value >>= 16;
  }
  return groups;
}

std::string HexGroup(std::uint16_t group) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const unsigned digit = (group >> shift) & 0xfu;
    if (digit != 0 || started || shift == 0) {
      text.push_back(kDigits[digit]);
      started = true;
    }
  }
  return text;
}

std::uint32_t Ipv4Mask(int length) {
  return length == 0 ? 0u : ~std::uint32_t{0} << (kIpv4Bits - length);
}

Uint128 Ipv6Mask(int length) {
  return length == 0 ? Uint128{0} : ~Uint128{0} << (kIpv6Bits - length);
}

// Splits "address/length" and parses the length strictly (decimal, no sign, no leading zeros).
template <typename Address>
std::optional<std::pair<Address, int>> ParsePrefixParts(std::string_view text, int max_length) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::optional<Address> address = Address::Parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  const std::optional<int> length = ParseStrictDecimal(text.substr(slash + 1), 3, max_length);
  if (!length) return std::nullopt;
  return std::pair<Address, int>{*address, *length};
}

int CountTrailingZeros(Uint128 value, int width) {
  if (value == 0) return width;
  int zeros = 0;
  while ((value & 1u) == 0) {
    value >>= 1;
    ++zeros;
  }
  return zeros;
}

// Size minus one of a block with `host_bits` host bits; 2^128 - 1 for ::/0 fits, 2^128 would not.
Uint128 BlockSpan(int host_bits) {
  return host_bits == kIpv6Bits ? ~Uint128{0} : (Uint128{1} << host_bits) - 1;
}

// Walks the minimal list of CIDR blocks that covers [first, last] exactly: at each step the
// largest block that starts at `first` (limited by its alignment) and does not pass `last`.
// `T` is an unsigned type of `width` bits; spans are computed in Uint128 so that the whole
// 32-bit space needs no special case.
template <typename T, typename EmitBlock>
void ForEachCidrBlock(T first, T last, int width, EmitBlock emit_block) {
  while (true) {
    const Uint128 remaining = static_cast<Uint128>(last - first);
    int host_bits = CountTrailingZeros(first, width);
    while (BlockSpan(host_bits) > remaining) --host_bits;
    emit_block(first, width - host_bits);
    // Stop before stepping past the block; past the maximum `first` would wrap to 0.
    if (BlockSpan(host_bits) == remaining) return;
    first = static_cast<T>(first + BlockSpan(host_bits) + 1);
  }
}

template <typename Prefix, typename Address, typename Set>
void AppendCidrBlocks(const Set& set, int width, std::string& out) {
  for (const auto& interval : set.intervals()) {
    ForEachCidrBlock(interval.first, interval.last, width, [&](auto first, int length) {
      if (!out.empty()) out += ", ";
      out += Prefix(Address(first), length).ToString();
    });
  }
}

Ipv4Set Ipv4SetOf(std::initializer_list<std::string_view> cidrs) {
  Ipv4Set set;
  for (std::string_view cidr : cidrs) {
    const Ipv4Prefix prefix = *Ipv4Prefix::Parse(cidr);
    set.Add(prefix.First(), prefix.Last());
  }
  return set;
}

Ipv6Set Ipv6SetOf(std::initializer_list<std::string_view> cidrs) {
  Ipv6Set set;
  for (std::string_view cidr : cidrs) {
    const Ipv6Prefix prefix = *Ipv6Prefix::Parse(cidr);
    set.Add(prefix.First(), prefix.Last());
  }
  return set;
}

}  // namespace

std::optional<Ipv4Address> Ipv4Address::Parse(std::string_view text) {
  const std::vector<std::string_view> octets = SplitOn(text, '.');
  if (octets.size() != 4) return std::nullopt;
  std::uint32_t value = 0;
  for (std::string_view octet : octets) {
    const std::optional<int> parsed = ParseStrictDecimal(octet, 3, 255);
    if (!parsed) return std::nullopt;
    value = (value << 8) | static_cast<std::uint32_t>(*parsed);
  }
  return Ipv4Address(value);
}

std::string Ipv4Address::ToString() const {
  std::string text;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (!text.empty()) text.push_back('.');
    text += std::to_string((value_ >> shift) & 0xffu);
  }
  return text;
}

std::optional<Ipv6Address> Ipv6Address::Parse(std::string_view text) {
  // Anything but hex digits, ':' and '.' (zone ids, spaces, brackets, a prefix length) is
  // rejected here so the group parsers only see well-formed characters.
  for (char c : text) {
    if (HexDigitValue(c) < 0 && c != ':' && c != '.') return std::nullopt;
  }
  const std::size_t gap = text.find("::");
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  if (gap == std::string_view::npos) {
    if (!AppendGroups(text, /*may_end_with_ipv4=*/true, head)) return std::nullopt;
    if (text.empty() || head.size() != kIpv6Groups) return std::nullopt;
  } else {
    const std::string_view before = text.substr(0, gap);
    const std::string_view after = text.substr(gap + 2);
    // A second "::", or ":::" which leaves a stray colon next to the gap.
    if (after.find("::") != std::string_view::npos) return std::nullopt;
    if (!after.empty() && after.front() == ':') return std::nullopt;
    if (!AppendGroups(before, /*may_end_with_ipv4=*/false, head)) return std::nullopt;
    if (!AppendGroups(after, /*may_end_with_ipv4=*/true, tail)) return std::nullopt;
    // "::" stands for at least one zero group.
    if (head.size() + tail.size() >= kIpv6Groups) return std::nullopt;
  }
  // The groups "::" stands for are the zeros between the head and the right-aligned tail.
  std::array<std::uint16_t, kIpv6Groups> groups{};
  std::copy(head.begin(), head.end(), groups.begin());
  std::copy(tail.begin(), tail.end(), groups.end() - static_cast<std::ptrdiff_t>(tail.size()));
  Uint128 value = 0;
  for (std::uint16_t group : groups) value = (value << 16) | group;
  return Ipv6Address(value);
}

std::string Ipv6Address::ToString() const {
  // RFC 5952 section 5 recommends mixed notation for IPv4-mapped addresses (::ffff:0:0/96) so
  // that the IPv4 address stays recognisable; other embeddings are not identifiable from the
  // address alone and stay in hex.
  constexpr Uint128 kMappedMask = ~Uint128{0} << 32;
  constexpr Uint128 kMappedPrefix = Uint128{0xffff} << 32;
  if ((value_ & kMappedMask) == kMappedPrefix) {
    return "::ffff:" + Ipv4Address(static_cast<std::uint32_t>(value_)).ToString();
  }

  const std::array<std::uint16_t, kIpv6Groups> groups = GroupsOf(value_);

  // Longest run of two or more zero groups; the first one wins a tie.
  int best_start = -1;
  int best_length = 1;
  for (int i = 0; i < kIpv6Groups;) {
    if (groups[static_cast<std::size_t>(i)] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < kIpv6Groups && groups[static_cast<std::size_t>(j)] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }

  std::string text;
  for (int i = 0; i < kIpv6Groups; ++i) {
    if (i == best_start) {
      text += "::";
      i += best_length - 1;
      continue;
    }
    if (!text.empty() && text.back() != ':') text.push_back(':');
    text += HexGroup(groups[static_cast<std::size_t>(i)]);
  }
  return text;
}

// An out-of-range length is clamped rather than left to an undefined shift; parsed prefixes
// never have one.
Ipv4Prefix::Ipv4Prefix(Ipv4Address address, int length)
    : length_(std::clamp(length, 0, kIpv4Bits)) {
  const std::uint32_t masked = address.value() & Ipv4Mask(length_);
  network_ = Ipv4Address(masked);
  had_host_bits_ = masked != address.value();
}

std::optional<Ipv4Prefix> Ipv4Prefix::Parse(std::string_view text) {
  const auto parts = ParsePrefixParts<Ipv4Address>(text, kIpv4Bits);
  if (!parts) return std::nullopt;
  return Ipv4Prefix(parts->first, parts->second);
}

std::uint32_t Ipv4Prefix::Last() const { return network_.value() | ~Ipv4Mask(length_); }

bool Ipv4Prefix::Contains(Ipv4Address address) const {
  return (address.value() & Ipv4Mask(length_)) == network_.value();
}

bool Ipv4Prefix::Contains(const Ipv4Prefix& other) const {
  return other.length_ >= length_ && Contains(other.network_);
}

bool Ipv4Prefix::Overlaps(const Ipv4Prefix& other) const {
  // Two CIDR blocks either nest or are disjoint.
  return Contains(other) || other.Contains(*this);
}

std::string Ipv4Prefix::ToString() const {
  return network_.ToString() + "/" + std::to_string(length_);
}

Ipv6Prefix::Ipv6Prefix(Ipv6Address address, int length)
    : length_(std::clamp(length, 0, kIpv6Bits)) {
  const Uint128 masked = address.value() & Ipv6Mask(length_);
  network_ = Ipv6Address(masked);
  had_host_bits_ = masked != address.value();
}

std::optional<Ipv6Prefix> Ipv6Prefix::Parse(std::string_view text) {
  const auto parts = ParsePrefixParts<Ipv6Address>(text, kIpv6Bits);
  if (!parts) return std::nullopt;
  return Ipv6Prefix(parts->first, parts->second);
}

Uint128 Ipv6Prefix::Last() const { return network_.value() | ~Ipv6Mask(length_); }

bool Ipv6Prefix::Contains(Ipv6Address address) const {
  return (address.value() & Ipv6Mask(length_)) == network_.value();
}

bool Ipv6Prefix::Contains(const Ipv6Prefix& other) const {
  return other.length_ >= length_ && Contains(other.network_);
}

bool Ipv6Prefix::Overlaps(const Ipv6Prefix& other) const {
  return Contains(other) || other.Contains(*this);
}

std::string Ipv6Prefix::ToString() const {
  return network_.ToString() + "/" + std::to_string(length_);
}

AddressSet AddressSet::Of(const Ipv4Prefix& prefix) {
  AddressSet set;
  set.Add(prefix);
  return set;
}

AddressSet AddressSet::Of(const Ipv6Prefix& prefix) {
  AddressSet set;
  set.Add(prefix);
  return set;
}

AddressSet AddressSet::Everything() { return {Ipv4Set::Full(), Ipv6Set::Full()}; }

void AddressSet::Add(const AddressSet& other) {
  v4.Add(other.v4);
  v6.Add(other.v6);
}

AddressSet AddressSet::Union(const AddressSet& other) const {
  return {v4.Union(other.v4), v6.Union(other.v6)};
}

AddressSet AddressSet::Intersect(const AddressSet& other) const {
  return {v4.Intersect(other.v4), v6.Intersect(other.v6)};
}

AddressSet AddressSet::Subtract(const AddressSet& other) const {
  return {v4.Subtract(other.v4), v6.Subtract(other.v6)};
}

bool AddressSet::ContainsAll(const AddressSet& other) const {
  return v4.ContainsAll(other.v4) && v6.ContainsAll(other.v6);
}

bool AddressSet::Overlaps(const AddressSet& other) const {
  return v4.Overlaps(other.v4) || v6.Overlaps(other.v6);
}

std::string AddressSet::ToString() const {
  std::string text;
  AppendCidrBlocks<Ipv4Prefix, Ipv4Address>(v4, kIpv4Bits, text);
  AppendCidrBlocks<Ipv6Prefix, Ipv6Address>(v6, kIpv6Bits, text);
  return text.empty() ? "(none)" : text;
}

std::string DescribeIpv4Set(const Ipv4Set& set) {
  std::string text;
  AppendCidrBlocks<Ipv4Prefix, Ipv4Address>(set, kIpv4Bits, text);
  return text.empty() ? "(none)" : text;
}

std::string DescribeIpv6Set(const Ipv6Set& set) {
  std::string text;
  AppendCidrBlocks<Ipv6Prefix, Ipv6Address>(set, kIpv6Bits, text);
  return text.empty() ? "(none)" : text;
}

const Ipv4Set& NonPublicIpv4() {
  // IANA IPv4 special-purpose address registry, entries that are not globally reachable.
  // 192.88.99.0/24 (the deprecated 6to4 relay anycast) is kept: nothing public should live there.
  static const Ipv4Set kNonPublic = Ipv4SetOf({
      "0.0.0.0/8",        // "this network"
      "10.0.0.0/8",       // RFC 1918
      "100.64.0.0/10",    // shared address space (CGNAT)
      "127.0.0.0/8",      // loopback
      "169.254.0.0/16",   // link-local
      "172.16.0.0/12",    // RFC 1918
      "192.0.0.0/24",     // IETF protocol assignments
      "192.0.2.0/24",     // TEST-NET-1
      "192.88.99.0/24",   // 6to4 relay anycast
      "192.168.0.0/16",   // RFC 1918
      "198.18.0.0/15",    // benchmarking
      "198.51.100.0/24",  // TEST-NET-2
      "203.0.113.0/24",   // TEST-NET-3
      "224.0.0.0/4",      // multicast
      "240.0.0.0/4",      // reserved, including limited broadcast 255.255.255.255
  });
  return kNonPublic;
}

const Ipv6Set& NonPublicIpv6() {
  // Only 2000::/3 is allocated as global unicast. Inside it, 2001::/23 holds the IETF protocol
  // assignments (Teredo, benchmarking, ORCHID) and 2001:db8::/32 is documentation. 6to4
  // (2002::/16) carries real public traffic and so counts as public.
  static const Ipv6Set kNonPublic =
      Ipv6SetOf({"2001::/23", "2001:db8::/32"}).Union(Ipv6SetOf({"2000::/3"}).Complement());
  return kNonPublic;
}

const Ipv4Set& PrivateIpv4() {
  static const Ipv4Set kPrivate =
      Ipv4SetOf({"10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16"});
  return kPrivate;
}

const Ipv4Set& PublicIpv4() {
  static const Ipv4Set kPublic = NonPublicIpv4().Complement();
  return kPublic;
}

const Ipv6Set& PublicIpv6() {
  static const Ipv6Set kPublic = NonPublicIpv6().Complement();
  return kPublic;
}

}  // namespace netlint::model
