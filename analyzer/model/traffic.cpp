#include "netlint/model/traffic.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace netlint::model {
namespace {

bool EqualsIgnoringCase(std::string_view text, std::string_view lower_case_word) {
  return std::equal(
      text.begin(), text.end(), lower_case_word.begin(), lower_case_word.end(),
      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// A protocol number 0-255 in plain decimal: no sign, no spaces, and no leading zeros, so that
// every accepted spelling has exactly one reading.
std::optional<int> ParseProtocolNumber(std::string_view text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > 255) return std::nullopt;
  return value;
}

std::string PortInterval(std::uint16_t first, std::uint16_t last) {
  if (first == last) return std::to_string(first);
  return std::to_string(first) + "-" + std::to_string(last);
}

}  // namespace

std::optional<Protocol> Protocol::Parse(std::string_view text) {
  struct NamedProtocol {
    std::string_view name;
    int number;
  };
  static constexpr std::array<NamedProtocol, 6> kNames = {{
      {"-1", kAll},
      {"all", kAll},
      {"tcp", kTcp},
      {"udp", kUdp},
      {"icmp", kIcmp},
      {"icmpv6", kIcmpv6},
  }};
  for (const NamedProtocol& named : kNames) {
    if (EqualsIgnoringCase(text, named.name)) return Protocol(named.number);
  }
  const std::optional<int> number = ParseProtocolNumber(text);
  if (!number) return std::nullopt;
  return Protocol(*number);
}

std::string Protocol::Name() const {
  switch (number_) {
    case kAll:
      return "all";
    case kTcp:
      return "tcp";
    case kUdp:
      return "udp";
    case kIcmp:
      return "icmp";
    case kIcmpv6:
      return "icmpv6";
    default:
      return std::to_string(number_);
  }
}

std::string PortRange::ToString() const {
  if (IsAll()) return "all";
  return PortInterval(first, last);
}

PortSet TrafficSelector::PortsOf(Protocol port_protocol) const {
  if (protocol.IsAll()) return PortSet::Full();
  if (protocol == port_protocol && protocol.HasPorts()) return ports.ToSet();
  return {};
}

bool TrafficSelector::Matches(Protocol flow_protocol, std::uint16_t port) const {
  if (protocol.IsAll()) return true;
  if (protocol != flow_protocol) return false;
  // ICMP and protocols without ports match on the protocol alone.
  return !protocol.HasPorts() || ports.Contains(port);
}

std::string TrafficSelector::ToString() const {
  if (protocol.IsAll()) return "all traffic";
  if (protocol.HasPorts()) {
    return protocol.Name() + "/" + (ports.IsAll() ? "all ports" : ports.ToString());
  }
  if (protocol.IsIcmp()) {
    // A code only narrows a specific type; with any type it says nothing.
    if (icmp.type == -1) return protocol.Name();
    std::string text = protocol.Name() + " type " + std::to_string(icmp.type);
    if (icmp.code != -1) text += " code " + std::to_string(icmp.code);
    return text;
  }
  return "protocol " + std::to_string(protocol.number());
}

std::string DescribePortSet(const PortSet& ports) {
  if (ports.Empty()) return "(none)";
  if (ports.IsFull()) return "all";
  std::string text;
  for (const PortSet::Interval& interval : ports.intervals()) {
    if (!text.empty()) text += ", ";
    text += PortInterval(interval.first, interval.last);
  }
  return text;
}

}  // namespace netlint::model
