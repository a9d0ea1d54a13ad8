#include "netlint/config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "netlint/model/address.h"
#include "netlint/rules/registry.h"

namespace netlint::config {
namespace {

class Reader {
 public:
  Reader(FileId file, DiagnosticSink& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  SourceRef Where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return {file_, static_cast<std::uint32_t>(mark.line + 1),
            static_cast<std::uint32_t>(mark.column + 1), ""};
  }
  void Problem(const YAML::Node& node, std::string message) const {
    diagnostics_.Report("IN004", Severity::kWarning, "", "configuration: " + std::move(message),
                        Where(node));
  }
  std::optional<std::string> Scalar(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) {
      Problem(node, std::string(what) + " must be a single value");
      return std::nullopt;
    }
    return node.Scalar();
  }
  // A list of codes, or one code, or a comma-separated string of codes.
  std::vector<std::string> Codes(const YAML::Node& node, std::string_view what) const {
    std::vector<std::string> codes;
    auto add = [&](const YAML::Node& item) {
      if (auto text = Scalar(item, what)) {
        std::stringstream parts(*text);
        std::string part;
        while (std::getline(parts, part, ',')) {
          part.erase(0, part.find_first_not_of(" \t"));
          part.erase(part.find_last_not_of(" \t") + 1);
          if (part.empty()) continue;
          if (!KnownSelector(part)) Problem(item, "no rule code starts with '" + part + "'");
          codes.push_back(part);
        }
      }
    };
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) add(item);
    } else {
      add(node);
    }
    return codes;
  }

  static bool KnownSelector(std::string_view selector) {
    if (selector == "ALL") return true;
    for (const auto& rule : rules::AllRules()) {
      if (rule.code.substr(0, selector.size()) == selector) return true;
    }
    return false;
  }

 private:
  FileId file_;
  DiagnosticSink& diagnostics_;
};

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

constexpr std::string_view kSelectorKeys =
    "id, name, tag, type, ecs-service, subnet, security-group, cidr";

// Kinds a policy can name with `type`: the resources a flow starts or ends at.
bool IsEndpointType(std::string_view type) {
  for (std::string_view known : {"instance", "ecs-service", "db-instance", "cache-cluster",
                                 "replication-group", "network-interface", "load-balancer"}) {
    if (type == known) return true;
  }
  return false;
}

std::optional<PolicySelector> ReadSelector(const Reader& reader, const YAML::Node& node,
                                           std::string_view end) {
  PolicySelector selector;
  selector.source = reader.Where(node);
  if (node.IsScalar()) {
    const std::string text = node.Scalar();
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "internet") {
      selector.kind = PolicySelector::Kind::kInternet;
    } else if (text.rfind("aws:", 0) == 0) {
      if (text.size() == 4) {
        reader.Problem(node, "name an AWS service after aws: (aws:ecr, aws:s3, aws:logs, ...)");
        return std::nullopt;
      }
      selector.kind = PolicySelector::Kind::kAwsService;
      selector.service = text.substr(4);
    } else if (text.empty()) {
      reader.Problem(node, std::string(end) + " of a policy must name something");
      return std::nullopt;
    } else {
      selector.criteria.push_back({SelectorCriterion::Kind::kIdOrName, "", text});
    }
    return selector;
  }
  if (!node.IsMap()) {
    reader.Problem(node, std::string(end) +
                             " of a policy must be internet, aws:SERVICE, a resource id or name, "
                             "or a mapping of " + std::string(kSelectorKeys));
    return std::nullopt;
  }
  bool valid = true;
  for (const auto& field : node) {
    const std::string name = field.first.Scalar();
    const YAML::Node& value = field.second;
    if (name == "tag") {
      if (!value.IsMap() || value.size() == 0) {
        reader.Problem(value, "tag must map tag keys to values ({tier: db})");
        valid = false;
        continue;
      }
      for (const auto& tag : value) {
        if (tag.second.IsNull()) {  // `{tier: }`: any value of the key
          selector.criteria.push_back({SelectorCriterion::Kind::kTag, tag.first.Scalar(), ""});
        } else if (auto text = reader.Scalar(tag.second, "the value of tag " + tag.first.Scalar())) {
          selector.criteria.push_back({SelectorCriterion::Kind::kTag, tag.first.Scalar(), *text});
        } else {
          valid = false;
        }
      }
      continue;
    }
    static const std::pair<std::string_view, SelectorCriterion::Kind> kKinds[] = {
        {"id", SelectorCriterion::Kind::kIdOrName},
        {"name", SelectorCriterion::Kind::kIdOrName},
        {"type", SelectorCriterion::Kind::kType},
        {"ecs-service", SelectorCriterion::Kind::kEcsService},
        {"subnet", SelectorCriterion::Kind::kSubnet},
        {"security-group", SelectorCriterion::Kind::kSecurityGroup},
        {"cidr", SelectorCriterion::Kind::kCidr},
    };
    const auto* kind = std::find_if(std::begin(kKinds), std::end(kKinds),
                                    [&](const auto& known) { return known.first == name; });
    if (kind == std::end(kKinds)) {
      reader.Problem(field.first, "unknown selector '" + name + "' (" +
                                      std::string(kSelectorKeys) + ")");
      valid = false;
      continue;
    }
    auto text = reader.Scalar(value, name);
    if (!text) {
      valid = false;
      continue;
    }
    if (kind->second == SelectorCriterion::Kind::kType && !IsEndpointType(*text)) {
      reader.Problem(value, "type '" + *text + "' is not an end of a flow (instance, ecs-service, "
                                                "db-instance, cache-cluster, replication-group, "
                                                "network-interface, load-balancer)");
      valid = false;
      continue;
    }
    if (kind->second == SelectorCriterion::Kind::kCidr && !model::Ipv4Prefix::Parse(*text)) {
      reader.Problem(value, "cidr '" + *text + "' is not an IPv4 block (10.0.8.0/21)");
      valid = false;
      continue;
    }
    selector.criteria.push_back({kind->second, "", *text});
  }
  if (!valid) return std::nullopt;
  if (selector.criteria.empty()) {
    reader.Problem(node, std::string(end) + " of a policy selects nothing: give one of " +
                             std::string(kSelectorKeys));
    return std::nullopt;
  }
  return selector;
}

// "443" or "8000-8100".
std::optional<model::PortRange> ParsePortRange(std::string_view text) {
  auto number = [](std::string_view part) -> std::optional<std::uint16_t> {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || part.empty() || value > 65535) {
      return std::nullopt;
    }
    return static_cast<std::uint16_t>(value);
  };
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    auto port = number(text);
    if (!port) return std::nullopt;
    return model::PortRange::Single(*port);
  }
  auto first = number(text.substr(0, dash));
  auto last = number(text.substr(dash + 1));
  if (!first || !last || *first > *last) return std::nullopt;
  return model::PortRange{*first, *last};
}

// The body of `deny:` or `allow:`: {from, to, protocol, port}.
// Problems of the flow as a whole are reported at its key (`deny:`), where a reader looks.
bool ReadFlow(const Reader& reader, const YAML::Node& key, const YAML::Node& node,
              Policy& policy) {
  const std::string_view intent = policy.intent == Policy::Intent::kDeny ? "deny" : "allow";
  if (!node.IsMap()) {
    reader.Problem(node, std::string(intent) + " must be a mapping of from, to, protocol, port");
    return false;
  }
  bool valid = true;
  bool has_from = false;
  bool has_to = false;
  for (const auto& field : node) {
    const std::string name = field.first.Scalar();
    const YAML::Node& value = field.second;
    if (name == "from" || name == "to") {
      auto selector = ReadSelector(reader, value, name);
      valid = valid && selector.has_value();
      if (selector) (name == "from" ? policy.from : policy.to) = std::move(*selector);
      (name == "from" ? has_from : has_to) = true;
    } else if (name == "protocol") {
      auto text = reader.Scalar(value, "protocol");
      const auto protocol = text ? model::Protocol::Parse(*text) : std::nullopt;
      const bool supported = protocol && (protocol->IsAll() || protocol->HasPorts() ||
                                          protocol->number() == model::Protocol::kIcmp);
      if (text && !supported) {
        reader.Problem(value, "protocol must be tcp, udp, icmp or all");
      }
      if (!supported) {
        valid = false;
        continue;
      }
      policy.protocol = *protocol;
    } else if (name == "port") {
      auto text = reader.Scalar(value, "port");
      const auto ports = text ? ParsePortRange(*text) : std::nullopt;
      if (text && !ports) {
        reader.Problem(value, "port must be a port (443) or a range (8000-8100)");
      } else if (ports && ports->last - ports->first + 1u > kMaxPolicyPorts) {
        reader.Problem(value, "port range " + ports->ToString() + " is wider than " +
                                  std::to_string(kMaxPolicyPorts) +
                                  " ports; netlint checks a range port by port, so narrow it");
        valid = false;
        continue;
      }
      if (!ports) {
        valid = false;
        continue;
      }
      policy.ports = *ports;
    } else {
      reader.Problem(field.first, "unknown key '" + name + "' in " + std::string(intent) +
                                      " (from, to, protocol, port)");
      valid = false;
    }
  }
  if (!has_from || !has_to) {
    reader.Problem(key, std::string(intent) + " needs both from and to");
    return false;
  }
  if (!valid) return false;
  const model::Protocol protocol = policy.protocol.value_or(model::Protocol::Tcp());
  if (!protocol.HasPorts() && policy.ports && protocol.number() != model::Protocol::kIcmp) {
    reader.Problem(key, "a port does not apply to protocol " + protocol.Name());
    return false;
  }
  const bool port_needed = protocol.HasPorts() && !policy.ports &&
                           !(policy.intent == Policy::Intent::kDeny &&
                             policy.from.kind == PolicySelector::Kind::kInternet) &&
                           !(policy.intent == Policy::Intent::kAllow &&
                             policy.to.kind == PolicySelector::Kind::kAwsService);
  if (port_needed) {
    reader.Problem(key, std::string(intent) + " needs a port: only a deny from the internet "
                                               "covers every port, and an allow to an AWS "
                                               "service means 443");
    return false;
  }
  return true;
}

std::vector<Policy> ReadPolicies(const Reader& reader, const YAML::Node& node) {
  std::vector<Policy> policies;
  if (!node.IsSequence()) {
    reader.Problem(node, "policies must be a list of {name, deny or allow}");
    return policies;
  }
  for (const YAML::Node& item : node) {
    if (!item.IsMap()) {
      reader.Problem(item, "a policy must be a mapping of name and deny or allow");
      continue;
    }
    Policy policy;
    policy.source = reader.Where(item);
    // Copies: yaml-cpp hands out map entries as temporaries (a Node is a cheap handle).
    std::optional<std::pair<YAML::Node, YAML::Node>> flow;
    bool valid = true;
    for (const auto& field : item) {
      const std::string name = field.first.Scalar();
      if (name == "name") {
        if (auto text = reader.Scalar(field.second, "the name of a policy")) policy.name = *text;
      } else if (name == "deny" || name == "allow") {
        if (flow) {
          reader.Problem(field.first, "a policy is either deny or allow, not both");
          valid = false;
          continue;
        }
        policy.intent = name == "deny" ? Policy::Intent::kDeny : Policy::Intent::kAllow;
        flow.emplace(field.first, field.second);
      } else {
        reader.Problem(field.first, "unknown key '" + name + "' in a policy (name, deny, allow)");
        valid = false;
      }
    }
    if (policy.name.empty()) {
      reader.Problem(item, "a policy needs a name: say what it protects or provides");
      continue;
    }
    if (!flow) {
      reader.Problem(item, "the policy '" + policy.name + "' needs deny or allow");
      continue;
    }
    if (!ReadFlow(reader, flow->first, flow->second, policy) || !valid) continue;
    policies.push_back(std::move(policy));
  }
  return policies;
}

}  // namespace

std::string PolicySelector::ToString() const {
  switch (kind) {
    case Kind::kInternet: return "internet";
    case Kind::kAwsService: return "aws:" + service;
    case Kind::kResources: break;
  }
  std::string text;
  for (const SelectorCriterion& criterion : criteria) {
    if (!text.empty()) text += " and ";
    switch (criterion.kind) {
      case SelectorCriterion::Kind::kIdOrName: text += criterion.value; break;
      case SelectorCriterion::Kind::kTag: text += "tag " + criterion.key + "=" + criterion.value; break;
      case SelectorCriterion::Kind::kType: text += "type " + criterion.value; break;
      case SelectorCriterion::Kind::kEcsService: text += "ecs-service " + criterion.value; break;
      case SelectorCriterion::Kind::kSubnet: text += "subnet " + criterion.value; break;
      case SelectorCriterion::Kind::kSecurityGroup: text += "security-group " + criterion.value; break;
      case SelectorCriterion::Kind::kCidr: text += "cidr " + criterion.value; break;
    }
  }
  return text;
}

std::filesystem::path FindConfig(const std::filesystem::path& start) {
  std::error_code ec;
  for (std::filesystem::path folder = std::filesystem::absolute(start, ec); !folder.empty();
       folder = folder.parent_path()) {
    const std::filesystem::path candidate = folder / ".netlint.yaml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (folder == folder.parent_path()) break;
  }
  return {};
}

std::string Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

std::optional<Config> LoadConfig(const std::string& path, FileTable& files,
                                 DiagnosticSink& diagnostics) {
  const FileId file = files.Add(path);
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::ParserException& error) {
    diagnostics.Report("IN001", Severity::kError, "", "configuration is not valid YAML: " + error.msg,
                       SourceRef{file, static_cast<std::uint32_t>(error.mark.line + 1),
                                 static_cast<std::uint32_t>(error.mark.column + 1), ""});
    return std::nullopt;
  } catch (const YAML::Exception& error) {
    diagnostics.Report("IN001", Severity::kError, "", "cannot read configuration: " + error.msg,
                       SourceRef{file, 0, 0, ""});
    return std::nullopt;
  }
  Config config;
  config.path = path;
  const Reader reader(file, diagnostics);
  if (root.IsNull()) return config;
  if (!root.IsMap()) {
    reader.Problem(root, "the configuration must be a mapping of settings");
    return config;
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "select") {
      config.select = reader.Codes(value, "select");
    } else if (key == "ignore") {
      config.ignore = reader.Codes(value, "ignore");
    } else if (key == "severity") {
      if (!value.IsMap()) {
        reader.Problem(value, "severity must map rule codes to error, warning or note");
        continue;
      }
      for (const auto& item : value) {
        const std::string code = item.first.Scalar();
        const auto severity = item.second.IsScalar() ? ParseSeverity(item.second.Scalar())
                                                     : std::nullopt;
        if (rules::MakeRule(code) == nullptr) {
          reader.Problem(item.first, "unknown rule code '" + code + "'");
        } else if (!severity) {
          reader.Problem(item.second, "severity of " + code + " must be error, warning or note");
        } else {
          config.severity[code] = *severity;
        }
      }
    } else if (key == "rules") {
      if (!value.IsMap()) {
        reader.Problem(value, "rules must map rule codes to their options");
        continue;
      }
      for (const auto& item : value) {
        const std::string code = item.first.Scalar();
        const auto rule = rules::MakeRule(code);
        if (rule == nullptr) {
          reader.Problem(item.first, "unknown rule code '" + code + "'");
          continue;
        }
        if (!item.second.IsMap()) {
          reader.Problem(item.second, "the options of " + code + " must be a mapping");
          continue;
        }
        for (const auto& option : item.second) {
          const std::string name = option.first.Scalar();
          bool known = false;
          for (const rules::RuleOption& documented : rule->Meta().options) {
            known = known || documented.name == name;
          }
          if (!known) {
            reader.Problem(option.first, code + " has no option '" + name + "'");
            continue;
          }
          if (option.second.IsSequence()) {
            std::string joined;
            for (const YAML::Node& part : option.second) {
              if (!joined.empty()) joined += ", ";
              joined += part.Scalar();
            }
            config.options[code][name] = joined;
          } else if (auto text = reader.Scalar(option.second, code + " " + name)) {
            config.options[code][name] = *text;
          }
        }
      }
    } else if (key == "ignores") {
      if (!value.IsSequence()) {
        reader.Problem(value, "ignores must be a list of {rule, resource, reason, expires}");
        continue;
      }
      for (const YAML::Node& item : value) {
        if (!item.IsMap()) {
          reader.Problem(item, "an ignore entry must be a mapping");
          continue;
        }
        IgnoreEntry ignore;
        ignore.source = reader.Where(item);
        for (const auto& field : item) {
          const std::string name = field.first.Scalar();
          auto text = reader.Scalar(field.second, "ignore " + name);
          if (!text) continue;
          if (name == "rule") {
            ignore.rule = *text;
            if (!Reader::KnownSelector(*text)) {
              reader.Problem(field.second, "no rule code starts with '" + *text + "'");
            }
          } else if (name == "resource") {
            ignore.resource = *text;
          } else if (name == "reason") {
            ignore.reason = *text;
          } else if (name == "expires") {
            ignore.expires = *text;
            if (!IsDate(*text)) reader.Problem(field.second, "expires must be a date, YYYY-MM-DD");
          } else {
            reader.Problem(field.first, "unknown key '" + name +
                                            "' in an ignore entry (rule, resource, reason, expires)");
          }
        }
        if (ignore.rule.empty()) {
          reader.Problem(item, "an ignore entry needs a rule");
          continue;
        }
        if (ignore.reason.empty()) {
          reader.Problem(item, "an ignore entry needs a reason: say why the finding is accepted");
          continue;
        }
        config.ignores.push_back(std::move(ignore));
      }
    } else if (key == "policies") {
      config.policies = ReadPolicies(reader, value);
    } else {
      reader.Problem(entry.first, "unknown setting '" + key +
                                      "' (select, ignore, severity, rules, ignores, policies)");
    }
  }
  return config;
}

}  // namespace netlint::config
