#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "netlint/model/interval_set.h"

namespace netlint::model {

enum class IpFamily { kV4, kV6 };

class Ipv4Address {
 public:
  constexpr Ipv4Address() = default;
  constexpr explicit Ipv4Address(std::uint32_t value) : value_(value) {}
  // Strict dotted quad: four decimal octets 0-255, no leading '+', no empty parts.
  static std::optional<Ipv4Address> Parse(std::string_view text);
  [[nodiscard]] constexpr std::uint32_t value() const { return value_; }
  [[nodiscard]] std::string ToString() const;
  friend constexpr auto operator<=>(Ipv4Address, Ipv4Address) = default;

 private:
  std::uint32_t value_ = 0;
};

class Ipv6Address {
 public:
  constexpr Ipv6Address() = default;
  constexpr explicit Ipv6Address(Uint128 value) : value_(value) {}
  // RFC 4291 text forms, including "::" compression and an embedded dotted quad.
  static std::optional<Ipv6Address> Parse(std::string_view text);
  [[nodiscard]] constexpr Uint128 value() const { return value_; }
  // RFC 5952 canonical text (lower case, longest zero run compressed).
  [[nodiscard]] std::string ToString() const;
  friend constexpr bool operator==(Ipv6Address, Ipv6Address) = default;
  friend constexpr bool operator<(Ipv6Address a, Ipv6Address b) { return a.value_ < b.value_; }

 private:
  Uint128 value_ = 0;
};

// A CIDR block. Host bits given in the text are cleared (AWS treats "1.2.3.4/0" as the whole
// space), and `had_host_bits()` remembers that they were there.
class Ipv4Prefix {
 public:
  Ipv4Prefix() = default;
  Ipv4Prefix(Ipv4Address address, int length);
  static std::optional<Ipv4Prefix> Parse(std::string_view text);
  static Ipv4Prefix Any() { return Ipv4Prefix(Ipv4Address(0), 0); }

  [[nodiscard]] Ipv4Address network() const { return network_; }
  [[nodiscard]] int length() const { return length_; }
  [[nodiscard]] bool had_host_bits() const { return had_host_bits_; }
  [[nodiscard]] std::uint32_t First() const { return network_.value(); }
  [[nodiscard]] std::uint32_t Last() const;
  [[nodiscard]] bool Contains(Ipv4Address address) const;
  [[nodiscard]] bool Contains(const Ipv4Prefix& other) const;
  [[nodiscard]] bool Overlaps(const Ipv4Prefix& other) const;
  [[nodiscard]] std::string ToString() const;
  friend bool operator==(const Ipv4Prefix& a, const Ipv4Prefix& b) {
    return a.network_ == b.network_ && a.length_ == b.length_;
  }

 private:
  Ipv4Address network_;
  int length_ = 0;
  bool had_host_bits_ = false;
};

class Ipv6Prefix {
 public:
  Ipv6Prefix() = default;
  Ipv6Prefix(Ipv6Address address, int length);
  static std::optional<Ipv6Prefix> Parse(std::string_view text);
  static Ipv6Prefix Any() { return Ipv6Prefix(Ipv6Address(0), 0); }

  [[nodiscard]] Ipv6Address network() const { return network_; }
  [[nodiscard]] int length() const { return length_; }
  [[nodiscard]] bool had_host_bits() const { return had_host_bits_; }
  [[nodiscard]] Uint128 First() const { return network_.value(); }
  [[nodiscard]] Uint128 Last() const;
  [[nodiscard]] bool Contains(Ipv6Address address) const;
  [[nodiscard]] bool Contains(const Ipv6Prefix& other) const;
  [[nodiscard]] bool Overlaps(const Ipv6Prefix& other) const;
  [[nodiscard]] std::string ToString() const;
  friend bool operator==(const Ipv6Prefix& a, const Ipv6Prefix& b) {
    return a.network_ == b.network_ && a.length_ == b.length_;
  }

 private:
  Ipv6Address network_;
  int length_ = 0;
  bool had_host_bits_ = false;
};

using Ipv4Set = IntervalSet<std::uint32_t>;
using Ipv6Set = IntervalSet<Uint128>;

// IPv4 and IPv6 addresses together: what a security group rule, a NACL entry or a route
// destination covers.
struct AddressSet {
  Ipv4Set v4;
  Ipv6Set v6;

  static AddressSet Of(const Ipv4Prefix& prefix);
  static AddressSet Of(const Ipv6Prefix& prefix);
  static AddressSet Everything();

  void Add(const Ipv4Prefix& prefix) { v4.Add(prefix.First(), prefix.Last()); }
  void Add(const Ipv6Prefix& prefix) { v6.Add(prefix.First(), prefix.Last()); }
  void Add(const AddressSet& other);
  [[nodiscard]] bool Empty() const { return v4.Empty() && v6.Empty(); }
  [[nodiscard]] AddressSet Union(const AddressSet& other) const;
  [[nodiscard]] AddressSet Intersect(const AddressSet& other) const;
  [[nodiscard]] AddressSet Subtract(const AddressSet& other) const;
  [[nodiscard]] bool ContainsAll(const AddressSet& other) const;
  [[nodiscard]] bool Overlaps(const AddressSet& other) const;
  // The smallest list of CIDR blocks that covers exactly this set, IPv4 first.
  [[nodiscard]] std::string ToString() const;
  friend bool operator==(const AddressSet&, const AddressSet&) = default;
};

// The minimal CIDR decomposition of a set, for messages ("10.0.0.0/15, 10.2.0.0/16").
std::string DescribeIpv4Set(const Ipv4Set& set);
std::string DescribeIpv6Set(const Ipv6Set& set);

// Addresses that are not reachable on the public internet: RFC 1918, CGNAT (RFC 6598),
// loopback, link-local, "this network", IETF protocol assignments, documentation, benchmarking,
// multicast and reserved space (IANA special-purpose registry); for IPv6 everything outside
// global unicast 2000::/3 plus the documentation, ORCHID and benchmarking blocks inside it.
const Ipv4Set& NonPublicIpv4();
const Ipv6Set& NonPublicIpv6();
// RFC 1918 plus CGNAT: the ranges organisations use inside their networks.
const Ipv4Set& PrivateIpv4();
// The public internet of each family: everything but NonPublicIpv4/NonPublicIpv6.
const Ipv4Set& PublicIpv4();
const Ipv6Set& PublicIpv6();

}  // namespace netlint::model
