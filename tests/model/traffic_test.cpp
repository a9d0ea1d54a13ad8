// Protocols, port ranges and traffic selectors, with the AWS rule that a protocol without ports
// matches all of its traffic.

#include "netlint/model/traffic.h"

#include <gtest/gtest.h>

namespace netlint::model {
namespace {

TrafficSelector Tcp(std::uint16_t first, std::uint16_t last) {
  return {Protocol::Tcp(), PortRange{first, last}, {}};
}

TrafficSelector Icmp(int type, int code) {
  return {Protocol(Protocol::kIcmp), PortRange::All(), IcmpMatch{type, code}};
}

// --- Protocol ----------------------------------------------------------------------------

TEST(ProtocolTest, ParsesNamesInAnyCase) {
  EXPECT_EQ(Protocol::Parse("tcp"), Protocol::Tcp());
  EXPECT_EQ(Protocol::Parse("TCP"), Protocol::Tcp());
  EXPECT_EQ(Protocol::Parse("Udp"), Protocol::Udp());
  EXPECT_EQ(Protocol::Parse("icmp"), Protocol(Protocol::kIcmp));
  EXPECT_EQ(Protocol::Parse("ICMPv6"), Protocol(Protocol::kIcmpv6));
  EXPECT_EQ(Protocol::Parse("all"), Protocol::All());
  EXPECT_EQ(Protocol::Parse("ALL"), Protocol::All());
}

TEST(ProtocolTest, ParsesNumbers) {
  EXPECT_EQ(Protocol::Parse("-1"), Protocol::All());
  EXPECT_EQ(Protocol::Parse("6"), Protocol::Tcp());
  EXPECT_EQ(Protocol::Parse("17"), Protocol::Udp());
  EXPECT_EQ(Protocol::Parse("58"), Protocol(Protocol::kIcmpv6));
  EXPECT_EQ(Protocol::Parse("0"), Protocol(0));
  EXPECT_EQ(Protocol::Parse("50"), Protocol(50));
  EXPECT_EQ(Protocol::Parse("255"), Protocol(255));
}

TEST(ProtocolTest, RejectsEverythingElse) {
  for (const char* text : {"", "abc", "256", "6a", " 6", "6 ", "+6", "-2", "-0", "06", "1000",
                           "tcp6", "tc", "icmp6", "0x6", "6.0", "-"}) {
    EXPECT_FALSE(Protocol::Parse(text).has_value()) << '"' << text << '"';
  }
}

TEST(ProtocolTest, NameUsesKeywordsOrTheNumber) {
  EXPECT_EQ(Protocol::All().Name(), "all");
  EXPECT_EQ(Protocol::Tcp().Name(), "tcp");
  EXPECT_EQ(Protocol::Udp().Name(), "udp");
  EXPECT_EQ(Protocol(1).Name(), "icmp");
  EXPECT_EQ(Protocol(58).Name(), "icmpv6");
  EXPECT_EQ(Protocol(50).Name(), "50");
  EXPECT_EQ(Protocol(0).Name(), "0");
}

TEST(ProtocolTest, Classification) {
  EXPECT_TRUE(Protocol::Tcp().HasPorts());
  EXPECT_TRUE(Protocol::Udp().HasPorts());
  EXPECT_FALSE(Protocol(1).HasPorts());
  EXPECT_FALSE(Protocol::All().HasPorts());
  EXPECT_TRUE(Protocol(58).IsIcmp());
  EXPECT_FALSE(Protocol(50).IsIcmp());
  EXPECT_TRUE(Protocol::All().Matches(Protocol(50)));
  EXPECT_FALSE(Protocol::Tcp().Matches(Protocol::Udp()));
}

// --- PortRange and port sets -------------------------------------------------------------

TEST(PortRangeTest, ToString) {
  EXPECT_EQ(PortRange::Single(22).ToString(), "22");
  EXPECT_EQ((PortRange{1024, 65535}).ToString(), "1024-65535");
  EXPECT_EQ(PortRange::All().ToString(), "all");
  EXPECT_EQ((PortRange{0, 0}).ToString(), "0");
  EXPECT_EQ((PortRange{0, 65534}).ToString(), "0-65534");
}

TEST(PortRangeTest, ContainsIsInclusive) {
  const PortRange range{80, 90};
  EXPECT_FALSE(range.Contains(79));
  EXPECT_TRUE(range.Contains(80));
  EXPECT_TRUE(range.Contains(90));
  EXPECT_FALSE(range.Contains(91));
  EXPECT_TRUE(PortRange::All().Contains(65535));
  EXPECT_TRUE(PortRange::All().ToSet().IsFull());
}

TEST(DescribePortSetTest, ListsRangesInOrder) {
  PortSet ports(443, 443);
  ports.Add(80, 90);
  ports.Add(22, 22);
  EXPECT_EQ(DescribePortSet(ports), "22, 80-90, 443");
  EXPECT_EQ(DescribePortSet(PortSet(22, 22)), "22");
}

TEST(DescribePortSetTest, FullAndEmpty) {
  EXPECT_EQ(DescribePortSet(PortSet::Full()), "all");
  EXPECT_EQ(DescribePortSet(PortSet()), "(none)");
  PortSet halves(0, 1023);
  halves.Add(1024, 65535);
  EXPECT_EQ(DescribePortSet(halves), "all");
  EXPECT_EQ(DescribePortSet(PortSet(1, 65535)), "1-65535");
}

// --- TrafficSelector ---------------------------------------------------------------------

TEST(TrafficSelectorTest, PortsOfAllTrafficIsEveryPortOfEitherProtocol) {
  const TrafficSelector all = TrafficSelector::AllTraffic();
  EXPECT_TRUE(all.IsAllTraffic());
  EXPECT_TRUE(all.PortsOf(Protocol::Tcp()).IsFull());
  EXPECT_TRUE(all.PortsOf(Protocol::Udp()).IsFull());
}

TEST(TrafficSelectorTest, PortsOfMatchingProtocolIsTheRange) {
  const TrafficSelector ssh = Tcp(22, 22);
  EXPECT_EQ(ssh.PortsOf(Protocol::Tcp()), PortSet(22, 22));
  EXPECT_TRUE(ssh.PortsOf(Protocol::Udp()).Empty());
  const TrafficSelector dns{Protocol::Udp(), PortRange::Single(53), {}};
  EXPECT_EQ(dns.PortsOf(Protocol::Udp()), PortSet(53, 53));
  EXPECT_TRUE(dns.PortsOf(Protocol::Tcp()).Empty());
}

TEST(TrafficSelectorTest, PortsOfPortlessProtocolIsEmpty) {
  EXPECT_TRUE(Icmp(-1, -1).PortsOf(Protocol::Tcp()).Empty());
  const TrafficSelector esp{Protocol(50), PortRange::All(), {}};
  EXPECT_TRUE(esp.PortsOf(Protocol::Tcp()).Empty());
  EXPECT_TRUE(esp.PortsOf(Protocol(50)).Empty());  // no ports to report, though it matches
}

TEST(TrafficSelectorTest, MatchesChecksPortsOnlyForTcpAndUdp) {
  const TrafficSelector web = Tcp(80, 443);
  EXPECT_TRUE(web.Matches(Protocol::Tcp(), 80));
  EXPECT_TRUE(web.Matches(Protocol::Tcp(), 443));
  EXPECT_FALSE(web.Matches(Protocol::Tcp(), 79));
  EXPECT_FALSE(web.Matches(Protocol::Tcp(), 444));
  EXPECT_FALSE(web.Matches(Protocol::Udp(), 80));
  EXPECT_TRUE(TrafficSelector::AllTraffic().Matches(Protocol(50), 0));
  EXPECT_TRUE(TrafficSelector::AllTraffic().Matches(Protocol::Udp(), 65535));
}

TEST(TrafficSelectorTest, PortlessProtocolMatchesAllOfItsTraffic) {
  // AWS ignores port numbers given with e.g. protocol 50 (ESP): the rule opens all of ESP.
  const TrafficSelector esp{Protocol(50), PortRange{500, 500}, {}};
  EXPECT_TRUE(esp.Matches(Protocol(50), 0));
  EXPECT_TRUE(esp.Matches(Protocol(50), 12345));
  EXPECT_FALSE(esp.Matches(Protocol::Tcp(), 500));
  EXPECT_TRUE(Icmp(8, -1).Matches(Protocol(Protocol::kIcmp), 0));
  EXPECT_FALSE(Icmp(8, -1).Matches(Protocol(Protocol::kIcmpv6), 0));
}

TEST(TrafficSelectorTest, ToStringForPortProtocols) {
  EXPECT_EQ(TrafficSelector::AllTraffic().ToString(), "all traffic");
  EXPECT_EQ(Tcp(22, 22).ToString(), "tcp/22");
  EXPECT_EQ((TrafficSelector{Protocol::Udp(), PortRange{1024, 65535}, {}}).ToString(),
            "udp/1024-65535");
  EXPECT_EQ(Tcp(0, 65535).ToString(), "tcp/all ports");
  EXPECT_EQ(Tcp(0, 65534).ToString(), "tcp/0-65534");
}

TEST(TrafficSelectorTest, ToStringForIcmpAndOtherProtocols) {
  EXPECT_EQ(Icmp(-1, -1).ToString(), "icmp");
  EXPECT_EQ(Icmp(-1, 4).ToString(), "icmp");  // a code without a type narrows nothing
  EXPECT_EQ(Icmp(8, -1).ToString(), "icmp type 8");
  EXPECT_EQ(Icmp(3, 4).ToString(), "icmp type 3 code 4");
  EXPECT_EQ(Icmp(0, 0).ToString(), "icmp type 0 code 0");
  const TrafficSelector icmpv6{Protocol(Protocol::kIcmpv6), PortRange::All(), IcmpMatch{128, -1}};
  EXPECT_EQ(icmpv6.ToString(), "icmpv6 type 128");
  EXPECT_EQ((TrafficSelector{Protocol(Protocol::kIcmpv6), PortRange::All(), {}}).ToString(),
            "icmpv6");
  EXPECT_EQ((TrafficSelector{Protocol(50), PortRange::All(), {}}).ToString(), "protocol 50");
  EXPECT_EQ((TrafficSelector{Protocol(0), PortRange::All(), {}}).ToString(), "protocol 0");
}

}  // namespace
}  // namespace netlint::model
