#include <charconv>

#include "netlint/rules/rule.h"

namespace netlint::rules {

RuleOptions::RuleOptions(const RuleMeta& meta,
                         std::map<std::string, std::string, std::less<>> values)
    : meta_(&meta), values_(std::move(values)) {}

std::string_view RuleOptions::Text(std::string_view name) const {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  if (meta_ != nullptr) {
    for (const RuleOption& option : meta_->options) {
      if (option.name == name) return option.default_value;
    }
  }
  return {};
}

model::PortSet ParsePortList(std::string_view text) {
  model::PortSet ports;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    const std::size_t dash = part.find('-');
    const std::string_view first_text = part.substr(0, dash);
    const std::string_view last_text =
        dash == std::string_view::npos ? first_text : part.substr(dash + 1);
    auto parse = [](std::string_view digits, unsigned& value) {
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      return ec == std::errc() && end == digits.data() + digits.size() && value <= 65535;
    };
    unsigned first = 0;
    unsigned last = 0;
    if (parse(first_text, first) && parse(last_text, last) && first <= last) {
      ports.Add(static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last));
    }
  }
  return ports;
}

model::PortSet RuleOptions::Ports(std::string_view name) const { return ParsePortList(Text(name)); }

long RuleOptions::Integer(std::string_view name) const {
  std::string_view text = Text(name);
  long value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Finding& FindingSink::Report(const model::Resource& resource, model::ResourceKind kind,
                             std::string message, SourceRef source) {
  Finding finding;
  finding.rule = std::string(meta_.code);
  finding.severity = meta_.default_severity;
  finding.resource = resource.id;
  finding.resource_kind = std::string(model::ResourceKindName(kind));
  finding.resource_name = std::string(resource.Name());
  finding.message = std::move(message);
  finding.source = std::move(source);
  finding.scope = resource.scope;
  findings_.push_back(std::move(finding));
  return findings_.back();
}

Finding& FindingSink::Report(std::string message, SourceRef source) {
  Finding finding;
  finding.rule = std::string(meta_.code);
  finding.severity = meta_.default_severity;
  finding.message = std::move(message);
  finding.source = std::move(source);
  findings_.push_back(std::move(finding));
  return findings_.back();
}

}  // namespace netlint::rules
