#pragma once

// Small pieces several rules share: how a security group is named in findings, and how a set of
// exposed port ranges becomes findings anchored at the rule entries that open them.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netlint/rules/rule.h"
#include "rules/common/exposure.h"

namespace netlint::rules {

// "a, b, c and 2 more": at most `limit` items, then how many were left out.
std::string JoinLimited(const std::vector<std::string>& items, std::size_t limit);

// Reports a finding on a security group, naming it by GroupName when it has one.
Finding& ReportOnGroup(FindingSink& sink, const model::SecurityGroup& group,
                       std::string message, SourceRef source);

// Collects exposed ports per anchoring rule entry: one finding per rule entry that opens them
// (the first, in document order, of the rules that together cover the internet), so that a
// finding points at the line to change and two separate openings are two findings.
class ExposureReport {
 public:
  struct Entry {
    const model::SgRule* anchor = nullptr;
    std::map<int, model::PortSet> ports_by_protocol;  // protocol number -> ports
    bool all_traffic = false;
    std::vector<model::IpFamily> families;
    std::vector<const model::SgRule*> rules;  // all contributing rules, anchor first

    [[nodiscard]] std::string PortsText() const;
    // "0.0.0.0/0", "0.0.0.0/0 and ::/0", "0.0.0.0/1 and 128.0.0.0/1 (together every public
    // IPv4 address)"
    [[nodiscard]] std::string SourcesText() const;
  };

  void Add(const ExposedRange& range, const model::PortSet& ports);
  void AddAllTraffic(const ExposedRange& range);
  [[nodiscard]] bool Empty() const { return entries_.empty(); }

  // One finding per entry; `message` builds the text from the entry. `severity` overrides the
  // rule's default when the rule decides it from context.
  void Emit(const model::SecurityGroup& group, FindingSink& sink,
            const std::function<std::string(const Entry&)>& message,
            std::optional<Severity> severity = std::nullopt) const;

 private:
  Entry& EntryFor(const ExposedRange& range);
  std::vector<Entry> entries_;
};

// The shared check of SG001, SG002 and SG004: for every group, the ports of `ports` it opens to
// the whole internet, one finding per statement that opens them ("allows tcp/22 (SSH) from
// 0.0.0.0/0"). Families and protocols where every port is open are left to SG003, and the
// listener ports of groups only internet-facing load balancers carry are exempt. `suffix`
// appends rule-specific context to a group's messages.
void ReportInternetOpenPorts(
    const AnalysisContext& context, FindingSink& sink, const model::PortSet& ports,
    const std::function<std::string(const model::SecurityGroup&, const LoadBalancerContext&)>&
        suffix = nullptr);

}  // namespace netlint::rules
