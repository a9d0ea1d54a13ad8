#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "netlint/model/interval_set.h"

namespace netlint::model {

using PortSet = IntervalSet<std::uint16_t>;

// An IP protocol number, or "all protocols" (AWS writes it -1).
class Protocol {
 public:
  static constexpr int kAll = -1;
  static constexpr int kIcmp = 1;
  static constexpr int kTcp = 6;
  static constexpr int kUdp = 17;
  static constexpr int kIcmpv6 = 58;

  constexpr Protocol() = default;
  constexpr explicit Protocol(int number) : number_(number) {}
  static constexpr Protocol All() { return Protocol(kAll); }
  static constexpr Protocol Tcp() { return Protocol(kTcp); }
  static constexpr Protocol Udp() { return Protocol(kUdp); }

  // "-1", "all", "tcp", "udp", "icmp", "icmpv6" (any case) or a number 0-255 (also "-1").
  static std::optional<Protocol> Parse(std::string_view text);

  [[nodiscard]] constexpr int number() const { return number_; }
  [[nodiscard]] constexpr bool IsAll() const { return number_ == kAll; }
  [[nodiscard]] constexpr bool HasPorts() const { return number_ == kTcp || number_ == kUdp; }
  [[nodiscard]] constexpr bool IsIcmp() const {
    return number_ == kIcmp || number_ == kIcmpv6;
  }
  // Whether a rule for this protocol matches traffic of `other` (a concrete protocol).
  [[nodiscard]] constexpr bool Matches(Protocol other) const {
    return IsAll() || number_ == other.number_;
  }
  // "all", "tcp", "udp", "icmp", "icmpv6" or the number.
  [[nodiscard]] std::string Name() const;
  friend constexpr bool operator==(Protocol, Protocol) = default;

 private:
  int number_ = kAll;
};

struct PortRange {
  std::uint16_t first = 0;
  std::uint16_t last = 65535;

  static constexpr PortRange All() { return {0, 65535}; }
  static constexpr PortRange Single(std::uint16_t port) { return {port, port}; }
  [[nodiscard]] constexpr bool IsAll() const { return first == 0 && last == 65535; }
  [[nodiscard]] constexpr bool Contains(std::uint16_t port) const {
    return first <= port && port <= last;
  }
  [[nodiscard]] PortSet ToSet() const { return PortSet(first, last); }
  // "22", "1024-65535" or "all"
  [[nodiscard]] std::string ToString() const;
  friend constexpr bool operator==(PortRange, PortRange) = default;
};

// ICMP type and code; -1 means any.
struct IcmpMatch {
  int type = -1;
  int code = -1;
  friend constexpr bool operator==(IcmpMatch, IcmpMatch) = default;
};

// What traffic a security group rule or NACL entry matches, besides the peer address: a
// protocol and, for TCP and UDP, a port range; for ICMP a type and code. AWS semantics: any
// protocol other than TCP, UDP, ICMP and ICMPv6 matches all of its traffic whatever the
// numbers say, and "all protocols" matches everything.
struct TrafficSelector {
  Protocol protocol;
  PortRange ports;  // meaningful only when protocol.HasPorts()
  IcmpMatch icmp;   // meaningful only when protocol.IsIcmp()

  static TrafficSelector AllTraffic() { return {Protocol::All(), PortRange::All(), {}}; }
  [[nodiscard]] bool IsAllTraffic() const { return protocol.IsAll(); }
  // Ports of `port_protocol` (TCP or UDP) that this selector matches.
  [[nodiscard]] PortSet PortsOf(Protocol port_protocol) const;
  [[nodiscard]] bool Matches(Protocol flow_protocol, std::uint16_t port) const;
  // "all traffic", "tcp/22", "udp/1024-65535", "icmp type 8", "icmp", "protocol 50"
  [[nodiscard]] std::string ToString() const;
  friend bool operator==(const TrafficSelector&, const TrafficSelector&) = default;
};

// "22", "22, 80-90, 443"
std::string DescribePortSet(const PortSet& ports);

}  // namespace netlint::model
