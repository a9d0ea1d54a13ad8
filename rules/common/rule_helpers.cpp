#include "rules/common/rule_helpers.h"

#include <algorithm>

namespace netlint::rules {

std::string JoinLimited(const std::vector<std::string>& items, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i == limit) {
      text += " and " + std::to_string(items.size() - limit) + " more";
      break;
    }
    if (i > 0) text += ", ";
    text += items[i];
  }
  return text;
}

Finding& ReportOnGroup(FindingSink& sink, const model::SecurityGroup& group,
                       std::string message, SourceRef source) {
  Finding& finding =
      sink.Report(group, model::ResourceKind::kSecurityGroup, std::move(message), std::move(source));
  if (!group.name.empty()) finding.resource_name = group.name;
  return finding;
}

ExposureReport::Entry& ExposureReport::EntryFor(const ExposedRange& range) {
  const model::SgRule* anchor = range.rules.front();
  // Rules written in one statement (an IpPermission with an IPv4 and an IPv6 range) make one
  // finding at that statement.
  auto same_statement = [&](const Entry& entry) {
    return entry.anchor->statement.file == anchor->statement.file &&
           entry.anchor->statement.pointer == anchor->statement.pointer &&
           entry.anchor->statement.line == anchor->statement.line;
  };
  auto it = std::find_if(entries_.begin(), entries_.end(), same_statement);
  if (it == entries_.end()) {
    entries_.push_back(Entry{});
    it = std::prev(entries_.end());
    it->anchor = anchor;
  }
  Entry& entry = *it;
  if (std::find(entry.families.begin(), entry.families.end(), range.family) ==
      entry.families.end()) {
    entry.families.push_back(range.family);
  }
  for (const model::SgRule* rule : range.rules) {
    if (std::find(entry.rules.begin(), entry.rules.end(), rule) == entry.rules.end()) {
      entry.rules.push_back(rule);
    }
  }
  return entry;
}

void ExposureReport::Add(const ExposedRange& range, const model::PortSet& ports) {
  Entry& entry = EntryFor(range);
  entry.ports_by_protocol[range.protocol.number()].Add(ports);
}

void ExposureReport::AddAllTraffic(const ExposedRange& range) {
  EntryFor(range).all_traffic = true;
}

std::string ExposureReport::Entry::PortsText() const {
  if (all_traffic) return "all traffic";
  std::string text;
  for (const auto& [protocol, ports] : ports_by_protocol) {
    if (!text.empty()) text += ", ";
    if (ports.IsFull()) {
      text += model::Protocol(protocol).Name() + "/all ports";
    } else {
      text += DescribeServicePorts(model::Protocol(protocol), ports);
    }
  }
  return text;
}

std::string ExposureReport::Entry::SourcesText() const {
  std::vector<std::string> peers;
  for (const model::SgRule* rule : rules) {
    std::string peer = rule->peer.ToString();
    if (std::find(peers.begin(), peers.end(), peer) == peers.end()) peers.push_back(peer);
  }
  std::string text;
  for (std::size_t i = 0; i < peers.size(); ++i) {
    if (i > 0) text += i + 1 == peers.size() ? " and " : ", ";
    text += peers[i];
  }
  const bool whole_space = std::all_of(rules.begin(), rules.end(), [](const model::SgRule* rule) {
    const model::SgPeer& peer = rule->peer;
    return (peer.kind == model::SgPeer::Kind::kCidrV4 && peer.cidr_v4.length() == 0) ||
           (peer.kind == model::SgPeer::Kind::kCidrV6 && peer.cidr_v6.length() == 0);
  });
  if (!whole_space) {
    const bool v4 = std::find(families.begin(), families.end(), model::IpFamily::kV4) !=
                    families.end();
    const bool v6 = std::find(families.begin(), families.end(), model::IpFamily::kV6) !=
                    families.end();
    text += peers.size() > 1 ? " (together every public " : " (every public ";
    text += v4 && v6 ? "IPv4 and IPv6" : (v4 ? "IPv4" : "IPv6");
    text += " address)";
  }
  return text;
}

void ExposureReport::Emit(const model::SecurityGroup& group, FindingSink& sink,
                          const std::function<std::string(const Entry&)>& message,
                          std::optional<Severity> severity) const {
  for (const Entry& entry : entries_) {
    Finding& finding = ReportOnGroup(sink, group, message(entry), entry.anchor->statement);
    if (severity) finding.severity = *severity;
    for (const model::SgRule* rule : entry.rules) {
      if (rule->statement.pointer == entry.anchor->statement.pointer &&
          rule->statement.file == entry.anchor->statement.file) {
        continue;
      }
      finding.related.push_back(
          {group.id, "also admits " + rule->peer.ToString(), rule->source});
    }
  }
}

void ReportInternetOpenPorts(
    const AnalysisContext& context, FindingSink& sink, const model::PortSet& ports,
    const std::function<std::string(const model::SecurityGroup&, const LoadBalancerContext&)>&
        suffix) {
  for (const model::SecurityGroup& group : context.network.security_groups) {
    const GroupExposure exposure =
        ComputeExposure(group, model::Direction::kIngress, context.topology);
    if (exposure.ranges.empty()) continue;
    const LoadBalancerContext lbs = LoadBalancerOnlyContext(group, context.topology);
    const model::PortSet exempt = ExemptListenerPorts(lbs);
    ExposureReport report;
    for (const ExposedRange& range : exposure.ranges) {
      if (range.protocol.IsAll() || exposure.EveryPortOpen(range.protocol, range.family)) {
        continue;
      }
      const model::PortSet open = range.ports.ToSet().Intersect(ports).Subtract(exempt);
      if (!open.Empty()) report.Add(range, open);
    }
    if (report.Empty()) continue;
    const std::string context_text = suffix ? suffix(group, lbs) : std::string();
    report.Emit(group, sink, [&](const ExposureReport::Entry& entry) {
      return "allows " + entry.PortsText() + " from " + entry.SourcesText() + context_text;
    });
  }
}

}  // namespace netlint::rules
